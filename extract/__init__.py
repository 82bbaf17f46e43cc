"""extract/: read a source (text dump, saved HTML page, PDF, scan, Word, Excel) into a Document.

    >>> from xephang.extract import read_document
    >>> doc = read_document("corpus/documents/000_4077041e69013ab5.txt")
    >>> doc.meta.number
    '2631/QĐ-UBND'
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .errors import NoTables, TruncatedTable, XephangError
from .model import (BBox, Cell, Column, Document, Heading, Metadata, Paragraph, Provenance,
                    Row, RowGroup, Source, SumRule, Table, Where)
from .source import open_source


def read_document(path: str | Path, *, display: str | None = None,
                  require_tables: bool = True) -> Document:
    """Read one file into a Document; raise an XephangError subclass when it cannot be read."""
    opened = open_source(path, display=display)
    if opened.source.format in ("docx", "xlsx"):
        from .office import read_office
        doc = read_office(opened.office, opened.source)
    elif opened.source.format == "pdf":
        from .pdf.read import read_pdf
        doc = read_pdf(Path(path), opened.source)
    elif opened.source.format == "html":
        from .html.read import read_html
        doc = read_html(opened.text, opened.source)
    else:
        from .text.read import read_text
        doc = read_text(opened.text, opened.source)
    if opened.notices:                   # what decoding did (a legacy encoding converted)
        doc = replace(doc, warnings=opened.notices + tuple(doc.warnings))
    from .prose.maxima import with_maxima
    doc = with_maxima(doc)              # maxima stated in sentences, in every format
    if require_tables and not doc.tables:
        raise NoTables(opened.source.path)
    return doc


def defects(doc: Document) -> list[XephangError]:
    """Input damage worth an error beside the extracted data: tables cut off mid-row."""
    out: list[XephangError] = []
    for k, t in enumerate(doc.tables):
        if t.truncated:
            last = t.rows[-1]
            filled = sum(1 for c in last.cells if c.text != "")
            at = f" at {last.where.path}" if last.where.path else ""
            out.append(TruncatedTable(
                doc.source.path,
                f"table {k} ({t.title or 'untitled'}) stops mid-row{at}: its last row has "
                f"{filled} of {len(t.columns)} cells", line=last.where.line, page=last.where.page))
    return out


__all__ = ["read_document", "defects", "BBox", "Cell", "Column", "Document", "Heading",
           "Metadata", "Paragraph", "Provenance", "Row", "RowGroup", "Source", "SumRule",
           "Table", "Where", "XephangError"]
