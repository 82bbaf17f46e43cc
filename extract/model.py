"""The document model every stage shares: Document → Table → Row → Cell.

Objects are frozen; stages return new objects instead of mutating.  Every
cell keeps where it was printed (`Where`), and every table keeps its `Source`,
so `table.provenance(row, col)` always answers "which file, which line / page
and box".
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator, Literal

#: Bounding box in PDF points, top-left origin: (x0, top, x1, bottom).
BBox = tuple[float, float, float, float]

Format = Literal["text", "html", "pdf", "docx", "xlsx"]
TableKind = Literal["scores", "rubric", "other"]
DocKind = Literal["results", "rubric", "news", "other"]

#: Column roles. The first eleven are the contract's; "note" and "other" are
#: for columns that carry neither scores nor rubric data; "value" is a numeric
#: column whose label names no known role, "unknown" a text one; "packed" is a
#: printed column whose cells pack two things, read in its derived columns.
ROLES = (
    "row_no", "unit", "component", "total", "rank", "grade",
    "criterion_id", "criterion", "max_points", "rule", "evidence",
    "category", "score", "note", "other",
    "value", "unknown", "packed",
)


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    format: Format
    converted_from: str | None = None   # "doc" / "xls" / "rtf": read from LibreOffice's conversion

    def to_dict(self) -> dict:
        out = {"path": self.path, "sha256": self.sha256, "format": self.format}
        if self.converted_from is not None:
            out["converted_from"] = self.converted_from
        return out


@dataclass(frozen=True)
class Where:
    """Where one piece of text was printed inside its source."""

    line: int | None = None          # 1-based line of a text source
    path: str | None = None          # "table[2]/tr[5]/td[3]" in an HTML source
    page: int | None = None          # 1-based page of a PDF
    bbox: BBox | None = None         # points, top-left origin
    confidence: float | None = None  # OCR confidence 0..100, None when not OCR'd; for a
                                     # result read from a sentence, how sure its attachment is
    # Word and Excel sources (1-based; None elsewhere):
    table: int | None = None         # the k-th table of a Word document, in document order
    row: int | None = None           # the table's (or sheet's) row
    col: int | None = None           # the table's grid column (or the sheet's column)
    paragraph: int | None = None     # the k-th paragraph of the document, table cells included
    sheet: str | None = None         # the Excel sheet's name
    cell: str | None = None          # the Excel cell, "B7"
    formula: str | None = None       # the cell's formula when its value was computed, "=SUM(C2:C6)"
    span: tuple[int, int] | None = None  # characters [start, end) of the line: a result read
                                         # from a sentence


@dataclass(frozen=True)
class Provenance:
    source: Source
    where: Where

    def to_dict(self) -> dict:
        out = {"path": self.source.path, "sha256": self.source.sha256}
        if self.source.converted_from is not None:
            out["converted_from"] = self.source.converted_from
        out.update({k: v for k, v in self.where.__dict__.items() if v is not None})
        return out


@dataclass(frozen=True)
class Cell:
    text: str                    # as printed, whitespace collapsed; "" when empty
    where: Where = Where()

    @property
    def empty(self) -> bool:
        return self.text == ""


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    where: Where = Where()       # the row's first line / page and box

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def __len__(self) -> int:
        return len(self.cells)


@dataclass(frozen=True)
class Column:
    label: str
    role: str
    number: str | None = None     # the printed column number, "(3)", when there is one
    group: str | None = None      # a spanning label above it ("Điểm", "Cơ chế - Chính sách")
    derived_from: int | None = None  # a part of a packed column: that column's index
    part: str | None = None          # which part ("rank", "index", "score", "maximum", …)


@dataclass(frozen=True)
class RowGroup:
    label: str
    first_row: int               # 0-based, inclusive
    last_row: int                # 0-based, inclusive
    line: int | None = None


@dataclass(frozen=True)
class SumRule:
    """Which columns add up to which: components → total."""

    total: int
    components: tuple[int, ...]


@dataclass(frozen=True)
class Table:
    source: Source
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    kind: TableKind = "other"
    title: str | None = None
    section: str | None = None
    caption: str | None = None
    row_groups: tuple[RowGroup, ...] = ()
    sums: tuple[SumRule, ...] = ()
    numbering: tuple[str, ...] = ()   # printed column numbers, "(1)".."(n)", as printed
    truncated: bool = False           # the last row stops before its last column
    where: Where = Where()            # where the table (its header) starts
    header: tuple[Cell, ...] = ()     # header labels as printed, in printed order
    context: tuple[str, ...] = ()     # the headings enclosing the table, outermost first

    def column_index(self, role: str) -> int | None:
        for i, col in enumerate(self.columns):
            if col.role == role:
                return i
        return None

    def columns_with(self, role: str) -> list[int]:
        return [i for i, col in enumerate(self.columns) if col.role == role]

    def cell(self, row: int, col: int) -> Cell:
        cells = self.rows[row].cells
        return cells[col] if col < len(cells) else Cell("")

    def provenance(self, row: int, col: int | None = None) -> Provenance:
        where = self.rows[row].where if col is None else self.cell(row, col).where
        return Provenance(self.source, where)

    def group_of(self, row: int) -> RowGroup | None:
        for g in self.row_groups:
            if g.first_row <= row <= g.last_row:
                return g
        return None

    def with_(self, **changes) -> "Table":
        return replace(self, **changes)


@dataclass(frozen=True)
class Heading:
    text: str
    where: Where
    level: int = 0


@dataclass(frozen=True)
class Paragraph:
    text: str
    where: Where


@dataclass(frozen=True)
class Metadata:
    number: str | None = None
    province: str | None = None
    issued: str | None = None            # YYYY-MM-DD
    evaluation_year: int | None = None
    kind: DocKind = "other"
    signer: str | None = None
    based_on: tuple[str, ...] = ()
    title: str | None = None
    issuer: str | None = None            # "Ủy ban nhân dân tỉnh Lâm Đồng", "Bộ Nội vụ"
    scope: str | None = None             # provincial | national (a ministry's, ranking provinces)

    def to_dict(self) -> dict:
        return {
            "number": self.number, "province": self.province, "issued": self.issued,
            "evaluation_year": self.evaluation_year, "kind": self.kind,
            "signer": self.signer, "based_on": list(self.based_on), "title": self.title,
            "issuer": self.issuer, "scope": self.scope,
        }


@dataclass(frozen=True)
class Notice:
    """A warning about the reading, as data (like a finding of severity note): a stable
    slug, the message in English and Vietnamese, and where in the source it applies."""

    slug: str
    message: str
    message_vi: str = ""
    where: Where = Where()

    def __str__(self) -> str:
        return self.message

    def __contains__(self, text: str) -> bool:     # `"TCVN3" in warning`, as with a string
        return text in self.message

    def located(self) -> str:
        w = self.where
        if w.page is not None:
            return f"page {w.page}"
        if w.line is not None:
            return f"line {w.line}"
        return w.path or ""

    def to_dict(self, source: Source | None = None) -> dict:
        where = {k: v for k, v in self.where.__dict__.items() if v is not None}
        if source is not None:
            where = {"path": source.path, "sha256": source.sha256, **where}
        return {"slug": self.slug, "message": self.message,
                "message_vi": self.message_vi or self.message, "where": where}


def as_notice(warning: "str | Notice") -> Notice:
    """A reader's warning as a Notice (readers that still give a plain string)."""
    if isinstance(warning, Notice):
        return warning
    return Notice("reading-note", str(warning), str(warning))


@dataclass(frozen=True)
class Document:
    source: Source
    meta: Metadata
    tables: tuple[Table, ...]
    paragraphs: tuple[Paragraph, ...] = ()
    headings: tuple[Heading, ...] = ()
    warnings: tuple[Notice | str, ...] = field(default=())   # Notices; plain strings still accepted

    @property
    def notices(self) -> tuple[Notice, ...]:
        return tuple(as_notice(w) for w in self.warnings)

    def iter_cells(self) -> Iterator[tuple[int, int, int, Cell]]:
        for t, table in enumerate(self.tables):
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    yield t, r, c, cell
