"""Write docs/cli.md from the commands' own --help (tests/test_docs.py checks it is current).

    .venv/bin/python scripts/make_cli_docs.py
"""
from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from xephang.cli import cli

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name in sorted(group.commands):
        cmd = group.commands[name]
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from commands(cmd, prefix + (name,))


def render() -> str:
    runner = CliRunner()
    parts = ["# Command-line reference\n",
             "Generated from `xephang … --help` by `scripts/make_cli_docs.py`; do not edit by hand.\n"]
    for words, _ in [((), cli)] + list(commands(cli)):
        result = runner.invoke(cli, list(words) + ["--help"], prog_name="xephang")
        title = " ".join(("xephang",) + words)
        parts.append(f"## {title}\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC.relative_to(DOC.parent.parent)}")
