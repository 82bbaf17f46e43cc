"""The panel counts each decision once: renditions of one decision (the text, its HTML,
its PDF, a scan) are recognised — by declared derivation or by the number, issuer and
date they print — the best-read one feeds `scores`, and the others are compared with it
cell by cell, a disagreement becoming a finding that names both values and places."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SEEDS, query
from xephang.corpus.build import build
from xephang.corpus.manifest import bundled_corpus, read_manifest, write_manifest
from xephang.corpus.renditions import Rendition, best_read, find_decisions

#: The bundled HTML rendition of seed 002 (Sơn La 2017, 3247/QĐ-UBND).
HTML_002 = "documents/bb99b2c947568af1.html"
#: The bundled HTML rendition of seed 003 (Yên Bái 2018, a news page with no number).
HTML_003 = "documents/cc8f8b15d1dd2995.html"
#: Sở Thông tin và Truyền thông's total in the first table of 3247/QĐ-UBND, as the HTML
#: prints it (bold, in its own cell).
PRINTED_CELL = "<b>83,8</b>"


def counted_twice(db: Path) -> list[tuple]:
    """Scores of one decision that `scores` holds from more than one rendition, or more
    than once for one unit and criterion of one table."""
    sources = query(db, "SELECT d.decision_key, COUNT(DISTINCT s.document) FROM scores s "
                        "JOIN documents d USING (document) WHERE d.n_renditions > 1 "
                        "GROUP BY d.decision_key HAVING COUNT(DISTINCT s.document) > 1")
    repeated = query(db, "SELECT d.decision_key, s.level, s.unit_printed, s.criterion, "
                         "COUNT(DISTINCT s.document) FROM scores s JOIN documents d "
                         "USING (document) WHERE d.n_renditions > 1 GROUP BY d.decision_key, "
                         "s.level, s.unit_printed, s.criterion "
                         "HAVING COUNT(DISTINCT s.document) > 1")
    return sources + repeated


@pytest.fixture(scope="module")
def changed_copy(tmp_path_factory) -> Path:
    """A folder with no manifest: seed 002 and its HTML rendition with one printed number
    changed (83,8 → 88,3), built."""
    folder = tmp_path_factory.mktemp("renditions")
    corpus = folder / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS["002"], corpus / "son-la-3247.txt")
    html = (bundled_corpus() / HTML_002).read_text(encoding="utf-8")
    assert html.count(PRINTED_CELL) == 1
    (corpus / "son-la-3247.html").write_text(html.replace(PRINTED_CELL, "<b>88,3</b>"),
                                            encoding="utf-8")
    build(corpus, folder / "x.sqlite")
    return folder / "x.sqlite"


def test_two_renditions_without_a_manifest_are_one_decision_by_number_issuer_and_date(
        changed_copy):
    docs = query(changed_copy, "SELECT document, decision_key, is_primary, rendition_of, "
                               "n_renditions, primary_reason FROM documents ORDER BY document")
    assert [d[0] for d in docs] == ["son-la-3247.html", "son-la-3247.txt"]
    assert docs[0][1] == docs[1][1] and "3247/QĐ-UBND" in docs[0][1]
    assert sorted(d[2] for d in docs) == [0, 1]
    primary = next(d for d in docs if d[2] == 1)
    other = next(d for d in docs if d[2] == 0)
    assert other[3] == primary[0] and primary[3] is None
    assert {d[4] for d in docs} == {2}
    assert primary[5] and other[5] is None


def test_the_disagreement_names_both_values_and_both_places(changed_copy):
    found = query(changed_copy, "SELECT document, printed, expected, message, message_vi, "
                                "other_document, line, html_path, severity FROM findings "
                                "WHERE rule = 'rendition-disagrees'")
    assert len(found) == 1                      # one number was changed, one cell disagrees
    document, printed, expected, en, vi, other, line, path, severity = found[0]
    assert {printed, expected} == {"83,8", "88,3"} and {document, other} == {
        "son-la-3247.txt", "son-la-3247.html"}
    assert severity == "warning"
    # Where each rendition prints it: the text's line (counted here in the file), the
    # HTML's element (as its cells record it).
    lines = SEEDS["002"].read_text(encoding="utf-8").splitlines()
    text_line = next(i for i, text in enumerate(lines, 1) if text.strip() == "83,8")
    ((html_path,),) = query(changed_copy, "SELECT html_path FROM cells WHERE document = ? "
                                          "AND text = '88,3'", "son-la-3247.html")
    for message, line_word, element_word in ((en, "line", "element"), (vi, "dòng", "phần tử")):
        assert "83,8" in message and "88,3" in message
        assert "son-la-3247.txt" in message and "son-la-3247.html" in message
        assert f"{line_word} {text_line}" in message
        assert f"{element_word} {html_path}" in message
        assert "Sở Thông tin và Truyền thông" in message
    assert not {"prints", "where", "the", "column"} & set(vi.replace("(", " ").split())
    # The finding sits on its own rendition's cell.
    assert (line, path) == ((text_line, None) if document.endswith(".txt") else (None, html_path))


def test_scores_hold_each_score_of_the_decision_once(changed_copy):
    assert counted_twice(changed_copy) == []
    # Sơn La prints each unit once per table: one row per decision, table, unit, criterion.
    assert query(changed_copy, "SELECT d.decision_key, s.level, s.table_title, s.unit_printed, "
                               "s.criterion FROM scores s JOIN documents d USING (document) "
                               "GROUP BY 1, 2, 3, 4, 5 HAVING COUNT(*) > 1") == []
    per_document = dict(query(changed_copy, "SELECT document, COUNT(*) FROM scores "
                                            "GROUP BY document"))
    aside = dict(query(changed_copy, "SELECT document, COUNT(*) FROM rendition_scores "
                                     "GROUP BY document"))
    (primary,) = per_document
    (other,) = aside
    assert primary != other
    # Sơn La 2017 prints 252 scores (test_build counts them); each rendition reads them all,
    # and both printed values are kept: one in the panel, the other aside.
    assert per_document[primary] == aside[other] == 252
    values = {d: v for d, v in query(changed_copy, "SELECT document, score_printed FROM scores "
                                                   "WHERE unit_printed LIKE 'Sở Thông tin%' "
                                                   "AND table_index = 0 UNION ALL "
                                                   "SELECT document, score_printed FROM "
                                                   "rendition_scores WHERE unit_printed LIKE "
                                                   "'Sở Thông tin%' AND table_index = 0")}
    assert set(values.values()) == {"83,8", "88,3"}


def test_declared_derivation_joins_renditions_that_print_no_number(tmp_path):
    """Seed 003 (a news page) prints no decision number: only the manifest's derived_from
    says its HTML is the same text."""
    bundled = bundled_corpus()
    entries = [e for e in read_manifest(bundled)
               if e.file in (f"documents/{SEEDS['003'].name}", HTML_003)]
    assert len(entries) == 2
    (tmp_path / "c" / "documents").mkdir(parents=True)
    for e in entries:
        shutil.copy(bundled / e.file, tmp_path / "c" / e.file)
    write_manifest(tmp_path / "c", entries)
    build(tmp_path / "c", tmp_path / "with.sqlite")
    docs = query(tmp_path / "with.sqlite", "SELECT document, decision_key, is_primary, "
                                           "primary_reason FROM documents ORDER BY is_primary")
    assert docs[0][1] == docs[1][1]
    assert docs[1][0] == f"documents/{SEEDS['003'].name}"          # the text the HTML came from
    assert "made from" in docs[1][3]
    assert counted_twice(tmp_path / "with.sqlite") == []
    # Without the manifest nothing printed joins them: two decisions, both in the panel.
    (tmp_path / "c" / "manifest.csv").unlink()
    build(tmp_path / "c", tmp_path / "without.sqlite")
    assert query(tmp_path / "without.sqlite",
                 "SELECT COUNT(DISTINCT decision_key), SUM(is_primary) FROM documents") == [(2, 2)]


def test_a_document_under_the_same_number_with_other_tables_is_a_part_not_a_rendition(
        tmp_path):
    """An annex published on its own prints the decision's number, province and date but
    other tables: its scores stay in the panel.  Made here from seed 002's tables (Sơn La's
    units and scores) under the letterhead of seed 000 (2631/QĐ-UBND, Hòa Bình,
    27/12/2017)."""
    text = SEEDS["002"].read_text(encoding="utf-8")
    for printed, letterhead in (("3247/QĐ-UBND", "2631/QĐ-UBND"), ("SƠN LA", "HÒA BÌNH"),
                                ("Sơn La", "Hòa Bình"),
                                ("ngày 20 tháng 12 năm 2017", "ngày 27 tháng 12 năm 2017")):
        assert printed in text
        text = text.replace(printed, letterhead)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "annex.txt").write_text(text, encoding="utf-8")
    shutil.copy(SEEDS["000"], corpus / "decision.txt")
    db = tmp_path / "x.sqlite"
    build(corpus, db)
    docs = query(db, "SELECT document, decision_key, is_primary, primary_reason FROM documents "
                     "ORDER BY document")
    assert docs[0][1] == docs[1][1] and "2631/QĐ-UBND" in docs[0][1]
    assert [d[2] for d in docs] == [1, 1]
    assert any("a part of the decision" in d[3] for d in docs)
    assert query(db, "SELECT COUNT(*) FROM rendition_scores") == [(0,)]
    assert query(db, "SELECT document, COUNT(*) FROM scores GROUP BY document") == [
        ("annex.txt", 252), ("decision.txt", 1337)]
    assert query(db, "SELECT COUNT(*) FROM findings WHERE rule = 'rendition-disagrees'") == [(0,)]


# ---------------------------------------------------------------- the best-read rule

def rendition(name: str, **measures) -> Rendition:
    base = dict(sha256=name, format="text", ok=True, number="12/QĐ-UBND", issued="2020-01-02",
                place="son la", numbers_read=100)
    return Rendition(name, **{**base, **measures})


@pytest.mark.parametrize("better, worse", [
    (dict(numbers_read=100), dict(numbers_read=99)),
    (dict(truncated=0), dict(truncated=1)),
    (dict(complete=True), dict(complete=False)),
    (dict(errors=0), dict(errors=2)),
    (dict(ocr=False, format="pdf"), dict(ocr=True, format="pdf")),
    (dict(damaged=False), dict(damaged=True)),
    (dict(format="html"), dict(format="pdf")),
])
def test_the_best_read_rendition_is_primary(better, worse):
    # Named so that the document key alone would choose the worse one.
    decisions = find_decisions([rendition("b", **better), rendition("a", **worse)])
    assert len(decisions) == 1
    assert decisions[0].primary.document == "b"
    assert decisions[0].reason and decisions[0].reason_vi != decisions[0].reason


def test_the_same_number_in_another_province_or_date_is_another_decision():
    decisions = find_decisions([rendition("a"), rendition("b", place="hoa binh"),
                                rendition("c", issued="2021-01-02"),
                                rendition("d", number="12 / QD-UBND")])
    assert sorted(sorted(r.document for r in d.renditions) for d in decisions) == [
        ["a", "d"], ["b"], ["c"]]
    assert best_read(rendition("x", numbers_read=5)) > best_read(rendition("x", numbers_read=6))


# ---------------------------------------------------------------- the bundled corpus

@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory) -> Path:
    """The bundled corpus built as `make run` builds it (every document, scans included)."""
    db = tmp_path_factory.mktemp("bundled") / "xephang.sqlite"
    build(None, db)
    return db


def test_the_bundled_corpus_counts_each_decision_once(bundled_db):
    assert counted_twice(bundled_db) == []
    # Five seeds, each with its HTML and PDF renditions (and three scans of 000): five
    # decisions, one primary each, and every rendition's scores kept aside, not lost.
    assert query(bundled_db, "SELECT COUNT(DISTINCT decision_key), SUM(is_primary), "
                             "COUNT(*) FROM documents") == [(5, 5, 18)]
    aside = query(bundled_db, "SELECT COUNT(*) FROM documents d WHERE is_primary = 0 AND "
                              "n_scores != (SELECT COUNT(*) FROM rendition_scores r "
                              "WHERE r.document = d.document)")
    assert aside == [(0,)]
    # Every rendition of a decision names the same primary, which is one of them.
    assert query(bundled_db, "SELECT COUNT(*) FROM documents d WHERE is_primary = 0 AND NOT "
                             "EXISTS (SELECT 1 FROM documents p WHERE p.document = "
                             "d.rendition_of AND p.is_primary = 1 AND p.decision_key = "
                             "d.decision_key)") == [(0,)]


def test_the_bundled_scan_excerpt_is_compared_with_its_text(bundled_db):
    """The scanned excerpt of 000 (its pages 2.1 continued and 2.2 of the districts) prints
    9 for UBND huyện Lạc Sơn's total in 2.2 (checked on the page image).  Read as 9 it
    agrees with the text; read otherwise (OCR has read it 'g') it is a disagreement that
    proposes the text's 9."""
    scan = "documents/e3a988c91ff2b988.pdf"
    ((read,),) = query(bundled_db, "SELECT r.score_printed FROM rendition_scores r JOIN "
                                   "columns c USING (document, table_index, col_index) "
                                   "WHERE r.document = ? AND r.unit_printed LIKE '%Lạc%Sơn' "
                                   "AND c.role = 'total' AND r.table_title LIKE '2.2.%'", scan)
    found = query(bundled_db, "SELECT expected, suggestion, other_document, message FROM "
                              "findings WHERE rule = 'rendition-disagrees' AND document = ? "
                              "AND printed = ?", scan, read)
    if read == "9":
        assert found == []
    else:
        ((expected, suggestion, other, message),) = found
        assert (expected, suggestion, other) == ("9", "9", f"documents/{SEEDS['000'].name}")
        assert "page 1" in message and "Lạc" in message
    # Every disagreement the bundled corpus gives is one: two values that are not equal.
    for printed, expected in query(bundled_db, "SELECT printed, expected FROM findings "
                                               "WHERE rule = 'rendition-disagrees'"):
        assert printed.replace(",", ".") != expected.replace(",", ".")


def test_when_the_primary_leaves_the_corpus_another_rendition_feeds_the_panel(tmp_path):
    """Incremental builds: the rendition kept aside comes back into `scores` when the
    primary is removed, and goes aside again when it returns."""
    bundled = bundled_corpus()
    entries = [e for e in read_manifest(bundled)
               if e.file in (f"documents/{SEEDS['003'].name}", HTML_003)]
    corpus, db = tmp_path / "c", tmp_path / "x.sqlite"
    (corpus / "documents").mkdir(parents=True)
    for e in entries:
        shutil.copy(bundled / e.file, corpus / e.file)
    panel = lambda: query(db, "SELECT document, COUNT(*) FROM scores GROUP BY document")
    aside = lambda: query(db, "SELECT document, COUNT(*) FROM rendition_scores GROUP BY document")
    write_manifest(corpus, entries)
    build(corpus, db)
    text = f"documents/{SEEDS['003'].name}"
    assert [d for d, _ in panel()] == [text] and [d for d, _ in aside()] == [HTML_003]
    n = panel()[0][1]
    write_manifest(corpus, [e for e in entries if e.file == HTML_003])
    summary = build(corpus, db)
    assert (summary.built, summary.removed) == (0, 1)
    assert panel() == [(HTML_003, n)] and aside() == []
    assert query(db, "SELECT is_primary, rendition_of, n_renditions FROM documents") == [
        (1, None, 1)]
    write_manifest(corpus, entries)
    build(corpus, db)
    assert panel() == [(text, n)] and aside() == [(HTML_003, n)]
