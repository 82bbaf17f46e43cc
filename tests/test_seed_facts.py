"""Facts about the tables of seeds 000, 001 and 002, read by hand from the raw text.

Every value below was read from the seed file itself (line numbers are 1-based
lines of corpus/documents/<seed>.txt), not copied from the golden files or from
the extractor's output, so these tests check the extractor and the golden files
from the outside.  Tables are found by the line of their first header label, so
that a table added elsewhere in a document does not shift the others.

What was read:
- which tables each seed prints, and where their header starts;
- the header label of every data column and the column's role, for one table of
  each header layout (the printed order of labels differs from the data order:
  "Tổng điểm" and "Xếp hạng" are printed before the component labels);
- the printed column numbers "(1)".."(n)", including the skipped "(5)";
- the row count of every table, and spot cells with their lines;
- the grade-band rows of seed 002 ("A. Mức khá (67%)") as row groups;
- the rubric of seed 001: criterion ids, rule rows, the rule printed over three
  lines, the maximum of 2.3.2 printed on its rule row, the final "TỔNG ĐIỂM".
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SEEDS
from xephang.extract import read_document
from xephang.extract.interpret import rubric_nodes


@pytest.fixture(scope="module")
def docs():
    return {k: read_document(SEEDS[k]) for k in ("000", "001", "002")}


def table_at(doc, line: int):
    """The table whose header starts on `line` of the seed."""
    found = [t for t in doc.tables if t.where.line == line]
    assert len(found) == 1, f"expected one table with its header on line {line}, got {len(found)}"
    return found[0]


def layout(table) -> list[tuple]:
    return [(c.label, c.role, c.number, c.group) for c in table.columns]


# -- which tables, how many rows ----------------------------------------------

#: header line → number of data rows, for every table each seed prints.
ROW_COUNTS = {
    "000": {63: 20, 375: 20, 643: 20, 1483: 20, 1839: 20,            # I. sở, ngành, 2.1-2.5
            2331: 11,                                                 # II. 1. Xếp hạng chung
            2553: 11, 2739: 11, 2899: 11, 3397: 11, 3609: 11},        # II. 2.1-2.5
    "001": {89: 92},
    "002": {127: 18, 293: 12,                                         # Bảng 1, 2
            425: 18, 585: 18, 745: 18, 905: 18, 1065: 18, 1225: 18,   # Bảng 1.1-1.6
            1387: 12, 1499: 12, 1611: 12, 1723: 12, 1835: 12, 1947: 12, 2059: 12,  # 2.1-2.7
            2185: 18, 2353: 12},                                      # Bảng 3, 4
}

#: Seed 002 also prints two small share-by-band tables ("Khối" / "Xếp hạng" /
#: "Sở, ngành" / "UBND huyện", rows "Mức tốt 0% 0%" …) in its section E.
SUMMARY_TABLES_002 = (2487, 2535)


@pytest.mark.parametrize("seed", sorted(ROW_COUNTS))
def test_the_tables_printed_are_the_tables_found(docs, seed):
    found = [t.where.line for t in docs[seed].tables          # tables, not prose read as one
             if not (seed == "002" and t.where.line in SUMMARY_TABLES_002)
             and not (t.title or "").endswith("(prose)")]
    assert found == sorted(ROW_COUNTS[seed])


@pytest.mark.parametrize("seed,line,rows",
                         [(s, line, n) for s, d in ROW_COUNTS.items() for line, n in d.items()])
def test_row_count(docs, seed, line, rows):
    assert len(table_at(docs[seed], line).rows) == rows


@pytest.mark.parametrize("seed,line", [(s, line) for s in ("000", "002")
                                       for line in ROW_COUNTS[s]])
def test_score_rows_are_numbered_1_to_n_and_full(docs, seed, line):
    """No row split, merged or taken from a band label: row numbers run 1..n, every cell printed."""
    table = table_at(docs[seed], line)
    assert [r.cells[0].text for r in table.rows] == [str(k) for k in range(1, len(table.rows) + 1)]
    for r in table.rows:
        assert len(r.cells) == len(table.columns)
        assert all(c.text for c in r.cells), r.texts


def test_002_share_by_band_tables(docs):
    """Lines 2487-2517 and 2535-2565: "Khối" / "Xếp hạng" corner, two blocks, four bands."""
    expected = {
        2487: [["Mức tốt", "0%", "0%"], ["Mức khá", "67%", "8%"],
               ["Mức trung bình", "28%", "59%"], ["Mức yếu", "5%", "33%"]],
        2535: [["Mức tốt", "5%", "0%"], ["Mức khá", "45%", "33%"],
               ["Mức trung bình", "28%", "17%"], ["Mức yếu", "22%", "50%"]],
    }
    for line, rows in expected.items():
        table = table_at(docs["002"], line)
        assert [r.texts for r in table.rows] == rows
        assert [c.label for c in table.columns] == ["Khối / Xếp hạng", "Sở, ngành", "UBND huyện"]
        assert table.kind == "other"
    assert table_at(docs["002"], 2535).rows[3].where.line == 2561


# -- columns: label ↔ data column, role, printed number, group ---------------

def _scores(labels: list[str], total: str, numbers=None, group="Điểm", rank=None) -> list[tuple]:
    numbers = numbers or [None] * (len(labels) + 3 + (rank is not None))
    cols = [("TT", "row_no", numbers[0], None), ("Đơn vị", "unit", numbers[1], None)]
    cols += [(lab, "component", numbers[2 + k], group) for k, lab in enumerate(labels)]
    cols.append((total, "total", numbers[2 + len(labels)], None))
    if rank:
        cols.append((rank, "rank", numbers[3 + len(labels)], None))
    return cols


def _nums(*ns: int) -> list[str]:
    return [f"({n})" for n in ns]


LAYOUTS = {
    # 000 line 63: four components, numbers (1)..(7)
    ("000", 63): _scores(
        ["Tổng số máy tính/Tổng số CBCC của đơn vị",
         "Tổng số MT có kết nối mạng LAN/Tổng số máy tính của đơn vị",
         "Tổng số máy tính kết nối Internet/Tổng số máy tính của đơn vị",
         "Đơn vị có kết nối mạng số liệu chuyên dùng"],
        "Tổng điểm", _nums(1, 2, 3, 4, 5, 6, 7)),
    # 000 line 375: the numbers skip "(5)"; six numbers for six data columns
    ("000", 375): _scores(
        ["Cán bộ chuyên trách hoặc kiêm nhiệm về CNTT của đơn vị",
         "Tham gia các lớp (khóa) đào tạo nâng cao trình độ CNTT trong hoạt động CQNN "
         "của đơn vị",
         "Tỷ lệ CBCC của đơn vị thường xuyên sử dụng máy tính để xử lý công việc"],
        "Tổng điểm", _nums(1, 2, 3, 4, 6, 7)),
    # 000 line 643: sixteen components, damaged labels kept as printed
    ("000", 643): _scores(
        ["Triển khai phần mềm VPĐT trong CQNN của đơn vị",
         "Tỷ lệ phòng (ban) chuyên môn đã triển khai Phần mềm VPDDT",
         "Tỷ lệ văn bản được cập nhật vào phần mềm",
         "Tỷ lệ văn bn được phát hành qua Phần mềm",
         "Tỷ l văn bn được chuyn hoàn toàn trên MT mạng",
         "Triển khai PM một ca điện t",
         "Cơ quan, đơn vị đã thực hiện việc tiếp nhận, thụ lý và giải quyết",
         "Tỷ lệ TTHC được tiếp nhận và giải quyết trên PM",
         "Tlệ CBCC được cấp thư điện tử công vụ của tỉnh",
         "Tỷ lCBCC thường xuyên sử dụng thư điện t công vụ của tnh để trao đổi công việc",
         "Triển khai ứng dụng chữ ký số trong CQNN ca đơn vị",
         "Tỷ lệ văn bn được ký số",
         "Triển khai các ứng dụng cơ bản trong CQNN của đơn vị",
         "Triển khai ứng dụng các CSDL chuyên ngành",
         "Trang thông tin điện tử của đơn vị",
         "Trin khai dịch vụ hành chính công trực tuyến trên Trang"],
        "Tng điểm", _nums(*range(1, 20))),
    # 000 line 2331: rank column, no column numbers; "Xếp hạng" printed before the components
    ("000", 2331): _scores(
        ["Hạ tầng kỹ thuật CNTT", "Hạ tầng nhân lực CNTT", "ng dụng CNTT",
         "Công tác đảm bảo an toàn, an ninh thông tin", "Môi trường tổ chức và chính sách"],
        "Tổng điểm", rank="Xếp hạng"),
    # 001 line 89: the rubric
    ("001", 89): [("STT", "criterion_id", None, None),
                  ("HẠNG MỤC/TIÊU CHÍ/TIÊU CHÍ THÀNH PHẦN", "criterion", None, None),
                  ("ĐIỂM TỐI ĐA", "max_points", None, None),
                  ("Ghi chú", "note", None, None)],
    # 002: overall ranking (Bảng 1), category ranking (Bảng 1.1), damaged labels (Bảng 2, 1.5)
    ("002", 127): [("STT", "row_no", None, None), ("Tên cơ quan", "unit", None, None),
                   ("Tổng điểm", "total", None, None), ("Xếp hạng 2017", "rank", None, None)],
    ("002", 293): [("STT", "row_no", None, None), ("Tên quan", "unit", None, None),
                   ("Tổng điểm", "total", None, None), ("Xếp hạng 2017", "rank", None, None)],
    ("002", 425): [("STT", "row_no", None, None), ("Tên cơ quan", "unit", None, None),
                   ("Điểm hạng mục", "total", None, None), ("Xếp hạng 2017", "rank", None, None)],
    ("002", 1065): [("STT", "row_no", None, None), ("Tên cơ quan", "unit", None, None),
                    ("Điểm hng mục", "total", None, None), ("Xếp hng 2017", "rank", None, None)],
}


@pytest.mark.parametrize("seed,line", sorted(LAYOUTS))
def test_columns(docs, seed, line):
    assert layout(table_at(docs[seed], line)) == LAYOUTS[(seed, line)]


def test_000_policy_table_has_eight_components_and_no_group_column(docs):
    """2.5 prints a second spanning label ("Cơ chế - Chính sách", line 1847) above its
    eight components; it heads no data column of its own (rows have 11 cells)."""
    table = table_at(docs["000"], 1839)
    assert [(c.label, c.role, c.number) for c in table.columns] == [
        ("TT", "row_no", "(1)"), ("Đơn vị", "unit", "(2)"),
        ("Có thành lập BCĐ/Bphận chuyên trách CNTT", "component", "(3)"),
        ("Ngân sách đu tư cho CNTT của đơn vị", "component", "(4)"),
        ("Kế hoạch phát triển và ứng dụng CNTT", "component", "(5)"),
        ("Cơ chế, chính sách riêng khuyến khích PT& UDCNTT", "component", "(6)"),
        ("Chương trình, kế hoạch CCHC có nội dung UDCNTT", "component", "(7)"),
        ("Quy định về trao đi, lưu trữ, xử lý văn bản điện tử trong nội bộ cơ quan",
         "component", "(8)"),
        ("Quy định về đm bảo an toàn, ANTT", "component", "(9)"),
        ("Quy định về chế độ đãi ngộ đối với cán bộ chuyên trách hoặc kiêm nhiệm về CNTT",
         "component", "(10)"),
        ("Tổng điểm", "total", "(11)")]


def test_000_district_overall_columns_agree_with_the_category_tables(docs):
    """Each component of II.1 (line 2331) is printed again as the total of its own table
    (II.2.1-2.5): Lạc Sơn 17.0 / 9.0 / 40.0 / 17.0 / 14.0 (lines 2355-2363)."""
    doc = docs["000"]
    overall = table_at(doc, 2331)
    assert overall.rows[0].texts == ["1", "UBND huyện Lạc Sơn", "17.0", "9.0", "40.0", "17.0",
                                     "14.0", "97.0", "1"]
    for col, line in zip(range(2, 7), (2553, 2739, 2899, 3397, 3609)):
        part = table_at(doc, line)
        row = next(r for r in part.rows if r.cells[1].text == "UBND huyện Lạc Sơn")
        assert Decimal(row.cells[-1].text) == Decimal(overall.rows[0].cells[col].text)


# -- titles, sections, captions -------------------------------------------------

TITLES = {
    ("000", 63): ("2.1. HẠ TẦNG KỸ THUẬT CÔNG NGHỆ THÔNG TIN", "2. Xếp hạng theo lĩnh vực", None),
    ("000", 1839): ("2.5. MÔI TRƯỜNG TỔ CHỨC VÀ CHÍNH SÁCH", "2. Xếp hạng theo lĩnh vực", None),
    ("000", 2331): ("1. Xếp hạng chung", "II. ỦY BAN NHÂN DÂN CÁC HUYỆN, THÀNH PHỐ", None),
    ("000", 2553): ("2.1. HẠ TẦNG KỸ THUẬT CÔNG NGHỆ THÔNG TIN", "2. Xếp hạng theo lĩnh vực", None),
    ("001", 89): ("BỘ TIÊU CHÍ ĐÁNH GIÁ MỨC ĐỘ XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ CÁC SỞ, BAN, NGÀNH "
                  "THUỘC UBND TỈNH VÀ UBND CẤP HUYỆN", None, None),
}

#: seed 002: header line → (caption printed after the table, nearest section heading).
CAPTIONS_002 = {
    127: ("Bảng 1. Xếp hạng tng th mức độ ứng dụng CNTT của các sở, ngành",
          "1. Đối với các sở, ngành cấp tỉnh"),
    293: ("Bảng 2. Xếp hạng tổng thể mức độ ứng dụng CNTT của các huyện, thành phố",
          "2. Đối với UBND huyện, thành phố"),
    425: ("Bảng 1.1. Xếp hạng hạng mục Hạ tầng kỹ thuật CNTT của các sở, ngành",
          "1.1. Hng mục Hạ tầng kỹ thuật CNTT"),
    585: ("Bảng 1.2. Xếp hạng hạng mục Ứng dụng CNTT trong hoạt động nội bộ cơ quan sở, ngành",
          "1.2. Hạng mục Ứng dụng CNTT trong hoạt động nội bộ cơ quan"),
    745: ("Bảng 1.3. Xếp hạng hạng mục Ứng dụng CNTT phục vụ người dân và doanh nghiệp của "
          "các sở, ngành", "1.3. Hạng mục Ứng dụng CNTT phục vụ người dân và doanh nghiệp"),
    905: ("Bảng 1.4. Xếp hạng hạng mục Công tác đảm bảo an toàn thông tin của các sở, ngành",
          "1.4. Hạng mục Công tác đảm bảo an toàn thông tin"),
    1065: ("Bảng 1.5. Xếp hạng hạng mục Nhân lực CNTT của các sở, ngành",
           "1.5. Hạng mục Nhân lực CNTT"),
    1225: ("Bảng 1.6. Xếp hạng hạng mục Môi trường tổ chức và chính sách của các sở, ngành",
           "1.6. Hạng mục Môi trường tổ chức và chính sách"),
    1387: ("Bảng 2.1. Xếp hạng hạng mục hạ tầng kỹ thuật CNTT của UBND cấp huyện",
           "2.1. Hng mục Hạ tầng kỹ thuật CNTT"),
    1499: ("Bảng 2.2. Xếp hạng hạng mục Ứng dụng CNTT trong hoạt động nội bộ UBND cấp huyn",
           "2.2. Hạng mục Ứng dụng CNTT trong hoạt động nội bộ cơ quan"),
    1611: ("Bảng 2.3. Xếp hạng hạng mục Ứng dụng CNTT phục vụ người dân và doanh nghiệp của "
           "UBND cấp huyện", "2.3. Hng mục Ứng dụng CNTT phục vụ người dân và doanh nghiệp"),
    1723: ("Bảng 2.4. Xếp hạng hạng mục ng dụng CNTT tại cấp xã, phường, thị trn của UBND cp "
           "huyện", "2.4. Hạng mục Ứng dụng CNTT tại cấp xã, phường, thị trấn"),
    1835: ("Bảng 2.5. Xếp hạng hạng mục Công tác đảm bảo an toàn thông tin của UBND cấp huyện",
           "2.5. Hng mục Công tác đảm bảo an toàn thông tin"),
    1947: ("Bảng 2.6. Xếp hạng hạng mục Nhân lực CNTT của UBND cấp huyện",
           "2.6. Hng mục Nhân lực CNTT"),
    2059: ("Bảng 2.7. Xếp hạng hạng mục Môi trường tổ chức và chính sách của UBND cấp huyện",
           "2.7. Hạng mục Môi trường tổ chức và chính sách"),
    2185: ("Bảng 3. Xếp hạng Trang TTĐT của các sở, ngành", "1. Đối với các sở, ngành cấp tỉnh"),
    2353: ("Bảng 4. Xếp hạng Trang TTĐT của UBND các huyện, thành phố",
           "2. Đối với UBND huyện, thành phố"),
}


@pytest.mark.parametrize("seed,line", sorted(TITLES))
def test_title_section_caption(docs, seed, line):
    t = table_at(docs[seed], line)
    assert (t.title, t.section, t.caption) == TITLES[(seed, line)]


@pytest.mark.parametrize("line", sorted(CAPTIONS_002))
def test_002_caption_is_the_title(docs, line):
    caption, section = CAPTIONS_002[line]
    t = table_at(docs["002"], line)
    assert (t.caption, t.title, t.section) == (caption, caption, section)


def test_000_numbering_as_printed(docs):
    doc = docs["000"]
    assert table_at(doc, 375).numbering == tuple(_nums(1, 2, 3, 4, 6, 7))
    assert table_at(doc, 2739).numbering == tuple(_nums(1, 2, 3, 4, 5, 6))
    assert table_at(doc, 2331).numbering == ()


# -- spot cells: (header line, row, column) → (text, line) -----------------------

SPOTS = {
    "000": [
        (63, 0, 1, "Văn phòng UBND tỉnh", 95),
        (63, 19, 6, "13", 371),
        (375, 3, 0, "4", 437),
        (375, 3, 1, "Sở Kế hoạch và Đầu tư", 439),
        (375, 19, 5, "9", 639),
        (643, 0, 16, "13", 753),
        (643, 0, 18, "41.0", 757),
        (643, 19, 13, "0", 1469),
        (643, 19, 18, "38.0", 1479),
        (1483, 0, 7, "17", 1531),
        (1839, 4, 1, "Sở Tài chính", 1977),
        (1839, 4, 7, "0", 1989),
        (2331, 0, 7, "97.0", 2365),
        (2331, 0, 8, "1", 2367),
        (2331, 10, 8, "11", 2547),
        (2553, 10, 1, "UBND huyện Đà Bắc", 2725),
        (2553, 10, 3, "4.0", 2729),
        (2553, 10, 6, "14.9", 2735),
        (2899, 10, 18, "33.8", 3393),
        (3609, 10, 1, "UBND huyện Yên Thủy", 3879),
        (3609, 10, 10, "7", 3897),
    ],
    "001": [
        (89, 0, 0, "1", 97),
        (89, 0, 1, "CƠ CHẾ, CHÍNH SÁCH", 99),
        (89, 0, 2, "10", 101),
        (89, 0, 3, "", 103),
        (89, 2, 0, "", 113),
        (89, 35, 0, "2.3.2", 377),
        (89, 35, 1, "Tỷ lê hồ sơ nộp trực tuyến của các TTHC đã cung cấp DVCTT mức độ 3, 4:", 379),
        (89, 35, 2, "", 381),
        (89, 36, 2, "4", 389),
        (89, 62, 0, "1.10.1", 593),
        (89, 69, 0, "1.11.2", 649),
        (89, 89, 0, "4.4", 813),
        (89, 91, 1, "TỔNG ĐIỂM", 831),
        (89, 91, 2, "100", 833),
    ],
    "002": [
        (127, 0, 1, "Sở Thông tin và Truyền thông", 139),
        (127, 0, 2, "83,8", 141),
        (127, 8, 1, "Sở Giao thông vận tải", 203),
        (127, 8, 3, "8", 207),
        (127, 13, 1, "Sở Văn hóa Ththao và Du lịch", 245),
        (127, 17, 0, "18", 277),
        (127, 17, 2, "41,3", 281),
        (127, 17, 3, "17", 283),
        (293, 11, 1, "UBND huyện Thuận Châu", 397),
        (293, 11, 3, "12", 401),
        (425, 0, 2, "9,0", 437),
        (2185, 0, 2, "81,0", 2199),
        (2353, 4, 1, "UBND huyện Sông Mã", 2399),
        (2353, 4, 2, "60,0", 2401),
        (2353, 11, 2, "14,5", 2459),
    ],
}


@pytest.mark.parametrize("seed,spot", [(s, p) for s, ps in SPOTS.items() for p in ps],
                         ids=lambda v: v if isinstance(v, str) else f"{v[0]}-{v[1]}-{v[2]}")
def test_spot_cell(docs, seed, spot):
    line, row, col, text, cell_line = spot
    cell = table_at(docs[seed], line).cell(row, col)
    assert (cell.text, cell.where.line) == (text, cell_line)


def test_row_lines(docs):
    """A row starts on the line of its first cell (the row number, or the empty id)."""
    assert table_at(docs["000"], 63).rows[0].where.line == 93
    assert table_at(docs["000"], 2331).rows[10].where.line == 2531
    assert table_at(docs["001"], 89).rows[2].where.line == 113
    assert table_at(docs["002"], 2353).rows[4].where.line == 2397


# -- seed 002: grade bands ----------------------------------------------------------

#: header line → (band label as printed, first row, last row, line of the label)
BANDS_002 = {
    127: [("A. Mức khá (67%)", 0, 11, 135), ("B. Mức trung bình (28%)", 12, 16, 233),
          ("C. Mức yếu (5%)", 17, 17, 275)],
    293: [("A. Mức khá (8%)", 0, 0, 301), ("B. Mức trung bình (59%)", 1, 7, 311),
          ("C. Mức yếu (33%)", 8, 11, 369)],
    2185: [("A. Mức tốt (5%)", 0, 0, 2193), ("B. Mc khá (45%)", 1, 8, 2203),
           ("C. Mức trung bình (28%)", 9, 13, 2269), ("D. Mức yếu (22%)", 14, 17, 2311)],
    2353: [("A. Mức khá (33%)", 0, 3, 2361), ("Mức trung bình (17%)", 4, 5, 2395),
           ("C. Mức yếu (50%)", 6, 11, 2413)],
}


@pytest.mark.parametrize("seed,line", [(s, line) for s, d in ROW_COUNTS.items() for line in d])
def test_row_groups(docs, seed, line):
    groups = table_at(docs[seed], line).row_groups
    expected = BANDS_002.get(line, []) if seed == "002" else []
    assert [(g.label, g.first_row, g.last_row, g.line) for g in groups] == expected


# -- seed 001: the rubric -------------------------------------------------------------

#: (row, line) of every criterion id, in printed order; 1.10.1, 1.10.2 and 1.11.2 are
#: printed so (under 2.10 and 2.11).
IDS_001 = [
    ("1", 97), ("1.1", 105), ("1.2", 121), ("1.2.1", 129), ("1.2.2", 145), ("1.3", 161),
    ("1.4", 177), ("1.4.1", 185), ("1.4.2", 201), ("1.4.3", 217), ("1.4.4", 233),
    ("1.4.5", 249), ("2", 265), ("2.1", 273), ("2.1.1", 281), ("2.1.2", 297), ("2.2", 313),
    ("2.2.1", 321), ("2.2.2", 337), ("2.3", 353), ("2.3.1", 361), ("2.3.2", 377),
    ("2.4", 393), ("2.4.1", 401), ("2.4.2", 417), ("2.5", 433), ("2.5.1", 441),
    ("2.5.2", 457), ("2.6", 473), ("2.6.1", 481), ("2.6.2", 497), ("2.7", 513), ("2.8", 529),
    ("2.8.1", 537), ("2.8.2", 553), ("2.9", 569), ("2.10", 585), ("1.10.1", 593),
    ("1.10.2", 609), ("2.11", 625), ("2.11.1", 633), ("1.11.2", 649), ("3", 665),
    ("3.1", 673), ("3.2", 693), ("3.3", 709), ("3.4", 725), ("3.5", 741), ("4", 757),
    ("4.1", 765), ("4.2", 781), ("4.3", 797), ("4.4", 813),
]

#: (row, line of the rule text, rule) for every rule row (empty id, rule in the criterion column).
RULES_001 = [
    (2, 115, "Có ban hành = 2; Không ban hành = 0"),
    (5, 139, "Có thành lập = 1; Không thành lập = 0"),
    (7, 155, "Là người đứng đầu cơ quan = 1; Không phải người đứng đầu cơ quan = 0"),
    (9, 171, "Có thành lập = 1; Không thành lập = 0"),
    (12, 195, "Có ban hành = 1; Không ban hành = 0"),
    (14, 211, "Có ban hành = 1; Không ban hành = 0"),
    (16, 227, "Có ban hành = 1; Không ban hành = 0"),
    (18, 243, "Có ban hành = 1; Không ban hành = 0"),
    (20, 259, "Có ban hành = 1; Không ban hành = 0"),
    (24, 291, "Tỷ lệ >=50% = (Tỷ lệ %* 100*5); Tỷ lệ < 50% = 0"),
    (26, 307, "Tỷ lệ >=50% = (Tỷ lệ %* 100*5); Tỷ lệ < 50% = 0"),
    (29, 331, "Đã triển khai = 5; Chưa triển khai = 0"),
    (31, 347, "Tỷ lệ >=50% = (Tỷ lệ %*5); Tỷ lệ < 50% = 0"),
    (34, 371, "Có cung cấp = 3; Không cung cấp = 0;"),
    (36, 387, "Tỷ lệ >=30% = 4; Tỷ lệ < 30% = (Tỷ lệ %*4)/30%"),
    (39, 411, "Đầy đủ = 2; Không đầy đủ = 0"),
    (41, 427, "Thường xuyên = 3; Không thường xuyên = 2; Không cập nhật = 0"),
    (44, 451, "Tỷ lệ > 90% = 3; Tỷ lệ > 70% =2; Tỷ lệ >= 50% = 1; Tỷ lệ < 50% = 0"),
    (46, 467, "Tỷ lệ > 70% =2; Tỷ lệ >= 50% = 1; Tỷ lệ < 50% = 0"),
    (49, 491, "Cập nhật đầy đủ = 3; Không đầy đủ = 0"),
    (51, 507, "Thường xuyên = 2; Không thường xuyên = 0"),
    (53, 523, "Có ứng dụng = 3; Không ứng dụng = 0"),
    (56, 547, "Có ứng dụng = 3; Không ứng dụng = 0"),
    (58, 563, "Cập nhật đầy đủ, kịp thời = 2; Cập nhật không đầy đủ, không kịp thời = 0"),
    (60, 579, "Tỷ lệ đạt 100% = 5; Tỷ lệ >=50% = 3; Tỷ lệ < 50% = 0"),
    (63, 603, "Có ứng dụng = 3; Không ứng dụng = 0"),
    (65, 619, "Có ứng dụng = 2; Không ứng dụng = 0"),
    (68, 643, "Đã thực hiện = 3; Chưa thực hiện = 0"),
    (70, 659, "Đã thực hiện = 2; Chưa thực hiện = 0"),
    (73, 683, "100% đặt tại TTDLĐT của tỉnh hoặc đặt tại TTDLĐT/Phòng máy chủ của cơ quan hoặc "
              "doanh nghiệp, tổ chức hoạt động CNTT đảm bảo các các tiêu chí kỹ thuật, an toàn, "
              "bảo mật theo quy định của Chính phủ và Công văn số 1145/BTTTT-CATTT ngày 03/4/2020 "
              "của Bộ TTTT= 4; Đặt tại TTDLĐT/phòng máy chủ khác chưa đảm bảo các tiêu chí kỹ "
              "thuật của Bộ TTTT = 2; 100% đặt tại cơ quan nhưng không có TTDLĐT/phòng máy "
              "chủ = 0"),
    (75, 703, "Tỷ lệ trên 90% = 3; Tỷ lệ >= 70% = 2; Tỷ lệ >= 40 % =1; Tỷ lệ dưới 40% = 0"),
    (77, 719, "Tỷ lệ trên 90% = 3; Tỷ lệ >= 70% = 2; Tỷ lệ >= 40 % =1; Tỷ lệ dưới 40% = 0"),
    (79, 735, "Tỷ lệ >= 70% = 2; Tỷ lệ >=30% =1; Tỷ lệ dưới 30% = 0"),
    (81, 751, "Đáp ứng = 3; Không đáp ứng = 0"),
    (84, 775, "Có = 2; Không = 0"),
    (86, 791, "Có = 2; Không = 0"),
    (88, 807, "Có = 3; Không = 0"),
    (90, 823, "Có = 3; Không = 0"),
]


@pytest.fixture(scope="module")
def rubric(docs):
    return table_at(docs["001"], 89)


def test_001_criterion_ids_in_printed_order(rubric):
    got = [(r.cells[0].text, r.cells[0].where.line) for r in rubric.rows if r.cells[0].text]
    assert got == IDS_001


def test_001_rule_rows(rubric):
    rule_rows = [k for k, r in enumerate(rubric.rows)
                 if not r.cells[0].text and r.cells[1].text != "TỔNG ĐIỂM"]
    assert rule_rows == [row for row, _, _ in RULES_001]
    for row, line, rule in RULES_001:
        cell = rubric.cell(row, 1)
        assert (cell.text, cell.where.line) == (rule, line)
        assert rubric.cell(row, 3).text == ""
        assert rubric.cell(row, 2).text == ("4" if row == 36 else "")


def test_001_rule_over_three_lines_is_one_cell(rubric):
    """Lines 683, 685 and 687 are one rule; the row after it is criterion 3.2."""
    assert rubric.rows[72].texts[0] == "3.1"
    assert rubric.rows[73].texts[0] == ""
    rule = rubric.cell(73, 1).text
    assert "của Bộ TTTT= 4; Đặt tại TTDLĐT/phòng máy chủ khác" in rule     # lines 683 | 685
    assert "của Bộ TTTT = 2; 100% đặt tại cơ quan" in rule                # lines 685 | 687
    assert rubric.rows[74].texts[:3] == ["3.2", "Tỷ lệ máy tính trên tổng số cán bộ, công chức, "
                                         "viên chức", "3"]


def test_001_max_of_2_3_2_is_printed_on_its_rule_row(rubric):
    node = next(n for n in rubric_nodes(rubric) if n.id == "2.3.2")
    assert (node.max_printed, node.rule, node.line) == (
        "4", "Tỷ lệ >=30% = 4; Tỷ lệ < 30% = (Tỷ lệ %*4)/30%", 377)


def test_001_total_row(rubric):
    """The last row: empty id (line 829), "TỔNG ĐIỂM", 100; the note cell is not printed."""
    last = rubric.rows[-1]
    assert len(rubric.rows) == 92
    assert [(c.text, c.where.line) for c in last.cells[:3]] == [
        ("", 829), ("TỔNG ĐIỂM", 831), ("100", 833)]
    assert [(c.text, c.where.line) for c in last.cells[3:]] in ([], [("", None)])
