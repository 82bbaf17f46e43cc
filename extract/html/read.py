"""Read a saved legal-portal page (thuvienphapluat, vbpl, ministry sites) into a Document.

    page ─refuse_entities─▶ ─parse─▶ tree ─content_root─▶ the decision's container
         ─walk─▶ blocks of text and data tables (html.tables) ─assemble─▶ Document

Parsing is safe by construction: lxml's HTML parser with no network access, no
huge trees, comments and processing instructions dropped; it never loads a
DTD or expands an entity, and a page that declares entities is refused.
Nesting deeper than the parser's limit (256 levels) is refused too: the
parser would silently drop what lies below it.

Page furniture is left out: the site's menus, sidebars, related documents,
header and footer (by tag, or by id/class words), scripts and styles, and the
"Đang tải nội dung…" placeholder.  Tables that hold no data (a letterhead, a
signature block, the page layout) are read through like <div>s, so a data
table nested in a layout table comes out once, on its own.

Cells carry their path ``table[k]/tr[r]/td[c]`` (see html_tables); headings
and paragraphs carry the XPath of their element.
"""
from __future__ import annotations

import re
from dataclasses import replace

import lxml.etree as etree

from .. import layout
from ..grid.patterns import CAPTION
from ..text.cells import Item
from ..errors import UnreadableInput, UnsafeMarkup
from .tables import Block, pruned, read_table
from ..metadata import metadata
from ..model import Cell, Document, Heading, Paragraph, Row, Source, Table, Where

MAX_DEPTH = 256          # libxml2's own limit when huge_tree is off

_ENTITY = re.compile(r"<!ENTITY\s[^>]{0,200}>?", re.I)
_EXTERNAL = re.compile(r"\b(SYSTEM|PUBLIC)\b", re.I)

#: Containers portals put the decision in, by priority: (attribute, word).
CONTENT = (("id", "divContentDoc"), ("class", "cldivContentDocVn"), ("class", "content1"),
           ("id", "toanvancontent"), ("class", "toanvancontent"), ("class", "fulltext"),
           ("id", "divNoiDung"), ("tag", "article"), ("tag", "main"))
_WHERE = ("[@id='divContentDoc' or @id='toanvancontent' or @id='divNoiDung' or "
          "contains(@class, 'content1') or contains(@class, 'cldivContentDocVn') or "
          "contains(@class, 'toanvancontent') or contains(@class, 'fulltext')]")
_CONTENT_QUERY = f"//div{_WHERE} | //section{_WHERE} | //td{_WHERE} | //article | //main"
_DROP = ("script", "style", "noscript", "template")
_SKIP_TAGS = {"head", "iframe", "object", "embed", "select", "button", "input", "textarea",
              "svg", "math", "nav", "aside"}
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


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse(text: str, path: str):
    """The page's tree (libxml2's HTML parser: no network, no DTD, no entities),
    with scripts and styles dropped and each <br> read as a space."""
    parser = etree.HTMLParser(encoding="utf-8", no_network=True, huge_tree=False,
                              remove_comments=True, remove_pis=True)
    # Control characters print nothing, and lxml refuses them in text it is given back
    # (a <br>'s tail below): each becomes a space, so lines and offsets stay where they were.
    text = _CONTROL.sub(" ", text)
    root = etree.fromstring(text.encode("utf-8"), parser)
    _refuse_limits(parser.error_log, path)
    if root is None:
        raise UnreadableInput(path, "not a readable HTML page: it holds no elements")
    etree.strip_elements(root, *_DROP, with_tail=False)
    for br in root.iter("br"):
        br.tail = " " + (br.tail or "")
    return root


def _refuse_limits(log, path: str) -> None:
    """The parser stops at its limits (and would quietly drop the rest): say so."""
    for e in log:
        if "depth" in e.message.lower():
            raise UnsafeMarkup(path, f"elements nested more than {MAX_DEPTH} levels deep; refused "
                                     f"(a real page nests a few dozen)", line=e.line)
        if e.type_name == "ERR_RESOURCE_LIMIT":
            what = e.message.strip().split(", try")[0].rstrip(".")
            raise UnsafeMarkup(path, f"the page exceeds the HTML parser's limits ({what}); refused",
                               line=e.line)


def content_root(root):
    """The element holding the decision itself (the first of CONTENT found), or the body."""
    found = root.xpath(_CONTENT_QUERY)
    for attr, word in CONTENT:
        for el in found:
            value = el.tag if attr == "tag" else el.get(attr, "")
            if word in value.split():
                return el
    body = root.find("body")
    return body if body is not None else root


# ---------------------------------------------------------------- blocks and tables

def walk(top, numbers: dict, source: Source):
    """Blocks of text and data tables in document order.  A table that is not a
    data table (a letterhead, a page layout) is walked through like a <div>."""
    tree, tables, earlier = top.getroottree(), {}, []

    def leave_out(el) -> bool:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            found = read_table(el, numbers.get(el, 0), source, earlier)
            if found is not None:
                tables[el] = found
                earlier.extend(x for x in found if isinstance(x, Table))
                return True
        return _is_furniture(el, tag, top)

    parts: list[str] = []
    owners = [top]
    for event, el in pruned(top, leave_out):
        block = el.tag in _BLOCK_TAGS
        if event == "start" and (block or el.tag == "br"):
            yield from _flush(parts, owners, tree)
        if event == "start":
            owners += [el] if block else []
            parts.append(el.text or "")
            continue
        if block or el in tables:
            yield from _flush(parts, owners, tree)
        yield from tables.get(el, [])
        if block and event == "end":
            owners.pop()
        parts.append(el.tail or "")
    yield from _flush(parts, owners, tree)


def _flush(parts: list[str], owners: list, tree):
    text = " ".join("".join(parts).split())
    parts.clear()
    if text and not _FURNITURE_TEXT.match(text):
        yield Block(text, tree.getpath(owners[-1]))


def _is_furniture(el, tag: str, top) -> bool:
    """Embedded objects, forms' widgets, navigation; and when the page has no
    known container (*top* is the body), the site's header, footer, menus and
    sidebars by their tag or id/class words."""
    if el is top or not tag:
        return False
    if tag in _SKIP_TAGS:
        return True
    if top.tag != "body":
        return False
    if tag in ("header", "footer"):
        return True
    names = f"{el.get('id', '')} {el.get('class', '')}"
    return tag in ("div", "ul", "section", "span") and bool(_FURNITURE.search(names))


# ---------------------------------------------------------------- the Document

def assemble(events: list, source: Source) -> Document:
    """Captions, headings, titles and sections, metadata — the text reader's rules.
    A heading or paragraph is where its block says (Word and Excel blocks say more
    than the path), else at the block's path."""
    events = attach_captions(events)
    blocks = [(n, e) for n, e in enumerate(events, 1) if isinstance(e, Block)]
    items = [Item(n, b.text) for n, b in blocks]
    heads, paras = layout.headings_and_paragraphs(items, set())
    wheres = {n: b.where if b.where != Where() else Where(path=b.path) for n, b in blocks}
    tables = []
    for n, e in enumerate(events, 1):
        if isinstance(e, Table):
            placed = layout.place(e.with_(where=Where(line=n)), heads)
            tables.append(placed.with_(where=e.where))
    heads = [Heading(h.text, wheres[h.where.line], h.level) for h in heads]
    paras = [Paragraph(p.text, wheres[p.where.line]) for p in paras]
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


def _as_text(events: list, source: Source) -> Document:
    """No <table> holds data: read the page's running text as a text dump (prose
    results, tables printed one cell per line or with pipes)."""
    from ..text.read import read_text
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


__all__ = ["read_html", "refuse_entities", "parse", "content_root", "walk", "relocate"]
