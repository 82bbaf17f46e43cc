"""`xephang check` on the bundled corpus: every finding located (line, page and box, or
element path), no message printing a missing location, Vietnamese messages in Vietnamese;
coverage printed with every result, and a partly read document says so."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from xephang.corpus.manifest import bundled_corpus, read_manifest
from xephang.extract import read_document
from xephang.validate import check_document
from xephang.validate.findings import locate

XEPHANG = [str(Path(sys.executable).with_name("xephang"))]
ROOT = bundled_corpus()
#: The text and HTML documents of the bundled corpus (its PDFs are checked by the bench:
#: python bench/bench_checker.py reads them all).
QUICK = [e.file for e in read_manifest(ROOT) if e.format in ("text", "html")]
ENGLISH = re.compile(r"\b(the|to|and|of|is|are|district|department|commune|table|column|row|"
                     r"total|rank|line|page|None)\b")


@pytest.fixture(scope="module")
def checked():
    docs = {f: read_document(ROOT / f, display=f) for f in QUICK}
    return {f: locate(check_document(d, library=[x for x in docs.values() if x is not d]), d)
            for f, d in docs.items()}


def test_the_quick_corpus_has_html_documents_with_findings(checked):
    html = [f for f in QUICK if f.endswith(".html")]
    assert len(html) >= 4
    assert sum(len(checked[f]) for f in html) >= 20


def test_every_finding_is_located(checked):
    unlocated = [(f, x.rule, x.table, x.row) for f, found in checked.items() for x in found
                 if not x.located]
    assert unlocated == []
    html = [x for f, found in checked.items() if f.endswith(".html") for x in found]
    assert all(x.line is not None or _element(x.path) for x in html)


def _element(path: str | None) -> bool:
    """An HTML element path: a cell's table[k]/tr[r]/td[c], or a paragraph's /html/…"""
    return bool(path) and (path.startswith("/html/") or re.match(r"table\[\d+\]", path))


def test_no_message_prints_a_missing_location(checked):
    for found in checked.values():
        for x in found:
            for text in (x.message, x.message_vi, x.suggestion or "", x.suggestion_vi or ""):
                assert "None" not in text and "(line )" not in text, text


def test_vietnamese_messages_hold_no_english_word(checked):
    english = [(x.rule, m.group(0), x.message_vi) for found in checked.values() for x in found
               if (m := ENGLISH.search(x.message_vi))]
    assert english == []


def test_a_finding_on_an_html_page_names_its_element_in_json():
    html = next(f for f in QUICK if "bfbea1c9e5fbc9ab" in f)      # a results page, 10 findings
    result = subprocess.run(XEPHANG + ["check", "-q", "--format", "json", str(ROOT / html)],
                            capture_output=True, text=True, timeout=300)
    out = json.loads(result.stdout)
    assert out["findings"]
    assert all(_element(f.get("path")) for f in out["findings"])
    assert out["coverage"]["complete"] is True


PARTLY = Path(__file__).parent / "fixtures" / "pdf" / "partly-read.pdf"   # scripts/make_partial_fixture.py


def test_a_partly_read_pdf_says_so():
    result = subprocess.run(XEPHANG + ["check", str(PARTLY)], capture_output=True, text=True,
                            timeout=300)
    lines = result.stdout.splitlines()
    assert "No inconsistencies found." in lines
    after = lines[lines.index("No inconsistencies found.") + 1]
    assert after == ("Read: 1 table(s), 20 row(s); 1 table(s) or page(s) seen but not read "
                     "(page 2) — only part of the document was read.")
    assert ("page 2: a table of 20 rows and 6 columns was found but not read" in result.stderr
            and "[table-not-read]" in result.stderr)
    out = json.loads(subprocess.run(XEPHANG + ["check", "-q", "--format", "json", str(PARTLY)],
                                    capture_output=True, text=True, timeout=300).stdout)
    assert out["coverage"]["complete"] is False
    assert [n["where"]["page"] for n in out["coverage"]["not_read"]] == [2]


def test_no_inconsistencies_comes_with_the_coverage():
    clean = Path(__file__).parent / "fixtures" / "pdf" / "legacy-tcvn3.pdf"
    result = subprocess.run(XEPHANG + ["check", "-q", str(clean)], capture_output=True,
                            text=True, timeout=300)
    lines = result.stdout.splitlines()
    at = lines.index("No inconsistencies found.")
    assert lines[at + 1] == "Read: 1 table(s), 20 row(s)."
