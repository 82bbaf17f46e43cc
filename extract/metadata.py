"""Document metadata from the decision's own lines: number, province, issue
date, evaluation year, kind, signer, and the decisions cited in "Căn cứ …"."""
from __future__ import annotations

import re

from .interpret import fold
from .model import Metadata, Paragraph, Table

_NUMBER = re.compile(r"\bS[ốo]\s*:\s*(\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][\wĐ]*(?:\s*-\s*[A-ZĐ][\wĐ]*)*)")
_PLACE_DATE = re.compile(
    r"(?P<place>[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+"
    r"(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_PLACE_BLANK_DATE = re.compile(
    r"^(?P<place>[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}),\s*ngày\s+(?:\d{1,2}\s+)?tháng\s+"
    r"(?:\d{1,2}\s+)?năm\s+\d{4}")
_PROVINCE = re.compile(r"\bT[ỈI]NH\s+([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{2,30}?)\s*(?:$|\||[,.;:(])")
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
    for p in paras[:80]:
        m = _NUMBER.search(p.text)
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
    for p in paras[:40]:
        m = _PROVINCE.search(p.text)
        if m:
            return _title(m.group(1))
    if place and not place.lower().startswith(("ngày", "hà nội")):
        return place
    for p in paras[:10]:
        m = re.match(r"^([A-ZĐÀ-Ỹ][\wà-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wà-ỹ]*){0,2})\s*:", p.text)
        if m:
            return m.group(1)
        m = _PROVINCE_LOWER.search(p.text)
        if m:
            return m.group(1)
    return None


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
    texts = [title or ""] + [p.text for p in paras[:40]]
    for text in texts:
        if re.search(r"KẾT QUẢ|kết quả|XẾP HẠNG|xếp hạng", text):
            m = _YEAR_IN_TITLE.search(_DATE_WORDS.sub("", text))   # not "ngày 07 tháng 12 năm 2016"
            if m:
                return int(m.group(1) or m.group(2))
    return None


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
    year = find_year(title, paras) if kind in ("results", "news") else None
    return Metadata(
        number=number, province=find_province(paras, place), issued=issued,
        evaluation_year=year, kind=kind, signer=find_signer(paras),
        based_on=tuple(find_based_on(paras)), title=title)
