"""Text and HTML sources in the legacy TCVN3 (ABC) encoding are converted to Unicode, with a
warning that is seen everywhere a warning is (stderr, JSON, database, report).

The fixtures are made here, from a hand-verified seed (000: its header and table 2.1, whose
cells tests/fixtures/independent/truth/000.json holds), encoded by the C library's own
TCVN 5712 converter (`iconv -t TCVN5712-1`), not by xephang's table.  TCVN 5712 VN3, the
ABC fonts' encoding, has no codes for tone-marked capitals: the capital fonts print them
with the small letters' codes, so those are lowered before encoding, as typing in a
".VnTimeH" font does.  Ă Â Ê Ô Ơ Ư Đ keep their own capital codes (0xA1–0xA7)."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import SEEDS

from xephang.corpus.build import build
from xephang.extract import read_document
from xephang.outputs.report import page_name, write_report

HERE = Path(__file__).parent
TRUTH = json.loads((HERE / "fixtures" / "independent" / "truth" / "000.json")
                   .read_text(encoding="utf-8"))
HTML_000 = HERE / "fixtures" / "html" / "000_4077041e69013ab5.html"
XEPHANG = [str(Path(sys.executable).with_name("xephang"))]
SLUG = "legacy-encoding-converted"

pytestmark = pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")

#: Capitals TCVN3 (VN3) codes as capitals; every other accented capital takes the small code.
_OWN_CAPITALS = set("ĂÂÊÔƠƯĐ")


def to_tcvn3(text: str) -> bytes:
    """Unicode → TCVN3 (ABC) bytes, by iconv; refuses (check=True) any character it lacks."""
    text = "".join(ch.lower() if ch.isupper() and ord(ch) > 127 and ch not in _OWN_CAPITALS
                   else ch for ch in unicodedata.normalize("NFC", text))
    done = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(),
                          capture_output=True, check=True)
    return done.stdout


def seed_excerpt() -> str:
    """Seed 000 from its first line to the end of table 2.1 (the line before 2.2)."""
    lines = SEEDS["000"].read_text(encoding="utf-8").split("\n")
    end = next(i for i, ln in enumerate(lines) if ln.startswith("2.2. "))
    return "\n".join(lines[:end]) + "\n"


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    """The excerpt as 8-bit TCVN3 bytes, as those codes read into UTF-8 (Latin-1 letters),
    and the seed's saved HTML page with its text in TCVN3 codes."""
    tmp = tmp_path_factory.mktemp("tcvn3")
    excerpt = to_tcvn3(seed_excerpt())
    out = {"8bit": tmp / "000-tcvn3-8bit.txt", "utf8": tmp / "000-tcvn3-utf8.txt",
           "html": tmp / "000-tcvn3.html"}
    out["8bit"].write_bytes(excerpt)
    out["utf8"].write_bytes(excerpt.decode("latin-1").encode("utf-8"))
    page = to_tcvn3(HTML_000.read_text(encoding="utf-8")).decode("latin-1")
    out["html"].write_bytes(page.encode("utf-8"))
    return out


def test_the_fixtures_are_tcvn3():
    """The encoder gives the standard codes (TCVN 5712: à 0xB5, á 0xB8, ư 0xAD, đ 0xAE,
    ộ 0xE9, Đ 0xA7, Ô 0xA4), and the excerpt holds no Unicode Vietnamese letter any more."""
    assert to_tcvn3("à á ư đ ộ Đ Ô") == bytes([0xB5, 32, 0xB8, 32, 0xAD, 32, 0xAE, 32, 0xE9, 32,
                                              0xA7, 32, 0xA4])
    assert to_tcvn3("Sở Tư pháp").decode("latin-1") == "S\xeb T\xad ph\xb8p"
    excerpt = to_tcvn3(seed_excerpt()).decode("latin-1")
    assert "Së Th«ng tin vµ TruyÒn th«ng" in excerpt
    assert not any("\u1ea0" <= ch <= "\u1ef9" for ch in excerpt)


@pytest.mark.parametrize("variant", ["8bit", "utf8", "html"])
def test_converted_values_are_the_seeds_printed_values(sources, variant):
    doc = read_document(sources[variant])
    truth = TRUTH["tables"][0]
    table = doc.tables[0]
    assert table.title == truth["title"]
    assert [c.label for c in table.columns] == [c["label"] for c in truth["columns"]]
    assert [[c.text for c in r.cells] for r in table.rows] == truth["rows"]
    assert doc.meta.number == "2631/QĐ-UBND" and doc.meta.province == "Hòa Bình"
    (notice,) = doc.notices
    assert notice.slug == SLUG and notice.where.line is not None


def test_a_unicode_seed_has_no_such_warning():
    assert not [n for n in read_document(SEEDS["000"]).notices if n.slug == SLUG]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(XEPHANG + list(args), capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("variant", ["8bit", "html"])
def test_the_warning_on_stderr_and_in_the_json(sources, variant):
    path = sources[variant]
    result = run("extract", str(path))
    assert result.returncode == 0, result.stderr
    (line,) = [ln for ln in result.stderr.splitlines() if ln.startswith("warning: ")]
    assert line.startswith(f"warning: {path}: line ")
    assert "legacy TCVN3 (ABC) font encoding" in line and line.endswith(f"[{SLUG}]")
    (warning,) = json.loads(result.stdout)["warnings"]
    assert warning["slug"] == SLUG and isinstance(warning["where"]["line"], int)
    assert "bảng mã cũ TCVN3 (ABC)" in warning["message_vi"]
    assert "warning:" not in run("extract", "-q", str(path)).stderr


def test_the_warning_in_the_database_and_the_report(sources, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sources["8bit"], corpus / "000-tcvn3.txt")
    db = tmp_path / "x.sqlite"
    build(corpus, db)
    write_report(db, tmp_path / "report")
    con = sqlite3.connect(db)
    rows = con.execute("SELECT slug, message, message_vi, line FROM warnings "
                       "WHERE document = '000-tcvn3.txt'").fetchall()
    assert len(rows) == 1
    slug, message, message_vi, line = rows[0]
    assert slug == SLUG and line == 1
    assert "TCVN3 (ABC)" in message and "bảng mã cũ TCVN3 (ABC)" in message_vi
    units = [u for (u,) in con.execute("SELECT DISTINCT unit_printed FROM scores "
                                       "WHERE document = '000-tcvn3.txt'")]
    assert "Sở Thông tin và Truyền thông" in units
    html = (tmp_path / "report" / page_name("000-tcvn3.txt")).read_text(encoding="utf-8")
    assert "Warnings about the reading (1)" in html
    assert f"<strong>{SLUG}</strong> (line 1)" in html


def test_a_rubric_of_another_province_in_tcvn3(tmp_path):
    """Seed 001 (Quảng Bình's rubric, 92 rows) whole in TCVN3: every cell is the truth's,
    numbers and ids exactly; only a tone-marked capital opening a cell in running text
    ("Ứng dụng") reads small, as the ".VnTime" font printed it (the warning says so)."""
    truth = json.loads((HERE / "fixtures" / "independent" / "truth" / "001.json")
                       .read_text(encoding="utf-8"))["tables"][0]
    path = tmp_path / "001-tcvn3.txt"
    path.write_bytes(to_tcvn3(SEEDS["001"].read_text(encoding="utf-8")))
    doc = read_document(path)
    (table,) = doc.tables
    assert table.title == truth["title"] and doc.meta.number == "3270/QĐ-UBND"
    assert [c.label for c in table.columns] == [c["label"] for c in truth["columns"]]
    got = [[c.text for c in r.cells] for r in table.rows]
    want = [[" ".join(t.split()) for t in row] for row in truth["rows"]]
    assert len(got) == len(want) == 92
    assert [[r[0], r[2]] for r in got] == [[r[0], r[2]] for r in want]     # ids, maxima
    lowered = [(g, w) for gr, wr in zip(got, want) for g, w in zip(gr, wr) if g != w]
    assert lowered and all(g == w[0].lower() + w[1:] and not w[0].isascii() for g, w in lowered)
    assert [n.slug for n in doc.notices] == [SLUG]
