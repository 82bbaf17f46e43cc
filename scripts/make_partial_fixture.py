"""tests/fixtures/pdf/partly-read.pdf: a PDF xephang can only partly read.

Seed 000's first results table printed twice: once as the seed prints it, and once
more below it without its header and without its row numbers — a ruled grid of
unit names and scores that names none of its columns, as a decision's annex
sometimes prints a table continued from a lost page.  The reader sees the second
grid but cannot interpret it; `xephang check` must say the document was only
partly read rather than "no inconsistencies".

Usage: python scripts/make_partial_fixture.py
"""
from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

OUT = ROOT / "tests" / "fixtures" / "pdf" / "partly-read.pdf"


def headless(table):
    """The table without its header labels and without its row-number column."""
    from xephang.extract.model import Column, Row
    keep = [c for c, col in enumerate(table.columns) if col.role != "row_no"]
    rows = tuple(Row(tuple(r.cells[c] for c in keep if c < len(r.cells)), r.where)
                 for r in table.rows)
    columns = tuple(Column("", "other") for _ in keep)
    end = (table.rows[-1].where.line or 0) + 2
    return replace(table, rows=rows, columns=columns, header=(), numbering=(), row_groups=(),
                   title=None, caption=None, where=replace(table.where, line=end))


def main() -> None:
    from make_pdf_fixtures import BORN, SEEDS, document_xml, print_pdf
    from xephang.extract import read_document

    doc = read_document(SEEDS / BORN["000"][0])
    first = doc.tables[0]
    end = first.where.line or 0
    from xephang.extract.model import Paragraph, Where
    after = (first.rows[-1].where.line or 0) + 1
    note = Paragraph("Bảng kèm theo (bản chụp lại, mất tiêu đề):", Where(line=after))
    small = replace(doc, tables=(first, headless(first)),
                    paragraphs=tuple(p for p in doc.paragraphs if (p.where.line or 0) < end)
                    + (note,))
    with tempfile.TemporaryDirectory() as tmp:
        fodt = Path(tmp) / "partly-read.fodt"
        fodt.write_text(document_xml(small, ruled=True), encoding="utf-8")
        OUT.write_bytes(print_pdf(fodt, Path(tmp)).read_bytes())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
