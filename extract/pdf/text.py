"""The running text of a PDF around its tables: lines → paragraphs → headings,
paragraphs and metadata, with the same rules as for text dumps (extract/layout.py,
extract/metadata.py).  Each paragraph keeps its page and box."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import layout
from ..model import BBox, Heading, Paragraph


@dataclass(frozen=True)
class Line:
    text: str
    page: int
    bbox: BBox
    font: str = ""               # the font of its first character
    printed: tuple[tuple[str, BBox], ...] = ()   # a paragraph's printed lines (text, box)
    size: float = 0.0            # the largest character size on the line (superscripts aside)

    def lines(self) -> tuple[tuple[str, BBox], ...]:
        return self.printed or ((self.text, self.bbox),)


def page_lines(page, number: int, tables: list[BBox]) -> list[Line]:
    """Text lines of a pdfplumber page that lie outside every table box."""
    out = []
    for ln in page.extract_text_lines(return_chars=True):
        box = (ln["x0"], ln["top"], ln["x1"], ln["bottom"])
        if any(_inside(box, t) for t in tables):
            continue
        text = " ".join(ln["text"].split())
        if text:
            chars = ln.get("chars") or []
            font = chars[0].get("fontname", "") if chars else ""
            size = max((float(c.get("size") or 0) for c in chars), default=0.0)
            out.append(Line(text, number, tuple(round(v, 2) for v in box), font,
                            size=round(size, 1)))
    return out


def _inside(box: BBox, table: BBox) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return table[0] - 2 <= cx <= table[2] + 2 and table[1] - 2 <= cy <= table[3] + 2


_FURNITURE = re.compile(r"^(?:\d{1,4}|-\s*\d{1,4}\s*-|Trang \d+( / \d+)?)$")


def is_furniture(line: Line) -> bool:
    """Page numbers and the like, which never split a table from its continuation."""
    return bool(_FURNITURE.match(line.text))


#: A line in type this much smaller than the page's text is a footnote.
FOOTNOTE_SHARE = 0.85


def footnotes(lines: list[Line]) -> set[int]:
    """Indexes of the footnote lines of one page: the lines at its foot printed
    smaller than the page's body text (the size most of its characters have)."""
    sizes: dict[float, int] = {}
    for ln in lines:
        if ln.size:
            sizes[ln.size] = sizes.get(ln.size, 0) + len(ln.text)
    if not sizes:
        return set()
    body = max(sizes, key=sizes.get)
    out: set[int] = set()
    for k in range(len(lines) - 1, -1, -1):
        ln = lines[k]
        if is_furniture(ln):
            continue
        if not ln.size or ln.size >= FOOTNOTE_SHARE * body:
            break
        out.add(k)
    return out


def paragraphs(lines: list[Line]) -> list[Line]:
    """Lines that wrapped inside one paragraph, joined: a line that reaches the
    right margin runs on into the next one when it follows closely.  Where the
    page sets its paragraphs apart with extra space, the space alone says where
    a paragraph ends; elsewhere a line ending in ":" or ";" ends one (a list)."""
    out: list[Line] = []
    right = {ln.page: 0.0 for ln in lines}
    for ln in lines:
        right[ln.page] = max(right[ln.page], ln.bbox[2])
    gaps = {n: _line_gap([ln for ln in lines if ln.page == n]) for n in right}
    last = None                  # the last printed line of the paragraph being joined
    for ln in lines:
        prev = out[-1] if out else None
        if prev and prev.page == ln.page and _runs_on(last, ln, right[ln.page], gaps[ln.page]):
            box = (min(prev.bbox[0], ln.bbox[0]), prev.bbox[1], max(prev.bbox[2], ln.bbox[2]),
                   ln.bbox[3])
            out[-1] = Line(f"{prev.text} {ln.text}", ln.page, box, prev.font,
                           prev.lines() + ln.lines())
        else:
            out.append(ln)
        last = ln
    return out


def _line_gap(lines: list[Line]) -> float | None:
    """The space between the lines of a paragraph on a page that puts more (2 pt
    or more) between paragraphs; None when it does not."""
    gaps = [round(b.bbox[1] - a.bbox[3], 1) for a, b in zip(lines, lines[1:])
            if 0 <= b.bbox[1] - a.bbox[3] < 20]
    if len(gaps) < 3:
        return None
    repeated = [g for g in set(gaps) if gaps.count(g) >= 2]
    if not repeated:
        return None
    tight = min(repeated)
    return tight if any(tight + 2 <= g <= tight + 12 for g in gaps) else None


def _runs_on(prev: Line, ln: Line, right: float, line_gap: float | None = None) -> bool:
    height = prev.bbox[3] - prev.bbox[1]
    gap = ln.bbox[1] - prev.bbox[3]
    last_line = prev.bbox[2] - prev.bbox[0]
    if line_gap is None:
        close = 0 <= gap < 0.6 * height and not prev.text.endswith((":", ";")) \
            and prev.bbox[2] > right - 30 and last_line > 200
    else:                        # a ragged line may stop well short of the margin
        close = 0 <= gap < line_gap + 1
    return close and not layout.is_heading(ln.text) and _bold(prev.font) == _bold(ln.font)


def _bold(font: str) -> bool:
    return "bold" in font.lower()


def relocate(heads: list[Heading], plain: list[Paragraph], where: dict):
    """Reading-order numbers → the page and box of each heading and paragraph."""
    return ([Heading(h.text, where[h.where.line], h.level) for h in heads],
            [Paragraph(p.text, where[p.where.line]) for p in plain])
