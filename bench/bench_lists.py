"""Ranking lists in page text: seconds to look for lists in texts of several kinds and sizes.

The list reader compares line shapes at every line, so its time must grow with the text,
not with its square.  Prints one row per text: lines, lists found, rows, seconds.

    .venv/bin/python bench/bench_lists.py
"""
from __future__ import annotations

import itertools
import time
from pathlib import Path

from xephang.extract.text import lists
from xephang.extract.model import Source

ROOT = Path(__file__).resolve().parent.parent


def texts() -> list[tuple[str, str]]:
    seeds = sorted((ROOT / "corpus" / "documents").glob("0*.txt"))
    out = [(f"seed {p.name[:3]} (whole text)", p.read_text(encoding="utf-8")) for p in seeds]
    names = ["".join(x) for x in itertools.product("ABCDEFGHIJKLMNOPQRST", repeat=3)]
    out.append(("900-row list, rank and name fused",
                "\n".join(f"{i} Đơn vị {n}\n({3000 - i},5)" for i, n in enumerate(names[:900], 1))))
    out.append(("3000 lines of numbers only", "\n".join(str(i % 7) for i in range(3000))))
    out.append(("3000 prose paragraphs", "\n\n".join(
        ["Sở Giao thông Vận tải đứng đầu bảng xếp hạng với 88,10 điểm, đứng thứ hai là Sở "
         "Công Thương."] * 3000)))
    return out


def main() -> None:
    print(f"{'text':40} {'lines':>7} {'lists':>6} {'rows':>6} {'seconds':>8}")
    print("-" * 71)
    for name, text in texts():
        start = time.perf_counter()
        found = lists.find_tables(text, Source(name, "", "text"))
        seconds = time.perf_counter() - start
        rows = sum(len(t.rows) for t in found)
        print(f"{name:40} {text.count(chr(10)) + 1:7} {len(found):6} {rows:6} {seconds:8.3f}")


if __name__ == "__main__":
    main()
