"""What was read: tables and rows interpreted, and what was seen but not interpreted.

A check that found nothing means little without this: "no inconsistencies" in a
document read halfway is not a clean document.  Coverage travels with every
result (`xephang check`, `xephang build`).

    >>> from xephang.extract import read_document
    >>> coverage_of(read_document("corpus/documents/000_4077041e69013ab5.txt")).complete
    True
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Document, Notice

#: Warnings that mean part of the document was seen but not interpreted.
UNREAD = ("table-not-read", "scan-no-table")

#: The coverage line in each language: what was read, then each kind of gap.
PHRASES = {
    "en": {"read": "Read: {tables} table(s), {rows} row(s)",
           "other": "{n} other table(s) (neither scores nor a rubric)",
           "truncated": "{n} table(s) cut off mid-row",
           "unread": "{n} table(s) or page(s) seen but not read ({places})",
           "page": "page", "partly": " — only part of the document was read."},
    "vi": {"read": "Đã đọc: {tables} bảng, {rows} dòng",
           "other": "{n} bảng khác (không phải điểm hay tiêu chí)",
           "truncated": "{n} bảng bị cắt giữa dòng",
           "unread": "{n} bảng hoặc trang thấy nhưng không đọc được ({places})",
           "page": "trang", "partly": " — chỉ đọc được một phần văn bản."},
}


@dataclass(frozen=True)
class Coverage:
    tables: int                        # read as scores or a rubric
    rows: int                          # their rows
    other: int = 0                     # tables read, but as neither scores nor a rubric
    truncated: int = 0                 # tables cut off mid-row
    unread: tuple[Notice, ...] = ()    # tables or pages seen but not interpreted

    @property
    def complete(self) -> bool:
        return not (self.truncated or self.unread)

    def text(self, lang: str = "en") -> str:
        say = PHRASES[lang]
        parts = [say["read"].format(tables=self.tables, rows=self.rows)]
        for key, n in (("other", self.other), ("truncated", self.truncated),
                       ("unread", len(self.unread))):
            if n:
                parts.append(say[key].format(n=n, places=self._places(say["page"])))
        return "; ".join(parts) + ("." if self.complete else say["partly"])

    def _places(self, word: str) -> str:
        pages = sorted({n.where.page for n in self.unread if n.where.page is not None})
        return f"{word} {', '.join(map(str, pages))}" if pages else "?"

    def to_dict(self) -> dict:
        return {"tables": self.tables, "rows": self.rows, "other_tables": self.other,
                "truncated_tables": self.truncated, "complete": self.complete,
                "not_read": [n.to_dict() for n in self.unread]}


def coverage_of(doc: Document) -> Coverage:
    read = [t for t in doc.tables if t.kind in ("scores", "rubric")]
    return Coverage(tables=len(read), rows=sum(len(t.rows) for t in read),
                    other=sum(1 for t in doc.tables if t.kind not in ("scores", "rubric")),
                    truncated=sum(1 for t in doc.tables if t.truncated),
                    unread=tuple(n for n in doc.notices if n.slug in UNREAD))
