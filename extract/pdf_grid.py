"""Table grids found on PDF pages, before they are read as score or rubric tables.

A `Grid` is what a table finder saw: rows of cells with their text and box.
Three finders feed it — pdfplumber's ruling-line finder, camelot lattice and
camelot stream — and OCR (extract/ocr.py) builds the same objects from a scan.
``None`` in a row marks a slot covered by a merged cell.

Text inside one cell that wrapped over several printed lines is joined into
one line here ("Sở Thông tin và\\nTruyền thông" → "Sở Thông tin và Truyền thông").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .model import BBox

Method = str   # "pdfplumber" | "camelot-lattice" | "camelot-stream" | "ocr" | "ocr-stream"
#: Grids read from text alignment, with no ruling lines between their cells.
UNRULED = ("camelot-stream", "ocr-stream")


@dataclass(frozen=True)
class GridCell:
    text: str
    page: int
    bbox: BBox
    confidence: float | None = None


Slot = GridCell | None


@dataclass(frozen=True)
class Grid:
    page: int                        # the page it starts on
    bbox: BBox                       # on its first page
    rows: tuple[tuple[Slot, ...], ...]
    method: Method
    pieces: tuple[tuple[int, BBox], ...] = ()   # (page, box) of each page it runs over

    @property
    def parts(self) -> tuple[tuple[int, BBox], ...]:
        return self.pieces or ((self.page, self.bbox),)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def texts(self) -> list[list[str]]:
        return [[s.text if s else "" for s in row] for row in self.rows]

    def with_(self, **changes) -> "Grid":
        return replace(self, **changes)


def join_lines(raw: str | None) -> str:
    """One cell's printed lines → one line.  A line ending in "/" runs on with
    no space ("máy tính/" + "Tổng số" → "máy tính/Tổng số")."""
    if not raw:
        return ""
    out = ""
    for line in (part.strip() for part in raw.split("\n")):
        if not line:
            continue
        glue = "" if (not out or out.endswith("/") or _broken_word(out)) else " "
        out += glue + line
    return " ".join(out.split())


def _broken_word(text: str) -> bool:
    """A line that ends inside a hyphenated word ("1145/BTTTT-"), not on " - "."""
    return len(text) >= 2 and text[-1] in "-‐" and not text[-2].isspace()


# ---------------------------------------------------------------- pdfplumber

#: Ruling lines only; a table needs at least two crossing lines each way.
PLUMBER_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines",
                    "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3}


def plumber_grids(page, number: int) -> list[Grid]:
    """Ruled tables on one (deduplicated) pdfplumber page."""
    out = []
    for table in page.find_tables(PLUMBER_SETTINGS):
        texts = table.extract()
        rows = []
        for row, row_texts in zip(table.rows, texts):
            rows.append(tuple(
                GridCell(_cell_text(text, box, page.chars), number, _round(box))
                if box is not None else None
                for box, text in zip(row.cells, row_texts)))
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            out.append(Grid(number, _round(table.bbox), tuple(rows), "pdfplumber"))
    return out


def _cell_text(raw: str | None, box, chars) -> str:
    """A cell's lines joined.  A word too long for its column is broken where the
    line is full, with no hyphen ("BCĐ/B" + "phận", "UDCN" + "TT"): a one-word line
    that leaves less room than the next line's first letter needs is joined to it
    with no space — unless both pieces are whole words, syllables or acronyms
    ("chuyên" / "trách", "CNTT" / "của"), which only a space can have parted
    (two acronym pieces are one acronym: "UDCN" / "TT")."""
    lines = [ln.strip() for ln in (raw or "").split("\n") if ln.strip()]
    if len(lines) < 2 or not any(" " not in ln and len(ln) >= 3 for ln in lines[:-1]):
        return join_lines(raw)
    printed = _printed_lines(box, chars)
    if len(printed) != len(lines):
        return join_lines(raw)
    inner = box[2] - box[0] - 4          # the cell's padding and rule
    out = lines[0]
    for k in range(1, len(lines)):
        width, first = _width(printed[k - 1]), printed[k][0]["x1"] - printed[k][0]["x0"]
        filled = " " not in lines[k - 1] and inner - width < first + 0.5
        kinds = (_kind(lines[k - 1]), _kind(lines[k].split()[0]))
        broken = filled and (None in kinds or kinds == ("acronym", "acronym"))
        out += ("" if broken else "\n") + lines[k]
    return join_lines(out)


def _kind(piece: str) -> str | None:
    """"acronym" ("CNTT"), "syllable" (a word with a vowel: "trách"), or None for a
    piece of a word ("BCĐ/B")."""
    import unicodedata
    if piece.isalpha() and piece.isupper() and len(piece) >= 2:
        return "acronym"
    bare = unicodedata.normalize("NFD", piece.lower())
    return "syllable" if piece.isalpha() and any(ch in "aeiouy" for ch in bare) else None


def _printed_lines(box, chars) -> list[list]:
    """The characters inside *box*, as printed lines, top to bottom."""
    inside = [c for c in chars if box[0] - 1 <= c["x0"] and c["x1"] <= box[2] + 1
              and box[1] - 1 <= c["top"] and c["bottom"] <= box[3] + 1 and c["text"].strip()]
    lines: list[list] = []
    for c in sorted(inside, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][0]["top"] - c["top"]) < 3:
            lines[-1].append(c)
        else:
            lines.append([c])
    return [sorted(ln, key=lambda c: c["x0"]) for ln in lines]


def _width(line: list) -> float:
    return max(c["x1"] for c in line) - min(c["x0"] for c in line)


def _round(box) -> BBox:
    return tuple(round(float(v), 2) for v in box)


# ---------------------------------------------------------------- camelot

def camelot_grids(path: str, pages: list[int], flavor: str, heights: dict[int, float],
                  areas: dict[int, list[str]] | None = None) -> list[Grid]:
    """camelot lattice or stream on *pages* (stream: inside the given table
    areas, camelot's "x1,y1,x2,y2"); boxes turned to top-left origin."""
    if not pages:
        return []
    if areas is not None:
        return [g for n in pages
                for g in _camelot_run(path, [n], flavor, heights, table_areas=areas[n])]
    return _camelot_run(path, pages, flavor, heights)


def _camelot_run(path: str, pages: list[int], flavor: str, heights, **options) -> list[Grid]:
    import warnings

    import camelot
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = camelot.read_pdf(path, pages=",".join(map(str, pages)), flavor=flavor,
                                  suppress_stdout=True, **options)
    out = []
    for t in tables:
        number = int(t.page)
        grid = _camelot_grid(t, number, heights[number], f"camelot-{flavor}")
        if grid is not None:
            out.append(grid)
    return out


def _camelot_grid(table, number: int, height: float, method: str) -> Grid | None:
    rows = []
    for row in table.cells:
        slots = []
        for c in row:
            box = (c.x1, height - c.y2, c.x2, height - c.y1)
            covered = method == "camelot-lattice" and (c.hspan or c.vspan) and not c.text.strip()
            slots.append(None if covered else GridCell(join_lines(c.text), number, _round(box)))
        rows.append(tuple(slots))
    rows = _drop_empty_columns(rows)
    if method == "camelot-stream":
        rows = _fold_lone_columns(rows)
    if len(rows) < 2 or not rows[0]:
        return None
    x1, y1, x2, y2 = table._bbox
    return Grid(number, _round((x1, height - y2, x2, height - y1)), tuple(rows), method)


def _drop_empty_columns(rows: list[tuple[Slot, ...]]) -> list[tuple[Slot, ...]]:
    width = max((len(r) for r in rows), default=0)
    keep = [c for c in range(width)
            if any(c < len(r) and r[c] is not None and r[c].text for r in rows)]
    return [tuple(r[c] if c < len(r) else None for c in keep) for r in rows]


def _fold_lone_columns(rows: list[tuple[Slot, ...]]) -> list[tuple[Slot, ...]]:
    """A centred band or caption ("A. Mức khá (8%)") makes stream see a column of
    its own; drop columns that only such one-text rows use, keeping their text."""
    def lone(r):
        return sum(1 for s in r if s is not None and s.text) == 1
    width = max((len(r) for r in rows), default=0)
    used = [c for c in range(width)
            if any(c < len(r) and r[c] is not None and r[c].text and not lone(r) for r in rows)]
    if len(used) == width or not used:
        return rows
    out = []
    for r in rows:
        if lone(r):
            text = next(s for s in r if s is not None and s.text)
            out.append((text,) + tuple(GridCell("", text.page, text.bbox) for _ in used[1:]))
        else:
            out.append(tuple(r[c] if c < len(r) else None for c in used))
    return out


# ---------------------------------------------------------------- quality

_INT = re.compile(r"^\d{1,3}$")
_NUM = re.compile(r"^[-+]?\d+(?:[.,]\d+)*\s*%?$|^\d+\s*\(\s*\d+(?:[.,]\d+)?\s*\)$|^[-x–—]$", re.I)
_CID = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.?|[a-zđ]\))$")
NUMERIC_ROLES = ("component", "total", "rank", "max_points", "score")


def row_quality(texts: list[str], roles: list[str]) -> bool:
    """Does one data row read as a row of its table?  Row number an integer,
    the unit or criterion a text, every score cell empty or a number."""
    for text, role in zip(texts, roles):
        if role == "row_no" and not _INT.match(text):
            return False
        if role in ("unit", "criterion") and (not text or _NUM.match(text)):
            return False
        if role == "criterion_id" and text and not _CID.match(text):
            return False
        if role in NUMERIC_ROLES and text and not _NUM.match(text):
            return False
    return len(texts) == len(roles)


def quality(rows: list[list[str]], roles: list[str]) -> float:
    """Share of data rows that read as rows (see `row_quality`); 0 for no rows."""
    if not rows:
        return 0.0
    return sum(row_quality(r, roles) for r in rows) / len(rows)
