"""What the checks need from normalize/, behind one small adapter.

Every check reads numbers, unit identities, table categories and unit levels
through a `Context`, never by parsing text itself: numbers are
`normalize.resolve(doc).number(...)`, a row's unit is its `Match` (units the
matcher cannot place keep the comparison key normalize gives their name),
categories come from `normalize.canonical_category`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..extract.model import Document
from ..normalize import canonical_category, match_name, resolve
from ..normalize.keys import parse_name
from ..normalize.numbers import Number, parse_number


@dataclass(frozen=True)
class Unit:
    key: str            # identity: the matched id, or normalize's name key when unmatched
    name: str           # the name as printed
    matched: bool = False
    level: str | None = None


@dataclass
class Context:
    doc: Document
    resolved: object
    _cache: dict = field(default_factory=dict)

    @property
    def convention(self) -> str:
        return self.resolved.convention

    # ----------------------------------------------------------- numbers
    def number(self, t: int, r: int, c: int) -> Number:
        key = ("n", t, r, c)
        if key not in self._cache:
            self._cache[key] = self.resolved.number(t, r, c)
        return self._cache[key]

    def value(self, t: int, r: int, c: int) -> Decimal | None:
        n = self.number(t, r, c)
        return n.value if n.kind in ("int", "decimal", "percent", "rank") else None

    def parse(self, text: str) -> Number:
        """A number printed in running text, read with the document's convention."""
        return parse_number(text, self.convention)

    # ----------------------------------------------------------- identity
    def unit(self, t: int, r: int) -> Unit | None:
        key = ("u", t, r)
        if key not in self._cache:
            self._cache[key] = self._unit(t, r)
        return self._cache[key]

    def _unit(self, t: int, r: int) -> Unit | None:
        table = self.doc.tables[t]
        col = table.column_index("unit")
        name = table.cell(r, col).text if col is not None else ""
        if not name:
            return None
        return _as_unit(name, self.resolved.unit(t, r))

    def named(self, name: str) -> Unit:
        """A unit named in running text, identified like the table rows."""
        meta = self.doc.meta
        try:
            found = match_name(name, province=meta.province, year=meta.evaluation_year)
        except ValueError:               # a province the gazetteer does not know (misread)
            found = match_name(name, province=None, year=meta.evaluation_year)
        return _as_unit(name, found)

    def unit_level(self, t: int, r: int) -> str | None:
        unit = self.unit(t, r)
        return unit.level if unit is not None and unit.matched else None

    def find_unit(self, t: int, unit: Unit) -> int | None:
        """The row of table *t* that holds *unit*, whatever its spelling there."""
        for r in range(len(self.doc.tables[t].rows)):
            other = self.unit(t, r)
            if other is not None and other.key == unit.key:
                return r
        return None

    # ----------------------------------------------------------- tables
    def category(self, t: int) -> str | None:
        return self.resolved.category(t)

    def category_of_text(self, text: str) -> str | None:
        """The category a column label or a criterion names."""
        return canonical_category(text)

    def level(self, t: int) -> str | None:
        return self.resolved.level(t)


def _as_unit(name: str, match) -> Unit:
    if match is not None and match.status == "matched" and match.id:
        return Unit(match.id, name, True, match.level)
    return Unit("name:" + parse_name(name).key, name, False, None)


def build_context(doc: Document, resolved=None) -> Context:
    """The checks' view of *doc*; pass *resolved* (a `normalize.Resolved` of this very
    document) when the caller already has one."""
    if resolved is not None and resolved.doc is not doc:
        raise ValueError("resolved must be the normalize.Resolved of the document checked")
    return Context(doc, resolved if resolved is not None else resolve(doc))
