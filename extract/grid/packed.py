"""Cells that pack two things into one printed text, split into both.

    "01 (0,727)"   rank and index          → rank "01", index "0,727"
    "83,5 (2)"     score and rank          → score "83,5", rank "2"
    "7,37/10"      score and its maximum   → score "7,37", maximum "10"
    "12/63"        rank and field size     → rank "12", field size "63"
    "1 TP. Đà Nẵng" rank and unit          → rank "1", unit "TP. Đà Nẵng"

The printed column stays as printed, with role ``packed``; each part becomes a
derived column appended after the printed ones (``Column.derived_from`` = the
printed column's index, ``Column.part`` = the part's name).  A derived cell
holds the printed substring, never a rewritten number, and the provenance of
the cell it was cut from.  Which split a column takes is decided from the whole
column: "a/b" with whole numbers, the same b on every row and no a above it is
a rank out of a field size; otherwise a score out of its maximum.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Cell, Column, Row

_NUM = r"\d+(?:[.,]\d+)?"
BRACKETED = re.compile(rf"^({_NUM})\s*\(\s*({_NUM})\s*\)$")
SLASHED = re.compile(rf"^({_NUM})\s*/\s*({_NUM})$")
_WHOLE = re.compile(r"^\d{1,3}$")
#: A rank printed before the name, in the name's column: "1 TP. Đà Nẵng", "12. Sở Y tế".
RANKED_NAME = re.compile(r"^(\d{1,3})\.?\s+(\D.*)$")
#: Columns never split: their text is not a number (a unit column only for a rank before the name).
TEXT_ROLES = ("row_no", "unit", "criterion", "criterion_id", "rule", "evidence", "note")
#: A column is packed when this share of its filled cells (two at least) split alike.
SHARE = 0.8


@dataclass(frozen=True)
class Split:
    """How one packed column splits: the pattern, and each part's name and role."""

    pattern: re.Pattern
    parts: tuple[tuple[str, str], ...]          # (part name, role) for group 1, group 2


def split_packed(columns: list[Column], rows: list[Row]) -> tuple[list[Column], list[Row]]:
    """Columns and rows with a derived column per part of every packed column."""
    splits = [(k, _split_of(col, [r.cells[k].text for r in rows if k < len(r.cells)]))
              for k, col in enumerate(columns) if col.role not in TEXT_ROLES or col.role == "unit"]
    splits = [(k, s) for k, s in splits if s is not None]
    if not splits:
        return columns, rows
    columns = list(columns)
    extra = []
    for k, s in splits:
        col = columns[k]
        columns[k] = Column(col.label, "packed", col.number, col.group)
        extra += [Column(col.label, role, None, col.group, derived_from=k, part=name)
                  for name, role in s.parts]
    return columns + extra, [_with_parts(row, splits) for row in rows]


def _with_parts(row: Row, splits) -> Row:
    cells = list(row.cells)
    for k, s in splits:
        cell = row.cells[k] if k < len(row.cells) else Cell("")
        m = s.pattern.match(cell.text)
        cells += [Cell(m.group(i + 1) if m else "", cell.where) for i in range(len(s.parts))]
    return Row(tuple(cells), row.where)


def _split_of(col: Column, texts: list[str]) -> Split | None:
    filled = [t for t in texts if t]
    if col.role == "unit":
        return _ranked_names(filled)
    for pattern in (BRACKETED, SLASHED):
        found = [m for m in (pattern.match(t) for t in filled) if m]
        if len(found) >= 2 and len(found) >= SHARE * len(filled):
            return _name_parts(pattern, found, col)
    return None


def _name_parts(pattern: re.Pattern, found: list[re.Match], col: Column) -> Split:
    first = [m.group(1) for m in found]
    second = [m.group(2) for m in found]
    if pattern is BRACKETED:
        if all(_WHOLE.match(t) for t in first) and not all(_WHOLE.match(t) for t in second):
            return Split(pattern, (("rank", "rank"), ("index", "score")))
        if all(_WHOLE.match(t) for t in second) and not all(_WHOLE.match(t) for t in first):
            return Split(pattern, (("score", _score_role(col)), ("rank", "rank")))
        return Split(pattern, (("value", _score_role(col)), ("bracketed", "value")))
    if _rank_of_field(first, second):
        return Split(pattern, (("rank", "rank"), ("field_size", "value")))
    return Split(pattern, (("score", _score_role(col)), ("maximum", "max_points")))


def _ranked_names(filled: list[str]) -> Split | None:
    """A unit column whose every name starts with a different number: a rank."""
    found = [m for m in (RANKED_NAME.match(t) for t in filled) if m]
    ranks = [int(m.group(1)) for m in found]
    if len(found) >= 2 and len(found) == len(filled) and len(set(ranks)) == len(ranks):
        return Split(RANKED_NAME, (("rank", "rank"), ("unit", "unit")))
    return None


def _rank_of_field(first: list[str], second: list[str]) -> bool:
    """"12/63", "2/63": whole numbers over one constant field size, none above it."""
    if not all(_WHOLE.match(t) for t in first + second) or len(set(second)) != 1:
        return False
    size = int(second[0])
    return all(1 <= int(t) <= size for t in first) and size > 10


def _score_role(col: Column) -> str:
    return col.role if col.role in ("component", "total", "score") else "score"
