"""`xephang build`: the bundled corpus into SQLite — every score row of the seeds,
every rubric node, incremental, failures recorded, and a build killed midway
(SIGKILL) resumes to the same database as an uninterrupted one."""
from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SEEDS, query
from xephang.corpus import schema
from xephang.corpus.build import build
from xephang.corpus.manifest import bundled_corpus, read_manifest, write_manifest
from xephang.extract import read_document
from xephang.extract.interpret import rubric_nodes

ROOT = Path(__file__).resolve().parent.parent
XEPHANG = [str(Path(sys.executable).with_name("xephang"))]


def db_content(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the build timestamp."""
    con = sqlite3.connect(path)
    out = {}
    for table in schema.TABLES:
        cols = [c for c in schema.column_names(table) if c != "built_at"]
        rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        out[table] = sorted(rows, key=repr)
    con.close()
    return out


def assert_same_content(a: Path, b: Path) -> None:
    left, right = db_content(a), db_content(b)
    for table in schema.TABLES:
        if left[table] != right[table]:
            names = [c for c in schema.column_names(table) if c != "built_at"]
            pairs = [(x, y) for x, y in zip(left[table], right[table]) if x != y][:1]
            diff = [(n, p, q) for x, y in pairs for n, p, q in zip(names, x, y) if p != q]
            raise AssertionError(f"{table}: {len(left[table])} vs {len(right[table])} rows; "
                                 f"first difference {diff}")


def bench_module():
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "bench" / "bench_build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_corpus(folder: Path) -> Path:
    """The bundled corpus's five seeds with their manifest lines (its slow PDF and
    scanned renditions left out), keyed as in the bundled corpus."""
    bundled = bundled_corpus()
    entries = [e for e in read_manifest(bundled) if e.file in {f"documents/{p.name}"
                                                               for p in SEEDS.values()}]
    assert len(entries) == 5
    (folder / "documents").mkdir(parents=True)
    for e in entries:
        shutil.copy(bundled / e.file, folder / e.file)
    write_manifest(folder, entries)
    return folder


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("db")
    db = tmp / "xephang.sqlite"
    build(seed_corpus(tmp / "corpus"), db)
    return db


def doc_key(seed: str) -> str:
    return f"documents/{SEEDS[seed].name}"


# ---------------------------------------------------------------- the panel

# Unit rows per table, counted by hand in the seeds: Hòa Bình 2017 ranks 20 departments
# in five category tables and 11 districts in six; Sơn La 2017 ranks 18 departments
# (overall, six categories, web portal) and 12 districts (overall, seven, web portal).
UNIT_ROWS = {"000": [20] * 5 + [11] * 6,
             "002": [18, 12] + [18] * 6 + [12] * 7 + [18, 12]}
# Score columns per table of 000 (components + total), from its numbered headers.
SCORES_PER_ROW_000 = [5, 4, 17, 6, 9, 6, 5, 4, 17, 6, 9]


def test_the_panel_holds_every_unit_row_of_seeds_000_and_002(seeds_db):
    for seed, expected in UNIT_ROWS.items():
        got = query(seeds_db, "SELECT table_index, COUNT(DISTINCT row_index) FROM scores "
                              "WHERE document = ? GROUP BY table_index", doc_key(seed))
        assert [n for _, n in got] == expected, seed
    assert sum(map(sum, UNIT_ROWS.values())) == 418 > 400


def test_every_unit_row_has_each_of_its_category_scores(seeds_db):
    got = query(seeds_db, "SELECT table_index, COUNT(*) FROM scores WHERE document = ? "
                          "GROUP BY table_index", doc_key("000"))
    assert [n for _, n in got] == [u * s for u, s in zip(UNIT_ROWS["000"], SCORES_PER_ROW_000)]
    # Sơn La prints one score (the table's total) and a rank per unit row.
    assert query(seeds_db, "SELECT COUNT(*), COUNT(rank) FROM scores WHERE document = ?",
                 doc_key("002"))[0] == (252, 252)


def test_scores_are_the_printed_values_exactly(seeds_db):
    rows = query(seeds_db, "SELECT unit_printed, score_printed, score, rank, line, province, "
                           "evaluation_year, role FROM scores WHERE document = ? "
                           "AND table_index = 0 AND row_index = 0 ORDER BY col_index",
                 doc_key("000"))
    assert [(r[1], r[2], r[4]) for r in rows] == [
        ("5", "5", 97), ("4", "4", 99), ("4", "4", 101), ("4", "4", 103), ("17", "17", 105)]
    assert {(r[0], r[5], r[6]) for r in rows} == {("Văn phòng UBND tỉnh", "Hòa Bình", 2017)}
    assert [r[7] for r in rows] == ["component"] * 4 + ["total"]
    (top,) = query(seeds_db, "SELECT unit_printed, score_printed, score, rank, line FROM scores "
                             "WHERE document = ? AND table_index = 0 AND row_index = 0",
                   doc_key("002"))
    assert top == ("Sở Thông tin và Truyền thông", "83,8", "83.8", 1, 141)
    # Sơn La prints decimal commas and no thousands: the exact value is the printed digits.
    for printed, score in query(seeds_db, "SELECT score_printed, score FROM scores "
                                          "WHERE document = ?", doc_key("002")):
        assert Decimal(score) == Decimal(printed.replace(",", ".")) and "E" not in score


def test_every_score_is_a_printed_cell_with_its_line(seeds_db):
    mismatched = query(seeds_db, "SELECT COUNT(*) FROM scores s JOIN cells c USING "
                                 "(document, table_index, row_index, col_index) "
                                 "WHERE s.score_printed != c.text OR s.line IS NOT c.line")
    assert mismatched == [(0,)]
    assert query(seeds_db, "SELECT COUNT(*) FROM scores WHERE line IS NULL") == [(0,)]


def test_every_rubric_node_of_001_and_004(seeds_db):
    for seed in ("001", "004"):
        doc = read_document(SEEDS[seed])
        expected = sorted((t, n.row, n.id, n.parent, n.title, n.max_printed or None)
                          for t, table in enumerate(doc.tables) if table.kind == "rubric"
                          for n in rubric_nodes(table))
        got = query(seeds_db, "SELECT table_index, row_index, node_id, parent_id, title, "
                              "max_printed FROM rubric_nodes WHERE document = ? "
                              "ORDER BY table_index, row_index", doc_key(seed))
        assert got == expected and got, seed


def test_rubric_maxima_add_up_to_the_printed_totals(seeds_db):
    """Quảng Bình's rubric is out of 100 points; Hòa Bình's DTI rubrics out of 1,000 each."""
    tops = query(seeds_db, "SELECT document, table_index, SUM(CAST(max_points AS INTEGER)) "
                           "FROM rubric_nodes WHERE depth = 1 GROUP BY 1, 2")
    assert {(d, s) for d, _, s in tops} == {(doc_key("001"), 100), (doc_key("004"), 1000)}
    assert len([1 for d, _, _ in tops if d == doc_key("004")]) >= 3


def test_documents_and_findings_are_recorded(seeds_db):
    docs = dict(query(seeds_db, "SELECT document, status FROM documents"))
    assert {doc_key(k) for k in SEEDS} <= set(docs)
    assert all(status == "ok" for status in docs.values()), docs
    fields = [r[1] for r in query(seeds_db, "PRAGMA table_info(findings)")]
    for name in ("rule", "severity", "table_index", "row_index", "unit", "column_label",
                 "printed", "expected", "message", "suggestion", "line", "page"):
        assert name in fields
    n = query(seeds_db, "SELECT SUM(n_findings) FROM documents")[0][0]
    assert query(seeds_db, "SELECT COUNT(*) FROM findings")[0][0] == n


# ---------------------------------------------------------------- incremental, failures

def test_an_unchanged_document_is_skipped_and_a_changed_one_rebuilt(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in ("000", "001"):
        shutil.copy(SEEDS[k], corpus / SEEDS[k].name)
    db = tmp_path / "x.sqlite"
    first = build(corpus, db)
    assert (first.built, first.skipped) == (2, 0)
    again = build(corpus, db)
    assert (again.built, again.skipped) == (0, 2)
    path = corpus / SEEDS["000"].name
    path.write_bytes(path.read_bytes().replace(b"\n17\n", b"\n18\n", 1))
    third = build(corpus, db)
    assert (third.built, third.skipped) == (1, 1)
    assert query(db, "SELECT score_printed FROM scores WHERE line = 105 AND document = ?",
                 SEEDS["000"].name) == [("18",)]
    (corpus / SEEDS["001"].name).unlink()
    fourth = build(corpus, db)
    assert (fourth.removed, fourth.documents) == (1, 1)
    assert query(db, "SELECT COUNT(*) FROM rubric_nodes") == [(0,)]


def test_a_bad_document_is_recorded_and_never_stops_the_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS["002"], corpus / "a.txt")
    (corpus / "b.txt").write_bytes(b"\x00\xff" * 500)
    (corpus / "c.html").write_text("<html><body><p>Không có bảng.</p></body></html>")
    shutil.copy(SEEDS["001"], corpus / "d.txt")
    result = subprocess.run(XEPHANG + ["build", str(corpus), "--db", str(tmp_path / "x.sqlite"),
                                       "-q"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "4 documents" in result.stdout and "2 failed" in result.stdout
    assert "failed: b.txt: not a text, HTML or PDF document: it holds binary data" in result.stdout
    assert result.stderr == ""
    status = dict(query(tmp_path / "x.sqlite", "SELECT document, status FROM documents"))
    assert status == {"a.txt": "ok", "b.txt": "failed", "c.html": "failed", "d.txt": "ok"}
    assert query(tmp_path / "x.sqlite", "SELECT error FROM documents WHERE document = 'c.html'") \
        == [("c.html: no score or rubric table found (không tìm thấy bảng nào)",)]


def test_the_cli_prints_progress_on_stderr_and_the_summary_on_stdout(tmp_path):
    """The bar only on a terminal: no carriage-return noise in a log."""
    corpus = seed_corpus(tmp_path / "corpus")
    result = subprocess.run(XEPHANG + ["build", str(corpus), "--db", str(tmp_path / "x.sqlite")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""                                   # stderr is a pipe: no bar
    lines = result.stdout.splitlines()
    assert lines[0].startswith("xephang build: ") and "documents" in lines[0]
    assert "scores" in lines[1] and lines[2].startswith("  findings:")


# ---------------------------------------------------------------- killed midway

def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_a_build_killed_midway_resumes_to_the_same_database(tmp_path):
    n = 24            # the smaller seeds, varied: a few seconds of work to interrupt
    corpus = bench_module().generate_corpus(tmp_path / "corpus", n, use=(1, 3, 4))
    killed, whole = tmp_path / "killed.sqlite", tmp_path / "whole.sqlite"
    proc = subprocess.Popen(XEPHANG + ["build", str(corpus), "--db", str(killed), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while _count(killed) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done = _count(killed)
    assert 2 <= done < n, done
    con = sqlite3.connect(killed)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    resumed = build(corpus, killed)
    assert resumed.skipped >= done and resumed.built == n - resumed.skipped
    build(corpus, whole, workers=2)
    assert_same_content(killed, whole)


def test_an_added_document_is_built_with_its_manifest_metadata(tmp_path):
    from xephang.corpus.add import add_files

    corpus = tmp_path / "corpus"
    (added,) = add_files([SEEDS["001"]], corpus, url="https://example.org/3270")
    db = tmp_path / "x.sqlite"
    assert build(corpus, db).built == 1
    assert query(db, "SELECT document, source_url, province, kind, number FROM documents") == [
        (added.entry.file, "https://example.org/3270", "Quảng Bình", "rubric", "3270/QĐ-UBND")]
    # a manifest whose hash is stale does not hide that the bytes are unchanged
    entries = [e.__class__(**{**e.__dict__, "sha256": "0" * 64}) for e in read_manifest(corpus)]
    write_manifest(corpus, entries)
    assert build(corpus, db).skipped == 1


def test_a_rubric_of_the_corpus_is_the_library_of_the_documents_citing_it(tmp_path):
    """Seed 000 cites decision 2181/QĐ-UBND for its criteria; give seed 001's rubric that
    number and put it in the corpus: the checker then compares the scores with its maxima,
    on one process as on a pool."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS["000"], corpus / "results.txt")
    (corpus / "rubric.txt").write_text(
        SEEDS["001"].read_text(encoding="utf-8").replace("3270/QĐ-UBND", "2181/QĐ-UBND"),
        encoding="utf-8")
    maxima = "SELECT COUNT(*) FROM findings WHERE document = 'results.txt' AND rule = 'score-above-max'"
    one = tmp_path / "one.sqlite"
    assert build(corpus, one).built == 2
    build(corpus, tmp_path / "pool.sqlite", workers=2)
    assert query(one, maxima)[0][0] > 0
    assert_same_content(one, tmp_path / "pool.sqlite")
    # the cited rubric goes: the results are checked again, without it
    (corpus / "rubric.txt").unlink()
    again = build(corpus, one)
    assert (again.built, again.removed) == (1, 1)
    assert query(one, maxima) == [(0,)]
