"""Agency names → comparison keys: NFC, lower case, abbreviations expanded on
token boundaries, the level marker ("Sở", "UBND huyện", "xã") read off the front.

    >>> parse_name("Sở Lao động, TB&XH").key
    'sở lao động thương binh xã hội'
    >>> q = parse_name("UBND huyện Lạc Sơn"); (q.level, q.kind, q.bare)
    ('district', 'huyện', 'lạc sơn')

Keys drop punctuation and the filler words "và", "các" so that "Sở Kế hoạch -
Đầu tư" and "Sở Kế hoạch và Đầu tư" meet.  `fold` keeps the string length (one
character in, one out), so positions found in a folded string hold in the
accented one.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from underthesea.pipeline.text_normalize import token_normalize

_FOLD = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch.translate(_FOLD))[0]
    return base


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d; same length as the NFC input."""
    return "".join(fold_char(ch) for ch in nfc(text).lower())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


#: Acronyms printed in the seeds and the portals, by their folded letters
#: (joined: "LĐ-TB&XH" → "ldtbxh"), → the words they stand for.
ACRONYMS: dict[str, str] = {
    "ubnd": "ủy ban nhân dân", "hdnd": "hội đồng nhân dân",
    "ldtbxh": "lao động thương binh xã hội", "tbxh": "thương binh xã hội",
    "ld": "lao động", "khcn": "khoa học công nghệ", "khdt": "kế hoạch đầu tư",
    "nnptnt": "nông nghiệp phát triển nông thôn", "ptnt": "phát triển nông thôn",
    "nnmt": "nông nghiệp môi trường", "tnmt": "tài nguyên môi trường",
    "gddt": "giáo dục đào tạo", "gtvt": "giao thông vận tải",
    "tttt": "thông tin truyền thông", "vhttdl": "văn hóa thể thao du lịch",
    "vhtt": "văn hóa thể thao", "ttdl": "thể thao du lịch", "kcn": "khu công nghiệp",
    "kkt": "khu kinh tế", "cntt": "công nghệ thông tin", "bql": "ban quản lý",
    "ql": "quản lý", "vp": "văn phòng", "vpubnd": "văn phòng ủy ban nhân dân",
    "dttg": "dân tộc tôn giáo", "dl": "du lịch",
}
#: Abbreviated unit types, written with a full stop or at the front of a name.
TYPE_ABBREVIATIONS = {"tp": "thành phố", "tx": "thị xã", "h": "huyện", "q": "quận",
                      "p": "phường", "x": "xã", "tt": "thị trấn"}
FILLER = {"và", "các"}
DEPARTMENT_HEADS = ("sở", "ban", "thanh tra", "văn phòng", "đài", "chi cục", "trung tâm")
DISTRICT_TYPES = ("huyện", "quận", "thị xã", "thành phố")
COMMUNE_TYPES = ("xã", "phường", "thị trấn", "đặc khu")
_SPLIT = re.compile(r"[\s,;:()\"'“”/]+")
_PREFIX_UBND = ("ủy ban nhân dân", "uỷ ban nhân dân")


@dataclass(frozen=True)
class Query:
    printed: str
    key: str            # all words, expanded, lower case, accented
    level: str | None   # department | district | commune | province | None (bare name)
    kind: str | None    # the type word: "sở", "huyện", "xã" …
    bare: str           # the key without the type word (and without "UBND")

    @property
    def folded(self) -> str:
        return fold(self.key)


def raw_tokens(text: str) -> list[tuple[str, bool]]:
    """Tokens with a flag 'ended with a full stop'; '–' and ' - ' separate words."""
    text = nfc(text).replace("–", "-").replace("—", "-").replace("−", "-")
    out: list[tuple[str, bool]] = []
    for tok in _SPLIT.split(text):
        tok = tok.strip("-")
        if not tok:
            continue
        dotted = tok.endswith(".")
        tok = tok.rstrip(".")
        if "." in tok and _letters(tok).isalpha():          # "TP.Hòa" glued
            head, _, tail = tok.partition(".")
            out.append((head, True))
            tok, dotted = tail, dotted
        if tok:
            out.append((tok, dotted))
    return out


def _letters(tok: str) -> str:
    return re.sub(r"[&\-.+]", "", tok)


def expand_token(tok: str, dotted: bool, first: bool) -> list[str]:
    """One printed token → one or more lower-case words."""
    joined = fold(_letters(tok))
    if ("&" in tok or "-" in tok or tok.isupper() or joined in ACRONYMS) and joined in ACRONYMS:
        if not (tok.islower() and len(joined) <= 2 and not dotted):   # "ld", "vp" only as acronyms
            return ACRONYMS[joined].split()
    if joined in TYPE_ABBREVIATIONS and (dotted or first) and (tok.isupper() or dotted):
        return TYPE_ABBREVIATIONS[joined].split()
    if "-" in tok:
        return [w for part in tok.split("-") for w in expand_token(part, False, False)]
    return [tone(tok.lower())]


@lru_cache(maxsize=65536)
def tone(word: str) -> str:
    """NFC and the modern tone-mark place ('hoà' → 'hòa', 'uỷ' → 'ủy'), per underthesea."""
    return token_normalize(nfc(word))


def words(text: str) -> list[str]:
    toks = raw_tokens(text)
    out: list[str] = []
    for i, (tok, dotted) in enumerate(toks):
        first = i == 0 or _after_ubnd(out)
        out.extend(expand_token(tok, dotted, first))
    return _thethao(out)


def _after_ubnd(out: list[str]) -> bool:
    return out[-4:] == ["ủy", "ban", "nhân", "dân"]


def _thethao(ws: list[str]) -> list[str]:
    """'Văn hóa, TT và DL': a lone 'tt' between 'văn hóa' and 'du lịch' is 'thể thao'."""
    out = list(ws)
    for i, w in enumerate(out):
        if w == "tt" and ("du" in out[i + 1:i + 4] or out[max(0, i - 2):i] == ["văn", "hóa"]):
            out[i:i + 1] = ["thể", "thao"]
    return out


def key_of(ws: list[str]) -> str:
    return " ".join(w for w in ws if w not in FILLER)


def _startswith(ws: list[str], phrase: str) -> bool:
    p = phrase.split()
    return ws[:len(p)] == p


def split_level(ws: list[str]) -> tuple[str | None, str | None, list[str]]:
    """(level, type word, rest) read off the front of the words."""
    for p in _PREFIX_UBND:
        if _startswith(ws, p):
            ws = ws[len(p.split()):]
            break
    if ws and fold(ws[0]) == "so" and len(ws) > 1:
        return "department", "sở", ws[1:]
    for head in DEPARTMENT_HEADS:
        if _startswith(ws, head):
            return "department", head, ws
    for level, types in (("district", DISTRICT_TYPES), ("commune", COMMUNE_TYPES)):
        for t in types:
            if _startswith(ws, t) and len(ws) > len(t.split()):
                return level, t, ws[len(t.split()):]
    if ws[:1] == ["tỉnh"]:
        return "province", "tỉnh", ws[1:]
    return None, None, ws


def parse_name(text: str) -> Query:
    ws = words(text)
    level, kind, rest = split_level(ws)
    if level == "department":
        bare = key_of(ws)
    else:
        bare = key_of(rest)
    full = key_of(ws) if level == "department" else key_of(([kind] if kind else []) + rest)
    return Query(text, full, level, kind, bare)
