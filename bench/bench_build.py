"""Dataset build throughput: documents per second over a generated corpus, with 1
and 2 local worker processes and a 2-worker Dask LocalCluster, and peak memory.

The corpus is made from the five seeds, varied the way real decisions vary:
another province and evaluation year, another decision number, other scores
(components re-added to their total in most rows, a few totals left wrong),
a letter dropped from some unit names.  It is written as text files with a
manifest into a temporary folder.

    .venv/bin/python bench/bench_build.py [--docs 2000]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "documents").glob("0*.txt"))
PROVINCES = ("Hà Giang", "Cao Bằng", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La", "Yên Bái",
             "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ",
             "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Hà Nam",
             "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình",
             "Quảng Trị", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa",
             "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Long An", "Bến Tre")
SEED_PROVINCES = ("Hòa Bình", "Quảng Bình", "Sơn La", "Yên Bái", "Hòa Bình")
SEED_YEARS = ("2017", None, "2017", "2018", None)


# ---------------------------------------------------------------- the generated corpus

class Template:
    """A seed's lines, and which of them print scores (component/total cells)."""

    def __init__(self, path: Path):
        from xephang.extract import read_document
        self.lines = path.read_text(encoding="utf-8").split("\n")
        self.doc = read_document(path, require_tables=False)
        self.rows = list(self._score_rows())
        self.units = {t.cell(r, t.column_index("unit")).where.line
                      for t in self.doc.tables if t.kind == "scores" and t.column_index("unit") is not None
                      for r in range(len(t.rows))} - {None}

    def _score_rows(self):
        for t in self.doc.tables:
            if t.kind != "scores":
                continue
            for rule in t.sums or ():
                for r in range(len(t.rows)):
                    comps = [t.cell(r, c).where.line for c in rule.components]
                    yield comps, t.cell(r, rule.total).where.line
            if not t.sums:
                for c in t.columns_with("total"):
                    for r in range(len(t.rows)):
                        yield [], t.cell(r, c).where.line


def _vary(text: str, rng: random.Random) -> str:
    """Another value printed the way this one is ("83,8" → "79,4", "4" → "3")."""
    m = re.fullmatch(r"(\d+)([.,])(\d+)", text.strip())
    if m:
        value = max(Decimal(0), Decimal(f"{m[1]}.{m[3]}") + Decimal(rng.randint(-60, 60)) / 10)
        return f"{value:.{len(m[3])}f}".replace(".", m[2])
    if text.strip().isdigit():
        return str(max(0, int(text) + rng.choice((-1, 0, 0, 1))))
    return text


def _value(text: str) -> Decimal:
    try:
        return Decimal(text.strip().replace(",", "."))
    except ArithmeticError:
        return Decimal(0)


def variant(template: Template, k: int, rng: random.Random) -> tuple[str, str, str, str]:
    """(text, province, year, number) of one generated document."""
    lines = list(template.lines)
    for comps, total in template.rows:
        if total is None or total > len(lines):
            continue
        for line in comps:
            if line:
                lines[line - 1] = _vary(lines[line - 1], rng)
        if comps and all(comps) and rng.random() > 0.03:
            summed = sum(_value(lines[line - 1]) for line in comps)
            lines[total - 1] = _printed_like(lines[total - 1], summed)
        elif not comps:
            lines[total - 1] = _vary(lines[total - 1], rng)
    for line in template.units:
        if rng.random() < 0.1 and len(lines[line - 1]) > 6:
            i = rng.randrange(1, len(lines[line - 1]) - 1)
            lines[line - 1] = lines[line - 1][:i] + lines[line - 1][i + 1:]
    text = "\n".join(lines)
    province = rng.choice(PROVINCES)
    text = _replace_province(text, SEED_PROVINCES[k], province)
    year = SEED_YEARS[k]
    if year:
        year_new = str(rng.randint(2016, 2023))
        text = text.replace(year, year_new)
        year = year_new
    number = template.doc.meta.number
    if number:
        new_number = f"{rng.randint(100, 4000)}/{number.split('/', 1)[1]}"
        text = text.replace(number, new_number)
        number = new_number
    return text, province, year or "", number or ""


def _printed_like(printed: str, value: Decimal) -> str:
    m = re.fullmatch(r"\s*\d+([.,])(\d+)\s*", printed)
    if m:
        return f"{value:.{len(m[2])}f}".replace(".", m[1])
    return str(value)


def _replace_province(text: str, old: str, new: str) -> str:
    return text.replace(old, new).replace(old.upper(), new.upper())


def generate_corpus(folder: Path, n: int, seed: int = 6, use: tuple[int, ...] = (0, 1, 2, 3, 4)) -> Path:
    """Write *n* documents varied from the seeds (those numbered in *use*, in turn), and
    their manifest, into *folder*."""
    from xephang.corpus.manifest import Entry, write_manifest
    rng = random.Random(seed)
    templates = [Template(p) for p in SEEDS]
    kinds = [t.doc.meta.kind for t in templates]
    (folder / "documents").mkdir(parents=True, exist_ok=True)
    entries = []
    for i in range(n):
        k = use[i % len(use)]
        text, province, year, number = variant(templates[k], k, rng)
        rel = f"documents/gen_{i:05d}.txt"
        data = text.encode("utf-8")
        (folder / rel).write_bytes(data)
        entries.append(Entry(file=rel, sha256=hashlib.sha256(data).hexdigest(), format="text",
                             province=province, evaluation_year=year, kind=kinds[k],
                             number=number, derived_from=SEEDS[k].name))
    write_manifest(folder, entries)
    return folder


# ---------------------------------------------------------------- measuring

class PeakMemory:
    """Peak resident memory of this process and its children (workers), sampled."""

    def __init__(self, every: float = 0.05):
        self.every, self.peak, self._stop = every, 0, threading.Event()

    def _total(self) -> int:
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._total())
            time.sleep(self.every)

    def __enter__(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._stop.set()
        self._thread.join()


def timed_build(corpus: Path, db: Path, **how) -> tuple[float, int, int]:
    from xephang.corpus.build import build
    with PeakMemory() as mem:
        start = time.perf_counter()
        summary = build(corpus, db, **how)
        seconds = time.perf_counter() - start
    return seconds, summary.built, mem.peak


HEADER = f"{'executor':<30}{'docs':>6}{'seconds':>9}{'docs/s':>9}{'peak MB':>9}"


def row(name: str, seconds: float, built: int, peak: int) -> str:
    return f"{name:<30}{built:>6}{seconds:>9.1f}{built / seconds:>9.2f}{peak / 2**20:>9.0f}"


def run_dask(corpus: Path, db: Path) -> tuple[float, int, int]:
    from dask.distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None) as cluster:
        return timed_build(corpus, db, scheduler=cluster.scheduler_address)


RUNS = {
    "pool": ("local, 2 workers", lambda c, db: timed_build(c, db, workers=2)),
    "dask": ("dask LocalCluster, 2 workers", run_dask),
    "serial": ("local, 1 worker", lambda c, db: timed_build(c, db, workers=1)),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--runs", default="serial,pool,dask",
                    help="which executors to time, comma separated (serial, pool, dask)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        corpus = generate_corpus(tmp / "corpus", args.docs)
        print(f"generated {args.docs} documents in {time.perf_counter() - start:.1f} s",
              file=sys.stderr)
        print(HEADER, flush=True)
        for key in args.runs.split(","):
            name, run = RUNS[key]
            seconds, built, peak = run(corpus, tmp / f"{key}.sqlite")
            print(row(name, seconds, built, peak), flush=True)
        size = max(p.stat().st_size for p in tmp.glob("*.sqlite"))
        print(f"database: {size / 2**20:.0f} MB; peak = this process and its workers "
              f"(resident memory, sampled every 50 ms)")


if __name__ == "__main__":
    main()
