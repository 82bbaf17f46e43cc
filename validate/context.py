"""What the checks need from normalize/, behind one small adapter.

Every check reads numbers, unit identities, table categories and unit levels
through a `Context`, never by parsing text itself.  When `normalize.resolve`
is available the context simply forwards to the `Resolved` document; until
then it reads numbers with `normalize.numbers` and falls back to plain
heuristics for identity, category and level.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..extract.interpret import fold
from ..extract.model import Document, Table
from ..normalize.numbers import Number, detect_convention, parse_number

NUMERIC_ROLES = ("component", "total", "rank", "max_points", "score")


@dataclass(frozen=True)
class Unit:
    key: str            # identity: the matched id, or a folded name when unmatched
    name: str           # the name as printed
    matched: bool = False


@dataclass
class Context:
    doc: Document
    convention: str
    resolved: object | None = None
    _cache: dict = field(default_factory=dict)

    # ----------------------------------------------------------- numbers
    def number(self, t: int, r: int, c: int) -> Number:
        key = ("n", t, r, c)
        if key not in self._cache:
            if self.resolved is not None:
                self._cache[key] = self.resolved.number(t, r, c)
            else:
                self._cache[key] = parse_number(self.doc.tables[t].cell(r, c).text, self.convention)
        return self._cache[key]

    def value(self, t: int, r: int, c: int) -> Decimal | None:
        n = self.number(t, r, c)
        return n.value if n.kind in ("int", "decimal", "percent", "rank") else None

    def parse(self, text: str) -> Number:
        """A number printed in running text, read with the document's convention."""
        return parse_number(text, self.convention)

    # ----------------------------------------------------------- identity
    def unit(self, t: int, r: int) -> Unit | None:
        table = self.doc.tables[t]
        col = table.column_index("unit")
        if col is None:
            return None
        name = table.cell(r, col).text
        if not name:
            return None
        match = self.resolved.unit(t, r) if self.resolved is not None else None
        if match is not None and getattr(match, "status", None) == "matched" and match.id:
            return Unit(match.id, name, True)
        return Unit(_name_key(name), name, False)

    def unit_level(self, t: int, r: int) -> str | None:
        """The level of the unit in row *r*: department, district or commune."""
        if self.resolved is not None:
            match = self.resolved.unit(t, r)
            if match is not None and getattr(match, "status", None) == "matched":
                return match.level
        unit = self.unit(t, r)
        return level_of_name(unit.name) if unit else None

    def find_unit(self, t: int, unit: Unit) -> int | None:
        """The row of table *t* that holds *unit*, whatever its spelling there."""
        rows = range(len(self.doc.tables[t].rows))
        for r in rows:
            other = self.unit(t, r)
            if other is not None and other.key == unit.key:
                return r
        if unit.matched and self.resolved is not None:
            return None
        return _fuzzy_row(self, t, unit)

    def named(self, name: str) -> Unit:
        """A unit named in running text, identified like the table rows."""
        if self.resolved is not None:
            from ..normalize import match_name
            meta = self.doc.meta
            match = match_name(name, province=meta.province, year=meta.evaluation_year)
            if match.status == "matched" and match.id:
                return Unit(match.id, name, True)
        return Unit(_name_key(name), name, False)

    def category(self, t: int) -> str | None:
        if self.resolved is not None:
            return self.resolved.category(t)
        return category_of(self.doc.tables[t])

    def category_of_text(self, text: str) -> str | None:
        """The category a column label or a sentence names."""
        try:
            from ..normalize.categories import canonical_category
        except ImportError:
            return category_of_label(text)
        return canonical_category(text)

    def level(self, t: int) -> str | None:
        if self.resolved is not None:
            return self.resolved.level(t)
        table = self.doc.tables[t]
        col = table.column_index("unit")
        if col is None:
            return None
        levels = [level_of_name(table.cell(r, col).text) for r in range(len(table.rows))]
        levels = [x for x in levels if x]
        return max(set(levels), key=levels.count) if levels else None


def build_context(doc: Document, resolved=None) -> Context:
    """The checks' view of *doc*; pass *resolved* (a `normalize.Resolved` of this very
    document) when the caller already has one."""
    if resolved is not None and resolved.doc is not doc:
        raise ValueError("resolved must be the normalize.Resolved of the document checked")
    resolved = resolved if resolved is not None else _resolve(doc)
    if resolved is not None:
        return Context(doc, resolved.convention, resolved)
    return Context(doc, detect_convention(_numeric_texts(doc)))


def _resolve(doc: Document):
    try:
        from ..normalize import resolve
    except ImportError:
        return None
    return resolve(doc)


def _numeric_texts(doc: Document) -> list[str]:
    out = []
    for table in doc.tables:
        cols = [i for i, c in enumerate(table.columns) if c.role in NUMERIC_ROLES]
        for row in table.rows:
            out += [row.cells[i].text for i in cols if i < len(row.cells)]
    return out


# --------------------------------------------------------------- fallbacks
# Used only while normalize.resolve is not installed.

def _name_key(name: str) -> str:
    key = re.sub(r"[^a-z0-9 ]", " ", fold(name))
    drop = {"va", "ubnd", "so", "ban", "cua", "tinh"}
    return " ".join(w for w in key.split() if w not in drop)


def _fuzzy_row(ctx: Context, t: int, unit: Unit) -> int | None:
    from rapidfuzz import fuzz
    best, row = 0.0, None
    for r in range(len(ctx.doc.tables[t].rows)):
        other = ctx.unit(t, r)
        if other is None:
            continue
        score = fuzz.token_sort_ratio(_name_key(unit.name), _name_key(other.name))
        if score > best:
            best, row = score, r
    return row if best >= 85 else None


def level_of_name(name: str) -> str | None:
    key = fold(name)
    if re.search(r"^(so|ban|thanh tra|van phong|cong an|bo chi huy)\b", key):
        return "department"
    if re.search(r"\b(huyen|thanh pho|thi xa)\b", key):
        return "district"
    if re.search(r"\b(xa|phuong|thi tran)\b", key):
        return "commune"
    return None


_CATEGORIES = (
    ("web_portal", r"trang (ttdt|thong tin dien tu)"),
    ("infrastructure", r"ha tang ky thuat"),
    ("human_resources", r"nhan luc|ha tang nhan luc"),
    ("internal_applications", r"noi bo"),
    ("public_services", r"nguoi dan va doanh nghiep"),
    ("commune_applications", r"cap xa"),
    ("information_security", r"an toan"),
    ("policy_environment", r"moi truong|co che|chinh sach"),
    ("overall", r"t\w{0,2}ng th\w{0,2}\b|xep hang chung"),
    ("applications", r"(^|\s)\w?ng dung"),
)


def category_of(table: Table) -> str | None:
    text = fold(" ".join(x for x in (table.title, table.caption) if x))
    for slug, pattern in _CATEGORIES:
        if re.search(pattern, text):
            return slug
    return None


def category_of_label(label: str) -> str | None:
    text = fold(label)
    for slug, pattern in _CATEGORIES:
        if re.search(pattern, text):
            return slug
    return None
