"""Document metadata from the decision's own lines: number, province, issue
date, evaluation year, kind, signer, and the decisions cited in "Căn cứ …"."""
from __future__ import annotations

import re

from .interpret import fold
from .model import Metadata, Paragraph, Table

_NUMBER = re.compile(r"\bS[ốo]\s*:\s*(\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][\wĐ]*(?:\s*[-&]\s*[A-ZĐ][\wĐ]*)*)")
_PLACE_DATE = re.compile(
    r"(?P<place>[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+"
    r"(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_PLACE_BLANK_DATE = re.compile(
    r"^(?P<place>[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}),\s*ngày\s+(?:\d{1,2}\s+)?tháng\s+"
    r"(?:\d{1,2}\s+)?năm\s+\d{4}")
_PROVINCE = re.compile(r"\bT[ỈI]NH\s+([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{2,30}?)\s*(?:$|\||[,.;:(]|CỘNG HÒA|CỘNG HOÀ)")
#: The centrally-run cities: their letterheads say "THÀNH PHỐ HÀ NỘI", "TP. HỒ CHÍ MINH".
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
_CITY = re.compile(r"(?:^|\s|\|)(?:THÀNH PHỐ|TP\.?)\s+(" + "|".join(c.upper() for c in CENTRAL_CITIES)
                   + r")(?=$|\s|\||[,.;:(])")
#: Ministries and national bodies by the sign that closes their document numbers.
MINISTRIES = {
    "BNV": "Bộ Nội vụ", "BTTTT": "Bộ Thông tin và Truyền thông", "BTC": "Bộ Tài chính",
    "BKHCN": "Bộ Khoa học và Công nghệ", "BKHĐT": "Bộ Kế hoạch và Đầu tư", "BTP": "Bộ Tư pháp",
    "BCA": "Bộ Công an", "BYT": "Bộ Y tế", "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn", "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BTNMT": "Bộ Tài nguyên và Môi trường", "BXD": "Bộ Xây dựng", "BCT": "Bộ Công Thương",
    "BGTVT": "Bộ Giao thông vận tải", "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "BQP": "Bộ Quốc phòng", "BNG": "Bộ Ngoại giao",
    "BDTTG": "Bộ Dân tộc và Tôn giáo", "TTg": "Thủ tướng Chính phủ", "VPCP": "Văn phòng Chính phủ",
    "NHNN": "Ngân hàng Nhà nước Việt Nam", "TTCP": "Thanh tra Chính phủ",
}
_MINISTRY_LINE = re.compile(r"^(?:\|\s*)?(BỘ\s+[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,\-]{2,60}?|VĂN PHÒNG CHÍNH PHỦ|"
                            r"THỦ TƯỚNG CHÍNH PHỦ|NGÂN HÀNG NHÀ NƯỚC(?: VIỆT NAM)?)\s*(?:$|\||CỘNG HÒA|CỘNG HOÀ)")
_NATIONAL_SIGN = re.compile(r"/[A-ZĐ]+-(" + "|".join(sorted(MINISTRIES, key=len, reverse=True)) + r")\b")
_PROVINCE_LOWER = re.compile(r"\btỉnh\s+([A-ZĐÀ-Ỹ][\wà-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wà-ỹ]*){0,2})")
_CITED = re.compile(
    r"(?:Quyết định|Nghị định|Thông tư|Nghị quyết|Chỉ thị|Kế hoạch)\s+(?:số\s*:?\s*)?"
    r"(\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][\wĐ]*(?:\s*-\s*[A-ZĐ][\wĐ]*)*|\d+-[A-ZĐ]+/[A-ZĐ][\wĐ]*)")
_DATE_WORDS = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
_FOOTER_SIGNER = re.compile(r"^(?:-\s*)?Người ký\s*:?\s*(?P<name>\S.*)$")
_OPERATIVE = re.compile(r"^QUYẾT ĐỊNH\s*:")
_YEAR_IN_TITLE = re.compile(r"\bNĂM\s+(\d{4})\b|\bnăm\s+(\d{4})\b")
_SIGN_ROLE = re.compile(r"^(?:\|\s*)?(?:KT\.\s*|TM\.\s*)?(?:PHÓ\s+)?CHỦ TỊCH\s*\|?$")
_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")


def clean_number(number: str) -> str:
    return re.sub(r"\s+", "", number)


def find_number(paras: list[Paragraph]) -> str | None:
    """'Số: 2631/QĐ-UBND'; None where the number is left blank ('Số:   /QĐ-UBND').
    An e-signature stamp may print '&amp;' for '&'."""
    for p in paras[:80]:
        m = _NUMBER.search(p.text.replace("&amp;", "&"))
        if m:
            return clean_number(m.group(1))
    return None


def find_issued(paras: list[Paragraph]) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, place) from the "Hòa Bình, ngày 27 tháng 12 năm 2017" line."""
    for p in paras[:80]:
        m = _PLACE_DATE.search(p.text)
        if m and (m.start() == 0 or p.text[:m.start()].rstrip().endswith("|")):
            return f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}", m["place"]
    for p in paras[:80]:             # a draft leaves the day blank: "Lâm Đồng, ngày   tháng 11 năm 2025"
        m = _PLACE_BLANK_DATE.match(p.text)
        if m:
            return None, m["place"]
    return None, None


def find_province(paras: list[Paragraph], place: str | None) -> str | None:
    """The province of a provincial letterhead ("UBND TỈNH LÂM ĐỒNG", "THÀNH PHỐ HÀ NỘI"),
    else the place of the date line, else a "tỉnh X" of the opening lines; None for a
    ministry's document."""
    if find_ministry(paras) is not None:
        return None
    for p in paras[:40]:
        if (m := _PROVINCE.search(p.text)) or (m := _CITY.search(p.text)):
            return _title(m.group(1))
    if place and not place.lower().startswith("ngày") and not _is_label(place):
        return place
    for p in paras[:10]:
        m = re.match(r"^([A-ZĐÀ-Ỹ][\wà-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wà-ỹ]*){0,2})\s*:", p.text)
        if m and not _is_label(m.group(1)):
            return m.group(1)
    for p in paras[:80]:
        m = _PROVINCE_LOWER.search(p.text)
        if m:
            return m.group(1)
    return None


_LABELS = ("số", "v/v", "về việc", "kính gửi", "nơi nhận", "căn cứ", "điều", "phụ lục", "ngày")


def _is_label(text: str) -> bool:
    """'Số', 'Kính gửi', 'Nơi nhận', 'PHỤ LỤC I': the words before a colon that are not places."""
    words = text.strip().lower()
    return any(words == label or words.startswith(label + " ") for label in _LABELS)


def find_ministry(paras: list[Paragraph]) -> str | None:
    """A ministry's letterhead ("BỘ NỘI VỤ"), or the sign closing its number ("/QĐ-BNV")."""
    for p in paras[:12]:
        m = _MINISTRY_LINE.match(p.text.strip())
        if m:
            return _title(m.group(1)).replace("Bộ ", "Bộ ", 1)
    for p in paras[:12]:
        number = _NUMBER.search(p.text.replace("&amp;", "&"))
        m = _NATIONAL_SIGN.search(number.group(0)) if number else None
        if m:                                   # its own number line: "Số: 1187/QĐ-BNV"
            return MINISTRIES[m.group(1)]
    for p in paras[:6]:                         # an annex: "(Ban hành kèm theo … của Bộ Nội vụ)"
        m = _ANNEX_OF.search(p.text)
        if m:
            return m.group(1)
    return None


_ANNEX_OF = re.compile(r"^\(?\s*Ban hành kèm theo .*?\bcủa\s+(Bộ\s+[A-ZĐÀ-Ỹ][\wà-ỹ ,\-]{2,60}?)\s*\)?\s*$")


def find_issuer(paras: list[Paragraph], province: str | None) -> str | None:
    """Who issued it: a ministry, or the province's (or city's) People's Committee."""
    ministry = find_ministry(paras)
    if ministry is not None:
        return _sentence_case(ministry)
    if province is None:
        return None
    kind = "thành phố" if province in CENTRAL_CITIES else "tỉnh"
    return f"Ủy ban nhân dân {kind} {province}"


def _sentence_case(name: str) -> str:
    """'Bộ Nội Vụ' (from capitals) → 'Bộ Nội vụ'; a name from the table is kept."""
    if name in MINISTRIES.values():
        return name
    known = {n.lower(): n for n in MINISTRIES.values()}
    return known.get(name.lower(), name[:1] + name[1:].lower())


def find_scope(issuer: str | None, province: str | None) -> str | None:
    """national: a ministry's or the government's document (it ranks provinces or
    ministries); provincial: a province's."""
    if issuer is not None and province is None:
        return "national"
    return "provincial" if province is not None else None


def _title(caps: str) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in caps.split())


def preamble(paras: list[Paragraph]) -> list[Paragraph]:
    """A decision's legal bases come before its operative "QUYẾT ĐỊNH:"; a document
    without one (a news article) is searched whole."""
    for k, p in enumerate(paras):
        if _OPERATIVE.match(p.text):
            return paras[:k]
    return paras


def find_based_on(paras: list[Paragraph]) -> list[str]:
    """Decisions cited in the preamble's "Căn cứ …" / "Thực hiện …" lines, in order."""
    out: list[str] = []
    for p in preamble(paras):
        if not re.match(r"^(Căn cứ|Thực hiện)\b", p.text):
            continue
        for m in _CITED.finditer(p.text):
            number = clean_number(m.group(1))
            if number not in out:
                out.append(number)
    return out


def find_signer(paras: list[Paragraph]) -> str | None:
    for k, p in enumerate(paras):
        if _SIGN_ROLE.match(p.text):
            for q in paras[k + 1:k + 4]:
                if _NAME.match(q.text):
                    return q.text
    return footer_signer(paras)


def footer_signer(paras: list[Paragraph]) -> str | None:
    """The portal's document card: "- Người ký: Nguyễn Văn Chương"."""
    for p in paras:
        m = _FOOTER_SIGNER.match(p.text)
        if m and _NAME.match(m["name"]):
            return m["name"]
    return None


def find_title(paras: list[Paragraph]) -> str | None:
    for k, p in enumerate(paras[:60]):
        if fold(p.text) == "quyet dinh" and k + 1 < len(paras):
            return paras[k + 1].text
    return paras[0].text if paras else None


def find_year(title: str | None, paras: list[Paragraph]) -> int | None:
    """The year evaluated: "năm 2025" in a line that speaks of results, ranks or an index."""
    texts = [title or ""] + [p.text for p in paras[:40]]
    for text in texts:
        if re.search(r"KẾT QUẢ|[Kk]ết quả|XẾP HẠNG|[Xx]ếp hạng|CHỈ SỐ|[Cc]hỉ số", text):
            m = _YEAR_IN_TITLE.search(_DATE_WORDS.sub("", text))   # not "ngày 07 tháng 12 năm 2016"
            if m:
                return int(m.group(1) or m.group(2))
    return None


_REPORT_HEAD = re.compile(r"^(BÁO CÁO|TỜ TRÌNH|KẾ HOẠCH|THÔNG BÁO)\b\s*(.*)$")


def report_title(paras: list[Paragraph]) -> str | None:
    """The line a report or submission is titled by: after "BÁO CÁO" / "TỜ TRÌNH" (on its
    own line, or on the same line in a PDF's text)."""
    for k, p in enumerate(paras[:20]):
        m = _REPORT_HEAD.match(p.text.strip())
        if m:
            return m.group(2) or (paras[k + 1].text if k + 1 < len(paras) else None)
    return None


def rubric_year(paras: list[Paragraph], kind: str) -> int | None:
    """A rubric is for the year it is issued in: '(Ban hành kèm theo Quyết định số …
    ngày … năm 2025 …)', or the date of its e-signature stamp ('10/11/2025')."""
    if kind != "rubric":
        return None
    for p in paras[:12]:
        m = _ANNEXED_IN.search(p.text) or _STAMP_DATE.search(p.text.replace("&amp;", "&"))
        if m:
            return int(m.group(1))
    return None


_ANNEXED_IN = re.compile(r"Ban hành kèm theo .*?\bnăm\s+(\d{4})\b")
_STAMP_DATE = re.compile(r"^Số\s*:\s*\S+;\s*\d{1,2}/\d{1,2}/(\d{4});")   # "Số: 2775/SNV-…; 10/11/2025; 10:59:46;"


def find_kind(number: str | None, title: str | None, tables: list[Table]) -> str:
    key = fold(title or "")
    kinds = {t.kind for t in tables}
    if number is None and "scores" in kinds:
        return "news"
    if re.search(r"bo (tieu chi|chi so)|quy dinh danh gia|ban hanh", key) and "rubric" in kinds:
        return "rubric"
    if re.search(r"ket qua|xep hang", key) and "scores" in kinds:
        return "results"
    if "rubric" in kinds:
        return "rubric"
    if "scores" in kinds:
        return "results"
    return "other"


def metadata(paras: list[Paragraph], tables: list[Table]) -> Metadata:
    number = find_number(paras)
    issued, place = find_issued(paras)
    title = find_title(paras)
    kind = find_kind(number, title, tables)
    year = (find_year(title, paras) if kind in ("results", "news")
            else find_year(title, []) or find_year(report_title(paras), []) or rubric_year(paras, kind))
    province = find_province(paras, place)
    issuer = find_issuer(paras, province)
    return Metadata(
        number=number, province=province, issued=issued,
        evaluation_year=year, kind=kind, signer=find_signer(paras),
        based_on=tuple(find_based_on(paras)), title=title,
        issuer=issuer, scope=find_scope(issuer, province))
