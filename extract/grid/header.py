"""Where a grid's header is, and the columns it names."""
from __future__ import annotations

import re

from ..text import pipes
from ..interpret import columns_from_grid, columns_from_labels, interpret, label_role
from ..model import Cell, Column, Row
from .packed import BRACKETED, SLASHED
from .patterns import is_band, is_id, is_numbering, is_numeric
from .slots import Positions, Slot, printed, texts

#: A header starts in the first rows of a grid (a title row or two may sit above).
HEADER_SEARCH = 6


def header_start(grid: Positions) -> int | None:
    """The first row (of the first six) that reads as a header: a row-number label
    ("TT", "STT") then labels; labels naming two known roles; or a form's header.
    Failing those, whatever rows of labels sit right above the first data rows."""
    for r, row in enumerate(grid[:HEADER_SEARCH]):
        found = [label_text(s) for s in printed(row)]
        if not found:
            continue
        roles = [label_role(t.strip(" :.;|")) for t in found]
        known = {x for x in roles if x not in ("component", "group")}
        if (roles[0] == "row_no" and len(found) >= 2) or (_labels(found) and len(known) >= 2) \
                or is_form(row, grid):
            return r
    return above_data(grid)


def _labels(found: list[str]) -> bool:
    return bool(found) and not any(is_numeric(t) or is_id(t) or len(t) > 90 for t in found)


def above_data(grid: Positions) -> int | None:
    """The header as the rows of labels right above the first two data rows (see
    `is_data_row`); a lone line across the table above them is a title, not a label."""
    first = next((r for r in range(1, min(len(grid) - 1, HEADER_SEARCH + HEADER_ROWS))
                  if is_data_row(grid[r]) and is_data_row(grid[r + 1])), None)
    if first is None:
        return None
    top = first
    while top > 0 and first - top < HEADER_ROWS and _label_row(grid[top - 1], len(grid[0])):
        top -= 1
    return top if top < first else None


def _label_row(row: list[Slot], width: int) -> bool:
    found = printed(row)
    lone_title = len(found) == 1 and width > 2
    return _labels([s.text for s in found]) and not lone_title and numbering_of(row) is None


def is_data_row(row: list[Slot]) -> bool:
    """A row that reads as data: a name (a unit, a criterion) and a number or a
    rank beside it — two filled cells at least, one a text, one numeric."""
    found = texts(row)
    numbers = [t for t in found if is_numeric(t) or _packed_number(t)]
    words = [t for t in found if not (is_numeric(t) or _packed_number(t) or is_id(t))]
    return len(found) >= 2 and bool(numbers) and bool(words) and numbering_of(row) is None


def _packed_number(text: str) -> bool:
    return bool(BRACKETED.match(text) or SLASHED.match(text))


def label_text(slot: Slot) -> str:
    """A header cell's label, its printed lines joined: a word a narrow column broke
    letter by letter ("T" / "T", "S" / "TT") is one word again; other lines are
    joined with a space ("Tỉnh, thành phố trực thuộc" / "Trung ương")."""
    pieces = list(slot.lines) if len(slot.lines) > 1 else slot.text.split()
    if len(pieces) > 1 and all(_LETTERS.match(p) for p in pieces):
        return "".join(pieces)
    return slot.text


_LETTERS = re.compile(r"^[A-ZĐ]{1,2}$")


def is_form(row: list[Slot], grid: Positions) -> bool:
    """"1 | Thông tin Sở/ban/ngành | Đơn vị | Nội dung/Số lượng": the pipe reader's rule."""
    def line(cells: list[Slot]) -> pipes.PipeLine:
        return pipes.PipeLine(0, tuple(Cell(s.text) for s in cells if s.first))
    return pipes.is_form_header(line(row), [line(x) for x in grid])


#: A header is at most this many rows of labels.
HEADER_ROWS = 4


def header_end(grid: Positions, h0: int, ruled: bool = True) -> int:
    """One past the header's last row: every row its rowspans reach, and rows of
    labels under a spanning group ("Điểm" over the component labels) or under a
    header cell whose span the source did not tell (see :func:`_goes_on`)."""
    end = h0 + 1
    while True:
        reach = max(r + s.rowspan for r in range(h0, end) for s in grid[r] if s.first)
        if reach > end:
            end = reach
        elif end < len(grid) and end - h0 < HEADER_ROWS and (
                _sub_header(grid, end) or _goes_on(grid, end, ruled)):
            end += 1
        else:
            return min(end, len(grid))


def _goes_on(grid: Positions, r: int, ruled: bool) -> bool:
    """More header labels, in a grid that does not say its spans: nothing at all in
    the first position (the row-number cell above covers it), or, in a grid found
    from alignment, an empty first cell and labels in two columns at least, or
    only under labels of the row above (their second lines; one text alone under
    nothing is a name cut by the page break).  No numbers, ids or bands."""
    row = grid[r]
    found = texts(row)
    if not found or numbering_of(row) is not None or any(
            is_numeric(t) or is_band(t) or t[:1].isdigit() for t in found):
        return False
    if row[0].key is None:
        return True
    return not ruled and not row[0].text and (len(found) >= 2 or _stacked(grid[r - 1:r + 1]))


def _sub_header(grid: Positions, r: int) -> bool:
    above = any(s.colspan > 1 for s in grid[r - 1])
    found = texts(grid[r])
    return (above and bool(found) and numbering_of(grid[r]) is None
            and not any(is_numeric(t) or is_band(t) for t in found))


def numbering_of(row: list[Slot]) -> list[str | None] | None:
    """The printed column numbers "(1)".."(n)" per column, or None for another row."""
    if not is_numbering(texts(row)):
        return None
    return [s.text if s.first and s.text else None for s in row]


def header_columns(grid: Positions, h0: int, end: int, numbering, rows: list[Row],
                   ruled: bool = True):
    """(kind, columns, sums) from the printed header rows: by position where the
    source says its spans, else its labels read row by row, as a text dump prints them."""
    if is_form(grid[h0], grid):
        return "other", pipes.form_columns([s.text for s in grid[h0]]), []
    rows_ = grid[h0:end]
    if _spans_told(rows_, ruled) or _stacked(rows_):
        header = [[(label_text(s), s.key) for s in row] for row in rows_]
        columns = columns_from_grid(header, numbering)
    else:
        labels = [label_text(s) for row in rows_ for s in printed(row)]
        columns = columns_from_labels(labels, len(grid[0]), _numbers(numbering))
    kind, columns, sums = interpret(names_column(columns, rows))
    if kind == "other":
        columns = unknown_labels(columns, rows)
    return kind, pipes.counts_are_not_criteria(columns, rows), sums


def unknown_labels(columns: list[Column], rows: list[Row]) -> list[Column]:
    """In a table that is neither scores nor a rubric, a column whose label names
    no known role is a ``value`` column when its filled cells are numbers, else
    ``unknown``: it is kept, and says it was not recognised."""
    out = []
    for k, col in enumerate(columns):
        if col.role == "other" and label_role(col.label) in ("component", "group"):
            cells = [r.cells[k].text for r in rows if k < len(r.cells) and r.cells[k].text]
            role = "value" if cells and all(is_numeric(t) for t in cells) else "unknown"
            col = Column(col.label, role, col.number, col.group)
        out.append(col)
    return out


def names_column(columns: list[Column], rows: list[Row]) -> list[Column]:
    """A ranking whose header names no unit column ("Tỉnh, thành phố", "Địa bàn"):
    the first column whose cells are all names is the unit column — when another
    column is a total or a rank, so a list of projects stays a list."""
    found = {c.role for c in columns}
    if found & {"unit", "criterion", "max_points", "rule"} or not found & {"total", "rank"}:
        return columns
    for k, col in enumerate(columns):
        cells = [r.cells[k].text for r in rows if k < len(r.cells)]
        if col.role in ("component", "other") and cells and all(
                t and not (is_numeric(t) or is_id(t)) for t in cells):
            return columns[:k] + [Column(col.label, "unit", col.number, col.group)] + columns[k + 1:]
    return columns


def _spans_told(header: Positions, ruled: bool) -> bool:
    """Every position of the header is covered by a printed cell (a single-row
    header always tells enough)."""
    return len(header) == 1 or (ruled and all(s.key is not None for row in header for s in row))


def _stacked(header: Positions) -> bool:
    """Rows of labels with no spans told, where every label of a lower row sits under
    a label of the row above: the lines of one label per column, wrapped."""
    return len(header) > 1 and all(
        header[r - 1][k].text for r in range(1, len(header))
        for k, s in enumerate(header[r]) if s.first and s.text)


def _numbers(numbering) -> list[str] | None:
    found = [n for n in numbering or () if n]
    return found or None


def header_cells(grid: Positions, h0: int, end: int) -> tuple[Cell, ...]:
    return tuple(Cell(s.text, s.where) for row in grid[h0:end] for s in printed(row))
