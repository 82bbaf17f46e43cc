"""Word and Excel sources: .docx, .xlsx, and legacy .doc / .xls through LibreOffice.

    bytes ─archive.check_package─▶ a checked package (or a one-line refusal)
          ─word / sheets─▶ blocks and neutral grids ─read_grid─▶ tables
          ─html.assemble─▶ Document (captions, headings, sections, metadata)

The format is told by content: a ZIP holding a Word main part is a .docx whatever
its name (".doc" included); an OLE2 file is converted first (see convert).

    >>> from xephang.extract import read_document
    >>> doc = read_document("annex.docx")            # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import replace

from ..html.read import assemble
from ..model import Document, Source
from . import archive
from .archive import Package, check_package


def read_office(data: bytes, source: Source) -> Document:
    """A checked .docx / .xlsx package's Document; *source* says which and where from."""
    package = check_package(source.path, data)
    if package.kind == "docx":
        from .word import word_events
        events = word_events(data, source)
        notes: list = []
    else:
        from .sheets import sheet_events
        events, notes = sheet_events(data, source)
    doc = assemble(events, source)
    warnings = tuple(doc.warnings) + package.warnings + tuple(notes)
    return replace(doc, warnings=warnings) if warnings else doc


__all__ = ["read_office", "check_package", "Package", "archive"]
