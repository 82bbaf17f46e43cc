"""Scoring categories → stable slugs, so rubrics and panels line up across
provinces and years ("Hạ tầng kỹ thuật CNTT", "HẠ TẦNG KỸ THUẬT CÔNG NGHỆ
THÔNG TIN" → "infrastructure"; DTI's "Hạ tầng số" → "dti_infrastructure").

Patterns are read against the folded text (no diacritics, lower case,
abbreviations expanded) and tolerate the seeds' dropped letters ("tng th" for
"tổng thể").  The first pattern that matches wins, so the specific ones (DTI's
"… số" pillars, "hạ tầng nhân lực") come before the general ones.

    >>> canonical_category("2.1. HẠ TẦNG KỸ THUẬT CÔNG NGHỆ THÔNG TIN")
    'infrastructure'
    >>> canonical_category("Bảng 1. Xếp hạng tng th mức độ ứng dụng CNTT của các sở, ngành")
    'overall'
"""
from __future__ import annotations

import re

from .keys import fold, words

CATEGORIES: tuple[tuple[str, str], ...] = (
    ("dti_awareness", r"nhan thuc so\b"),
    ("dti_institutions", r"the che so\b"),
    ("dti_infrastructure", r"ha tang so\b"),
    ("dti_human_resources", r"nhan luc so\b"),
    ("dti_cybersecurity", r"an toan thong tin mang\b"),
    ("dti_digital_government", r"(hoat dong )?chinh quyen so\b"),
    ("dti_digital_economy", r"kinh te so\b"),
    ("dti_digital_society", r"xa hoi so\b"),
    ("dti_overall", r"\bchuyen doi so\b|\bdti\b"),
    ("overall", r"xep h\w{0,2}ng (chung|t\w{0,2}ng th\w{0,2}\b)|\bket qua chung\b|\bt\w{0,2}ng the muc do\b"
                r"|^bo tieu chi\b"),
    ("web_portal", r"\btrang (thong tin dien tu|ttdt)\b|\bcong thong tin dien tu\b"),
    ("commune_applications", r"\w{0,2}ng dung\b.*\bcap xa\b"),
    ("human_resources", r"\bnhan luc\b"),
    ("information_security", r"\ban (toan|ninh)\b.*\bthong tin\b"),
    ("infrastructure", r"\bha t\w{0,2}ng (ky thuat|cong nghe thong tin)\b|^ha tang$"),
    ("public_services", r"nguoi dan (va|,)? ?doanh nghiep|\bdich vu cong\b"),
    ("internal_applications", r"\bnoi bo\b"),
    ("applications", r"^(\d[\d.]* )?\w{0,2}ng dung cong nghe thong tin$"),
    ("policy_environment", r"\bco che\b|\bchinh sach\b|\bmoi truong to chuc\b"),
)
_COMPILED = tuple((slug, re.compile(p)) for slug, p in CATEGORIES)
SLUGS = tuple(slug for slug, _ in CATEGORIES)


def category_key(text: str) -> str:
    """'2.1. HẠ TẦNG KỸ THUẬT CNTT' → '2 1 ha tang ky thuat cong nghe thong tin'."""
    return fold(" ".join(words(text)))


def canonical_category(text: str) -> str | None:
    """The category slug a title, caption or section names; None when it names none."""
    if not text:
        return None
    key = _strip_numbering(category_key(text))
    for slug, pattern in _COMPILED:
        if pattern.search(key):
            return slug
    return None


def _strip_numbering(key: str) -> str:
    """Drop 'bang 1 1', '2 1', 'ii' numbering in front of a title."""
    return re.sub(r"^((bang|muc|phan)\s+)?([0-9]+\s+|[ivx]+\s+)*", "", key).strip()
