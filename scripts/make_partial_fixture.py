"""tests/fixtures/pdf/partly-read.pdf: a PDF xephang can only partly read.

Seed 000's first results table printed twice: once as the seed prints it, and once
more below it without its header and without its row numbers — a ruled grid of
unit names and scores that names none of its columns, as a decision's annex
sometimes prints a table continued from a lost page.  The reader sees the second
grid but cannot interpret it; `xephang check` must say the document was only
partly read rather than "no inconsistencies".

Built from the hand-verified truth (tests/fixtures/independent/truth/000.json: the
table's title, header labels with the label printed above them, column numbers and
every cell) and from the seed's own lines before the table, never from what the
reader returns.

Usage: python scripts/make_partial_fixture.py
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

OUT = ROOT / "tests" / "fixtures" / "pdf" / "partly-read.pdf"
TRUTH = ROOT / "tests" / "fixtures" / "independent" / "truth" / "000.json"
#: A section title as the seed prints it: "2. Xếp hạng theo lĩnh vực", "2.1. HẠ TẦNG …".
SECTION = re.compile(r"^\d+(?:\.\d+)*\.\s+\S")


def roles(columns: list[dict]) -> list[str]:
    """Table 2.1 of seed 000 as its truth file describes it: the row number, the unit,
    the four component points under "Điểm", and the total last."""
    return (["row_no", "unit"] + ["component" if c["above"] else "other" for c in columns[2:-1]]
            + ["total"])


def truth_table(truth: dict, line: int, source):
    from xephang.extract.model import Cell, Column, Row, Table, Where
    columns = tuple(Column(c["label"], role, c["number"], " / ".join(c["above"]) or None)
                    for c, role in zip(truth["columns"], roles(truth["columns"])))
    rows = tuple(Row(tuple(Cell(text) for text in row)) for row in truth["rows"])
    return Table(source, rows, columns, kind="scores", title=truth["title"],
                 caption=truth["caption"], numbering=tuple(c.number for c in columns),
                 where=Where(line=line), header=tuple(Cell(c.label) for c in columns))


def headless(table, line: int):
    """The table without its header labels and without its row-number column."""
    from dataclasses import replace

    from xephang.extract.model import Column, Row, Where
    keep = [c for c, col in enumerate(table.columns) if col.role != "row_no"]
    rows = tuple(Row(tuple(r.cells[c] for c in keep)) for r in table.rows)
    return replace(table, rows=rows, columns=tuple(Column("", "other") for _ in keep),
                   header=(), numbering=(), title=None, caption=None, where=Where(line=line))


def main() -> None:
    from make_pdf_fixtures import BORN, SEEDS, document_xml, print_pdf
    from xephang.extract.model import Document, Heading, Metadata, Paragraph, Source, Where

    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    seed = SEEDS / BORN["000"][0]
    assert truth["seed"] == seed.name
    table = truth["tables"][0]
    lines = seed.read_text(encoding="utf-8").split("\n")
    title = lines.index(table["title"]) + 1                      # 1-based, as Where counts
    start = next(n for n in range(title + 1, len(lines) + 1) if lines[n - 1].strip())
    after = next(n for n in range(start, len(lines) + 1) if SECTION.match(lines[n - 1]))
    printed = [(n, " ".join(lines[n - 1].split())) for n in range(1, title + 1)]
    paragraphs = [Paragraph(text, Where(line=n)) for n, text in printed if text]
    headings = [Heading(text, Where(line=n)) for n, text in printed if SECTION.match(text)]
    source = Source(seed.name, "", "text")
    first = truth_table(table, start, source)
    note = Paragraph("Bảng kèm theo (bản chụp lại, mất tiêu đề):", Where(line=after))
    doc = Document(source, Metadata(), (first, headless(first, after + 1)),
                   paragraphs=tuple(paragraphs) + (note,), headings=tuple(headings))
    with tempfile.TemporaryDirectory() as tmp:
        fodt = Path(tmp) / "partly-read.fodt"
        fodt.write_text(document_xml(doc, ruled=True), encoding="utf-8")
        OUT.write_bytes(print_pdf(fodt, Path(tmp)).read_bytes())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
