"""Grade bands: their definitions in the text, their labels in the tables, and shares.

    "- Mức Khá: Là đơn vị có tổng điểm đạt từ 70 điểm đến dưới 85 điểm"
    "A. Mức khá (67%)"   (a row-group label inside a table)
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, ROUND_HALF_UP

from ..extract.interpret import fold
from .base import level_of, topic_of
from .phrasebook import find

NAMES_VI = {"tot": "Mức tốt", "kha": "Mức khá", "trung binh": "Mức trung bình", "yeu": "Mức yếu"}


@dataclass(frozen=True)
class Band:
    name: str                 # folded: "tot", "kha", "trung binh", "yeu"
    low: Decimal | None       # inclusive
    high: Decimal | None      # exclusive
    line: int | None = None

    @property
    def label(self) -> str:
        return NAMES_VI.get(self.name, self.name)

    def holds(self, value: Decimal) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value < self.high)

    def describe(self, lang: str = "en") -> str:
        lo, hi = self.low, self.high
        if lang == "vi":
            parts = ([f"từ {lo}"] if lo is not None else []) + ([f"dưới {hi}"] if hi is not None else [])
            return " ".join(parts) + " điểm"
        parts = ([f"{lo} or more"] if lo is not None else []) + ([f"below {hi}"] if hi is not None else [])
        return " and ".join(parts) + " points"


def _num(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def parse_band(text: str, line: int | None) -> Band | None:
    if "c" not in text[:12].lower():
        return None
    hits = find("claim-band", text, id="band-definition")
    if not hits:
        return None
    rest = hits[0].text("rest")
    lo = find("claim-band", rest, id="band-low")
    hi = find("claim-band", rest, id="band-high")
    if not lo and not hi:
        return None
    return Band(hits[0].match.group("band"), _num(lo[0].text("value")) if lo else None,
                _num(hi[0].text("value")) if hi else None, line)


def band_sets(paragraphs) -> list[tuple[int, list[Band]]]:
    """Groups of band definitions printed one after another, with the line of the first."""
    out: list[tuple[int, list[Band]]] = []
    current: list[Band] = []
    for p in paragraphs:
        band = parse_band(p.text, p.where.line)
        if band:
            current.append(band)
        elif current:
            out.append((current[0].line or 0, current)) if len(current) >= 2 else None
            current = []
    if len(current) >= 2:
        out.append((current[0].line or 0, current))
    return out


def parse_band_label(label: str) -> tuple[str, int] | None:
    hits = find("claim-band-share", label, id="band-label")
    return (hits[0].match.group("band"), int(hits[0].text("pct"))) if hits else None


def band_of(bands: list[Band], value: Decimal) -> Band | None:
    return next((b for b in bands if b.holds(value)), None)


def share_verdict(share: int, k: int, n: int, printed: list[int], counts: list[int]) -> tuple[str, Decimal]:
    """"ok", "rounded" (rounded so the shares add to 100%) or "wrong", and the exact share."""
    exact = Decimal(100 * k) / Decimal(n) if n else Decimal(0)
    if exact.quantize(Decimal(1), ROUND_HALF_UP) == share:
        return "ok", exact
    if abs(exact - share) < 1 and _largest_remainder(printed, counts, n):
        return "rounded", exact
    return "wrong", exact


def _largest_remainder(printed: list[int], counts: list[int], n: int) -> bool:
    """Do the printed shares follow the largest-remainder rounding of the counts?"""
    if not n or len(printed) != len(counts) or sum(printed) != 100:
        return False
    exact = [100 * k / n for k in counts]
    floors = [math.floor(x) for x in exact]
    rem = [x - f for x, f in zip(exact, floors)]
    up = [p == f + 1 for p, f in zip(printed, floors)]
    if any(p not in (f, f + 1) for p, f in zip(printed, floors)):
        return False
    lowest_up = min((r for r, u in zip(rem, up) if u), default=1.0)
    highest_kept = max((r for r, u in zip(rem, up) if not u), default=0.0)
    return lowest_up >= highest_kept - 1e-9


@dataclass(frozen=True)
class ShareBlock:
    """A small cross-table of band shares: Khối / Xếp hạng × Sở, ngành / UBND huyện,
    one row per band ("Mức khá", "67%", "8%")."""

    table: int
    topic: str
    columns: tuple[tuple[int, str | None], ...]      # (column index, level)
    rows: tuple[tuple[str, tuple[int | None, ...], int], ...]   # (band, shares, row)


_PCT = re.compile(r"^(\d+)\s*%$")


def share_tables(doc) -> list[ShareBlock]:
    out = []
    for t, table in enumerate(doc.tables):
        if not table.columns or "khoi" not in fold(table.columns[0].label):
            continue
        cols = tuple((c, level_of(col.label)) for c, col in enumerate(table.columns) if c)
        rows = []
        for r, row in enumerate(table.rows):
            name = fold(table.cell(r, 0).text)
            if not name.startswith("m"):
                continue
            shares = tuple(int(m.group(1)) if (m := _PCT.match(table.cell(r, c).text.strip())) else None
                           for c, _ in cols)
            rows.append((re.sub(r"^m\w{0,2}c\s+", "", name), shares, r))
        topic = topic_of(table.title or (table.context[-1] if table.context else ""))
        if rows:
            out.append(ShareBlock(t, topic, cols, tuple(rows)))
    return out
