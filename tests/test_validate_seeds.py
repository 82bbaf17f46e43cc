"""The checker on the five seeds against the hand-verified list of their inconsistencies
(tests/data/seed_inconsistencies.tsv): every one is reported with its rule and severity,
and nothing else is reported as an error or a warning."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from xephang.extract import read_document
from xephang.validate import check_document, findings_frame

from conftest import SEEDS

TSV = Path(__file__).parent / "data" / "seed_inconsistencies.tsv"


def expected(seed: str) -> set[tuple]:
    with TSV.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["seed"] == seed]
    return {(r["rule"], r["severity"], int(r["line"])) for r in rows}


@pytest.fixture(scope="module")
def findings():
    docs = {k: read_document(p) for k, p in SEEDS.items()}
    return {k: check_document(d, library=[o for o in docs.values() if o is not d])
            for k, d in docs.items()}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_reports_exactly_the_verified_inconsistencies(findings, seed):
    got = {(f.rule, f.severity, f.line) for f in findings[seed] if f.severity != "info"}
    assert got == expected(seed)


def test_more_than_thirty_inconsistencies_across_the_seeds(findings):
    assert sum(len(expected(s)) for s in SEEDS) > 30


def test_tu_phap_row_names_the_nine_in_column_11(findings):
    f = next(f for f in findings["000"] if f.rule == "row-sum")
    assert (f.unit, f.column, f.printed, f.expected) == ("Sở Tư pháp", "(11)", "9", "2")
    assert "every other department scores 2 there" in f.message
    assert "OCR confusion" in f.message and f.confidence > 0.7
    assert "mọi sở, ngành khác đều được 2" in f.message_vi


def test_dti_group_six_names_the_missing_maximum(findings):
    f = next(f for f in findings["004"] if f.rule == "rubric-children-sum")
    assert (f.printed, f.expected) == ("500", "450")
    assert "6.14 prints no maximum, and 50 there" in f.message


def test_rounding_is_a_warning_that_says_so(findings):
    f = next(f for f in findings["000"] if f.rule == "row-sum-rounding")
    assert f.severity == "warning" and "honest rounding of unpublished decimals" in f.message


def test_contract_keys_and_frame(findings):
    d = findings["000"][0].to_dict("vi")
    assert list(d)[:13] == ["rule", "severity", "table", "table_title", "row", "unit", "column",
                            "printed", "expected", "message", "suggestion", "line", "page"]
    frame = findings_frame(findings["000"])
    assert len(frame) == len(findings["000"]) and frame["line"].notna().all()


def test_cli_check_exit_codes_and_json(tmp_path):
    exe = Path(sys.executable).with_name("xephang")
    out = subprocess.run([str(exe), "check", str(SEEDS["000"]), "--format", "json"],
                         capture_output=True, text=True)
    assert out.returncode == 1
    payload = json.loads(out.stdout.splitlines()[0])
    assert payload["source"]["path"].endswith("000_4077041e69013ab5.txt")
    assert {"rule", "severity", "line"} <= set(payload["findings"][0])
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    out = subprocess.run([str(exe), "check", str(bad), str(SEEDS["001"])], capture_output=True, text=True)
    assert out.returncode == 2 and "empty.txt" in out.stderr and "1.10.1" in out.stdout


def test_cli_text_reads_well_for_seed_000():
    exe = Path(sys.executable).with_name("xephang")
    out = subprocess.run([str(exe), "check", str(SEEDS["000"])], capture_output=True, text=True)
    text = " ".join(out.stdout.split())
    assert "Sở Tư pháp: total printed 36.0, but its components add to 43; the 9 in column (11) is probably a 2" in text
    assert "Table 2 — 2.3. ỨNG DỤNG CÔNG NGHỆ THÔNG TIN (line 643)" in out.stdout
