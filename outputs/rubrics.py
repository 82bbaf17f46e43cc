"""Rubrics of several provinces side by side.

A document's rubric tables that continue each other (a rubric broken over pages,
its numbering carrying on: "4.1.2" on one page, "4.1.3" on the next) are one rubric;
a table whose numbering starts again ("1", "2" … after "6") or whose units are of
another level is another rubric.  Each rubric's criteria are categorised as a tree
(`xephang.normalize.categories.tree_categories`: a PAR INDEX field, a DTI pillar,
an e-government area; a criterion stays in its field) and aligned with the other
rubrics' by category and, inside a category, by fuzzy name (rapidfuzz on the folded
titles).  The result has one line per aligned criterion: the maximum points each
rubric gives it, in one number convention, beside the maximum as printed.

    >>> from xephang.outputs.rubrics import compare_files
    >>> cmp = compare_files(["corpus/documents/001_204b6768762276ab.txt",
    ...                      "corpus/documents/004_1e8ff679e60961d5.txt"])   # doctest: +SKIP
    >>> cmp.frame.columns[:3].tolist()                                       # doctest: +SKIP
    ['category', 'criterion', 'depth']
"""
from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from ..corpus.rows import rubric_rows
from ..corpus.stages import read_document, resolve
from ..extract.errors import NoTables
from ..extract.interpret import fold, rubric_nodes
from ..extract.model import Table
from ..normalize.categories import tree_categories
from ..normalize.numbers import parse_number

#: Lowest fuzzy score (0–100, `name_score` of the folded names) that aligns two criteria.
THRESHOLD = 70.0
#: The conventions numbers are printed in: Vietnamese decimal comma ("9,50", "1.000")
#: or decimal point ("9.50", "1000").
DECIMALS = ("comma", "point")


@dataclass(frozen=True)
class Comparison:
    rubrics: tuple[str, ...]          # one label per rubric, in the order given
    frame: pd.DataFrame               # one row per aligned criterion


# ---------------------------------------------------------------- reading

def nodes_of_file(path: Path) -> list[dict]:
    """The criteria of every rubric table of one file (rows shaped like the dataset's
    `rubric_nodes`, with the decision's `number`)."""
    doc = read_document(path)
    tables = continued_roles(doc.tables)
    rows = rubric_rows(str(path), replace(doc, tables=tables), resolve(doc), doc.meta.province)
    if not rows:
        raise NoTables(str(path))
    return [{**r, "number": doc.meta.number} for r in rows]


def continued_roles(tables) -> tuple[Table, ...]:
    """A rubric table repeating the header of an earlier rubric table continues it: when
    that table's column roles read more criteria with a name and a maximum than its own
    (a page whose roles were guessed from a few rows), it is read with them.  The tables
    are new objects; what was printed is untouched."""
    out: list[Table] = []
    first: Table | None = None           # the rubric table whose header the next ones repeat
    for table in tables:
        if table.kind == "rubric":
            if first is not None and _same_header(first, table):
                table = _better_read(table, first)
            else:
                first = table
        out.append(table)
    return tuple(out)


def _same_header(a: Table, b: Table) -> bool:
    """Same columns, each label the same or the start of the other (a page's first lines
    are sometimes read into its repeated header: "Lĩnh vực/Tiêu chí Tính điểm theo …")."""
    return len(a.columns) == len(b.columns) and all(
        x.startswith(y) or y.startswith(x)
        for x, y in ((_label(p), _label(q)) for p, q in zip(a.columns, b.columns)))


def _label(column) -> str:
    return " ".join(fold(column.label).split())


def _better_read(table: Table, previous: Table) -> Table:
    if [c.role for c in table.columns] == [c.role for c in previous.columns]:
        return table
    borrowed = table.with_(columns=tuple(replace(c, role=p.role)
                                         for c, p in zip(table.columns, previous.columns)))
    return borrowed if _read_criteria(borrowed) > _read_criteria(table) else table


def _read_criteria(table: Table) -> int:
    return sum(1 for n in rubric_nodes(table)
               if n.title and parse_number(n.max_printed).value is not None)


# ---------------------------------------------------------------- rubrics

def rubric_label(node: dict, part: int | None = None) -> str:
    """'Quảng Bình 3270/QĐ-UBND department' — province, document, level; '#k' (the
    first table of the rubric) when the document holds several rubrics."""
    name = node.get("number") or Path(str(node["document"])).stem
    level = node.get("level")
    level = f" {level}" if isinstance(level, str) and level else ""
    suffix = f" #{part}" if part is not None else ""
    return f"{node.get('province') or '?'} {name}{level}{suffix}"


def split_rubrics(records: list[dict]) -> list[list[dict]]:
    """The criteria of each document, in printed order, cut into rubrics: a table joins
    the rubric before it unless its units are of another level or it numbers again a
    criterion that rubric already has."""
    rubrics: list[list[dict]] = []
    by_doc: dict[str, list[dict]] = {}
    for node in records:
        by_doc.setdefault(str(node["document"]), []).append(node)
    for nodes in by_doc.values():
        current: list[dict] = []
        for table in _tables_of(nodes):
            seen = {n["node_id"] for n in current}
            restarts = any(n["node_id"] in seen for n in table)
            if current and (restarts or table[0].get("level") != current[0].get("level")):
                rubrics.append(current)
                current = []
            current = current + table
        if current:
            rubrics.append(current)
    return rubrics


def _tables_of(nodes: list[dict]) -> list[list[dict]]:
    tables: dict[object, list[dict]] = {}
    for n in nodes:
        tables.setdefault(n["table_index"], []).append(n)
    return [tables[k] for k in sorted(tables, key=lambda k: (k is None, k))]


def as_tree(rubric: list[dict]) -> list[dict]:
    """The rubric's criteria with each one's parent where the page puts it (the nearest
    earlier criterion one level up, across its tables) and its category read as a tree."""
    out: list[dict] = []
    for pos, node in enumerate(rubric):
        parent = next((p for p in reversed(out) if p["depth"] == node["depth"] - 1), None)
        out.append({**node, "parent_id": parent["node_id"] if parent else None, "pos": pos,
                    "parent_pos": parent["pos"] if parent else None})
    categories = tree_categories([(n["node_id"], n["parent_id"], str(n["title"] or ""))
                                  for n in out])
    return [{**n, "category": c} for n, c in zip(out, categories)]


# ---------------------------------------------------------------- aligning

def compare_files(paths, decimal: str = "comma") -> Comparison:
    nodes = [n for p in paths for n in nodes_of_file(Path(p))]
    return compare(pd.DataFrame(nodes), decimal=decimal)


def compare(nodes: pd.DataFrame, decimal: str = "comma") -> Comparison:
    """Align the criteria of every rubric in *nodes* (rows shaped like the `rubric_nodes`
    table, optionally with the decision's `number`); maxima in the *decimal* convention."""
    if decimal not in DECIMALS:
        raise ValueError(f"decimal must be one of {DECIMALS}, not {decimal!r}")
    records = [{k: (None if _missing(v) else v) for k, v in n.items()}
               for n in nodes.to_dict("records")]
    rubrics = split_rubrics(records)
    several = _documents_with_several(rubrics)
    labels: list[str] = []
    lines: list[dict] = []
    for rubric in rubrics:
        first = rubric[0]
        label = rubric_label(first, first["table_index"] if str(first["document"]) in several
                             else None)
        labels.append(label)
        align(as_tree(rubric), label, lines)
    return Comparison(tuple(labels), _frame(lines, labels, decimal))


def _documents_with_several(rubrics: list[list[dict]]) -> set[str]:
    docs = [str(r[0]["document"]) for r in rubrics]
    return {d for d in docs if docs.count(d) > 1}


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


#: Categories of the e-government rubrics and of the DTI rubrics that measure the same
#: thing: they are aligned as one family.
FAMILY = {"dti_infrastructure": "infrastructure", "dti_human_resources": "human_resources",
          "dti_cybersecurity": "information_security", "dti_institutions": "policy_environment"}


def family(category: str | None) -> str:
    return FAMILY.get(category or "", category or "")


def criterion_key(title: str) -> str:
    """The folded name a criterion is aligned by: its first sentence, without the rule
    text printed after it ("Thực hiện chế độ báo cáo CCHC. Yêu cầu: …")."""
    name = re.split(r"\.\s+(?=[A-ZĐÀ-Ỹ])", str(title), maxsplit=1)[0]
    return fold(name).strip()


def align(tree: list[dict], label: str, lines: list[dict]) -> None:
    """Put each criterion of one rubric on a line of the comparison: level by level, the
    best pairs first (fuzzy score on the folded names, inside one category family; a bonus
    for the same depth and for a line whose parent line holds this criterion's parent).
    The headings of a family (depth 1) align whatever their wording.  A criterion no line
    fits gets a new line after its predecessor's."""
    on: dict[int, dict] = {}            # a criterion's position in the rubric → its line
    for depth in sorted({n["depth"] for n in tree}):
        nodes = [n for n in tree if n["depth"] == depth]
        pairs = sorted(_pairs(nodes, label, lines, on), key=lambda p: -p[0])
        taken: set[int] = set()
        for _score, i, node in pairs:
            if node["pos"] not in on and i not in taken:
                taken.add(i)
                _add(lines[i], node, label, on)
    previous: dict | None = None
    for node in tree:
        if node["pos"] not in on:
            line = {"family": family(node.get("category")),
                    "key": criterion_key(node["title"] or ""), "title": node["title"],
                    "category": node.get("category"), "depth": node["depth"], "by": {},
                    "parents": set()}
            lines.insert(_after(lines, previous, node["depth"]), line)
            _add(line, node, label, on)
        previous = on[node["pos"]]


def _pairs(nodes: list[dict], label: str, lines: list[dict], on: dict[int, dict]):
    for node in nodes:
        fam, key = family(node.get("category")), criterion_key(node["title"] or "")
        parent_line = on.get(node["parent_pos"])
        heading = node["depth"] == 1
        for i, line in enumerate(lines):
            if line["family"] != fam or label in line["by"] or heading != (line["depth"] == 1):
                continue
            score = name_score(key, line["key"])
            if score < THRESHOLD and not (heading and fam):
                continue
            bonus = 5 * (line["depth"] == node["depth"]) \
                + 10 * (parent_line is not None and id(parent_line) in line["parents"])
            yield score + bonus, i, node


def name_score(a: str, b: str) -> float:
    """How alike two criterion names are, 0–100: the mean of rapidfuzz's token sort ratio
    (same words, same length) and token set ratio (one name's words inside the other's:
    "Tỷ lệ hồ sơ trực tuyến toàn trình" in a longer department wording)."""
    return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2


def _add(line: dict, node: dict, label: str, on: dict[int, dict]) -> None:
    line["by"][label] = node
    on[node["pos"]] = line
    if (parent := on.get(node["parent_pos"])) is not None:
        line["parents"].add(id(parent))


def _after(lines: list[dict], previous: dict | None, depth: int) -> int:
    """Where a new line goes: after its predecessor's line and the deeper lines below it."""
    if previous is None:
        return len(lines)
    i = next(k for k, line in enumerate(lines) if line is previous) + 1
    while i < len(lines) and lines[i]["depth"] > depth:
        i += 1
    return i


def _frame(lines: list[dict], labels: list[str], decimal: str) -> pd.DataFrame:
    rows = []
    for line in lines:
        cats = dict.fromkeys(n.get("category") for n in line["by"].values() if n.get("category"))
        row = {"category": " / ".join(cats) or None, "criterion": line["title"],
               "depth": line["depth"]}
        for label in labels:
            node = line["by"].get(label)
            row[f"{label} id"] = node["node_id"] if node else None
            row[f"{label} max"] = maximum(node, decimal) if node else None
            row[f"{label} printed"] = (node["max_printed"] or None) if node else None
        row["in"] = len(line["by"])
        row["missing_from"] = "; ".join(l for l in labels if l not in line["by"]) or None
        rows.append(row)
    return pd.DataFrame(rows)


def maximum(node: dict, decimal: str = "comma") -> str | None:
    """A criterion's maximum in one convention, with the places it was printed with
    ("9.50" and "14,5" → "9,50" and "14,5"); None when none was read as a number."""
    value = node.get("max_points")
    if _missing(value) or value == "":
        return None
    try:
        return format_number(Decimal(str(value)), decimal)
    except InvalidOperation:
        return None


def format_number(value: Decimal, decimal: str = "comma") -> str:
    """Decimal('1000.5') → '1.000,5' (comma) or '1000.5' (point); the places kept."""
    text = format(value, "f")
    if decimal == "point":
        return text
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, places = digits.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + places if places else "")


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
    """A readable table: criterion, then the maximum each rubric gives it ('—' = lacks it,
    '·' = no maximum printed, '?' = a maximum printed that is not a number)."""
    out = [f"rubric {i + 1}: {label}" for i, label in enumerate(comparison.rubrics)]
    head = f"{'category':<24} {'criterion':<{width}} " + " ".join(
        f"{'r' + str(i + 1):>8}" for i in range(len(comparison.rubrics)))
    out += ["", head, "-" * len(head)]
    for row in comparison.frame.to_dict("records"):
        title = "  " * (row["depth"] - 1) + str(row["criterion"])
        maxima = " ".join(f"{_cell(row, label):>8}" for label in comparison.rubrics)
        category = "" if pd.isna(row["category"]) else str(row["category"])
        out.append(f"{category[:24]:<24} {title[:width]:<{width}} {maxima}")
    return "\n".join(out) + "\n"


def _cell(row: dict, label: str) -> str:
    if pd.isna(row[f"{label} id"]):
        return "—"
    if not pd.isna(row[f"{label} max"]):
        return str(row[f"{label} max"])
    return "·" if pd.isna(row[f"{label} printed"]) else "?"


def add_sheet(book, comparison: Comparison, *, first: bool = False, title: str = "rubrics"):
    """The comparison as a sheet of an openpyxl workbook."""
    sheet = book.active if first else book.create_sheet(title)
    sheet.title = title
    sheet.append([f"{i + 1}: {label}" for i, label in enumerate(comparison.rubrics)])
    sheet.append(list(comparison.frame.columns))
    for row in comparison.frame.itertuples(index=False):
        sheet.append([None if pd.isna(v) else v for v in row])
    return sheet
