"""Grids found on PDF pages → score and rubric tables, read as the text reader reads them.

    trim → join across pages → header (labels, column numbers) → columns and
    kind (extract/interpret.py) → rows, grade bands, caption → Table

The header labels are read row by row, left to right, exactly as a text dump
prints them, so `columns_from_labels` gives the same columns for the same
table whatever it came from.  Every cell keeps its page and box.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import CAPTION, is_band, is_numeric
from .interpret import column_number, columns_from_labels, fold, interpret, label_role
from .model import BBox, Cell, Column, Row, RowGroup, Source, Table, Where
from .pdf_grid import UNRULED, Grid, GridCell, Slot, quality
from .pipes import counts_are_not_criteria, form_columns, inherited_columns

_ID = re.compile(r"^\d+(?:\.\d+)*\.?$")


def texts(row: tuple[Slot, ...]) -> list[str]:
    return [s.text if s else "" for s in row]


def filled(row: tuple[Slot, ...]) -> list[str]:
    return [t for t in texts(row) if t]


def is_header_start(row: tuple[Slot, ...]) -> bool:
    first = row[0] if row else None
    return first is not None and (label_role(first.text.strip(" :.;|")) == "row_no"
                                  or corner_label(first.text) is not None)


def is_form_start(row: tuple[Slot, ...]) -> bool:
    """"1 | Thông tin Sở/ban/ngành | Đơn vị | Nội dung/Số lượng": a section number,
    then only labels — the head of a data-entry form, as extract/pipes.py reads it."""
    values = texts(row)
    return (len(values) >= 3 and bool(_ID.match(values[0])) and all(values[1:])
            and not any(is_numeric(t) for t in values[1:]))


def has_id(row: tuple[Slot, ...]) -> bool:
    return bool(row) and row[0] is not None and bool(_ID.match(row[0].text))


def starts_with_rows(rows) -> bool:
    """A table printed without a header: its first row and one more start with an id
    (it goes on with the columns of the table before, as in extract/pipes.py)."""
    return bool(rows) and has_id(rows[0]) and sum(has_id(r) for r in rows) >= 2


_CORNER = re.compile(r"^(kh\w{0,2}i|don vi|co quan) (.+)$")


def corner_label(text: str) -> str | None:
    """A corner cell split by a diagonal, "Khối" over "Xếp hạng", read as
    "Khối Xếp hạng" → "Khối / Xếp hạng" (as the text reader names it)."""
    m = _CORNER.match(fold(text))
    if not m or label_role(m.group(2)) not in ("rank", "grade"):
        return None
    words = text.split()
    k = len(m.group(1).split())
    return f"{' '.join(words[:k])} / {' '.join(words[k:])}"


def same_header(a: Header, b: Header, exact: bool) -> bool:
    """The header printed again on the next page.  Read by OCR, the second copy
    may differ by a few letters: similar enough (rapidfuzz ratio ≥ 85) will do."""
    if exact or a.labels == b.labels:
        return a.labels == b.labels
    from rapidfuzz import fuzz
    return fuzz.ratio(" ".join(a.labels), " ".join(b.labels)) >= 85


_NUMBER_LIKE = re.compile(r"^\(?[^\s()]{1,4}\)$|^\([^\s()]{1,4}\)?$")


def is_numbering(row: tuple[Slot, ...]) -> bool:
    """The column numbers "(1)" … "(n)"; OCR may misread some ("q)" for "(1)"),
    so most, not all, must be exact, and the rest must still look like one."""
    values = filled(row)
    exact = sum(1 for t in values if column_number(t) is not None)
    return len(values) >= 2 and exact * 2 >= len(values) and all(
        column_number(t) is not None or _NUMBER_LIKE.match(t) for t in values)


def is_lone(row: tuple[Slot, ...]) -> bool:
    """One text across the row: a grade band, a caption, or a paragraph."""
    return len(filled(row)) == 1


# ---------------------------------------------------------------- header

@dataclass(frozen=True)
class Header:
    labels: tuple[str, ...]
    numbering: tuple[str, ...]
    size: int                    # rows it takes, numbering row included
    form: bool = False           # a form's head row ("1 | Thông tin … | Đơn vị | …")


def read_header(rows: tuple[tuple[Slot, ...], ...], ruled: bool = True) -> Header | None:
    """The header at the top of *rows*: label rows, then the column numbers if printed."""
    if rows and is_form_start(rows[0]):
        return Header(tuple(texts(rows[0])), (), 1, form=True)
    if not rows or not is_header_start(rows[0]):
        return None
    k = 1
    while k < len(rows) and k < 4 and _continues_header(rows[k], ruled):
        k += 1
    labels = tuple(t for row in rows[:k] for t in filled(row))
    numbering: tuple[str, ...] = ()
    if k < len(rows) and is_numbering(rows[k]):
        numbering = tuple(filled(rows[k]))
        k += 1
    return Header(labels, numbering, k)


def _continues_header(row: tuple[Slot, ...], ruled: bool) -> bool:
    """A second header row: under a ruled header its first cell is covered by the
    merged "TT" cell; an unruled one has nothing in its first column and labels
    in two columns at least (one text alone is a name cut by the page break)."""
    if is_numbering(row) or not filled(row):
        return False
    if row[0] is not None and (ruled or row[0].text or len(filled(row)) < 2):
        return False
    return not is_band(filled(row)[0]) and all(
        column_number(t) is None and not t[:1].isdigit() for t in filled(row))


# ---------------------------------------------------------------- trim and join

def trim(grid: Grid) -> Grid:
    """Drop the paragraph rows a stream finder took in above the header and
    below the table (a caption row stays: it is read as the caption)."""
    rows = grid.rows
    start = next((i for i, r in enumerate(rows) if is_header_start(r)), None)
    if start is None:
        start = 0
    end = len(rows)
    if grid.method in UNRULED:
        for i in range(start + 1, len(rows)):
            if is_lone(rows[i]) and not is_band(filled(rows[i])[0]) and not _runs_on(rows[i]):
                end = i + 1 if CAPTION.match(filled(rows[i])[0]) else i
                break
    kept = rows[start:end]
    return grid.with_(rows=kept, bbox=_box(kept, grid.page) or grid.bbox)


def _runs_on(row: tuple[Slot, ...]) -> bool:
    """A name's second line in an unruled table: one text, not in the first
    column (a paragraph under the table starts there), not a caption."""
    return bool(row) and not (row[0] and row[0].text) and not CAPTION.match(filled(row)[0])


def _box(rows, page: int) -> BBox | None:
    boxes = [s.bbox for r in rows for s in r if s is not None and s.page == page]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def join(grids: list[Grid], continues) -> list[Grid]:
    """Tables that run on over pages, joined; the repeated header dropped.

    *continues(prev, nxt)* says whether nothing but page furniture lies between
    the end of *prev* and the start of *nxt* on the next page."""
    out: list[Grid] = []
    for g in grids:
        prev = out[-1] if out else None
        if prev is not None and g.page == prev.parts[-1][0] + 1 and g.width == prev.width \
                and continues(prev, g):
            ruled = g.method not in UNRULED
            head, mine = read_header(prev.rows, ruled), read_header(g.rows, ruled)
            if mine is None or (head is not None and same_header(head, mine, not g.method.startswith("ocr"))):
                rows = g.rows[mine.size:] if mine else g.rows
                out[-1] = prev.with_(rows=_mend_split_row(prev.rows, rows, head),
                                     pieces=prev.parts + ((g.page, g.bbox),))
                continue
        out.append(g)
    return out


def _mend_split_row(rows, more, head: Header | None):
    """A row that the page break cut in two ("UBND huyện Kim" / "Bôi"): the part
    on the new page has no row number or id; in a score table, or when its text
    goes on in lower case or with a sign ("= 0"), it is joined to the row above."""
    if not (more and rows and _is_piece(more[0], rows[-1])):
        return rows + more
    scores = head is not None and any(label_role(t) == "unit" for t in head.labels)
    text = filled(more[0])[0]
    if (scores and rows[-1][0] is not None and rows[-1][0].text) or text[:1].islower() \
            or text[:1] in "=,;:)]/%+…" or _by_id(rows[head.size if head else 0:]):
        return rows[:-1] + (_merge_rows(rows[-1], more[0]),) + more[1:]
    return rows + more


def _by_id(body) -> bool:
    """Rows segmented by criterion id (004's rubrics: every row above has one, the
    scoring rule's paragraphs sit in its own column): a row without an id at the
    top of a page can only be the rest of the row the break cut."""
    return bool(body) and all(has_id(r) for r in body)


def _is_piece(row, above) -> bool:
    return (row[0] is not None and not row[0].text and bool(filled(row)) and bool(filled(above))
            and not is_band(filled(row)[0]) and not is_band(filled(above)[0]))


# ---------------------------------------------------------------- table

@dataclass(frozen=True)
class Found:
    table: Table
    quality: float
    grid: Grid


def to_table(grid: Grid, source: Source, earlier: list[Table] | tuple = ()) -> Found | None:
    """*grid* read as a table.  A grid with no header of its own that starts with
    numbered rows goes on with the columns of the last of the *earlier* tables as
    wide (as extract/pipes.py reads a table printed without a header)."""
    if grid.rows and grid.rows[0][0] is not None and corner_label(grid.rows[0][0].text):
        return crosstab(grid, source)
    header = read_header(grid.rows, grid.method not in UNRULED)
    if header is None:
        return _headerless(grid, source, earlier)
    if len(header.labels) < 2:
        return None
    width = grid.width
    columns = _columns(header, width)
    kind, columns, sums = interpret(columns)
    if kind == "other" and not (header.form or "unit" in [c.role for c in columns]):
        return None
    return _read(grid, source, header, (kind, columns, sums))


def _columns(header: Header, width: int) -> list[Column]:
    if header.form:
        return form_columns(list(header.labels))
    return columns_from_labels(list(header.labels), width, list(header.numbering) or None)


def _headerless(grid: Grid, source: Source, earlier) -> Found | None:
    columns = inherited_columns(grid.width, list(earlier)) if starts_with_rows(grid.rows) else None
    if columns is None:
        return None
    return _read(grid, source, Header((), (), 0), interpret(columns))


def _read(grid: Grid, source: Source, header: Header, interpreted) -> Found | None:
    kind, columns, sums = interpreted
    body = grid.rows[header.size:]
    if grid.method in UNRULED and kind == "scores":
        body = _join_wrapped(body, columns)
    rows, groups, caption = _body(body, grid, grid.width)
    if not rows:
        return None
    columns = counts_are_not_criteria(columns, rows)
    table = Table(
        source=source, rows=tuple(rows), columns=tuple(columns), kind=kind, caption=caption,
        row_groups=tuple(groups), sums=tuple(sums), numbering=header.numbering,
        where=Where(page=grid.page, bbox=grid.bbox),
        header=tuple(_header_cells(grid, header)))
    return Found(table, _quality(rows, columns, kind), grid)


def _quality(rows: list[Row], columns: list[Column], kind: str) -> float:
    """`pdf_grid.quality` of the data rows; a form or list numbers its rows with
    ids ("1.1"), or leaves the number out, so its first column is judged as ids."""
    roles = [c.role for c in columns]
    if kind == "other":
        roles = ["criterion_id" if r == "row_no" else r for r in roles]
    judged = rows[1:] if rows[0].cells[0].text == "" and kind != "other" else rows
    return quality([r.texts for r in judged], roles)


def crosstab(grid: Grid, source: Source) -> Found | None:
    """Grade bands by block of units: "Khối / Xếp hạng | Sở, ngành | UBND huyện",
    then "Mức tốt | 0% | 0%"; a table of kind "other", as the text reader reads it."""
    head = filled(grid.rows[0])
    columns = [Column(corner_label(head[0]), "grade")] + [Column(t, "other") for t in head[1:]]
    xs = _column_spans(grid)
    rows = [_row(r, len(columns), xs) for r in grid.rows[1:] if filled(r)]
    if len(columns) < 3 or len(rows) < 2:
        return None
    first = grid.rows[0][0]
    parts = first.text.split()
    k = len(corner_label(first.text).split(" / ")[0].split())
    header = [Cell(" ".join(parts[:k]), Where(page=first.page, bbox=first.bbox)),
              Cell(" ".join(parts[k:]), Where(page=first.page, bbox=first.bbox))]
    header += [Cell(s.text, Where(page=s.page, bbox=s.bbox)) for s in grid.rows[0][1:] if s]
    table = Table(source=source, rows=tuple(rows), columns=tuple(columns), kind="other",
                  where=Where(page=grid.page, bbox=grid.bbox), header=tuple(header))
    return Found(table, 1.0, grid)


def _header_cells(grid: Grid, header: Header) -> list[Cell]:
    labels = header.size - (1 if header.numbering else 0)
    return [Cell(s.text, Where(page=s.page, bbox=s.bbox))
            for row in grid.rows[:labels] for s in row if s is not None and s.text]


def _body(body, grid: Grid, width: int):
    rows: list[Row] = []
    groups: list[RowGroup] = []
    band: tuple[str, int] | None = None
    caption = None
    xs = _column_spans(grid)
    for row in body:
        lone = filled(row)[0] if is_lone(row) else None
        if lone and is_band(lone):
            _close(groups, band, len(rows))
            band = (lone, len(rows))
            continue
        if lone and CAPTION.match(lone):
            caption = lone
            break
        if not filled(row) and not _blank_printed(row, grid):
            continue
        rows.append(_row(row, width, xs))
    _close(groups, band, len(rows))
    return rows, groups, caption


def _blank_printed(row: tuple[Slot, ...], grid: Grid) -> bool:
    """An empty row drawn with its rules (a form's blank lines) is a row."""
    return grid.method not in UNRULED and bool(row) and all(s is not None for s in row)


def _close(groups: list[RowGroup], band, nrows: int) -> None:
    if band and nrows > band[1]:
        groups.append(RowGroup(band[0], band[1], nrows - 1))


def _column_spans(grid: Grid) -> list[tuple[float, float] | None]:
    """The x range of each column, from the first row with a cell of its own there."""
    spans: list[tuple[float, float] | None] = [None] * grid.width
    for row in grid.rows:
        for c, s in enumerate(row):
            if spans[c] is None and s is not None and _single(row, c):
                spans[c] = (s.bbox[0], s.bbox[2])
    return spans


def _single(row, c: int) -> bool:
    return c + 1 >= len(row) or row[c + 1] is not None


def _row(row: tuple[Slot, ...], width: int, xs) -> Row:
    real = [s for s in row if s is not None]
    page = real[0].page
    top = min(s.bbox[1] for s in real)
    bottom = max(s.bbox[3] for s in real)
    cells = []
    for c in range(width):
        s = row[c] if c < len(row) else None
        if s is not None:
            cells.append(Cell(s.text, Where(page=s.page, bbox=s.bbox, confidence=s.confidence)))
        else:
            x = xs[c] or (real[-1].bbox[0], real[-1].bbox[2])
            cells.append(Cell("", Where(page=page, bbox=(x[0], top, x[1], bottom))))
    box = (min(s.bbox[0] for s in real), top, max(s.bbox[2] for s in real), bottom)
    return Row(tuple(cells), Where(page=page, bbox=box))


def _join_wrapped(body, columns: list[Column]):
    """Unruled tables: a unit name that wrapped prints its second line as a row
    of its own with no row number; it belongs to the row above."""
    text_cols = {k for k, c in enumerate(columns) if c.role in ("unit", "criterion", "note")}
    out: list[tuple[Slot, ...]] = []
    for row in body:
        cells = [k for k, s in enumerate(row) if s is not None and s.text]
        lone = filled(row)[0] if is_lone(row) else ""
        wrapped = (out and cells and set(cells) <= text_cols and not (row[0] and row[0].text)
                   and not is_band(lone) and not CAPTION.match(lone))
        if wrapped:
            out[-1] = _merge_rows(out[-1], row)
        else:
            out.append(row)
    return tuple(out)


def _merge_rows(above: tuple[Slot, ...], below: tuple[Slot, ...]) -> tuple[Slot, ...]:
    merged = []
    for a, b in zip(above, below):
        if a is None or b is None or not b.text:
            merged.append(a if a is not None else b)
            continue
        # a cell cut by the page break keeps the box of its first part
        box = a.bbox if a.page != b.page else (
            min(a.bbox[0], b.bbox[0]), a.bbox[1], max(a.bbox[2], b.bbox[2]), b.bbox[3])
        merged.append(GridCell(f"{a.text} {b.text}".strip(), a.page, box, a.confidence))
    return tuple(merged)
