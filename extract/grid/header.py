"""Where a grid's header is, and the columns it names."""
from __future__ import annotations

from .. import pipes
from ..interpret import columns_from_grid, interpret, label_role
from ..model import Cell, Row
from .patterns import is_band, is_id, is_numbering, is_numeric
from .slots import Positions, Slot, printed, texts

#: A header starts in the first rows of a grid (a title row or two may sit above).
HEADER_SEARCH = 6


def header_start(grid: Positions) -> int | None:
    """The first row (of the first six) that reads as a header: a row-number label
    ("TT", "STT") then labels; labels naming two known roles; or a form's header."""
    for r, row in enumerate(grid[:HEADER_SEARCH]):
        found = texts(row)
        if not found:
            continue
        roles = [label_role(t) for t in found]
        known = {x for x in roles if x not in ("component", "group")}
        labels = not any(is_numeric(t) or is_id(t) or len(t) > 90 for t in found)
        if (roles[0] == "row_no" and len(found) >= 2) or (labels and len(known) >= 2) \
                or is_form(row, grid):
            return r
    return None


def is_form(row: list[Slot], grid: Positions) -> bool:
    """"1 | Thông tin Sở/ban/ngành | Đơn vị | Nội dung/Số lượng": the pipe reader's rule."""
    def line(cells: list[Slot]) -> pipes.PipeLine:
        return pipes.PipeLine(0, tuple(Cell(s.text) for s in cells if s.first))
    return pipes.is_form_header(line(row), [line(x) for x in grid])


def header_end(grid: Positions, h0: int) -> int:
    """One past the header's last row: every row its rowspans reach, and rows of
    labels under a spanning group ("Điểm" over the component labels)."""
    end = h0 + 1
    while True:
        reach = max(r + s.rowspan for r in range(h0, end) for s in grid[r] if s.first)
        if reach > end:
            end = reach
        elif end < len(grid) and _sub_header(grid, end):
            end += 1
        else:
            return min(end, len(grid))


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


def header_columns(grid: Positions, h0: int, end: int, numbering, rows: list[Row]):
    """(kind, columns, sums) from the printed header rows."""
    if is_form(grid[h0], grid):
        return "other", pipes.form_columns([s.text for s in grid[h0]]), []
    header = [[(s.text, s.key) for s in row] for row in grid[h0:end]]
    kind, columns, sums = interpret(columns_from_grid(header, numbering))
    return kind, pipes.counts_are_not_criteria(columns, rows), sums


def header_cells(grid: Positions, h0: int, end: int) -> tuple[Cell, ...]:
    return tuple(Cell(s.text, s.where) for row in grid[h0:end] for s in printed(row))
