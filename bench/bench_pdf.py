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

Real documents (when ../shared/real is beside the project; skipped otherwise):
each real PDF read by xephang and by bare pdfplumber `extract_tables()`, one
process each, side by side — truth rows and rubric items found (scored as
bench/bench_real.py scores them), data rows bare pdfplumber returns that xephang
misses (the floor: should be 0), and CPU and wall seconds with their ratio.

    .venv/bin/python bench/bench_pdf.py [--repeat 1] [--skip-scans] [--only-real]
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


# ---------------------------------------------------------------- real documents

REAL = ROOT.parent / "shared" / "real"
#: The ratio of xephang's seconds to bare pdfplumber's that the project holds to.
SPEED_TARGET = 1.5

_ROWS_SCRIPT = """
import json, sys, time, resource
from pathlib import Path
start = time.perf_counter()
if sys.argv[1] == "xephang":
    from xephang.extract import read_document
    from xephang.extract.errors import NoTables
    try:
        rows = [r.texts for t in read_document(Path(sys.argv[2])).tables for r in t.rows]
    except NoTables:
        rows = []
else:
    import pdfplumber
    rows = []
    with pdfplumber.open(sys.argv[2]) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [[" ".join((c or "").split()) for c in row] for row in table]
wall = time.perf_counter() - start
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({"rows": rows, "wall": wall, "cpu": cpu}))
"""


def run_alone(tool: str, path: Path) -> dict:
    """*tool* ("xephang" or "pdfplumber") on *path* in a fresh process of its own
    (xephang with one page worker): its rows, wall and CPU seconds."""
    import json
    env = dict(os.environ, XEPHANG_PDF_WORKERS="1")
    done = subprocess.run([sys.executable, "-c", _ROWS_SCRIPT, tool, str(path)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _despaced(text: str) -> str:
    return "".join((text or "").split())


def floor_missed(ours: list[list[str]], theirs: list[list[str]]) -> int:
    """Data rows (a number and a text) of bare pdfplumber that no xephang row holds."""
    import re
    number = re.compile(r"^[-+]?\d+(?:[.,]\d+)*%?(?:/\d+(?:[.,]\d+)?)?$")
    joined = [_despaced(" ".join(r)) for r in ours]
    missed = 0
    for row in theirs:
        cells = [_despaced(c) for c in row if _despaced(c)]
        if not (any(number.match(c) for c in cells) and any(not number.match(c) for c in cells)):
            continue
        missed += not any(all(c in r for c in cells) for r in joined)
    return missed


def real_documents() -> list[tuple]:
    """Per real PDF: (name, pages, truth rows, xephang rows read, pdfplumber rows read,
    truth items, xephang items, pdfplumber items, rows under the floor,
    xephang CPU s, pdfplumber CPU s, xephang wall s, pdfplumber wall s)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_real
    out = []
    for path in sorted(REAL.glob("*.pdf")):
        truth_file = REAL / "truth" / f"{path.stem}.json"
        truth = bench_real.load_truth(truth_file, REAL) if truth_file.exists() else None
        ours, theirs = run_alone("xephang", path), run_alone("pdfplumber", path)
        a = bench_real.score_rows(truth, ours["rows"]) if truth else None
        b = bench_real.score_rows(truth, theirs["rows"]) if truth else None
        out.append((path.name[:40], pages(path), a.rows if a else 0, a.read if a else 0,
                    b.read if b else 0, a.items if a else 0, a.items_read if a else 0,
                    b.items_read if b else 0, floor_missed(ours["rows"], theirs["rows"]),
                    ours["cpu"], theirs["cpu"], ours["wall"], theirs["wall"]))
    return out


def print_real() -> None:
    if not REAL.is_dir():
        print(f"\nreal documents: {REAL.name} not found beside the project, skipped")
        return
    print(f"\nreal PDFs ({REAL.parent.name}/{REAL.name}), one process each, xephang with one "
          f"page worker\n")
    print(f"| {'document':<40} | {'pages':>5} | {'truth rows':>10} | {'xephang':>7} | "
          f"{'pdfplumber':>10} | {'items':>5} | {'xephang':>7} | {'pdfplumber':>10} | "
          f"{'under floor':>11} | {'CPU s x / p':>13} | {'wall s x / p':>13} | {'CPU ratio':>9} |")
    print("|" + "|".join("-" * (w + 2) for w in (40, 5, 10, 7, 10, 5, 7, 10, 11, 13, 13, 9)) + "|")
    tot = [0.0] * 4
    for (name, n, rows, xr, pr, items, xi, pi, floor, xc, pc, xw, pw) in real_documents():
        tot = [tot[0] + xc, tot[1] + pc, tot[2] + xw, tot[3] + pw]
        print(f"| {name:<40} | {n:>5} | {rows:>10} | {xr:>7} | {pr:>10} | {items:>5} | "
              f"{xi:>7} | {pi:>10} | {floor:>11} | {xc:>6.1f}/{pc:>6.1f} | {xw:>6.1f}/{pw:>6.1f} | "
              f"{xc / pc:>8.2f}× |")
    print(f"\nall real PDFs: CPU {tot[0]:.1f} s xephang, {tot[1]:.1f} s pdfplumber "
          f"({tot[0] / tot[1]:.2f}×; target ≤ {SPEED_TARGET}×); wall {tot[2]:.1f} s / "
          f"{tot[3]:.1f} s ({tot[2] / tot[3]:.2f}×)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--skip-scans", action="store_true")
    ap.add_argument("--only-real", action="store_true", help="only the real documents")
    args = ap.parse_args()
    if args.only_real:
        print_real()
        return
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
    print_real()
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
