"""Ranking lists in page text: dashboards copied as text, rank and name fused on one
line, packed "01 (0,727)" cells, loose "(0,6419)" lines, a header of index names.

Every sample below is written by hand from a hand-made truth (the rows it prints),
each layout with paraphrases: the rank before or after the name, brackets or none,
one value or several, a header printed one label per line, on one line with tabs, or
not at all.  The expected rows are the sample's truth, not the reader's output.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from xephang.extract import read_document
from xephang.extract.text.lists import find_tables, tokens_of
from xephang.extract.model import Source

#: The truth every sample of the first layouts prints: (rank, unit, DTI).
DTI = [("1", "TP. Đà Nẵng", "0,6419"), ("2", "Hà Nội", "0,6083"),
       ("3", "TP. Hồ Chí Minh", "0,5960"), ("4", "Bắc Ninh", "0,5837")]


def read(tmp_path: Path, text: str, name: str = "page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def by_role(table, role: str) -> list[str]:
    k = table.column_index(role)
    assert k is not None, f"no {role} column in {[(c.label, c.role) for c in table.columns]}"
    return [row.cells[k].text for row in table.rows]


def triples(table) -> list[tuple[str, str, str]]:
    return list(zip(by_role(table, "rank"), by_role(table, "unit"), by_role(table, "total")))


def only_table(doc):
    assert len(doc.tables) == 1, [t.columns for t in doc.tables]
    return doc.tables[0]


# -- rank and name on one line, the value on the next ---------------------------

FUSED_BRACKETS = """Bảng xếp hạng DTI cấp tỉnh năm 2023

Xếp hạng\tTỉnh/thành phố\tDTI
1 TP. Đà Nẵng
(0,6419)
2 Hà Nội
(0,6083)
3 TP. Hồ Chí Minh
(0,5960)
4 Bắc Ninh
(0,5837)

Nguồn: Bộ Thông tin và Truyền thông.
"""

FUSED_PLAIN = """1 TP. Đà Nẵng

0,6419

2 Hà Nội

0,6083

3 TP. Hồ Chí Minh

0,5960

4 Bắc Ninh

0,5837
"""

NAME_THEN_RANK = """Kết quả DTI các tỉnh, thành phố
TP. Đà Nẵng 1
0,6419
Hà Nội 2
0,6083
TP. Hồ Chí Minh 3
0,5960
Bắc Ninh 4
0,5837
"""


@pytest.mark.parametrize("text", [FUSED_BRACKETS, FUSED_PLAIN, NAME_THEN_RANK],
                         ids=["brackets-tab-header", "no-brackets-spaced", "rank-after-name"])
def test_rank_and_name_fused_on_one_line(tmp_path, text):
    table = only_table(read(tmp_path, text))
    assert table.kind == "scores"
    assert triples(table) == DTI


def test_the_header_line_names_the_columns(tmp_path):
    table = only_table(read(tmp_path, FUSED_BRACKETS))
    assert [(c.label, c.role) for c in table.columns] == [
        ("Xếp hạng", "rank"), ("Tỉnh/thành phố", "unit"), ("DTI", "total")]
    assert [c.where.line for c in table.header] == [3, 3, 3]


def test_each_cell_keeps_its_printed_line(tmp_path):
    table = only_table(read(tmp_path, FUSED_BRACKETS))
    assert [c.where.line for c in table.rows[0].cells] == [4, 4, 5]
    assert [r.where.line for r in table.rows] == [4, 6, 8, 10]


def test_a_title_above_the_list_is_not_its_header(tmp_path):
    table = only_table(read(tmp_path, NAME_THEN_RANK))
    assert table.header == ()
    assert "Kết quả DTI các tỉnh, thành phố" in [p.text for p in read(tmp_path, NAME_THEN_RANK).paragraphs]


# -- packed rank and index: "01 (0,727)" ------------------------------------------

PACKED_FIRST = """Vietnam ICT Index 2017
01 (0,727)
Thừa Thiên Huế
02 (0,715)
Đà Nẵng
03 (0,684)
Quảng Ninh
04 (0,612)
Bắc Ninh
"""

NAME_FIRST_PACKED = """Thừa Thiên Huế
1 (0,727)
Đà Nẵng
2 (0,715)
Quảng Ninh
3 (0,684)
Bắc Ninh
4 (0,612)
"""

ICT = [("Thừa Thiên Huế", "0,727"), ("Đà Nẵng", "0,715"), ("Quảng Ninh", "0,684"),
       ("Bắc Ninh", "0,612")]


@pytest.mark.parametrize("text, ranks", [(PACKED_FIRST, ["01", "02", "03", "04"]),
                                         (NAME_FIRST_PACKED, ["1", "2", "3", "4"])],
                         ids=["packed-then-name", "name-then-packed"])
def test_packed_rank_and_index(tmp_path, text, ranks):
    table = only_table(read(tmp_path, text))
    assert by_role(table, "rank") == ranks             # printed as it stands: "01"
    assert list(zip(by_role(table, "unit"), by_role(table, "total"))) == ICT


def test_the_packed_cell_gives_two_cells_of_one_line(tmp_path):
    table = only_table(read(tmp_path, PACKED_FIRST))
    rank, total = table.column_index("rank"), table.column_index("total")
    assert table.rows[0].cells[rank].where.line == table.rows[0].cells[total].where.line == 2


# -- several index columns: "Xếp hạng CQS … KTS … XHS" ------------------------------

LABEL_PER_LINE = """Xếp hạng
Tỉnh/thành phố
DTI
CQS
KTS
XHS
1 TP. Đà Nẵng
0,6419
0,7012
0,5523
0,6021
2 Hà Nội
0,6083
0,6611
0,5710
0,5528
3 Quảng Ninh
0,5960
0,6405
0,5032
0,6111
"""

ONE_HEADER_LINE = """Xếp hạng Tỉnh/thành phố DTI CQS KTS XHS
1 TP. Đà Nẵng 0,6419 0,7012 0,5523 0,6021
2 Hà Nội 0,6083 0,6611 0,5710 0,5528
3 Quảng Ninh 0,5960 0,6405 0,5032 0,6111
"""

THREE = [["1", "TP. Đà Nẵng", "0,6419", "0,7012", "0,5523", "0,6021"],
         ["2", "Hà Nội", "0,6083", "0,6611", "0,5710", "0,5528"],
         ["3", "Quảng Ninh", "0,5960", "0,6405", "0,5032", "0,6111"]]


@pytest.mark.parametrize("text", [LABEL_PER_LINE, ONE_HEADER_LINE],
                         ids=["a-label-a-line", "one-line-of-words"])
def test_index_columns_are_named(tmp_path, text):
    table = only_table(read(tmp_path, text))
    assert [r.texts for r in table.rows] == THREE
    assert [(c.label, c.role) for c in table.columns] == [
        ("Xếp hạng", "rank"), ("Tỉnh/thành phố", "unit"), ("DTI", "total"),
        ("CQS", "score"), ("KTS", "score"), ("XHS", "score")]


def test_two_values_and_a_numbered_name(tmp_path):
    """"Quận 1" is a name that ends in a number, not a unit "Quận" ranked 1."""
    text = ("1. Thừa Thiên Huế 0,727 0,81\n2. Đà Nẵng 0,715 0,79\n"
            "3. Quận 1 0,684 0,70\n4. Bắc Ninh 0,612 0,66\n")
    table = only_table(read(tmp_path, text))
    assert [r.texts for r in table.rows] == [
        ["1", "Thừa Thiên Huế", "0,727", "0,81"], ["2", "Đà Nẵng", "0,715", "0,79"],
        ["3", "Quận 1", "0,684", "0,70"], ["4", "Bắc Ninh", "0,612", "0,66"]]
    assert [c.role for c in table.columns] == ["rank", "unit", "total", "score"]


def test_tab_separated_rows_with_the_rank_last(tmp_path):
    text = ("Bảng xếp hạng chỉ số PAR INDEX 2023\nĐịa phương\tChỉ số (%)\tHạng\n"
            "Hải Phòng\t96,17\t1\nBà Rịa - Vũng Tàu\t93,35\t2\nQuảng Ninh\t92,10\t3\nHà Nội\t91,80\t4\n")
    table = only_table(read(tmp_path, text))
    assert triples(table) == [("1", "Hải Phòng", "96,17"), ("2", "Bà Rịa - Vũng Tàu", "93,35"),
                              ("3", "Quảng Ninh", "92,10"), ("4", "Hà Nội", "91,80")]
    assert [c.label for c in table.columns] == ["Địa phương", "Chỉ số (%)", "Hạng"]


def test_tied_first_places(tmp_path):
    """Five portals share first place with 100 points: a rank that does not rise."""
    text = "\n".join(f"1 {name}\n100" for name in
                     ["Bình Dương", "An Giang", "Thừa Thiên - Huế", "TP.Hồ Chí Minh", "Đà Nẵng"])
    table = only_table(read(tmp_path, text + "\n"))
    assert by_role(table, "rank") == ["1"] * 5
    assert by_role(table, "unit")[2] == "Thừa Thiên - Huế"


# -- what is not a ranking list ---------------------------------------------------------

NOT_LISTS = {
    "two records": "1 TP. Đà Nẵng\n(0,6419)\n2 Hà Nội\n(0,6083)\n",
    "addressees": "Nơi nhận:\n- Bộ Thông tin và Truyền thông;\n- TT. Tỉnh ủy;\n- TT. HĐND tỉnh;\n"
                  "- Cổng TTĐT tỉnh;\n- Lưu: VT.\n",
    "poll options": "Ý kiến về Trang thông tin?\n1 Đạt yêu cầu, 1180 phiếu (88 %)\n"
                    "2 Chưa đạt yêu cầu, 107 phiếu (8 %)\n3 Cần thêm chủ đề, 57 phiếu (4 %)\n",
    "page furniture": "Tư tưởng Hồ Chí Minh 20 tháng 11\nTư tưởng Hồ Chí Minh 20 tháng 11\n"
                      "Tây Ninh tăng 8 bậc trong bảng xếp hạng ICT Index 2019\n",
    "prose": ("Sở Giao thông Vận tải đứng đầu bảng xếp hạng với 88,10 điểm, đứng thứ hai là Sở "
              "Công Thương.\n\nThừa Thiên Huế dẫn đầu với 0,727, tăng 2 bậc so với năm 2016.\n\n"
              "Năm 2019, Tây Ninh xếp hạng 25/63 tỉnh, thành phố.\n"),
    "values falling, no rank": "Sở Nội vụ\n95\nSở Y tế\n90\nSở Tài chính\n85\nSở Xây dựng\n80\n",
    "numbered menu": "1 Trang chủ\n2 Giới thiệu\n3 Tin tức\n4 Liên hệ\n",
    "numbered documents": "1. Quyết định phê duyệt\n2. Kế hoạch triển khai\n3. Báo cáo kết quả\n",
}


@pytest.mark.parametrize("name", list(NOT_LISTS))
def test_not_a_ranking_list(name):
    assert find_tables(NOT_LISTS[name], Source("page.txt", "", "text")) == []


def test_tokens_keep_the_printed_numbers():
    assert [(t.kind, t.text) for t in tokens_of("01 (0,727)", 1)] == [("N", "01"), ("N", "0,727")]
    assert [(t.kind, t.text) for t in tokens_of("TP. Đà Nẵng 1", 1)] == [("T", "TP. Đà Nẵng"), ("N", "1")]
    assert [(t.kind, t.text) for t in tokens_of("Phường 12 0,5", 1)] == [("T", "Phường 12"), ("N", "0,5")]


# -- sub-index ranks, and blank lines between records ---------------------------------

SUB_RANKS = """Xếp hạng
Tỉnh/thành phố
DTI
Xếp hạng CQS
CQS
Xếp hạng KTS
KTS
1 TP. Đà Nẵng
0,6419
2
0,7012
1
0,5523
2 Hà Nội
0,6083
1
0,7311
3
0,5210
3 Quảng Ninh
0,5960
3
0,6405
2
0,5332
"""


def test_ranks_of_sub_indices_are_not_the_rank(tmp_path):
    table = only_table(read(tmp_path, SUB_RANKS))
    assert [(c.label, c.role) for c in table.columns] == [
        ("Xếp hạng", "rank"), ("Tỉnh/thành phố", "unit"), ("DTI", "total"),
        ("Xếp hạng CQS", "other"), ("CQS", "score"), ("Xếp hạng KTS", "other"), ("KTS", "score")]
    assert [r.texts[:3] for r in table.rows] == [["1", "TP. Đà Nẵng", "0,6419"],
                                                 ["2", "Hà Nội", "0,6083"],
                                                 ["3", "Quảng Ninh", "0,5960"]]


def test_no_header_the_first_rank_ranks_a_list_in_value_order(tmp_path):
    """Without labels: the list falls in DTI, so its leading 1, 2, 3 is the rank and the
    unsorted whole numbers after it rank a sub-index."""
    body = SUB_RANKS.split("KTS\n", 2)[-1]
    table = only_table(read(tmp_path, body))
    assert triples(table) == [("1", "TP. Đà Nẵng", "0,6419"), ("2", "Hà Nội", "0,6083"),
                              ("3", "Quảng Ninh", "0,5960")]


def test_blank_lines_between_records_are_no_column(tmp_path):
    text = "".join(f"{r} {u}\n({v})\n\n" for r, u, v in DTI)
    table = only_table(read(tmp_path, "Bảng xếp hạng\n\n" + text))
    assert triples(table) == DTI
    assert len(table.columns) == 3


# -- a dashboard saved as a web page ------------------------------------------------------

DASHBOARD_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>DTI</title></head><body>
<h1>Bảng xếp hạng DTI cấp tỉnh 2023</h1>
<div class="rank-list">{items}</div></body></html>"""


@pytest.mark.parametrize("sep", ["", "\n  "], ids=["glued-spans", "spans-on-lines"])
def test_a_dashboard_page_of_divs(tmp_path, sep):
    items = "".join(f'<div class="item"><span class="rank">{r}</span>{sep}<span class="name">{u}</span>'
                    f'{sep}<span class="score">({v})</span></div>\n' for r, u, v in DTI)
    table = only_table(read(tmp_path, DASHBOARD_HTML.format(items=items), "page.html"))
    assert triples(table) == DTI
    assert table.rows[1].cells[1].where.path.endswith("div[2]")   # the record's element


def test_ranks_out_of_a_field_size(tmp_path):
    """"12/63": a rank and the number ranked, kept as printed."""
    text = "Hải Phòng 1/63\n96,17%\nBà Rịa - Vũng Tàu 2/63\n93,35%\nQuảng Ninh 3/63\n92,10%\nSơn La 12/63\n90,02%\n"
    table = only_table(read(tmp_path, text))
    assert triples(table) == [("1/63", "Hải Phòng", "96,17%"), ("2/63", "Bà Rịa - Vũng Tàu", "93,35%"),
                              ("3/63", "Quảng Ninh", "92,10%"), ("12/63", "Sơn La", "90,02%")]


# -- rank words, unit words and dashes between name and value --------------------------

@pytest.mark.parametrize("text", [
    "Hạng 1: TP. Đà Nẵng (0,6419)\nHạng 2: Hà Nội (0,6083)\nHạng 3: TP. Hồ Chí Minh (0,5960)\n"
    "Hạng 4: Bắc Ninh (0,5837)\n",
    "1. TP. Đà Nẵng: 0,6419 điểm\n2. Hà Nội: 0,6083 điểm\n3. TP. Hồ Chí Minh: 0,5960 điểm\n"
    "4. Bắc Ninh: 0,5837 điểm\n",
    "Top 1 – TP. Đà Nẵng – 0,6419\nTop 2 – Hà Nội – 0,6083\nTop 3 – TP. Hồ Chí Minh – 0,5960\n"
    "Top 4 – Bắc Ninh – 0,5837\n",
], ids=["rank-word-colon", "unit-word-after-value", "dashes-between"])
def test_rank_words_unit_words_and_dashes(tmp_path, text):
    table = only_table(read(tmp_path, text))
    assert triples(table) == DTI
    assert len(table.columns) == 3


def test_a_dash_alone_is_a_value_not_printed(tmp_path):
    text = "1 TP. Đà Nẵng\n0,6419\n2 Hà Nội\n-\n3 TP. Hồ Chí Minh\n0,5960\n"
    table = only_table(read(tmp_path, text))
    assert by_role(table, "total") == ["0,6419", "-", "0,5960"]


def test_a_list_ordered_against_its_values_is_reported(tmp_path):
    """Quảng Ninh (0,6514) printed third, above Bắc Ninh (0,664): the checker sees the list."""
    from xephang.validate import check_document
    text = ("Xếp hạng\tTỉnh/thành phố\tChỉ số\n1 Đà Nẵng\n(0,8485)\n2 Cần Thơ\n(0,6881)\n"
            "3 Quảng Ninh\n(0,6514)\n4 Bắc Ninh\n(0,664)\n")
    errors = [(f.rule, f.unit, f.line) for f in check_document(read(tmp_path, text))
              if f.severity == "error"]
    assert errors == [("rank-value", "Quảng Ninh", 6), ("rank-value", "Bắc Ninh", 8)]


def test_a_list_in_order_gives_no_error(tmp_path):
    from xephang.validate import check_document
    assert [f for f in check_document(read(tmp_path, FUSED_BRACKETS)) if f.severity == "error"] == []


def test_a_header_with_nothing_over_the_rank(tmp_path):
    """A table copied with its cells tab-separated: the rank column's header cell is empty."""
    text = "\tTỉnh/thành phố\tDTI\n" + "".join(f"{r}\t{u}\t{v}\n" for r, u, v in DTI)
    table = only_table(read(tmp_path, text))
    assert triples(table) == DTI
    assert [(c.label, c.role) for c in table.columns] == [
        ("", "rank"), ("Tỉnh/thành phố", "unit"), ("DTI", "total")]
    assert [c.text for c in table.header] == ["Tỉnh/thành phố", "DTI"]
