"""The one interpreter: a Grid → tables (header, column roles, bands, crosstabs,
continuation of the table before), and the blocks of text found around them.

    positions → header rows (start, end, column numbers) → body rows and bands →
    columns and kind (extract/interpret.py) → Table
"""
from __future__ import annotations

from ..model import Source, Table
from .body import Block, block_of, body_rows, cut_short, join_wrapped
from .continuation import headerless
from .crosstab import crosstab
from .header import header_cells, header_columns, header_end, header_start, numbering_of
from .model import Grid
from .packed import split_packed
from .patterns import CAPTION
from .slots import Positions, printed, slots_of


def read_grid(grid: Grid, source: Source, earlier: list[Table] | tuple = ()) -> list | None:
    """[blocks before, Table, blocks after] for a data table; None for layout.
    Blocks are :class:`Block` (text, path, where)."""
    positions = slots_of(grid)
    if not positions or not positions[0]:
        return None
    found = crosstab(positions, grid, source)
    if found is not None:
        return found
    h0 = header_start(positions)
    if h0 is None:
        return headerless(positions, grid, source, list(earlier))
    return _with_header(positions, grid, source, h0)


def _with_header(positions: Positions, g: Grid, source: Source, h0: int) -> list | None:
    end = header_end(positions, h0, g.ruled)
    numbering = numbering_of(positions[end]) if end < len(positions) else None
    rows, groups, after = body_rows(positions, end + (1 if numbering else 0), g)
    if not rows:
        return None
    kind, columns, sums = header_columns(positions, h0, end, numbering, rows, g.ruled)
    if not g.ruled and kind == "scores":
        rows, groups = join_wrapped(rows, groups, columns)
    caption, after = _caption(g.caption, after)
    columns, rows = split_packed(columns, rows)
    table = Table(source=source, rows=tuple(rows), columns=tuple(columns), kind=kind,
                  row_groups=tuple(groups), sums=tuple(sums),
                  numbering=tuple(n for n in numbering or () if n), where=g.where,
                  truncated=cut_short(positions[-1]), caption=caption,
                  header=header_cells(positions, h0, end))
    before = [block_of(s) for row in positions[:h0] for s in printed(row)]
    return before + [table] + after


def _caption(printed_caption: str | None, after: list[Block]) -> tuple[str | None, list[Block]]:
    """The caption element, or a caption line printed right under the table's last row."""
    if printed_caption is None and after and CAPTION.match(after[0].text):
        return after[0].text, after[1:]
    return printed_caption, after


__all__ = ["read_grid", "Block"]
