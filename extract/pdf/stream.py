"""Unruled tables: where they are on the page, for camelot stream to read.

camelot stream finds table areas from text alignment by itself, but on a
decision page it cuts tables at their grade-band rows and misses tables that
start in mid-page.  The area is easy to see from the text lines instead: a
header line starting with "TT"/"STT", then lines that start with a row number
(or a grade band, or a name running on), up to the caption "Bảng …" if there
is one (the caption itself is read with the text, where its second line joins
it).  A page that opens with numbered rows continues a table.
"""
from __future__ import annotations

import re

from ..grid.patterns import CAPTION, is_band
from ..interpret import label_role
from ..model import BBox
from .text import Line, is_furniture

_ROW = re.compile(r"^\d{1,3}\s+\S")


def is_row_line(line: Line) -> bool:
    return bool(_ROW.match(line.text)) or is_band(line.text)


def is_header_line(line: Line) -> bool:
    first = line.text.split()[0] if line.text.split() else ""
    return label_role(first) == "row_no"


def stream_areas(lines: list[Line]) -> list[BBox]:
    """Boxes (top-left origin) of the unruled tables among a page's lines."""
    body = [ln for ln in lines if not is_furniture(ln)]
    areas, i = [], 0
    while i < len(body):
        opens = is_header_line(body[i]) or (i == 0 and _ROW.match(body[i].text))
        if not opens:
            i += 1
            continue
        j = i + 1
        while j < len(body) and (is_row_line(body[j]) or _runs_on(body, j, body[i])):
            j += 1
        if j - i >= 2:
            areas.append(_union(body[i:j]))
        i = j
    return areas


def _runs_on(body: list[Line], j: int, head: Line) -> bool:
    """A unit name's second line: indented past the row numbers, under a row (or
    right under the header, when the page break cut the row in two)."""
    ln, above = body[j], body[j - 1]
    gap = ln.bbox[1] - above.bbox[3]
    close = gap < 6 if is_row_line(above) else (above is head and gap < 12)
    return close and ln.bbox[0] > head.bbox[0] + 15 and not CAPTION.match(ln.text)


def _union(lines: list[Line]) -> BBox:
    return (min(ln.bbox[0] for ln in lines) - 2, min(ln.bbox[1] for ln in lines) - 2,
            max(ln.bbox[2] for ln in lines) + 2, max(ln.bbox[3] for ln in lines) + 2)


def camelot_area(box: BBox, height: float) -> str:
    """camelot's "x1,y1,x2,y2": left-top and right-bottom, PDF (bottom-left) origin."""
    return f"{box[0]:.1f},{height - box[1]:.1f},{box[2]:.1f},{height - box[3]:.1f}"
