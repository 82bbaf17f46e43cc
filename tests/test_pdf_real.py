"""The real born-digital PDFs beside the project (../shared/real, read in place, never
copied): pdfplumber's own table finder is the floor — every data row it returns is
in xephang's output — and a PDF with no table says so.

To stay quick, the long reports are read a few pages at a time: each case writes
the pages it needs to a temporary PDF (pypdf) and reads that.  Skipped when the
folder is absent."""
from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from xephang.extract import read_document
from xephang.extract.errors import NoTables

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is not here")

_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)*\s*%?(?:/\d+(?:[.,]\d+)?)?$")


def real(prefix: str) -> Path:
    found = sorted(REAL.glob(f"{prefix}_*.pdf"))
    if not found:
        pytest.skip(f"{prefix} is not in ../shared/real")
    return found[0]


def pages_of(src: Path, pages: list[int], dst: Path) -> Path:
    from pypdf import PdfReader, PdfWriter
    reader, writer = PdfReader(str(src)), PdfWriter()
    for n in pages:
        writer.add_page(reader.pages[n - 1])
    with open(dst, "wb") as fh:
        writer.write(fh)
    return dst


def despaced(text: str | None) -> str:
    return "".join((text or "").split())


def plumber_data_rows(path: Path) -> list[list[str]]:
    """The rows bare pdfplumber returns that hold data: a number and a text."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    cells = [despaced(c) for c in row if despaced(c)]
                    if any(_NUMBER.match(c) for c in cells) and \
                            any(not _NUMBER.match(c) for c in cells):
                        out.append(cells)
    return out


def missing_rows(path: Path) -> tuple[list[list[str]], int]:
    ours = [despaced(" ".join(r.texts)) for t in read_document(path).tables for r in t.rows]
    theirs = plumber_data_rows(path)
    return [row for row in theirs if not any(all(c in r for c in row) for r in ours)], len(theirs)


# (document, pages): a table over a page break with footnotes under it; the commune
# table, header printed again, shaded header cells; the SIPAS tables around a footnote.
CASES = [("004", [5, 6]), ("004", [13, 14]), ("004", [29, 30, 31]), ("004", [36, 37]),
         ("013", [1, 2, 3]), ("016", [1, 2, 3])]


@pytest.mark.parametrize("key,pages", CASES, ids=[f"{k}-p{p[0]}" for k, p in CASES])
def test_every_row_pdfplumber_returns_is_read(tmp_path, key, pages):
    path = pages_of(real(key), pages, tmp_path / f"{key}.pdf")
    missing, found = missing_rows(path)
    assert found >= 3
    assert missing == []


def test_a_table_over_a_page_break_is_one_table_with_its_whole_header(tmp_path):
    """004 pages 13-14: the communes' results, 19 rows then 29, the header printed on
    both pages and drawn with shaded cells (pdfplumber alone cuts "Điểm tự đánh giá"
    into "Đ" and "iểm tự")."""
    path = pages_of(real("004"), [13, 14], tmp_path / "004.pdf")
    tables = read_document(path).tables
    assert len(tables) == 1
    table = tables[0]
    assert [c.text for c in table.header] == ["STT", "Đơn vị", "Điểm chuẩn tối đa",
                                              "Điểm tự đánh giá", "Điểm thẩm định", "Chỉ số"]
    numbers = [r.texts[0] for r in table.rows]
    assert numbers == [str(k) for k in range(1, 49)]
    assert table.rows[0].texts[1:] == ["UBND xã Tuyên Quang", "74,00", "70,70", "67,33", "90,99%"]


def test_a_footnote_does_not_part_a_table_from_its_continuation(tmp_path):
    """004 pages 30-31: the communes' SIPAS results start at the foot of page 30,
    under them a footnote in small type; they go on at the top of page 31."""
    path = pages_of(real("004"), [30, 31], tmp_path / "004.pdf")
    tables = read_document(path).tables
    communes = [t for t in tables if any(r.texts[1] == "UBND xã Hồng Sơn" for r in t.rows)]
    assert len(communes) == 1
    numbers = [r.texts[0] for r in communes[0].rows if r.texts[0].isdigit()]
    assert numbers[:12] == [str(k) for k in range(1, 13)]


def test_a_caption_is_the_text_right_above_its_table(tmp_path):
    """004 page 36: "b) Nhóm 2: …" is printed right above Thanh tra tỉnh's one-row table."""
    path = pages_of(real("004"), [36], tmp_path / "004.pdf")
    tables = read_document(path).tables
    inspector = next(t for t in tables if t.rows[0].texts[1] == "Thanh tra tỉnh")
    assert inspector.caption.startswith("b) Nhóm 2: Nhóm các cơ quan thực hiện đánh giá")


def test_a_pdf_without_a_table_says_so():
    """012, a cover submission: no table, and none is made up."""
    with pytest.raises(NoTables):
        read_document(real("012"))
