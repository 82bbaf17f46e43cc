"""Scoring categories → stable slugs, so rubrics and panels line up across
provinces and years ("Hạ tầng kỹ thuật CNTT", "HẠ TẦNG KỸ THUẬT CÔNG NGHỆ
THÔNG TIN" → "infrastructure"; DTI's "Hạ tầng số" → "dti_infrastructure";
the PAR INDEX field "Cải cách thủ tục hành chính" → "par_procedures").

The patterns are data (`data/categories.csv`), read against the folded text (no
diacritics, lower case, abbreviations such as CCHC, TTHC, CQĐT expanded).  A
pattern written with Vietnamese letters tolerates the letters damaged fonts drop
("Ci cách th tc hành chính" still names "Cải cách thủ tục hành chính").  Rows are
tried in file order and the first match wins, so specific wordings come first.

Each row has a *family* (ict, dti, par, sipas) and a *scope*: ``any`` rows match
on their own; a row scoped to a family matches only where the neighbouring
titles show that family.  "Thể chế" or "Tài chính công" alone say little, but
beside "Cải cách thủ tục hành chính" and "Cải cách chế độ công vụ" they are
PAR INDEX fields (`context_family`, `tree_categories`).

    >>> canonical_category("2.1. HẠ TẦNG KỸ THUẬT CÔNG NGHỆ THÔNG TIN")
    'infrastructure'
    >>> canonical_category("Bảng 1. Xếp hạng tng th mức độ ứng dụng CNTT của các sở, ngành")
    'overall'
    >>> canonical_category("Công tác chỉ đạo, điều hành cải cách hành chính")
    'par_direction'
    >>> canonical_category("Thể chế"), canonical_category("Thể chế", family="par")
    (None, 'par_institutions')
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .keys import LEA, fold, words

DATA = Path(__file__).parent / "data" / "categories.csv"

#: Families whose criteria keep their own category under a parent of the family
#: (an e-government rubric's "Cổng thông tin điện tử" under "Ứng dụng CNTT").
OPEN_FAMILIES = frozenset({"ict", "dti"})
#: Distinct fields of one family the top-level titles must name to be read as that family.
CONTEXT_MIN_FIELDS = 3

#: Acronyms of administrative-reform texts, on the folded words → what they stand for.
ACRONYMS = {
    "cchc": "cai cach hanh chinh", "tthc": "thu tuc hanh chinh",
    "cqdt": "chinh quyen dien tu", "cqs": "chinh quyen so",
    "vbqppl": "van ban quy pham phap luat", "qppl": "quy pham phap luat",
    "cbccvc": "can bo cong chuc vien chuc", "cbcc": "can bo cong chuc",
    "ccvc": "cong chuc vien chuc", "dtxhh": "dieu tra xa hoi hoc",
    "ktxh": "kinh te xa hoi",
}
_ACRONYM = re.compile(r"\b(" + "|".join(sorted(ACRONYMS, key=len, reverse=True)) + r")\b")


@dataclass(frozen=True)
class Rule:
    slug: str
    family: str          # ict | dti | par | sipas
    scope: str           # "any", or the family whose context it needs
    parent: str | None   # the category it refines ("sipas_access" refines "sipas")
    pattern: re.Pattern


def tolerant(pattern: str) -> str:
    """A pattern written with Vietnamese letters → one over folded text in which each
    letter a damaged font may drop (U+1EA0–U+1EF9) is optional, a one-letter word with
    its space ("ở " → "(?:o )?")."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch in LEA or ch.lower() in LEA:
            base = re.escape(fold(ch))
            alone = (i == 0 or pattern[i - 1] == " ") and pattern[i + 1:i + 2] == " "
            out.append(f"(?:{base} )?" if alone else f"{base}?")
            i += 2 if alone else 1
            continue
        out.append(fold(ch) if not ch.isascii() else ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    with open(DATA, encoding="utf-8", newline="") as f:
        return tuple(Rule(r["slug"], r["family"], r["scope"], r["parent"] or None,
                          re.compile(tolerant(r["pattern"])))
                     for r in csv.DictReader(f))


@lru_cache(maxsize=1)
def families() -> dict[str, str]:
    """Slug → family."""
    return {rule.slug: rule.family for rule in load_rules()}


@lru_cache(maxsize=1)
def refines() -> dict[str, str]:
    """Slug → the category it refines, for the slugs that refine one."""
    return {rule.slug: rule.parent for rule in load_rules() if rule.parent}


def slugs() -> tuple[str, ...]:
    return tuple(dict.fromkeys(rule.slug for rule in load_rules()))


SLUGS = slugs()


def family_of(slug: str | None) -> str | None:
    return families().get(slug) if slug else None


def category_key(text: str) -> str:
    """'2.1. HẠ TẦNG KỸ THUẬT CNTT' → '2.1 ha tang ky thuat cong nghe thong tin';
    'Cải cách TTHC' → 'cai cach thu tuc hanh chinh'."""
    key = fold(" ".join(words(text)))
    key = re.sub(r"\bkt xa hoi\b", "kinh te xa hoi", key)
    return _ACRONYM.sub(lambda m: ACRONYMS[m.group(1)], key)


@lru_cache(maxsize=20_000)
def canonical_category(text: str, family: str | None = None) -> str | None:
    """The category slug a title, caption, column label or criterion names; None when it
    names none.  *family* ("par", "sipas") also lets the rows scoped to that family match:
    the text's neighbours showed the family (see `context_family`)."""
    if not text:
        return None
    key = _strip_numbering(category_key(text))
    for rule in load_rules():
        if rule.scope not in ("any", family):
            continue
        if rule.pattern.search(key):
            return rule.slug
    return None


def context_family(titles: Iterable[str]) -> str | None:
    """The family whose fields the *titles* (a rubric's top-level headings, a table's
    column labels) name, when they name at least `CONTEXT_MIN_FIELDS` distinct ones."""
    titles = [t for t in titles if t]
    best, count = None, 0
    for fam in ("par", "sipas"):
        named = {c for t in titles if family_of(c := canonical_category(t, fam)) == fam}
        if len(named) > count:
            best, count = fam, len(named)
    return best if count >= CONTEXT_MIN_FIELDS else None


def categories_in_context(titles: Sequence[str]) -> list[str | None]:
    """Each of *titles* categorised beside the others (siblings: the column labels of one
    table, the fields of one rubric)."""
    fam = context_family(titles)
    return [canonical_category(t, fam) for t in titles]


def tree_categories(nodes: Sequence[tuple[str, str | None, str]]) -> list[str | None]:
    """Categories of a rubric's criteria, given as (id, parent id, title) in printed order;
    one category per criterion, in that order.

    The top-level criteria are read beside each other (`categories_in_context`).  A
    criterion below takes its parent's category (the nearest earlier criterion of the
    parent's id), unless it names one that refines it ("Mức độ hài lòng về tiếp cận dịch
    vụ" under SIPAS), or both are e-government or DTI categories (an ICT rubric's "Cổng
    thông tin điện tử" under "Ứng dụng CNTT").  Under a PAR field every criterion stays in
    its field: "Thực hiện chỉ đạo, điều hành … trên môi trường điện tử" under "Chuyển đổi
    số" is not the field "chỉ đạo, điều hành".
    """
    fam = context_family(title for _id, parent, title in nodes if parent is None)
    out: list[str | None] = []
    latest: dict[str, str | None] = {}
    for node_id, parent, title in nodes:
        own = canonical_category(title, fam)
        category = own if parent is None else _below(own, latest.get(parent))
        latest[node_id] = category
        out.append(category)
    return out


def _below(own: str | None, parent: str | None) -> str | None:
    if parent is None:
        return own
    if own is None:
        return parent
    if refines().get(own) == parent:
        return own
    if family_of(own) in OPEN_FAMILIES and family_of(parent) in OPEN_FAMILIES:
        return own
    return parent


def _strip_numbering(key: str) -> str:
    """Drop 'bang 1 1', '2.1', 'ii', 'linh vuc 3' numbering in front of a title."""
    return re.sub(r"^((bang|muc|phan|linh vuc)\s+(?=[0-9ivx]+\s))?([0-9][0-9.]*\s+|[ivx]+\s+)*",
                  "", key).strip()
