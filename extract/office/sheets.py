"""An Excel workbook (.xlsx) as neutral grids: one sheet is one or more tables.

    workbook ─openpyxl twice─▶ cached values (data_only) and formulas
             ─per visible sheet─▶ cells as printed (number formats, decimal comma)
             ─blocks─▶ rectangles split on blank rows, then on blank columns
             ─Grid (merged ranges as spans)─▶ read_grid ─▶ tables, or blocks of text

A formula cell is read as the value Excel stored when the file was last saved; the
formula travels beside it in the cell's provenance (``formula``).  A formula with no
stored value (a file written by a program that does not calculate) reads "" and is
reported.  Hidden sheets, rows and columns are not printed by Excel: they are left
out and reported, never read silently.

Provenance: ``Sheet1!B7`` with ``sheet``, ``cell``, ``row`` and ``col`` (1-based).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import openpyxl
from openpyxl.utils import get_column_letter

from ..grid.patterns import CAPTION
from ..grid import Grid, GridCell, read_grid
from ..html.tables import Block
from ..model import Notice, Table, Where

_CELL = re.compile(r"^(?P<sheet>.+)!(?P<col>[A-Z]{1,3})(?P<row>\d+)$")
_DECIMALS = re.compile(r"0\.(0+)")


@dataclass(frozen=True)
class Sheet:
    """One visible sheet as printed: text per (row, col), merged ranges, what was hidden."""

    name: str
    texts: dict                   # (row, col) → text, 1-based, only non-empty cells
    formulas: dict                # (row, col) → "=…"
    merged: dict                  # (row, col) of a range's top-left → (rowspan, colspan)
    covered: frozenset            # positions inside a merged range, not its top-left
    hidden_rows: frozenset
    hidden_cols: frozenset
    uncached: tuple[str, ...] = ()   # formula cells with no stored value


def sheet_events(data: bytes, source) -> tuple[list, list[Notice]]:
    """Blocks and Tables, sheet after sheet; and the warnings about what was left out."""
    values, formulas = _load(data)
    events: list = []
    notes: list[Notice] = []
    for ws in values.worksheets:
        if ws.sheet_state != "visible":
            notes.append(Notice("hidden-sheet", f"sheet '{ws.title}' is hidden in Excel; it was not read",
                                f"trang tính '{ws.title}' bị ẩn trong Excel; không được đọc",
                                Where(path=_quote(ws.title), sheet=ws.title)))
            continue
        sheet = read_sheet(ws, formulas[ws.title] if ws.title in formulas.sheetnames else None)
        notes.extend(sheet_notes(sheet))
        earlier: list[Table] = [e for e in events if isinstance(e, Table)]
        for block in blocks(sheet):
            title = events.pop() if events and _is_caption(events[-1]) else None
            found = block_events(sheet, block, source, earlier, title.text if title else None)
            events.extend(([title] if title and not any(isinstance(e, Table) for e in found) else [])
                          + found)
    return events, notes


def _load(data: bytes):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # openpyxl's notes on unsupported extensions
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
    return values, formulas


# ---------------------------------------------------------------- a sheet as printed

def read_sheet(ws, wf) -> Sheet:
    hidden_rows = frozenset(r for r, d in ws.row_dimensions.items() if d.hidden)
    hidden_cols = frozenset(c for d in ws.column_dimensions.values() if d.hidden
                            for c in range(d.min or 0, (d.max or 0) + 1) if c)
    merged, covered = {}, set()
    for rng in ws.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1,
                                              rng.max_col - rng.min_col + 1)
        covered |= {(r, c) for r in range(rng.min_row, rng.max_row + 1)
                    for c in range(rng.min_col, rng.max_col + 1)} - {(rng.min_row, rng.min_col)}
    texts, formulas, uncached = {}, {}, []
    for row in ws.iter_rows():
        for cell in row:
            formula = _formula(wf, cell.row, cell.column) if wf is not None else None
            if formula:
                formulas[(cell.row, cell.column)] = formula
                if cell.value is None:
                    uncached.append(cell.coordinate)
            text = printed(cell.value, cell.number_format)
            if text and (cell.row, cell.column) not in covered:
                texts[(cell.row, cell.column)] = text
    return Sheet(ws.title, texts, formulas, merged, frozenset(covered), hidden_rows,
                 hidden_cols, tuple(uncached))


def _formula(wf, row: int, col: int) -> str | None:
    value = wf.cell(row=row, column=col).value
    if isinstance(value, str) and value.startswith("="):
        return value
    text = getattr(value, "text", None)          # an array formula
    return text if isinstance(text, str) else None


def printed(value, number_format: str = "General") -> str:
    """The cell as a Vietnamese reader sees it: decimal comma, no thousands mark,
    the decimals its number format shows, percentages as "93,01%", dates d/m/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, (int, float)):
        return _number(value, number_format or "General")
    return " ".join(str(value).split())


def _number(value: float | int, fmt: str) -> str:
    percent = "%" in fmt
    try:
        number = Decimal(format(value, ".15g")) * (100 if percent else 1)
    except InvalidOperation:
        return str(value)
    m = _DECIMALS.search(fmt)
    if m is not None or re.search(r"(^|[^.\d])0(%|$|[^.\d])", fmt):
        places = len(m.group(1)) if m else 0
        number = number.quantize(Decimal(1).scaleb(-places))
    else:
        number = number.normalize()
    text = format(number, "f").replace(".", ",")
    return text + ("%" if percent else "")


def sheet_notes(sheet: Sheet) -> list[Notice]:
    """What Excel hides and what has no stored value, as notices."""
    where = Where(path=_quote(sheet.name), sheet=sheet.name)
    notes = []
    if sheet.hidden_rows:
        rows = _list(sorted(sheet.hidden_rows))
        notes.append(Notice("hidden-rows", f"sheet '{sheet.name}': rows {rows} are hidden in Excel; "
                            f"they were not read", f"trang tính '{sheet.name}': các dòng {rows} bị ẩn "
                            f"trong Excel; không được đọc", where))
    if sheet.hidden_cols:
        cols = _list([get_column_letter(c) for c in sorted(sheet.hidden_cols)])
        notes.append(Notice("hidden-columns", f"sheet '{sheet.name}': columns {cols} are hidden in "
                            f"Excel; they were not read", f"trang tính '{sheet.name}': các cột {cols} "
                            f"bị ẩn trong Excel; không được đọc", where))
    if sheet.uncached:
        cells = _list(list(sheet.uncached))
        notes.append(Notice("formula-no-value", f"sheet '{sheet.name}': formula cells {cells} have no "
                            f"stored value (open and save the file in Excel or LibreOffice); they read "
                            f"empty", f"trang tính '{sheet.name}': các ô công thức {cells} không có giá "
                            f"trị lưu sẵn (mở và lưu lại tệp bằng Excel hoặc LibreOffice); đọc là ô "
                            f"trống", where))
    return notes


def _list(items: list) -> str:
    return ", ".join(str(i) for i in items[:12]) + (f" and {len(items) - 12} more" if len(items) > 12 else "")


# ---------------------------------------------------------------- blocks → grids

def blocks(sheet: Sheet) -> list[tuple[list[int], list[int]]]:
    """(rows, columns) of each rectangle of printed cells: the sheet split at blank
    rows, then each band split at its blank columns.  Hidden rows and columns are out."""
    filled = {p for p in sheet.texts if p[0] not in sheet.hidden_rows and p[1] not in sheet.hidden_cols}
    filled |= {(r + dr, c + dc) for (r, c), (rs, cs) in sheet.merged.items() if (r, c) in filled
               for dr in range(rs) for dc in range(cs)}
    rows = sorted({r for r, _ in filled} - sheet.hidden_rows)
    out = []
    for band in _runs(rows):
        cols = sorted({c for r, c in filled if r in band} - sheet.hidden_cols)
        for run in _runs(cols):
            out.append((band, run))
    return out


def _runs(numbers: list[int]) -> list[list[int]]:
    """[1, 2, 3, 6, 7] → [[1, 2, 3], [6, 7]]."""
    out: list[list[int]] = []
    for n in numbers:
        if out and n == out[-1][-1] + 1:
            out[-1].append(n)
        else:
            out.append([n])
    return out


def _is_caption(event) -> bool:
    """A "Bảng 3. …" cell alone above the next rectangle is its caption."""
    return isinstance(event, Block) and bool(CAPTION.match(event.text))


def block_events(sheet: Sheet, block, source, earlier: list[Table], caption: str | None = None) -> list:
    rows, cols = block
    grid = block_grid(sheet, rows, cols, caption)
    found = read_grid(grid, source, earlier) if grid.n_rows > 1 else None
    if found is None:
        return [Block(sheet.texts[(r, c)], address(sheet.name, r, c),
                      cell_where(address(sheet.name, r, c), sheet.formulas.get((r, c))))
                for r in rows for c in cols if (r, c) in sheet.texts]
    earlier.extend(e for e in found if isinstance(e, Table))
    return found


def block_grid(sheet: Sheet, rows: list[int], cols: list[int], caption: str | None = None) -> Grid:
    """The block's cells, row by row, merged ranges as spans (clipped to the block)."""
    in_rows, in_cols = set(rows), set(cols)
    printed_rows = []
    for r in rows:
        out = []
        for c in cols:
            if (r, c) in sheet.covered:
                continue
            rs, cs = sheet.merged.get((r, c), (1, 1))
            rs = sum(1 for x in range(r, r + rs) if x in in_rows)
            cs = sum(1 for x in range(c, c + cs) if x in in_cols)
            out.append(GridCell(sheet.texts.get((r, c), ""), cell_where(address(sheet.name, r, c),
                                sheet.formulas.get((r, c))), rowspan=max(1, rs), colspan=max(1, cs)))
        printed_rows.append(out)
    first = address(sheet.name, rows[0], cols[0])
    last = f"{get_column_letter(cols[-1])}{rows[-1]}"
    return Grid.from_rows(printed_rows, where=Where(path=f"{first}:{last}", sheet=sheet.name,
                                                    cell=first.rsplit("!", 1)[1], row=rows[0],
                                                    col=cols[0]),
                          caption=caption, origin="xlsx", index=0,
                          row_where=tuple(Where(path=f"{_quote(sheet.name)}!{r}:{r}", sheet=sheet.name,
                                                row=r) for r in rows))


def address(sheet: str, row: int, col: int) -> str:
    return f"{_quote(sheet)}!{get_column_letter(col)}{row}"


def _quote(sheet: str) -> str:
    return f"'{sheet}'" if re.search(r"[^\w]", sheet) else sheet


def cell_where(path: str, formula: str | None = None) -> Where:
    """``Sheet1!B7`` → Where(path, sheet, cell, row, col, formula)."""
    m = _CELL.match(path)
    if m is None:
        return Where(path=path, formula=formula)
    from openpyxl.utils import column_index_from_string
    sheet = m["sheet"][1:-1] if m["sheet"].startswith("'") else m["sheet"]
    return Where(path=path, sheet=sheet, cell=f"{m['col']}{m['row']}", row=int(m["row"]),
                 col=column_index_from_string(m["col"]), formula=formula)
