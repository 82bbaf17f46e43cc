"""Born-digital PDFs: the seeds' tables printed by LibreOffice (scripts/make_pdf_fixtures.py)
read back cell for cell, with page and box on every cell; and the PDFs xephang must refuse."""
from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import jsonschema
import pdfplumber
import pytest
from conftest import SEEDS

from xephang.extract import read_document
from xephang.extract.errors import OcrUnavailable, PdfError
from xephang.extract.pdf.read import has_double_drawn
from xephang.outputs.contract import document_dict

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"


def cell_pairs(text_doc, pdf_doc, pairs=None):
    """(text cell, pdf cell) for every data cell of the paired tables; a missing
    row or cell pairs with None."""
    pairs = pairs or list(zip(range(len(text_doc.tables)), range(len(pdf_doc.tables))))
    for a, b in pairs:
        ta, tb = text_doc.tables[a], pdf_doc.tables[b]
        for r in range(max(len(ta.rows), len(tb.rows))):
            for c in range(len(ta.columns)):
                ca = ta.cell(r, c) if r < len(ta.rows) else None
                cb = tb.cell(r, c) if r < len(tb.rows) else None
                yield ca, cb


def share_identical(text_doc, pdf_doc, same=lambda a, b: a == b, pairs=None) -> float:
    cells = list(cell_pairs(text_doc, pdf_doc, pairs))
    ok = sum(1 for a, b in cells if a is not None and b is not None and same(a.text, b.text))
    return ok / len(cells)


@pytest.fixture(scope="module")
def docs():
    cache = {}

    def get(key):
        if key not in cache:
            cache[key] = (read_document(SEEDS[key]), read_document(FIXTURES / f"{key}.pdf"))
        return cache[key]
    return get


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_born_digital_cells_match_the_text_extraction(docs, key):
    text, pdf = docs(key)
    assert len(pdf.tables) == len(text.tables)
    assert [len(t.rows) for t in pdf.tables] == [len(t.rows) for t in text.tables]
    assert share_identical(text, pdf) >= 0.99


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_born_digital_interpretation_matches(docs, key):
    text, pdf = docs(key)
    for a, b in zip(text.tables, pdf.tables):
        assert b.kind == a.kind
        assert b.columns == a.columns                   # labels, roles, numbers, groups
        assert [c.text for c in b.header] == [c.text for c in a.header]
        assert b.numbering == a.numbering
        assert [(g.label, g.first_row, g.last_row) for g in b.row_groups] == \
               [(g.label, g.first_row, g.last_row) for g in a.row_groups]
        assert b.sums == a.sums
        assert b.title == a.title
    assert pdf.meta.number == text.meta.number
    assert pdf.meta.issued == text.meta.issued
    assert pdf.meta.kind == text.meta.kind


def test_merged_header_cells_give_the_groups(docs):
    text, pdf = docs("000")
    policy = pdf.tables[4]        # 2.5: "Điểm" over "Cơ chế - Chính sách" over eight labels
    assert {c.group for c in policy.columns if c.role == "component"} == {"Đim / Cơ chế - Chính sách"}
    assert [c.label for c in pdf.tables[0].columns] == [c.label for c in text.tables[0].columns]


def pages_of(table) -> set[int]:
    return {row.where.page for row in table.rows}


def test_tables_broken_across_pages_are_joined(docs):
    _, d000 = docs("000")
    _, d001 = docs("001")
    # hand-checked in the fixture: 2.3 runs over the landscape pages 4-5 with its
    # header printed again; the rubric over pages 2-5 with its header printed once
    assert pages_of(d000.tables[2]) == {4, 5}
    assert pages_of(d001.tables[0]) == {2, 3, 4, 5}
    assert [r.texts[0] for r in d000.tables[2].rows] == [str(k) for k in range(1, 21)]


def test_a_rubric_row_cut_by_the_page_break_is_one_row(docs):
    _, pdf = docs("001")
    rows = [r.texts for r in pdf.tables[0].rows]
    # page 3 ends "… Không cập nhật", page 4 begins "= 0"
    assert ["", "Thường xuyên = 3; Không thường xuyên = 2; Không cập nhật = 0", "", ""] in rows
    assert len(rows) == 92


def test_a_row_cut_by_the_page_break_is_one_row(docs):
    _, pdf = docs("000")
    districts = pdf.tables[6]      # row 5 prints "UBND huyện Kim" on page 9, "Bôi" on page 10
    row = districts.rows[4]
    assert row.texts[:2] == ["5", "UBND huyện Kim Bôi"]
    assert len(districts.rows) == 11


def test_wrapped_unit_names_are_one_cell(docs):
    _, pdf = docs("000")
    names = [r.texts[1] for r in pdf.tables[0].rows]
    assert "Sở Thông tin và Truyền thông" in names      # printed over two lines
    assert not any("\n" in n for n in names)


def test_every_cell_and_row_has_page_and_box(docs):
    for key in ("000", "001", "002", "003", "004"):
        _, pdf = docs(key)
        with pdfplumber.open(FIXTURES / f"{key}.pdf") as raw:
            sizes = {p.page_number: (p.width, p.height) for p in raw.pages}
        for t in pdf.tables:
            for row in t.rows:
                for where in [row.where] + [c.where for c in row.cells]:
                    x0, top, x1, bottom = where.bbox
                    w, h = sizes[where.page]
                    assert 0 <= x0 < x1 <= w and 0 <= top < bottom <= h


def test_landscape_page_boxes_are_in_landscape_points(docs):
    _, pdf = docs("000")
    wide = pdf.tables[2]
    assert max(c.where.bbox[2] for r in wide.rows for c in r.cells) > 700   # A4 portrait is 595 wide


def test_bold_drawn_twice_is_read_once(docs):
    with pdfplumber.open(FIXTURES / "000.pdf") as raw:
        page = raw.pages[1]
        assert has_double_drawn(page.chars)
        assert page.find_tables()[0].extract()[0][0] == "TTTT"     # what a plain read sees
    _, pdf = docs("000")
    assert pdf.tables[0].header[0].text == "TT"


def test_json_contract_carries_page_and_bbox(docs):
    _, pdf = docs("001")
    out = json.loads(json.dumps(document_dict(pdf)))
    schema = json.loads((Path(__file__).resolve().parent.parent / "schema" /
                         "extract.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(out, schema)
    row = out["tables"][0]["rows"][0]
    assert row["page"] == 2 and len(row["bbox"]) == 4
    assert all({"page", "bbox"} <= set(p) for p in row["provenance"])


def test_legacy_tcvn3_text_layer_is_converted():
    text = read_document(SEEDS["000"])
    pdf = read_document(FIXTURES / "legacy-tcvn3.pdf")
    assert any("TCVN3" in w for w in pdf.warnings)
    assert pdf.meta.number == "2631/QĐ-UBND"
    assert share_identical(text, pdf, pairs=[(0, 0)]) == 1.0


# ---------------------------------------------------------------- refused

@pytest.mark.parametrize("name, message", [
    ("encrypted.pdf", "the PDF is encrypted with a password; open it in a PDF reader and print "
                      "or save an unprotected copy first"),
    ("corrupt.pdf", "the PDF is corrupt: its structure cannot be read (download it again)"),
    ("truncated.pdf", "the PDF is truncated: it stops before its end-of-file marker "
                      "(download it again)"),
    ("bomb.pdf", "a compressed stream of 0.3 MB inflates to more than 64.0 MB "
                 "(a decompression bomb?); refused"),
])
def test_unreadable_pdfs_give_one_clear_line(name, message):
    path = FIXTURES / name
    with pytest.raises(PdfError) as err:
        read_document(path)
    assert str(err.value) == f"{path}: {message}"
    assert "\n" not in str(err.value)


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_the_bomb_is_refused_within_a_gigabyte():
    """Read in a child process that may not use more than 1 GB: the bomb inflates
    to 320 MB, and a parser that held it would need several times that."""
    code = ("from xephang.extract import read_document\n"
            "from xephang.extract.errors import PdfError\n"
            "try:\n    read_document(%r)\nexcept PdfError as e:\n    print('refused:', e)\n"
            % str(FIXTURES / "bomb.pdf"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, preexec_fn=_limit_memory)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith("refused:")


def test_no_text_layer_without_tesseract_says_how_to_install(monkeypatch):
    from xephang.extract.ocr import read as ocr
    monkeypatch.setenv("PATH", "/nonexistent")
    ocr.tesseract_ready.cache_clear()
    try:
        with pytest.raises(OcrUnavailable) as err:
            read_document(FIXTURES / "000-scan.pdf")
    finally:
        ocr.tesseract_ready.cache_clear()
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in str(err.value)
    assert "page 1" in str(err.value)


def test_debug_draws_the_cells_over_the_page(tmp_path):
    from click.testing import CliRunner
    from PIL import Image

    from xephang.cli import cli
    out = tmp_path / "p4.png"
    result = CliRunner().invoke(cli, ["debug", str(FIXTURES / "000.pdf"), "--page", "4", "-o", str(out)])
    assert result.exit_code == 0, result.output
    image = Image.open(out).convert("RGB")
    assert image.size == (1684, 1191)               # the landscape page at 144 dpi
    colours = {c for _, c in image.getcolors(1 << 20)}
    assert (0, 60, 220) in colours and (0, 160, 0) in colours   # table and rows drawn


def test_debug_refuses_a_page_that_is_not_there(tmp_path):
    from click.testing import CliRunner

    from xephang.cli import cli
    result = CliRunner().invoke(cli, ["debug", str(FIXTURES / "001.pdf"), "--page", "7",
                                      "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2
    assert "there is no page 7: the PDF has 5 pages" in result.output


def test_legacy_vni_text_layer_is_refused_clearly():
    path = FIXTURES / "legacy-vni.pdf"
    with pytest.raises(PdfError) as err:
        read_document(path)
    assert str(err.value) == (
        f'{path}: the text layer uses the legacy VNI font encoding ("Coäng hoøa xaõ hoäi chuû '
        f'nghóa Vieät Nam"), not Unicode; convert the document to Unicode (e.g. with UniKey\'s '
        f'converter) and print it to PDF again')


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_the_checker_finds_the_same_in_the_pdf_with_pages(docs, key):
    from xephang.validate import check_document
    text, pdf = docs(key)
    from_text, from_pdf = check_document(text), check_document(pdf)
    assert sorted((f.rule, f.table or -1, f.row or -1, f.printed or "") for f in from_pdf) == \
           sorted((f.rule, f.table or -1, f.row or -1, f.printed or "") for f in from_text)
    # every finding on a table cell points to its page
    located = [f for f in from_pdf if f.row is not None]
    assert all(f.page is not None for f in located)
    assert located


def test_the_quality_measure_keeps_the_grid_that_reads_as_rows():
    """On a page with fake bold, camelot lattice keeps every bold letter twice
    ("TTTT", "(1) (1)"): its column numbers do not read as numbers, so a row of its
    body does not read as a row; pdfplumber's grid, with the letters drawn twice
    removed, scores 1 and stays."""
    from xephang.extract.pdf.read import _offer, _score, read_page
    from xephang.extract.pdf.grid import camelot_grids
    from xephang.extract.pdf.tables import trim
    from xephang.extract.source import open_source
    path = FIXTURES / "000.pdf"
    source = open_source(path).source
    with pdfplumber.open(path) as raw:
        page = read_page(raw.pages[1], 2)
    ours = page.grids[0]
    theirs = trim(camelot_grids(str(path), [2], "lattice", {2: page.height})[0])
    assert theirs.rows[0][0].text == "TTTT"
    assert _score(ours, source) == 1.0 > _score(theirs, source)
    _offer(page, theirs, source)
    assert page.grids == [ours]


def test_unruled_tables_keep_wrapped_names_and_cut_rows_whole(docs):
    _, pdf = docs("002")
    names = [r.texts[1] for t in pdf.tables[:17] for r in t.rows]
    assert "Sở Thông tin và Truyền thông" in names           # printed over two lines
    # table 1.3 runs from page 7 to 8; its row 17 is cut after "Thương binh"
    row = pdf.tables[4].rows[16]
    assert row.texts[:2] == ["17", "Sở Lao động-Thương binh và Xã hội"]
    assert pages_of(pdf.tables[4]) == {7, 8}
    # table 3 prints its header and first grade band alone at the foot of page 13
    assert (pdf.tables[15].row_groups[0].label, pdf.tables[15].where.page) == ("A. Mức tốt (5%)", 13)


def test_pages_read_side_by_side_give_the_same_document(monkeypatch, docs):
    _, together = docs("002")                  # 18 pages: read by one process per core
    monkeypatch.setenv("XEPHANG_PDF_WORKERS", "1")
    alone = read_document(FIXTURES / "002.pdf")
    assert alone.tables == together.tables
    assert alone.paragraphs == together.paragraphs


# ---------------------------------------------------------------- 004: the DTI rubric

def test_dti_rubrics_run_over_pages_with_their_header_printed_again(docs):
    text, pdf = docs("004")
    # hand-checked in the fixture: the department rubric runs over pages 7-11, the
    # district one over 12-18, each page starting with the header again
    assert pages_of(pdf.tables[5]) == {7, 8, 9, 10, 11}
    assert pages_of(pdf.tables[7]) == {12, 13, 14, 15, 16, 17, 18}
    for k in (5, 7, 9):
        assert [r.texts[0] for r in pdf.tables[k].rows] == [r.texts[0] for r in text.tables[k].rows]


def test_a_dti_rule_cut_by_the_page_break_is_one_cell(docs):
    _, pdf = docs("004")
    # 4.3 ends page 8 at "- " and page 9 begins "Điểm=(a/b)*Điểm tối đa" with no id:
    # the rows go by criterion id, so it is the rest of 4.3 (a capital letter after all)
    row = next(r for r in pdf.tables[5].rows if r.texts[0] == "4.3")
    assert row.texts == [
        "4.3", "Tỷ lệ công chức, viên chức được bồi dưỡng, tập huấn về chuyển đổi số", "40",
        "a= Số lượng công chức, viên chức được bồi dưỡng, tập huấn về chuyển đổi số; "
        "b= Tổng số công chức, viên chức; - Điểm=(a/b)*Điểm tối đa",
        "Văn bản, tài liệu chứng minh"]
    assert row.where.page == 8
    assert len(pdf.tables[5].rows) == 45


def test_the_commune_rubric_printed_without_a_header_goes_on_with_the_one_before(docs):
    text, pdf = docs("004")
    commune = pdf.tables[9]
    assert commune.header == () == text.tables[9].header
    assert commune.columns == pdf.tables[7].columns
    assert commune.kind == "rubric"
    assert pages_of(commune) == {19, 20, 21, 22, 23, 24}
    assert commune.rows[0].texts == ["1", "Nhận thức số", "100", "", ""]
    # 1.3 runs from page 19 to 20, where its rule goes on "(chuyendoiso.hoabinh.gov.vn): …"
    row = next(r for r in commune.rows if r.texts[0] == "1.3")
    assert "Liên kết về Trang chuyển đổi số của tỉnh (chuyendoiso.hoabinh.gov.vn): " \
           "1/4*Điểm tối đa" in row.texts[3]


def test_the_information_forms_keep_their_head_and_blank_lines(docs):
    _, pdf = docs("004")
    form = pdf.tables[4]
    assert [c.text for c in form.header] == ["1", "Thông tin Sở/ban/ngành", "Đơn vị",
                                             "Nội dung/Số lượng"]
    assert [c.role for c in form.columns] == ["row_no", "other", "other", "other"]
    # pages 6-7, the head row printed again on page 7 and dropped; rows 17 and 23 are
    # the blank lines left to write in
    assert pages_of(form) == {6, 7} and len(form.rows) == 23
    assert form.rows[16].texts == ["", "", "", ""] and form.rows[22].texts == ["", "", "", ""]
    assert form.rows[12].texts == ["", "Họ tên", "", ""]


def test_the_unit_list_is_read_with_its_wrapped_names(docs):
    _, pdf = docs("004")
    units = pdf.tables[3]
    assert [c.role for c in units.columns] == ["row_no", "unit"]
    assert units.rows[4].texts == ["5", "Sở Giao thông vận tải"]     # "tải" on page 6
    assert units.rows[18].texts == ["19", "Ban Dân tộc tỉnh"]


# ---------------------------------------------------------------- 003: results in prose

def test_results_in_prose_are_read_from_the_paragraphs(docs):
    text, pdf = docs("003")
    assert [t.title for t in pdf.tables] == ["1. Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh",
                                             "2. Ủy ban nhân dân các huyện, thị xã, thành phố"]
    rows = [(r.texts, r.where.page) for t in pdf.tables for r in t.rows]
    # a paragraph whose printed lines end in ";" is still one paragraph
    assert (["Sở Tư pháp", "Nhân lực công nghệ thông tin", "6", "5"], 1) in rows
    # page 2: "… Ủy ban nhân dân các" / "huyện, thị xã, thành phố: UBND huyện Văn Yên …"
    assert (["UBND huyện Trạm Tấu", "Kết quả chung", "67", "9"], 2) in rows
    # each row has the box of the paragraph it was read from, its unit the box of the
    # lines the name is printed on: "Sở Thông tin" ends the first line, "và Truyền
    # thông" starts the second; "Sở Xây dựng" is on the fourth and last
    rows = pdf.tables[0].rows
    para = rows[0].where.bbox
    assert rows[0].cells[2].where == rows[0].where and rows[7].where.bbox == para
    line = 13.8                                    # 12 pt type, 1.8 pt between lines
    name = rows[0].cells[0].where.bbox
    assert name[1] == para[1] and name[3] == pytest.approx(para[1] + 12 + line, abs=0.2)
    assert rows[7].texts[0] == "Sở Xây dựng"
    assert rows[7].cells[0].where.bbox[1] == pytest.approx(para[1] + 3 * line, abs=0.2)
    assert rows[7].cells[0].where.bbox[3] == para[3]
