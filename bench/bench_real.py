"""Real documents no one here made: rows and rubric items read, against hand-verified truth.

Reads every document of a folder of real documents (by default ``../shared/real`` beside
the project, and its ``excerpts/``) whose truth lies in ``truth/NNN_*.json``, and counts,
per document:

- **rows read**: a truth row counts when one extracted row names its unit and holds its
  total and every one of its values (numbers compared as ``Decimal``: "70,52", "70.52",
  "01 (0,727)", "9,49/9,5", "71,96%" all give their numbers);
- **ranked**: the same, and the printed rank too where the truth has one;
- **rubric items**: a truth item counts when one extracted row holds its id (or, for an id the
  truth made up, its name) and its maximum; a table's header counts as one row, as bare
  pdfplumber returns it;
- **spurious** (excerpts): extracted rows of result tables that name no unit of the truth;
- **metadata**: number, province and evaluation year against the truth's.

The scoring looks only at the cells' printed text, never at xephang's column roles, so it
scores every tool alike.  Beside xephang it prints what a user would otherwise get: bare
``pdfplumber`` ``extract_tables()`` on the PDFs and bare ``python-docx`` table rows on the
Word files, scored the same way, and the seconds of each (one process each).

    .venv/bin/python bench/bench_real.py [--real DIR] [--group real|excerpt] [--only 004]
                                         [--json OUT.json] [-v]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
import warnings
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REAL = ROOT.parent / "shared" / "real"

os.environ.setdefault("XEPHANG_PDF_WORKERS", "1")     # one process each, like the baselines


# ---------------------------------------------------------------- text and numbers

def fold(text: str) -> str:
    """Case, dashes, spaces and Unicode form folded; diacritics kept (they tell units apart)."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = re.sub(r"[\u2010-\u2015\-]+", "-", text)
    text = re.sub(r"\s*-\s*", " - ", text)
    text = re.sub(r"[\"“”'‘’()\[\]]", " ", text)
    return " ".join(text.split())


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> set[Decimal]:
    """Every number a cell prints, each way it can be read: "1.000" is 1000 or 1.000,
    "83,8" is 83.8, "9.50" is 9.50."""
    out: set[Decimal] = set()
    for token in _NUMBER.findall(text or ""):
        for reading in _readings(token):
            try:
                out.add(Decimal(reading))
            except InvalidOperation:
                pass
    return out


def _readings(token: str) -> list[str]:
    readings = [token.replace(".", "").replace(",", ".")]          # Vietnamese: 1.234,5
    readings.append(token.replace(",", ""))                          # English: 1,234.5
    if token.count(",") == 1 and "." not in token:
        readings.append(token.replace(",", "."))
    if token.count(".") == 1 and "," not in token:
        readings.append(token)
    return readings


def as_decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# ---------------------------------------------------------------- truth

@dataclass
class TruthRow:
    unit: str
    names: tuple[str, ...]         # what must be printed in the row to name the unit
    values: tuple[Decimal, ...]    # total and every value
    rank: Decimal | None
    table: str


@dataclass
class Truth:
    id: str
    file: Path
    kind: str
    rows: list[TruthRow]
    rubric: list[tuple[str, str, Decimal | None]]      # id, name, maximum
    meta: dict


def load_truth(path: Path, folder: Path) -> Truth | None:
    data = json.loads(path.read_text(encoding="utf-8"))
    stem = path.stem
    found = [p for p in folder.iterdir() if p.stem == stem and p.suffix not in (".json",)
             and not p.name.endswith(".source.txt")]
    if not found:
        found = [p for p in folder.glob(f"{stem}.*") if not p.name.endswith(".source.txt")]
    if not found:
        return None
    rows = []
    for t in data.get("tables") or []:
        for r in t.get("rows") or []:
            rows.append(_truth_row(r, t.get("title", "")))
    rubric = [(str(i.get("id", "")), _bare_name(i.get("name") or i.get("name_first_line") or ""),
               as_decimal(i.get("max_points"))) for i in data.get("rubric") or []]
    meta = {"number": data.get("doc_number"), "province": data.get("province"),
            "year": data.get("year")}
    return Truth(stem, found[0], data.get("kind", ""), rows, rubric, meta)


def _bare_name(name: str) -> str:
    """A criterion's name without the note in brackets the truth adds ("(sở)")."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name).strip()


def _truth_row(r: dict, title: str) -> TruthRow:
    unit = r.get("unit") or ""
    names = (r["component"],) if r.get("component") else (unit,)
    values = [as_decimal(v) for v in (r.get("values") or {}).values()]
    if r.get("total") is not None:
        values.append(as_decimal(r["total"]))
    return TruthRow(unit, tuple(n for n in names if n), tuple(v for v in values if v is not None),
                    as_decimal(r.get("rank")), title)


# ---------------------------------------------------------------- scoring

@dataclass
class Score:
    rows: int = 0
    read: int = 0
    ranked: int = 0
    ranked_of: int = 0
    items: int = 0
    items_read: int = 0
    spurious: int = 0
    extracted_rows: int = 0
    seconds: float = 0.0
    error: str | None = None
    missed: list[str] = field(default_factory=list)


def names_unit(row_folded: list[str], joined: str, name: str) -> bool:
    """One cell is the unit's name, or the row's text holds it as a phrase."""
    key = fold(name)
    if not key:
        return False
    if key in row_folded:
        return True
    return re.search(r"(^|\s)" + re.escape(key) + r"($|\s|,|\.|:)", joined) is not None


def score_rows(truth: Truth, rows: list[list[str]], *, count_spurious: bool = False,
               rubric_rows: frozenset[int] = frozenset()) -> Score:
    s = Score(rows=len(truth.rows), items=len(truth.rubric), extracted_rows=len(rows))
    prepared = []
    for cells in rows:
        folded = [fold(c) for c in cells]
        nums: set[Decimal] = set()
        for c in cells:
            nums |= numbers_in(c)
        prepared.append((folded, " ".join(folded), nums))
    used_by_truth: set[int] = set()
    for tr in truth.rows:
        named = [k for k, (folded, joined, _) in enumerate(prepared)
                 if all(names_unit(folded, joined, n) for n in tr.names)]
        used_by_truth.update(named)
        full = [k for k in named if all(v in prepared[k][2] for v in tr.values)]
        if full:
            s.read += 1
        else:
            s.missed.append(f"{tr.table[:30]} | {tr.unit}")
        if tr.rank is not None:
            s.ranked_of += 1
            if any(tr.rank in prepared[k][2] for k in full):
                s.ranked += 1
    for ident, name, top in truth.rubric:
        key = fold(ident).rstrip(".")
        if any((key and key in [f.rstrip(".") for f in folded] or
                len(name) > 8 and names_unit(folded, joined, name))
               and (top is None or top in nums) for folded, joined, nums in prepared):
            s.items_read += 1
    if count_spurious:
        s.spurious = sum(1 for k, (folded, _, nums) in enumerate(prepared)
                         if k not in used_by_truth and k not in rubric_rows and nums
                         and any(len(f) > 3 for f in folded))
    return s


# ---------------------------------------------------------------- the tools

def xephang_rows(path: Path) -> tuple[list[list[str]], dict, list]:
    from xephang.extract import read_document
    doc = read_document(path, require_tables=False)
    rows = []
    for t in doc.tables:           # the header too, as one row, as pdfplumber returns it
        rows.append([c.text for c in t.header] + [col.label for col in t.columns if not t.header])
        rows.extend([c.text for c in row.cells] for row in t.rows)
    meta = {"number": doc.meta.number, "province": doc.meta.province,
            "year": doc.meta.evaluation_year}
    return rows, meta, list(doc.tables)


def rubric_row_numbers(tables: list) -> frozenset[int]:
    """The rows (numbered as `xephang_rows` gives them) of the rubric tables: criteria, which
    a spurious result row cannot be."""
    out, k = set(), 0
    for t in tables:
        n = 1 + len(t.rows)
        if t.kind == "rubric":
            out.update(range(k, k + n))
        k += n
    return frozenset(out)


def pdfplumber_rows(path: Path) -> list[list[str]]:
    import pdfplumber
    rows = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    rows.append([" ".join((c or "").split()) for c in row])
    return rows


def docx_rows(path: Path) -> list[list[str]]:
    import docx
    rows = []

    def walk(tables):
        for table in tables:
            for row in table.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(cell.text.split()))
                    walk(cell.tables)
                rows.append(cells)
    walk(docx.Document(str(path)).tables)
    return rows


def timed(fn, *args):
    t0 = time.perf_counter()
    try:
        out = fn(*args)
        return out, time.perf_counter() - t0, None
    except Exception as e:                        # a tool's failure is a figure, not a crash
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        first = first.replace(str(args[0]), Path(args[0]).name) if args else first
        return None, time.perf_counter() - t0, f"{type(e).__name__}: {first}"[:140]


def meta_agreement(truth: Truth, meta: dict) -> str:
    marks = []
    for key in ("number", "province", "year"):
        want, got = truth.meta.get(key), meta.get(key)
        if key == "number" and want:
            want = want.split(" ")[0]
        ok = (fold(str(want)) == fold(str(got))) if want not in (None, "") else got in (None, "")
        marks.append(key[0] if ok else "-")
    return "".join(marks)


# ---------------------------------------------------------------- run

def documents(real: Path, only: str | None, groups=("real", "excerpt")):
    for folder, group in ((real, "real"), (real / "excerpts", "excerpt")):
        if group not in groups:
            continue
        truth_dir = folder / "truth"
        if not truth_dir.is_dir():
            continue
        for path in sorted(truth_dir.glob("*.json")):
            if only and not path.stem.startswith(only):
                continue
            truth = load_truth(path, folder)
            if truth is not None:
                yield group, truth


def measure(real: Path, only: str | None = None, groups=("real", "excerpt")) -> list[dict]:
    results = []
    for group, truth in documents(real, only, groups):
        fmt = truth.file.suffix.lstrip(".").lower()
        got, secs, error = timed(xephang_rows, truth.file)
        rows, meta, tables = got if got else ([], {}, [])
        xs = score_rows(truth, rows, count_spurious=(group == "excerpt"),
                        rubric_rows=rubric_row_numbers(tables))
        xs.seconds, xs.error = secs, error
        base = None
        if fmt == "pdf":
            brows, bsecs, berr = timed(pdfplumber_rows, truth.file)
            base = score_rows(truth, brows or [])
            base.seconds, base.error = bsecs, berr
        elif fmt == "docx":
            brows, bsecs, berr = timed(docx_rows, truth.file)
            base = score_rows(truth, brows or [])
            base.seconds, base.error = bsecs, berr
        results.append({"group": group, "id": truth.id, "format": fmt, "kind": truth.kind,
                        "xephang": xs, "baseline": base,
                        "meta": meta_agreement(truth, meta) if got else "---"})
    return results


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    —"


def print_table(results: list[dict], verbose: bool = False) -> None:
    head = (f"{'document':<44} {'fmt':<4} {'rows':>5} {'xephang':>8} {'ranked':>8} {'base':>8} "
            f"{'items':>5} {'xephang':>8} {'base':>8} {'spur':>4} {'meta':>4} {'x s':>6} {'base s':>6}")
    print(head)
    print("-" * len(head))
    for r in results:
        x, b = r["xephang"], r["baseline"]
        print(f"{r['id'][:44]:<44} {r['format']:<4} {x.rows:>5} {pct(x.read, x.rows):>8} "
              f"{pct(x.ranked, x.ranked_of):>8} {pct(b.read, b.rows) if b else '     —':>8} "
              f"{x.items:>5} {pct(x.items_read, x.items):>8} "
              f"{pct(b.items_read, b.items) if b else '     —':>8} "
              f"{x.spurious if r['group'] == 'excerpt' else '':>4} {r['meta']:>4} "
              f"{x.seconds:6.2f} {b.seconds if b else float('nan'):6.2f}")
        if x.error:
            print(f"    xephang: {x.error}")
        if b and b.error:
            print(f"    baseline: {b.error}")
        if verbose and x.missed:
            for m in x.missed[:12]:
                print(f"      missed: {m}")
    print()
    for label, pick in (("PDF", lambda r: r["format"] == "pdf"),
                        ("Word", lambda r: r["format"] == "docx"),
                        ("excerpts", lambda r: r["group"] == "excerpt")):
        sel = [r for r in results if pick(r)]
        if not sel:
            continue
        rows = sum(r["xephang"].rows for r in sel)
        read = sum(r["xephang"].read for r in sel)
        items = sum(r["xephang"].items for r in sel)
        items_read = sum(r["xephang"].items_read for r in sel)
        line = f"{label:<9} rows {read}/{rows} {pct(read, rows)}   rubric items {items_read}/{items} {pct(items_read, items)}"
        bases = [r["baseline"] for r in sel if r["baseline"]]
        if bases:
            bread = sum(b.read for b in bases)
            bitems = sum(b.items_read for b in bases)
            xs = sum(r["xephang"].seconds for r in sel)
            bs = sum(b.seconds for b in bases)
            base_name = "pdfplumber" if label == "PDF" else "python-docx"
            line += (f"   | {base_name}: rows {bread}/{rows} {pct(bread, rows)}, items {bitems}/{items}"
                     f" {pct(bitems, items)}   | seconds xephang {xs:.1f}, {base_name} {bs:.1f}"
                     f" ({xs / bs if bs else float('nan'):.2f}×)")
        if label == "excerpts":
            line += f"   spurious rows {sum(r['xephang'].spurious for r in sel)}"
        print(line)
    print("meta: n = number, p = province, y = evaluation year agree with the truth; '-' where not")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", type=Path, default=DEFAULT_REAL, help="the folder of real documents")
    ap.add_argument("--only", help="only documents whose truth name starts with this")
    ap.add_argument("--group", choices=("real", "excerpt"), action="append",
                    help="only the real documents, or only the page excerpts (repeatable)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the rows missed")
    args = ap.parse_args(argv)
    if not args.real.is_dir():
        print(f"no real documents at {args.real}: nothing to measure", file=sys.stderr)
        return 0
    warnings.simplefilter("ignore")
    results = measure(args.real, args.only, tuple(args.group or ("real", "excerpt")))
    print_table(results, args.verbose)
    if args.json:
        args.json.write_text(json.dumps([
            {**{k: v for k, v in r.items() if k not in ("xephang", "baseline")},
             "xephang": {k: v for k, v in r["xephang"].__dict__.items() if k != "missed"},
             "baseline": ({k: v for k, v in r["baseline"].__dict__.items() if k != "missed"}
                          if r["baseline"] else None)} for r in results], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
