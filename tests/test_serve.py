"""`xephang serve`: Datasette on a free loopback port over a built dataset, with the
metadata beside it — a facet page answers."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import SEEDS
from xephang.corpus.build import build
from xephang.corpus.manifest import bundled_corpus, read_manifest, write_manifest

pytest.importorskip("datasette")
XEPHANG = [str(Path(sys.executable).with_name("xephang"))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    corpus = tmp / "corpus"
    (corpus / "documents").mkdir(parents=True)
    name = f"documents/{SEEDS['002'].name}"
    shutil.copy(SEEDS["002"], corpus / name)
    write_manifest(corpus, [e for e in read_manifest(bundled_corpus()) if e.file == name])
    db = tmp / "x.sqlite"
    build(corpus, db)
    port = free_port()
    proc = subprocess.Popen(XEPHANG + ["serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stderr.read())
                time.sleep(0.5)
        yield base, db
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.loads(answer.read().decode())


def test_metadata_is_written_beside_the_database(served):
    _, db = served
    meta = json.loads(db.with_name("metadata.json").read_text(encoding="utf-8"))
    scores = meta["databases"]["x"]["tables"]["scores"]
    assert scores["facets"] == ["province", "evaluation_year", "level", "category"]
    assert "score_value" in scores["columns"]
    assert meta["databases"]["x"]["tables"]["findings"]["facets"][0] == "rule"


def test_a_facet_page_answers_on_loopback(served):
    base, _ = served
    page = get(base + "/x/scores.json?_facet=province&_size=0")
    facet = page["facet_results"]
    results = facet.get("results", facet)
    counts = {r["value"]: r["count"] for r in results["province"]["results"]}
    assert counts == {"Sơn La": page["filtered_table_rows_count"]} and counts["Sơn La"] > 100
    rules = get(base + "/x/findings.json?_size=0")["facet_results"]
    rules = rules.get("results", rules)
    assert "rule" in rules and rules["rule"]["results"]
    html = urllib.request.urlopen(base + "/x/scores?_facet=evaluation_year", timeout=30).read()
    assert b"evaluation_year" in html and b"2017" in html


def test_documents_are_labelled_by_their_decision_number(served):
    base, _ = served
    page = get(base + "/x/findings.json?_labels=on&_size=1&_shape=objects")
    (row,) = page["rows"]
    assert row["document"] == {"value": f"documents/{SEEDS['002'].name}", "label": "3247/QĐ-UBND"}
