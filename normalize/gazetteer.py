"""Canonical identities: provinces (63 before the 2025 merger, 34 after, and the
mapping), districts and communes from the vietnamadminunits package, and the
provincial departments and boards from normalize/data/departments.csv.

Identity scheme (stable, lower-case ASCII):

    hoa-binh                           a province of the 63-province set (until 2025-06-30)
    phu-tho@2025                       a province of the 34-province set (from 2025-07-01)
    hoa-binh/dept:tai-chinh            a department or board of a province
    dept:tai-chinh                     the same department when no province is known
    hoa-binh/district:huyen-lac-son    a district-level unit (slug of its full name)
    hoa-binh/commune:04789             a commune-level unit before 2025-07 (GSO ward code)
    phu-tho@2025/commune:04789         a commune-level unit of the 34-province set
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

from .keys import fold, parse_name, slug, without_province_word

DATA = Path(__file__).resolve().parent / "data"
LEGACY_END = date(2025, 6, 30)      # the 63 provinces and their districts, last day
NEW_START = date(2025, 7, 1)        # the 34 provinces, two-tier local government
LEVELS = ("department", "district", "commune", "province")


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    level: str
    province: str | None          # province id; None for a province or a catalogue department
    kind: str                     # type word: "sở", "huyện", "xã", "tỉnh" …
    keys: tuple[str, ...]         # comparison keys (parse_name(...).key of name and aliases)
    bare: str                     # the name without its type word, as a key
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None
    optional: bool = False        # a department only some provinces have

    def exists_in(self, year: int | None) -> bool:
        if year is None:
            return True
        return ((self.valid_from is None or self.valid_from.year <= year)
                and (self.valid_to is None or self.valid_to.year >= year))


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _admin_query(sql: str) -> list[dict]:
    from vietnamadminunits.database import query
    return query(sql)


def _converter_provinces() -> dict[str, list[str]]:
    import vietnamadminunits
    path = Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))["DICT_PROVINCE"]


def _unit(id_: str, name: str, level: str, province: str | None, **kw) -> Entry:
    q = parse_name(name)
    aliases = kw.pop("aliases", ())
    keys = [q.key, *(parse_name(a).key for a in aliases)]
    if level == "department":                 # "Cục Thuế tỉnh" printed with or without "tỉnh"
        keys = [v for k in keys for v in (k, without_province_word(k))]
    keys = tuple(dict.fromkeys(keys))
    return Entry(id_, name, level, province, q.kind or "", keys, q.bare, **kw)


@dataclass(frozen=True)
class Gazetteer:
    provinces: tuple[Entry, ...]
    departments: tuple[Entry, ...]     # the catalogue: province None, ids "dept:<key>"
    units: tuple[Entry, ...]           # districts and communes of every province
    attested: frozenset[tuple[str, str]]
    province_successor: dict[str, str]

    def province_ids(self) -> set[str]:
        return {p.id for p in self.provinces}

    def department_present(self, province: str | None, dept: Entry, year: int | None) -> bool:
        """Did this province have this department in that year?"""
        if not dept.exists_in(year):
            return False
        prov = self.province(province) if province else None
        if prov is not None and not prov.exists_in(year):
            return False
        if prov is not None and prov.valid_from and dept.valid_to and dept.valid_to < prov.valid_from:
            return False
        return True

    def attested_in(self, province: str | None, dept: Entry) -> bool:
        """Does a source confirm this optional body for this province?  A body every
        province has, or no province given, needs no source."""
        if not dept.optional or province is None:
            return True
        return (province, dept.id.split(":", 1)[1]) in self.attested

    def province(self, pid: str | None) -> Entry | None:
        return _by_id(self.provinces).get(pid) if pid else None

    def successor(self, entry_id: str) -> str | None:
        """The identity this one continued as: a merged department or province."""
        prov, _, rest = entry_id.partition("/")
        if not rest:
            return self.province_successor.get(entry_id)
        dept_key = rest.split(":", 1)[1] if rest.startswith("dept:") else None
        dept = _by_id(self.departments).get(f"dept:{dept_key}") if dept_key else None
        if dept is not None and dept.successor:
            return f"{prov}/dept:{dept.successor}"
        unit = self.units_by_id.get(entry_id)
        return unit.successor if unit is not None else None


    def lineage(self, entry_id: str) -> str | None:
        """Today's identity of one printed at some time: Hòa Bình → phu-tho@2025, its Sở Kế
        hoạch và Đầu tư → phu-tho@2025/dept:tai-chinh.  Itself when it still stands; None
        when it ended with no single successor (the districts abolished on 2025-07-01)."""
        memo = self._lineage
        if entry_id not in memo:
            memo[entry_id] = self._follow(entry_id)
        return memo[entry_id]

    @cached_property
    def _lineage(self) -> dict[str, str | None]:
        return {}

    def _follow(self, entry_id: str) -> str | None:
        seen, current = set(), entry_id
        while current not in seen:
            seen.add(current)
            nxt = self._next(current)
            if nxt is None:
                break
            current = nxt
        return current if self._stands(current) else None

    def _next(self, entry_id: str) -> str | None:
        prov, _, rest = entry_id.partition("/")
        if rest.startswith("dept:"):
            dept = self.successor(entry_id)
            if dept is not None:
                return dept
            moved = self.province_successor.get(prov)
            return f"{moved}/{rest}" if moved else None
        return self.successor(entry_id)

    def _stands(self, entry_id: str) -> bool:
        prov, _, rest = entry_id.partition("/")
        if prov.startswith("dept:"):
            return True
        if rest.startswith("dept:"):
            return prov.endswith("@2025") or prov not in self.province_successor
        if not rest:
            return prov.endswith("@2025")
        unit = self.units_by_id.get(entry_id)
        return unit is not None and unit.valid_to is None

    @cached_property
    def units_by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.units}


@lru_cache(maxsize=8)
def _by_id(entries: tuple[Entry, ...]) -> dict[str, Entry]:
    return {e.id: e for e in entries}


def load_departments() -> tuple[Entry, ...]:
    """The provincial departments and boards, then the vertical agencies and other
    provincial bodies rankings include (data/agencies.csv, each change with its basis)."""
    rows = []
    for name in ("departments.csv", "agencies.csv"):
        with open(DATA / name, encoding="utf-8", newline="") as f:
            rows += list(csv.DictReader(f))
    return tuple(_unit(f"dept:{r['key']}", r["name"], "department", None,
                       aliases=tuple(a for a in r["aliases"].split("|") if a),
                       valid_from=_date(r["valid_from"]), valid_to=_date(r["valid_to"]),
                       successor=r["successor"] or None, optional=r["kind"] == "optional")
                 for r in rows)


def load_attested() -> frozenset[tuple[str, str]]:
    with open(DATA / "attested.csv", encoding="utf-8", newline="") as f:
        return frozenset((r["province"], r["key"]) for r in csv.DictReader(f))


def load_provinces() -> tuple[tuple[Entry, ...], dict[str, str]]:
    legacy = _admin_query("SELECT DISTINCT province, provinceShort, provinceKey, provinceAlias "
                          "FROM admin_units_legacy")
    new = _admin_query("SELECT DISTINCT province, provinceShort, provinceKey, provinceAlias "
                       "FROM admin_units")
    entries = [_province(r, "", None, LEGACY_END) for r in legacy]
    entries += [_province(r, "@2025", NEW_START, None) for r in new]
    return tuple(entries), _province_mapping(legacy, new)


def _province(row: dict, suffix: str, start: date | None, end: date | None) -> Entry:
    """A province keyed by its bare names ("hà nội", "hn"): national tables print
    "TP. Hà Nội", "Tỉnh Hòa Bình" and "Hòa Bình" alike, so the type word never counts."""
    pid = slug(row["provinceShort"]) + suffix
    names = (row["province"], row["provinceShort"], *json.loads(row["provinceAlias"] or "[]"),
             *province_aliases().get(pid, ()))
    keys = tuple(dict.fromkeys(k for k in (parse_name(a).bare for a in names) if k))
    q = parse_name(row["province"])
    return Entry(pid, row["province"], "province", None, q.kind or "", keys, q.bare,
                 valid_from=start, valid_to=end)


@lru_cache(maxsize=1)
def province_aliases() -> dict[str, tuple[str, ...]]:
    """Province id → the names national tables print for it (data/province_aliases.csv)."""
    with open(DATA / "province_aliases.csv", encoding="utf-8", newline="") as f:
        return {r["province"]: tuple(a for a in r["aliases"].split("|") if a)
                for r in csv.DictReader(f)}


def _province_mapping(legacy: list[dict], new: list[dict]) -> dict[str, str]:
    """legacy province id → the 2025 province it became part of (from the package's converter)."""
    legacy_id = {r["provinceKey"]: slug(r["provinceShort"]) for r in legacy}
    new_id = {r["provinceKey"]: slug(r["provinceShort"]) + "@2025" for r in new}
    return {legacy_id[old]: new_id[new_key]
            for new_key, olds in _converter_provinces().items() for old in olds
            if old in legacy_id and new_key in new_id}


def load_units() -> tuple[Entry, ...]:
    return (*_legacy_districts(), *_former_districts(), *_legacy_communes(), *_new_communes())


def _legacy_districts() -> list[Entry]:
    rows = _admin_query("SELECT DISTINCT provinceShort, district FROM admin_units_legacy "
                        "WHERE district IS NOT NULL")
    return [_unit(f"{slug(r['provinceShort'])}/district:{slug(r['district'])}", r["district"],
                  "district", slug(r["provinceShort"]), valid_to=LEGACY_END) for r in rows]


def _former_districts() -> list[Entry]:
    with open(DATA / "district_changes.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [_unit(f"{r['province']}/district:{slug(r['name'])}", r["name"], "district",
                  r["province"], valid_to=_date(r["valid_to"]),
                  successor=f"{r['province']}/district:{slug(r['successor'])}") for r in rows]


def _legacy_communes() -> list[Entry]:
    rows = _admin_query("SELECT provinceShort, ward, wardCode FROM admin_units_legacy "
                        "WHERE ward IS NOT NULL")
    return [_unit(f"{slug(r['provinceShort'])}/commune:{r['wardCode']}", r["ward"], "commune",
                  slug(r["provinceShort"]), valid_to=LEGACY_END) for r in rows]


def _new_communes() -> list[Entry]:
    rows = _admin_query("SELECT provinceShort, ward, wardCode FROM admin_units WHERE ward IS NOT NULL")
    return [_unit(f"{slug(r['provinceShort'])}@2025/commune:{r['wardCode']}", r["ward"], "commune",
                  slug(r["provinceShort"]) + "@2025", valid_from=NEW_START) for r in rows]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    provinces, mapping = load_provinces()
    return Gazetteer(provinces, load_departments(), load_units(), load_attested(), mapping)


def find_province(name: str | None, year: int | None = None) -> Entry | None:
    """'Hòa Bình', 'Tỉnh Hòa Bình', 'hoa-binh', 'phu-tho@2025' → the province for that year."""
    if not name:
        return None
    g = gazetteer()
    if (p := g.province(name)) is not None:
        return p
    target = fold(name).replace("tinh ", "", 1).strip()
    found = [p for p in g.provinces if target in {fold(k) for k in p.keys} | {fold(p.bare)}
             or slug(target) == p.id.split("@")[0]]
    if year is not None:
        found = [p for p in found if p.exists_in(year)] or found
    found.sort(key=lambda p: p.id.endswith("@2025") != prefers_2025(year))
    return found[0] if found else None


def prefers_2025(year: int | None) -> bool:
    """A ranking of 2025 or later is of the 34 provinces: 2025 evaluations are made at the
    year's end, after the merger of 2025-07-01."""
    return year is not None and year >= NEW_START.year
