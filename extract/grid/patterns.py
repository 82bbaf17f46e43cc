"""The patterns every table reader shares: criterion ids, grade bands, column
numbers, a crosstab's corner cell, captions.  One place, so a text dump, a web
page, a PDF and a scan agree on what a band or an id looks like."""
from __future__ import annotations

import re

from ..interpret import column_number, fold, label_role

#: A printed number: "83,5", "1.234", "95 %", "12 (3)"; a dash or an "x" for none.
NUMERIC = re.compile(r"^[-+]?\d+(?:[.,]\d+)*\s*%?$|^\d+\s*\(\s*\d+(?:[.,]\d+)?\s*\)$|^[-x–—]$", re.I)
#: A grade-band row inside a table: "A. Mức khá (67%)", "Mức trung bình (17%)".
BAND = re.compile(r"^(?:[A-ZĐ]\.\s*)?M\w{0,2}c\s+[^\d()]{2,30}\(\s*\d+(?:[.,]\d+)?\s*%\s*\)$")
#: A table's caption: "Bảng 2.1. …".
CAPTION = re.compile(r"^B\w{0,2}ng\s+\d+(?:\.\d+)*\.?\s+\S")
#: A criterion id or section number: "1", "1.2", "1.2.3."
ID = re.compile(r"^\d+(?:\.\d+)*\.?$")
#: The top half of a crosstab's diagonally split corner cell ("Khối", "Đơn vị").
CORNER = re.compile(r"^(kh\w{0,2}i|don vi|co quan)$")
CORNER_PREFIX = re.compile(r"^(kh\w{0,2}i|don vi|co quan) (.+)$")
#: A crosstab's row: a grade band's name ("Mức khá").
GRADE_ROW = re.compile(r"^M\w{0,2}c\s")
#: A column number OCR may have misread ("q)" for "(1)").
NUMBER_LIKE = re.compile(r"^\(?[^\s()]{1,4}\)$|^\([^\s()]{1,4}\)?$")


def is_numeric(text: str) -> bool:
    return bool(NUMERIC.match(text))


def is_band(text: str) -> bool:
    """A grade-band row inside a table: "A. Mức khá (67%)", "Mức trung bình (17%)"."""
    return bool(BAND.match(text))


def is_id(text: str) -> bool:
    return bool(ID.match(text))


def is_numbering(texts: list[str]) -> bool:
    """The printed column numbers "(1)" … "(n)" (the filled cells of one row).
    Read by OCR some may be misread ("q)", "G)", a lone "("), so a third at least,
    and two, must be exact and the rest must still look like one: a bracket and
    up to four characters, or brackets alone ("(", "()": the figure lost)."""
    exact = sum(1 for t in texts if column_number(t) is not None)
    return len(texts) >= 2 and exact >= 2 and exact * 3 >= len(texts) and all(
        column_number(t) is not None or NUMBER_LIKE.match(t) or t in ("(", ")", "()")
        for t in texts)


def corner_pair(top: str, bottom: str) -> bool:
    """"Khối" over "Xếp hạng": the two halves of a crosstab's corner cell."""
    return bool(CORNER.match(fold(top))) and label_role(bottom) in ("rank", "grade")


def corner_split(text: str) -> list[str] | None:
    """A corner cell read as one line, "Khối Xếp hạng" → ["Khối", "Xếp hạng"]."""
    m = CORNER_PREFIX.match(fold(text))
    if not m or label_role(m.group(2)) not in ("rank", "grade"):
        return None
    words = text.split()
    k = len(m.group(1).split())
    return [" ".join(words[:k]), " ".join(words[k:])]


__all__ = ["ID", "CORNER", "GRADE_ROW", "CAPTION", "is_band", "is_numeric", "is_id",
           "is_numbering", "corner_pair", "corner_split", "column_number"]
