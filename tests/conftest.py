"""Shared test helpers: the bundled seed documents and the golden-file switch."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "corpus" / "documents"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
SEEDS = {p.name[:3]: p for p in sorted(SEED_DIR.glob("0*.txt"))}


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/*.expected.json from the current output "
                          "(review the diff before committing).")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def seed():
    """seed("000") → Path of the bundled seed document."""
    return lambda key: SEEDS[key]


def query(db: Path, sql: str, *params):
    """All rows of one SQL query on a built database."""
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()
