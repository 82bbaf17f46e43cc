"""A table printed without a header continues the last table of its width (a
rubric split over pages), when its rows start with criterion ids."""
from __future__ import annotations

from ..interpret import interpret
from ..model import Source, Table
from ..text.pipes import inherited_columns
from .body import body_rows, cut_short
from .model import Grid
from .patterns import is_id
from .slots import Positions


def starts_with_ids(first_cells: list[str]) -> bool:
    """The first row and at least one more start with a criterion id."""
    ids = [is_id(t) for t in first_cells]
    return bool(ids) and ids[0] and sum(ids) >= 2


def headerless(grid: Positions, g: Grid, source: Source, earlier: list[Table]) -> list | None:
    rows, groups, after = body_rows(grid, 0, g)
    columns = inherited_columns(len(grid[0]), earlier)
    if not rows or columns is None or not starts_with_ids([r.cells[0].text for r in rows]):
        return None
    kind, columns, sums = interpret(columns)
    return [Table(source=source, rows=tuple(rows), columns=tuple(columns), kind=kind,
                  row_groups=tuple(groups), sums=tuple(sums), where=g.where,
                  truncated=cut_short(grid[-1]))] + after
