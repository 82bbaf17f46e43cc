"""Tables printed one cell per line, as legal portals' text views print them.

    TT / Đơn vị / Điểm / Tổng điểm / <component labels…> / (1) … (n) /
    1 / Văn phòng UBND tỉnh / 5 / 4 / 4 / 4 / 17 / 2 / …

The header labels come first (a two-row header row by row), then the column
numbers when they are printed, then the rows.  A score row starts with the
next row number followed by a unit name; a rubric row starts with a criterion
id ("1.2.1") or, for the scoring rule printed under it, with an empty cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .interpret import column_number, columns_from_labels, fold, interpret, label_role
from .model import Cell, Column, Row, RowGroup, Source, Table, Where


@dataclass(frozen=True)
class Item:
    """One non-blank line: a cell, a label or a paragraph."""

    line: int
    text: str


def items_of(text: str) -> list[Item]:
    """Non-blank lines with their 1-based numbers; a line holding only a
    no-break space is an empty cell ("")."""
    out = []
    for n, raw in enumerate(text.split("\n"), 1):
        if raw.strip(" \t\r") == "":
            continue
        out.append(Item(n, " ".join(raw.split())))
    return out


_NUMERIC = re.compile(r"^[-+]?\d+(?:[.,]\d+)*\s*%?$|^\d+\s*\(\s*\d+(?:[.,]\d+)?\s*\)$|^[-x–—]$", re.I)
_ID = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.?|[a-zđ]\))$")
_BAND = re.compile(r"^(?:[A-ZĐ]\.\s*)?M\w{0,2}c\s+[^\d()]{2,30}\(\s*\d+(?:[.,]\d+)?\s*%\s*\)$")
CAPTION = re.compile(r"^B\w{0,2}ng\s+\d+(?:\.\d+)*\.?\s+\S")


def is_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text))


def is_band(text: str) -> bool:
    """A grade-band row inside a table: "A. Mức khá (67%)", "Mức trung bình (17%)"."""
    return bool(_BAND.match(text))


def is_header_start(text: str) -> bool:
    return label_role(text) == "row_no"


def is_text(text: str) -> bool:
    return text != "" and not is_numeric(text)


@dataclass
class Parsed:
    table: Table
    first: int        # index of the header's first item
    last: int         # index of the table's last item (caption included)


def find_tables(items: list[Item], source: Source) -> list[Parsed]:
    out, i = [], 0
    while i < len(items):
        if is_header_start(items[i].text) or _is_corner(items, i):
            parsed = _crosstab_at(items, i, source) if _is_corner(items, i) else _parse_at(items, i, source)
            if parsed:
                out.append(parsed)
                i = parsed.last + 1
                continue
        i += 1
    return out


def _parse_at(items: list[Item], start: int, source: Source) -> Parsed | None:
    labels, i = [], start
    while i < len(items) and len(labels) < 40:
        t = items[i].text
        if column_number(t) is not None or is_band(t) or _starts_row(items, i, kind=None):
            break
        labels.append(items[i])
        i += 1
    numbering = []
    while i < len(items) and column_number(items[i].text) is not None:
        numbering.append(items[i].text)
        i += 1
    if len(labels) < 2 or i >= len(items):
        return None
    width = len(numbering) or None
    columns = columns_from_labels([x.text for x in labels], width, numbering or None)
    kind, columns, sums = interpret(columns)
    width = len(columns)
    if kind == "rubric":
        rows, groups, end, truncated = _rubric_rows(items, i, columns)
    else:
        rows, groups, end, truncated = _score_rows(items, i, columns)
    if not rows:
        return None
    last = end - 1
    caption = None
    j = end
    while j < len(items) and items[j].text == "":
        j += 1
    if j < len(items) and CAPTION.match(items[j].text):
        caption, last = items[j].text, j
    table = Table(
        source=source, rows=tuple(rows), columns=tuple(columns), kind=kind,
        caption=caption, row_groups=tuple(groups), sums=tuple(sums),
        numbering=tuple(numbering), truncated=truncated,
        where=Where(line=items[start].line),
        header=tuple(Cell(x.text, Where(line=x.line)) for x in labels))
    return Parsed(table, start, last)


_CORNER = re.compile(r"^(kh\w{0,2}i|don vi|co quan)$")


def _is_corner(items: list[Item], i: int) -> bool:
    """A cross-table whose corner cell is split over two labels: "Khối" / "Xếp hạng"."""
    return (i + 1 < len(items) and bool(_CORNER.match(fold(items[i].text)))
            and label_role(items[i + 1].text) in ("rank", "grade"))


def _crosstab_at(items: list[Item], start: int, source: Source) -> Parsed | None:
    """Khối | Xếp hạng / Sở, ngành / UBND huyện, then rows "Mức tốt | 0% | 0%":
    the share of units in each grade band, per block of units."""
    i = start + 2
    labels = items[start:start + 2]
    while i < len(items) and is_text(items[i].text) and not _band_row(items, i, len(labels) - 1):
        labels.append(items[i])
        i += 1
    width = len(labels) - 1
    rows = []
    while _band_row(items, i, width):
        chunk = items[i:i + width]
        rows.append(Row(_cells(chunk), Where(line=chunk[0].line)))
        i += width
    if width < 2 or len(rows) < 2:
        return None
    corner = f"{labels[0].text} / {labels[1].text}"
    columns = [Column(corner, "grade")] + [Column(x.text, "other") for x in labels[2:]]
    table = Table(source=source, rows=tuple(rows), columns=tuple(columns), kind="other",
                  where=Where(line=items[start].line),
                  header=tuple(Cell(x.text, Where(line=x.line)) for x in labels))
    return Parsed(table, start, i - 1)


def _band_row(items: list[Item], i: int, width: int) -> bool:
    """A grade name ("Mức khá") followed by width-1 numbers."""
    chunk = items[i:i + width]
    return (len(chunk) == width and width >= 2 and re.match(r"^M\w{0,2}c\s", chunk[0].text) is not None
            and all(is_numeric(x.text) for x in chunk[1:]))


def _starts_row(items: list[Item], i: int, kind: str | None, number: int | None = None) -> bool:
    """Does a row start at item *i*?  Score rows: the row number (*number*, when
    given) then a name.  Rubric rows: an id or an empty cell, then a text."""
    if i + 1 >= len(items):
        return False
    t, nxt = items[i].text, items[i + 1].text
    if kind == "rubric":
        return (bool(_ID.match(t)) or t == "") and is_text(nxt)
    if not t.isdigit() or not is_text(nxt) or is_band(nxt):
        return False
    return number is None or int(t) == number


def _cells(chunk: list[Item]) -> tuple[Cell, ...]:
    return tuple(Cell(x.text, Where(line=x.line)) for x in chunk)


def _score_rows(items, i, columns):
    width = len(columns)
    text_cols = {k for k, c in enumerate(columns) if c.role in ("unit", "grade", "note", "criterion")}
    rows, groups, group = [], [], None
    truncated = False
    number = int(items[i].text) if items[i].text.isdigit() else 1
    while i < len(items):
        t = items[i].text
        if is_band(t):
            group = _close(groups, group, len(rows))
            group = [t, len(rows), items[i].line]
            i += 1
            continue
        if not _starts_row(items, i, "scores", number):
            break
        chunk = [items[i]]
        j = i + 1
        while j < len(items) and len(chunk) < width:
            tj = items[j].text
            if is_band(tj) or (len(chunk) >= 2 and _starts_row(items, j, "scores", number + 1)):
                break
            if len(chunk) not in text_cols and is_text(tj):
                break       # a word where a number belongs: the row stopped short
            chunk.append(items[j])
            j += 1
        if len(chunk) < width:
            truncated = truncated or not _starts_row(items, j, "scores", number + 1)
        rows.append(Row(_cells(chunk) + tuple(Cell("") for _ in range(width - len(chunk))),
                        Where(line=chunk[0].line)))
        i, number = j, number + 1
    _close(groups, group, len(rows))
    return rows, groups, i, truncated and bool(rows)


def _close(groups, group, nrows):
    if group and nrows > group[1]:
        groups.append(RowGroup(group[0], group[1], nrows - 1, group[2]))
    return None


def _rubric_rows(items, i, columns):
    width = len(columns)
    text_col = next((k for k, c in enumerate(columns) if c.role == "criterion"), 1)
    rows: list[Row] = []
    while i < len(items) and _starts_row(items, i, "rubric"):
        j = i + 1
        limit = i + width + 8
        while j < len(items) and j < limit and not _starts_row(items, j, "rubric"):
            j += 1
        if j >= limit or (j < len(items) and not _starts_row(items, j, "rubric")):
            j = min(i + width, len(items))       # the table ends with this row
        chunk = items[i:j]
        rows.append(Row(_fit(chunk, width, text_col), Where(line=chunk[0].line)))
        i = j
    return rows, [], i, False


def _fit(chunk: list[Item], width: int, text_col: int) -> tuple[Cell, ...]:
    """A row with more lines than columns: the text cell went on over several
    lines; join them (whitespace collapsed) into one cell."""
    cells = list(_cells(chunk))
    excess = len(cells) - width
    if excess > 0:
        k = text_col
        while k < len(cells) - 1 and cells[k].text == "":
            k += 1
        run = cells[k:k + excess + 1]
        joined = Cell(" ".join(c.text for c in run), run[0].where)
        cells[k:k + excess + 1] = [joined]
    return tuple(cells) + tuple(Cell("") for _ in range(width - len(cells)))

