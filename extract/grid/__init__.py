"""The neutral grid every reader produces, and its one interpreter.

Every reader — text dumps, pipe tables, HTML, PDF grids, OCR, Word, Excel — only
says where the printed cells are: a :class:`Grid` of :class:`GridCell` (text as
printed, row/column position, spans, the printed lines inside the cell, and
provenance).  :func:`read_grid` turns a grid into tables: header rows, column
roles, bands, captions, crosstabs, continuation of the table before.

    >>> from xephang.extract.grid import Grid, GridCell, read_grid
    >>> g = Grid.from_rows([[GridCell("TT"), GridCell("Đơn vị"), GridCell("Tổng điểm")],
    ...                     [GridCell("1"), GridCell("Sở Nội vụ"), GridCell("83,5")]])
    >>> g.n_rows, g.n_cols
    (2, 3)
"""
from .model import Grid, GridCell
from .read import Block, read_grid

__all__ = ["Block", "Grid", "GridCell", "read_grid"]
