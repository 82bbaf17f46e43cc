"""Render the bundled seed documents as saved legal-portal pages: tests/fixtures/html/.

Each page is built from what the text reader extracts from a seed, laid out the
way Vietnamese legal portals render a decision exported from a word processor:
page furniture around the document (site menu, "Đang tải nội dung…", related
documents, footer), the letterhead and the signature as borderless two-column
tables, paragraphs as ``<p class=MsoNormal>`` with ``<span>``/``<b>``, ``&nbsp;``
and ``<br>`` inside cells, score tables with a two-row header (TT, Đơn vị, Tổng
điểm, Xếp hạng spanning both rows, "Điểm" spanning the component columns), the
"(1)".."(n)" row, grade bands as full-width rows, and the caption after the
table.  Every text is the seed's text as printed, damage included.

Three page styles: a portal whose decision sits in a known container (000,
002), a portal laid out with a table and no known container (001, 004: the
data tables are nested in the layout table), and a news site (003).

Deterministic; re-run after the readers change:

    .venv/bin/python scripts/make_html_fixtures.py
"""
from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from xephang.extract import read_document  # noqa: E402
from xephang.extract.model import Document, Table  # noqa: E402

SEEDS = ROOT / "corpus" / "documents"
OUT = ROOT / "tests" / "fixtures" / "html"
STYLES = {"000": "portal", "001": "layout", "002": "portal", "003": "news", "004": "layout"}

_LETTERHEAD = re.compile(r"^(ỦY BAN NHÂN DÂN|UBND|BỘ |HỘI ĐỒNG)")
_PLACE_DATE = re.compile(r"^[^|]{2,40}, ngày \d{1,2} tháng \d{1,2} năm \d{4}")
_SIGN_ROLE = re.compile(r"^(\|\s*)?((TM|KT|Q)\.\s.{2,40}|(PHÓ )?CHỦ TỊCH|(PHÓ )?GIÁM ĐỐC)\s*\|?$")
_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")
_TAIL = re.compile(r"^(Đã xem:|\d+ Go top|Go top)")
_FONT = "font-size:13.0pt;font-family:\"Times New Roman\",serif"


# ---------------------------------------------------------------- text as Word writes it

def inline(text: str, nbsp_after: str = r"^(Điều \d+\.|Số:|Sở|\d+(?:\.\d+)*\.) ") -> str:
    """Escaped text; the space after a leading mark becomes &nbsp; as Word writes it."""
    out = html.escape(text, quote=False)
    return re.sub(nbsp_after, lambda m: m.group(0)[:-1] + "&nbsp;", out, count=1)


def wrap(markup: str, width: int = 76) -> str:
    """Break long source lines at spaces (the page text does not change), never
    inside a quoted attribute value."""
    def protect(tag: re.Match) -> str:
        return re.sub(r"'[^']*'|\"[^\"]*\"", lambda q: q.group(0).replace(" ", "\0"), tag.group(0))
    out, line = [], ""
    for word in re.sub(r"<[^>]*>", protect, markup).split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    return "\n".join(out).replace("\0", " ")


def para(text: str, *, bold=False, italic=False, center=False, cls="MsoNormal") -> str:
    body = inline(text)
    if italic:
        body = f"<i>{body}</i>"
    if bold:
        body = f"<b>{body}</b>"
    align = " align=center" if center else ""
    style = "text-align:center" if center else "margin-bottom:6.0pt;text-align:justify;text-indent:36.0pt"
    return wrap(f"<p class={cls}{align} style='{style}'><span lang=VI style='{_FONT}'>{body}</span></p>")


def lines_para(lines: list[str], *, bold=False, center=True) -> str:
    """Several printed lines in one paragraph, separated by <br>."""
    body = "<br>\n".join(inline(x) for x in lines)
    if bold:
        body = f"<b>{body}</b>"
    align = " align=center style='text-align:center'" if center else ""
    return f"<p class=MsoNormal{align}><span lang=VI style='{_FONT}'>{body}</span></p>"


# ---------------------------------------------------------------- cells

def cell_markup(text: str, *, bold=False, italic=False) -> str:
    """A cell's paragraph: long texts broken with <br> at a middle space."""
    if not text:
        return "<p class=MsoNormal align=center style='text-align:center'>&nbsp;</p>"
    words = text.split(" ")
    if len(words) >= 4 and len(text) > 25:
        mid = len(words) // 2
        body = inline(" ".join(words[:mid])) + "<br>\n" + html.escape(" ".join(words[mid:]), quote=False)
    else:
        body = inline(text)
    if italic:
        body = f"<i>{body}</i>"
    if bold:
        body = f"<b>{body}</b>"
    numeric = re.fullmatch(r"[\d.,()%]+", text) is not None
    align = " align=center style='text-align:center'" if numeric or bold else ""
    return f"<p class=MsoNormal{align}><span lang=VI style='{_FONT}'>{body}</span></p>"


_TD = "valign=top style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'"


def td(text: str, *, span: str = "", bold=False, italic=False, tag: str = "td") -> str:
    return f"<{tag} {span}{_TD}>\n{wrap(cell_markup(text, bold=bold, italic=italic))}\n</{tag}>"


# ---------------------------------------------------------------- a score or rubric table

def header_rows(table: Table, tag: str = "td") -> list[str]:
    """The printed header as rows of <td> (or <th>): groups span their columns,
    labels without a group span every header row."""
    stacks = [(c.group.split(" / ") if c.group else []) + [c.label] for c in table.columns]
    depth = max(len(s) for s in stacks)
    rows = []
    for level in range(depth):
        cells, c = [], 0
        while c < len(stacks):
            stack = stacks[c]
            if level >= len(stack):
                c += 1
                continue
            if level < len(stack) - 1:          # a group label at this level
                n = 1
                while c + n < len(stacks) and stacks[c + n][:level + 1] == stack[:level + 1] \
                        and len(stacks[c + n]) > level + 1:
                    n += 1
                cells.append(td(stack[level], span=f"colspan={n} ", bold=True, tag=tag))
                c += n
                continue
            rowspan = depth - level
            cells.append(td(stack[level], span=f"rowspan={rowspan} " if rowspan > 1 else "", bold=True,
                            tag=tag))
            c += 1
        rows.append(cells)
    return rows


def corner_header(table: Table) -> list[list[str]] | None:
    """A cross-table's corner printed as two labels ("Khối" / "Xếp hạng") is one cell
    split diagonally, the column label at the top right, the row label bottom left."""
    labels = [c.text for c in table.header]
    if len(labels) != len(table.columns) + 1 or table.columns[0].label != f"{labels[0]} / {labels[1]}":
        return None
    span = f"<span lang=VI style='{_FONT}'><b>{{}}</b></span>"
    corner = ("<td valign=top style='border:solid windowtext 1.0pt;mso-border-tl-br:solid windowtext "
              ".5pt;padding:0cm 5.4pt'>\n"
              f"<p class=MsoNormal align=right style='text-align:right'>{span.format(inline(labels[0]))}</p>\n"
              f"<p class=MsoNormal>{span.format(inline(labels[1]))}</p>\n</td>")
    return [[corner] + [td(x, bold=True) for x in labels[2:]]]


def numbering_row(table: Table) -> list[str]:
    return [td(c.number or "", italic=True) for c in table.columns] if table.numbering else []


def body_rows(table: Table) -> list[list[str]]:
    width = len(table.columns)
    starts = {g.first_row: g for g in table.row_groups}
    rows = []
    for r, row in enumerate(table.rows):
        if r in starts:
            rows.append([td(starts[r].label, span=f"colspan={width} ", bold=True, italic=True)])
        rule_row = table.kind == "rubric" and not row.cells[0].text
        total = table.column_index("total")
        rows.append([td(c.text, bold=(k == total), italic=rule_row and k == 1)
                     for k, c in enumerate(row.cells)])
    return rows


def table_markup(table: Table, thead: bool = False) -> str:
    """Word's markup; with *thead*, the header rows in <thead> as <th> cells, as a
    portal that re-renders the decision writes them."""
    def trs(rows: list[list[str]]) -> str:
        return "\n".join("<tr>\n" + "\n".join(cells) + "\n</tr>" for cells in rows if cells)
    head = corner_header(table) or (header_rows(table, "th" if thead else "td") if table.header else [])
    rest = [numbering_row(table)] + body_rows(table)
    inner = (f"<thead>\n{trs(head)}\n</thead>\n<tbody>\n{trs(rest)}\n</tbody>" if thead and head
             else trs(head + rest))
    out = ("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0\n"
           " style='border-collapse:collapse;border:none'>\n" + inner + "\n</table>")
    if table.caption:
        out += "\n" + para(table.caption, italic=True, center=True)
    return out


# ---------------------------------------------------------------- the document

def pieces(doc: Document) -> list[tuple[int, str, object]]:
    """Paragraphs outside the tables and the tables, in printed order: (line, kind, item)."""
    spans = []
    for t in doc.tables:
        if is_prose(t):
            continue            # results read out of the article's own paragraphs
        lines = [t.where.line or 0] + [c.where.line or 0 for r in t.rows for c in r.cells]
        spans.append((min(x for x in lines if x), max(lines), t))
    out: list[tuple[int, str, object]] = [(a, "table", t) for a, _, t in spans]
    captions = {t.caption for t in doc.tables if t.caption}
    for p in doc.paragraphs:
        line = p.where.line or 0
        if any(a <= line <= b for a, b, _ in spans) or p.text in captions:
            continue
        out.append((line, "para", p.text))
    return sorted(out, key=lambda x: (x[0], x[1] != "table"))


def is_prose(table: Table) -> bool:
    return not table.header and [c.label for c in table.columns] == ["unit", "category", "score", "rank"]


def split_parts(items: list) -> dict[str, list]:
    """Top furniture, letterhead, body, signature, bottom furniture."""
    texts = [(k, x[2]) for k, x in enumerate(items) if x[1] == "para"]
    head = next((k for k, t in texts if _LETTERHEAD.match(t)), None)
    tail = next((k for k, t in texts if _TAIL.match(t)), len(items))
    date = next((k for k, t in texts if head is not None and k >= head and
                 (_PLACE_DATE.match(t) or _PLACE_DATE.search(t.split("|")[-2] if t.count("|") >= 2 else ""))),
                None)
    start = head if head is not None and date is not None else 0
    letter_end = date + 1 if head is not None and date is not None else 0
    sign = next((k for k, t in texts if k >= letter_end and (t == "Nơi nhận:" or _SIGN_ROLE.match(t))), None)
    sign_end = sign
    if sign is not None:
        sign_end = sign + 1
        while sign_end < tail and items[sign_end][1] == "para" and (
                _SIGN_ROLE.match(items[sign_end][2]) or items[sign_end][2].startswith("-")
                or _NAME.match(items[sign_end][2])):
            sign_end += 1
    if sign is None:
        sign = sign_end = tail
    return {"top": items[:start], "letter": items[start:letter_end], "body": items[letter_end:sign],
            "sign": items[sign:sign_end], "after": items[sign_end:tail], "bottom": items[tail:]}


def letterhead(items: list) -> str:
    """Left: the issuing body and the number; right: the national motto and the place and date."""
    texts = [x[2] for x in items]
    if any("|" in t for t in texts):
        cells = [[c.strip() for c in t.strip("| ").split("|")] for t in texts]
        rows = [(c[0], c[1] if len(c) > 1 else "") for c in cells]
        trs = [(lines_para([a], bold=True), lines_para([b], bold=True)) for a, b in rows]
    else:
        motto = next((k for k, t in enumerate(texts) if t.startswith("CỘNG HÒA")), len(texts))
        number = next((k for k, t in enumerate(texts) if t.startswith("Số")), len(texts))
        trs = [(lines_para(texts[:motto], bold=True), lines_para(texts[motto:number], bold=True)),
               (lines_para(texts[number:-1], center=True), lines_para(texts[-1:], center=False))]
    return layout_table(trs)


def signature(items: list) -> str:
    texts = [x[2] for x in items]
    role = next((k for k, t in enumerate(texts) if _SIGN_ROLE.match(t)), len(texts))
    left = "\n".join(lines_para([t], bold=(k == 0), center=False) for k, t in enumerate(texts[:role]))
    right = [t.strip("| ") for t in texts[role:]]
    right = right[:-1] + ["", ""] + right[-1:] if right and _NAME.match(right[-1]) else right
    return layout_table([(left or "<p class=MsoNormal>&nbsp;</p>", lines_para(right, bold=True))])


def layout_table(rows: list[tuple[str, str]]) -> str:
    trs = "\n".join(f"<tr>\n<td width=234 valign=top style='width:175.5pt;padding:0cm 5.4pt'>\n{a}\n</td>\n"
                    f"<td width=366 valign=top style='width:274.5pt;padding:0cm 5.4pt'>\n{b}\n</td>\n</tr>"
                    for a, b in rows)
    return ("<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=600\n"
            " style='width:450.0pt;border-collapse:collapse'>\n" + trs + "\n</table>")


def body(items: list, heads: set[str], thead: bool = False) -> str:
    out = []
    for _, kind, item in items:
        if kind == "table":
            out.append(table_markup(item, thead))
        elif item in heads or item.isupper():
            out.append(para(item, bold=True, center=item.isupper()))
        else:
            out.append(para(item))
    return "\n".join(out)


# ---------------------------------------------------------------- page furniture

MENU = """<div id="header" class="header">
<div class="logo"><a href="/">{site}</a></div>
<ul class="menu">
<li><a href="/">Trang chủ</a></li>
<li><a href="/van-ban/">Văn bản pháp luật</a></li>
<li><a href="/tim-kiem/">Tra cứu</a></li>
<li><a href="/lien-he/">Liên hệ</a></li>
</ul>
</div>"""
SCRIPT = """<script type="text/javascript">
var loading = document.getElementById('divLoading'); if (loading) { loading.style.display = 'none'; }
</script>"""
FOOTER = """<div id="footer" class="footer">
<p>Bản quyền thuộc về cơ quan chủ quản. Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</p>
<p>Địa chỉ: 45 Trần Phú, Hà Nội. Điện thoại: 024 3999 9999</p>
</div>"""


def furniture(items: list, cls: str) -> str:
    lines = "\n".join(f"<li><a href=\"#\">{html.escape(x[2], quote=False)}</a></li>" for x in items)
    return f"<div class=\"{cls}\">\n<ul>\n{lines}\n</ul>\n</div>" if items else ""


def page(doc: Document, style: str) -> str:
    items = pieces(doc)
    parts = split_parts(items)
    heads = {h.text for h in doc.headings}
    loading = [x for x in parts["top"] if x[2].startswith("Đang tải")]
    top = [x for x in parts["top"] if x not in loading]
    document = "\n".join(filter(None, [
        letterhead(parts["letter"]) if parts["letter"] else "",
        body(parts["body"], heads, style == "layout"),
        signature(parts["sign"]) if parts["sign"] else "",
        body(parts["after"], heads, style == "layout")]))
    title = html.escape((doc.meta.title or doc.meta.number or "Văn bản")[:120], quote=False)
    site = {"portal": "THƯ VIỆN PHÁP LUẬT", "layout": "CƠ SỞ DỮ LIỆU VĂN BẢN", "news": "Cổng thông tin"}[style]
    blocks = {
        "portal": [MENU.format(site=site), furniture(top, "breadcrumb"),
                   *(f"<div id=\"divLoading\" class=\"loading\">{x[2]}</div>" for x in loading[:1]),
                   "<div id=\"divContentDoc\" class=\"cldivContentDocVn\">",
                   *(f"<div class=\"loading\">{x[2]}</div>" for x in loading[1:]),
                   "<div class=\"content1\">\n<div class=WordSection1>", document, "</div>\n</div>\n</div>",
                   furniture(parts["bottom"], "related vbLienQuan"), FOOTER],
        "layout": [MENU.format(site=site),
                   *(f"<div class=\"loading\">{x[2]}</div>" for x in loading),
                   furniture(top, "vb-lienquan"),
                   "<table width=\"100%\" border=0 cellpadding=0 cellspacing=0 class=\"page\">\n<tr>\n"
                   "<td width=\"20%\" valign=top>\n<ul class=\"nav\"><li><a href=\"/\">Văn bản mới</a></li>"
                   "<li><a href=\"/\">Văn bản hợp nhất</a></li></ul>\n</td>\n<td valign=top>",
                   document, "</td>\n</tr>\n</table>", furniture(parts["bottom"], "related"), FOOTER],
        "news": [MENU.format(site=site), "<div class=\"main\">\n<article class=\"news-detail\">",
                 document, "</article>", furniture(parts["bottom"], "sidebar"), "</div>", FOOTER],
    }[style]
    return (
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
        "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"vi\">\n<head>\n"
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />\n"
        f"<title>{title}</title>\n<link rel=\"stylesheet\" href=\"/css/site.css\" />\n"
        "<style>\np.MsoNormal {margin:0cm; font-size:12.0pt; font-family:\"Times New Roman\",serif}\n</style>\n"
        f"</head>\n<body>\n<form method=\"post\" action=\"./\" id=\"aspnetForm\">\n"
        + "\n".join(b for b in blocks if b) + f"\n</form>\n{SCRIPT}\n</body>\n</html>\n")


# ---------------------------------------------------------------- bad pages

BAD = ROOT / "tests" / "fixtures" / "bad"

#: Unicode → TCVN3 (ABC): the byte each letter has in the .VnTime fonts, as a
#: Latin-1 character.  Capitals with a tone use the small letter's code (the
#: capital fonts, .VnTimeH, draw it as a capital).
_UNICODE = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĂÂÊÔƠƯĐ"
_ABC = ("µ¶·¸¹¨»¼½¾Æ©ÇÈÉÊË®ÌÎÏÐÑªÒÓÔÕÖ×ØÜÝÞßáâãä«åæçèé¬êëìíîïñòóô\xadõö÷øùúûüýþ"
        "¡¢£¤¥¦§")
assert len(_UNICODE) == len(_ABC)
_TCVN3 = dict(zip(_UNICODE, _ABC))


def to_tcvn3(text: str) -> str:
    return "".join(_TCVN3.get(ch, _TCVN3.get(ch.lower(), ch)) for ch in text)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: a letter the code page lacks is its base
    letter (with circumflex, breve or horn when it has one) and a combining tone."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(m for m in parts[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in tones))
            out += (base + tones).encode("cp1258")
    return bytes(out)


def excerpt(doc: Document, tables: int) -> Document:
    """The decision up to the end of its first *tables* tables (none: up to the appendix)."""
    keep = doc.tables[:tables]
    if keep:
        last = max(c.where.line or 0 for r in keep[-1].rows for c in r.cells)
    else:
        last = (doc.tables[0].where.line or 0) - 1 if doc.tables else 10 ** 9
        last = min(last, next((h.where.line for h in doc.headings if h.level and h.where.line), last))
    paras = tuple(p for p in doc.paragraphs if (p.where.line or 0) <= last)
    return dataclasses.replace(doc, tables=keep, paragraphs=paras)


def span_bomb(rows: int = 1500) -> str:
    """A table whose every row starts a cell spanning all the rows below it
    (rowspan="0"): each pushes the next ones one column further right."""
    trs = "\n".join(f"<tr><td rowspan=0>{n}</td><td>Sở {n}</td><td>5</td></tr>" for n in range(1, rows + 1))
    return f"<table border=1>\n<tr><td>TT</td><td>Đơn vị</td><td>Tổng điểm</td></tr>\n{trs}\n</table>"


def bad_pages() -> dict[str, bytes]:
    """Pages xephang must refuse or report, each made from a seed the way the
    good fixtures are."""
    doc = read_document(SEEDS / "000_4077041e69013ab5.txt")
    small = page(excerpt(doc, 1), "portal")
    body = small[small.index("<html"):]
    out = {
        "entity_file.html": '<!DOCTYPE html [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                            + body.replace("Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh &e;"),
        "entity_http.html": '<!DOCTYPE html [<!ENTITY e SYSTEM "http://127.0.0.1:9/xephang-entity">]>\n'
                            + body.replace("Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh &e;"),
        "no_table.html": page(excerpt(doc, 0), "portal"),
        "deep_div.html": body.replace("<div class=WordSection1>", "<div class=WordSection1>\n"
                                      + "<div>" * 100_000),
        "deep_table.html": body.replace("<div class=WordSection1>", "<div class=WordSection1>\n"
                                        + "<table><tr><td>" * 20_000),
        "span_bomb.html": body.replace("</div>\n</div>\n</div>", span_bomb() + "\n</div>\n</div>\n</div>", 1),
    }
    pages = {k: v.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8") for k, v in out.items()}
    legacy = small.replace("charset=utf-8", "charset=windows-1258").replace("\n", "\r\n")
    pages["cp1258.html"] = to_cp1258(legacy)
    tcvn3 = to_tcvn3(small).replace('"Times New Roman",serif', '".VnTime",sans-serif').replace("\n", "\r\n")
    pages["tcvn3.html"] = tcvn3.encode("utf-8")
    pages["tcvn3_1252.html"] = tcvn3.replace("charset=utf-8", "charset=windows-1252").encode("latin-1")
    return pages


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("0*.txt")):
        doc = read_document(seed)
        markup = page(doc, STYLES.get(seed.name[:3], "portal"))
        target = OUT / (seed.stem + ".html")
        target.write_bytes(markup.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))
        print(f"{target.relative_to(ROOT)}: {len(doc.tables)} tables")
    for name, data in bad_pages().items():
        (BAD / name).write_bytes(data)
        print(f"{(BAD / name).relative_to(ROOT)}: {len(data)} bytes")


if __name__ == "__main__":
    main()
