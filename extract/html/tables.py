"""The <table>s of a saved page as neutral grids (extract/grid), spans kept; the
grid interpreter finds the header, names the columns, reads rows and grade
bands — or says the table is layout.

A cell's provenance is ``table[k]/tr[r]/td[c]``: the k-th <table> of the page
(``(//table)[k]``), its r-th own row (through thead/tbody/tfoot), the c-th cell
of that row (td and th counted together, named by their tag); all 1-based.
A position covered by another cell's rowspan or colspan reads "" and has no
path: the text was printed once, where the spanning cell starts.
"""
from __future__ import annotations

import re

import lxml.etree as etree

from ..errors import UnsafeMarkup
from ..grid import Grid, GridCell, read_grid
from ..grid.body import Block
from ..model import Source, Table, Where

MAX_SPAN = 1000          # the HTML standard's ceiling for colspan
MAX_POSITIONS = 250_000  # a decision's largest table has a few thousand cells

# ---------------------------------------------------------------- a <table> as a grid

def own_rows(table) -> list:
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def pruned(top, skip):
    """``iterwalk`` start/end events of *top*'s tree without the subtrees for which
    ``skip(element)`` is true; each pruned element gives one ("pruned", el) event
    where its end is, so its tail text still comes in order.  Iterative: no
    recursion however deep the tree."""
    pruning = None
    for event, el in etree.iterwalk(top, events=("start", "end")):
        if pruning is not None:
            if event == "end" and el is pruning:
                pruning = None
                yield "pruned", el
        elif event == "start" and el is not top and skip(el):
            pruning = el
        else:
            yield event, el


def cell_text(cell) -> str:
    """The cell's text, whitespace collapsed (&nbsp; is a space, and so is <br>,
    whose tail the parser prefixed with one); a table nested in the cell is not
    part of it."""
    if cell.find(".//table") is None:
        return " ".join("".join(cell.itertext()).split())
    parts = []
    for event, el in pruned(cell, lambda el: el.tag == "table"):
        if event == "start":
            parts.append(el.text or "")
        elif el is not cell:
            parts.append(el.tail or "")
    return " ".join("".join(parts).split())


def _span(cell, name: str, limit: int) -> int:
    """colspan/rowspan as a number from 1 to *limit*; rowspan="0" runs to the end."""
    m = re.match(r"\s*(\d+)", cell.get(name, "") or "")
    value = int(m.group(1)) if m else 1
    if value == 0:
        value = limit if name == "rowspan" else 1
    return max(1, min(value, limit))


def table_grid(table, k: int, path: str = "") -> Grid:
    """The table's own rows as a neutral grid, spans kept.  No span reaches
    past the table: a colspan is at most the largest number of cells a row
    prints, a rowspan at most the rows left; spans that would fill more than
    MAX_POSITIONS positions are refused."""
    rows = [tr.xpath("./td | ./th") for tr in own_rows(table)]
    most = min(MAX_SPAN, max((len(cells) for cells in rows), default=1))
    printed: list[list[GridCell]] = []
    positions = 0
    for r, cells in enumerate(rows):
        out = []
        for j, td in enumerate(cells):
            cs, rs = _span(td, "colspan", most), _span(td, "rowspan", len(rows) - r)
            positions += cs * rs
            if positions > MAX_POSITIONS:
                raise UnsafeMarkup(path, f"table[{k}]: its rowspans and colspans make a grid of "
                                         f"more than {MAX_POSITIONS:,} cells; refused")
            out.append(GridCell(cell_text(td), Where(path=f"table[{k}]/tr[{r + 1}]/{td.tag}[{j + 1}]"),
                                rowspan=rs, colspan=cs, lines=_paragraphs(td)))
        printed.append(out)
    return Grid.from_rows(printed, where=Where(path=f"table[{k}]"), caption=_caption_element(table),
                          origin="html", index=k,
                          row_where=tuple(Where(path=f"table[{k}]/tr[{r + 1}]") for r in range(len(rows))))


def _paragraphs(td) -> tuple[str, ...]:
    found = td.xpath("./p | ./div")
    return tuple(t for t in (cell_text(p) for p in found) if t) if found else ()


# ---------------------------------------------------------------- a grid as a Table

def read_table(el, k: int, source: Source, earlier: list[Table]) -> list | None:
    """[blocks before, Table, blocks after] for a data table; None for layout."""
    return read_grid(table_grid(el, k, source.path), source, earlier)


def _caption_element(el) -> str | None:
    found = el.xpath("./caption")
    return cell_text(found[0]) or None if found else None


__all__ = ["Block", "read_table", "table_grid", "cell_text", "own_rows", "pruned"]
