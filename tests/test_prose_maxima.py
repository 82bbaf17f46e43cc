"""A rubric's maxima stated in sentences (extract/prose/maxima.py): real wording from the
appraisal report 004 and paraphrases of it in the ways other decisions and news put it."""
from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from xephang.extract.prose.maxima import rows_of

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"


def read(text: str) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in rows_of(text)]


@pytest.mark.parametrize("text, want", [
    # as printed in 004 (a footnote digit glued to "điểm")
    ("Thang điểm tối đa đánh giá về công tác chỉ đạo điều hành CCHC năm 2025 là 14,5 điểm7.",
     [["công tác chỉ đạo điều hành CCHC", "14,5", ""]]),
    ("Thang điểm tối đa đánh giá về kết quả thực hiện xây dựng và phát triển Chính quyền điện "
     "tử, Chính quyền số năm 2025 là 17,50 điểm.",
     [["kết quả thực hiện xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "17,50", ""]]),
    # paraphrases
    ("Tổng điểm tối đa của Chỉ số chuyển đổi số cấp tỉnh là 1.000 điểm.",
     [["Chỉ số chuyển đổi số cấp tỉnh", "1.000", ""]]),
    ("Điểm chuẩn tối đa của lĩnh vực cải cách tài chính công được tính là 8,0 điểm.",
     [["lĩnh vực cải cách tài chính công", "8,0", ""]]),
    ("Thang điểm đánh giá đối với tiêu chí ứng dụng CNTT trong nội bộ cơ quan là 25 điểm.",
     [["tiêu chí ứng dụng CNTT trong nội bộ cơ quan", "25", ""]]),
    ("Tiêu chí hạ tầng kỹ thuật: tối đa 20 điểm, tiêu chí ứng dụng nội bộ: tối đa 30 điểm.",
     [["Tiêu chí hạ tầng kỹ thuật", "20", ""], ["tiêu chí ứng dụng nội bộ", "30", ""]]),
    ("Nhóm chỉ số về nhân lực (tối đa 15 điểm) được đánh giá qua ba tiêu chí.",
     [["Nhóm chỉ số về nhân lực", "15", ""]]),
])
def test_a_stated_maximum_becomes_a_rubric_row(text, want):
    assert read(text) == want


def test_a_sentence_that_names_nothing_takes_what_the_sentence_before_names():
    text = ("- Phần thứ hai: Đánh giá qua kết quả khảo sát cán bộ, công chức. "
            "Điểm tối đa là 15/100 điểm.")
    assert read(text) == [["Phần thứ hai: Đánh giá qua kết quả khảo sát cán bộ, công chức",
                           "15", "100"]]


@pytest.mark.parametrize("text, want", [
    # seed 002 (Sơn La 3247/QĐ-UBND), as printed
    ("Hạng mục Công tác đảm bảo an toàn thông tin được đánh giá theo 8 tiêu chí, điểm tối đa "
     "của hạng mục này là 10 điểm.", "Hạng mục Công tác đảm bảo an toàn thông tin"),
    ("Hạng mục Hạ tầng kỹ thuật CNTT của các sở, ngành cấp tỉnh được đánh giá theo 7 tiêu chí "
     "thành phần với các nội dung sau: Tỷ lệ máy tính/CBCC của sở; kết nối mạng truyền số liệu "
     "chuyên dùng, điểm tối đa của hạng mục này là 10 điểm.",
     "Hạng mục Hạ tầng kỹ thuật CNTT của các sở, ngành cấp tỉnh"),
    # paraphrases
    ("Lĩnh vực cải cách thể chế gồm 5 tiêu chí; thang điểm tối đa của lĩnh vực này là 6,5 điểm.",
     "Lĩnh vực cải cách thể chế"),
    ("Chỉ số thành phần Nhân lực số có 4 tiêu chí, điểm tối đa của chỉ số này là 100 điểm.",
     "Chỉ số thành phần Nhân lực số"),
])
def test_this_part_is_the_subject_of_the_sentence(text, want):
    assert [r[0] for r in read(text)] == [want]


def test_the_whole_is_a_total_row():
    assert read("Tổng thang điểm tối đa đánh giá là 100 điểm.") == [["Tổng", "100", ""]]


@pytest.mark.parametrize("text", [
    "Sở Tư pháp đạt 17 điểm (tối đa 18 điểm).",                      # a unit's result
    "UBND xã Tuyên Quang: tối đa 74 điểm, đạt 67,33 điểm.",            # a unit's maximum
    "Điểm trung bình các sở là 68 điểm.",                             # an average
    "Không đánh giá chấm điểm nội dung này trong tổng điểm tối đa (giảm 02 điểm).",
    "do đó điểm tối đa đánh giá kết quả thực hiện lĩnh vực này (giảm 01 điểm) là 8 điểm",
    "Sở Nội vụ xếp thứ 2 với 77,2 điểm.",
])
def test_results_and_lowered_maxima_are_not_a_rubric(text):
    assert read(text) == []


def test_the_printed_numbers_stay_as_printed():
    rows = read("Điểm tối đa của phần khảo sát là 10,00 điểm.")
    assert rows == [["phần khảo sát", "10,00", ""]]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


@pytest.mark.skipif(not (REAL / "004_lamdong-cchc2025-bc36-thamdinh.pdf").exists(),
                    reason="the real documents are not beside the project")
def test_the_field_maxima_of_the_real_appraisal_report_are_read():
    """004 states the maxima of its seven fields in prose, for departments and for communes;
    the truth lists them (hand-transcribed).  Every one is a row of the prose rubric table."""
    from xephang.extract import read_document
    truth = json.loads((REAL / "truth" / "004_lamdong-cchc2025-bc36-thamdinh.json")
                       .read_text(encoding="utf-8"))
    doc = read_document(REAL / "004_lamdong-cchc2025-bc36-thamdinh.pdf")
    table = next(t for t in doc.tables if t.title == "Điểm tối đa nêu trong văn bản (prose)")
    assert table.kind == "rubric"
    rows = [(_fold(r.cells[0].text), Decimal(r.cells[1].text.replace(",", "."))) for r in table.rows]
    fields = [i for i in truth["rubric"] if i["id"].startswith("LV")]
    assert len(fields) == 14
    for item in fields:
        name = _fold(re.sub(r"\s*\([^()]*\)$", "", item["name"]))
        assert any(name in what and top == Decimal(str(item["max_points"])) for what, top in rows), item
    assert all(r.where.page for r in table.rows)


@pytest.mark.parametrize("text, want", [
    # seed 002, as printed: letters lost when the page was scraped
    ("Hạng mục Ứng dụng CNTT trong hoạt động nội bộ cơ quan UBND huyện được đánh giá theo 7 tiêu "
     "chí lớn, 15 tiêu chí thành phần, điểm ti đa của hạng mục này là 25 điểm.", "25"),
    ("Hạng mục Nhân lực CNTT khối UBND huyện được đánh giá theo 5 tiêu chí, điểm tối đa của hạng "
     "mục này là 10 đim.", "10"),
])
def test_a_damaged_word_still_states_the_maximum(text, want):
    assert [r[1] for r in read(text)] == [want]
