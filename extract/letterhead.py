"""The issuing body from a document's letterhead: the bodies it names under their parent
("UBND TỈNH LÂM ĐỒNG / SỞ NỘI VỤ"), each name in its usual case ("Sở Nội vụ"), or the
body whose sign closes the document's number ("2775/SNV-CCHC")."""
from __future__ import annotations

import re

from .model import Paragraph

#: "Số: 2631/QĐ-UBND": a document number (none where it is left blank).
NUMBER = re.compile(r"\bS[ốo]\s*:\s*(\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][\wĐ]*(?:\s*[-&]\s*[A-ZĐ][\wĐ]*)*)")
#: The centrally-run cities: their letterheads say "THÀNH PHỐ HÀ NỘI", "TP. HỒ CHÍ MINH".
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
CITY = re.compile(r"(?:^|\s|\|)(?:THÀNH PHỐ|TP\.?)\s+(" + "|".join(c.upper() for c in CENTRAL_CITIES)
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

# The top left of a Vietnamese official document names the issuing body under its
# parent: "ỦY BAN NHÂN DÂN / TỈNH HÒA BÌNH", "UBND TỈNH LÂM ĐỒNG / SỞ NỘI VỤ",
# "VĂN PHÒNG UBND TỈNH / TRUNG TÂM PHỤC VỤ / HÀNH CHÍNH CÔNG".  A PDF's text may run the
# national motto into the same line; a text dump may put it after a "|".

_MOTTO = re.compile(r"CỘNG\s+H[OÒ][ÀA]\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
                    r"|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", re.I)
#: Words that open the name of a body (a new line of the letterhead starting with one
#: names a new body; any other line continues the one above).
_BODY_HEAD = re.compile(
    r"^(?:[ỦU]Y BAN|UBND|BỘ|SỞ|BAN|HỘI ĐỒNG|VĂN PHÒNG|TRUNG TÂM|TỔNG CỤC|CỤC|CHI CỤC|VỤ|"
    r"THANH TRA|KHO BẠC|ĐÀI|BẢO HIỂM|CÔNG AN|NGÂN HÀNG|TRƯỜNG|BỆNH VIỆN|HỌC VIỆN|VIỆN|BÁO|"
    r"THUẾ|HẢI QUAN|TỈNH ỦY|THÀNH ỦY|ĐẢNG ỦY|THỦ TƯỚNG|CHÍNH PHỦ|TẬP ĐOÀN|TỔNG CÔNG TY|"
    r"LIÊN ĐOÀN|HIỆP HỘI)\b")
_TITLE_WORD = re.compile(r"^(?:QUYẾT ĐỊNH|BÁO CÁO|TỜ TRÌNH|KẾ HOẠCH|THÔNG BÁO|CÔNG VĂN|HƯỚNG DẪN|"
                         r"PHỤ LỤC|BẢNG|CHỈ THỊ|NGHỊ QUYẾT|THÔNG TƯ|QUY ĐỊNH)\b")
_PLACE_WORD = re.compile(r"\b(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ(?!\s+HỘI)|PHƯỜNG|ĐẶC KHU)\s+(?=\S)")
_VOWELS = set("AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ")


def letterhead(paras: list[Paragraph]) -> list[str]:
    """The bodies a letterhead names, parent first, each as printed in capitals:
    ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"].  [] where the document opens without one."""
    lines = _letterhead_lines(paras)
    units: list[str] = []
    for line in lines:
        if _BODY_HEAD.match(line) or not units:
            if not _BODY_HEAD.match(line):
                return []                   # caps that are not a body: a heading, not a letterhead
            units.append(line)
        else:
            units[-1] = f"{units[-1]} {line}"
    return units


def _letterhead_lines(paras: list[Paragraph]) -> list[str]:
    """The capital lines from the first body word to the number line or the title."""
    out: list[str] = []
    for p in paras[:40]:
        text = p.text.split("|")[0] if "|" in p.text else p.text
        text = " ".join(_MOTTO.sub(" ", text).split()).strip(" ,-–")
        if not out and not _BODY_HEAD.match(text):
            if out or NUMBER.search(p.text) or _TITLE_WORD.match(text):
                break
            continue
        if NUMBER.search(p.text) or re.match(r"^S[ốo]\s*:", text) or _TITLE_WORD.match(text):
            break
        if not text or set(text) <= set("-_–—. "):
            continue
        if text != text.upper():
            break
        out.append(text)
    return out


def is_committee(unit: str) -> bool:
    return bool(re.match(r"^(?:[ỦU]Y BAN NHÂN DÂN|UBND)\b", unit))


def body_name(unit: str) -> str:
    """'SỞ NỘI VỤ' → 'Sở Nội vụ'; 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG' → 'Trung tâm Phục vụ
    hành chính công'; 'UBND TỈNH LÂM ĐỒNG' → 'Ủy ban nhân dân tỉnh Lâm Đồng'; an
    abbreviation (CCHC, HĐND: no vowel) is kept."""
    unit = re.sub(r"\bUBND\b", "ỦY BAN NHÂN DÂN", unit)
    place = _PLACE_WORD.search(unit)
    body, tail = (unit[:place.end()], unit[place.end():]) if place else (unit, "")
    head = _BODY_HEAD.match(body)
    n_head = len(head.group(0).split()) if head else 1
    proper = not head or not re.match(r"^(?:HỘI ĐỒNG|[ỦU]Y BAN|BẢO HIỂM)$", head.group(0))
    out = []
    for k, word in enumerate(body.split()):
        if len(word) > 1 and not any(ch in _VOWELS for ch in word.upper()) \
                or re.fullmatch(r"[IVXL]+", word) and k > 0:      # CCHC, HĐND; khu vực XII
            out.append(word)
        elif k == 0 or (k == n_head and proper):
            out.append(word[:1] + word[1:].lower())
        else:
            out.append(word.lower())
    name = " ".join(out)
    if re.match(r"^(?:Sở|Bộ) ", name):          # "Sở Khoa học và Công nghệ": each part capitalised
        name = re.sub(r"(\b(?:và|,|-)\s+)(\w)", lambda m: m.group(1) + m.group(2).upper(), name)
    name = _KNOWN_NAMES.get(name.lower(), name)        # "Bộ Công Thương"
    return name + (" " + title_case(tail) if tail else "")


def with_province(body: str, province: str | None) -> str:
    """'Sở Nội vụ' of Lâm Đồng → 'Sở Nội vụ tỉnh Lâm Đồng'; a name that ends on 'tỉnh'
    takes the province after it; one that names its place already is kept."""
    if province is None or _PLACE_WORD.search(body.upper()):
        return body
    if body.endswith((" tỉnh", " thành phố")):
        return f"{body} {province}"
    kind = "thành phố" if province in CENTRAL_CITIES else "tỉnh"
    return f"{body} {kind} {province}"


#: The signs of provincial bodies that close a document number ("2775/SNV-CCHC").
PROVINCIAL_SIGNS = {
    "UBND": "Ủy ban nhân dân", "SNV": "Sở Nội vụ", "STC": "Sở Tài chính", "STP": "Sở Tư pháp",
    "SKHĐT": "Sở Kế hoạch và Đầu tư", "STTTT": "Sở Thông tin và Truyền thông",
    "SKHCN": "Sở Khoa học và Công nghệ", "SYT": "Sở Y tế", "SGDĐT": "Sở Giáo dục và Đào tạo",
    "SXD": "Sở Xây dựng", "SCT": "Sở Công Thương", "STNMT": "Sở Tài nguyên và Môi trường",
    "SNNPTNT": "Sở Nông nghiệp và Phát triển nông thôn", "SNNMT": "Sở Nông nghiệp và Môi trường",
    "SLĐTBXH": "Sở Lao động - Thương binh và Xã hội", "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
    "SGTVT": "Sở Giao thông vận tải", "SDTTG": "Sở Dân tộc và Tôn giáo", "SNgV": "Sở Ngoại vụ",
    "VPUBND": "Văn phòng Ủy ban nhân dân",
}


_KNOWN_NAMES = {n.lower(): n for n in (*MINISTRIES.values(), *PROVINCIAL_SIGNS.values())}
_DOC_TYPES = {"QĐ", "BC", "TTr", "KH", "TB", "HD", "NQ", "CT", "TT", "QC", "CV", "ĐA", "GM",
              "KL", "BB", "NĐ", "QĐi"}


def sign_body(number: str) -> str | None:
    """The body whose sign closes a number: '2775/SNV-CCHC&VTLT' (a letter: sign first)
    and '12/BC-SNV' (type, then sign) → Sở Nội vụ.  None for a People's Committee
    (named from its province instead) and for a sign not listed."""
    parts = re.split(r"[-/]", number)[1:]
    parts = [p for p in parts if not p.isdigit()]
    if parts and parts[0] in _DOC_TYPES:
        parts = parts[1:]
    sign = parts[0] if parts else None
    return None if sign in (None, "UBND") else PROVINCIAL_SIGNS.get(sign)


def title_case(caps: str) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in caps.split())


