"""Damaged Vietnamese text: tone-mark normalization and proposals to restore
letters a scraper dropped.

The seeds lose whole precomposed letters of the Latin Extended Additional
block (U+1EA0–U+1EF9: ể ổ ạ ố ả ệ ử ỷ Ế …), sometimes with the space after
them: "Tng điểm" (Tổng), "văn bn" (bản), "Ththao" (Thể thao), "Tlệ" (Tỷ lệ).
A Vietnamese syllable carries one tone mark, so it holds at most one letter of
that block: a damaged syllable is repaired by inserting exactly one letter.

The recipe for one token: not a syllable of the inventory (underthesea's
Viet74K word list, shipped with the package) → every one-letter insertion
(and insertion plus space) that yields valid syllables → ranked by context:
the neighbouring syllables in the same text (the document usually prints the
word intact elsewhere) and the two-syllable words of Viet74K.  Proposals are
stored beside the printed text with a confidence; nothing is replaced.

    >>> [(r.printed, r.proposed) for r in repair_proposals("Tng điểm của văn bn và văn bản")]
    [('Tng', 'Tổng'), ('bn', 'bản')]
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..extract.lexicon import lexicon
from .keys import tone

LEA_LOWER = tuple(chr(c) for c in range(0x1EA1, 0x1EFA, 2))   # ạ ả ấ … ỹ
LEA = frozenset(chr(c) for c in range(0x1EA0, 0x1EFA))
MIN_CONFIDENCE = 0.5          # proposals below this are not returned by default
DAMAGED_SHARE = 0.002         # share of repairable syllables above which a document is damaged
_WORD = re.compile(r"[^\W\d_]+")
_CHUNK = re.compile(r"\S+")
_CODE = re.compile(r"[\d/@_]|[^\W\d_]\.[^\W\d_]")


@dataclass(frozen=True)
class Repair:
    start: int            # offsets in the text given (NFC), [start, end)
    end: int
    printed: str
    proposed: str
    confidence: float
    kind: str = "dropped-letter"   # or "glued" (two cells printed without a space)


def nfc_tone(text: str) -> str:
    """NFC, and tone marks where modern spelling puts them ('hoá' → 'hóa'), word by word."""
    text = unicodedata.normalize("NFC", text)
    return _WORD.sub(lambda m: _keep_case(m.group(), tone(m.group().lower())), text)


def _keep_case(printed: str, word: str) -> str:
    if printed.isupper() and len(printed) > 1:
        return word.upper()
    if printed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def is_syllable(word: str) -> bool:
    """In the inventory; a lone consonant letter ('l', 't') is a syllable that lost its vowel."""
    low = tone(word.lower())
    return low in lexicon()[0] and not (len(low) == 1 and low in "bcdđghklmnpqrstvx")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    prev: str | None      # lower-case neighbours on the same line
    next: str | None


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for base, line, words in _lines(text):
        mixed = any(ch.islower() for ch in line)
        for i, m in enumerate(words):
            if _acronym(m.group()) and (mixed or line[m.end():m.end() + 1] == "."):
                continue                      # 'CNTT' in running text, 'KT. CHỦ TỊCH'
            if len(m.group()) == 1 and not _embedded(line, words, i):
                continue                      # 'b = …', 'B. Chỉ số', '(a b c d)'

            prev = words[i - 1].group().lower() if i else None
            nxt = words[i + 1].group().lower() if i + 1 < len(words) else None
            out.append(_Token(base + m.start(), base + m.end(), m.group(), prev, nxt))
    return out


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        code = [(c.start(), c.end()) for c in _CHUNK.finditer(line) if _is_code(c.group())]
        yield pos, line, [m for m in _WORD.finditer(line)
                          if not any(a <= m.start() < b for a, b in code)]
        pos += len(line) + 1


def _embedded(line: str, words: list[re.Match], i: int) -> bool:
    """A lone lower-case letter between words of running text: 'Tỷ l văn', 'điện t công'."""
    m = words[i]
    before, after = line[:m.start()], line[m.end():]
    prev_ok = i > 0 and len(words[i - 1].group()) > 1 and before.endswith(words[i - 1].group() + " ")
    next_ok = after.strip() == "" or (i + 1 < len(words) and len(words[i + 1].group()) > 1
                                      and after.startswith(" " + words[i + 1].group()))
    return m.group().islower() and prev_ok and next_ok


def _is_code(chunk: str) -> bool:
    """A run of non-blanks that is an address, a number or a document code ('gov.vn',
    '60/TTr-STTTT'); its words are not checked as syllables."""
    return bool(_CODE.search(chunk.strip(".,;:()\"'“”")))


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _context(stats: Counter, cand: list[str], tok: _Token) -> int:
    """Evidence for a candidate: neighbouring pairs printed intact in the same text (strong),
    pairs inside Viet74K entries (weak), and how often the repaired syllable is printed intact."""
    pairs = lexicon()[1]
    seen = stats[cand[0]]
    score = (seen >= 3) + (seen >= 20)
    for pair in ((tok.prev, cand[0]), (cand[-1], tok.next), tuple(cand) if len(cand) == 2 else None):
        if pair and pair[0] and pair[1]:
            score += 2 * min(stats[pair], 3) + (pair in pairs)
    return score


@lru_cache(maxsize=4)
def context_stats(context: str) -> Counter:
    return _text_stats(_tokens(unicodedata.normalize("NFC", context)))


def _text_stats(tokens: list[_Token]) -> Counter:
    stats: Counter = Counter()
    for t in tokens:
        stats[tone(t.text.lower())] += 1
        if t.next:
            stats[(tone(t.text.lower()), tone(t.next))] += 1
    return stats


def insertions(word: str) -> list[list[str]]:
    """Lower-case repairs of one token: one dropped letter put back (and a space after it)."""
    low = word.lower()
    syllables = lexicon()[0]
    out: list[list[str]] = []
    for pos in range(len(low) + 1):
        for letter in LEA_LOWER:
            joined = tone(low[:pos] + letter + low[pos:])
            if joined in syllables:
                out.append([joined])
            head, tail = tone(low[:pos] + letter), low[pos:]
            if pos and tail and head in syllables and (tone(tail) in syllables or _tail_acronym(word, pos)):
                out.append([head, tail if _tail_acronym(word, pos) else tone(tail)])
    return out


def _tail_acronym(word: str, pos: int) -> bool:
    """'lCBCC' = 'lệ' + 'CBCC': a lower-case head glued to an acronym."""
    return _acronym(word[pos:]) and word[:pos].islower()


def _recase(word: str, cand: list[str], lower_len: int) -> str:
    text = " ".join(cand)
    if word.isupper() and len(word) > 1:
        return text.upper()
    if word[:1].isupper():
        text = text[:1].upper() + text[1:]
    if len(cand) == 2 and word[-len(cand[1]):].isupper():   # 'lCBCC' → 'lệ CBCC'
        text = cand[0] + " " + word[-len(cand[1]):]
        text = text[:1].upper() + text[1:] if word[:1].isupper() else text
    return text


def _attested_split(stats: Counter, cand: list[str]) -> bool:
    """A repair that also restores a space needs the two syllables seen together."""
    return len(cand) == 1 or (len(cand[1]) > 1 and (stats[tuple(cand)] > 0 or tuple(cand) in lexicon()[1]))


def _decide(tok: _Token, stats: Counter) -> Repair | None:
    cands = [c for c in insertions(tok.text) if _attested_split(stats, c)]
    if not cands:
        return None
    scored = sorted(((_context(stats, c, tok), c) for c in cands), key=lambda t: -t[0])
    best_score, best = scored[0]
    rivals = [s for s, c in scored[1:] if c != best]
    runner = rivals[0] if rivals else -1
    if _acronym(tok.text) and best_score < 2:
        return None                           # a heading in capitals: only with context
    margin = best_score - max(runner, 0)
    if best_score >= 2 and margin >= 2:
        conf = 0.95
    elif best_score >= 2 and margin >= 1:
        conf = 0.8
    elif margin >= 1:
        conf = 0.6
    else:
        conf = 0.55 if not rivals else 0.2
    return Repair(tok.start, tok.end, tok.text, _recase(tok.text, best, len(tok.text)), conf)


def _glued(tok: _Token) -> Repair | None:
    """'bảnQuyết' → 'bản Quyết': two cells printed without the space between them."""
    word = tok.text
    cut = next((i for i in range(1, len(word)) if word[i - 1].islower() and word[i].isupper()), 0)
    if not cut or not (is_syllable(word[:cut]) and is_syllable(word[cut:])):
        return None
    return Repair(tok.start, tok.end, word, f"{word[:cut]} {word[cut:]}", 0.9, "glued")


def repair_proposals(text: str, min_confidence: float = MIN_CONFIDENCE,
                     context: str | None = None) -> list[Repair]:
    """Proposals for the damaged words of `text`.  The words printed intact around them
    are the best evidence: pass a whole document as `text`, or as `context` when `text`
    is one cell of it."""
    text = unicodedata.normalize("NFC", text)
    tokens = _tokens(text)
    stats = context_stats(context) if context is not None else _text_stats(tokens)
    out: list[Repair] = []
    for tok in tokens:
        if is_syllable(tok.text):
            continue
        repair = _glued(tok) or _decide(tok, stats)
        if repair is not None and repair.confidence >= min_confidence:
            out.append(repair)
    return out


def damage_share(texts: Iterable[str]) -> float:
    """Share of a text's words that are not syllables but become one with a letter put back."""
    total = damaged = 0
    for text in texts:
        for tok in _tokens(unicodedata.normalize("NFC", text)):
            if _acronym(tok.text):
                continue
            total += 1
            damaged += not is_syllable(tok.text) and bool(insertions(tok.text))
    return damaged / total if total else 0.0


def is_damaged(texts: Iterable[str]) -> bool:
    return damage_share(texts) >= DAMAGED_SHARE
