"""Unruled tables on scanned pages: cells from the white space, then OCR cell by cell.

    the header line ("STT …", from the page's OCR) → the table's extent: the
    lines below it that stay within the header's width → its printed lines
    (bands of ink) → its columns (gaps that almost no line crosses) → cells:
    each line × column; a line that crosses a gap (a grade band, centred) is
    one cell over the whole row → read like a ruled table's cells
"""
from __future__ import annotations

import numpy as np

from ..interpret import fold
from .image import CellBox, PageImage, TableCells, binarize, despeckle, line_masks


def unruled_tables(img: PageImage, lines: list[tuple[tuple[int, int, int, int], str]]) -> list[TableCells]:
    """Tables under each "STT"/"TT" header line; *lines* are the page's OCR lines
    as (pixel box, text), top to bottom."""
    raw = binarize(img.gray)
    rules, _ = line_masks(raw, img.scale)           # the rules above and below a header
    ink = (despeckle(raw, img.scale) > 0) & (rules == 0)
    out = []
    for k, (box, text) in enumerate(lines):
        if not _is_header(text):
            continue
        area = _extent(lines, k, img.scale)
        table = _cells(ink, area, img.scale)
        if table is not None:
            out.append(table)
    return out


def _is_header(text: str) -> bool:
    words = fold(text).split()
    return bool(words) and words[0].strip(".:|") in ("stt", "tt")


def _extent(lines, k: int, scale: float) -> tuple[int, int, int, int]:
    """From the header down to the last line that keeps within its width."""
    (x0, top, x1, bottom), _ = lines[k]
    slack = 12 * scale
    for box, _ in lines[k + 1:]:
        if box[0] < x0 - slack or box[2] > x1 + slack:
            break
        bottom = box[3]
    pad = int(2 * scale)
    return (int(x0 - slack), top - pad, int(x1 + slack), bottom + pad)


def _bands(ink: np.ndarray) -> list[tuple[int, int]]:
    """Runs of pixel rows with ink: the printed lines."""
    rows = ink.any(axis=1)
    out, start = [], None
    for y, on in enumerate(rows):
        if on and start is None:
            start = y
        elif not on and start is not None:
            out.append((start, y))
            start = None
    if start is not None:
        out.append((start, len(rows)))
    return [b for b in out if b[1] - b[0] >= 4]


def _cuts(ink: np.ndarray, bands, scale: float) -> list[int]:
    """Column cuts: in each x range at least 5 pt wide where at most one line in
    ten has ink, the x that the fewest lines cross (the middle among equals)."""
    counts = np.array([ink[a:b].any(axis=0) for a, b in bands]).sum(axis=0)
    crowded = counts > max(1, len(bands) // 10)
    out, start = [], None
    for x, busy in enumerate(crowded):
        if not busy and start is None:
            start = x
        elif busy and start is not None:
            if x - start >= 5 * scale and start > 0:
                low = counts[start:x].min()
                xs = [k for k in range(start, x) if counts[k] == low]
                out.append(xs[len(xs) // 2])
            start = None
    return out


def _lone(line: np.ndarray, edges: list[int]) -> bool:
    """A line printed across a cut with ink in two columns at most: a grade band
    or a caption centred over the table, one cell over the whole row."""
    crosses = any(line[:, x].any() for x in edges[1:-1])
    inked = sum(1 for c in range(len(edges) - 1) if line[:, edges[c]:edges[c + 1]].any())
    return crosses and inked <= 2


def _cells(ink: np.ndarray, area, scale: float) -> TableCells | None:
    x0, y0, x1, y1 = area
    part = ink[max(0, y0):y1, max(0, x0):x1]
    bands = _bands(part)
    if len(bands) < 3:
        return None
    cuts = _cuts(part, bands, scale)
    if not cuts:
        return None
    edges = [0] + cuts + [part.shape[1]]
    cells = []
    for r, (a, b) in enumerate(bands):
        spans = [(0, len(edges) - 1)] if _lone(part[a:b], edges) else \
            [(c, c + 1) for c in range(len(edges) - 1)]
        for c0, c1 in spans:
            pad = int(1.2 * scale) + 4          # cell_ink cuts a border of 1.2 pt
            box = (x0 + edges[c0], y0 + a - pad, x0 + edges[c1], y0 + b + pad)
            cells.append(CellBox(r, c0, 1, c1 - c0, tuple(int(v) for v in box)))
    return TableCells((x0, y0, x1, y1), tuple(cells), len(bands), len(edges) - 1)
