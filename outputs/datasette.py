"""Browse the dataset with Datasette: `metadata.json` beside the database (table and column
descriptions, facets on province, year, level and rule, documents labelled by their
decision number), and `serve` starting Datasette on the loopback interface.

Datasette is an optional extra: ``pip install 'xephang[serve]'``.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..extract.errors import UsageError

TABLES = {
    "documents": ("One row per document of the corpus: its decision's metadata, status, "
                  "coverage and counts.", []),
    "tables": ("One row per table read: title, kind, category, level, where it starts.",
               ["kind", "category", "level"]),
    "columns": ("One row per column of a table: label as printed and role.", ["role"]),
    "cells": ("Every cell as printed, with where it was printed (line, page and box, "
              "or HTML element).", ["role"]),
    "scores": ("The long panel: one row per printed score. score_printed is the text as "
               "printed, score the exact decimal, score_value the number to sort and average.",
               ["province", "evaluation_year", "level", "category"]),
    "rubric_nodes": ("Every criterion of every rubric, with its maximum points.",
                     ["province", "level", "category"]),
    "findings": ("What does not add up: rule, severity, where, printed and expected values, "
                 "messages in English and Vietnamese.", ["rule", "severity"]),
    "warnings": ("Warnings about the reading: pages read by OCR, legacy encodings converted, "
                 "tables seen but not read.", ["slug"]),
}

COLUMNS = {
    "document": "The document's path inside the corpus",
    "province": "Province, as printed or from the manifest",
    "evaluation_year": "The year the scores are for",
    "level": "department, district or commune",
    "category": "The index or category the table scores",
    "score_printed": "The score exactly as printed",
    "score": "The score as an exact decimal (text)",
    "score_value": "The score as a number, for sorting and averages",
    "max_points": "The maximum from the rubric, exact decimal (text)",
    "max_points_value": "The maximum as a number",
    "rank": "The printed rank, as a number",
    "unit_printed": "The unit's name as printed",
    "unit_id": "The unit's canonical identity (when matched)",
    "rule": "The check that made the finding (docs/checks.md)",
    "severity": "error, warning or info",
    "message": "What does not add up, in English",
    "message_vi": "The same, in Vietnamese",
    "line": "1-based line of a text source",
    "page": "1-based page of a PDF",
    "html_path": "The HTML element the value was printed in",
    "slug": "The warning's stable name",
}


def metadata(db: Path) -> dict:
    """Datasette metadata for the database *db*."""
    tables = {}
    for name, (description, facets) in TABLES.items():
        entry = {"description": description, "facets": facets,
                 "columns": {c: COLUMNS[c] for c in _columns(db, name) if c in COLUMNS}}
        if name == "documents":
            entry["label_column"] = "number"
        tables[name] = entry
    return {"title": "xephang dataset",
            "description": "Scores and rubrics out of Vietnamese ranking decisions, checked.",
            "databases": {Path(db).stem: {"tables": tables}}}


def _columns(db: Path, table: str) -> list[str]:
    import sqlite3
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
    finally:
        con.close()


def write_metadata(db: Path) -> Path:
    """metadata.json beside the database."""
    path = Path(db).with_name("metadata.json")
    path.write_text(json.dumps(metadata(Path(db)), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def serve_command(db: Path, port: int) -> list[str]:
    """The command that starts Datasette on 127.0.0.1:*port* over *db* and its metadata."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise UsageError("datasette", "is not installed; install it with "
                                      "pip install 'xephang[serve]'") from None
    meta = write_metadata(db)
    return [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(meta),
            "--host", "127.0.0.1", "--port", str(port)]


def serve(db: Path, port: int) -> int:
    """Run Datasette in the foreground until it is stopped; its exit status."""
    if not Path(db).is_file():
        raise UsageError(str(db), "no such dataset; build it first with 'xephang build'")
    return subprocess.call(serve_command(Path(db), port))
