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


# -- letterheads of the centrally-run cities and of ministries -----------------
# Each text is a decision's opening written in the real form of such letterheads.

HA_NOI = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
Số: 1520/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 15 tháng 3 năm 2024
QUYẾT ĐỊNH
Về việc công bố Chỉ số cải cách hành chính năm 2023 của các sở, cơ quan ngang sở, UBND các quận, huyện, thị xã
CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI
"""
HCM = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ HỒ CHÍ MINH | Độc lập - Tự do - Hạnh phúc
Số: 812/QĐ-UBND | Thành phố Hồ Chí Minh, ngày 04 tháng 3 năm 2023
QUYẾT ĐỊNH
Về công bố kết quả xếp hạng Chỉ số cải cách hành chính năm 2022 của các sở, ban, ngành
"""
MINISTRY = """BỘ NỘI VỤ
Số: 268/QĐ-BNV
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 05 tháng 4 năm 2025
QUYẾT ĐỊNH
Phê duyệt và công bố Chỉ số cải cách hành chính năm 2024 của các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương
"""
MINISTRY_BY_SIGN = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 1433/QĐ-BTTTT | Hà Nội, ngày 20 tháng 8 năm 2020
QUYẾT ĐỊNH
Về việc công bố kết quả xếp hạng Chỉ số ICT Index năm 2019
"""


@pytest.mark.parametrize("text, province, issuer, scope, number, year", [
    (HA_NOI, "Hà Nội", "Ủy ban nhân dân thành phố Hà Nội", "provincial", "1520/QĐ-UBND", 2023),
    (HCM, "Hồ Chí Minh", "Ủy ban nhân dân thành phố Hồ Chí Minh", "provincial", "812/QĐ-UBND", 2022),
    (MINISTRY, None, "Bộ Nội vụ", "national", "268/QĐ-BNV", 2024),
    (MINISTRY_BY_SIGN, None, "Bộ Thông tin và Truyền thông", "national", "1433/QĐ-BTTTT", 2019),
])
def test_letterheads_give_issuer_and_province(tmp_path, text, province, issuer, scope, number, year):
    path = tmp_path / "decision.txt"
    path.write_text(text, encoding="utf-8")
    meta = read_document(path, require_tables=False).meta
    assert (meta.province, meta.issuer, meta.scope, meta.number, meta.evaluation_year) == \
        (province, issuer, scope, number, year)


def test_a_number_label_is_never_a_province(tmp_path):
    path = tmp_path / "decision.txt"
    path.write_text("ỦY BAN NHÂN DÂN\nSố: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc ban hành\n", encoding="utf-8")
    assert read_document(path, require_tables=False).meta.province is None


# -- the real documents (read in place; skipped when absent) ------------------

from pathlib import Path  # noqa: E402

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
#: (province, evaluation year, number) per real PDF, from truth/*.json; where the truth
#: gives a number the page leaves blank ("Số: /BC-HĐTĐ"), None: it prints none.
REAL_PDFS = {
    "004_lamdong-cchc2025-bc36-thamdinh.pdf": ("Lâm Đồng", 2025, None),
    "012_lamdong-cchc2025-totrinh95.pdf": ("Lâm Đồng", 2025, None),
    "016_bnv-1187-parindex-captinh-rubric.pdf": (None, 2025, None),
}


@pytest.mark.skipif(not REAL.is_dir(), reason="the real documents are not here")
@pytest.mark.parametrize("name", sorted(REAL_PDFS))
def test_real_pdf_metadata(name):
    meta = read_document(REAL / name, require_tables=False).meta
    assert (meta.province, meta.evaluation_year, meta.number) == REAL_PDFS[name]


@pytest.mark.skipif(not REAL.is_dir(), reason="the real documents are not here")
def test_the_national_rubric_is_the_ministrys():
    meta = read_document(REAL / "016_bnv-1187-parindex-captinh-rubric.pdf", require_tables=False).meta
    assert (meta.issuer, meta.scope, meta.province) == ("Bộ Nội vụ", "national", None)


@pytest.mark.skipif(not REAL.is_dir(), reason="the real documents are not here")
def test_the_department_rubric_number_from_its_stamp():
    meta = read_document(REAL / "013_lamdong-cchc2025-hd2775-pl01-songanh-rubric.pdf",
                         require_tables=False).meta
    assert (meta.number, meta.evaluation_year) == ("2775/SNV-CCHC&VTLT", 2025)
