"""The corpus: its manifest, and `xephang add` (content-addressed, duplicates
recognised, never a file written outside the corpus)."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS
from xephang.corpus.add import add_files
from xephang.corpus.manifest import bundled_corpus, entries_of, read_manifest

XEPHANG = [str(Path(sys.executable).with_name("xephang"))]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_manifest_lists_every_bundled_document_with_its_true_hash():
    corpus = bundled_corpus()
    entries = read_manifest(corpus)
    files = {e.file for e in entries}
    on_disk = {p.relative_to(corpus).as_posix() for p in (corpus / "documents").iterdir()
               if p.suffix in (".txt", ".html", ".pdf")}
    assert files == on_disk
    for e in entries:
        assert e.sha256 == sha(corpus / e.file), e.file
        assert e.format in ("text", "html", "pdf")


def test_the_manifest_knows_the_seeds():
    by_file = {e.file: e for e in read_manifest(bundled_corpus())}
    seeds = {k: by_file[f"documents/{p.name}"] for k, p in SEEDS.items()}
    assert (seeds["000"].province, seeds["000"].evaluation_year, seeds["000"].kind) == \
        ("Hòa Bình", "2017", "results")
    assert (seeds["001"].province, seeds["001"].kind, seeds["001"].number) == \
        ("Quảng Bình", "rubric", "3270/QĐ-UBND")
    assert (seeds["002"].province, seeds["002"].evaluation_year) == ("Sơn La", "2017")
    assert (seeds["003"].province, seeds["003"].evaluation_year, seeds["003"].kind) == \
        ("Yên Bái", "2018", "news")
    assert (seeds["004"].province, seeds["004"].kind, seeds["004"].number) == \
        ("Hòa Bình", "rubric", "1153/QĐ-UBND")


def test_a_folder_without_manifest_is_described_from_its_documents(tmp_path):
    shutil.copy(SEEDS["002"], tmp_path / "son-la.txt")
    (tmp_path / "notes.md").write_text("not a document")
    (entry,) = entries_of(tmp_path)
    assert entry.file == "son-la.txt"
    assert (entry.province, entry.evaluation_year, entry.number) == ("Sơn La", "2017", "3247/QĐ-UBND")


def test_add_copies_in_by_content_and_recognises_a_duplicate(tmp_path):
    corpus = tmp_path / "corpus"
    (first,) = add_files([SEEDS["000"]], corpus, url="https://example.org/2631")
    assert not first.duplicate
    assert first.entry.file == f"documents/{sha(SEEDS['000'])[:16]}.txt"
    assert (corpus / first.entry.file).read_bytes() == SEEDS["000"].read_bytes()
    renamed = tmp_path / "same-bytes-other-name.txt"
    shutil.copy(SEEDS["000"], renamed)
    (again,) = add_files([renamed], corpus)
    assert again.duplicate and again.entry.file == first.entry.file
    (entry,) = read_manifest(corpus)
    assert (entry.source_url, entry.province, entry.kind) == \
        ("https://example.org/2631", "Hòa Bình", "results")
    assert len(list((corpus / "documents").iterdir())) == 1


def test_add_never_writes_outside_the_corpus(tmp_path):
    """A hostile name only ever reaches the manifest; the stored name comes from the hash."""
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    hostile = work / ".." / ".." / "x.txt"            # the path "../../x.txt" seen from work/
    shutil.copy(SEEDS["002"], tmp_path / "x.txt")
    corpus = work / "corpus"
    before = {p for p in tmp_path.rglob("*")}
    result = subprocess.run(XEPHANG + ["add", str(hostile), "--corpus", str(corpus)],
                            capture_output=True, text=True, timeout=60, cwd=work)
    assert result.returncode == 0, result.stderr
    created = {p for p in tmp_path.rglob("*")} - before
    assert created and all(corpus in p.parents or p == corpus for p in created), created
    (entry,) = read_manifest(corpus)
    assert entry.original_name == "x.txt"
    assert entry.file == f"documents/{sha(tmp_path / 'x.txt')[:16]}.txt"


def test_add_refuses_unreadable_input_and_adds_the_rest(tmp_path):
    bad = tmp_path / "binary.pdf.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    corpus = tmp_path / "corpus"
    result = subprocess.run(XEPHANG + ["add", str(bad), str(SEEDS["001"]), "--corpus", str(corpus)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {bad}: not a text, HTML or PDF document")
    assert [e.number for e in read_manifest(corpus)] == ["3270/QĐ-UBND"]


def test_the_bundled_corpus_holds_the_renditions_of_the_seeds():
    """The portal pages (HTML) of all five seeds, and the decisions as PDF: born-digital
    for all five and scanned for 000 — each pointing back to the seed it renders."""
    entries = read_manifest(bundled_corpus())
    seeds = {e.sha256: e for e in entries if e.file.endswith(".txt")}
    renditions = [e for e in entries if e.derived_from]
    formats = sorted((seeds[e.derived_from].file[10:13], e.format) for e in renditions)
    assert [k for k, f in formats if f == "html"] == ["000", "001", "002", "003", "004"]
    assert {k for k, f in formats if f == "pdf"} == {"000", "001", "002", "003", "004"}
    assert any("scan" in e.original_name for e in renditions if e.format == "pdf")
    for e in renditions:
        seed = seeds[e.derived_from]
        assert (e.province, e.kind) == (seed.province, seed.kind), e.file


def test_the_bundled_renditions_are_the_current_fixtures():
    """corpus/documents keeps byte copies of the HTML and PDF fixtures (so an installed
    package has them); after `make fixtures` they must be added again (docs/fixtures.md)."""
    fixtures = Path(__file__).parent / "fixtures"
    renditions = [e for e in read_manifest(bundled_corpus()) if e.derived_from]
    assert len(renditions) >= 12
    for e in renditions:
        source = fixtures / ("html" if e.format == "html" else "pdf") / e.original_name
        assert source.is_file(), e.original_name
        assert sha(source) == sha(bundled_corpus() / e.file), (
            f"{e.file} is not the current {source.name}: re-add it with xephang add")
