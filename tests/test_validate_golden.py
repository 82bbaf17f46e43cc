"""Golden findings for the seeds: tests/golden/<seed>.findings.json, refreshed only with
`pytest --update-golden` and reviewed as a diff."""
from __future__ import annotations

import json

import pytest

from xephang.extract import read_document
from xephang.validate import check_document

from conftest import GOLDEN_DIR, SEEDS


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_findings_match_golden(seed, update_golden):
    findings = check_document(read_document(SEEDS[seed]))
    found = [dict(f.to_dict("en"), message_vi=f.message_vi) for f in findings]
    path = GOLDEN_DIR / f"{seed}.findings.json"
    if update_golden:
        path.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert found == json.loads(path.read_text(encoding="utf-8"))
