"""Read a saved legal-portal page (thuvienphapluat, vbpl, ministry sites) into a Document.

    page ─parse─▶ tree ─content─▶ the document's container ─walk─▶ blocks and tables
         ─grid─▶ each <table> with its spans expanded ─header─▶ columns ─interpret─▶ Tables

Parsing is safe by construction: lxml's HTML parser with no network access, no
huge trees, comments and processing instructions dropped; it never loads a
DTD or expands an entity, and a page that declares entities is refused.
Nesting deeper than the parser's limit (256 levels) is refused too: the
parser would silently drop what lies below it.

Provenance of a cell is its path ``table[k]/tr[r]/td[c]``: the k-th <table>
of the page (all tables, in document order, as ``(//table)[k]``), its r-th own
row (through thead/tbody/tfoot), the c-th cell of that row (td and th counted
together, named by their tag); all 1-based.  Paragraphs carry their XPath.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import lxml.etree as etree
import lxml.html

from . import layout, pipes
from .cells import CAPTION, Item, is_band, is_numeric
from .errors import UnreadableInput, UnsafeMarkup
from .interpret import column_number, columns_from_grid, interpret, label_role
from .metadata import metadata
from .model import Cell, Column, Document, Heading, Paragraph, Row, RowGroup, Source, Table, Where

MAX_DEPTH = 256          # libxml2's own limit when huge_tree is off
MAX_SPAN = 1000          # the HTML standard's ceiling for colspan

_ID = re.compile(r"^\d+(?:\.\d+)*\.?$")
_ENTITY = re.compile(r"<!ENTITY\s[^>]{0,200}>?", re.I)
_EXTERNAL = re.compile(r"\b(SYSTEM|PUBLIC)\b", re.I)

#: Containers portals put the decision in (first match wins).
CONTENT = (
    "//*[@id='divContentDoc']", "//*[contains(concat(' ', @class, ' '), ' content1 ')]",
    "//*[@id='toanvancontent']", "//*[contains(concat(' ', @class, ' '), ' fulltext ')]",
    "//article", "//main",
)
_SKIP_TAGS = {"head", "script", "style", "noscript", "template", "iframe", "object", "embed",
              "select", "button", "input", "textarea", "svg", "math", "nav", "aside"}
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
               "dd", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "center",
               "blockquote", "section", "article", "header", "footer", "main", "pre", "address",
               "hr", "form", "body", "figure", "figcaption"}
#: id/class words of page furniture: menus, related documents, footers, share bars.
_FURNITURE = re.compile(
    r"(^|[\s_-])(menu|nav|navbar|breadcrumbs?|footer|header|sidebar|related|lienquan|"
    r"vblienquan|share|social|comments?|banner|quangcao|ads?|login|search|toolbar)($|[\s_-])", re.I)
_FURNITURE_TEXT = re.compile(r"^Đang tải nội dung|^Go top$|^\d+ Go top$")


# ---------------------------------------------------------------- the recipe

def read_html(text: str, source: Source) -> Document:
    """The page's score and rubric tables, headings, paragraphs and metadata."""
    refuse_entities(text, source.path)
    root = parse(text, source.path)
    numbers = {el: k for k, el in enumerate(root.iter("table"), 1)}
    events = list(walk(content_root(root), numbers, source))
    if not any(isinstance(e, Table) for e in events):
        return _as_text(events, source)
    return assemble(events, source)


def refuse_entities(text: str, path: str) -> None:
    """Entity declarations have no place in a web page; refuse before parsing."""
    m = _ENTITY.search(text)
    if m:
        decl = " ".join(m.group(0).split())[:90]
        what = "an external entity" if _EXTERNAL.search(decl) else "an entity"
        raise UnsafeMarkup(path, f"the page declares {what} ({decl}); refused: entities are "
                                 f"never expanded and nothing is fetched",
                           line=text.count("\n", 0, m.start()) + 1)


def parse(text: str, path: str):
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, huge_tree=False,
                                  remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as err:
        raise UnreadableInput(path, f"not a readable HTML page ({err})") from None
    for e in parser.error_log:
        if e.type_name == "ERR_RESOURCE_LIMIT" or "depth" in e.message.lower():
            raise UnsafeMarkup(path, f"elements nested more than {MAX_DEPTH} levels deep; refused "
                                     f"(a real page nests a few dozen)", line=e.line)
    return root


def content_root(root):
    """The element holding the decision itself, or the whole body."""
    for query in CONTENT:
        found = root.xpath(query)
        if found:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


# ---------------------------------------------------------------- blocks and tables

@dataclass(frozen=True)
class Block:
    """One line of the page's running text (a paragraph, or a <br>-separated line)."""

    text: str
    path: str


def walk(top, numbers: dict, source: Source):
    """Blocks of text and data tables in document order.  A table that is not a
    data table (a letterhead, a page layout) is walked through like a <div>."""
    tree = top.getroottree()
    earlier: list[Table] = []
    parts: list[str] = []
    owners = [top]
    skipping = None
    for event, el in etree.iterwalk(top, events=("start", "end")):
        if skipping is not None:
            if event == "end" and el is skipping:
                skipping = None
                parts.append(el.tail or "")
            continue
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if _is_furniture(el, tag, top):
                skipping = el
                continue
            if tag == "table":
                found = read_table(el, numbers.get(el, 0), source, earlier)
                if found is not None:
                    earlier += [x for x in found if isinstance(x, Table)]
                    yield from _flush(parts, owners, tree)
                    yield from found
                    skipping = el
                    continue
            if tag == "br" or tag in _BLOCK_TAGS:
                yield from _flush(parts, owners, tree)
            if tag in _BLOCK_TAGS:
                owners.append(el)
            parts.append(el.text or "")
        else:
            if tag in _BLOCK_TAGS:
                yield from _flush(parts, owners, tree)
                owners.pop()
            parts.append(el.tail or "")
    yield from _flush(parts, owners, tree)


def _flush(parts: list[str], owners: list, tree):
    text = " ".join("".join(parts).split())
    parts.clear()
    if text and not _FURNITURE_TEXT.match(text):
        yield Block(text, tree.getpath(owners[-1]))


def _is_furniture(el, tag: str, top) -> bool:
    if el is top:
        return False
    if tag in _SKIP_TAGS or not tag:
        return tag != ""
    if tag in ("header", "footer", "div", "ul", "section", "span"):
        names = f"{el.get('id', '')} {el.get('class', '')}"
        return tag in ("header", "footer") or bool(_FURNITURE.search(names))
    return False


# ---------------------------------------------------------------- a <table> as a grid

@dataclass(frozen=True)
class Slot:
    """One position of a table's grid: the printed cell covering it."""

    text: str
    key: tuple[int, int] | None      # (row, cell) of the printed cell; None: nothing printed
    where: Where = Where()
    first: bool = True               # the printed cell's own top-left position
    colspan: int = 1
    rowspan: int = 1


EMPTY = Slot("", None)


def own_rows(table) -> list:
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def cell_text(cell) -> str:
    """The cell's text, whitespace collapsed (&nbsp; and <br> are spaces); a table
    nested in the cell is not part of it."""
    parts, skipping = [], None
    for event, el in etree.iterwalk(cell, events=("start", "end")):
        if skipping is not None:
            if event == "end" and el is skipping:
                skipping = None
                parts.append(el.tail or "")
            continue
        if event == "start":
            if el is not cell and el.tag in ("table", "script", "style"):
                skipping = el
                continue
            parts.append(" " if el.tag == "br" else "")
            parts.append(el.text or "")
        elif el is not cell:
            parts.append(el.tail or "")
    return " ".join("".join(parts).split())


def _span(cell, name: str, limit: int) -> int:
    m = re.match(r"\s*(\d+)", cell.get(name, "") or "")
    value = int(m.group(1)) if m else 1
    return max(1, min(value if value else limit, limit))


def table_grid(table, k: int) -> list[list[Slot]]:
    """The table's own rows with rowspans and colspans expanded."""
    rows = own_rows(table)
    taken: dict[tuple[int, int], Slot] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for j, td in enumerate(tr.xpath("./td | ./th")):
            while (r, c) in taken:
                c += 1
            cs, rs = _span(td, "colspan", MAX_SPAN), _span(td, "rowspan", len(rows) - r)
            slot = Slot(cell_text(td), (r, j), Where(path=f"table[{k}]/tr[{r + 1}]/{td.tag}[{j + 1}]"),
                        True, cs, rs)
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, c + dc)] = slot if not (dr or dc) else replace(slot, first=False)
            c += cs
            width = max(width, c)
    return [[taken.get((r, c), EMPTY) for c in range(width)] for r in range(len(rows))]


# ---------------------------------------------------------------- a grid as a Table

def read_table(el, k: int, source: Source, earlier: list[Table]) -> list | None:
    """[blocks before, Table, blocks after] for a data table; None for layout."""
    grid = table_grid(el, k)
    if not grid or not grid[0]:
        return None
    h0 = header_start(grid)
    if h0 is None:
        return headerless(grid, k, source, earlier)
    end = header_end(grid, h0)
    numbering = numbering_of(grid[end]) if end < len(grid) else None
    rows, groups, after = body_rows(grid, end + (1 if numbering else 0), k)
    if not rows:
        return None
    kind, columns, sums = header_columns(grid, h0, end, numbering, rows)
    table = Table(source=source, rows=tuple(rows), columns=tuple(columns), kind=kind,
                  row_groups=tuple(groups), sums=tuple(sums),
                  numbering=tuple(n for n in numbering or () if n), where=Where(path=f"table[{k}]"),
                  truncated=_cut_short(grid[-1]), caption=_caption_element(el),
                  header=tuple(Cell(s.text, s.where) for row in grid[h0:end] for s in row
                               if s.first and s.text))
    before = [Block(s.text, s.where.path) for row in grid[:h0] for s in row if s.first and s.text]
    return before + [table] + after


def header_columns(grid, h0: int, end: int, numbering, rows: list[Row]):
    """(kind, columns, sums) from the printed header rows."""
    if _is_form(grid[h0], grid):
        return "other", pipes.form_columns([s.text for s in grid[h0]]), []
    header = [[(s.text, s.key) for s in row] for row in grid[h0:end]]
    kind, columns, sums = interpret(columns_from_grid(header, numbering))
    return kind, pipes.counts_are_not_criteria(columns, rows), sums


def headerless(grid, k: int, source: Source, earlier: list[Table]) -> list | None:
    """A table printed without a header continues the last table of its width
    (a rubric split over pages), when its rows start with criterion ids."""
    rows, groups, after = body_rows(grid, 0, k)
    ids = [bool(_ID.match(r.cells[0].text)) for r in rows]
    columns = pipes.inherited_columns(len(grid[0]), earlier)
    if not rows or not ids[0] or sum(ids) < 2 or columns is None:
        return None
    kind, columns, sums = interpret(columns)
    return [Table(source=source, rows=tuple(rows), columns=tuple(columns), kind=kind,
                  row_groups=tuple(groups), sums=tuple(sums), where=Where(path=f"table[{k}]"),
                  truncated=_cut_short(grid[-1]))] + after


def header_start(grid: list[list[Slot]]) -> int | None:
    """The first row (of the first six) that reads as a header: a row-number label
    ("TT", "STT") then labels; labels naming two known roles; or a form's header."""
    for r, row in enumerate(grid[:6]):
        texts = [s.text for s in row if s.first and s.text]
        if not texts:
            continue
        roles = [label_role(t) for t in texts]
        known = {x for x in roles if x not in ("component", "group")}
        labels = not any(is_numeric(t) or _ID.match(t) or len(t) > 90 for t in texts)
        if (roles[0] == "row_no" and len(texts) >= 2) or (labels and len(known) >= 2) \
                or _is_form(row, grid):
            return r
    return None


def _is_form(row: list[Slot], grid: list[list[Slot]]) -> bool:
    """"1 | Thông tin Sở/ban/ngành | Đơn vị | Nội dung/Số lượng": the pipe reader's rule."""
    def line(cells: list[Slot]) -> pipes.PipeLine:
        return pipes.PipeLine(0, tuple(Cell(s.text) for s in cells if s.first))
    return pipes.is_form_header(line(row), [line(x) for x in grid])


def header_end(grid: list[list[Slot]], h0: int) -> int:
    """One past the header's last row: every row its rowspans reach, and rows of
    labels under a spanning group ("Điểm" over the component labels)."""
    end = h0 + 1
    while True:
        reach = max(r + s.rowspan for r in range(h0, end) for s in grid[r] if s.first)
        if reach > end:
            end = reach
        elif end < len(grid) and _sub_header(grid, end):
            end += 1
        else:
            return min(end, len(grid))


def _sub_header(grid: list[list[Slot]], r: int) -> bool:
    above = any(s.colspan > 1 for s in grid[r - 1])
    texts = [s.text for s in grid[r] if s.first and s.text]
    return (above and bool(texts) and numbering_of(grid[r]) is None
            and not any(is_numeric(t) or is_band(t) for t in texts))


def numbering_of(row: list[Slot]) -> list[str | None] | None:
    """The printed column numbers "(1)".."(n)" per column, or None for another row."""
    texts = [s.text for s in row if s.first and s.text]
    if len(texts) < 2 or any(column_number(t) is None for t in texts):
        return None
    return [s.text if s.first and s.text else None for s in row]


def body_rows(grid: list[list[Slot]], start: int, k: int):
    """Rows, row groups (grade bands, full-width section rows) and trailing notes."""
    rows: list[Row] = []
    groups: list[RowGroup] = []
    open_group: tuple[str, int] | None = None
    pending: list[Block] = []
    width = len(grid[0])
    for r in range(start, len(grid)):
        printed = [s for s in grid[r] if s.first and s.text]
        if not any(s.key is not None for s in grid[r]):
            continue
        if len(printed) == 1 and (is_band(printed[0].text) or printed[0].colspan >= width > 1):
            _close(groups, open_group, len(rows))
            open_group = (printed[0].text, len(rows))
            pending = [Block(printed[0].text, printed[0].where.path)]
            continue
        pending = []
        cells = tuple(Cell(s.text, s.where) if s.first else Cell("") for s in grid[r])
        rows.append(Row(cells, Where(path=f"table[{k}]/tr[{r + 1}]")))
    _close(groups, open_group, len(rows))
    return rows, groups, pending


def _close(groups: list[RowGroup], group: tuple[str, int] | None, nrows: int) -> None:
    if group and nrows > group[1]:
        groups.append(RowGroup(group[0], group[1], nrows - 1))


def _cut_short(last: list[Slot]) -> bool:
    """The last row stops before the last column: nothing printed in its final positions."""
    return bool(last) and last[-1].key is None and any(s.key is not None for s in last)


def _caption_element(el) -> str | None:
    found = el.xpath("./caption")
    return cell_text(found[0]) or None if found else None


# ---------------------------------------------------------------- the Document

def assemble(events: list, source: Source) -> Document:
    """Captions, headings, titles and sections, metadata — the text reader's rules."""
    events = attach_captions(events)
    blocks = [(n, e) for n, e in enumerate(events, 1) if isinstance(e, Block)]
    items = [Item(n, b.text) for n, b in blocks]
    heads, paras = layout.headings_and_paragraphs(items, set())
    paths = {n: b.path for n, b in blocks}
    tables = []
    for n, e in enumerate(events, 1):
        if isinstance(e, Table):
            placed = layout.place(e.with_(where=Where(line=n)), heads)
            tables.append(placed.with_(where=e.where))
    tables = continue_headerless(tables)
    heads = [Heading(h.text, Where(path=paths[h.where.line]), h.level) for h in heads]
    paras = [Paragraph(p.text, Where(path=paths[p.where.line])) for p in paras]
    return Document(source=source, meta=metadata(paras, tables), tables=tuple(tables),
                    paragraphs=tuple(paras), headings=tuple(heads))


def attach_captions(events: list) -> list:
    """A "Bảng 1. …" line right after a table is its caption."""
    out: list = []
    for e in events:
        last = out[-1] if out else None
        if (isinstance(e, Block) and isinstance(last, Table) and last.caption is None
                and CAPTION.match(e.text)):
            out[-1] = last.with_(caption=e.text)
            continue
        out.append(e)
    return out


def continue_headerless(tables: list[Table]) -> list[Table]:
    return tables


def _as_text(events: list, source: Source) -> Document:
    """No <table> holds data: read the page's running text as a text dump (prose
    results, tables printed one cell per line or with pipes)."""
    from .text import read_text
    blocks = [e for e in events if isinstance(e, Block)]
    doc = read_text("\n".join(b.text for b in blocks), source)
    return relocate(doc, [b.path for b in blocks])


def relocate(doc: Document, paths: list[str]) -> Document:
    """Line numbers of the page's text → the XPath of the paragraph they came from."""
    def where(w: Where) -> Where:
        return Where(path=paths[w.line - 1]) if w.line else w

    def table(t: Table) -> Table:
        rows = tuple(Row(tuple(Cell(c.text, where(c.where)) for c in r.cells), where(r.where))
                     for r in t.rows)
        groups = tuple(replace(g, line=None) for g in t.row_groups)
        header = tuple(Cell(c.text, where(c.where)) for c in t.header)
        return t.with_(rows=rows, row_groups=groups, header=header, where=where(t.where))

    return replace(doc, tables=tuple(table(t) for t in doc.tables),
                   paragraphs=tuple(Paragraph(p.text, where(p.where)) for p in doc.paragraphs),
                   headings=tuple(Heading(h.text, where(h.where), h.level) for h in doc.headings))


__all__ = ["read_html", "table_grid", "cell_text", "Block", "Slot"]
