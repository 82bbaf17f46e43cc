"""The numbers Word prints in front of list paragraphs: "1.", "a)", "II.", "2.1.".

Word does not store them in the text; it counts them from ``numbering.xml`` as it lays
the document out.  They are printed all the same — headings ("2.1. Kết quả …") and
STT columns numbered by Word depend on them — so the reader counts them the same way:
paragraphs in document order, one counter per list (``w:numId``) and level, a level's
count restarting when a higher level moves on.  Bullets print no number and get none.
"""
from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str                   # decimal, lowerLetter, upperRoman, bullet, …
    text: str                  # "%1.", "%1.%2.", "%2)"


def levels_of(document) -> dict[tuple[str, int], Level]:
    """(numId, ilvl) → Level, from the numbering part (with each list's start overrides)."""
    try:
        root = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return {}
    abstract = {a.get(qn("w:abstractNumId")): a for a in root.iter(qn("w:abstractNum"))}
    out = {}
    for num in root.iter(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        base = abstract.get(ref.get(qn("w:val")) if ref is not None else None)
        if base is None:
            continue
        for lvl in base.iter(qn("w:lvl")):
            out[(num.get(qn("w:numId")), int(lvl.get(qn("w:ilvl")) or 0))] = _level(lvl)
        for override in num.iter(qn("w:lvlOverride")):
            ilvl = int(override.get(qn("w:ilvl")) or 0)
            start = override.find(qn("w:startOverride"))
            key = (num.get(qn("w:numId")), ilvl)
            if start is not None and key in out:
                old = out[key]
                out[key] = Level(_int(start), old.fmt, old.text)
    return out


def _level(lvl) -> Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(qn(tag))
        return el.get(qn("w:val")) if el is not None and el.get(qn("w:val")) is not None else default
    return Level(int(val("w:start", "1") or 1), val("w:numFmt", "decimal"), val("w:lvlText", ""))


def _int(el) -> int:
    try:
        return int(el.get(qn("w:val")))
    except (TypeError, ValueError):
        return 1


def labels(document, body) -> dict:
    """w:p element → the number Word prints before it, for every numbered paragraph."""
    levels = levels_of(document)
    by_style = styles_numpr(document)
    if not levels:
        return {}
    counters: dict[str, dict[int, int]] = {}
    out = {}
    for p in body.iter(qn("w:p")):
        num_id, ilvl = num_pr(p, by_style)
        if num_id is None or (num_id, ilvl) not in levels:
            continue
        count = counters.setdefault(num_id, {})
        count[ilvl] = count.get(ilvl, levels[(num_id, ilvl)].start - 1) + 1
        for deeper in [k for k in count if k > ilvl]:
            del count[deeper]
        label = render(levels, num_id, ilvl, count)
        if label:
            out[p] = label
    return out


def num_pr(p, styles_numpr: dict) -> tuple[str | None, int]:
    """(numId, ilvl) of the paragraph, directly or through its style; (None, 0) if none."""
    ppr = p.find(qn("w:pPr"))
    found = ppr.find(qn("w:numPr")) if ppr is not None else None
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    style_num = styles_numpr.get(style.get(qn("w:val"))) if style is not None else None
    num_id = ilvl = None
    if found is not None:
        n, i = found.find(qn("w:numId")), found.find(qn("w:ilvl"))
        num_id = n.get(qn("w:val")) if n is not None else None
        ilvl = _int(i) if i is not None else None
    if num_id is None and style_num is not None:
        num_id = style_num[0]
    if ilvl is None:
        ilvl = style_num[1] if style_num is not None else 0
    return (None if num_id in (None, "0") else num_id), ilvl


def styles_numpr(document) -> dict[str, tuple[str, int]]:
    """style id → (numId, ilvl) for paragraph styles that number their paragraphs."""
    out = {}
    for st in document.styles.element.iter(qn("w:style")):
        ppr = st.find(qn("w:pPr"))
        found = ppr.find(qn("w:numPr")) if ppr is not None else None
        if found is None:
            continue
        n, i = found.find(qn("w:numId")), found.find(qn("w:ilvl"))
        if n is not None:
            out[st.get(qn("w:styleId"))] = (n.get(qn("w:val")), _int(i) if i is not None else 0)
    return out


def render(levels: dict, num_id: str, ilvl: int, count: dict[int, int]) -> str:
    """lvlText with each %k replaced by level k-1's count in that level's format."""
    level = levels[(num_id, ilvl)]
    if level.fmt in ("bullet", "none") or not level.text:
        return ""
    text = level.text
    for k in range(9, 0, -1):
        if f"%{k}" in text:
            lv = levels.get((num_id, k - 1))
            n = count.get(k - 1, lv.start if lv else 1)
            text = text.replace(f"%{k}", formatted(n, lv.fmt if lv else "decimal"))
    return text.strip()


def formatted(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out
