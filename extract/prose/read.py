"""Results printed as prose (a news article) → score tables of (unit, category, score, rank).

    1. Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh
    - Hạ tầng kỹ thuật công nghệ thông tin: có 07 đơn vị xếp hạng 1 đạt 24 điểm là:
      Sở Thông tin và Truyền thông; Sở Y tế; … Xếp hạng thấp nhất là Sở Xây dựng xếp thứ 8
      đạt 13.8 điểm.
    Kết quả chung …: Sở Thông tin và Truyền thông xếp hạng 1 với 98 điểm; xếp thứ 2 là …

Each numbered heading ("1. Các cơ quan chuyên môn…", "2. Ủy ban nhân dân các huyện…")
opens a table of its own, titled by the heading.  A result paragraph is a lead, a
colon, and sentences that give ranks and scores; the lead is the category ("Hạ tầng
kỹ thuật công nghệ thông tin"), or "Kết quả chung" for the overall result.

A paragraph is cut into clauses, one rank statement each: at the end of a sentence,
and at a comma or semicolon before "xếp …", "thứ …" or "còn lại …".  Every unit a
clause names ("Sở …", "UBND …", "Văn phòng …", "Thanh tra …", "huyện …") becomes a
row with the clause's rank and score, as printed ("13.8", "22,9"; "" when the clause
prints none).  A clause that names no unit but gives a rank or a score ("Hầu hết các
đơn vị xếp hạng 1 đạt 15 điểm", "còn lại các đơn vị xếp thứ 2 và 3 đạt từ 6 đến 8
điểm") becomes one row whose unit cell is the group it speaks of, as printed
("Hầu hết các đơn vị"); its rank and score stay as printed ("2 và 3", "từ 6 đến 8").
Counts the text claims ("có 07 đơn vị") are not cells: they stay in the paragraphs
of the Document for the checks.

No header is printed, so the column labels are the roles: unit, category, score, rank.

Paragraphs that tell results in free sentences ("Văn phòng UBND tỉnh đứng đầu với 885,58
điểm; xếp thứ 2 và thứ 3 lần lượt là …") are read by `sentences` as information
extraction, one table titled "… (prose)" per paragraph, with the columns unit, category,
score, rank, grade, change and values; each cell keeps the line, the unit's character span
and the confidence of the attachment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..interpret import interpret
from ..model import Cell, Column, Row, Source, Table, Where

_SECTION = re.compile(r"^\d{1,2}\.\s+\S")
_BULLET = re.compile(r"^[-–•]\s*(?P<lead>[^:]{3,160}?)\s*:\s*(?P<body>\S.*)$")
_LEAD = re.compile(r"^(?P<lead>[^:\-–•][^:]{2,200}?)\s*:\s*(?P<body>\S.*)$")
_RESULTS = re.compile(r"\d\s+điểm\b", re.I)
_RANK_WORD = re.compile(r"\b(?:xếp|thứ)\b", re.I)

_CLAUSE_BREAK = re.compile(r"\.\s+|[;,]\s+(?=(?:xếp|thứ|còn lại)\b)", re.I)
_RANK = re.compile(r"\b(?:xếp\s+hạng|xếp\s+thứ|thứ)\s+(?:thứ\s+)?(\d+(?:\s+và\s+\d+)?)\b", re.I)
_SCORE = re.compile(r"\b(?:đạt|với)\s+((?:từ\s+)?\d+(?:[.,]\d+)?(?:\s+đến\s+\d+(?:[.,]\d+)?)?)\s+điểm\b",
                    re.I)
_STARTERS = r"Sở|UBND|Ủy ban nhân dân|Văn phòng|Thanh tra|Ban|huyện|thị xã|thành phố"
_UNIT = re.compile(
    rf"\b(?:{_STARTERS})\s.+?(?=\s*[;,.:]|\s+(?:đạt|xếp|với|là|gồm|có)\b"
    rf"|\s+và\s+(?:{_STARTERS})\b|\s*$)")
_OVERALL = re.compile(r"kết quả chung", re.I)
_SUBJECT = re.compile(r"^(?P<subject>\S.*?)\s+(?:xếp|đạt|với)\b", re.I)

COLUMNS = (Column("unit", "unit"), Column("category", "category"),
           Column("score", "score"), Column("rank", "rank"))


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True)
class Statement:
    """One clause: the units it names (or the group it speaks of), rank and score as printed."""

    units: tuple[str, ...]
    rank: str
    score: str


def find_tables(text: str, source: Source) -> list[Table]:
    """One score table per numbered section that prints results in prose, and one per
    paragraph of results told in free sentences (see `sentences`)."""
    out = []
    for heading, lines in sections(lines_of(text)):
        if heading is None:              # before any numbered part: bulleted leads only
            lines = [ln for ln in lines if _BULLET.match(ln.text)]
        rows = [row for line in lines for row in rows_of_paragraph(line)]
        if rows:
            out.append(make_table(source, heading, rows))
    read = {r.where.line for t in out for r in t.rows}
    from . import counts
    counted = counts.find_tables(lines_of(text), source, page_title(lines_of(text)))
    return sorted(out + told_tables(text, source, read) + counted, key=lambda t: t.where.line or 0)


def page_title(lines: list[Line]) -> str:
    """The page's first line of some length: the title its prose tables carry."""
    return next((ln.text for ln in lines if len(ln.text) > 20), "")[:120]


# -- results told in free sentences ------------------------------------------

TOLD_COLUMNS = (Column("unit", "unit"), Column("category", "category"), Column("score", "score"),
                Column("rank", "rank"), Column("grade", "grade"), Column("change", "note"),
                Column("values", "note"), Column("year", "note"))


def told_tables(text: str, source: Source, read: set[int]) -> list[Table]:
    """A "(prose)" table for each paragraph whose sentences tell results, titled by the
    page's first line; the paragraphs before it carry the narration on."""
    from .sentences import field_sizes, last_place, results_of
    lines = lines_of(text)
    title = page_title(lines)
    told, earlier = [], ()
    for line in lines:
        if line.number in read:
            continue
        results = results_of(line.text, earlier)
        earlier = (*earlier, *results)
        told.append((line, results))
    sizes = field_sizes(text)
    kept = _not_repeated([(line, r) for line, results in told for r in results])
    out = []
    for line, results in told:
        results = [last_place(r, sizes) for r in results if id(r) in kept]
        if results:
            rows = tuple(_told_row(line, r) for r in results)
            kind, columns, sums = interpret(list(TOLD_COLUMNS))
            out.append(Table(source=source, rows=rows, columns=tuple(columns), kind=kind,
                             sums=tuple(sums), title=f"{title} (prose)", caption=f"{title} (prose)",
                             where=Where(line=line.number)))
    return out


def _not_repeated(told: list) -> set[int]:
    """The results a page does not merely repeat: a result that says again what another
    says with as much or more is left out (of two alike, the first stays); a headline's
    ("Sở TT&TT và huyện Lập Thạch dẫn đầu", no index named) against any of the body's
    ("Đối với khối huyện, UBND huyện Lập Thạch xếp hạng 1 với 112,3/138 điểm")."""
    from .sentences import name_key
    results = [r for _, r in told]
    facts = [_facts(r) for r in results]
    names = [name_key(r.unit) for r in results]
    loose = [_headline(line.text) and not r.index for line, r in told]
    kept = set()
    for i, r in enumerate(results):
        if not any(j != i and names[j] == names[i] and (loose[i] or results[j].index == r.index)
                   and facts[i] <= facts[j] and (facts[i] < facts[j] or j < i)
                   for j in range(len(results))):
            kept.add(id(r))
    return kept


def _headline(text: str) -> bool:
    """A title line: short, and not ended like a sentence."""
    return len(text) < 160 and not text.rstrip().endswith((".", ";", ":"))


def _facts(r) -> frozenset:
    return frozenset((k, v) for k, v in (("score", r.score), ("rank", r.rank), ("band", r.band),
                                         ("change", r.change), ("values", r.values),
                                         ("year", r.year)) if v)


def _told_row(line: Line, r) -> Row:
    where = Where(line=line.number, span=(r.start, r.end), confidence=round(100 * r.confidence))
    cells = tuple(Cell(t, where) for t in (r.unit, r.index, r.score, r.rank, r.band, r.change,
                                           r.values, r.year))
    return Row(cells, Where(line=line.number, span=(r.start, r.end)))


def lines_of(text: str) -> list[Line]:
    return [Line(n, " ".join(raw.split())) for n, raw in enumerate(text.split("\n"), 1)
            if raw.strip()]


def sections(lines: list[Line]) -> list[tuple[Line | None, list[Line]]]:
    """Split at numbered headings; the lines before the first one form a section of their own."""
    out: list[tuple[Line | None, list[Line]]] = [(None, [])]
    for line in lines:
        if _SECTION.match(line.text):
            out.append((line, []))
        else:
            out[-1][1].append(line)
    return out


def make_table(source: Source, heading: Line | None, rows: list[Row]) -> Table:
    kind, columns, sums = interpret(list(COLUMNS))
    return Table(source=source, rows=tuple(rows), columns=tuple(columns), kind=kind,
                 sums=tuple(sums), title=heading.text if heading else None,
                 where=rows[0].where)


# -- one paragraph -----------------------------------------------------------

def lead_and_body(text: str) -> tuple[str, str] | None:
    """"- Hạ tầng …: body" or "Kết quả chung …: body", when the body gives results."""
    m = _BULLET.match(text) or _LEAD.match(text)
    if not m or not _RESULTS.search(m["body"]) or not _RANK_WORD.search(m["body"]):
        return None
    return m["lead"], m["body"]


def category_of(lead: str) -> str:
    """The bullet's lead as printed; "Kết quả chung …" (the overall result) → "Kết quả chung"."""
    m = _OVERALL.match(lead)
    return m.group(0) if m else lead


def rows_of_paragraph(line: Line) -> list[Row]:
    found = lead_and_body(line.text)
    if found is None:
        return []
    category = category_of(found[0])
    where = Where(line=line.number)
    rows = []
    for st in statements(found[1]):
        for unit in st.units:
            cells = tuple(Cell(t, where) for t in (unit, category, st.score, st.rank))
            rows.append(Row(cells, where))
    return rows


# -- clauses -----------------------------------------------------------------

def clauses(body: str) -> list[str]:
    return [c.strip(" ;,.") for c in _CLAUSE_BREAK.split(body) if c.strip(" ;,.")]


def statements(body: str) -> list[Statement]:
    out = []
    for clause in clauses(body):
        st = statement(clause)
        if st is not None:
            out.append(st)
    return out


def statement(clause: str) -> Statement | None:
    rank, score = _RANK.search(clause), _SCORE.search(clause)
    if not rank and not score:
        return None
    units = unit_names(clause) or group_of(clause)
    if not units:
        return None
    return Statement(tuple(units), rank.group(1) if rank else "", score.group(1) if score else "")


def unit_names(clause: str) -> list[str]:
    """"… là: Sở Y tế; Sở Giáo dục và Đào tạo" → the names, in printed order."""
    return [m.group(0).strip() for m in _UNIT.finditer(clause)]


def group_of(clause: str) -> list[str]:
    """"Hầu hết các đơn vị xếp hạng 1 …" → ["Hầu hết các đơn vị"]: the group the clause
    speaks of when it names no unit."""
    m = _SUBJECT.match(clause)
    return [m["subject"]] if m else []


__all__ = ["find_tables", "statements", "Statement", "COLUMNS"]
