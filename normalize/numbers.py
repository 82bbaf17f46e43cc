"""Printed numbers → `Decimal`, keeping what was printed and its precision.

Two conventions meet in the seeds: Vietnamese decimal comma and thousands point
("83,8" = 83.8, "1.000" = one thousand, "70,0") and the point decimal some
portals print ("41.0", "16.7").  Only a separator followed by exactly three
digits ("1.000", "97,685") depends on the convention; every other shape reads
the same either way.  A document's convention is decided once
(`detect_convention`) and passed to `parse_number`; without one, such a value
is read the Vietnamese way and marked `ambiguous`.

    >>> parse_number("83,8")
    Number(text='83,8', value=Decimal('83.8'), places=1, kind='decimal', ambiguous=False, extra=None)
    >>> parse_number("1.000").value, parse_number("1.000").ambiguous
    (Decimal('1000'), True)
    >>> parse_number("1.000", "point").value
    Decimal('1.000')

Kinds: "int", "decimal", "percent" (value is the printed figure: "67%" → 67),
"rank" ("01 (0,727)" → value 1, extra 0.727: a rank with its index beside it),
"empty" ("" or a lone dash), "invalid" (anything else: "2.8.2", "x", "Nhất").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable

CONVENTIONS = ("comma", "point")
_DASHES = {"-", "–", "—", "−"}
_SIGN = r"(?P<sign>[-−–]?)"
_PLAIN = re.compile(_SIGN + r"(?P<int>\d+)$")
_ONE_SEP = re.compile(_SIGN + r"(?P<int>\d+)(?P<sep>[.,])(?P<frac>\d+)$")
_GROUPED = re.compile(_SIGN + r"(?P<int>\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})+)"
                      r"(?:(?P<dec>[.,])(?P<frac>\d+))?$")
_PERCENT = re.compile(r"^(?P<num>.+?)\s*%$")
_RANK = re.compile(r"^(?P<rank>\d+)\s*\(\s*(?P<extra>[^()]+?)\s*\)$")


@dataclass(frozen=True)
class Number:
    text: str
    value: Decimal | None
    places: int
    kind: str  # "int" | "decimal" | "percent" | "rank" | "empty" | "invalid"
    ambiguous: bool = False
    extra: Decimal | None = None


def parse_number(text: str, convention: str | None = None) -> Number:
    """Read one printed number; never raises on a bad value (kind "invalid")."""
    if convention not in (None, *CONVENTIONS):
        raise ValueError(f"convention must be 'comma', 'point' or None, not {convention!r}")
    stripped = " ".join(text.split())
    if stripped == "" or stripped in _DASHES:
        return Number(text, None, 0, "empty")
    for reader in (_read_percent, _read_rank, _read_plain):
        number = reader(text, stripped, convention)
        if number is not None:
            return number
    return Number(text, None, 0, "invalid")


def _read_percent(text: str, stripped: str, convention: str | None) -> Number | None:
    m = _PERCENT.match(stripped)
    if not m:
        return None
    inner = _read_plain(text, m.group("num"), convention)
    if inner is None:
        return None
    return Number(text, inner.value, inner.places, "percent", inner.ambiguous)


def _read_rank(text: str, stripped: str, convention: str | None) -> Number | None:
    m = _RANK.match(stripped)
    if not m:
        return None
    extra = _read_plain(m.group("extra"), m.group("extra"), convention)
    if extra is None:
        return None
    return Number(text, Decimal(m.group("rank")), 0, "rank", extra.ambiguous, extra.value)


def _read_plain(text: str, stripped: str, convention: str | None) -> Number | None:
    if m := _PLAIN.match(stripped):
        return Number(text, _signed(m["sign"], m["int"]), 0, "int")
    if m := _ONE_SEP.match(stripped):
        return _one_separator(text, m, convention)
    if m := _GROUPED.match(stripped):
        return _grouped(text, m, convention)
    return None


def _one_separator(text: str, m: re.Match, convention: str | None) -> Number:
    """'83,8', '41.0', and the convention-dependent '1.000' / '97,685'."""
    sep, whole, frac = m["sep"], m["int"], m["frac"]
    if len(frac) != 3:
        return _decimal(text, m["sign"], whole, frac)
    thousands_sep = {"comma": ".", "point": ","}.get(convention or "comma")
    if sep == thousands_sep and whole != "0":
        return Number(text, _signed(m["sign"], whole + frac), 0, "int", convention is None)
    return _decimal(text, m["sign"], whole, frac, ambiguous=convention is None and whole != "0")


def _grouped(text: str, m: re.Match, convention: str | None) -> Number | None:
    """'1.000.000' or '1,234,567.5': the repeated separator can only group thousands."""
    sep, dec = m["sep"], m["dec"]
    if dec is not None and dec == sep:
        return None
    digits = m["int"].replace(sep, "")
    if dec is None:
        return Number(text, _signed(m["sign"], digits), 0, "int")
    return _decimal(text, m["sign"], digits, m["frac"])


def _decimal(text: str, sign: str, whole: str, frac: str, *, ambiguous: bool = False) -> Number:
    return Number(text, _signed(sign, f"{whole}.{frac}"), len(frac), "decimal", ambiguous)


def _signed(sign: str, digits: str) -> Decimal:
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the patterns only let digits through
        raise ValueError(digits)
    return -value if sign else value


_COMMA_DECIMAL = re.compile(r"^[-−–]?\d+,(\d{1,2}|\d{4,})%?$")
_POINT_DECIMAL = re.compile(r"^[-−–]?\d+\.(\d{1,2}|\d{4,})%?$")
_POINT_THOUSANDS = re.compile(r"^[-−–]?\d{1,3}(\.\d{3})+(,\d+)?%?$")
_COMMA_THOUSANDS = re.compile(r"^[-−–]?\d{1,3}(,\d{3})+(\.\d+)?%?$")


def detect_convention(texts: Iterable[str]) -> str:
    """'comma' or 'point' for a whole document, by the shapes only one convention prints.

    Evidence for comma: '83,8', '1.000.000', '1.000,5'; for point: '41.0',
    '1,000,000'.  A lone three-digit group says nothing.  No evidence (or a
    tie) → 'comma', the Vietnamese standard.  Pass only the cells that hold
    numbers: criterion ids such as '2.1' look like point decimals.
    """
    comma = point = 0
    for text in texts:
        t = text.strip()
        if _COMMA_DECIMAL.match(t) or (_POINT_THOUSANDS.match(t) and ("," in t or t.count(".") > 1)):
            comma += 1
        elif _POINT_DECIMAL.match(t) or (_COMMA_THOUSANDS.match(t) and ("." in t or t.count(",") > 1)):
            point += 1
    return "point" if point > comma else "comma"
