"""Exports open where their users open them: CSV and Parquet in pandas, the
workbook in openpyxl with the flagged cells highlighted and commented; the
library loader; the rubric comparison (table, CSV, workbook sheet)."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import xephang
from conftest import SEEDS
from test_build import seed_corpus
from xephang.corpus.build import build
from xephang.outputs.rubrics import compare_files

XEPHANG = [str(Path(sys.executable).with_name("xephang"))]
KEY_000 = f"documents/{SEEDS['000'].name}"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("db")
    build(seed_corpus(tmp / "corpus"), tmp / "xephang.sqlite")
    return tmp / "xephang.sqlite"


def export(db: Path, fmt: str, out: Path) -> list[str]:
    result = subprocess.run(XEPHANG + ["export", "--format", fmt, "--db", str(db), "-o", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_load_gives_the_panel_findings_and_rubrics(db):
    ds = xephang.load(db)
    assert len(ds.panel) == ds.documents["n_scores"].sum() > 1600
    assert {type(v) for v in ds.panel["score"].dropna()} == {Decimal}
    top = ds.panel[(ds.panel.document == f"documents/{SEEDS['002'].name}")
                   & (ds.panel.table_index == 0) & (ds.panel.row_index == 0)].iloc[0]
    assert (top.score_printed, top.score, top["rank"]) == ("83,8", Decimal("83.8"), 1)
    assert len(ds.findings) == ds.documents["n_findings"].sum() > 0
    assert set(ds.rubrics.document.str[10:13]) == {"001", "004"}


def test_csv_and_parquet_open_in_pandas_with_every_row(db, tmp_path):
    ds = xephang.load(db)
    export(db, "csv", tmp_path)
    export(db, "parquet", tmp_path)
    for fmt, read in (("csv", pd.read_csv), ("parquet", pd.read_parquet)):
        panel = read(tmp_path / f"panel.{fmt}")
        findings = read(tmp_path / f"findings.{fmt}")
        assert len(panel) == len(ds.panel) and len(findings) == len(ds.findings)
        assert list(panel.columns[:14]) == ["province", "evaluation_year", "level", "unit_id",
                                           "unit_printed", "category", "criterion",
                                           "score_printed", "score", "max_points", "rank",
                                           "document", "page", "line"]
        assert set(findings.severity) == set(ds.findings.severity)
    csv_panel = pd.read_csv(tmp_path / "panel.csv", dtype={"score": str, "score_printed": str})
    assert (csv_panel.score.dropna().map(Decimal) == ds.panel.score.dropna().values).all()
    parquet = pd.read_parquet(tmp_path / "panel.parquet")
    assert parquet.score.dropna().map(Decimal).tolist() == ds.panel.score.dropna().tolist()


def test_json_keeps_exact_decimals_as_text(db, tmp_path):
    export(db, "json", tmp_path)
    panel = json.loads((tmp_path / "panel.json").read_text(encoding="utf-8"))
    row = next(r for r in panel if r["score_printed"] == "83,8")
    assert row["score"] == "83.8" and row["province"] == "Sơn La"


def test_the_workbook_highlights_and_comments_the_flagged_cells(db, tmp_path):
    (path,) = export(db, "xlsx", tmp_path)
    book = openpyxl.load_workbook(path)
    ds = xephang.load(db)
    tables = ds.table("tables")
    assert book.sheetnames[:3] == ["findings", "rubrics", "tables"]
    assert len(book.sheetnames) == 3 + len(tables)
    findings = book["findings"]
    assert findings.max_row == 1 + len(ds.findings)
    # Seed 000, table 2 (IT applications), Sở Tư pháp: the 9 in column (11) should be a 2.
    index = {(r[1].value, r[2].value): r[0].value for r in book["tables"].iter_rows(min_row=2)}
    sheet = book[index[(KEY_000, 2)]]
    assert [c.value for c in sheet[1]][:2] == ["TT", "Đơn vị"]
    cell = sheet.cell(row=2 + 16, column=1 + 10)
    assert (cell.value, sheet.cell(row=18, column=2).value) == (9, "Sở Tư pháp")
    assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert "error: " in cell.comment.text and "Likely correction: the 9 in column (11) is " \
        "probably a 2" in cell.comment.text
    unflagged = sheet.cell(row=18, column=1 + 9)
    assert unflagged.comment is None and unflagged.fill.fill_type is None


def test_every_located_finding_is_on_a_highlighted_cell(db, tmp_path):
    (path,) = export(db, "xlsx", tmp_path)
    book = openpyxl.load_workbook(path)
    commented = sum(1 for name in book.sheetnames[3:] for row in book[name].iter_rows()
                    for c in row if c.comment is not None and c.fill.fill_type == "solid")
    ds = xephang.load(db)
    located = ds.findings.dropna(subset=["table_index", "row_index"])
    cells = {(f.document, f.table_index, f.row_index, f.col_index if pd.notna(f.col_index)
              else f.column_label) for f in located.itertuples()}
    assert 0 < commented <= len(cells)


def test_rubrics_compare_aligns_quang_binh_with_hoa_binh(tmp_path):
    cmp = compare_files([SEEDS["001"], SEEDS["004"]])
    assert cmp.rubrics[0].startswith("Quảng Bình 3270/QĐ-UBND")
    assert all(r.startswith("Hòa Bình 1153/QĐ-UBND") for r in cmp.rubrics[1:])
    frame = cmp.frame
    qb = cmp.rubrics[0]
    # Every criterion of both rubrics is on exactly one line.
    assert frame[f"{qb} id"].notna().sum() == 53
    # The DTI pillar "An toàn thông tin mạng" is in every Hòa Bình rubric and lacking in Quảng Bình's.
    line = frame[frame.criterion == "An toàn thông tin mạng"].iloc[0]
    assert pd.isna(line[f"{qb} id"]) and qb in line["missing_from"]
    assert line[f"{cmp.rubrics[1]} max"] == "100"
    result = subprocess.run(XEPHANG + ["rubrics", "compare", str(SEEDS["001"]), str(SEEDS["004"]),
                                       "--format", "csv"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("category,criterion,depth,")
    out = tmp_path / "r.xlsx"
    subprocess.run(XEPHANG + ["rubrics", "compare", str(SEEDS["001"]), str(SEEDS["004"]),
                              "--format", "xlsx", "-o", str(out)], check=True, timeout=120)
    sheet = openpyxl.load_workbook(out)["rubrics"]
    assert sheet.max_row == 2 + len(frame)


# ---------------------------------------------------------------- typed exports

GOLDEN_002 = Path(__file__).parent / "golden" / "002_ce60eac99dcc391f.expected.json"
KEY_002 = f"documents/{SEEDS['002'].name}"


def printed_totals_002() -> list[Decimal]:
    """The "Tổng điểm" column of seed 002's first table, from its hand-verified golden file
    (decimal comma read by hand)."""
    table = json.loads(GOLDEN_002.read_text(encoding="utf-8"))["tables"][0]
    c = [col["role"] for col in table["columns"]].index("total")
    return [Decimal(r["cells"][c].replace(",", ".")) for r in table["rows"]]


def test_workbook_scores_are_numbers_that_sum(db, tmp_path):
    (path,) = export(db, "xlsx", tmp_path)
    book = openpyxl.load_workbook(path)
    index = {(r[1].value, r[2].value): r[0].value for r in book["tables"].iter_rows(min_row=2)}
    sheet = book[index[(KEY_002, 0)]]
    labels = [c.value for c in sheet[1]]
    column = [row[labels.index("Tổng điểm")] for row in sheet.iter_rows(min_row=2)]
    totals = printed_totals_002()
    assert len(column) == len(totals) == 18
    assert all(isinstance(c.value, (int, float)) for c in column)
    assert {c.number_format for c in column} == {"0.0"}          # printed with one decimal
    assert round(sum(Decimal(str(c.value)) for c in column), 1) == sum(totals)
    ranks = [row[labels.index("Xếp hạng 2017")].value for row in sheet.iter_rows(min_row=2)]
    assert ranks[:3] == [1, 2, 3] and all(isinstance(r, int) for r in ranks)
    assert [row[1].value for row in sheet.iter_rows(min_row=2)][0] == "Sở Thông tin và Truyền thông"


def test_sql_averages_the_numeric_score_column(db):
    import sqlite3

    totals = printed_totals_002()
    con = sqlite3.connect(db)
    avg, n = con.execute("SELECT avg(score_value), count(*) FROM scores WHERE document = ? "
                         "AND table_index = 0 AND role = 'total'", (KEY_002,)).fetchone()
    assert n == len(totals)
    assert Decimal(str(avg)).quantize(Decimal("0.0001")) == \
        (sum(totals) / len(totals)).quantize(Decimal("0.0001"))
    printed, exact, value = con.execute(
        "SELECT score_printed, score, score_value FROM scores WHERE document = ? AND "
        "table_index = 0 AND row_index = 0 AND role = 'total'", (KEY_002,)).fetchone()
    assert (printed, exact, value) == ("83,8", "83.8", 83.8)


def test_parquet_keeps_decimals_and_types_every_column(db, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    export(db, "parquet", tmp_path)
    schema = pq.read_schema(tmp_path / "panel.parquet")
    assert pa.types.is_decimal(schema.field("score").type)
    assert pa.types.is_decimal(schema.field("max_points").type)
    assert not [f.name for f in schema if pa.types.is_null(f.type)]
