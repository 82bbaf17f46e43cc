"""A Word document (.docx) as blocks of text and neutral grids, in document order.

    package ─python-docx─▶ main part, styles, list numbering
            main part ─lxml (no network, DTD or entities)─▶ body
            body ─walk─▶ paragraphs (text boxes first), tables
            tables ─table_grid─▶ Grid (gridSpan, vMerge, gridBefore as spans)
                   ─read_grid─▶ [blocks, Table, blocks] or None (a layout table,
                                read through cell by cell like running text)

Provenance: a paragraph is ``p[k]``, the k-th ``w:p`` of the body in document
order, table cells and text boxes included (``paragraph=k``); a table is
``table[k]``, the k-th ``w:tbl`` in document order, nested ones included; a cell is
``table[k]/tr[r]/tc[c]`` (its ``w:tc`` element) with ``table``, ``row`` and ``col``
(its grid column after spans, 1-based) and the ``paragraph`` its text starts in.

Word keeps a text box twice (DrawingML and a VML fallback): only the first is read.
Grid columns a few twips wide (left by moving a border a hair) are dropped, so the
cells above and below them line up as printed.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import docx
import lxml.etree as etree
from docx.oxml.ns import qn

from ..grid.patterns import CAPTION
from ..grid import Grid, GridCell, read_grid
from ..html.tables import Block
from ..model import Table, Where
from .numbering import labels as list_labels

SLIVER = 30                       # twips (1/20 pt): a grid column narrower than this is no column
_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT, _TXBX, _R = qn("w:sdt"), qn("w:sdtContent"), qn("w:txbxContent"), qn("w:r")
_VANISH = qn("w:vanish")
_CUSTOM = qn("w:customXml")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT = {qn("w:t"): None, qn("w:tab"): " ", qn("w:br"): "\n", qn("w:cr"): "\n",
         qn("w:noBreakHyphen"): "-", qn("w:softHyphen"): ""}


@dataclass(frozen=True)
class Body:
    """The numbering every provenance refers to, and the styles' names."""

    paragraphs: dict          # w:p element → k (1-based, document order)
    tables: dict              # w:tbl element → k
    styles: dict              # style id → style name
    source: object            # the Source the tables are read for
    labels: dict = None       # w:p element → the list number Word prints before it


def word_events(data: bytes, source) -> list:
    """Blocks and Tables in document order (for html.assemble)."""
    document = docx.Document(io.BytesIO(data))
    body = main_body(data, document)
    for fallback in list(body.iter(_FALLBACK)):
        fallback.getparent().remove(fallback)
    numbers = Body({p: k for k, p in enumerate(body.iter(_P), 1)},
                   {t: k for k, t in enumerate(body.iter(_TBL), 1)}, _styles(document), source,
                   list_labels(document, body))
    out: list = []
    walk(body, numbers, out)
    return [Block(e.text, e.path, e.where) if isinstance(e, TitleBlock) else e for e in out]


def main_body(data: bytes, document):
    """The main part's w:body parsed again by plain lxml (python-docx's element classes
    make a large document slow): no network, no DTD, no entities."""
    name = str(document.part.partname).lstrip("/")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read(name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_blank_text=True)
    return etree.fromstring(xml, parser).find(qn("w:body"))


def _styles(document) -> dict:
    styles = document.styles.element
    out = {}
    for st in styles.iter(qn("w:style")):
        name = st.find(qn("w:name"))
        out[st.get(qn("w:styleId"))] = (name.get(qn("w:val")) if name is not None else "") or ""
    return out


# ---------------------------------------------------------------- the walk

def walk(container, numbers: Body, out: list) -> None:
    """Blocks and tables of *container* (the body, a cell, a text box), in order, onto *out*."""
    for el in blocks_of(container):
        if el.tag == _P:
            paragraph_blocks(el, numbers, out)
        else:
            table_events(el, numbers, out)


def blocks_of(container):
    """w:p and w:tbl children, looking through content controls and custom XML."""
    for el in container:
        if el.tag in (_P, _TBL):
            yield el
        elif el.tag in (_SDT, _CUSTOM):
            inner = el.find(_SDT_CONTENT) if el.tag == _SDT else el
            if inner is not None:
                yield from blocks_of(inner)


def paragraph_blocks(p, numbers: Body, out: list) -> None:
    """The paragraph's text boxes (their own paragraphs and tables), then its text."""
    for box in text_boxes(p):
        start = len(out)
        walk(box, numbers, out)
        out[start:] = [TitleBlock(e.text, e.path, e.where) if type(e) is Block else e
                       for e in out[start:]]
    k = numbers.paragraphs.get(p)
    kind = TitleBlock if numbers.styles.get(_style_id(p), "").lower() == "caption" else Block
    where = Where(path=f"p[{k}]", paragraph=k)
    for line in paragraph_lines(p, numbers.labels):   # a line break parts lines, as <br>
        out.append(kind(line, where.path, where))


@dataclass(frozen=True)
class TitleBlock(Block):
    """A paragraph Word marks as a table's title: a text box, or the Caption style."""


def text_boxes(p):
    """The w:txbxContent elements anchored in *p* (not those inside them)."""
    return [box for box in p.iter(_TXBX) if _box_of(box, p) is None]


def _box_of(el, p):
    """The nearest text box holding *el* inside paragraph *p*, or None."""
    for up in el.iterancestors():
        if up is p:
            return None
        if up.tag == _TXBX:
            return up
    return None


def paragraph_text(p) -> str:
    """The paragraph's printed text, whitespace collapsed; text boxes left out."""
    return " ".join(paragraph_lines(p))


def paragraph_lines(p, labels: dict | None = None) -> list[str]:
    """The paragraph's printed lines (parted by line breaks), whitespace collapsed, the
    list number Word prints before it first; hidden runs and text boxes left out."""
    label = (labels or {}).get(p)
    parts: list[str] = [label + " "] if label else []
    boxed = next(p.iter(_TXBX), None) is not None
    hidden = {r for r in p.iter(_R) if _hidden(r)} if next(p.iter(_VANISH), None) is not None else ()
    for el in p.iter(*_TEXT):
        if (hidden and el.getparent() in hidden) or (boxed and _box_of(el, p) is not None):
            continue
        parts.append(el.text or "" if _TEXT[el.tag] is None else _TEXT[el.tag])
    return [t for t in (" ".join(line.split()) for line in "".join(parts).split("\n")) if t]


def _hidden(run) -> bool:
    """A run formatted as hidden text (w:vanish) is not printed."""
    props = run.find(qn("w:rPr"))
    vanish = props.find(_VANISH) if props is not None else None
    return vanish is not None and vanish.get(qn("w:val"), "true") not in ("0", "false", "off")


def _style_id(p) -> str:
    ppr = p.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else ""


# ---------------------------------------------------------------- a table

def table_events(tbl, numbers: Body, out: list) -> None:
    """A data table (and the blocks the interpreter found around it), then the tables
    nested in its cells; a layout table is read through, cell by cell.  A title Word
    marks as such (a text box, the Caption style) right above the table is its caption."""
    title = out.pop() if out and _is_title(out[-1]) else None
    grid, cells = table_grid(tbl, numbers, title.text if title else None)
    earlier = [e for e in out if isinstance(e, Table)]
    found = read_grid(grid, numbers.source, earlier)
    if found is None:
        out.extend([title] if title else [])
        for tc in cells:
            walk(tc, numbers, out)
        return
    out.extend(found)
    for tc in cells:
        for inner in tc.iter(_TBL):
            if _owner_table(inner) is tbl:
                table_events(inner, numbers, out)


def _is_title(event) -> bool:
    """A text box or Caption-style paragraph, or a "Bảng 3. …" line, right above a table."""
    return isinstance(event, TitleBlock) or (isinstance(event, Block) and bool(CAPTION.match(event.text)))


def _owner_table(tbl):
    el = tbl.getparent()
    while el is not None and el.tag != _TBL:
        el = el.getparent()
    return el


@dataclass(frozen=True)
class Placed:
    """One w:tc where the grid puts it: row, first grid column, columns spanned."""

    tc: object
    row: int
    col: int
    span: int
    merge: str | None             # vMerge: "restart", "continue" or None
    index: int                    # its position among the row's w:tc (1-based)


def table_grid(tbl, numbers: Body, caption: str | None = None) -> tuple[Grid, list]:
    """The table as a neutral Grid, and its w:tc elements in order."""
    k = numbers.tables[tbl]
    rows = [tr for tr in tbl if tr.tag == _TR] + [
        tr for sdt in tbl.iter(_SDT) if sdt.getparent() is tbl for tr in sdt.iter(_TR)]
    placed = [place_row(tr, r) for r, tr in enumerate(rows)]
    keep = kept_columns(tbl, placed)
    spans = row_spans(placed)
    printed, all_tcs = [], []
    for r, row in enumerate(placed):
        out = []
        for cell in row:
            all_tcs.append(cell.tc)
            if (r, cell.col) in spans["covered"]:
                continue
            width = sum(1 for c in range(cell.col, cell.col + cell.span) if keep.get(c, True))
            if width == 0:
                continue
            out.append(grid_cell(cell, k, numbers, width, spans.get((r, cell.col), 1), keep))
        printed.append(out)
    row_where = tuple(_row_where(tr, k, r, numbers) for r, tr in enumerate(rows))
    first = next(iter(tbl.iter(_P)), None)
    grid = Grid.from_rows(printed, where=Where(path=f"table[{k}]", table=k,
                                               paragraph=numbers.paragraphs.get(first)),
                          caption=caption, origin="docx", index=k, row_where=row_where)
    return grid, all_tcs


def place_row(tr, r: int) -> list[Placed]:
    """The row's cells at their grid columns (gridBefore leaves columns empty first)."""
    col = _grid_before(tr)
    out = []
    tcs = [el for el in tr if el.tag == _TC] + [
        tc for sdt in tr if sdt.tag == _SDT for tc in sdt.iter(_TC)]
    for j, tc in enumerate(tcs, 1):
        span = max(1, min(_number(_prop(tc, "w:tcPr", "w:gridSpan"), 1), 64))
        merge = _merge(tc)
        out.append(Placed(tc, r, col, span, merge, j))
        col += span
    return out


def _grid_before(tr) -> int:
    return max(0, min(_number(_prop(tr, "w:trPr", "w:gridBefore"), 0), 64))


def _prop(el, props: str, name: str):
    """The w:val of a cell's or row's property element; "" when present without one."""
    found = el.find(qn(props))
    found = found.find(qn(name)) if found is not None else None
    return None if found is None else found.get(qn("w:val"), "")


def _number(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _merge(tc) -> str | None:
    """vMerge: "restart", "continue" (also when written without a value) or None."""
    value = _prop(tc, "w:tcPr", "w:vMerge")
    return None if value is None else (value or "continue")


def row_spans(placed: list[list[Placed]]) -> dict:
    """{(row, col): rowspan} of each vMerge restart, counting the continue cells
    below it at the same grid column; "covered" holds the continue cells taken.
    A continue cell with nothing to continue stays an ordinary cell."""
    spans: dict = {}
    covered: set = set()
    open_at: dict[int, tuple[int, int]] = {}           # col → (row, span) of the open restart
    for r, row in enumerate(placed):
        seen = set()
        for cell in row:
            seen.add(cell.col)
            if cell.merge == "continue" and cell.col in open_at and open_at[cell.col][1] == cell.span:
                start = open_at[cell.col][0]
                spans[(start, cell.col)] = spans.get((start, cell.col), 1) + 1
                covered.add((r, cell.col))
                continue
            if cell.merge == "restart":
                open_at[cell.col] = (r, cell.span)
            else:
                open_at.pop(cell.col, None)
        for col in list(open_at):
            if col not in seen:
                open_at.pop(col)
    spans["covered"] = covered
    return spans


def kept_columns(tbl, placed: list[list[Placed]]) -> dict[int, bool]:
    """Grid columns to keep: all but the slivers no printed text lies wholly inside."""
    grid = tbl.find(qn("w:tblGrid"))
    widths = [int(g.get(qn("w:w")) or 0) for g in grid.iter(qn("w:gridCol"))] if grid is not None else []
    if not widths or all(w < SLIVER for w in widths):
        return {}
    keep = {c: w >= SLIVER for c, w in enumerate(widths)}
    for row in placed:
        for cell in row:
            cols = range(cell.col, cell.col + cell.span)
            if not any(keep.get(c, True) for c in cols) and paragraph_text_of(cell.tc):
                for c in cols:
                    keep[c] = True
    return keep


def paragraph_text_of(tc) -> str:
    return " ".join(t for t in (paragraph_text(p) for p in tc if p.tag == _P) if t)


def grid_cell(cell: Placed, k: int, numbers: Body, width: int, rowspan: int,
              keep: dict[int, bool]) -> GridCell:
    lines = tuple(t for p in cell_paragraphs(cell.tc) for t in paragraph_lines(p, numbers.labels))
    col = sum(1 for c in range(cell.col) if keep.get(c, True)) + 1
    first = next(iter(cell.tc.iter(_P)), None)
    where = Where(path=f"table[{k}]/tr[{cell.row + 1}]/tc[{cell.index}]", table=k,
                  row=cell.row + 1, col=col, paragraph=numbers.paragraphs.get(first))
    return GridCell(" ".join(lines), where, rowspan=rowspan, colspan=width, lines=lines)


def cell_paragraphs(tc):
    """The cell's own paragraphs (through content controls), not those of nested tables."""
    return [el for el in blocks_of(tc) if el.tag == _P]


def _row_where(tr, k: int, r: int, numbers: Body) -> Where:
    first = next(iter(tr.iter(_P)), None)
    return Where(path=f"table[{k}]/tr[{r + 1}]", table=k, row=r + 1,
                 paragraph=numbers.paragraphs.get(first))
