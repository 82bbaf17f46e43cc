"""Provinces as national ranking tables print them, before and after the 2025 merger.

Names come from two places: the real national tables transcribed by hand in
../shared/real (read in place; those tests skip when it is absent), and the lists
below of the 63 and the 34 provinces as ministries and newspapers print them.
Expected identities are written here by hand.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from xephang.normalize.gazetteer import gazetteer
from xephang.normalize.keys import fold
from xephang.normalize.matching import Matcher

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"

#: The 63 provinces and centrally-run cities until 2025-06-30, as printed, → identity.
LEGACY = {
    "Hà Nội": "ha-noi", "Hà Giang": "ha-giang", "Cao Bằng": "cao-bang", "Bắc Kạn": "bac-kan",
    "Tuyên Quang": "tuyen-quang", "Lào Cai": "lao-cai", "Điện Biên": "dien-bien",
    "Lai Châu": "lai-chau", "Sơn La": "son-la", "Yên Bái": "yen-bai", "Hoà Bình": "hoa-binh",
    "Thái Nguyên": "thai-nguyen", "Lạng Sơn": "lang-son", "Quảng Ninh": "quang-ninh",
    "Bắc Giang": "bac-giang", "Phú Thọ": "phu-tho", "Vĩnh Phúc": "vinh-phuc",
    "Bắc Ninh": "bac-ninh", "Hải Dương": "hai-duong", "TP. Hải Phòng": "hai-phong",
    "Hưng Yên": "hung-yen", "Thái Bình": "thai-binh", "Hà Nam": "ha-nam",
    "Nam Định": "nam-dinh", "Ninh Bình": "ninh-binh", "Thanh Hoá": "thanh-hoa",
    "Nghệ An": "nghe-an", "Hà Tĩnh": "ha-tinh", "Quảng Bình": "quang-binh",
    "Quảng Trị": "quang-tri", "Thừa Thiên - Huế": "hue", "TP. Đà Nẵng": "da-nang",
    "Quảng Nam": "quang-nam", "Quảng Ngãi": "quang-ngai", "Bình Định": "binh-dinh",
    "Phú Yên": "phu-yen", "Khánh Hòa": "khanh-hoa", "Ninh Thuận": "ninh-thuan",
    "Bình Thuận": "binh-thuan", "Kon Tum": "kon-tum", "Gia Lai": "gia-lai",
    "Đắk Lắk": "dak-lak", "Đắk Nông": "dak-nong", "Lâm Đồng": "lam-dong",
    "Bình Phước": "binh-phuoc", "Tây Ninh": "tay-ninh", "Bình Dương": "binh-duong",
    "Đồng Nai": "dong-nai", "Bà Rịa - Vũng Tàu": "ba-ria-vung-tau", "TP HCM": "ho-chi-minh",
    "Long An": "long-an", "Tiền Giang": "tien-giang", "Bến Tre": "ben-tre",
    "Trà Vinh": "tra-vinh", "Vĩnh Long": "vinh-long", "Đồng Tháp": "dong-thap",
    "An Giang": "an-giang", "Kiên Giang": "kien-giang", "TP. Cần Thơ": "can-tho",
    "Hậu Giang": "hau-giang", "Sóc Trăng": "soc-trang", "Bạc Liêu": "bac-lieu",
    "Cà Mau": "ca-mau",
}
#: Other habits of the same tables (63-province years).
LEGACY_HABITS = {
    "Thừa Thiên Huế": "hue", "TT-Huế": "hue", "BR-VT": "ba-ria-vung-tau",
    "TP.HCM": "ho-chi-minh", "TP.Hồ Chí Minh": "ho-chi-minh", "thành phố Hồ Chí Minh": "ho-chi-minh",
    "Tp. Hồ Chí Minh": "ho-chi-minh", "TP Đà Nẵng": "da-nang", "Thành phố Hà Nội": "ha-noi",
    "Tỉnh Hòa Bình": "hoa-binh", "Đắc Lắc": "dak-lak", "Kontum": "kon-tum", "Bà Rịa-Vũng Tàu": "ba-ria-vung-tau",
}
#: The 34 provinces and cities from 2025-07-01, as printed, → identity.
NEW = {
    "Thủ đô Hà Nội": "ha-noi@2025", "Tuyên Quang": "tuyen-quang@2025", "Cao Bằng": "cao-bang@2025",
    "Thái Nguyên": "thai-nguyen@2025", "Lào Cai": "lao-cai@2025", "Điện Biên": "dien-bien@2025",
    "Lai Châu": "lai-chau@2025", "Sơn La": "son-la@2025", "Phú Thọ": "phu-tho@2025",
    "Lạng Sơn": "lang-son@2025", "Quảng Ninh": "quang-ninh@2025", "Bắc Ninh": "bac-ninh@2025",
    "TP. Hải Phòng": "hai-phong@2025", "Hưng Yên": "hung-yen@2025", "Ninh Bình": "ninh-binh@2025",
    "Thanh Hóa": "thanh-hoa@2025", "Nghệ An": "nghe-an@2025", "Hà Tĩnh": "ha-tinh@2025",
    "Quảng Trị": "quang-tri@2025", "TP. Huế": "hue@2025", "TP. Đà Nẵng": "da-nang@2025",
    "Quảng Ngãi": "quang-ngai@2025", "Gia Lai": "gia-lai@2025", "Đắk Lắk": "dak-lak@2025",
    "Khánh Hoà": "khanh-hoa@2025", "Lâm Đồng": "lam-dong@2025", "Đồng Nai": "dong-nai@2025",
    "Tây Ninh": "tay-ninh@2025", "TP.HCM": "ho-chi-minh@2025", "Đồng Tháp": "dong-thap@2025",
    "Vĩnh Long": "vinh-long@2025", "An Giang": "an-giang@2025", "TP Cần Thơ": "can-tho@2025",
    "Cà Mau": "ca-mau@2025",
}

#: Damage seen in portal text and OCR: a dropped letter of U+1EA0–U+1EF9, no diacritics,
#: capitals, dashes and dots without their spaces.
def _dropped(name: str) -> str:
    for i, ch in enumerate(name):
        if 0x1EA0 <= ord(ch) <= 0x1EF9:
            return name[:i] + name[i + 1:]
    return name


DAMAGE = {"dropped": _dropped, "plain": fold, "upper": str.upper,
          "dashes": lambda n: n.replace(" - ", "–").replace(". ", ".")}


def _run(names: dict[str, str], year: int) -> tuple[float, list]:
    found = Matcher().match_many(list(names), year=year, level="province")
    right = sum(m.status == "matched" and m.id == names[m.input] for m in found)
    wrong = [(m.input, m.id) for m in found if m.status == "matched" and m.id != names[m.input]]
    return right / len(names), wrong


@pytest.mark.parametrize("names, year", [(LEGACY, 2019), (LEGACY_HABITS, 2016), (NEW, 2025),
                                         (NEW, 2026)])
def test_every_province_as_printed_resolves(names, year):
    rate, wrong = _run(names, year)
    assert wrong == []
    assert rate == 1.0


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("names, year", [(LEGACY, 2021), (NEW, 2025)])
def test_damaged_province_names(names, year, damage):
    damaged = {DAMAGE[damage](n): ident for n, ident in names.items()}
    rate, wrong = _run(damaged, year)
    assert wrong == []
    assert rate >= 0.99


def test_lineage_gives_todays_province():
    m = Matcher().match("Hoà Bình", year=2021, level="province")
    assert (m.id, m.current) == ("hoa-binh", "phu-tho@2025")
    # printed in a 2025 ranking of the 34, the same name is today's province itself
    assert Matcher().match("Lâm Đồng", year=2025, level="province").id == "lam-dong@2025"
    assert Matcher().match("Lâm Đồng", year=2024, level="province").current == "lam-dong@2025"


def test_a_type_word_never_makes_a_province_a_district():
    m = Matcher().match("TP. Đà Nẵng", year=2019, level="province")
    assert (m.status, m.level, m.id) == ("matched", "province", "da-nang")
    # without the level, "thành phố X" is still a district-level name
    assert Matcher().match("TP. Hòa Bình", province="Hòa Bình", year=2017).level == "district"


def test_not_a_province_is_unknown():
    for printed in ("Chỉ số hạ tầng kỹ thuật", "Bộ Tài chính", "Đồng bằng sông Hồng", "2019"):
        assert Matcher().match(printed, year=2023, level="province").status != "matched", printed


def test_the_gazetteer_holds_63_and_34():
    ids = {p.id for p in gazetteer().provinces}
    assert set(LEGACY.values()) | set(NEW.values()) == ids


# -- the real national tables -------------------------------------------------

#: (truth file, table title start) → printed name → identity, written by hand.
REAL_TABLES = {
    ("excerpts/truth/017_tayninh-ictindex-2019-news.json", "Vietnam ICT Index 2019"): 2019,
    ("excerpts/truth/026_ictindex-2023-danang-news.json", "ICT Index 2023 – tỉnh"): 2023,
    ("excerpts/truth/027_ictindex-2019-danang-news.json", "ICT Index 2019"): 2019,
    ("excerpts/truth/028_ictindex-2016-danang-news.json", "ICT Index 2016"): 2016,
    ("excerpts/truth/028_ictindex-2016-danang-news.json", "Vietnam ICT Index 2016"): 2016,
    ("excerpts/truth/033_sonla-par-2024-provincial-report.json", "Chỉ số CCHC 2024"): 2024,
    ("excerpts/truth/043_binhduong-ict-2019-portal-news.json", "Chỉ số Trang"): 2019,
    ("truth/017_lamdong-snv-bc-cacchiso-2025-11-06.json", "Chỉ số"): 2024,
}
EXPECTED = {
    "TP Đà Nẵng": "da-nang", "Đà Nẵng": "da-nang", "Tây Ninh": "tay-ninh",
    "TP.Hồ Chí Minh": "ho-chi-minh", "Hà Nội": "ha-noi", "Cần Thơ": "can-tho",
    "Quảng Ninh": "quang-ninh", "Bắc Ninh": "bac-ninh", "Phú Yên": "phu-yen",
    "Thừa Thiên Huế": "hue", "Bà Rịa - Vũng Tàu": "ba-ria-vung-tau", "Tiền Giang": "tien-giang",
    "thành phố Hồ Chí Minh": "ho-chi-minh", "Thành phố Hồ Chí Minh": "ho-chi-minh",
    "Thanh Hóa": "thanh-hoa", "Phú Thọ": "phu-tho", "Bắc Giang": "bac-giang",
    "Sơn La": "son-la", "Hải Phòng": "hai-phong", "Bình Dương": "binh-duong",
    "An Giang": "an-giang", "Thừa Thiên - Huế": "hue", "Bình Thuận": "binh-thuan",
    "Lâm Đồng": "lam-dong", "Đắk Nông": "dak-nong",
}


def _real_names() -> list[tuple[str, int]]:
    out = []
    for (path, title), year in REAL_TABLES.items():
        truth = json.loads((REAL / path).read_text(encoding="utf-8"))
        for table in truth["tables"]:
            if not table["title"].startswith(title) or "component" in table["title"]:
                continue
            for row in table["rows"]:
                name = row["unit"].split(" – ")[0]     # 017: "Lâm Đồng – 1 Công tác …"
                if name in EXPECTED:
                    out.append((name, year))
    return out


@pytest.mark.skipif(not REAL.is_dir(), reason="the real documents are not here")
def test_the_provinces_of_real_national_tables_resolve():
    names = _real_names()
    assert len(names) >= 60
    matcher = Matcher()
    found = [matcher.match(n, year=y, level="province") for n, y in names]
    wrong = [(m.input, m.id) for m in found if m.status == "matched" and m.id != EXPECTED[m.input]]
    right = sum(m.status == "matched" and m.id == EXPECTED[m.input] for m in found)
    assert wrong == []
    assert right / len(found) >= 0.99


def test_a_national_table_becomes_province_scores(tmp_path):
    """A ministry's ranking of provinces: its rows resolve at level province, each with its
    identity at the time and today's."""
    from xephang.extract import read_document
    from xephang.normalize import resolve
    rows = [("TP. Đà Nẵng", "0,8512"), ("Thừa Thiên - Huế", "0,7033"), ("Quảng Ninh", "0,6562"),
            ("TP.HCM", "0,6416"), ("Hòa Bình", "0,4120"), ("BR-VT", "0,4011")]
    body = "".join(f"<tr><td>{i}</td><td>{n}</td><td>{v}</td><td>{i}</td></tr>"
                   for i, (n, v) in enumerate(rows, 1))
    html = ("<html><body><p>BỘ THÔNG TIN VÀ TRUYỀN THÔNG</p><p>Số: 1433/QĐ-BTTTT</p>"
            "<p>QUYẾT ĐỊNH</p><p>Về việc công bố kết quả xếp hạng Chỉ số ICT Index năm 2019</p>"
            "<table><tr><th>STT</th><th>Tỉnh, thành phố</th><th>Điểm</th><th>Xếp hạng</th></tr>"
            f"{body}</table></body></html>")
    path = tmp_path / "ict2019.html"
    path.write_text(html, encoding="utf-8")
    res = resolve(read_document(path))
    assert res.doc.meta.scope == "national" and res.level(0) == "province"
    got = [(res.unit(0, r).id, res.unit(0, r).current) for r in range(6)]
    assert got == [("da-nang", "da-nang@2025"), ("hue", "hue@2025"),
                   ("quang-ninh", "quang-ninh@2025"), ("ho-chi-minh", "ho-chi-minh@2025"),
                   ("hoa-binh", "phu-tho@2025"), ("ba-ria-vung-tau", "ho-chi-minh@2025")]
