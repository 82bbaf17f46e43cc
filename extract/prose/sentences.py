"""Results told in sentences, read as information extraction: units, numbers, ranks and
bands found on their own, then tied together by the sentence's structure.

    "Văn phòng UBND tỉnh Phú Thọ đứng đầu … với 885,58 điểm; xếp thứ 2 và thứ 3 lần lượt
     là Sở Khoa học và Công nghệ, Sở Y tế."
    → (Văn phòng UBND tỉnh Phú Thọ, 885,58, 1), (Sở Khoa học và Công nghệ, —, 2), (Sở Y tế, —, 3)

- **Units**: a name led by a unit word ("Sở …", "UBND huyện …", "phường …", "Bộ …") or a
  province the gazetteer knows ("Cần Thơ", "TP.Hồ Chí Minh").  A name that publishes or
  surveys ("Theo công bố của Bộ …", "Bộ … đã công bố") or stands in brackets is no row.
- **Numbers**: a score ("885,58 điểm", "(0,8046/1 điểm)", "99,28%"), a rank as digits
  ("xếp thứ 2", "25/63", "hạng 4") or words ("đứng đầu", "thứ hai", "đứng cuối").
- **Bands**: "xuất sắc", "tốt", "khá", "trung bình", "yếu", "kém" after "loại"/"xếp loại".
- **Tying**: "lần lượt" hands a list of ranks or scores to a list of units in order; "tiếp
  theo là", "bám sát X là", "sau X" continue a narrated order; otherwise each unit takes the
  results printed between it and the next unit (units joined by "và" or commas with nothing
  between them share them).  A row whose attachment was a guess has a low confidence.

Each row carries its sentence as provenance: the line, and the character span of the unit.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

ORDINALS = {"nhat": 1, "nhi": 2, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8,
            "chin": 9, "muoi": 10}
ORDINAL_WORDS = ("nhất", "nhì", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")
_ORDINAL = r"(nhat|nhi|hai|ba|tu|nam|sau|bay|tam|chin|muoi)"
BANDS = ("xuat sac", "tot", "kha", "trung binh", "yeu", "kem")

_STARTER = (r"(?:S[ởo]|V[ăa]n ph[òo]ng(?: UBND| Ủy ban nhân dân)?|UBND|Ủy ban nhân dân|Ban|B[ộo]|"
            r"Thanh tra|Chi cục|Bảo hiểm|Kho bạc|Cục|Công an|Đài|Trường|Ngân hàng|Tập đoàn|"
            r"Tổng [Cc]ông ty)")
_PLACE = r"(?:[Hh]uyện|[Tt]hị xã|[Tt]hành phố|TP\.?|[Pp]hường|[Xx]ã|[Tt]ỉnh|[Đđ]ặc khu|[Tt]hị trấn)"
_STOP = (r"(?=\s*[;,.:()“”\"]|\s+(?:đạt|đứng|xếp|với|là|có|gồm|được|tiếp|dẫn|vươn|giành|"
         r"chiếm|tăng|giảm|tụt|lần|cùng|về|ở|trên|sau|trong|thuộc|cũng|đã|vừa|nằm|bám|theo|"
         r"phối|đánh|công|khảo|cho|dựa|tổ|chủ|nhảy|vượt|duy|tiếp|giữ|đứng|xếp|"
         r"và (?![Xx]ã hội)(?:" + _STARTER[3:-1] + r"|" + _PLACE[3:-1] + r"))\b|\s*$|\s+\d|\s+[-–—]\s+\d)")
_UNIT = re.compile(r"\b(?:" + _STARTER + r")\s+\S.*?" + _STOP)
_CAP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
_NAMED_PLACE = re.compile(r"\b" + _PLACE + r"\s*(?:\d{1,2}\s+)?[" + _CAP + r"][\w’']*"
                          r"(?:(?:\s*-\s*|\s+)[" + _CAP + r"][\w’']*)*")
_COMMA_NAME = re.compile(r",\s+(?!" + _STARTER + r"\s|" + _PLACE + r"\s)[" + _CAP + r"]\w*(?:\s\w+){0,3}?\s+và\s+[" + _CAP + r"]\w*(?:\s\w+)?")
_SCORE = re.compile(r"(?<![\d/.,])(?<!trên )(?<!dưới )(?<!hơn )(?<!từ )(\d+(?:[.,]\d+)?)"
                    r"(?:\s*/\s*(?:1|\d{2,4}))?\s*(điểm|%)")
_SAID_SCORE = re.compile(r"(?:tổng điểm|số điểm|điểm số|giá trị(?: là)?|điểm)\s+(\d+[.,]\d+)(?!\s*%)")
_PAREN_SCORE = re.compile(r"\(\s*(\d+[.,]\d+)(?:\s*/\s*1)?\s*(?:điểm)?\s*[)–-]")
_RANK_DIGITS = re.compile(r"(?:xếp\s+(?:hạng\s+|thứ\s+|vị trí\s+(?:thứ\s+)?)?|thứ\s+|hạng\s+|vị trí\s+(?:thứ\s+|số\s+)?)"
                          r"(\d{1,3})(?:\s*/\s*(\d{1,3}))?", re.I)
_RANK_SLASH = re.compile(r"(?<![\d,.])(\d{1,2})/(\d{2,3})\s+(?:tỉnh|địa phương|đơn vị|cơ quan)")


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Result:
    """One unit's result in one sentence, as printed."""

    unit: str
    start: int                  # the unit's character span in the line
    end: int
    score: str = ""
    rank: str = ""
    band: str = ""
    confidence: float = 0.9
    index: str = ""             # the index or component the sentence names, if any
    change: str = ""            # a change of place as printed: "tăng 8 bậc", "từ 2"
    values: str = ""            # the other figures printed for it: "/138", "81,33%"
    year: str = ""              # the year the rank is of, when a sentence tells several


def fold_keep(text: str) -> str:
    out = []
    for ch in text.replace("đ", "d").replace("Đ", "D"):
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=1)
def province_names() -> tuple[str, ...]:
    """Folded province names and aliases the gazetteer knows, longest first."""
    from ...normalize.gazetteer import load_provinces
    entries, _ = load_provinces()
    names = {fold_keep(k) for e in entries for k in e.keys if len(k) > 3}
    return tuple(sorted(names, key=len, reverse=True))


# ---------------------------------------------------------------- units

def units_in(sentence: str) -> list[Mention]:
    found = [_with_comma(sentence, Mention(m.group(0).strip(), m.start(),
                                           m.start() + len(m.group(0).rstrip())))
             for m in _UNIT.finditer(sentence)]
    found += [Mention(m.group(0).strip(), m.start(), m.start() + len(m.group(0).rstrip()))
              for m in _NAMED_PLACE.finditer(sentence)]
    found += _provinces(sentence)
    found += _regions(sentence)
    listed = listed_after_colon(sentence)
    kept = [m for m in _outermost(found) if not _not_a_unit(sentence, m)]
    return _outermost(kept + [m for m in listed if not any(k.start < m.end and m.start < k.end
                                                          for k in kept)])


_NAME = r"[" + _CAP + r"][\w’']*(?:\s(?:-\s)?[" + _CAP + r"][\w’']*)*"
_COLON_LIST = re.compile(r"(?:huyện|thành phố|tỉnh|đơn vị|địa phương|xã|phường|cơ quan)[^:.;]{0,30}:\s*"
                         r"(" + _NAME + r"(?:(?:,\s*|\s+và\s+)" + _NAME + r")+)")


def listed_after_colon(sentence: str) -> list[Mention]:
    """"… UBND các huyện, thành phố: Yên Lạc, Tam Đảo, Vĩnh Yên": bare names listed after
    a colon that names their kind of unit."""
    out = []
    for m in _COLON_LIST.finditer(sentence):
        for k in re.finditer(_NAME, m.group(1)):
            start = m.start(1) + k.start()
            out.append(Mention(k.group(0), start, start + len(k.group(0))))
    return out


def _with_comma(sentence: str, m: Mention) -> Mention:
    """"Sở Lao động, Thương binh và Xã hội": a name the reader cut at its comma."""
    tail = _COMMA_NAME.match(sentence, m.end)
    if not tail:
        return m
    words = tail.group(0).split()
    if words[-1][:1].islower() and words[-1] not in ("hội", "lịch", "trường", "nghệ"):
        end = m.end + tail.group(0).rfind(" " + words[-1])
    else:
        end = tail.end()
    return Mention(sentence[m.start:end], m.start, end)


#: The country's socio-economic regions (six since 2008, with the seven- and eight-region
#: names older reports use), folded; "Trung du (và) miền núi phía Bắc" either way.
REGIONS = ("dong bang song hong", "trung du (?:va )?mien nui (?:phia )?bac", "tay nguyen",
           "bac trung bo va duyen hai mien trung", "duyen hai nam trung bo", "bac trung bo",
           "nam trung bo", "dong nam bo", "dong bang song cuu long", "tay bac bo", "dong bac bo",
           "tay bac", "dong bac")
_REGION = re.compile(r"(?<![\w])(?:vung\s+)?(?:" + "|".join(REGIONS) + r")(?![\w])")


def _regions(sentence: str) -> list[Mention]:
    """"vùng Đồng bằng sông Hồng", "Bắc Trung Bộ và Duyên hải miền Trung": a region, printed
    with its capitals."""
    key = fold_keep(sentence).lower()
    out = []
    for m in _REGION.finditer(key):
        text = sentence[m.start():m.end()]
        name = re.sub(r"^[Vv]ùng\s+", "", text)
        if name[:1].isupper():
            out.append(Mention(text, m.start(), m.end()))
    return out


def _provinces(sentence: str) -> list[Mention]:
    key = fold_keep(sentence).lower()
    out = []
    for name in province_names():
        flexible = re.escape(name).replace("\\ ", r"[\s\-–]+")
        for m in re.finditer(r"(?<![\w])" + flexible + r"(?![\w])", key):
            text = sentence[m.start():m.end()]
            if text[:1].isupper():
                out.append(Mention(text, m.start(), m.end()))
    return out


def _outermost(found: list[Mention]) -> list[Mention]:
    found = sorted(found, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


_PUBLISHER = re.compile(r"(?:theo|cua|do|voi su hop tac cua|phoi hop voi)\s*(?:cong bo cua\s*)?$")
_PUBLISHES = re.compile(r"^\s*(?:\)\s*)?(?:da |vua |chinh thuc )*(?:cong bo|ban hanh|phoi hop|"
                        r"khao sat|danh gia|chu tri|yeu cau|de nghi|cho biet|to chuc)")


def _not_a_unit(sentence: str, m: Mention) -> bool:
    before, after = fold_keep(sentence[:m.start]).lower(), fold_keep(sentence[m.end:]).lower()
    if before.count("(") > before.count(")"):
        return True
    if _PUBLISHER.search(before) or _PUBLISHES.match(after):
        return True
    if re.search(r"[" + _CAP + r"]\w*\s$", sentence[:m.start]) and m.name.split()[0] in ("Bộ", "Ban", "Sở"):
        return True                     # "Đông Nam Bộ": a word inside a longer name
    words = m.name.split()
    if len(words) < 2 and not _provinces(m.name) and not _regions(m.name):
        return True
    return _generic(words) or _not_a_province(m.name)


_KINDS = {"tỉnh", "huyện", "xã", "phường", "thành", "phố", "thị", "trấn", "quận", "cấp", "các",
          "khối", "ngành", "sở", "ban", "đơn", "vị", "cơ", "quan", "địa", "phương", "trực", "thuộc",
          "trung", "ương", "và", "nhân", "dân", "chuyên", "môn", "tương", "đương"}


def _generic(words: list[str]) -> bool:
    """"UBND tỉnh", "UBND các huyện": a kind of unit, not one unit ("Chi cục thuế", "Bảo
    hiểm xã hội" name one)."""
    if " ".join(words[:2]) in ("Văn phòng", "Thanh tra") or words[0] in ("Sở", "Bộ"):
        return False
    if len(words) > 1 and words[1] == "các":
        return True
    rest = " ".join(words[1:]).replace("xã hội", "")
    return not any(w[:1].isupper() or w[:1].isdigit() for w in words[1:]) and \
        all(w in _KINDS for w in rest.split())


def _not_a_province(name: str) -> bool:
    m = re.match(r"^[Tt]ỉnh\s+(.+)$", name)
    squeeze = lambda x: re.sub(r"[\s-]+", "", fold_keep(x).lower())
    return bool(m) and not any(squeeze(m.group(1)) == squeeze(p) for p in province_names())


# ---------------------------------------------------------------- numbers, ranks, bands

_SCORE_OF = re.compile(r"\b(?:đạt|với|được)\s+(\d+(?:[.,]\d+)?)\s*/\s*(?:thang điểm\s+|tổng (?:số )?điểm\s+)?"
                       r"(\d{1,4}(?:[.,]\d+)?)(?![\d%])")


def score_in(text: str) -> str:
    m = _SCORE.search(text) or _PAREN_SCORE.search(text) or _SAID_SCORE.search(text) or \
        _SCORE_OF.search(text)
    if not m:
        return ""
    return m.group(1) + ("%" if m.lastindex and m.lastindex >= 2 and m.group(2) == "%" else "")


def ranks_in(text: str) -> list[str]:
    """Every rank a stretch of text gives, in order: digits and ordinal words."""
    return [rank for _, _, rank, left in ranks_at(text) if not left]


def ranks_at(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, rank, left) for every rank a stretch of text gives, in order; *left* marks
    a place left behind ("từ vị trí thứ 44"), not the rank the text gives now."""
    key = fold_keep(text).lower()
    found: list[tuple[int, int, str, bool]] = []
    for m in re.finditer(r"\b(?:lên|xuống)\s+(?:bậc|vị trí|hạng)\s+(?:thứ\s+)?(\d{1,3})\b", text):
        found.append((m.start(), m.end(), m.group(1), False))
    for m in _RANK_DIGITS.finditer(text):
        left = bool(re.search(r"\btừ\s+(?:vị trí\s+)?$", text[:m.start()]))   # a place left
        found.append((m.start(), m.end(), m.group(1), left))
        tail = re.match(r"((?:\s*(?:,|và)\s*(?:thứ\s+)?\d{1,3}\b)+)", text[m.end():])
        if tail:
            found += [(m.end() + k.start(), m.end() + k.end(), k.group(1), left)
                      for k in re.finditer(r"(\d{1,3})", tail.group(1))]
    for m in _RANK_SLASH.finditer(text):
        found.append((m.start(), m.end(), m.group(1), False))
    for m in re.finditer(r"\b(?:thu|hang|vi tri)\s+" + _ORDINAL + r"\b(?!\s*\d)"
                         r"((?:\s*(?:,|va)\s*(?:thu\s+)?" + _ORDINAL + r"\b)*)", key):
        words = [(m.start(1), m.end(1))] + [(m.start(2) + k.start(1), m.start(2) + k.end(1))
                                            for k in re.finditer(_ORDINAL, key[m.start(2):m.end(2)])]
        for a, b in words:                # "thứ nhất, nhì, ba"; "thứ tư", never "hạng từ"
            if text[a:b].lower() in ORDINAL_WORDS:
                found.append((a if (a, b) != words[0] else m.start(), b, str(ORDINALS[key[a:b]]), False))
    for m in re.finditer(r"\b(?:dung dau|dan dau|ve nhat|hang nhat|vi tri so 1|so 1|cao nhat|quan quan|"
                         r"ngoi dau|dau bang|top 1)\b", key):
        found.append((m.start(), m.end(), "1", False))
    for m in re.finditer(r"\b(?:dung cuoi|cuoi bang|cuoi cung|thap nhat)\b", key):
        found.append((m.start(), m.end(), _last(key[m.end():]), False))
    out, reach = [], -1
    for start, end, rank, left in sorted(found):
        if start >= reach and rank:       # a rank inside another's words is that one
            out.append((start, end, rank, left))
        reach = max(reach, end)
    return out


def _last(after: str) -> str:
    m = re.search(r"trong tong so (\d+)", after[:80])
    return m.group(1) if m else "cuối"


def band_in(text: str) -> str:
    key = fold_keep(text).lower()
    m = re.search(r"\b(?:loai|xep loai|xep hang|muc)\s+(" + "|".join(BANDS) + r")\b", key)
    return text[m.start(1):m.end(1)] if m else ""


# ---------------------------------------------------------------- tying them together

def sentences(line: str) -> list[tuple[int, str]]:
    """(offset, sentence): cut at ". " before a capital letter, never inside a number."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[^\d\s])\.\s+(?=[A-ZĐÂĂÊÔƠƯ\w])|(?<=\d)\.\s+(?=[A-ZĐ])", line):
        out.append((start, line[start:m.start() + 1]))
        start = m.end()
    out.append((start, line[start:]))
    return [(o, s) for o, s in out if s.strip()]


def results_of(line: str, earlier: tuple[Result, ...] = ()) -> list[Result]:
    """The results one line (a paragraph) tells; *earlier* are those of the paragraphs
    before it, for the narration that continues them ("Bám sát Đà Nẵng … là Cần Thơ")."""
    out: list[Result] = []
    told = ""                            # the index the paragraph named last
    for offset, sentence in sentences(line):
        parts = components(sentence, out[-1] if out else None)
        if parts:
            out += [Result(r.unit, r.start + offset, r.end + offset, r.score, r.rank, r.band,
                           r.confidence, r.index, r.change, r.values) for r in parts]
            continue
        index = told = index_in(sentence) or told
        out += [Result(r.unit, r.start + offset, r.end + offset, r.score, r.rank, r.band,
                       r.confidence, index, r.change, r.values, r.year)
                for r in _sentence(sentence, [*earlier, *out])]
    return [r for r in out if r.score or r.rank or r.band]


_COMPONENT = re.compile(r"\b[Cc]hỉ số\s+(?!thành phần\b|chính\b|này\b|chung\b|đánh giá\b)[^,.;:()]{2,60}?"
                        r"(?=\s+cấp (?:tỉnh|huyện|sở|xã|bộ)\b|\s+(?:với|xếp|đứng|đạt|có|là|tăng|giảm|được)\b"
                        r"|\s*[,;(:])")


def components(sentence: str, before: Result | None) -> list[Result]:
    """"Trong đó, chỉ số Xã hội số … đứng vị trí thứ 10/63 với giá trị là 0,4950, tiếp đó chỉ
    số Kinh tế số xếp thứ 13/63 có giá trị 0,4794 …": one unit's place and value in each of
    several indices.  The unit is the one the sentence names, else the one the paragraph
    spoke of last (*before*)."""
    found = list(_COMPONENT.finditer(sentence))
    if len(found) < 2:
        return []
    units = [u for u in units_in(sentence) if not any(m.start() <= u.start < m.end() for m in found)]
    if len({name_key(u.name) for u in units}) > 1 or not units and before is None:
        return []
    out = []
    for k, m in enumerate(found):
        seg = sentence[m.end():found[k + 1].start() if k + 1 < len(found) else len(sentence)]
        score, ranks = score_in(seg), ranks_in(seg)
        if not score and not ranks:
            return []
        u = units[0] if units else None
        name = u.name if u else before.unit
        start, end = (u.start, u.end) if u else (m.start(), m.end())
        out.append(Result(name, start, end, score, ranks[0] if ranks else "", band_in(seg), 0.8,
                          m.group(0), change_in(seg), values_in(seg, score)))
    return out


def index_in(sentence: str) -> str:
    """The index or component a sentence speaks of: “hạ tầng kỹ thuật” in quotes, or
    "Ở lĩnh vực hạ tầng kỹ thuật CNTT," / "Đối với hạ tầng nhân lực CNTT," at its start."""
    m = re.search(r"[“\"]([^”\"]{3,60})[”\"]", sentence)
    if m:
        return m.group(1)
    m = re.match(r"^\s*(?:Ở|Đối với|Về|Trong)\s+(?!khi\b|đó\b|số\b|tổng số\b)(?:chỉ số|lĩnh vực)?\s*([^,]{3,60}),",
                 sentence)
    if m:
        return m.group(1).strip()
    m = re.search(r"\b(?:đứng đầu|dẫn đầu|đứng cuối|xếp thứ \d+|đứng thứ \w+)\s+(?:(?:về|ở)\s+)?"
                  r"((?:c|C)hỉ số\s+(?!này\b|chung\b)[^,.;:()]{3,60}?)(?=\s*[,.;(]|\s+(?:với|trên|sau)\b|$)", sentence)
    return m.group(1).strip() if m else ""


def _sentence(sentence: str, earlier: list[Result]) -> list[Result]:
    units = units_in(sentence)
    if not units:
        return []
    history = _history(sentence, units)
    if history:
        return history
    if "lan luot" in fold_keep(sentence).lower():
        listed = _respectively(sentence, units, earlier)
        if listed:
            return listed
    return _together(sentence, _by_segments(sentence, units, earlier))


_TOGETHER = re.compile(r"\bcung (?:duoc )?(?:xep hang|xep loai|dat loai|dat muc|o muc)\b")


def _together(sentence: str, rows: list[Result]) -> list[Result]:
    """"A (236,06 điểm); B (222,56 điểm), C (223,02 điểm) cùng được xếp hạng xuất sắc": the
    band the last of a list takes with "cùng" is every listed unit's."""
    out = list(rows)
    for m in _TOGETHER.finditer(fold_keep(sentence).lower()):
        last = max((k for k, r in enumerate(out) if r.end <= m.start()), default=None)
        if last is None or not out[last].band:
            continue
        for k in range(last - 1, -1, -1):
            gap = re.sub(r"\([^()]*\)", "", sentence[out[k].end:out[k + 1].start])
            if out[k].band or not re.fullmatch(r"\s*(?:[,;]|và|,\s*và)?\s*", gap):
                break
            r = out[k]
            out[k] = Result(r.unit, r.start, r.end, r.score, r.rank, out[last].band,
                            min(r.confidence, 0.7), r.index, r.change, r.values, r.year)
    return out


def _by_segments(sentence: str, units: list[Mention], earlier: list[Result]) -> list[Result]:
    out: list[Result] = []
    pending: list[Mention] = []
    said = re.search(r"\b(?:tiep theo|theo sau|bam sat|xep sau)\b", fold_keep(sentence).lower())
    narrated_from = said.start() if said else len(sentence)
    for i, u in enumerate(units):
        between_after = sentence[u.end:units[i + 1].start] if i + 1 < len(units) else sentence[u.end:]
        seg, _ = _split(between_after, last=i + 1 == len(units))
        _, lead = _split(sentence[(units[i - 1].end if i else 0):u.start], last=False)
        if i == 0:                       # before the first unit: its clause, up to a ";"
            lead = sentence[:u.start][sentence[:u.start].rfind(";") + 1:]
        if _reference(lead):             # "Bám sát Đà Nẵng": a unit named to place another
            known = next((r.rank for r in reversed([*earlier, *out])
                          if name_key(r.unit) == name_key(u.name) and r.rank.isdigit()), "")
            if known:
                out.append(Result(u.name, u.start, u.end, "", known, "", 0.0))
            continue
        pending.append(u)
        if _joins(between_after) and i + 1 < len(units):
            continue                     # "A, B và C đạt loại xuất sắc": they share what follows
        first = i - len(pending) + 1
        lead_of_first = _split(sentence[units[first - 1].end:pending[0].start], last=False)[1] \
            if first else sentence[:pending[0].start][sentence[:pending[0].start].rfind(";") + 1:]
        made = _attach(pending, lead_of_first, seg, _previous(earlier, out),
                       pending[0].start > narrated_from, sentence)
        if pending[-1].end <= narrated_from < len(sentence):
            made = [_known(r, earlier) for r in made]
        out += made
        pending = []
    return [r for r in _placed_by_neighbours(sentence, out) if r.confidence > 0]


_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b")


def _history(sentence: str, units: list[Mention]) -> list[Result]:
    """"từ vị trí xếp thứ 44 năm 2016, X đã vươn lên vị trí hạng nhất năm 2017, vị trí hạng 5
    năm 2018 và năm 2019 giành lại vị trí hạng nhất": one unit's place in each year."""
    if len({name_key(u.name) for u in units}) != 1:
        return []
    pairs, used = [], set()
    for start, end, rank, _ in ranks_at(sentence):
        after = _YEAR.match(sentence, end + 1) if sentence[end:end + 1] == " " else None
        before = [y for y in _YEAR.finditer(sentence[max(0, start - 30):start])]
        year = after or (before[-1] if before and not re.search(r"\d", sentence[
            max(0, start - 30) + before[-1].end():start]) else None)
        if year is None:
            continue
        at = year.start() if year is after else max(0, start - 30) + year.start()
        if at in used:
            continue
        used.add(at)
        pairs.append((rank, year.group(1)))
    if len(pairs) < 2 or len({y for _, y in pairs}) < len(pairs):
        return []
    u = units[0]
    return [Result(u.name, u.start, u.end, "", rank, "", 0.8, year=year) for rank, year in pairs]


def name_key(name: str) -> str:
    """"TP Đà Nẵng", "thành phố Đà Nẵng", "Đà Nẵng" → one key."""
    key = fold_keep(name).lower()
    key = re.sub(r"^(?:ubnd |uy ban nhan dan )", "", key)
    return re.sub(r"^(?:tp\.?\s*|thanh pho |tinh )", "", key).strip()


def _known(r: Result, earlier: list[Result]) -> Result:
    """A unit named again without its place, before the narration that follows it: the
    place the text gave it earlier."""
    if r.rank:
        return r
    rank = next((e.rank for e in reversed(earlier) if name_key(e.unit) == name_key(r.unit)
                 and e.rank.isdigit()), "")
    return Result(r.unit, r.start, r.end, r.score, rank, r.band, 0.5) if rank else r


def _previous(earlier: list[Result], out: list[Result]) -> str:
    """The place the narration continues from: the last unit of this sentence (its rank, or
    the one the text gave it earlier), else the last place told before."""
    if out:
        last = _known(out[-1], earlier)
        return last.rank if last.rank.isdigit() else ""
    return next((r.rank for r in reversed(earlier) if r.rank.isdigit()), "")


def _split(between: str, last: bool) -> tuple[str, str]:
    """The text between two units: what the first says (up to a ";" or a closing "là …"),
    and what leads into the second."""
    if last:
        return between, ""
    key = fold_keep(between).lower()
    if re.search(r"(?:\bla|\bgom|:)\s*$", key):
        cut = max(key.rfind(";"), key.rfind(", "))
        return (between[:cut], between[cut + 1:]) if cut >= 0 else ("", between)
    if ";" in between:
        return between[:between.index(";")], between[between.rindex(";") + 1:]
    return between, ""


def _reference(lead: str) -> bool:
    return bool(re.search(r"\b(?:bam sat|vuot xa|vuot|hon)\s*$", fold_keep(lead).lower()))


def _placed_by_neighbours(sentence: str, rows: list[Result]) -> list[Result]:
    """"X xếp thứ 4 … sau A, B, C" → A, B, C are 1, 2, 3; "X đứng đầu …, trên A và B" →
    A and B follow X.  The places are a guess from the narration: low confidence."""
    out = list(rows)
    key = fold_keep(sentence).lower()
    for word, step in (("sau", -1), ("tren", 1)):
        for m in re.finditer(r"\b" + word + r"\s+", key):
            anchor = next((r for r in reversed(out) if r.end <= m.start() and r.rank.isdigit()
                           and r.confidence >= 0.7), None)
            after = [k for k, r in enumerate(out) if r.start >= m.end() and not r.rank]
            after = after[:_run(sentence, out, after)]
            if anchor is None or not after:
                continue
            base = int(anchor.rank)
            ranks = ([base - len(after) + k for k in range(len(after))] if step < 0
                     else [base + 1 + k for k in range(len(after))])
            for k, rank in zip(after, ranks):
                if rank >= 1:
                    out[k] = replace(out[k], rank=str(rank), confidence=0.5)
    return _ahead_of(key, out)


def _ahead_of(key: str, out: list[Result]) -> list[Result]:
    """"X vượt xa hai thành phố xếp hạng hai là A (…)": X is placed just ahead of A (a
    guess from the narration: low confidence)."""
    for m in re.finditer(r"\bvuot(?: xa| qua| len tren)?\b", key):
        subject = next((k for k in range(len(out) - 1, -1, -1) if out[k].end <= m.start()), None)
        behind = next((r for r in out if r.start >= m.end() and r.rank.isdigit()), None)
        if subject is None or out[subject].rank or behind is None or int(behind.rank) < 2:
            continue
        out[subject] = replace(out[subject], rank=str(int(behind.rank) - 1), confidence=0.5)
    return out


def _run(sentence: str, rows: list[Result], idx: list[int]) -> int:
    """How many of the rows *idx* follow each other, joined only by commas, "và" and their
    own bracketed scores."""
    n = 1
    for a, b in zip(idx, idx[1:]):
        gap = re.sub(r"\([^()]*\)", "", sentence[rows[a].end:rows[b].start])
        if not re.fullmatch(r"\s*(?:,|và|,\s*và)?\s*", gap):
            break
        n += 1
    return n if idx else 0


def _joins(seg: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", seg))


def _attach(units: list[Mention], lead: str, seg: str, prev: str,
            narrated: bool = False, sentence: str = "") -> list[Result]:
    lead_key = fold_keep(lead).lower()
    lead_ranks = ranks_in(lead)
    ranks = ranks_in(seg) or lead_ranks[-1:]
    score = score_in(seg) or score_in(lead) or _the_maximum(lead_key, sentence)
    band = band_in(lead) if re.search(r"(?:\bla|\bgom|:)\s*$", lead_key) and band_in(lead) else \
        (band_in(seg) or band_in(lead))
    confidence = 0.9 if len(units) == 1 else 0.7
    rank = ranks[0] if ranks else ""
    change = "; ".join(x for x in (change_in(seg), previous_in(seg)) if x)
    values = values_in(seg, score) if len(units) == 1 else ""
    if not rank and narrated and prev:    # "tiếp theo là A, B và C": the next places, in order
        one = len(units) == 1
        return [Result(u.name, u.start, u.end, score if one else "", str(int(prev) + 1 + k), band,
                       0.5, "", change if one else "", values) for k, u in enumerate(units)]
    return [Result(u.name, u.start, u.end, score, rank, band, confidence, "", change, values)
            for u in units]


_FULL_MARKS = re.compile(r"\bdiem (?:toi da|tuyet doi)\b")
_MAXIMUM = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*/\s*(\d+(?:[.,]\d+)?)\s*điểm|"
                      r"điểm (?:tối đa|tuyệt đối)\s+(?:là\s+)?(\d+(?:[.,]\d+)?)\b")


def _the_maximum(lead_key: str, sentence: str) -> str:
    """"… đạt điểm tối đa đồng xếp hạng nhất gồm: A, B, C" where the sentence prints the
    maximum ("100/100 điểm"): each listed unit scored it."""
    if not _FULL_MARKS.search(lead_key):
        return ""
    for m in _MAXIMUM.finditer(sentence):
        if m.group(3):
            return m.group(3)
        if m.group(1) == m.group(2):
            return m.group(1)
    return ""


def values_in(seg: str, score: str) -> str:
    """The figures beside the score: its maximum ("112,3/138 điểm" → "/138") and the
    other scores and percentages of the clause ("chỉ số … đạt 81,33%")."""
    out = [f"/{m.group(2)}" for m in _SCORE_OF.finditer(seg) if m.group(1) == score]
    for m in re.finditer(r"(?<![\d/.,])(?<!dưới )(?<!trên )(?<!từ )(\d+(?:[.,]\d+)?)"
                         r"(?:\s*/\s*(\d+(?:[.,]\d+)?))?\s*(điểm|%)", seg):   # a threshold is no figure
        if m.group(2) and m.group(2) != "1":
            out.append("/" + m.group(2))
        text = m.group(1) + ("%" if m.group(3) == "%" else "")
        if text != score and m.group(1) != score:
            out.append(text)
    return "; ".join(out)


def previous_in(seg: str) -> str:
    """"từ bậc 21 (năm 2015)", "từ vị trí thứ 44": the place before, as "từ 21"."""
    m = re.search(r"\btừ\s+(?:bậc|vị trí|hạng)\s+(?:thứ\s+|xếp thứ\s+)?(\d{1,3})\b", seg)
    return f"từ {m.group(1)}" if m else ""


def change_in(text: str) -> str:
    """"tăng 8 bậc", "giảm 1 hạng" as printed."""
    m = re.search(r"\b(?:tăng|giảm|tụt|nhảy|vươn lên)\s+(?:vọt\s+)?\d+\s+(?:bậc|hạng)", text)
    return m.group(0) if m else ""


_TOP_N = re.compile(r"\b(?:top\s+\d+|(?:hai|ba|bon|nam|sau|bay|tam|chin|muoi|\d+)\s+\w+(?:\s\w+)?\s+"
                    r"(?:dung dau|dan dau|cao nhat|xep dau))\b")


def _respectively(sentence: str, units: list[Mention], earlier: list[Result]) -> list[Result]:
    """"xếp thứ 2 và thứ 3 lần lượt là A, B"; "A và B … với số điểm lần lượt là 87,61 và
    86,70"; "4 vị trí tiếp theo lần lượt thuộc về A, B, C, D"."""
    key = fold_keep(sentence).lower()
    at = key.index("lan luot")
    before, after = sentence[:at], sentence[at:]
    after_units = [u for u in units if u.start > at]
    group = after_units or [u for u in units if u.end <= at]
    moved = re.search(r"\b(?:xuong|len)\b", key[at:])
    clause = before[max([u.end for u in units if u.end <= at] + [before.rfind(";") + 1, 0]):]
    ranks = ranks_in(clause) if after_units else ranks_in(after[moved.start():] if moved else after)
    was = [r for _, _, r, _ in ranks_at(after[:moved.start()])] if moved and not after_units else []
    scores = [m.group(1) for m in _SCORE.finditer(after)] if not after_units else []
    if not after_units and len(scores) != len(group) and "diem" in key[max(0, at - 20):at + 20]:
        scores = re.findall(r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d.,]*%)", after)   # "số điểm lần lượt là 87,61 và 86,70"
    if len(scores) == 1 < len(group) and re.search(r"\b(?:bang nhau|ngang nhau|nhu nhau|cung)\b", key[at:]):
        scores = scores * len(group)     # "… với số điểm gần bằng nhau (0.589 điểm)": one for each
    if after_units and len(ranks) != len(group) and _TOP_N.search(fold_keep(clause).lower()):
        ranks = [str(k + 1) for k in range(len(group))]     # "Ba đơn vị dẫn đầu lần lượt là A, B, C"
    if after_units and not scores:       # "… lần lượt là A (95,5 điểm), B (94,2 điểm)": each its own
        scores = [score_in(sentence[u.end:(group[k + 1].start if k + 1 < len(group) else len(sentence))])
                  for k, u in enumerate(group)]
        scores = scores if all(scores) else []
    if len(ranks) != len(group):
        prev = next((int(r.rank) for r in reversed(earlier) if r.rank.isdigit()), None)
        if re.search(r"vi tri tiep theo|tiep theo", key) and prev is not None:
            ranks = [str(prev + 1 + k) for k in range(len(group))]
        elif len(ranks) != len(group):
            ranks = [""] * len(group)
    if len(scores) != len(group):
        scores = [""] * len(group)
    was = was if len(was) == len(group) else [""] * len(group)
    out = [Result(u.name, u.start, u.end, s, r, band_in(sentence), 0.8, "", f"từ {w}" if w else "")
           for u, s, r, w in zip(group, scores, ranks, was)]
    rest = [u for u in units if u not in group]
    return _by_segments(sentence, rest, earlier) + out if rest else out


# ---------------------------------------------------------------- the last place

_FIELD_NOUNS = (("province", r"tinh"), ("district", r"huyen|quan|thi xa"), ("commune", r"xa|phuong"),
                ("ministry", r"bo"), ("department", r"so|co quan|ban|nganh"))
_FIELD = re.compile(r"(?:\btrong\s+(?:so\s+|tong so\s+)?|(?<![\d.,])\d{1,3}\s*/\s*)(?P<n>\d{1,3})\s+"
                    r"(?P<noun>tinh|huyen|quan|thi xa|xa|phuong|bo|so|co quan|ban|nganh)\b")


def field_sizes(text: str) -> dict[str, set[str]]:
    """How many units of each level the page says were ranked: "Trong số 19 cơ quan sở,
    ban, ngành", "xếp thứ 2/63 tỉnh, thành phố", "8/8 huyện"."""
    out: dict[str, set[str]] = {}
    for m in _FIELD.finditer(fold_keep(" ".join(text.split())).lower()):
        level = next(lv for lv, nouns in _FIELD_NOUNS if re.fullmatch(nouns, m["noun"]))
        out.setdefault(level, set()).add(str(int(m["n"])))
    return out


def level_of(name: str) -> str | None:
    """The level a unit's name says it is at: "Sở Y tế" a department, "UBND huyện Châu
    Thành" a district, "Phú Yên" a province."""
    key = fold_keep(name).lower()
    for level, pattern in (("department", r"(?:so|ban|van phong|thanh tra|chi cuc|cuc|kho bac)\b"),
                           ("ministry", r"bo\b"),
                           ("district", r"(?:ubnd |uy ban nhan dan )?(?:huyen|quan|thi xa)\b"),
                           ("commune", r"(?:ubnd |uy ban nhan dan )?(?:xa|phuong|thi tran)\b")):
        if re.match(pattern, key):
            return level
    return "province" if _provinces(name) and len(_provinces(name)[0].name) >= len(name) - 10 else None


def last_place(r: Result, sizes: dict[str, set[str]]) -> Result:
    """"Sở Y tế đứng cuối bảng" on a page that ranks 19 departments: place 19 (a guess from
    the page: low confidence); left "cuối" when the page gives no one size for its level."""
    if r.rank != "cuối":
        return r
    found = sizes.get(level_of(r.unit) or "", set())
    if len(found) != 1:
        return r
    return Result(r.unit, r.start, r.end, r.score, next(iter(found)), r.band, 0.5, r.index,
                  r.change, r.values, r.year)
