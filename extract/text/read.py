"""Read a text dump of a portal page (or the text of an HTML page) into a Document.

Three table layouts are read, each where the others did not: tables printed one
cell per line under a "TT"/"STT" header (extract/text/cells.py), pipe-separated rows
(extract/text/pipes.py), and lists found by their repetition — dashboards, and one-cell-
per-line tables whose header the first reader cannot take (extract/text/lists.py).
"""
from __future__ import annotations

from .. import layout
from ..prose import read as prose
from . import cells, lists, pipes
from ..metadata import metadata
from ..model import Document, Source, Table


def read_text(text: str, source: Source) -> Document:
    items = cells.items_of(text)
    separated = pipes.find_separated(text, source)
    barred = {n for run, _ in separated for n in range(run.first, run.last + 1)}
    parsed = _parsed_outside(items, barred, source)
    pipe_tables = pipes.find_tables(text, source) + [t for _, t in separated]
    pipe_lines = {items[k].line for k in _pipe_rows_taken(items, pipe_tables)} | barred
    read = {items[k].line for p in parsed if not _misfit(p) for k in range(p.first, p.last + 1)}
    found = lists.find_tables(text, source, read | pipe_lines)
    parsed = [p for p in parsed if not _read_better(p, items, found)]
    taken = {k for p in parsed for k in range(p.first, p.last + 1)}
    found = [t for t in found if not lists.lines_read(t) & {items[k].line for k in taken}]
    others = pipe_tables or ([] if taken else prose.find_tables(_without(text, found), source))
    taken |= _pipe_rows_taken(items, others)
    taken |= {k for k, it in enumerate(items) if it.line in barred}
    listed = set().union(*(lists.lines_read(t) for t in found)) if found else set()
    taken |= {k for k, it in enumerate(items) if it.line in listed}
    heads, paras = layout.headings_and_paragraphs(items, taken)
    tables = [(items[p.first].line, p.table) for p in parsed]
    tables += [(t.where.line or 0, t) for t in others + found]
    tables.sort(key=lambda pair: pair[0])
    placed = [layout.place(t, heads) for _, t in tables]
    return Document(source=source, meta=metadata(paras, placed), tables=tuple(placed),
                    paragraphs=tuple(paras), headings=tuple(heads))


def _without(text: str, found: list[Table]) -> str:
    """The text with the lines of the lists blanked (line numbers kept), for the prose reader."""
    if not found:
        return text
    listed = set().union(*(lists.lines_read(t) for t in found))
    return "\n".join("" if n in listed else line for n, line in enumerate(text.split("\n"), 1))


def _read_better(p: cells.Parsed, items, found: list[Table]) -> bool:
    """A header-led table that does not fit its rows (a header label wrapped over two
    lines shifts every row) where a list read over the same lines reads them in full:
    the list stands."""
    if not _misfit(p):
        return False
    span = {items[k].line for k in range(p.first, p.last + 1)}
    return any(lists.lines_read(t) & span and len(t.rows) >= len(p.table.rows) - 1 for t in found)


def _parsed_outside(items: list[cells.Item], barred: set[int], source: Source) -> list[cells.Parsed]:
    """The header-led tables of the lines no bar-separated table holds, their first
    and last item counted among all the items."""
    kept = [it for it in items if it.line not in barred]
    index = {it.line: k for k, it in enumerate(items)}
    return [cells.Parsed(p.table, index[kept[p.first].line], index[kept[p.last].line], p.labels)
            for p in cells.find_tables(kept, source)]


def _misfit(p: cells.Parsed) -> bool:
    """Cut short, more header labels than columns and none of them a group over others
    (a label wrapped onto a second line was taken for a column), or a labelled column
    that no row fills."""
    table = p.table
    if table.truncated:
        return True
    if p.labels > len(table.columns) and not any(c.group for c in table.columns):
        return True
    return any(col.label and all(c >= len(r.cells) or not r.cells[c].text for r in table.rows)
               for c, col in enumerate(table.columns))


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
