"""Claims the text makes, checked: on the real page excerpts (../shared/real/excerpts,
skipped when absent) every confirmed inconsistency of their truth is reported and nothing
else is an error; on short texts typed by hand, each check fails exactly where the
arithmetic (worked out by hand) says it must."""
from __future__ import annotations

from pathlib import Path

import pytest

from xephang.extract import read_document
from xephang.validate import check_document

EXCERPTS = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "excerpts"
needs_excerpts = pytest.mark.skipif(not (EXCERPTS / "truth").is_dir(),
                                    reason="the real page excerpts are not beside the project")


def check_text(tmp_path, text: str):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return check_document(read_document(path, require_tables=False))


@needs_excerpts
def test_the_excerpts_confirmed_inconsistencies_and_nothing_else():
    errors = {}
    for path in sorted(EXCERPTS.glob("*.txt")):
        doc = read_document(path, require_tables=False)
        errors[path.name[:3]] = sorted((f.rule, f.printed) for f in check_document(doc)
                                       if f.severity == "error")
    assert errors.pop("026") == [("rank-value", "4")]            # Bắc Ninh 0,664 placed 4th
    assert errors.pop("052") == [("claim-parts", "89"), ("claim-share", "29%"), ("claim-share", "61%")]
    assert errors.pop("046") == [("table-truncated", "2")]       # the page was cut mid-table
    assert {k: v for k, v in errors.items() if v} == {}


def test_a_share_that_does_not_fit_its_count(tmp_path):
    found = check_text(tmp_path, "Trong 40 cơ quan được đánh giá, 10 cơ quan xếp loại A, chiếm 30%.\n")
    assert [(f.rule, f.severity, f.printed, f.expected) for f in found] == [
        ("claim-share", "error", "30%", "25,0%")]


def test_a_share_off_in_its_last_digit_is_a_warning(tmp_path):
    found = check_text(tmp_path, "Có 1/124 xã có chỉ số dưới 50%, chiếm tỷ lệ 0,80%.\n")
    assert [(f.rule, f.severity, f.expected) for f in found] == [("claim-share", "warning", "0,81%")]


def test_a_right_share_is_silent(tmp_path):
    assert check_text(tmp_path, "Nhóm xuất sắc gồm 14/16 đơn vị, chiếm tỷ lệ 87,5%.\n") == []


def test_rank_changes_must_account_for_every_unit(tmp_path):
    text = "Trong 30 địa phương, có 10 địa phương tăng hạng, 15 địa phương giữ hạng và 4 địa phương tụt hạng.\n"
    found = check_text(tmp_path, text)
    assert [(f.rule, f.printed, f.expected) for f in found] == [("claim-parts", "30", "29")]
    fine = text.replace("4 địa phương tụt", "5 địa phương tụt")
    assert check_text(tmp_path, fine) == []


def test_a_rank_jump_that_does_not_match_its_ranks(tmp_path):
    found = check_text(tmp_path, "Tỉnh A tăng 12 bậc, từ vị trí thứ 30 lên vị trí thứ 20.\n")
    assert [(f.rule, f.printed, f.expected) for f in found] == [("claim-rank-change", "12", "10")]


def test_a_news_item_against_the_decision_it_reports(tmp_path):
    """Seed 002 (Sơn La 3247/QĐ-UBND, 2017) prints Sở Thông tin và Truyền thông 83,8 and
    Sở Nội vụ 77,2 in Bảng 1; a news item typed by hand says 83,8 and 77,9."""
    from conftest import SEEDS
    decision = read_document(SEEDS["002"])
    path = tmp_path / "news.txt"
    path.write_text("UBND tỉnh Sơn La công bố kết quả đánh giá mức độ ứng dụng CNTT năm 2017.\n\n"
                    "Sở Thông tin và Truyền thông đứng đầu với 83,8 điểm; đứng thứ hai là Sở Nội vụ "
                    "với 77,9 điểm.\n", encoding="utf-8")
    news = read_document(path, require_tables=False)
    found = [f for f in check_document(news, library=[decision]) if f.rule == "claim-across-documents"]
    assert [(f.unit, f.printed, f.expected) for f in found] == [("Sở Nội vụ", "77,9", "77,2")]
    assert "3247/QĐ-UBND" in found[0].message
    assert [f for f in check_document(news) if f.rule == "claim-across-documents"] == []
