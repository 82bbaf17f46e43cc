"""Headings, paragraphs, and each table's title and section."""
from __future__ import annotations

import re

from .grid.patterns import is_band
from .text.cells import Item
from .model import Heading, Paragraph, Table, Where

_HEADING = re.compile(
    r"^(?P<mark>[IVXL]{1,5}|[A-ZĐ]|\d{1,2}(?:\.\d{1,2}){0,3})[.)]\s+(?P<body>\S.{1,220})$")


def heading_level(mark: str) -> int:
    if re.fullmatch(r"[A-ZĐ]", mark) and mark not in "IVXL":
        return 1
    if re.fullmatch(r"[IVXL]+", mark):
        return 2
    return 2 + mark.count(".") + 1


_NOT_HEADING = re.compile(r"^(?:\|\s*)?(?:KT\.|TM\.|PHÓ |CHỦ TỊCH|QUYẾT ĐỊNH|CỘNG HÒA|ỦY BAN|NƠI NHẬN)")


def is_caps_heading(text: str) -> bool:
    """An upper-case title line: "PHỤ LỤC", "BỘ TIÊU CHÍ ĐÁNH GIÁ …"."""
    letters = [ch for ch in text if ch.isalpha()]
    return (len(letters) >= 6 and len(text) <= 300 and all(ch.isupper() for ch in letters)
            and " " in text.strip() and not _NOT_HEADING.match(text) and "|" not in text)


def is_heading(text: str) -> bool:
    m = _HEADING.match(text)
    if not m or is_band(text) or text.endswith((";", ",", ":")):
        return False
    body = m.group("body")
    return len(body) < 200 and not re.match(r"^\d", body)


def headings_and_paragraphs(items: list[Item], taken: set[int]) -> tuple[list[Heading], list[Paragraph]]:
    heads, paras = [], []
    for k, it in enumerate(items):
        if k in taken or it.text == "":
            continue
        if is_heading(it.text):
            mark = _HEADING.match(it.text).group("mark")
            heads.append(Heading(it.text, Where(line=it.line), heading_level(mark)))
        elif is_caps_heading(it.text):
            heads.append(Heading(it.text, Where(line=it.line), 0))
        paras.append(Paragraph(it.text, Where(line=it.line)))
    return heads, paras


def place(table: Table, heads: list[Heading]) -> Table:
    """Title: the caption when one is printed, else the nearest heading above.
    Section: the innermost heading enclosing the table that is not its title."""
    line = table.where.line or 0
    stack: list[Heading] = []
    for h in heads:
        if (h.where.line or 0) >= line:
            break
        while stack and stack[-1].level >= h.level:
            stack.pop()
        stack.append(h)
    nearest = stack[-1] if stack else None
    if table.caption:
        title = table.caption
        section = nearest.text if nearest else None
    else:
        title = nearest.text if nearest else None
        section = stack[-2].text if len(stack) > 1 else None
    return table.with_(title=title, section=section, context=tuple(h.text for h in stack))
