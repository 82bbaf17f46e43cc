"""Tables printed one cell per line, as legal portals' text views print them.

    TT / Đơn vị / Điểm / Tổng điểm / <component labels…> / (1) … (n) /
    1 / Văn phòng UBND tỉnh / 5 / 4 / 4 / 4 / 17 / 2 / …

The header labels come first (a two-row header row by row), then the column
numbers when they are printed, then the rows.  A score row starts with the
next row number followed by a unit name; a rubric row starts with a criterion
id ("1.2.1") or, for the scoring rule printed under it, with an empty cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..grid.patterns import CAPTION, GRADE_ROW, corner_pair, is_band, is_numeric
from ..interpret import column_number, columns_from_labels, interpret, label_role
from ..model import Cell, Column, Row, RowGroup, Source, Table, Where

if TYPE_CHECKING:
    from ..grid.model import Grid, GridCell


@dataclass(frozen=True)
class Item:
    """One non-blank line: a cell, a label or a paragraph."""

    line: int
    text: str


def items_of(text: str) -> list[Item]:
    """Non-blank lines with their 1-based numbers; a line holding only a
    no-break space is an empty cell ("")."""
    out = []
    for n, raw in enumerate(text.split("\n"), 1):
        if raw.strip(" \t\r") == "":
            continue
        out.append(Item(n, " ".join(raw.split())))
    return out


_ID = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.?|[a-zđ]\))$")


def is_header_start(text: str) -> bool:
    return label_role(text) == "row_no"


def is_text(text: str) -> bool:
    return text != "" and not is_numeric(text)


@dataclass
class Parsed:
    table: Table
    first: int        # index of the header's first item
    last: int         # index of the table's last item (caption included)
    labels: int = 0   # header labels printed


def find_tables(items: list[Item], source: Source) -> list[Parsed]:
    out, i = [], 0
    while i < len(items):
        if is_header_start(items[i].text) or _is_corner(items, i):
            parsed = _crosstab_at(items, i, source) if _is_corner(items, i) else _parse_at(items, i, source)
            if parsed:
                out.append(parsed)
                i = parsed.last + 1
                continue
        i += 1
    return out


def _parse_at(items: list[Item], start: int, source: Source) -> Parsed | None:
    labels, i = [], start
    while i < len(items) and len(labels) < 40:
        t = items[i].text
        if column_number(t) is not None or is_band(t) or _starts_row(items, i, kind=None):
            break
        labels.append(items[i])
        i += 1
    numbering = []
    while i < len(items) and column_number(items[i].text) is not None:
        numbering.append(items[i].text)
        i += 1
    if len(labels) < 2 or i >= len(items):
        return None
    width = len(numbering) or None
    printed = columns_from_labels([x.text for x in labels], width, numbering or None)
    kind, columns, _ = interpret(printed)
    if kind == "rubric":
        rows, groups, end, truncated = _rubric_rows(items, i, columns)
    else:
        rows, groups, end, truncated = _score_rows(items, i, columns)
    if not rows:
        return None
    last = end - 1
    caption = None
    j = end
    while j < len(items) and items[j].text == "":
        j += 1
    if j < len(items) and CAPTION.match(items[j].text):
        caption, last = items[j].text, j
    grid = grid_of(header_cells(labels, printed), numbering, rows, groups,
                   Where(line=items[start].line), caption)
    table = _interpreted(grid, source)
    if table is None:
        return None
    # A row may print fewer cells than the header when nothing follows in it (a rubric's
    # total row): cut short only when the next line does not start a row.
    return Parsed(table.with_(truncated=truncated), start, last, len(labels))


def header_cells(labels: list[Item], columns: list[Column]) -> list[GridCell]:
    """The printed header, laid out again as the table printed it before the dump put
    its labels one after another: a group label ("Điểm", "Điểm / Cơ chế - Chính sách")
    spans the columns under it, a label with nothing above it spans the header's rows."""
    from ..grid.model import GridCell
    stacks = [_groups(c, labels) + [c.label] for c in columns]
    depth = max(len(st) for st in stacks)
    lines = _lines_of(labels)
    out: list[GridCell] = []
    for c, stack in enumerate(stacks):
        for d, text in enumerate(stack):
            top = d < len(stack) - 1
            if top and c > 0 and stacks[c - 1][:d + 1] == stack[:d + 1] and len(stacks[c - 1]) > d + 1:
                continue                                 # the group cell started left of here
            span = 1
            while top and c + span < len(stacks) and stacks[c + span][:d + 1] == stack[:d + 1] \
                    and len(stacks[c + span]) > d + 1:
                span += 1
            rows = 1 if top else depth - d
            if text:
                out.append(GridCell(text, lines.pop(text), rowspan=rows, colspan=span).at(d, c))
    return out


def _groups(column: Column, labels: list[Item]) -> list[str]:
    """The group labels above a column, outermost first, as printed."""
    if not column.group:
        return []
    texts = {x.text for x in labels}
    parts = column.group.split(" / ")
    return parts if all(p in texts for p in parts) else [column.group]


class _lines_of(dict):
    """Printed label → where it was printed, each printing used once, in printed order."""

    def __init__(self, labels: list[Item]):
        super().__init__()
        for x in labels:
            self.setdefault(x.text, []).append(Where(line=x.line))

    def pop(self, text: str, default=None) -> Where:
        found = self.get(text) or [Where()]
        return found.pop(0) if len(found) > 1 or text not in self else found[0]


def grid_of(header: list[GridCell], numbering: list[str], rows: list[Row], groups: list[RowGroup],
            where: Where, caption: str | None) -> Grid:
    """The table as printed, as a neutral grid: the header, the column numbers, then
    the rows, each grade band a row of one cell across the table.  A cell a row did
    not print is a position nothing covers."""
    from ..grid.model import Grid, GridCell
    depth = max((c.row + c.rowspan for c in header), default=0)
    width = max([c.col + c.colspan for c in header] + [len(r.cells) for r in rows])
    cells = list(header)
    wheres = [Where(line=min((c.where.line for c in header if c.row == d and c.where.line),
                             default=None)) for d in range(depth)]
    r = depth
    if numbering:
        cells += [GridCell(n).at(r, k) for k, n in enumerate(numbering)]
        wheres.append(Where())
        r += 1
    bands = {g.first_row: g for g in groups}
    for k, row in enumerate(rows):
        if k in bands:
            cells.append(GridCell(bands[k].label, Where(line=bands[k].line), colspan=width).at(r, 0))
            wheres.append(Where(line=bands[k].line))
            r += 1
        printed = list(row.cells)
        while printed and printed[-1].text == "" and printed[-1].where == Where():
            printed.pop()                               # padding: nothing printed there
        cells += [GridCell(c.text, c.where).at(r, j) for j, c in enumerate(printed)]
        wheres.append(row.where)
        r += 1
    return Grid(tuple(cells), r, width, where=where, caption=caption, origin="text",
                row_where=tuple(wheres))


def _interpreted(grid: Grid, source: Source) -> Table | None:
    from ..grid import read_grid
    found = read_grid(grid, source) or []
    return next((t for t in found if isinstance(t, Table)), None)


def _is_corner(items: list[Item], i: int) -> bool:
    """A cross-table whose corner cell is split over two labels: "Khối" / "Xếp hạng"."""
    return i + 1 < len(items) and corner_pair(items[i].text, items[i + 1].text)


def _crosstab_at(items: list[Item], start: int, source: Source) -> Parsed | None:
    """Khối | Xếp hạng / Sở, ngành / UBND huyện, then rows "Mức tốt | 0% | 0%":
    the share of units in each grade band, per block of units."""
    i = start + 2
    labels = items[start:start + 2]
    while i < len(items) and is_text(items[i].text) and not _band_row(items, i, len(labels) - 1):
        labels.append(items[i])
        i += 1
    width = len(labels) - 1
    rows = []
    while _band_row(items, i, width):
        chunk = items[i:i + width]
        rows.append(Row(_cells(chunk), Where(line=chunk[0].line)))
        i += width
    if width < 2 or len(rows) < 2:
        return None
    from ..grid.model import Grid, GridCell
    corner = GridCell(f"{labels[0].text} {labels[1].text}", Where(line=labels[0].line),
                      lines=(labels[0].text, labels[1].text))
    head = [corner] + [GridCell(x.text, Where(line=x.line)) for x in labels[2:]]
    body = [[GridCell(c.text, c.where) for c in row.cells] for row in rows]
    grid = Grid.from_rows([head] + body, where=Where(line=items[start].line), origin="text",
                          row_where=(Where(line=labels[0].line),) + tuple(r.where for r in rows))
    from ..grid.crosstab import crosstab
    from ..grid.slots import slots_of
    found = crosstab(slots_of(grid), grid, source) or []      # its corner told what it is
    table = next((t for t in found if isinstance(t, Table)), None)
    return Parsed(table, start, i - 1) if table is not None else None


def _band_row(items: list[Item], i: int, width: int) -> bool:
    """A grade name ("Mức khá") followed by width-1 numbers."""
    chunk = items[i:i + width]
    return (len(chunk) == width and width >= 2 and GRADE_ROW.match(chunk[0].text) is not None
            and all(is_numeric(x.text) for x in chunk[1:]))


def _starts_row(items: list[Item], i: int, kind: str | None, number: int | None = None) -> bool:
    """Does a row start at item *i*?  Score rows: the row number (*number*, when
    given) then a name.  Rubric rows: an id or an empty cell, then a text."""
    if i + 1 >= len(items):
        return False
    t, nxt = items[i].text, items[i + 1].text
    if kind == "rubric":
        return (bool(_ID.match(t)) or t == "") and is_text(nxt)
    if not t.isdigit() or not is_text(nxt) or is_band(nxt):
        return False
    return number is None or int(t) == number


def _cells(chunk: list[Item]) -> tuple[Cell, ...]:
    return tuple(Cell(x.text, Where(line=x.line)) for x in chunk)


def _score_rows(items, i, columns):
    width = len(columns)
    text_cols = {k for k, c in enumerate(columns) if c.role in ("unit", "grade", "note", "criterion")}
    rows, groups, group = [], [], None
    truncated = False
    number = int(items[i].text) if items[i].text.isdigit() else 1
    while i < len(items):
        t = items[i].text
        if is_band(t):
            group = _close(groups, group, len(rows))
            group = [t, len(rows), items[i].line]
            i += 1
            continue
        if not _starts_row(items, i, "scores", number):
            break
        chunk = [items[i]]
        j = i + 1
        while j < len(items) and len(chunk) < width:
            tj = items[j].text
            if is_band(tj) or (len(chunk) >= 2 and _starts_row(items, j, "scores", number + 1)):
                break
            if len(chunk) not in text_cols and is_text(tj):
                break       # a word where a number belongs: the row stopped short
            chunk.append(items[j])
            j += 1
        if len(chunk) < width:
            truncated = truncated or not _starts_row(items, j, "scores", number + 1)
        rows.append(Row(_cells(chunk) + tuple(Cell("") for _ in range(width - len(chunk))),
                        Where(line=chunk[0].line)))
        i, number = j, number + 1
    _close(groups, group, len(rows))
    return rows, groups, i, truncated and bool(rows)


def _close(groups, group, nrows):
    if group and nrows > group[1]:
        groups.append(RowGroup(group[0], group[1], nrows - 1, group[2]))
    return None


def _rubric_rows(items, i, columns):
    width = len(columns)
    text_col = next((k for k, c in enumerate(columns) if c.role == "criterion"), 1)
    rows: list[Row] = []
    while i < len(items) and _starts_row(items, i, "rubric"):
        j = i + 1
        limit = i + width + 8
        while j < len(items) and j < limit and not _starts_row(items, j, "rubric"):
            j += 1
        if j >= limit or (j < len(items) and not _starts_row(items, j, "rubric")):
            j = min(i + width, len(items))       # the table ends with this row
        chunk = items[i:j]
        rows.append(Row(_fit(chunk, width, text_col), Where(line=chunk[0].line)))
        i = j
    return rows, [], i, False


def _fit(chunk: list[Item], width: int, text_col: int) -> tuple[Cell, ...]:
    """A row with more lines than columns: the text cell went on over several
    lines; join them (whitespace collapsed) into one cell."""
    cells = list(_cells(chunk))
    excess = len(cells) - width
    if excess > 0:
        k = text_col
        while k < len(cells) - 1 and cells[k].text == "":
            k += 1
        run = cells[k:k + excess + 1]
        joined = Cell(" ".join(c.text for c in run), run[0].where)
        cells[k:k + excess + 1] = [joined]
    return tuple(cells) + tuple(Cell("") for _ in range(width - len(cells)))

