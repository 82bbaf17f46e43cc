"""Findings for people: readable text grouped by document and table, or JSON lines."""
from __future__ import annotations

import json
import textwrap
from itertools import groupby

from ..extract.model import Document
from .findings import Finding, count, sort_key

WORDS = {
    "en": {"error": "error", "warning": "warning", "info": "note", "line": "line", "page": "page",
           "table": "Table", "text": "In the text", "clean": "No inconsistencies found.",
           "errors": "errors", "warnings": "warnings", "notes": "notes", "decision": "Decision"},
    "vi": {"error": "lỗi", "warning": "lưu ý", "info": "ghi chú", "line": "dòng", "page": "trang",
           "table": "Bảng", "text": "Trong văn bản", "clean": "Không phát hiện điểm bất hợp lý.",
           "errors": "lỗi", "warnings": "lưu ý", "notes": "ghi chú", "decision": "Quyết định"},
}


def render_text(doc: Document, findings: list[Finding], lang: str = "en", width: int = 100) -> str:
    w = WORDS[lang]
    lines = [_heading(doc, w), _tally(findings, w), ""]
    if not findings:
        return "\n".join(lines[:1] + [w["clean"], ""])
    ordered = sorted(findings, key=lambda f: (f.table is not None, f.table or 0, *sort_key(f)[1:]))
    for table, group in groupby(ordered, key=lambda f: f.table):
        group = list(group)
        lines.append(_table_heading(doc, table, group[0], w))
        lines += [_item(f, lang, w, width) for f in group]
        lines.append("")
    return "\n".join(lines)


def _heading(doc: Document, w) -> str:
    meta = doc.meta
    parts = [p for p in (f"{w['decision']} {meta.number}" if meta.number else None,
                         meta.province, meta.issued) if p]
    return f"{doc.source.path}" + (f" — {', '.join(parts)}" if parts else "")


def _tally(findings, w) -> str:
    parts = []
    for severity, many in (("error", "errors"), ("warning", "warnings"), ("info", "notes")):
        n = count(findings, severity)
        word = w[many] if n != 1 else w[severity if severity != "info" else "info"]
        parts.append(f"{n} {word}")
    return ", ".join(parts)


def _table_heading(doc: Document, t: int | None, f: Finding, w) -> str:
    if t is None:
        return w["text"]
    table = doc.tables[t]
    title = f.table_title or ""
    where = f" ({w['line']} {table.where.line})" if table.where.line else \
        (f" ({w['page']} {table.where.page})" if table.where.page else "")
    return f"{w['table']} {t}" + (f" — {title}" if title else "") + where


def _item(f: Finding, lang: str, w, width: int) -> str:
    where = f"{w['line']} {f.line}" if f.line is not None else (f"{w['page']} {f.page}" if f.page else "")
    head = f"  {w[f.severity]:<8} {where:<11} "
    message = f.message_vi if lang == "vi" else f.message
    body = textwrap.fill(f"{message} [{f.rule}]", width=width, initial_indent=head,
                         subsequent_indent=" " * len(head))
    return body


def json_line(doc: Document, findings: list[Finding], lang: str = "en", coverage=None) -> str:
    """One JSON object per document: {"source": {...}, "findings": [...], "warnings": [...]},
    and "coverage" when given."""
    payload = {"source": doc.source.to_dict(), "findings": [f.to_dict(lang) for f in findings],
               "warnings": [n.to_dict() for n in doc.notices]}
    if coverage is not None:
        payload["coverage"] = coverage.to_dict()
    return json.dumps(payload, ensure_ascii=False)
