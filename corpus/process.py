"""One document through the three stages, on whichever process or cluster worker
runs it: a `Job` in, a `Result` (plain rows for every table) out.

Nothing here touches the database, so any executor can run it; a document
that cannot be read, or makes a stage fail, comes back as a failed Result
carrying its one-line error — it never stops the build.
"""
from __future__ import annotations

import hashlib
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.coverage import coverage_of
from ..extract.errors import XephangError
from ..validate.findings import locate
from . import rows
from .manifest import file_sha256
from .stages import check_document, read_document, resolve


@dataclass(frozen=True)
class LibraryDoc:
    """A rubric of the corpus that other documents may cite ("Căn cứ Quyết định số …")."""

    number: str
    path: str
    document: str
    sha256: str = ""


def library_digest(numbers, library: "Library") -> str | None:
    """Which library documents a document citing *numbers* was checked against (their
    keys and hashes, digested); None when it cites none of them."""
    cited = sorted(f"{i.document}:{i.sha256}" for n in numbers for i in library.get(n, ()))
    return hashlib.sha256("\n".join(cited).encode()).hexdigest()[:16] if cited else None


@dataclass(frozen=True)
class Job:
    document: str                     # the key: the file's path inside the corpus
    path: str                         # where the running process finds the file
    entry: dict = field(default_factory=dict)   # its manifest fields
    tool_version: str = ""


@dataclass(frozen=True)
class Result:
    document: str
    sha256: str | None
    tables: dict                      # schema table name → list of row dicts
    error: str | None = None
    seconds: float = 0.0


#: The corpus's rubrics by decision number: what documents may cite.
Library = dict[str, tuple[LibraryDoc, ...]]


def process(job: Job, library: Library | None = None) -> Result:
    """Extract, normalize and validate one document into dataset rows; *library* (by
    default the one `share_library` gave this process) holds the rubrics it may cite."""
    start = time.perf_counter()
    try:
        tables = _rows_of(job, _SHARED if library is None else library)
        error = None
    except XephangError as err:
        tables, error = {}, str(err)
    except Exception as err:  # a stage failing on one document must not stop the build
        tables, error = {}, f"{job.document}: {_one_line(err)}"
    if error is not None:
        tables = {"documents": [rows.failed_row(job.document, _with_hash(job), error)]}
    for row in tables["documents"]:
        row["tool_version"] = job.tool_version
    sha = tables["documents"][0]["sha256"]
    return Result(job.document, sha, tables, error, time.perf_counter() - start)


def _rows_of(job: Job, library: Library) -> dict:
    doc = read_document(job.path, display=job.document)
    resolved = resolve(doc)
    findings = locate(check_document(doc, library=library_for(doc, library), resolved=resolved),
                      doc)
    place = {"province": job.entry.get("province") or doc.meta.province,
             "evaluation_year": rows._year(job.entry.get("evaluation_year"))
             or doc.meta.evaluation_year}
    out = {
        "tables": rows.table_rows(job.document, doc, resolved),
        "columns": rows.column_rows(job.document, doc),
        "cells": rows.cell_rows(job.document, doc),
        "scores": rows.score_rows(job.document, doc, resolved, place),
        "rubric_nodes": rows.rubric_rows(job.document, doc, resolved, place["province"]),
        "findings": rows.finding_rows(job.document, findings),
        "warnings": warning_rows(job.document, doc),
    }
    covered = coverage_of(doc)
    counts = {"n_tables": len(doc.tables), "n_rows": sum(len(t.rows) for t in doc.tables),
              "n_scores": len(out["scores"]), "n_findings": len(findings),
              "n_warnings": len(out["warnings"]), "n_tables_read": covered.tables,
              "n_rows_read": covered.rows, "n_not_read": len(covered.unread),
              "complete": int(covered.complete)}
    out["documents"] = [{**rows.document_row(job.document, job.entry, doc, resolved, counts),
                         "library": library_digest(doc.meta.based_on, library)}]
    return out


def warning_rows(key: str, doc) -> list[dict]:
    """The document's warnings about its reading (extract.model.Notice), one row each."""
    return [{"document": key, "seq": i, "slug": n.slug, "message": n.message,
             "message_vi": n.message_vi or n.message, **rows.where_columns(n.where)}
            for i, n in enumerate(doc.notices)]


def _with_hash(job: Job) -> dict:
    """The manifest fields with the file's actual hash, when the file can be read at all."""
    try:
        return {**job.entry, "sha256": file_sha256(Path(job.path))}
    except OSError:
        return job.entry


def _one_line(err: Exception) -> str:
    frame = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
    where = f" (in {Path(frame.filename).name}:{frame.lineno})" if frame else ""
    return f"{type(err).__name__}: {' '.join(str(err).split())}{where}"


# ---------------------------------------------------------------- the library

_LIBRARY_CACHE: dict[tuple[str, str], object] = {}
_SHARED: Library = {}


def share_library(library: Library) -> None:
    """Give this process the corpus's library once (a pool's initializer), so that jobs
    need not carry it."""
    global _SHARED
    _SHARED = library


def library_index(items) -> Library:
    out: dict[str, list[LibraryDoc]] = {}
    for item in items:
        out.setdefault(item.number, []).append(item)
    return {number: tuple(docs) for number, docs in out.items()}


def library_for(doc, library: Library) -> list:
    """The corpus's rubric documents this one cites, read once per process."""
    out = []
    for number in dict.fromkeys(doc.meta.based_on):
        copies = (i for i in library.get(number, ()) if i.document != doc.source.path)
        found = next((d for d in map(_read_library, copies) if d is not None), None)
        if found is not None:          # one copy of a decision (text, HTML or PDF) is enough
            out.append(found)
    return out


def _read_library(item: LibraryDoc):
    key = (item.path, item.document)
    if key not in _LIBRARY_CACHE:
        try:
            _LIBRARY_CACHE[key] = read_document(item.path, display=item.document)
        except XephangError:
            _LIBRARY_CACHE[key] = None
    return _LIBRARY_CACHE[key]
