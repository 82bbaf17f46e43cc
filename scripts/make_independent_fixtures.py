"""Print the seeds' tables from their hand-checked truth, by two producers, in several styles.

Reads ONLY tests/fixtures/independent/truth/NNN.json (the printed tables, checked by
hand against the seed text: see tests/fixtures/independent/VERIFIED.md) and never
xephang's readers, so the renditions measure the readers instead of echoing them.

Producers:
  libreoffice  a Word document written with python-docx, printed to PDF by
               LibreOffice headless (soffice --convert-to pdf)
  chromium     an HTML page with print CSS, printed to PDF by Chromium headless

Styles (three per producer) vary the rules, header repetition, fonts, page
orientation and column widths; "narrow" styles make the number columns just wide
enough for their numbers, so "TT" wraps to "T"/"T", "(1)" to "(1"/")" and header
words break.  Scans: the tables listed in SCANS printed in one style per producer,
rasterised at 200 dpi by pdftoppm, turned 1-2 degrees, blurred and speckled, and
saved as image-only PDFs.

Writes tests/fixtures/independent/{pdf,scan}/ and renditions.json (one entry per
file: seed, producer, style, and which truth tables and rows it prints).

Usage: python scripts/make_independent_fixtures.py [--only born|scan] [--seeds 000 002]
"""
from __future__ import annotations

import argparse
import html
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "fixtures" / "independent"
TRUTH = HERE / "truth"
SEED_KEYS = ("000", "001", "002", "004")
CM_PER_PT = 2.54 / 72
#: a table with more columns than this goes on a landscape page in every style
WIDE = 10


@dataclass(frozen=True)
class Style:
    producer: str      # "libreoffice" or "chromium"
    font: str          # font family, as fontconfig names it
    size: float        # body text size, pt
    ruled: bool        # every cell ruled, or rules above and below the header only
    repeat: bool       # header rows printed again on every page a table runs over
    narrow: bool       # number columns just wide enough for the body's numbers
    landscape: bool    # every page landscape (else only the wide tables)
    about: str


STYLES = {
    "lo-grid": Style("libreoffice", "Liberation Serif", 12, True, True, False, False,
                     "ruled grid, header repeated on every page, Liberation Serif 12 pt, "
                     "portrait (wide tables landscape)"),
    "lo-narrow": Style("libreoffice", "DejaVu Serif", 10, True, False, True, False,
                       "ruled, narrow number columns (TT -> T/T, (1) -> (1/)), header printed "
                       "once, DejaVu Serif 10 pt"),
    "lo-open": Style("libreoffice", "Liberation Sans", 10, False, True, False, True,
                     "unruled (rules above and below the header), header repeated, "
                     "Liberation Sans 10 pt, all pages landscape"),
    "ch-grid": Style("chromium", "Liberation Serif", 11, True, True, False, False,
                     "ruled grid, header repeated (thead), Liberation Serif 11 pt, portrait "
                     "(wide tables on landscape pages)"),
    "ch-narrow": Style("chromium", "DejaVu Serif", 10, False, False, True, False,
                       "unruled, narrow number columns, header printed once, DejaVu Serif 10 pt"),
    "ch-land": Style("chromium", "Liberation Sans", 10, True, True, True, True,
                     "ruled, narrow number columns, header repeated, Liberation Sans 10 pt, "
                     "all pages landscape"),
}

#: scans: per seed, (truth table index, first row, end row or None) printed and scanned
SCANS = {"000": ((5, 0, None), (0, 0, None)),
         "001": ((0, 0, 34),),
         "002": ((0, 0, None), (1, 0, None), (17, 0, None)),
         "004": ((0, 0, None), (1, 0, None), (2, 0, None), (3, 0, None))}
#: one style per producer is scanned; angle in degrees per producer
SCAN_STYLES = {"lo-grid": 1.4, "ch-narrow": -1.8}
SCAN_DPI = 200


# ---------------------------------------------------------------- truth

def load_truth(key: str) -> dict:
    return json.loads((TRUTH / f"{key}.json").read_text(encoding="utf-8"))


def select(truth: dict, picks) -> list[dict]:
    """The truth tables a rendition prints: all, or the (table, first, end) picks."""
    if picks is None:
        return truth["tables"]
    out = []
    for k, first, end in picks:
        t = dict(truth["tables"][k])
        t["rows"] = t["rows"][first:end]
        t["bands"] = [b for b in t["bands"] if first <= b["before_row"] < first + len(t["rows"])]
        t["bands"] = [dict(b, before_row=b["before_row"] - first) for b in t["bands"]]
        out.append(t)
    return out


# ---------------------------------------------------------------- layout

def font_file(family: str) -> str:
    out = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True,
                         check=True).stdout.strip()
    return out


_FONTS: dict = {}


def text_width_pt(text: str, style: Style) -> float:
    """Width of the longest printed line of text in the style's font, in points."""
    from PIL import ImageFont
    key = (style.font, style.size)
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(font_file(style.font), size=100)
    font = _FONTS[key]
    return max((font.getlength(line) for line in text.split("\n")), default=0) * style.size / 100


def is_number_column(table: dict, c: int) -> bool:
    """A column whose filled body cells are all short (numbers, ids, ranks)."""
    cells = [r[c] for r in table["rows"] if c < len(r) and r[c]]
    return bool(cells) and all(len(x) <= 6 and "\n" not in x for x in cells)


def is_wide(table: dict) -> bool:
    return len(table["columns"]) > WIDE


def column_widths_cm(table: dict, style: Style, usable_cm: float) -> list[float]:
    """Number columns a set width (narrow: the first just as wide as its numbers, so its
    header wraps); text columns share what is left by the length of their text."""
    n = len(table["columns"])
    widths: list[float | None] = []
    for c in range(n):
        if not is_number_column(table, c):
            widths.append(None)
            continue
        body = max(text_width_pt(r[c], style) for r in table["rows"] if r[c]) * CM_PER_PT
        if style.narrow and c == 0:
            widths.append(body + 0.22)
        else:
            floor = (1.1 if style.narrow else 1.5) * style.size / 10
            widths.append(max(body + 0.4, floor))
    free = [c for c in range(n) if widths[c] is None]
    fixed = sum(w for w in widths if w is not None)
    room = usable_cm - 3.0 * len(free)
    if fixed > room:
        squeeze = room / fixed
        widths = [w * squeeze if w is not None and (c or not style.narrow) else w
                  for c, w in enumerate(widths)]
        fixed = sum(w for w in widths if w is not None)
    if not free:
        return [w * usable_cm / fixed for w in widths]
    weight = {c: max(8, min(60, max((len(r[c]) for r in table["rows"]), default=8),
                                len(table["columns"][c]["label"]))) for c in free}
    left = usable_cm - fixed
    total = sum(weight.values())
    return [w if w is not None else left * weight[c] / total for c, w in enumerate(widths)]


def header_grid(table: dict) -> list[list[tuple[str, int, int] | None]]:
    """Header rows as a grid: (text, colspan, rowspan) at each cell's top-left, None under a span.

    Labels printed above other labels ("Điểm" over the components) span the columns
    that share them; a column with nothing above spans every level; the column
    numbers "(1)".."(n)" make one more row."""
    cols = table["columns"]
    levels = max(len(c["above"]) for c in cols) + 1
    grid: list[list] = [[None] * len(cols) for _ in range(levels)]
    for lvl in range(levels):
        c = 0
        while c < len(cols):
            above = cols[c]["above"]
            if lvl < len(above):
                end = c
                while end + 1 < len(cols) and cols[end + 1]["above"][:lvl + 1] == above[:lvl + 1]:
                    end += 1
                grid[lvl][c] = (above[lvl], end - c + 1, 1)
                c = end + 1
                continue
            if lvl == len(above):
                grid[lvl][c] = (cols[c]["label"], 1, levels - lvl)
            c += 1
    if any(col["number"] for col in cols):
        grid.append([(col["number"] or "", 1, 1) for col in cols])
    return grid


# ---------------------------------------------------------------- LibreOffice (Word)

def docx_document(tables: list[dict], style: Style, path: Path) -> None:
    """A Word document of the tables: one section per change of orientation."""
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = style.font
    normal.font.size = Pt(style.size)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), style.font)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    set_page(doc.sections[0], style.landscape)
    for k, table in enumerate(tables):
        landscape = style.landscape or is_wide(table)
        if landscape != (doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE):
            set_page(doc.sections[0] if not k else doc.add_section(WD_SECTION.NEW_PAGE), landscape)
        section = doc.sections[-1]
        usable = (section.page_width - section.left_margin - section.right_margin) / 360000
        if table["title"]:
            docx_paragraph(doc, table["title"], before=10, after=6, bold=True)
        docx_table(doc, table, style, usable)
        if table["caption"]:
            docx_paragraph(doc, table["caption"], before=4, after=10, italic=True)
        else:
            doc.add_paragraph()
    doc.save(path)


def docx_paragraph(doc, text: str, *, before: float, after: float, bold: bool = False,
                   italic: bool = False) -> None:
    """A title (bold, kept with the table below) or a caption (italic, centred)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(before)
    p.paragraph_format.space_after = Pt(after)
    run = p.add_run(text)
    if bold:
        run.bold = True
        p.paragraph_format.keep_with_next = True
    if italic:
        run.italic = True
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def docx_table(doc, table: dict, style: Style, usable_cm: float) -> None:
    """The header grid (merged cells, repeated or not), band rows and body rows."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Cm
    from docx.table import _Cell

    grid = header_grid(table) if table["header_printed"] else []
    widths = column_widths_cm(table, style, usable_cm)
    n = len(table["columns"])
    body = body_lines(table)
    t = doc.add_table(rows=len(grid) + len(body), cols=n)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    if style.ruled:
        t.style = doc.styles["Table Grid"]
    fixed_layout(t, qn)
    for c, column in enumerate(t.columns):
        column.width = Cm(widths[c])
    # cells by row, taken once: Table.cell() walks the whole table on every call
    tcs = [[_Cell(tc, t) for tc in tr.tc_lst] for tr in t._tbl.tr_lst]
    for row in tcs:
        for c, cell in enumerate(row):
            cell.width = Cm(widths[c])
    for r, cells in enumerate(grid):
        for c, spec in enumerate(cells):
            if spec is None:
                continue
            text, cols, rows = spec
            cell = t.cell(r, c)
            if cols > 1 or rows > 1:
                cell = cell.merge(t.cell(r + rows - 1, c + cols - 1))
            fill(cell, text, bold=True, center=True)
        if style.repeat:
            repeat_row(t.rows[r], qn)
    for i, (kind, line) in enumerate(body):
        r = len(grid) + i
        if kind == "band":
            fill(t.cell(r, 0).merge(t.cell(r, n - 1)), line, bold=True, center=False)
            continue
        for c, text in enumerate(line):
            fill(tcs[r][c], text, bold=False, center=is_number_column(table, c))
    if not style.ruled:
        open_rules(t, len(grid), qn)


def set_page(section, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm
    long_side, short_side = Cm(29.7), Cm(21.0)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = long_side if landscape else short_side
    section.page_height = short_side if landscape else long_side
    section.left_margin = Cm(2.5 if not landscape else 2.0)
    section.right_margin = Cm(1.5)
    section.top_margin = Cm(2.0)
    section.bottom_margin = Cm(2.0)


def body_lines(table: dict) -> list[tuple[str, object]]:
    """Body rows in print order, grade-band rows spanning the table before their rows."""
    bands: dict[int, list[str]] = {}
    for b in table["bands"]:
        bands.setdefault(b["before_row"], []).append(b["text"])
    out: list[tuple[str, object]] = []
    for i, row in enumerate(table["rows"]):
        out.extend(("band", text) for text in bands.get(i, []))
        out.append(("row", row))
    return out


def fill(cell, text: str, *, bold: bool, center: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    for k, line in enumerate(lines):
        if k:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT


def fixed_layout(table, qn) -> None:
    from docx.oxml import OxmlElement
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def repeat_row(row, qn) -> None:
    from docx.oxml import OxmlElement
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def open_rules(table, header_rows: int, qn) -> None:
    """Unruled: a rule above and below the header and under the last row only."""
    from docx.oxml import OxmlElement

    def rule(cell, side: str) -> None:
        tc_pr = cell._tc.get_or_add_tcPr()
        borders = tc_pr.find(qn("w:tcBorders"))
        if borders is None:
            borders = OxmlElement("w:tcBorders")
            tc_pr.append(borders)
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "8")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)

    rows = table.rows
    for cell in rows[0].cells:
        rule(cell, "top")
    if header_rows:
        for cell in rows[header_rows - 1].cells:
            rule(cell, "bottom")
    for cell in rows[-1].cells:
        rule(cell, "bottom")


def print_docx(docx: Path, out: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("make_independent_fixtures: LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                       check=True, capture_output=True, timeout=600)
        shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), out)


# ---------------------------------------------------------------- Chromium (HTML)

def html_document(tables: list[dict], style: Style) -> str:
    orient = "landscape" if style.landscape else "portrait"
    rule = "0.6pt solid #000"
    css = f"""
@page {{ size: A4 {orient}; margin: 20mm 15mm 20mm 25mm; }}
@page wide {{ size: A4 landscape; margin: 20mm 15mm 20mm 20mm; }}
section.wide {{ page: wide; }}
body {{ font-family: '{style.font}'; font-size: {style.size}pt; margin: 0; }}
h3 {{ font-size: {style.size}pt; margin: 12pt 0 6pt; break-after: avoid; }}
p.caption {{ font-style: italic; text-align: center; margin: 4pt 0 12pt; }}
table {{ border-collapse: collapse; table-layout: fixed; margin: 0 auto; }}
th, td {{ padding: 1.5pt 2.5pt; vertical-align: middle; overflow-wrap: anywhere; }}
th {{ font-weight: bold; text-align: center; }}
td.n {{ text-align: center; }}
td.band {{ font-weight: bold; }}
{"th, td { border: " + rule + "; }" if style.ruled else
 "table { border-top: " + rule + "; border-bottom: " + rule + "; } tr.last-head th { border-bottom: " + rule + "; }"}
"""
    parts = ["<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>",
             f"<style>{css}</style></head><body>"]
    for table in tables:
        wide = is_wide(table) and not style.landscape
        usable = (29.7 - 3.5) if (wide or style.landscape) else (21.0 - 4.0)
        parts.append(f"<section class='{'wide' if wide else 'plain'}'>")
        if table["title"]:
            parts.append(f"<h3>{esc(table['title'])}</h3>")
        parts.append(table_html(table, style, usable))
        if table["caption"]:
            parts.append(f"<p class='caption'>{esc(table['caption'])}</p>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def esc(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def table_html(table: dict, style: Style, usable_cm: float) -> str:
    widths = column_widths_cm(table, style, usable_cm)
    n = len(table["columns"])
    out = [f"<table style='width:{sum(widths):.2f}cm'>", "<colgroup>"]
    out += [f"<col style='width:{w:.2f}cm'>" for w in widths]
    out.append("</colgroup>")
    head = []
    grid = header_grid(table) if table["header_printed"] else []
    for r, cells in enumerate(grid):
        cls = " class='last-head'" if r == len(grid) - 1 else ""
        tds = []
        for spec in cells:
            if spec is None:
                continue
            text, cols, rows = spec
            span = (f" colspan='{cols}'" if cols > 1 else "") + (f" rowspan='{rows}'" if rows > 1 else "")
            tds.append(f"<th{span}>{esc(text)}</th>")
        head.append(f"<tr{cls}>{''.join(tds)}</tr>")
    body = []
    for kind, line in body_lines(table):
        if kind == "band":
            body.append(f"<tr><td class='band' colspan='{n}'>{esc(line)}</td></tr>")
            continue
        tds = [f"<td class='n'>{esc(t)}</td>" if is_number_column(table, c) else f"<td>{esc(t)}</td>"
               for c, t in enumerate(line)]
        body.append(f"<tr>{''.join(tds)}</tr>")
    if style.repeat:
        out += ["<thead>", *head, "</thead>", "<tbody>", *body, "</tbody>"]
    else:
        out += ["<tbody>", *head, *body, "</tbody>"]
    out.append("</table>")
    return "\n".join(out)


def print_html(page: Path, out: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("make_independent_fixtures: Chromium is not installed")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        "--disable-pdf-tagging",
                        f"--print-to-pdf={out}", page.as_uri()],
                       check=True, capture_output=True, timeout=600)


# ---------------------------------------------------------------- rendering

def render(tables: list[dict], style: Style, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if style.producer == "libreoffice":
            src = Path(tmp) / (out.stem + ".docx")
            docx_document(tables, style, src)
            print_docx(src, out)
        else:
            src = Path(tmp) / (out.stem + ".html")
            src.write_text(html_document(tables, style), encoding="utf-8")
            print_html(src, out)


def scan(pdf: Path, out: Path, angle: float, seed: int) -> int:
    """Rasterise at 200 dpi, turn, blur, speckle, and save as an image-only PDF; page count."""
    import numpy as np
    from PIL import Image, ImageFilter
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", str(pdf), f"{tmp}/p"],
                       check=True, capture_output=True, timeout=600)
        pages = sorted(Path(tmp).glob("p-*.png"))
        rng = random.Random(seed)
        images = []
        for k, page in enumerate(pages):
            img = Image.open(page).convert("L")
            tilt = angle + rng.uniform(-0.3, 0.3)
            img = img.rotate(tilt, resample=Image.BICUBIC, expand=False, fillcolor=255)
            img = img.filter(ImageFilter.GaussianBlur(radius=0.7))
            a = np.asarray(img, dtype=np.float32)
            noise = np.random.default_rng(seed + k)
            a = a * 0.93 + 10 + noise.normal(0, 6, a.shape)          # greyish paper, grain
            dots = noise.random(a.shape) < 0.0004                     # speckle
            a[dots] = noise.uniform(0, 90, int(dots.sum()))
            img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
            images.append(img)
        images[0].save(out, "PDF", resolution=SCAN_DPI, save_all=True,
                       append_images=images[1:], quality=55)
        return len(images)


def make(keys, only: str | None) -> None:
    (HERE / "pdf").mkdir(parents=True, exist_ok=True)
    (HERE / "scan").mkdir(parents=True, exist_ok=True)
    manifest_path = HERE / "renditions.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    for key in keys:
        truth = load_truth(key)
        if only in (None, "born"):
            for name, style in STYLES.items():
                out = HERE / "pdf" / f"{key}.{name}.pdf"
                render(select(truth, None), style, out)
                manifest[out.relative_to(HERE).as_posix()] = {
                    "seed": key, "producer": style.producer, "style": name, "scan": False,
                    "about": style.about, "tables": None}
                print(f"{out.relative_to(ROOT)}")
        if only in (None, "scan"):
            for name, angle in SCAN_STYLES.items():
                style = STYLES[name]
                picks = SCANS[key]
                with tempfile.TemporaryDirectory() as tmp:
                    born = Path(tmp) / f"{key}.{name}.pdf"
                    render(select(truth, picks), style, born)
                    out = HERE / "scan" / f"{key}.{name}.scan.pdf"
                    sign = -1 if int(key) % 2 else 1
                    pages = scan(born, out, angle * sign, seed=int(key) * 31 + len(name))
                manifest[out.relative_to(HERE).as_posix()] = {
                    "seed": key, "producer": style.producer, "style": name, "scan": True,
                    "about": f"{style.about}; scanned at {SCAN_DPI} dpi, turned about "
                             f"{angle * sign:+.1f} degrees, blurred and speckled ({pages} pages)",
                    "tables": [list(p) for p in picks]}
                print(f"{out.relative_to(ROOT)}")
    manifest = dict(sorted(manifest.items()))
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", choices=("born", "scan"))
    ap.add_argument("--seeds", nargs="*", default=list(SEED_KEYS))
    args = ap.parse_args()
    make(args.seeds, args.only)


if __name__ == "__main__":
    main()
