"""Shares of units per grade band: a corner cell split diagonally ("Khối" over
"Xếp hạng"), the blocks of units across, a row per band ("Mức khá | 67% | 8%")."""
from __future__ import annotations

from ..model import Cell, Column, Source, Table
from .body import body_rows
from .model import Grid
from .patterns import GRADE_ROW, corner_pair, corner_split, is_numeric
from .slots import Positions, Slot


def crosstab(grid: Positions, g: Grid, source: Source) -> list | None:
    corner = corner_lines(grid[0][0])
    rows, groups, after = body_rows(grid, 1, g)
    if corner is None or len(rows) < 2 or len(grid[0]) < 2 or not all(
            GRADE_ROW.match(r.cells[0].text) and all(is_numeric(c.text) for c in r.cells[1:])
            for r in rows):
        return None
    where = grid[0][0].where
    across = [s for s in grid[0][1:] if s.first]
    columns = [Column(" / ".join(corner), "grade")] + [Column(s.text, "other") for s in across]
    header = [Cell(line, where) for line in corner] + [Cell(s.text, s.where) for s in across]
    return [Table(source=source, rows=tuple(rows), columns=tuple(columns), kind="other",
                  where=g.where, header=tuple(header))] + after


def corner_lines(slot: Slot) -> list[str] | None:
    """["Khối", "Xếp hạng"]: the two lines of a diagonally split corner cell (its
    own lines when the source tells them apart, else its words)."""
    lines = list(slot.lines)
    if len(lines) == 2:
        return lines if corner_pair(*lines) else None
    return corner_split(slot.text) if slot.text else None
