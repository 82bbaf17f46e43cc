"""Cell agreement on the independent renditions: the seeds' tables printed from their
hand-checked truth by LibreOffice (from Word) and Chromium (from HTML), in three
styles each, and scans of them (200 dpi, turned 1-2 degrees, blurred, speckled).
See docs/fixtures.md and tests/fixtures/independent/.

For every rendition, xephang's `read_document` beside bare pdfplumber
`extract_tables()` (default settings, every page) on the same PDF.

Agreement: each truth body row is paired with one extracted row, in reading order
(an alignment that maximises the cells in common, so a row is never paired twice
and tables are not crossed), and a truth cell counts when the paired row has a cell
with the same text.  Texts are compared with whitespace removed (a wrapped cell may
gain or lose a space at the break) and numbers by value, a decimal comma read as a
point ("83,8" = "83.8", "01" = "1"; "1.10" stays apart from "1.1").  Empty cells are
not counted.  Recall = truth cells found / truth cells; precision = truth cells
found / non-empty cells extracted; F1 their harmonic mean.

Targets (issue 9): F1 >= 0.99 born-digital, >= 0.95 on the 200-dpi noisy scans.  The
summary gives, for each group, the renditions at the target, the mean F1, and the F1
over all the group's cells pooled (each truth cell counted once).

    .venv/bin/python bench/bench_renditions.py [--only born|scan] [--seeds 000 002]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "fixtures" / "independent"
TARGET = {False: 0.99, True: 0.95}
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


# ---------------------------------------------------------------- truth

def renditions() -> dict[str, dict]:
    """renditions.json: file (relative to tests/fixtures/independent) -> what it prints."""
    return json.loads((HERE / "renditions.json").read_text(encoding="utf-8"))


def truth_rows(seed: str, picks) -> list[list[str]]:
    """The truth body rows a rendition prints, in print order."""
    truth = json.loads((HERE / "truth" / f"{seed}.json").read_text(encoding="utf-8"))
    if picks is None:
        return [row for t in truth["tables"] for row in t["rows"]]
    return [row for k, first, end in picks for row in truth["tables"][k]["rows"][first:end]]


# ---------------------------------------------------------------- agreement

def cell_key(text: str) -> tuple[str, str] | None:
    """What two cells must share to agree; None for an empty cell."""
    flat = " ".join(unicodedata.normalize("NFC", text or "").split())
    if not flat:
        return None
    if NUMBER.fullmatch(flat):
        try:
            return ("n", str(Decimal(flat.replace(",", "."))))
        except InvalidOperation:
            pass
    return ("t", flat.replace(" ", ""))


def row_keys(cells) -> Counter:
    return Counter(k for k in (cell_key(c) for c in cells) if k is not None)


@dataclass(frozen=True)
class Agreement:
    truth: int       # non-empty truth cells
    read: int        # non-empty cells extracted
    found: int       # truth cells found in their paired row

    @property
    def precision(self) -> float:
        return self.found / self.read if self.read else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def agreement(truth: list[list[str]], read: list[list[str]]) -> Agreement:
    """Pair truth rows with read rows in order so the cells in common are most."""
    t_keys = [row_keys(r) for r in truth]
    r_keys = [row_keys(r) for r in read]
    n, m = len(t_keys), len(r_keys)
    prev = [0] * (m + 1)
    for i in range(1, n + 1):
        cur = [0] * (m + 1)
        ti = t_keys[i - 1]
        for j in range(1, m + 1):
            best = prev[j] if prev[j] > cur[j - 1] else cur[j - 1]
            common = prev[j - 1] + sum((ti & r_keys[j - 1]).values()) if ti else prev[j - 1]
            cur[j] = common if common > best else best
        prev = cur
    return Agreement(truth=sum(sum(k.values()) for k in t_keys),
                     read=sum(sum(k.values()) for k in r_keys), found=prev[m])


# ---------------------------------------------------------------- the tools

def xephang_rows(path: Path) -> list[list[str]]:
    from xephang.extract import read_document
    doc = read_document(path, require_tables=False)
    return [[c.text for c in row.cells] for t in doc.tables for row in t.rows]


def pdfplumber_rows(path: Path) -> list[list[str]]:
    import pdfplumber
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                out.extend([c or "" for c in row] for row in table)
    return out


def measure(tool, path: Path, truth: list[list[str]]) -> tuple[Agreement | None, float, str]:
    """Agreement, seconds, and the one-line error when the tool failed."""
    start = time.perf_counter()
    try:
        rows = tool(path)
    except Exception as exc:  # a failing reader scores nothing; the error is reported
        return None, time.perf_counter() - start, f"{type(exc).__name__}: {exc}"[:120]
    return agreement(truth, rows), time.perf_counter() - start, ""


def pages(path: Path) -> int:
    import pypdf
    return len(pypdf.PdfReader(path).pages)


# ---------------------------------------------------------------- report

def fmt(a: Agreement | None) -> str:
    return "  failed          " if a is None else f"{a.precision:6.3f} {a.recall:5.3f} {a.f1:5.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", choices=("born", "scan"))
    ap.add_argument("--seeds", nargs="*")
    args = ap.parse_args()
    rows = []
    for name, info in renditions().items():
        if args.only and info["scan"] != (args.only == "scan"):
            continue
        if args.seeds and info["seed"] not in args.seeds:
            continue
        path = HERE / name
        truth = truth_rows(info["seed"], info["tables"])
        ours, secs, err = measure(xephang_rows, path, truth)
        plumb, psecs, _ = measure(pdfplumber_rows, path, truth)
        cells = sum(sum(row_keys(r).values()) for r in truth)
        rows.append((name, info, pages(path), ours, secs, err, plumb, psecs, cells))
        print(f"{name:34} {fmt(ours)}  {fmt(plumb)}", file=sys.stderr, flush=True)

    print("| rendition | producer | style | pages | truth cells | xephang P | R | F1 | "
          "target | s | pdfplumber P | R | F1 | s |")
    print("|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    for name, info, n, ours, secs, err, plumb, psecs, _ in rows:
        target = TARGET[info["scan"]]
        truth_cells = ours.truth if ours else plumb.truth if plumb else 0
        mark = "failed: " + err if ours is None else ("met" if ours.f1 >= target else "below")
        o = ("—", "—", "—") if ours is None else (f"{ours.precision:.3f}", f"{ours.recall:.3f}",
                                                  f"{ours.f1:.3f}")
        p = ("—", "—", "—") if plumb is None else (f"{plumb.precision:.3f}", f"{plumb.recall:.3f}",
                                                   f"{plumb.f1:.3f}")
        print(f"| {name} | {info['producer']} | {info['style']} | {n} | {truth_cells} | "
              f"{o[0]} | {o[1]} | {o[2]} | ≥{target} {mark} | {secs:.1f} | "
              f"{p[0]} | {p[1]} | {p[2]} | {psecs:.1f} |")
    for scan in (False, True):
        group = [r for r in rows if r[1]["scan"] == scan]
        if not group:
            continue
        met = sum(1 for r in group if r[3] is not None and r[3].f1 >= TARGET[scan])
        mean = sum(r[3].f1 if r[3] else 0.0 for r in group) / len(group)
        pmean = sum(r[6].f1 if r[6] else 0.0 for r in group) / len(group)
        kind = "scans" if scan else "born-digital"
        pooled = _pooled([(r[3], r[8]) for r in group])
        ppooled = _pooled([(r[6], r[8]) for r in group])
        print(f"\n{kind}: {met}/{len(group)} renditions at or above F1 {TARGET[scan]}; "
              f"mean F1 xephang {mean:.3f}, pdfplumber {pmean:.3f}; over all their cells "
              f"(pooled) xephang P {pooled.precision:.3f} R {pooled.recall:.3f} F1 {pooled.f1:.3f}, "
              f"pdfplumber F1 {ppooled.f1:.3f}")


def _pooled(agreements) -> Agreement:
    """Every truth cell of a group counted once: one agreement over all its renditions
    (a failed reading reads nothing, and its truth cells still count)."""
    return Agreement(truth=sum(n for _, n in agreements),
                     read=sum(a.read for a, _ in agreements if a is not None),
                     found=sum(a.found for a, _ in agreements if a is not None))


if __name__ == "__main__":
    main()
