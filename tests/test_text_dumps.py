"""One-cell-per-line tables whose header the seeds never showed, and tables printed
with every bar on a line of its own.

The column count comes from the rows' repeating shape, and the header is what sits
above them: a header cell wrapped over two or three lines is one cell.  Every sample
is written by hand from a hand-made truth; each layout has paraphrases (with and
without "TT", blank lines between cells or not, two- and three-line wraps, printed
column numbers, a title above).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from xephang.extract import defects, read_document
from xephang.extract.interpret import rubric_nodes

ICT = [["1", "Đà Nẵng", "0,8485", "1"], ["2", "Cần Thơ", "0,6881", "2"],
       ["3", "Quảng Ninh", "0,6514", "4"], ["4", "Bắc Ninh", "0,6640", "3"]]


def dump(header: list[str], rows: list[list[str]], spaced: bool, above: str = "") -> str:
    lines = header + [cell for row in rows for cell in row]
    sep = "\n\n" if spaced else "\n"
    return (above + sep if above else "") + sep.join(lines) + "\n"


def read(tmp_path: Path, text: str):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path)


HEADERS = {
    "TT, two-line wrap": ["TT", "Tỉnh, thành phố trực thuộc", "Trung ương", "Chỉ số", "Xếp hạng"],
    "STT, three-line wrap": ["STT", "Tỉnh, thành phố", "trực thuộc", "Trung ương", "Điểm", "Xếp hạng"],
    "TT, wrapped value label": ["TT", "Tỉnh, thành phố", "Chỉ số sẵn sàng", "ứng dụng CNTT", "Thứ hạng"],
}


@pytest.mark.parametrize("spaced", [True, False], ids=["blank-lines-between", "no-blank-lines"])
@pytest.mark.parametrize("name", list(HEADERS))
def test_a_wrapped_header_cell_is_one_cell(tmp_path, name, spaced):
    header = HEADERS[name]
    doc = read(tmp_path, dump(header, ICT, spaced, above="Bảng 2. Xếp hạng Vietnam ICT Index 2023"))
    assert defects(doc) == []
    (table,) = doc.tables
    assert [r.texts for r in table.rows] == ICT
    assert [c.role for c in table.columns] == ["row_no", "unit", "total", "rank"]
    wrapped = {"TT, two-line wrap": (1, "Tỉnh, thành phố trực thuộc Trung ương"),
               "STT, three-line wrap": (1, "Tỉnh, thành phố trực thuộc Trung ương"),
               "TT, wrapped value label": (2, "Chỉ số sẵn sàng ứng dụng CNTT")}[name]
    assert table.columns[wrapped[0]].label == wrapped[1]
    assert [c.text for c in table.header] == header          # as printed, line by line


def test_a_header_without_row_number(tmp_path):
    rows = [r[1:] for r in ICT]
    doc = read(tmp_path, dump(["Tỉnh, thành phố", "trực thuộc", "Trung ương", "Điểm ICT Index",
                               "Thứ hạng"], rows, spaced=False))
    (table,) = doc.tables
    assert [r.texts for r in table.rows] == rows
    assert [(c.label, c.role) for c in table.columns] == [
        ("Tỉnh, thành phố trực thuộc Trung ương", "unit"), ("Điểm ICT Index", "total"),
        ("Thứ hạng", "rank")]


def test_printed_column_numbers_and_a_grade_column(tmp_path):
    rows = [["1", "Sở Nội vụ", "88,10", "Tốt", "1"], ["2", "Sở Công Thương", "87,61", "Tốt", "2"],
            ["3", "Sở Kế hoạch và Đầu tư", "86,70", "Khá", "3"]]
    text = dump(["STT", "Tên đơn vị", "Tổng điểm", "Xếp loại", "Xếp hạng",
                 "(1)", "(2)", "(3)", "(4)", "(5)"], rows, spaced=False)
    (table,) = read(tmp_path, text).tables
    assert [r.texts for r in table.rows] == rows
    assert [c.role for c in table.columns] == ["row_no", "unit", "total", "grade", "rank"]


def test_column_numbers_under_a_wrapped_header(tmp_path):
    """Four column numbers under five header lines: the numbers count the columns, the
    wrapped label is still one cell."""
    header = HEADERS["TT, two-line wrap"] + ["(1)", "(2)", "(3)", "(4)"]
    (table,) = read(tmp_path, dump(header, ICT, spaced=False)).tables
    assert [r.texts for r in table.rows] == ICT
    assert [(c.label, c.role, c.number) for c in table.columns] == [
        ("TT", "row_no", "(1)"), ("Tỉnh, thành phố trực thuộc Trung ương", "unit", "(2)"),
        ("Chỉ số", "total", "(3)"), ("Xếp hạng", "rank", "(4)")]


def test_each_cell_keeps_its_line(tmp_path):
    doc = read(tmp_path, dump(HEADERS["TT, two-line wrap"], ICT, spaced=True))
    row = doc.tables[0].rows[0]
    assert [c.where.line for c in row.cells] == [11, 13, 15, 17]
    assert doc.tables[0].header[2].where.line == 5        # "Trung ương"


# -- bars on lines of their own ---------------------------------------------------

BARS = """STT
|
Chỉ số/Chỉ số thành phần
|
Điểm tối đa
|
Cách xác định và tính điểm
|
Tài liệu kiểm chứng
|
|
1
|
Hạ tầng số
|
150
|
|
|
|
2.1
|
Tỷ lệ máy tính có kết nối
mạng diện rộng của tỉnh
|
30
|
a = Số máy tính có kết nối;
|
Báo cáo của đơn vị
|
|
b = Tổng số máy tính;
|
|
- Điểm = a/b*Điểm tối đa
|
|
2.2
|
Hệ thống hội nghị truyền hình
|
20
|
Có: 20 điểm
Không có: 0 điểm
|
Văn bản chứng minh
|
|
"""


def test_a_table_with_its_bars_on_lines_of_their_own(tmp_path):
    doc = read(tmp_path, BARS)
    (table,) = doc.tables
    assert table.kind == "rubric"
    assert [c.role for c in table.columns] == ["criterion_id", "criterion", "max_points", "rule",
                                               "evidence"]
    assert [r.texts for r in table.rows] == [
        ["1", "Hạ tầng số", "150", "", ""],
        ["2.1", "Tỷ lệ máy tính có kết nối mạng diện rộng của tỉnh", "30",
         "a = Số máy tính có kết nối; b = Tổng số máy tính; - Điểm = a/b*Điểm tối đa",
         "Báo cáo của đơn vị"],
        ["2.2", "Hệ thống hội nghị truyền hình", "20", "Có: 20 điểm Không có: 0 điểm",
         "Văn bản chứng minh"]]
    assert [(n.id, n.max_printed) for n in rubric_nodes(table)] == [("1", "150"), ("2.1", "30"),
                                                                    ("2.2", "20")]
    assert table.rows[1].cells[1].where.line == 23      # its first line
    assert defects(doc) == []


def test_bars_cut_mid_row_say_so(tmp_path):
    text = BARS + "2.3\n|\nDịch vụ công trực tuyến\n"
    doc = read(tmp_path, text)
    assert doc.tables[0].rows[-1].texts[:2] == ["2.3", "Dịch vụ công trực tuyến"]
    assert [str(d).split(": ", 1)[-1] for d in defects(doc)] == [
        "line 51: table 0 (untitled) stops mid-row: its last row has 2 of 5 cells"]
