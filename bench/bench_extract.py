"""Documents per second extracting the seeds' text and their HTML renditions,
beside pandas.read_html (what a user would otherwise reach for on HTML; it
finds raw tables only, no header roles, no provenance).

    .venv/bin/python bench/bench_extract.py [--repeat 20]
"""
from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rate(fn, paths, repeat: int) -> tuple[float, int]:
    fn(paths[0])                        # warm imports
    start = time.perf_counter()
    tables = 0
    for _ in range(repeat):
        for p in paths:
            tables += fn(p)
    elapsed = time.perf_counter() - start
    return repeat * len(paths) / elapsed, tables // repeat


def xephang_tables(path: Path) -> int:
    from xephang.extract import read_document
    return len(read_document(path).tables)


def pandas_tables(path: Path) -> int:
    import pandas as pd
    try:
        return len(pd.read_html(io.StringIO(path.read_text(encoding="utf-8")), flavor="lxml"))
    except ValueError:
        return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    text = sorted((ROOT / "corpus" / "documents").glob("0*.txt"))
    html = sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html"))
    rows = [("xephang", "text", *rate(xephang_tables, text, args.repeat))]
    if html:
        rows.append(("xephang", "html", *rate(xephang_tables, html, args.repeat)))
        rows.append(("pandas.read_html", "html", *rate(pandas_tables, html, args.repeat)))
    print(f"{'tool':<18}{'input':<7}{'docs/s':>9}{'tables':>8}")
    for tool, kind, per_s, tables in rows:
        print(f"{tool:<18}{kind:<7}{per_s:>9.1f}{tables:>8}")


if __name__ == "__main__":
    main()
