"""Scanned pages: Tesseract (`-l vie`) inside the ruled grid, each cell with its confidence.

    page image, deskewed (extract/ocr/image.py) → ruled cells → every cell's
    ink cut out, cleaned of speckle and stacked on a strip, one cell per slot
    → Tesseract reads the strips (one process per core, OMP_THREAD_LIMIT=1)
    → words back into their cells by position → Grid objects, as for
    born-digital pages; the page's other text read the same way, tables masked

Reading the cells on their own, never the page as a whole, keeps a slight
skew or a ruling line from running one column into the next.  A cell's
confidence is its least confident word's (0..100); a cell with ink and no
word gets 0; a cell without ink is confidently empty (99).  Cells under
`LOW_CONFIDENCE`, or whose text does not fit their column (a word among the
scores), are marked low-confidence: see `is_low_confidence`.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from ..errors import OcrUnavailable
from ..grid.patterns import is_band
from ..lexicon import Seen, is_stopword, remarked, tone, words_seen
from ..model import Cell, Row, Source, Table
from .image import (CellBox, PageImage, TableCells, binarize, despeckle, find_tables,
                    line_masks, page_image)
from .unruled import unruled_tables
from ..pdf.grid import Grid, GridCell, row_quality
from ..pdf.text import Line

LOW_CONFIDENCE = 80.0
#: How far toward white a cell's faint ink still counts (image.binarize): a blurred
#: dot, the top of ";" or a tone mark, is lighter than the letters.
FAINT = 0.2
EMPTY_CONFIDENCE = 99.0
MISFIT_CONFIDENCE = 30.0
GAP = 40          # pixels between two cells on a strip


def is_low_confidence(cell: Cell) -> bool:
    """Was this cell read by OCR with too little confidence to be trusted?"""
    return cell.where.confidence is not None and cell.where.confidence < LOW_CONFIDENCE


@lru_cache(maxsize=1)
def tesseract_ready() -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    return "vie" in out.stdout.split()


# ---------------------------------------------------------------- tesseract

@dataclass(frozen=True)
class Word:
    text: str
    conf: float
    box: tuple[int, int, int, int]     # x0, y0, x1, y1 on the image read
    line: tuple[int, int, int]         # block, paragraph, line
    line_box: tuple[int, int, int, int] | None = None   # the whole line's box


def tesseract(image: np.ndarray, psm: int, chars: str | None = None) -> list[Word]:
    """One Tesseract process on one image (PNG on stdin, TSV on stdout); *chars*
    limits what it may read."""
    import cv2
    ok, png = cv2.imencode(".png", image)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    limit = ["-c", f"tessedit_char_whitelist={chars}"] if chars else []
    try:
        done = subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie", "--psm", str(psm),
                               *limit, "tsv"], input=png.tobytes(), capture_output=True, env=env,
                              timeout=300)
    except subprocess.TimeoutExpired:
        return []     # nothing read: the cells it held stay empty and unconfident
    return _words(done.stdout.decode("utf-8", "replace"))


def _words(tsv: str) -> list[Word]:
    out, lines = [], {}
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 11 or f[0] not in ("4", "5"):
            continue
        x, y, w, h = map(int, f[6:10])
        key = (int(f[2]), int(f[3]), int(f[4]))
        if f[0] == "4":
            lines[key] = (x, y, x + w, y + h)
        elif len(f) >= 12 and f[11].strip():
            text = unicodedata.normalize("NFC", f[11].strip())
            out.append(Word(text, float(f[10]), (x, y, x + w, y + h), key, lines.get(key)))
    return out


# ---------------------------------------------------------------- cells on strips

@dataclass(frozen=True)
class Slot:
    table: int
    cell: CellBox
    y0: int           # where its ink sits on the strip
    y1: int
    strip: int


def cell_ink(gray: np.ndarray, box, scale: float, points: bool = False,
             faint: float = 0.0, below: int | None = None) -> np.ndarray | None:
    """The cell's ink, speckle removed (decimal points kept with *points*, faint dots
    with *faint*: see image.binarize), cropped with a margin (*below*: pixels kept
    clear above the box's bottom, see PageImage.below); None when empty."""
    clear = max(3, int(1.2 * scale))
    below = clear if below is None else below
    x0, y0, x1, y1 = box
    crop = gray[y0 + clear:y1 - below, x0 + clear:x1 - clear]
    if crop.size == 0:
        return None
    mask = despeckle(binarize(crop, faint), scale, points) > 0
    if mask.sum() < 3 * scale * scale:
        return None
    clean = np.where(mask, crop, 255).astype(np.uint8)
    ys, xs = np.nonzero(mask)
    pad = 8
    return clean[max(0, ys.min() - pad):ys.max() + pad + 1, max(0, xs.min() - pad):xs.max() + pad + 1]


def strips(img: PageImage, tables: list[TableCells], n: int) -> tuple[list[np.ndarray], list[Slot]]:
    """Every inked cell stacked on one of *n* strips, in turn."""
    crops = []
    for t, table in enumerate(tables):
        for cell in table.cells:
            ink = cell_ink(img.gray, cell.box, img.scale, below=img.below)
            if ink is not None:
                crops.append((t, cell, ink))
    per = max(1, -(-len(crops) // n))
    images, slots = [], []
    for s in range(0, len(crops), per):
        image, placed = _stack(crops[s:s + per], len(images))
        images.append(image)
        slots += placed
    return images, slots


def _stack(crops, strip: int) -> tuple[np.ndarray, list[Slot]]:
    width = max(c[2].shape[1] for c in crops) + 2 * GAP
    height = sum(c[2].shape[0] for c in crops) + GAP * (len(crops) + 1)
    canvas = np.full((height, width), 255, np.uint8)
    y, slots = GAP, []
    for t, cell, ink in crops:
        h, w = ink.shape
        canvas[y:y + h, GAP:GAP + w] = ink
        slots.append(Slot(t, cell, y, y + h, strip))
        y += h + GAP
    return canvas, slots


def words_into_slots(words_per_strip: list[list[Word]], slots: list[Slot]) -> dict[Slot, list[Word]]:
    out: dict[Slot, list[Word]] = {s: [] for s in slots}
    by_strip: dict[int, list[Slot]] = {}
    for s in slots:
        by_strip.setdefault(s.strip, []).append(s)
    for strip, words in enumerate(words_per_strip):
        for w in words:
            mid = (w.box[1] + w.box[3]) / 2
            for s in by_strip.get(strip, []):
                if s.y0 - GAP / 2 <= mid <= s.y1 + GAP / 2:
                    out[s].append(w)
                    break
    return out


def cell_text(words: list[Word]) -> tuple[str, float]:
    if not words:
        return "", 0.0
    text = " ".join(w.text for w in words)
    return " ".join(_eth(text).split()), min(w.conf for w in words)


def _eth(text: str) -> str:
    """Tesseract's Vietnamese model reads a "Đ" as the Icelandic "Ð", alone or beside
    a "Đ" read from the same letter ("CQĐÐT"); "Ð" is never Vietnamese."""
    return re.sub("Đ?Ð+Đ?", "Đ", text).replace("ð", "đ")


# ---------------------------------------------------------------- pages

def ocr_pages(path, numbers: list[int], source: Source) -> list[tuple[list[Grid], list[Line]]]:
    """Grids and text lines of the scanned pages *numbers* (1-based)."""
    if not tesseract_ready():
        raise OcrUnavailable(source.path, page=numbers[0] if numbers else None)
    workers = max(1, os.cpu_count() or 1)
    with ThreadPoolExecutor(workers) as pool:
        return mend_marks([ocr_page(str(path), n, pool, workers) for n in numbers])


def mend_marks(pages: list[tuple[list[Grid], list[Line]]]) -> list[tuple[list[Grid], list[Line]]]:
    """Table cells whose tone marks Tesseract likely misread ("Tỷ lê", "nôi bô") take
    the marks of the Vietnamese word with the same letters, when the document prints
    that word's syllables elsewhere (extract/lexicon.py, remarked).  Tesseract is
    often sure of a wrong mark, and at 200 dpi it cannot see the dot under "ệ"; a
    cell so mended is low-confidence, for a reader to look at."""
    seen = words_seen([c.text for grids, _ in pages for g in grids for row in g.rows
                       for c in row if c] + [ln.text for _, lines in pages for ln in lines])

    def mend(cell: GridCell | None) -> GridCell | None:
        if cell is None or not cell.text:
            return cell
        text = remarked(cell.text, seen)
        if text == cell.text:
            return cell
        conf = 100.0 if cell.confidence is None else cell.confidence
        return replace(cell, text=text, confidence=min(conf, LOW_CONFIDENCE - 1))

    return [([replace(g, rows=tuple(tuple(mend(c) for c in row) for row in g.rows)) for g in grids],
             lines) for grids, lines in pages]


def ocr_page(path: str, number: int, pool: ThreadPoolExecutor, workers: int):
    """Ruled tables first; a page without any is read for unruled tables, whose
    header and extent come from the page's own text (extract/ocr/unruled.py)."""
    img = page_image(path, number)
    tables, method = find_tables(img), "ocr"
    page_job = pool.submit(tesseract, _without_tables(img, tables), 4)
    if not tables:
        grids = unruled_grids(img, number, pool, workers)
        if grids:
            lines = _lines(page_job.result(), img, number)
            return grids, [ln for ln in lines if not any(_center_in(ln.bbox, g.bbox) for g in grids)]
        tables, method = unruled_tables(img, _pixel_lines(page_job.result())), "ocr-stream"
    cells = _without_lines(img) if method == "ocr" else img
    images, slots = strips(cells, tables, workers) if tables else ([], [])
    words = list(pool.map(lambda im: tesseract(im, 6), images))
    read = {s: cell_text(ws) for s, ws in words_into_slots(words, slots).items()}
    read = reread_doubtful(cells, recheck_numbers(cells, read, pool), pool)
    grids = [_grid(img, number, k, t, read, method) for k, t in enumerate(tables)]
    lines = _lines(page_job.result(), img, number)
    if method == "ocr-stream":
        lines = [ln for ln in lines if not any(_center_in(ln.bbox, g.bbox) for g in grids)]
    return grids, lines


# ---------------------------------------------------------------- unruled tables

def unruled_grids(img: PageImage, number: int, pool, workers: int) -> list[Grid]:
    """Unruled tables on a scan, read as a born-digital page's are: the page's OCR
    words (their boxes; the text a first draft) and its horizontal rules go to the
    words-based reader (pdf/unruled.py), which finds header, rows and columns from
    their places; then every cell it finds is read again on its own, as a ruled
    table's cells are, and that reading stands."""
    from ..pdf.unruled import Word as PdfWord, grids_from_lines, is_furniture_text, text_lines
    s = img.scale
    side = s                      # a glyph's side bearing, which OCR's tight boxes leave out
    ink = binarize(img.gray)                  # found once: the page, its rules, its letters
    rules, _ = line_masks(ink, s)
    letters = despeckle(ink, s) > 0
    found = _tidy(tesseract(np.where(letters, img.gray, 255).astype(np.uint8), 6))
    if not found:
        return []
    words = [PdfWord(w.text, (w.box[0] - side) / s, _top(w) / s, (w.box[2] + side) / s,
                     _bottom(w) / s, w.conf) for w in found]
    lines = [ln for ln in text_lines(words) if not is_furniture_text(ln.text)]
    if not lines:
        return []
    grids = grids_from_lines(lines, _rules(rules, s, lines), number)
    if not grids:
        return []
    import cv2
    text_ink = letters & (cv2.dilate(rules, np.ones((5, 1), np.uint8)) == 0)
    grids = [_lost_lines(g, text_ink, s) for g in grids]
    pad, inset = 2, max(3, int(1.2 * s))
    tables = []
    for g in grids:
        cells = tuple(CellBox(r, c, 1, 1, (int(_left(c, row) * s) - inset // 2,
                                           int(cell.bbox[1] * s) - inset - pad,
                                           int(_right(c, row, g) * s) + inset // 2,
                                           int(cell.bbox[3] * s) + inset + pad))
                      for r, row in enumerate(g.rows) for c, cell in enumerate(row)
                      if cell and not _beside_band(cell, row))
        box = tuple(int(v * s) for v in g.bbox)
        tables.append(TableCells(box, cells, len(g.rows), g.width))
    ruleless = replace(img, gray=_without_rules(img, rules))
    images, slots = strips(ruleless, tables, workers)
    found = list(pool.map(lambda im: tesseract(im, 6), images))
    read = {slot: cell_text(ws) for slot, ws in words_into_slots(found, slots).items()}
    read = reread_doubtful(ruleless, recheck_numbers(ruleless, read, pool), pool)
    texts = {(slot.table, slot.cell.row, slot.cell.col): read[slot] for slot in read}
    out = []
    for k, g in enumerate(grids):
        rows = tuple(tuple(None if cell is None else _reread(cell, texts.get((k, r, c)), img)
                           for c, cell in enumerate(row)) for r, row in enumerate(g.rows))
        rows = tuple(row for row in rows if any(cell and cell.text for cell in row))
        out.append(Grid(number, to_points(img, tuple(v * s for v in g.bbox)), rows, "ocr-stream"))
    return out


def _lost_lines(grid: Grid, ink: np.ndarray, s: float) -> Grid:
    """A printed line inside the table that the page's OCR left out (Tesseract can
    drop a line that sits close under a rule) becomes a row of empty cells on the
    table's columns, for the cell-by-cell reading to fill; a band of ink that
    reads as nothing is dropped afterwards."""
    from ..pdf.grid import _round
    body = [row for row in grid.rows if sum(1 for c in row if c and c.text) >= 2]
    if not body:
        return grid
    columns = [(c.bbox[0], c.bbox[2]) if c else None for c in body[-1]]
    spans = [(min(c.bbox[1] for c in row if c), max(c.bbox[3] for c in row if c))
             for row in grid.rows]
    x0, x1 = int(grid.bbox[0] * s), int(grid.bbox[2] * s)
    y0, y1 = int(spans[0][0] * s), int(spans[-1][1] * s)     # from the first row to the last
    rows_inked = ink[max(0, y0):y1, max(0, x0):x1].any(axis=1)
    heights = [b - a for a, b in spans[-len(body):]]
    least = 0.5 * float(np.median(heights)) * s
    found, start = [], None
    for y, on in enumerate(list(rows_inked) + [False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            if y - start >= least:
                found.append(((y0 + start) / s, (y0 + y) / s))
            start = None
    lost = [(a, b) for a, b in found
            if not any(top - 1 <= (a + b) / 2 <= bottom + 1 for top, bottom in spans)]
    if not lost:
        return grid
    rows = list(grid.rows)
    for a, b in lost:
        new = tuple(GridCell("", grid.page, _round((c[0], a, c[1], b))) if c else None
                    for c in columns)
        at = next((k for k, (top, _) in enumerate(spans) if top > b), len(rows))
        rows.insert(at, new)
        spans.insert(at, (a, b))
    return grid.with_(rows=tuple(rows))


def _band(row) -> GridCell | None:
    """The row's band ("A. Mức khá (67%)", printed across the row), if it is one."""
    filled = [x for x in row if x and x.text]
    return filled[0] if len(filled) == 1 and is_band(filled[0].text) else None


def _left(c: int, row) -> float:
    """Where a cell's ink may start: its column's edge, or its first word's when that
    runs over it (a header label wider than its column), never into the words of the
    cell before."""
    cell = row[c]
    x = min(cell.bbox[0], cell.ink[0]) if cell.ink else cell.bbox[0]
    before = next((p for p in reversed(row[:c]) if p and p.ink), None)
    return max(x, before.ink[2]) if before and before.ink[2] < cell.bbox[2] - 2 else x


def _right(c: int, row, grid: Grid) -> float:
    """Where a cell's ink may reach: a band to the table's right edge; any other
    cell to its column's edge or its last word's, never into the next cell's words."""
    cell = row[c]
    if _band(row) is cell:
        return grid.bbox[2]
    x = max(cell.bbox[2], cell.ink[2]) if cell.ink else cell.bbox[2]
    after = next((p for p in row[c + 1:] if p and p.ink), None)
    return min(x, after.ink[0]) if after and after.ink[0] > cell.bbox[0] + 2 else x


def _beside_band(cell: GridCell, row) -> bool:
    band = _band(row)
    return band is not None and band is not cell


def _reread(cell: GridCell, again: tuple[str, float] | None, img: PageImage) -> GridCell:
    """A cell as read again on its own (no ink there: confidently empty)."""
    text, conf = again if again is not None else ("", EMPTY_CONFIDENCE)
    return GridCell(text, cell.page, to_points(img, tuple(v * img.scale for v in cell.bbox)), conf)


def _top(w: Word) -> int:
    """A word's top as its line's (a tone mark above one letter would otherwise
    part it from the words beside it), unless the line is twice the word's height."""
    return w.line_box[1] if _line_fits(w) else w.box[1]


def _bottom(w: Word) -> int:
    return w.line_box[3] if _line_fits(w) else w.box[3]


def _line_fits(w: Word) -> bool:
    return w.line_box is not None and w.line_box[3] - w.line_box[1] < 2 * (w.box[3] - w.box[1])


def _speck(w: Word) -> bool:
    return w.conf < 60 and not any(ch.isalnum() for ch in w.text)


#: A row number with a speck on the baseline read into it: "2_", "5_UBND".
_NUMBER_SPECK = re.compile(r"(\d{1,3}\.?)[_|~`'\"]+(\w.*)?")


def _tidy(words: list[Word]) -> list[Word]:
    """The page's first-draft words, specks left out and a row number parted from
    what a speck glued to it (its box split by the letters' share), so rows and
    columns can be found from them."""
    out = []
    for w in words:
        x0, y0, x1, y1 = w.box
        if _speck(w) or x1 - x0 > 2.5 * (y1 - y0) * len(w.text):
            continue                  # a speck, or a rule read as a dash
        m = _NUMBER_SPECK.fullmatch(w.text)
        if not m:
            out.append(w)
            continue
        number, rest = m.group(1), m.group(2)
        if not rest:
            out.append(replace(w, text=number))
            continue
        share = (x1 - x0) / len(w.text)
        out += [replace(w, text=number, box=(x0, y0, int(x0 + share * len(number)), y1)),
                replace(w, text=rest, box=(int(x1 - share * len(rest)), y0, x1, y1))]
    return out


#: Points a horizontal rule runs on for, at least, when rules are whited out.
RULE = 40


def _without_lines(img: PageImage) -> PageImage:
    """The page with its ruling lines whited out, its cells' crops reaching down to
    the rule below: in a tight row the descenders, the tail of ";" and the dot under
    "ậ" run into it, and a crop kept clear of the rule cut them off.  A rule here
    runs on for RULE points: the bars of "TT" in a bold heading run on for 15.  (At
    the top and the sides the crop stays clear of the rules, as before.)"""
    import cv2
    run = int(RULE * img.scale)
    rules = cv2.morphologyEx(binarize(img.gray), cv2.MORPH_OPEN,
                             cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1)))
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    return replace(img, gray=np.where(rules > 0, 255, img.gray).astype(np.uint8), below=-1)


def _without_rules(img: PageImage, rules: np.ndarray) -> np.ndarray:
    """The page with its horizontal rules (line_masks) whited out (a cell's crop
    would read the rule under it as a dash)."""
    import cv2
    rules = cv2.dilate(rules, np.ones((3, 1), np.uint8))
    return np.where(rules > 0, 255, img.gray).astype(np.uint8)


def _rules(horiz: np.ndarray, s: float, lines) -> list:
    """The page's horizontal rules, in points: the line mask's strokes (*s* pixels a
    point), a scan's breaks in them bridged."""
    import cv2
    from ..pdf.unruled import joined_rules
    n, _, stats, _ = cv2.connectedComponentsWithStats(horiz)
    strokes = sorted(((y + h / 2) / s, x / s, (x + w) / s) for x, y, w, h, _ in stats[1:n])
    groups: list[list] = []
    for st in strokes:
        if groups and st[0] - groups[-1][-1][0] <= 2:
            groups[-1].append(st)
        else:
            groups.append([st])
    segs = [(round(sum(g[0] for g in grp) / len(grp), 1), x0, x1)
            for grp in groups for _, x0, x1 in sorted(grp, key=lambda t: t[1])]
    width = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)
    return joined_rules(segs, width, gap=6.0, joints=False)


def _pixel_lines(words: list[Word]) -> list[tuple[tuple[int, int, int, int], str]]:
    groups: dict[tuple, list[Word]] = {}
    for w in words:
        groups.setdefault(w.line, []).append(w)
    out = [((min(w.box[0] for w in ws), min(w.box[1] for w in ws), max(w.box[2] for w in ws),
             max(w.box[3] for w in ws)), " ".join(w.text for w in ws)) for ws in groups.values()]
    return sorted(out, key=lambda line: line[0][1])


def _center_in(box, outer) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def _without_tables(img: PageImage, tables: list[TableCells]) -> np.ndarray:
    """The page's text without its tables or speckle, for the headings and metadata
    (speckle left on a page whose tables are whited out can keep Tesseract's page
    layout analysis busy for minutes)."""
    import cv2
    page = cv2.medianBlur(img.gray, 3)
    mask = despeckle(binarize(page), img.scale, points=True) > 0     # "1.1." keeps its points
    page = np.where(mask, page, 255).astype(np.uint8)
    for t in tables:
        x0, y0, x1, y1 = t.box
        page[y0:y1, x0:x1] = 255
    return page


def _grid(img: PageImage, number: int, k: int, table: TableCells, read, method: str) -> Grid:
    texts = {(s.cell.row, s.cell.col): read[s] for s in read if s.table == k}
    rows: list[list] = [[None] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        text, conf = texts.get((cell.row, cell.col), ("", EMPTY_CONFIDENCE))
        rows[cell.row][cell.col] = GridCell(text, number, to_points(img, cell.box), conf)
    _fill_gaps(rows, table, img, number)
    return Grid(number, to_points(img, table.box), tuple(tuple(r) for r in rows), method)


def _fill_gaps(rows, table: TableCells, img: PageImage, number: int) -> None:
    """Slots no cell covers (a line the scan lost) become empty, unconfident cells."""
    covered = {(c.row + i, c.col + j)
               for c in table.cells for i in range(c.rows) for j in range(c.cols)}
    for r in range(table.n_rows):
        for c in range(table.n_cols):
            if (r, c) not in covered and rows[r][c] is None:
                rows[r][c] = GridCell("", number, to_points(img, table.box), 0.0)


def to_points(img: PageImage, box) -> tuple[float, float, float, float]:
    """A box on the deskewed image → points on the page as scanned (top-left origin)."""
    import cv2
    h, w = img.gray.shape
    m = cv2.invertAffineTransform(cv2.getRotationMatrix2D((w / 2, h / 2), img.angle, 1.0))
    x0, y0, x1, y1 = (float(v) for v in box)
    corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]]) @ m.T
    xs, ys = corners[:, 0] / img.scale, corners[:, 1] / img.scale
    return (round(xs.min(), 2), round(ys.min(), 2), round(xs.max(), 2), round(ys.max(), 2))


def _lines(words: list[Word], img: PageImage, number: int) -> list[Line]:
    groups: dict[tuple, list[Word]] = {}
    for w in words:
        if not (re.fullmatch(r"[\W_]+", w.text) and w.conf < 60):   # a speck read as "_"
            groups.setdefault(w.line, []).append(w)
    out = []
    for ws in groups.values():
        box = (min(w.box[0] for w in ws), min(w.box[1] for w in ws),
               max(w.box[2] for w in ws), max(w.box[3] for w in ws))
        out.append(Line(" ".join(w.text for w in ws), number, to_points(img, box)))
    return sorted(out, key=lambda ln: (ln.bbox[1], ln.bbox[0]))


# ---------------------------------------------------------------- numbers read twice

_NUMBERISH = re.compile(r"[\d.,:;%()\s-]+")
DIGITS = "0123456789,.%()"


def recheck_numbers(img: PageImage, read: dict, pool) -> dict:
    """Cells that read as numbers are read again, Tesseract told to see only
    digits and separators: a decimal comma is the mark it most often drops
    ("7,0" read as "70").  The more confident reading stands; when the two
    differ, the cell is low-confidence whichever stands."""
    cells = [s for s, (text, _) in read.items() if text and _NUMBERISH.fullmatch(text)]
    if not cells:
        return read
    crops = [(s.table, s.cell, cell_ink(img.gray, s.cell.box, img.scale, points=True, below=img.below))
             for s in cells]
    crops = [c for c in crops if c[2] is not None]
    image, placed = _stack(crops, 0)
    again = {(s.table, s.cell): cell_text(ws) for s, ws in
             words_into_slots([pool.submit(tesseract, image, 6, DIGITS).result()], placed).items()}
    out = dict(read)
    for s in cells:
        second = again.get((s.table, s.cell))
        if second is not None and second[0] != read[s][0]:
            best = second if _point_kept(read[s][0], second[0]) else max(
                read[s], second, key=lambda r: r[1])
            out[s] = (best[0], min(read[s][1], second[1], LOW_CONFIDENCE - 1))
    return out


#: A word read with less confidence than this, on a strip among other cells, is
#: read again in a cell of its own.
DOUBT = 95.0


def reread_doubtful(img: PageImage, read: dict, pool) -> dict:
    """Cells of words read with doubt on a strip are read again alone, one line of
    text (Tesseract's --psm 7) or, for a cell of several lines, one block, their
    faint ink kept (the top of ";", a blurred tone mark): read among other cells,
    from the letters' ink alone, a mark is misread more often ("Thế chế" for
    "Thể chế", "," for ";").
    When the two differ only in marks and punctuation (the letters the strip read
    are kept), they are merged word by word (_likelier).  The cell is low-confidence
    either way."""
    doubtful = [s for s, (text, conf) in read.items()
                if text and conf < DOUBT and not _NUMBERISH.fullmatch(text)]
    if not doubtful:
        return read
    line = 2.2 * 12 * img.scale          # taller than two lines of 12 pt text: a block

    def again(slot):
        ink = cell_ink(img.gray, slot.cell.box, img.scale, points=True, faint=FAINT,
                       below=img.below)
        if ink is None:
            return None
        psm = 7 if ink.shape[0] < line else 6
        padded = np.full((ink.shape[0] + 2 * GAP, ink.shape[1] + 2 * GAP), 255, np.uint8)
        padded[GAP:GAP + ink.shape[0], GAP:GAP + ink.shape[1]] = ink
        return cell_text(_stops(padded, tesseract(padded, psm)))

    seen = words_seen(text for text, _ in read.values())
    out = dict(read)
    for slot, second in zip(doubtful, pool.map(again, doubtful)):
        first = read[slot]
        if second is None or second[0] == first[0] or _letters(second[0]) != _letters(first[0]):
            continue
        out[slot] = (_likelier(first, second, seen),
                     min(first[1], second[1], LOW_CONFIDENCE - 1))   # they differ
    return out


def _stops(image: np.ndarray, words: list[Word]) -> list[Word]:
    """Words read ending in "," or ":" that end in ";" by their ink (see _semicolon):
    the mark a blurred scan loses the dot or the tail of.  No other mark is changed."""
    out = []
    for w in words:
        if len(w.text) > 1 and w.text[-1] in ",:" and _semicolon(image, w.box):
            w = replace(w, text=w.text[:-1] + ";")
        out.append(w)
    return out


def _semicolon(image: np.ndarray, box) -> bool:
    """Does the word in *box* end in ";" by its ink?  Its last glyph (apart from the
    glyphs before it by a white column) is two pieces: a dot (not a speck: about the
    size of the other piece) over a piece that hangs below their baseline, which is
    where the second lowest of their pieces ends (a ')' or a 'y' hangs alone).
    Tesseract reads a blurred ";" as ":" when it misses the tail, and as "," when it
    misses the dot."""
    x0, y0, x1, y1 = box
    h = y1 - y0
    if h < 8:
        return False
    ink = (image[y0:min(image.shape[0], y1 + 2),             # the line above stays out
                 x0:min(image.shape[1], x1 + 2)] < 200).astype(np.uint8)
    cols = ink.any(axis=0)
    right = len(cols) - 1
    while right >= 0 and not cols[right]:
        right -= 1
    left = right
    while left > 0 and cols[left - 1]:
        left -= 1
    if left <= 1 or not cols[:left].any():
        return False                                  # the mark is not apart
    lows = sorted((y + hh - 1 for _, y, _, hh, _ in _pieces(ink[:, :left])), reverse=True)
    if not lows:
        return False
    base = float(lows[1] if len(lows) > 1 else lows[0])
    pieces = sorted(_pieces(ink[:, left:right + 1]), key=lambda p: p[1])
    if len(pieces) != 2:
        return False
    (dx, dy, dw, dh, darea), (lx, ly, lw, lh, larea) = pieces
    return (0.3 * larea <= darea <= 1.5 * larea                 # a dot, not a speck
            and dy + dh - 1 < base - 0.25 * h and dx <= lx + lw - 1 and lx <= dx + dw - 1
            and ly + lh - 1 > base + 0.08 * h)                  # the comma's tail hangs


def _pieces(ink: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """The connected pieces of ink (x, y, width, height, area), specks of under 3 pixels
    left out."""
    import cv2
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return [tuple(int(v) for v in stats[k]) for k in range(1, n) if stats[k][4] >= 3]


def _likelier(first: tuple[str, float], second: tuple[str, float], seen: Seen) -> str:
    """Of two readings of one cell's ink with the same letters (see reread_doubtful),
    word by word: the one whose marks only add to the other's ("1;" over "1,", "lệ"
    over "lê"); else the one the page prints more often beyond doubt, or a stop
    word ("Là" over "Lã"); else the word of the more confident reading."""
    a, b = first[0].split(), second[0].split()
    sure = second if second[1] > first[1] else first
    if len(a) != len(b):
        return sure[0]
    out = []
    for x, y in zip(a, b):
        if x == y or _more_ink(y, x):
            out.append(x)
        elif _more_ink(x, y):
            out.append(y)
        else:
            nx, ny = _evidence(x, seen), _evidence(y, seen)
            out.append(x if nx > ny else y if ny > nx else (y if sure is second else x))
    return " ".join(out)


def _evidence(word: str, seen: Seen) -> tuple[int, bool]:
    """How often the page prints *word* beyond doubt; then whether it is a stop word."""
    bare = "".join(ch for ch in word.lower() if ch.isalpha())
    return seen.trusted[tone(bare)], is_stopword(bare)


#: Punctuation that is another with more ink: the dot of ";" over a comma.
_MORE_INK = {(",", ";"), (".", ":"), (".", ";"), (",", ":")}


def _more_ink(first: str, second: str) -> bool:
    """*second* is *first* with marks added, nothing taken away: "1," → "1;",
    "lê" → "lệ", "a" → "ạ"."""
    if len(first) != len(second) or first == second:
        return False
    for x, y in zip(first, second):
        if x == y or (x, y) in _MORE_INK:
            continue
        dx, dy = unicodedata.normalize("NFD", x), unicodedata.normalize("NFD", y)
        if dx[0] != dy[0] or not set(dx[1:]) < set(dy[1:]):
            return False
    return True


def _letters(text: str) -> str:
    """The letters and digits without their marks: what two readings that differ
    only in tone marks and punctuation share."""
    from ..interpret import fold
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _point_kept(first: str, second: str) -> bool:
    """The second reading is the first with the decimal points or commas that the
    first reading's cleaning took for speckle ("90" → "9,0", "121" → "1.2.1"): the
    ink is there."""
    bare = second.replace(".", "").replace(",", "")
    return bare == first and len(second) > len(first) and second[0].isdigit() \
        and second[-1].isdigit() and ".." not in second and ",," not in second


# ---------------------------------------------------------------- after reading

#: A lower-case word with a colon or full stop glued on, inside a unit's name
#: ("UBND huyện Lạc: Sơn"): a speck of dirt read as punctuation.
_STRAY = re.compile(r"[a-zà-ỹđ][:.;]\s+\w")


def distrust_misfits(table: Table) -> Table:
    """A cell whose text does not fit its column (a letter among the scores, a
    number for a name) was misread somewhere: its confidence drops below the mark."""
    roles = [c.role for c in table.columns]
    rows = []
    for row in table.rows:
        cells = []
        for k, cell in enumerate(row.cells):
            fits = k >= len(roles) or (row_quality([cell.text], [roles[k]])
                                       and not (roles[k] == "unit" and _STRAY.search(cell.text)))
            if not fits and cell.where.confidence is not None:
                cell = replace(cell, where=replace(cell.where, confidence=min(
                    cell.where.confidence, MISFIT_CONFIDENCE)))
            cells.append(cell)
        rows.append(Row(tuple(cells), row.where))
    return table.with_(rows=tuple(rows))


def low_confidence_cells(table: Table) -> int:
    return sum(1 for row in table.rows for c in row.cells if is_low_confidence(c))
