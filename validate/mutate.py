"""The ways published tables go wrong, as functions: for tests and benchmarks of the checker.

Each takes a cell's printed text (or a row's texts) and returns the damaged text, or None
when the damage cannot apply (no two different adjacent digits to swap, no decimal
separator to drop…).  `corrupt(doc, t, r, c, kind)` returns a new Document.
"""
from __future__ import annotations

from dataclasses import replace

from ..extract.model import Cell, Document, Row

OCR = {"9": "2", "2": "9", "5": "6", "6": "5", "8": "3", "3": "8"}
KINDS = ("digit_swap", "ocr", "decimal_drop", "missing", "shift")


def digit_swap(text: str, at: int = 0) -> str | None:
    spots = [i for i in range(len(text) - 1)
             if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1]]
    if not spots:
        return None
    i = spots[at % len(spots)]
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def ocr(text: str, at: int = 0) -> str | None:
    spots = [i for i, ch in enumerate(text) if ch in OCR]
    if not spots:
        return None
    i = spots[at % len(spots)]
    return text[:i] + OCR[text[i]] + text[i + 1:]


def decimal_drop(text: str, at: int = 0) -> str | None:
    if not any(sep in text for sep in ",."):
        return None
    out = text.replace(",", "").replace(".", "")
    return out if out != text else None


def missing(text: str, at: int = 0) -> str | None:
    return "" if text else None


def corrupt(doc: Document, t: int, r: int, c: int, kind: str, at: int = 0) -> Document | None:
    table = doc.tables[t]
    row = table.rows[r]
    texts = list(row.texts)
    if kind == "shift":
        if c >= len(texts) - 1 or not texts[c]:
            return None
        new = texts[:c] + texts[c + 1:] + [""]
    else:
        damaged = {"digit_swap": digit_swap, "ocr": ocr, "decimal_drop": decimal_drop,
                   "missing": missing}[kind](texts[c], at)
        if damaged is None or damaged == texts[c]:
            return None
        new = texts[:c] + [damaged] + texts[c + 1:]
    cells = tuple(Cell(text, old.where) for text, old in zip(new, row.cells))
    rows = table.rows[:r] + (Row(cells, row.where),) + table.rows[r + 1:]
    tables = doc.tables[:t] + (table.with_(rows=rows),) + doc.tables[t + 1:]
    return replace(doc, tables=tables)
