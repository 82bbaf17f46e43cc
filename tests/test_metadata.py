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


# -- the issuing body of a letterhead: the body named under its parent ------------

DEPARTMENT = """UBND TỈNH NGHỆ AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ THÔNG TIN VÀ TRUYỀN THÔNG | Độc lập - Tự do - Hạnh phúc
Số: 245/BC-STTTT | Nghệ An, ngày 12 tháng 01 năm 2022
BÁO CÁO
Kết quả đánh giá, xếp hạng mức độ chuyển đổi số các sở, ban, ngành năm 2021
"""
CENTRE = """VĂN PHÒNG UBND TỈNH
TRUNG TÂM PHỤC VỤ
HÀNH CHÍNH CÔNG
Số:      /BC-TTPVHCC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Gia Lai, ngày      tháng 10 năm 2024
BÁO CÁO
Kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp
trong thực hiện thủ tục hành chính, dịch vụ công
"""
COUNCIL = """UBND TỈNH QUẢNG NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HỘI ĐỒNG THẨM ĐỊNH, Độc lập - Tự do - Hạnh phúc ĐÁNH GIÁ CHỈ SỐ CCHC TỈNH
Số: 17/TTr-HĐTĐ Quảng Ninh, ngày 20 tháng 01 năm 2024
TỜ TRÌNH Về việc công bố kết quả xác định Chỉ số CCHC năm 2023 của các sở, ban, ngành
"""
CITY_DEPARTMENT = """ỦY BAN NHÂN DÂN
THÀNH PHỐ ĐÀ NẴNG
SỞ NỘI VỤ
Số: 3021/SNV-CCHC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Đà Nẵng, ngày 09 tháng 12 năm 2020
V/v triển khai đánh giá Chỉ số cải cách hành chính năm 2020
"""


@pytest.mark.parametrize("text, province, issuer, year", [
    (DEPARTMENT, "Nghệ An", "Sở Thông tin và Truyền thông tỉnh Nghệ An", 2021),
    # the day left blank; the title names no year: a report speaks of the year it is written in
    (CENTRE, "Gia Lai", "Trung tâm Phục vụ hành chính công tỉnh Gia Lai", 2024),
    (COUNCIL, "Quảng Ninh", "Hội đồng thẩm định, đánh giá chỉ số CCHC tỉnh Quảng Ninh", 2023),
    (CITY_DEPARTMENT, "Đà Nẵng", "Sở Nội vụ thành phố Đà Nẵng", 2020),
])
def test_the_issuer_is_the_body_under_its_parent(tmp_path, text, province, issuer, year):
    """The letterhead's last body issues the document, not its parent and not the signer."""
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    meta = read_document(path, require_tables=False).meta
    assert (meta.province, meta.issuer, meta.evaluation_year, meta.scope) == \
        (province, issuer, year, "provincial")


@pytest.mark.parametrize("number, body", [
    ("2775/SNV-CCHC&VTLT", "Sở Nội vụ"),          # a letter: the sign comes first
    ("12/BC-STC", "Sở Tài chính"),                 # a report: type, then sign
    ("2631/QĐ-UBND", None),                        # the committee is named from its province
    ("36/BC-HĐTĐ", None),                          # a sign not listed
])
def test_the_body_a_number_signs(number, body):
    from xephang.extract.letterhead import sign_body
    assert sign_body(number) == body


@pytest.mark.parametrize("text, year", [
    ("Về việc công bố Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành", 2023),
    ("CÔNG BỐ KẾT QUẢ XẾP HẠNG CHỈ SỐ CCHC NĂM 2019", 2019),
    ("Phê duyệt kết quả đánh giá, xếp hạng mức độ chuyển đổi số (DTI) 2022 cấp sở", 2022),
    ("Báo cáo kết quả Chỉ số PAR INDEX 2024 của tỉnh", 2024),
    ("1. Kết quả Chỉ số năm 2024", 2024),
    ("Kết quả xếp loại công tác cải cách hành chính năm 2021 so với năm 2020", 2021),
    ("so với năm 2019, có 36 cơ quan tăng hạng; đạt 9 đơn vị được đánh giá vào năm 2020", 2020),
    ("Chỉ số cải cách hành chính, định hướng đến năm 2030", None),      # a target
    ("Kết quả chỉ số giai đoạn 2021-2025", None),                      # a period
    ("Kết quả đánh giá theo Quyết định số 64/2007/NĐ-CP ngày 10/4/2007", None),  # number, date
    ("Kết quả đánh giá ngày 27 tháng 12 năm 2017", None),               # a date
    ("Lâm Đồng, ngày 06 tháng 11 năm 2025", None),                      # no result words
    ("Chỉ số 766: 88,72 điểm, đạt 2020,5 điểm", None),                  # numbers, not years
])
def test_the_year_a_line_evaluates(text, year):
    from xephang.extract.metadata import year_in
    assert year_in(text) == year


# -- the real documents (read in place; skipped when absent) ------------------

import json  # noqa: E402
from pathlib import Path  # noqa: E402

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
#: The documents whose number the page leaves blank, though the truth names the number it
#: was later given: they print none.  004 "Số: /BC-HĐTĐ", 012 "Số: /TTr-HĐTĐ",
#: 016 "(Ban hành kèm theo Quyết định số /QĐ-BNV ngày tháng năm 2025 …)".
PRINTS_NO_NUMBER = {"004", "012", "016"}


def _truth(key: str) -> dict:
    return json.loads(next((REAL / "truth").glob(f"{key}_*.json")).read_text(encoding="utf-8"))


def _printed_number(key: str) -> str | None:
    """The truth's number as the document prints it: an annex's '(phụ lục)' note dropped."""
    number = _truth(key)["doc_number"]
    if number is None or key in PRINTS_NO_NUMBER:
        return None
    return number.split(" (")[0]


REAL_KEYS = ("001", "004", "012", "013", "016", "017", "020")


@pytest.fixture(scope="module")
def real_metas():
    return {key: read_document(next(p for p in REAL.glob(f"{key}_*") if p.suffix in (".pdf", ".docx")),
                               require_tables=False).meta
            for key in REAL_KEYS}


@pytest.mark.skipif(not REAL.is_dir(), reason="the real documents are not here")
@pytest.mark.parametrize("key", REAL_KEYS)
def test_real_document_metadata(real_metas, key):
    """Province, evaluation year and number of every real document, against its truth file."""
    truth, meta = _truth(key), real_metas[key]
    assert (meta.province, meta.evaluation_year, meta.number) == \
        (truth["province"], truth["year"], _printed_number(key))


@pytest.mark.skipif(not REAL.is_dir(), reason="the real documents are not here")
@pytest.mark.parametrize("key, issuer", [
    ("001", "Ủy ban nhân dân tỉnh Lâm Đồng"),          # "ỦY BAN NHÂN DÂN / TỈNH LÂM ĐỒNG"
    ("004", "Hội đồng thẩm định, đánh giá chỉ số cải cách hành chính tỉnh Lâm Đồng"),
    ("013", "Sở Nội vụ tỉnh Lâm Đồng"),                # no letterhead: the stamp's "2775/SNV-…"
    ("017", "Sở Nội vụ tỉnh Lâm Đồng"),                # "UBND TỈNH LÂM ĐỒNG / SỞ NỘI VỤ"
    ("020", "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng"),   # under "VĂN PHÒNG UBND TỈNH"
])
def test_real_document_issuer(real_metas, key, issuer):
    assert real_metas[key].issuer == issuer


@pytest.mark.skipif(not REAL.is_dir(), reason="the real documents are not here")
def test_the_national_rubric_is_the_ministrys(real_metas):
    meta = real_metas["016"]
    assert (meta.issuer, meta.scope, meta.province) == ("Bộ Nội vụ", "national", None)


@pytest.mark.skipif(not REAL.is_dir(), reason="the real documents are not here")
def test_the_department_rubric_number_from_its_stamp(real_metas):
    assert (real_metas["013"].number, real_metas["013"].evaluation_year) == ("2775/SNV-CCHC&VTLT", 2025)
