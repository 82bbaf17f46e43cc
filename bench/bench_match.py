"""Benchmark the normalize stage and print a table of its figures.

(a) accuracy on a labelled set of name variants (real gazetteer names put through
    the damage the seeds show, plus names that must not be matched);
(b) speed and peak memory matching 100,000 names against the national gazetteer;
(c) dropped-letter repair precision / recall on the hand-labelled seed damage.

    .venv/bin/python bench/bench_match.py [--names 100000] [--processes 2]
"""
from __future__ import annotations

import argparse
import os
import resource
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from xephang.normalize.evaluate import read_labels, score_repairs
from xephang.normalize.gazetteer import gazetteer
from xephang.normalize.matching import Matcher
from xephang.normalize.variants import labelled_variants, national_names

ROOT = Path(__file__).resolve().parent.parent


def top1(match) -> str | None:
    if match.status == "matched":
        return match.id
    if match.status == "ambiguous" and match.candidates:
        return match.candidates[0].id
    return None


def run_variants(matcher: Matcher) -> dict:
    variants = labelled_variants()
    groups = defaultdict(list)
    for v in variants:
        groups[(v.province, v.year, v.level)].append(v)
    results = {}
    for (province, year, level), group in groups.items():
        found = matcher.match_many([v.text for v in group], province=province, year=year, level=level)
        results.update(zip(group, found))
    positives = [v for v in variants if v.expected]
    negatives = [v for v in variants if not v.expected]
    by_kind = Counter(v.kind for v in positives)
    hit_kind = Counter(v.kind for v in positives if top1(results[v]) == v.expected)
    return {
        "variants": len(variants), "positives": len(positives), "negatives": len(negatives),
        "top1": sum(top1(results[v]) == v.expected for v in positives) / len(positives),
        "matched_right": sum(results[v].status == "matched" and results[v].id == v.expected
                             for v in positives),
        "wrong_matched": sum(results[v].status == "matched" and results[v].id != v.expected
                             for v in variants),
        "negatives_unknown": sum(results[v].status == "unknown" for v in negatives),
        "negatives_ambiguous": sum(results[v].status == "ambiguous" for v in negatives),
        "by_kind": {k: (hit_kind[k], n) for k, n in sorted(by_kind.items())},
    }


def run_national(n: int, processes: int) -> dict:
    names = national_names(n)
    matcher = Matcher()
    own0, kids0, start = _own_cpu(), _kids_cpu(), time.perf_counter()
    found = matcher.match_many(names, processes=processes)
    seconds = time.perf_counter() - start
    own, kids = _own_cpu() - own0, _kids_cpu() - kids0
    cpu = own + kids
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    # what the wall clock would read with the cores free: the parent's own work, then the
    # workers' shared out over the processes (a loaded machine stretches the wall clock)
    idle = own + kids / max(1, processes) if kids else cpu
    return {"names": len(names), "distinct": len(set(names)), "seconds": seconds, "cpu": cpu,
            "idle": idle,
            "peak_mb": peak, "statuses": Counter(m.status for m in found)}


def _own_cpu() -> float:
    """CPU seconds of this process (independent of other load)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _kids_cpu() -> float:
    """CPU seconds of this process's finished children."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def run_repairs() -> dict:
    labels = read_labels(ROOT / "tests" / "data" / "damaged_words.tsv")
    texts = {p.name[:3]: unicodedata.normalize("NFC", p.read_text(encoding="utf-8"))
             for p in sorted((ROOT / "corpus" / "documents").glob("0*.txt"))}
    return {kind: score_repairs(labels, texts, kinds=(kind,)) for kind in ("dropped", "glued")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()

    start = time.perf_counter()
    gazetteer()
    load = time.perf_counter() - start
    matcher = Matcher()
    a = run_variants(matcher)
    b = run_national(args.names, args.processes)
    c = run_repairs()

    rows = [
        ("gazetteer load (s)", f"{load:.2f}"),
        ("(a) labelled variants", f"{a['variants']} ({a['positives']} with an identity, "
                                  f"{a['negatives']} that must not match)"),
        ("(a) top-1 accuracy", f"{a['top1']:.2%}"),
        ("(a) matched and right", f"{a['matched_right']} / {a['positives']}"),
        ("(a) wrong answers given as matched", str(a["wrong_matched"])),
        ("(a) must-not-match: unknown / ambiguous", f"{a['negatives_unknown']} / {a['negatives_ambiguous']}"),
        *((f"    top-1, {kind}", f"{hit}/{n}") for kind, (hit, n) in a["by_kind"].items()),
        ("(b) names matched, national, no province", f"{b['names']} ({b['distinct']} distinct)"),
        ("(b) seconds", f"{b['seconds']:.2f} with {args.processes} process(es) on "
                        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"),
        ("(b) CPU seconds (all processes)", f"{b['cpu']:.2f}"),
        ("(b) seconds with the cores free (est.)", f"{b['idle']:.2f} (own CPU + workers' CPU / "
                                                   f"processes; target ≤ 5)"),
        ("(b) peak memory (MB, max RSS)", f"{b['peak_mb']:.0f}"),
        ("(b) statuses", ", ".join(f"{k} {v}" for k, v in sorted(b["statuses"].items()))),
        *((f"(c) repair {kind}: precision / recall",
           f"{s.precision:.1%} / {s.recall:.1%} ({s.correct} right of {s.proposed} proposed, "
           f"{s.labelled} labelled)") for kind, s in c.items()),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
