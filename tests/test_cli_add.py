"""`xephang add` writes into the user's corpus (./corpus by default), never into the
package, and reads each file first: a document without a table is refused unless
--force, and says so when added anyway."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS
from xephang.corpus.manifest import bundled_corpus, read_manifest

XEPHANG = [str(Path(sys.executable).with_name("xephang"))]
NO_TABLE = Path(__file__).parent / "fixtures" / "bad" / "no_table.txt"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(XEPHANG + ["add", *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_default_corpus_is_the_current_folders(tmp_path):
    bundled = digest(bundled_corpus() / "manifest.csv")
    result = run(tmp_path, SEEDS["002"])
    assert result.returncode == 0, result.stderr
    (entry,) = read_manifest(tmp_path / "corpus")
    assert (tmp_path / "corpus" / entry.file).read_bytes() == SEEDS["002"].read_bytes()
    assert result.stdout == (f"{SEEDS['002']}: added as corpus/{entry.file} "
                             f"(20 table(s): 17 scores, 1 rubric, 2 other)\n")
    assert digest(bundled_corpus() / "manifest.csv") == bundled


def test_a_document_without_a_table_is_refused_unless_forced(tmp_path):
    result = run(tmp_path, NO_TABLE, SEEDS["001"])
    assert result.returncode == 2
    assert result.stderr == (f"error: {NO_TABLE}: no score or rubric table found; not added "
                             f"(add it anyway with --force)\n")
    assert [e.number for e in read_manifest(tmp_path / "corpus")] == ["3270/QĐ-UBND"]
    forced = run(tmp_path, "--force", NO_TABLE)
    assert forced.returncode == 0
    assert forced.stdout.endswith("(no table: added anyway)\n")
    assert len(read_manifest(tmp_path / "corpus")) == 2
