"""The built dataset as pandas DataFrames.

    >>> import xephang
    >>> ds = xephang.load("out/xephang.sqlite")
    >>> ds.panel.groupby(["province", "evaluation_year"]).size()      # doctest: +SKIP

`panel` is the `scores` table (one row per printed score of each decision's primary
rendition; the other renditions' are ``ds.table("rendition_scores")``), `findings` the
checker's findings, `rubrics` the rubric criteria, `documents` one row per
document.  Scores and maxima are `decimal.Decimal` (exact, as printed);
`score_printed` keeps the printed text.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..corpus.schema import TABLES
from ..extract.errors import UsageError

DECIMAL_COLUMNS = {"scores": ("score", "max_points"), "rubric_nodes": ("max_points",),
                   "columns": ("max_points",), "rendition_scores": ("score", "max_points"),
                   "rendition_rubric_nodes": ("max_points",)}
ORDER = {
    "scores": "document, table_index, row_index, col_index",
    "findings": "document, seq",
    "rubric_nodes": "document, table_index, row_index",
    "documents": "document",
    "tables": "document, table_index",
    "columns": "document, table_index, col_index",
    "cells": "document, table_index, row_index, col_index",
    "warnings": "document, seq",
    "rendition_scores": "document, table_index, row_index, col_index",
    "rendition_rubric_nodes": "document, table_index, row_index",
}


@dataclass(frozen=True)
class Dataset:
    panel: pd.DataFrame
    findings: pd.DataFrame
    rubrics: pd.DataFrame
    documents: pd.DataFrame
    path: str

    def table(self, name: str, where: str = "", params: tuple = ()) -> pd.DataFrame:
        """Any table of the database by name (see docs/dataset.md), e.g. "cells"."""
        return read_table(self.path, name, where, params)


def connect(db: str | Path) -> sqlite3.Connection:
    path = Path(db)
    if not path.is_file():
        raise UsageError(str(db), "no such dataset; build it first with 'xephang build'")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def read_table(db: str | Path, name: str, where: str = "", params: tuple = ()) -> pd.DataFrame:
    if name not in ORDER:
        raise UsageError(str(db), f"no table {name!r}; tables: {', '.join(ORDER)}")
    sql = f"SELECT * FROM {name} {('WHERE ' + where) if where else ''} ORDER BY {ORDER[name]}"
    con = connect(db)
    try:
        known = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        frame = pd.read_sql_query(sql, con, params=params) if name in known else \
            pd.DataFrame(columns=[c.split()[0] for c in TABLES[name][0]])
    finally:
        con.close()
    for col in TABLES[name][0]:                  # a database built before a column was added
        if col.split()[0] not in frame.columns:
            frame[col.split()[0]] = None
    for col in DECIMAL_COLUMNS.get(name, ()):
        frame[col] = frame[col].map(_decimal).astype(object)
    for col in _integer_columns(name):
        frame[col] = frame[col].astype("Int64")
    return frame


def _integer_columns(name: str) -> list[str]:
    return [c.split()[0] for c in TABLES[name][0] if c.endswith(" INTEGER")]


def _decimal(text) -> Decimal | None:
    return Decimal(text) if isinstance(text, str) and text else None


def load(db: str | Path) -> Dataset:
    """The dataset at *db* (built by ``xephang build``) as DataFrames."""
    return Dataset(panel=read_table(db, "scores"), findings=read_table(db, "findings"),
                   rubrics=read_table(db, "rubric_nodes"),
                   documents=read_table(db, "documents"), path=str(db))


# ---------------------------------------------------------------- exports

EXPORTED = {"panel": "scores", "findings": "findings", "rubrics": "rubric_nodes",
            "documents": "documents"}


def export(db: str | Path, fmt: str, out_dir: Path) -> list[Path]:
    """Write the panel, findings, rubric criteria and documents as csv, parquet or json
    (xlsx: see outputs/excel.py).  Returns the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, table in EXPORTED.items():
        frame = read_table(db, table)
        path = out_dir / f"{stem}.{fmt}"
        WRITERS[fmt](frame, path)
        written.append(path)
    return written


def _csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8-sig")


def _parquet(frame: pd.DataFrame, path: Path) -> None:
    """Exact decimals as decimal128; a column with no value at all still gets its type
    (decimal128 for a decimal column, string for text) rather than Arrow's null type."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    decimals = {c for cols in DECIMAL_COLUMNS.values() for c in cols}
    for i, field in enumerate(table.schema):
        if pa.types.is_null(field.type):
            kind = pa.decimal128(18, 4) if field.name in decimals else pa.string()
            table = table.set_column(i, pa.field(field.name, kind), table.column(i).cast(kind))
    pq.write_table(table, path)


def _json(frame: pd.DataFrame, path: Path) -> None:
    """An array of objects; exact decimals as strings ("83.8"), missing values as null."""
    import json
    records = [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")


def _plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, Decimal):
        return str(value)
    return value.item() if hasattr(value, "item") else value


WRITERS = {"csv": _csv, "parquet": _parquet, "json": _json}


# ---------------------------------------------------------------- findings on cells

def flags(findings: pd.DataFrame, columns: pd.DataFrame) -> dict[tuple, list[dict]]:
    """Findings by the cell they point at: (document, table, row, col) → findings.

    A finding names its cell by column index, or else by column label; one that names
    only a row points at the row's unit cell (or its first cell)."""
    out: dict[tuple, list[dict]] = {}
    labels = cell_labels(columns)
    for f in findings.to_dict("records"):
        cell = flagged_cell(f, labels)
        if cell is not None:
            out.setdefault(cell, []).append(f)
    return out


def cell_labels(columns: pd.DataFrame) -> dict[tuple, dict]:
    out: dict[tuple, dict] = {}
    for c in columns.to_dict("records"):
        by = out.setdefault((c["document"], c["table_index"]), {})
        by.setdefault(c["label"], c["col_index"])
        if c["role"] == "unit":
            by.setdefault(None, c["col_index"])
    return out


def flagged_cell(f: dict, labels: dict[tuple, dict]) -> tuple | None:
    if _missing(f["table_index"]) or _missing(f["row_index"]):
        return None
    table = (f["document"], int(f["table_index"]))
    col = f.get("col_index")
    if _missing(col):
        known = labels.get(table, {})
        col = known.get(f.get("column_label"), known.get(None, 0))
    return (*table, int(f["row_index"]), int(col))


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def correction(f: dict) -> str:
    """The likely correction of a finding, in words: its suggestion or its expected value."""
    if not _missing(f.get("suggestion")) and f.get("suggestion"):
        return str(f["suggestion"])
    if not _missing(f.get("expected")) and f.get("expected") not in (None, ""):
        return f"expected {f['expected']}"
    return ""
