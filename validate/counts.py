"""Counts announced in the text or a header: "06 chỉ số chính, 39 chỉ số thành phần",
"Chỉ số thành phần (39 chỉ số thành phần)", "Tổng điểm (1.000)"."""
from __future__ import annotations

import re
from decimal import Decimal

from ..extract.interpret import fold
from .base import noun, title_of
from .base import folded
from .context import Context
from .findings import Finding, finding, where_words
from .phrasebook import find



def check_counts(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for t, table in enumerate(ctx.doc.tables):
        for c, col in enumerate(table.columns):
            for hit in find("claim-header-count", col.label)[:1]:
                out += _header(ctx, t, c, hit.text("count"), hit.text("words").strip())
    for p in ctx.doc.paragraphs:
        for hit in find("claim-count", p.text, id="count-main-parts")[:1]:
            out += _sentence(ctx, p, int(hit.text("main")), int(hit.text("parts")))
        for hit in find("claim-count", p.text, id="count-categories")[:1]:
            out += _categories(ctx, p, int(hit.text("count")))
    return out


def _numbers(titles: list[str], lang: str = "en") -> str:
    """'Bảng 2.1 to 2.7' ('Bảng 2.1 đến 2.7') from the tables' captions, or their count
    when they print none."""
    nums = [m.group(1) for t in titles if (m := re.match(r"^B\w{0,2}ng\s+([\d.]*\d)", t))]
    if len(nums) == len(titles) and nums:
        return f"Bảng {nums[0]} {'đến' if lang == 'vi' else 'to'} {nums[-1]}"
    return "; ".join(titles)


def _categories(ctx: Context, p, said: int) -> list[Finding]:
    """"dựa trên 06 hạng mục chính" against the category tables of each level."""
    from .across import category_tables
    out = []
    for level in ("department", "district", "commune"):
        tables = category_tables(ctx, level, -1)
        if len(tables) < 2 or len(tables) == said:
            continue
        titles = [title_of(ctx.doc.tables[t]) or "" for t in tables.values()]
        names = _numbers(titles)
        en = (f"The text speaks of {said:02d} categories, but the {level} results come in "
              f"{len(tables)} category tables: {names}.")
        vi = (f"Văn bản nêu {said:02d} hạng mục, nhưng kết quả cấp {noun(level, lang='vi')} có "
              f"{len(tables)} bảng hạng mục: {_numbers(titles, 'vi')}.")
        out.append(finding("claim-count", "warning", en, vi, printed=f"{said:02d}",
                           expected=str(len(tables)), line=p.where.line,
                           page=p.where.page).with_(path=p.where.path))
    return out


def _column_numbers(ctx: Context, t: int, c: int) -> list[Decimal]:
    rows = range(len(ctx.doc.tables[t].rows))
    return [v for r in rows if (v := ctx.value(t, r, c)) is not None]


def _data_rows(ctx: Context, t: int) -> int:
    table = ctx.doc.tables[t]
    return sum(1 for r in range(len(table.rows)) if any(x.text for x in table.rows[r].cells[1:]))


def _header(ctx: Context, t: int, c: int, number: str, words: str) -> list[Finding]:
    table = ctx.doc.tables[t]
    said = ctx.parse(number).value
    nums = _column_numbers(ctx, t, c)
    if said is None:
        return []
    if len(nums) >= 0.5 * len(table.rows) and nums:
        have, what, what_vi = sum(nums, Decimal(0)), "its values add to", "các giá trị cộng lại được"
    else:
        have, what, what_vi = Decimal(_data_rows(ctx, t)), "the rows below number", "số dòng bên dưới là"
    if have == said:
        return []
    label = table.columns[c].label
    en = f"The header \"{label}\" announces {number}{' ' + words if words else ''}, but {what} {have}."
    vi = f"Tiêu đề cột \"{label}\" ghi {number}{' ' + words if words else ''}, nhưng {what_vi} {have}."
    return [finding("claim-header-count", "error", en, vi, table=t, table_title=title_of(table),
                    column=label, printed=number, expected=str(have), line=table.where.line,
                    page=table.where.page, col_index=c)]


def _sentence(ctx: Context, p, main: int, parts_said: int) -> list[Finding]:
    t = _structure_table(ctx, p)
    if t is None:
        return []
    table = ctx.doc.tables[t]
    mains = _data_rows(ctx, t)
    comp_col = next((c for c, col in enumerate(table.columns)
                     if "thanh phan" in fold(col.label)), None)
    parts = sum(_column_numbers(ctx, t, comp_col), Decimal(0)) if comp_col is not None else None
    out = []
    for said, have, what, what_vi in ((main, mains, "main indices", "chỉ số chính"),
                                      (parts_said, parts, "component indices", "chỉ số thành phần")):
        if have is None or said == have:
            continue
        at, at_vi = (f" ({w})" if w else "" for w in (where_words(_first_where(table)),
                                                      where_words(_first_where(table), "vi")))
        en = f"The text announces {said:02d} {what}, but the table that follows{at} has {have}."
        vi = f"Văn bản nêu {said:02d} {what_vi}, nhưng bảng ngay sau{at_vi} có {have}."
        out.append(finding("claim-count", "error", en, vi, table=t, table_title=title_of(table),
                           printed=f"{said:02d}", expected=str(have), line=p.where.line,
                           page=p.where.page))
    return out


def _structure_table(ctx: Context, p) -> int | None:
    """The table printed right after the sentence (no other paragraph between them) whose
    header names "chỉ số chính"; positions are lines in text, page and top in PDF."""
    here = _position(p.where)
    after = sorted((_position(table.where), t) for t, table in enumerate(ctx.doc.tables)
                   if _position(table.where) > here)
    if not after:
        return None
    there, t = after[0]
    between = any(here < _position(q.where) < there and not q.text[:1].islower()
                  for q in ctx.doc.paragraphs)   # a lower-case start goes on the sentence
                                                 # (a PDF paragraph cut by a page break)
    named = any("chi so chinh" in fold(c.label) for c in ctx.doc.tables[t].columns)
    return t if named and not between else None


def _position(where) -> tuple:
    if where.line is not None:
        return (0, where.line)
    return (where.page or 0, where.bbox[1] if where.bbox else 0.0)


def _first_where(table):
    """Where a table starts: its own place, else its first row's."""
    w = table.where
    if w.line is None and w.page is None and w.path is None and table.rows:
        return table.rows[0].where
    return w
