"""Read a PDF decision — born-digital or scanned — into a Document.

    check (bombs, encryption, damage) → pages: text layer, or OCR where an image
    carries the page → table grids (pdfplumber ruling lines on the page without
    its shading; camelot lattice for a grid that looks broken; unruled tables
    between header rules from the page's words, camelot stream for the rest) → trim, join tables that run over pages by their column rules
    → interpret → captions (the text right above a table) → headings,
    paragraphs, metadata

How a grid is chosen: each finder's grid is read as a table and scored by
`pdf.grid.quality` — the share of its data rows that read as rows (row number
an integer, unit or criterion a text, every score cell empty or a number).
pdfplumber's grid is kept unless it has a column with nothing in any row and
scores under `GOOD`; then camelot lattice reads the page too and the
better-scoring grid wins (pdfplumber on a tie: its cell boxes are exact).
Unruled tables with a rule over and under their header are read from the
page's words (pdf/unruled.py); others — a "TT"/"STT" header line and numbered
rows outside the ruled tables — by camelot stream inside the area they cover.
See docs/pdf.md.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import layout
from ..grid.patterns import CAPTION
from ..errors import PdfError
from ..metadata import metadata
from ..model import Document, Notice, Source, Table, Where
from .grid import Grid, camelot_grids, find_ruled, plumber_grids
from .legacy import from_tcvn3, legacy_encoding, refuse_vni
from .legacy import warning as legacy_warning
from .safety import check_bytes, open_checked
from .prose import prose_tables
from .stream import camelot_area, stream_areas
from .tables import Found, is_header_start, join, to_table, trim
from .unruled import unruled_grids
from .text import Line, footnotes, is_furniture, page_lines, paragraphs, relocate

#: A grid whose data rows read as rows this often needs no second opinion.
GOOD = 0.9
#: Fewer characters than this on a page: it is an image, read it with OCR.
MIN_CHARS = 20
#: Read pages in parallel from this many pages on, with at most this many processes.
PARALLEL_PAGES = 6
MAX_WORKERS = 4


@dataclass
class Page:
    number: int
    height: float
    grids: list[Grid]
    lines: list[Line]
    scanned: bool = False
    notes: list = field(default_factory=list)     # Notices


def read_pdf(path: Path, source: Source) -> Document:
    data = Path(path).read_bytes()
    check_bytes(source.path, data)
    count = open_checked(source.path, data)
    pages = read_pages(path, source, count)
    return assemble(pages, source)


# ---------------------------------------------------------------- pages

def read_pages(path: Path, source: Source, count: int) -> list[Page]:
    """Every page's grids and lines: page ranges read side by side, one process
    per core, when the PDF is long enough to repay starting them."""
    chunks = _chunks(count, _workers() if count >= PARALLEL_PAGES else 1)
    jobs = [(str(path), chunk, source) for chunk in chunks]
    if len(jobs) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        import camelot  # noqa: F401  imported once here, not in every worker
        import pdfplumber  # noqa: F401
        with ProcessPoolExecutor(len(jobs), mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(pool.map(_read_range, jobs))
    else:
        parts = [_read_range(jobs[0])]
    for part in parts:
        if isinstance(part, str):
            raise PdfError(source.path, part)
    pages = [p for part in parts for p in part]
    _legacy_fonts(pages, source)
    scanned = [p for p in pages if p.scanned]
    if scanned:
        from ..ocr.read import ocr_pages
        for page, (grids, lines) in zip(scanned, ocr_pages(path, [p.number for p in scanned],
                                                         source)):
            page.grids, page.lines = [trim(g) for g in grids], lines
    return pages


def _workers() -> int:
    """Processes for one PDF: one per core (at most MAX_WORKERS), or
    $XEPHANG_PDF_WORKERS; one inside a worker process or a thread of a batch,
    where starting more would fight the batch for the cores (or is not allowed)."""
    import multiprocessing
    import threading
    in_batch = threading.current_thread() is not threading.main_thread()
    if multiprocessing.current_process().daemon or in_batch:
        return 1
    wanted = os.environ.get("XEPHANG_PDF_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return min(os.cpu_count() or 1, MAX_WORKERS)


def _chunks(count: int, n: int) -> list[list[int]]:
    size = -(-count // n)
    return [list(range(k, min(k + size, count + 1))) for k in range(1, count + 1, size)]


def _read_range(job) -> list[Page] | str:
    """Pages *numbers* of one PDF (run in a worker process); a parser failure
    comes back as the one-line reason."""
    import pdfplumber
    path, numbers, source = job
    try:
        with pdfplumber.open(path, pages=numbers) as pdf:
            pages = [read_page(p, n) for n, p in zip(numbers, pdf.pages)]
    except Exception as err:                     # pdfminer raises many kinds
        from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
        if isinstance(err, (MalformedPDFException, PdfminerException)) or \
                type(err).__name__.startswith(("PDF", "PSE", "PSSyntax", "Pdfminer")):
            return f"the PDF cannot be parsed ({type(err).__name__}: {err}); download it again"
        raise
    _second_opinions(path, pages, source)
    return pages


def _legacy_fonts(pages: list[Page], source: Source) -> None:
    """A TCVN3 text layer converted in place (the document warns of it); VNI refused."""
    texts = [ln.text for p in pages for ln in p.lines]
    texts += [s.text for p in pages for g in p.grids for r in g.rows for s in r if s]
    found = legacy_encoding(texts)
    if not found:
        return
    refuse_vni(source.path, *found)
    for p in pages:
        p.lines = [replace(ln, text=from_tcvn3(ln.text)) for ln in p.lines]
        p.grids = [g.with_(rows=tuple(tuple(replace(s, text=from_tcvn3(s.text)) if s else None
                                            for s in r) for r in g.rows)) for g in p.grids]
    p = pages[0]
    p.notes.append(legacy_warning(*found, page=p.number))


def read_page(page, number: int) -> Page:
    if len(page.chars) < MIN_CHARS or image_carries_content(page):
        return Page(number, float(page.height), [], [], scanned=bool(page.images))
    if has_double_drawn(page.chars):
        page = dedupe(page)
    grids = [trim(g) for g in plumber_grids(page, number)]
    grids += [trim(g) for g in unruled_grids(page, number, [g.bbox for g in grids])]
    grids.sort(key=lambda g: g.bbox[1])
    lines = page_lines(page, number, [g.bbox for g in grids])
    return Page(number, float(page.height), grids, lines)


#: A page is a scan when images cover at least this share of it, and its characters
#: cover less than this share of what the images cover.
IMAGE_SHARE = 0.5
TEXT_SHARE = 0.05


def image_carries_content(page) -> bool:
    """A scan with a little real text on it — an e-signature stamp ("Ký bởi: …
    Thời gian ký: …"), a page number: images cover most of the page, the
    characters' boxes only a small part of what the images cover, and the text
    layer draws no ruled table.  A page whose text covers its background image
    (a letterhead drawn as a picture) is born-digital."""
    if not page.images:
        return False
    area = float(page.width * page.height) or 1.0
    covered = min(sum(_clipped_area(im, page) for im in page.images), area)
    if covered / area < IMAGE_SHARE:
        return False
    text = sum((c["x1"] - c["x0"]) * (c["bottom"] - c["top"])
               for c in page.chars if c["text"].strip())
    return text / covered < TEXT_SHARE and not find_ruled(page)


def _clipped_area(image, page) -> float:
    x0, x1 = max(float(image["x0"]), 0.0), min(float(image["x1"]), float(page.width))
    top, bottom = max(float(image["top"]), 0.0), min(float(image["bottom"]), float(page.height))
    return max(x1 - x0, 0.0) * max(bottom - top, 0.0)


def has_double_drawn(chars) -> bool:
    """Bold faked by drawing each character twice, a hair apart."""
    return len(_unique_chars(chars)) < len(chars)


def dedupe(page):
    """The page without the second drawing of each character: what pdfplumber's
    `dedupe_chars` does (same text, font and size within 1 pt), in linear time —
    its own sorts the result by list index, quadratic on a full page."""
    keep = {id(ch) for ch in _unique_chars(page.chars)}
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in keep)


def _unique_chars(chars, tolerance: float = 1.0) -> list:
    seen: dict[tuple, list] = {}
    out = []
    for ch in chars:
        key = (ch.get("upright"), ch["text"], ch.get("fontname"), ch.get("size"))
        cx, cy = int(ch["x0"] // tolerance), int(ch["doctop"] // tolerance)
        near = (seen.get(key + (cx + dx, cy + dy), ()) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
        if any(abs(o["x0"] - ch["x0"]) <= tolerance and abs(o["doctop"] - ch["doctop"]) <= tolerance
               for group in near for o in group):
            continue
        seen.setdefault(key + (cx, cy), []).append(ch)
        out.append(ch)
    return out


def _second_opinions(path: str, pages: list[Page], source: Source) -> None:
    """camelot lattice where pdfplumber's grid reads badly; camelot stream inside
    the unruled table areas (found from the text outside the ruled tables)."""
    heights = {p.number: p.height for p in pages}
    by_number = {p.number: p for p in pages}
    weak = [p.number for p in pages if any(_is_weak(g, source) for g in p.grids)]
    areas = {p.number: [camelot_area(a, p.height) for a in stream_areas(p.lines)]
             for p in pages if not p.scanned}
    unruled = [n for n, a in areas.items() if a]
    for g in camelot_grids(path, weak, "lattice", heights):
        _offer(by_number[g.page], trim(g), source)
    for g in camelot_grids(path, unruled, "stream", heights, areas):
        _offer(by_number[g.page], trim(g), source)


def _is_weak(grid: Grid, source: Source) -> bool:
    """A grid whose rules look broken — a column with nothing in any row — and
    whose rows read badly (a grid without a header is the rest of a table from
    the page before; it is judged with it).  Rows that read badly in a sound grid
    are a matter of reading, which another finder does not change."""
    if not has_empty_column(grid):
        return False
    found = to_table(grid, source)
    return found is not None and found.quality < GOOD


def has_empty_column(grid: Grid) -> bool:
    return any(all(c >= len(r) or r[c] is None or not r[c].text for r in grid.rows)
               for c in range(grid.width))


def _score(grid: Grid, source: Source) -> float:
    found = to_table(grid, source)
    return found.quality if found else 0.0


def _offer(page: Page, grid: Grid, source: Source) -> None:
    """Put *grid* in place of the grid it overlaps when it reads better.  A header
    with no rows under it is kept too: the page break left the rows for the next page."""
    score = _score(grid, source)
    if score == 0.0 and not (grid.rows and is_header_start(grid.rows[0])):
        return
    for k, g in enumerate(page.grids):
        if _overlap(g.bbox, grid.bbox):
            if score > _score(g, source):
                page.grids[k] = grid
            return
    page.grids.append(grid)
    page.grids.sort(key=lambda g: g.bbox[1])
    boxes = [g.bbox for g in page.grids]
    page.lines = [ln for ln in page.lines if not any(_center_in(ln.bbox, b) for b in boxes)]


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _center_in(box, outer) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] - 2 <= cx <= outer[2] + 2 and outer[1] - 2 <= cy <= outer[3] + 2


# ---------------------------------------------------------------- document

def assemble(pages: list[Page], source: Source) -> Document:
    lines = {p.number: p.lines for p in pages}
    grids = [g for p in pages for g in p.grids]
    joined = join(grids, lambda prev, nxt: _nothing_between(prev, nxt, lines))
    found = _tables(joined, source)
    body = [ln for p in pages for ln in paragraphs(p.lines)]
    blocks = sorted([(ln.page, ln.bbox[1], 0, ln) for ln in body]
                    + [(f.grid.page, f.grid.bbox[1], 1, f) for f in found],
                    key=lambda b: (b[0], b[1], b[2]))
    blocks, found = _captions(blocks)
    above = captions_above(blocks)
    order = {id(b[3]): k for k, b in enumerate(blocks, 1)}
    paras = [b[3] for b in blocks if b[2] == 0]
    items_at = [order[id(p)] for p in paras]
    heads, plain, where = _text_blocks(paras, items_at)
    tables = [_placed(f, order[id(f)], heads, above.get(id(f))) for f in found]
    if not tables:
        tables = prose_tables(paras, items_at, source, heads)
    heads, plain = relocate(heads, plain, where)
    unread = [_unread(g) for g in joined if _looks_like_data(g) and not any(f.grid is g for f in found)]
    warnings = tuple([n for p in pages for n in p.notes] + _scan_warnings(pages, tables) + unread)
    return Document(source=source, meta=metadata(plain, tables), tables=tuple(tables),
                    paragraphs=tuple(plain), headings=tuple(heads), warnings=warnings)


def _tables(grids: list[Grid], source: Source) -> list[Found]:
    """Each grid read as a table, in printed order: one printed without a header
    goes on with the columns of the table before it."""
    out: list[Found] = []
    for g in grids:
        f = to_table(g, source, [x.table for x in out])
        if f is not None:
            out.append(_checked(f))
    return out


def _captions(blocks):
    """A caption printed right under a table ("Bảng 1.3. …") that the table
    finder left outside: it becomes the table's caption."""
    out = []
    for b in blocks:
        prev = out[-1] if out else None
        if b[2] == 0 and prev and prev[2] == 1 and not prev[3].table.caption \
                and CAPTION.match(b[3].text):
            f = prev[3]
            f = Found(f.table.with_(caption=b[3].text), f.quality, f.grid)
            out[-1] = (prev[0], prev[1], 1, f)
            continue
        out.append(b)
    return out, [b[3] for b in out if b[2] == 1]


def _text_blocks(paras: list[Line], numbers: list[int]):
    from ..text.cells import Item
    items = [Item(n, p.text) for n, p in zip(numbers, paras)]
    heads, plain = layout.headings_and_paragraphs(items, set())
    where = {n: Where(page=p.page, bbox=p.bbox) for n, p in zip(numbers, paras)}
    return heads, plain, where


def _placed(found: Found, number: int, heads, caption: str | None = None) -> Table:
    """Title and section from the headings above, then back to page and box.  A
    caption printed above the table is its caption; it is its title too when it
    reads as one ("Bảng 2. …"), else the title stays the heading above."""
    real = found.table.where
    table = found.table.with_(where=Where(line=number))
    if caption and CAPTION.match(caption):
        table = table.with_(caption=caption)
    placed = layout.place(table, heads)
    if caption and not placed.caption:
        placed = placed.with_(caption=caption)
    return placed.with_(where=real)


#: A caption ends at most this far above its table (points), and is at most this long:
#: a paragraph of prose is no caption.
CAPTION_GAP = 30.0
CAPTION_CHARS = 200


def captions_above(blocks) -> dict[int, str]:
    """For each table without a caption, the text block printed directly above it
    (id of the table's Found → text): the nearest paragraph above the table's top
    on its page, or the last one of the page before when the table opens its
    page.  Page furniture (page numbers) is passed over; a table or a long
    paragraph in between means no caption."""
    out: dict[int, str] = {}
    for k, (page, top, kind, obj) in enumerate(blocks):
        if kind != 1 or obj.table.caption:
            continue
        j = k - 1
        while j >= 0 and blocks[j][2] == 0 and is_furniture(blocks[j][3]):
            j -= 1
        if j < 0 or blocks[j][2] != 0:
            continue
        para = blocks[j][3]
        near = (para.page == page and top - para.bbox[3] <= CAPTION_GAP) or para.page == page - 1
        if near and len(para.text) <= CAPTION_CHARS:
            out[id(obj)] = para.text
    return out


def _nothing_between(prev: Grid, nxt: Grid, lines: dict[int, list[Line]]) -> bool:
    """Only page furniture (page numbers) and footnotes lie between the end of
    *prev* and the start of *nxt* on the next page."""
    end_page, end_box = prev.parts[-1]
    page = lines.get(end_page, [])
    notes = footnotes(page)
    below = [ln for k, ln in enumerate(page) if ln.bbox[1] > end_box[3] and not is_furniture(ln)
             and k not in notes]
    above = [ln for ln in lines.get(nxt.page, []) if ln.bbox[3] < nxt.bbox[1] and not is_furniture(ln)]
    return not below and not above


def _checked(found: Found) -> Found:
    if not found.grid.method.startswith("ocr"):
        return found
    from ..ocr.read import distrust_misfits
    return Found(distrust_misfits(found.table), found.quality, found.grid)


def _looks_like_data(grid: Grid) -> bool:
    """A grid of at least three rows and two columns with numbers in it: a table,
    whether or not it could be read as scores or a rubric."""
    rows = [[c.text for c in r if c is not None and c.text] for r in grid.rows]
    numeric = sum(1 for r in rows for t in r if any(ch.isdigit() for ch in t))
    return len(rows) >= 3 and grid.width >= 2 and numeric >= 3


def _unread(grid: Grid) -> Notice:
    """A table seen on the page but read as neither scores nor a rubric."""
    rows, cols = len(grid.rows), grid.width
    return Notice("table-not-read",
                  f"page {grid.page}: a table of {rows} rows and {cols} columns was found but "
                  f"not read (its header names no score or rubric columns)",
                  f"trang {grid.page}: tìm thấy một bảng {rows} dòng, {cols} cột nhưng không đọc "
                  f"được (tiêu đề không có cột điểm hay cột tiêu chí)",
                  Where(page=grid.page, bbox=grid.bbox))


def _scan_warnings(pages: list[Page], tables: list[Table]) -> list[Notice]:
    scanned = [p.number for p in pages if p.scanned]
    if not scanned:
        return []
    from ..ocr.read import LOW_CONFIDENCE, low_confidence_cells
    low = sum(low_confidence_cells(t) for t in tables)
    listed = ', '.join(map(str, scanned))
    out = [Notice("ocr-read",
                  f"page(s) {listed} have no text layer (or only a stamped line) and were read "
                  f"by OCR; {low} cell(s) have confidence under {LOW_CONFIDENCE:.0f} and are "
                  f"marked low-confidence",
                  f"trang {listed} không có lớp chữ (hoặc chỉ có một dòng dấu) và được đọc bằng "
                  f"OCR; {low} ô có độ tin cậy dưới {LOW_CONFIDENCE:.0f} được đánh dấu độ tin cậy thấp",
                  Where(page=scanned[0]))]
    bare = [p.number for p in pages if p.scanned and not p.grids]
    if bare:
        listed = ', '.join(map(str, bare))
        out.append(Notice("scan-no-table",
                          f"scanned page(s) {listed}: no table found, ruled or under a "
                          f"\"STT\"/\"TT\" header",
                          f"trang quét {listed}: không tìm thấy bảng (có kẻ ô hoặc dưới tiêu đề "
                          f"\"STT\"/\"TT\")", Where(page=bare[0])))
    return out
