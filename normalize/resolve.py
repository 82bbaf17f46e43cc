"""One document through the normalize stage: its number convention, whether its
text is damaged, repair proposals, each table's category and unit level, and
each row's agency identity.  Nothing printed is changed: every answer sits
beside the cell it is about.

    >>> from xephang.extract import read_document
    >>> res = resolve(read_document("corpus/documents/002_ce60eac99dcc391f.txt"))
    >>> res.convention, res.damaged, res.number(0, 0, 2).value, res.unit(0, 0).id
    ('comma', True, Decimal('83.8'), 'son-la/dept:thong-tin-truyen-thong')
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..extract.model import Document, Table
from .categories import canonical_category
from .keys import fold, parse_name
from .matching import Match, default_matcher
from .numbers import Number, detect_convention, parse_number
from .text import Repair, is_damaged, repair_proposals

NUMERIC_ROLES = ("component", "total", "score", "max_points")
_LEVEL_WORDS = (
    ("commune", ("cap xa", "xa, phuong", "xa phuong", "cac xa")),
    ("district", ("cap huyen", "cac huyen", "huyen, thanh pho", "huyen, thi xa", "ubnd huyen")),
    ("department", ("so, ban", "so, nganh", "cap so", "cap tinh", "co quan chuyen mon", "cac so")),
)


@dataclass(frozen=True)
class Resolved:
    """What the normalize stage adds to a document.  `repairs` holds (table, row, col,
    Repair); row -1 stands for the table's header labels (`table.header[col]`)."""
    doc: Document
    convention: str
    damaged: bool
    repairs: list[tuple[int, int, int, Repair]] = field(default_factory=list)
    units: dict[tuple[int, int], Match] = field(default_factory=dict)
    levels: dict[int, str | None] = field(default_factory=dict)
    categories: dict[int, str | None] = field(default_factory=dict)

    def number(self, t: int, r: int, c: int) -> Number:
        return parse_number(self.doc.tables[t].cell(r, c).text, self.convention)

    def unit(self, t: int, r: int) -> Match | None:
        return self.units.get((t, r))

    def category(self, t: int) -> str | None:
        return self.categories.get(t)

    def level(self, t: int) -> str | None:
        return self.levels.get(t)


def resolve(doc: Document) -> Resolved:
    convention = detect_convention(numeric_texts(doc))
    damaged = is_damaged(document_texts(doc))
    levels = {t: (province_table(doc, table) or table_level(table)
                  if doc.meta.scope == "national" else
                  table_level(table) or province_table(doc, table))
              for t, table in enumerate(doc.tables)}
    return Resolved(doc, convention, damaged,
                    repairs=cell_repairs(doc) if damaged else [],
                    units=table_units(doc, levels),
                    levels=levels,
                    categories={t: table_category(table) for t, table in enumerate(doc.tables)})


def numeric_texts(doc: Document):
    for table in doc.tables:
        cols = [i for i, col in enumerate(table.columns) if col.role in NUMERIC_ROLES]
        for row in table.rows:
            yield from (row.cells[i].text for i in cols if i < len(row.cells))


def document_texts(doc: Document) -> list[str]:
    texts = [p.text for p in doc.paragraphs] + [h.text for h in doc.headings]
    texts += [cell.text for _, _, _, cell in doc.iter_cells()]
    texts += [cell.text for _, _, c, cell in header_cells(doc)]
    return texts + [t.title for t in doc.tables if t.title]


def header_cells(doc: Document):
    """(t, -1, c, cell) for the header labels: row -1 stands for the header."""
    for t, table in enumerate(doc.tables):
        for c, cell in enumerate(table.header):
            yield t, -1, c, cell


def cell_repairs(doc: Document) -> list[tuple[int, int, int, Repair]]:
    context = "\n".join(document_texts(doc))
    cells = [*header_cells(doc), *doc.iter_cells()]
    return [(t, r, c, rep) for t, r, c, cell in cells if cell.text
            for rep in repair_proposals(cell.text, context=context)]


def table_category(table: Table) -> str | None:
    for text in (table.title, table.caption, table.section, *reversed(table.context)):
        if text and (slug := canonical_category(text)):
            return slug
    return None


def table_level(table: Table) -> str | None:
    """The level of a table's units: what most unit cells say, else what the headings say."""
    col = table.column_index("unit")
    if col is None:
        return None
    said = Counter(parse_name(row.cells[col].text).level for row in table.rows if col < len(row.cells))
    said.pop(None, None)
    if said:
        return said.most_common(1)[0][0]
    for text in (table.title, table.caption, table.section, *reversed(table.context)):
        if text and (level := level_in_heading(text)):
            return level
    return None


def province_table(doc: Document, table: Table) -> str | None:
    """'province' for a national table: no province of its own (a ministry's report, a
    national news item) and most unit names are provinces ("TP. Đà Nẵng", "BR-VT")."""
    col = table.column_index("unit")
    if col is None or doc.meta.province is not None and doc.meta.scope != "national":
        return None
    names = [row.cells[col].text for row in table.rows if col < len(row.cells) and row.cells[col].text]
    if not names:
        return None
    found = default_matcher().match_many(names, year=document_year(doc), level="province")
    return "province" if sum(m.status == "matched" for m in found) * 2 > len(names) else None


def level_in_heading(text: str) -> str | None:
    key = fold(text)
    for level, phrases in _LEVEL_WORDS:
        if any(p in key for p in phrases):
            return level
    return None


def document_year(doc: Document) -> int | None:
    if doc.meta.evaluation_year:
        return doc.meta.evaluation_year
    return int(doc.meta.issued[:4]) if doc.meta.issued else None


def table_units(doc: Document, levels: dict[int, str | None]) -> dict[tuple[int, int], Match]:
    matcher, year = default_matcher(), document_year(doc)
    province = doc.meta.province
    out: dict[tuple[int, int], Match] = {}
    for t, table in enumerate(doc.tables):
        col = table.column_index("unit")
        if col is None:
            continue
        names = [row.cells[col].text if col < len(row.cells) else "" for row in table.rows]
        for r, m in enumerate(_match(matcher, names, province, year, levels[t])):
            out[(t, r)] = m
    return out


def _match(matcher, names, province, year, level) -> list[Match]:
    try:
        return matcher.match_many(names, province=province, year=year, level=level)
    except ValueError:            # a province the gazetteer does not know
        return matcher.match_many(names, province=None, year=year, level=level)
