"""Labelled name variants for measuring the matcher: real gazetteer names put
through the damage the seeds show (letters of U+1EA0–U+1EF9 dropped, with or
without the space after them; acronyms; case; punctuation; "UBND" / "Ủy ban
nhân dân" prefixes; OCR confusions), plus names that must come back unknown.

Deterministic for a given seed, so the benchmark and the tests see the same set.
"""
from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterator

from collections import Counter

from .gazetteer import Entry, Gazetteer, gazetteer
from .keys import fold

LEA = frozenset(chr(c) for c in range(0x1EA0, 0x1EFA))


@dataclass(frozen=True)
class Variant:
    text: str
    expected: str | None      # the identity, or None: must not be matched
    province: str | None
    year: int | None
    level: str | None         # the level hint a table would give
    kind: str                 # which damage made it


# -- damage -----------------------------------------------------------------

def drop_letter(name: str, rnd: random.Random, with_space: bool = False) -> str | None:
    spots = [i for i, ch in enumerate(name) if ch in LEA
             and (not with_space or (i + 1 < len(name) and name[i + 1] == " "))]
    if not spots:
        return None
    i = rnd.choice(spots)
    return name[:i] + name[i + 2 if with_space else i + 1:]


def drop_two(name: str, rnd: random.Random) -> str | None:
    once = drop_letter(name, rnd)
    return drop_letter(once, rnd) if once else None


ACRONYM_FORMS = {
    "Kế hoạch và Đầu tư": ("KH&ĐT", "KH-ĐT", "KHĐT"),
    "Thông tin và Truyền thông": ("TT&TT", "TTTT"),
    "Lao động - Thương binh và Xã hội": ("LĐ-TB&XH", "LĐTBXH", "Lao động, TB&XH"),
    "Nông nghiệp và Phát triển nông thôn": ("NN&PTNT", "Nông nghiệp và PTNT"),
    "Tài nguyên và Môi trường": ("TN&MT", "TNMT"),
    "Giáo dục và Đào tạo": ("GD&ĐT", "GDĐT"),
    "Giao thông vận tải": ("GTVT",),
    "Khoa học và Công nghệ": ("KH&CN", "KHCN"),
    "Văn hóa, Thể thao và Du lịch": ("VH-TT&DL", "VHTTDL", "Văn hóa, TT và DL"),
    "Ủy ban nhân dân": ("UBND",),
    "các Khu công nghiệp": ("các KCN",),
}


def acronym(name: str, rnd: random.Random) -> str | None:
    for phrase, forms in ACRONYM_FORMS.items():
        if phrase in name:
            return name.replace(phrase, rnd.choice(forms))
    return None


def change_case(name: str, rnd: random.Random) -> str:
    return rnd.choice((name.upper(), name.lower(), name.title()))


def punctuation(name: str, rnd: random.Random) -> str | None:
    options = [name.replace(" và ", " - "), name.replace(" và ", ", "), name.replace(",", ""),
               name.replace(" - ", "-"), name + ".", name.replace(", ", " - ")]
    options = [o for o in options if o != name]
    return rnd.choice(options) if options else None


OCR = {"ơ": "o", "ư": "u", "ê": "e", "â": "a", "ă": "a", "ô": "o", "đ": "d", "Đ": "D",
       "ở": "ỏ", "ạ": "á", "ả": "ã", "ệ": "ẹ", "ấ": "ầ", "ộ": "ô", "m": "rn"}


def ocr_confusion(name: str, rnd: random.Random) -> str | None:
    spots = [i for i, ch in enumerate(name) if ch in OCR]
    if not spots:
        return None
    i = rnd.choice(spots)
    return name[:i] + OCR[name[i]] + name[i + 1:]


def decomposed(name: str, rnd: random.Random) -> str:
    return unicodedata.normalize("NFD", name)


def no_diacritics(name: str, rnd: random.Random) -> str:
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def unit_prefix(name: str, rnd: random.Random) -> str:
    return rnd.choice(("UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân ", "UBND ")) + _lower_type(name)


def bare(name: str, rnd: random.Random) -> str:
    """'Huyện Lạc Sơn' → 'Lạc Sơn' (the table's level says what it is)."""
    for t in ("Thành phố ", "Thị xã ", "Huyện ", "Quận ", "Thị trấn ", "Phường ", "Xã ", "Đặc khu "):
        if name.startswith(t):
            return name[len(t):]
    return name


def _lower_type(name: str) -> str:
    return name[:1].lower() + name[1:]


DAMAGE: dict[str, Callable] = {
    "as-printed": lambda n, r: n,
    "dropped-letter": drop_letter,
    "dropped-letter-space": lambda n, r: drop_letter(n, r, with_space=True),
    "dropped-two": drop_two,
    "acronym": acronym,
    "case": change_case,
    "punctuation": punctuation,
    "ocr": ocr_confusion,
    "nfd": decomposed,
    "no-diacritics": no_diacritics,
}
UNIT_DAMAGE: dict[str, Callable] = {
    "prefix": unit_prefix,
    "prefix+dropped": lambda n, r: drop_letter(unit_prefix(n, r), r),
    "bare": bare,
    "bare+dropped": lambda n, r: drop_letter(bare(n, r), r),
}


# -- the labelled set ---------------------------------------------------------

#: (province id, year) of the seeds, and a few more provinces for districts and communes.
SETTINGS = (("hoa-binh", 2017), ("son-la", 2017), ("yen-bai", 2018), ("hoa-binh", 2023),
            ("quang-binh", 2020), ("ha-noi", 2022), ("nghe-an", 2019), ("ca-mau", 2021))
NOT_AGENCIES = ("Tổng điểm", "Đơn vị", "Số: 2631/QĐ-UBND", "Xếp hạng", "còn lại các đơn vị",
                "Hầu hết các đơn vị", "Ghi chú", "Điểm tối đa", "Sở", "UBND", "Tng điểm",
                "Sở Hàng không vũ trụ", "Sở Du hành", "Ban Chỉ đạo chuyển đổi số",
                "UBND huyện Atlantis", "Trung tâm Hội nghị", "Bảng 1. Xếp hạng tổng thể")


def departments_of(gaz: Gazetteer, province: str, year: int) -> list[Entry]:
    return [d for d in gaz.departments if gaz.department_present(province, d, year)]


def units_of(gaz: Gazetteer, province: str, level: str) -> list[Entry]:
    return [u for u in gaz.units if u.province == province and u.level == level]


def labelled_variants(seed: int = 4, communes_per_province: int = 12,
                      gaz: Gazetteer | None = None) -> list[Variant]:
    gaz = gaz or gazetteer()
    rnd = random.Random(seed)
    out: list[Variant] = []
    for province, year in SETTINGS:
        for dept in departments_of(gaz, province, year):
            ident = f"{province}/{dept.id}"
            out += _damaged(dept.name, ident, province, year, "department", DAMAGE, rnd)
        for level, count in (("district", None), ("commune", communes_per_province)):
            units = [u for u in units_of(gaz, province, level) if u.exists_in(year)]
            twins, bare_twins = homonyms(units, by_name=True), homonyms(units, by_name=False)
            out += [Variant(u.name, None, province, year, level, "homonym") for u in units
                    if u in twins][:count or None]
            units = [u for u in units if u not in twins]
            units = rnd.sample(units, min(count, len(units))) if count else units
            for u in units:
                damage = {**DAMAGE, **UNIT_DAMAGE}
                if u in bare_twins:         # 'Phường X' and 'Xã X': the type word tells them apart
                    damage = {k: f for k, f in damage.items() if not k.startswith("bare")}
                out += _damaged(u.name, u.id, province, year, level, damage, rnd)
    return _dedupe(out + negatives(gaz, rnd))


def homonyms(units: list[Entry], by_name: bool = True) -> set[Entry]:
    """Units whose name (or bare name), without diacritics, another unit of the same list
    also has ('Xã Hòa Phú' twice in Hà Nội, 'Xã Văn Sơn' / 'Xã Vân Sơn'): the name alone
    cannot tell them apart, so the right answer is `ambiguous`, never `matched`."""
    key = (lambda u: fold(u.name)) if by_name else (lambda u: fold(u.bare))
    seen = Counter(key(u) for u in units)
    return {u for u in units if seen[key(u)] > 1}


def _damaged(name, ident, province, year, level, damage, rnd) -> Iterator[Variant]:
    for kind, fn in damage.items():
        text = fn(name, rnd)
        if text:
            yield Variant(text, ident, province, year, level, kind)


def negatives(gaz: Gazetteer, rnd: random.Random) -> list[Variant]:
    """Names that must not come back matched."""
    out = [Variant(t, None, p, y, None, "not-an-agency") for p, y in SETTINGS for t in NOT_AGENCIES]
    for province, year in SETTINGS:
        absent = [d for d in gaz.departments if not gaz.department_present(province, d, year)]
        out += [Variant(d.name, None, province, year, "department", "absent-that-year") for d in absent]
        others = [u for u in gaz.units if u.level == "district" and u.province not in
                  {province, None} and not u.province.endswith("@2025")]
        own = {u.bare for u in units_of(gaz, province, "district")}
        picks = [u for u in rnd.sample(others, 40) if u.bare not in own][:12]
        out += [Variant("UBND " + _lower_type(u.name), None, province, year, "district",
                        "other-province") for u in picks]
    return out


def _dedupe(variants: list[Variant]) -> list[Variant]:
    seen: set[tuple] = set()
    out = []
    for v in variants:
        key = (v.text, v.province, v.year, v.level)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def national_names(n: int, seed: int = 7, gaz: Gazetteer | None = None) -> list[str]:
    """n names drawn from the whole gazetteer (every level), each with some damage."""
    gaz = gaz or gazetteer()
    rnd = random.Random(seed)
    pool = [u.name for u in gaz.units] + [d.name for d in gaz.departments]
    damage = list({**DAMAGE, **UNIT_DAMAGE}.values())
    out = []
    while len(out) < n:
        text = rnd.choice(damage)(rnd.choice(pool), rnd)
        if text:
            out.append(text)
    return out
