"""The dataset as one Excel workbook for journalists: a findings sheet, a rubric
comparison sheet, a sheet listing the tables, and a sheet per table with every
cell as printed — flagged cells filled (red error, amber warning, blue info)
and carrying a comment: the finding and its likely correction.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from . import rubrics
from .dataset import correction, flags, read_table

FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
SEVERITY_ORDER = ("error", "warning", "info")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def fill(severity: str) -> PatternFill:
    color = FILLS.get(severity, FILLS["info"])
    return PatternFill(fill_type="solid", start_color=color, end_color=color)


def comment_text(found: list[dict]) -> str:
    parts = []
    for f in found:
        text = f"{f['severity']}: {f['message']}"
        fix = correction(f)
        if fix:
            text += f"\nLikely correction: {fix}"
        parts.append(text)
    return "\n\n".join(parts)


def worst(found: list[dict]) -> str:
    return min((f["severity"] for f in found), key=lambda s: SEVERITY_ORDER.index(s)
               if s in SEVERITY_ORDER else len(SEVERITY_ORDER))


def sheet_name(document: str, table: int, taken: set[str]) -> str:
    """'000_4077041e6901 t03' — at most 31 characters, no characters Excel refuses."""
    stem = _BAD_SHEET_CHARS.sub("_", Path(document).stem)[:24]
    name, n = f"{stem} t{table:02d}", 1
    while name in taken:
        n += 1
        name = f"{stem[:20]} t{table:02d}~{n}"
    taken.add(name)
    return name


def write_workbook(db: str | Path, path: Path) -> Path:
    """Write the workbook for the dataset *db* to *path*."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    findings = read_table(db, "findings")
    columns = read_table(db, "columns")
    tables = read_table(db, "tables")
    book = Workbook(write_only=True)
    _findings_sheet(book, findings)
    _rubric_sheet(book, read_table(db, "rubric_nodes"), read_table(db, "documents"))
    names = _index_sheet(book, tables)
    flagged = flags(findings, columns)
    cells = read_table(db, "cells")
    conventions = dict(read_table(db, "documents")[["document", "convention"]].itertuples(index=False))
    for (document, t), group in cells.groupby(["document", "table_index"], sort=True):
        _table_sheet(book, names[(document, t)], group, columns, flagged,
                     conventions.get(document))
    book.save(path)
    return path


def _findings_sheet(book, findings: pd.DataFrame) -> None:
    sheet = book.create_sheet("findings")
    sheet.append(list(findings.columns) + ["likely_correction"])
    for f in findings.to_dict("records"):
        sheet.append([_value(v) for v in f.values()] + [correction(f)])


def _rubric_sheet(book, nodes: pd.DataFrame, documents: pd.DataFrame) -> None:
    sheet = book.create_sheet("rubrics")
    if nodes.empty:
        sheet.append(["no rubric in the dataset"])
        return
    numbers = dict(zip(documents["document"], documents["number"]))
    nodes = nodes.assign(number=nodes["document"].map(numbers))
    comparison = rubrics.compare(nodes)
    sheet.append([f"{i + 1}: {label}" for i, label in enumerate(comparison.rubrics)])
    sheet.append(list(comparison.frame.columns))
    for row in comparison.frame.itertuples(index=False):
        sheet.append([_value(v) for v in row])


def _index_sheet(book, tables: pd.DataFrame) -> dict[tuple, str]:
    sheet = book.create_sheet("tables")
    sheet.append(["sheet", "document", "table_index", "title", "kind", "category", "level",
                  "line", "page"])
    taken: set[str] = {"findings", "rubrics", "tables"}
    names = {}
    for t in tables.to_dict("records"):
        name = sheet_name(t["document"], t["table_index"], taken)
        names[(t["document"], t["table_index"])] = name
        sheet.append([name] + [_value(t[k]) for k in ("document", "table_index", "title", "kind",
                                                      "category", "level", "line", "page")])
    return names


#: Columns whose printed values are numbers: written as numbers, so a sheet sums and sorts.
NUMERIC_ROLES = ("component", "total", "score", "rank", "max_points")


def _table_sheet(book, name: str, cells: pd.DataFrame, columns: pd.DataFrame,
                 flagged: dict, convention: str | None = None) -> None:
    sheet = book.create_sheet(name)
    document, t = cells["document"].iloc[0], int(cells["table_index"].iloc[0])
    cols = columns[(columns["document"] == document) & (columns["table_index"] == t)]
    bold = Font(bold=True)
    sheet.append([_bold(sheet, label, bold) for label in cols["label"]] + ["line / page"])
    for r, row in cells.groupby("row_index", sort=True):
        out = []
        for c in row.to_dict("records"):
            found = flagged.get((document, t, r, c["col_index"]))
            numeric = c.get("role") in NUMERIC_ROLES
            out.append(_cell(sheet, c["text"], found, convention if numeric else "text"))
        first = row.iloc[0]
        out.append(_where(first))
        sheet.append(out)


def typed(text: str, convention: str | None) -> tuple[object, str | None]:
    """The cell's value for Excel and its number format: a printed number as a number
    with its printed precision ("38,5" → 38.5 shown as 0.0; "1.000" → 1000), anything
    else as the text it is."""
    if convention == "text" or not text:
        return text, None
    from ..normalize.numbers import parse_number
    number = parse_number(text, convention if convention in ("comma", "point") else None)
    if number.value is None or number.kind not in ("int", "decimal", "rank") or number.extra:
        return text, None
    places = max(0, number.places)
    return number.value, "0" + ("." + "0" * places if places else "")


def _cell(sheet, text: str, found: list[dict] | None, convention: str | None = "text"):
    value, number_format = typed(text, convention)
    cell = WriteOnlyCell(sheet, value=value)
    notes = []
    if number_format:
        cell.number_format = number_format
        if text != _shown(value, number_format):
            notes.append(f"printed: {text}")
    if found:
        cell.fill = fill(worst(found))
        notes.append(comment_text(found))
    if notes:
        cell.comment = Comment("\n\n".join(notes), "xephang", width=320, height=160)
    return cell


def _shown(value, number_format: str) -> str:
    """The number as the format shows it, with a decimal point."""
    places = len(number_format.split(".")[1]) if "." in number_format else 0
    return f"{value:.{places}f}"


def _bold(sheet, text: str, font: Font):
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = font
    return cell


def _where(cell: pd.Series) -> str:
    if not pd.isna(cell["page"]):
        return f"page {cell['page']}"
    return f"line {cell['line']}" if not pd.isna(cell["line"]) else ""


def _value(v):
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    return str(v) if not isinstance(v, (int, float, str)) else v
