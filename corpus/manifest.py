"""The corpus manifest: one line per document — file, sha256, format, province,
evaluation year, kind, source URL where known.

A corpus is a folder.  When it holds ``manifest.csv`` the manifest lists its
documents (paths relative to the folder); otherwise every readable document
under the folder is a member and its metadata comes from the document itself.

    >>> from xephang.corpus.manifest import bundled_corpus, read_manifest
    >>> entries = read_manifest(bundled_corpus())
    >>> entries[0].file
    'documents/000_4077041e69013ab5.txt'
"""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from ..extract import read_document
from ..extract.errors import XephangError
from ..extract.source import open_source

MANIFEST = "manifest.csv"
SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".pdf": "pdf",
            ".docx": "docx", ".xlsx": "xlsx", ".doc": "docx", ".xls": "xlsx", ".rtf": "docx"}


@dataclass(frozen=True)
class Entry:
    """One document of a corpus, as the manifest lists it."""

    file: str                       # path relative to the corpus folder, "/" separated
    sha256: str
    format: str                     # text | html | pdf
    province: str = ""
    evaluation_year: str = ""       # text in the CSV: "" when the document names none
    kind: str = ""                  # results | rubric | news | other
    number: str = ""                # the decision's number, "2631/QĐ-UBND"
    issued: str = ""                # YYYY-MM-DD
    source_url: str = ""
    derived_from: str = ""          # sha256 of the document this one was rendered from
    original_name: str = ""         # the name the file had when it was added

    @property
    def year(self) -> int | None:
        return int(self.evaluation_year) if self.evaluation_year.isdigit() else None


COLUMNS = tuple(f.name for f in fields(Entry))


def bundled_corpus() -> Path:
    """The corpus folder shipped inside the package (seeds and rendered fixtures)."""
    return Path(__file__).resolve().parent


def read_manifest(corpus: Path) -> list[Entry]:
    with open(Path(corpus) / MANIFEST, newline="", encoding="utf-8") as fh:
        return [Entry(**{k: (row.get(k) or "") for k in COLUMNS}) for row in csv.DictReader(fh)]


def manifest_text(entries: list[Entry]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for e in sorted(entries, key=lambda e: e.file):
        writer.writerow(asdict(e))
    return buf.getvalue()


def write_manifest(corpus: Path, entries: list[Entry]) -> None:
    """Replace the manifest atomically (a temporary file renamed over it)."""
    target = Path(corpus) / MANIFEST
    tmp = target.with_name(MANIFEST + ".tmp")
    tmp.write_text(manifest_text(entries), encoding="utf-8")
    tmp.replace(target)


def has_manifest(corpus: Path) -> bool:
    return (Path(corpus) / MANIFEST).is_file()


def document_files(corpus: Path) -> list[Path]:
    """Every file under *corpus* with a document suffix, in a stable order."""
    root = Path(corpus)
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))


#: Files of a corpus folder that are the corpus's own, never documents.
_OWN = ({MANIFEST, MANIFEST + ".tmp", "README.md", "metadata.json"}, {".py", ".pyc"})


def skipped_files(corpus: Path, entries: list[Entry]) -> list[tuple[str, str]]:
    """Every file of the corpus folder the build leaves out, and why."""
    root = Path(corpus)
    listed = {e.file for e in entries}
    out = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel in listed or _own_file(path, root):
            continue
        if path.suffix.lower() not in SUFFIXES:
            out.append((rel, f"not a kind of document xephang reads "
                             f"({path.suffix or 'no suffix'}; it reads {', '.join(sorted(SUFFIXES))})"))
        else:
            out.append((rel, f"not listed in {MANIFEST} (add it with 'xephang add')"))
    return out


def _own_file(path: Path, root: Path) -> bool:
    names, suffixes = _OWN
    parts = path.relative_to(root).parts
    return (path.name in names or path.suffix in suffixes or "__pycache__" in parts
            or any(p.startswith(".") for p in parts))


def describe(path: Path, relative: str, **known: str) -> Entry:
    """A manifest entry for one file, its metadata read from the document itself."""
    opened = open_source(path, display=relative)
    entry = Entry(file=relative, sha256=opened.source.sha256, format=opened.source.format)
    try:
        meta = read_document(path, display=relative, require_tables=False).meta
    except XephangError:
        return replace(entry, **known)
    return replace(entry, province=meta.province or "",
                   evaluation_year=str(meta.evaluation_year or ""), kind=meta.kind,
                   number=meta.number or "", issued=meta.issued or "", **known)


def entries_of(corpus: Path, known: dict[str, Entry] | None = None) -> list[Entry]:
    """The corpus's members: its manifest, or every document file under it, described
    from the file itself (or from *known*, entries by sha256 from an earlier build).
    An unreadable file is still listed, with its hash and format, so the build records it."""
    corpus = Path(corpus)
    if has_manifest(corpus):
        return read_manifest(corpus)
    return [_scanned(path, corpus, known or {}) for path in document_files(corpus)]


def _scanned(path: Path, corpus: Path, known: dict[str, Entry]) -> Entry:
    rel = path.relative_to(corpus).as_posix()
    sha = file_sha256(path)
    if sha in known:
        return replace(known[sha], file=rel)
    try:
        return describe(path, rel)
    except XephangError:
        return Entry(file=rel, sha256=sha, format=SUFFIXES[path.suffix.lower()])


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
