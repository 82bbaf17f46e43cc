"""The <table>s of a saved page: spans expanded into a grid, the header found,
columns named, rows and grade bands read — or None for a layout table.

A cell's provenance is ``table[k]/tr[r]/td[c]``: the k-th <table> of the page
(``(//table)[k]``), its r-th own row (through thead/tbody/tfoot), the c-th cell
of that row (td and th counted together, named by their tag); all 1-based.
A position covered by another cell's rowspan or colspan reads "" and has no
path: the text was printed once, where the spanning cell starts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree as etree

from . import pipes
from .cells import is_band, is_numeric
from .errors import UnsafeMarkup
from .interpret import column_number, columns_from_grid, fold, interpret, label_role
from .grid.model import Grid, GridCell
from .model import Cell, Column, Row, RowGroup, Source, Table, Where

MAX_SPAN = 1000          # the HTML standard's ceiling for colspan
MAX_POSITIONS = 250_000  # a decision's largest table has a few thousand cells
_ID = re.compile(r"^\d+(?:\.\d+)*\.?$")


@dataclass(frozen=True)
class Block:
    """One line of the page's running text (a paragraph, or a <br>-separated line)."""

    text: str
    path: str


# ---------------------------------------------------------------- a <table> as a grid

@dataclass(frozen=True)
class Slot:
    """One position of a table's grid: the printed cell covering it."""

    text: str
    key: tuple[int, int] | None      # (row, cell) of the printed cell; None: nothing printed
    where: Where = Where()
    first: bool = True               # the printed cell's own top-left position
    colspan: int = 1
    rowspan: int = 1
    lines: tuple[str, ...] = ()      # the cell's own paragraphs, when the source tells them apart


EMPTY = Slot("", None)


def own_rows(table) -> list:
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def pruned(top, skip):
    """``iterwalk`` start/end events of *top*'s tree without the subtrees for which
    ``skip(element)`` is true; each pruned element gives one ("pruned", el) event
    where its end is, so its tail text still comes in order.  Iterative: no
    recursion however deep the tree."""
    pruning = None
    for event, el in etree.iterwalk(top, events=("start", "end")):
        if pruning is not None:
            if event == "end" and el is pruning:
                pruning = None
                yield "pruned", el
        elif event == "start" and el is not top and skip(el):
            pruning = el
        else:
            yield event, el


def cell_text(cell) -> str:
    """The cell's text, whitespace collapsed (&nbsp; is a space, and so is <br>,
    whose tail the parser prefixed with one); a table nested in the cell is not
    part of it."""
    if cell.find(".//table") is None:
        return " ".join("".join(cell.itertext()).split())
    parts = []
    for event, el in pruned(cell, lambda el: el.tag == "table"):
        if event == "start":
            parts.append(el.text or "")
        elif el is not cell:
            parts.append(el.tail or "")
    return " ".join("".join(parts).split())


def _span(cell, name: str, limit: int) -> int:
    """colspan/rowspan as a number from 1 to *limit*; rowspan="0" runs to the end."""
    m = re.match(r"\s*(\d+)", cell.get(name, "") or "")
    value = int(m.group(1)) if m else 1
    if value == 0:
        value = limit if name == "rowspan" else 1
    return max(1, min(value, limit))


def table_grid(table, k: int, path: str = "") -> Grid:
    """The table's own rows as a neutral grid, spans kept.  No span reaches
    past the table: a colspan is at most the largest number of cells a row
    prints, a rowspan at most the rows left; spans that would fill more than
    MAX_POSITIONS positions are refused."""
    rows = [tr.xpath("./td | ./th") for tr in own_rows(table)]
    most = min(MAX_SPAN, max((len(cells) for cells in rows), default=1))
    printed: list[list[GridCell]] = []
    positions = 0
    for r, cells in enumerate(rows):
        out = []
        for j, td in enumerate(cells):
            cs, rs = _span(td, "colspan", most), _span(td, "rowspan", len(rows) - r)
            positions += cs * rs
            if positions > MAX_POSITIONS:
                raise UnsafeMarkup(path, f"table[{k}]: its rowspans and colspans make a grid of "
                                         f"more than {MAX_POSITIONS:,} cells; refused")
            out.append(GridCell(cell_text(td), Where(path=f"table[{k}]/tr[{r + 1}]/{td.tag}[{j + 1}]"),
                                rowspan=rs, colspan=cs, lines=_paragraphs(td)))
        printed.append(out)
    return Grid.from_rows(printed, where=Where(path=f"table[{k}]"), caption=_caption_element(table),
                          origin="html", index=k,
                          row_where=tuple(Where(path=f"table[{k}]/tr[{r + 1}]") for r in range(len(rows))))


def _paragraphs(td) -> tuple[str, ...]:
    found = td.xpath("./p | ./div")
    return tuple(t for t in (cell_text(p) for p in found) if t) if found else ()


def slots_of(grid: Grid) -> list[list[Slot]]:
    """The positions view the interpreter reads: each position the printed cell covering it."""
    keys = {id(c): (c.row, c.col) for c in grid.cells}
    out = []
    for r, row in enumerate(grid.dense()):
        out.append([EMPTY if c is None else
                    Slot(c.text, keys[id(c)], c.where, (c.row, c.col) == (r, k), c.colspan, c.rowspan,
                         c.lines)
                    for k, c in enumerate(row)])
    return out


# ---------------------------------------------------------------- a grid as a Table

def read_table(el, k: int, source: Source, earlier: list[Table]) -> list | None:
    """[blocks before, Table, blocks after] for a data table; None for layout."""
    from .grid import read_grid
    return read_grid(table_grid(el, k, source.path), source, earlier)


def read_slots(grid: list[list[Slot]], g: Grid, source: Source, earlier: list[Table]) -> list | None:
    """The interpreter: a grid's positions → [blocks before, Table, blocks after], or None."""
    if not grid or not grid[0]:
        return None
    h0 = header_start(grid)
    if h0 is None:
        return crosstab(grid, g, source) or headerless(grid, g, source, earlier)
    end = header_end(grid, h0)
    numbering = numbering_of(grid[end]) if end < len(grid) else None
    rows, groups, after = body_rows(grid, end + (1 if numbering else 0), g)
    if not rows:
        return None
    kind, columns, sums = header_columns(grid, h0, end, numbering, rows)
    table = Table(source=source, rows=tuple(rows), columns=tuple(columns), kind=kind,
                  row_groups=tuple(groups), sums=tuple(sums),
                  numbering=tuple(n for n in numbering or () if n), where=g.where,
                  truncated=_cut_short(grid[-1]), caption=g.caption,
                  header=tuple(Cell(s.text, s.where) for row in grid[h0:end] for s in row
                               if s.first and s.text))
    before = [Block(s.text, s.where.path) for row in grid[:h0] for s in row if s.first and s.text]
    return before + [table] + after


def header_columns(grid, h0: int, end: int, numbering, rows: list[Row]):
    """(kind, columns, sums) from the printed header rows."""
    if _is_form(grid[h0], grid):
        return "other", pipes.form_columns([s.text for s in grid[h0]]), []
    header = [[(s.text, s.key) for s in row] for row in grid[h0:end]]
    kind, columns, sums = interpret(columns_from_grid(header, numbering))
    return kind, pipes.counts_are_not_criteria(columns, rows), sums


def headerless(grid, g: Grid, source: Source, earlier: list[Table]) -> list | None:
    """A table printed without a header continues the last table of its width
    (a rubric split over pages), when its rows start with criterion ids."""
    rows, groups, after = body_rows(grid, 0, g)
    ids = [bool(_ID.match(r.cells[0].text)) for r in rows]
    columns = pipes.inherited_columns(len(grid[0]), earlier)
    if not rows or not ids[0] or sum(ids) < 2 or columns is None:
        return None
    kind, columns, sums = interpret(columns)
    return [Table(source=source, rows=tuple(rows), columns=tuple(columns), kind=kind,
                  row_groups=tuple(groups), sums=tuple(sums), where=g.where,
                  truncated=_cut_short(grid[-1]))] + after


_CORNER = re.compile(r"^(kh\w{0,2}i|don vi|co quan)$")
_GRADE_ROW = re.compile(r"^M\w{0,2}c\s")


def crosstab(grid: list[list[Slot]], g: Grid, source: Source) -> list | None:
    """Shares of units per grade band: a corner cell split diagonally ("Khối" over
    "Xếp hạng"), the blocks of units across, a row per band ("Mức khá | 67% | 8%")."""
    corner = corner_lines(grid[0][0])
    rows, groups, after = body_rows(grid, 1, g)
    if corner is None or len(rows) < 2 or len(grid[0]) < 2 or not all(
            _GRADE_ROW.match(r.cells[0].text) and all(is_numeric(c.text) for c in r.cells[1:])
            for r in rows):
        return None
    where = grid[0][0].where
    columns = [Column(" / ".join(corner), "grade")] + [
        Column(s.text, "other") for s in grid[0][1:] if s.first]
    header = [Cell(line, where) for line in corner] + [Cell(s.text, s.where) for s in grid[0][1:] if s.first]
    return [Table(source=source, rows=tuple(rows), columns=tuple(columns), kind="other",
                  where=g.where, header=tuple(header))] + after


def corner_lines(slot: Slot) -> list[str] | None:
    """["Khối", "Xếp hạng"]: the two paragraphs of a diagonally split corner cell."""
    lines = list(slot.lines)
    if len(lines) == 2 and _CORNER.match(fold(lines[0])) and label_role(lines[1]) in ("rank", "grade"):
        return lines
    return None


def header_start(grid: list[list[Slot]]) -> int | None:
    """The first row (of the first six) that reads as a header: a row-number label
    ("TT", "STT") then labels; labels naming two known roles; or a form's header."""
    for r, row in enumerate(grid[:6]):
        texts = [s.text for s in row if s.first and s.text]
        if not texts:
            continue
        roles = [label_role(t) for t in texts]
        known = {x for x in roles if x not in ("component", "group")}
        labels = not any(is_numeric(t) or _ID.match(t) or len(t) > 90 for t in texts)
        if (roles[0] == "row_no" and len(texts) >= 2) or (labels and len(known) >= 2) \
                or _is_form(row, grid):
            return r
    return None


def _is_form(row: list[Slot], grid: list[list[Slot]]) -> bool:
    """"1 | Thông tin Sở/ban/ngành | Đơn vị | Nội dung/Số lượng": the pipe reader's rule."""
    def line(cells: list[Slot]) -> pipes.PipeLine:
        return pipes.PipeLine(0, tuple(Cell(s.text) for s in cells if s.first))
    return pipes.is_form_header(line(row), [line(x) for x in grid])


def header_end(grid: list[list[Slot]], h0: int) -> int:
    """One past the header's last row: every row its rowspans reach, and rows of
    labels under a spanning group ("Điểm" over the component labels)."""
    end = h0 + 1
    while True:
        reach = max(r + s.rowspan for r in range(h0, end) for s in grid[r] if s.first)
        if reach > end:
            end = reach
        elif end < len(grid) and _sub_header(grid, end):
            end += 1
        else:
            return min(end, len(grid))


def _sub_header(grid: list[list[Slot]], r: int) -> bool:
    above = any(s.colspan > 1 for s in grid[r - 1])
    texts = [s.text for s in grid[r] if s.first and s.text]
    return (above and bool(texts) and numbering_of(grid[r]) is None
            and not any(is_numeric(t) or is_band(t) for t in texts))


def numbering_of(row: list[Slot]) -> list[str | None] | None:
    """The printed column numbers "(1)".."(n)" per column, or None for another row."""
    texts = [s.text for s in row if s.first and s.text]
    if len(texts) < 2 or any(column_number(t) is None for t in texts):
        return None
    return [s.text if s.first and s.text else None for s in row]


def body_rows(grid: list[list[Slot]], start: int, g: Grid):
    """Rows, row groups (grade bands, full-width section rows) and trailing notes."""
    rows: list[Row] = []
    groups: list[RowGroup] = []
    open_group: tuple[str, int] | None = None
    pending: list[Block] = []
    width = len(grid[0])
    for r in range(start, len(grid)):
        printed = [s for s in grid[r] if s.first and s.text]
        if not any(s.key is not None for s in grid[r]):
            continue
        if len(printed) == 1 and (is_band(printed[0].text) or printed[0].colspan >= width > 1):
            _close(groups, open_group, len(rows))
            open_group = (printed[0].text, len(rows))
            pending = [Block(printed[0].text, printed[0].where.path)]
            continue
        pending = []
        cells = tuple(Cell(s.text, s.where) if s.first else Cell("") for s in grid[r])
        rows.append(Row(cells, g.row_where[r] if r < len(g.row_where) else Where()))
    _close(groups, open_group, len(rows))
    return rows, groups, pending


def _close(groups: list[RowGroup], group: tuple[str, int] | None, nrows: int) -> None:
    if group and nrows > group[1]:
        groups.append(RowGroup(group[0], group[1], nrows - 1))


def _cut_short(last: list[Slot]) -> bool:
    """The last row stops before the last column: nothing printed in its final positions."""
    return bool(last) and last[-1].key is None and any(s.key is not None for s in last)


def _caption_element(el) -> str | None:
    found = el.xpath("./caption")
    return cell_text(found[0]) or None if found else None


__all__ = ["Block", "Slot", "read_table", "table_grid", "cell_text", "own_rows", "pruned"]
