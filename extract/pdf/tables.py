"""Grids found on PDF pages → tables, read by the one grid interpreter (extract/grid).

    trim → join across pages (a row cut by the break mended) → a neutral grid
    (spans from the cell boxes; page, box and OCR confidence on every cell) →
    read_grid → Table, and how well its rows read (`pdf.grid.quality`)

What stays here is geometric: where a table starts and ends on the page, which
grids are one table run over a page break, which rows the break cut in two, and
which printed cell covers which positions.  What the cells mean is decided once,
for every source, in extract/grid.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..grid import Grid as NeutralGrid
from ..grid import GridCell as NeutralCell
from ..grid import read_grid
from ..grid.patterns import CAPTION, column_number, corner_split, is_band, is_id, is_numbering
from ..grid.patterns import is_numeric
from ..interpret import label_role
from ..model import BBox, Column, Row, Source, Table, Where
from .grid import UNRULED, Grid, GridCell, Slot, quality, realigned, repeated_rows
from .unruled import METHOD as TEXT
from .unruled import relaid

def texts(row: tuple[Slot, ...]) -> list[str]:
    return [s.text if s else "" for s in row]


def filled(row: tuple[Slot, ...]) -> list[str]:
    return [t for t in texts(row) if t]


def is_header_start(row: tuple[Slot, ...]) -> bool:
    first = row[0] if row else None
    return first is not None and (label_role(first.text.strip(" :.;|")) == "row_no"
                                  or corner_split(first.text) is not None)


def is_form_start(row: tuple[Slot, ...]) -> bool:
    """"1 | Thông tin Sở/ban/ngành | Đơn vị | Nội dung/Số lượng": a section number,
    then only labels — the head of a data-entry form, as extract/text/pipes.py reads it."""
    values = texts(row)
    return (len(values) >= 3 and is_id(values[0]) and all(values[1:])
            and not any(is_numeric(t) for t in values[1:]))


def has_id(row: tuple[Slot, ...]) -> bool:
    return bool(row) and row[0] is not None and is_id(row[0].text)


def same_header(a: Header, b: Header, exact: bool, words: bool = False) -> bool:
    """The header printed again on the next page.  Read by OCR, the second copy
    may differ by a few letters: similar enough (rapidfuzz ratio ≥ 85) will do.
    Read from text alignment (*words*), its words may fall in other columns:
    the same words will do."""
    if exact or a.labels == b.labels:
        return a.labels == b.labels
    from rapidfuzz import fuzz
    if words:
        return fuzz.token_sort_ratio(" ".join(a.labels), " ".join(b.labels)) >= 85
    return fuzz.ratio(" ".join(a.labels), " ".join(b.labels)) >= 85


def is_numbered(row: tuple[Slot, ...]) -> bool:
    """The column numbers "(1)" … "(n)" (see `grid.patterns.is_numbering`)."""
    return is_numbering(filled(row))


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
    if k < len(rows) and is_numbered(rows[k]):
        numbering = tuple(filled(rows[k]))
        k += 1
    return Header(labels, numbering, k)


def _continues_header(row: tuple[Slot, ...], ruled: bool) -> bool:
    """A second header row: under a ruled header its first cell is covered by the
    merged "TT" cell; an unruled one has nothing in its first column and labels
    in two columns at least (one text alone is a name cut by the page break)."""
    if is_numbered(row) or not filled(row):
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
        if prev is not None and g.page == prev.parts[-1][0] + 1 and continues(prev, g):
            joined = _continued(prev, g)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(g)
    return out


def _continued(prev: Grid, g: Grid) -> Grid | None:
    """*prev* going on in *g*, or None.  It goes on when *g*'s column rules are
    those of *prev* (`pdf.grid.realigned`), with no header of its own or with the
    header of *prev* printed again; a grid read from text alignment or a scan, whose
    rules are not exact, goes on when it has as many columns."""
    ruled = g.method not in UNRULED
    head, mine = read_header(prev.rows, ruled), read_header(g.rows, ruled)
    laid = realigned(g, prev)
    if laid is None and g.method == prev.method == TEXT:
        laid = relaid(g, prev)
    if laid is None and g.width == prev.width and (not ruled or g.method.startswith("ocr")
                                                   or mine is not None):
        laid = g
    if laid is None and g.method == prev.method == "ocr-stream" and mine is None:
        laid = relaid(g, prev)          # a column the rows leave empty (notes) is not seen
    if laid is None:
        return None
    again = repeated_rows(prev.rows, laid.rows)
    exact = not (g.method.startswith("ocr") or g.method == TEXT)
    if mine is not None and again < mine.size and not (
            head is not None and same_header(head, mine, exact, words=g.method == TEXT)):
        return None
    skip = mine.size if mine else again
    if mine is not None and skip < len(laid.rows) and head is not None and head.numbering \
            and not mine.numbering and is_numbered(laid.rows[skip]):
        skip += 1                        # the column numbers, printed under the header's rule
    return prev.with_(rows=_mend_split_row(prev.rows, laid.rows[skip:], head),
                      pieces=prev.parts + ((g.page, g.bbox),))


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


# ---------------------------------------------------------------- a neutral grid

def neutral(grid: Grid) -> NeutralGrid:
    """*grid* as the neutral grid the interpreter reads.  pdfplumber and camelot
    leave a position a merged cell covers empty (None); the cell boxes say which
    printed cell covers it: the cell whose box reaches over that column (colspan)
    or down over that row's top (rowspan), on the same page."""
    rows = grid.rows
    width = grid.width
    xs = column_x(grid)
    tops = [_row_top(r) for r in rows]
    cells = []
    for r, row in enumerate(rows):
        for c, s in enumerate(row):
            if s is not None:
                cs, rs = _colspan(row, c, s, xs, width), _rowspan(rows, r, c, s, tops)
                cells.append(NeutralCell(s.text, Where(page=s.page, bbox=s.bbox,
                                                       confidence=s.confidence),
                                         rowspan=rs, colspan=cs, row=r, col=c,
                                         confidence=s.confidence))
    return NeutralGrid(tuple(cells), len(rows), width, where=Where(page=grid.page, bbox=grid.bbox),
                       origin=f"pdf:{grid.method}", row_where=tuple(_row_where(r) for r in rows),
                       column_x=tuple(xs), ruled=grid.method not in UNRULED)


def _colspan(row, c: int, s: GridCell, xs, width: int) -> int:
    k = c + 1
    while k < width and (k >= len(row) or row[k] is None) and xs[k] is not None \
            and xs[k][0] < s.bbox[2] - 1:
        k += 1
    return k - c


def _rowspan(rows, r: int, c: int, s: GridCell, tops) -> int:
    k = r + 1
    while k < len(rows) and (c >= len(rows[k]) or rows[k][c] is None) and tops[k] is not None \
            and tops[k][0] == s.page and tops[k][1] < s.bbox[3] - 1:
        k += 1
    return k - r


def _row_top(row) -> tuple[int, float] | None:
    real = [s for s in row if s is not None]
    return (real[0].page, min(s.bbox[1] for s in real if s.page == real[0].page)) if real else None


def _row_where(row) -> Where:
    real = [s for s in row if s is not None]
    if not real:
        return Where()
    page = real[0].page
    on = [s.bbox for s in real if s.page == page]
    return Where(page=page, bbox=(min(b[0] for b in on), min(b[1] for b in on),
                                  max(b[2] for b in on), max(b[3] for b in on)))


def column_x(grid: Grid) -> list[tuple[float, float] | None]:
    """The x range of each column, from the first row with a cell of its own there."""
    spans: list[tuple[float, float] | None] = [None] * grid.width
    for row in grid.rows:
        for c, s in enumerate(row):
            if spans[c] is None and s is not None and (c + 1 >= len(row) or row[c + 1] is not None):
                spans[c] = (s.bbox[0], s.bbox[2])
    return spans


# ---------------------------------------------------------------- table

@dataclass(frozen=True)
class Found:
    table: Table
    quality: float
    grid: Grid


def to_table(grid: Grid, source: Source, earlier: list[Table] | tuple = ()) -> Found | None:
    """*grid* read as a table by the grid interpreter (a grid with no header of its
    own that starts with numbered rows goes on with the columns of the last of the
    *earlier* tables as wide), with how well its rows read."""
    found = read_grid(neutral(grid), source, earlier)
    table = next((x for x in found or () if isinstance(x, Table)), None)
    if table is None:
        return None
    return Found(table, _quality(list(table.rows), list(table.columns), table.kind), grid)


def _quality(rows: list[Row], columns: list[Column], kind: str) -> float:
    """`pdf.grid.quality` of the data rows; a form or list numbers its rows with
    ids ("1.1"), or leaves the number out, so its first column is judged as ids."""
    roles = [c.role for c in columns]
    if kind == "other":
        roles = ["criterion_id" if r == "row_no" else r for r in roles]
    judged = rows[1:] if rows[0].cells[0].text == "" and kind != "other" else rows
    return quality([r.texts for r in judged], roles)


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
