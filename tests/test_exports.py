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
    assert (cell.value, sheet.cell(row=18, column=2).value) == ("9", "Sở Tư pháp")
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
