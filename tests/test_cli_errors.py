"""One exception hook: a caller's mistake or an unreadable or unwritable path is one
line on stderr naming it and exit 2; an internal error is one line and exit 3, its
traceback with -v; exit 1 stays for findings."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from xephang.cli import cli
from xephang.corpus.build import build
from xephang.corpus.manifest import bundled_corpus, read_manifest, write_manifest

XEPHANG = [str(Path(sys.executable).with_name("xephang"))]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(XEPHANG + list(args), capture_output=True, text=True, timeout=300,
                          input=stdin)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    """A dataset of one seed document, built for real."""
    tmp = tmp_path_factory.mktemp("db")
    corpus = tmp / "corpus"
    (corpus / "documents").mkdir(parents=True)
    name = f"documents/{SEEDS['002'].name}"
    entries = [e for e in read_manifest(bundled_corpus()) if e.file == name]
    shutil.copy(SEEDS["002"], corpus / name)
    write_manifest(corpus, entries)
    db = tmp / "x.sqlite"
    build(corpus, db)
    return db


@pytest.fixture
def unwritable(tmp_path) -> Path:
    """A folder no one may write into (a path under a regular file: even root cannot)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    return blocker / "out"


def one_line_exit_2(result, names: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and names in lines[0], lines[0]
    assert "Traceback" not in result.stderr


def test_export_to_an_unwritable_folder(small_db, unwritable):
    one_line_exit_2(run("export", "--format", "csv", "--db", str(small_db), "-o", str(unwritable)),
                    str(unwritable.parent))


def test_export_xlsx_to_an_unwritable_folder(small_db, unwritable):
    one_line_exit_2(run("export", "--format", "xlsx", "--db", str(small_db), "-o", str(unwritable)),
                    str(unwritable.parent))


def test_build_into_an_unwritable_database_path(unwritable):
    db = unwritable / "x.sqlite"
    one_line_exit_2(run("build", "--db", str(db)), str(unwritable.parent))


def test_report_into_an_unwritable_folder(small_db, unwritable):
    one_line_exit_2(run("report", "--db", str(small_db), "-o", str(unwritable)),
                    str(unwritable.parent))


def test_export_from_a_missing_database(tmp_path):
    db = tmp_path / "none.sqlite"
    result = run("export", "--db", str(db), "-o", str(tmp_path / "out"))
    one_line_exit_2(result, str(db))
    assert "xephang build" in result.stderr
    assert not db.exists()


def test_match_with_an_unknown_province_names_where_the_valid_ones_are():
    result = run("match", "Sở Tài chính", "--province", "Atlantis")
    one_line_exit_2(result, "'Atlantis'")
    assert "xephang match --provinces" in result.stderr
    listed = run("match", "--provinces")
    assert listed.returncode == 0
    assert "hoa-binh\tTỉnh Hòa Bình" in listed.stdout


def test_extract_of_a_missing_file(tmp_path):
    missing = tmp_path / "nothing.txt"
    one_line_exit_2(run("extract", str(missing)), str(missing))


@pytest.mark.parametrize("command", [["export"], ["extract", str(SEEDS["002"])],
                                     ["check", str(SEEDS["002"])]])
def test_an_unknown_format(command):
    result = run(*command, "--format", "docx")
    one_line_exit_2(result, "'docx'")
    assert "--format" in result.stderr


def test_findings_keep_exit_1_and_a_clean_document_exit_0():
    assert run("check", "-q", str(SEEDS["000"])).returncode == 1     # the seed's wrong totals
    assert run("extract", "-q", str(SEEDS["002"])).returncode == 0


# ---------------------------------------------------------------- internal errors

def broken(*_args, **_kwargs):
    raise KeyError("deliberately broken")


def test_an_internal_error_is_one_line_and_exit_3(small_db, tmp_path, monkeypatch):
    monkeypatch.setattr("xephang.outputs.report.write_report", broken)
    result = CliRunner().invoke(cli, ["report", "--db", str(small_db), "-o", str(tmp_path)])
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines == ["internal error: KeyError: 'deliberately broken' "
                     "(a bug in xephang; run again with -v for the traceback)"]


@pytest.mark.parametrize("where", [["-v", "report"], ["report", "-v"]])
def test_verbose_gives_the_traceback(small_db, tmp_path, monkeypatch, where):
    monkeypatch.setattr("xephang.outputs.report.write_report", broken)
    result = CliRunner().invoke(cli, [*where, "--db", str(small_db), "-o", str(tmp_path)])
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert 'raise KeyError("deliberately broken")' in result.stderr


def test_an_internal_error_in_one_document_does_not_stop_check(monkeypatch):
    import xephang.validate

    real = xephang.validate.check_document

    def fails_on_000(doc, **kwargs):
        if doc.source.path.endswith(SEEDS["000"].name):
            raise ZeroDivisionError("deliberately broken")
        return real(doc, **kwargs)

    monkeypatch.setattr("xephang.validate.check_document", fails_on_000)
    result = CliRunner().invoke(cli, ["check", str(SEEDS["000"]), str(SEEDS["002"])])
    assert result.exit_code == 3
    assert f"internal error: {SEEDS['000']}: ZeroDivisionError" in result.stderr
    assert "Tân Lạc" in result.stdout or "Decision" in result.stdout    # 002 still checked
    assert result.stdout.count("Read: ") == 1
