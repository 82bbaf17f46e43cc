"""How many units fell in each class, told in sentences (extract/prose/counts.py): the real
wording of the page excerpts and paraphrases of it (other provinces' plausible wording),
each with its counts worked out by hand; and the excerpts' count tables against their
hand-verified truth (../shared/real/excerpts, skipped when absent)."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from xephang.extract import read_document
from xephang.extract.prose.counts import counts_in

EXCERPTS = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "excerpts"
needs_excerpts = pytest.mark.skipif(not (EXCERPTS / "truth").is_dir(),
                                    reason="the real page excerpts are not beside the project")


def counted(text: str):
    return [(c.cls, c.count, c.of, c.share) for c in counts_in(text)]


def test_number_first_with_the_whole_they_divide():
    """Excerpt 011 (Tây Ninh, PAR 2022)."""
    text = ("Trong số 19 cơ quan sở, ban, ngành tỉnh, có 17 cơ quan xếp loại tốt với tỷ lệ điểm số "
            "đạt trên 80%; 1 cơ quan xếp loại khá với tỷ lệ điểm số đạt dưới 80% gồm Sở Tài nguyên "
            "và Môi trường, 1 cơ quan xếp loại kém với tỷ lệ điểm số dưới 60%.")
    assert counted(text) == [("tốt", "17", "19", ""), ("khá", "1", "19", ""), ("kém", "1", "19", "")]
    assert {c.group for c in counts_in(text)} == {"cơ quan sở, ban, ngành tỉnh"}


@pytest.mark.parametrize("text, want", [
    ("Trong số 19 đơn vị, có 13 đơn vị được xếp hạng tốt, 06 đơn vị được xếp hạng khá.",
     [("tốt", "13", "19", ""), ("khá", "06", "19", "")]),
    ("Trong tổng số 27 huyện, thị xã, thành phố, có 5 huyện đạt loại xuất sắc và 22 huyện đạt loại tốt.",
     [("xuất sắc", "5", "27", ""), ("tốt", "22", "27", "")]),
])
def test_number_first_paraphrased(text, want):
    assert counted(text) == want


def test_class_first_with_its_share():
    """Excerpt 040 (Lâm Đồng, service quality Q2/2024)."""
    text = ("Cụ thể, về khối các sở, ban, ngành: Nhóm được xếp loại xuất sắc gồm 14/16 đơn vị, chiếm "
            "tỷ lệ 87,5%; Nhóm được xếp loại tốt gồm 2/16 đơn vị, chiếm tỷ lệ 12,5% và không có đơn vị "
            "xếp loại khá, trung bình và loại yếu.")
    assert counted(text) == [("xuất sắc", "14", "16", "87,5%"), ("tốt", "2", "16", "12,5%"),
                             ("khá", "không có", "", ""), ("trung bình", "không có", "", ""),
                             ("yếu", "không có", "", "")]
    assert {c.group for c in counts_in(text)} == {"khối các sở, ban, ngành"}


@pytest.mark.parametrize("text, want", [
    ("Về khối UBND cấp xã: nhóm xếp loại khá gồm 30/124 đơn vị, chiếm 24,19%.",
     [("khá", "30", "124", "24,19%")]),
    ("Năm 2020, trên cả nước tổng số các cơ quan đạt loại B (quan tâm triển khai an toàn thông tin "
     "ở mức khá) là 64, chiếm 61%; 16 cơ quan xếp loại C (quan tâm triển khai an toàn thông tin ở "
     "mức trung bình), chiếm 29%.", [("B", "64", "", "61%"), ("C", "16", "", "29%")]),
])
def test_class_first_paraphrased_and_lettered(text, want):
    assert counted(text) == want


@pytest.mark.parametrize("text, want", [
    ("Trong 89 cơ quan được đánh giá, so với năm 2019, có 36 cơ quan tăng hạng, 50 cơ quan giữ "
     "hạng và 4 cơ quan tụt hạng.",
     [("tăng hạng", "36", "89", ""), ("giữ hạng", "50", "89", ""), ("tụt hạng", "4", "89", "")]),
    ("Trong số 63 tỉnh, thành phố, có 20 địa phương tăng hạng, 30 địa phương giữ nguyên hạng và "
     "13 địa phương giảm hạng so với năm trước.",
     [("tăng hạng", "20", "63", ""), ("giữ nguyên hạng", "30", "63", ""), ("giảm hạng", "13", "63", "")]),
])
def test_changes_of_place(text, want):
    assert counted(text) == want


@pytest.mark.parametrize("text, want", [
    ("Qua 3 kỳ đánh giá từ năm 2018 đến nay, số bộ, ngành, địa phương xếp loại A (quan tâm triển "
     "khai an toàn thông tin ở mức tốt) đã từ con số 0 năm 2018 lên 4 bộ, tỉnh vào năm 2019 và đạt "
     "9 đơn vị vào năm 2020, chiếm tỷ lệ 10%.",
     [("A", "0", "2018", ""), ("A", "4", "2019", ""), ("A", "9", "2020", "10%")]),
    ("Số đơn vị đạt loại xuất sắc đã tăng từ 3 đơn vị năm 2021 lên 7 đơn vị năm 2022 và 12 đơn vị "
     "năm 2023.",
     [("xuất sắc", "3", "2021", ""), ("xuất sắc", "7", "2022", ""), ("xuất sắc", "12", "2023", "")]),
])
def test_one_class_counted_in_each_year(text, want):
    assert [(c.cls, c.count, c.year, c.share) for c in counts_in(text)] == want


@pytest.mark.parametrize("text, want", [
    ("Không có bộ, địa phương xếp loại D (mới bắt đầu quan tâm triển khai an toàn thông tin) và E "
     "(chưa quan tâm triển khai an toàn thông tin).", ["D", "E"]),
    ("Năm nay không có đơn vị nào xếp loại yếu, kém.", ["yếu", "kém"]),
])
def test_none_in_a_class(text, want):
    found = counts_in(text)
    assert [c.cls for c in found] == want
    assert {c.count.lower() for c in found} == {"không có"}


@pytest.mark.parametrize("text", [
    "Hạ tầng kỹ thuật công nghệ thông tin: có 07 đơn vị xếp hạng 1 đạt 24 điểm là: Sở Y tế; Sở Tài chính.",
    "Có 2 phương pháp đánh giá gồm phương pháp tự đánh giá và điều tra xã hội học.",
    "Theo đó, 5 đơn vị loại a được tính riêng.",
])
def test_no_class_no_count(text):
    assert counts_in(text) == []


def test_one_of_two_is_not_a_whole_of_two():
    """"là 1 trong 2 cơ quan đạt loại A trong tổng số 26 bộ, ngành": the whole is 26."""
    found = counts_in("Bộ Giao thông vận tải là 1 trong 2 cơ quan đạt loại A trong tổng số 26 bộ, "
                      "ngành được đánh giá, xếp hạng.")
    assert [(c.cls, c.count, c.of) for c in found] == [("A", "2", "26")]


def test_a_counts_table_with_the_whole_and_its_parts(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Kết quả Chỉ số cải cách hành chính năm 2022 của tỉnh\n\n"
                    "Trong số 9 huyện, thị xã, thành phố, có 8 địa phương xếp loại tốt với tỷ lệ "
                    "điểm số trên 80%, 1 địa phương xếp loại khá với tỷ lệ điểm số dưới 80%.\n",
                    encoding="utf-8")
    (table,) = [t for t in read_document(path, require_tables=False).tables
                if t.title.endswith("(counts)")]
    assert table.kind == "other"
    assert [r.texts for r in table.rows] == [
        ["tốt", "8", "9", "", "", "huyện, thị xã, thành phố", ""],
        ["khá", "1", "9", "", "", "huyện, thị xã, thành phố", ""],
        ["", "9", "", "", "", "huyện, thị xã, thành phố", "tốt 8; khá 1"]]
    assert table.rows[0].where.line == 3


def _numbers(texts: list[str]) -> set[Decimal]:
    import re
    out = set()
    for t in texts:
        for n in re.findall(r"\d+(?:,\d+)?", t):
            out.add(Decimal(n.replace(",", ".")))
    return out


@needs_excerpts
@pytest.mark.parametrize("stem, table_words", [
    ("011_tayninh-par-2022-news", "counts"), ("040_lamdong-service-quality-q2-2024-news", "–"),
    ("052_attt-2020-ranking-vietbao-news", "–")])
def test_the_excerpts_count_tables(stem, table_words):
    """Every count the truth transcribes is in one row of a "(counts)" table naming its
    class (or its group), except those the page prints as "không có" (the truth's 0)."""
    truth = json.loads((EXCERPTS / "truth" / f"{stem}.json").read_text(encoding="utf-8"))
    doc = read_document(EXCERPTS / truth["file"], require_tables=False)
    rows = [r.texts for t in doc.tables if t.title.endswith("(counts)") for r in t.rows]
    assert rows
    for table in [t for t in truth["tables"] if table_words in t["title"]]:
        for want in table["rows"]:
            if want["total"] == 0:
                continue
            numbers = {Decimal(str(v)) for v in [want["total"], *want["values"].values()]}
            assert any(want["unit"] in " ".join(r) and numbers <= _numbers(r) for r in rows), want


@pytest.mark.parametrize("text, want", [
    ("Kết quả: xếp loại Tốt: 12 đơn vị; xếp loại Khá: 3 đơn vị (chiếm 20%).",
     [("Tốt", "12", "", ""), ("Khá", "3", "", "20%")]),
    ("Có 5 đơn vị đạt mức Xuất sắc (chiếm tỷ lệ 25%), 10 đơn vị đạt mức Tốt, tỷ lệ 50%.",
     [("Xuất sắc", "5", "", "25%"), ("Tốt", "10", "", "50%")]),
    ("Mức Khá gồm 3 đơn vị là Sở Y tế, Sở Nội vụ và Sở Tư pháp.", [("Khá", "3", "", "")]),
    ("Sở Y tế xếp loại tốt với 85 điểm, 3 đơn vị xếp loại khá.", [("khá", "3", "", "")]),
    ("Kết quả xếp loại: Xuất sắc: 5 đơn vị; Tốt: 10 đơn vị; Khá: 2 đơn vị.",
     [("Xuất sắc", "5", "", ""), ("Tốt", "10", "", ""), ("Khá", "2", "", "")]),
    ("Kết quả như sau - Tốt: 10 sở, ngành (chiếm 50%)", [("Tốt", "10", "", "50%")]),
    ("Sở Y tế tốt: 10 điểm", []),
])
def test_other_wordings_of_a_class_count_and_its_share(text, want):
    assert counted(text) == want


def test_the_whole_named_in_the_sentence_before_trong_do():
    text = ("Năm 2023, UBND tỉnh đánh giá 20 sở, ban, ngành. Trong đó, 5 sở xếp loại xuất sắc, "
            "10 sở xếp loại tốt và 5 sở xếp loại khá.")
    assert [(c.cls, c.count, c.of, c.group) for c in counts_in(text)] == [
        ("xuất sắc", "5", "20", "sở, ban, ngành"), ("tốt", "10", "20", "sở, ban, ngành"),
        ("khá", "5", "20", "sở, ban, ngành")]
    # without "Trong đó" the next sentence's counts are not said to divide it
    assert {c.of for c in counts_in(text.replace("Trong đó, 5", "Năm trước, 5"))} == {""}
