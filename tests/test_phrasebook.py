"""Every phrase of the checker's phrasebook (validate/data/phrasebook.tsv) on its real
example and on each of its paraphrases (at least two): the pattern finds the sentence and
yields the values written beside it — as printed, diacritics kept."""
from __future__ import annotations

import pytest

from xephang.validate.phrasebook import find, fold_keep, phrasebook, sample

PHRASES = phrasebook()


def test_the_phrasebook_covers_every_kind_of_claim():
    rules = {p.rule for p in PHRASES}
    assert {"claim-average", "claim-count", "claim-top", "claim-bottom", "claim-share",
            "claim-parts", "claim-rank-change", "claim-total"} <= rules
    assert len({p.id for p in PHRASES}) == len(PHRASES)


@pytest.mark.parametrize("phrase", PHRASES, ids=[p.id for p in PHRASES])
def test_real_example_and_paraphrases(phrase):
    assert phrase.source and len(phrase.paraphrases) >= 2
    for entry in (phrase.example, *phrase.paraphrases):
        sentence, want = sample(entry)
        assert want, f"{phrase.id}: no expected values for {sentence!r}"
        hits = find(None, sentence, id=phrase.id)
        assert hits, f"{phrase.id} does not read {sentence!r}"
        got = {k: hits[0].text(k) for k in want}
        assert got == want, f"{phrase.id} on {sentence!r}"


def test_folding_keeps_length_so_spans_point_into_the_printed_text():
    text = "Sở Thông tin và Truyền thông đứng đầu bảng với 83,8 điểm"
    assert len(fold_keep(text)) == len(text)
    assert fold_keep(text).startswith("so thong tin va truyen thong dung dau")


def test_a_sentence_without_a_claim_is_not_read():
    assert find("claim-average", "Kết quả đánh giá trung bình khá, xếp hạng tốt.") == []
    assert find("claim-share", "Tỷ lệ hồ sơ trực tuyến tăng mạnh.") == []
