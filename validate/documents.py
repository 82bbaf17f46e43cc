"""Claims across documents: a news item's results against the decision it reports.

Rule:
  claim-across-documents  error  a score a page tells in prose ("… đứng đầu với 88,10
                                 điểm") differs from the total the decision of the same
                                 province and year prints for that unit (88,1 is 88,10)
Documents are linked by province and evaluation year; units by their name key (normalize),
whatever their spelling in each.
"""
from __future__ import annotations

from decimal import Decimal

from ..extract.model import Document
from ..normalize.keys import parse_name
from ..normalize.numbers import parse_number
from .base import cell_line, show, title_of
from .context import Context
from .findings import Finding, finding


def check_documents(ctx: Context, library: list[Document]) -> list[Finding]:
    meta = ctx.doc.meta
    if not meta.province or not meta.evaluation_year:
        return []
    decisions = [d for d in library if d is not ctx.doc and d.meta.province == meta.province
                 and d.meta.evaluation_year == meta.evaluation_year and d.meta.kind == "results"]
    out: list[Finding] = []
    for t, table in enumerate(ctx.doc.tables):
        if not (table.title or "").endswith("(prose)"):
            continue
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
