"""Unruled tables read from the words on the page: where no rules part the cells.

    header (between a rule over it and a rule under it, or from a "TT"/"STT" line)
    → body lines down to the table's end → columns from the body's repeating
    shape (the white channels every line leaves at the same x, or the column
    pieces of the rule over the header) → rows (lines parted by more space than a
    cell's own lines, or, with no padding to tell, a line without a row number
    or id that goes on a line that filled its column) → a Grid

A page that opens with such rows and no header goes on with the table of the
page before (joined by column count in pdf/tables.py).  Nothing here says what a
cell means: the grid interpreter does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..grid.patterns import CAPTION, is_band, is_id
from ..interpret import label_role
from .grid import Grid, GridCell, _broken_number, _broken_syllable, _round, join_lines
from .text import is_furniture

METHOD = "pdfplumber-text"
#: A rule drawn in pieces this much of the text's width wide is a table's rule (one
#: stroke must be half the text's width: a footnote's separator is a third).
RULE_SHARE = 0.3
#: Two columns are parted by a white channel at least this wide (points).
CHANNEL = 2.5
#: A header runs at most this far below its top rule (points), over at most this many lines
#: (a narrow column breaks a label into many).
HEADER_DEPTH = 450.0
HEADER_LINES = 200
#: Fewer body lines than this do not show a table's columns (a row on a page of its own).
SHAPE = 3


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float | None = None        # OCR's confidence (0..100); None when printed as text


@dataclass
class TextLine:
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def unruled_grids(page, number: int, ruled: list) -> list[Grid]:
    """The unruled tables on a pdfplumber page, outside the ruled boxes *ruled*."""
    words = [Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]),
                  float(w["bottom"]))
             for w in page.extract_words(x_tolerance=1.5, y_tolerance=2)
             if not any(_centre_in(w, box) for box in ruled)]
    if not words:
        return []
    lines = [ln for ln in text_lines(words) if not is_furniture_text(ln.text)]
    return grids_from_lines(lines, table_rules(page, lines, ruled), number)


def grids_from_lines(lines: list[TextLine], rules: list[Rule], number: int) -> list[Grid]:
    """The unruled tables among a page's printed lines (top to bottom, furniture
    left out) and its horizontal rules: born-digital words or a scan's OCR words."""
    out = []
    k = 0
    closed = None           # the rule under the table before: no header's top rule
    while k < len(lines):
        found = _table_at(lines, k, rules, number, first=not out and k == 0, closed=closed)
        if found is None:
            k += 1
            continue
        grid, k = found
        if grid is not None:
            out.append(grid)
            if 0 < k < len(lines):
                closed = next((r for r in rules if lines[k - 1].bottom <= r.y <= lines[k].top),
                              None)
    return out


def is_furniture_text(text: str) -> bool:
    from .text import Line
    return is_furniture(Line(text, 0, (0, 0, 0, 0)))


def _centre_in(w, box) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return box[0] - 2 <= cx <= box[2] + 2 and box[1] - 2 <= cy <= box[3] + 2


def text_lines(words: list[Word]) -> list[TextLine]:
    """Words → printed lines, top to bottom (a word whose middle is inside the
    line's height band joins it)."""
    out: list[TextLine] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        mid = (w.top + w.bottom) / 2
        if out and out[-1].top - 1 <= mid <= out[-1].bottom - 1 and abs(out[-1].top - w.top) < 2.5:
            out[-1].words.append(w)
        else:
            out.append(TextLine([w]))
    for ln in out:
        ln.words.sort(key=lambda w: w.x0)
    return out


# ---------------------------------------------------------------- rules

@dataclass(frozen=True)
class Rule:
    y: float
    x0: float
    x1: float
    pieces: tuple[float, ...]        # where the pieces it is drawn in meet (column edges)


def table_rules(page, lines: list[TextLine], ruled: list = ()) -> list[Rule]:
    """Horizontal rules outside the ruled tables *ruled*, pieces drawn end to end at
    one height taken as one rule (and the places they meet kept): as wide as half
    the text at least, or drawn cell by cell (in pieces) over a part of it — a
    footnote's separator, one short stroke, is no table's rule."""
    if not lines:
        return []
    width = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)
    segs = sorted((round(float(o["top"]), 0), float(o["x0"]), float(o["x1"]))
                  for o in page.lines + page.rects
                  if o["bottom"] - o["top"] <= 2 and o["x1"] - o["x0"] > 3
                  and not any(box[1] - 3 <= o["top"] <= box[3] + 3 and o["x0"] < box[2]
                              and box[0] < o["x1"] for box in ruled))
    return joined_rules(segs, width)


def joined_rules(segs, width: float, gap: float = 1.5, joints: bool = True) -> list[Rule]:
    """Horizontal strokes (y, x0, x1), sorted, into rules: strokes at one height
    less than *gap* apart are one rule (where they meet kept, with *joints*); a rule
    is kept when it is half the text's *width*, or drawn in pieces over a part of it.
    A scan's rules come broken by noise: there *gap* is wider and no joint is kept."""
    out: list[Rule] = []
    for y, x0, x1 in segs:
        last = out[-1] if out else None
        if last and abs(last.y - y) <= 1.5 and x0 <= last.x1 + gap:
            met = joints and x0 > last.x0 + 3 and x0 >= last.x1 - 1.5
            out[-1] = Rule(last.y, last.x0, max(last.x1, x1), last.pieces + ((x0,) if met else ()))
        else:
            out.append(Rule(y, x0, x1, ()))
    return [r for r in out if r.x1 - r.x0 >= 0.5 * width
            or (r.x1 - r.x0 >= RULE_SHARE * width and len(r.pieces) >= 2)]


# ---------------------------------------------------------------- one table

def _table_at(lines: list[TextLine], k: int, rules: list[Rule], number: int,
              first: bool, closed: Rule | None = None):
    """(grid, index after it) for a table whose header starts at line *k* (or whose
    rows open the page, when *first*), else None."""
    head = _header_at(lines, k, rules, closed)
    if head is None and first:
        head = _header_rest(lines, rules)
    if head is None:
        above = lines[:next((i for i, x in enumerate(lines) if _tt_line(x)), len(lines))]
        if first and above and _opens_with_rows(above) \
                and not CAPTION.match(lines[0].text):     # a caption opens no rows
            start = _past_header_rest(above, rules)       # rows above the page's next header
            built = _build(above, [], start, rules, number, None)
            if built is not None and built[0] is not None and start:
                grid, end = built           # the header's rest lies inside the table's box
                x0, _, x1, y1 = grid.bbox
                built = grid.with_(bbox=_round((x0, lines[0].top, x1, y1))), end
            return built
        rule = _columns_rule_over(lines, k, rules)
        if rule is not None:                      # rows under a rule drawn cell by cell
            return _build(lines, [], k, rules, number, rule)
        return None
    header, body_start, column_rule = head
    if body_start >= len(lines):
        return _header_only(header, column_rule, number), body_start
    return _build(lines, header, body_start, rules, number, column_rule)


def _columns_rule_over(lines: list[TextLine], k: int, rules: list[Rule]) -> Rule | None:
    """A table printed without a header (its columns those of a table before it,
    under a caption of its own): rows from line *k*, right under a rule drawn in
    pieces, one per column (two joints at least: the columns), or across the whole
    row (the columns from the white channels), the first line a row with a figure
    beside its number and two rows at least."""
    if k == 0 or not _data_like(lines[k]):
        return None
    ln = lines[k]
    over = [r for r in rules if lines[k - 1].bottom - 1 <= r.y <= ln.top + 1
            and r.x0 <= ln.x0 + 1 and (len(r.pieces) >= 2 or r.x1 >= ln.x1 - 1)]
    if not over or sum(map(_starts_row, lines[k:k + OPENING])) < 2:
        return None
    return over[-1]


def _header_at(lines: list[TextLine], k: int, rules: list[Rule], closed: Rule | None = None):
    """(header lines, first body line, the rule that shows the columns) when a
    header starts at *k*: under a rule with a second rule below it (the header
    between them), or with none below it when the header runs to the foot of the
    page (its rows are on the next).  A header with no rules ("TT"/"STT" lines)
    is left to camelot stream (pdf/stream.py).  The rule that *closed* the table
    above opens a header only when the header sits right under it (a title printed
    between two tables is no header)."""
    ln = lines[k]
    over = [r for r in rules if r.y <= ln.top + 1 and ln.top - r.y < (6 if r is closed else 12)]
    if not over:
        return None
    top = over[-1]
    under = [r for r in rules if top.y + 8 < r.y <= top.y + HEADER_DEPTH]
    end = under[0].y if under else float("inf")
    header = [x for x in lines[k:] if x.top >= top.y - 1 and (x.top + x.bottom) / 2 < end]
    while header and CAPTION.match(header[0].text):
        header, k = header[1:], k + 1        # a caption printed inside the rules, over the labels
    first_row = next((i for i, x in enumerate(header) if _data_like(x)), None)
    if first_row:                     # no rule under the header: it ends at the first row
        header = header[:first_row]
    if not header or len(header) > HEADER_LINES or sum(map(_data_like, header)) > 1 or (
            not under and (k + len(header) < len(lines) or any(map(_starts_row, header)))):
        return None
    if under and _labels_below(lines, k + len(header), under[0], rules):
        return None
    return header, k + len(header), top if top.pieces or not under else under[0]


def _labels_below(lines: list[TextLine], start: int, under: Rule, rules: list[Rule]) -> bool:
    """The candidate is a title between two tables (over the rule that closes one
    and the rule that opens the next), and what follows it down to the next rule is
    the next table's header, when those lines print no figure at all and the lines
    after that rule do, or when they hold no row and the two lines after the rule
    are rows (a label "2017" may print figures; a heading "2. …" is one line, and no
    row follows it)."""
    below = [r.y for r in rules if r.y > under.y + 1]
    end = below[0] if below else float("inf")
    body = [ln for ln in lines[start:] if ln.top < end]
    after = [ln for ln in lines[start + len(body):] if ln.top > end][:OPENING]
    if not body or not after:
        return False
    labels_only = not any(ch.isdigit() for ln in body for ch in ln.text) and any(
        ch.isdigit() for ln in after[:2] for ch in ln.text)
    rows_after = not any(map(_starts_row, body)) and len(after) >= 2 and all(
        map(_starts_row, after[:2]))
    return labels_only or rows_after


def _past_header_rest(lines: list[TextLine], rules: list[Rule]) -> int:
    """Where the rows that open a page start: after the rule under the rest of a
    header the page break cut ("thàn" / "h" / "phần)", lines of no row, over a rule
    with rows under it), else at the first line."""
    under = [r.y for r in rules if r.y > lines[0].top]
    if not under:
        return 0
    above = [k for k, ln in enumerate(lines) if ln.bottom <= under[0] + 1]
    k = len(above)
    if above and k < len(lines) and not any(_starts_row(lines[j]) for j in above) \
            and _starts_row(lines[k]):
        return k
    return 0


def _header_rest(lines: list[TextLine], rules: list[Rule]):
    """The rest of a header the page break cut, at the top of the page: lines of
    labels down to the first rule, rows under it."""
    under = [r for r in rules if r.y > lines[0].bottom]
    if not under or any(r.y < lines[0].top for r in rules):
        return None
    rest = [x for x in lines if (x.top + x.bottom) / 2 < under[0].y]
    joints = under[0].pieces
    if not rest or not joints or len(rest) > HEADER_LINES or any(
            _starts_row(x) or _tt_line(x) or CAPTION.match(x.text)
            or any(w.x0 < j - 1 < j + 1 < w.x1 for w in x.words for j in joints) for x in rest):
        return None           # a title or a caption over the table, not a header's rest
    return rest, len(rest), under[0]


def _header_only(header: list[TextLine], rule: Rule, number: int) -> Grid | None:
    """A header at the foot of a page, its rows on the next: a grid of the header
    alone, for the rows to join (columns from the joints of its rule, or from the
    white channels its labels leave between them)."""
    if rule.pieces:
        edges = [rule.x0] + list(rule.pieces) + [rule.x1]
    else:
        channels = _channels(header, crossing=False)
        if len(channels) < 2:
            return None
        edges = [min(rule.x0, min(ln.x0 for ln in header))] + \
            [(a + b) / 2 for a, b in channels] + [max(rule.x1, max(ln.x1 for ln in header))]
    row = _grid_row(header, edges, number)
    box = (edges[0], min(x.top for x in header), edges[-1], max(x.bottom for x in header))
    return Grid(number, _round(box), (row,), METHOD)


def _tt_line(ln: TextLine) -> bool:
    """A header line with no rules ("TT Đơn vị …"): camelot stream's to read."""
    word = ln.words[0].text.strip(":.")
    return label_role(word) == "row_no" and len(ln.words) >= 2


def _data_like(ln: TextLine) -> bool:
    """A row number or id, and a number beside it: a row, never a header line."""
    return _starts_row(ln) and any(NUMBER.fullmatch(w.text) for w in ln.words[1:])


def _starts_row(ln: TextLine) -> bool:
    first = ln.words[0].text
    return bool(re.fullmatch(r"\d{1,3}\.?", first)) or is_id(first)


def _opens_with_rows(lines: list[TextLine]) -> bool:
    """A page whose first lines are rows (a table going on from the page before,
    the rest of a row the break cut above them): among its first lines, one with
    a row number or id and a number beside it, or two with a row number or id (a
    heading "2.3. ỨNG DỤNG …" is one line, with no number)."""
    head = lines[:OPENING]
    return any(map(_data_like, head)) or sum(map(_starts_row, head)) >= 2


#: The lines at the top of a page looked at for rows going on from the page before.
OPENING = 12
NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")


def _build(lines, header, start, rules, number, top_rule):
    end = _body_end(lines, start, header, rules, top_rule)
    body = lines[start:end]
    least = 1                           # a page's first (or last) row may be all
    if len(body) < least:
        return None
    body = _without_trailer(body)
    end = start + len(body)
    if len(body) < least:
        return None
    edges = _edges(header, body, top_rule)
    if edges is None or len(edges) < 3:
        return None
    header, numbering = _numbering_apart(header)
    rows = _rows(body, edges)
    # rows alone, or too few to show the columns' shape (one may be cut in words): the
    # boxes are the text's, for relaid() to lay them on the columns of the table before
    tight = not header or len(body) < SHAPE
    place = _header_places(header + numbering, body, edges)
    grid_rows = [_grid_row(r, edges, number, tight, place)
                 for r in [header, numbering] + rows if r]
    empty = [c for c in range(len(edges) - 1) if not any(r[c].text for r in grid_rows)]
    if empty and len(edges) - len(empty) >= 3:   # white inside a column, not between two
        edges = [e for k, e in enumerate(edges) if k - 1 not in empty or k == len(edges) - 1]
        place = _header_places(header + numbering, body, edges)
        grid_rows = [_grid_row(r, edges, number, tight, place)
                     for r in [header, numbering] + rows if r]
    if sum(1 for r in grid_rows if sum(1 for s in r if s.text) >= 2) < (2 if header else 1):
        return None
    everything = header + numbering + body
    box = (edges[0], min(ln.top for ln in everything), edges[-1],
           max(ln.bottom for ln in everything))
    return Grid(number, _round(box), tuple(grid_rows), METHOD), end


_NUMBERING = re.compile(r"^\(\d{1,2}\)?$|^\d{1,2}\)$|^\)$")


def _numbering_apart(header: list[TextLine]):
    """The header's label lines and the lines of its column numbers "(1)".."(n)"
    (printed inside the header's rules by some producers)."""
    for k, ln in enumerate(header):
        numbers = [w for w in ln.words if _NUMBERING.match(w.text)]
        if len(numbers) >= 2 and len(numbers) >= 0.6 * len(ln.words):
            j = k
            while j > 0 and all(_NUMBERING.match(w.text) for w in header[j - 1].words) \
                    and header[j - 1].bottom > ln.top - 3:
                j -= 1
            return header[:j], header[j:]
    return header, []


def _body_end(lines, start, header, rules, top_rule) -> int:
    """One past the last body line: before the next rule (the one under the last
    row, or the next table's), a caption, or the next header."""
    below = [r.y for r in rules if start < len(lines) and r.y > lines[start].bottom]
    limit = below[0] if below else float("inf")
    j = start
    while j < len(lines) and lines[j].top < limit:
        if j > start and CAPTION.match(lines[j].text):
            break
        words = lines[j].text.split()
        if j > start and label_role(words[0].strip(":.")) == "row_no" and len(words) >= 2 \
                and not _starts_row(lines[j]):
            break
        j += 1
    return j


# ---------------------------------------------------------------- columns

def _without_trailer(body: list[TextLine]) -> list[TextLine]:
    """The body without the title or paragraph printed after the last row (before
    the next table's rule): a last line printed in one run across the columns
    the lines above it leave."""
    while len(body) > 2:
        plain = [ln for ln in body[:-1] if not is_band(ln.text)]
        channels = _channels(plain) if len(plain) >= 2 else []
        last = body[-1]
        if is_band(last.text) or not channels or not _one_run(last) or \
                not any(last.x0 < a and last.x1 > b for a, b in channels):
            return body
        body = body[:-1]
    return body


def _one_run(ln: TextLine) -> bool:
    return all(b.x0 - a.x1 < CHANNEL * 2 for a, b in zip(ln.words, ln.words[1:]))


def _edges(header, body, top_rule) -> list[float] | None:
    """Column edges, left to right: where the rule over the header is drawn in
    pieces, their joints; else the middles of the white channels the body lines
    leave (bands left out)."""
    if top_rule is not None and len(top_rule.pieces) >= 1:
        return [top_rule.x0] + list(top_rule.pieces) + [top_rule.x1]
    plain = [ln for ln in body if not is_band(ln.text)] or body
    channels = _channels(plain)
    if not channels:
        return None
    left = min(ln.x0 for ln in header + body) - 1
    right = max(ln.x1 for ln in body) + 1
    edges = [left] + [(a + b) / 2 for a, b in channels] + [right]
    # a header label alone beyond the body's last column (a column left empty); a
    # label running on past it ("Xếp hạng 2017") widens the last column instead
    extra = [w for ln in header for k, w in enumerate(ln.words) if w.x0 > edges[-1] + 4 * CHANNEL
             and (k == 0 or w.x0 - ln.words[k - 1].x1 > 4 * CHANNEL)]
    extra = [w for ln in header for w in ln.words
             if extra and w.x0 >= min(x.x0 for x in extra) - 1]
    labelled = {_column(w, edges) for ln in header for w in ln.words if w not in extra}
    if len(labelled) < len(edges) - 1:
        extra = []                    # a column below with no label: the label is its own
    if extra:
        edges[-1] = (edges[-1] + min(w.x0 for w in extra)) / 2
        edges.append(max(w.x1 for w in extra) + 1)
    else:
        edges[-1] = max([right] + [w.x1 + 1 for ln in header for w in ln.words])
    return edges


def _channels(body: list[TextLine], crossing: bool = True) -> list[tuple[float, float]]:
    """x ranges no body word covers, between the text.  Words read by OCR may run
    two cells into one ("5 4" read as "54"): there one line in eight (one at least, in
    five lines or more) may cross.  Counted on whole points from the leftmost word,
    by a sweep over the words' ends (a word placed a million points off by a broken
    file costs no more than one in place)."""
    left = min(ln.x0 for ln in body)
    steps: dict[int, int] = {}
    for ln in body:
        for a, b in _merged(sorted((int(w.x0 - left), int(w.x1 - left) + 1) for w in ln.words)):
            steps[a] = steps.get(a, 0) + 1            # the line covers points a .. b-1
            steps[b] = steps.get(b, 0) - 1
    ocr = any(w.conf is not None for ln in body for w in ln.words)
    allowed = max(1, len(body) // 8) if crossing and ocr and len(body) >= 5 else 0
    out, cover, start = [], 0, None
    for x in sorted(steps):            # from the first word's start (0) to the last's end
        cover += steps[x]
        if cover <= allowed and start is None:
            start = x                                 # a channel starts at x
        elif cover > allowed and start is not None:   # and ends at x
            if x - start >= CHANNEL and start > 0:
                out.append((left + start, left + x))
            start = None
    return out                         # white after the last word is no channel


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted half-open spans, overlapping or touching ones joined."""
    out: list[list[int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _column(w: Word, edges: list[float]) -> int:
    mid = (w.x0 + w.x1) / 2
    for c in range(len(edges) - 1):
        if mid < edges[c + 1]:
            return c
    return len(edges) - 2


# ---------------------------------------------------------------- rows

def _rows(body: list[TextLine], edges: list[float]) -> list[list[TextLine]]:
    """Body lines grouped into rows.  Where the table has padding, the space
    between two rows is wider than between the lines of one cell; a vertically
    centred number sits inside its row's lines.  With no padding to tell, a line
    starts a row when it has a row number or id, or when what it prints does not
    go on a line that filled its column."""
    found = _blocks(body)
    padded = len(found) < len(body)
    blocks = [part for block in found for part in _bands_apart(block)]
    rows: list[list[TextLine]] = []
    right = _column_rights(body, edges)
    by_id = _by_id(body, edges)
    for block in blocks:
        if rows and not padded and (_goes_on(rows[-1], block, edges, right) or (
                by_id and _continues(block[0]))):
            rows[-1].extend(block)
        else:
            rows.append(list(block))
    return rows


def _bands_apart(block: list[TextLine]) -> list[list[TextLine]]:
    """A grade band ("B. Mức trung bình (59%)") is a row of its own."""
    out: list[list[TextLine]] = []
    for ln in block:
        band = is_band(ln.text)
        if not out or band or is_band(out[-1][-1].text):
            out.append([ln])
        else:
            out[-1].append(ln)
    return out


def _blocks(body: list[TextLine]) -> list[list[TextLine]]:
    """Lines parted by more white than the smallest gap between lines (by 1.5 pt)."""
    spans: list[list[TextLine]] = []
    for ln in body:
        if spans and ln.top < max(x.bottom for x in spans[-1]) - 0.5:
            spans[-1].append(ln)           # overlapping: a centred number beside lines
        else:
            spans.append([ln])
    gaps = [spans[i][0].top - max(x.bottom for x in spans[i - 1]) for i in range(1, len(spans))]
    if not gaps:
        return spans
    least = sorted(gaps)[len(gaps) // 10]
    out = [list(spans[0])]
    for gap, span in zip(gaps, spans[1:]):
        if gap > least + 1.5:
            out.append(list(span))
        else:
            out[-1].extend(span)
    if len(out) == 1 or all(len(b) == 1 for b in out) or len(out) == len(spans) or any(
            sum(map(_starts_row, b)) > 1 for b in out):
        return spans              # no padding (a blank line is no row's padding)
    return out


def _by_id(body: list[TextLine], edges) -> bool:
    """Rows that go by id: two columns at least carry long text (a criterion and
    its scoring rule, each in its own column), so a line without an id can only
    be more of the row above (a rubric with its rules under the criteria, in the
    criterion's column, has one)."""
    chars = [0] * (len(edges) - 1)
    for ln in body:
        for w in ln.words:
            chars[_column(w, edges)] += len(w.text)
    total = sum(chars) or 1
    return sum(1 for c in chars if c >= 0.25 * total) >= 2 and \
        sum(map(_starts_row, body)) >= 2


def _continues(ln: TextLine) -> bool:
    return not (_starts_row(ln) or is_band(ln.text))


def _column_rights(body, edges) -> list[float]:
    out = [edges[c] for c in range(len(edges) - 1)]
    for ln in body:
        for w in ln.words:
            c = _column(w, edges)
            out[c] = max(out[c], w.x1)
    return out


def _goes_on(row: list[TextLine], block: list[TextLine], edges, right) -> bool:
    """*block* (one line) goes on *row*: no row number or id in the first column,
    and every column it prints in ends, in the row's last line there, with a
    line filled so far that its first word had no room."""
    ln = block[0]
    if is_band(ln.text) or is_band(row[-1].text):
        return False
    cols = {}
    for w in ln.words:
        cols.setdefault(_column(w, edges), []).append(w)
    if 0 in cols and (_starts_row(ln) or len(cols) > 1 and ln.words[0].x1 < edges[1]
                      and _starts_row(TextLine(cols[0]))):
        return False
    if _figures_under_figures(row[-1], cols, edges) >= 2:
        return False              # a line of figures under a line of figures: a new row
    for c, ws in cols.items():
        above = [w for x in row for w in x.words if _column(w, edges) == c]
        if not above:
            return False
        last_top = max(w.top for w in above)
        last = [w for w in above if abs(w.top - last_top) < 2]
        room = right[c] - max(w.x1 for w in last)
        if room > (ws[0].x1 - ws[0].x0) + 3:
            return False
    return True


_FIGURE = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def _figures_under_figures(above: TextLine, cols: dict[int, list[Word]], edges) -> int:
    """Columns where this line prints a whole figure ("5%", "33") under a whole figure
    of the line above: a number cut by a narrow column leaves a piece ("(1" / ")")
    in one column, not whole figures in two."""
    over: dict[int, list[Word]] = {}
    for w in above.words:
        over.setdefault(_column(w, edges), []).append(w)
    return sum(1 for c, ws in cols.items() if c > 0 and len(ws) == 1 and len(over.get(c, [])) == 1
               and _FIGURE.fullmatch(ws[0].text) and _FIGURE.fullmatch(over[c][0].text))


# ---------------------------------------------------------------- cells

def _header_places(header: list[TextLine], body: list[TextLine], edges) -> dict[int, int]:
    """Each header word's column: the one whose body text it overlaps most (a label
    centred over a narrow column of numbers may reach past the white between
    columns); by the edges where it overlaps none."""
    spans: list[tuple[float, float] | None] = [None] * (len(edges) - 1)
    for ln in body:
        for w in ln.words:
            c = _column(w, edges)
            old = spans[c]
            spans[c] = (w.x0, w.x1) if old is None else (min(old[0], w.x0), max(old[1], w.x1))
    out = {}
    for ln in header:
        for w in ln.words:
            cover = [(min(w.x1, sp[1]) - max(w.x0, sp[0]), c) for c, sp in enumerate(spans)
                     if sp is not None]
            best = max(cover, default=(0.0, 0))
            out[id(w)] = best[1] if best[0] > 0 else _column(w, edges)
    return out


def _grid_row(lines: list[TextLine], edges, number: int, tight: bool = False,
              place: dict[int, int] | None = None) -> tuple[GridCell, ...]:
    """One row's cells; a band ("A. Mức khá (67%)") printed across the columns is
    one cell, in the column it starts in."""
    if len(lines) == 1 and is_band(lines[0].text):
        ln = lines[0]
        start = _column(ln.words[0], edges)
        box = (edges[start], ln.top, edges[start + 1], ln.bottom)
        return tuple(GridCell(ln.text if c == start else "", number,
                              _round((edges[c], ln.top, edges[c + 1], ln.bottom)) if c != start
                              else _round(box)) for c in range(len(edges) - 1))
    return tuple(_cell(lines, c, edges, number, tight, place or {})
                 for c in range(len(edges) - 1))


def _cell(lines: list[TextLine], c: int, edges, number: int, tight: bool = False,
          place: dict[int, int] | None = None) -> GridCell:
    """The cell of column *c*: its words, line by line; its box the column's (the
    words' own with *tight*)."""
    printed, found = [], []
    for ln in sorted(lines, key=lambda x: x.top):
        ws = [w for w in ln.words if (place or {}).get(id(w), _column(w, edges)) == c]
        if ws:
            printed.append(" ".join(w.text for w in ws))
            found += ws
    top = min(ln.top for ln in lines)
    bottom = max(ln.bottom for ln in lines)
    x0, x1 = edges[c], edges[c + 1]
    if tight and found:
        x0, x1 = min(w.x0 for w in found), max(w.x1 for w in found)
    confs = [w.conf for w in found if w.conf is not None]
    ink = _round((min(w.x0 for w in found), top, max(w.x1 for w in found), bottom)) \
        if found else None
    return GridCell(cell_text(printed), number, _round((x0, top, x1, bottom)),
                    min(confs) if confs else None, ink)


def cell_text(printed: list[str]) -> str:
    """A cell's printed lines as one text: a label a narrow column broke letter by
    letter ("T" / "T") or a number it broke ("1" / "0", "(1" / ")") is one word
    again, a syllable broken between letters is mended; other lines join with a space."""
    if not printed:
        return ""
    if len(printed) > 1 and all(re.fullmatch(r"[A-ZĐ]{1,2}", p) for p in printed):
        return "".join(printed)
    if _broken_number(printed):
        return "".join(printed)
    out = printed[0]
    for line in printed[1:]:
        glue = "" if _broken_syllable(out.rsplit("\n", 1)[-1], line) else "\n"
        out += glue + line
    return join_lines(out)


# ---------------------------------------------------------------- over a page break

def _least(cells: list[GridCell]) -> float | None:
    confs = [c.confidence for c in cells if c.confidence is not None]
    return min(confs) if confs else None


def relaid(more: Grid, prev: Grid) -> Grid | None:
    """The rows that open a page (*more*, found without a header) laid on the
    columns of the table before (*prev*): each cell goes to the column its middle
    falls in; two cells in one column were one cell the few lines did not tell apart."""
    if not prev.rows or not more.rows:
        return None
    spans = [(s.bbox[0], s.bbox[2]) for s in prev.rows[-1] if s is not None]
    if len(spans) != prev.width:
        return None
    shift = 0.0
    if more.method.startswith("ocr"):
        # boxes on a scan are placed on the page as scanned, turned: the same column
        # lies a little left or right at the top of one page and the foot of the other
        left = min(s.bbox[0] for row in more.rows for s in row if s is not None)
        if abs(spans[0][0] - left) < 30:
            shift = spans[0][0] - left
    out = []
    for row in more.rows:
        texts: list[list[GridCell]] = [[] for _ in spans]
        for s in row:
            if s is None or not s.text:
                continue
            mid = (s.bbox[0] + s.bbox[2]) / 2 + shift
            k = min(range(len(spans)), key=lambda i: 0 if spans[i][0] <= mid <= spans[i][1]
                    else min(abs(mid - spans[i][0]), abs(mid - spans[i][1])))
            texts[k].append(s)
        top = min(s.bbox[1] for s in row if s is not None)
        bottom = max(s.bbox[3] for s in row if s is not None)
        out.append(tuple(GridCell(" ".join(x.text for x in cells), more.page,
                                  (spans[k][0], top, spans[k][1], bottom), _least(cells))
                         for k, cells in enumerate(texts)))
    return more.with_(rows=tuple(out))
