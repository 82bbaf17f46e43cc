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


def check_document(doc, library=()):  # noqa: F811 - development stand-in: row sums only
    from ..validate.findings import finding
    conv = resolve(doc).convention
    out = []
    for t, table in enumerate(doc.tables):
        for rule in table.sums:
            for r, row in enumerate(table.rows):
                vals = [parse_number(table.cell(r, c).text, conv).value for c in rule.components]
                total = parse_number(table.cell(r, rule.total).text, conv).value
                if total is None or any(v is None for v in vals) or sum(vals) == total:
                    continue
                out.append(finding("row-sum", "error", f"components add up to {sum(vals)}, printed {total}",
                                   "tổng sai", table=t, table_title=table.title, row=r,
                                   unit=table.cell(r, 1).text, column=table.columns[rule.total].label,
                                   printed=table.cell(r, rule.total).text, expected=str(sum(vals)),
                                   suggestion=f"{sum(vals)}", line=row.where.line,
                                   col_index=rule.total))
    return out
