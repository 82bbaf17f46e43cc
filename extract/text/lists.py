"""Ranking lists in page text that is neither a table dump nor prose: dashboards
copied as text, and one-cell-per-line tables whose header the dump reader cannot
name.  Rank, name and values sit on loose or fused lines:

    Xếp hạng  Tỉnh/thành phố  DTI          01 (0,727)          TT
    1 TP. Đà Nẵng                          Thừa Thiên Huế      Tỉnh, thành phố trực thuộc
    (0,6419)                               02 (0,715)          Trung ương
    2 Hà Nội                               Đà Nẵng             Chỉ số
    (0,6083)                               …                   1 / Đà Nẵng / 0,8485 / …

A list is recognised by its repetition, never by its words: every line is cut
into tokens (a number, a run of words, an empty cell), each line gets the
signature of its token kinds, and a list is a run of at least three records
with the same sequence of line signatures (the period).  A record holds one
name; its numbers become columns.  The lines just above the run that read as
labels are its header: a header cell wrapped over two or three lines is one
cell (the header has as many cells as the records have columns).

Which column is the rank, the row number, the total comes from the data (a
rank is a column of small integers that does not fall; a row number counts
1, 2, 3 …) and from the printed labels when there are any.  Printed text is
kept: a packed line "01 (0,727)" gives a rank cell "01" and a value cell
"0,727", each with the line it was printed on.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..grid.model import Grid, GridCell
from ..interpret import fold, label_role
from ..model import Cell, Column, Row, Source, Table, Where

MIN_RECORDS = 3
MAX_PERIOD = 12
MAX_HEADER_LINES = 24

_NUM = r"[-+−]?\d+(?:[.,]\d+)*\s?%?"
_VALUE = re.compile(rf"^\(?(?P<n>{_NUM}(?:/\d+(?:[.,]\d+)?)?)\)?[;,]?$")
_LEAD_RANK = re.compile(r"^#?(?P<n>\d{1,3})[.)]?$")
_DASH = re.compile(r"^[-–—x]$")
_RANK_WORDS = re.compile(r"^(?:hạng|thứ hạng|thứ|top|vị trí|xếp thứ)\s*(?P<n>\d{1,3})\s*[:.)–-]?(?=\s|$)", re.I)
_UNIT_WORD = re.compile(r"^(?:điểm|đ)[.;,]?$", re.I)
_COLUMN_NUMBER = re.compile(r"^\(\d{1,2}\)$")           # "(3)": a printed column number
#: Names that end in a number: "Quận 1", "Phường 12", "Khu phố 3".
_NUMBERED_NAME = re.compile(r"(?:^|\s)(?:quận|phường|khu phố|khu vực|tổ|ấp|khóm|xã|cụm|khu)$", re.I)
_INT = re.compile(r"^0*\d{1,4}$")
_CONNECTOR = re.compile(r"(?:[,/(\-–&]|\b(?:và|của|thuộc|trực thuộc|theo|về|trên|các|cấp|hoặc|so với|với|"
                        r"trong|tại|từ|đến|được|xếp))$", re.I)


@dataclass(frozen=True)
class Token:
    kind: str          # "N" a number, "T" words, "E" an empty cell
    text: str
    line: int


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    tokens: tuple[Token, ...]

    @property
    def signature(self) -> tuple[str, ...]:
        return tuple(t.kind for t in self.tokens)


@dataclass(frozen=True)
class Run:
    """A list: *reps* records of *period* lines from lines[start]."""

    start: int
    period: int
    reps: int

    @property
    def end(self) -> int:
        return self.start + self.period * self.reps


# -- lines and tokens ---------------------------------------------------------

def tokens_of(text: str, number: int) -> tuple[Token, ...]:
    """A printed line → its tokens; tab-separated parts are tokenised one by one."""
    parts = text.split("\t") if "\t" in text else [text]
    out: list[Token] = []
    for part in parts:
        words = _unglued(part).split()
        if not words:
            if len(parts) > 1:
                out.append(Token("E", "", number))
            continue
        out += _part_tokens(words, number)
    return tuple(out)


def _unglued(part: str) -> str:
    """Spaces where a page's markup glued a rank, a name and a bracketed value together
    ("1TP. Đà Nẵng(0,6419)"), and none inside brackets ("( 0,727 )")."""
    part = re.sub(r"^(\d{1,3})(?=[^\W\d_])", r"\1 ", part.strip())
    part = re.sub(r"(?<=[^\s(])\((?=\s*[-+]?\d)", " (", part)
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", part))


def _value_text(word: str) -> str:
    m = _VALUE.match(word)
    return m.group("n").replace(" ", "") if m else word


def _part_tokens(words: list[str], number: int) -> list[Token]:
    if len(words) == 1 and (_COLUMN_NUMBER.match(words[0]) or _DASH.match(words[0])):
        return [Token("C" if _COLUMN_NUMBER.match(words[0]) else "N", words[0], number)]
    lead: list[Token] = []
    i = 0
    m = _RANK_WORDS.match(" ".join(words[:3]))
    if m and len(words) > len(m.group(0).split()):
        lead.append(Token("N", m.group("n"), number))         # "Hạng 1:", "Top 3 -"
        i = len(m.group(0).split())
    elif words and _LEAD_RANK.match(words[0]) and len(words) > 1:
        lead.append(Token("N", _LEAD_RANK.match(words[0]).group("n"), number))
        i = 1
    while i < len(words) and _VALUE.match(words[i]):
        lead.append(Token("N", _value_text(words[i]), number))
        i += 1
    j = len(words)
    if j - 1 > i and _UNIT_WORD.match(words[j - 1]) and _VALUE.match(words[j - 2]):
        j -= 1                          # "0,8485 điểm": the unit word is not a cell
    end = j
    while j > i and _VALUE.match(words[j - 1]):
        j -= 1
    if i < j < end and _NUMBERED_NAME.search(" ".join(words[i:j])):
        j += 1                          # "Quận 1": the number is part of the name
    middle = " ".join(words[i:j]).rstrip(":–—-, ").strip()
    tail = [Token("N", _value_text(w), number) for w in words[j:end]]
    body = [Token("T", middle, number)] if middle else []
    return lead + body + tail


def lines_of(text: str) -> list[Line]:
    """The lines that hold something.  Where every cell is followed by a blank line
    (as portals print one cell per line), blank lines only separate; elsewhere a blank
    line between printed lines is an empty cell.  A line of only no-break spaces is
    always an empty cell."""
    raw = text.split("\n")
    spaced = _blank_separated(raw)
    out: list[Line] = []
    for n, line in enumerate(raw, 1):
        if line.strip(" \t\r") == "" and line.strip() != "":
            out.append(Line(n, "", (Token("E", "", n),)))
        elif line.strip() == "":
            if not spaced and out and out[-1].text and n < len(raw) and raw[n].strip():
                out.append(Line(n, "", (Token("E", "", n),)))
        elif "|" in line:
            out.append(Line(n, " ".join(line.split()), (Token("P", line.strip(), n),)))
        else:
            # a leading tab is an empty first cell (nothing printed over the rank)
            out.append(Line(n, " ".join(line.split()), tokens_of(line.rstrip(" \t\r").lstrip(" "), n)))
    return out


def _blank_separated(raw: list[str]) -> bool:
    filled = [k for k, line in enumerate(raw) if line.strip()]
    if len(filled) < 4:
        return True
    followed = sum(1 for k in filled if k + 1 < len(raw) and not raw[k + 1].strip())
    return followed >= 0.6 * len(filled)


# -- finding the runs -----------------------------------------------------------

def is_name(text: str) -> bool:
    """Words that can name a unit: short, with letters, not a sentence or a lead-in."""
    words = text.split()
    return (0 < len(text) <= 90 and len(words) <= 14 and any(ch.isalpha() for ch in text)
            and not text.endswith(":") and not (text.endswith(".") and len(words) > 4)
            and not re.search(r"[a-zà-ỹđ]{3,}[.;!?]\s+\S+\s+\S+", text))


def is_unit_name(text: str) -> bool:
    """A name, with no count, share or question in it ("Đạt yêu cầu, 1180 phiếu (88 %)")."""
    return is_name(text) and not re.search(r"\d{3,}|%|\?", text)


def _pattern_ok(pattern: list[tuple[str, ...]]) -> bool:
    kinds = [k for sig in pattern for k in sig]
    return kinds.count("T") >= 1 and kinds.count("N") >= 1 and len(kinds) <= 24


def _records_ok(lines: list[Line], start: int, period: int, reps: int) -> bool:
    for line in lines[start:start + period * reps]:
        if any(t.kind == "T" and not is_name(t.text) for t in line.tokens):
            return False
    return True


def run_at(lines: list[Line], sigs: list[tuple[str, ...]], i: int, free: list[bool]) -> Run | None:
    """The longest list starting at lines[i] (the shortest period among equals); *free*
    tells, per line, that no other reader took it."""
    best: Run | None = None
    for p in range(1, MAX_PERIOD + 1):
        pattern = sigs[i:i + p]
        if len(pattern) < p or not _pattern_ok(pattern) or not all(free[i:i + p]):
            continue
        reps = 1
        while sigs[i + reps * p:i + (reps + 1) * p] == pattern and all(free[i + reps * p:i + (reps + 1) * p]):
            reps += 1
        if reps >= MIN_RECORDS and (best is None or reps * p > best.reps * best.period) \
                and _records_ok(lines, i, p, reps):
            best = Run(i, p, reps)
    return best


def runs_of(lines: list[Line], taken: set[int] = frozenset()) -> list[Run]:
    """The lists, in printed order.  A run whose records name no units is passed over
    whole: no list starts inside it."""
    sigs = [line.signature for line in lines]
    free = [line.number not in taken for line in lines]
    out, i = [], 0
    while i < len(lines):
        run = None if not free[i] or "T" not in "".join(
            k for sig in sigs[i:i + MAX_PERIOD] for k in sig) else run_at(lines, sigs, i, free)
        if run is None:
            i += 1
            continue
        if _has_one_name_column(lines, run):
            out.append(run)
        i = run.end
    return out


def _has_one_name_column(lines: list[Line], run: Run) -> bool:
    records = records_of(lines, run)
    return unit_column(records) is not None


# -- records → columns ------------------------------------------------------------

def records_of(lines: list[Line], run: Run) -> list[list[Token]]:
    """The tokens of each record; a blank line between records (empty in all) is no column."""
    records = [[t for line in lines[run.start + k * run.period:run.start + (k + 1) * run.period]
                for t in line.tokens] for k in range(run.reps)]
    keep = [c for c in range(len(records[0])) if any(r[c].kind != "E" for r in records)]
    return [[r[c] for c in keep] for r in records]


def column(records: list[list[Token]], c: int) -> list[str]:
    return [r[c].text for r in records]


def unit_column(records: list[list[Token]]) -> int | None:
    """The word column naming the units: the one with the most different names."""
    text_cols = [c for c, t in enumerate(records[0]) if t.kind == "T"]
    if not text_cols:
        return None
    best = max(text_cols, key=lambda c: (len(set(column(records, c))), -c))
    names = column(records, best)
    return best if len(set(names)) >= 0.9 * len(records) and all(map(is_unit_name, names)) else None


def is_rank_like(values: list[str]) -> bool:
    """Small whole numbers that do not fall (a list in rank order) or that are mostly
    different and do not only fall (ranks of a list in another order)."""
    values = _of_field(values)
    if not values or not all(_INT.match(v) for v in values):
        return False
    ints = [int(v) for v in values]
    if min(ints) < 1 or max(ints) > 999:
        return False
    rising = all(a <= b for a, b in zip(ints, ints[1:]))
    falling = all(a >= b for a, b in zip(ints, ints[1:]))
    if rising:
        return len(set(ints)) >= 2 or ints[0] == 1      # all tied: only for first place
    return not falling and len(set(ints)) >= 0.7 * len(ints)


def _of_field(values: list[str]) -> list[str]:
    """"12/63", "25/63": ranks out of one field size → "12", "25"."""
    parts = [v.split("/") for v in values]
    if all(len(p) == 2 for p in parts) and len({p[1] for p in parts}) == 1 and _INT.match(parts[0][1]):
        return [p[0] for p in parts]
    return values


def is_counter(values: list[str]) -> bool:
    """1, 2, 3 … : a row number."""
    ints = [int(v) for v in values] if all(_INT.match(v) for v in values) else []
    return bool(ints) and all(b == a + 1 for a, b in zip(ints, ints[1:]))


def roles_from_data(records: list[list[Token]], unit: int) -> list[str]:
    """Each column's role, from its cells alone.  Of the rank-like columns the first is
    the rank, unless it counts 1, 2, 3 … before the name while the list is not in the
    order of its values: then it is the row number and the next is the rank.  Further
    rank-like columns ("rank?") rank a sub-index."""
    ranked = [c for c, t in enumerate(records[0]) if t.kind == "N" and is_rank_like(column(records, c))]
    values = [c for c, t in enumerate(records[0]) if t.kind == "N" and c not in ranked]
    row_no = rank = None
    if ranked:
        lead = ranked[0]
        if (len(ranked) >= 2 and is_counter(column(records, lead)) and lead < unit
                and not (values and is_falling(column(records, values[0])))):
            row_no, rank = lead, ranked[1]
        else:
            rank = lead
    roles = []
    for c, t in enumerate(records[0]):
        if c == unit:
            roles.append("unit")
        elif c in (row_no, rank):
            roles.append("row_no" if c == row_no else "rank")
        elif c in ranked:
            roles.append("rank?")
        elif t.kind == "T":
            roles.append("grade" if len(set(column(records, c))) <= 5 else "note")
        elif t.kind == "E":
            roles.append("other")
        else:
            roles.append("total" if c == values[0] else "score")
    return roles


def is_falling(values: list[str]) -> bool:
    """Numbers that never rise down the list (a list in the order of its values)."""
    numbers = [_number(v) for v in values]
    return None not in numbers and all(a >= b for a, b in zip(numbers, numbers[1:]))


def _number(text: str):
    from decimal import Decimal, InvalidOperation
    t = text.rstrip("%").split("/")[0]
    t = t.replace(".", "").replace(",", ".") if "," in t else t
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


# -- the header above a run ---------------------------------------------------------

def header_lines(lines: list[Line], run: Run, taken: set[int]) -> list[Line]:
    """The label lines directly above the run (nearest last)."""
    from ..layout import is_heading
    out: list[Line] = []
    k = run.start - 1
    while k >= 0 and lines[k].signature == ("C",):
        k -= 1                          # the printed column numbers "(1)" … "(n)"
    while k >= 0 and len(out) < MAX_HEADER_LINES:
        line = lines[k]
        kinds = set(line.signature)
        if line.number in taken or "T" not in kinds or not kinds <= {"T", "E"} \
                or not all(_is_label(t.text) for t in line.tokens if t.kind == "T") \
                or is_heading(line.text):
            break
        out.append(line)
        k -= 1
    return out[::-1]


def _is_label(text: str) -> bool:
    return len(text) <= 70 and not text.endswith((":", ".", ";")) and is_name(text)


def split_labels(header: list[Line], width: int) -> tuple[list[Cell], bool]:
    """The printed header lines → cells, and whether lines were cut into words.  A line
    holding several labels is cut at its tabs, else into words (which the fitting
    joins back)."""
    cells = [Cell(line.text, Where(line=line.number)) for line in header]
    if len(cells) >= width or not cells:
        return cells, False
    out: list[Cell] = []
    words = False
    for cell, line in zip(cells, header):
        parts = [t.text for t in line.tokens]
        if len(parts) <= 1:
            parts, words = cell.text.split(), True
        out += [Cell(p, cell.where) for p in parts]
    return out, words


def _join(a: Cell, b: Cell) -> Cell:
    return Cell(f"{a.text} {b.text}", a.where)


def wrap_cue(a: str, b: str) -> int:
    """How much two label lines read as one label wrapped over two lines."""
    score = 0
    joined = bool(_CONNECTOR.search(a) or a.count("(") > a.count(")"))
    if b[:1].islower():
        score += 2
    elif not joined:
        score -= 1
    if joined:
        score += 2
    if label_role(a) in ("row_no", "rank", "total") and len(a.split()) <= 2:
        score -= 2
    if label_role(b) in ("row_no",) or re.match(r"^(xep hang|hang|tong)", fold(b)):
        score -= 2
    return score


def _names_rank(labels: list[str], data_roles: list[str]) -> bool:
    """A label naming the rank (or row number) stands over the column the data ranks by."""
    return any(label_role(label) in ("row_no", "rank") and role in RANKISH
               for label, role in zip(labels, data_roles))


def _alignment(labels: list[str], kinds: list[str], data_roles: list[str]) -> int:
    score = 0
    for label, kind, role in zip(labels, kinds, data_roles):
        named = label_role(label)
        if named in ("row_no", "rank"):
            score += 2 if role in RANKISH else -3
        if named == "unit" or re.search(r"tinh|thanh pho|dia phuong|don vi|co quan|so, |huyen", fold(label)):
            score += 2 if kind == "T" else -2
        elif kind == "T" and role == "unit":
            score -= 1
    return score


def fit_header(cells: list[Cell], kinds: list[str], data_roles: list[str]) -> tuple[list[Cell], list[Cell]]:
    """(labels, one per column; the header cells as printed) — surplus lines joined
    into the labels they continue, lines above the header (a title) left out."""
    width = len(kinds)
    if len(cells) < width:
        return [], cells
    best, best_score = None, None
    for drop in range(0, len(cells) - width + 1):
        rest = cells[drop:]
        surplus = len(rest) - width
        gaps = range(len(rest) - 1)
        for joined in itertools.islice(itertools.combinations(gaps, surplus), 3000):
            labels = _joined(rest, set(joined))
            cue = sum(wrap_cue(rest[g].text, rest[g + 1].text) * (1 if g in joined else 0)
                      for g in gaps)
            score = cue + _alignment([c.text for c in labels], kinds, data_roles) - 2 * drop
            if best_score is None or score > best_score:
                best, best_score = (labels, cells[drop:]), score
    return best if best else ([], cells)


def _joined(cells: list[Cell], gaps: set[int]) -> list[Cell]:
    out = [cells[0]]
    for g, cell in enumerate(cells[1:]):
        out[-1:] = [_join(out[-1], cell)] if g in gaps else [out[-1], cell]
    return out


# -- the table ------------------------------------------------------------------------

def settle_roles(labels: list[str], data_roles: list[str], kinds: list[str]) -> list[str]:
    """Printed labels name the role where they know one that fits the cells; the rest
    keep the role their data gave.  One rank column and one total column."""
    roles = list(data_roles)
    rank_named = None
    for c, label in enumerate(labels):
        named = label_role(label) if label else "component"
        if kinds[c] != "N":
            continue
        if named == "row_no" and data_roles[c] in RANKISH:
            roles[c] = "row_no"
        elif named == "rank" and data_roles[c] in RANKISH and rank_named is None:
            roles[c], rank_named = "rank", c
        elif named == "total" and data_roles[c] in ("total", "score", "rank"):
            roles[c] = "total"
        elif named == "max_points":
            roles[c] = "max_points"
    if rank_named is not None:
        roles = ["rank?" if r == "rank" and c != rank_named else r for c, r in enumerate(roles)]
    if roles.count("total") > 1:
        first = roles.index("total")
        roles = ["score" if r == "total" and c != first else r for c, r in enumerate(roles)]
    if "total" not in roles and "score" in roles:
        roles[roles.index("score")] = "total"
    return ["other" if r == "rank?" else r for r in roles]


RANKISH = ("row_no", "rank", "rank?")


def table_of(lines: list[Line], run: Run, source: Source, taken: set[int]) -> Table | None:
    records = records_of(lines, run)
    unit = unit_column(records)
    if unit is None:
        return None
    kinds = [t.kind for t in records[0]]
    data_roles = roles_from_data(records, unit)
    if not any(r in RANKISH for r in data_roles):
        return None                    # a list that ranks nothing (a letter's addressees)
    if "total" not in data_roles:
        return None                    # numbered names with no value: a menu, a list of documents
    header = header_lines(lines, run, taken)
    cells, words = split_labels(header, len(kinds))
    labels, printed = fit_header(cells, kinds, data_roles)
    if words and not _names_rank([c.text for c in labels], data_roles):
        labels, printed = [], []       # a title above the list, not its header
    texts = [c.text for c in labels] if labels else [""] * len(kinds)
    roles = settle_roles(texts, data_roles, kinds)
    rows = tuple(Row(tuple(Cell(t.text, Where(line=t.line)) for t in rec), Where(line=rec[0].line))
                 for rec in records)
    first = printed[0].where.line if labels and printed else rows[0].where.line
    interpreted = _interpreted(grid_of(labels, records, first), source, len(rows), roles)
    if interpreted is not None:
        return interpreted.with_(rows=rows, header=tuple(c for c in printed if c.text))
    numbers = numbering_above(lines, run)
    numbers = numbers if len(numbers) == len(kinds) else []
    columns = tuple(Column(texts[c], roles[c], numbers[c] if numbers else None)
                    for c in range(len(kinds)))
    return Table(source=source, rows=rows, columns=columns, kind="scores", numbering=tuple(numbers),
                 where=Where(line=first), header=tuple(c for c in printed if c.text) if labels else ())


def numbering_above(lines: list[Line], run: Run) -> list[str]:
    """The printed column numbers "(1)" … "(n)" right above the records."""
    k = run.start
    while k > 0 and lines[k - 1].signature == ("C",):
        k -= 1
    return [line.tokens[0].text for line in lines[k:run.start]]


def grid_of(labels: list[Cell], records: list[list[Token]], first: int) -> Grid:
    """The list as a neutral grid: its header row (when printed), then one row per record,
    every cell with the line it was printed on."""
    head = [[GridCell(c.text, c.where) for c in labels]] if labels else []
    body = [[GridCell(t.text, Where(line=t.line)) for t in rec] for rec in records]
    wheres = tuple([labels[0].where] if labels else []) + tuple(Where(line=rec[0].line) for rec in records)
    return Grid.from_rows(head + body, where=Where(line=first), origin="text", row_where=wheres)


def _interpreted(grid: Grid, source: Source, n_rows: int, roles: list[str]) -> Table | None:
    """The common interpreter's reading, when it reads the grid as a score table of every
    record and agrees with the records on which columns are the unit, the rank and the
    total; None otherwise (the list's own reading stands)."""
    from ..grid import read_grid
    found = read_grid(grid, source) or []
    tables = [t for t in found if isinstance(t, Table)]
    if len(tables) != 1:
        return None
    t = tables[0]
    agree = all(t.column_index(role) == (roles.index(role) if role in roles else None)
                for role in ("unit", "rank", "total"))
    return t if t.kind == "scores" and len(t.rows) == n_rows and agree else None


def find_tables(text: str, source: Source, taken_lines: set[int] = frozenset()) -> list[Table]:
    """Every ranking list of a page's text, outside the lines *taken_lines* already read."""
    lines = lines_of(text)
    taken = set(taken_lines)
    out = []
    for run in runs_of(lines, taken):
        table = table_of(lines, run, source, taken)
        if table is not None:
            out.append(table)
    return out


def lines_read(table: Table) -> set[int]:
    """The printed lines a list table was read from (header and records)."""
    out = {c.where.line for c in table.header if c.where.line}
    out |= {c.where.line for row in table.rows for c in row.cells if c.where.line}
    if out:
        out |= set(range(min(out), max(out) + 1))
    return out


__all__ = ["find_tables", "lines_of", "tokens_of", "runs_of", "lines_read", "Line", "Token", "Run"]
