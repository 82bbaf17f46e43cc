"""Word and Excel sources: DOCX and XLSX built here with python-docx and openpyxl,
legacy .doc/.xls made from them by LibreOffice, and hostile packages, each refused
in one line."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml

from xephang.extract import read_document
from xephang.extract.errors import OfficeError, XephangError

GOLDEN = Path(__file__).resolve().parent / "golden"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                                   "'make install' installs it")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# The 2017 Hòa Bình overall ranking as printed (seed 000, "1. Xếp hạng chung"), from its
# hand-verified golden file.
RANKING = json.loads((GOLDEN / "000_4077041e69013ab5.expected.json").read_text(encoding="utf-8"))
OVERALL = next(t for t in RANKING["tables"] if t["title"] == "1. Xếp hạng chung")
COMPONENTS = [c["label"] for c in OVERALL["columns"][2:7]]
ROWS = [r["cells"] for r in OVERALL["rows"]]


# ---------------------------------------------------------------- fixtures built here

def text_box(text: str):
    """A run holding a Word text box, DrawingML first and its VML fallback (as Word saves it)."""
    return parse_xml(
        f'<w:r xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="5000000" cy="300000"/>'
        '<wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
        f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
        '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
        f'<w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>')


def ranking_table(document, rows=ROWS):
    """TT | Đơn vị | Điểm (five components) | Tổng điểm | Xếp hạng, a two-row header
    merged as Word merges it (vMerge down, gridSpan across)."""
    table = document.add_table(rows=2 + len(rows), cols=9)
    table.style = "Table Grid"
    top = ["TT", "Đơn vị", "Điểm", "", "", "", "", "Tổng điểm", "Xếp hạng"]
    for c, label in enumerate(top):
        table.cell(0, c).text = label
    for c, label in enumerate(COMPONENTS):
        table.cell(1, 2 + c).text = label
    for c in (0, 1, 7, 8):
        table.cell(0, c).merge(table.cell(1, c))
    table.cell(0, 2).merge(table.cell(0, 6))
    for r, cells in enumerate(rows, 2):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    return table


def decision_docx(*, title_in_text_box: bool = True) -> bytes:
    d = docx.Document()
    head = d.add_table(rows=2, cols=2)                     # the letterhead: a layout table
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    head.cell(1, 0).text = "Số: 2631/QĐ-UBND"
    head.cell(1, 1).text = "Hòa Bình, ngày 27 tháng 12 năm 2017"
    d.add_paragraph("QUYẾT ĐỊNH")
    d.add_paragraph("1. Xếp hạng chung")
    p = d.add_paragraph()
    if title_in_text_box:
        p._p.append(text_box("Bảng 1. Xếp hạng chung mức độ ứng dụng CNTT năm 2017"))
    ranking_table(d)
    d.add_paragraph("2. Bảng lồng trong khung")
    frame = d.add_table(rows=1, cols=1)                    # a layout frame around a table
    inner = frame.cell(0, 0).add_table(rows=3, cols=3)
    for r, cells in enumerate([["STT", "Tên cơ quan", "Tổng điểm"], ["1", "Sở Nội vụ", "77,2"],
                               ["2", "Sở Tư pháp", "75,8"]]):
        for c, text in enumerate(cells):
            inner.cell(r, c).text = text
    d.add_paragraph("KT. CHỦ TỊCH")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def decision(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("office") / "decision.docx"
    path.write_bytes(decision_docx())
    return path


def values(table) -> list[list[str]]:
    return [r.texts for r in table.rows]


# ---------------------------------------------------------------- DOCX

def test_docx_merged_header_is_one_header(decision):
    doc = read_document(decision)
    assert doc.source.format == "docx"
    ranking = doc.tables[0]
    assert values(ranking) == ROWS
    assert [c.label for c in ranking.columns] == ["TT", "Đơn vị", *COMPONENTS, "Tổng điểm", "Xếp hạng"]
    assert [c.role for c in ranking.columns] == ["row_no", "unit"] + ["component"] * 5 + ["total", "rank"]
    assert {c.group for c in ranking.columns[2:7]} == {"Điểm"}
    assert ranking.sums and ranking.sums[0].total == 7


def test_docx_text_box_title_is_the_caption(decision):
    ranking = read_document(decision).tables[0]
    assert ranking.caption == "Bảng 1. Xếp hạng chung mức độ ứng dụng CNTT năm 2017"
    assert ranking.title == ranking.caption
    assert ranking.section == "1. Xếp hạng chung"


def test_docx_text_box_read_once():
    doc = read_document_bytes(decision_docx(), "once.docx")
    texts = [p.text for p in doc.paragraphs]
    assert not any("Bảng 1." in t for t in texts)          # it is the caption, not a paragraph
    assert doc.tables[0].caption.count("Bảng 1.") == 1


def test_docx_cell_provenance(decision):
    ranking = read_document(decision).tables[0]
    first = ranking.rows[0]
    unit = first.cells[1].where
    # the letterhead is Word table 1; the ranking table 2; its first data row is tr[3]
    assert (unit.table, unit.row, unit.col, unit.path) == (2, 3, 2, "table[2]/tr[3]/tc[2]")
    total = first.cells[7].where
    assert (total.row, total.col, total.path) == (3, 8, "table[2]/tr[3]/tc[8]")
    # paragraphs count in document order, table cells included: after the header rows
    assert unit.paragraph is not None and unit.paragraph > ranking.where.paragraph
    assert first.where.row == 3 and first.where.table == 2


def test_docx_nested_table_is_read(decision):
    doc = read_document(decision)
    inner = doc.tables[1]
    assert values(inner) == [["1", "Sở Nội vụ", "77,2"], ["2", "Sở Tư pháp", "75,8"]]
    assert inner.rows[0].cells[2].where.table == 4            # letterhead, ranking, frame, inner
    assert inner.section == "2. Bảng lồng trong khung" or inner.title == "2. Bảng lồng trong khung"


def test_docx_metadata_from_the_letterhead(decision):
    meta = read_document(decision).meta
    assert meta.number == "2631/QĐ-UBND"
    assert meta.province == "Hòa Bình"
    assert meta.issued == "2017-12-27"


def read_document_bytes(data: bytes, name: str, tmp: Path | None = None):
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(data)
        return read_document(path)


def test_a_doc_that_is_a_docx_is_read_as_docx(tmp_path):
    path = tmp_path / "annex.doc"
    path.write_bytes(decision_docx())
    doc = read_document(path)
    assert doc.source.format == "docx" and doc.source.converted_from is None
    assert values(doc.tables[0]) == ROWS


SLIVER_TABLE = f"""<w:tbl xmlns:w="{W}"><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>
<w:tblGrid><w:gridCol w:w="700"/><w:gridCol w:w="2400"/><w:gridCol w:w="900"/><w:gridCol w:w="900"/>
<w:gridCol w:w="900"/><w:gridCol w:w="7"/><w:gridCol w:w="900"/></w:tblGrid>
{{rows}}</w:tbl>"""


def _tc(text: str, span: int = 1, vmerge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>" if vmerge else "")
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_docx_sliver_grid_column_is_dropped(tmp_path):
    """Word leaves a grid column a few twips wide when a border is moved by a hair; a
    header cell spanning it and a body cell spanning it line up as printed."""
    rows = [
        _tc("STT", vmerge="restart") + _tc("Đơn vị", vmerge="restart") + _tc("Năm 2023", 2)
        + _tc("Năm 2024", 3),
        _tc("", vmerge="cont") + _tc("", vmerge="cont") + _tc("Điểm") + _tc("Xếp hạng")
        + _tc("Điểm", 2) + _tc("Xếp hạng"),
        _tc("1") + _tc("Sở Nội vụ") + _tc("80,5") + _tc("2") + _tc("83,1", 2) + _tc("1"),
        _tc("2") + _tc("Sở Tư pháp") + _tc("81,0") + _tc("1") + _tc("79,4", 2) + _tc("2"),
    ]
    d = docx.Document()
    d.add_paragraph("Kết quả xếp hạng")
    d.element.body.insert(1, parse_xml(SLIVER_TABLE.format(rows="".join(f"<w:tr>{r}</w:tr>" for r in rows))))
    path = tmp_path / "sliver.docx"
    d.save(path)
    table = read_document(path).tables[0]
    assert values(table) == [["1", "Sở Nội vụ", "80,5", "2", "83,1", "1"],
                             ["2", "Sở Tư pháp", "81,0", "1", "79,4", "2"]]
    assert [c.group for c in table.columns[2:]] == ["Năm 2023", "Năm 2023", "Năm 2024", "Năm 2024"]
    assert table.rows[0].cells[4].where.col == 5


# ---------------------------------------------------------------- XLSX

def ranking_xlsx(path: Path, *, cached: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Xếp hạng"
    ws["A1"] = "BẢNG XẾP HẠNG CHUNG MỨC ĐỘ ỨNG DỤNG CNTT NĂM 2017"
    ws.merge_cells("A1:I1")
    ws.append([])
    ws.append(["TT", "Đơn vị", "Điểm", None, None, None, None, "Tổng điểm", "Xếp hạng"])
    ws.append([None, None, *COMPONENTS])
    for col in "ABHI":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("C3:G3")
    for k, cells in enumerate(ROWS, 5):
        ws.append([int(cells[0]), cells[1], *[_number(x) for x in cells[2:7]],
                   f"=SUM(C{k}:G{k})", int(cells[8])])
        ws[f"C{k}"].number_format = ws[f"H{k}"].number_format = "0.0"
    ws["K5"] = "ghi chú nội bộ"
    ws.column_dimensions["K"].hidden = True
    wb.save(path)
    if cached:
        _store_cached_totals(path)
    return path


def _number(text: str):
    value = Decimal(text.replace(",", "."))
    return int(value) if re.fullmatch(r"\d+", text) else float(value)


def as_numbers(texts: list[str]) -> list[Decimal]:
    return [Decimal(t.replace(",", ".")) for t in texts]


def _store_cached_totals(path: Path) -> None:
    """What Excel does on saving: keep each formula's last value beside it (openpyxl
    writes formulas only).  The values are the golden's printed totals."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for k, cells in enumerate(ROWS, 5):
        total = cells[7].replace(",", ".")
        sheet = re.sub(rf'(<c r="H{k}"[^>]*>)<f>(SUM\(C{k}:G{k}\))</f><v\s*/?>(</v>)?',
                       rf"\1<f>\2</f><v>{total}</v>", sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, body in parts.items():
            z.writestr(n, body)


def test_xlsx_merges_formulas_and_hidden_columns(tmp_path):
    doc = read_document(ranking_xlsx(tmp_path / "ranking.xlsx"))
    assert doc.source.format == "xlsx"
    (table,) = doc.tables
    assert table.title == "BẢNG XẾP HẠNG CHUNG MỨC ĐỘ ỨNG DỤNG CNTT NĂM 2017"
    assert [c.role for c in table.columns] == ["row_no", "unit"] + ["component"] * 5 + ["total", "rank"]
    assert [r.texts[1] for r in table.rows] == [r[1] for r in ROWS]
    # the stored values, printed with the decimals of the cell's number format ("0.0")
    assert [r.texts[7] for r in table.rows] == [r[7].replace(".", ",") for r in ROWS]
    assert as_numbers(table.rows[0].texts[2:7]) == as_numbers(ROWS[0][2:7])
    total = table.rows[0].cells[7].where
    assert (total.sheet, total.cell, total.formula) == ("Xếp hạng", "H5", "=SUM(C5:G5)")
    assert total.path == "'Xếp hạng'!H5"
    assert not any("ghi chú" in c.text for r in table.rows for c in r.cells)
    assert "sheet 'Xếp hạng': columns K are hidden in Excel; they were not read" in [
        str(w) for w in doc.warnings]
    hidden = next(w for w in doc.warnings if w.slug == "hidden-columns")
    assert hidden.where.sheet == "Xếp hạng" and "bị ẩn" in hidden.message_vi


def test_xlsx_formula_without_stored_value_is_reported(tmp_path):
    doc = read_document(ranking_xlsx(tmp_path / "raw.xlsx", cached=False))
    assert all(r.texts[7] == "" for r in doc.tables[0].rows)
    assert any("formula cells H5, H6" in str(w) and "no stored value" in str(w) for w in doc.warnings)


def test_xlsx_two_tables_on_one_sheet(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Đơn vị", "Tổng điểm"])
    ws.append([1, "Sở Nội vụ", 77.2])
    ws.append([2, "Sở Tư pháp", 75.8])
    ws.append([])
    ws.append(["STT", "Tên cơ quan", "Tổng điểm"])
    ws.append([1, "UBND huyện Mai Châu", 70])
    ws.append([2, "UBND huyện Lạc Sơn", 68.5])
    wb.save(tmp_path / "two.xlsx")
    doc = read_document(tmp_path / "two.xlsx")
    assert [values(t) for t in doc.tables] == [
        [["1", "Sở Nội vụ", "77,2"], ["2", "Sở Tư pháp", "75,8"]],
        [["1", "UBND huyện Mai Châu", "70"], ["2", "UBND huyện Lạc Sơn", "68,5"]]]


# ---------------------------------------------------------------- legacy .doc / .xls

def _convert(src: Path, target: str, out: Path) -> Path:
    profile = out / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=180)
    return out / (src.stem + "." + target.split(":")[0])


@needs_soffice
def test_legacy_doc_is_converted_and_points_back(tmp_path):
    src = tmp_path / "decision.docx"
    src.write_bytes(decision_docx(title_in_text_box=False))
    legacy = _convert(src, "doc:MS Word 97", tmp_path)
    assert legacy.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    doc = read_document(legacy)
    assert doc.source.converted_from == "doc" and doc.source.format == "docx"
    assert doc.source.path == str(legacy)
    import hashlib
    assert doc.source.sha256 == hashlib.sha256(legacy.read_bytes()).hexdigest()
    assert values(doc.tables[0]) == ROWS
    assert [c.role for c in doc.tables[0].columns][-2:] == ["total", "rank"]
    assert doc.meta.number == "2631/QĐ-UBND"


@needs_soffice
def test_legacy_xls_is_converted(tmp_path):
    legacy = _convert(ranking_xlsx(tmp_path / "ranking.xlsx"), "xls:MS Excel 97", tmp_path)
    assert legacy.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    doc = read_document(legacy)
    assert doc.source.converted_from == "xls" and doc.source.format == "xlsx"
    (table,) = doc.tables
    assert [r.texts[7] for r in table.rows] == [r[7].replace(".", ",") for r in ROWS]
    assert table.rows[0].cells[7].where.formula == "=SUM(C5:G5)"


def test_legacy_file_without_libreoffice_says_how_to_install(tmp_path, monkeypatch):
    from xephang.extract.office import convert
    monkeypatch.setattr(convert, "soffice", lambda: None)   # a machine without LibreOffice
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le"))
    with pytest.raises(XephangError) as err:
        read_document(path)
    assert str(err.value) == (
        f"{path}: a legacy Word 97-2003 (.doc) file needs LibreOffice to be read and it is not "
        "installed; install it with 'apt-get install --no-install-recommends libreoffice-writer-nogui "
        "libreoffice-calc-nogui' (or run 'make install'), or save the file as .docx first")


# ---------------------------------------------------------------- hostile files

def _repack(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name, body in changes.items():
        if body is None:
            parts.pop(name, None)
        else:
            parts[name] = body
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def _refusal(tmp_path: Path, data: bytes, name: str = "hostile.docx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(OfficeError) as err:
        read_document(path)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message[len(f"{path}: "):]


PLAIN = decision_docx(title_in_text_box=False)
RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
        b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
TEMPLATE = ('<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/attachedTemplate" Target="{target}" TargetMode="External"/>')


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    bomb = _repack(PLAIN, {"word/media/filler.bin": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 200_000
    assert re.fullmatch(r"part word/media/filler\.bin inflates [\d,]+ times its compressed size "
                        r"\(at most 400\); refused as a likely zip bomb", _refusal(tmp_path, bomb))


def test_zip_bomb_over_the_size_limit_is_refused(tmp_path):
    bomb = _repack(PLAIN, {"word/a.xml": b"<a/>" + b" " * (70 * 1024 * 1024)})
    assert _refusal(tmp_path, bomb) == ("part word/a.xml inflates to more than 64 MB; "
                                        "refused as a likely zip bomb")


def test_part_lying_about_its_size_is_refused(tmp_path):
    """The central directory says word/document.xml is 100 bytes; it inflates to more."""
    data = bytearray(PLAIN)
    name = b"word/document.xml"
    entry = next(pos for pos in range(len(data)) if data[pos:pos + 4] == b"PK\x01\x02"
                 and data[pos + 46:pos + 46 + len(name)] == name)
    data[entry + 24:entry + 28] = (100).to_bytes(4, "little")      # uncompressed size
    assert _refusal(tmp_path, bytes(data)).startswith("part word/document.xml is damaged or truncated (")


def test_truncated_archive_is_refused(tmp_path):
    assert _refusal(tmp_path, PLAIN[: len(PLAIN) // 2]).startswith(
        "a damaged or truncated ZIP archive (")


def test_remote_template_is_refused(tmp_path):
    rels = RELS.replace(b"{rels}", TEMPLATE.format(target="http://example.com/t.dotm").encode())
    data = _repack(PLAIN, {"word/_rels/settings.xml.rels": rels})
    assert _refusal(tmp_path, data) == ("word/_rels/settings.xml.rels links a remote template "
                                        "(http://example.com/t.dotm); refused: the reader never "
                                        "fetches anything")


def test_linked_remote_image_is_refused(tmp_path):
    with zipfile.ZipFile(io.BytesIO(PLAIN)) as z:
        rels = z.read("word/_rels/document.xml.rels")
    image = (b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             b'relationships/image" Target="\\\\fileserver\\share\\logo.png" TargetMode="External"/>')
    data = _repack(PLAIN, {"word/_rels/document.xml.rels": rels.replace(b"</Relationships>",
                                                                         image + b"</Relationships>")})
    assert _refusal(tmp_path, data) == ("word/_rels/document.xml.rels links a remote image "
                                        "(\\\\fileserver\\share\\logo.png); refused: the reader never "
                                        "fetches anything")


def test_local_template_is_ignored_with_a_warning(tmp_path):
    target = "file:///C:/Users/vanthu/AppData/Roaming/Microsoft/Templates/Normal.dotm"
    rels = RELS.replace(b"{rels}", TEMPLATE.format(target=target).encode())
    path = tmp_path / "local.docx"
    path.write_bytes(_repack(PLAIN, {"word/_rels/settings.xml.rels": rels}))
    doc = read_document(path)
    assert values(doc.tables[0]) == ROWS
    assert f"word/_rels/settings.xml.rels links a template outside the file ({target}); it was not opened" \
        in [str(w) for w in doc.warnings]
    assert [w.slug for w in doc.warnings] == ["office-external-link"]


def test_macros_are_refused(tmp_path):
    data = _repack(PLAIN, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})
    assert _refusal(tmp_path, data, "macro.docm") == (
        "the file holds macros (word/vbaProject.bin); refused: macros are never run — save it as a "
        "plain .docx or .xlsx without macros")


def test_macro_enabled_content_type_is_refused(tmp_path):
    with zipfile.ZipFile(io.BytesIO(PLAIN)) as z:
        types = z.read("[Content_Types].xml")
    types = types.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
    assert _refusal(tmp_path, _repack(PLAIN, {"[Content_Types].xml": types})) == (
        "the file is macro-enabled (.docm/.xlsm content type); refused: macros are never run — save "
        "it as a plain .docx or .xlsx")


def test_encrypted_office_file_is_refused(tmp_path):
    # An encrypted .docx is an OLE2 compound file holding EncryptionInfo and EncryptedPackage.
    data = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1016
            + "EncryptionInfo".encode("utf-16-le") + b"\0" * 50 + "EncryptedPackage".encode("utf-16-le"))
    assert _refusal(tmp_path, data, "secret.docx") == (
        "the file is encrypted (password-protected); refused: remove the password in Word or Excel "
        "and save it again")


def test_entity_declaration_is_refused(tmp_path):
    with zipfile.ZipFile(io.BytesIO(PLAIN)) as z:
        body = z.read("word/document.xml")
    evil = body.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    assert _refusal(tmp_path, _repack(PLAIN, {"word/document.xml": evil})) == (
        "part word/document.xml declares a DTD (<!DOCTYPE …); refused: entities are never expanded "
        "and nothing is fetched")


def test_zip_that_is_not_office_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("notes.txt", "hello")
    assert _refusal(tmp_path, out.getvalue(), "notes.docx") == (
        "a ZIP archive that is neither a Word (.docx) nor an Excel (.xlsx) file; save it as .docx, "
        ".xlsx, PDF or HTML first")


def test_cli_refuses_in_one_line_and_reads_the_rest(tmp_path, decision):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(PLAIN[:1000])
    run = subprocess.run([str(Path(__file__).resolve().parent.parent / ".venv" / "bin" / "xephang"),
                          "extract", str(bad), str(decision), "--format", "json"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    errors = [ln for ln in run.stderr.splitlines() if str(bad) in ln]
    assert len(errors) == 1 and "damaged or truncated ZIP archive" in errors[0]
    out = [json.loads(ln) for ln in run.stdout.splitlines() if ln.strip()]
    assert [o["source"]["format"] for o in out] == ["docx"]
    cells = out[0]["tables"][0]["rows"][0]["provenance"][1]
    assert cells["table"] == 2 and cells["row"] == 3 and cells["col"] == 2


# ---------------------------------------------------------------- Word and its PDF agree

@needs_soffice
def test_word_and_its_pdf_give_the_same_values(tmp_path):
    """The seed's overall ranking (hand-verified golden rows) written to Word, printed to
    PDF by LibreOffice: both readings give the golden's units and numbers, row by row."""
    d = docx.Document()
    d.add_paragraph("1. Xếp hạng chung")
    ranking_table(d)
    word = tmp_path / "ranking.docx"
    d.save(word)
    pdf = _convert(word, "pdf", tmp_path)
    from_word, from_pdf = read_document(word).tables, read_document(pdf).tables
    assert len(from_word) == len(from_pdf) == 1

    def by_unit(table):
        unit = table.column_index("unit")
        return {r.texts[unit]: as_numbers([t for k, t in enumerate(r.texts) if k != unit and t])
                for r in table.rows}

    expected = {r[1]: as_numbers([t for k, t in enumerate(r) if k != 1 and t]) for r in ROWS}
    assert by_unit(from_word[0]) == expected
    assert by_unit(from_pdf[0]) == expected


def test_draft_letterhead_gives_the_place_without_a_date(tmp_path):
    """A draft leaves the number and the day blank; the province still comes from the
    place before "ngày"."""
    d = docx.Document()
    head = d.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "UBND TỈNH\nSỞ NỘI VỤ"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    head.cell(1, 0).text = "Số:      /BC-SNV"
    head.cell(1, 1).text = "Hà Giang, ngày      tháng 3 năm 2024"
    d.add_paragraph("BÁO CÁO")
    ranking_table(d, ROWS[:3])
    path = tmp_path / "draft.docx"
    d.save(path)
    meta = read_document(path).meta
    assert (meta.province, meta.issued, meta.number) == ("Hà Giang", None, None)


def test_word_list_numbers_are_printed(tmp_path):
    """Numbers Word counts itself (a numbered heading, an STT column numbered as a list)
    are printed, so they are read: "1.", "2.", … in document order."""
    d = docx.Document()
    d.add_paragraph("Kết quả xếp hạng chung", style="List Number")
    table = d.add_table(rows=4, cols=3)
    for c, label in enumerate(["STT", "Đơn vị", "Tổng điểm"]):
        table.cell(0, c).text = label
    for r, (unit, total) in enumerate([("Sở Nội vụ", "77,2"), ("Sở Tư pháp", "75,8"),
                                       ("Sở Y tế", "70,1")], 1):
        table.cell(r, 0).paragraphs[0].style = d.styles["List Number 2"]
        table.cell(r, 1).text, table.cell(r, 2).text = unit, total
    path = tmp_path / "numbered.docx"
    d.save(path)
    doc = read_document(path)
    assert doc.paragraphs[0].text == "1. Kết quả xếp hạng chung"
    assert [r.texts[0] for r in doc.tables[0].rows] == ["1.", "2.", "3."]


def test_word_paragraph_provenance(decision):
    doc = read_document(decision)
    heading = next(h for h in doc.headings if h.text == "1. Xếp hạng chung")
    # letterhead: 4 cells of one paragraph each, except the first (two lines, one paragraph)
    assert heading.where.path == f"p[{heading.where.paragraph}]"
    assert heading.where.paragraph == 6


@needs_soffice
def test_rich_text_saved_as_doc_is_converted(tmp_path):
    """Word saves Rich Text under a .doc name as well; it is told by content."""
    src = tmp_path / "decision.docx"
    src.write_bytes(decision_docx(title_in_text_box=False))
    rtf = _convert(src, "rtf", tmp_path)
    legacy = tmp_path / "phu-luc.doc"
    rtf.rename(legacy)
    assert legacy.read_bytes().startswith(b"{\\rtf")
    doc = read_document(legacy)
    assert (doc.source.format, doc.source.converted_from) == ("docx", "rtf")
    assert values(doc.tables[0]) == ROWS


def test_excel_file_that_is_an_html_page_is_read_as_html(tmp_path):
    """Portals export "Excel" files that are HTML tables under an .xls name."""
    rows = "".join(f"<tr><td>{r[0]}</td><td>{r[1]}</td><td>{r[7]}</td></tr>" for r in ROWS)
    path = tmp_path / "ket-qua.xls"
    path.write_text('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                    f"<table><tr><th>TT</th><th>Đơn vị</th><th>Tổng điểm</th></tr>{rows}</table>",
                    encoding="utf-8")
    doc = read_document(path)
    assert doc.source.format == "html"
    assert values(doc.tables[0]) == [[r[0], r[1], r[7]] for r in ROWS]


def test_caption_line_right_above_a_table(tmp_path):
    """A "Bảng 2. …" paragraph right above a Word table, a "Bảng 2. …" cell alone above an
    Excel block: the table's caption, and its title."""
    title = "Bảng 2. Kết quả xếp hạng các huyện năm 2023"
    d = docx.Document()
    d.add_paragraph("II. KẾT QUẢ CẤP HUYỆN")
    d.add_paragraph(title)
    ranking_table(d, ROWS[:3])
    d.save(tmp_path / "caption.docx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B2"] = title
    ws.append([])
    ws.append(["STT", "Đơn vị", "Tổng điểm"])
    for r in ROWS[:3]:
        ws.append([int(r[0]), r[1], float(Decimal(r[7]))])
    wb.save(tmp_path / "caption.xlsx")
    for name in ("caption.docx", "caption.xlsx"):
        (table,) = read_document(tmp_path / name).tables
        assert (table.caption, table.title) == (title, title), name
        assert [r.texts[1] for r in table.rows] == [r[1] for r in ROWS[:3]]


def test_entity_in_a_part_with_another_name_is_refused(tmp_path):
    """A part is XML by its content, whatever its name."""
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><x>&b;</x>'
    assert _refusal(tmp_path, _repack(PLAIN, {"customXml/item9.dat": evil})) == (
        "part customXml/item9.dat declares a DTD (<!DOCTYPE …); refused: entities are never "
        "expanded and nothing is fetched")


def test_workbook_of_millions_of_cells_is_refused(tmp_path):
    """Empty styled cells cost memory too; the count is taken before openpyxl loads anything."""
    path = ranking_xlsx(tmp_path / "big.xlsx")
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    filler = b"".join(b'<row r="%d">' % r + b'<c r="Z%d" s="0"/>' % r * 5 + b"</row>"
                      for r in range(1000, 121000))
    sheet = sheet.replace(b"</sheetData>", filler + b"</sheetData>")
    message = _refusal(tmp_path, _repack(path.read_bytes(), {"xl/worksheets/sheet1.xml": sheet}),
                       "big.xlsx")
    assert re.fullmatch(r"the workbook's sheets hold [\d,]+ cells \(at most 500,000\); refused: "
                        r"split it or save the ranking sheets on their own", message)


def test_document_of_too_many_paragraphs_is_refused(tmp_path):
    """Small paragraphs compress well under the size limits; their number is capped
    before the document is parsed."""
    with zipfile.ZipFile(io.BytesIO(PLAIN)) as z:
        body = z.read("word/document.xml")
    para = "<w:p><w:r><w:t>Sở Nội vụ 80,5</w:t></w:r></w:p>".encode()
    body = body.replace(b"<w:body>", b"<w:body>" + para * 50_000, 1)
    assert _refusal(tmp_path, _repack(PLAIN, {"word/document.xml": body})) == (
        f"part word/document.xml holds {50_000 + PLAIN_PARAGRAPHS:,} paragraphs (at most 40,000); "
        "refused as built to exhaust the reader")


with zipfile.ZipFile(io.BytesIO(PLAIN)) as _z:
    PLAIN_PARAGRAPHS = len(re.findall(rb"<w:p[\s>/]", _z.read("word/document.xml")))


def test_word_and_excel_json_match_the_schema(tmp_path, decision):
    import jsonschema
    from importlib import resources
    from xephang.outputs.contract import document_dict
    schema = json.loads(resources.files("xephang").joinpath("schema/extract.schema.json").read_text())
    for path in (decision, ranking_xlsx(tmp_path / "ranking.xlsx")):
        out = document_dict(read_document(path))
        jsonschema.validate(out, schema)
        cell = out["tables"][0]["rows"][0]["provenance"][7]
        assert ({"table", "row", "col", "paragraph"} <= cell.keys() if path.suffix == ".docx"
                else cell["formula"] == "=SUM(C5:G5)" and cell["cell"] == "H5")
    broken = document_dict(read_document(decision))
    broken["tables"][0]["rows"][0]["provenance"][0]["row"] = 0          # rows are 1-based
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
