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
