"""Agency names → canonical identities: `matched`, `ambiguous` or `unknown`.

The recipe: `parse_name` (NFC, tone marks, abbreviations expanded on token
boundaries, level marker read off the front) → the candidate pool for that
level and province (a Sở never meets a huyện; a Sơn La name never meets Hòa
Bình's list) → rapidfuzz `process.cdist` on accented and on folded keys →
a check for letters dropped from the Latin Extended Additional block (the
seeds' damage) → the year: a unit the province did not have that year is
`unknown`, never the nearest one it had.

    >>> match_name("Sở Kế hoạch - Đầu tư", province="Hòa Bình", year=2017).id
    'hoa-binh/dept:ke-hoach-dau-tu'
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Iterable, NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from .gazetteer import LEVELS, Entry, Gazetteer, find_province, gazetteer, prefers_2025
from .keys import Query, fold, parse_name, without_province_word

MATCHED = 0.86        # lowest score given as matched …
MARGIN = 0.05         # … and by at least this much over the next identity
AMBIGUOUS = 0.75      # below this: unknown
TYPE_PENALTY = 0.06   # "huyện X" printed, "thị xã X" in the gazetteer
FOLD_PENALTY = 0.04   # a score earned only once diacritics are gone
DROPPED = 0.97        # printed = gazetteer key minus some U+1EA0–U+1EF9 letters
LEA = "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
#: A folded ratio (0–100, rounded) at most this cannot reach the lowest score `_rank`
#: examines (AMBIGUOUS - TYPE_PENALTY - 0.1 = 0.59), even before rounding.
FOLDED_FLOOR = 57
BLOCKING = 3000       # pools larger than this are compared block by block
TOP_K = 8             # candidates per name examined after the bulk scoring


class Candidate(NamedTuple):
    """One identity considered for a name (immutable; a NamedTuple, cheap to make in bulk)."""
    id: str
    name: str
    score: float

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "score": self.score}


@dataclass(frozen=True)
class Match:
    input: str
    status: str                   # matched | ambiguous | unknown
    id: str | None
    name: str | None
    level: str | None             # department | district | commune | province
    province: str | None          # province id
    score: float
    method: str
    candidates: tuple[Candidate, ...] = ()
    flags: tuple[str, ...] = ()   # "unattested": a body some provinces have, no source seen here
    current: str | None = None    # the identity it continued as after the 2025 reorganisations

    def to_dict(self) -> dict:
        return {"input": self.input, "status": self.status, "id": self.id, "name": self.name,
                "level": self.level, "province": self.province, "score": self.score,
                "method": self.method, "candidates": [c.to_dict() for c in self.candidates],
                "flags": list(self.flags), "current": self.current}


@dataclass(frozen=True)
class Block:
    rows: np.ndarray                # row numbers in the pool
    acc: list[str]
    folded: list[str]


@dataclass(frozen=True)
class Pool:
    """Candidate keys of one level (and province), one row per key; large pools are
    split into blocks by the first two letters of the folded key."""
    entries: tuple[Entry, ...]
    acc: list[str]
    folded: list[str]
    owner: list[int]                # row → index in entries
    bare: bool                      # compare bare names (units) or full keys (departments)
    blocks: dict[str, Block]
    level: str | None = None        # "province": keys are bare names, compared with the bare


_VOWELS_SPACE = {ord(ch): None for ch in "aeiouy "}


def block_key(folded: str) -> str:
    """The first three consonants of the folded key: dropped letters, lost diacritics and
    OCR-misread vowels (all of U+1EA0–U+1EF9 are vowels) leave it unchanged."""
    return folded.translate(_VOWELS_SPACE)[:3]


def make_pool(entries: Iterable[Entry], bare: bool, level: str | None = None) -> Pool:
    entries = tuple(entries)
    rows = [(i, e.bare if bare else k) for i, e in enumerate(entries)
            for k in ((e.bare,) if bare else e.keys)]
    acc = [k for _, k in rows]
    folded = [fold(k) for k in acc]
    return Pool(entries, acc, folded, [i for i, _ in rows], bare,
                _blocks(acc, folded) if len(acc) > BLOCKING else {}, level)


def _blocks(acc: list[str], folded: list[str]) -> dict[str, Block]:
    members: dict[str, list[int]] = {}
    for r, f in enumerate(folded):
        members.setdefault(block_key(f), []).append(r)
    return {k: Block(np.array(rs, dtype=np.int32), [acc[r] for r in rs], [folded[r] for r in rs])
            for k, rs in members.items()}


_SKELETON = {ord(ch): None for ch in LEA + " "}


def skeleton(text: str) -> str:
    """The text without its U+1EA0–U+1EF9 letters and spaces."""
    return text.translate(_SKELETON)


def _dropped(candidate: str, printed: str) -> bool:
    """Printed = candidate with some U+1EA0–U+1EF9 letters (and spaces) gone: the same
    skeleton, and shorter."""
    return len(printed) < len(candidate) and skeleton(printed) == skeleton(candidate)


@dataclass
class Matcher:
    """Bulk matcher; build once, call `match` or `match_many`."""
    gaz: Gazetteer = field(default_factory=gazetteer)
    workers: int = 1

    def __post_init__(self):
        self._pools: dict[tuple, Pool] = {}

    # -- pools -----------------------------------------------------------
    def pool(self, level: str, province: str | None) -> Pool:
        key = (level, province if level != "department" else None)
        if key not in self._pools:
            self._pools[key] = self._build(level, key[1])
        return self._pools[key]

    def _build(self, level: str, province: str | None) -> Pool:
        if level == "department":
            return make_pool(self.gaz.departments, bare=False)
        if level == "province":
            return make_pool(self.gaz.provinces, bare=False, level="province")
        return make_pool((u for u in self.gaz.units if u.level == level
                          and (province is None or u.province == province)), bare=True)

    # -- public ----------------------------------------------------------
    def match(self, name: str, *, province: str | None = None, year: int | None = None,
              level: str | None = None) -> Match:
        return self.match_many([name], province=province, year=year, level=level)[0]

    def match_many(self, names: Iterable[str], *, province: str | None = None,
                   year: int | None = None, level: str | None = None,
                   processes: int = 1) -> list[Match]:
        """Match many names at once (each distinct name once); `processes` > 1 splits a
        large batch over forked worker processes that share the built gazetteer."""
        names = list(names)
        distinct = list(dict.fromkeys(names))
        if processes > 1 and len(distinct) >= PARALLEL_MIN:
            found = dict(zip(distinct, _in_processes(self, distinct, province, year, level, processes)))
            return [found[n] for n in names]
        return self._match_many(names, province, year, level)

    def _match_many(self, names: list[str], province: str | None, year: int | None,
                    level: str | None) -> list[Match]:
        """Each distinct key is scored once: 'SỞ Y TẾ', 'Sở Y tế.' and 'Sở Y tế' share one."""
        pid = self._province_id(province, year)
        own = self._province_names(pid)
        queries = {n: _drop_province(parse_name(n), own) for n in dict.fromkeys(names)}
        by_key = {_signature(q): q for q in queries.values()}
        groups: dict[str, list[tuple]] = {}
        for sig, q in by_key.items():
            for lv in self._levels(q, level):
                groups.setdefault(lv, []).append(sig)
        scored: dict[tuple, list[tuple[Entry, float, str]]] = {sig: [] for sig in by_key}
        for lv in sorted(groups, key=LEVELS.index):     # one order whatever the batch holds:
            sigs = groups[lv]                           # ties rank alike in a worker and alone
            for sig, ranked in zip(sigs, self._score(self.pool(lv, pid), [by_key[s] for s in sigs])):
                scored[sig].extend(ranked)
        decided = {sig: self._decide(q, scored[sig], pid, year) for sig, q in by_key.items()}
        return [_for_input(decided[_signature(queries[n])], n) for n in names]

    # -- steps -----------------------------------------------------------
    def _province_id(self, province: str | None, year: int | None) -> str | None:
        if province is None:
            return None
        found = find_province(province, year)
        if found is None:
            raise ValueError(f"unknown province {province!r}")
        return found.id

    def _province_names(self, pid: str | None) -> tuple[str, ...]:
        entry = self.gaz.province(pid)
        return tuple(sorted(entry.keys, key=len, reverse=True)) if entry else ()

    @staticmethod
    def _levels(q: Query, level: str | None) -> tuple[str, ...]:
        if level == "province" and q.level != "department":
            return ("province",)             # "TP. Đà Nẵng", "TT Huế": a type word, not a level
        if q.level is not None:
            return (q.level,)
        if level is not None:
            return (level,)
        return ("department", "district", "commune")

    def _score(self, pool: Pool, queries: list[Query]) -> list[list[tuple[Entry, float, str]]]:
        if not pool.entries or not queries:
            return [[] for _ in queries]
        printed = [q.bare if pool.bare or pool.level == "province" else q.key for q in queries]
        if not pool.blocks:
            whole = Block(np.arange(len(pool.acc), dtype=np.int32), pool.acc, pool.folded)
            return self._score_block(pool, whole, queries, printed)
        return self._score_blocked(pool, queries, printed)

    def _score_blocked(self, pool: Pool, queries: list[Query], printed: list[str]):
        out: list = [None] * len(queries)
        by_block: dict[str, list[int]] = {}
        for i, p in enumerate(printed):
            by_block.setdefault(block_key(fold(p)), []).append(i)
        for key, idx in by_block.items():
            block = pool.blocks.get(key)
            ranked = (self._score_block(pool, block, [queries[i] for i in idx], [printed[i] for i in idx])
                      if block is not None else [[] for _ in idx])
            for i, r in zip(idx, ranked):
                out[i] = r
        missed = [i for i, r in enumerate(out) if not r or max(s for _, s, _ in r) < AMBIGUOUS]
        if missed:                          # a damaged first letter: compare with everything
            whole = Block(np.arange(len(pool.acc), dtype=np.int32), pool.acc, pool.folded)
            for i, r in zip(missed, self._score_block(pool, whole, [queries[i] for i in missed],
                                                      [printed[i] for i in missed])):
                out[i] = r
        return out

    def _score_block(self, pool: Pool, block: Block, queries: list[Query], printed: list[str]):
        """cdist on the folded keys picks the TOP_K closest of the block (folding never
        lengthens an edit path, so no key closer with its accents is left out); the
        accented ratio is then taken for those only."""
        fol = process.cdist([fold(p) for p in printed], block.folded, scorer=fuzz.ratio,
                            dtype=np.uint8, workers=self.workers)
        k = min(TOP_K, fol.shape[1])
        top = np.argpartition(-fol.astype(np.int16), k - 1, axis=1)[:, :k]
        rows = block.rows[top].tolist()
        folded_scores = np.take_along_axis(fol, top, axis=1).tolist()
        return [self._rank(pool, q, p, rows[i], self._combined(pool, p, rows[i], folded_scores[i]))
                for i, (q, p) in enumerate(zip(queries, printed))]

    @staticmethod
    def _combined(pool: Pool, printed: str, rows: list[int], folded_scores: list[int]) -> list[float]:
        """The accented ratio, or the folded one less its penalty if higher.  Folding never
        lowers a ratio, so a key whose folded ratio (rounded) is at most FOLDED_FLOOR is
        below what `_rank` looks at whatever its accents: it is not compared again."""
        acc, penalty = pool.acc, 100 * FOLD_PENALTY
        return [max(fuzz.ratio(printed, acc[r], score_cutoff=f - penalty), f - penalty) / 100
                if f > FOLDED_FLOOR else 0.0
                for r, f in zip(rows, folded_scores)]

    def _rank(self, pool: Pool, q: Query, printed: str, rows: list[int],
              scores: list[float]) -> list[tuple[Entry, float, str]]:
        best: dict[int, tuple[float, str]] = {}
        folded, owner = fold(printed), pool.owner
        for r, raw in zip(rows, scores):
            if raw < AMBIGUOUS - TYPE_PENALTY - 0.1:
                continue
            i = owner[r]
            score, method = self._refine(pool, q, printed, folded, r, raw)
            if score > best.get(i, (-1.0, ""))[0]:
                best[i] = (score, method)
        return [(pool.entries[i], s, m) for i, (s, m) in best.items()]

    def _refine(self, pool: Pool, q: Query, printed: str, folded: str, r: int,
                score: float) -> tuple[float, str]:
        entry, key = pool.entries[pool.owner[r]], pool.acc[r]
        if printed == key:
            score, method = 1.0, "exact" if not pool.bare and key == entry.keys[0] or pool.bare else "alias"
        elif _dropped(key, printed):
            score, method = max(score, DROPPED), "dropped-letters"
        elif folded == pool.folded[r]:
            score, method = max(score, 1.0 - FOLD_PENALTY), "no-diacritics"
        else:
            method = "fuzzy"
        if pool.bare and q.kind and entry.kind and q.kind != entry.kind:
            score -= TYPE_PENALTY
        return round(score, 4), method

    def _decide(self, q: Query, ranked: list[tuple[Entry, float, str]], pid: str | None,
                year: int | None) -> Match:
        ranked = sorted(ranked, key=lambda t: -t[1])
        if not ranked or ranked[0][1] < AMBIGUOUS or not q.bare:
            return self._unknown(q, pid, ranked, "no-candidate")
        present = sorted((t for t in ranked if self._present(t[0], pid, year)),
                         key=lambda t: (-t[1], _era_rank(t[0], year)))
        top = ranked[0]
        if not present or top[1] - present[0][1] >= MARGIN and top[0] is not present[0][0]:
            return self._unknown(q, pid, ranked[:3], "absent-in-year")
        best = present[0]
        rest = [t for t in present[1:] if t[0].id != best[0].id and not _same_place(t[0], best[0])]
        close = [t for t in rest if best[1] - t[1] < MARGIN]
        status = "matched" if best[1] >= MATCHED and not close else "ambiguous"
        if best[1] < AMBIGUOUS:
            return self._unknown(q, pid, present[:3], "no-candidate")
        shown = [best, *close] if status == "ambiguous" else present[:3]
        return self._result(q, status, best, pid, shown)

    def _present(self, entry: Entry, pid: str | None, year: int | None) -> bool:
        if entry.level == "department":
            return self.gaz.department_present(pid, entry, year)
        return entry.exists_in(year)

    def _identity(self, entry: Entry, pid: str | None) -> tuple[str, str | None]:
        if entry.level == "department":
            return (f"{pid}/{entry.id}" if pid else entry.id), pid
        return entry.id, entry.province if entry.level != "province" else entry.id

    def _candidates(self, ranked, pid) -> tuple[Candidate, ...]:
        return tuple(Candidate(self._identity(e, pid)[0], e.name, s) for e, s, _ in ranked)

    def _result(self, q: Query, status: str, best, pid, shown) -> Match:
        entry, score, method = best
        ident, prov = self._identity(entry, pid)
        if status != "matched":
            return Match(q.printed, status, None, None, entry.level, prov, score, method,
                         self._candidates(shown, pid))
        flags = () if self.gaz.attested_in(pid, entry) else ("unattested",)
        return Match(q.printed, status, ident, entry.name, entry.level, prov, score, method,
                     self._candidates(shown, pid), flags, self.gaz.lineage(ident))

    def _unknown(self, q: Query, pid, ranked, method: str) -> Match:
        score = ranked[0][1] if ranked else 0.0
        return Match(q.printed, "unknown", None, None, q.level, pid, score, method,
                     self._candidates(ranked[:3], pid))


def _era_rank(entry: Entry, year: int | None) -> int:
    """Of two provinces printed alike ("Lâm Đồng" before and after 2025-07-01), the one of
    the ranking's year comes first."""
    if entry.level != "province":
        return 0
    return int(entry.id.endswith("@2025") != prefers_2025(year))


def _same_place(a: Entry, b: Entry) -> bool:
    """One province under the 63- and the 34-province maps: not a rival identity."""
    return a.level == b.level == "province" and a.bare == b.bare


def _drop_province(q: Query, own: tuple[str, ...]) -> Query:
    """'Sở Y tế tỉnh Phú Thọ', 'Thuế tỉnh Phú Thọ' → without the province they belong to
    (departments only: 'xã Tuyên Quang' is a commune of Lâm Đồng)."""
    if q.level != "department":
        return q
    key = q.key
    for name in own:
        if len(name) >= 3 and key.endswith(" " + name):
            key = key[:-len(name)].rstrip()
            break
    key = without_province_word(key)
    return q if key == q.key else replace(q, key=key, bare=key)


def _signature(q: Query) -> tuple:
    return (q.key, q.bare, q.level, q.kind)


def _for_input(m: Match, name: str) -> Match:
    return m if m.input == name else replace(m, input=name)


PARALLEL_MIN = 20_000
_MATCH_FIELDS = tuple(f.name for f in fields(Match))
_new_tuple = tuple.__new__             # a NamedTuple from its values, without its __new__
_FORKED: list = []


def _in_processes(matcher: Matcher, names: list[str], province, year, level, processes: int):
    import gc
    import multiprocessing
    for lv in ("department", "district", "commune"):     # build the pools before forking
        matcher.pool(lv, matcher._province_id(province, year))
    _FORKED[:] = [matcher, province, year, level]
    gc.freeze()                          # keep the shared gazetteer pages shared after fork
    size = -(-len(names) // processes)
    chunks = [names[i:i + size] for i in range(0, len(names), size)]
    enabled = gc.isenabled()
    gc.disable()                         # the rows coming back make no cycles: no collection
    try:                                 # need scan the whole heap while they arrive
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            parts = pool.map(_work, chunks)
        return [_match_of(row) for part in parts for row in part]
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def _match_of(row: tuple) -> Match:
    """A worker's row back as a Match, its fields set directly (a frozen dataclass's
    __init__ sets them one call at a time: most of the parent's work on a large batch)."""
    match = object.__new__(Match)
    candidates = tuple([_new_tuple(Candidate, c) for c in row[8]])
    match.__dict__.update(zip(_MATCH_FIELDS, (*row[:8], candidates, *row[9:])))
    return match


def _work(chunk: list[str]) -> list[tuple]:
    """Plain tuples travel between processes much faster than dataclasses.  A worker lives
    for one chunk and makes no reference cycles: the cyclic collector only costs it time."""
    import gc
    gc.disable()
    matcher, province, year, level = _FORKED
    return [(m.input, m.status, m.id, m.name, m.level, m.province, m.score, m.method,
             tuple(tuple(c) for c in m.candidates), m.flags, m.current)
            for m in matcher._match_many(chunk, province, year, level)]


@lru_cache(maxsize=1)
def default_matcher() -> Matcher:
    return Matcher()


def match_name(name: str, *, province: str | None = None, year: int | None = None,
               level: str | None = None) -> Match:
    """One name → Match; `province` as printed ("Hòa Bình") or as an id ("hoa-binh")."""
    return default_matcher().match(name, province=province, year=year, level=level)


def matches_table(matches: Iterable[Match]) -> str:
    """Aligned plain-text table: input, status, id, score, method."""
    rows = [("input", "status", "id", "score", "method")]
    rows += [(m.input, m.status, m.id or ", ".join(c.id for c in m.candidates) or "-",
              f"{m.score:.2f}", m.method) for m in matches]
    widths = [min(48, max(len(r[i]) for r in rows)) for i in range(5)]
    return "\n".join("  ".join(cell[:w].ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows)
