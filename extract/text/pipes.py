"""Tables printed as pipe-separated rows, as some legal portals' text views print them.

    TT | Chỉ số/ Chỉ số thành phần | Điểm tối đa | Cách xác định và tính điểm | Tài liệu kiểm chứng |
    1 | Nhận thức số | 100 |
    |
    |
    1.2 | Giám đốc/Thủ trưởng tham gia … | 20 | a= Số cuộc họp … | Văn bản, tài liệu chứng minh |
    b= Tổng số cuộc họp CĐS của tỉnh … | ||||
    Điểm = (a/b)*Điểm tối đa. | ||||

Every cell is printed followed by "|".  A row's cells may run on over the
following lines, so a row is read by counting cells up to the table's width:
a line holding only "|" is one more (empty) cell of the row above — the empty
cells the portal prints for a row shorter than the header ("1 | Nhận thức số
| 100 |" has three cells of five, the two "|" lines are its rule and evidence).

A full-width record with no id and a single filled cell ("b= … | ||||") is a
paragraph of the scoring rule above, on a row of its own in the source because
the other cells span it (rowspan): in a rubric it is joined to the rule cell of
the row above with a single space.

A run of pipe lines is a table when it starts with a header ("TT | …"), with a
form header (a section number then labels: "1 | Thông tin Sở/ban/ngành | Đơn vị
| Nội dung/Số lượng |"), or with at least two rows that start with an id — a
table printed without a header, which continues the columns of the last table
of the same width.  Anything else (the letterhead "ỦY BAN NHÂN DÂN | CỘNG HÒA …",
"| KT. CHỦ TỊCH |") is layout, not a table.

This module only cuts the lines into rows of cells: each table goes to the one
interpreter (extract/grid) as a neutral grid, and the rule paragraphs are joined
to the rule cell above once it has named the columns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..interpret import label_role
from ..model import Cell, Column, Row, Source, Table, Where

if TYPE_CHECKING:          # the grid imports this module: import it when used
    from ..grid.model import Grid

_ID = re.compile(r"^\d+(?:\.\d+)*\.?$")
_INTEGER = re.compile(r"^\d+$")


@dataclass(frozen=True)
class PipeLine:
    """One printed line of a pipe table, split into its cells."""

    line: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Record:
    """One row of cells, gathered from one or more lines."""

    line: int
    cells: tuple[Cell, ...]

    @property
    def filled(self) -> list[Cell]:
        return [c for c in self.cells if c.text]

    @property
    def has_id(self) -> bool:
        return bool(_ID.match(self.cells[0].text)) if self.cells else False


def find_tables(text: str, source: Source) -> list[Table]:
    """Every pipe-separated table of a text dump, in printed order."""
    tables: list[Table] = []
    for block in blocks_of(text):
        table = read_block(block, source, tables)
        if table is not None:
            tables.append(table)
    return tables


# -- lines and blocks --------------------------------------------------------

def split_line(raw: str, number: int) -> PipeLine | None:
    """"a | b |" → cells "a", "b" (whitespace collapsed); None when the line is no pipe row."""
    stripped = raw.strip()
    if not stripped.endswith("|"):
        return None
    parts = stripped[:-1].split("|")
    return PipeLine(number, tuple(Cell(" ".join(p.split()), Where(line=number)) for p in parts))


def blocks_of(text: str) -> list[list[PipeLine]]:
    """Runs of consecutive pipe lines; blank lines inside a run do not end it."""
    blocks, current = [], []
    for number, raw in enumerate(text.split("\n"), 1):
        if raw.strip() == "":
            continue
        pipe = split_line(raw, number)
        if pipe is not None:
            current.append(pipe)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def records_of(lines: list[PipeLine], width: int) -> tuple[list[Record], bool]:
    """Gather cells line by line into rows of *width* cells.  Returns the rows and
    whether the last one stopped short of the width (a table cut off mid-row)."""
    out: list[Record] = []
    pending: list[Cell] = []
    start = 0
    for pl in lines:
        if not pending:
            start = pl.line
        pending += pl.cells
        while len(pending) >= width:
            out.append(Record(start, tuple(pending[:width])))
            pending = pending[width:]
            start = pl.line
    if pending:
        out.append(Record(start, tuple(pending) + tuple(Cell("") for _ in range(width - len(pending)))))
    return out, bool(pending)


# -- headers -----------------------------------------------------------------

def is_header(pl: PipeLine) -> bool:
    """"TT | Chỉ số … |": a row-number label first, then at least one more label."""
    texts = [c.text for c in pl.cells]
    return len(texts) >= 2 and label_role(texts[0]) == "row_no" and all(texts[1:])


def is_form_header(pl: PipeLine, block: list[PipeLine]) -> bool:
    """"1 | Thông tin Sở/ban/ngành | Đơn vị | Nội dung/Số lượng |": a section number,
    then only labels (no number, no empty cell), as wide as any line after it."""
    texts = [c.text for c in pl.cells]
    if len(texts) < 3 or not _ID.match(texts[0]) or not all(texts[1:]):
        return False
    from ..grid.patterns import is_numeric   # the grid reads this module: imported when used
    if any(is_numeric(t) for t in texts[1:]):
        return False
    return max(len(x.cells) for x in block) <= len(texts)


def form_columns(labels: list[str]) -> list[Column]:
    """A data-entry form (the "Thông tin chung" of a rubric): its first column numbers
    the fields, the others are what to fill in; nothing in it is scored."""
    return [Column(labels[0], "row_no")] + [Column(label, "other") for label in labels[1:]]


def inherited_columns(width: int, earlier: list[Table]) -> list[Column] | None:
    """A table printed without a header continues the last table of the same width."""
    for table in reversed(earlier):
        if len(table.columns) == width and table.header:
            return list(table.columns)
    return None


# -- bars on lines of their own -------------------------------------------------

@dataclass(frozen=True)
class Separated:
    """A table printed with every "|" on a line of its own (a legal portal's bulletin
    view): the text between two bar lines is one cell, over as many lines as it takes;
    a bar right after a bar is an empty cell, and every row ends with one more bar."""

    first: int                  # the first and last printed line of the table
    last: int
    cells: tuple[Cell, ...]     # every cell in printed order, the row ends as "" cells


def is_bar(raw: str) -> bool:
    return raw.strip() == "|"


def separated_runs(text: str) -> list[Separated]:
    """Runs of content lines cut by bar lines; at least three bar lines in a run."""
    raw = text.split("\n")
    out, k = [], 0
    while k < len(raw):
        if raw[k].strip() and not is_bar(raw[k]) and not raw[k].rstrip().endswith("|") \
                and k + 1 < len(raw) and is_bar(raw[k + 1]):
            run = _separated_at(raw, k)
            if run is not None:
                out.append(run)
                k = run.last
                continue
        k += 1
    return out


def _separated_at(raw: list[str], start: int) -> Separated | None:
    cells: list[Cell] = []
    pending: list[tuple[int, str]] = []
    k, bars, last = start, 0, start
    while k < len(raw):
        line = raw[k]
        if is_bar(line):
            text = " ".join(" ".join(t for _, t in pending).split())
            cells.append(Cell(text, Where(line=pending[0][0] if pending else k + 1)))
            pending, bars, last = [], bars + 1, k + 1
        elif line.strip() == "" or line.rstrip().endswith("|"):
            break
        else:
            pending.append((k + 1, line))
            if len(pending) > 12:
                break                 # running text, not a cell
        k += 1
    if pending and bars:
        text = " ".join(" ".join(t for _, t in pending).split())
        cells.append(Cell(text, Where(line=pending[0][0])))
        last = pending[-1][0]
    return Separated(start + 1, last, tuple(cells)) if bars >= 3 else None


def separated_records(cells: tuple[Cell, ...]) -> tuple[tuple[Cell, ...], list[Record], bool]:
    """(header, records, cut short).  The header is the cells up to the first empty one;
    a row that starts with an id takes as many cells as the header has, a row that does
    not (a paragraph of the rule above, the other cells spanned) takes one; the empty
    cell that ends a row is dropped."""
    end = next((k for k, c in enumerate(cells) if not c.text), None)
    if end is None or end < 2:
        return (), [], False
    header, width = cells[:end], end
    records, k, cut = [], end + 1, False
    while k < len(cells):
        first = cells[k]
        take = width if _ID.match(first.text) else 1
        chunk = cells[k:k + take]
        cut = len(chunk) < take
        padded = tuple(chunk) + tuple(Cell("") for _ in range(width - len(chunk)))
        records.append(Record(first.where.line or 0, padded))
        k += take
        if k < len(cells) and not cells[k].text:
            k += 1
    return header, records, cut


def read_separated(run: Separated, source: Source, earlier: list[Table]) -> Table | None:
    header, records, cut = separated_records(run.cells)
    if not records or not is_header(PipeLine(run.first, header)):
        return None
    table = interpreted(grid_of(header, records, run.first), source, earlier)
    if table is None:
        return None
    return table.with_(rows=tuple(rows_joined(table.rows, table.columns, table.kind)), truncated=cut)


def find_separated(text: str, source: Source) -> list[tuple[Separated, Table]]:
    """Every table printed with its bars on lines of their own, with the lines it spans."""
    out: list[tuple[Separated, Table]] = []
    for run in separated_runs(text):
        table = read_separated(run, source, [t for _, t in out])
        if table is not None:
            out.append((run, table))
    return out


# -- a block into a table ----------------------------------------------------

def read_block(block: list[PipeLine], source: Source, earlier: list[Table]) -> Table | None:
    first = block[0]
    if is_header(first) or is_form_header(first, block):
        header, body = first.cells, block[1:]
        width = len(header)
    else:
        header, body = (), block
        width = max(len(pl.cells) for pl in block)
    records, truncated = records_of(body, width)
    if not records or not header and not starts_with_rows(records):
        return None
    table = interpreted(grid_of(header, records, first.line), source, earlier)
    if table is None:
        return None
    rows = rows_joined(table.rows, table.columns, table.kind)
    return table.with_(rows=tuple(rows), truncated=truncated)


def grid_of(header: tuple[Cell, ...], records: list[Record], line: int) -> Grid:
    """The header (when printed) and the records, each cell where it was printed."""
    from ..grid.model import Grid, GridCell
    rows = ([[GridCell(c.text, c.where) for c in header]] if header else []) + [
        [GridCell(c.text, c.where) for c in rec.cells] for rec in records]
    wheres = ((Where(line=line),) if header else ()) + tuple(Where(line=r.line) for r in records)
    return Grid.from_rows(rows, where=Where(line=line), origin="text", row_where=wheres)


def interpreted(grid: Grid, source: Source, earlier: list[Table]) -> Table | None:
    from ..grid import read_grid
    found = read_grid(grid, source, earlier) or []
    return next((t for t in found if isinstance(t, Table)), None)


def rows_joined(rows: tuple[Row, ...], columns: tuple[Column, ...], kind: str) -> list[Row]:
    """In a rubric a rule paragraph on a row of its own (no id, one filled cell) joins
    the rule cell of the row above."""
    out: list[Row] = []
    target = rule_column(list(columns))
    for row in rows:
        filled = [c for c in row.cells if c.text]
        lone = len(filled) == 1 and not _ID.match(row.cells[0].text if row.cells else "")
        if kind == "rubric" and out and target is not None and lone:
            out[-1] = join_cell(out[-1], target, filled[0])
        else:
            out.append(row)
    return out


def starts_with_rows(records: list[Record]) -> bool:
    """A table without a header: its first row and at least one more start with an id."""
    return records[0].has_id and sum(r.has_id for r in records) >= 2


def counts_are_not_criteria(columns: list[Column], records: list[Record]) -> list[Column]:
    """A second "criterion" column holding only whole numbers counts the criteria
    ("Chỉ số thành phần (39 chỉ số thành phần)": 4, 4, 5 …): role "other"."""
    out, seen = [], False
    for k, col in enumerate(columns):
        if col.role == "criterion" and seen and _all_integers(records, k):
            col = Column(col.label, "other", col.number, col.group)
        seen = seen or col.role == "criterion"
        out.append(col)
    return out


def _all_integers(records: list[Record], k: int) -> bool:
    texts = [r.cells[k].text for r in records if r.cells[k].text]
    return bool(texts) and all(_INTEGER.match(t) for t in texts)


# -- rows --------------------------------------------------------------------

def rule_column(columns: list[Column]) -> int | None:
    for role in ("rule", "criterion"):
        k = next((i for i, c in enumerate(columns) if c.role == role), None)
        if k is not None:
            return k
    return None


def join_cell(row: Row, k: int, more: Cell) -> Row:
    """The cell *k* of *row* with *more* appended (one space); it keeps the line it starts on."""
    old = row.cells[k]
    cell = Cell(f"{old.text} {more.text}".strip(), old.where if old.text else more.where)
    return Row(row.cells[:k] + (cell,) + row.cells[k + 1:], row.where)


__all__ = ["find_tables", "find_separated", "blocks_of", "records_of", "split_line", "PipeLine", "Record"]
