"""How many units fell in each class, told in sentences: a "(counts)" table per paragraph.

    "Trong số 19 cơ quan sở, ban, ngành tỉnh, có 17 cơ quan xếp loại tốt …; 1 cơ quan xếp
     loại khá …, 1 cơ quan xếp loại kém …"
    → (tốt, 17 of 19), (khá, 1 of 19), (kém, 1 of 19), and the whole: 19 = tốt 17; khá 1; kém 1

A class is a grade band ("xếp loại tốt", "đạt loại xuất sắc", "được xếp hạng khá"), a
lettered class ("xếp loại A", "đạt loại B") or a change of place ("tăng hạng", "giữ hạng",
"tụt hạng").  A count is told three ways:

- **number first**: "36 cơ quan tăng hạng", "16 cơ quan xếp loại C (…)", "14/16 đơn vị đạt
  loại xuất sắc";
- **class first**: "Nhóm được xếp loại xuất sắc gồm 14/16 đơn vị", "tổng số các cơ quan đạt
  loại B (…) là 64", "Xếp loại Tốt: 12 đơn vị", "Xuất sắc: 5 đơn vị; Tốt: 10 đơn vị", "số đơn vị xếp loại A … từ con số 0 năm 2018 lên 4 bộ, tỉnh vào năm
  2019 và đạt 9 đơn vị vào năm 2020" (one count per year);
- **none**: "không có đơn vị xếp loại khá, trung bình và loại yếu" (each class counts 0).

The whole they divide is "Trong (số) 89 cơ quan …" or the "/16" of a count; the group is
that whole's noun ("cơ quan sở, ban, ngành tỉnh") or the block a sentence opens with ("về
khối các sở, ban, ngành:").  A share printed after a count ("…, chiếm tỷ lệ 87,5%") is
its share.  Counts are cells as printed ("không có" reads 0); the checks of the text's
arithmetic (shares, parts of a whole) are the validator's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Cell, Column, Row, Source, Table, Where
from .sentences import fold_keep, sentences

BANDS = r"xuat sac|tot|kha|trung binh|yeu|kem"
_NOUN = (r"(?:co quan|don vi|dia phuong|so|ban|nganh|huyen|thi xa|thanh pho|xa|phuong|tinh|bo|"
         r"cap|khoi|vung)")
_NOUNS = _NOUN + r"(?:\s*,\s*" + _NOUN + r"|\s+(?:va|hoac)\s+" + _NOUN + r")*"
_PAREN = r"(?:\s*\([^()]{0,120}\))?"
_GRADED = r"(?:duoc\s+)?(?:xep loai|dat loai|xep hang|dat muc|o muc|loai|muc)\s+"
_CLASS = (r"(?:" + _GRADED + r"(?P<band>" + BANDS + r"|[a-e](?![\w]))"
          r"|(?P<change>tang hang|giu (?:nguyen )?hang|tut hang|giam hang))")
_COUNT = r"(?P<n>\d{1,4})(?:\s*/\s*(?P<of>\d{1,4}))?"

#: "36 cơ quan tăng hạng", "1 cơ quan xếp loại khá", "14/16 đơn vị đạt loại xuất sắc"
NUMBER_FIRST = re.compile(r"(?<![\d,./])" + _COUNT + r"\s+" + _NOUNS + r"(?:\s+\w+){0,2}?\s+" + _CLASS)
#: "Nhóm được xếp loại xuất sắc gồm 14/16 đơn vị", "tổng số … đạt loại B (…) là 64"
CLASS_FIRST = re.compile(r"\b(?:nhom|so|tong so)\b[^.;:\d]{0,60}?" + _CLASS + _PAREN +
                         r"\s*(?:gom|la|co|:)\s*" + _COUNT + r"(?![\d.,]*\s*%)")
#: "Xếp loại Tốt: 12 đơn vị", "mức Khá gồm 3 đơn vị" (the noun after the count tells it
#: from a score)
CLASS_THEN_COUNT = re.compile(_CLASS + _PAREN + r"\s*(?::\s*|\s(?:co|gom|la)\s+)" + _COUNT +
                              r"\s+" + _NOUNS)
#: "Xuất sắc: 5 đơn vị; Tốt: 10 đơn vị": a band alone as the label of its count
CLASS_LABEL = re.compile(r"(?:^|(?<=[;:.,(])\s*|\s-\s*)(?P<band>" + BANDS + r")(?P<change>(?!))?\s*:\s*" +
                         _COUNT + r"\s+" + _NOUNS)
#: "số … xếp loại A (…)" opening a count per year
CLASS_SUBJECT = re.compile(r"\b(?:so|tong so)\b[^.;:\d]{0,60}?" + _CLASS + _PAREN)
BY_YEAR = re.compile(r"(?:con so\s+)?(?<![\d,./])(?P<n>\d{1,4})(?:\s+" + _NOUNS + r")?\s+"
                     r"(?:vao\s+|trong\s+)?nam\s+(?P<year>\d{4})")
#: "không có bộ, địa phương xếp loại D (…) và E (…)"
NONE = re.compile(r"\bkhong co\s+(?:" + _NOUNS + r"\s+)?(?:nao\s+)?" + _GRADED +
                  r"(?P<list>(?:(?:" + BANDS + r"|[a-e](?![\w]))" + _PAREN +
                  r"(?:\s*,\s*|\s+va\s+|\s+hoac\s+)?(?:loai\s+)?)+)")
_LISTED = re.compile(r"(?:" + BANDS + r"|[a-e](?![\w]))")
#: ", chiếm tỷ lệ 87,5%", " (chiếm 87,5%)", ", tỷ lệ 12,5%"
SHARES = (re.compile(_PAREN + r"\s*,?\s*(?:va\s+)?(?:chiem(?:\s+ty\s+le)?|ty\s+le)\s*(?P<pct>\d+(?:[.,]\d+)?)\s*%"),
          re.compile(r"\s*\(\s*(?:chiem\s+)?(?:ty\s+le\s+)?(?P<pct>\d+(?:[.,]\d+)?)\s*%\s*\)"))
_WHOLE = r"(?<!\d )\btrong\s+(?:so\s+|tong so\s+)?(?P<of>\d{1,4})\s+(?P<noun>" + _NOUN + r"[^.;:]{0,60}?)"
#: "Trong số 19 cơ quan sở, ban, ngành tỉnh, có …", "Trong 89 cơ quan được đánh giá, …"
WHOLES = (re.compile(_WHOLE + r"(?=\s+duoc\b|\s*,\s*(?:so voi|co)\b|\s+co\b)"),
          re.compile(_WHOLE + r"(?=\s*,)"),
          re.compile(r"\b(?:danh gia|xep hang|cham diem)\s+(?:cho\s+)?(?P<of>\d{1,4})\s+(?P<noun>" + _NOUNS +
                     r"(?:\s+(?!nam\b|trong\b|theo\b|tren\b|va\b)[^\s,.;:()]+){0,4})"))
#: "Trong đó, …", "Cụ thể, …": a sentence that divides the whole the one before named
_DIVIDES = re.compile(r"^\s*(?:trong do|cu the|theo do)\b")
#: "về khối các sở, ban, ngành: …"
BLOCKS = (re.compile(r"\b(?:ve|doi voi|o|trong)\s+(?P<block>khoi\s[^:;.]{3,60}?)\s*:"),
          re.compile(r"\b(?:ve|doi voi|o|trong)\s+(?P<block>khoi\s[^:;.,]{3,60}?)\s*,"))

COLUMNS = (Column("class", "grade"), Column("count", "value"), Column("of", "value"),
           Column("share", "value"), Column("year", "note"), Column("group", "note"),
           Column("parts", "note"))


@dataclass(frozen=True)
class Count:
    """One class's count, as printed, with the character span of what told it."""

    cls: str
    count: str
    of: str = ""
    share: str = ""
    year: str = ""
    group: str = ""
    start: int = 0
    end: int = 0


def find_tables(lines, source: Source, title: str) -> list[Table]:
    """A "(counts)" table for each paragraph that tells how many units fell in each class."""
    out = []
    for line in lines:
        counts = counts_in(line.text)
        if counts:
            rows = tuple(_row(line.number, c) for c in counts) + _whole_rows(line.number, counts)
            out.append(Table(source=source, rows=rows, columns=COLUMNS, kind="other",
                             title=f"{title} (counts)", caption=f"{title} (counts)",
                             where=Where(line=line.number)))
    return out


def _row(line: int, c: Count) -> Row:
    where = Where(line=line, span=(c.start, c.end))
    return Row(tuple(Cell(t, where) for t in (c.cls, c.count, c.of, c.share, c.year, c.group, "")),
               where)


def _whole_rows(line: int, counts: list[Count]) -> tuple[Row, ...]:
    """The whole a group of counts divides, with its parts: "19 | tốt 17; khá 1; kém 1"."""
    out, seen = [], set()
    for c in counts:
        if not c.of or (c.of, c.group) in seen or c.year:
            continue
        seen.add((c.of, c.group))
        parts = [k for k in counts if k.of == c.of and k.group == c.group and not k.year]
        where = Where(line=line, span=(parts[0].start, parts[-1].end))
        text = "; ".join(f"{k.cls} {k.count}" for k in parts)
        out.append(Row(tuple(Cell(t, where) for t in ("", c.of, "", "", "", c.group, text)), where))
    return tuple(out)


def counts_in(line: str) -> list[Count]:
    """Every class count one paragraph tells, in printed order."""
    out: list[Count] = []
    before = ("", "")
    for offset, sentence in sentences(line):
        key = fold_keep(sentence).lower()
        whole, group = before if _DIVIDES.match(key) else ("", "")
        w = _first(WHOLES, key)
        if w:
            whole, group = w["of"], sentence[w.start("noun"):w.end("noun")]
        b = _first(BLOCKS, key)
        if b:
            group, whole = sentence[b.start("block"):b.end("block")], ""
        before = (whole, group)
        found = _number_first(sentence, key) + _class_first(sentence, key) + _none(sentence, key)
        found += _by_year(sentence, key, found)
        found = _outermost(found)
        out += [Count(c.cls, c.count, c.of or ("" if c.year else whole), c.share, c.year, group,
                      c.start + offset, c.end + offset) for c in found]
    return out


def _first(patterns, key: str) -> re.Match | None:
    return next((m for p in patterns if (m := p.search(key))), None)


def _class(sentence: str, m: re.Match) -> str:
    name = "band" if m["band"] is not None else "change"
    text = sentence[m.start(name):m.end(name)]
    return text.upper() if len(text) == 1 else text


def _letter_ok(sentence: str, m: re.Match) -> bool:
    """A lettered class is printed as a capital: "loại A", never "loại a"."""
    return m["band"] is None or len(m["band"]) > 1 or sentence[m.start("band")].isupper()


def _share_after(sentence: str, key: str, end: int) -> str:
    m = next((m for p in SHARES if (m := p.match(key, end))), None)
    return sentence[m.start("pct"):m.end("pct")] + "%" if m else ""


def _number_first(sentence: str, key: str) -> list[Count]:
    out = []
    for m in NUMBER_FIRST.finditer(key):
        if not _letter_ok(sentence, m):
            continue
        of = sentence[m.start("of"):m.end("of")] if m["of"] else ""
        out.append(Count(_class(sentence, m), sentence[m.start("n"):m.end("n")], of,
                         _share_after(sentence, key, m.end()), start=m.start(), end=m.end()))
    return out


def _class_first(sentence: str, key: str) -> list[Count]:
    out = []
    for m in [*CLASS_FIRST.finditer(key), *CLASS_THEN_COUNT.finditer(key), *CLASS_LABEL.finditer(key)]:
        if not _letter_ok(sentence, m):
            continue
        of = sentence[m.start("of"):m.end("of")] if m["of"] else ""
        rest = re.match(r"\s+" + _NOUNS, key[m.end():])
        end = m.end() + (rest.end() if rest else 0)
        out.append(Count(_class(sentence, m), sentence[m.start("n"):m.end("n")], of,
                         _share_after(sentence, key, end), start=m.start(), end=end))
    return out


def _by_year(sentence: str, key: str, found: list[Count]) -> list[Count]:
    """"số … xếp loại A … từ con số 0 năm 2018 lên 4 bộ, tỉnh vào năm 2019 và đạt 9 đơn vị
    vào năm 2020, chiếm tỷ lệ 10%": a count of one class for each year."""
    s = CLASS_SUBJECT.search(key)
    if not s or not _letter_ok(sentence, s):
        return []
    cls = _class(sentence, s)
    years = list(BY_YEAR.finditer(key, s.end()))
    if len(years) < 2:
        return []
    return [Count(cls, sentence[m.start("n"):m.end("n")], "", _share_after(sentence, key, m.end()),
                  sentence[m.start("year"):m.end("year")], start=m.start(), end=m.end())
            for m in years]


def _none(sentence: str, key: str) -> list[Count]:
    out = []
    for m in NONE.finditer(key):
        said = sentence[m.start():m.start() + len("không có")]
        listed = re.sub(r"\([^()]*\)", lambda p: " " * len(p.group(0)), key[m.start("list"):m.end("list")])
        for k in _LISTED.finditer(listed):
            text = sentence[m.start("list") + k.start():m.start("list") + k.end()]
            if len(text) == 1 and not text.isupper():
                continue
            out.append(Count(text.upper() if len(text) == 1 else text, said, start=m.start(),
                             end=m.end()))
    return out


def _outermost(found: list[Count]) -> list[Count]:
    """Counts in printed order; one that starts inside an earlier count's words is that one."""
    out: list[Count] = []
    for c in sorted(found, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end and not (c.start == out[-1].start and c.cls != out[-1].cls):
            continue
        out.append(c)
    return out


__all__ = ["find_tables", "counts_in", "Count", "COLUMNS"]
