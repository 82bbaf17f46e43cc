"""Units printed across (corpus/rows.py `unit_groups`, `group_scores`): criteria down the
rows, one column group per unit — a report comparing provinces' indices.  Each unit's
scores and ranks reach the panel, with the unit resolved."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from xephang.corpus.rows import group_scores, unit_groups
from xephang.extract.model import Cell, Column, Row, Source, Table, Where

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
SRC = Source("hand-written", "0" * 64, "docx")


def table(groups: list[str], roles=("score", "rank")) -> Table:
    """A table written by hand: STT, Nội dung, then per group 'Điểm số', 'Thứ hạng'."""
    columns = [Column("STT", "criterion_id"), Column("Nội dung", "criterion")]
    for g in groups:
        columns += [Column("Điểm số", roles[0], None, g), Column("Thứ hạng", roles[1], None, g)]
    data = [("1", "Cải cách thể chế", "9,38", "20", "8,67", "55"),
            ("2", "Cải cách tài chính công", "8,56", "44", "9,84", "42")]
    rows = tuple(Row(tuple(Cell(x, Where(line=k)) for x in r[:2 + 2 * len(groups)]), Where(line=k))
                 for k, r in enumerate(data, 1))
    return Table(SRC, rows, tuple(columns), kind="rubric")


def test_provinces_across_are_unit_groups():
    assert set(unit_groups(table(["Lâm Đồng", "Bình Thuận"]), 2024)) == {"Lâm Đồng", "Bình Thuận"}


@pytest.mark.parametrize("groups", [["Tự chấm", "Thẩm định"], ["Năm 2023", "Năm 2024"]])
def test_groups_that_are_not_units_give_nothing(groups):
    assert unit_groups(table(groups), 2024) == {}


def test_groups_without_a_rank_are_not_units_ranked():
    assert unit_groups(table(["Lâm Đồng", "Bình Thuận"], roles=("score", "score")), 2024) == {}


class _Resolved:
    """What group_scores asks of normalize.resolve: numbers in the decimal comma."""
    def __init__(self, t: Table):
        self.t = t

    def number(self, t, r, c):
        from xephang.normalize.numbers import parse_number
        return parse_number(self.t.cell(r, c).text, "comma")

    def category(self, t):
        return None

    def level(self, t):
        return None


def test_each_unit_gets_its_scores_and_ranks():
    t = table(["Lâm Đồng", "Bình Thuận"])
    doc = type("Doc", (), {"tables": (t,), "meta": type("M", (), {"evaluation_year": 2024})()})()
    rows = group_scores("hand", doc, _Resolved(t), {})
    got = {(r["unit_id"], r["criterion"], r["score"], r["rank"]) for r in rows}
    assert got == {("lam-dong", "Cải cách thể chế — Điểm số", "9.38", 20),
                   ("lam-dong", "Cải cách tài chính công — Điểm số", "8.56", 44),
                   ("binh-thuan", "Cải cách thể chế — Điểm số", "8.67", 55),
                   ("binh-thuan", "Cải cách tài chính công — Điểm số", "9.84", 42)}
    assert all(r["score_printed"] in ("9,38", "8,56", "8,67", "9,84") for r in rows)


@pytest.mark.skipif(not (REAL / "017_lamdong-snv-bc-cacchiso-2025-11-06.docx").exists(),
                    reason="the real documents are not beside the project")
def test_the_three_provinces_of_the_real_report_reach_the_panel():
    """017 prints PAR INDEX, SIPAS, PAPI and PCI 2024 of the three provinces merged into Lâm
    Đồng, one column group each.  Every score of the truth (hand-transcribed) is a panel row
    of its province, with its rank of 63."""
    from xephang.extract import read_document
    from xephang.normalize import resolve
    name = "017_lamdong-snv-bc-cacchiso-2025-11-06"
    truth = json.loads((REAL / "truth" / f"{name}.json").read_text(encoding="utf-8"))
    doc = read_document(REAL / f"{name}.docx")
    rows = group_scores(name, doc, resolve(doc), {})
    ids = {"Lâm Đồng": "lam-dong", "Đắk Nông": "dak-nong", "Bình Thuận": "binh-thuan"}
    checked = 0
    for t in truth["tables"]:
        for tr in t["rows"]:
            if tr.get("province") not in ids or "Điểm số" not in (tr.get("values") or {}):
                continue
            want = Decimal(str(tr["values"]["Điểm số"]))
            hits = [r for r in rows if r["unit_id"] == ids[tr["province"]]
                    and r["criterion"].startswith(tr["component"][:20])
                    and r["criterion"].endswith("Điểm số") and Decimal(r["score"]) == want]
            assert hits, tr["unit"]
            assert hits[0]["rank"] == tr["rank"], tr["unit"]
            checked += 1
    assert checked >= 50
