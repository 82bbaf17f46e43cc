"""Printed numbers from the seeds → Decimal, with precision, kind and convention."""
from decimal import Decimal

import pytest

from xephang.extract import read_document
from xephang.normalize.numbers import Number, detect_convention, parse_number

from conftest import SEEDS


@pytest.mark.parametrize("text, convention, value, places, kind", [
    ("83,8", "comma", "83.8", 1, "decimal"),      # seed 002, Sơn La, Bảng 1
    ("70,0", "comma", "70.0", 1, "decimal"),      # seed 002, Bảng 2
    ("41.0", "point", "41.0", 1, "decimal"),      # seed 000, Hòa Bình 2.3
    ("16.7", "point", "16.7", 1, "decimal"),      # seed 000
    ("1.000", "comma", "1000", 0, "int"),         # seed 004, "thang điểm 1.000"
    ("1.000", "point", "1.000", 3, "decimal"),
    ("97,685", "comma", "97.685", 3, "decimal"),
    ("97,685", "point", "97685", 0, "int"),
    ("17", "comma", "17", 0, "int"),
    ("0", "point", "0", 0, "int"),
    ("67%", "comma", "67", 0, "percent"),         # seed 002, "A. Mức khá (67%)"
    ("12,5 %", "comma", "12.5", 1, "percent"),
    ("1.000.000", "comma", "1000000", 0, "int"),
    ("1.234.567,89", "comma", "1234567.89", 2, "decimal"),
])
def test_values_read_in_their_convention(text, convention, value, places, kind):
    n = parse_number(text, convention)
    assert (n.value, n.places, n.kind, n.ambiguous) == (Decimal(value), places, kind, False)
    assert n.text == text


def test_printed_precision_is_kept():
    assert str(parse_number("70,0", "comma").value) == "70.0"
    assert str(parse_number("41.0", "point").value) == "41.0"


def test_rank_with_index():
    n = parse_number("01 (0,727)", "comma")
    assert n == Number("01 (0,727)", Decimal(1), 0, "rank", False, Decimal("0.727"))


def test_three_digit_group_without_convention_is_ambiguous():
    thousand = parse_number("1.000")
    assert (thousand.value, thousand.ambiguous) == (Decimal(1000), True)
    index = parse_number("97,685")
    assert (index.value, index.ambiguous) == (Decimal("97.685"), True)


def test_unambiguous_shapes_need_no_convention():
    assert parse_number("83,8") == Number("83,8", Decimal("83.8"), 1, "decimal")
    assert parse_number("41.0") == Number("41.0", Decimal("41.0"), 1, "decimal")
    assert parse_number("0,727").ambiguous is False


@pytest.mark.parametrize("text, kind", [
    ("", "empty"), ("  ", "empty"), ("-", "empty"),
    ("2.8.2", "invalid"), ("x", "invalid"), ("Nhất", "invalid"), ("1,2,3", "invalid"),
    ("17 điểm", "invalid"),
])
def test_not_a_number(text, kind):
    n = parse_number(text, "comma")
    assert (n.kind, n.value) == (kind, None)


def test_unknown_convention_is_a_caller_mistake():
    with pytest.raises(ValueError, match="convention must be"):
        parse_number("1,5", "european")


def _numeric_cells(doc):
    roles = {"component", "total", "score", "max_points"}
    for table in doc.tables:
        cols = [i for i, c in enumerate(table.columns) if c.role in roles]
        for row in table.rows:
            yield from (row.cells[i].text for i in cols if i < len(row.cells))


@pytest.mark.parametrize("key, convention", [("000", "point"), ("002", "comma"), ("001", "comma")])
def test_convention_of_each_seed(key, convention):
    doc = read_document(SEEDS[key])
    assert detect_convention(_numeric_cells(doc)) == convention


def test_every_numeric_cell_of_the_score_seeds_parses():
    for key in ("000", "002"):
        doc = read_document(SEEDS[key])
        conv = detect_convention(_numeric_cells(doc))
        bad = [t for t in _numeric_cells(doc) if parse_number(t, conv).kind not in ("int", "decimal", "empty")]
        assert bad == []


def test_detect_convention_evidence():
    assert detect_convention(["1.000", "17"]) == "comma"       # no evidence → Vietnamese
    assert detect_convention(["1,000,000", "2.5"]) == "point"
    assert detect_convention(["1.000.000", "83,8"]) == "comma"
