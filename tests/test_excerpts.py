"""The real page excerpts (../shared/real/excerpts), read in place, against their
hand-verified truth (excerpts/truth/*.json).  Skipped when the folder is absent.

What the table and list readers of page text must do on them:

- 046, a legal portal's bulletin view of a district DTI rubric with every bar on a
  line of its own: every rubric item of the truth is read, with its id, its name and
  its maximum; the rule printed over several rows is one cell.
- Every other excerpt prints its results in sentences (the truth's tables are
  transcribed from them; those whose title ends in "(prose)" say so).  There the
  table and list readers must find nothing: any row they give would name something
  that is not a ranked unit of the truth.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from xephang.extract import read_document
from xephang.extract.text import cells, lists, pipes
from xephang.extract.interpret import rubric_nodes
from xephang.extract.model import Source

EXCERPTS = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "excerpts"

pytestmark = pytest.mark.skipif(not (EXCERPTS / "truth").is_dir(),
                                reason="the real page excerpts are not beside the project")


def truth_of(stem: str) -> dict:
    return json.loads((EXCERPTS / "truth" / f"{stem}.json").read_text(encoding="utf-8"))


def stems() -> list[str]:
    if not (EXCERPTS / "truth").is_dir():
        return []
    return sorted(p.stem for p in (EXCERPTS / "truth").glob("*.json"))


def table_and_list_rows(path: Path) -> list[list[str]]:
    """The rows the table and list readers of page text give (not the prose reader)."""
    text = path.read_text(encoding="utf-8")
    source = Source(str(path), "", "text")
    tables = [p.table for p in cells.find_tables(cells.items_of(text), source)]
    tables += pipes.find_tables(text, source) + [t for _, t in pipes.find_separated(text, source)]
    tables += lists.find_tables(text, source)
    return [[c.text for c in row.cells] for t in tables if t.kind != "rubric" for row in t.rows]


def name_key(text: str) -> str:
    return " ".join(text.casefold().split())


@pytest.mark.parametrize("stem", stems())
def test_no_row_names_something_that_is_not_a_ranked_unit(stem):
    truth = truth_of(stem)
    units = {name_key(r["unit"]) for t in truth["tables"] for r in t["rows"]}
    rows = table_and_list_rows(EXCERPTS / truth["file"])
    stray = [r for r in rows if not any(name_key(c) in units for c in r if c)]
    assert stray == []


def test_046_every_rubric_item_with_its_maximum():
    truth = truth_of("046_tvpl-bulletin-dti-cap-huyen-rubric")
    doc = read_document(EXCERPTS / truth["file"])
    (table,) = doc.tables
    assert table.kind == "rubric"
    nodes = {n.id: n for n in rubric_nodes(table)}
    for item in truth["rubric"]:
        node = nodes[item["id"]]
        assert Decimal(node.max_printed) == Decimal(str(item["max_points"])), item["id"]
        assert node.title == item["name"], item["id"]


def test_046_the_rule_over_several_rows_is_one_cell():
    """1.2's rule: "a = …;" on the row of 1.2, then "b = …;", "- Tỷ lệ = a/b;" and
    "- Điểm = Tỷ lệ*Điểm tối đa" each on a row of their own under it."""
    doc = read_document(EXCERPTS / "046_tvpl-bulletin-dti-cap-huyen-rubric.txt")
    nodes = {n.id: n for n in rubric_nodes(doc.tables[0])}
    rule = nodes["1.2"].rule
    assert rule.startswith("a = Số cuộc họp CĐS của huyện có Bí thư/Chủ tịch")
    assert rule.endswith("b = Tổng số cuộc họp CĐS của huyện, thị xã, thành phố; "
                         "- Tỷ lệ = a/b; - Điểm = Tỷ lệ*Điểm tối đa")
    assert nodes["1.1"].rule.endswith("BCĐ họp 1 lần/ năm: 5 điểm Còn lại: 0 điểm")


def test_046_the_page_stops_inside_item_1_4():
    """The excerpt ends after 1.4's name: read, and said to stop mid-row."""
    doc = read_document(EXCERPTS / "046_tvpl-bulletin-dti-cap-huyen-rubric.txt")
    table = doc.tables[0]
    assert table.rows[-1].texts[0] == "1.4" and table.truncated
    assert [r.texts[0] for r in table.rows] == ["1", "1.1", "1.2", "1.3", "1.4"]
