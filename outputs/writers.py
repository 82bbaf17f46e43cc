"""Write an extracted Document as JSON lines, CSV or readable text tables."""
from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from pathlib import Path

from ..extract.model import Document, Table
from .contract import document_dict


def write_document(doc: Document, fmt: str, out_dir: Path | None, *, stem: str) -> None:
    if fmt == "json":
        text = json.dumps(document_dict(doc), ensure_ascii=False) + "\n"
        _emit(text, out_dir, f"{stem}.json")
    elif fmt == "csv":
        if out_dir:
            for k, t in enumerate(doc.tables):
                (out_dir / f"{stem}.table{k:02d}.csv").write_text(
                    table_csv(t, bom=True), encoding="utf-8")
        else:
            sys.stdout.write(document_csv(doc))
    else:
        _emit(document_text(doc), out_dir, f"{stem}.txt")


def _emit(text: str, out_dir: Path | None, name: str) -> None:
    if out_dir:
        (out_dir / name).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def table_csv(table: Table, *, bom: bool = False) -> str:
    """One table as CSV with its header labels; a BOM so Excel reads the Vietnamese."""
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    w = csv.writer(buf)
    w.writerow([c.label or f"({c.role})" for c in table.columns] + ["line"])
    for row in table.rows:
        w.writerow(row.texts + [row.where.line if row.where.line is not None else ""])
    return buf.getvalue()


def document_csv(doc: Document) -> str:
    """All tables of a document in one long CSV: file, table, row, column, role, text, line."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["file", "table", "title", "row", "column", "label", "role", "text", "line", "page"])
    for t, table in enumerate(doc.tables):
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                col = table.columns[c] if c < len(table.columns) else None
                w.writerow([doc.source.path, t, table.title or "", r, c,
                            col.label if col else "", col.role if col else "", cell.text,
                            cell.where.line or "", cell.where.page or ""])
    return buf.getvalue()


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def table_text(table: Table, index: int, *, max_width: int = 28) -> str:
    head = [clip(c.label or c.role, max_width) for c in table.columns]
    body = [[clip(x, max_width) for x in row.texts] for row in table.rows]
    widths = [max([width(h)] + [width(r[i]) for r in body if i < len(r)]) for i, h in enumerate(head)]
    line = lambda cells: "  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(cells)).rstrip()
    out = [f"[{index}] {table.title or '(untitled)'}  — {table.kind}, {len(table.rows)} rows"
           + (f", line {table.where.line}" if table.where.line else "")
           + (f", page {table.where.page}" if table.where.page else "")]
    out.append(line(head))
    out.append("  ".join("-" * w for w in widths))
    groups = {g.first_row: g.label for g in table.row_groups}
    for r, cells in enumerate(body):
        if r in groups:
            out.append(f"  · {groups[r]}")
        out.append(line(cells))
    return "\n".join(out) + "\n"


def document_text(doc: Document) -> str:
    m = doc.meta
    head = (f"{doc.source.path}\n  {m.number or '(no number)'} · {m.province or '?'} · "
            f"issued {m.issued or '?'} · year {m.evaluation_year or '?'} · {m.kind}"
            + (f" · signed {m.signer}" if m.signer else "") + "\n")
    return head + "\n" + "\n".join(table_text(t, k) for k, t in enumerate(doc.tables))
