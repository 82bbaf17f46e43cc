"""DEVELOPMENT ONLY stand-ins while normalize.resolve / validate land. Never committed."""
from dataclasses import dataclass
from ..normalize.numbers import parse_number, detect_convention


@dataclass(frozen=True)
class _Resolved:
    doc: object
    convention: str
    damaged: bool = False

    def number(self, t, r, c):
        return parse_number(self.doc.tables[t].cell(r, c).text, self.convention)

    def unit(self, t, r):
        return None

    def category(self, t):
        return None

    def level(self, t):
        return None

    repairs = ()


def resolve(doc):
    return _Resolved(doc, detect_convention(c.text for *_, c in doc.iter_cells()))


def canonical_category(text):
    return None


def check_document(doc, library=()):
    return []
