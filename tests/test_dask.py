"""The same build on a real Dask distributed cluster (worker processes on
loopback) gives the same database as the local build."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from test_build import assert_same_content, seed_corpus
from xephang.corpus.build import build

XEPHANG = [str(Path(sys.executable).with_name("xephang"))]


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as running:
        yield running


def test_a_dask_build_equals_the_local_build(cluster, tmp_path):
    local, remote = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    corpus = seed_corpus(tmp_path / "corpus")
    build(corpus, local)
    address = cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    result = subprocess.run(XEPHANG + ["build", str(corpus), "--db", str(remote),
                                       "--scheduler", address, "-q"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), result.stderr
    assert "0 failed" in result.stdout
    assert_same_content(local, remote)
    assert len(cluster.scheduler_info["workers"]) == 2
    # the documents ran there, as tasks of the worker function `process`
    assert cluster.scheduler.task_prefixes["process"].all_durations["compute"] > 0


def test_a_scheduler_address_must_be_a_url(tmp_path):
    result = subprocess.run(XEPHANG + ["build", "--db", str(tmp_path / "x.sqlite"),
                                       "--scheduler", "localhost"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "tcp://HOST:PORT" in result.stderr


def test_a_corpus_without_rubrics_builds_on_the_cluster(cluster, tmp_path):
    """No library to send to the workers (an empty one is still sent, as one object)."""
    import shutil
    from conftest import SEEDS

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS["003"], corpus / "news.txt")
    summary = build(corpus, tmp_path / "x.sqlite", scheduler=cluster.scheduler_address)
    assert (summary.built, summary.failures, summary.scores) == (1, (), 68)
