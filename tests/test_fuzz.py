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


def test_pdf_with_words_placed_far_off_the_page_is_refused_not_hung():
    """fuzz-far-words.pdf: legacy-tcvn3.pdf with bytes changed so that words sit about a
    billion points off the page.  The unruled reader once counted the cover of every
    whole point between the leftmost and the rightmost word: gigabytes, for an hour."""
    from xephang.extract import read_document
    from xephang.extract.errors import XephangError
    with pytest.raises(XephangError) as err:
        read_document(FOUND / "fuzz-far-words.pdf")
    assert "fuzz-far-words.pdf" in str(err.value) and "\n" not in str(err.value)


def test_channels_between_words_far_apart():
    """The white channels between words, counted by a sweep over their ends."""
    from xephang.extract.pdf.unruled import TextLine, Word, _channels
    lines = [TextLine([Word("1", 0, 0, 5, 1), Word("x", 1e9, 0, 1e9 + 5, 1)]),
             TextLine([Word("2", 0, 0, 5, 1), Word("Sở", 40, 0, 60, 1), Word("y", 1e9, 0, 1e9 + 5, 1)])]
    assert _channels(lines) == [(6, 40), (61, 1e9)]
    assert _channels(lines[:1]) == [(6, 1e9)]


def test_pdf_with_a_page_box_that_is_no_number_is_refused_with_one_line():
    """fuzz-bad-mediabox.pdf: legacy-tcvn3.pdf with a byte of its MediaBox changed
    ("[0 /\\x01 0 595 …]"); pdfplumber raises its own MalformedPDFException, which once
    went through uncaught."""
    from xephang.extract import read_document
    from xephang.extract.errors import PdfError
    with pytest.raises(PdfError) as err:
        read_document(FOUND / "fuzz-bad-mediabox.pdf")
    assert "fuzz-bad-mediabox.pdf" in str(err.value) and "\n" not in str(err.value)
