"""`xephang match`: arguments or stdin, JSON lines or a table, the contract's fields."""
import json

from click.testing import CliRunner

from xephang.cli import cli


def _run(args, stdin=None):
    return CliRunner().invoke(cli, ["match", *args], input=stdin)


def test_json_line_per_name_with_the_contract_fields():
    res = _run(["Sở KH&ĐT", "UBND huyện Lạc Sơn", "Số: 2631/QĐ-UBND",
                "--province", "Hòa Bình", "--year", "2017"])
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [list(r) for r in rows] == [["input", "status", "id", "name", "level", "province", "score",
                                        "method", "candidates", "flags", "current"]] * 3
    assert [(r["status"], r["id"]) for r in rows] == [
        ("matched", "hoa-binh/dept:ke-hoach-dau-tu"),
        ("matched", "hoa-binh/district:huyen-lac-son"),
        ("unknown", None)]
    assert set(rows[0]["candidates"][0]) == {"id", "name", "score"}


def test_names_from_stdin_and_table_format():
    res = _run(["--province", "son-la", "--year", "2017", "--level", "district",
                "--format", "table"], stdin="Sở Văn hóa Ththao và Du lịch\n\nMộc Châu\n")
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0].split() == ["input", "status", "id", "score", "method"]
    assert "son-la/dept:van-hoa-the-thao-du-lich" in lines[1] and "dropped-letters" in lines[1]
    assert "son-la/district:thi-xa-moc-chau" in lines[2]
    assert len(lines) == 3


def test_dash_reads_stdin():
    res = _run(["-", "--province", "yen-bai", "--year", "2018"], stdin="Sở Ngoại vụ\n")
    assert json.loads(res.stdout)["id"] == "yen-bai/dept:ngoai-vu"


def test_unknown_province_is_bad_usage():
    res = _run(["Sở Y tế", "--province", "Atlantis"])
    assert res.exit_code == 2
    assert res.stderr.strip().startswith("error: --province: unknown province 'Atlantis'")


def test_help_has_an_example():
    res = _run(["--help"])
    assert res.exit_code == 0 and "Example:" in res.stdout and "--province" in res.stdout
