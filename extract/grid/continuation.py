"""A table printed without a header continues the last table of its width (a
rubric split over pages), when its rows start with criterion ids."""
from __future__ import annotations

from ..interpret import interpret
from ..model import Source, Table
from ..text.pipes import inherited_columns
from .body import body_rows, cut_short
from .model import Grid
from .patterns import is_id, is_numeric
from .slots import Positions, texts


def starts_with_ids(first_cells: list[str]) -> bool:
    """The first row and at least one more start with a criterion id."""
    ids = [is_id(t) for t in first_cells]
    return bool(ids) and ids[0] and sum(ids) >= 2


def headerless(grid: Positions, g: Grid, source: Source, earlier: list[Table]) -> list | None:
    start = _header_rest(grid)
    rows, groups, after = body_rows(grid, start, g)
    columns = inherited_columns(len(grid[0]), earlier)
    if not rows or columns is None or not starts_with_ids([r.cells[0].text for r in rows]):
        return None
    kind, columns, sums = interpret(columns)
    return [Table(source=source, rows=tuple(rows), columns=tuple(columns), kind=kind,
                  row_groups=tuple(groups), sums=tuple(sums), where=g.where,
                  truncated=cut_short(grid[-1]))] + after


def _header_rest(grid: Positions) -> int:
    """Rows at the top that are the rest of a header the page break cut ("ph ần)"
    under the header printed at the foot of the page before): nothing in the first
    column, labels only.  → the first row after them."""
    k = 0
    while k < min(len(grid) - 1, 2) and not grid[k][0].text and texts(grid[k]) \
            and not any(is_numeric(t) or is_id(t) for t in texts(grid[k])):
        k += 1
    return k if k < len(grid) and is_id(grid[k][0].text) else 0
