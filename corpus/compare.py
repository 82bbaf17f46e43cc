"""Two renditions of one decision compared cell by cell.

Tables are aligned by what they hold, not by their position alone (a scan may be an
excerpt starting mid-table, a PDF may carry no title): a table of the other rendition
goes with the primary's table whose units, score columns, title and level it shares
and whose values it agrees with most.  Rows go together by the unit's name (its row
number helping), columns by their order, or by their label when the counts differ.
Every score and rank cell both renditions print is then compared: equal text or an
equal number (17 and 17,0; 83,8 and 83.8 under their own conventions) agree; anything
else is a finding ``rendition-disagrees`` on the other rendition's cell, naming both
values and both places ("the PDF prints 83,8 (page 2, x 312, y 140) where the text
prints 88,3 (line 141)"), with the primary's cell in ``other_document`` … ``other_col_index``.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal

from rapidfuzz import fuzz, process

from ..extract.interpret import fold
from ..normalize.numbers import parse_number

RULE = "rendition-disagrees"
#: What is compared: the scores and ranks of score tables, the maxima of rubrics.
VALUE_ROLES = ("component", "total", "score", "max_points")
#: What names a row: the unit of a score table; the criterion's number and words.
NAME_ROLES = ("unit", "criterion_id", "criterion", "other")
NUMBER_ROLES = ("row_no", "criterion_id")
ROLES = (*NAME_ROLES, *NUMBER_ROLES, "rank", *VALUE_ROLES)

_WHERE = ("line", "page", "html_path", "x0", "top", "x1", "bottom")


@dataclass(frozen=True)
class Cell:
    col: int
    text: str
    value: Decimal | None
    where: dict


@dataclass(frozen=True)
class Row:
    index: int
    unit: str
    number: str                      # the printed row number, digits only
    cells: dict                      # col_index → Cell
    key: str = ""                    # the unit folded, to compare names


@dataclass(frozen=True)
class ScoreTable:
    document: str
    index: int
    kind: str                        # scores | rubric
    title: str
    level: str | None
    columns: dict                    # col_index → (role, label folded)
    rows: tuple[Row, ...] = field(default=())
    labels: dict = field(default_factory=dict)   # col_index → label as printed

    def cols(self, roles) -> list[int]:
        return [c for c, (role, _) in sorted(self.columns.items()) if role in roles]


@dataclass(frozen=True)
class Side:
    """One rendition: its document, how to name it, its score tables."""

    document: str
    kind: str                        # "text", "HTML", "PDF", "scanned PDF", …
    kind_vi: str
    tables: tuple[ScoreTable, ...]


# ---------------------------------------------------------------- recording

def record_disagreements(con: sqlite3.Connection, decisions, cache: dict | None = None) -> int:
    """Replace every rendition finding with those the current renditions give."""
    con.execute("DELETE FROM findings WHERE rule = ?", (RULE,))
    n = 0
    for decision in decisions:
        if not decision.others or not decision.primary.ok:
            continue
        primary = load_side(con, decision.primary, cache)
        for other in decision.others:
            if other.ok:
                n += _insert(con, other.document,
                             disagreements(primary, load_side(con, other, cache)))
    return n


def _insert(con: sqlite3.Connection, document: str, found: list[dict]) -> int:
    from .schema import insert_sql, column_names
    (start,) = con.execute("SELECT COALESCE(MAX(seq) + 1, 0) FROM findings WHERE document = ?",
                           (document,)).fetchone()
    names = column_names("findings")
    rows = [tuple({**f, "document": document, "seq": start + i}.get(n) for n in names)
            for i, f in enumerate(found)]
    con.executemany(insert_sql("findings"), rows)
    return len(rows)


# ---------------------------------------------------------------- loading

def load_side(con: sqlite3.Connection, rendition, cache: dict | None = None) -> Side:
    """The rendition's score and rubric tables (from *cache* when it holds them)."""
    if cache is not None:
        if rendition.document not in cache:
            cache[rendition.document] = load_side(con, rendition)
        return cache[rendition.document]
    doc = rendition.document
    (convention,) = con.execute("SELECT convention FROM documents WHERE document = ?",
                                (doc,)).fetchone()
    tables = {t: (kind, title or "", level) for t, kind, title, level in con.execute(
        "SELECT table_index, kind, title, level FROM tables WHERE document = ? "
        "AND kind IN ('scores', 'rubric') ORDER BY table_index", (doc,))}
    columns: dict[int, dict] = {t: {} for t in tables}
    labels: dict[int, dict] = {t: {} for t in tables}
    for t, c, role, label in con.execute(
            "SELECT table_index, col_index, role, label FROM columns WHERE document = ?", (doc,)):
        if t in columns and role in ROLES:
            columns[t][c] = (role, fold(label or ""))
            labels[t][c] = label or ""
    cells: dict[int, dict[int, dict]] = {t: {} for t in tables}
    for t, r, c, text, role, *where in con.execute(
            f"SELECT table_index, row_index, col_index, text, role, {', '.join(_WHERE)} "
            "FROM cells WHERE document = ? ORDER BY table_index, row_index, col_index", (doc,)):
        if t in cells and role in ROLES:
            number = parse_number(text or "", convention).value
            cells[t].setdefault(r, {})[c] = Cell(c, " ".join((text or "").split()), number,
                                                 dict(zip(_WHERE, where)))
    out = []
    for t, (kind, title, level) in tables.items():
        rows = tuple(_row(r, by_col, columns[t]) for r, by_col in sorted(cells[t].items()))
        out.append(ScoreTable(doc, t, kind, title, level, columns[t],
                              tuple(r for r in rows if r.unit), labels[t]))
    kind, kind_vi = _kind(rendition)
    return Side(doc, kind, kind_vi, tuple(out))


def _row(r: int, by_col: dict, columns: dict) -> Row:
    """A row named by its unit, or by its criterion's number and words (a rubric)."""
    texts = lambda roles: [by_col[c].text for c, (role, _) in sorted(columns.items())
                           if role in roles and c in by_col and by_col[c].text]
    units = texts(("unit",))
    name = units[0] if units else " ".join(texts(NAME_ROLES))
    number = next(iter(texts(NUMBER_ROLES)), "")
    number = "".join(ch for ch in number if ch.isdigit() or ch == ".").strip(".")
    values = {c: cell for c, cell in by_col.items()
              if columns.get(c, ("",))[0] in (*VALUE_ROLES, "rank")}
    return Row(r, name, number, values, fold(name))


def _kind(rendition) -> tuple[str, str]:
    if rendition.ocr:
        return "scanned PDF", "bản PDF quét"
    return {"text": ("text", "bản văn bản"), "html": ("HTML", "bản HTML"),
            "pdf": ("PDF", "bản PDF"), "docx": ("Word file", "bản Word"),
            "xlsx": ("Excel file", "bản Excel")}.get(rendition.format or "",
                                                    ("file", "bản"))


# ---------------------------------------------------------------- aligning

def align_tables(primary: Side, other: Side) -> list[tuple[ScoreTable, ScoreTable]]:
    """Each table of *other* with the primary's table it best corresponds to (several
    tables of a rendition may go with one: a table over a page break read in parts)."""
    pairs = []
    for b in other.tables:
        scored = [(fit, a) for a in primary.tables if (fit := table_fit(a, b)) is not None]
        if scored:
            pairs.append((max(scored, key=lambda s: (s[0], -s[1].index))[1], b))
    return pairs


def table_fit(a: ScoreTable, b: ScoreTable) -> float | None:
    """How well *b* corresponds to *a*: shared units, score columns, title, and the share
    of their common cells that agree; None when they cannot be one table."""
    if a.kind != b.kind or (a.level and b.level and a.level != b.level):
        return None
    rows = align_rows(a, b)
    if not b.rows or len(rows) < max(1, len(b.rows) // 2):
        return None
    cols = align_columns(a, b)
    pairs = [(ra.cells.get(ca), rb.cells.get(cb)) for ra, rb in rows for ca, cb in cols]
    pairs = [(x, y) for x, y in pairs if x is not None and y is not None]
    agree = sum(same(x, y) for x, y in pairs) / len(pairs) if pairs else 0.0
    labels = _label_fit(a, b)
    title = fuzz.ratio(fold(a.title), fold(b.title)) / 100 if a.title and b.title else 0.5
    return len(rows) / len(b.rows) + labels + agree + title / 2


def _label_fit(a: ScoreTable, b: ScoreTable) -> float:
    la = [a.columns[c][1] for c in a.cols(VALUE_ROLES)]
    lb = [b.columns[c][1] for c in b.cols(VALUE_ROLES)]
    if not la or not lb:
        return 0.0
    return sum(max(fuzz.ratio(x, y) for x in la) for y in lb) / (100 * len(lb))


def align_rows(a: ScoreTable, b: ScoreTable) -> list[tuple[Row, Row]]:
    """Rows one to one by the unit's name; an equal printed row number lets a damaged
    name (OCR) still match."""
    if not a.rows or not b.rows:
        return []
    names = process.cdist([r.key for r in b.rows], [r.key for r in a.rows],
                          scorer=fuzz.ratio, score_cutoff=50)
    scored = []
    for i, j in zip(*names.nonzero()):
        rb, ra, name = b.rows[i], a.rows[j], float(names[i, j])
        numbered = bool(ra.number) and ra.number == rb.number
        if name >= 80 or numbered:
            scored.append((name + 20 * numbered, ra.index, rb.index, ra, rb))
    return _one_to_one(scored)


def align_columns(a: ScoreTable, b: ScoreTable) -> list[tuple[int, int]]:
    """Score columns in order when both print as many, else by label; rank with rank."""
    ca, cb = a.cols(VALUE_ROLES), b.cols(VALUE_ROLES)
    if len(ca) == len(cb):
        pairs = list(zip(ca, cb))
    else:
        scored = [(fuzz.ratio(a.columns[x][1], b.columns[y][1]), x, y, x, y)
                  for x in ca for y in cb]
        pairs = _one_to_one([s for s in scored if s[0] >= 70])
    ranks = list(zip(a.cols(("rank",)), b.cols(("rank",))))
    return pairs + ranks[:1]


def _one_to_one(scored: list[tuple]) -> list[tuple]:
    """The best pairs first, each side used once; returned in the other side's order."""
    taken_a, taken_b, out = set(), set(), []
    for _, ka, kb, x, y in sorted(scored, key=lambda s: (-s[0], s[2], s[1])):
        if ka not in taken_a and kb not in taken_b:
            taken_a.add(ka)
            taken_b.add(kb)
            out.append((kb, x, y))
    return [(x, y) for _, x, y in sorted(out, key=lambda o: o[0])]


# ---------------------------------------------------------------- comparing

def same_text(primary: Side, other: Side) -> bool:
    """Whether *other* prints the primary's tables: at least half its rows found in them,
    and at least half the cells both print agreeing.  A document with the decision's
    number, place and date that prints other tables (an annex published on its own) is a
    part of the decision, not a rendition of it.  One with no rows has nothing to differ."""
    rows = sum(len(t.rows) for t in other.tables)
    if rows == 0:
        return True
    aligned = agree = compared = 0
    for a, b in align_tables(primary, other):
        pairs = align_rows(a, b)
        aligned += len(pairs)
        for ra, rb in pairs:
            for ca, cb in align_columns(a, b):
                x, y = ra.cells.get(ca), rb.cells.get(cb)
                if x is not None and y is not None:
                    compared += 1
                    agree += same(x, y)
    return 2 * aligned >= rows and 2 * agree >= compared



def same(x: Cell, y: Cell) -> bool:
    if x.text == y.text:
        return True
    return x.value is not None and y.value is not None and x.value == y.value


def disagreements(primary: Side, other: Side) -> list[dict]:
    out = []
    for a, b in align_tables(primary, other):
        cols = align_columns(a, b)
        for ra, rb in align_rows(a, b):
            for ca, cb in cols:
                x, y = ra.cells.get(ca), rb.cells.get(cb)
                if x is not None and y is not None and (x.text or y.text) and not same(x, y):
                    out.append(finding_row(primary, other, (a, ra, x), (b, rb, y)))
    return out


def finding_row(primary: Side, other: Side, mine: tuple, theirs: tuple) -> dict:
    """The finding, on the other rendition's cell *theirs*; *mine* is the primary's."""
    a, ra, x = mine
    b, rb, y = theirs
    label = b.labels.get(y.col) or a.labels.get(x.col, "")
    unit = rb.unit or ra.unit
    shown = lambda c: c.text or "nothing"
    shown_vi = lambda c: c.text or "ô trống"
    en = (f"the {other.kind} {other.document} prints {shown(y)} ({place(y.where)}) where the "
          f"{primary.kind} {primary.document} prints {shown(x)} ({place(x.where)}): "
          f"{unit}, column '{label}'")
    vi = (f"{other.kind_vi} {other.document} ghi {shown_vi(y)} ({place(y.where, 'vi')}) "
          f"trong khi {primary.kind_vi} {primary.document} ghi {shown_vi(x)} "
          f"({place(x.where, 'vi')}): {unit}, cột '{label}'")
    misread = y.value is None and x.value is not None      # not a number beside a number
    return {"rule": RULE, "severity": "warning", "table_index": b.index,
            "table_title": b.title or a.title or None, "row_index": rb.index, "unit": unit,
            "column_label": label, "col_index": y.col, "printed": y.text,
            "expected": x.text, "message": en, "message_vi": vi,
            "suggestion": x.text if misread else None,
            "suggestion_vi": x.text if misread else None,
            **{k: y.where.get(k) for k in _WHERE},
            "other_document": primary.document, "other_table_index": a.index,
            "other_row_index": ra.index, "other_col_index": x.col}


def place(where: dict, lang: str = "en") -> str:
    """'line 141', 'page 2, x 312, y 140' or 'element table[2]/tr[5]/td[3]'."""
    vi = lang == "vi"
    if where.get("line") is not None:
        return f"{'dòng' if vi else 'line'} {where['line']}"
    if where.get("page") is not None:
        box = (f", x {where['x0']:.0f}, y {where['top']:.0f}"
               if where.get("x0") is not None and where.get("top") is not None else "")
        return f"{'trang' if vi else 'page'} {where['page']}{box}"
    if where.get("html_path"):
        return f"{'phần tử' if vi else 'element'} {where['html_path']}"
    return "không rõ vị trí" if vi else "place unknown"
