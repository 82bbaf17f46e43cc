"""The `xephang` command: thin — it parses options and calls the stages.

Data goes to stdout, progress and errors to stderr.  Exit 0 clean, 1 findings
of severity error, 2 bad usage or unreadable input.
"""
from __future__ import annotations

import functools
import json
import sys
import traceback
from pathlib import Path

import click

from .extract.errors import XephangError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# ---------------------------------------------------------------- shared options

def verbosity(fn):
    fn = click.option("-q", "--quiet", is_flag=True, help="No progress bar or warnings.")(fn)
    fn = click.option("-v", "--verbose", is_flag=True, help="Full traceback on errors.")(fn)
    return fn


def fmt_option(*choices: str, default: str | None = None):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default or choices[0],
                        show_default=True, help="Output format.")


def paths_argument(fn):
    return click.argument("paths", nargs=-1, required=True,
                          type=click.Path(exists=True, dir_okay=False, path_type=Path))(fn)


class Run:
    """One command run over many files: progress on stderr, one-line errors,
    and the exit status they add up to. One bad file never stops the others."""

    def __init__(self, paths, *, quiet: bool, verbose: bool):
        self.paths, self.quiet, self.verbose = list(paths), quiet, verbose
        self.status = 0

    def __iter__(self):
        show = not self.quiet and len(self.paths) > 3 and sys.stderr.isatty()
        if show:
            from tqdm import tqdm
            yield from tqdm(self.paths, file=sys.stderr, unit="doc", desc="xephang")
        else:
            yield from self.paths

    def fail(self, err: Exception) -> None:
        self.status = max(self.status, 2)
        if isinstance(err, XephangError):
            click.echo(f"error: {err}", err=True)
        else:
            click.echo(f"error: {type(err).__name__}: {err}", err=True)
        if self.verbose:
            traceback.print_exception(err, file=sys.stderr)

    def warn(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"warning: {message}", err=True)


def guarded(fn):
    """Caller mistakes and unexpected failures become one line and exit 2."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except XephangError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(err.exit_code)
    return wrapper


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="xephang")
def cli():
    """xephang — score and rubric tables out of Vietnamese ranking decisions,
    checked: every total, rank and maximum recomputed.

    \b
    Example:
      xephang extract corpus/documents/000_4077041e69013ab5.txt --format table
      xephang check corpus/documents/*.txt
    """


# ---------------------------------------------------------------- extract

@cli.command(context_settings=CONTEXT)
@paths_argument
@fmt_option("json", "csv", "table")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write one file per input (per table for csv) into this folder instead of stdout.")
@verbosity
def extract(paths, fmt, out_dir, quiet, verbose):
    """Extract every score and rubric table, with each cell as printed.

    JSON prints one object per input file, one per line (see docs/json-contract.md).

    \b
    Example:
      xephang extract corpus/documents/002_ce60eac99dcc391f.txt --format table
      xephang extract page.html decision.pdf --format json -o out/
    """
    from .extract import defects, read_document
    from .outputs import writers

    run = Run(paths, quiet=quiet, verbose=verbose)
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    for path in run:
        try:
            doc = read_document(path)
        except XephangError as err:
            run.fail(err)
            continue
        writers.write_document(doc, fmt, out_dir, stem=path.stem)
        for problem in defects(doc):
            run.fail(problem)
    sys.exit(run.status)


def main():  # the console-script entry point
    cli(prog_name="xephang")


if __name__ == "__main__":  # pragma: no cover
    main()
