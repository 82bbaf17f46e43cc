"""The relations real result tables print: a maximum per row, an index or rate that is
score ÷ maximum × 100, a maximum stated in a header, shared and broken ties, printed total
rows of other tables.

Tables are written as text dumps ("a | b | c |") from the hand-verified truth of the real
documents 004 and 020 (../shared/real/truth, skipped when absent), and from small tables
typed by hand with figures worked out by hand, then read by the text reader like any dump.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from xephang.extract import read_document
from xephang.validate import check_document
from xephang.validate.relations import fits, kind_of

TRUTH = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "truth"
needs_truth = pytest.mark.skipif(not TRUTH.is_dir(), reason="the real documents' truth is absent")


def truth(stem: str) -> dict:
    return json.loads(next(TRUTH.glob(f"{stem}_*.json")).read_text(encoding="utf-8"))


def printed(row: dict, column: str) -> str:
    if column in row.get("printed", {}):
        return row["printed"][column]
    value = row["rank"] if column.lower().startswith(("xếp hạng", "thứ hạng")) else row["values"].get(column)
    return "" if value is None else str(value).replace(".", ",")


def dump(title: str, columns: list[str], rows: list[list[str]]) -> str:
    lines = ["BÁO CÁO", "", title, "STT | Tên đơn vị | " + " | ".join(columns) + " |"]
    lines += [f"{i} | " + " | ".join(r) + " |" for i, r in enumerate(rows, 1)]
    return "\n".join(lines) + "\n"


def truth_dump(table: dict, columns: list[str] | None = None, labels: dict | None = None) -> str:
    columns = columns or table["columns"]
    labels = labels or {}
    rows = [[r["unit"]] + [printed(r, c) for c in columns] for r in table["rows"]]
    return dump(table["title"], [labels.get(c, c) for c in columns], rows)


def check_text(tmp_path, text: str, rules: tuple[str, ...]):
    path = tmp_path / "table.txt"
    path.write_text(text, encoding="utf-8")
    return [f for f in check_document(read_document(path)) if f.rule in rules]


RELATIONS = ("score-above-row-max", "score-above-max", "index-ratio", "rank-value",
             "rank-tie-digits", "total-row", "sum-incomplete")


@needs_truth
def test_004_communes_self_assessed_above_the_74_point_maximum(tmp_path):
    table = truth("004")["tables"][1]               # II.1.2, 124 communes
    found = check_text(tmp_path, truth_dump(table), RELATIONS)
    assert sorted((f.rule, f.unit, f.printed) for f in found) == sorted([
        ("score-above-row-max", "UBND phường 1 Bảo Lộc", "74,2"),
        ("score-above-row-max", "UBND xã Đơn Dương", "74,22"),
        ("score-above-row-max", "UBND xã Tân Hà Lâm Hà", "74,25"),
        ("score-above-row-max", "UBND xã Đắk Song", "74,37"),
        ("score-above-row-max", "UBND xã Đức Trọng", "74,25"),
        ("score-above-row-max", "UBND xã D’Ran", "74,25"),
        ("score-above-row-max", "UBND xã Bảo Thuận", "75,0"),
        ("score-above-row-max", "UBND xã Cư Jút", "74,47")])
    assert all(f.severity == "error" and f.expected == "≤ 74,0" for f in found)


@needs_truth
@pytest.mark.parametrize("t", [0, 4, 6, 8])
def test_004_clean_tables_are_silent(tmp_path, t):
    """Indices from unrounded totals (±0,01) and decimal points among commas: no finding."""
    table = truth("004")["tables"][t]
    found = check_text(tmp_path, truth_dump(table), RELATIONS)
    assert [(f.rule, f.unit, f.message) for f in found if f.severity != "info"] == []


@needs_truth
def test_004_equal_results_ranked_10_11_11_are_a_note(tmp_path):
    table = truth("004")["tables"][3]               # II.2.b, 124 communes, ranked by points
    columns = table["columns"] + ["Thứ hạng"]
    found = check_text(tmp_path, truth_dump(table, columns), RELATIONS)
    assert [f for f in found if f.severity != "info"] == []
    notes = {(f.unit, f.printed) for f in found if f.rule == "rank-tie-digits"}
    assert ("UBND xã Hàm Tân", "10, 11, 11") in notes
    assert all(f.severity == "info" for f in found if f.rule == "rank-tie-digits")


@needs_truth
def test_020_a_score_that_contradicts_its_rate(tmp_path):
    table = truth("020")["tables"][1]               # Tiến độ, points = rate × 20 / 100
    found = check_text(tmp_path, truth_dump(table), RELATIONS)
    assert [(f.rule, f.unit, f.printed, f.expected) for f in found] == [
        ("index-ratio", "Sở Văn hoá, Thể thao và Du lịch", "17,27", "18,27")]


@needs_truth
def test_020_scores_above_the_maximum_in_the_header(tmp_path):
    table = truth("020")["tables"][3]               # Mức độ hài lòng, "Tối đa 18 điểm"
    columns = table["columns"][:2]
    found = check_text(tmp_path, truth_dump(table, columns,
                                            {"Điểm đánh giá": "Điểm đánh giá (Tối đa 18 điểm)"}),
                       RELATIONS)
    assert {f.unit for f in found if f.rule == "score-above-max"} == {
        "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng", "Sở Nội vụ", "Sở Dân tộc và Tôn giáo",
        "Sở Công Thương", "Thanh tra tỉnh", "Sở Văn hoá, Thể thao và Du lịch",
        "Sở Giáo dục và Đào tạo", "Ban Quản lý các khu công nghiệp"}
    assert len([f for f in found if f.rule == "score-above-max"]) == 8


@needs_truth
def test_020_a_clean_rate_table_is_silent(tmp_path):
    table = truth("020")["tables"][0]               # Công khai, minh bạch (tối đa 18)
    assert check_text(tmp_path, truth_dump(table), RELATIONS) == []


# ------------------------------------------------------------ paraphrases typed by hand

def test_a_per_row_maximum_under_another_label(tmp_path):
    text = dump("Bảng 3. Kết quả", ["Điểm tối đa", "Điểm đạt được", "Xếp hạng"],
                [["Sở Y tế", "80", "78,5", "1"], ["Sở Tư pháp", "75", "76", "2"],
                 ["Sở Nội vụ", "80", "70", "3"]])
    found = check_text(tmp_path, text, RELATIONS)
    assert [(f.rule, f.unit, f.printed, f.expected) for f in found] == [
        ("score-above-row-max", "Sở Tư pháp", "76", "≤ 75")]


def test_an_index_off_beyond_rounding_is_an_error_within_rounding_is_not(tmp_path):
    # 70,5/74 = 95,270…; 66,64/72 = 92,555… printed 92,56 (rounding); 50/70 = 71,43 printed 73,43
    text = dump("Bảng 1", ["Điểm chuẩn tối đa", "Điểm thẩm định", "Chỉ số (%)"],
                [["Sở Tư pháp", "74", "70,5", "95,27"], ["Sở Nội vụ", "72", "66,64", "92,56"],
                 ["Sở Y tế", "70", "60", "85,71"], ["Sở Tài chính", "70", "50", "73,43"]])
    found = check_text(tmp_path, text, RELATIONS)
    assert [(f.rule, f.unit, f.printed, f.expected) for f in found] == [
        ("index-ratio", "Sở Tài chính", "73,43", "71,43")]


def test_rounding_interval_of_an_index():
    from decimal import Decimal as D
    assert fits(D("13.122"), 3, D(15), D("87.478"), 3)           # 13.1217/15 = 87.478
    assert fits(D("66.64"), 2, D(72), D("92.56"), 2)             # 92.5556 → 92.56
    assert not fits(D("50"), 0, D(70), D("73.43"), 2)


def test_shared_ranks_are_legitimate_and_a_wrong_rank_is_not(tmp_path):
    text = dump("Bảng 2. Xếp hạng", ["Tổng điểm", "Xếp hạng"],
                [["Sở A", "90", "1"], ["Sở B", "85", "2"], ["Sở C", "85", "2"],
                 ["Sở D", "80", "4"], ["Sở E", "79", "5"], ["Sở G", "70", "5"]])
    found = check_text(tmp_path, text, RELATIONS)        # 1, 2, 2, 4, 5, 6 (competition)
    assert [(f.rule, f.unit, f.printed, f.expected) for f in found] == [
        ("rank-value", "Sở G", "5", "6")]


def test_a_total_row_of_a_budget_table(tmp_path):
    lines = ["BÁO CÁO", "", "Bảng 4. Kinh phí thực hiện", "STT | Nội dung | Dự toán | Thực hiện |",
             "1 | Hạ tầng | 1.200 | 1.100 |", "2 | Nhân lực | 300 | 250 |", "3 | Ứng dụng | 500 | 450 |",
             " | Tổng cộng | 2.000 | 1.900 |"]
    found = check_text(tmp_path, "\n".join(lines) + "\n", RELATIONS)
    assert [(f.rule, f.column, f.printed, f.expected) for f in found] == [
        ("total-row", "Thực hiện", "1.900", "1.800")]


def test_a_score_whose_parts_reach_its_stated_maximum_must_be_their_sum(tmp_path):
    # parts 6 + 6 + 6 = 18, the stated maximum, in Sở A's row: the parts are all printed,
    # so Sở B's 17,5 (parts 5,5 + 6 + 6 = 17,5) is right and Sở C's 19 (parts 18) is not
    text = dump("Bảng 5. Mức độ hài lòng", ["Điểm (tối đa 18 điểm)", "Điểm tiếp nhận",
                                            "Điểm phản ánh", "Điểm đúng hạn"],
                [["Sở A", "18", "6", "6", "6"], ["Sở B", "17,5", "5,5", "6", "6"],
                 ["Sở C", "19", "6", "6", "6"]])
    found = check_text(tmp_path, text, RELATIONS + ("sum-of-parts",))
    assert [(f.rule, f.unit, f.printed) for f in found if f.rule == "sum-of-parts"] == [
        ("sum-of-parts", "Sở C", "19")]


def test_parts_that_never_reach_the_stated_maximum_may_be_incomplete(tmp_path):
    # two of more parts printed (4 + 5 never reaches 22): no claim that the score is wrong
    text = dump("Số hóa hồ sơ", ["Điểm đánh giá (tối đa 22 điểm)", "Điểm khai thác", "Điểm số hóa"],
                [["Sở A", "18,7", "4", "5"], ["Sở B", "18,6", "3,5", "5"], ["Sở C", "17", "4", "4,5"]])
    found = check_text(tmp_path, text, ("sum-of-parts",))
    assert found == []


def test_column_kinds_from_labels():
    assert [kind_of(x) for x in ("Điểm chuẩn tối đa", "Điểm đạt (tối đa 20)", "Chỉ số (%)",
                                 "Tỷ lệ thực hiện (%)", "Thứ hạng", "STT", "Điểm thẩm định")] == [
        "max", "points", "ratio", "ratio", "rank", "row_no", "points"]


# ------------------------------------------------------------ the real Word documents

REAL = TRUTH.parent


@pytest.mark.skipif(not REAL.is_dir(), reason="the real documents are absent")
def test_real_020_reports_its_confirmed_inconsistencies_and_no_other_error():
    doc = read_document(next(REAL.glob("020_*.docx")))
    errors = [f for f in check_document(doc) if f.severity == "error"]
    assert sorted(f.rule for f in errors) == (["index-ratio"] + ["score-above-max"] * 8
                                              + ["sum-of-parts"] * 13)
    ratio = next(f for f in errors if f.rule == "index-ratio")
    assert (ratio.unit, ratio.printed) == ("Sở Văn hoá, Thể thao và Du lịch", "17,27")
    # the truth's third inconsistency: "Điểm đánh giá" ≠ Σ of the three component points
    wanted = {(r["unit"], r["printed"].split(", Σ components ")[0].split("printed ")[1],
               r["printed"].split(", Σ components ")[1])
              for r in _parts_rows(truth("020")["inconsistencies"][2]["printed"])}
    got = {(f.unit, f.printed, f.expected.replace(",", ".")) for f in errors if f.rule == "sum-of-parts"}
    assert got == wanted and len(got) == 13


def _parts_rows(printed: str) -> list[dict]:
    """"Sở A: printed 19.6, Σ components 18; Sở B: …" → [{"unit", "printed"}, …]."""
    out = []
    for part in printed.split("; "):
        unit, _, rest = part.partition(": ")
        out.append({"unit": unit, "printed": rest})
    return out


@pytest.mark.skipif(not REAL.is_dir(), reason="the real documents are absent")
@pytest.mark.parametrize("stem", ["001", "017"])
def test_real_clean_annexes_are_silent(stem):
    doc = read_document(next(REAL.glob(f"{stem}_*.docx")))
    assert [(f.rule, f.message) for f in check_document(doc) if f.severity != "info"] == []


def test_a_row_whose_maximum_is_zero_is_not_a_share_of_it(tmp_path):
    """Found by the fuzz: a maximum printed "0" (a criterion not assessed for that unit) made
    score ÷ maximum raise 0/0.  That row is no share of anything; the others are checked."""
    text = dump("Bảng 1", ["Điểm chuẩn tối đa", "Điểm thẩm định", "Chỉ số (%)"],
                [["Sở Tư pháp", "74", "70,5", "95,27"], ["Sở Nội vụ", "0", "0", "0"],
                 ["Sở Y tế", "70", "60", "85,71"], ["Sở Xây dựng", "70", "35", "50"],
                 ["Sở Công Thương", "80", "60", "75"], ["Sở Ngoại vụ", "50", "40", "80"],
                 ["Sở Tài chính", "70", "50", "73,43"]])
    found = check_text(tmp_path, text, RELATIONS)
    assert [(f.rule, f.unit, f.printed) for f in found if f.rule == "index-ratio"] == [
        ("index-ratio", "Sở Tài chính", "73,43")]
