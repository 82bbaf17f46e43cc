"""Benchmark of the checker: corrupt one cell of the seeds' consistent tables the way
published tables go wrong, and count how often the checker flags the row and how often
its likely correction names the right cell.

    .venv/bin/python bench/bench_checker.py            # 10,000 corruptions
    .venv/bin/python bench/bench_checker.py -n 20000 --seed 7

A corruption counts as detected when a finding of severity error or warning points at the
corrupted row (or, across tables, at the same unit).  The likely correction is right when
the row-sum finding names the corrupted column and proposes the original value.
"""
from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

from dataclasses import replace

from xephang.extract import read_document
from xephang.normalize import resolve
from xephang.normalize.numbers import parse_number
from xephang.validate import check_document
from xephang.validate.mutate import KINDS, corrupt

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
NUMERIC = ("component", "total", "rank", "score")


def targets(doc, baseline, all_tables: bool = False) -> list[tuple[int, int, int]]:
    """Cells of consistent rows in tables whose numbers the document states twice
    (a sum, a rank, or the same total in another table); with *all_tables*, also the
    web-portal rankings, whose totals are printed once and checked only by their ranks."""
    flagged = {(f.table, f.row) for f in baseline}
    out = []
    for t, table in enumerate(doc.tables):
        if table.kind != "scores" or table.column_index("category") is not None:
            continue
        if not all_tables and "TTĐT" in (table.title or ""):
            continue        # web-portal rankings: a total printed once, checked only by its rank
        cols = [c for c, col in enumerate(table.columns) if col.role in NUMERIC]
        out += [(t, r, c) for r in range(len(table.rows)) if (t, r) not in flagged for c in cols]
    return out


def flagged(findings, res, t, r) -> bool:
    """A finding on the row, or on the same unit (by identity) in another table."""
    unit = res.unit(t, r)
    uid = unit.id if unit is not None else None

    def same(f):
        other = res.unit(f.table, f.row) if f.table is not None and f.row is not None else None
        return uid is not None and other is not None and other.id == uid

    return any(f.severity in ("error", "warning") and ((f.table == t and f.row == r) or same(f))
               for f in findings)


def named_right(findings, t, r, c, original: str, convention: str) -> bool | None:
    sums = [f for f in findings if f.rule == "row-sum" and f.table == t and f.row == r]
    if not sums:
        return None
    f = sums[0]
    want = parse_number(original, convention).value
    got = parse_number(f.expected or "", convention).value
    return f.col_index == c and want is not None and got == want


def run(n: int, seed: int, all_tables: bool = False) -> dict:
    rng = random.Random(seed)
    docs = [read_document(SEEDS / name) for name in ("000_4077041e69013ab5.txt", "002_ce60eac99dcc391f.txt")]
    resolved = [resolve(d) for d in docs]
    base = [check_document(d, resolved=res) for d, res in zip(docs, resolved)]
    conv = ["point", "comma"]
    pool = [(i, cell) for i, d in enumerate(docs) for cell in targets(d, base[i], all_tables)]
    stats = defaultdict(Counter)
    done, t0 = 0, time.perf_counter()
    while done < n:
        i, (t, r, c) = rng.choice(pool)
        kind = rng.choice(KINDS)
        bad = corrupt(docs[i], t, r, c, kind, at=rng.randrange(4))
        if bad is None:
            continue
        # The corruption touches numbers only: the unit identities resolved once still hold.
        found = [f for f in check_document(bad, resolved=replace(resolved[i], doc=bad))
                 if f not in base[i]]
        s = stats[kind]
        s["n"] += 1
        s["detected"] += flagged(found, resolved[i], t, r)
        if kind in ("digit_swap", "ocr", "decimal_drop", "missing") and docs[i].tables[t].sums:
            right = named_right(found, t, r, c, docs[i].tables[t].cell(r, c).text, conv[i])
            if right is not None:
                s["with_sum"] += 1
                s["named_right"] += right
        done += 1
    stats["_time"]["seconds"] = round(time.perf_counter() - t0, 1)
    return stats


def _rate(a: int, b: int) -> str:
    return f"{a / b:>8.1%}" if b else f"{'—':>8}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--all-tables", action="store_true",
                    help="also corrupt the web-portal rankings (totals printed once)")
    args = ap.parse_args()
    stats = run(args.n, args.seed, args.all_tables)
    total = Counter()
    print(f"{'corruption':<14}{'n':>7}{'detected':>10}{'rate':>8}{'row-sum':>9}{'right cell':>12}{'rate':>8}")
    for kind in KINDS:
        s = stats[kind]
        total.update(s)
        print(f"{kind:<14}{s['n']:>7}{s['detected']:>10}{s['detected'] / max(1, s['n']):>8.1%}"
              f"{s['with_sum']:>9}{s['named_right']:>12}{_rate(s['named_right'], s['with_sum'])}")
    print(f"{'all':<14}{total['n']:>7}{total['detected']:>10}{total['detected'] / max(1, total['n']):>8.1%}"
          f"{total['with_sum']:>9}{total['named_right']:>12}"
          f"{_rate(total['named_right'], total['with_sum'])}")
    print(f"time: {stats['_time']['seconds']} s")


if __name__ == "__main__":
    main()
