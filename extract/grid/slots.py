"""The positions view the interpreter reads: each position of the grid holds the
printed cell covering it, and says whether it is that cell's own top-left one."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Where
from .model import Grid


@dataclass(frozen=True)
class Slot:
    """One position of a table's grid: the printed cell covering it."""

    text: str
    key: tuple[int, int] | None      # (row, col) of the printed cell; None: nothing printed
    where: Where = Where()
    first: bool = True               # the printed cell's own top-left position
    colspan: int = 1
    rowspan: int = 1
    lines: tuple[str, ...] = ()      # the cell's own lines/paragraphs, when the source tells them apart


EMPTY = Slot("", None)
Positions = list[list[Slot]]


def slots_of(grid: Grid) -> Positions:
    out = []
    for r, row in enumerate(grid.dense()):
        out.append([EMPTY if c is None else
                    Slot(c.text, (c.row, c.col), c.where, (c.row, c.col) == (r, k), c.colspan,
                         c.rowspan, c.lines)
                    for k, c in enumerate(row)])
    return out


def printed(row: list[Slot]) -> list[Slot]:
    """The cells printed in *row* (their own position), with text."""
    return [s for s in row if s.first and s.text]


def texts(row: list[Slot]) -> list[str]:
    return [s.text for s in printed(row)]


def has_print(row: list[Slot]) -> bool:
    """Anything printed at this row's positions, empty cells included."""
    return any(s.key is not None for s in row)
