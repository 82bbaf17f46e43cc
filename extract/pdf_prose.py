"""Results printed as prose in a PDF (a news article): the PDF's paragraphs read by
the text reader's prose rules (extract/prose.py), each row and cell given the page
and box of the paragraph it was read from."""
from __future__ import annotations

from dataclasses import replace

from . import layout, prose
from .model import Heading, Row, Source, Table, Where
from .pdf_text import Line


def prose_tables(paras: list[Line], numbers: list[int], source: Source,
                 heads: list[Heading]) -> list[Table]:
    """Score tables from the paragraphs (*numbers*: their reading-order numbers,
    which the headings carry as lines), titled by the headings as in a text dump."""
    text = "\n".join(p.text for p in paras)
    where = {k: (p, n) for k, (p, n) in enumerate(zip(paras, numbers), 1)}
    out = []
    for table in prose.find_tables(text, source):
        rows = tuple(_located(r, where) for r in table.rows)
        line = where[table.where.line][1]
        placed = layout.place(table.with_(where=Where(line=line)), heads)
        out.append(placed.with_(rows=rows, where=rows[0].where))
    return out


def _located(row: Row, where) -> Row:
    para = where[row.where.line][0]
    at = Where(page=para.page, bbox=para.bbox)
    return Row(tuple(replace(c, where=at) for c in row.cells), at)
