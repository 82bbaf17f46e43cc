"""Document metadata from the decision's own lines: number, province, issue
date, evaluation year, kind, signer, and the decisions cited in "Căn cứ …"."""
from __future__ import annotations

import re

from .interpret import fold
from .letterhead import (CENTRAL_CITIES, CITY as _CITY, MINISTRIES, NUMBER as _NUMBER, body_name,
                         is_committee, letterhead, sign_body, title_case as _title, with_province)
from .model import Metadata, Paragraph, Table

_PLACE_DATE = re.compile(
    r"(?P<place>[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+"
    r"(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_PLACE_BLANK_DATE = re.compile(
    r"^(?P<place>[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}),\s*ngày\s+(?:\d{1,2}\s+)?tháng\s+"
    r"(?:\d{1,2}\s+)?năm\s+\d{4}")
_PROVINCE = re.compile(r"\bT[ỈI]NH\s+([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{2,30}?)\s*(?:$|\||[,.;:(]|CỘNG HÒA|CỘNG HOÀ)")
_MINISTRY_LINE = re.compile(r"^(?:\|\s*)?(BỘ\s+[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,\-]{2,60}?|VĂN PHÒNG CHÍNH PHỦ|"
                            r"THỦ TƯỚNG CHÍNH PHỦ|NGÂN HÀNG NHÀ NƯỚC(?: VIỆT NAM)?)\s*(?:$|\||CỘNG HÒA|CỘNG HOÀ)")
_NATIONAL_SIGN = re.compile(r"/[A-ZĐ]+-(" + "|".join(sorted(MINISTRIES, key=len, reverse=True)) + r")\b")
_PROVINCE_LOWER = re.compile(r"\btỉnh\s+([A-ZĐÀ-Ỹ][\wà-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wà-ỹ]*){0,2})")
_CITED = re.compile(
    r"(?:Quyết định|Nghị định|Thông tư|Nghị quyết|Chỉ thị|Kế hoạch)\s+(?:số\s*:?\s*)?"
    r"(\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][\wĐ]*(?:\s*-\s*[A-ZĐ][\wĐ]*)*|\d+-[A-ZĐ]+/[A-ZĐ][\wĐ]*)")
_FOOTER_SIGNER = re.compile(r"^(?:-\s*)?Người ký\s*:?\s*(?P<name>\S.*)$")
_OPERATIVE = re.compile(r"^QUYẾT ĐỊNH\s*:")
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
        for m in _PROVINCE_LOWER.finditer(p.text):
            if name := _capitalised(m.group(1)):        # "tỉnh Sơn La đạt" → Sơn La
                return name
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


def find_issuer(paras: list[Paragraph], province: str | None,
                number: str | None = None) -> str | None:
    """Who issued it: the body the letterhead names last ("UBND TỈNH LÂM ĐỒNG / SỞ NỘI VỤ"
    → Sở Nội vụ tỉnh Lâm Đồng), a ministry, the body whose sign closes the number
    ("/SNV-…"), or the province's (or city's) People's Committee."""
    units = letterhead(paras)
    ministry = find_ministry(paras)
    if len(units) > 1:
        body = body_name(units[-1])
        if ministry is not None:
            return f"{body}, {_sentence_case(ministry)}"
        return with_province(body, province)
    if ministry is not None:
        return _sentence_case(ministry)
    if not units and number and (sign := sign_body(number)):
        return with_province(sign, province)
    if units and not is_committee(units[0]):
        return with_province(body_name(units[0]), province)
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
    """The line after "QUYẾT ĐỊNH", or a report's or submission's title; a title wrapped
    over lines is joined while the next line goes on in lower case."""
    for k, p in enumerate(paras[:60]):
        if fold(p.text) == "quyet dinh" and k + 1 < len(paras):
            return _joined(paras, k + 1)
    return report_title(paras) or annex_title(paras) or (paras[0].text if paras else None)


def _joined(paras: list[Paragraph], k: int) -> str:
    """Paragraph k with the lines that continue it: one going on in lower case ("… các khu
    công nghiệp" / "và Ủy ban nhân dân …") or after a comma ("PAR Index, SIPAS," / "PAPI, PCI")."""
    text = paras[k].text
    for p in paras[k + 1:k + 4]:
        if not (p.text[:1].islower() or re.search(r"(?:,|\bvà|\bcủa|\bvề)$", text.rstrip())):
            break
        text = f"{text} {p.text}"
    return text


def annex_title(paras: list[Paragraph]) -> str | None:
    """An annex or table issued on its own: the line after "PHỤ LỤC I:" or "Bảng 2"."""
    for k, p in enumerate(paras[:6]):
        if re.match(r"^(?:PHỤ LỤC|Phụ lục|BẢNG|Bảng|BIỂU|Biểu)\b[\s\dIVXivx.:-]*$", p.text.strip()) \
                and k + 1 < len(paras):
            return _joined(paras, k + 1)
    return None


#: Words of a line that speaks of results, ranks or an index.
_RESULT_WORDS = re.compile(r"kết quả|xếp hạng|xếp loại|chỉ số|đánh giá|\bindex\b|"
                           r"\b(?:PAR|PCI|PAPI|SIPAS|DTI|ICT)\b", re.I)
_HEADING_RESULT = re.compile(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))?\s*(?:kết quả|xếp hạng|chỉ số)", re.I)
#: What is not the year evaluated: dates, a target ("đến năm 2030"), a period
#: ("2021-2025"), the year inside a document number ("64/2007/NĐ-CP") or a date ("06/11/2025").
_NOT_EVALUATED = re.compile(
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|(?:đến|tới|trước|so với|từ|kể từ)\s+(?:cùng kỳ\s+)?năm\s+\d{4}|giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}|\d{4}\s*[-–]\s*\d{4}"
    r"|\S*/\d{4}\S*|\d{4}/\S*", re.I)
_YEAR_AFTER_NAM = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.I)
_BARE_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,%])")


def year_in(text: str) -> int | None:
    """The year a line evaluates: "Chỉ số CCHC năm 2024", "kết quả DTI 2023" → 2024, 2023;
    not a date, a target, a period, a year compared with ("so với năm 2019") or a document
    number's year.  A line naming several years speaks of the latest."""
    if not _RESULT_WORDS.search(text):
        return None
    rest = _NOT_EVALUATED.sub(" ", text)
    years = [int(y) for y in _YEAR_AFTER_NAM.findall(rest) or _BARE_YEAR.findall(rest)]
    return max(years) if years else None


def find_year(title: str | None, paras: list[Paragraph]) -> int | None:
    """The year evaluated: from the title, else a heading that speaks of results
    ("1. Kết quả Chỉ số năm 2024"), else any early line that does."""
    if title and (year := year_in(title)):
        return year
    lines = [p.text for p in paras[:80]]
    for text in lines:
        if _HEADING_RESULT.match(text) and len(text) < 120 and (year := year_in(text)):
            return year
    for text in lines[:40]:
        if year := year_in(text):
            return year
    return None


_REPORT_HEAD = re.compile(r"^(BÁO CÁO|TỜ TRÌNH|KẾ HOẠCH|THÔNG BÁO)\b\s*(.*)$")


def report_title(paras: list[Paragraph]) -> str | None:
    """The line a report or submission is titled by: after "BÁO CÁO" / "TỜ TRÌNH" (on its
    own line, or on the same line in a PDF's text), with the lines that continue it."""
    for k, p in enumerate(paras[:20]):
        m = _REPORT_HEAD.match(p.text.strip())
        if m and m.group(2):
            return m.group(2)
        if m and k + 1 < len(paras):
            return _joined(paras, k + 1)
    return None


def report_year(paras: list[Paragraph]) -> int | None:
    """A report that names no year speaks of the year it is written in: the year of its
    date line, the day left blank or not ("Lâm Đồng, ngày   tháng 11 năm 2025")."""
    if report_title(paras) is None:
        return None
    for p in paras[:40]:
        m = _DATE_LINE_YEAR.search(p.text)
        if m:
            return int(m.group(1))
    return None


_DATE_LINE_YEAR = re.compile(r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3},\s*ngày\s+(?:\d{1,2}\s+)?"
                             r"tháng\s+(?:\d{1,2}\s+)?năm\s+(\d{4})")


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


def find_kind(number: str | None, title: str | None, tables: list[Table],
              paras: list[Paragraph] = ()) -> str:
    key = fold(title or "")
    kinds = {t.kind for t in tables}
    rubric_words = re.search(r"bo (tieu chi|chi so)|quy dinh danh gia|ban hanh|huong dan cham", key)
    if number is None and "scores" in kinds and not has_number_line(paras):
        return "news"
    if rubric_words and "rubric" in kinds:
        return "rubric"
    if re.search(r"ket qua|xep hang", key) and "scores" in kinds:
        return "results"
    if report_title(paras) is not None and not rubric_words:   # a report is not a rubric
        return "results" if "scores" in kinds else "other"
    if "rubric" in kinds:
        return "rubric"
    if "scores" in kinds:
        return "results"
    return "other"


def has_number_line(paras) -> bool:
    """An official document prints its "Số:" line even when the number is left blank
    ("Số:   /QĐ-UBND"); a news article does not."""
    return any(re.match(r"^(?:\|\s*)?S[ốo]\s*:", p.text.strip()) for p in paras[:40])


def table_province(tables: list[Table]) -> str | None:
    """The province a document's tables name as "UBND tỉnh X" most often (a rubric annex
    without a letterhead: "… của UBND tỉnh Lâm Đồng về …")."""
    seen: dict[str, int] = {}
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                for m in _COMMITTEE_OF.finditer(cell.text):
                    name = _capitalised(m.group(1))
                    if name:
                        seen[name] = seen.get(name, 0) + 1
    return max(seen, key=seen.get) if seen else None


_COMMITTEE_OF = re.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+tỉnh\s+"
                           r"([A-ZĐÀ-Ỹ][\wà-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wà-ỹ]*){0,2})")


def _capitalised(words: str) -> str:
    """The leading capitalised words: 'Lâm Đồng về' → 'Lâm Đồng'; 'đã' → ''."""
    out = []
    for word in words.split():
        if not word[:1].isupper():
            break
        out.append(word)
    return " ".join(out)


def metadata(paras: list[Paragraph], tables: list[Table]) -> Metadata:
    number = find_number(paras)
    issued, place = find_issued(paras)
    title = find_title(paras)
    kind = find_kind(number, title, tables, paras)
    if kind == "rubric":
        year = (find_year(title, []) or find_year(report_title(paras), [])
                or rubric_year(paras, kind))
    else:
        year = find_year(title, paras) or report_year(paras)
    province = find_province(paras, place)
    if province is None and find_ministry(paras) is None:
        province = table_province(tables)
    issuer = find_issuer(paras, province, number)
    return Metadata(
        number=number, province=province, issued=issued,
        evaluation_year=year, kind=kind, signer=find_signer(paras),
        based_on=tuple(find_based_on(paras)), title=title,
        issuer=issuer, scope=find_scope(issuer, province))
