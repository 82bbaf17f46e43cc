"""Regenerate the PDF fixtures in tests/fixtures/pdf/ from the bundled seeds.

Born-digital: each seed is read with the text reader, laid out as decisions lay
their tables out (ruled grids, a two-row header with merged cells, narrow unit
columns that wrap, header rows repeated on every page a table runs over, a
landscape page for the 19-column table, grade bands as merged rows), written
as a flat ODT document and printed to PDF by LibreOffice headless.  The text
is printed exactly as the seed has it, damage included.  A news article (003),
whose results are sentences, is printed as its paragraphs only; a table the
seed prints without a header (004's commune rubric) is printed without one.

Scanned: a few pages of the born-digital PDFs rasterized, turned a little,
blurred and speckled, saved as image-only PDFs (no text layer).

Usage: python scripts/make_pdf_fixtures.py [--only born|scan|odd] [--seeds 003 004]
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "documents"
OUT = ROOT / "tests" / "fixtures" / "pdf"

#: seed key → (file name, ruled?, header printed again on every page?)
BORN = {"000": ("000_4077041e69013ab5.txt", True, True),
        "001": ("001_204b6768762276ab.txt", True, False),
        "002": ("002_ce60eac99dcc391f.txt", False, True),
        "003": ("003_9f4ee7edddd77133.txt", True, True),
        "004": ("004_1e8ff679e60961d5.txt", True, True)}
#: seeds whose results are prose: printed as the article's paragraphs, no table
PROSE = {"003"}
#: scanned fixtures: (born fixture, 1-based pages, dpi, degrees turned)
SCANS = {"000-scan.pdf": ("000.pdf", (2, 3), 300, 0.6),
         "000-scan-continued.pdf": ("000.pdf", (9, 10), 200, -0.4),
         "002-scan.pdf": ("002.pdf", (6,), 300, 0.5)}

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"')

STYLES = """
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"
   style:font-family-generic="roman" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:hyphenate="false"/>
  <style:text-properties style:font-name="Liberation Serif" fo:font-size="12pt" fo:language="vi" fo:country="VN"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.12cm"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="Portrait"><style:page-layout-properties fo:page-width="21cm"
   fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm"
   fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="2cm"/></style:page-layout>
 <style:page-layout style:name="Landscape"><style:page-layout-properties fo:page-width="29.7cm"
   fo:page-height="21cm" style:print-orientation="landscape" fo:margin-top="1.5cm"
   fo:margin-bottom="1.5cm" fo:margin-left="1.5cm" fo:margin-right="1.5cm"/></style:page-layout>
 <style:style style:name="ToLandscape" style:family="paragraph" style:parent-style-name="Standard"
   style:master-page-name="Land"/>
 <style:style style:name="ToPortrait" style:family="paragraph" style:parent-style-name="Standard"
   style:master-page-name="Port"/>
 <style:style style:name="H" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Cap" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.1cm"/>
  <style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="CH" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="{size}" fo:font-weight="bold"/></style:style>
 <style:style style:name="CR" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end"/>
  <style:text-properties fo:font-size="{size}" fo:font-weight="bold"/></style:style>
 <style:style style:name="CHL" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start"/>
  <style:text-properties fo:font-size="{size}" fo:font-weight="bold"/></style:style>
 <style:style style:name="CN" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="{size}"/></style:style>
 <style:style style:name="CL" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start"/>
  <style:text-properties fo:font-size="{size}"/></style:style>
 <style:style style:name="CS" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="{small}"/></style:style>
 <style:style style:name="CSH" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="{small}" fo:font-weight="bold"/></style:style>
 <style:style style:name="Ruled" style:family="table-cell"><style:table-cell-properties
   fo:border="0.5pt solid #000000" fo:padding="0.06cm" style:vertical-align="middle"/></style:style>
 <style:style style:name="Open" style:family="table-cell"><style:table-cell-properties
   fo:border="none" fo:padding="0.06cm"/></style:style>
 <style:style style:name="OpenTop" style:family="table-cell"><style:table-cell-properties
   fo:border="none" fo:border-top="0.75pt solid #000000" fo:border-bottom="0.75pt solid #000000"
   fo:padding="0.06cm"/></style:style>
 {tables}
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="Portrait"/>
 <style:master-page style:name="Port" style:page-layout-name="Portrait"/>
 <style:master-page style:name="Land" style:page-layout-name="Landscape"/>
</office:master-styles>
"""

PORTRAIT_CM, LANDSCAPE_CM = 16.0, 26.7


# ---------------------------------------------------------------- the document

def document_xml(doc, ruled: bool, repeat: bool = True, tables: bool = True) -> str:
    """Paragraphs and tables in printed order, as one flat ODT document (*tables*
    False: a news article, whose results are sentences, prints its paragraphs only)."""
    parts, table_styles = [], []
    events = [(p.where.line or 0, "p", p) for p in doc.paragraphs]
    if tables:
        events += [(t.where.line or 0, "t", (k, t)) for k, t in enumerate(doc.tables)]
    heads = {h.where.line for h in doc.headings}
    for line, what, obj in sorted(events, key=lambda e: (e[0], e[1])):
        if what == "p":
            style = "H" if line in heads else "Standard"
            parts.append(f'<text:p text:style-name="{style}">{escape(obj.text)}</text:p>')
        else:
            k, table = obj
            style_xml, body = table_xml(k, table, ruled, repeat)
            table_styles.append(style_xml)
            parts.append(body)
    size = "10pt"
    styles = STYLES.format(size=size, small="8pt", tables="\n".join(table_styles))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS}>{styles}'
            f'<office:body><office:text>{"".join(parts)}</office:text></office:body>'
            f'</office:document>')


def is_wide(table) -> bool:
    return len(table.columns) > 12


def column_widths(table) -> list[float]:
    """cm per column: a narrow unit column (names wrap over lines), the rest shared.
    A rubric with a scoring-rule column (004) keeps it wide and the criterion
    narrower, so both wrap over many lines; a form (004's "Thông tin chung")
    gives its field names most of the width."""
    total = LANDSCAPE_CM if is_wide(table) else PORTRAIT_CM
    fixed = {"row_no": 1.0, "unit": 3.0 if not is_wide(table) else 3.2,
             "criterion": 9.0, "criterion_id": 1.3, "max_points": 2.2, "note": 3.0,
             "rank": 1.8, "total": 1.9}
    roles = [c.role for c in table.columns]
    if len(table.columns) <= 4 and table.kind == "scores":
        fixed.update({"unit": 4.2, "total": 3.0, "rank": 3.0, "row_no": 1.5})
    if "rule" in roles:
        fixed.update({"criterion_id": 1.1, "criterion": 4.2, "max_points": 1.6,
                      "rule": 6.3, "evidence": 2.8})
    elif table.kind == "rubric" and "other" in roles:
        fixed.update({"criterion": 6.0, "other": 3.5})
    elif table.kind == "other" and roles[0] == "row_no" and len(roles) == 4:
        return [1.2, 9.0, 2.8, 3.0]
    known = [fixed.get(c.role) for c in table.columns]
    rest = total - sum(w for w in known if w)
    free = sum(1 for w in known if not w) or 1
    return [w or rest / free for w in known]


def table_xml(k: int, table, ruled: bool, repeat: bool = True) -> tuple[str, str]:
    name = f"T{k}"
    ruled = ruled or table.kind == "other"      # the small cross-tables are always ruled
    widths = column_widths(table)
    style = (f'<style:style style:name="{name}" style:family="table"><style:table-properties '
             f'style:width="{sum(widths):.2f}cm" table:align="center"/></style:style>')
    style += "".join(
        f'<style:style style:name="{name}C{i}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{w:.2f}cm"/></style:style>'
        for i, w in enumerate(widths))
    cols = "".join(f'<table:table-column table:style-name="{name}C{i}"/>' for i in range(len(widths)))
    small = is_wide(table)
    head = header_rows(table, ruled, small)
    body = data_rows(table, ruled, small)
    xml = (f'<table:table table:name="{name}" table:style-name="{name}">{cols}'
           f'{_header(head, repeat)}{body}</table:table>')
    if small:   # the 19-column table goes on a landscape page of its own
        xml = (f'<text:p text:style-name="ToLandscape"/>{xml}'
               f'<text:p text:style-name="ToPortrait"/>')
    if table.caption:
        xml += f'<text:p text:style-name="Cap">{escape(table.caption)}</text:p>'
    return style, xml


def _header(rows: str, repeat: bool) -> str:
    """Header rows LibreOffice prints again on every page the table runs over, or once."""
    if not rows:
        return ""
    return f"<table:table-header-rows>{rows}</table:table-header-rows>" if repeat else rows


def cell(text: str, pstyle: str, cstyle: str, *, cols: int = 1, rows: int = 1) -> str:
    span = ""
    if cols > 1:
        span += f' table:number-columns-spanned="{cols}"'
    if rows > 1:
        span += f' table:number-rows-spanned="{rows}"'
    covered = "<table:covered-table-cell/>" * (cols - 1)
    return (f'<table:table-cell table:style-name="{cstyle}" office:value-type="string"{span}>'
            f'<text:p text:style-name="{pstyle}">{escape(text)}</text:p></table:table-cell>{covered}')


def header_grid(table) -> list[list[tuple[str, int, int] | None]]:
    """The header as printed: rows of (label, colspan, rowspan); None where covered.

    Columns under a group label ("Điểm", then "Cơ chế - Chính sách") sit under
    merged cells; the other labels span all header rows."""
    cols = table.columns
    groups = [c.group.split(" / ") if c.group else [] for c in cols]
    depth = 1 + max(len(g) for g in groups)
    grid: list[list] = [[None] * len(cols) for _ in range(depth)]
    i = 0
    while i < len(cols):
        if not groups[i]:
            grid[0][i] = (cols[i].label, 1, depth)
            i += 1
            continue
        j = i
        while j < len(cols) and groups[j] == groups[i]:
            j += 1
        for level, label in enumerate(groups[i]):
            grid[level][i] = (label, j - i, 1)
        for c in range(i, j):
            grid[len(groups[i])][c] = (cols[c].label, 1, depth - len(groups[i]))
        i = j
    return grid


def header_rows(table, ruled: bool, small: bool) -> str:
    """The header as the seed prints it; none for a table the seed prints without
    one (004's commune rubric, which goes on with the columns of the one before)."""
    if not table.header:
        return ""
    pstyle = "CSH" if small else "CH"
    cstyle = "Ruled" if ruled else "OpenTop"
    out = []
    grid = header_grid(table)
    for r, row in enumerate(grid):
        cells = []
        for c, slot in enumerate(row):
            if slot is None:
                if not any(_covers(grid, r, c)):
                    cells.append(cell("", pstyle, cstyle))
                elif _covered_by_rowspan(grid, r, c):
                    cells.append("<table:covered-table-cell/>")
                continue
            label, span, rows = slot
            if r == c == 0 and table.kind == "other" and " / " in label:
                cells.append(corner_cell(label, cstyle))
                continue
            cells.append(cell(label, pstyle, cstyle, cols=span, rows=rows))
        out.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    if table.numbering:
        nums = list(table.numbering) + [""] * (len(table.columns) - len(table.numbering))
        out.append("<table:table-row>" + "".join(cell(n, pstyle, cstyle) for n in nums)
                   + "</table:table-row>")
    return "".join(out)


def corner_cell(label: str, cstyle: str) -> str:
    """A corner cell split by a diagonal: the column heading top right ("Khối"),
    the row heading bottom left ("Xếp hạng")."""
    top, bottom = label.split(" / ", 1)
    return (f'<table:table-cell table:style-name="{cstyle}" office:value-type="string">'
            f'<text:p text:style-name="CR">{escape(top)}</text:p>'
            f'<text:p text:style-name="CHL">{escape(bottom)}</text:p></table:table-cell>')


def _covers(grid, r, c):
    for rr in range(r + 1):
        for cc in range(c + 1):
            slot = grid[rr][cc]
            if slot and rr + slot[2] > r and cc + slot[1] > c and (rr, cc) != (r, c):
                yield True


def _covered_by_rowspan(grid, r, c) -> bool:
    for rr in range(r):
        slot = grid[rr][c]
        if slot and rr + slot[2] > r:
            return True
    return False


def data_rows(table, ruled: bool, small: bool) -> str:
    cstyle = "Ruled" if ruled else "Open"
    starts = {g.first_row: g for g in table.row_groups}
    out = []
    for r, row in enumerate(table.rows):
        if r in starts:
            band = cell(starts[r].label, "CSH" if small else "CH", cstyle, cols=len(table.columns))
            out.append(f"<table:table-row>{band}</table:table-row>")
        cells = [cell(c.text, _pstyle(table, i, small), cstyle) for i, c in enumerate(row.cells)]
        cells += [cell("", "CN", cstyle)] * (len(table.columns) - len(cells))
        out.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    return "".join(out)


def _pstyle(table, i: int, small: bool) -> str:
    role = table.columns[i].role if i < len(table.columns) else "other"
    if small:
        return "CS"
    return "CL" if role in ("unit", "criterion", "note", "rule", "evidence") else "CN"


# ---------------------------------------------------------------- printing

def print_pdf(fodt: Path, outdir: Path) -> Path:
    """LibreOffice headless: flat ODT → PDF, with a private profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice is missing: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), str(fodt)],
                       check=True, capture_output=True, timeout=300)
    return outdir / (fodt.stem + ".pdf")


def make_born(keys) -> None:
    from xephang.extract import read_document
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for key in keys:
            name, ruled, repeat = BORN[key]
            doc = read_document(SEEDS / name)
            fodt = Path(tmp) / f"{key}.fodt"
            fodt.write_text(document_xml(doc, ruled, repeat, key not in PROSE), encoding="utf-8")
            pdf = print_pdf(fodt, Path(tmp))
            if key == "000":
                double_draw_bold(pdf, OUT / f"{key}.pdf")
            else:
                shutil.copy(pdf, OUT / f"{key}.pdf")
            print(f"wrote {OUT / (key + '.pdf')}")


def double_draw_bold(pdf: Path, out: Path) -> None:
    """Draw every bold text block a second time 0.25 pt to the right, as word
    processors that fake bold do (the text layer then holds each letter twice)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ContentStream, FloatObject, NameObject
    reader = PdfReader(str(pdf))
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        fonts = page["/Resources"].get("/Font", {})
        bold = {k for k, v in fonts.items() if "Bold" in str(v.get_object()["/BaseFont"])}
        content = ContentStream(page.get_contents(), writer)
        ops, font, block = [], None, None
        for operands, op in content.operations:
            ops.append((operands, op))
            if op == b"Tf":
                font = operands
            if op == b"BT":
                block = [(ArrayObject(font), b"Tf")] if font else []
            elif block is not None and op != b"ET":
                block.append((operands, op))
            elif op == b"ET" and block is not None:
                if font and str(font[0]) in bold:
                    shift = [FloatObject(v) for v in (1, 0, 0, 1, 0.25, 0)]
                    ops += [([], b"q"), (shift, b"cm"), ([], b"BT"), *block, ([], b"ET"),
                            ([], b"Q")]
                block = None
        content.operations = ops
        page[NameObject("/Contents")] = writer._add_object(content)
        page.compress_content_streams()
    with open(out, "wb") as fh:
        writer.write(fh)


# ---------------------------------------------------------------- scans

def make_scans() -> None:
    for name, (born, pages, dpi, angle) in SCANS.items():
        images = [scanned_page(OUT / born, p, dpi, angle, seed=p) for p in pages]
        images[0].save(OUT / name, "PDF", resolution=dpi, save_all=True,
                       append_images=images[1:], quality=60)
        print(f"wrote {OUT / name}")


def scanned_page(pdf: Path, page: int, dpi: int, angle: float, seed: int):
    """Render one page, turn it by *angle*, blur it and sprinkle speckle: a photocopy."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter
    doc = pdfium.PdfDocument(str(pdf))
    img = doc[page - 1].render(scale=dpi / 72).to_pil().convert("L")
    doc.close()
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(radius=0.8))
    arr = np.asarray(img, dtype=np.int16)
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    arr = arr + noise.normal(0, 6, arr.shape).astype(np.int16)
    for _ in range(int(arr.size * 0.0004)):     # speckle: small dark dots
        y, x = rng.randrange(arr.shape[0] - 2), rng.randrange(arr.shape[1] - 2)
        arr[y:y + rng.choice((1, 2)), x:x + rng.choice((1, 2))] = rng.randrange(0, 90)
    arr = (arr.clip(0, 255) * 0.92 + 12).astype(np.uint8)    # greyish paper
    return Image.fromarray(arr, "L")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=("born", "scan", "odd"))
    ap.add_argument("--seeds", nargs="*", default=list(BORN))
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if args.only in (None, "born"):
        make_born(args.seeds)
    if args.only in (None, "scan"):
        make_scans()
    if args.only in (None, "odd"):
        from pdf_fixtures_odd import make_odd
        make_odd(OUT)


if __name__ == "__main__":
    main()
