"""PDF layouts seen in real decisions, printed here from values typed in this file:
a Word document written with python-docx, printed to PDF by LibreOffice headless,
then read back.  Nothing here comes from xephang's own output.

- shaded header cells (a Word cell's paragraph shading draws a filled box inside
  the cell, whose edges a ruling-line finder takes for column rules);
- a table that runs over a page break, with its header printed again on the next
  page and without;
- a caption printed as a paragraph right above its table.
"""
from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from xephang.extract import read_document

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                                "scripts/system-deps.sh installs it")

HEADER = ("STT", "Đơn vị", "Điểm chuẩn tối đa", "Điểm tự đánh giá", "Điểm thẩm định", "Chỉ số")
#: 45 communes, typed by hand: (name, maximum, self-assessed, appraised, index)
NAMES = ["Tân Hà", "Bắc Ruộng", "Hòa Ninh", "Nam Thành", "Tân Hải", "Đinh Văn", "Cát Tiên",
         "Quảng Tân", "Đắk Sắk", "Hồng Sơn", "Ka Đô", "Tà Năng", "Sơn Mỹ", "Đức An",
         "Tân Hội", "Hàm Liêm", "Nâm Nung", "Ninh Gia", "Sông Lũy", "Quảng Phú", "Nghị Đức",
         "Hòa Bắc", "Quảng Trực", "Vĩnh Hảo", "Hồng Thái", "Thuận Hạnh", "Kiến Đức",
         "Đạ Huoai", "Lạc Dương", "Đơn Dương", "Di Linh", "Bảo Lâm", "Đạ Tẻh", "Cát Lâm",
         "Phú Quý", "Liên Hương", "Tuy Phong", "Vĩnh Tân", "Phan Sơn", "Bắc Bình",
         "Hải Ninh", "Hàm Thuận", "La Dạ", "Hàm Kiệm", "Tân Lập"]
ROWS = [(f"UBND xã {name}", "74,00", f"{70 - k * 0.25:.2f}".replace(".", ","),
         f"{68 - k * 0.5:.2f}".replace(".", ","),
         f"{(68 - k * 0.5) / 74 * 100:.2f}".replace(".", ",") + "%")
        for k, name in enumerate(NAMES)]
CAPTION = "Kết quả thẩm định chỉ số của các xã:"
SECOND_CAPTION = "Các sở, ngành được đánh giá:"
SECOND = [("Sở Tư pháp", "100"), ("Sở Nội vụ", "98"), ("Sở Y tế", "91")]


def _shade(element, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    element.append(shd)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def write_docx(path: Path, repeat: bool) -> None:
    """A report page: a paragraph, the caption, then the 45-row table (header cells
    shaded, as cell and as paragraph shading), then a second, narrower table."""
    from docx import Document
    from docx.shared import Cm, Pt
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Liberation Serif", Pt(12)
    doc.add_paragraph("Hội đồng thẩm định đã tổng hợp kết quả chấm điểm của các xã, "
                      "phường như sau.")
    doc.add_paragraph(CAPTION)
    table = doc.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    table.style = "Table Grid"
    widths = (Cm(1.2), Cm(6.0), Cm(1.8), Cm(1.8), Cm(1.8), Cm(2.2))
    for r, values in enumerate([HEADER] + [(str(k), *row) for k, row in enumerate(ROWS, 1)]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.width = widths[c]
            cell.text = value
            if r == 0:
                _shade(cell._tc.get_or_add_tcPr(), "EEECE1")
                _shade(cell.paragraphs[0]._p.get_or_add_pPr(), "EEECE1")
    if repeat:
        _repeat_header(table.rows[0])
    doc.add_paragraph("Các sở, ngành thực hiện theo hướng dẫn.")
    doc.add_paragraph(SECOND_CAPTION)
    second = doc.add_table(rows=1 + len(SECOND), cols=3)
    second.style = "Table Grid"
    for r, values in enumerate([("TT", "Cơ quan", "Tổng điểm")]
                               + [(str(k), *row) for k, row in enumerate(SECOND, 1)]):
        for c, value in enumerate(values):
            second.cell(r, c).text = value
    doc.save(path)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """{"repeated": pdf, "once": pdf}: the same document, the header printed on
    every page the table runs over, and only on the first."""
    folder = tmp_path_factory.mktemp("layouts")
    for name, repeat in (("repeated", True), ("once", False)):
        write_docx(folder / f"{name}.docx", repeat)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder),
                    str(folder / "repeated.docx"), str(folder / "once.docx")],
                   check=True, capture_output=True, timeout=180)
    return {"repeated": folder / "repeated.pdf", "once": folder / "once.pdf"}


@pytest.fixture(scope="module")
def read(printed):
    return {name: read_document(path) for name, path in printed.items()}


@pytest.mark.parametrize("name", ["repeated", "once"])
def test_the_layout_really_has_shading_and_a_page_break(printed, name):
    """The fixture prints what it claims: filled boxes inside the header cells,
    and the table on two pages."""
    with pdfplumber.open(printed[name]) as pdf:
        assert len(pdf.pages) >= 2
        shaded = [r for r in pdf.pages[0].rects if not r["stroke"] and r["width"] > 3
                  and r["height"] > 3 and r.get("non_stroking_color") not in (None, 0, (0,))]
        assert shaded
        assert "UBND xã Tân Lập" not in pdf.pages[0].extract_text()


@pytest.mark.parametrize("name", ["repeated", "once"])
def test_a_table_over_a_page_break_is_one_table_with_whole_labels(read, name):
    doc = read[name]
    big = [t for t in doc.tables if len(t.rows) > 3]
    assert len(big) == 1
    table = big[0]
    assert [c.text for c in table.header][:len(HEADER)] == list(HEADER)
    assert [r.texts for r in table.rows] == [[str(k), *row] for k, row in enumerate(ROWS, 1)]
    assert len({r.where.page for r in table.rows}) >= 2


@pytest.mark.parametrize("name", ["repeated", "once"])
def test_every_row_pdfplumber_finds_is_read(printed, read, name):
    with pdfplumber.open(printed[name]) as pdf:
        theirs = [[" ".join((c or "").split()) for c in row]
                  for page in pdf.pages for t in page.extract_tables() for row in t]
    ours = [r.texts for t in read[name].tables for r in t.rows]
    data = [row for row in theirs if row and row[0].isdigit()]
    assert len(data) == len(ROWS) + len(SECOND)
    for row in data:
        assert [t for t in row if t] in [[t for t in r if t] for r in ours]


@pytest.mark.parametrize("name", ["repeated", "once"])
def test_a_caption_goes_to_the_table_right_below_it(read, name):
    doc = read[name]
    by_rows = {len(t.rows): t for t in doc.tables}
    assert by_rows[len(ROWS)].caption == CAPTION
    assert by_rows[len(SECOND)].caption == SECOND_CAPTION
    assert Decimal(by_rows[len(SECOND)].rows[0].texts[2]) == 100
