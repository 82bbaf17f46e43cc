"""Bad input: a one-line error naming the file (and line), exit 2, the other files still processed."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS

BAD = Path(__file__).parent / "fixtures" / "bad"
XEPHANG = [str(Path(sys.executable).with_name("xephang"))]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(XEPHANG + list(args), capture_output=True, text=True, timeout=120)


CASES = {
    "empty.txt": "the file is empty (tệp rỗng)",
    "blank.txt": "the file is empty (tệp rỗng)",
    "binary.txt": "not a text, HTML or PDF document: it holds binary data",
    "no_table.txt": "no score or rubric table found (không tìm thấy bảng nào)",
    "cp1258.txt": 'line 1: the text is in the legacy windows-1258 encoding ("ỦY BAN NHÂN DÂN"), '
                  "not Unicode; convert it to UTF-8 Unicode first (e.g. with UniKey's converter)",
    "vni.txt": 'line 1: the text is in the legacy VNI encoding ("UÛy ban nhaân daân"), '
               "not Unicode; convert it to UTF-8 Unicode first (e.g. with UniKey's converter)",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unreadable_file_one_line_error_and_exit_2(name):
    path = BAD / name
    result = run("extract", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {path}: {CASES[name]}\n"


def test_tcvn3_text_is_converted_with_a_warning_not_refused():
    """TCVN3 (ABC) codes map one-to-one onto Vietnamese letters, so the text is converted
    (tests/test_tcvn3_text.py checks a whole seed table); VNI above is still refused."""
    path = BAD / "tcvn3.txt"
    result = run("extract", str(path))
    assert result.returncode == 0
    assert result.stderr.startswith(f"warning: {path}: line 1: the text uses the legacy TCVN3 "
                                    '(ABC) font encoding ("Uû ban nh©n d©n", read as "Uỷ ban '
                                    'nhân dân")')
    doc = json.loads(result.stdout)
    assert [r["cells"] for r in doc["tables"][0]["rows"]][0] == ["1", "Sở Nội vụ", "17"]


def test_table_cut_off_mid_row_is_extracted_and_reported():
    path = BAD / "truncated.txt"
    result = run("extract", str(path))
    assert result.returncode == 2
    assert result.stderr == (f"error: {path}: line 35: table 0 (2.1. HẠ TẦNG KỸ THUẬT) stops "
                             "mid-row: its last row has 3 of 5 cells\n")
    doc = json.loads(result.stdout)           # nothing lost: the rows are still there
    table = doc["tables"][0]
    assert table["truncated"] is True
    assert [r["cells"] for r in table["rows"]] == [
        ["1", "Sở Nội vụ", "5", "4", "9"], ["2", "Sở Tư pháp", "5", "", ""]]


def test_other_files_of_the_run_are_still_processed():
    good = SEEDS["002"]
    result = run("extract", str(BAD / "binary.txt"), str(good), str(BAD / "empty.txt"))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 2
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"]["path"] for d in docs] == [str(good)]
    assert docs[0]["document"]["number"] == "3247/QĐ-UBND"


def test_clean_run_exits_0():
    result = run("extract", str(SEEDS["000"]), "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "Sở Tư pháp" in result.stdout


def test_missing_file_is_a_usage_error():
    result = run("extract", "no/such/file.txt")
    assert result.returncode == 2
    assert "does not exist" in result.stderr
