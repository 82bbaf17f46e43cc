"""Scanned PDFs (no text layer): rasterized, turned, blurred and speckled pages of
the born-digital fixtures, read back by Tesseract inside the ruled grid.

Two scans, three pages in all, so the suite stays quick: 000-scan.pdf (pages 2-3
of 000.pdf at 300 dpi, turned 0.6°) and 000-scan-continued.pdf (pages 9-10 at
200 dpi, turned -0.4°: a table that runs on from one page to the next, with a row
cut in two by the page break)."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import SEEDS
from test_pdf import cell_pairs

from xephang.extract import read_document
from xephang.extract.ocr.read import is_low_confidence, tesseract_ready
from xephang.extract.ocr.image import page_image
from xephang.normalize.numbers import parse_number

pytestmark = pytest.mark.skipif(
    not tesseract_ready(),
    reason="Tesseract with its Vietnamese model is not installed (apt-get install "
           "tesseract-ocr tesseract-ocr-vie; 'make install' does it)")

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"


def same(printed: str, read: str) -> bool:
    """Identical after normalization: numbers by value, text by NFC."""
    a, b = parse_number(printed), parse_number(read)
    if a.value is not None and b.value is not None:
        return a.value == b.value
    return unicodedata.normalize("NFC", printed) == unicodedata.normalize("NFC", read)


@pytest.fixture(scope="module")
def text000():
    return read_document(SEEDS["000"])


@pytest.fixture(scope="module")
def scan():
    return read_document(FIXTURES / "000-scan.pdf")


@pytest.fixture(scope="module")
def continued():
    return read_document(FIXTURES / "000-scan-continued.pdf")


def check(text_doc, pdf_doc, pairs) -> tuple[float, list]:
    cells = list(cell_pairs(text_doc, pdf_doc, pairs))
    differing = [(a, b) for a, b in cells if a is None or b is None or not same(a.text, b.text)]
    return 1 - len(differing) / len(cells), differing


def test_scanned_tables_match_the_text_after_normalization(text000, scan):
    assert len(scan.tables) == 2
    share, differing = check(text000, scan, [(0, 0), (1, 1)])
    assert share >= 0.95
    assert all(b is not None and is_low_confidence(b) for _, b in differing)


def test_scanned_table_over_two_pages_is_joined(text000, continued):
    districts = continued.tables[1]          # 2.2 for the districts: pages 1-2 of the scan
    assert {r.where.page for r in districts.rows} == {1, 2}
    assert len(districts.rows) == 11
    share, differing = check(text000, continued, [(7, 1)])
    assert share >= 0.95
    assert all(b is not None and is_low_confidence(b) for _, b in differing)


def test_every_scanned_cell_has_confidence_page_and_box(scan):
    for t in scan.tables:
        for row in t.rows:
            assert row.where.page in (1, 2) and row.where.bbox is not None
            for c in row.cells:
                assert c.where.confidence is not None and 0 <= c.where.confidence <= 100
                x0, top, x1, bottom = c.where.bbox
                assert 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 842


def test_scan_says_it_was_read_by_ocr(scan):
    assert any("no text layer" in w and "OCR" in w for w in scan.warnings)


def test_the_turn_is_measured_and_undone():
    img = page_image(str(FIXTURES / "000-scan.pdf"), 1)
    # the fixture page was turned by +0.6° (counter-clockwise) when it was made
    assert img.angle == pytest.approx(-0.6, abs=0.15)


def test_headings_are_read_from_the_scan(scan):
    assert scan.tables[1].title == "2.2. HẠ TẦNG NHÂN LỰC CÔNG NGHỆ THÔNG TIN"


def test_a_scan_with_a_stamped_text_line_is_still_read_by_ocr(text000):
    """56 characters of real text (a stamped page number) on a page that is one
    image: the image is what holds the table."""
    doc = read_document(FIXTURES / "000-scan-stamped.pdf")
    assert [len(t.rows) for t in doc.tables] == [20]
    share, differing = check(text000, doc, [(0, 0)])
    assert share >= 0.95
    assert all(b is not None and is_low_confidence(b) for _, b in differing)


def test_an_unruled_scanned_table_is_read_from_its_white_space():
    """002-scan.pdf: page 6 of 002.pdf (unruled: rules above and below the header
    only), 300 dpi, turned 0.5°.  Table 1.1 is whole on it, its caption under it."""
    from xephang.normalize.matching import match_name
    text = read_document(SEEDS["002"])
    doc = read_document(FIXTURES / "002-scan.pdf")
    table = doc.tables[0]
    assert table.caption == text.tables[2].caption
    assert [c.label for c in table.columns] == [c.label for c in text.tables[2].columns]
    share, differing = check(text, doc, [(2, 0)])
    assert share >= 0.95
    for printed, read in differing:
        # a misread name is either marked or still names the same agency
        resolved = (match_name(read.text, province="Sơn La", year=2017).id ==
                    match_name(printed.text, province="Sơn La", year=2017).id)
        assert is_low_confidence(read) or resolved, (printed.text, read.text)


def test_decimal_commas_are_read_twice():
    """"7,0" is read as "70" by the first pass; the digits-only second pass reads
    "7,0"; the two disagree, so the cell is marked whichever reading stands."""
    doc = read_document(FIXTURES / "002-scan.pdf")
    row = doc.tables[0].rows[12]                     # 13 | Sở Nông nghiệp … | 7,0 | 3
    assert row.texts[0] == "13" and row.cells[2].text == "7,0"
    assert is_low_confidence(row.cells[2])


# ---------------------------------------------------------------- a scan with an e-signature stamp

#: What a Vietnamese e-signature stamps on every page of a scanned decision: a few
#: lines of real text, many more characters than a page number.
STAMP = ["Ký bởi: Sở Nội vụ tỉnh Lâm Đồng",
         "Email: sonv@lamdong.gov.vn",
         "Cơ quan: Ủy ban nhân dân tỉnh Lâm Đồng",
         "Chức vụ: Văn thư",
         "Thời gian ký: 10.11.2025 10:59:46 +07:00",
         "Số: 2775/SNV-CCHC&VTLT; 10/11/2025; 10:59:46;",
         "Ký bởi: Ủy ban nhân dân tỉnh Lâm Đồng",
         "Thời gian ký: 10.11.2025 15:02:11 +07:00"]


def _printed_with_docx(lines: list[str], folder: Path, name: str, size: int = 9) -> Path:
    import shutil
    import subprocess

    from docx import Document
    from docx.shared import Pt
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; scripts/system-deps.sh installs it")
    doc = Document()
    for line in lines:
        doc.add_paragraph().add_run(line).font.size = Pt(size)
    doc.save(folder / f"{name}.docx")
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(folder / f"{name}.docx")],
                   check=True, capture_output=True, timeout=180)
    return folder / f"{name}.pdf"


def _overlay(under: Path, over: Path, dst: Path) -> Path:
    """Page 1 of *under* with page 1 of *over* drawn on top of it."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter()
    page = writer.add_page(PdfReader(str(under)).pages[0])
    page.merge_page(PdfReader(str(over)).pages[0])
    with open(dst, "wb") as fh:
        writer.write(fh)
    return dst


@pytest.fixture(scope="module")
def stamped_pages(tmp_path_factory):
    """(scan with a six-line e-signature stamp, born-digital text page drawn over
    the same full-page image)."""
    folder = tmp_path_factory.mktemp("stamp")
    stamp = _printed_with_docx([""] * 20 + STAMP, folder, "stamp")   # low on the page
    prose = _printed_with_docx(["Hội đồng thẩm định đã tổng hợp kết quả chấm điểm của các "
                                "cơ quan, đơn vị và địa phương trên địa bàn tỉnh."] * 30,
                               folder, "prose", size=12)
    scan = FIXTURES / "000-scan.pdf"
    return (_overlay(scan, stamp, folder / "stamped.pdf"),
            _overlay(scan, prose, folder / "letterhead.pdf"))


def test_a_scan_is_told_by_its_image_not_by_a_character_count(stamped_pages):
    """The stamp brings more characters than a page number (over 200), yet the
    image still carries the page; the same image under a page of real text is a
    background, and that page is born-digital."""
    import pdfplumber

    from xephang.extract.pdf.read import image_carries_content
    stamped, letterhead = stamped_pages
    with pdfplumber.open(stamped) as pdf:
        page = pdf.pages[0]
        assert len(page.chars) > 200 and "Thời gian ký" in page.extract_text()
        assert image_carries_content(page)
    with pdfplumber.open(letterhead) as pdf:
        assert pdf.pages[0].images and not image_carries_content(pdf.pages[0])
    with pdfplumber.open(FIXTURES / "000.pdf") as pdf:
        assert not image_carries_content(pdf.pages[0])


def test_a_scan_with_an_e_signature_stamp_is_read_by_ocr(text000, stamped_pages):
    doc = read_document(stamped_pages[0])
    assert [len(t.rows) for t in doc.tables] == [20]
    share, _ = check(text000, doc, [(0, 0)])
    assert share >= 0.95
    assert any("OCR" in str(w) for w in doc.warnings)


def test_an_eth_read_for_a_d_with_stroke_is_mended():
    """Tesseract's Vietnamese model reads "Đ" as the Icelandic "Ð", alone or doubled
    ("CQĐÐT" in the 001 scans); "Ð" is never Vietnamese, "ĐĐ" printed stays."""
    from xephang.extract.ocr.read import _eth
    assert _eth("CQĐÐT") == "CQĐT"
    assert _eth("CQĐÐĐT") == "CQĐT"
    assert _eth("Ðiểm") == "Điểm"
    assert _eth("ĐĐBQH") == "ĐĐBQH"


def test_of_two_readings_the_one_whose_marks_only_add_ink_stands():
    """A cell read again with its faint ink kept: "1;" over "1,", "lệ" over "lê";
    a mark changed for another ("Là" / "Lã") is no added ink: there the word the
    page prints more often stands."""
    from xephang.extract.ocr.read import _likelier, _more_ink
    assert _more_ink("= 1, Không", "= 1; Không")
    assert _more_ink("Tỷ lê", "Tỷ lệ") and _more_ink("Hoat", "Hoạt")
    assert not _more_ink("Là", "Lã") and not _more_ink("đổi", "đối")
    assert not _more_ink("Tỷ lệ", "Tỷ lê") and not _more_ink("1;", "1,")
    from xephang.extract.lexicon import words_seen
    page = words_seen(["Là người đứng đầu", "Có = 1, Không", "là 1"])
    assert _likelier(("Có = 1, Không", 97.0), ("Có = 1; Không", 93.0), page) == "Có = 1; Không"
    assert _likelier(("Là người = 1,", 93.0), ("Lã người = 1;", 97.0), page) == "Là người = 1;"
    assert _likelier(("Lã người", 93.0), ("Là người", 97.0), page) == "Là người"


# Marks read wrong with confidence (extract/lexicon.py).  The words below are not
# from any one document: pairs a 200-dpi scan misreads, and names that must stay.
MISREAD = [
    ("Tỷ lê >=50% = (Tỷ lê %*5)", "Tỷ lệ >=50% = (Tỷ lệ %*5)"),
    ("trong nôi bô cơ quan", "trong nội bộ cơ quan"),          # not 'trống nổi', not 'nói bộ'
    ("CƠ CHE, CHINH SACH", "CƠ CHẾ, CHÍNH SÁCH"),
    ("KẾT QUA TRIEN KHAI", "KẾT QUA TRIỂN KHAI"),             # 'qua' is a stop word: kept
    ("Sở Khoa hoc và Công nghê", "Sở Khoa học và Công nghệ"),
    ("Hoat đông kinh tế số", "Hoạt động kinh tế số"),
    ("Trao đối văn bản điện tử", "Trao đổi văn bản điện tử"),
]
KEPT = [
    "UBND huyện Phù Yên",                       # 'huyền phù' is a word; a name begins
    "Quy chế cập nhật thông tin trên trang TTĐT",   # 'trèn trắng' is a rare word
    "Sở Văn hóa, Thể thao và Du lịch",
    "Có ban hành = 1; Không ban hành = 0",
    "Tỷ lệ hồ sơ giải quyết đúng hạn",
    "Là người đứng đầu cơ quan = 1",            # 'lã người' is in the list; 'là' a stop word
]


@pytest.mark.parametrize("read, meant", MISREAD)
def test_marks_misread_are_mended_from_the_word_list(read, meant):
    from xephang.extract.lexicon import marks_in_doubt, remarked, words_seen
    assert marks_in_doubt(read)
    assert remarked(read, words_seen([read])) == meant


@pytest.mark.parametrize("text", KEPT)
def test_words_read_right_are_kept(text):
    from xephang.extract.lexicon import remarked, words_seen
    assert remarked(text, words_seen([text])) == text


def test_a_word_the_document_prints_on_its_own_is_not_remarked():
    """'nhân' printed on its own elsewhere (a name: 'Ông Nhân') keeps 'Nhân thức' as
    read; with 'nhân' printed only inside 'nhân lực', it is 'Nhận thức'."""
    from xephang.extract.lexicon import remarked, words_seen
    doc = ["Nhân lực số", "Nhân thức số"]
    assert remarked("Nhân thức số", words_seen(doc)) == "Nhận thức số"
    doc = ["Nhân lực số", "Nhân thức số", "Ông Nhân", "Bà Nhân", "cô Nhân"]
    assert remarked("Nhân thức số", words_seen(doc)) == "Nhân thức số"
    # a misreading repeated in another cell is no evidence for the word read
    doc = ["Trao đối văn bản", "Trao đối văn bản với các cơ quan", "không trao đổi"]
    assert remarked(doc[0], words_seen(doc)) == "Trao đổi văn bản"


FONTS = Path("/usr/share/fonts/truetype/liberation2")      # Debian's fonts-liberation2


@pytest.mark.skipif(not FONTS.is_dir(), reason="fonts-liberation2 not installed")
@pytest.mark.parametrize("font", ["LiberationSerif-Regular.ttf", "LiberationSans-Regular.ttf"])
def test_a_semicolon_is_told_from_a_comma_and_a_colon_by_its_ink(font):
    """Words rendered by FreeType, sharp and blurred: a ";" is ";" whatever Tesseract
    read, and no "," or ":" is ever taken for one (the one change _stops makes)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont
    from xephang.extract.ocr.read import _semicolon

    def ink(word: str, size: int, blur: float):
        im = Image.new("L", (size * 7, size * 3), 255)
        ImageDraw.Draw(im).text((size, size), word, font=ImageFont.truetype(str(FONTS / font), size),
                                fill=0)
        a = np.array(im.filter(ImageFilter.GaussianBlur(blur)) if blur else im)
        ys, xs = np.nonzero(a < 200)
        return a, (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)   # the word's box

    for size in (28, 36, 50):
        for blur in (0, 1.2):
            for word in ("1;", "5;", "0;", "hành;"):
                assert _semicolon(*ink(word, size, blur)), (word, size, blur)
            for word in ("1:", "1,", "3,", "chú:", "đa:", "lý,", "tổ chức,", "TT:", "5):"):
                assert not _semicolon(*ink(word, size, blur)), (word, size, blur)
