"""The JSON contract of `xephang extract` (docs/json-contract.md, schema/extract.schema.json).

Fields may be added, never changed.  Cells are the text as printed; where each
cell was printed travels beside it in "provenance".
"""
from __future__ import annotations

from ..extract.coverage import coverage_of
from ..extract.model import Column, Document, Row, Table, Where


def where_dict(where: Where) -> dict:
    out: dict = {}
    if where.line is not None:
        out["line"] = where.line
    if where.path is not None:
        out["path"] = where.path
    if where.page is not None:
        out["page"] = where.page
    if where.bbox is not None:
        out["bbox"] = [round(v, 2) for v in where.bbox]
    if where.confidence is not None:
        out["confidence"] = round(where.confidence, 1)
    for key in _OFFICE:                  # Word and Excel: table/row/col/paragraph, sheet/cell/formula
        if getattr(where, key) is not None:
            out[key] = getattr(where, key)
    return out


_OFFICE = ("table", "row", "col", "paragraph", "sheet", "cell", "formula")


def row_dict(row: Row) -> dict:
    out = {"cells": row.texts, "line": row.where.line}
    if row.where.path is not None:
        out["path"] = row.where.path
    if row.where.page is not None:
        out["page"] = row.where.page
    if row.where.bbox is not None:
        out["bbox"] = [round(v, 2) for v in row.where.bbox]
    out["provenance"] = [where_dict(c.where) for c in row.cells]
    return out


def column_dict(c: Column) -> dict:
    """A column; a part of a packed column also names the column and the part."""
    out = {"label": c.label, "role": c.role, "number": c.number, "group": c.group}
    if c.derived_from is not None:
        out.update(derived_from=c.derived_from, part=c.part)
    return out


def table_dict(table: Table) -> dict:
    return {
        "title": table.title,
        "section": table.section,
        "kind": table.kind,
        "columns": [column_dict(c) for c in table.columns],
        "row_groups": [{"label": g.label, "first_row": g.first_row, "last_row": g.last_row,
                        "line": g.line} for g in table.row_groups],
        "rows": [row_dict(r) for r in table.rows],
        "caption": table.caption,
        "context": list(table.context),
        "numbering": list(table.numbering),
        "sums": [{"total": s.total, "components": list(s.components)} for s in table.sums],
        "truncated": table.truncated,
        "line": table.where.line,
        "page": table.where.page,
    }


def document_dict(doc: Document) -> dict:
    return {
        "source": doc.source.to_dict(),
        "document": doc.meta.to_dict(),
        "tables": [table_dict(t) for t in doc.tables],
        "warnings": [n.to_dict() for n in doc.notices],
        "coverage": coverage_of(doc).to_dict(),
    }
