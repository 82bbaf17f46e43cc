"""The one table interpreter (extract/grid) on small grids built by hand: each
rule on at least two layouts or paraphrases, every expectation written from the
printed cells, not from what the reader returns."""
from __future__ import annotations

from xephang.extract.grid import Grid, GridCell, read_grid
from xephang.extract.model import Source, Table, Where
from xephang.extract.pdf.grid import Grid as PdfGrid
from xephang.extract.pdf.grid import GridCell as PdfCell
from xephang.extract.pdf.tables import neutral, to_table

SOURCE = Source("hand.html", "0" * 64, "html")


def grid(rows: list[list[str]], **kw) -> Grid:
    return Grid.from_rows([[GridCell(t, Where(path=f"r{r}c{c}")) for c, t in enumerate(row)]
                           for r, row in enumerate(rows)], **kw)


def table_of(found) -> Table:
    assert found is not None
    tables = [x for x in found if isinstance(x, Table)]
    assert len(tables) == 1
    return tables[0]


def roles(table: Table) -> list[str]:
    return [c.role for c in table.columns]


# ---------------------------------------------------------------- packed cells

def test_rank_and_index_in_one_cell_are_split_and_the_printed_text_kept():
    t = table_of(read_grid(grid([
        ["TT", "Tỉnh, thành phố", "Xếp hạng (Chỉ số)"],
        ["1", "Đà Nẵng", "01 (0,727)"],
        ["2", "Quảng Ninh", "02 (0,711)"],
        ["3", "Hải Phòng", "03 (0,698)"]]), SOURCE))
    assert roles(t) == ["row_no", "unit", "packed", "rank", "score"]
    assert [c.part for c in t.columns[3:]] == ["rank", "index"]
    assert [c.derived_from for c in t.columns[3:]] == [2, 2]
    assert t.rows[0].texts == ["1", "Đà Nẵng", "01 (0,727)", "01", "0,727"]
    assert t.rows[2].cells[4].where == t.rows[2].cells[2].where == Where(path="r3c2")


def test_rank_and_index_split_in_a_table_without_row_numbers():
    t = table_of(read_grid(grid([
        ["Địa phương", "Chỉ số SIPAS", "Thứ hạng"],
        ["Bắc Ninh", "87,5", "5 (87,50)"],
        ["Lạng Sơn", "80,1", "12 (80,10)"]]), SOURCE))
    k = t.columns.index(next(c for c in t.columns if c.part == "index"))
    assert [r.cells[k].text for r in t.rows] == ["87,50", "80,10"]
    assert [r.texts[2] for r in t.rows] == ["5 (87,50)", "12 (80,10)"]


def test_score_and_its_maximum_are_split():
    t = table_of(read_grid(grid([
        ["STT", "Đơn vị", "Điểm đạt/Điểm tối đa"],
        ["1", "Sở Tư pháp", "7,37/10"],
        ["2", "Sở Y tế", "9,49/9,5"],
        ["3", "Sở Nội vụ", "8/10"]]), SOURCE))
    parts = {c.part: i for i, c in enumerate(t.columns) if c.derived_from is not None}
    assert set(parts) == {"score", "maximum"}
    assert t.columns[parts["maximum"]].role == "max_points"
    assert [r.cells[parts["score"]].text for r in t.rows] == ["7,37", "9,49", "8"]
    assert [r.cells[parts["maximum"]].text for r in t.rows] == ["10", "9,5", "10"]


def test_a_rank_out_of_the_field_size_is_not_a_score():
    t = table_of(read_grid(grid([
        ["TT", "Tỉnh", "Điểm", "Xếp hạng toàn quốc"],
        ["1", "Lâm Đồng", "85,2", "12/63"],
        ["2", "Đắk Lắk", "83,0", "25/63"],
        ["3", "Gia Lai", "88,1", "2/63"]]), SOURCE))
    parts = {c.part: i for i, c in enumerate(t.columns) if c.derived_from is not None}
    assert set(parts) == {"rank", "field_size"}
    assert t.columns[parts["rank"]].role == "rank"
    assert [r.cells[parts["rank"]].text for r in t.rows] == ["12", "25", "2"]
    assert [r.cells[parts["field_size"]].text for r in t.rows] == ["63", "63", "63"]


def test_a_column_with_one_packed_cell_is_not_split():
    t = table_of(read_grid(grid([
        ["TT", "Đơn vị", "Tổng điểm"],
        ["1", "Sở Tư pháp", "7,37/10"],
        ["2", "Sở Y tế", "9,49"],
        ["3", "Sở Nội vụ", "8"]]), SOURCE))
    assert all(c.derived_from is None for c in t.columns)


# ---------------------------------------------------------------- header from the data

def test_a_header_with_no_known_label_is_the_row_above_the_data():
    t = table_of(read_grid(grid([
        ["Tỉnh", "Năm 2023", "Năm 2024"],
        ["Lâm Đồng", "80,12", "82,40"],
        ["Đắk Nông", "78,00", "79,15"]]), SOURCE))
    assert [c.label for c in t.columns] == ["Tỉnh", "Năm 2023", "Năm 2024"]
    assert [r.texts[0] for r in t.rows] == ["Lâm Đồng", "Đắk Nông"]


def test_a_title_above_the_header_stays_out_of_it():
    found = read_grid(grid([
        ["KẾT QUẢ CHỈ SỐ NĂM 2024", "", ""],
        ["Sở, ban, ngành", "Kết quả 2023", "Kết quả 2024"],
        ["Sở Tài chính", "91", "93"],
        ["Sở Xây dựng", "88", "90"]]).__class__.from_rows(
            [[GridCell("KẾT QUẢ CHỈ SỐ NĂM 2024", colspan=3)],
             [GridCell("Sở, ban, ngành"), GridCell("Kết quả 2023"), GridCell("Kết quả 2024")],
             [GridCell("Sở Tài chính"), GridCell("91"), GridCell("93")],
             [GridCell("Sở Xây dựng"), GridCell("88"), GridCell("90")]]), SOURCE)
    t = table_of(found)
    assert found[0].text == "KẾT QUẢ CHỈ SỐ NĂM 2024"
    assert [c.label for c in t.columns] == ["Sở, ban, ngành", "Kết quả 2023", "Kết quả 2024"]
    assert len(t.rows) == 2


def test_a_row_number_label_broken_letter_by_letter_is_one_label():
    by_lines = Grid.from_rows([
        [GridCell("T T", lines=("T", "T")), GridCell("Đơn vị"), GridCell("Tổng điểm")],
        [GridCell("1"), GridCell("Sở Tư pháp"), GridCell("80")],
        [GridCell("2"), GridCell("Sở Y tế"), GridCell("75")]])
    by_words = grid([["S TT", "Tên cơ quan", "Tổng điểm"],
                     ["1", "Sở Tư pháp", "80"], ["2", "Sở Y tế", "75"]])
    for g in (by_lines, by_words):
        t = table_of(read_grid(g, SOURCE))
        assert roles(t) == ["row_no", "unit", "total"]
        assert len(t.rows) == 2


def test_a_column_number_broken_over_two_lines_is_still_a_column_number():
    t = table_of(read_grid(grid([
        ["TT", "Đơn vị", "Tổng điểm"],
        ["(1 )", "( 2)", "(3)"],
        ["1", "Sở Tư pháp", "80"]]), SOURCE))
    assert t.numbering == ("(1 )", "( 2)", "(3)")
    assert [r.texts for r in t.rows] == [["1", "Sở Tư pháp", "80"]]


def test_a_label_wrapped_onto_a_second_line_of_an_unruled_grid_is_one_label():
    for top, bottom in (("Tỉnh, thành phố trực thuộc", "Trung ương"), ("Tên cơ quan,", "đơn vị")):
        t = table_of(read_grid(grid([
            ["TT", top, "Điểm PAR INDEX"],
            ["", bottom, ""],
            ["1", "Hà Nội", "90,1"],
            ["2", "Hải Phòng", "89,0"]], ruled=False), SOURCE))
        assert t.columns[1].label == f"{top} {bottom}"
        assert [r.texts[1] for r in t.rows] == ["Hà Nội", "Hải Phòng"]


# ---------------------------------------------------------------- other tables

def test_a_budget_and_a_land_table_are_kept_as_other():
    budget = table_of(read_grid(grid([
        ["TT", "Dự án", "Tổng mức đầu tư", "Ghi chú"],
        ["1", "Trung tâm dữ liệu", "120.000", ""],
        ["2", "Cổng dịch vụ công", "35.500", "chuyển tiếp"]]), SOURCE))
    land = table_of(read_grid(grid([
        ["STT", "Loại đất", "Diện tích (ha)"],
        ["1", "Đất nông nghiệp", "1.250,4"],
        ["2", "Đất ở", "310,2"]]), SOURCE))
    assert (budget.kind, len(budget.rows)) == ("other", 2)
    assert (land.kind, len(land.rows)) == ("other", 2)


# ---------------------------------------------------------------- PDF grids

def pdf_cell(text, x0, top, x1, bottom, page=1):
    return PdfCell(text, page, (x0, top, x1, bottom))


def test_a_pdf_grid_gets_its_spans_from_the_cell_boxes():
    """TT and Đơn vị span two header rows, Điểm spans two columns (pdfplumber leaves
    the covered positions None)."""
    rows = (
        (pdf_cell("TT", 0, 0, 20, 40), pdf_cell("Đơn vị", 20, 0, 100, 40),
         pdf_cell("Điểm", 100, 0, 160, 20), None, pdf_cell("Tổng điểm", 160, 0, 200, 40)),
        (None, None, pdf_cell("Chỉ số A", 100, 20, 130, 40), pdf_cell("Chỉ số B", 130, 20, 160, 40), None),
        (pdf_cell("1", 0, 40, 20, 50), pdf_cell("Sở Tư pháp", 20, 40, 100, 50),
         pdf_cell("5", 100, 40, 130, 50), pdf_cell("4", 130, 40, 160, 50), pdf_cell("9", 160, 40, 200, 50)),
        (pdf_cell("2", 0, 50, 20, 60), pdf_cell("Sở Y tế", 20, 50, 100, 60),
         pdf_cell("3", 100, 50, 130, 60), None, pdf_cell("3", 160, 50, 200, 60)),
    )
    g = PdfGrid(1, (0, 0, 200, 60), rows, "pdfplumber")
    n = neutral(g)
    spans = {c.text: (c.rowspan, c.colspan) for c in n.cells}
    assert spans["TT"] == (2, 1) and spans["Đơn vị"] == (2, 1) and spans["Điểm"] == (1, 2)
    assert spans["Tổng điểm"] == (2, 1)
    t = to_table(g, Source("hand.pdf", "0" * 64, "pdf")).table
    assert [(c.label, c.role, c.group) for c in t.columns] == [
        ("TT", "row_no", None), ("Đơn vị", "unit", None), ("Chỉ số A", "component", "Điểm"),
        ("Chỉ số B", "component", "Điểm"), ("Tổng điểm", "total", None)]
    # an empty position keeps a box: where its row and its column cross
    assert t.rows[1].cells[3].text == ""
    assert t.rows[1].cells[3].where.bbox == (130, 50, 160, 60)
    assert t.rows[0].cells[1].where.page == 1


def test_unknown_labels_of_an_other_table_say_what_their_cells_hold():
    budget = table_of(read_grid(grid([
        ["TT", "Tên dự án", "Kinh phí năm 2024", "Chủ đầu tư"],
        ["1", "Máy chủ", "1.200", "Sở Tài chính"],
        ["2", "Phần mềm", "850,5", "Sở Nội vụ"]]), SOURCE))
    areas = table_of(read_grid(grid([
        ["STT", "Phường, xã", "Diện tích tự nhiên (km2)", "Dân số (người)"],
        ["1", "Phường 1", "12,5", "25.000"],
        ["2", "Xã Tà Nung", "40,1", "9.800"]]), SOURCE))
    assert areas.kind == "other"
    assert roles(areas) == ["row_no", "unknown", "value", "value"]
    assert budget.kind == "other"
    assert roles(budget) == ["row_no", "unknown", "value", "unknown"]


def test_a_rank_printed_before_the_name_is_split_from_it():
    for names in (["1 TP. Đà Nẵng", "2 Quảng Ninh", "3 Hải Phòng"],
                  ["1. Sở Tư pháp", "2. Sở Y tế", "10. Sở Nội vụ"]):
        t = table_of(read_grid(grid([["Đơn vị", "Điểm", "Tổng điểm"]] +
                                    [[n, "80", "80"] for n in names]), SOURCE))
        parts = {c.part: i for i, c in enumerate(t.columns) if c.derived_from == 0}
        assert t.columns[0].role == "packed" and t.columns[parts["unit"]].role == "unit"
        assert [r.cells[parts["rank"]].text for r in t.rows] == [n.split()[0].rstrip(".") for n in names]
        assert [r.cells[parts["unit"]].text for r in t.rows] == [n.split(" ", 1)[1] for n in names]
        assert [r.texts[0] for r in t.rows] == names


def test_unit_names_that_end_in_a_number_are_not_split():
    t = table_of(read_grid(grid([["Đơn vị", "Tổng điểm"], ["Phường 1", "80"], ["Quận 3", "75"]]),
                           SOURCE))
    assert roles(t) == ["unit", "total"]


def test_labels_a_narrow_column_broke_inside_words_keep_their_roles():
    for head in (["T T", "Đơ n vị", "Tổ ng điểm", "Xếp hạ ng"],
                 ["S TT", "Tên cơ quan", "Tổng đi ểm", "Xế p hạng"]):
        t = table_of(read_grid(grid([head, ["1", "Sở Tư pháp", "80", "2"],
                                     ["2", "Sở Y tế", "85", "1"]]), SOURCE))
        assert roles(t) == ["row_no", "unit", "total", "rank"]


def test_a_crosstab_corner_is_not_read_as_a_header():
    one_line = grid([["Khối Xếp hạng", "Sở, ngành", "UBND huyện"],
                     ["Mức tốt", "0%", "0%"], ["Mức khá", "67%", "8%"]])
    two_lines = Grid.from_rows([
        [GridCell("Đơn vị Xếp loại", lines=("Đơn vị", "Xếp loại")), GridCell("Khối tỉnh"),
         GridCell("Khối huyện")],
        [GridCell("Mức tốt"), GridCell("10%"), GridCell("5%")],
        [GridCell("Mức khá"), GridCell("60%"), GridCell("70%")]])
    for g, corner in ((one_line, "Khối / Xếp hạng"), (two_lines, "Đơn vị / Xếp loại")):
        t = table_of(read_grid(g, SOURCE))
        assert (t.columns[0].label, t.columns[0].role, t.kind) == (corner, "grade", "other")
        assert [r.texts[0] for r in t.rows] == ["Mức tốt", "Mức khá"]


def unruled(rows, page=1):
    """A camelot-stream grid: every position a cell (empty ones ""), boxes by column."""
    xs = [(0, 20), (20, 120), (120, 160)]
    out = []
    for r, texts in enumerate(rows):
        out.append(tuple(PdfCell(t, page, (xs[c][0], 10 * r, xs[c][1], 10 * r + 8))
                         for c, t in enumerate(texts)))
    return PdfGrid(page, (0, 0, 160, 10 * len(rows)), tuple(out), "camelot-stream")


def test_an_unruled_grid_joins_wrapped_names_and_keeps_its_bands_in_place():
    plain = unruled([["TT", "Đơn vị", "Tổng điểm"],
                     ["1", "Sở Thông tin và", "90"], ["", "Truyền thông", ""],
                     ["2", "Sở Y tế", "85"]])
    banded = unruled([["STT", "Tên cơ quan", "Tổng điểm"],
                      ["", "A. Mức tốt (50%)", ""],
                      ["1", "Sở Lao động - Thương binh", "90"], ["", "và Xã hội", ""],
                      ["", "B. Mức khá (50%)", ""],
                      ["2", "Sở Y tế", "85"]])
    src = Source("hand.pdf", "0" * 64, "pdf")
    t = to_table(plain, src).table
    assert [r.texts for r in t.rows] == [["1", "Sở Thông tin và Truyền thông", "90"],
                                         ["2", "Sở Y tế", "85"]]
    assert t.rows[0].cells[1].where.bbox == (20, 10, 120, 28)
    t = to_table(banded, src).table
    assert [r.texts[1] for r in t.rows] == ["Sở Lao động - Thương binh và Xã hội", "Sở Y tế"]
    assert [(g.label, g.first_row, g.last_row) for g in t.row_groups] == [
        ("A. Mức tốt (50%)", 0, 0), ("B. Mức khá (50%)", 1, 1)]


def test_a_row_of_column_numbers_read_by_ocr_is_still_numbering():
    """'(1)' … '(7)' as Tesseract reads them off a scan: a figure lost ('()'), a bracket
    read as a letter ('G)', 'q)'), a zero put in ('(07)'); a data row is none."""
    from xephang.extract.grid.patterns import is_numbering
    assert is_numbering(["()", "(2)", "(3)", "(4)", "G)", "(6)", "(07)"])
    assert is_numbering(["q)", "(2)", "(3)", "(", "(5)"])
    assert not is_numbering(["1", "UBND huyện Lạc Sơn", "17.0", "9.0"])
    assert not is_numbering(["()", "G)", "q)"])            # none exact
