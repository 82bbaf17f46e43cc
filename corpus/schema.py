"""The dataset's SQLite schema — a contract (docs/dataset.md): table and column
names are used by the exports and by users' own SQL.  Change it only by adding.

Printed values stay text.  Scores and maxima are exact decimal text
("83.8", "9.0", "1000"): compare them in SQL with ``CAST(score AS REAL)`` if
you must, and read them with `xephang.load`, which gives `decimal.Decimal`.
Rows have natural keys (document, table, row, column), so a build on one
process, a pool or a cluster produces the same rows.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_VERSION = "1"

# name → (columns as "name TYPE", primary key columns)
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "documents": ((
        "document TEXT", "sha256 TEXT", "format TEXT", "status TEXT", "error TEXT",
        "province TEXT", "evaluation_year INTEGER", "kind TEXT", "number TEXT", "issued TEXT",
        "title TEXT", "signer TEXT", "based_on TEXT", "source_url TEXT", "derived_from TEXT",
        "convention TEXT", "damaged INTEGER", "n_tables INTEGER", "n_rows INTEGER",
        "n_scores INTEGER", "n_findings INTEGER", "tool_version TEXT", "built_at TEXT",
        "library TEXT", "n_warnings INTEGER", "n_tables_read INTEGER", "n_rows_read INTEGER",
        "n_not_read INTEGER", "complete INTEGER", "issuer TEXT", "scope TEXT",
        "decision_key TEXT", "is_primary INTEGER", "rendition_of TEXT", "n_renditions INTEGER",
        "primary_reason TEXT", "primary_reason_vi TEXT",
    ), ("document",)),
    "tables": ((
        "document TEXT", "table_index INTEGER", "title TEXT", "section TEXT", "caption TEXT",
        "kind TEXT", "category TEXT", "level TEXT", "n_rows INTEGER", "n_columns INTEGER",
        "truncated INTEGER", "line INTEGER", "page INTEGER",
    ), ("document", "table_index")),
    "columns": ((
        "document TEXT", "table_index INTEGER", "col_index INTEGER", "label TEXT", "role TEXT",
        "number TEXT", "col_group TEXT", "max_points TEXT",
    ), ("document", "table_index", "col_index")),
    "cells": ((
        "document TEXT", "table_index INTEGER", "row_index INTEGER", "col_index INTEGER",
        "text TEXT", "role TEXT", "line INTEGER", "page INTEGER", "x0 REAL", "top REAL",
        "x1 REAL", "bottom REAL", "html_path TEXT", "ocr_confidence REAL", "row_group TEXT",
    ), ("document", "table_index", "row_index", "col_index")),
    "scores": ((
        "province TEXT", "evaluation_year INTEGER", "level TEXT", "unit_id TEXT",
        "unit_printed TEXT", "category TEXT", "criterion TEXT", "score_printed TEXT",
        "score TEXT", "max_points TEXT", "rank INTEGER", "document TEXT", "page INTEGER",
        "line INTEGER", "table_index INTEGER", "row_index INTEGER", "col_index INTEGER",
        "role TEXT", "unit_name TEXT", "unit_status TEXT", "unit_match_score REAL",
        "rank_printed TEXT", "grade TEXT", "table_title TEXT", "score_value REAL",
        "max_points_value REAL",
    ), ("document", "table_index", "row_index", "col_index")),
    "rubric_nodes": ((
        "document TEXT", "table_index INTEGER", "row_index INTEGER", "node_id TEXT",
        "parent_id TEXT", "depth INTEGER", "title TEXT", "max_printed TEXT", "max_points TEXT",
        "rule TEXT", "category TEXT", "level TEXT", "province TEXT", "table_title TEXT",
        "line INTEGER", "page INTEGER",
    ), ("document", "table_index", "row_index")),
    "findings": ((
        "document TEXT", "seq INTEGER", "rule TEXT", "severity TEXT", "table_index INTEGER",
        "table_title TEXT", "row_index INTEGER", "unit TEXT", "column_label TEXT",
        "col_index INTEGER", "printed TEXT", "expected TEXT", "message TEXT", "message_vi TEXT",
        "suggestion TEXT", "suggestion_vi TEXT", "confidence REAL", "line INTEGER",
        "page INTEGER", "html_path TEXT", "x0 REAL", "top REAL", "x1 REAL", "bottom REAL",
        "other_document TEXT", "other_table_index INTEGER", "other_row_index INTEGER",
        "other_col_index INTEGER",
    ), ("document", "seq")),
    "warnings": ((
        "document TEXT", "seq INTEGER", "slug TEXT", "message TEXT", "message_vi TEXT",
        "line INTEGER", "page INTEGER", "x0 REAL", "top REAL", "x1 REAL", "bottom REAL",
        "html_path TEXT",
    ), ("document", "seq")),
    "meta": (("key TEXT", "value TEXT"), ("key",)),
}
# The scores and criteria of a decision's other renditions (corpus/renditions.py): the
# same columns as the panel's, kept out of it so each decision counts once.
TABLES["rendition_scores"] = TABLES["scores"]
TABLES["rendition_rubric_nodes"] = TABLES["rubric_nodes"]

#: Tables holding one document's rows (everything but `meta`), children first.
DOCUMENT_TABLES = ("warnings", "findings", "rendition_rubric_nodes", "rubric_nodes",
                   "rendition_scores", "scores", "cells", "columns", "tables", "documents")


def column_names(table: str) -> list[str]:
    return [c.split()[0] for c in TABLES[table][0]]


def create_sql(table: str) -> str:
    cols, key = TABLES[table]
    names = [c.split()[0] for c in cols]
    refer = (",\n  FOREIGN KEY (document) REFERENCES documents (document)"
             if "document" in names and table != "documents" else "")
    return (f"CREATE TABLE IF NOT EXISTS {table} (\n  " + ",\n  ".join(cols)
            + f",\n  PRIMARY KEY ({', '.join(key)}){refer}\n)")


INDEXES = (
    "CREATE INDEX IF NOT EXISTS scores_panel ON scores (province, evaluation_year, category)",
    "CREATE INDEX IF NOT EXISTS scores_unit ON scores (unit_id)",
    "CREATE INDEX IF NOT EXISTS findings_severity ON findings (severity)",
    "CREATE INDEX IF NOT EXISTS documents_sha ON documents (sha256)",
    "CREATE INDEX IF NOT EXISTS findings_rule ON findings (rule)",
)


def insert_sql(table: str) -> str:
    cols = column_names(table)
    return (f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) "
            f"VALUES ({', '.join('?' for _ in cols)})")


class transaction:
    """One unit of work on a connection opened by `connect` (autocommit otherwise)."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con

    def __enter__(self):
        self.con.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, *_):
        self.con.execute("ROLLBACK" if kind else "COMMIT")


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the dataset; write-ahead log while building."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA foreign_keys=OFF")
    for table in TABLES:
        con.execute(create_sql(table))
        _add_missing_columns(con, table)
    for sql in INDEXES:
        con.execute(sql)
    con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                (SCHEMA_VERSION,))
    return con


def _add_missing_columns(con: sqlite3.Connection, table: str) -> None:
    """A database built by an older version gains the columns added since."""
    have = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
    for column in TABLES[table][0]:
        if column.split()[0] not in have:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column}")


def finish(con: sqlite3.Connection) -> None:
    """Fold the write-ahead log back in: one self-contained file (for Datasette, copies)."""
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
