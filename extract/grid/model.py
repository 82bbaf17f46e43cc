"""Grid and GridCell: a table as printed, before anyone says what it means.

Modelled on docling-core's ``TableCell``/``TableData``: each printed cell once,
at its top-left position, with its spans; :meth:`Grid.dense` gives the
positions view, where a position covered by a span points back to the printed
cell that covers it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Where


@dataclass(frozen=True)
class GridCell:
    text: str                               # as printed, whitespace collapsed; "" when empty
    where: Where = Where()
    rowspan: int = 1
    colspan: int = 1
    row: int = -1                           # top-left position; set by Grid.from_rows
    col: int = -1
    lines: tuple[str, ...] = ()             # the cell's own printed lines/paragraphs, when known
    confidence: float | None = None         # OCR confidence 0..100

    def at(self, row: int, col: int) -> "GridCell":
        return replace(self, row=row, col=col)


@dataclass(frozen=True)
class Grid:
    """One printed table: its cells, where it is, and its caption when the source names one."""

    cells: tuple[GridCell, ...]
    n_rows: int
    n_cols: int
    where: Where = Where()                  # where the table starts
    caption: str | None = None              # an explicit caption element (<caption>, a Word title)
    origin: str = ""                        # "html", "pdf:pdfplumber", "docx", "xlsx", "text", …
    index: int = 0                          # the k-th table of its source, 1-based where printed
    row_where: tuple[Where, ...] = ()       # per row, where the row is (line, tr path, page)
    column_x: tuple[tuple[float, float] | None, ...] = ()   # per column, its x range on a page
    ruled: bool = True                      # False: cells found from alignment, no rules or spans
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_rows(cls, rows: list[list[GridCell]], **kw) -> "Grid":
        """Rows of printed cells, each with its spans, left to right (as HTML and Word
        print them) → a grid: a cell takes the first position its row has free."""
        taken: set[tuple[int, int]] = set()
        cells: list[GridCell] = []
        width = 0
        for r, printed in enumerate(rows):
            c = 0
            for cell in printed:
                while (r, c) in taken:
                    c += 1
                rs = max(1, min(cell.rowspan, len(rows) - r))
                cs = max(1, cell.colspan)
                cells.append(replace(cell.at(r, c), rowspan=rs, colspan=cs))
                for dr in range(rs):
                    for dc in range(cs):
                        taken.add((r + dr, c + dc))
                c += cs
                width = max(width, c)
        return cls(tuple(cells), len(rows), width, **kw)

    def dense(self) -> list[list[GridCell | None]]:
        """n_rows × n_cols positions; a covered position holds the printed cell covering it,
        a position nothing covers holds None."""
        out: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    r, c = cell.row + dr, cell.col + dc
                    if r < self.n_rows and c < self.n_cols:
                        out[r][c] = cell
        return out

    def position_where(self, row: int, col: int) -> Where:
        """Where an empty or covered position is: on a page, the box where its
        row and its column cross; elsewhere nothing more than its row says."""
        rw = self.row_where[row] if row < len(self.row_where) else Where()
        x = self.column_x[col] if col < len(self.column_x) else None
        if rw.bbox is None or x is None:
            return Where()
        return Where(page=rw.page, bbox=(x[0], rw.bbox[1], x[1], rw.bbox[3]))

    def texts(self) -> list[list[str]]:
        """The printed text per position, "" where covered or empty (for tests and debugging)."""
        return [[(c.text if c is not None and (c.row, c.col) == (r, k) else "")
                 for k, c in enumerate(row)] for r, row in enumerate(self.dense())]
