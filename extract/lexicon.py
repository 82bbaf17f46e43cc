"""Vietnamese words: underthesea's Viet74K word list (shipped with underthesea) as
syllables and as the two-syllable sequences inside its entries.

Two readers lean on it: the OCR reader, to tell which of two readings of the same
ink reads as Vietnamese ("Tỷ lệ" or "Tỷ lê", "trao đổi" or "trao đối"), and
normalize/text.py, to put back the letters a scraper dropped.

    >>> marks_in_doubt("Trao đổi văn bản"), marks_in_doubt("Trao đối văn bản")
    (False, True)
    >>> remarked("Trao đối văn bản", words_seen(["trao đổi"]))
    'Trao đổi văn bản'
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .interpret import fold

_VOWEL = re.compile(r"[aăâeêioôơuưyà-ỹ]")
_WORD = re.compile(r"[^\W\d_]+")
COMMON = 10


@lru_cache(maxsize=65536)
def tone(word: str) -> str:
    """NFC and the modern tone-mark place ('hoà' → 'hòa', 'uỷ' → 'ủy'), per underthesea."""
    from underthesea.pipeline.text_normalize import token_normalize
    return token_normalize(unicodedata.normalize("NFC", word))


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Viet74K → (syllables, two-syllable sequences inside its entries), lower case."""
    raw, toned = _entries()
    syllables = {t for t in toned.values() if _VOWEL.search(t)}   # not 'kt', 'km'…
    pairs = {(toned[a], toned[b]) for parts in raw for a, b in zip(parts, parts[1:])}
    return frozenset(syllables), frozenset(pairs)


@lru_cache(maxsize=1)
def _entries() -> tuple[list[list[str]], dict[str, str]]:
    import underthesea
    path = Path(underthesea.__file__).parent / "corpus" / "data" / "Viet74K.txt"
    raw = [line.strip().lower().replace("-", " ").split()
           for line in path.read_text(encoding="utf-8").splitlines()]
    return raw, {w: tone(w) for w in {w for parts in raw for w in parts}}


@lru_cache(maxsize=1)
def _entry_counts() -> Counter:
    """Syllable → how many entries of the list hold it: how common a syllable is."""
    raw, toned = _entries()
    return Counter(toned[w] for parts in raw for w in set(parts))


@lru_cache(maxsize=1)
def _bare_pairs() -> frozenset[tuple[str, str]]:
    return frozenset((fold(a), fold(b)) for a, b in lexicon()[1])


def marks_in_doubt(text: str) -> bool:
    """Two neighbouring words, neither of them part of a two-syllable word of the list
    with its other neighbour, that are no such word themselves while the same letters
    with other marks are ('Tỷ lê', 'nôi bô', 'HẸ THÔNG'): a tone mark or a vowel's
    hat may have been misread."""
    return bool(_Words(unicodedata.normalize("NFC", text)).doubtful)


class _Words:
    """The words of a text (NFC), lower case; the pairs of neighbours (only blanks and
    punctuation between: a number parts 'hành = 1; Không'); the words that are part of
    a two-syllable word of the list with a neighbour ('sure'); and where the doubtful
    pairs start (not where a name begins)."""

    def __init__(self, text: str):
        self.found = list(_WORD.finditer(text))
        self.low = [tone(m.group().lower()) for m in self.found]
        near = [k for k in range(len(self.found) - 1)
                if not any(ch.isalnum() for ch in text[self.found[k].end():self.found[k + 1].start()])]
        pairs, bare = lexicon()[1], _bare_pairs()
        self.sure = {i for k in near if (self.low[k], self.low[k + 1]) in pairs for i in (k, k + 1)}
        self.doubtful = [k for k in near if k not in self.sure and k + 1 not in self.sure
                         and (fold(self.low[k]), fold(self.low[k + 1])) in bare
                         and not self._name_begins(k + 1)]

    def _name_begins(self, k: int) -> bool:
        """'huyện Phù Yên': a capital after a small letter starts a name, which no
        word of the list runs into."""
        return self.found[k].group()[:1].isupper() and self.found[k - 1].group()[:1].islower()

    def free(self) -> list[str]:
        """Words printed on their own: in no two-syllable word, and in no doubtful pair
        (a misreading repeated over a page tells nothing of the word)."""
        doubt = self._in_doubt()
        return [w for k, w in enumerate(self.low) if k not in self.sure and k not in doubt]

    def trusted(self) -> list[str]:
        """Words in no doubtful pair."""
        doubt = self._in_doubt()
        return [w for k, w in enumerate(self.low) if k not in doubt]

    def _in_doubt(self) -> set[int]:
        return {i for k in self.doubtful for i in (k, k + 1)}


@lru_cache(maxsize=1)
def _pair_index() -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    index: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for a, b in lexicon()[1]:
        index.setdefault((fold(a), fold(b)), []).append((a, b))
    return {k: tuple(sorted(v)) for k, v in index.items()}


def _mark_cost(read: str, word: str) -> int:
    """Marks to add or take away to turn one reading of a word into the other."""
    cost = 0
    for x, y in zip(read, word):
        dx, dy = unicodedata.normalize("NFD", x), unicodedata.normalize("NFD", y)
        cost += len(set(dx[1:]) ^ set(dy[1:])) + 3 * (dx[0] != dy[0])   # 'đ' for 'd': rare
    return cost


@dataclass(frozen=True)
class Seen:
    """The words a document prints, lower case, counted: all of them, the 'free'
    ones (see _Words.free) and the trusted ones (in no doubtful pair)."""
    words: Counter
    free: Counter
    trusted: Counter


def words_seen(texts) -> Seen:
    words, free, trusted = Counter(), Counter(), Counter()
    for text in texts:
        w = _Words(unicodedata.normalize("NFC", text))
        words.update(w.low)
        free.update(w.free())
        trusted.update(w.trusted())
    return Seen(words, free, trusted)


def is_stopword(word: str) -> bool:
    return tone(word.lower()) in _stopwords()


def remarked(text: str, seen: Seen) -> str:
    """*text* with the marks of a doubtful pair of words (see marks_in_doubt) put as
    the two-syllable word of the list with the same letters, when one such word needs
    the fewest marks changed and every word it changes is likely (_likely):
    'Tỷ lê' → 'Tỷ lệ', 'nôi bô' → 'nội bộ' (not 'nói bộ'), 'KẾT QUA' → 'KẾT QUẢ';
    'trên trang' stays ('trèn trắng' is a word too, but a rare one), and so does
    'UBND huyện Phù Yên' where the document prints 'huyện' before other names
    ('huyền phù' is a word).  Letters, numbers and punctuation are never changed."""
    text = unicodedata.normalize("NFC", text)
    w = _Words(text)
    own = Counter(w.free())
    index = _pair_index()
    best = []                        # (marks changed, where, the word of the list)
    for k in w.doubtful:
        a, b = w.low[k], w.low[k + 1]
        options = sorted((_mark_cost(a, x) + _mark_cost(b, y), (x, y))
                         for x, y in index.get((fold(a), fold(b)), ())
                         if len(x) == len(a) and len(y) == len(b)
                         and all(_likely(n, r, seen, own) for n, r in ((x, a), (y, b))))
        if options and (len(options) == 1 or options[0][0] < options[1][0]):
            best.append((options[0][0], k, options[0][1]))
    new: dict[int, str] = {}
    for _, k, (x, y) in sorted(best):          # the fewest marks first: 'nôi bô' → 'nội bộ'
        if k not in new and k + 1 not in new:   # before 'trong nôi' → 'trống nổi'
            new[k], new[k + 1] = x, y
    if not new:
        return text
    out, last = [], 0
    for k, m in enumerate(w.found):
        if k in new:
            out += [text[last:m.start()], _recased(m.group(), new[k])]
            last = m.end()
    return "".join(out) + text[last:]


def _likely(word: str, read: str, seen: Seen, own: Counter) -> bool:
    """*word* may stand for *read*: the same; or *read* is no syllable at all ('sach');
    or *read* is no stop word (underthesea's list: 'là', 'có', 'của'…) and the rest
    of the document does not print *read* on its own more often than it prints
    *word*, and *word* is printed there or is a common syllable (in COMMON entries of
    the list or more: 'nhận' is in 60, 'trèn' in 2)."""
    if word == read or read not in lexicon()[0]:
        return True
    if read in _stopwords():
        return False            # 'là', 'có', 'qua': printed most, read best
    return (seen.free[read] - own[read] <= seen.words[word]
            and (seen.words[word] > 0 or _entry_counts()[word] >= COMMON))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    import underthesea
    path = Path(underthesea.__file__).parent / "datasets" / "stopwords" / "stopwords.txt"
    return frozenset(tone(w.strip().lower()) for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip())


def _recased(printed: str, word: str) -> str:
    return "".join(w.upper() if p.isupper() else w for p, w in zip(printed, word))
