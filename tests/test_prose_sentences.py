"""Results told in free sentences (extract/prose/sentences.py): units, scores, ranks and bands
tied together by the sentence's structure.

Sentences typed by hand (each a paraphrase of a real page's wording, with the values worked
out by hand), and the real page excerpts (../shared/real/excerpts, skipped when absent)
against their hand-verified truth.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from xephang.extract import read_document
from xephang.extract.prose.sentences import results_of, units_in

EXCERPTS = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "excerpts"
needs_excerpts = pytest.mark.skipif(not (EXCERPTS / "truth").is_dir(),
                                    reason="the real page excerpts are not beside the project")


def told(text: str, earlier=()):
    return [(r.unit, r.score, r.rank, r.band) for r in results_of(text, tuple(earlier))]


def test_a_leader_and_a_respectively_list():
    assert told("Sở Giao thông Vận tải đứng đầu bảng xếp hạng với 88,10 điểm, đứng thứ hai là "
                "Sở Công Thương, đứng thứ ba là Sở Kế hoạch và Đầu tư.") == [
        ("Sở Giao thông Vận tải", "88,10", "1", ""), ("Sở Công Thương", "", "2", ""),
        ("Sở Kế hoạch và Đầu tư", "", "3", "")]


def test_ranks_handed_out_by_lan_luot():
    assert told("Văn phòng UBND tỉnh đứng đầu với 90,5 điểm; xếp thứ 2 và thứ 3 lần lượt là "
                "Sở Tư pháp, Sở Nội vụ.") == [
        ("Văn phòng UBND tỉnh", "90,5", "1", ""), ("Sở Tư pháp", "", "2", ""),
        ("Sở Nội vụ", "", "3", "")]


def test_scores_handed_out_by_lan_luot():
    assert told("Sở Y tế và Sở Tài chính đạt số điểm lần lượt là 87,61 và 86,70.") == [
        ("Sở Y tế", "87,61", "", ""), ("Sở Tài chính", "86,70", "", "")]


def test_a_band_shared_by_a_list_of_units():
    assert told("Sở Xây dựng, Sở Tư pháp và huyện Văn Chấn đạt loại tốt.") == [
        ("Sở Xây dựng", "", "", "tốt"), ("Sở Tư pháp", "", "", "tốt"),
        ("huyện Văn Chấn", "", "", "tốt")]


def test_a_narrated_order_continues_the_leader():
    leader = results_of("Cần Thơ dẫn đầu với 0,7012 điểm.")
    assert told("Theo sau là Quảng Ninh với 0,6514 điểm và Bắc Ninh với 0,6400 điểm.", leader) == [
        ("Quảng Ninh", "0,6514", "2", ""), ("Bắc Ninh", "0,6400", "3", "")]


def test_units_placed_after_and_before_a_subject():
    assert told("Ở chỉ số “ứng dụng CNTT”, Đà Nẵng xếp thứ 3 (0,85 điểm), sau Hà Nội "
                "(0,91 điểm), Hải Phòng (0,88 điểm).") == [
        ("Đà Nẵng", "0,85", "3", ""), ("Hà Nội", "0,91", "1", ""), ("Hải Phòng", "0,88", "2", "")]


def test_last_place_out_of_a_stated_total():
    assert told("Huyện Mường Lát đứng vị trí cuối bảng trong tổng số 27 huyện, thị xã.") == [
        ("Huyện Mường Lát", "", "27", "")]


def test_a_person_and_a_publisher_are_not_units():
    text = ("Theo công bố của Bộ Thông tin và Truyền thông, Bà Hồ Thu Ánh chủ trì cuộc họp; "
            "Bộ Nội vụ đã công bố kết quả, Sở Nội vụ đạt 80 điểm.")
    assert [m.name for m in units_in(text)] == ["Sở Nội vụ"]
    assert told(text) == [("Sở Nội vụ", "80", "", "")]


def test_a_threshold_is_not_a_score():
    assert told("1 cơ quan xếp loại khá với tỷ lệ điểm số dưới 80% gồm Sở Tài nguyên và Môi trường.") == [
        ("Sở Tài nguyên và Môi trường", "", "", "khá")]


@needs_excerpts
def test_the_real_prose_tables_are_recovered():
    """Every row of the excerpts' "(prose)" truth tables: a unit named with its total and
    rank where the truth has them (numbers compared as Decimal)."""
    found = missed = 0
    for path in sorted((EXCERPTS / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        doc = read_document(EXCERPTS / truth["file"], require_tables=False)
        rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
        for table in truth["tables"]:
            if not table["title"].rstrip().endswith("(prose)"):
                continue
            for want in table["rows"]:
                ok = any(_holds(row, want) for row in rows)
                found, missed = found + ok, missed + (not ok)
    assert found >= 31 and missed == 0


#: Ranked units a page names that its truth leaves out (026 also ranks banks and state
#: corporations: "Techcombank dẫn đầu …, Ngân hàng Chính sách xã hội đứng cuối"), read by hand.
RANKED_BEYOND_TRUTH = {"026": ["Ngân hàng TMCP Kỹ Thương Việt Nam", "Ngân hàng Chính sách xã hội",
                               "Tập đoàn Điện lực Việt Nam", "Tổng Công ty Lương thực miền Nam"]}


@needs_excerpts
def test_no_row_names_something_that_is_not_a_unit_of_the_truth():
    for path in sorted((EXCERPTS / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        doc = read_document(EXCERPTS / truth["file"], require_tables=False)
        names = [r["unit"] for t in truth["tables"] for r in t["rows"]]
        units = " | ".join(_key(u) for u in names + RANKED_BEYOND_TRUTH.get(path.stem[:3], []))
        for t in doc.tables:
            if not (t.title or "").endswith("(prose)"):
                continue
            for row in t.rows:
                name = _bare(row.cells[0].text)
                assert name in units or any(_bare(u) in name for u in units.split(" | ")), \
                    (truth["file"], row.cells[0].text)


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("tp.", "tp ").split())


def _bare(text: str) -> str:
    """The name without its kind of place: "Tỉnh Lâm Đồng" → "lâm đồng"."""
    key = _key(text)
    for word in ("tỉnh ", "tp ", "thành phố "):
        key = key[len(word):] if key.startswith(word) else key
    return key.strip()


def _number(text: str) -> Decimal | None:
    text = text.rstrip("%").replace(",", ".")
    try:
        return Decimal(text)
    except Exception:
        return None


def _holds(row: list[str], want: dict) -> bool:
    if _key(want["unit"]) not in _key(row[0]) and _key(row[0]) not in _key(want["unit"]):
        return False
    if want.get("total") is not None and _number(row[2]) != Decimal(str(want["total"])):
        return False
    rank = want.get("rank")
    return not isinstance(rank, int) or row[3] == str(rank)


# ---------------------------------------------------------------- phrasings of the excerpts,
# each on its real wording and on paraphrases (values worked out by hand)

def told_full(text: str, earlier=()):
    return [(r.unit, r.index, r.score, r.rank, r.change, r.values, r.year)
            for r in results_of(text, tuple(earlier))]


@pytest.mark.parametrize("text, want", [
    # excerpt 050 (PAR INDEX 2023 by region)
    ("Giá trị trung bình cao nhất là vùng Đồng bằng sông Hồng với kết quả đạt 88,33%, cao hơn 1,71% "
     "so với năm 2022 (86,62%); xếp vị trí thứ 2 là vùng Đông Nam Bộ, đạt 87,79%, cao hơn 3,05% so "
     "với năm 2022 (84,74%).",
     [("vùng Đồng bằng sông Hồng", "88,33%", "1"), ("vùng Đông Nam Bộ", "87,79%", "2")]),
    ("Xếp vị trí thứ 5 là vùng Tây Nguyên, đạt 84,10%; Đồng bằng sông Cửu Long xếp thứ 6 với 83,52%.",
     [("vùng Tây Nguyên", "84,10%", "5"), ("Đồng bằng sông Cửu Long", "83,52%", "6")]),
    ("Xếp vị trí thứ 4 là Bắc Trung Bộ và Duyên hải miền Trung, đạt 86,82%.",
     [("Bắc Trung Bộ và Duyên hải miền Trung", "86,82%", "4")]),
])
def test_regions_are_units(text, want):
    assert [(u, s, r) for u, _, s, r, *_ in told_full(text)] == want


def test_a_region_continues_the_narration():
    before = results_of("Xếp vị trí thứ 2 là vùng Đông Nam Bộ, đạt 87,79%.")
    assert told_full("Tiếp theo là Trung du miền núi phía Bắc, đạt 87,72%, cao hơn 2,72% so với "
                     "năm 2022 (85%).", before) == [
        ("Trung du miền núi phía Bắc", "", "87,72%", "3", "", "2,72%; 85%", "")]


@pytest.mark.parametrize("text, units, score", [
    # excerpt 043 (Bình Dương, web portals 2019)
    ("Theo đánh giá của Bộ, Cổng thông tin điện tử Bình Dương đạt điểm tối đa 100/100 điểm, nằm trong "
     "top 5 tỉnh, thành phố đạt điểm tối đa đồng xếp hạng nhất gồm: Bình Dương, An Giang, Thừa Thiên "
     "- Huế, TP.Hồ Chí Minh, Đà Nẵng.",
     ["Bình Dương", "An Giang", "Thừa Thiên - Huế", "TP.Hồ Chí Minh", "Đà Nẵng"], "100"),
    ("Ba huyện đạt điểm tuyệt đối 100/100 điểm, đồng hạng nhất gồm: huyện Lạc Dương, huyện Đam Rông, "
     "huyện Bảo Lâm.", ["huyện Lạc Dương", "huyện Đam Rông", "huyện Bảo Lâm"], "100"),
])
def test_co_leaders_with_the_maximum(text, units, score):
    rows = [(u, s, r) for u, _, s, r, *_ in told_full(text) if r]
    assert rows[-len(units):] == [(u, score, "1") for u in units]


@pytest.mark.parametrize("text, want", [
    ("Như vậy, từ vị trí xếp thứ 44 năm 2016, Cổng thông tin điện tử Bình Dương đã xuất sắc vươn lên "
     "vị trí hạng nhất năm 2017, vị trí hạng 5 năm 2018 và năm 2019 giành lại vị trí hạng nhất.",
     [("44", "2016"), ("1", "2017"), ("5", "2018"), ("1", "2019")]),
    ("Sở Tư pháp xếp thứ 12 năm 2021, vươn lên thứ 5 năm 2022 và năm 2023 đứng thứ 2.",
     [("12", "2021"), ("5", "2022"), ("2", "2023")]),
])
def test_one_units_place_in_several_years(text, want):
    rows = told_full(text)
    assert len({r[0] for r in rows}) == 1
    assert [(r[3], r[6]) for r in rows] == want


@pytest.mark.parametrize("text, earlier, want", [
    # excerpt 024 (Lâm Đồng, DTI 2021): the unit is the paragraph's subject
    ("Tỉnh Lâm Đồng xếp vị trí 20/63 với tổng điểm là 0,4626 điểm. Trong đó, xếp hạng chỉ số Xã hội số "
     "cấp tỉnh đứng vị trí thứ 10/63 với giá trị là 0,4950, tiếp đó chỉ số Kinh tế số xếp thứ 13/63 "
     "có giá trị 0,4794 và chỉ số Chính quyền số xếp thứ 14/63 có giá trị 0,5187.", (),
     [("Tỉnh Lâm Đồng", "", "0,4626", "20"), ("Tỉnh Lâm Đồng", "chỉ số Xã hội số", "0,4950", "10"),
      ("Tỉnh Lâm Đồng", "chỉ số Kinh tế số", "0,4794", "13"),
      ("Tỉnh Lâm Đồng", "chỉ số Chính quyền số", "0,5187", "14")]),
    # excerpt 026 (Đà Nẵng, ICT Index 2023): the unit named in the sentence
    ("Các chỉ số thành phần mà Đà Nẵng đạt được bao gồm: Chỉ số hạ tầng kỹ thuật với 0,7908 điểm "
     "(xếp thứ 2/63 tỉnh, thành phố), Chỉ số hạ tầng nhân lực với 0,7892 điểm (xếp thứ 2/63 tỉnh, "
     "thành phố), và đặc biệt là Chỉ số ứng dụng công nghệ thông tin với 0,9655 điểm, giúp Đà Nẵng "
     "dẫn đầu toàn quốc ở hạng mục này.", (),
     [("Đà Nẵng", "Chỉ số hạ tầng kỹ thuật", "0,7908", "2"),
      ("Đà Nẵng", "Chỉ số hạ tầng nhân lực", "0,7892", "2"),
      ("Đà Nẵng", "Chỉ số ứng dụng công nghệ thông tin", "0,9655", "1")]),
    ("Hà Tĩnh có chỉ số Hạ tầng số đạt 0,52 điểm (xếp thứ 15/63), chỉ số Nhân lực số đạt 0,41 điểm "
     "(xếp thứ 30/63).", (),
     [("Hà Tĩnh", "chỉ số Hạ tầng số", "0,52", "15"), ("Hà Tĩnh", "chỉ số Nhân lực số", "0,41", "30")]),
])
def test_one_units_place_in_several_indices(text, earlier, want):
    assert [(u, i, s, r) for u, i, s, r, *_ in told_full(text, earlier)] == want


@pytest.mark.parametrize("text, want", [
    # excerpt 022 (Hậu Giang, DTI 2022)
    ("Chi cục thuế đạt 234,77/245; Bảo hiểm xã hội đạt 236,57/245.",
     [("Chi cục thuế", "234,77", "", "/245"), ("Bảo hiểm xã hội", "236,57", "", "/245")]),
    ("huyện Châu Thành A về nhất, xếp loại xuất sắc với 328,64/thang điểm 360.",
     [("huyện Châu Thành A", "328,64", "1", "/360")]),
    ("Kho bạc Nhà nước tỉnh đạt 230,5/245 và xếp thứ 2 trong khối ngành dọc.",
     [("Kho bạc Nhà nước tỉnh", "230,5", "2", "/245")]),
])
def test_a_score_out_of_its_maximum_without_the_word_diem(text, want):
    assert [(u, s, r, v) for u, _, s, r, _, v, _ in told_full(text)] == want


def test_thu_tu_is_fourth_but_hang_tu_is_from():
    """Excerpt 017: "tụt hạng từ vị trí thứ 2, thứ 3 … xuống vị trí thứ 7 và 8"."""
    assert [(u, r, c) for u, _, _, r, c, _, _ in told_full(
        "Hai thành phố lớn là TP.Hồ Chí Minh và Hà Nội lần lượt tụt hạng từ vị trí thứ 2, thứ 3 của "
        "năm 2018 xuống vị trí thứ 7 và 8.")] == [("TP.Hồ Chí Minh", "7", "từ 2"), ("Hà Nội", "8", "từ 3")]
    assert told("Sở Nội vụ đứng thứ tư với 80,5 điểm.") == [("Sở Nội vụ", "80,5", "4", "")]


@pytest.mark.parametrize("text, want", [
    # excerpt 028 (ICT Index 2016): one score printed for two places
    ("Thành phố Hồ Chí Minh và Hà Nội lần lượt chiếm hai vị trí tiếp theo với số điểm gần bằng nhau "
     "(0.589 điểm)", [("Thành phố Hồ Chí Minh", "0.589", "2"), ("Hà Nội", "0.589", "3")]),
    ("Sở Y tế và Sở Tư pháp lần lượt xếp thứ 4 và 5 với số điểm ngang nhau (81,2 điểm).",
     [("Sở Y tế", "81,2", "4"), ("Sở Tư pháp", "81,2", "5")]),
])
def test_one_score_shared_by_a_respectively_list(text, want):
    leader = results_of("Đà Nẵng dẫn đầu cả nước với 0,84 điểm.")
    assert [(u, s, r) for u, _, s, r, *_ in told_full(text, leader)] == want


def test_the_index_a_paragraph_names_carries_to_its_next_sentence():
    rows = told_full("Ở lĩnh vực hạ tầng kỹ thuật CNTT, Đà Nẵng dẫn đầu cả nước với 0,84 điểm. Thành "
                     "phố Hồ Chí Minh và Hà Nội lần lượt chiếm hai vị trí tiếp theo.")
    assert {r[1] for r in rows} == {"hạ tầng kỹ thuật CNTT"}


def test_a_jump_keeps_the_place_left():
    assert told_full("Tiền Giang nhảy vọt 17 bậc, từ bậc 21 (năm 2015) lên bậc 4 cả nước (năm 2016).")[0][3:5] \
        == ("4", "nhảy vọt 17 bậc; từ 21")


def _read(tmp_path, text: str):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return [r.texts for t in read_document(path, require_tables=False).tables
            if t.title.endswith("(prose)") for r in t.rows]


def test_last_place_is_the_number_the_page_ranks(tmp_path):
    """Excerpt 011: "đứng cuối bảng là Sở Y tế" and "Trong số 19 cơ quan sở, ban, ngành" → 19;
    a page naming two sizes for departments leaves "cuối"."""
    page = ("Kết quả Chỉ số cải cách hành chính năm 2022 của tỉnh\n\n"
            "Văn phòng UBND tỉnh đứng đầu với 99,28%; đứng cuối bảng là Sở Y tế đạt tỷ lệ điểm 55,27%.\n\n"
            "Trong số 19 cơ quan sở, ban, ngành tỉnh, có 17 cơ quan xếp loại tốt.\n")
    assert [r[0] + " " + r[3] for r in _read(tmp_path, page)] == ["Văn phòng UBND tỉnh 1", "Sở Y tế 19"]
    two = page + "\nTrong số 20 sở, ngành năm trước, có 15 sở xếp loại tốt.\n"
    assert [r[3] for r in _read(tmp_path, two)] == ["1", "cuối"]


def test_a_headline_repeating_the_body_is_one_row(tmp_path):
    """Excerpt 003: the headline "Sở TT&TT và huyện Lập Thạch dẫn đầu …" beside the body."""
    page = ("Sở TT&TT và huyện Lập Thạch dẫn đầu về xây dựng chính quyền điện tử\n\n"
            "Khối sở, ngành: Sở TT&TT đứng đầu, xếp thứ 2 là Sở Tài chính.\n\n"
            "Đối với khối huyện, UBND huyện Lập Thạch xếp hạng 1 với 112,3/138 điểm.\n")
    assert [(r[0], r[3]) for r in _read(tmp_path, page)] == [
        ("Sở TT&TT", "1"), ("Sở Tài chính", "2"), ("UBND huyện Lập Thạch", "1")]


@pytest.mark.parametrize("text, want", [
    # excerpt 022 (Hậu Giang, DTI 2022)
    ("Sở Thông tin và Truyền thông (236,06 điểm); Sở Nông nghiệp và Phát triển nông thôn (222,56 "
     "điểm); Sở Nội vụ (222,36 điểm), Sở Khoa học và Công nghệ (223,02 điểm) cùng được xếp hạng xuất sắc.",
     [("Sở Thông tin và Truyền thông", "236,06", "xuất sắc"),
      ("Sở Nông nghiệp và Phát triển nông thôn", "222,56", "xuất sắc"),
      ("Sở Nội vụ", "222,36", "xuất sắc"), ("Sở Khoa học và Công nghệ", "223,02", "xuất sắc")]),
    ("Huyện Yên Lạc (91,5 điểm) và huyện Tam Đảo (90,2 điểm) cùng xếp loại tốt; Sở Y tế (70 điểm) "
     "xếp loại khá.",
     [("Huyện Yên Lạc", "91,5", "tốt"), ("huyện Tam Đảo", "90,2", "tốt"), ("Sở Y tế", "70", "khá")]),
])
def test_a_band_taken_together(text, want):
    assert [(r.unit, r.score, r.band) for r in results_of(text)] == want


def test_a_threshold_is_not_a_figure_beside_the_result():
    """Excerpt 011: "1 cơ quan xếp loại khá … dưới 80% gồm Sở Tài nguyên và Môi trường, 1 cơ quan
    xếp loại kém với tỷ lệ điểm số dưới 60%": neither 80% nor 60% is the unit's."""
    (r,) = results_of("1 cơ quan xếp loại khá với tỷ lệ điểm số đạt dưới 80% gồm Sở Tài nguyên và "
                      "Môi trường, 1 cơ quan xếp loại kém với tỷ lệ điểm số dưới 60%.")
    assert (r.unit, r.score, r.band, r.values) == ("Sở Tài nguyên và Môi trường", "", "khá", "")


@pytest.mark.parametrize("text, want", [
    # excerpt 028 (ICT Index 2016)
    ("Với tổng điểm 0,83, Đà Nẵng vượt xa hai thành phố xếp hạng hai là Hà Nội (0,67 điểm – tăng 1 "
     "hạng so với năm 2015) và thành phố Hồ Chí Minh (0,65 điểm – giảm 1 hạng so với năm 2015).",
     [("Đà Nẵng", "0,83", "1"), ("Hà Nội", "0,67", "2"), ("thành phố Hồ Chí Minh", "0,65", "")]),
    ("Với 92,4 điểm, Sở Tư pháp vượt qua Sở Nội vụ (xếp thứ 3 với 90,1 điểm).",
     [("Sở Tư pháp", "92,4", "2"), ("Sở Nội vụ", "90,1", "3")]),
])
def test_a_unit_placed_just_ahead_of_the_one_it_passes(text, want):
    assert [(u, s, r) for u, _, s, r, *_ in told_full(text)] == want


@pytest.mark.parametrize("text, want", [
    ("Năm 2023, tỉnh Quảng Ninh tiếp tục giữ vị trí quán quân PAR Index với 91,62%, Hải Phòng xếp "
     "thứ 2 với 90,52%, Bắc Ninh thứ 3 đạt 89,74%.",
     [("tỉnh Quảng Ninh", "91,62%", "1"), ("Hải Phòng", "90,52%", "2"), ("Bắc Ninh", "89,74%", "3")]),
    ("Ba đơn vị dẫn đầu lần lượt là Sở Tư pháp (95,5 điểm), Sở Nội vụ (94,2 điểm) và Sở Tài chính "
     "(93,1 điểm).",
     [("Sở Tư pháp", "95,5", "1"), ("Sở Nội vụ", "94,2", "2"), ("Sở Tài chính", "93,1", "3")]),
    ("Sở Tư pháp, Sở Nội vụ và Sở Tài chính lần lượt đạt 95,5 điểm, 94,2 điểm và 93,1 điểm, xếp thứ "
     "nhất, nhì, ba.",
     [("Sở Tư pháp", "95,5", "1"), ("Sở Nội vụ", "94,2", "2"), ("Sở Tài chính", "93,1", "3")]),
    ("Hạng 1: Sở Tư pháp - 95,5 điểm; Hạng 2: Sở Nội vụ – 94,2 điểm.",
     [("Sở Tư pháp", "95,5", "1"), ("Sở Nội vụ", "94,2", "2")]),
    ("Sở Lao động - Thương binh và Xã hội đạt 90 điểm, xếp thứ 3.",
     [("Sở Lao động - Thương binh và Xã hội", "90", "3")]),
])
def test_other_provinces_wordings_of_a_ranking(text, want):
    assert [(r.unit, r.score, r.rank) for r in results_of(text)] == want
