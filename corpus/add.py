"""Add documents to a corpus: copied in under a name made from their content.

The stored name is ``documents/<first 16 hex digits of sha256>.<format suffix>``;
the name the file came with is only recorded in the manifest, never used as a
path, so no file name ("../../x.txt", "/etc/passwd") can make `add` write
outside the corpus.  A document already in the corpus (same sha256) is
recognised and not copied again.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..extract.errors import UsageError
from ..extract.source import open_source
from .manifest import Entry, describe, entries_of, write_manifest

FOLDER = "documents"
SUFFIX = {"text": ".txt", "html": ".html", "pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx",
          "doc": ".doc", "xls": ".xls", "rtf": ".rtf"}


@dataclass(frozen=True)
class Added:
    path: str            # the file as the caller named it
    entry: Entry         # its manifest entry (the existing one for a duplicate)
    duplicate: bool


def stored_name(sha256: str, fmt: str) -> str:
    return f"{FOLDER}/{sha256[:16]}{SUFFIX[fmt]}"


def add_files(paths: list[Path], corpus: Path, *, url: str = "") -> list[Added]:
    """Copy each file into *corpus* (content-addressed) and record it in the manifest.
    Unreadable input raises an XephangError before anything is written for that file."""
    corpus = Path(corpus).resolve()
    corpus.mkdir(parents=True, exist_ok=True)
    entries = entries_of(corpus) if corpus.is_dir() else []
    by_sha = {e.sha256: e for e in entries}
    out = []
    for path in paths:
        added = _add_one(Path(path), corpus, by_sha, url)
        by_sha[added.entry.sha256] = added.entry
        out.append(added)
    write_manifest(corpus, list(by_sha.values()))
    return out


def _add_one(path: Path, corpus: Path, by_sha: dict[str, Entry], url: str) -> Added:
    opened = open_source(path, display=path.name)
    sha = opened.source.sha256
    if sha in by_sha:
        known = by_sha[sha]
        if url and not known.source_url:
            known = replace(known, source_url=url)
        return Added(str(path), known, True)
    rel = stored_name(sha, opened.source.converted_from or opened.source.format)
    target = _inside(corpus, rel)
    _write_atomically(target, opened.data)
    entry = describe(target, rel, source_url=url, original_name=_display_name(path))
    return Added(str(path), entry, False)


def _inside(corpus: Path, rel: str) -> Path:
    """The target path, refused unless it lies inside the corpus folder."""
    target = (corpus / rel).resolve()
    if corpus not in target.parents:
        raise UsageError(rel, f"refusing to write outside the corpus folder {corpus}")
    return target


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".adding-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, target)


def _display_name(path: Path) -> str:
    """The file's own name, without any folders, for the manifest only."""
    return "".join(ch for ch in path.name if ch.isprintable())[:200]
