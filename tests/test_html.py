"""The HTML reader: saved portal pages give the same tables as the text dumps,
with each cell's place in the page; furniture is left out; bad pages are refused
with one line naming the file, exit 2, and the other files of the run still read.

The pages in fixtures/html/ and the bad pages in fixtures/bad/*.html are rendered
from the seeds by scripts/make_html_fixtures.py.
"""
from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import lxml.html
import pytest

from conftest import SEEDS
from xephang.extract import Column, read_document

HTML_DIR = Path(__file__).parent / "fixtures" / "html"
BAD = Path(__file__).parent / "fixtures" / "bad"
XEPHANG = [str(Path(sys.executable).with_name("xephang"))]
PAGES = {key: HTML_DIR / (path.stem + ".html") for key, path in SEEDS.items()}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(XEPHANG + list(args), capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def docs():
    """(text document, HTML document) per seed, read once."""
    return {key: (read_document(SEEDS[key]), read_document(PAGES[key])) for key in SEEDS}


# ---------------------------------------------------------------- same cells as the text

def table_view(t) -> dict:
    return {
        "title": t.title, "section": t.section, "kind": t.kind, "caption": t.caption,
        "numbering": t.numbering, "truncated": t.truncated, "sums": t.sums,
        "columns": [(c.label, c.role, c.number, c.group) for c in t.columns],
        "row_groups": [(g.label, g.first_row, g.last_row) for g in t.row_groups],
        "rows": [r.texts for r in t.rows],
    }


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_html_page_gives_the_text_dumps_tables(docs, key):
    text, page = docs[key]
    assert page.source.format == "html" and text.source.format == "text"
    assert len(page.tables) == len(text.tables) > 0
    for k, (a, b) in enumerate(zip(text.tables, page.tables)):
        assert table_view(b) == table_view(a), f"table {k}"


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_html_page_gives_the_text_dumps_metadata(docs, key):
    text, page = docs[key]
    assert page.meta == text.meta


def test_seed_000_headers_as_printed_across_spanning_rows(docs):
    """Hand-checked against the seed: a three-row header (TT spans it, "Đim" and
    "Cơ chế - Chính sách" span the components), damaged labels kept, the column
    numbers as printed, (5) skipped in table 1."""
    _, page = docs["000"]
    policy = page.tables[4]
    assert policy.title == "2.5. MÔI TRƯỜNG TỔ CHỨC VÀ CHÍNH SÁCH"
    assert policy.columns[0] == Column("TT", "row_no", "(1)", None)
    assert policy.columns[2] == Column("Có thành lập BCĐ/Bphận chuyên trách CNTT", "component",
                                       "(3)", "Đim / Cơ chế - Chính sách")
    assert policy.columns[-1] == Column("Tổng điểm", "total", "(11)", None)
    assert policy.rows[0].texts == ["1", "Sở xây dựng", "2", "2", "2", "2", "2", "2", "2", "2", "16"]
    assert page.tables[2].columns[-1] == Column("Tng điểm", "total", "(19)", None)
    assert page.tables[1].numbering == ("(1)", "(2)", "(3)", "(4)", "(6)", "(7)")
    overall = page.tables[5]
    assert [c.role for c in overall.columns] == ["row_no", "unit"] + ["component"] * 5 + ["total", "rank"]
    assert overall.rows[0].texts == ["1", "UBND huyện Lạc Sơn", "17.0", "9.0", "40.0", "17.0",
                                     "14.0", "97.0", "1"]
    assert overall.sums[0].total == 7 and overall.sums[0].components == (2, 3, 4, 5, 6)


def test_seed_002_grade_bands_are_row_groups_not_rows(docs):
    _, page = docs["002"]
    table = page.tables[0]
    assert [(g.label, g.first_row, g.last_row) for g in table.row_groups] == [
        ("A. Mức khá (67%)", 0, 11), ("B. Mức trung bình (28%)", 12, 16), ("C. Mức yếu (5%)", 17, 17)]
    assert len(table.rows) == 18
    assert not any("Mức" in cell for row in table.rows for cell in row.texts)
    assert table.caption == table.title == ("Bảng 1. Xếp hạng tng th mức độ ứng dụng CNTT "
                                            "của các sở, ngành")
    assert table.rows[0].texts == ["1", "Sở Thông tin và Truyền thông", "83,8", "1"]


def test_seed_001_rubric_rule_rows_kept_as_printed(docs):
    _, page = docs["001"]
    rubric = page.tables[0]
    assert rubric.kind == "rubric"
    assert [c.role for c in rubric.columns] == ["criterion_id", "criterion", "max_points", "note"]
    assert rubric.rows[1].texts == ["1.1", "Kế hoạch ứng dụng công nghệ thông tin (CNTT) của năm "
                                    "đánh giá", "2", ""]
    assert rubric.rows[2].texts == ["", "Có ban hành = 2; Không ban hành = 0", "", ""]
    assert rubric.rows[-1].texts == ["", "TỔNG ĐIỂM", "100", ""]


def test_columns_from_grid_reads_each_column_top_down():
    """Seed 002's header as a portal might split it: "Xếp hạng" over "2017" (one
    column: the label's first words), "Điểm" over two columns (their group)."""
    from xephang.extract.interpret import columns_from_grid
    grid = [[("STT", 1), ("Tên cơ quan", 2), ("Điểm", 3), ("Điểm", 3), ("Xếp hạng", 4)],
            [("STT", 1), ("Tên cơ quan", 2), ("Nội bộ", 5), ("Trang TTĐT", 6), ("2017", 7)]]
    assert columns_from_grid(grid) == [
        Column("STT", "row_no"), Column("Tên cơ quan", "unit"),
        Column("Nội bộ", "component", None, "Điểm"), Column("Trang TTĐT", "component", None, "Điểm"),
        Column("Xếp hạng 2017", "rank")]


# ---------------------------------------------------------------- provenance

def own_cell(tables: list, path: str):
    """Resolve "table[k]/tr[r]/td[c]" with plain lxml: the k-th table of the page
    (*tables* is ``//table``), its r-th own row, the c-th td/th of that row."""
    table_step, tr_step, td_step = path.split("/")
    table = tables[int(table_step[6:-1]) - 1]
    tr = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")[int(tr_step[3:-1]) - 1]
    return tr.xpath("./td | ./th")[int(td_step.split("[")[1][:-1]) - 1]


@pytest.mark.parametrize("key", ["000", "001", "002", "004"])
def test_every_cell_points_at_its_td_in_the_page(docs, key):
    _, page = docs[key]
    tables = lxml.html.fromstring(PAGES[key].read_bytes()).xpath("//table")
    checked = 0
    for table in page.tables:
        if (table.title or "").endswith("(prose)"):    # read from paragraphs, not a <table>
            assert all(row.where.path and "/tr[" not in row.where.path for row in table.rows)
            continue
        assert table.where.path and table.where.line is None
        for r, row in enumerate(table.rows):
            assert row.where.path.startswith(table.where.path + "/tr[")
            for cell in row.cells:
                if cell.where.path is None:      # a position another cell spans
                    assert cell.text == ""
                    continue
                td = own_cell(tables, cell.where.path)
                assert " ".join("".join(td.itertext()).split()) == cell.text
                checked += 1
    assert checked > 100


def test_json_of_an_html_page_carries_paths_not_lines():
    result = run("extract", str(PAGES["002"]), "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"]["format"] == "html"
    row = doc["tables"][0]["rows"][0]
    assert row["cells"] == ["1", "Sở Thông tin và Truyền thông", "83,8", "1"]
    assert row["line"] is None
    assert [p["path"] for p in row["provenance"]] == [
        f"table[3]/tr[3]/td[{c}]" for c in range(1, 5)]


# ---------------------------------------------------------------- furniture and nesting

FURNITURE = ("Đang tải nội dung", "Trang chủ", "Bản quyền thuộc về", "Văn bản hợp nhất",
             "Thuộc tính Văn bản", "Hệ thống pháp luật", "Go top", "Sự kiện nổi bật")


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_page_furniture_is_left_out(docs, key):
    text, page = docs[key]
    assert page.paragraphs
    for p in page.paragraphs:
        assert not p.text.startswith(FURNITURE), p.text
    if key in ("000", "001", "002"):     # the same running text, line for line
        printed = {p.text for p in text.paragraphs}
        assert all(p.text in printed for p in page.paragraphs)


def test_furniture_really_is_in_the_pages():
    """The furniture test above would pass on a page without any; these have it."""
    for key in ("000", "002", "003"):
        page = PAGES[key].read_text(encoding="utf-8")
        assert page.count("Trang chủ") == 1 and "Bản quyền thuộc về" in page
    assert PAGES["000"].read_text(encoding="utf-8").count("Đang tải nội dung") == 2
    assert "Thuộc tính Văn bản pháp luật" in PAGES["002"].read_text(encoding="utf-8")


def test_data_table_nested_in_a_layout_table_is_read_once(docs):
    _, page = docs["001"]
    root = lxml.html.fromstring(PAGES["001"].read_bytes())
    tables = root.xpath("//table")
    path = page.tables[0].where.path
    inner = tables[int(path[6:-1]) - 1]
    assert inner.xpath("ancestor::table"), "the fixture nests the rubric in the page layout"
    assert len(page.tables) == 1
    assert len(page.tables[0].rows) == 92


def test_windows_line_breaks_and_charset_of_the_pages():
    for page in PAGES.values():
        data = page.read_bytes()
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
        assert b"charset=utf-8" in data[:600]


# ---------------------------------------------------------------- bad pages

GOOD = PAGES["002"]
BAD_CASES = {
    "entity_file.html": 'line 1: the page declares an external entity (<!ENTITY e SYSTEM '
                        '"file:///etc/passwd">); refused: entities are never expanded and '
                        'nothing is fetched',
    "entity_http.html": 'line 1: the page declares an external entity (<!ENTITY e SYSTEM '
                        '"http://127.0.0.1:9/xephang-entity">); refused: entities are never '
                        'expanded and nothing is fetched',
    "deep_div.html": "line 31: elements nested more than 256 levels deep; refused (a real page "
                     "nests a few dozen)",
    "deep_table.html": "line 31: elements nested more than 256 levels deep; refused (a real page "
                       "nests a few dozen)",
    "span_bomb.html": "table[4]: its rowspans and colspans make a grid of more than 250,000 "
                      "cells; refused",
    "no_table.html": "no score or rubric table found (không tìm thấy bảng nào)",
    "cp1258.html": 'line 5: the text is in the legacy windows-1258 encoding ("VỀ VIỆC CÔNG BỐ '
                   'KẾT QUẢ ĐÁNH GIÁ, XẾP HẠ"), not Unicode; convert it to UTF-8 Unicode first '
                   "(e.g. with UniKey's converter)",
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_page_one_line_exit_2_and_the_good_file_still_read(name):
    bad = BAD / name
    result = run("extract", str(bad), str(GOOD))
    assert result.returncode == 2
    assert result.stderr == f"error: {bad}: {BAD_CASES[name]}\n"
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"]["path"] for d in docs] == [str(GOOD)]
    assert docs[0]["document"]["number"] == "3247/QĐ-UBND"
    assert docs[0]["tables"][0]["rows"][0]["cells"] == ["1", "Sở Thông tin và Truyền thông", "83,8", "1"]


@pytest.mark.parametrize("name", ["tcvn3.html", "tcvn3_1252.html"])
def test_tcvn3_page_is_converted_with_a_warning(name):
    """A page in TCVN3 (ABC) codes, saved as UTF-8 or as its 8-bit codes, is read."""
    bad = BAD / name
    result = run("extract", str(bad))
    assert result.returncode == 0
    assert result.stderr.startswith(f"warning: {bad}: line 5: the text uses the legacy TCVN3 (ABC)")
    doc = json.loads(result.stdout)
    assert doc["document"]["title"].startswith("VỀ VIỆC CÔNG BỐ KẾT QUẢ ĐÁNH GIÁ")
    assert doc["tables"][0]["rows"][0]["cells"][:2] == ["1", "Văn phòng UBND tỉnh"]


def test_a_text_node_over_the_parsers_limit_is_refused_not_cut(tmp_path):
    """libxml2 stops at a 10 MB text node and would drop the rest of the page."""
    page = tmp_path / "huge.html"
    page.write_bytes(b"<html><body><p>" + b"a " * 6_000_000 + b"</p></body></html>")
    result = run("extract", str(page), str(GOOD))
    assert result.returncode == 2
    assert result.stderr == (f"error: {page}: line 1: the page exceeds the HTML parser's limits "
                             "(Resource limit exceeded: Buffer size limit exceeded); refused\n")
    assert json.loads(result.stdout)["source"]["path"] == str(GOOD)


def test_bad_pages_are_what_they_claim():
    """Each bad page carries its defect (so the messages above come from it)."""
    assert b'<!ENTITY e SYSTEM "file:///etc/passwd">' in (BAD / "entity_file.html").read_bytes()
    assert (BAD / "deep_div.html").read_bytes().count(b"<div>") == 100_000
    assert (BAD / "deep_table.html").read_bytes().count(b"<table><tr><td>") == 20_000
    assert (BAD / "span_bomb.html").read_bytes().count(b"<td rowspan=0>") == 1500
    with pytest.raises(UnicodeDecodeError):
        (BAD / "cp1258.html").read_bytes().decode("utf-8")
    assert "§éc lËp - Tù do - H¹nh phóc" in (BAD / "tcvn3.html").read_text(encoding="utf-8")
    assert "§éc lËp".encode("latin-1") in (BAD / "tcvn3_1252.html").read_bytes()
    assert "<table" not in (BAD / "no_table.html").read_text(encoding="utf-8").split(
        "divContentDoc")[1].split("</table>")[-1]


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the stdlib's name
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"FETCHED-ENTITY-TEXT")

    def log_message(self, *args):
        pass


def test_an_external_entity_is_never_fetched(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/entity"
        page = (BAD / "entity_http.html").read_text(encoding="utf-8").replace(
            "http://127.0.0.1:9/xephang-entity", url)
        bad = tmp_path / "entity.html"
        bad.write_text(page, encoding="utf-8")
        result = run("extract", str(bad))
        assert result.returncode == 2
        assert f'SYSTEM "{url}"' in result.stderr and "nothing is fetched" in result.stderr
        assert "FETCHED-ENTITY-TEXT" not in result.stdout + result.stderr
        assert _Recorder.hits == []
    finally:
        server.shutdown()
        server.server_close()


def test_a_doctypes_dtd_is_ignored_not_fetched(tmp_path):
    """A page naming an external DTD (as every XHTML page does) is read; the DTD is not."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/xhtml1-transitional.dtd"
        page = GOOD.read_text(encoding="utf-8")
        assert "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd" in page
        copy = tmp_path / "page.html"
        copy.write_text(page.replace("http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd", url),
                        encoding="utf-8")
        result = run("extract", str(copy))
        assert result.returncode == 0, result.stderr
        doc = json.loads(result.stdout)
        assert doc["tables"][0]["rows"][0]["cells"] == ["1", "Sở Thông tin và Truyền thông", "83,8", "1"]
        assert _Recorder.hits == []
    finally:
        server.shutdown()
        server.server_close()


def test_the_file_entity_is_not_expanded():
    result = run("extract", str(BAD / "entity_file.html"), "--format", "json")
    assert result.returncode == 2
    assert "root:" not in result.stdout + result.stderr


def test_a_control_character_in_a_cell_is_read_as_a_space(tmp_path):
    """Found by the fuzz: a control character after a <br> made lxml refuse the page with a
    traceback.  It prints nothing; the cell reads as if it were a space."""
    page = tmp_path / "control.html"
    page.write_bytes("<html><body><p>Kết quả</p><table><tr><td>TT</td><td>Tên<br>\x01đơn vị</td>"
                     "<td>Tổng điểm</td></tr><tr><td>1</td><td>Sở Nội vụ</td><td>80</td></tr>"
                     "<tr><td>2</td><td>Sở Tư pháp</td><td>75,5</td></tr></table></body></html>"
                     .encode("utf-8"))
    doc = read_document(page)
    table = doc.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["2", "Sở Tư pháp", "75,5"]
    assert "\x01" not in " ".join(col.label for col in table.columns)
