"""A grid's body: data rows, row groups (grade bands, full-width section rows),
and the lines printed after the last row."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Cell, Row, RowGroup, Where
from .model import Grid
from .patterns import CAPTION, is_band
from .slots import Positions, Slot, has_print, printed


@dataclass(frozen=True)
class Block:
    """A line of text around a table (a paragraph, a caption, a band with no rows)."""

    text: str
    path: str | None = None
    where: Where = Where()


def block_of(slot: Slot) -> Block:
    return Block(slot.text, slot.where.path, slot.where)


def body_rows(grid: Positions, start: int, g: Grid):
    """Rows, row groups and the lone lines after the last row.  A lone caption
    ("Bảng 2. …") ends the table: it and what follows are lines after it."""
    rows: list[Row] = []
    groups: list[RowGroup] = []
    open_group: tuple[str, int, int | None] | None = None
    pending: list[Block] = []
    width = len(grid[0])
    for r in range(start, len(grid)):
        found = printed(grid[r])
        if not has_print(grid[r]) or (not g.ruled and not found):
            continue
        if len(found) == 1 and CAPTION.match(found[0].text):
            pending = [block_of(s) for row in grid[r:] for s in printed(row)]
            break
        if len(found) == 1 and (is_band(found[0].text) or found[0].colspan >= width > 1):
            close_group(groups, open_group, len(rows))
            open_group = (found[0].text, len(rows), found[0].where.line)
            pending = [block_of(found[0])]
            continue
        pending = []
        cells = tuple(Cell(s.text, s.where) if s.first and s.key is not None
                      else Cell("", g.position_where(r, k))
                      for k, s in enumerate(grid[r]))
        rows.append(Row(cells, g.row_where[r] if r < len(g.row_where) else Where()))
    close_group(groups, open_group, len(rows))
    return rows, groups, pending


def close_group(groups: list[RowGroup], group: tuple[str, int, int | None] | None,
                nrows: int) -> None:
    if group and nrows > group[1]:
        groups.append(RowGroup(group[0], group[1], nrows - 1, group[2]))


def cut_short(last: list[Slot]) -> bool:
    """The last row stops before the last column: nothing printed in its final positions."""
    return bool(last) and last[-1].key is None and any(s.key is not None for s in last)


def join_wrapped(rows: list[Row], groups: list[RowGroup], columns):
    """A grid found from alignment (no rules): a unit name that wrapped prints its
    second line as a row of its own with no row number, text only in the text
    columns; it belongs to the row above.  → (rows, groups renumbered)"""
    text_cols = {k for k, c in enumerate(columns) if c.role in ("unit", "criterion", "note")}
    starts = {g.first_row for g in groups}
    out: list[Row] = []
    index: list[int] = []                    # old row → new row
    for k, row in enumerate(rows):
        filled = {j for j, c in enumerate(row.cells) if c.text}
        if out and k not in starts and filled and filled <= text_cols and not row.cells[0].text:
            out[-1] = merge_rows(out[-1], row)
        else:
            out.append(row)
        index.append(len(out) - 1)
    moved = [RowGroup(g.label, index[g.first_row], index[g.last_row], g.line) for g in groups]
    return out, moved


def merge_rows(above: Row, below: Row) -> Row:
    """Two printed lines of one row: each cell's text goes on with the one below
    (one space); a cell keeps its first part's page, and its box grows on that page."""
    cells = tuple(_merge(a, b) for a, b in zip(above.cells, below.cells))
    return Row(cells, _merge(Cell("x", above.where), Cell("x", below.where)).where)


def _merge(a: Cell, b: Cell) -> Cell:
    if not b.text:
        return a
    if not a.text:
        return b
    wa, wb = a.where, b.where
    where = wa
    if wa.bbox and wb.bbox and wa.page == wb.page:
        where = Where(page=wa.page, bbox=(min(wa.bbox[0], wb.bbox[0]), wa.bbox[1],
                                          max(wa.bbox[2], wb.bbox[2]), wb.bbox[3]),
                      confidence=wa.confidence)
    return Cell(f"{a.text} {b.text}".strip(), where)
