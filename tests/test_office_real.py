"""The real Word documents of ``../shared/real`` (001, 017, 020) against their
hand-verified truth: each truth row's unit is named by one extracted row that holds
its total and every one of its values (numbers compared as Decimal, "141,6" = 141.6).

Skipped when the folder is absent (it is not part of the project)."""
from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from xephang.extract import read_document

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
pytestmark = pytest.mark.skipif(not (REAL / "truth").is_dir(),
                                reason="the real documents (../shared/real) are not here")
WORD = ("001", "017", "020")
TARGET = Decimal("0.98")
_NUMBER = re.compile(r"\d+(?:[.,]\s?\d+)*")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = re.sub(r"[\u2010-\u2015-]+", "-", text)
    return " ".join(re.sub(r"\s*-\s*", " - ", text).split())


def numbers_in(text: str) -> set[Decimal]:
    """Every number a printed cell can mean: "82,78" → 82.78, "90.91" → 90.91, "9,49/9,5"
    → 9.49 and 9.5, "1.000" → 1000 and 1.000, "17, 66" → 17.66."""
    out: set[Decimal] = set()
    for token in _NUMBER.findall(text or ""):
        token = token.replace(" ", "")
        for reading in (token.replace(".", "").replace(",", "."), token.replace(",", "")):
            try:
                out.add(Decimal(reading))
            except InvalidOperation:
                pass
    return out


def truth_rows(key: str) -> list[tuple[str, list[Decimal]]]:
    (path,) = (REAL / "truth").glob(f"{key}_*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for table in data["tables"]:
        for row in table["rows"]:
            name = row.get("component") or row["unit"]
            wanted = [Decimal(str(v)) for v in row.get("values", {}).values() if v is not None]
            if row.get("total") is not None:
                wanted.append(Decimal(str(row["total"])))
            out.append((name, wanted))
    return out


def extracted_rows(key: str) -> list[tuple[str, set[Decimal]]]:
    (path,) = REAL.glob(f"{key}_*.docx")
    doc = read_document(path)
    out = []
    for table in doc.tables:
        for row in table.rows:
            nums: set[Decimal] = set()
            for cell in row.cells:
                nums |= numbers_in(cell.text)
            out.append((fold(" ".join(row.texts)), nums))
    return out


def read_share(key: str) -> tuple[int, int, list[str]]:
    rows = extracted_rows(key)
    missed = []
    truth = truth_rows(key)
    for name, wanted in truth:
        key_name = fold(name)
        if not any(re.search(r"(^|\s)" + re.escape(key_name) + r"($|\s|,|\.)", text)
                   and all(v in nums for v in wanted) for text, nums in rows):
            missed.append(name)
    return len(truth) - len(missed), len(truth), missed


@pytest.mark.parametrize("key", WORD)
def test_word_rows_read(key):
    read, total, missed = read_share(key)
    assert total > 0
    assert Decimal(read) / Decimal(total) >= TARGET, f"{key}: {read}/{total} read; missed {missed[:5]}"


def test_two_row_headers_are_one_header():
    """017's PAR INDEX table and 020's online-services table print a two-row merged header;
    each data column reads its own label, under its group."""
    (p017,) = REAL.glob("017_*.docx")
    par = read_document(p017).tables[0]
    assert [c.label for c in par.columns[:5]] == ["STT", "Nội dung", "Điểm số", "Chỉ số", "Thứ hạng"]
    assert [c.group for c in par.columns[2:11]] == ["Lâm Đồng"] * 3 + ["Đắk Nông"] * 3 + ["Bình Thuận"] * 3
    assert par.rows[0].texts[:5] == ["1", "Công tác chỉ đạo, điều hành", "9,49/ 9,5", "99,9%", "12/63"]
    (p020,) = REAL.glob("020_*.docx")
    online = next(t for t in read_document(p020).tables if len(t.columns) == 16)
    assert online.columns[2].group == "Tổng điểm (22 điểm)"
    assert online.columns[4].group == "Dịch vụ công trực tuyến"
    assert online.columns[15].group == "Thanh toán trực tuyến"
    assert online.columns[1].role == "unit"
    assert online.rows[0].texts[:4] == ["1", "Ban Quản lý các khu công nghiệp", "90.91", "20"]


def test_word_metadata():
    for key in WORD:
        (path,) = REAL.glob(f"{key}_*.docx")
        meta = read_document(path).meta
        assert meta.province == "Lâm Đồng"
        assert meta.number is None          # drafts: "Số:   /QĐ-UBND", the number left blank
