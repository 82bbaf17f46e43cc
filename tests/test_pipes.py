"""Pipe-separated tables: seed 004 (Hòa Bình DTI rubric, Quyết định 1153/QĐ-UBND).

Expected values are read by hand from the seed's lines (named beside them).
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SEEDS
from xephang.extract import read_document
from xephang.extract.interpret import rubric_nodes
from xephang.extract.model import Source
from xephang.extract.text.pipes import find_tables


@pytest.fixture(scope="module")
def doc():
    return read_document(SEEDS["004"])


@pytest.fixture(scope="module")
def lines():
    return SEEDS["004"].read_text(encoding="utf-8").split("\n")


def table_at(doc, line):
    return next(t for t in doc.tables if t.where.line == line)


def row_of(table, first_cell):
    return next(r for r in table.rows if r.cells[0].text == first_cell)


def test_every_table_of_the_seed(doc):
    found = [(t.where.line, t.kind, len(t.rows)) for t in doc.tables]
    assert found == [
        (65, "rubric", 6),     # summary, department level: 6 main indices
        (81, "rubric", 8),     # district level
        (101, "rubric", 8),    # commune level
        (140, "other", 19),    # Phụ lục I: the 19 departments
        (164, "other", 23),    # "A. Thông tin chung", department form
        (228, "rubric", 45),   # 6 main + 39 component indices, as l.19 says
        (310, "other", 33),    # district form
        (394, "rubric", 69),   # 8 main + 61 component indices, as l.20 says
        (519, "other", 29),    # commune form
        (595, "rubric", 56),   # 8 main + 48 component indices, as l.21 says; no header
    ]


def test_letterhead_pipe_lines_are_not_tables(doc):
    """l.6 "ỦY BAN NHÂN DÂN | CỘNG HÒA …", l.7 "Số: … | Hòa Bình, ngày …", l.39 "| KT. CHỦ TỊCH |"."""
    starts = {t.where.line for t in doc.tables}
    assert not starts & {6, 7, 39}
    kept = [p.text for p in doc.paragraphs if "|" in p.text]
    assert kept == ["ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
                    "Số: 1153/QĐ-UBND | Hòa Bình, ngày 01 tháng 6 năm 2023 |",
                    "| KT. CHỦ TỊCH |"]


def test_rule_paragraphs_join_the_rule_cell_above(doc):
    """l.235-237: "1.2 | … | 20 | a= … |", "b= … | ||||", "Điểm = (a/b)*Điểm tối đa. | ||||"."""
    row = row_of(table_at(doc, 228), "1.2")
    assert row.texts == [
        "1.2", "Giám đốc/Thủ trưởng tham gia đầy đủ các cuộc họp về CĐS của tỉnh", "20",
        "a= Số cuộc họp CĐS của tỉnh có Giám đốc Sở/Ban/Ngành tham gia "
        "b= Tổng số cuộc họp CĐS của tỉnh có sự tham gia của Sở/Ban/Ngành "
        "Điểm = (a/b)*Điểm tối đa.",
        "Văn bản, tài liệu chứng minh"]
    assert row.where.line == 235
    assert [c.where.line for c in row.cells] == [235] * 5


def test_a_rule_paragraph_printed_in_the_second_cell(doc):
    """l.601-603: the rule's paragraphs are printed "| b= … | |||", one cell further right."""
    row = row_of(table_at(doc, 595), "1.2")
    assert row.cells[3].text.endswith(
        "chủ trì b= Tổng số cuộc họp CĐS của xã, phường, thị trấn Điểm= (a/b)*Điểm tối đa")
    assert len(table_at(doc, 595).rows) == 56


def test_bar_lines_are_the_empty_cells_of_the_row_above(doc):
    """l.229-231: "1 | Nhận thức số | 100 |", "|", "|": three cells printed of five."""
    row = row_of(table_at(doc, 228), "1")
    assert row.texts == ["1", "Nhận thức số", "100", "", ""]
    assert [c.where.line for c in row.cells] == [229, 229, 229, 230, 231]


def test_a_row_continued_on_the_next_line_keeps_its_empty_maximum(doc):
    """l.304-305: "6.14 | Tổng chi … |" then "| a= … | Văn bản, … |": no maximum printed."""
    row = row_of(table_at(doc, 228), "6.14")
    assert row.texts[:3] == ["6.14", "Tổng chi Ngân sách nhà nước cho CNTT, Chính quyền số", ""]
    assert row.texts[3].startswith("a= Tổng chi Ngân sách nhà nước cho CNTT, Chính quyền số")
    assert row.texts[4] == "Văn bản, tài liệu chứng minh"
    assert [c.where.line for c in row.cells] == [304, 304, 305, 305, 305]


def test_rubric_columns_and_tree(doc):
    table = table_at(doc, 228)
    assert [(c.label, c.role) for c in table.columns] == [
        ("TT", "criterion_id"), ("Chỉ số/ Chỉ số thành phần", "criterion"),
        ("Điểm tối đa", "max_points"), ("Cách xác định và tính điểm", "rule"),
        ("Tài liệu kiểm chứng", "evidence")]
    nodes = {n.id: n for n in rubric_nodes(table)}
    assert len(nodes) == 45
    assert nodes["1.2"].parent == "1" and nodes["6.14"].parent == "6"
    main = [Decimal(n.max_printed) for n in nodes.values() if n.parent is None]
    assert sum(main) == Decimal(1000)       # 100 × 5 + 500: the "thang điểm 1.000" of l.64


def test_a_table_without_header_continues_the_last_one_of_its_width(doc):
    """l.594 "B. Chỉ số đánh giá" is followed straight by "1 | Nhận thức số | 100 |"."""
    table = table_at(doc, 595)
    assert table.header == ()
    assert table.columns == table_at(doc, 394).columns
    assert table.rows[0].texts == ["1", "Nhận thức số", "100", "", ""]
    assert table.title == "B. Chỉ số đánh giá"
    assert table.section.endswith("CỦA UBND CÁC XÃ, PHƯỜNG, THỊ TRẤN")


def test_summary_table_counts_are_not_criteria(doc):
    """l.65: "TT | Chỉ số chính (06 chỉ số chính) | Chỉ số thành phần (39 chỉ số thành phần) |
    Tổng điểm (1.000) | Ghi chú |"; its third column counts components (4, 4, 5, 3, 9, 14)."""
    table = table_at(doc, 65)
    assert [c.role for c in table.columns] == ["criterion_id", "criterion", "other",
                                               "max_points", "note"]
    assert [r.texts for r in table.rows][-1] == ["6", "Hoạt động chính quyền số", "14", "500", ""]
    assert sum(int(r.cells[2].text) for r in table.rows) == 39
    assert table.title == "1. Bộ chỉ số đánh giá DTI cấp Sở"


def test_unit_list(doc):
    table = table_at(doc, 140)
    assert [(c.label, c.role) for c in table.columns] == [("TT", "row_no"),
                                                           ("Tên cơ quan, địa phương", "unit")]
    assert table.rows[0].texts == ["1", "Văn phòng ủy ban nhân dân tỉnh"]
    assert table.rows[-1].texts == ["19", "Ban Dân tộc tỉnh"]
    assert table.title == "DANH SÁCH CÁC SỞ, BAN, NGÀNH"


def test_information_form(doc):
    """l.164: "1 | Thông tin Sở/ban/ngành | Đơn vị | Nội dung/Số lượng |" heads a form."""
    table = table_at(doc, 164)
    assert [(c.label, c.role) for c in table.columns] == [
        ("1", "row_no"), ("Thông tin Sở/ban/ngành", "other"), ("Đơn vị", "other"),
        ("Nội dung/Số lượng", "other")]
    assert row_of(table, "1.4").texts == [
        "1.4", "Số lượng cơ quan/đơn vị thuộc, trực thuộc Sở/ban/ngành", "Cơ quan", ""]
    assert [r.texts for r in table.rows[12:14]] == [["", "Họ tên", "", ""],
                                                    ["", "Đơn vị công tác", "", ""]]
    assert table.rows[12].where.line == 194


def test_cells_are_on_the_lines_they_name(doc, lines):
    """Provenance: a cell's text starts with the cell printed on its line."""
    checked = 0
    for _, _, _, cell in doc.iter_cells():
        if cell.text:
            printed = [" ".join(p.split()) for p in lines[cell.where.line - 1].split("|")]
            assert any(p and cell.text.startswith(p) for p in printed), cell
            checked += 1
    # summaries 22 rows × 4 + unit list 19 × 2 + forms (41 + 71 + 59)
    # + rubrics: department 6 × 3 + 38 × 5 + 4 (6.14), district 8 × 3 + 53 × 5 + 8 × 4,
    #   commune 8 × 3 + 35 × 5 + 13 × 4 (rows with no evidence printed)
    assert checked == 88 + 38 + (41 + 71 + 59) + (212 + 321 + 251)


def test_a_table_cut_off_mid_row(lines):
    """The seed's text up to l.304, where row 6.14 has printed two of its five cells."""
    text = "\n".join(lines[:304])
    tables = find_tables(text, Source("cut.txt", "0" * 64, "text"))
    last = tables[-1]
    assert last.truncated
    assert last.rows[-1].texts == ["6.14", "Tổng chi Ngân sách nhà nước cho CNTT, Chính quyền số",
                                   "", "", ""]
    assert not any(t.truncated for t in tables[:-1])
