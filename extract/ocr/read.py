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
from ..model import Cell, Row, Source, Table
from .image import (CellBox, PageImage, TableCells, binarize, despeckle, find_tables,
                        page_image)
from .unruled import unruled_tables
from ..pdf.grid import Grid, GridCell, row_quality
from ..pdf.text import Line

LOW_CONFIDENCE = 80.0
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


def tesseract(image: np.ndarray, psm: int, chars: str | None = None) -> list[Word]:
    """One Tesseract process on one image (PNG on stdin, TSV on stdout); *chars*
    limits what it may read."""
    import cv2
    ok, png = cv2.imencode(".png", image)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    limit = ["-c", f"tessedit_char_whitelist={chars}"] if chars else []
    done = subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie", "--psm", str(psm), *limit,
                           "tsv"], input=png.tobytes(), capture_output=True, env=env, timeout=300)
    return _words(done.stdout.decode("utf-8", "replace"))


def _words(tsv: str) -> list[Word]:
    out = []
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        x, y, w, h = map(int, f[6:10])
        text = unicodedata.normalize("NFC", f[11].strip())
        out.append(Word(text, float(f[10]), (x, y, x + w, y + h), (int(f[2]), int(f[3]), int(f[4]))))
    return out


# ---------------------------------------------------------------- cells on strips

@dataclass(frozen=True)
class Slot:
    table: int
    cell: CellBox
    y0: int           # where its ink sits on the strip
    y1: int
    strip: int


def cell_ink(gray: np.ndarray, box, scale: float) -> np.ndarray | None:
    """The cell's ink, speckle removed, cropped with a margin; None when empty."""
    inset = max(3, int(1.2 * scale))
    x0, y0, x1, y1 = box
    crop = gray[y0 + inset:y1 - inset, x0 + inset:x1 - inset]
    if crop.size == 0:
        return None
    mask = despeckle(binarize(crop), scale) > 0
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
            ink = cell_ink(img.gray, cell.box, img.scale)
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
    return " ".join(text.split()), min(w.conf for w in words)


# ---------------------------------------------------------------- pages

def ocr_pages(path, numbers: list[int], source: Source) -> list[tuple[list[Grid], list[Line]]]:
    """Grids and text lines of the scanned pages *numbers* (1-based)."""
    if not tesseract_ready():
        raise OcrUnavailable(source.path, page=numbers[0] if numbers else None)
    workers = max(1, os.cpu_count() or 1)
    with ThreadPoolExecutor(workers) as pool:
        return [ocr_page(str(path), n, pool, workers) for n in numbers]


def ocr_page(path: str, number: int, pool: ThreadPoolExecutor, workers: int):
    """Ruled tables first; a page without any is read for unruled tables, whose
    header and extent come from the page's own text (extract/ocr/unruled.py)."""
    img = page_image(path, number)
    tables, method = find_tables(img), "ocr"
    page_job = pool.submit(tesseract, _without_tables(img, tables), 4)
    if not tables:
        tables, method = unruled_tables(img, _pixel_lines(page_job.result())), "ocr-stream"
    images, slots = strips(img, tables, workers) if tables else ([], [])
    words = list(pool.map(lambda im: tesseract(im, 6), images))
    read = {s: cell_text(ws) for s, ws in words_into_slots(words, slots).items()}
    read = recheck_numbers(img, read, pool)
    grids = [_grid(img, number, k, t, read, method) for k, t in enumerate(tables)]
    lines = _lines(page_job.result(), img, number)
    if method == "ocr-stream":
        lines = [ln for ln in lines if not any(_center_in(ln.bbox, g.bbox) for g in grids)]
    return grids, lines


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
    """The page's text without its tables or speckle, for the headings and metadata."""
    import cv2
    page = cv2.medianBlur(img.gray, 3)
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
    crops = [(s.table, s.cell, cell_ink(img.gray, s.cell.box, img.scale)) for s in cells]
    crops = [c for c in crops if c[2] is not None]
    image, placed = _stack(crops, 0)
    again = {(s.table, s.cell): cell_text(ws) for s, ws in
             words_into_slots([pool.submit(tesseract, image, 6, DIGITS).result()], placed).items()}
    out = dict(read)
    for s in cells:
        second = again.get((s.table, s.cell))
        if second is not None and second[0] != read[s][0]:
            best = max(read[s], second, key=lambda r: r[1])
            out[s] = (best[0], min(read[s][1], second[1], LOW_CONFIDENCE - 1))
    return out


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
