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

from ..extract.lexicon import tone  # noqa: F401 — keys.tone is public

_FOLD = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch.translate(_FOLD))[0]
    return base


def _fold_table() -> dict[int, str]:
    chars = [chr(c) for c in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))]
    return {ord(ch): fold_char(ch) for ch in chars if fold_char(ch) != ch}


_FOLD_TABLE = _fold_table()


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d; same length as the NFC input."""
    return nfc(text).lower().translate(_FOLD_TABLE)


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
    "dttg": "dân tộc tôn giáo", "dl": "du lịch", "nn": "nông nghiệp", "vh": "văn hóa",
    "tb": "thương binh", "xh": "xã hội", "dbqh": "đại biểu quốc hội",
    "kbnn": "kho bạc nhà nước", "bhxh": "bảo hiểm xã hội", "nhnn": "ngân hàng nhà nước",
    "ptth": "phát thanh truyền hình", "pt th": "phát thanh truyền hình",
}
#: Abbreviated unit types, written with a full stop or at the front of a name.
TYPE_ABBREVIATIONS = {"tp": "thành phố", "tx": "thị xã", "h": "huyện", "q": "quận",
                      "p": "phường", "x": "xã", "tt": "thị trấn"}
FILLER = {"và", "các"}
DEPARTMENT_HEADS = ("sở", "ban", "thanh tra", "văn phòng", "đài", "chi cục", "trung tâm", "cục",
                    "kho bạc", "bảo hiểm xã hội", "công an", "ngân hàng nhà nước", "thuế", "báo")
DISTRICT_TYPES = ("huyện", "quận", "thị xã", "thành phố")
COMMUNE_TYPES = ("xã", "phường", "thị trấn", "đặc khu")
_SPLIT = re.compile(r"[\s,;:()\"'“”‘’ʼ/]+")


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


_PUNCT_IN_TOKEN = str.maketrans("", "", "&-.+")


def _letters(tok: str) -> str:
    return tok.translate(_PUNCT_IN_TOKEN)


@lru_cache(maxsize=1 << 16)
def expand_token(tok: str, dotted: bool, first: bool) -> tuple[str, ...]:
    """One printed token → one or more lower-case words (tokens repeat from name to name:
    each is expanded once)."""
    return tuple(_expand_token(tok, dotted, first))


def _expand_token(tok: str, dotted: bool, first: bool) -> list[str]:
    joined = fold(_letters(tok))
    if first and tok.lower() in ("tp", "tx"):          # "tp can tho": no capitals left
        return TYPE_ABBREVIATIONS[tok.lower()].split()
    if not dotted and tok.isalpha() and not tok.isupper() and joined not in ACRONYMS:
        return [tone(tok.lower())]           # an ordinary word: nothing to expand
    if ("&" in tok or "-" in tok or tok.isupper() or joined in ACRONYMS) and joined in ACRONYMS:
        if not (tok.islower() and len(joined) <= 2 and not dotted):   # "ld", "vp" only as acronyms
            return ACRONYMS[joined].split()
    if first and tok[:1] == "S" and (tok[1:2].isupper() or tok[1:2] == "Đ") \
            and (rest := _sở_acronym(joined[1:])):                    # "SLĐ-TB&XH", "STNMT"
        return ["sở", *rest]
    if joined in TYPE_ABBREVIATIONS and (dotted or first) and (tok.isupper() or dotted):
        return TYPE_ABBREVIATIONS[joined].split()
    if "-" in tok:
        return [w for part in tok.split("-") for w in expand_token(part, False, False)]
    return [tone(tok.lower())]


def _sở_acronym(joined: str) -> list[str] | None:
    """'ldtbxh' → its words, or 'ld'+'tbxh' read as two acronyms; None when unknown."""
    if len(joined) < 2:
        return None
    if joined in ACRONYMS:
        return ACRONYMS[joined].split()
    for cut in range(2, len(joined) - 1):
        head, tail = joined[:cut], joined[cut:]
        if head in ACRONYMS and tail in ACRONYMS:
            return [*ACRONYMS[head].split(), *ACRONYMS[tail].split()]
    return None


_RN = re.compile(r"(?<=[^\W\d_])rn", re.IGNORECASE)


def fix_confusables(text: str) -> str:
    """OCR letter pairs no Vietnamese word holds: 'rn' after a vowel is 'm' ('Tarn' → 'Tam');
    after a consonant it is a dropped vowel ('trn' ← 'trấn') and stays."""
    return _RN.sub(lambda m: _rn(text, m), text)


def _rn(text: str, m: re.Match) -> str:
    vowel = fold_char(text[m.start() - 1].lower()) in "aeiouy"
    return ("m" if m.group().islower() else "M") if vowel else m.group()


def words(text: str) -> list[str]:
    toks = raw_tokens(fix_confusables(text))
    out: list[str] = []
    for i, (tok, dotted) in enumerate(toks):
        first = i == 0 or _after_ubnd(out)
        out.extend(expand_token(tok, dotted, first))
    return repair_head(_thethao(out))


#: Type words a damaged name may start with (canonical, printed spellings), longest first.
HEAD_PHRASES = (("ủy ban nhân dân", ("ủy ban nhân dân", "uỷ ban nhân dân")),
                ("thành phố", ("thành phố",)), ("thị trấn", ("thị trấn", "thị trần", "thị trẫn")), ("thị xã", ("thị xã",)),
                ("đặc khu", ("đặc khu",)), ("huyện", ("huyện",)), ("quận", ("quận",)),
                ("phường", ("phường",)), ("tỉnh", ("tỉnh",)), ("sở", ("sở",)), ("xã", ("xã",)))
LEA = frozenset(chr(c) for c in range(0x1EA0, 0x1EFA))


def _dropped_regex(phrase: str) -> str:
    """Any U+1EA0–U+1EF9 letter (and the space after it) optional."""
    parts = []
    for i, ch in enumerate(phrase):
        if ch in LEA:
            parts.append(re.escape(ch) + "?")
        elif ch == " " and i and phrase[i - 1] in LEA:
            parts.append(" ?")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _head_pattern(spellings: tuple[str, ...]) -> re.Pattern:
    """A damaged spelling followed by a space, or glued to the next word when its
    last letter (one of U+1EA0–U+1EF9) went with the space ('Thành phHòa Bình')."""
    alts = [_dropped_regex(s) + " " for s in spellings]
    alts += [_dropped_regex(s[:-1]) + r"(?=\S)" for s in spellings if s[-1] in LEA]
    return re.compile("(?:" + "|".join(alts) + ")")


_HEADS = tuple((canon, spellings, _head_pattern(spellings), fold(canon) + " ")
               for canon, spellings in HEAD_PHRASES)


def _head_end(text: str, folded_text: str, canon: str, pattern: re.Pattern, folded: str) -> int:
    m = pattern.match(text)
    if m and m.end() > 1:
        return m.end()
    head = text[:len(folded)]
    if canon != "sở" and folded_text.startswith(folded) and (head.isascii() or _one_mark_off(head, canon)):
        return len(folded)                   # 'Huyen', 'Huyẹn'; not 'Số', not 'Quán'
    return 0


def _marks(ch: str) -> set[str]:
    return {m for m in unicodedata.normalize("NFD", ch)[1:]}


def _one_mark_off(printed: str, canon: str) -> bool:
    """OCR lost or misread one diacritic of one letter ('huyẹn' for 'huyện')."""
    diffs = [len(_marks(a) ^ _marks(b)) for a, b in zip(printed.strip(), canon) if a != b]
    return len(diffs) == 1 and diffs[0] == 1


def _repair_one(ws: list[str], heads) -> tuple[list[str], bool]:
    text = " ".join(ws) + " "
    folded_text = fold(text)
    for canon, spellings, pattern, folded in heads:
        if any(text.startswith(sp + " ") for sp in spellings):
            return canon.split() + text[len(spellings[0]) + 1:].split(), True
        end = _head_end(text, folded_text, canon, pattern, folded)
        if end:
            return canon.split() + text[end:].split(), True
    return ws, False


_CLEAN_FIRST = {"huyện", "quận", "phường", "xã", "tỉnh", "sở", "ban", "văn", "thanh"}


_CLEAN_PAIRS = {"thành phố", "thị xã", "thị trấn", "đặc khu"}


def _clean(ws: list[str]) -> bool:
    """Starts with an undamaged type word (the common case)."""
    if not ws:
        return True
    if ws[0] in _CLEAN_FIRST:
        return not (ws[0] == "thanh" and ws[1:2] == ["pho"])
    return " ".join(ws[:2]) in _CLEAN_PAIRS


def repair_head(ws: list[str]) -> list[str]:
    """'huyn Lạc Sơn', 'Thanh pho Son La', 'U ban nhân dân huyện …' → the type words restored."""
    if ws[:4] == ["ủy", "ban", "nhân", "dân"] and _clean(ws[4:]):
        return ws
    if _clean(ws):
        return ws
    out, prefixed = _repair_one(ws, _HEADS[:1])
    if prefixed:
        rest, _ = _repair_one(out[4:], _HEADS[1:])
        return out[:4] + rest
    return _repair_one(out, _HEADS[1:])[0]


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


def _heads_by_first_word() -> dict[str, list[tuple[str, str | None, tuple[str, ...]]]]:
    """First word → (level, type phrase, its words), longest phrase first."""
    table: dict[str, list] = {}
    entries = [("department", h) for h in DEPARTMENT_HEADS]
    entries += [("district", t) for t in DISTRICT_TYPES] + [("commune", t) for t in COMMUNE_TYPES]
    for level, phrase in entries:
        table.setdefault(phrase.split()[0], []).append((level, phrase, tuple(phrase.split())))
    for options in table.values():
        options.sort(key=lambda o: -len(o[2]))
    return table


_HEADS_BY_FIRST = _heads_by_first_word()


def split_level(ws: list[str]) -> tuple[str | None, str | None, list[str]]:
    """(level, type word, rest) read off the front of the words."""
    if ws[:4] == ["ủy", "ban", "nhân", "dân"]:
        ws = ws[4:]
    if not ws:
        return None, None, ws
    if fold(ws[0]) == "so" and len(ws) > 1:
        return "department", "sở", ws[1:]
    for level, phrase, pw in _HEADS_BY_FIRST.get(ws[0], ()):
        if tuple(ws[:len(pw)]) == pw:
            if level == "department":
                return level, phrase, ws
            if len(ws) > len(pw):
                return level, phrase, ws[len(pw):]
    if ws[0] == "tỉnh":
        return "province", "tỉnh", ws[1:]
    return None, None, ws


_PROVINCE_WORDS = (" tỉnh", " thành phố")


def without_province_word(key: str) -> str:
    """A department's key without a closing 'tỉnh' / 'thành phố' ('cục thuế tỉnh' → 'cục
    thuế'): printed names carry it or not, as it comes."""
    for word in _PROVINCE_WORDS:
        if key.endswith(word) and " " in key[:-len(word)].strip() + " ":
            return key[:-len(word)]
    return key


@lru_cache(maxsize=200_000)
def parse_name(text: str) -> Query:
    ws = words(text)
    level, kind, rest = split_level(ws)
    if level == "department":
        bare = key_of(ws)
    else:
        bare = key_of(rest)
    full = key_of(ws) if level == "department" else key_of(([kind] if kind else []) + rest)
    return Query(text, full, level, kind, bare)
