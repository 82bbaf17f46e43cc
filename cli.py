"""The `xephang` command: thin — it parses options and calls the stages.

Data goes to stdout, progress, warnings and errors to stderr.  Exit 0 clean,
1 findings of severity error, 2 a caller's mistake or an unreadable or
unwritable path (one line naming it), 3 an internal error (one line; `-v`
gives the traceback).  One exception hook, `Xephang.main`/`Xephang.invoke`,
turns every failure into that one line.
"""
from __future__ import annotations

import json
import sqlite3
import sys
import traceback
from pathlib import Path

import click

from .extract.errors import UsageError, XephangError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
INTERNAL = 3


# ---------------------------------------------------------------- the exception hook

def one_line(err: BaseException) -> tuple[str, int]:
    """The message and exit status an exception ends the command with."""
    if isinstance(err, XephangError):
        return f"error: {err}", err.exit_code
    if isinstance(err, OSError) and (err.filename or err.strerror):
        name = err.filename if err.filename is not None else "?"
        return f"error: {name}: {(err.strerror or str(err)).lower()}", 2
    if isinstance(err, sqlite3.OperationalError) and "unable to open" in str(err):
        return f"error: the database cannot be opened: {err}", 2
    name = type(err).__name__
    return (f"internal error: {name}: {str(err).splitlines()[0] if str(err) else name} "
            f"(a bug in xephang; run again with -v for the traceback)", INTERNAL)


def _quiet_stdout() -> None:
    import os
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def writable_db(db: Path) -> Path:
    """*db* can be created or opened for writing, or a one-line error naming it."""
    import sqlite3 as sq
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        sq.connect(db).close()
    except (OSError, sq.Error) as err:
        raise UsageError(str(db), f"cannot create or open the database here "
                                  f"({getattr(err, 'strerror', None) or err})") from None
    return db


class Xephang(click.Group):
    """The command group with the one exception hook (csvkit's manner): click's own usage
    errors shortened to one line, xephang's errors and OS errors on paths one line and
    exit 2, anything else one line and exit 3 (the traceback with -v)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:                  # `xephang … | head`: the reader left
            _quiet_stdout()
            ctx.exit(0)
        except Exception as err:  # noqa: BLE001 — the hook: every failure becomes one line
            message, code = one_line(err)
            click.echo(message, err=True)
            if ctx.meta.get("xephang.verbose"):
                traceback.print_exception(err, file=sys.stderr)
            ctx.exit(code)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            click.echo("error: aborted", err=True)
            code = 1
        except click.ClickException as err:
            where = f"{err.ctx.command_path}: " if getattr(err, "ctx", None) else ""
            hint = f" (see '{err.ctx.command_path} -h')" if isinstance(err, click.UsageError) \
                and getattr(err, "ctx", None) else ""
            click.echo(f"error: {where}{err.format_message()}{hint}", err=True)
            code = err.exit_code
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


# ---------------------------------------------------------------- shared options

def _remember(key: str):
    def callback(ctx: click.Context, _param, value):
        if value:
            ctx.meta[key] = True
        return ctx.meta.get(key, False)
    return callback


def verbosity(fn):
    """-q and -v, the same on every command (and accepted before the command too)."""
    fn = click.option("-q", "--quiet", is_flag=True, callback=_remember("xephang.quiet"),
                      help="No progress bar and no warnings on stderr.")(fn)
    fn = click.option("-v", "--verbose", is_flag=True, callback=_remember("xephang.verbose"),
                      help="The full traceback with an error.")(fn)
    return fn


def fmt_option(*choices: str, default: str | None = None):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default or choices[0],
                        show_default=True, help="Output format.")


def paths_argument(fn):
    return click.argument("paths", nargs=-1, required=True,
                          type=click.Path(exists=True, dir_okay=False, path_type=Path))(fn)


def progress_shown(quiet: bool, count: int) -> bool:
    """A progress bar only for many files, only on a terminal, never with -q."""
    return not quiet and count > 3 and sys.stderr.isatty()


class Run:
    """One command run over many files: progress on stderr, one-line errors,
    and the exit status they add up to. One bad file never stops the others."""

    def __init__(self, paths, *, quiet: bool, verbose: bool):
        self.paths, self.quiet, self.verbose = list(paths), quiet, verbose
        self.status = 0

    def __iter__(self):
        if progress_shown(self.quiet, len(self.paths)):
            from tqdm import tqdm
            yield from tqdm(self.paths, file=sys.stderr, unit="doc", desc="xephang")
        else:
            yield from self.paths

    def fail(self, err: Exception, path: Path | None = None) -> None:
        """Record one file's failure: a xephang error as its line, anything else as an
        internal error naming the file; the run goes on."""
        message, code = one_line(err)
        if code == INTERNAL and path is not None:
            message = message.replace("internal error: ", f"internal error: {path}: ", 1)
        self.status = max(self.status, code)
        click.echo(message, err=True)
        if self.verbose:
            traceback.print_exception(err, file=sys.stderr)

    def warn(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"warning: {message}", err=True)

    def notices(self, doc) -> None:
        """The document's warnings about its reading, one line each (none with -q)."""
        for notice in doc.notices:
            where = notice.located()
            if not where or notice.message.startswith(where.split()[0]):
                where = ""                  # the message names its pages itself
            self.warn(f"{doc.source.path}: {where + ': ' if where else ''}{notice.message} "
                      f"[{notice.slug}]")


@click.group(cls=Xephang, context_settings=CONTEXT)
@click.version_option(package_name="xephang")
@verbosity
def cli(quiet, verbose):
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
        except Exception as err:  # noqa: BLE001 — one bad file never stops the others
            run.fail(err, path)
            continue
        run.notices(doc)
        writers.write_document(doc, fmt, out_dir, stem=path.stem)
        for problem in defects(doc):
            run.fail(problem)
    sys.exit(run.status)


# ---------------------------------------------------------------- dataset: add, build, export, report

DEFAULT_DB = Path("out/xephang.sqlite")


def db_option(fn):
    return click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path),
                        default=DEFAULT_DB, show_default=True,
                        help="The SQLite dataset.")(fn)


@cli.command(context_settings=CONTEXT)
@paths_argument
@click.option("--url", default="", help="Where the document(s) were published.")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("corpus"), show_default=True,
              help="The corpus folder to add to (created when missing).")
@click.option("--force", is_flag=True, help="Add a document even when no table is found in it.")
@verbosity
def add(paths, url, corpus_dir, force, quiet, verbose):
    """Read each document, then copy it into your corpus under a name made from its content
    and list it in the corpus's manifest; a document already there (same sha256) is
    recognised, not copied. A document with no score or rubric table is refused unless
    --force is given; an unreadable one is refused. Never writes into the installed package.

    \b
    Example:
      xephang add decision.pdf --url https://example.gov.vn/qd-123.pdf
      xephang add saved/*.html --corpus my-corpus/
    """
    from .corpus.add import add_files
    from .extract import read_document

    run = Run(paths, quiet=quiet, verbose=verbose)
    corpus = refuse_package_folder(corpus_dir)
    for path in run:
        try:
            found = read_document(path, require_tables=False)
            if not found.tables and not force:
                raise UsageError(str(path), "no score or rubric table found; not added "
                                            "(add it anyway with --force)")
            (added,) = add_files([path], corpus, url=url)
        except Exception as err:  # noqa: BLE001 — one bad file never stops the others
            run.fail(err, path)
            continue
        state = "duplicate of" if added.duplicate else "added as"
        click.echo(f"{path}: {state} {corpus / added.entry.file} ({tables_found(found)})")
    sys.exit(run.status)


def tables_found(doc) -> str:
    if not doc.tables:
        return "no table: added anyway"
    kinds = [t.kind for t in doc.tables]
    parts = [f"{kinds.count(k)} {k}" for k in ("scores", "rubric", "other") if k in kinds]
    return f"{len(kinds)} table(s): {', '.join(parts)}"


def refuse_package_folder(corpus: Path) -> Path:
    """The corpus a user adds to is theirs: never a folder of the installed package."""
    import xephang
    package = Path(xephang.__file__).resolve().parent
    target = corpus.resolve()
    installed = "site-packages" in package.parts or "dist-packages" in package.parts
    if installed and (target == package or package in target.parents):
        raise UsageError(str(corpus), "is inside the installed xephang package; add documents "
                                      "to a corpus folder of your own (--corpus DIR)")
    return corpus


@cli.command(context_settings=CONTEXT)
@click.argument("corpus", required=False, type=click.Path(exists=True, file_okay=False,
                                                          path_type=Path))
@db_option
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Local worker processes.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Run the documents on this Dask distributed scheduler instead.")
@verbosity
def build(corpus, db, workers, scheduler, quiet, verbose):
    """Build the SQLite dataset from a corpus (default: the bundled one): every document
    extracted, normalized and checked. Unchanged documents are skipped; a failed document
    is recorded and the build goes on. Prints a summary; exit 2 when a document failed,
    1 when findings of severity error were made.

    \b
    Example:
      xephang build --db out/xephang.sqlite
      xephang build my-documents/ --db my.sqlite --workers 4
      xephang build --scheduler tcp://127.0.0.1:8786
    """
    from .corpus.build import build as build_dataset

    if scheduler and not scheduler.startswith(("tcp://", "tls://", "inproc://", "ws://")):
        raise click.BadParameter("expected an address like tcp://HOST:PORT", param_hint="--scheduler")
    summary = build_dataset(corpus, writable_db(db), workers=workers, scheduler=scheduler,
                            progress=progress_shown(quiet, 4))
    from .outputs.datasette import write_metadata
    write_metadata(db)
    click.echo(summary.text())
    sys.exit(2 if summary.failures else 1 if summary.findings.get("error") else 0)


@cli.command(context_settings=CONTEXT)
@fmt_option("csv", "parquet", "xlsx", "json")
@db_option
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out"), show_default=True, help="Folder to write into.")
@verbosity
def export(fmt, db, out_dir, quiet, verbose):
    """Export the dataset: the panel (one row per printed score), the findings, the rubric
    criteria and the documents; xlsx gives one workbook with a sheet per table, flagged
    cells highlighted with the finding as a comment, a findings sheet and a rubric sheet.

    \b
    Example:
      xephang export --format parquet -o out/
      xephang export --format xlsx --db out/xephang.sqlite
    """
    if fmt == "xlsx":
        from .outputs.excel import write_workbook
        written = [write_workbook(db, out_dir / "xephang.xlsx")]
    else:
        from .outputs.dataset import export as export_dataset
        written = export_dataset(db, fmt, out_dir)
    for path in written:
        click.echo(str(path))


@cli.command(context_settings=CONTEXT)
@db_option
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out/report"), show_default=True, help="Folder to write into.")
@verbosity
def report(db, out_dir, quiet, verbose):
    """Write the HTML report: per document, each table with its flagged cells highlighted,
    the finding on hover and in a list, and where each cell was printed.

    \b
    Example:
      xephang report --db out/xephang.sqlite -o out/report
    """
    from .outputs.report import write_report

    click.echo(str(write_report(db, out_dir)))


@cli.command(context_settings=CONTEXT)
@db_option
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True,
              help="The port on 127.0.0.1 to serve on.")
@verbosity
def serve(db, port, quiet, verbose):
    """Browse the dataset in Datasette on http://127.0.0.1:PORT/ (loopback only): tables
    described, facets on province, year, level and rule, documents labelled by their
    decision number (metadata.json beside the database). Needs the serve extra:
    pip install 'xephang[serve]'. Stop it with Ctrl-C.

    \b
    Example:
      xephang serve --db out/xephang.sqlite
      xephang serve --port 8080
    """
    from .outputs.datasette import serve as run_datasette

    if not quiet:
        click.echo(f"serving {db} on http://127.0.0.1:{port}/ (Ctrl-C to stop)", err=True)
    sys.exit(run_datasette(db, port))


@cli.group(context_settings=CONTEXT)
def rubrics():
    """Rubrics (bộ tiêu chí) of several provinces side by side.

    \b
    Example:
      xephang rubrics compare corpus/documents/001_204b6768762276ab.txt corpus/documents/004_1e8ff679e60961d5.txt
    """


@rubrics.command(context_settings=CONTEXT)
@paths_argument
@fmt_option("table", "csv", "xlsx")
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (required for xlsx).")
@click.option("--decimal", type=click.Choice(["comma", "point"]), default="comma",
              show_default=True,
              help="Number convention of the maxima: 9,50 (comma) or 9.50 (point); the maxima "
                   "as printed are kept in the 'printed' columns.")
@verbosity
def compare(paths, fmt, out_file, decimal, quiet, verbose):
    """Align the criteria of several rubrics: one rubric per document (its tables that
    continue each other joined), criteria by canonical category (PAR INDEX fields, SIPAS,
    DTI pillars, e-government areas) and fuzzy name. Maximum points side by side in one
    number convention, and what one rubric has that the others lack. CSV and xlsx give,
    per rubric, the criterion's id, its maximum ('max') and the maximum as printed
    ('printed'); the table prints '—' where a rubric lacks the criterion.

    \b
    Example:
      xephang rubrics compare corpus/documents/001_204b6768762276ab.txt corpus/documents/004_1e8ff679e60961d5.txt
      xephang rubrics compare a.txt b.html --format xlsx -o rubrics.xlsx
      xephang rubrics compare a.pdf b.pdf --format csv --decimal point
    """
    from .outputs import rubrics as rubric_outputs

    if fmt == "xlsx" and not out_file:
        raise click.UsageError("--format xlsx needs -o FILE")
    comparison = rubric_outputs.compare_files(paths, decimal=decimal)
    rubric_outputs.write(comparison, fmt, out_file)


@cli.command(context_settings=CONTEXT)
@paths_argument
@fmt_option("text", "json")
@click.option("--lang", type=click.Choice(["en", "vi"]), default="en", show_default=True,
              help="Language of the messages.")
@verbosity
def check(paths, fmt, lang, quiet, verbose):
    """Recompute every total, rank, maximum and claim; report what does not add up.

    Text (default) is grouped by document and table, each finding with its line or
    page; JSON prints one object per input file, one per line. The files of one run
    serve each other as the library for rubrics a decision cites ("Căn cứ Quyết định số").
    Exit 0 when nothing is wrong, 1 when there are findings of severity error, 2 when
    a file cannot be read (the others are still checked).

    \b
    Example:
      xephang check corpus/documents/000_4077041e69013ab5.txt
      xephang check corpus/documents/*.txt --format json --lang vi
    """
    from .extract import read_document
    from .validate import check_document
    from .validate.findings import locate
    from .validate.report import json_line, render_text

    from .extract import defects
    from .extract.coverage import coverage_of

    run = Run(paths, quiet=quiet, verbose=verbose)
    docs = []
    for path in run:
        try:
            docs.append((path, read_document(path)))
        except Exception as err:  # noqa: BLE001 — one bad file never stops the others
            run.fail(err, path)
    for path, doc in docs:
        library = [d for _, d in docs if d is not doc]
        try:
            findings = locate(check_document(doc, library=library), doc)
        except Exception as err:  # noqa: BLE001 — recorded for this document; the others go on
            run.fail(err, path)
            continue
        run.notices(doc)
        for problem in defects(doc):
            run.fail(problem)
        if any(f.severity == "error" for f in findings):
            run.status = max(run.status, 1)
        covered = coverage_of(doc)
        if fmt == "json":
            click.echo(json_line(doc, findings, lang, coverage=covered))
        else:
            click.echo(render_text(doc, findings, lang).rstrip("\n"))
            click.echo(covered.text(lang) + "\n")
    sys.exit(run.status)


# ---------------------------------------------------------------- match

@cli.command("match", context_settings=CONTEXT)
@click.argument("names", nargs=-1)
@click.option("--province", help="The province the names belong to (as printed, or an id: hoa-binh).")
@click.option("--year", type=click.IntRange(1990, 2100), help="The year the names were printed for.")
@click.option("--level", type=click.Choice(["department", "district", "commune", "province"]),
              help="Level of names printed without a type word (\"Lạc Sơn\"); province for "
                   "the rows of a national table (\"TP. Đà Nẵng\", \"BR-VT\").")
@click.option("--provinces", "list_provinces", is_flag=True,
              help="List the provinces --province accepts (id, name, years) and stop.")
@fmt_option("json", "table")
@verbosity
def match(names, province, year, level, list_provinces, fmt, quiet, verbose):
    """Resolve agency names to canonical identities: matched, ambiguous or unknown.

    Names come from the arguments, or from stdin one per line when NAME is "-" or
    absent. JSON prints one object per name, one per line (see docs/matching.md).
    Exit 0 whatever the statuses; 2 on a bad option (an unknown province).

    \b
    Example:
      xephang match "Sở KH&ĐT" "UBND huyện Lạc Sơn" --province "Hòa Bình" --year 2017
      xephang match --province son-la --year 2017 --format table < names.txt
      xephang match "TP. Đà Nẵng" "Thừa Thiên - Huế" "BR-VT" --level province --year 2019
    """
    from .normalize.gazetteer import find_province, gazetteer
    from .normalize.matching import default_matcher, matches_table

    if list_provinces:
        for p in gazetteer().provinces:
            years = f"{p.valid_from.year if p.valid_from else ''}–{p.valid_to.year if p.valid_to else ''}"
            click.echo(f"{p.id}\t{p.name}\t{years}")
        return
    if province is not None and find_province(province, year) is None:
        raise UsageError("--province", f"unknown province {province!r}; the valid names and ids "
                                       f"are listed by 'xephang match --provinces'")
    if not names or names == ("-",):
        names = tuple(line.strip() for line in sys.stdin if line.strip())
    found = default_matcher().match_many(names, province=province, year=year, level=level)
    if fmt == "table":
        click.echo(matches_table(found))
    else:
        for m in found:
            click.echo(json.dumps(m.to_dict(), ensure_ascii=False))


# ---------------------------------------------------------------- debug

@cli.command(context_settings=CONTEXT)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--page", "page", type=click.IntRange(1), required=True, help="1-based page number.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="PNG to write (default: FILE's name with .pN.png, in the current folder).")
@verbosity
def debug(path, page, out, quiet, verbose):
    """Draw the tables, rows and cells found on one PDF page over the page image.

    Tables in blue, rows in green, cells in grey; OCR cells with low confidence in
    red, with their confidence. Prints the PNG's path.

    \b
    Example:
      xephang debug tests/fixtures/pdf/000.pdf --page 4 -o page4.png
      xephang debug scan.pdf --page 1
    """
    from .extract import read_document
    from .extract.errors import UsageError
    from .extract.pdf.debug import draw_page

    doc = read_document(path, require_tables=False)
    if doc.source.format != "pdf":
        raise UsageError(str(path), "debug draws PDF pages; this file is not a PDF")
    written = draw_page(doc, path, page, out or Path(f"{path.stem}.p{page}.png"))
    click.echo(str(written))


def main():  # the console-script entry point
    cli(prog_name="xephang")


if __name__ == "__main__":  # pragma: no cover
    main()
