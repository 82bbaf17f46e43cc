"""The labelled variant set the benchmark uses: its make-up, and the matcher's floor on it.

The full figures (and the 100,000-name timing) come from bench/bench_match.py."""
from collections import Counter, defaultdict

import pytest

from xephang.normalize.matching import default_matcher
from xephang.normalize.variants import drop_letter, labelled_variants


@pytest.fixture(scope="module")
def variants():
    return labelled_variants()


def test_the_set_is_large_real_and_deterministic(variants):
    assert len(variants) >= 1000
    kinds = Counter(v.kind for v in variants)
    for kind in ("dropped-letter", "dropped-letter-space", "acronym", "case", "punctuation",
                 "prefix", "ocr", "not-an-agency", "absent-that-year", "other-province"):
        assert kinds[kind] > 0, kind
    assert labelled_variants()[:50] == variants[:50]


def test_drop_letter_removes_one_latin_extended_additional_letter():
    import random
    assert drop_letter("Văn hóa Thể thao", random.Random(1), with_space=True) == "Văn hóa Ththao"
    assert drop_letter("Tổng điểm", random.Random(1)) in {"Tng điểm", "Tổng đim"}
    assert drop_letter("Sơn La", random.Random(1)) is None     # ơ is not in U+1EA0–U+1EF9


def test_accuracy_floor_on_a_subset(variants):
    subset = variants[::4]
    groups = defaultdict(list)
    for v in subset:
        groups[(v.province, v.year, v.level)].append(v)
    right = wrong = positives = 0
    for (province, year, level), group in groups.items():
        found = default_matcher().match_many([v.text for v in group], province=province,
                                             year=year, level=level)
        for v, m in zip(group, found):
            if m.status == "matched" and m.id != v.expected:
                wrong += 1
            if v.expected:
                positives += 1
                best = m.id if m.status == "matched" else (
                    m.candidates[0].id if m.status == "ambiguous" and m.candidates else None)
                right += best == v.expected
    assert wrong == 0
    assert right / positives >= 0.99
