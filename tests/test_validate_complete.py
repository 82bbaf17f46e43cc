"""An error needs a complete read: a relation whose parts were not all read is a warning
about the reading that names what is missing, never an error against the document.

Hand-built rubrics (maxima chosen by hand so each case is known) and the real national
PAR INDEX rubric 1187/QĐ-BNV (../shared/real/016, skipped when absent), whose every
parent equals the sum of its children (its truth says so) but whose pages reach the
reader as six tables.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from xephang.extract.model import Cell, Column, Document, Metadata, Row, Source, Table, Where
from xephang.validate import check_document

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
SOURCE = Source("hand-built rubric", "", "text")
COLUMNS = (Column("STT", "criterion_id"), Column("Tiêu chí", "criterion"),
           Column("Điểm tối đa", "max_points"))


def rubric_table(rows: list[tuple[str, str, str]], first_line: int = 10,
                 truncated: bool = False) -> Table:
    made = tuple(Row(tuple(Cell(x, Where(line=first_line + i)) for x in row),
                     Where(line=first_line + i)) for i, row in enumerate(rows))
    return Table(SOURCE, made, COLUMNS, kind="rubric", title="Bộ tiêu chí",
                 where=Where(line=first_line - 1), truncated=truncated)


def check(*tables: Table):
    doc = Document(SOURCE, Metadata(kind="rubric"), tables)
    return [f for f in check_document(doc) if f.rule.startswith("rubric")]


GROUP_ONE = [("1", "Công tác chỉ đạo", "10"), ("1.1", "Kế hoạch", "4"), ("1.2", "Báo cáo", "3"),
             ("1.3", "Kiểm tra", "3")]


def test_a_complete_group_that_does_not_add_up_is_an_error():
    rows = GROUP_ONE[:3] + [("1.3", "Kiểm tra", "2"), ("2", "Thể chế", "5"), ("2.1", "Văn bản", "5")]
    found = check(rubric_table(rows))
    assert [(f.rule, f.severity, f.unit, f.printed, f.expected) for f in found] == [
        ("rubric-children-sum", "error", "1", "10", "9")]


def test_a_skipped_sub_criterion_number_is_a_warning_naming_it():
    rows = [("1", "Công tác chỉ đạo", "10"), ("1.1", "Kế hoạch", "4"), ("1.2", "Báo cáo", "3"),
            ("1.4", "Khen thưởng", "1"), ("2", "Thể chế", "5"), ("2.1", "Văn bản", "5")]
    found = check(rubric_table(rows))
    assert [(f.rule, f.severity, f.unit, f.expected) for f in found] == [
        ("rubric-incomplete", "warning", "1", "8")]
    assert "1.3" in found[0].message and "1.3" in found[0].message_vi
    assert "not an error" in found[0].message and "không phải lỗi" in found[0].message_vi


def test_parts_that_already_exceed_the_maximum_are_an_error_even_when_one_is_unread():
    rows = [("1", "Công tác chỉ đạo", "5"), ("1.1", "Kế hoạch", "4"), ("1.3", "Kiểm tra", "3"),
            ("2", "Thể chế", "5"), ("2.1", "Văn bản", "5")]
    found = check(rubric_table(rows))
    assert [(f.rule, f.severity, f.unit, f.expected) for f in found] == [
        ("rubric-children-sum", "error", "1", "7")]


def test_a_rubric_cut_into_tables_by_page_breaks_is_read_as_one():
    first = rubric_table(GROUP_ONE[:3], first_line=10)
    second = rubric_table(GROUP_ONE[3:] + [("2", "Thể chế", "5"), ("2.1", "Văn bản", "5")],
                          first_line=40)
    assert check(first, second) == []


def test_a_group_ending_at_a_table_break_is_not_known_complete():
    first = rubric_table(GROUP_ONE[:3], first_line=10)        # 1.3 lost at the page break
    second = rubric_table([("2", "Thể chế", "5"), ("2.1", "Văn bản", "5")], first_line=40)
    found = check(first, second)
    assert [(f.rule, f.severity, f.table, f.unit) for f in found] == [
        ("rubric-incomplete", "warning", 0, "1")]
    assert "breaks after 1.2" in found[0].message


def test_a_truncated_rubric_does_not_claim_its_last_group_wrong():
    rows = GROUP_ONE[:3]
    found = check(rubric_table(rows, truncated=True))
    assert [(f.rule, f.severity) for f in found] == [("rubric-incomplete", "warning")]
    assert check(rubric_table(rows)) != found      # the same rows read completely: an error
    assert [f.rule for f in check(rubric_table(rows))] == ["rubric-children-sum"]


def test_a_maximum_cell_holding_text_is_unread_not_blank():
    """A title shifted into the maximum column: the maximum was not read."""
    first = rubric_table([("1", "Công tác chỉ đạo", "10"), ("1.1", "Kế hoạch", "4")])
    second = rubric_table([("1.2", "Báo cáo", "Báo cáo định kỳ hằng quý"),
                           ("1.3", "Kiểm tra", "Kiểm tra công vụ")], first_line=40)
    found = check(first, second)
    assert [(f.rule, f.severity, f.unit) for f in found] == [("rubric-incomplete", "warning", "1")]
    assert "1.2, 1.3" in found[0].message


def test_a_blank_maximum_among_read_ones_is_the_documents_own():
    rows = [("1", "Công tác chỉ đạo", "10"), ("1.1", "Kế hoạch", "4"), ("1.2", "Báo cáo", "3"),
            ("1.3", "Kiểm tra", ""), ("2", "Thể chế", "5"), ("2.1", "Văn bản", "5")]
    found = check(rubric_table(rows))
    assert [(f.rule, f.severity, f.unit, f.expected) for f in found] == [
        ("rubric-children-sum", "error", "1", "7"), ("rubric-max-missing", "error", "1.3", "3")]


def test_a_second_rubric_starting_at_one_is_a_rubric_of_its_own():
    a = rubric_table(GROUP_ONE, first_line=10)
    b = rubric_table([("1", "Nhận thức số", "6"), ("1.1", "Họp", "3"), ("1.2", "Văn bản", "2")],
                     first_line=40)
    found = check(a, b)
    assert [(f.rule, f.severity, f.table, f.unit, f.expected) for f in found] == [
        ("rubric-children-sum", "error", 1, "1", "5")]


@pytest.mark.skipif(not (REAL / "016_bnv-1187-parindex-captinh-rubric.pdf").is_file(),
                    reason="the real documents are not beside the project")
def test_the_real_national_rubric_gets_no_error():
    """Every parent of 1187/QĐ-BNV equals the sum of its children: whatever the reader
    loses at its page breaks may be a warning about the reading, never an error."""
    from xephang.extract import read_document
    doc = read_document(REAL / "016_bnv-1187-parindex-captinh-rubric.pdf")
    found = check_document(doc)
    assert [(f.rule, f.unit) for f in found if f.severity == "error"] == []
    assert {f.rule for f in found if f.severity == "warning"} <= {"rubric-incomplete"}
