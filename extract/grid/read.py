"""The one interpreter: a Grid → tables (header, column roles, bands, crosstabs,
continuation of the table before), and the blocks of text found around them."""
from __future__ import annotations

from ..model import Source, Table
from .model import Grid


def read_grid(grid: Grid, source: Source, earlier: list[Table] | tuple = ()) -> list | None:
    """[blocks before, Table, blocks after] for a data table; None for layout.

    Blocks are ``xephang.extract.html_tables.Block`` (text, path) for now.
    """
    from .. import html_tables
    return html_tables.read_slots(html_tables.slots_of(grid), grid, source, list(earlier))
