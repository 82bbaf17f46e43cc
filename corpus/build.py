"""Build the dataset: every document of a corpus through extract → normalize →
validate into the SQLite database (corpus/schema.py).

- Incremental: a document already built from the same bytes (sha256) by the
  same tool version is skipped; one no longer in the corpus is removed.
- Each document is written in one transaction, so a build killed at any
  moment leaves a consistent database, and the next build resumes.
- A document that fails is recorded (status "failed", its error) and the
  build goes on.

    >>> from xephang.corpus.build import build
    >>> summary = build(db="out/xephang.sqlite")          # the bundled corpus
    >>> print(summary.text())                                # doctest: +SKIP
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import sys
import time
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path

from .. import __version__
from . import compare, renditions, schema
from .executors import executor
from .manifest import Entry, bundled_corpus, entries_of, file_sha256, skipped_files
from .process import Job, Library, LibraryDoc, Result, library_digest, library_index

#: The stages whose code decides what the database holds.
STAGE_FOLDERS = ("extract", "normalize", "validate", "corpus")


@dataclass(frozen=True)
class Summary:
    db: str
    documents: int                    # in the database after the build
    built: int                        # processed by this build
    skipped: int                      # unchanged since the last build
    removed: int                      # no longer in the corpus
    tables: int
    rows: int
    scores: int
    rubric_nodes: int
    findings: dict = field(default_factory=dict)     # severity → count
    failures: tuple = ()              # (document, error) of every failed document
    seconds: float = 0.0
    read: tuple = (0, 0, 0, 0)        # coverage: tables read, rows read, not read, partial docs
    skipped_files: tuple = ()         # (file, why) of every file of the folder not built
    warnings: int = 0
    decisions: int = 0                # decisions the documents are renditions of
    aside: int = 0                    # renditions whose scores are kept out of the panel
    disagreements: int = 0            # cells where a rendition disagrees with the primary

    def text(self) -> str:
        sev = " · ".join(f"{k} {v}" for k, v in sorted(self.findings.items())) or "none"
        lines = [f"xephang build: {self.documents} documents in {self.db} "
                 f"({self.built} built, {self.skipped} unchanged, {self.removed} removed, "
                 f"{len(self.failures)} failed) in {self.seconds:.1f} s",
                 f"  tables {self.tables} · table rows {self.rows} · scores {self.scores}"
                 f" · rubric nodes {self.rubric_nodes}",
                 f"  findings: {sev}"]
        tables, rows, unread, partial = self.read
        lines.append(f"  read: {tables} tables, {rows} rows as scores or rubrics; {unread} tables "
                     f"or pages seen but not read ({partial} documents only partly read); "
                     f"{self.warnings} warnings")
        lines.append(f"  decisions: {self.decisions}; {self.aside} other renditions kept out of "
                     f"the scores panel; {self.disagreements} cells where a rendition "
                     f"disagrees with its decision's primary")
        lines += [f"  failed: {err}" for _, err in self.failures]
        lines += [f"  skipped: {name}: {why}" for name, why in self.skipped_files]
        return "\n".join(lines)


#: Data files that change results: gazetteers and catalogues, phrasebooks, the schema.
DATA_FOLDERS = ("extract", "normalize", "validate", "schema")
DATA_SUFFIXES = (".csv", ".json", ".yaml", ".yml", ".txt", ".toml", ".tsv")


def tool_version() -> str:
    """The package version and a digest of the stages' code and data: a changed stage,
    catalogue or phrasebook rebuilds."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in stage_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def stage_files(root: Path) -> list[Path]:
    """The code (every *.py of the stages, subfolders included) and the data files."""
    code = [p for f in STAGE_FOLDERS for p in (root / f).rglob("*.py")]
    data = [p for f in DATA_FOLDERS for p in (root / f).rglob("*")
            if p.is_file() and p.suffix.lower() in DATA_SUFFIXES]
    return sorted(p for p in set(code + data) if "__pycache__" not in p.parts)


def build(corpus: Path | None = None, db: Path = Path("out/xephang.sqlite"), *,
          workers: int = 1, scheduler: str | None = None, progress: bool = False) -> Summary:
    """Build (or bring up to date) the database *db* from the documents of *corpus*."""
    start = time.perf_counter()
    corpus = Path(corpus) if corpus else bundled_corpus()
    con = schema.connect(Path(db))
    try:
        version = tool_version()
        entries = entries_of(corpus, known=known_entries(con))
        removed = prune(con, {e.file for e in entries})
        library = library_of(corpus, entries)
        jobs = pending_jobs(con, corpus, entries, version, library)
        results = executor(jobs, library, workers=workers, scheduler=scheduler)
        for result in _progress(results, len(jobs), progress):
            write_result(con, result)
        renditions.settle(con)
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('tool_version', ?)",
                    (version,))
        summary = summarize(con, str(db), len(jobs), len(entries) - len(jobs), removed,
                            time.perf_counter() - start)
        return replace(summary, skipped_files=tuple(skipped_files(corpus, entries)))
    finally:
        schema.finish(con)


# ---------------------------------------------------------------- what to build

def known_entries(con: sqlite3.Connection) -> dict[str, Entry]:
    """Metadata of documents built before, by sha256 (spares re-describing them)."""
    out = {}
    for row in con.execute("SELECT document, sha256, format, province, evaluation_year, kind, "
                           "number, issued FROM documents WHERE status = 'ok'"):
        out[row[1]] = Entry(file=row[0], sha256=row[1], format=row[2], province=row[3] or "",
                            evaluation_year=str(row[4] or ""), kind=row[5] or "",
                            number=row[6] or "", issued=row[7] or "")
    return out


def prune(con: sqlite3.Connection, keep: set[str]) -> int:
    gone = [d for (d,) in con.execute("SELECT document FROM documents") if d not in keep]
    for document in gone:
        with _transaction(con):
            _delete(con, document)
    return len(gone)


def pending_jobs(con: sqlite3.Connection, corpus: Path, entries: list[Entry],
                 version: str, library: Library) -> list[Job]:
    """The documents to (re)build: new ones, changed bytes, changed code, or a changed
    rubric among those they cite."""
    built = {d: (sha, v, lib, json.loads(cited or "[]")) for d, sha, v, lib, cited in
             con.execute("SELECT document, sha256, tool_version, library, based_on "
                         "FROM documents")}
    jobs = []
    for e in entries:
        path = corpus / e.file
        sha, v, lib, cited = built.get(e.file, (None, None, None, []))
        current = (_actual_sha(path), version, library_digest(cited, library))
        if (sha, v, lib) == current:
            continue
        jobs.append(Job(e.file, str(path.resolve()), _entry_fields(e), version))
    return jobs


def library_of(corpus: Path, entries: list[Entry]) -> Library:
    """The corpus's rubric decisions, by number: the documents others may cite."""
    return library_index(LibraryDoc(e.number, str((corpus / e.file).resolve()), e.file,
                                    e.sha256)
                         for e in entries if e.kind == "rubric" and e.number)


def _actual_sha(path: Path) -> str | None:
    """The hash of the bytes on disk (a manifest may be stale); None when unreadable."""
    try:
        return file_sha256(path)
    except OSError:
        return None


def _entry_fields(entry: Entry) -> dict:
    return {k: v for k, v in entry.__dict__.items() if v}


# ---------------------------------------------------------------- writing

_transaction = schema.transaction


def _delete(con: sqlite3.Connection, document: str) -> None:
    for table in schema.DOCUMENT_TABLES:
        con.execute(f"DELETE FROM {table} WHERE document = ?", (document,))


def write_result(con: sqlite3.Connection, result: Result) -> None:
    """Replace everything the database holds for one document, in one transaction."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with _transaction(con):
        _delete(con, result.document)
        for table in schema.DOCUMENT_TABLES:
            records = result.tables.get(table, [])
            if table == "documents":
                records = [{**r, "built_at": now} for r in records]
            if records:
                con.executemany(schema.insert_sql(table), _complete(table, records))


def _complete(table: str, records: list[dict]) -> list[tuple]:
    """Rows as tuples in the schema's column order (a missing column is NULL)."""
    names = schema.column_names(table)
    getter = itemgetter(*names)
    try:
        return [getter(r) for r in records]
    except KeyError:
        return [tuple(r.get(n) for n in names) for r in records]


def _progress(results, total: int, show: bool):
    if not show or total == 0:
        return results
    from tqdm import tqdm
    return tqdm(results, total=total, unit="doc", desc="xephang build", file=sys.stderr)


# ---------------------------------------------------------------- the summary

def summarize(con: sqlite3.Connection, db: str, built: int, skipped: int, removed: int,
              seconds: float) -> Summary:
    one = lambda sql: con.execute(sql).fetchone()[0] or 0
    severities = dict(con.execute("SELECT severity, COUNT(*) FROM findings GROUP BY severity"))
    failures = tuple(con.execute("SELECT document, error FROM documents "
                                 "WHERE status = 'failed' ORDER BY document"))
    return Summary(db=db, documents=one("SELECT COUNT(*) FROM documents"), built=built,
                   skipped=skipped, removed=removed, tables=one("SELECT COUNT(*) FROM tables"),
                   rows=one("SELECT SUM(n_rows) FROM documents"),
                   scores=one("SELECT COUNT(*) FROM scores"),
                   rubric_nodes=one("SELECT COUNT(*) FROM rubric_nodes"),
                   findings=severities, failures=failures, seconds=seconds,
                   read=tuple(int(v or 0) for v in con.execute(
                       "SELECT SUM(n_tables_read), SUM(n_rows_read), SUM(n_not_read), "
                       "SUM(complete = 0) FROM documents WHERE status = 'ok'").fetchone()),
                   warnings=one("SELECT COUNT(*) FROM warnings"),
                   decisions=one("SELECT COUNT(DISTINCT decision_key) FROM documents"),
                   aside=one("SELECT COUNT(*) FROM documents WHERE is_primary = 0"),
                   disagreements=one(f"SELECT COUNT(*) FROM findings "
                                     f"WHERE rule = '{compare.RULE}'"))
