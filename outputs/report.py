"""The HTML report: an index of the documents, and per document every table with
its flagged cells highlighted, the finding on hover (the cell's title) and in a
list, and where each cell was printed (line, or page and box).

Every piece of source text goes through Jinja2's autoescaping, and the pages
carry a Content-Security-Policy that allows no script at all: nothing from a
source can run in the reader's browser.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .dataset import cell_labels, correction, flagged_cell, flags, read_table
from .excel import worst

TEMPLATES = Path(__file__).resolve().parent / "templates"


def environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def page_name(document: str) -> str:
    """A safe file name for a document's page: its stem and a hash of its key."""
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(document).stem)[:40]
    return f"{stem}-{hashlib.sha1(document.encode()).hexdigest()[:8]}.html"


def where_text(cell: dict) -> str:
    if not _na(cell.get("page")):
        box = [cell.get(k) for k in ("x0", "top", "x1", "bottom")]
        if any(_na(v) for v in box):
            return f"page {cell['page']}"
        text = f"page {cell['page']}, box ({', '.join(f'{v:.1f}' for v in box)})"
        ocr = cell.get("ocr_confidence")
        return text if _na(ocr) else f"{text}, OCR confidence {ocr:.0f}"
    if not _na(cell.get("line")):
        return f"line {cell['line']}"
    return f"element {cell['html_path']}" if cell.get("html_path") else ""


def _na(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def write_report(db: str | Path, out_dir: Path) -> Path:
    """Write index.html and one page per document into *out_dir*; return the index."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = environment()
    template = env.get_template("report.html")
    frames = {name: read_table(db, name) for name in
              ("documents", "tables", "columns", "cells", "findings", "warnings")}
    flagged = flags(frames["findings"], frames["columns"])
    labels = cell_labels(frames["columns"])
    for doc in frames["documents"].to_dict("records"):
        page = template.render(**document_page(doc, frames, flagged, labels))
        (out_dir / page_name(doc["document"])).write_text(page, encoding="utf-8")
    index = out_dir / "index.html"
    index.write_text(template.render(**index_page(frames)), encoding="utf-8")
    return index


def clean(record: dict) -> dict:
    """A row with every missing value (None, NaN, pandas NA) as None: nothing prints "nan"."""
    return {k: (None if _na(v) else v) for k, v in record.items()}


def index_page(frames: dict) -> dict:
    """The documents by decision: each decision once, its derived renditions (the same
    decision as HTML, PDF or scan) listed under it."""
    docs = [{**clean(d), "href": page_name(d["document"])}
            for d in frames["documents"].to_dict("records")]
    for d in docs:
        d["name"] = decision_name(d)
    by_sha = {d["sha256"]: d for d in docs if d.get("sha256")}
    top = [d for d in docs if d.get("derived_from") not in by_sha]
    for d in top:
        d["renditions"] = [x for x in docs if x.get("derived_from") == d.get("sha256")]
    top.sort(key=lambda d: (d.get("province") or "", d.get("evaluation_year") or 0,
                            d.get("number") or "", d["document"]))
    counts = frames["findings"]["severity"].value_counts().to_dict()
    text = " · ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"
    return {"title": "xephang dataset report", "documents": top, "severity_text": text,
            "n_documents": len(docs)}


def decision_name(d: dict) -> str:
    """What a reader calls a document: its decision number, else its title, else its kind
    and format — never the hash the corpus stores it under."""
    if d.get("number"):
        return f"Quyết định {d['number']}"
    if d.get("title"):
        return str(d["title"])[:90]
    return f"{d.get('kind') or 'document'} ({d.get('format') or '?'}, no number printed)"


def document_page(doc: dict, frames: dict, flagged: dict, labels: dict) -> dict:
    key = doc["document"]
    pick = lambda name: frames[name][frames[name]["document"] == key]
    tables = [_table(t, pick("columns"), pick("cells"), flagged)
              for t in pick("tables").to_dict("records")]
    findings = [_finding(f, labels) for f in pick("findings").to_dict("records")]
    warnings = [{**clean(w), "where": where_text(w)} for w in pick("warnings").to_dict("records")]
    doc = clean(doc)
    return {"title": doc.get("title") or decision_name(doc), "doc": doc, "tables": tables,
            "findings": findings, "warnings": warnings, "coverage": coverage_text(doc)}


def coverage_text(doc: dict) -> str:
    if doc.get("status") != "ok" or doc.get("n_tables_read") is None:
        return ""
    text = (f"Read {doc['n_tables_read']} table(s) and {doc['n_rows_read']} row(s) as scores "
            f"or rubrics")
    if doc.get("n_not_read"):
        text += f"; {doc['n_not_read']} table(s) or page(s) seen but not read"
    return text + ("." if doc.get("complete") else " — only part of the document was read.")


def _table(t: dict, columns: pd.DataFrame, cells: pd.DataFrame, flagged: dict) -> dict:
    index = t["table_index"]
    labels = columns[columns["table_index"] == index].sort_values("col_index")["label"].tolist()
    mine = cells[cells["table_index"] == index]
    rows, last_group = [], None
    for r, row in mine.groupby("row_index", sort=True):
        records = row.to_dict("records")
        group = records[0].get("row_group")
        shown = group if isinstance(group, str) and group != last_group else None
        last_group = group
        rows.append({"group": shown, "where": where_text(records[0]),
                     "cells": [_cell(c, flagged) for c in records]})
    where = f"line {t['line']}" if not _na(t["line"]) else (
        f"page {t['page']}" if not _na(t["page"]) else "")
    t = clean(t)
    return {"index": index, "title": t["title"], "kind": t["kind"], "category": t["category"],
            "level": t["level"], "where": where, "labels": labels, "rows": rows}


def cell_id(table: int, row: int, col: int) -> str:
    return f"t{table}-r{row}-c{col}"


def _cell(c: dict, flagged: dict) -> dict:
    found = flagged.get((c["document"], c["table_index"], c["row_index"], c["col_index"]))
    where = where_text(c)
    out = {"id": cell_id(c["table_index"], c["row_index"], c["col_index"]), "text": c["text"],
           "cls": None, "title": where}
    if found:
        out["cls"] = f"flag-{worst(found)}"
        notes = [f"{f['severity']}: {f['message']}"
                 + (f" — likely correction: {fix}" if (fix := unsaid_correction(f)) else "")
                 for f in found]
        out["title"] = "\n".join([where] + notes)
    return out


def _finding(f: dict, labels: dict) -> dict:
    cell = flagged_cell(f, labels)
    parts = []
    if not _na(f["table_index"]):
        parts.append(f"table {f['table_index']}")
    if not _na(f["row_index"]):
        parts.append(f"row {f['row_index']}")
    if not _na(f["line"]):
        parts.append(f"line {f['line']}")
    if not _na(f["page"]):
        parts.append(f"page {f['page']}")
    if _na(f["line"]) and _na(f["page"]) and not _na(f.get("html_path")):
        parts.append(f"element {f['html_path']}")
    return {**clean(f), "where": ", ".join(parts) or "document",
            "href": f"#{cell_id(*cell[1:])}" if cell else None, "correction": unsaid_correction(f)}


def unsaid_correction(f: dict) -> str:
    """The likely correction, unless the finding's message already says it."""
    fix = correction(f)
    return "" if fix and fix in str(f.get("message") or "") else fix
