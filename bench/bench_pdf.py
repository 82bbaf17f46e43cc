"""PDF tables: cell accuracy and seconds per page, xephang beside the libraries a user
would otherwise reach for — camelot lattice, camelot stream, pdfplumber's default
`extract_tables` — on the born-digital fixtures; and for the scans, xephang beside
bare `tesseract` on the whole page.

Accuracy: every data cell of the seed's text extraction (the reference) is looked
for in the tool's output.  Each reference row is paired with the tool's row that
has the most cells equal at the same positions (each tool row used once); a cell
counts when it is equal, after a cell's line breaks are read as spaces.  A tool
that splits a row over two, shifts a column or keeps "TTTT" for bold loses those
cells.

Seconds are wall-clock; CPU seconds count xephang's page workers too, and say
what a page costs when the machine is shared.

    .venv/bin/python bench/bench_pdf.py [--repeat 1] [--skip-scans]
"""
from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "pdf"
SEEDS = {"000": "000_4077041e69013ab5.txt", "001": "001_204b6768762276ab.txt",
         "002": "002_ce60eac99dcc391f.txt", "003": "003_9f4ee7edddd77133.txt",
         "004": "004_1e8ff679e60961d5.txt"}
#: scan → (pages, seed, the seed's tables printed whole on it)
SCANS = {"000-scan.pdf": (2, "000", (0, 1)), "000-scan-continued.pdf": (2, "000", (7,)),
         "002-scan.pdf": (1, "002", (2,))}


def clean(text) -> str:
    return " ".join(str(text or "").split())


# ---------------------------------------------------------------- the tools

def xephang_rows(path: Path) -> list[list[str]]:
    from xephang.extract import read_document
    return [r.texts for t in read_document(path).tables for r in t.rows]


def camelot_rows(flavor: str):
    def rows(path: Path) -> list[list[str]]:
        import camelot
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(path), pages="all", flavor=flavor, suppress_stdout=True)
        return [[clean(v) for v in row] for t in tables for row in t.df.values.tolist()]
    return rows


def plumber_rows(path: Path) -> list[list[str]]:
    import pdfplumber
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                out += [[clean(v) for v in row] for row in table]
    return out


TOOLS = {"xephang": xephang_rows, "camelot lattice": camelot_rows("lattice"),
         "camelot stream": camelot_rows("stream"), "pdfplumber default": plumber_rows}


# ---------------------------------------------------------------- scoring

def reference_rows(key: str) -> list[list[str]]:
    from xephang.extract import read_document
    doc = read_document(ROOT / "corpus" / "documents" / SEEDS[key])
    return [r.texts for t in doc.tables for r in t.rows]


def matched_cells(reference: list[list[str]], found: list[list[str]]) -> int:
    """Cells of the reference found at the same place in the tool's best row for it."""
    index: dict[str, set[int]] = {}
    for k, row in enumerate(found):
        for text in row:
            if text:
                index.setdefault(text, set()).add(k)
    blank = {k for k, row in enumerate(found) if not any(row)}   # a form's blank lines
    used: set[int] = set()
    total = 0
    for ref in reference:
        candidates = set().union(*(index.get(t, set()) for t in ref if t)) if any(ref) else blank
        candidates = candidates - used
        best, best_k = 0, None
        for k in candidates:
            hits = sum(1 for a, b in zip(ref, found[k]) if a == b)
            if hits > best:
                best, best_k = hits, k
        if best_k is not None:
            used.add(best_k)
            total += best
    return total


def pages(path: Path) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (xephang's page workers)."""
    import resource
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn, path: Path, repeat: int):
    """(result, wall seconds, CPU seconds) per run."""
    start, cpu = time.perf_counter(), cpu_seconds()
    for _ in range(repeat):
        out = fn(path)
    return out, (time.perf_counter() - start) / repeat, (cpu_seconds() - cpu) / repeat


def born_digital(repeat: int) -> tuple[list[tuple], dict[str, dict[str, float]]]:
    """The summary rows (tool, accuracy, s/page, pages/s, CPU s/page) and each
    tool's accuracy per fixture."""
    refs = {k: reference_rows(k) for k in SEEDS}
    n_pages = sum(pages(FIX / f"{k}.pdf") for k in SEEDS)
    n_cells = sum(len(r) for rows in refs.values() for r in rows)
    for fn in TOOLS.values():
        fn(FIX / "001.pdf")                       # imports and caches warm
    out, each = [], {}
    for name, fn in TOOLS.items():
        hits, seconds, cpu = 0, 0.0, 0.0
        each[name] = {}
        for k in SEEDS:
            rows, s, c = timed(fn, FIX / f"{k}.pdf", repeat)
            found = matched_cells(refs[k], rows)
            each[name][k] = found / sum(len(r) for r in refs[k])
            hits += found
            seconds, cpu = seconds + s, cpu + c
        out.append((name, hits / n_cells, seconds / n_pages, n_pages / seconds, cpu / n_pages))
    return out, each


# ---------------------------------------------------------------- scans

def bare_tesseract(path: Path) -> float:
    """Render each page at 300 dpi and run tesseract -l vie on it (its default threads)."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(path))
    start = time.perf_counter()
    for page in doc:
        buf = io.BytesIO()
        page.render(scale=300 / 72, grayscale=True).to_pil().save(buf, "PNG")
        subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie"], input=buf.getvalue(),
                       capture_output=True, check=True)
    doc.close()
    return time.perf_counter() - start


def scans() -> list[tuple]:
    """Seconds per page, and the share of the printed tables' cells xephang reads
    identically after normalization (numbers by value, text by NFC)."""
    from xephang.extract import read_document
    out = []
    for name, (n, seed, tables) in SCANS.items():
        ref = read_document(ROOT / "corpus" / "documents" / SEEDS[seed])
        doc, xs, _ = timed(lambda p: read_document(p), FIX / name, 1)
        reference = [r.texts for k in tables for r in ref.tables[k].rows]
        found = [[_normal(t) for t in r.texts] for t in doc.tables for r in t.rows]
        hits = matched_cells([[_normal(t) for t in r] for r in reference], found)
        bare = bare_tesseract(FIX / name)
        out.append((name, n, hits / sum(len(r) for r in reference), xs / n, bare / n))
    return out


def _normal(text: str) -> str:
    import unicodedata

    from xephang.normalize.numbers import parse_number
    number = parse_number(text)
    return str(number.value) if number.value is not None else unicodedata.normalize("NFC", text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--skip-scans", action="store_true")
    args = ap.parse_args()
    print(f"born-digital fixtures {', '.join(SEEDS)} ({os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} at start)\n")
    print(f"| {'tool':<20} | {'cell accuracy':>13} | {'s/page':>7} | {'pages/s':>7} | "
          f"{'CPU s/page':>10} |")
    print(f"|{'-' * 22}|{'-' * 15}|{'-' * 9}|{'-' * 9}|{'-' * 12}|")
    summary, each = born_digital(args.repeat)
    for name, acc, spp, pps, cpu in summary:
        print(f"| {name:<20} | {acc:>12.1%} | {spp:>7.3f} | {pps:>7.1f} | {cpu:>10.3f} |")
    print("\ncell accuracy per fixture\n")
    print(f"| {'tool':<20} | " + " | ".join(f"{k + '.pdf':>8}" for k in SEEDS) + " |")
    print(f"|{'-' * 22}|" + "|".join("-" * 10 for _ in SEEDS) + "|")
    for name, by_key in each.items():
        print(f"| {name:<20} | " + " | ".join(f"{by_key[k]:>8.1%}" for k in SEEDS) + " |")
    if args.skip_scans or not shutil.which("tesseract"):
        return
    print("\nscanned fixtures\n")
    print(f"| {'scan':<24} | {'pages':>5} | {'xephang cells':>13} | {'xephang s/page':>14} | "
          f"{'bare tesseract s/page':>21} |")
    print(f"|{'-' * 26}|{'-' * 7}|{'-' * 15}|{'-' * 16}|{'-' * 23}|")
    for name, n, acc, xs, bare in scans():
        print(f"| {name:<24} | {n:>5} | {acc:>12.1%} | {xs:>14.2f} | {bare:>21.2f} |")


if __name__ == "__main__":
    sys.exit(main())
