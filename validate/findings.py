"""A finding: one thing that does not add up, where it is, and what would fix it.

Findings are data, never exceptions.  Each carries a stable rule slug, a
severity, where it was printed (table, row, column, line or page), the printed
and the recomputed value, and a message in English and Vietnamese.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Iterable

SEVERITIES = ("error", "warning", "info")

#: The keys of the JSON contract of `xephang check`, in order.
CONTRACT_KEYS = ("rule", "severity", "table", "table_title", "row", "unit", "column",
                 "printed", "expected", "message", "suggestion", "line", "page")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str                  # error | warning | info
    table: int | None
    table_title: str | None
    row: int | None
    unit: str | None
    column: str | None
    printed: str | None
    expected: str | None
    message: str                   # English
    message_vi: str
    suggestion: str | None
    suggestion_vi: str | None
    line: int | None
    page: int | None
    confidence: float | None = None
    col_index: int | None = None
    path: str | None = None          # HTML element path or Word table/row/cell path
    bbox: tuple | None = None        # PDF points, top-left origin

    def to_dict(self, lang: str = "en") -> dict:
        """The JSON contract of `xephang check`, messages in *lang* ("en" or "vi")."""
        vi = lang == "vi"
        out = {k: getattr(self, k) for k in CONTRACT_KEYS}
        out["message"] = self.message_vi if vi else self.message
        out["suggestion"] = self.suggestion_vi if vi else self.suggestion
        out["confidence"] = None if self.confidence is None else round(self.confidence, 2)
        out["col_index"] = self.col_index
        if self.path is not None:
            out["path"] = self.path
        if self.bbox is not None:
            out["bbox"] = [round(v, 2) for v in self.bbox]
        return out

    @property
    def located(self) -> bool:
        return self.line is not None or self.page is not None or self.path is not None

    def with_(self, **changes) -> "Finding":
        return replace(self, **changes)


def finding(rule: str, severity: str, en: str, vi: str, *, table: int | None = None,
            table_title: str | None = None, row: int | None = None, unit: str | None = None,
            column: str | None = None, printed: str | None = None, expected: str | None = None,
            suggestion: str | None = None, suggestion_vi: str | None = None,
            line: int | None = None, page: int | None = None, confidence: float | None = None,
            col_index: int | None = None) -> Finding:
    """Keyword-only constructor, so the checks read as sentences."""
    if severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}, not {severity!r}")
    return Finding(rule, severity, table, table_title, row, unit, column, printed, expected,
                   en, vi, suggestion, suggestion_vi, line, page, confidence, col_index)


def where_words(where, lang: str = "en") -> str:
    """'line 12', 'page 3' or 'element table[2]/tr[5]' ('dòng 12', 'trang 3', 'phần tử …');
    "" when nothing is known, so a message never prints a missing location."""
    if where is None:
        return ""
    if where.line is not None:
        return f"{'dòng' if lang == 'vi' else 'line'} {where.line}"
    if where.page is not None:
        return f"{'trang' if lang == 'vi' else 'page'} {where.page}"
    if where.path is not None:
        return f"{'phần tử' if lang == 'vi' else 'element'} {where.path}"
    return ""


def locate(findings: Iterable[Finding], doc) -> list[Finding]:
    """Each finding with the location its table, row and cell have (line, page and box,
    or element path), where the check left it out."""
    return [_located(f, doc) for f in findings]


def _located(f: Finding, doc) -> Finding:
    if f.table is None or not 0 <= f.table < len(doc.tables):
        return f
    where = _where_in(doc.tables[f.table], f.row, f.col_index)
    box = where.bbox if f.page is None or f.page == where.page else None
    return replace(f, line=f.line if f.line is not None else where.line,
                   page=f.page if f.page is not None else where.page,
                   path=f.path or where.path, bbox=f.bbox or box)


def _where_in(table, row: int | None, col: int | None):
    if row is not None and 0 <= row < len(table.rows):
        if col is not None:
            cell = table.cell(row, col).where
            if cell.line is not None or cell.page is not None or cell.path is not None:
                return cell
        return table.rows[row].where
    if any(v is not None for v in (table.where.line, table.where.page, table.where.path)):
        return table.where
    return table.rows[0].where if table.rows else table.where


def count(findings: Iterable[Finding], severity: str) -> int:
    return sum(1 for f in findings if f.severity == severity)


def findings_frame(findings: Iterable[Finding], lang: str = "en"):
    """The findings as a pandas DataFrame, one row per finding, contract columns first."""
    import pandas as pd

    rows = [f.to_dict(lang) for f in findings]
    columns = list(CONTRACT_KEYS) + ["confidence", "col_index"]
    frame = pd.DataFrame(rows, columns=columns)
    ints = {k: "Int64" for k in ("table", "row", "line", "page", "col_index")}
    return frame.astype(ints)


#: Within one row, the arithmetic first, then what follows from it.
RULE_ORDER = ("table-truncated", "column-numbering-gap", "cell-missing", "row-sum",
              "row-sum-rounding", "across-category", "across-total", "rank-value", "rank-order")


def sort_key(f: Finding) -> tuple:
    order = {"error": 0, "warning": 1, "info": 2}
    rule = RULE_ORDER.index(f.rule) if f.rule in RULE_ORDER else len(RULE_ORDER)
    return (f.table if f.table is not None else -1, f.row if f.row is not None else -1,
            rule, order[f.severity], f.line or 0, f.rule)


__all__ = ["Finding", "finding", "findings_frame", "count", "locate", "where_words", "SEVERITIES", "CONTRACT_KEYS",
           "sort_key", "asdict"]
