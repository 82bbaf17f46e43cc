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
