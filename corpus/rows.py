"""One processed document → the rows of the dataset's tables (plain dicts, keyed
by the column names of corpus/schema.py).

Printed text is stored as printed; parsed numbers are exact decimal text.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import lru_cache

from ..extract.interpret import fold, rubric_nodes
from ..extract.model import Document, Table, Where
from ..normalize.numbers import parse_number
from ..normalize.categories import tree_categories

SCORE_ROLES = ("component", "total", "score")
_MAX_IN_LABEL = re.compile(r"(?:toi da|thang diem)\s*:?\s*(\d+(?:[.,]\d+)?)"
                           r"|\(\s*(\d+(?:[.,]\d+)?)\s*(?:diem|d)?\s*\)")


def decimal_text(value: Decimal | None) -> str | None:
    """Exact text of a Decimal, never in exponent form: Decimal('1E+3') → '1000'."""
    if value is None:
        return None
    return format(value, "f")


def label_maximum(label: str) -> str | None:
    """The maximum a column label prints: "Tổng điểm (1.000)", "Điểm tối đa 20" → its digits
    as printed ("1.000", "20"); None when the label names none."""
    m = _MAX_IN_LABEL.search(fold(label))
    return (m.group(1) or m.group(2)) if m else None


def where_columns(where: Where) -> dict:
    box = where.bbox or (None, None, None, None)
    return {"line": where.line, "page": where.page, "x0": box[0], "top": box[1],
            "x1": box[2], "bottom": box[3], "html_path": where.path,
            "ocr_confidence": where.confidence}


# ---------------------------------------------------------------- documents, tables

def document_row(key: str, entry: dict, doc: Document, resolved, counts: dict) -> dict:
    meta = doc.meta
    return {
        "document": key, "sha256": doc.source.sha256, "format": doc.source.format,
        "status": "ok", "error": None,
        "province": entry.get("province") or meta.province,
        "evaluation_year": _year(entry.get("evaluation_year")) or meta.evaluation_year,
        "kind": meta.kind or entry.get("kind"), "number": meta.number, "issued": meta.issued,
        "title": meta.title, "signer": meta.signer, "issuer": meta.issuer, "scope": meta.scope,
        "based_on": json.dumps(list(meta.based_on), ensure_ascii=False),
        "source_url": entry.get("source_url") or None,
        "derived_from": entry.get("derived_from") or None,
        "convention": resolved.convention, "damaged": int(bool(resolved.damaged)), **counts,
    }


def failed_row(key: str, entry: dict, error: str) -> dict:
    row = {name: None for name in ("format", "province", "evaluation_year", "kind", "number",
                                   "issued", "title", "signer", "based_on", "convention",
                                   "damaged")}
    row.update({"document": key, "sha256": entry.get("sha256") or None, "status": "failed",
                "error": error, "format": entry.get("format") or None,
                "province": entry.get("province") or None,
                "evaluation_year": _year(entry.get("evaluation_year")),
                "source_url": entry.get("source_url") or None,
                "derived_from": entry.get("derived_from") or None,
                "n_tables": 0, "n_rows": 0, "n_scores": 0, "n_findings": 0})
    return row


def _year(text) -> int | None:
    text = str(text or "")
    return int(text) if text.isdigit() else None


def table_rows(key: str, doc: Document, resolved) -> list[dict]:
    return [{"document": key, "table_index": t, "title": table.title, "section": table.section,
             "caption": table.caption, "kind": table.kind, "category": resolved.category(t),
             "level": resolved.level(t), "n_rows": len(table.rows),
             "n_columns": len(table.columns), "truncated": int(table.truncated),
             "line": table.where.line, "page": table.where.page}
            for t, table in enumerate(doc.tables)]


def column_rows(key: str, doc: Document) -> list[dict]:
    return [{"document": key, "table_index": t, "col_index": c, "label": col.label,
             "role": col.role, "number": col.number, "col_group": col.group,
             "max_points": label_maximum(col.label)}
            for t, table in enumerate(doc.tables) for c, col in enumerate(table.columns)]


def cell_rows(key: str, doc: Document) -> list[dict]:
    out = []
    for t, table in enumerate(doc.tables):
        for r, row in enumerate(table.rows):
            group = table.group_of(r)
            for c, cell in enumerate(row.cells):
                role = table.columns[c].role if c < len(table.columns) else None
                out.append({"document": key, "table_index": t, "row_index": r, "col_index": c,
                            "text": cell.text, "role": role,
                            "row_group": group.label if group else None,
                            **where_columns(cell.where)})
    return out


# ---------------------------------------------------------------- the scores panel

def score_rows(key: str, doc: Document, resolved, place: dict) -> list[dict]:
    """One row per printed score: every component and total of every unit row."""
    out = []
    for t, table in enumerate(doc.tables):
        if table.kind != "scores" or table.column_index("unit") is None:
            continue
        context = {"document": key, "table_index": t, "table_title": table.title,
                   "category": resolved.category(t), "level": resolved.level(t), **place}
        maxima = [_maximum(col.label, resolved) for col in table.columns]
        for r in range(len(table.rows)):
            out += _unit_row_scores(table, t, r, resolved, context, maxima)
    return out + group_scores(key, doc, resolved, place)


# ---------------------------------------------------------------- units printed across

def unit_groups(table: Table, year: int | None = None) -> dict[str, list[int]]:
    """Units printed across, one column group each, criteria down the rows ("Lâm Đồng |
    Đắk Nông | Bình Thuận" over "Điểm số | Chỉ số | Thứ hạng"): group label → its columns.
    A group counts when it holds a rank column and its label is a unit the gazetteer
    knows (a province first, then any level); a table with no criterion down the rows, or
    a group that is not a unit ("Điểm" over "Tự chấm | Thẩm định"), gives nothing."""
    if table.column_index("criterion") is None or table.columns[
            table.column_index("criterion")].group is not None:
        return {}
    groups: dict[str, list[int]] = {}
    for c, col in enumerate(table.columns):
        if col.group:
            groups.setdefault(col.group, []).append(c)
    return {label: cols for label, cols in groups.items()
            if any(table.columns[c].role == "rank" for c in cols) and _unit_of(label, year)}


@lru_cache(maxsize=256)
def _unit_of(label: str, year: int | None):
    """The unit a group label names (asked by unit_groups, then by group_scores: once)."""
    from ..normalize import match_name
    for level in ("province", None):
        m = match_name(label, year=year, level=level)
        if m.status == "matched":
            return m
    return None


#: Roles of a unit group's columns that hold its scores: a score (a rubric-like table calls
#: a plain score column "other"), and an index the interpreter took for a criterion because
#: it sits beside criteria ("Chỉ số" 99,9%), kept as a value.
_GROUP_SCORES = SCORE_ROLES + ("other", "criterion")


def group_scores(key: str, doc: Document, resolved, place: dict) -> list[dict]:
    """One row per score of a unit printed across (see `unit_groups`): the unit is the
    group, the criterion the row's, the rank the group's rank column on that row."""
    out = []
    year = doc.meta.evaluation_year
    for t, table in enumerate(doc.tables):
        groups = unit_groups(table, year)
        if not groups:
            continue
        crit = table.column_index("criterion")
        context = {"document": key, "table_index": t, "table_title": table.title,
                   "category": resolved.category(t), "level": resolved.level(t) or "province",
                   **place}
        for label, cols in groups.items():
            unit = _unit_of(label, year)
            rank_col = next(c for c in cols if table.columns[c].role == "rank")
            top_col = next((c for c in cols if table.columns[c].role == "max_points"), None)
            for r in range(len(table.rows)):
                criterion = table.cell(r, crit).text or next(    # "CHỈ SỐ CHUNG" across STT
                    (table.cell(r, c).text for c, col in enumerate(table.columns)
                     if col.group is None and not table.cell(r, c).empty), "")
                rank_cell = table.cell(r, rank_col)
                rank = resolved.number(t, r, rank_col).value
                common = {**context, "row_index": r, "unit_printed": label,
                          "unit_id": unit.id, "unit_name": unit.name, "unit_status": unit.status,
                          "unit_match_score": float(unit.score),
                          "rank_printed": rank_cell.text or None,
                          "rank": int(rank) if rank is not None and rank == rank.to_integral_value()
                          else None, "grade": None}
                top = None if top_col is None else table.cell(r, top_col)
                top_value = None if top is None else resolved.number(t, r, top_col).value
                for c in cols:
                    cell = table.cell(r, c)
                    if table.columns[c].role not in _GROUP_SCORES or cell.empty:
                        continue
                    value = resolved.number(t, r, c).value
                    if value is None:
                        continue
                    scored = table.columns[c].role != "criterion"
                    out.append({**common, "col_index": c,
                                "role": "score" if scored else "value",
                                "criterion": f"{criterion} — {table.columns[c].label}".strip(" —"),
                                "score_printed": cell.text, "score": decimal_text(value),
                                "score_value": _real(value),
                                "max_points": decimal_text(top_value) if scored else None,
                                "max_points_value": _real(top_value) if scored else None,
                                "page": cell.where.page, "line": cell.where.line})
    return out


def _unit_row_scores(table: Table, t: int, r: int, resolved, context: dict,
                     maxima: list[str | None]) -> list[dict]:
    unit_printed = table.cell(r, table.column_index("unit")).text
    if not unit_printed:
        return []
    unit = resolved.unit(t, r)
    rank_printed, rank = _rank(table, t, r, resolved)
    common = {**context, "row_index": r, "unit_printed": unit_printed,
              "unit_id": unit.id if unit and unit.status == "matched" else None,
              "unit_name": unit.name if unit else None,
              "unit_status": unit.status if unit else None,
              "unit_match_score": float(unit.score) if unit else None,
              "rank_printed": rank_printed, "rank": rank, "grade": _grade(table, r)}
    out = []
    for c, col in enumerate(table.columns):
        cell = table.cell(r, c)
        if col.role not in SCORE_ROLES or cell.empty:
            continue
        out.append({**common, "col_index": c, "role": col.role, "criterion": col.label,
                    "score_printed": cell.text,
                    "score": decimal_text(resolved.number(t, r, c).value),
                    "score_value": _real(resolved.number(t, r, c).value),
                    "max_points": maxima[c], "max_points_value": _real(maxima[c]),
                    "page": cell.where.page, "line": cell.where.line})
    return out


def _real(value) -> float | None:
    """A number for SQL to sort and average (`score_value`); the exact value stays
    beside it as decimal text (`score`) and as printed (`score_printed`)."""
    return float(Decimal(value)) if value not in (None, "") else None


def _rank(table: Table, t: int, r: int, resolved) -> tuple[str | None, int | None]:
    c = table.column_index("rank")
    if c is None or table.cell(r, c).empty:
        return None, None
    value = resolved.number(t, r, c).value
    whole = value is not None and value == value.to_integral_value()
    return table.cell(r, c).text, int(value) if whole else None


def _grade(table: Table, r: int) -> str | None:
    c = table.column_index("grade")
    if c is not None and not table.cell(r, c).empty:
        return table.cell(r, c).text
    group = table.group_of(r)
    return group.label if group else None


def _maximum(label: str, resolved) -> str | None:
    printed = label_maximum(label)
    if printed is None:
        return None
    return decimal_text(parse_number(printed, resolved.convention).value)


# ---------------------------------------------------------------- rubric nodes, findings

def rubric_rows(key: str, doc: Document, resolved, province: str | None) -> list[dict]:
    """Every criterion of every rubric table, with its canonical category, the one
    `xephang rubrics compare` shows: the top-level criteria read beside each other, a
    criterion below in its parent's category unless it names one that refines it
    (normalize.categories.tree_categories)."""
    out = []
    for t, table in enumerate(doc.tables):
        if table.kind != "rubric":
            continue
        nodes = rubric_nodes(table)
        categories = tree_categories([(n.id, n.parent, n.title) for n in nodes])
        for node, category in zip(nodes, categories):
            out.append({
                "document": key, "table_index": t, "row_index": node.row, "node_id": node.id,
                "parent_id": node.parent, "depth": node.depth, "title": node.title,
                "max_printed": node.max_printed or None,
                "max_points": decimal_text(parse_number(node.max_printed,
                                                        resolved.convention).value),
                "rule": node.rule or None, "category": category,
                "level": resolved.level(t), "province": province,
                "table_title": table.title, "line": node.line,
                "page": table.rows[node.row].where.page})
    return out


def finding_rows(key: str, findings) -> list[dict]:
    return [{"document": key, "seq": i, "rule": f.rule, "severity": f.severity,
             "table_index": f.table, "table_title": f.table_title, "row_index": f.row,
             "unit": f.unit, "column_label": f.column, "col_index": f.col_index,
             "printed": f.printed, "expected": f.expected, "message": f.message,
             "message_vi": f.message_vi, "suggestion": f.suggestion,
             "suggestion_vi": f.suggestion_vi, "confidence": f.confidence, "line": f.line,
             "page": f.page, "html_path": getattr(f, "path", None),
             **dict(zip(("x0", "top", "x1", "bottom"), getattr(f, "bbox", None) or (None,) * 4))}
            for i, f in enumerate(findings)]
