"""Table grids found on PDF pages, before they are read as score or rubric tables.

A `Grid` is what a table finder saw: rows of cells with their text and box.
Three finders feed it — pdfplumber's ruling-line finder, camelot lattice and
camelot stream — and OCR (extract/ocr/read.py) builds the same objects from a scan.
``None`` in a row marks a slot covered by a merged cell.

Text inside one cell that wrapped over several printed lines is joined into
one line here ("Sở Thông tin và\\nTruyền thông" → "Sở Thông tin và Truyền thông").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import BBox

Method = str   # "pdfplumber" | "pdfplumber-text" | "camelot-lattice" | "camelot-stream" | "ocr" | …
#: Grids read from text alignment, with no ruling lines between their cells.
UNRULED = ("camelot-stream", "ocr-stream", "pdfplumber-text")


@dataclass(frozen=True)
class GridCell:
    text: str
    page: int
    bbox: BBox
    confidence: float | None = None
    ink: BBox | None = None          # its words' own extent, when it was found from words


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


#: A filled box thicker than this both ways is shading (a cell's or a paragraph's
#: background), not a rule: its edges are not column or row boundaries.
RULE_WIDTH = 3.0


def plumber_grids(page, number: int) -> list[Grid]:
    """Ruled tables on one (deduplicated) pdfplumber page: found on the page
    without its shading, each cell's text read from the characters in its box."""
    out = []
    for table in find_ruled(page):
        texts = table.extract()
        rows = []
        for row, row_texts in zip(table.rows, texts):
            rows.append(tuple(
                GridCell(_cell_text(text, box, page.chars), number, _round(box))
                if box is not None else None
                for box, text in zip(row.cells, row_texts)))
        rows = _unsplit_words(rows, page, number)
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            out.append(Grid(number, _round(table.bbox), tuple(rows), "pdfplumber"))
    return out


def find_ruled(page) -> list:
    """pdfplumber's ruled tables, shading left out: a Word table whose cells or
    paragraphs are shaded draws a filled box inside each cell, and its edges
    would cut the cell into phantom columns and rows ("Đ" | "iểm tự").  Shading
    away from every table found (a table drawn only by its shading) is given back:
    pdfplumber's own tables there are kept."""
    rules = _vertical_rules(page)
    plain = page.filter(lambda obj: not (is_shading(obj) and _inset(obj, rules)))
    tables = plain.find_tables(PLUMBER_SETTINGS)
    stray = [r for r in page.rects if is_shading(r)
             and not any(_within((r["x0"], r["top"], r["x1"], r["bottom"]), t.bbox)
                         for t in tables)]
    if stray:
        tables += [t for t in page.find_tables(PLUMBER_SETTINGS)
                   if not any(_overlaps(t.bbox, o.bbox) for o in tables)]
        tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    open_ends = _open_ends(plain, tables)
    if open_ends:
        settings = dict(PLUMBER_SETTINGS, explicit_horizontal_lines=open_ends)
        tables = plain.find_tables(settings)
    return tables


def _open_ends(page, tables) -> list[float]:
    """A row cut by the page break, printed with its column rules but no rule
    under it (or over it, at the top of the next page): the column rules run on
    past the table's last rule, each to the same place.  → the y of those ends,
    where the row's missing rule goes."""
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    out = []
    for t in tables:
        x0, top, x1, bottom = t.bbox
        inside = [e for e in verticals if x0 - 2 <= e["x0"] <= x1 + 2]
        below = [e for e in inside if abs(e["top"] - bottom) <= 2 and e["bottom"] > bottom + 5]
        above = [e for e in inside if abs(e["bottom"] - top) <= 2 and e["top"] < top - 5]
        for run, end in ((below, "bottom"), (above, "top")):
            xs = {round(float(e["x0"])) for e in run}
            if min(xs, default=x1) <= x0 + 2 and max(xs, default=x0) >= x1 - 2:
                out.append(float(max(e[end] for e in run) if end == "bottom"
                                 else min(e[end] for e in run)))
    return sorted(out)


def _vertical_rules(page) -> list[float]:
    """The x of every vertical rule drawn on the page (thin boxes, lines, box sides)."""
    xs = [float(o["x0"] + o["x1"]) / 2 for o in page.rects + page.lines
          if o["x1"] - o["x0"] <= RULE_WIDTH and o["bottom"] - o["top"] > RULE_WIDTH]
    xs += [float(x) for o in page.rects if o.get("stroke") for x in (o["x0"], o["x1"])]
    return sorted(xs)


def _inset(obj, rules: list[float], slack: float = 1.5) -> bool:
    """Shading that does not reach from rule to rule: a paragraph's background
    inside its cell, whose sides are no column boundaries.  A cell's own shading
    fills it from rule to rule, and its edges stand where the cell's are (even
    where the producer left a rule out)."""
    import bisect

    def near(x: float) -> bool:
        k = bisect.bisect_left(rules, x)
        return any(abs(rules[j] - x) <= slack for j in (k - 1, k) if 0 <= j < len(rules))
    return not (near(float(obj["x0"])) and near(float(obj["x1"])))


def is_shading(obj) -> bool:
    return (obj.get("object_type") == "rect" and not obj.get("stroke")
            and min(obj["width"], obj["height"]) > RULE_WIDTH)


def _within(box, outer, slack: float = 2.0) -> bool:
    return (outer[0] - slack <= box[0] and box[2] <= outer[2] + slack
            and outer[1] - slack <= box[1] and box[3] <= outer[3] + slack)


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _unsplit_words(rows: list[tuple[Slot, ...]], page, number: int) -> list[tuple[Slot, ...]]:
    """A rule never cuts a word: where two cells side by side hold the two halves
    of one printed word, the line between them is not a column boundary in that
    row, and the two are one cell, read again from the characters in their box."""
    out = []
    for row in rows:
        row = list(row)
        k = 0
        while k + 1 < len(row):
            a, b = row[k], _next_cell(row, k)
            if a is not None and b is not None and _cuts_word(a, b[1], page.chars):
                box = (a.bbox[0], min(a.bbox[1], b[1].bbox[1]), b[1].bbox[2],
                       max(a.bbox[3], b[1].bbox[3]))
                row[k] = GridCell(cell_text_in(page, box), number, _round(box))
                for j in range(k + 1, b[0] + 1):
                    row[j] = None
                continue
            k += 1
        out.append(tuple(row))
    return out


def _next_cell(row: list[Slot], k: int):
    """(index, cell) of the next cell to the right of slot *k*, past covered slots."""
    for j in range(k + 1, len(row)):
        if row[j] is not None:
            return j, row[j]
    return None


def _cuts_word(a: GridCell, b: GridCell, chars) -> bool:
    """Does the line between *a* and *b* run through a printed word: a letter just
    left of it and one just right, on one line, closer than a space?"""
    if not (a.text and b.text) or abs(a.bbox[2] - b.bbox[0]) > 1:
        return False
    x, top, bottom = a.bbox[2], max(a.bbox[1], b.bbox[1]), min(a.bbox[3], b.bbox[3])
    near = [c for c in chars if top <= (c["top"] + c["bottom"]) / 2 <= bottom
            and x - 15 <= c["x0"] and c["x1"] <= x + 15 and c["text"].strip()]
    left = [c for c in near if (c["x0"] + c["x1"]) / 2 < x]
    right = [c for c in near if (c["x0"] + c["x1"]) / 2 >= x]
    for r in right:
        for c in left:
            gap = r["x0"] - c["x1"]
            if abs(c["top"] - r["top"]) < 1 and -1 < gap < 0.15 * c["size"] \
                    and c["text"].isalnum() and r["text"].isalnum():
                return True
    return False


def cell_text_in(page, box) -> str:
    """The text printed inside *box*, lines joined (characters whose centre is inside)."""
    x0, top, x1, bottom = box
    inside = page.filter(lambda o: o.get("object_type") == "char"
                         and x0 <= (o["x0"] + o["x1"]) / 2 <= x1
                         and top <= (o["top"] + o["bottom"]) / 2 <= bottom)
    return _cell_text(inside.extract_text(), box, page.chars)


def _cell_text(raw: str | None, box, chars) -> str:
    """A cell's lines joined.  A word too long for its column is broken where the
    line is full, with no hyphen ("BCĐ/B" + "phận", "UDCN" + "TT"): a one-word line
    that leaves less room than the next line's first letter needs is joined to it
    with no space — unless both pieces are whole words, syllables or acronyms
    ("chuyên" / "trách", "CNTT" / "của"), which only a space can have parted
    (two acronym pieces are one acronym: "UDCN" / "TT").  A column too narrow for
    a two-digit row number or a column number breaks it too: "1" / "0" is "10",
    "(1" / ")" is "(1)", "T" / "T" is "TT"."""
    lines = [ln.strip() for ln in (raw or "").split("\n") if ln.strip()]
    if _broken_number(lines):
        return "".join(lines)
    if len(lines) < 2:
        return join_lines(raw)
    pieces = [False] + [_broken_syllable(lines[k - 1], lines[k]) for k in range(1, len(lines))]
    narrow = any(" " not in ln and (len(ln) >= 3 or not _kind(ln)) for ln in lines[:-1])
    if not (narrow or any(pieces)):
        return join_lines(raw)
    printed = _printed_lines(box, chars) if narrow else []
    inner = box[2] - box[0] - 4          # the cell's padding and rule
    out = lines[0]
    for k in range(1, len(lines)):
        broken = _broken_syllable(out.rsplit("\n", 1)[-1], lines[k])
        if not broken and len(printed) == len(lines):
            width, first = _width(printed[k - 1]), printed[k][0]["x1"] - printed[k][0]["x0"]
            filled = " " not in lines[k - 1] and inner - width < first + 0.5
            kinds = (_kind(lines[k - 1]), _kind(lines[k].split()[0]))
            broken = filled and (None in kinds or kinds == ("acronym", "acronym"))
        out += ("" if broken else "\n") + lines[k]
    return join_lines(out)


def _broken_syllable(above: str, line: str) -> bool:
    """A column narrower than a word breaks it between letters ("thà" / "nh",
    "Tổn" / "g số", "ph" / "ần", "(1." / "00" / "0)"): a piece of letters with no
    vowel can only be a syllable's end or its start, so it goes with the piece
    beside it that it makes a Vietnamese syllable with; digits broken off a
    number go back to it."""
    prev, words = above.split(), line.split()
    last, first = prev[-1], words[0]
    alone = len(prev) == 1 and len(words) == 1
    return (_consonants(first) and _syllable(last + first)) or \
        (alone and _consonants(last) and _syllable(last + first)) or \
        (alone and _number_piece(last, first))


_VOWELS = re.compile(r"[aeiouy]")
_SYLLABLE = re.compile(r"(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnpqrstvx])?"
                       r"[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?")


def _bare(word: str) -> str:
    import unicodedata
    flat = unicodedata.normalize("NFD", word.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in flat if not unicodedata.combining(ch))


def _consonants(piece: str) -> bool:
    """Lower-case letters with no vowel ("nh", "g", "ph"): no word on its own."""
    piece = piece.lstrip("(/")
    return piece.isalpha() and piece.islower() and not _VOWELS.search(_bare(piece))


def _syllable(word: str) -> bool:
    word = word.strip("()[]/,.;:")
    return word.isalpha() and bool(_SYLLABLE.fullmatch(_bare(word)))


def _number_piece(last: str, first: str) -> bool:
    """"(1." / "00", "20" / "17": digits that go on a number cut at the line's end."""
    cut = last.startswith("(") or last[-1:] in ".,"
    return bool(cut and re.fullmatch(r"\(?\d+(?:[.,]\d*)?", last)
                and re.fullmatch(r"\d+\)?", first) and _BROKEN_NUMBER.fullmatch(last + first))


_BROKEN_NUMBER = re.compile(r"\(?\d{1,3}(?:[.,]\d{0,3})*\)?")


def _broken_number(lines: list[str]) -> bool:
    """A row number, criterion id or column number a narrow column broke ("1" /
    "0", "1.1" / "0", "(1" / ")"): pieces with no space that make one number, an
    open bracket closed on the last line — no cell prints two such numbers stacked."""
    if len(lines) < 2 or len(lines) > 3 or any(" " in ln for ln in lines):
        return False
    return bool(_BROKEN.fullmatch("".join(lines)))


_BROKEN = re.compile(r"\d{2,3}|\d{1,2}(?:\.\d{1,2})+\.?|\(\d{1,3}\)")


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


# ---------------------------------------------------------------- column geometry

#: Two pieces of one table have their column rules this close (points); a scan's less exactly.
COLUMN_TOLERANCE = 3.0
SCAN_COLUMN_TOLERANCE = 10.0


def column_edges(grid: Grid) -> tuple[float, ...]:
    """The x of every column rule of *grid*, left to right: the left and right
    edges of its cells, those within a point of each other taken as one."""
    xs = sorted(x for row in grid.rows for s in row if s is not None
                for x in (s.bbox[0], s.bbox[2]))
    out: list[float] = []
    for x in xs:
        if out and x - out[-1] <= 1.0:
            continue
        out.append(x)
    return tuple(out)


def realigned(nxt: Grid, prev: Grid) -> Grid | None:
    """*nxt* laid on the columns of *prev* when its column rules are rules of
    *prev* (within the tolerance): the table *prev* going on over a page break,
    whatever the page prints above it.  Each cell goes to the column whose left
    rule it starts on; the columns it reaches over are covered (None).  None when
    the geometry differs: another table."""
    tol = SCAN_COLUMN_TOLERANCE if nxt.method.startswith("ocr") else COLUMN_TOLERANCE
    theirs, mine = column_edges(prev), column_edges(nxt)
    if len(mine) < 3 or len(theirs) < len(mine):
        return None
    index = [_nearest(x, theirs, tol) for x in mine]
    if None in index or index[0] != 0 or index[-1] != len(theirs) - 1:
        return None
    starts = column_starts(prev)
    if len(starts) != prev.width:
        return None
    rows = tuple(_laid_on(row, starts, tol) for row in nxt.rows)
    if any(r is None for r in rows):
        return None
    return nxt.with_(rows=rows)


def repeated_rows(rows, more) -> int:
    """How many rows at the top of *more* print again, cell for cell, the rows at
    the top of *rows*: a header printed on every page (whatever its labels)."""
    k = 0
    while k < min(len(rows), len(more)) and _texts(rows[k]) == _texts(more[k]) \
            and any(t and not _NUM.match(t) for t in _texts(rows[k])):
        k += 1
    return k if k < len(more) else 0


def _texts(row) -> list[str]:
    return [s.text if s is not None else "" for s in row]


def column_starts(grid: Grid) -> list[float]:
    """The left rule of each column: where the cells of that column start."""
    found: list[float | None] = [None] * grid.width
    for row in grid.rows:
        for c, s in enumerate(row):
            if s is not None and found[c] is None:
                found[c] = s.bbox[0]
    return [x for x in found if x is not None]


def _nearest(x: float, edges, tol: float) -> int | None:
    k = min(range(len(edges)), key=lambda i: abs(edges[i] - x))
    return k if abs(edges[k] - x) <= tol else None


def _laid_on(row: tuple[Slot, ...], starts: list[float], tol: float):
    out: list[Slot] = [None] * len(starts)
    for s in row:
        if s is None:
            continue
        k = _nearest(s.bbox[0], starts, tol)
        if k is None or out[k] is not None:
            return None
        out[k] = s
    return tuple(out)


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
