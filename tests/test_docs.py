"""The docs are tested: every command has help with an example, and docs/cli.md is current."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from click.testing import CliRunner

from xephang.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("make_cli_docs", ROOT / "scripts" / "make_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_command_has_help_with_an_example():
    gen = _generator()
    runner = CliRunner()
    for words, _ in gen.commands(cli):
        result = runner.invoke(cli, list(words) + ["--help"])
        assert result.exit_code == 0, words
        assert "Example" in result.output, f"xephang {' '.join(words)} --help has no example"


def test_cli_reference_is_current():
    expected = _generator().render()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is stale: run scripts/make_cli_docs.py"


def test_readme_shows_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


# -- docs/matching.md: "a province's rank over the years" runs on a built panel -----

#: Two national rankings written in their real form (a ministry's decision and its table);
#: Hòa Bình and Vĩnh Phúc were merged into Phú Thọ on 2025-07-01, Đà Nẵng was not.
RANKINGS = {
    2020: [("TP. Đà Nẵng", "0,8012", 1), ("Hòa Bình", "0,5120", 2), ("Vĩnh Phúc", "0,4950", 3),
           ("Phú Thọ", "0,4011", 4)],
    2021: [("Vĩnh Phúc", "0,6512", 1), ("TP. Đà Nẵng", "0,6233", 2), ("Phú Thọ", "0,5562", 3),
           ("Hoà Bình", "0,4416", 4)],
}


def _ranking(year: int, rows) -> str:
    body = "".join(f"<tr><td>{i}</td><td>{name}</td><td>{score}</td><td>{rank}</td></tr>"
                   for i, (name, score, rank) in enumerate(rows, 1))
    return ("<html><body><p>BỘ THÔNG TIN VÀ TRUYỀN THÔNG</p>"
            f"<p>Số: {year - 1500}/QĐ-BTTTT</p><p>Hà Nội, ngày 20 tháng 8 năm {year + 1}</p>"
            "<p>QUYẾT ĐỊNH</p>"
            f"<p>Về việc công bố kết quả xếp hạng Chỉ số ICT Index năm {year}</p>"
            "<table><tr><th>STT</th><th>Tỉnh, thành phố</th><th>Điểm</th><th>Xếp hạng</th></tr>"
            f"{body}</table></body></html>")


def _example(doc: str, heading: str) -> str:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_rank_over_the_years_example_runs(tmp_path, capsys):
    from xephang.corpus.build import build
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for year, rows in RANKINGS.items():
        (corpus / f"ict-{year}.html").write_text(_ranking(year, rows), encoding="utf-8")
    db = tmp_path / "panel.sqlite"
    build(corpus, db)
    code = _example("matching.md", "### A province's rank over the years")
    assert '"out/xephang.sqlite"' in code
    names: dict = {}
    exec(compile(code.replace('"out/xephang.sqlite"', repr(str(db))), "matching.md", "exec"), names)
    hoa_binh = names["hoa_binh"]
    assert list(zip(hoa_binh["evaluation_year"], hoa_binh["rank"])) == [(2020, 2), (2021, 4)]
    assert list(hoa_binh["unit_printed"]) == ["Hòa Bình", "Hoà Bình"]
    today = names["phu_tho_today"]
    assert sorted(set(today["unit_id"])) == ["hoa-binh", "phu-tho", "vinh-phuc"]   # not Đà Nẵng
    table = today.pivot_table(index="evaluation_year", columns="unit_id", values="rank", aggfunc="min")
    assert table.loc[2021].to_dict() == {"hoa-binh": 4, "phu-tho": 3, "vinh-phuc": 1}
    assert "2021" in capsys.readouterr().out
