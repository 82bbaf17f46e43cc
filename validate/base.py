"""Small helpers every check shares: where a cell is, how to show a value."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..extract.interpret import fold
from ..extract.model import Table
from .context import Context

NOUNS = {  # level → (one, many) in English and Vietnamese
    "department": ("department", "departments", "sở, ngành", "sở, ngành"),
    "district": ("district", "districts", "huyện", "huyện"),
    "commune": ("commune", "communes", "xã", "xã"),
}


def title_of(table: Table) -> str | None:
    return table.title or table.caption


def column_name(table: Table, c: int) -> str:
    col = table.columns[c]
    return col.number or col.label or f"#{c + 1}"


def column_words(table: Table, c: int, lang: str = "en") -> str:
    """'column (11)' or 'column "Tổng điểm"' / 'cột (11)'."""
    col = table.columns[c]
    word = "column" if lang == "en" else "cột"
    if col.number:
        return f"{word} {col.number}"
    return f'{word} "{col.label}"' if col.label else f"{word} {c + 1}"


def cell_line(table: Table, r: int, c: int | None = None) -> int | None:
    if c is not None:
        line = table.cell(r, c).where.line
        if line is not None:
            return line
    return table.rows[r].where.line


def cell_page(table: Table, r: int, c: int | None = None) -> int | None:
    if c is not None and table.cell(r, c).where.page is not None:
        return table.cell(r, c).where.page
    return table.rows[r].where.page


def show(value: Decimal | None, convention: str = "comma", places: int | None = None) -> str:
    """A computed value the way the document prints numbers: 43, 38,5 (comma) or 38.5."""
    if value is None:
        return "—"
    if places is None:
        places = min(2, max(0, -value.normalize().as_tuple().exponent))
    q = value.quantize(Decimal(1).scaleb(-places))
    text = f"{q:f}"
    return text.replace(".", ",") if convention == "comma" else text


def show_diff(value: Decimal, convention: str) -> str:
    return show(abs(value), convention)


def noun(level: str | None, plural: bool = False, lang: str = "en") -> str:
    one, many, vi_one, vi_many = NOUNS.get(level or "", ("unit", "units", "đơn vị", "đơn vị"))
    if lang == "vi":
        return vi_many if plural else vi_one
    return many if plural else one


def mentions_ranking(table: Table) -> bool:
    text = fold(" ".join(x for x in (*table.context, table.title or "", table.caption or "")))
    return "xep hang" in text or "xep loai" in text


def unit_name(ctx: Context, t: int, r: int) -> str:
    """The unit a row speaks of: its unit cell, else (a table whose unit column was not
    recognised) its first cell of words that is not the row number."""
    u = ctx.unit(t, r)
    if u:
        return u.name
    table = ctx.doc.tables[t]
    for c, cell in enumerate(table.rows[r].cells):
        role = table.columns[c].role if c < len(table.columns) else ""
        if cell.text and role not in ("row_no", "criterion_id") and ctx.value(t, r, c) is None \
                and any(ch.isalpha() for ch in cell.text):
            return cell.text
    return f"row {r + 1}"


LEVEL_WORDS = (("department", r"\bso,? (?:ban,? )?nganh|co quan chuyen mon|khoi so\b"),
               ("district", r"\bhuyen\b"),
               ("commune", r"\bxa\b"))


def topic_of(text: str) -> str:
    """"web_portal" when a sentence speaks of the web portals (Trang TTĐT), else "overall"."""
    return "web_portal" if re.search(r"trang (ttdt|thong tin dien tu)", fold(text)) else "overall"


def level_of(text: str) -> str | None:
    """The one level of units a sentence speaks of: department, district or commune."""
    key = fold(text)
    hits = [lvl for lvl, pat in LEVEL_WORDS if re.search(pat, key)]
    return hits[0] if len(hits) == 1 else None


@lru_cache(maxsize=8192)
def folded(text: str) -> str:
    """fold() of a paragraph, computed once per distinct text."""
    return fold(text)
