"""Criteria have identities: the PAR INDEX fields, SIPAS and the 2025 provincial PAR
rubrics get canonical categories from their wording (any year's, damaged letters
too), and `xephang rubrics compare` shows the department rubric 013 and the national
rubric 016 (../shared/real, read in place) as one rubric each, their eight fields side
by side, maxima in one number convention beside the printed text."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from xephang.normalize.categories import (canonical_category, categories_in_context,
                                          context_family, tree_categories)
from xephang.outputs.rubrics import compare, format_number, split_rubrics, to_text

XEPHANG = [str(Path(sys.executable).with_name("xephang"))]
REAL = Path(__file__).resolve().parents[2] / "shared" / "real"

PAR_FIELDS = ("par_direction", "par_institutions", "par_procedures", "par_organization",
              "par_civil_service", "par_public_finance", "par_digital_government", "par_impact")


# ---------------------------------------------------------------- the matcher

@pytest.mark.parametrize("text, slug", [
    # the fields as other years and other provinces word them
    ("Công tác chỉ đạo, điều hành cải cách hành chính", "par_direction"),
    ("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "par_direction"),
    ("Lĩnh vực 1: Công tác chỉ đạo, điều hành", "par_direction"),
    ("Cải cách thể chế", "par_institutions"),
    ("Xây dựng và tổ chức thực hiện thể chế", "par_institutions"),
    ("Xây dựng và tổ chức thực hiện văn bản QPPL tại tỉnh", "par_institutions"),
    ("Cải cách TTHC", "par_procedures"),
    ("Cải cách tổ chức bộ máy hành chính nhà nước", "par_organization"),
    ("Cải cách chế độ công vụ", "par_civil_service"),
    ("Xây dựng và nâng cao chất lượng đội ngũ CBCCVC", "par_civil_service"),
    ("Cải cách tài chính công", "par_public_finance"),
    ("Đổi mới cơ chế quản lý tài chính đối với cơ quan hành chính, đơn vị sự nghiệp công lập",
     "par_public_finance"),
    ("Hiện đại hóa hành chính", "par_digital_government"),
    ("Hiện đại hoá nền hành chính", "par_digital_government"),
    ("Xây dựng, phát triển Chính quyền điện tử, Chính quyền số", "par_digital_government"),
    ("Chuyển đổi số trong cơ quan nhà nước", "par_digital_government"),
    ("Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
     "par_impact"),
    ("Tác động của CCHC đến phát triển KT-XH của tỉnh", "par_impact"),
    # letters a damaged font dropped
    ("Ci cách th tc hành chính", "par_procedures"),
    ("CẢI CÁCH CH Đ CÔNG V", "par_civil_service"),
    ("Hin đi hóa hành chính", "par_digital_government"),
    # SIPAS and its factors
    ("Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)", "sipas"),
    ("Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước",
     "sipas"),
    ("Mức độ hài lòng của người dân về dịch vụ hành chính công", "sipas"),
    ("Mức độ hài lòng về tiếp cận dịch vụ", "sipas_access"),
    ("Chỉ số hài lòng về thủ tục hành chính", "sipas_procedures"),
    ("Mức độ hài lòng về sự phục vụ của công chức", "sipas_civil_servants"),
    ("Mức độ hài lòng về kết quả giải quyết TTHC", "sipas_results"),
    ("Mức độ hài lòng về việc tiếp nhận, xử lý ý kiến góp ý, phản ánh, kiến nghị",
     "sipas_feedback"),
])
def test_par_and_sipas_wordings(text, slug):
    assert canonical_category(text) == slug


@pytest.mark.parametrize("text, slug", [
    # e-government and DTI criteria are not PAR fields, however close their words
    ("Ứng dụng CNTT trong nội bộ cơ quan nhà nước", "internal_applications"),
    ("Hạ tầng kỹ thuật công nghệ thông tin", "infrastructure"),
    ("Ứng dụng CNTT phục vụ người dân và doanh nghiệp", "public_services"),
    ("Cổng thông tin điện tử", "web_portal"),
    ("Nhân lực CNTT", "human_resources"),
    ("Môi trường chính sách và kinh phí", "policy_environment"),
    ("Thể chế số", "dti_institutions"),
    ("Hoạt động chính quyền số", "dti_digital_government"),
    ("Chuyển đổi số", "dti_overall"),
    ("Bộ tiêu chí đánh giá mức độ xây dựng chính quyền điện tử", "overall"),
    ("Mức độ hài lòng của người dân về dịch vụ công trực tuyến", "public_services"),
    ("Tổng điểm", None), ("Đơn vị", None), ("Thể chế", None), ("Tài chính công", None),
])
def test_other_families_are_not_par_fields(text, slug):
    assert canonical_category(text) == slug


SHORT_LABELS = ["Chỉ đạo điều hành", "Thể chế", "TTHC", "Tổ chức bộ máy", "Công vụ",
                "Tài chính công", "CQĐT, CQS", "Tác động"]


def test_short_labels_are_fields_beside_each_other():
    """A results table's column labels: alone most say nothing, together they are the
    eight fields, in order."""
    assert [canonical_category(t) for t in ("Thể chế", "TTHC", "Công vụ", "Tài chính công",
                                            "Tác động", "Tổ chức bộ máy")] == [None] * 6
    assert context_family(SHORT_LABELS) == "par"
    assert categories_in_context(SHORT_LABELS) == list(PAR_FIELDS)


def test_ict_and_sipas_columns_keep_their_family():
    ict = ["Hạ tầng kỹ thuật", "Ứng dụng CNTT trong nội bộ", "Cổng thông tin điện tử",
           "Dịch vụ công trực tuyến", "Nhân lực CNTT", "Cơ chế, chính sách"]
    assert context_family(ict) is None
    assert not any((c or "").startswith(("par_", "sipas")) for c in categories_in_context(ict))
    sipas = ["Tiếp cận dịch vụ", "Thủ tục hành chính", "Công chức giải quyết TTHC",
             "Kết quả giải quyết TTHC", "Tiếp nhận, xử lý ý kiến góp ý, phản ánh, kiến nghị"]
    assert context_family(sipas) == "sipas"
    assert categories_in_context(sipas) == ["sipas_access", "sipas_procedures",
                                            "sipas_civil_servants", "sipas_results",
                                            "sipas_feedback"]


def test_a_criterion_stays_in_its_field():
    tree = [("1", None, "Cải cách thể chế"), ("2", None, "Cải cách thủ tục hành chính"),
            ("3", None, "Cải cách chế độ công vụ"),
            ("4", None, "Chuyển đổi số trong các cơ quan nhà nước"),
            ("4.1", "4", "Thực hiện chỉ đạo, điều hành, quản trị nội bộ trên môi trường điện tử"),
            ("4.2", "4", "Cổng thông tin điện tử của tỉnh"),
            ("5", None, "Tác động của cải cách hành chính đến người dân"),
            ("5.1", "5", "Mức độ hài lòng của người dân về dịch vụ hành chính công"),
            ("5.1.1", "5.1", "Mức độ hài lòng về TTHC"),
            ("5.2", "5", "Thực hiện thu ngân sách hàng năm của tỉnh")]
    got = dict(zip([n[0] for n in tree], tree_categories(tree)))
    assert got["4.1"] == got["4.2"] == "par_digital_government"
    assert (got["5.1"], got["5.1.1"], got["5.2"]) == ("sipas", "sipas_procedures", "par_impact")
    ict = tree_categories([("1", None, "Ứng dụng CNTT"), ("1.1", "1", "Cổng thông tin điện tử"),
                           ("1.2", "1", "Ứng dụng trong nội bộ cơ quan")])
    assert ict[1:] == ["web_portal", "internal_applications"]


# ---------------------------------------------------------------- rubrics and numbers

@pytest.mark.parametrize("value, decimal, text", [
    ("9.50", "comma", "9,50"), ("14.5", "comma", "14,5"), ("1", "comma", "1"),
    ("1000", "comma", "1.000"), ("1000.25", "comma", "1.000,25"), ("9.50", "point", "9.50"),
])
def test_format_number(value, decimal, text):
    assert format_number(Decimal(value), decimal) == text


def node(doc, table, node_id, title, printed, points, level=None):
    return {"document": doc, "table_index": table, "row_index": 0, "node_id": node_id,
            "parent_id": None, "depth": node_id.count(".") + 1, "title": title,
            "max_printed": printed, "max_points": points, "category": None, "level": level,
            "province": "Lâm Đồng", "number": doc}


def test_tables_that_continue_are_one_rubric_and_numbers_one_convention():
    nodes = [node("A", 0, "1", "Cải cách thể chế", "6,5", "6.5"),
             node("A", 0, "1.1", "Theo dõi thi hành pháp luật", "2,5", "2.5"),
             node("A", 1, "2", "Cải cách thủ tục hành chính", "15,0", "15.0"),
             node("A", 2, "3", "Cải cách chế độ công vụ", "8,5", "8.5"),
             node("B", 0, "1", "CẢI CÁCH THỂ CHẾ", "9.00", "9.00"),
             node("B", 3, "2", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "12.00", "12.00"),
             node("B", 3, "3", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "14.50", "14.50"),
             node("C", 0, "1", "Nhận thức số", "10", "10", "department"),
             node("C", 1, "1", "Nhận thức số", "12", "12", "district")]
    rubrics = split_rubrics(nodes)
    assert [(r[0]["document"], len(r)) for r in rubrics] == [("A", 4), ("B", 3), ("C", 1),
                                                            ("C", 1)]
    cmp = compare(pd.DataFrame(nodes))
    assert cmp.rubrics == ("Lâm Đồng A", "Lâm Đồng B", "Lâm Đồng C department #0",
                           "Lâm Đồng C district #1")
    line = cmp.frame[cmp.frame.category == "par_civil_service"].iloc[0]
    assert (line["Lâm Đồng A max"], line["Lâm Đồng B max"]) == ("8,5", "14,50")
    assert line["Lâm Đồng B printed"] == "14.50"
    text = to_text(cmp)
    assert "14,50" in text and "14.50" not in text and "9,00" in text
    point = compare(pd.DataFrame(nodes), decimal="point")
    assert point.frame[point.frame.category == "par_civil_service"].iloc[0]["Lâm Đồng A max"] == "8.5"


# ---------------------------------------------------------------- the real rubrics 013 and 016

#: The fields of each rubric by its printed number, read by hand from the documents
#: (013: seven fields, the impact field is scored outside its table; 016: eight).
FIELDS_013 = dict(zip("1234567", PAR_FIELDS[:7]))
FIELDS_016 = dict(zip("12345678", PAR_FIELDS))
#: Criteria of the two rubrics that measure the same thing, matched by hand from their names.
SAME_CRITERION = [("1.3", "1.3"), ("1.4", "1.4"), ("3.3", "3.3"), ("3.4", "3.4"),
                  ("3.5", "3.5"), ("4.2", "4.2"), ("5.2", "5.2"), ("6.1", "6.1"),
                  ("6.2", "6.2"), ("7.2", "7.3"), ("7.3", "7.4")]


def real(prefix: str) -> Path:
    found = sorted(REAL.glob(f"{prefix}_*.pdf"))
    if not found:
        pytest.skip(f"{prefix} is not in ../shared/real")
    return found[0]


def truth(prefix: str) -> dict[str, Decimal]:
    path = next((REAL / "truth").glob(f"{prefix}_*.json"))
    items = json.loads(path.read_text(encoding="utf-8"))["rubric"]
    return {i["id"]: Decimal(str(i["max_points"])) for i in items}


def value(cell) -> Decimal | None:
    """A maximum printed by the comparison in the decimal-comma convention."""
    if pd.isna(cell):
        return None
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?", cell), cell
    return Decimal(cell.replace(".", "").replace(",", "."))


@pytest.fixture(scope="module")
def compared() -> pd.DataFrame:
    if not REAL.is_dir():
        pytest.skip("../shared/real is not here")
    result = subprocess.run(XEPHANG + ["rubrics", "compare", str(real("013")), str(real("016")),
                                       "--format", "csv"],
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr
    return pd.read_csv(io.StringIO(result.stdout), dtype=str)


def columns(frame: pd.DataFrame, prefix: str) -> str:
    """The label of the rubric read from file *prefix*: the rubrics come in the order of
    the files given (013, then 016)."""
    ids = [c[:-3] for c in frame.columns if c.endswith(" id")]
    return ids[("013", "016").index(prefix)]


def test_one_rubric_per_document(compared):
    assert len([c for c in compared.columns if c.endswith(" id")]) == 2


def test_every_criterion_read_once_with_its_maximum(compared):
    for prefix in ("013", "016"):
        label = columns(compared, prefix)
        read = {r[f"{label} id"]: value(r[f"{label} max"])
                for _, r in compared.dropna(subset=[f"{label} id"]).iterrows()}
        assert compared[f"{label} id"].notna().sum() == len(read)     # no id on two lines
        assert read == truth(prefix)


def test_the_eight_par_fields_side_by_side(compared):
    a, b = columns(compared, "013"), columns(compared, "016")
    fields = compared[compared.depth == "1"]
    for slug in PAR_FIELDS:
        line = fields[fields.category == slug]
        assert len(line) == 1, slug
        line = line.iloc[0]
        want_b = next(i for i, s in FIELDS_016.items() if s == slug)
        assert line[f"{b} id"] == want_b
        assert value(line[f"{b} max"]) == truth("016")[want_b]
        want_a = next((i for i, s in FIELDS_013.items() if s == slug), None)
        if want_a is None:
            assert pd.isna(line[f"{a} id"]) and a in line["missing_from"]
        else:
            assert line[f"{a} id"] == want_a
            assert value(line[f"{a} max"]) == truth("013")[want_a]
    direction = fields[fields.category == "par_direction"].iloc[0]
    assert (direction[f"{a} max"], direction[f"{a} printed"]) == ("14,5", "14,5")
    assert (direction[f"{b} max"], direction[f"{b} printed"]) == ("9,50", "9.50")


def test_corresponding_criteria_share_a_line(compared):
    a, b = columns(compared, "013"), columns(compared, "016")
    pairs = set(zip(compared[f"{a} id"], compared[f"{b} id"]))
    missing = [p for p in SAME_CRITERION if p not in pairs]
    assert missing == []
    # every criterion sits in the field of its number in both rubrics
    for label, fields in ((a, FIELDS_013), (b, FIELDS_016)):
        placed = compared.dropna(subset=[f"{label} id"])
        for _, r in placed.iterrows():
            field = fields[r[f"{label} id"].split(".")[0]]
            # SIPAS, scored inside the impact field, keeps its own identity there
            assert field in r["category"] or (field == "par_impact" and "sipas" in r["category"])


def test_a_criterion_numbered_twice_keeps_both_lines():
    nodes = [node("A", 0, "1", "Cải cách thể chế", "6,5", "6.5"),
             node("A", 0, "1.1", "Theo dõi thi hành pháp luật", "2,5", "2.5"),
             node("A", 0, "1.1", "Kiểm tra, rà soát văn bản", "4,0", "4.0")]
    frame = compare(pd.DataFrame(nodes)).frame
    assert frame["Lâm Đồng A max"].tolist() == ["6,5", "2,5", "4,0"]
