"""A grid's body: data rows, row groups (grade bands, full-width section rows),
and the lines printed after the last row."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Cell, Row, RowGroup, Where
from .model import Grid
from .patterns import is_band
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
    """Rows, row groups and the lone lines after the last row."""
    rows: list[Row] = []
    groups: list[RowGroup] = []
    open_group: tuple[str, int, int | None] | None = None
    pending: list[Block] = []
    width = len(grid[0])
    for r in range(start, len(grid)):
        found = printed(grid[r])
        if not has_print(grid[r]):
            continue
        if len(found) == 1 and (is_band(found[0].text) or found[0].colspan >= width > 1):
            close_group(groups, open_group, len(rows))
            open_group = (found[0].text, len(rows), found[0].where.line)
            pending = [block_of(found[0])]
            continue
        pending = []
        cells = tuple(Cell(s.text, s.where) if s.first else Cell("", g.position_where(r, k))
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
