"""Page images of scanned PDFs: render, deskew, and find table cells from ruling lines.

    render (pdfium, capped size) → deskew by the ruling lines' angle →
    horizontal and vertical line masks (opencv morphology) → each table's
    line network → its cells: the white regions the lines enclose → the
    table's row and column edges, and each cell's span over them
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Never render a page bigger than this many pixels (a page box of several
#: metres would otherwise ask for gigabytes).
MAX_PIXELS = 40_000_000
DPI = 300


@dataclass(frozen=True)
class PageImage:
    gray: np.ndarray          # deskewed, uint8, white paper
    scale: float              # pixels per PDF point
    angle: float              # degrees the scan was turned back by
    size: tuple[float, float]  # page width, height in points
    below: int | None = None  # pixels a cell's crop keeps above its box's bottom (None:
                              # 1.2 pt, clear of the rule; less where rules are whited out)


@dataclass(frozen=True)
class CellBox:
    row: int
    col: int
    rows: int                 # row span
    cols: int                 # column span
    box: tuple[int, int, int, int]   # x0, y0, x1, y1 in pixels, inside the lines


@dataclass(frozen=True)
class TableCells:
    box: tuple[int, int, int, int]
    cells: tuple[CellBox, ...]
    n_rows: int
    n_cols: int


def render(path: str, number: int, dpi: int = DPI) -> tuple[np.ndarray, float, tuple[float, float]]:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(path)
    try:
        page = doc[number - 1]
        w, h = page.get_size()
        scale = min(dpi / 72, (MAX_PIXELS / max(w * h, 1)) ** 0.5)
        img = page.render(scale=scale, grayscale=True).to_numpy()
    finally:
        doc.close()
    if img.ndim == 3:
        img = img[:, :, 0]
    return np.ascontiguousarray(img), scale, (w, h)


def binarize(gray: np.ndarray, faint: float = 0.0) -> np.ndarray:
    """Ink as 255 on 0: Otsu on a lightly smoothed page; with *faint* (0..1), the
    threshold raised that share of the way to white, so a blurred dot (the top of
    ";", a tone mark) lighter than the letters is ink too."""
    import cv2
    blur = cv2.GaussianBlur(gray, (3, 3), 0)
    t, ink = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if faint:
        _, ink = cv2.threshold(blur, t + (255 - t) * faint, 255, cv2.THRESH_BINARY_INV)
    return ink


def despeckle(ink: np.ndarray, scale: float, points: bool = False) -> np.ndarray:
    """Ink without the scanner's speckle: a small blot is kept only near a letter
    (tone marks and dots sit within two and a half points above or below one, a
    point and a half beside it), or close by a blot so kept (the dot of ";" over
    its comma).  With *points*, for numbers, within two and a half points beside
    a letter: a decimal point or comma, between two digits, may sit that far from
    either."""
    import cv2
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return ink
    big_area = max(20, int(2.5 * scale * scale))
    big = stats[:, 4] >= big_area
    big[0] = False
    letters = big[labels]
    high, wide = int(2.5 * scale) * 2 + 1, int((2.5 if points else 1.5) * scale) * 2 + 1
    near = cv2.dilate(letters.astype(np.uint8), np.ones((high, wide), np.uint8)) > 0
    keep = big.copy()
    keep[np.unique(labels[near & (labels > 0)])] = True
    keep[0] = False
    marks = (keep & ~big)[labels]
    if marks.any():
        by_mark = cv2.dilate(marks.astype(np.uint8), np.ones((high, high), np.uint8)) > 0
        keep[np.unique(labels[by_mark & (labels > 0)])] = True
        keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def line_masks(ink: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling lines: ink that runs on for 15+ points."""
    import cv2
    run = max(15, int(15 * scale))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, run)))
    return horiz, vert


def skew_angle(gray: np.ndarray, scale: float) -> float:
    """The scan's turn in degrees, from the long horizontal lines (0 when none)."""
    import cv2
    ink = binarize(gray)
    long_run = max(40, int(60 * scale))
    # a turned line breaks into steps; a short, thick opening still keeps it
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (long_run // 3, 1))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horiz)
    angles, weights = [], []
    for k in range(1, n):
        x, y, w, h, area = stats[k]
        if w < gray.shape[1] / 4:
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == k)
        if len(xs) < 50:
            continue
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angles.append(np.degrees(np.arctan(slope)))
        weights.append(w)
    if not angles:
        return 0.0
    return float(np.average(angles, weights=weights))


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    import cv2
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def page_image(path: str, number: int, dpi: int = DPI) -> PageImage:
    gray, scale, size = render(path, number, dpi)
    angle = skew_angle(gray, scale)
    return PageImage(deskew(gray, angle), scale, angle, size)


# ---------------------------------------------------------------- tables

def find_tables(img: PageImage) -> list[TableCells]:
    """Each ruled table on the page and its cells, top to bottom."""
    import cv2
    ink = binarize(img.gray)
    horiz, vert = line_masks(ink, img.scale)
    lines = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(lines)
    out = []
    for k in range(1, n):
        x, y, w, h, _ = stats[k]
        if w < 60 * img.scale or h < 30 * img.scale:
            continue
        table = _cells_of(lines[y:y + h, x:x + w], (x, y))
        if table is not None:
            out.append(table)
    return sorted(out, key=lambda t: t.box[1])


def _cells_of(net: np.ndarray, origin: tuple[int, int]) -> TableCells | None:
    import cv2
    spaces = cv2.bitwise_not(net)
    n, _, stats, _ = cv2.connectedComponentsWithStats(spaces, connectivity=4)
    h, w = net.shape
    boxes = []
    for k in range(1, n):
        x, y, bw, bh, area = stats[k]
        touches = x == 0 or y == 0 or x + bw >= w or y + bh >= h
        if touches or bw < 8 or bh < 8 or area < 0.5 * bw * bh:
            continue
        boxes.append((x + origin[0], y + origin[1], x + bw + origin[0], y + bh + origin[1]))
    if len(boxes) < 4:
        return None
    xs = _edges([b[0] for b in boxes])
    ys = _edges([b[1] for b in boxes])
    cells = tuple(sorted((_place(b, xs, ys) for b in boxes), key=lambda c: (c.row, c.col)))
    box = (origin[0], origin[1], origin[0] + w, origin[1] + h)
    return TableCells(box, cells, len(ys), len(xs))


def _edges(values: list[int], gap: int = 12) -> list[float]:
    """Where cells start, clustered: the columns' (or rows') left (top) edges."""
    values = sorted(values)
    groups: list[list[int]] = [[values[0]]]
    for v in values[1:]:
        if v - groups[-1][-1] <= gap:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def _place(box, xs, ys, gap: int = 12) -> CellBox:
    """A cell's first row and column, and how many starts its box covers (its span)."""
    col, row = _nearest(xs, box[0]), _nearest(ys, box[1])
    cols = sum(1 for x in xs if box[0] - gap <= x < box[2] - gap)
    rows = sum(1 for y in ys if box[1] - gap <= y < box[3] - gap)
    return CellBox(row, col, max(1, rows), max(1, cols), box)


def _nearest(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))
