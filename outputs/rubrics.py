"""Rubrics of several provinces side by side.

Each rubric table's criteria are aligned with the others' by canonical category
(`xephang.normalize.categories.canonical_category`) and, inside a category, by
fuzzy name (rapidfuzz on the folded titles).  The result has one line per
aligned criterion: the maximum points each rubric gives it (as printed), and
which rubrics lack it.

    >>> from xephang.outputs.rubrics import compare_files
    >>> cmp = compare_files(["corpus/documents/001_204b6768762276ab.txt",
    ...                      "corpus/documents/004_1e8ff679e60961d5.txt"])   # doctest: +SKIP
    >>> cmp.frame.columns[:3].tolist()                                       # doctest: +SKIP
    ['category', 'criterion', 'depth']
"""
from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from ..corpus.rows import rubric_rows
from ..corpus.stages import read_document, resolve
from ..extract.errors import NoTables
from ..extract.interpret import fold

#: Lowest fuzzy score (0–100, token sort ratio of folded titles) that aligns two criteria.
THRESHOLD = 70.0


@dataclass(frozen=True)
class Comparison:
    rubrics: tuple[str, ...]          # one label per rubric table, in the order given
    frame: pd.DataFrame               # one row per aligned criterion


def rubric_label(node: dict) -> str:
    """'Quảng Bình 3270/QĐ-UBND department #0' — province, document, level, table."""
    name = node.get("number") or Path(str(node["document"])).stem
    level = node.get("level")
    level = f" {level}" if isinstance(level, str) and level else ""
    return f"{node.get('province') or '?'} {name}{level} #{node['table_index']}"


def nodes_of_file(path: Path) -> list[dict]:
    doc = read_document(path)
    rows = rubric_rows(str(path), doc, resolve(doc), doc.meta.province)
    if not rows:
        raise NoTables(str(path))
    return [{**r, "number": doc.meta.number} for r in rows]


def compare_files(paths) -> Comparison:
    nodes = [n for p in paths for n in nodes_of_file(Path(p))]
    return compare(pd.DataFrame(nodes))


def compare(nodes: pd.DataFrame) -> Comparison:
    """Align the criteria of every rubric table in *nodes* (rows shaped like the
    `rubric_nodes` table, optionally with the decision's `number`)."""
    records = [{k: (None if _missing(v) else v) for k, v in n.items()}
               for n in nodes.to_dict("records")]
    labels = list(dict.fromkeys(rubric_label(n) for n in records))
    lines: list[dict] = []
    for label in labels:
        for node in (n for n in records if rubric_label(n) == label):
            _place(node, label, lines)
    return Comparison(tuple(labels), _frame(lines, labels))


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


#: Categories of the e-government rubrics and of the DTI rubrics that measure the same
#: thing: they are aligned as one family.
FAMILY = {"dti_infrastructure": "infrastructure", "dti_human_resources": "human_resources",
          "dti_cybersecurity": "information_security", "dti_institutions": "policy_environment"}


def family(category: str | None) -> str:
    return FAMILY.get(category or "", category or "")


def _place(node: dict, label: str, lines: list[dict]) -> None:
    """Put one criterion on the best matching line of its category family, or on a new
    line.  The headings of a family (depth 1) align whatever their wording."""
    fam = family(node.get("category"))
    key = fold(str(node["title"]))
    free = {i: line["key"] for i, line in enumerate(lines)
            if line["family"] == fam and label not in line["by"]
            and (node["depth"] == 1) == (line["depth"] == 1)}
    cutoff = 0 if node["depth"] == 1 and fam else THRESHOLD
    best = process.extractOne(key, free, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)
    if best is None:
        lines.append({"family": fam, "key": key, "title": node["title"],
                      "category": node.get("category"), "depth": node["depth"],
                      "by": {label: node}})
    else:
        lines[best[2]]["by"][label] = node


def _frame(lines: list[dict], labels: list[str]) -> pd.DataFrame:
    rows = []
    for line in lines:
        cats = dict.fromkeys(n.get("category") for n in line["by"].values() if n.get("category"))
        row = {"category": " / ".join(cats) or None, "criterion": line["title"],
               "depth": line["depth"]}
        for label in labels:
            node = line["by"].get(label)
            row[f"{label} id"] = node["node_id"] if node else None
            row[f"{label} max"] = (node["max_printed"] or None) if node else None
        row["in"] = len(line["by"])
        row["missing_from"] = "; ".join(l for l in labels if l not in line["by"]) or None
        rows.append(row)
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- output

def write(comparison: Comparison, fmt: str, out_file: Path | None) -> None:
    if fmt == "xlsx":
        from openpyxl import Workbook
        book = Workbook()
        add_sheet(book, comparison, first=True)
        book.save(out_file)
        return
    text = to_csv(comparison) if fmt == "csv" else to_text(comparison)
    if out_file:
        Path(out_file).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def to_csv(comparison: Comparison) -> str:
    buf = io.StringIO()
    comparison.frame.to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue()


def to_text(comparison: Comparison, width: int = 48) -> str:
    """A readable table: criterion, then the maximum each rubric gives it ('—' = lacks it)."""
    out = [f"rubric {i + 1}: {label}" for i, label in enumerate(comparison.rubrics)]
    head = f"{'category':<30} {'criterion':<{width}} " + " ".join(
        f"{'r' + str(i + 1):>8}" for i in range(len(comparison.rubrics)))
    out += ["", head, "-" * len(head)]
    for row in comparison.frame.to_dict("records"):
        title = "  " * (row["depth"] - 1) + str(row["criterion"])
        maxima = " ".join(f"{_cell(row, label):>8}" for label in comparison.rubrics)
        category = "" if pd.isna(row["category"]) else str(row["category"])
        out.append(f"{category[:30]:<30} {title[:width]:<{width}} {maxima}")
    return "\n".join(out) + "\n"


def _cell(row: dict, label: str) -> str:
    if pd.isna(row[f"{label} id"]):
        return "—"
    return "·" if pd.isna(row[f"{label} max"]) else str(row[f"{label} max"])


def add_sheet(book, comparison: Comparison, *, first: bool = False, title: str = "rubrics"):
    """The comparison as a sheet of an openpyxl workbook."""
    sheet = book.active if first else book.create_sheet(title)
    sheet.title = title
    sheet.append([f"{i + 1}: {label}" for i, label in enumerate(comparison.rubrics)])
    sheet.append(list(comparison.frame.columns))
    for row in comparison.frame.itertuples(index=False):
        sheet.append([None if pd.isna(v) else v for v in row])
    return sheet
