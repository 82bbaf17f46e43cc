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


def _two_years(tmp_path, before: str, after: str):
    (tmp_path / "a.txt").write_text(before, encoding="utf-8")
    (tmp_path / "b.txt").write_text(after, encoding="utf-8")
    return (read_document(tmp_path / "a.txt", require_tables=False),
            read_document(tmp_path / "b.txt", require_tables=False))


ICT_2018 = ("Hội Tin học Việt Nam công bố Vietnam ICT Index 2018\n\n"
            "Năm 2018, theo bảng xếp hạng chỉ số Vietnam ICT Index 2018, Tây Ninh xếp hạng {rank}/63 "
            "tỉnh, thành phố với 0,41 điểm. TP Đà Nẵng dẫn đầu với 0,84 điểm.\n")
#: The wording of excerpt 017 (Tây Ninh, ICT Index 2019): 25th, "tăng 8 bậc so với năm 2018".
ICT_2019 = ("Tây Ninh tăng 8 bậc trong bảng xếp hạng ICT Index 2019\n\n"
            "Với 0,4582 điểm, năm 2019, Tây Ninh xếp hạng 25/63 tỉnh, thành phố trên cả nước, "
            "tăng 8 bậc so với năm 2018.\n")


def test_a_rise_against_the_previous_years_ranking_of_the_same_index(tmp_path):
    """25 + 8 = 33: a 2018 ranking placing Tây Ninh 30th contradicts "tăng 8 bậc" (a rise of 5)."""
    before, after = _two_years(tmp_path, ICT_2018.format(rank=30), ICT_2019)
    found = [f for f in check_document(after, library=[before]) if f.rule == "claim-rank-change"]
    assert [(f.unit, f.severity, f.printed, f.expected) for f in found] == [
        ("Tây Ninh", "error", "tăng 8 bậc", "tăng 5 bậc")]
    assert "2018" in found[0].message and "30" in found[0].message


def test_a_rise_that_fits_the_previous_year_is_silent(tmp_path):
    before, after = _two_years(tmp_path, ICT_2018.format(rank=33), ICT_2019)
    assert [f for f in check_document(after, library=[before]) if f.rule == "claim-rank-change"] == []


def test_a_fall_is_counted_downwards(tmp_path):
    """A paraphrase with "giảm … hạng": 12th in 2020, "giảm 3 hạng so với năm 2019" → 9th in 2019."""
    before = ("Công bố Chỉ số chuyển đổi số DTI năm 2019\n\n"
              "Năm 2019, Bình Định xếp thứ {rank}/63 tỉnh, thành phố về chỉ số DTI với 0,35 điểm.\n")
    after = ("Công bố Chỉ số chuyển đổi số DTI năm 2020\n\n"
             "Năm 2020, Bình Định xếp thứ 12/63 tỉnh, thành phố, giảm 3 hạng so với năm 2019.\n")
    a, b = _two_years(tmp_path, before.format(rank=9), after)
    assert [f for f in check_document(b, library=[a]) if f.rule == "claim-rank-change"] == []
    a, b = _two_years(tmp_path, before.format(rank=11), after)
    found = [f for f in check_document(b, library=[a]) if f.rule == "claim-rank-change"]
    assert [(f.printed, f.expected) for f in found] == [("giảm 3 hạng", "giảm 1 bậc")]


def test_another_index_or_year_is_not_the_previous_ranking(tmp_path):
    """A DTI ranking of 2018, or an ICT ranking of 2017, says nothing of an ICT rise since 2018."""
    dti = ICT_2018.format(rank=30).replace("Vietnam ICT Index", "Chỉ số chuyển đổi số DTI")
    before, after = _two_years(tmp_path, dti, ICT_2019)
    assert [f for f in check_document(after, library=[before]) if f.rule == "claim-rank-change"] == []
    before, after = _two_years(tmp_path, ICT_2018.format(rank=30).replace("2018", "2017"), ICT_2019)
    assert [f for f in check_document(after, library=[before]) if f.rule == "claim-rank-change"] == []


def test_rank_changes_paraphrased_must_account_for_every_unit(tmp_path):
    """20 + 30 + 12 = 62 of 63 provinces: one is missing; with 13 fallen they are all there."""
    text = ("Trong số 63 tỉnh, thành phố, có 20 địa phương tăng hạng, 30 địa phương giữ nguyên hạng "
            "và 12 địa phương giảm hạng so với năm trước.\n")
    found = check_text(tmp_path, text)
    assert [(f.rule, f.printed, f.expected) for f in found] == [("claim-parts", "63", "62")]
    assert check_text(tmp_path, text.replace("12 địa phương", "13 địa phương")) == []
