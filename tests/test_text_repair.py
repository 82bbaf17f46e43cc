"""Dropped-letter repair on the seeds' real damage, measured against hand labels."""
import unicodedata
from pathlib import Path

import pytest

from xephang.normalize.evaluate import read_labels, score_repairs
from xephang.normalize.text import damage_share, is_damaged, nfc_tone, repair_proposals

from conftest import SEEDS

LABELS = read_labels(Path(__file__).parent / "data" / "damaged_words.tsv")


def _text(key: str) -> str:
    return unicodedata.normalize("NFC", SEEDS[key].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts():
    return {key: _text(key) for key in SEEDS}


def test_labels_point_at_real_lines(texts):
    assert len(LABELS) >= 70
    for lab in LABELS:
        line = texts[lab.seed].split("\n")[lab.line - 1]
        assert lab.printed in line, lab


def test_dropped_letter_precision_and_recall(texts):
    score = score_repairs(LABELS, texts, kinds=("dropped",))
    assert score.labelled == 69
    assert score.precision >= 0.95
    assert score.recall >= 0.85


def test_glued_cells_split(texts):
    score = score_repairs(LABELS, texts, kinds=("glued",))
    assert (score.precision, score.recall) == (1.0, 1.0)


@pytest.mark.parametrize("key", ["001", "003"])
def test_clean_text_gets_no_proposal(key, texts):
    assert repair_proposals(texts[key]) == []


def test_damage_decision_per_document(texts):
    damaged = {key for key, text in texts.items() if is_damaged([text])}
    assert damaged == {"000", "002"}
    assert damage_share([texts["003"]]) == 0.0


def test_proposals_sit_beside_the_printed_text():
    text = "Tỷ lệ văn bn được ký số. Tỷ lệ văn bản được ký số. Hng mục Hạng mục"
    repairs = repair_proposals(text)
    assert [(r.printed, r.proposed) for r in repairs] == [("bn", "bản"), ("Hng", "Hạng")]
    for r in repairs:
        assert text[r.start:r.end] == r.printed
        assert 0.5 <= r.confidence <= 1.0


def test_a_letter_and_the_space_after_it():
    text = "Sở Văn hóa Ththao và Du lịch; Sở Văn hóa, Thể thao và Du lịch"
    assert [(r.printed, r.proposed) for r in repair_proposals(text)] == [("Ththao", "Thể thao")]


def test_acronyms_and_foreign_words_are_left_alone():
    text = "Ứng dụng CNTT, UBND tỉnh, kết nối Internet, wifi, KT. CHỦ TỊCH, TTĐT, b = Tổng số"
    assert repair_proposals(text) == []


def test_nfc_and_tone_placement():
    assert nfc_tone("Hoà Bình, thuỷ lợi, HOÁ") == "Hòa Bình, thủy lợi, HÓA"
    decomposed = unicodedata.normalize("NFD", "Sở Tài chính")
    assert nfc_tone(decomposed) == "Sở Tài chính"
    assert nfc_tone("83,8 điểm (Tổng)") == "83,8 điểm (Tổng)"
