"""A short mutation fuzz of every reader (bench/bench_fuzz.py runs 10,000 inputs each):
real documents with lines dropped, duplicated, swapped or inserted and bytes and digits
changed are read and checked; anything but a one-line XephangError is a bug."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from bench_fuzz import Tally, fuzz, sources  # noqa: E402

#: inputs per reader in the test suite (the bench runs 10,000)
SHORT = {"text": 40, "html": 15, "pdf": 15, "office": 15}


@pytest.mark.parametrize("reader", sorted(SHORT))
def test_mutated_documents_read_or_refuse_with_one_line(reader):
    if not sources(reader):
        pytest.skip(f"no {reader} fixtures to mutate")
    tally = Tally()
    fuzz(reader, SHORT[reader], tally)          # raises on an uncaught exception
    assert tally.inputs == SHORT[reader]
    assert tally.read > 0 and tally.refused > 0  # the mutants both read and get refused


#: Inputs the fuzz found an uncaught exception with (windows of the seeds, mutated), kept
#: so that the bug stays fixed.
FOUND = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize("name", ["fuzz-average-empty-block.txt"])
def test_inputs_the_fuzz_once_broke_are_read_and_checked(name):
    """fuzz-average-empty-block: seed 002's tail with one line edited; its average claim
    ("61/100 điểm") names a table whose totals did not read, and the mean of no values
    raised 0/0."""
    from xephang.extract import read_document
    from xephang.validate import check_document
    doc = read_document(FOUND / name)
    findings = check_document(doc)
    assert doc.tables and all(f.message for f in findings)
