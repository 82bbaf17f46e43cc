"""Results printed as prose: seed 003 (Yên Bái, 2018 results as a news article).

Expected rows are read by hand from the seed's lines (named beside them).
"""
from __future__ import annotations

import pytest

from conftest import SEEDS
from xephang.extract import read_document
from xephang.extract.prose.read import Statement, statements

INFRA = "Hạ tầng kỹ thuật công nghệ thông tin"
HR = "Nhân lực công nghệ thông tin"
SECURITY = "Công tác đảm bảo an toàn thông tin"


@pytest.fixture(scope="module")
def doc():
    return read_document(SEEDS["003"])


def rows_on(table, line):
    return [r.texts for r in table.rows if r.where.line == line]


def test_one_table_per_numbered_part(doc):
    assert [(t.title, t.kind, len(t.rows)) for t in doc.tables] == [
        ("1. Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh", "scores", 48),
        ("2. Ủy ban nhân dân các huyện, thị xã, thành phố", "scores", 26)]
    for t in doc.tables:
        assert [(c.label, c.role) for c in t.columns] == [
            ("unit", "unit"), ("category", "category"), ("score", "score"), ("rank", "rank")]


def test_a_listed_group_and_the_lowest(doc):
    """l.11: "có 07 đơn vị xếp hạng 1 đạt 24 điểm là: …; … Xếp hạng thấp nhất là Sở Xây dựng
    xếp thứ 8 đạt 13.8 điểm." """
    rows = rows_on(doc.tables[0], 11)
    assert [r[0] for r in rows[:7]] == [
        "Sở Thông tin và Truyền thông", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tài chính",
        "Sở Khoa học và Công nghệ", "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Lao động thương binh và Xã hội"]
    assert {tuple(r[1:]) for r in rows[:7]} == {(INFRA, "24", "1")}
    assert rows[7] == ["Sở Xây dựng", INFRA, "13.8", "8"]
    assert len(rows) == 8


def test_units_joined_by_va_are_split_where_a_new_name_starts(doc):
    """l.13 "xếp thứ 2 là Sở Công thương và Sở Khoa học và Công nghệ đạt 12 điểm";
    l.15 "Sở Giao thông vận tải và Sở Tài nguyên và Môi trường đạt 19 điểm xếp thứ 9"."""
    assert rows_on(doc.tables[0], 13)[1:3] == [["Sở Công thương", HR, "12", "2"],
                                               ["Sở Khoa học và Công nghệ", HR, "12", "2"]]
    assert rows_on(doc.tables[0], 15)[-2:] == [
        ["Sở Giao thông vận tải", "Ứng dụng công nghệ thông tin", "19", "9"],
        ["Sở Tài nguyên và Môi trường", "Ứng dụng công nghệ thông tin", "19", "9"]]


def test_ranks_without_scores_and_a_group_without_names(doc):
    """l.17: "Hầu hết các đơn vị xếp hạng 1 đạt 15 điểm, xếp hạng 2 là Sở Giáo dục và Đào tạo,
    xếp hạng 3 gồm: …; Sở Ngoại vụ. Thấp nhất là Sở Nông nghiệp … xếp hạng 4 đạt 9 điểm." """
    rows = rows_on(doc.tables[0], 17)
    assert rows[0] == ["Hầu hết các đơn vị", SECURITY, "15", "1"]
    assert rows[1] == ["Sở Giáo dục và Đào tạo", SECURITY, "", "2"]
    assert [r[0] for r in rows[2:7]] == ["Sở Khoa học và Công nghệ", "Sở Xây dựng",
                                         "Sở Tài nguyên và Môi trường", "Sở Tư pháp", "Sở Ngoại vụ"]
    assert {tuple(r[2:]) for r in rows[2:7]} == {("", "3")}
    assert rows[7] == ["Sở Nông nghiệp và Phát triển nông thôn", SECURITY, "9", "4"]


def test_overall_results(doc):
    """l.21 and l.35, "Kết quả chung …": the overall category."""
    assert rows_on(doc.tables[0], 21) == [
        ["Sở Thông tin và Truyền thông", "Kết quả chung", "98", "1"],
        ["Sở Y tế", "Kết quả chung", "95", "2"],
        ["Sở Giáo dục và Đào tạo", "Kết quả chung", "95", "2"],
        ["Sở Công thương", "Kết quả chung", "93.6", "3"],
        ["Sở Ngoại vụ", "Kết quả chung", "67", "13"]]
    assert rows_on(doc.tables[1], 35) == [
        ["UBND huyện Văn Yên", "Kết quả chung", "88", "1"],
        ["UBND thị xã Nghĩa Lộ", "Kết quả chung", "84,2", "2"],
        ["UBND huyện Văn Chấn", "Kết quả chung", "84", "3"],
        ["UBND huyện Trạm Tấu", "Kết quả chung", "67", "9"]]


def test_district_sentences(doc):
    """l.25 (a list after "là", names split at commas), l.27 (a range and two ranks, no names),
    l.29 (a decimal comma), l.31 (a comma before the next rank; names without "UBND")."""
    districts = doc.tables[1]
    assert [r[0] for r in rows_on(districts, 25)] == [
        "UBND huyện Văn Yên", "UBND thị xã Nghĩa Lộ", "UBND huyện Văn Chấn",
        "UBND huyện Trấn Yên", "UBND huyện Mù Cang Chải", "UBND huyện Trạm Tấu"]
    assert [r[2:] for r in rows_on(districts, 25)] == [["24", "1"], ["20", "2"], ["20", "2"],
                                                      ["20", "2"], ["18", "6"], ["18", "6"]]
    assert rows_on(districts, 27) == [["Sở Thông tin và Truyền thông", HR, "10", "1"],
                                      ["còn lại các đơn vị", HR, "từ 6 đến 8", "2 và 3"]]
    assert rows_on(districts, 31)[2:] == [["UBND huyện Yên Bình", SECURITY, "15", "1"],
                                          ["huyện Mù Cang Chải", SECURITY, "14", "2"],
                                          ["huyện Văn Chấn", SECURITY, "9", "5"]]
    assert rows_on(districts, 29)[1] == ["UBND huyện Yên Bình", "Ứng dụng công nghệ thông tin",
                                         "22,9", "2"]


def test_every_cell_names_the_line_of_its_sentence(doc):
    lines = SEEDS["003"].read_text(encoding="utf-8").split("\n")
    for _, _, _, cell in doc.iter_cells():
        if cell.text and cell.text != "Kết quả chung":
            assert cell.text in " ".join(lines[cell.where.line - 1].split()), cell


def test_listed_counts_match_the_claims_in_the_text(doc):
    """The article's own counts: "có 07 đơn vị" (l.11), "có 8 đơn vị" (l.13), "Có 05 đơn vị"
    (l.15), "gồm 08 đơn vị" (l.19), "Có 03 đơn vị" (l.31), "gồm 04 đơn vị" (l.33)."""
    def first_rank(table, line):
        return sum(1 for r in rows_on(table, line) if r[3] == "1")
    depts, districts = doc.tables
    assert [first_rank(depts, n) for n in (11, 15, 19)] == [7, 5, 8]
    assert sum(1 for r in rows_on(depts, 13) if r[3] == "5") == 8
    assert [first_rank(districts, n) for n in (31, 33)] == [3, 4]


def test_statements_of_one_sentence():
    body = ("xếp hạng 1 đạt 24 điểm là UBND huyện Văn Chấn; xếp thứ 2 đạt 22,9 điểm là "
            "UBND huyện Yên Bình; thứ 3 là UBND huyện Văn Yên đạt 22 điểm.")     # l.29
    assert statements(body) == [Statement(("UBND huyện Văn Chấn",), "1", "24"),
                                Statement(("UBND huyện Yên Bình",), "2", "22,9"),
                                Statement(("UBND huyện Văn Yên",), "3", "22")]


def test_no_prose_table_where_cell_tables_were_found():
    for key in ("000", "002"):
        doc = read_document(SEEDS[key])
        assert all(t.column_index("category") is None for t in doc.tables)
