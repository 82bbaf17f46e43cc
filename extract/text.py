"""Read a text dump of a portal page (or the text of an HTML page) into a Document."""
from __future__ import annotations

from . import cells, layout, pipes, prose
from .metadata import metadata
from .model import Document, Source, Table


def read_text(text: str, source: Source) -> Document:
    items = cells.items_of(text)
    parsed = cells.find_tables(items, source)
    taken = {k for p in parsed for k in range(p.first, p.last + 1)}
    others = _other_layouts(text, source, taken, items)
    taken |= _pipe_rows_taken(items, others)
    heads, paras = layout.headings_and_paragraphs(items, taken)
    tables = [(items[p.first].line, p.table) for p in parsed]
    tables += [(t.where.line or 0, t) for t in others]
    tables.sort(key=lambda pair: pair[0])
    placed = [layout.place(t, heads) for _, t in tables]
    return Document(source=source, meta=metadata(paras, placed), tables=tuple(placed),
                    paragraphs=tuple(paras), headings=tuple(heads))


def _pipe_rows_taken(items, tables: list[Table]) -> set[int]:
    """The lines of a pipe table are not paragraphs: from its first line on, every
    line ending in "|".  (A prose table's lines do not, and stay paragraphs.)"""
    index = {it.line: k for k, it in enumerate(items)}
    out: set[int] = set()
    for t in tables:
        k = index.get(t.where.line or 0)
        while k is not None and k < len(items) and items[k].text.endswith("|"):
            out.add(k)
            k += 1
    return out


def _other_layouts(text: str, source: Source, taken: set[int], items) -> list[Table]:
    """Pipe-separated tables and prose results, for the parts no cell table took."""
    out = pipes.find_tables(text, source)
    if not out and not taken:
        out = prose.find_tables(text, source)
    return out
