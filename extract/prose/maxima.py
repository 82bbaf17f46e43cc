"""A rubric told in sentences: the maximum points of each part, a "(prose)" rubric table.

    "Thang điểm tối đa đánh giá về công tác chỉ đạo điều hành CCHC năm 2025 là 14,5 điểm."
    "Tổng điểm tối đa của Chỉ số chuyển đổi số cấp tỉnh là 1.000 điểm."
    "- Phần thứ nhất: Thẩm định, đánh giá qua kết quả thực hiện công tác CCHC. Điểm tối đa
     là 75/100 điểm; …"
    "Tiêu chí hạ tầng kỹ thuật: tối đa 20 điểm."
    → (công tác chỉ đạo điều hành CCHC, 14,5), (Chỉ số chuyển đổi số cấp tỉnh, 1.000),
      (Phần thứ nhất: Thẩm định, …, 75 of 100), (Tiêu chí hạ tầng kỹ thuật, 20)

Reports, decisions and news state a rubric's maxima in prose as often as in a table: an
opening that names a maximum ("điểm tối đa", "thang điểm", "điểm chuẩn tối đa", "tối đa"),
what it is the maximum of, and the number of points.  What it is the maximum of is the
words after "về/của/cho/đối với" (the year dropped), or, when the sentence names nothing
("Điểm tối đa là 75/100 điểm"), the sentence before it in the same paragraph.  A clause
that names a unit ("Sở …", "UBND …") or prints another score is a result, not a rubric,
and is left alone; so is a maximum lowered for one unit ("giảm 02 điểm").

The maximum stays as printed ("14,5", "17,50", "1.000"); the whole it is part of ("/100")
is a note beside it.  One table per document, "Điểm tối đa nêu trong văn bản (prose)";
each row keeps the page (or line) of the paragraph it was read from.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..interpret import interpret
from ..model import Cell, Column, Document, Row, Source, Table, Where
from .sentences import fold_keep, sentences

_NUMBER = r"\d{1,4}(?:[.,]\d{1,3})*"
#: "điểm", "đ" (a footnote digit may follow); a scraped page may have lost the accented
#: letter ("đim", "ti đa").
_POINTS = r"\s*(?:die?m|d)(?![^\W\d_])"
_MOST = r"to?i\s+da"
#: The opening that says a maximum follows: "(tổng) (thang) điểm (chuẩn) tối đa (đánh giá)",
#: "thang điểm (đánh giá)".
_OPENING = (r"(?:tong\s+)?(?:(?:thang\s+)?die?m\s+(?:chuan\s+)?" + _MOST + r"|thang\s+die?m)"
            r"(?:\s+(?:danh\s+gia|cham\s+diem|dat\s+duoc))?(?:\s+chung)?")
_OF = r"(?:\s+(?:ve|cua|cho|doi\s+voi|danh\s+gia))*"
_STATED = re.compile(
    _OPENING + _OF + r"(?P<what>\s+[^;:()]{3,220}?)??"
    r"(?:\s+(?:nam|ky)\s+\d{4})?\s+(?:la|bang|dat|duoc\s+tinh\s+la)\s*:?\s*"
    r"(?P<max>" + _NUMBER + r")(?:\s*/\s*(?P<of>" + _NUMBER + r"))?" + _POINTS)
#: "<what>: tối đa 20 điểm", "<what> (tối đa 20 điểm)", "<what> – tối đa là 20 điểm"
_TRAILING = re.compile(
    r"(?:^|(?<=[,;]\s))(?P<what>[^,;:()\d]{3,160}?)\s*(?::|\(|–|-|,)\s*(?:duoc\s+)?(?:cham\s+)?"
    r"(?:diem\s+)?" + _MOST + r"(?:\s+la)?\s+(?P<max>" + _NUMBER + r")"
    r"(?:\s*/\s*(?P<of>" + _NUMBER + r"))?" + _POINTS)
_UNIT = re.compile(r"\b(?:Sở|UBND|Ủy ban|Uỷ ban|Văn phòng|Thanh tra|Ban Quản lý|huyện|xã|phường|tỉnh|"
                   r"thành phố|thị xã|đặc khu)\s+(?=(?P<name>[^\W\d_]))")
_LOWERED = re.compile(r"\b(?:giam|tru|tang them)\s+" + _NUMBER + _POINTS)
_LEAD = re.compile(r"^\s*(?:[-–•+]\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*\.?\s+)")
_YEAR = re.compile(r"\s+(?:nam|ky)\s+\d{4}\s*$")

COLUMNS = (Column("criterion", "criterion"), Column("max", "max_points"), Column("of", "note"))


def with_maxima(doc: Document) -> Document:
    """*doc* with a "(prose)" rubric table of the maxima its paragraphs state, if any."""
    table = find_table(doc.paragraphs, doc.source)
    return replace(doc, tables=(*doc.tables, table)) if table else doc


def find_table(paragraphs, source: Source) -> Table | None:
    """The maxima *paragraphs* state, as one rubric table titled "… (prose)".  A paragraph
    that stops mid-sentence (a PDF line, a page break) is read on with the next one."""
    rows: list[Row] = []
    before = ""
    for text, where in _joined(paragraphs):
        rows += rows_of(text, where, before)
        before = text                  # "… này" may speak of the paragraph before's subject
    if not rows:
        return None
    name = "Điểm tối đa nêu trong văn bản"
    kind, columns, sums = interpret(list(COLUMNS))
    return Table(source=source, rows=tuple(rows), columns=tuple(columns), kind=kind,
                 sums=tuple(sums), title=f"{name} (prose)", caption=f"{name} (prose)",
                 where=rows[0].where)


def _joined(paragraphs):
    """Paragraphs, each read on into the next when it stops mid-sentence and the next one
    goes on in lower case or with a number ("… năm" / "2025 là 14,5 điểm")."""
    text, where = "", None
    for p in paragraphs:
        first = p.text.strip()[:1]
        if where is not None and not (first.islower() or first.isdigit()):
            yield " ".join(text.split()), where
            text, where = "", None
        if where is None:
            text, where = p.text, p.where
        else:
            text = f"{text} {p.text}"
        if re.search(r"[.;:!?]\W*$", text.strip()) or len(text) > 4000:
            yield " ".join(text.split()), where
            text, where = "", None
    if where is not None:
        yield " ".join(text.split()), where


def rows_of(text: str, at: Where | int | None = None, before: str = "") -> list[Row]:
    """The maxima one paragraph states, each as (what, maximum, of) cells as printed;
    *before*: the paragraph before it."""
    base = at if isinstance(at, Where) else Where(line=at)
    out: list[Row] = []
    for offset, sentence in sentences(text):
        for start, end, what, top, of in maxima(sentence, before):
            where = replace(base, span=(offset + start, offset + end), confidence=80)
            out.append(Row((Cell(what, where), Cell(top, where), Cell(of, where)), where))
        before = sentence
    return out


def maxima(sentence: str, before: str = "") -> list[tuple[int, int, str, str, str]]:
    """(start, end, what, maximum, of) of every maximum *sentence* states, as printed;
    *before* is the paragraph's previous sentence, what a sentence that names nothing is
    the maximum of."""
    key = fold_keep(sentence)
    found = []
    for m in _STATED.finditer(key):
        what = _what(sentence, m, "what")
        if not what and re.match(r"tong\b", key[m.start():]):
            what = sentence[m.start():m.start() + 4]       # the whole: "Tổng …"
        if not what and not key[:m.start()].strip(" -–•+"):
            what = _named(before)                 # "Điểm tối đa là 75/100 điểm" names nothing
        found.append((m, what))
    taken = [m.span() for m, _ in found]
    for m in _TRAILING.finditer(key):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            found.append((m, _what(sentence, m, "what")))
    out = []
    for m, what in found:
        if re.search(r"\bn[aà]y$", what):               # "của hạng mục này": the sentence's subject
            what = _subject(sentence[:m.start()]) or _subject(before) or _named(before)
        if not what or _names_unit(what) or _LOWERED.search(key[max(0, m.start() - 40):m.end()]):
            continue
        top = sentence[m.start("max"):m.end("max")]
        of = sentence[m.start("of"):m.end("of")] if m.group("of") else ""
        out.append((m.start(), m.end(), what, top, of))
    return sorted(out)


def _what(sentence: str, m: re.Match, group: str) -> str:
    if m.group(group) is None:
        return ""
    text = sentence[m.start(group):m.end(group)]
    text = _YEAR.sub("", _LEAD.sub("", text)).strip(" ,.-–:")
    return text if len(text) > 2 and re.search(r"[^\W\d_]{3}", text) else ""


def _named(sentence: str) -> str:
    """What the sentence before names: its lead ("Phần thứ nhất: Thẩm định …") as printed."""
    text = _LEAD.sub("", sentence).strip(" ,.-–:;")
    if not text or len(text) > 320 or _names_unit(text) or re.search(r"\d" + _POINTS, fold_keep(text)):
        return ""
    return text


def _subject(text: str) -> str:
    """What a sentence speaks of, before its verb: "Hạng mục Nhân lực CNTT được đánh giá
    theo 4 tiêu chí, …" → "Hạng mục Nhân lực CNTT"."""
    m = re.match(r"\s*(?P<s>[^;:]{3,160}?)\s+(?:được|gồm|có|với|bao gồm)\s", text)
    return _what(text, m, "s") if m else ""


def _names_unit(text: str) -> bool:
    """A unit's name: a unit word followed by a capitalised name ("Sở Tư pháp", "UBND xã
    Tuyên Quang"), not a level ("UBND cấp xã", "các sở, ngành")."""
    return any(m.group("name").isupper() for m in _UNIT.finditer(text))
