"""What a table and its columns mean: header labels → column roles, table kind,
which columns add up to which total, and the rubric tree.

Labels are matched in a folded form (no diacritics, lower case) with patterns
loose enough for the seeds' dropped letters ("Tng điểm", "Đim", "Tên quan").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Column, SumRule, Table


def fold(text: str) -> str:
    """'Tổng điểm' → 'tong diem': lower case, no diacritics, đ → d, spaces collapsed."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


_LABEL_ROLES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (role, re.compile(pattern)) for role, pattern in (
        ("row_no", r"^(s?tt|so tt|so thu tu)\.?$"),
        ("max_points", r"diem toi da|toi da|thang diem|^diem chuan"),
        ("rule", r"cach (xac dinh|tinh|cham)|phuong phap|^cach tinh"),
        ("evidence", r"kiem chung|tai lieu"),
        ("note", r"^ghi chu"),
        ("total", r"^t\w{0,2}ng( so)? d\w{0,3}m|^d\w{0,3}m h\w{0,2}ng m\w{0,2}c|^tong cong|^ket qua$"),
        ("criterion", r"hang muc|tieu chi|^chi so|^noi dung|^thong tin"),
        ("rank", r"^x\w{0,2}p h\w{0,2}ng|^thu hang|^thu tu xep|^hang$"),
        ("grade", r"^x\w{0,2}p lo\w{0,2}i|^phan loai|^muc( do)?( dat)?$|^danh gia$"),
        ("group", r"^d\w{0,3}m( so)?$|^diem thanh phan$|^diem danh gia$"),
        ("unit", r"^(ten )?(don vi|co quan)|^ten( \w+)? (quan|vi|phuong)|^ten (so|huyen|xa)|^dia phuong"),
    )
)


_SQUEEZED_ROLES = tuple((role, re.compile(p.pattern.replace(" ", ""))) for role, p in _LABEL_ROLES)


#: A maximum stated in brackets after a label: "(tối đa 18 điểm)", "(Tối đa 20 điểm)".
_STATED_MAXIMUM = re.compile(r"\(\s*toi da[^()]*\)")


def label_role(label: str) -> str:
    """Role of one header label; "component" when it names none of the known roles.
    A label a narrow column broke inside its words ("Tổ ng điểm", "T T") is also
    tried with its spaces taken out, when it has such a one- or two-letter piece."""
    key = fold(label)
    qualified = _STATED_MAXIMUM.sub("", key).strip()
    if qualified and qualified != key:       # "Điểm đạt (tối đa 18 điểm)": a score whose
        return label_role(qualified)         # maximum the header states, not a maximum
    for role, pattern in _LABEL_ROLES:
        if pattern.search(key):
            return role
    if any(len(w) <= 2 for w in key.split()) and " " in key:
        squeezed = key.replace(" ", "")
        for role, pattern in _SQUEEZED_ROLES:
            if pattern.search(squeezed):
                return role
    return "component"


_NUMBERED = re.compile(r"^\(\s*(\d+)\s*\)$")


def column_number(text: str) -> int | None:
    m = _NUMBERED.match(text.strip())
    return int(m.group(1)) if m else None


def columns_from_labels(labels: list[str], width: int | None,
                        numbering: list[str] | None = None) -> list[Column]:
    """Header labels printed one after another → the data columns, in data order.

    A text dump prints a two-row header row by row: ``TT | Đơn vị | Điểm | Tổng điểm``
    and then the labels under "Điểm".  The columns are the first row with the
    group replaced by the labels under it; surplus labels under the group are
    nested group labels ("Cơ chế - Chính sách").
    """
    roles = [label_role(label) for label in labels]
    if "group" in roles:
        g = roles.index("group")
        top, sub = labels[:g + 1], []
        for label, role in zip(labels[g + 1:], roles[g + 1:]):
            if sub or role in ("component", "group"):
                sub.append(label)
            else:
                top.append(label)
        slots = (width - (len(top) - 1)) if width else len(sub)
        groups = [labels[g]] + sub[:max(0, len(sub) - slots)]
        sub = sub[max(0, len(sub) - slots):] + [""] * max(0, slots - len(sub))
        group = " / ".join(groups)
        columns = []
        for label in top:
            if label is labels[g]:
                columns += [Column(s, "component", group=group) for s in sub]
            else:
                columns.append(Column(label, label_role(label)))
    else:
        columns = [Column(label, role) for label, role in zip(labels, roles)]
        if width and len(columns) > width:
            columns = columns[:width]
        if width and len(columns) < width:
            columns += [Column("", "component") for _ in range(width - len(columns))]
    if numbering:
        columns = [Column(c.label, c.role, numbering[i] if i < len(numbering) else None, c.group)
                   for i, c in enumerate(columns)]
    return columns


def table_kind(columns: list[Column]) -> str:
    roles = {c.role for c in columns}
    if is_result_with_maxima(roles):
        return "scores"
    if roles & {"max_points", "criterion", "rule"}:
        return "rubric"
    if "unit" in roles and roles & {"component", "total", "rank", "score"}:
        return "scores"
    return "other"


def is_result_with_maxima(roles: set[str]) -> bool:
    """Units ranked or totalled beside a per-row maximum ("Đơn vị | Điểm chuẩn tối đa |
    Điểm thẩm định | Xếp hạng"): a results table, not a rubric — a rubric has criteria,
    not units, and neither a rank nor a scoring rule of units."""
    return ("unit" in roles and bool(roles & {"rank", "total", "grade"})
            and not roles & {"rule", "criterion_id", "evidence"})


def settle_roles(columns: list[Column], kind: str) -> list[Column]:
    """Roles that depend on the table's kind: in a rubric, STT is the criterion id and
    "Tổng điểm (1.000)" is the maximum; in a score table a lone score column is the total."""
    out = []
    for c in columns:
        role = c.role
        if kind == "rubric":
            role = {"row_no": "criterion_id", "total": "max_points", "unit": "criterion"}.get(role, role)
            if role == "component":
                role = "other"
        elif kind == "other" and role == "component":
            role = "other"
        elif kind == "scores" and role == "criterion":
            role = "value"           # "Chỉ số chung" beside units: an index, not a criterion
        out.append(Column(c.label, role, c.number, c.group))
    return out


def sum_rules(columns: list[Column]) -> list[SumRule]:
    """In a score table the component columns add up to the total column."""
    comps = tuple(i for i, c in enumerate(columns) if c.role == "component")
    totals = [i for i, c in enumerate(columns) if c.role == "total"]
    if comps and totals:
        return [SumRule(totals[0], comps)]
    return []


def interpret(columns: list[Column]) -> tuple[str, list[Column], list[SumRule]]:
    kind = table_kind(columns)
    columns = settle_roles(columns, kind)
    return kind, columns, sum_rules(columns)


# ---------------------------------------------------------------------------
# Rubric tree

_ID = re.compile(r"^(\d+(?:\.\d+)*)\.?$")


@dataclass(frozen=True)
class RubricNode:
    id: str
    title: str
    max_printed: str          # "" when no maximum is printed
    row: int                  # index of the table row that defines it
    parent: str | None
    rule: str = ""            # the scoring rule (rule column, or the rule rows under it)
    line: int | None = None

    @property
    def depth(self) -> int:
        return self.id.count(".") + 1


def rubric_nodes(table: Table) -> list[RubricNode]:
    """The criteria of a rubric table in printed order, each with its parent by
    position ("1.10.1" printed under "2.10" has parent "2.10"; the checker reports
    the numbering).

    A rule row (no id) adds its text to the criterion above it, and a maximum
    printed on the rule row (a cell the source spanned over two rows) is that
    criterion's maximum.
    """
    id_col = table.column_index("criterion_id")
    title_col = table.column_index("criterion")
    max_col = table.column_index("max_points")
    rule_col = table.column_index("rule")
    if id_col is None or title_col is None:
        return []
    nodes: list[dict] = []
    for r, row in enumerate(table.rows):
        cid = table.cell(r, id_col).text
        title = table.cell(r, title_col).text
        mx = table.cell(r, max_col).text if max_col is not None else ""
        m = _ID.match(cid)
        if m:
            nodes.append({"id": m.group(1), "title": title, "max_printed": mx, "row": r,
                          "rule": table.cell(r, rule_col).text if rule_col is not None else "",
                          "line": row.where.line})
        elif nodes and not cid and title and not _is_total_label(title):
            last = nodes[-1]
            last["rule"] = (last["rule"] + " " + title).strip()
            if not last["max_printed"] and mx:
                last["max_printed"] = mx
    out: list[RubricNode] = []
    for n in nodes:                  # the parent is where the page puts it: the nearest
        depth = n["id"].count(".") + 1   # earlier node one level up, whatever its number
        parent = next((p.id for p in reversed(out) if p.depth == depth - 1), None)
        out.append(RubricNode(parent=parent, **n))
    return out


def _is_total_label(text: str) -> bool:
    return bool(re.match(r"^t\w{0,2}ng( so)? d\w{0,3}m|^tong cong", fold(text)))


def rubric_total_row(table: Table) -> int | None:
    """Index of the "TỔNG ĐIỂM" row of a rubric, if it prints one."""
    title_col = table.column_index("criterion")
    if title_col is None:
        return None
    for r in range(len(table.rows)):
        if _is_total_label(table.cell(r, title_col).text):
            return r
    return None


# ---------------------------------------------------------------------------
# Header grids (HTML, PDF): a header spread over several rows with spans

#: One position of an expanded header grid: the printed cell's text and a key
#: naming that printed cell (equal keys = one cell spanning several positions).
GridSlot = tuple[str, object]


def columns_from_grid(header_rows: list[list[GridSlot]],
                      numbering: list[str | None] | None = None) -> list[Column]:
    """A multi-row header, rowspans and colspans already expanded → the data columns.

    Each column reads its printed cells top to bottom: the lowest is its label,
    cells above it that span several columns are its group ("Điểm", "Điểm /
    Cơ chế - Chính sách"), and a cell above it spanning this column alone is
    the first words of its label.  Columns under a score group ("Điểm") are
    components, as in :func:`columns_from_labels`.
    """
    width = max((len(row) for row in header_rows), default=0)
    out = []
    for c in range(width):
        label, groups = _column_stack(header_rows, c)
        if groups and label_role(groups[0]) == "group":
            role = "component"
        else:
            role = label_role(label)
            role = "component" if role == "group" else role
        number = numbering[c] if numbering and c < len(numbering) else None
        out.append(Column(label, role, number, " / ".join(groups) or None))
    return out


def _column_stack(header_rows: list[list[GridSlot]], c: int) -> tuple[str, list[str]]:
    """(label, spanning group labels outermost first) of column *c*."""
    parts: list[tuple[str, bool]] = []      # (text, spans several columns)
    seen: set = set()
    for row in header_rows:
        if c >= len(row) or row[c][1] in seen:
            continue
        text, key = row[c]
        seen.add(key)
        wide = any(row[j][1] == key for j in (c - 1, c + 1) if 0 <= j < len(row))
        if text:
            parts.append((text, wide))
    if not parts:
        return "", []
    groups = [t for t, wide in parts[:-1] if wide]
    words = [t for t, wide in parts[:-1] if not wide] + [parts[-1][0]]
    return " ".join(words), groups
