"""Every table of the five seeds, cell by cell, against hand-verified golden files.

The golden file of a seed is tests/golden/<seed stem>.expected.json: the JSON
contract of `xephang extract` for it (outputs/contract.py), one table row per line
so that a change reviews well as a diff.  They are rewritten only on request:

    .venv/bin/pytest tests/test_golden.py --update-golden

and the diff is then reviewed by hand before committing.  A mismatch names the
table, the row (and its line in the seed) and the column of every cell that moved.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from conftest import GOLDEN_DIR, SEEDS
from xephang.extract import read_document
from xephang.outputs.contract import document_dict

#: The issue's floor for the rows of all the seeds' tables together.
MIN_ROWS = 700


def actual_of(path: Path) -> dict:
    """The contract output for a seed, with the path as the bundled corpus names it."""
    doc = read_document(path, display=f"corpus/documents/{path.name}")
    return document_dict(doc)


def golden_path(path: Path) -> Path:
    return GOLDEN_DIR / f"{path.stem}.expected.json"


# -- a readable dump: one row per line ---------------------------------------

def _one(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def dump_table(table: dict) -> str:
    lines = ["    {"]
    items = list(table.items())
    for k, (key, value) in enumerate(items):
        comma = "," if k < len(items) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], dict):
            inner = ",\n".join(f"        {_one(v)}" for v in value)
            lines.append(f"      {_one(key)}: [\n{inner}\n      ]{comma}")
        else:
            lines.append(f"      {_one(key)}: {_one(value)}{comma}")
    lines.append("    }")
    return "\n".join(lines)


def dump(out: dict) -> str:
    tables = ",\n".join(dump_table(t) for t in out["tables"])
    rest = "".join(f',\n  "{key}": {_one(out[key])}' for key in ("warnings", "coverage")
                   if key in out)
    return (f'{{\n  "source": {_one(out["source"])},\n  "document": {_one(out["document"])},\n'
            f'  "tables": [\n{tables}\n  ]{rest}\n}}\n')


# -- a readable comparison ---------------------------------------------------

def _table_name(k: int, table: dict) -> str:
    return f"table {k} ({table.get('title') or 'untitled'!r}, line {table.get('line')})"


def _column_name(table: dict, c: int) -> str:
    columns = table.get("columns", [])
    label = columns[c]["label"] if c < len(columns) else "?"
    return f"column {c} {label!r}"


def row_differences(name: str, table: dict, r: int, want: dict, got: dict) -> list[str]:
    where = f"{name} row {r} (line {want.get('line')})"
    out = []
    if want.get("line") != got.get("line"):
        out.append(f"{where}: starts on line {got.get('line')}, expected {want.get('line')}")
    wc, gc = want["cells"], got["cells"]
    if len(wc) != len(gc):
        out.append(f"{where}: {len(gc)} cells, expected {len(wc)}: {gc!r}")
    for c, (w, g) in enumerate(zip(wc, gc)):
        if w != g:
            out.append(f"{where} {_column_name(table, c)}: expected {w!r}, got {g!r}")
    for c, (w, g) in enumerate(zip(want.get("provenance", []), got.get("provenance", []))):
        if w != g:
            out.append(f"{where} {_column_name(table, c)}: printed at {g}, expected {w}")
    return out


def table_differences(k: int, want: dict, got: dict) -> list[str]:
    name = _table_name(k, want)
    out = [f"{name} {key}: expected {want.get(key)!r}, got {got.get(key)!r}"
           for key in want.keys() | got.keys()
           if key != "rows" and want.get(key) != got.get(key)]
    wr, gr = want.get("rows", []), got.get("rows", [])
    if len(wr) != len(gr):
        out.append(f"{name}: {len(gr)} rows, expected {len(wr)}")
    for r, (w, g) in enumerate(zip(wr, gr)):
        out += row_differences(name, want, r, w, g)
    return out


def differences(want: dict, got: dict) -> list[str]:
    """Every difference between two contract outputs, named by table, row and column."""
    out = [f"{part}: expected {want.get(part)!r}, got {got.get(part)!r}"
           for part in ("source", "document") if want.get(part) != got.get(part)]
    wt, gt = want.get("tables", []), got.get("tables", [])
    if len(wt) != len(gt):
        out.append(f"{len(gt)} tables, expected {len(wt)}: got titles "
                   f"{[t.get('title') for t in gt]!r}")
    for k, (w, g) in enumerate(zip(wt, gt)):
        out += table_differences(k, w, g)
    return out


# -- the tests ---------------------------------------------------------------

@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seed_matches_its_golden_file(key, update_golden):
    path = SEEDS[key]
    got = actual_of(path)
    target = golden_path(path)
    if update_golden:
        target.write_text(dump(got), encoding="utf-8")
    if not target.exists():
        pytest.fail(f"{target.name} is missing: run pytest tests/test_golden.py --update-golden "
                    f"and review the new file by hand")
    want = json.loads(target.read_text(encoding="utf-8"))
    found = differences(want, got)
    if found:
        shown = "\n".join(found[:30])
        more = f"\n… and {len(found) - 30} more" if len(found) > 30 else ""
        pytest.fail(f"{path.name} differs from {target.name} in {len(found)} places:\n"
                    f"{shown}{more}", pytrace=False)


def test_golden_dump_reads_back_as_the_same_data():
    got = actual_of(SEEDS["004"])
    text = dump(got)
    assert json.loads(text) == got
    rows = sum(len(t["rows"]) for t in got["tables"])
    assert text.count('\n        {"cells": ') == rows      # one row per line


def test_goldens_hold_over_700_rows():
    total = 0
    for path in SEEDS.values():
        target = golden_path(path)
        assert target.exists(), f"{target.name} is missing"
        golden = json.loads(target.read_text(encoding="utf-8"))
        total += sum(len(t["rows"]) for t in golden["tables"])
    assert total > MIN_ROWS


def test_a_changed_cell_is_named_by_table_row_and_column():
    want = actual_of(SEEDS["004"])
    got = copy.deepcopy(want)
    t = next(k for k, tb in enumerate(got["tables"]) if tb["kind"] == "rubric" and len(tb["rows"]) > 40)
    r = next(k for k, row in enumerate(got["tables"][t]["rows"]) if row["cells"][0] == "1.2")
    got["tables"][t]["rows"][r]["cells"][2] = "25"
    found = differences(want, got)
    assert found == [f"table {t} ('B. Chỉ số đánh giá', line 228) row {r} (line 235) "
                     f"column 2 'Điểm tối đa': expected '20', got '25'"]


def test_a_lost_row_and_a_moved_line_are_reported():
    want = actual_of(SEEDS["003"])
    got = copy.deepcopy(want)
    del got["tables"][1]["rows"][-1]
    got["tables"][0]["rows"][0]["line"] = 12
    found = differences(want, got)
    assert any("table 1" in f and "25 rows, expected 26" in f for f in found)
    assert any("table 0" in f and "row 0 (line 11): starts on line 12" in f for f in found)
