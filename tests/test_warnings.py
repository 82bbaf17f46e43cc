"""Warnings about the reading are data (slug, message in both languages, where), and
they are seen: on stderr from extract and check (not with -q), in the JSON contract,
in the database's warnings table and in the report."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from xephang.corpus.build import build
from xephang.outputs.report import page_name, write_report

PDF = Path(__file__).parent / "fixtures" / "pdf"
XEPHANG = [str(Path(sys.executable).with_name("xephang"))]
SCAN = PDF / "000-scan-stamped.pdf"           # one scanned page with a stamped line of text
TCVN3 = PDF / "legacy-tcvn3.pdf"              # a TCVN3 (ABC) text layer

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Tesseract is not installed")

#: What each fixture must warn of: slug, words of the English and Vietnamese messages, page.
EXPECTED = {
    "scan": ("ocr-read", "read by OCR", "được đọc bằng OCR", 1),
    "tcvn3": ("legacy-encoding-converted", "legacy TCVN3 (ABC) font encoding",
              "bảng mã cũ TCVN3 (ABC)", 1),
}
FILES = {"scan": SCAN, "tcvn3": TCVN3}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(XEPHANG + list(args), capture_output=True, text=True, timeout=600)


def cases():
    return [pytest.param("scan", marks=needs_tesseract), "tcvn3"]


@pytest.mark.parametrize("name", cases())
@pytest.mark.parametrize("command", ["extract", "check"])
def test_warnings_on_stderr_unless_quiet(name, command):
    slug, en, _, page = EXPECTED[name]
    result = run(command, str(FILES[name]))
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("warning: ")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"warning: {FILES[name]}: page")
    assert en in lines[0] and lines[0].endswith(f"[{slug}]")


@pytest.mark.parametrize("command", ["extract", "check"])
def test_quiet_hushes_the_warnings(command):
    result = run(command, "-q", str(TCVN3))
    assert result.returncode == 0 and result.stdout
    assert "warning:" not in result.stderr


@pytest.mark.parametrize("name", cases())
def test_warnings_in_the_json_contract(name):
    import jsonschema

    slug, en, vi, page = EXPECTED[name]
    out = json.loads(run("extract", "-q", str(FILES[name])).stdout)
    schema = json.loads((Path(__file__).parent.parent / "schema" / "extract.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.validate(out, schema)
    (warning,) = out["warnings"]
    assert warning["slug"] == slug and warning["where"]["page"] == page
    assert en in warning["message"] and vi in warning["message_vi"]
    checked = json.loads(run("check", "-q", "--format", "json", str(FILES[name])).stdout)
    assert [w["slug"] for w in checked["warnings"]] == [slug]
    assert checked["coverage"]["complete"] is True and checked["coverage"]["tables"] >= 1


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A corpus folder of the two PDFs (and the scan only with Tesseract), built and reported."""
    tmp = tmp_path_factory.mktemp("warned")
    corpus = tmp / "corpus"
    corpus.mkdir()
    names = ["tcvn3"] + (["scan"] if shutil.which("tesseract") else [])
    for name in names:
        shutil.copy(FILES[name], corpus / FILES[name].name)
    db = tmp / "x.sqlite"
    build(corpus, db)
    write_report(db, tmp / "report")
    return db, tmp / "report", names


@pytest.mark.parametrize("name", cases())
def test_warnings_in_the_database_and_the_report(built, name):
    db, report, _ = built
    slug, en, vi, page = EXPECTED[name]
    con = sqlite3.connect(db)
    rows = con.execute("SELECT slug, message, message_vi, page FROM warnings WHERE document = ?",
                       (FILES[name].name,)).fetchall()
    assert len(rows) == 1
    got_slug, message, message_vi, got_page = rows[0]
    assert (got_slug, got_page) == (slug, page)
    assert en in message and vi in message_vi
    (n,) = con.execute("SELECT n_warnings FROM documents WHERE document = ?",
                       (FILES[name].name,)).fetchone()
    assert n == 1
    html = (report / page_name(FILES[name].name)).read_text(encoding="utf-8")
    assert "Warnings about the reading (1)" in html
    assert f"<strong>{slug}</strong> (page {page})" in html
    assert vi in html
