"""Document metadata of the five seeds, each value read by hand from the seed's text
(the line it comes from is named beside it)."""
from __future__ import annotations

import pytest

from conftest import SEEDS
from xephang.extract import read_document

EXPECTED = {
    "000": dict(
        number="2631/QĐ-UBND",            # l.14 "Số: 2631/QĐ-UBND"
        province="Hòa Bình",              # l.6 "TỈNH HÒA BÌNH"
        issued="2017-12-27",              # l.16 "Hòa Bình, ngày 27 tháng 12 năm 2017"
        evaluation_year=2017,             # l.22 title "… THÀNH PHỐ NĂM 2017"
        kind="results",
        signer="Nguyễn Văn Chương",       # l.51-57 "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / … Nguyễn Văn Chương"
        based_on=["2164/QĐ-UBND", "2181/QĐ-UBND"],   # l.28, l.30 (l.26 cites a law, no number)
    ),
    "001": dict(
        number="3270/QĐ-UBND",            # l.13
        province="Quảng Bình",            # l.6 "TỈNH QUẢNG BÌNH"
        issued="2020-09-09",              # l.15 "Quảng Bình, ngày 09 tháng 9 năm 2020"
        evaluation_year=None,             # a rubric: it names no year evaluated
        kind="rubric",
        signer="Nguyễn Tiến Hoàng",       # l.73-80 "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / …"
        based_on=["64/2007/NĐ-CP"],       # l.29 (l.25, l.27 cite laws, no number)
    ),
    "002": dict(
        number="3247/QĐ-UBND",            # l.16
        province="Sơn La",                # l.9 "TỈNH SƠN LA"
        issued="2017-12-20",              # l.18 "Sơn La, ngày 20 tháng 12 năm 2017"
        evaluation_year=2017,             # l.24 title "… TỈNH SON LA NĂM 2017"
        kind="results",
        signer="Phạm Văn Thủy",           # l.50-52
        # l.28, the one "Căn cứ" line of the preamble.  The appendix's "Thực hiện Quyết
        # định số 1819/QĐ-TTg …" (l.61) is the report's context, not a legal basis.
        based_on=["64/2007/NĐ-CP", "2166/QĐ-UBND"],
    ),
    "003": dict(
        number=None,                      # a news article: no document number
        province="Yên Bái",               # l.1 "Yên Bái: Công bố kết quả …"
        issued=None,                      # the article prints no date of its own
        evaluation_year=2018,             # l.3 "… trên địa bàn tỉnh Yên Bái năm 2018..."
        kind="news",
        signer=None,                      # l.39 "Trần Thị Duyên" is the author's byline, not a signer
        based_on=["3329/QĐ-UBND"],        # l.3 "Thực hiện Quyết định số 3329/QĐ-UBND …"
    ),
    "004": dict(
        number="1153/QĐ-UBND",            # l.7 "Số: 1153/QĐ-UBND | Hòa Bình, ngày 01 tháng 6 năm 2023 |"
        province="Hòa Bình",              # l.10 "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH"
        issued="2023-06-01",              # l.7
        evaluation_year=None,             # a rubric
        kind="rubric",
        signer="Nguyễn Văn Chương",       # l.727 "- Người ký: Nguyễn Văn Chương" (l.39 prints no name)
        # l.12 (749/QĐ- TTg, printed with a space), l.12, l.13, l.14 (a party resolution),
        # l.15; l.16's Tờ trình is a request ("Theo đề nghị"), not a basis.
        based_on=["749/QĐ-TTg", "942/QĐ-TTg", "922/QĐ-BTTTT", "08-NQ/TU", "785/QĐ-UBND"],
    ),
}


@pytest.fixture(scope="module")
def metas():
    return {key: read_document(path).meta for key, path in SEEDS.items()}


@pytest.mark.parametrize("key", sorted(EXPECTED))
@pytest.mark.parametrize("field", ["number", "province", "issued", "evaluation_year", "kind",
                                   "signer", "based_on"])
def test_seed_metadata(metas, key, field):
    got = metas[key].to_dict()[field]
    assert got == EXPECTED[key][field], f"{key} {field}"


def test_every_seed_is_covered():
    assert sorted(EXPECTED) == sorted(SEEDS)


def test_the_news_claims_stay_in_the_paragraphs():
    """Counts the article claims ("có 07 đơn vị") are for the checks: they stay reachable."""
    doc = read_document(SEEDS["003"])
    para = next(p for p in doc.paragraphs if p.where.line == 11)
    assert "có 07 đơn vị xếp hạng 1 đạt 24 điểm" in para.text
