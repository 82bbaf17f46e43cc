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
