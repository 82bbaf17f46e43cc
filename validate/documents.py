"""Claims across documents: a news item's results against the decision it reports, and a
change of place against the previous year's ranking of the same index.

Rules:
  claim-across-documents  error  a score a page tells in prose ("… đứng đầu với 88,10
                                 điểm") differs from the total the decision of the same
                                 province and year prints for that unit (88,1 is 88,10)
  claim-rank-change       error  "xếp hạng 25/63, tăng 8 bậc so với năm 2018" where the
                                 2018 ranking of the same index in the corpus places the
                                 unit elsewhere than 33
Decisions are linked by province and evaluation year; a previous ranking by its index
family (ICT Index, DTI, PAR INDEX, SIPAS, PAPI, PCI, information security) and the year
before (or the year the sentence names), and by province too unless it ranks provinces.
Units by their name key (normalize), whatever their spelling in each.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..extract.interpret import fold
from ..extract.model import Document
from ..normalize.keys import parse_name
from ..normalize.numbers import parse_number
from .base import cell_line, show, title_of
from .context import Context
from .findings import Finding, finding
from .phrasebook import Hit, find


def check_documents(ctx: Context, library: list[Document]) -> list[Finding]:
    meta = ctx.doc.meta
    out = _rank_changes(ctx, library)
    if not meta.province or not meta.evaluation_year:
        return out
    decisions = [d for d in library if d is not ctx.doc and d.meta.province == meta.province
                 and d.meta.evaluation_year == meta.evaluation_year and d.meta.kind == "results"]
    for t, table in enumerate(ctx.doc.tables):
        if not (table.title or "").endswith("(prose)") or table.column_index("score") is None:
            continue                     # results told in prose (a rubric told so has no score)
        for decision in decisions:
            printed = totals(decision)
            out += [f for r in range(len(table.rows)) if (f := _compare(ctx, t, r, decision, printed))]
    return out


def totals(doc: Document) -> dict[str, list[tuple[Decimal, str, str]]]:
    """Unit key → every (total, as printed, the table's title) the decision prints for it
    (the text may speak of any of its rankings: an error only when it matches none)."""
    out: dict = {}
    for table in doc.tables:
        unit, total = table.column_index("unit"), table.column_index("total")
        if table.kind != "scores" or unit is None or total is None:
            continue
        for r in range(len(table.rows)):
            value = parse_number(table.cell(r, total).text).value
            name = table.cell(r, unit).text
            if value is not None and name:
                out.setdefault(parse_name(name).key, []).append(
                    (value, table.cell(r, total).text, title_of(table) or ""))
    return out


def _compare(ctx: Context, t: int, r: int, decision: Document, printed: dict) -> Finding | None:
    table = ctx.doc.tables[t]
    name, said = table.cell(r, 0).text, table.cell(r, table.column_index("score")).text
    value = ctx.parse(said).value
    every = printed.get(parse_name(name).key)
    if value is None or not every or any(v == value for v, _, _ in every):
        return None
    found = every[0]
    number = decision.meta.number or decision.source.path
    en = (f"{name}: the text says {said} points, but decision {number} prints {found[1]} "
          f"(\"{found[2]}\").")
    vi = (f"{name}: văn bản nêu {said} điểm, nhưng quyết định {number} in {found[1]} điểm "
          f"(\"{found[2]}\").")
    return finding("claim-across-documents", "error", en, vi, table=t, table_title=title_of(table),
                   row=r, unit=name, printed=said, expected=show(found[0], ctx.convention),
                   line=cell_line(table, r))


# ---------------------------------------------------------------- changes of place

#: Index families a page's title and opening name, folded.
FAMILIES = (("ict", r"ict index|san sang cho phat trien va ung dung|muc do ung dung (?:cong nghe thong tin|cntt)"),
            ("dti", r"\bdti\b|chuyen doi so"),
            ("par", r"par index|cai cach hanh chinh|\bcchc\b"),
            ("sipas", r"\bsipas\b|su hai long"),
            ("papi", r"\bpapi\b"),
            ("pci", r"\bpci\b|nang luc canh tranh"),
            ("security", r"an toan thong tin"))


def index_family(doc: Document) -> str | None:
    """The index a document is about: the family its title and opening name most."""
    text = fold(" ".join([doc.meta.title or "", *[p.text for p in doc.paragraphs[:6]],
                          *[t.title or "" for t in doc.tables[:3]]]))
    counts = {name: len(re.findall(pattern, text)) for name, pattern in FAMILIES}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def places(doc: Document) -> dict[str, list[tuple[int, str]]]:
    """Unit key → every (place, where) the document gives it overall: ranking tables, and
    results told in prose that name no component index."""
    out: dict = {}
    for table in doc.tables:
        unit, rank = table.column_index("unit"), table.column_index("rank")
        if table.kind != "scores" or unit is None or rank is None:
            continue
        index = table.column_index("category")
        for r in range(len(table.rows)):
            text = table.cell(r, rank).text.strip()
            if not text.isdigit() or index is not None and table.cell(r, index).text.strip():
                continue
            if _year_cell(table, r) not in ("", str(doc.meta.evaluation_year)):
                continue
            q = parse_name(table.cell(r, unit).text)
            for k in dict.fromkeys((q.key, q.bare)):
                out.setdefault(k, []).append((int(text), title_of(table) or ""))
    return out


def _year_cell(table, r: int) -> str:
    k = next((i for i, c in enumerate(table.columns) if c.label == "year"), None)
    return table.cell(r, k).text.strip() if k is not None else ""


def _rank_changes(ctx: Context, library: list[Document]) -> list[Finding]:
    meta, family = ctx.doc.meta, index_family(ctx.doc)
    if not meta.evaluation_year or family is None:
        return []
    out: list[Finding] = []
    known: dict[int, tuple[str | None, dict]] = {}     # a library document's family and places
    for t, table in enumerate(ctx.doc.tables):
        change = next((i for i, c in enumerate(table.columns) if c.label == "change"), None)
        rank = table.column_index("rank")
        if change is None or rank is None or not (table.title or "").endswith("(prose)"):
            continue
        for r in range(len(table.rows)):
            moved = find("claim-rank-change", table.cell(r, change).text, id="rank-moved")
            now = table.cell(r, rank).text.strip()
            if moved and now.isdigit():
                out += _against_before(ctx, t, r, moved[0], int(now), family, library, known)
    return out


def _against_before(ctx, t, r, hit: Hit, now: int, family: str, library: list[Document],
                    known: dict) -> list[Finding]:
    table, meta = ctx.doc.tables[t], ctx.doc.meta
    line = cell_line(table, r)
    said = [h for h in find("claim-rank-change", _line_text(ctx.doc, line), id="rank-change")
            if h.text("steps") == hit.text("steps")] if line else []
    year = int(said[0].text("year")) if said else meta.evaluation_year - 1
    name = table.cell(r, 0).text
    key = parse_name(name).key
    for before in library:
        if before is ctx.doc or before.meta.evaluation_year != year:
            continue
        if id(before) not in known:
            known[id(before)] = (index_family(before), places(before))
        their_family, ranked = known[id(before)]
        if their_family != family:
            continue
        if meta.province and before.meta.province and before.meta.province != meta.province \
                and before.meta.scope != "national" and not _is_province(name):
            continue
        found = ranked.get(key) or ranked.get(parse_name(name).bare)
        if not found:
            continue
        was, where = found[0]
        steps, down = int(hit.text("steps")), hit.match.group("dir") in ("giam", "tut", "lui")
        moved = now - was if down else was - now
        if moved == steps:
            return []
        number = before.meta.number or before.source.path
        said_text = hit.printed[hit.span[0]:hit.span[1]]
        en = (f"{name}: the text says \"{said_text}\" since {year}, to place {now}, but {number} "
              f"(\"{where}\") places it {was} in {year}: a move of {abs(was - now)} places.")
        vi = (f"{name}: văn bản nêu \"{said_text}\" so với năm {year} (nay hạng {now}), nhưng "
              f"{number} (\"{where}\") xếp hạng {was} năm {year}: chênh {abs(was - now)} bậc.")
        return [finding("claim-rank-change", "error", en, vi, table=t, table_title=title_of(table),
                        row=r, unit=name, printed=said_text, expected=_move(was, now), line=line)]
    return []


def _move(was: int, now: int) -> str:
    """The move two places make, worded as the text words one: "tăng 5 bậc", "giữ hạng"."""
    if was == now:
        return "giữ hạng"
    return f"{'tăng' if was > now else 'giảm'} {abs(was - now)} bậc"


def _line_text(doc: Document, line: int) -> str:
    return next((p.text for p in doc.paragraphs if p.where.line == line), "")


def _is_province(name: str) -> bool:
    return parse_name(name).level in ("province", None)
