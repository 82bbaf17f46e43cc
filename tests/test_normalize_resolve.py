"""resolve(doc): the normalize stage over whole seed documents, printed cells untouched."""
from decimal import Decimal

import pytest

from xephang.extract import read_document
from xephang.normalize import resolve
from xephang.normalize.categories import canonical_category

from conftest import SEEDS


@pytest.fixture(scope="module")
def resolved():
    return {k: resolve(read_document(p, require_tables=False)) for k, p in SEEDS.items()}


def test_convention_and_damage_per_document(resolved):
    got = {k: (r.convention, r.damaged) for k, r in resolved.items()}
    assert got == {"000": ("point", True), "001": ("comma", False), "002": ("comma", True),
                   "003": ("comma", False), "004": ("comma", False)}


def test_numbers_keep_their_printed_precision(resolved):
    son_la, hoa_binh = resolved["002"], resolved["000"]
    assert son_la.doc.tables[0].cell(0, 2).text == "83,8"
    assert son_la.number(0, 0, 2).value == Decimal("83.8")
    assert hoa_binh.doc.tables[2].cell(0, 18).text == "41.0"
    assert str(hoa_binh.number(2, 0, 18).value) == "41.0"


def test_every_unit_row_of_the_score_tables_is_matched_in_its_province(resolved):
    for key, province in (("000", "hoa-binh"), ("002", "son-la")):
        res = resolved[key]
        unit_tables = [t for t, table in enumerate(res.doc.tables) if table.column_index("unit") is not None]
        assert len(unit_tables) == {"000": 11, "002": 17}[key]
        for t in unit_tables:
            for r in range(len(res.doc.tables[t].rows)):
                m = res.unit(t, r)
                assert m.status == "matched" and m.id.startswith(province + "/"), (key, t, r, m)
        others = [t for t in range(len(res.doc.tables)) if t not in unit_tables]
        assert all(res.unit(t, 0) is None and res.level(t) is None for t in others)


def test_unit_levels_follow_the_tables(resolved):
    hb = resolved["000"]
    assert [hb.level(t) for t in range(len(hb.doc.tables))] == ["department"] * 5 + ["district"] * 6
    assert resolved["001"].level(0) is None          # a rubric has no units


def test_categories_line_up_across_provinces(resolved):
    hb, sl = resolved["000"], resolved["002"]
    assert hb.category(0) == sl.category(2) == "infrastructure"
    assert hb.category(1) == sl.category(6) == "human_resources"
    assert hb.category(5) == sl.category(0) == "overall"
    assert sl.category(15) == "web_portal"


def test_repairs_only_on_damaged_documents_and_never_in_place(resolved):
    assert resolved["003"].repairs == [] and resolved["004"].repairs == []
    sl = resolved["002"]
    t, r, c, rep = next(x for x in sl.repairs if x[3].printed == "Ththao")
    assert sl.doc.tables[t].cell(r, c).text == "Sở Văn hóa Ththao và Du lịch"   # printed, kept
    assert rep.proposed == "Thể thao"
    hb = resolved["000"]
    header = [(t, c, rep.printed, rep.proposed) for t, r, c, rep in hb.repairs if r == -1]
    assert (2, 3, "Tng", "Tổng") in header


@pytest.mark.parametrize("text, slug", [
    ("Nhận thức số", "dti_awareness"), ("Thể chế số", "dti_institutions"),
    ("Hạ tầng số", "dti_infrastructure"), ("Nhân lực số", "dti_human_resources"),
    ("An toàn thông tin mạng", "dti_cybersecurity"),
    ("Hoạt động chính quyền số", "dti_digital_government"),
    ("Hoạt động kinh tế số", "dti_digital_economy"), ("Hoạt động xã hội số", "dti_digital_society"),
    ("Hạ tầng kỹ thuật công nghệ thông tin", "infrastructure"),
    ("Môi trường chính sách và kinh phí", "policy_environment"),
    ("CƠ CHẾ, CHÍNH SÁCH", "policy_environment"),
    ("Công tác đảm bảo an toàn thông tin", "information_security"),
    ("Ứng dụng CNTT phục vụ người dân và doanh nghiệp", "public_services"),
    ("Bảng 1. Xếp hạng tng th mức độ ứng dụng CNTT của các sở, ngành", "overall"),
    ("Tổng điểm", None), ("Đơn vị", None),
])
def test_canonical_categories(text, slug):
    assert canonical_category(text) == slug
