"""The claims the checker understands, as data: `validate/data/phrasebook.tsv`.

One line per phrase: an id, the rule whose check reads it, a regular expression, an
example from a real source (with the values it must yield), where that example was
printed, and paraphrases (each with its values).  Patterns match the text folded —
lower case, no diacritics, "đ" as "d", spaces collapsed — so "Điểm trung bình" is
"diem trung binh"; named groups are what the check reads (value, count, of, pct, …).
Every phrase is understood on its own: no pattern needs another to be read.

    >>> [h.text("value") for h in find("claim-average", "Điểm trung bình là 68/100 điểm")]
    ['68']
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "phrasebook.tsv"


@dataclass(frozen=True)
class Phrase:
    id: str
    rule: str
    pattern: re.Pattern
    example: str
    source: str
    paraphrases: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    """One match in a text: the phrase, the text as printed and the match on its folded form
    (which has the same length, so spans point into the printed text)."""

    phrase: Phrase
    printed: str
    match: re.Match

    def text(self, group: str) -> str | None:
        """A group as printed (with its diacritics), or None when it did not take part."""
        if group not in self.match.re.groupindex or self.match.group(group) is None:
            return None
        a, b = self.match.span(group)
        return self.printed[a:b]

    @property
    def span(self) -> tuple[int, int]:
        return self.match.span()


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if len(base.lower()) == 1 else ch


@lru_cache(maxsize=512)
def fold_keep(text: str) -> str:
    """fold() that keeps the length: one folded character for each printed one."""
    return "".join(map(_fold_char, text))


def spaced(text: str) -> str:
    """Whitespace collapsed: the printed text the hits point into."""
    return " ".join(text.split())


@lru_cache(maxsize=1)
def phrasebook() -> tuple[Phrase, ...]:
    with PATH.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return tuple(Phrase(r["id"], r["rule"], re.compile(r["pattern"]), r["example"], r["source"],
                        tuple(x.strip() for x in r["paraphrases"].split(" || ") if x.strip()))
                 for r in rows)


def phrases(rule: str | None = None, id: str | None = None) -> tuple[Phrase, ...]:
    return tuple(p for p in phrasebook() if (rule is None or p.rule == rule)
                 and (id is None or p.id == id))


def find(rule: str | None, text: str, id: str | None = None) -> list[Hit]:
    """Every hit of the phrases of *rule* (or the one phrase *id*) in *text*, in order."""
    printed = spaced(text)
    folded = fold_keep(printed)
    hits = [Hit(p, printed, m) for p in phrases(rule, id) for m in p.pattern.finditer(folded)]
    return sorted(hits, key=lambda h: h.span)


def sample(entry: str) -> tuple[str, dict[str, str]]:
    """"sentence => key=value; key=value" → the sentence and the values it must yield."""
    sentence, _, want = entry.partition(" => ")
    pairs = [x.split("=", 1) for x in want.split(";") if "=" in x]
    return sentence.strip(), {k.strip(): v.strip() for k, v in pairs}
