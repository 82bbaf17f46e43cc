"""Renditions of one decision: recognised, one chosen to feed the panel, the others
compared with it cell by cell.

A decision is often published several times: the text, an HTML page, a PDF, a scan.
Counted once per rendition, every average and ranking computed from `scores` would
be wrong.  After every build:

1. ``find_decisions`` groups the documents: two documents are renditions of one
   decision when one was declared made from the other (manifest ``derived_from``) or
   when they print the same number, issuer (province) and date of issue.
2. The best-read rendition of each decision is its **primary** (``best_read``, the
   rule in docs/dataset.md); its scores and rubric criteria stay in ``scores`` and
   ``rubric_nodes``, the others' move to ``rendition_scores`` and
   ``rendition_rubric_nodes``.  Their tables and cells stay where they are.
3. Each other rendition is compared with the primary cell by cell
   (corpus/compare.py); a disagreement is a finding ``rendition-disagrees``.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

from ..extract.interpret import fold
from . import compare, schema

#: The panel's tables and where the scores of the other renditions go.
ASIDE = {"scores": "rendition_scores", "rubric_nodes": "rendition_rubric_nodes"}

#: Ties between renditions read equally well: the format that keeps the text as typed.
FORMAT_ORDER = ("html", "docx", "xlsx", "text", "pdf")


@dataclass(frozen=True)
class Rendition:
    """One document of the database and how well it was read."""

    document: str
    sha256: str | None
    format: str | None
    ok: bool
    number: str | None = None
    issued: str | None = None
    place: str | None = None          # province, else issuer, folded
    derived_from: str | None = None
    numbers_read: int = 0             # score cells and rubric maxima read as numbers
    truncated: int = 0                # tables that stop mid-row
    complete: bool = True             # every table and page seen was read
    errors: int = 0                   # the checker's errors on table rows (misread digits)
    ocr: bool = False                 # pages read by OCR
    damaged: bool = False             # letters dropped from the text
    warnings: int = 0                 # warnings about the reading
    origin: bool = False              # another rendition was declared made from it

    def decision_fields(self) -> tuple | None:
        """What the document prints that names its decision: number, place, date."""
        if self.number and self.issued and self.place:
            return (_number_key(self.number), self.place, self.issued)
        return None


@dataclass(frozen=True)
class Decision:
    key: str
    primary: Rendition
    others: tuple[Rendition, ...]
    reason: str
    reason_vi: str

    @property
    def renditions(self) -> tuple[Rendition, ...]:
        return (self.primary, *self.others)


def settle(con: sqlite3.Connection) -> list[Decision]:
    """Group the database's documents into decisions, keep each decision's primary in
    the panel, and record the other renditions' disagreements as findings."""
    sides: dict = {}                  # each document's tables, read once
    decisions = [part for d in find_decisions(renditions_of(con))
                 for part in parts(con, d, sides)]
    with schema.transaction(con):
        for decision in decisions:
            place_rows(con, decision)
            mark_documents(con, decision)
        compare.record_disagreements(con, decisions, sides)
        recount_findings(con)
    return decisions


# ---------------------------------------------------------------- reading the measures

def renditions_of(con: sqlite3.Connection) -> list[Rendition]:
    per = lambda sql: dict(con.execute(sql).fetchall())
    numbers = _sum_dicts(
        per(f"SELECT document, COUNT(score) FROM {t} GROUP BY document")
        for t in ("scores", "rendition_scores"))
    maxima = _sum_dicts(
        per(f"SELECT document, COUNT(max_points) FROM {t} GROUP BY document")
        for t in ("rubric_nodes", "rendition_rubric_nodes"))
    truncated = per("SELECT document, SUM(truncated) FROM tables GROUP BY document")
    errors = per(f"SELECT document, COUNT(DISTINCT table_index || '/' || row_index) "
                 f"FROM findings WHERE severity = 'error' "
                 f"AND row_index IS NOT NULL AND rule != '{compare.RULE}' GROUP BY document")
    warnings = per("SELECT document, COUNT(*) FROM warnings GROUP BY document")
    ocr = per("SELECT document, COUNT(*) FROM warnings WHERE slug = 'ocr-read' GROUP BY document")
    out = []
    for (document, sha, fmt, status, number, issued, province, issuer, derived, damaged,
         complete) in con.execute(
            "SELECT document, sha256, format, status, number, issued, province, issuer, "
            "derived_from, damaged, complete FROM documents ORDER BY document"):
        out.append(Rendition(
            document, sha, fmt, status == "ok", number, issued,
            fold(province or issuer or "") or None, derived,
            numbers.get(document, 0) + maxima.get(document, 0),
            int(truncated.get(document) or 0), complete != 0, errors.get(document, 0),
            bool(ocr.get(document)), bool(damaged), warnings.get(document, 0)))
    made_from = {r.derived_from for r in out if r.derived_from}
    return [replace(r, origin=r.sha256 in made_from) for r in out]


def _sum_dicts(dicts) -> dict:
    out: dict = {}
    for d in dicts:
        for k, v in d.items():
            out[k] = out.get(k, 0) + (v or 0)
    return out


def _number_key(number: str) -> str:
    """'2631/QĐ-UBND' and '2631 / QD - UBND' alike."""
    return "".join(ch for ch in fold(number) if ch.isalnum())


# ---------------------------------------------------------------- grouping

def find_decisions(renditions: list[Rendition]) -> list[Decision]:
    """Renditions joined by declared derivation or by the same number, place and date."""
    parent = {r.document: r.document for r in renditions}

    def root(doc: str) -> str:
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    by_sha = {r.sha256: r.document for r in renditions if r.sha256}
    by_fields: dict[tuple, str] = {}
    for r in renditions:
        if r.derived_from in by_sha:
            join(r.document, by_sha[r.derived_from])
        fields = r.decision_fields()
        if fields is not None:
            join(r.document, by_fields.setdefault(fields, r.document))
    groups: dict[str, list[Rendition]] = {}
    for r in renditions:
        groups.setdefault(root(r.document), []).append(r)
    return [decide(group) for _, group in sorted(groups.items())]


def decide(group: list[Rendition]) -> Decision:
    ranked = sorted(group, key=best_read)
    primary, others = ranked[0], tuple(ranked[1:])
    reason, reason_vi = why(primary, others[0]) if others else (
        "the only rendition", "bản duy nhất")
    return Decision(decision_key(ranked), primary, others, reason, reason_vi)


def decision_key(group: list[Rendition]) -> str:
    """'2631/QĐ-UBND|hoa binh|2017-12-27' from what the renditions print, else the file
    the others were made from, else the document itself."""
    for r in group:
        if r.decision_fields() is not None:
            return f"{r.number}|{r.place}|{r.issued}"
    origins = [r for r in group if r.origin and not r.derived_from]
    return (origins or sorted(group, key=lambda r: r.document))[0].document


def parts(con: sqlite3.Connection, decision: Decision, sides: dict | None = None
          ) -> list[Decision]:
    """*decision*, or its parts: a document joined only by the number, place and date it
    prints, whose tables are not the primary's (an annex published on its own), is a part
    of the decision with its own primary, not a rendition to leave out of the panel."""
    if not decision.others:
        return [decision]
    sides = {} if sides is None else sides
    primary = compare.load_side(con, decision.primary, sides)
    group = decision.renditions
    apart = [r for r in decision.others if not _declared(r, group)
             and not compare.same_text(primary, compare.load_side(con, r, sides))]
    if not apart:
        return [decision]
    kept = [r for r in group if r not in apart]
    rest = decide(apart)
    note = (f"; it prints tables {decision.primary.document} does not: a part of the decision",
            f"; bản này in các bảng mà {decision.primary.document} không có: một phần của "
            f"quyết định")
    rest = replace(rest, key=decision.key, reason=rest.reason + note[0],
                   reason_vi=rest.reason_vi + note[1])
    return [decide(kept)] + parts(con, rest, sides)


def _declared(r: Rendition, group) -> bool:
    """Declared made from one of *group*, or one of them declared made from it."""
    shas = {g.sha256 for g in group if g is not r}
    return r.derived_from in shas or any(g.derived_from == r.sha256 for g in group if g is not r)


# ---------------------------------------------------------------- the best-read rule

#: The measures in the order they decide, each with its words (English, Vietnamese).
CRITERIA = (
    ("ok", "read without failure", "đọc được, không lỗi"),
    ("numbers_read", "more score cells and rubric maxima read as numbers",
     "đọc được nhiều ô điểm và điểm tối đa là số hơn"),
    ("truncated", "fewer tables stopping mid-row", "ít bảng bị cắt giữa dòng hơn"),
    ("complete", "every table and page read", "đọc hết mọi bảng và trang"),
    ("errors", "fewer rows of its tables with findings of severity error (fewer misread cells)",
     "ít dòng bảng có phát hiện mức lỗi hơn (ít ô đọc sai hơn)"),
    ("ocr", "a text layer rather than OCR", "có lớp chữ, không phải nhận dạng ký tự quang học"),
    ("damaged", "no letters dropped from the text", "văn bản không bị mất chữ"),
    ("warnings", "fewer warnings about the reading", "ít cảnh báo về việc đọc hơn"),
    ("origin", "the file the others were made from", "tệp gốc mà các bản khác được tạo ra từ đó"),
    ("format", "the format that keeps the text as typed (HTML, Word, Excel, text, PDF)",
     "định dạng giữ nguyên văn bản đánh máy (HTML, Word, Excel, văn bản, PDF)"),
)


def best_read(r: Rendition) -> tuple:
    """The sort key: the best-read rendition sorts first, the document's key last."""
    return (*(_measure(r, name) for name, _, _ in CRITERIA), r.document)


def _measure(r: Rendition, name: str):
    if name == "format":
        return FORMAT_ORDER.index(r.format) if r.format in FORMAT_ORDER else len(FORMAT_ORDER)
    value = getattr(r, name)
    better_high = name in ("ok", "numbers_read", "complete", "origin")
    return -int(value) if better_high else int(value)


def why(primary: Rendition, runner_up: Rendition) -> tuple[str, str]:
    """The first measure that tells the primary from the next-best rendition, in words."""
    other = runner_up.document
    for name, en, vi in CRITERIA:
        if _measure(primary, name) == _measure(runner_up, name):
            continue
        if name in ("numbers_read", "truncated", "errors", "warnings"):
            mine, theirs = getattr(primary, name), getattr(runner_up, name)
            return (f"{en}: {mine} against {theirs} in {other}",
                    f"{vi}: {mine} so với {theirs} của {other}")
        return (f"{en}, ahead of {other}, read as well by every measure before it",
                f"{vi}, trước {other}, bản đọc tốt ngang bằng theo mọi tiêu chí trước đó")
    return (f"read as well as {other} by every measure; first by name",
            f"đọc tốt ngang bằng {other} theo mọi tiêu chí; chọn theo tên tệp")


# ---------------------------------------------------------------- writing

def place_rows(con: sqlite3.Connection, decision: Decision) -> None:
    """The primary's scores and criteria in the panel, the others' aside."""
    for main, aside in ASIDE.items():
        cols = ", ".join(schema.column_names(main))
        _move(con, cols, aside, main, [decision.primary.document])
        _move(con, cols, main, aside, [r.document for r in decision.others])


def _move(con: sqlite3.Connection, cols: str, source: str, target: str, documents) -> None:
    for document in documents:
        con.execute(f"INSERT OR REPLACE INTO {target} ({cols}) SELECT {cols} FROM {source} "
                    f"WHERE document = ?", (document,))
        con.execute(f"DELETE FROM {source} WHERE document = ?", (document,))


def mark_documents(con: sqlite3.Connection, decision: Decision) -> None:
    n = len(decision.renditions)
    for r in decision.renditions:
        primary = r is decision.primary
        con.execute(
            "UPDATE documents SET decision_key = ?, is_primary = ?, rendition_of = ?, "
            "n_renditions = ?, primary_reason = ?, primary_reason_vi = ? WHERE document = ?",
            (decision.key, int(primary), None if primary else decision.primary.document, n,
             decision.reason if primary else None, decision.reason_vi if primary else None,
             r.document))


def recount_findings(con: sqlite3.Connection) -> None:
    con.execute("UPDATE documents SET n_findings = (SELECT COUNT(*) FROM findings f "
                "WHERE f.document = documents.document) WHERE status = 'ok'")
