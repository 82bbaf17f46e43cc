"""Words a narrow column broke over lines, mended: the pieces below are as LibreOffice
and Chromium print the seeds' labels and numbers in tests/fixtures/independent/
(lo-narrow, ch-narrow); what they must read is the hand-checked truth there
(truth/004.json's "Chỉ số thành phần (39 chỉ số thành phần)", "Tổng điểm (1.000)",
row numbers "10".."20", ids "1.10".."6.14")."""
from __future__ import annotations

import pytest

from xephang.extract.pdf.grid import _broken_number, _cell_text
from xephang.extract.pdf.unruled import cell_text

FAR = (0.0, 0.0, 1000.0, 1000.0)      # a box no character is in: no width to measure


@pytest.mark.parametrize("lines, whole", [
    (["1", "0"], "10"),
    (["2", "0"], "20"),
    (["1.1", "0"], "1.10"),
    (["6.1", "4"], "6.14"),
    (["(1", ")"], "(1)"),
])
def test_a_broken_number_is_one_number(lines, whole):
    assert _broken_number(lines)
    assert _cell_text("\n".join(lines), FAR, []) == whole
    assert cell_text(lines) == whole


@pytest.mark.parametrize("lines", [["1", "2", "3", "4"], ["83,8", "1"], ["a = 5", "10"],
                                   ["(1)", "(2)"]])
def test_two_numbers_stacked_stay_apart(lines):
    assert not _broken_number(lines)


def test_syllables_broken_between_letters_are_mended():
    printed = "Chỉ\nsố\nthà\nnh\nph\nần\n(39\nchỉ\nsố\nthà\nnh\nph\nần)"
    assert _cell_text(printed, FAR, []) == "Chỉ số thành phần (39 chỉ số thành phần)"
    assert _cell_text("Tổ\nng\nđiể\nm\n(1.\n00\n0)", FAR, []) == "Tổng điểm (1.000)"
    assert cell_text(["Tổn", "g số", "máy", "tính"]) == "Tổng số máy tính"


def test_whole_words_and_units_are_not_glued():
    # syllables each with a vowel, a unit after a number, numbers on their own lines
    assert _cell_text("Có\nban\nhành", FAR, []) == "Có ban hành"
    assert _cell_text("Diện tích 100\nm", FAR, []) == "Diện tích 100 m"
    assert _cell_text("điểm 5\n10 điểm", FAR, []) == "điểm 5 10 điểm"
    assert cell_text(["T", "T"]) == "TT"


# ---------------------------------------------------------------- rows with no header over them

NARROW_004 = (__import__("pathlib").Path(__file__).resolve().parent / "fixtures" / "independent"
              / "pdf" / "004.ch-narrow.pdf")


def _page_grids(number: int):
    import pdfplumber
    from xephang.extract.pdf.read import read_page
    with pdfplumber.open(NARROW_004, pages=[number]) as pdf:
        return read_page(pdf.pages[0], number).grids


def _first_cells(grid) -> list[str]:
    return [next((c.text for c in row if c is not None and c.text), "") for row in grid.rows]


def test_rows_that_open_a_page_above_its_next_table_are_a_table():
    """Page 8: the district form's "A. Thông tin chung" goes on from page 7 (rows 1.3
    … 2.2, no header) above the "B." rubric, whose header is printed there: the rows
    above the next header open the page (truth/004.json, table of the district
    form's general information)."""
    firsts = [_first_cells(g)[:2] for g in _page_grids(8)]
    assert ["1.3", "1.4"] in firsts, firsts


def test_rows_under_a_rule_drawn_per_column_after_a_caption_are_a_table():
    """Page 16: "B. Chỉ số đánh giá" of the commune form is printed without a header
    (its columns those of the forms before), its rows under a rule drawn cell by cell:
    "1 Nhận thức số 100", "1.1 … 20", "1.2 … 20", "1.3 … 20" (truth/004.json)."""
    rows = next(g for g in _page_grids(16) if _first_cells(g)[:1] == ["1"]).rows
    first = [c.text for c in rows[0] if c is not None and c.text]
    assert first == ["1", "Nhận thức số", "100"]
    assert [r[0].text for r in rows if r[0] is not None and r[0].text][:4] == ["1", "1.1", "1.2", "1.3"]


def test_rows_under_a_rule_across_the_row_after_a_caption_are_a_table():
    """LibreOffice's open style prints the same headerless "B." table under a rule drawn
    across the whole row (no joints): the columns come from the white channels."""
    import pdfplumber
    from xephang.extract.pdf.read import read_page
    path = NARROW_004.with_name("004.lo-open.pdf")
    with pdfplumber.open(path, pages=[19]) as pdf:
        grids = read_page(pdf.pages[0], 19).grids
    rows = next(g for g in grids if "1.1" in _first_cells(g)).rows
    assert [c.text for c in rows[0] if c is not None and c.text] == ["1", "Nhận thức số", "100"]
    assert [r[0].text for r in rows if r[0] is not None and r[0].text][:4] == ["1", "1.1", "1.2", "1.3"]
