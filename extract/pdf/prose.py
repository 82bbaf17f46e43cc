"""Results printed as prose in a PDF (a news article): the PDF's paragraphs read by
the text reader's prose rules (extract/prose/read.py).  Each row has the page and box
of the paragraph it was read from; its unit cell the box of the printed line(s)
the name is on, its other cells (category, score, rank: words the sentence may
repeat) the paragraph's box."""
from __future__ import annotations

from dataclasses import replace

from .. import layout
from ..prose import read as prose
from ..model import Heading, Row, Source, Table, Where
from .text import Line


def prose_tables(paras: list[Line], numbers: list[int], source: Source,
                 heads: list[Heading]) -> list[Table]:
    """Score tables from the paragraphs (*numbers*: their reading-order numbers,
    which the headings carry as lines), titled by the headings as in a text dump."""
    text = "\n".join(p.text for p in paras)
    where = {k: (p, n) for k, (p, n) in enumerate(zip(paras, numbers), 1)}
    out = []
    for table in prose.find_tables(text, source):
        cursor: dict[int, int] = {}          # per paragraph: where the last name was found
        rows = tuple(_located(r, where, cursor) for r in table.rows)
        line = where[table.where.line][1]
        placed = layout.place(table.with_(where=Where(line=line)), heads)
        out.append(placed.with_(rows=rows, where=rows[0].where))
    return out


def _located(row: Row, where, cursor: dict[int, int]) -> Row:
    line = row.where.line
    para = where[line][0]
    at = Where(page=para.page, bbox=para.bbox)
    unit = row.cells[0]
    start = para.text.find(unit.text, cursor.get(line, 0))
    if start < 0:
        start = para.text.find(unit.text)
    cells = [replace(c, where=at) for c in row.cells]
    if unit.text and start >= 0:
        cursor[line] = start + len(unit.text)
        cells[0] = replace(unit, where=Where(page=para.page,
                                             bbox=_span(para, start, start + len(unit.text))))
    return Row(tuple(cells), at)


def _span(para: Line, start: int, end: int):
    """The box of the printed lines that hold characters *start*…*end* of the
    paragraph's text (its lines joined with one space)."""
    boxes, at = [], 0
    for text, box in para.lines():
        if at < end and start < at + len(text):
            boxes.append(box)
        at += len(text) + 1
    boxes = boxes or [para.bbox]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))
