"""The one cell that explains a discrepancy, with a confidence and the evidence.

When a row does not add up, every printed number in it is a suspect.  For each
one we ask what value would make the row right, and how believable that value
is: does the rest of the column print it (the column's pattern across units)?
does another table print it (the category table)?  is the printed figure one
misread away from it (an OCR confusion 9/2, 5/6, 8/3, swapped digits, a
dropped decimal comma "8,5" → "85")?  The best-supported suspect is named when
the evidence clearly favours it; otherwise nothing is guessed.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

#: Digits scanners and tired eyes confuse, both ways.
OCR_PAIRS = frozenset({("9", "2"), ("5", "6"), ("8", "3"), ("1", "7"), ("0", "8"),
                       ("6", "8"), ("3", "5"), ("0", "6"), ("4", "1"), ("8", "9")})


def _confusable(a: str, b: str) -> bool:
    return (a, b) in OCR_PAIRS or (b, a) in OCR_PAIRS


@dataclass(frozen=True)
class Pattern:
    """What the other units print in one column."""

    value: Decimal | None
    agree: int           # how many other units print `value`
    others: int          # how many other units print a number there
    low: Decimal | None
    high: Decimal | None

    @property
    def share(self) -> float:
        return self.agree / self.others if self.others else 0.0


def column_pattern(values: list[Decimal | None], skip: int) -> Pattern:
    others = [v for i, v in enumerate(values) if i != skip and v is not None]
    if not others:
        return Pattern(None, 0, 0, None, None)
    value, agree = Counter(others).most_common(1)[0]
    return Pattern(value, agree, len(others), min(others), max(others))


@dataclass(frozen=True)
class Candidate:
    col: int
    printed: str
    proposed: Decimal
    score: float
    cause: str                 # "ocr" | "swap" | "decimal" | "missing" | "" (publication error)
    pattern: Pattern | None = None
    across: Decimal | None = None      # the value another table prints for this cell
    is_total: bool = False


def misreading(printed: str, proposed: Decimal, places: int) -> str:
    """How *printed* could be a misreading of *proposed*: "ocr", "swap", "decimal" or ""."""
    digits = "".join(ch for ch in printed if ch.isdigit())
    if proposed < 0:
        return ""
    if places or proposed == proposed.to_integral_value():
        shaped = f"{proposed.quantize(Decimal(1).scaleb(-places)):f}"
    else:
        shaped = f"{proposed.normalize():f}"
    want = "".join(ch for ch in shaped if ch.isdigit()).lstrip("0") or "0"
    digits_n = digits.lstrip("0") or "0"
    if len(want) == len(digits_n):
        diff = [i for i in range(len(want)) if want[i] != digits_n[i]]
        if len(diff) == 1 and _confusable(want[diff[0]], digits_n[diff[0]]):
            return "ocr"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and want[diff[0]] == digits_n[diff[1]] \
                and want[diff[1]] == digits_n[diff[0]]:
            return "swap"
    if proposed != proposed.to_integral_value() and places == 0:
        frac = proposed.normalize()
        if "".join(ch for ch in f"{frac:f}" if ch.isdigit()).lstrip("0") == digits_n:
            return "decimal"
    return ""


def score_component(col: int, printed: str, value: Decimal | None, places: int,
                    proposed: Decimal, pattern: Pattern, across: Decimal | None = None) -> Candidate:
    """How believable it is that the cell at *col* should read *proposed*."""
    if proposed < 0:
        return Candidate(col, printed, proposed, 0.0, "", pattern)
    score, cause = 0.05, "missing" if value is None else misreading(printed, proposed, places)
    if cause == "missing":
        score += 0.35
    elif cause:
        score += 0.3
    if pattern.value is not None and proposed == pattern.value and pattern.others >= 2:
        score += 0.45 * pattern.share
    elif pattern.low is not None and pattern.low <= proposed <= pattern.high:
        score += 0.08
    if value is not None and pattern.high is not None and pattern.others >= 2 \
            and not (pattern.low <= value <= pattern.high):
        score += 0.12        # the printed figure is out of the column's range
    if across is not None:
        score += 0.45 if across == proposed else (-0.3 if value is not None and across == value else 0)
    return Candidate(col, printed, proposed, score, cause, pattern, across)


def score_total(col: int, printed: str, value: Decimal | None, places: int,
                proposed: Decimal, across: Decimal | None = None) -> Candidate:
    """How believable it is that the total itself is the misprint."""
    score, cause = 0.05, "missing" if value is None else misreading(printed, proposed, places)
    if cause == "missing":
        score += 0.5
    elif cause:
        score += 0.3
    if across is not None:
        score += 0.5 if across == proposed else (-0.3 if across == value else 0)
    return Candidate(col, printed, proposed, score, cause, None, across, is_total=True)


def choose(candidates: list[Candidate], threshold: float = 0.3) -> tuple[Candidate | None, float]:
    """The best candidate and its confidence, or (None, 0) when the evidence is not clear."""
    ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
    if not ranked or ranked[0].score < threshold:
        return None, 0.0
    best = ranked[0]
    runner = ranked[1].score if len(ranked) > 1 else 0.0
    if runner >= best.score - 0.05:
        return None, 0.0
    confidence = min(0.97, best.score) * (1 - 0.5 * max(0.0, runner) / best.score)
    return best, round(confidence, 2)
