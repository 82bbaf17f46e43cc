"""Rubrics: criteria maxima against their parents and the stated total, and scores
against the maxima.

Rules:
  rubric-id-numbering  error  a criterion's id is outside its parent's numbering
                              ("1.10.1" printed under "2.10")
  rubric-children-sum  error  the children's maxima do not add up to the parent's
  rubric-max-missing   error  a criterion prints no maximum
  rubric-total         error  the top-level maxima do not add up to the stated total
  score-above-max      error  a score exceeds its criterion's or category's maximum
The tree is built from the printed order (a criterion belongs to the nearest
criterion one level up printed above it), so a misnumbered id is reported once
and does not distort the sums.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..extract.interpret import RubricNode, fold, rubric_nodes, rubric_total_row
from ..extract.model import Document
from .base import cell_line, column_name, show, title_of, unit_name
from .base import folded
from .context import Context
from .findings import Finding, finding


@dataclass(frozen=True)
class Node:
    node: RubricNode
    parent: int | None          # index of the positional parent in the node list
    max: Decimal | None


def tree(ctx: Context, table) -> list[Node]:
    out: list[Node] = []
    latest: dict[str, int] = {}        # id → index of its latest node: the parent rubric_nodes named
    for i, n in enumerate(rubric_nodes(table)):
        number = ctx.parse(n.max_printed)
        out.append(Node(n, latest.get(n.parent) if n.parent else None,
                        number.value if number.kind in ("int", "decimal") else None))
        latest[n.id] = i
    return out


def check_rubrics(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for t, table in enumerate(ctx.doc.tables):
        if table.kind != "rubric":
            continue
        nodes = tree(ctx, table)
        if not nodes or sum(n.max is not None for n in nodes) < 0.5 * len(nodes):
            continue
        out += _numbering(ctx, t, nodes)
        out += _missing(ctx, t, nodes)
        out += _children(ctx, t, nodes)
        out += _total(ctx, t, nodes)
    return out


def _numbering(ctx, t, nodes) -> list[Finding]:
    out = []
    for n in nodes:
        if n.parent is None:
            continue
        pid = nodes[n.parent].node.id
        if n.node.id.startswith(pid + "."):
            continue
        want = pid + "." + n.node.id.rsplit(".", 1)[1]
        en = (f"Criterion {n.node.id} is printed under {pid}: its number is outside its parent's "
              f"numbering, and should probably read {want}.")
        vi = (f"Tiêu chí {n.node.id} nằm dưới mục {pid}: số hiệu không theo số hiệu mục cha, "
              f"có lẽ phải là {want}.")
        out.append(_at(ctx, t, n, "rubric-id-numbering", en, vi, printed=n.node.id, expected=want,
                       column="id"))
    return out


def _missing(ctx, t, nodes) -> list[Finding]:
    out = []
    for n in nodes:
        if n.max is not None:
            continue
        en = f"Criterion {n.node.id} (\"{_short(n.node.title)}\") prints no maximum score."
        vi = f"Tiêu chí {n.node.id} (\"{_short(n.node.title)}\") không ghi điểm tối đa."
        implied = _implied(nodes, n)
        if implied is not None:
            en += f" Its group's stated maximum implies {show(implied, ctx.convention)}."
            vi += f" Điểm tối đa của nhóm cho thấy tiêu chí này là {show(implied, ctx.convention)} điểm."
        out.append(_at(ctx, t, n, "rubric-max-missing", en, vi, printed="",
                       expected=None if implied is None else show(implied, ctx.convention)))
    return out


def _implied(nodes, n) -> Decimal | None:
    if n.parent is None or nodes[n.parent].max is None:
        return None
    sibs = [k for k in nodes if k.parent == n.parent]
    if sum(k.max is None for k in sibs) != 1:
        return None
    rest = nodes[n.parent].max - sum(k.max for k in sibs if k.max is not None)
    return rest if rest > 0 else None


def _children(ctx, t, nodes) -> list[Finding]:
    out = []
    for i, n in enumerate(nodes):
        kids = [k for k in nodes if k.parent == i]
        if not kids or n.max is None:
            continue
        added = sum((k.max for k in kids if k.max is not None), Decimal(0))
        if added == n.max:
            continue
        out.append(_children_finding(ctx, t, n, kids, added))
    return out


def _children_finding(ctx, t, n, kids, added) -> Finding:
    conv = ctx.convention
    short = n.max - added
    gap = f"{show(abs(short), conv)} {'short of' if short > 0 else 'over'}"
    gap_vi = f"{'thiếu' if short > 0 else 'thừa'} {show(abs(short), conv)}"
    en = (f"Criterion {n.node.id} (\"{_short(n.node.title)}\") has a maximum of {n.node.max_printed}, "
          f"but its {len(kids)} sub-criteria add to {show(added, conv)} — {gap} the stated maximum")
    vi = (f"Mục {n.node.id} (\"{_short(n.node.title)}\") có điểm tối đa {n.node.max_printed}, "
          f"nhưng {len(kids)} tiêu chí thành phần cộng lại được {show(added, conv)} — {gap_vi}")
    blank = [k for k in kids if k.max is None]
    if len(blank) == 1 and short > 0:
        en += (f"; {blank[0].node.id} prints no maximum, and {show(short, conv)} there would make "
               f"the group add up")
        vi += f"; tiêu chí {blank[0].node.id} không ghi điểm tối đa, và {show(short, conv)} điểm thì nhóm khớp"
    return _at(ctx, t, n, "rubric-children-sum", en + ".", vi + ".", printed=n.node.max_printed,
               expected=show(added, conv))


def _total(ctx, t, nodes) -> list[Finding]:
    table = ctx.doc.tables[t]
    top = [n for n in nodes if n.parent is None and n.node.depth == 1]
    stated, line = _stated_total(ctx, table)
    if stated is None or not top or any(n.max is None for n in top):
        return []
    added = sum((n.max for n in top), Decimal(0))
    if added == stated:
        return []
    conv = ctx.convention
    en = (f"The {len(top)} top-level criteria have maxima adding to {show(added, conv)}, "
          f"but the stated total is {show(stated, conv)}.")
    vi = (f"{len(top)} mục lớn có tổng điểm tối đa {show(added, conv)}, nhưng tổng điểm "
          f"được công bố là {show(stated, conv)}.")
    return [finding("rubric-total", "error", en, vi, table=t, table_title=title_of(table),
                    printed=show(stated, conv), expected=show(added, conv), line=line)]


def _stated_total(ctx, table) -> tuple[Decimal | None, int | None]:
    r = rubric_total_row(table)
    col = table.column_index("max_points")
    if r is not None and col is not None:
        number = ctx.parse(table.cell(r, col).text)
        if number.value is not None:
            return number.value, cell_line(table, r, col)
    if col is not None:
        m = re.search(r"\(\s*(\d+(?:[.,]\d+)*)\s*\)", table.columns[col].label)
        if m:
            return ctx.parse(m.group(1)).value, table.where.line
    return None, None


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _at(ctx, t, n: Node, rule, en, vi, **kw) -> Finding:
    table = ctx.doc.tables[t]
    return finding(rule, "error", en, vi, table=t, table_title=title_of(table), row=n.node.row,
                   unit=n.node.id, line=n.node.line, page=table.rows[n.node.row].where.page, **kw)


# ------------------------------------------------------------ scores vs maxima

_MAX_SENTENCE = re.compile(r"di\w{0,2}m t\w{0,2}i da c\w{0,2}a h\w{0,2}ng m\w{0,2}c n\w{0,2}y l\w? "
                           r"(\d+(?:[.,]\d+)?) d")


def stated_maxima(ctx: Context) -> dict[int, tuple[Decimal, str, int | None]]:
    """Table → (maximum, where it was stated, line): from "điểm tối đa của hạng mục này là
    10 điểm" printed before the table in its section."""
    out: dict = {}
    for t, table in enumerate(ctx.doc.tables):
        start = table.where.line or 0
        prev = max((x.where.line or 0 for x in ctx.doc.tables[:t]), default=0)
        for p in ctx.doc.paragraphs:
            line = p.where.line or 0
            if prev < line < start and (m := _MAX_SENTENCE.search(folded(p.text))):
                out[t] = (ctx.parse(m.group(1)).value, "the text before the table", line)
    return out


def rubric_maxima(ctx: Context, library: list[Document]) -> dict[str, tuple[Decimal, str]]:
    """Category → maximum, from this document's rubric or a cited decision in the library."""
    out: dict = {}
    cited = set(ctx.doc.meta.based_on)
    docs = [(ctx.doc, None)] + [(d, d.meta.number) for d in library if d.meta.number in cited]
    for doc, number in docs:
        sub = ctx if doc is ctx.doc else None
        for table in doc.tables:
            if table.kind != "rubric":
                continue
            for n in rubric_nodes(table):
                value = (sub or ctx).parse(n.max_printed).value
                cat = ctx.category_of_text(n.title)
                if n.depth == 1 and cat and value is not None:
                    out.setdefault(cat, (value, f"decision {number}" if number else "this document's rubric"))
    return out


def check_maxima(ctx: Context, library: list[Document]) -> list[Finding]:
    stated = stated_maxima(ctx)
    from_rubric = rubric_maxima(ctx, library)
    out: list[Finding] = []
    for t, table in enumerate(ctx.doc.tables):
        if table.kind != "scores":
            continue
        col = table.column_index("total")
        col = col if col is not None else table.column_index("score")
        cap = stated.get(t)
        if cap is None and (cat := ctx.category(t)) in from_rubric:
            cap = (*from_rubric[cat], None)
        if cap is not None and col is not None:
            out += _over(ctx, t, col, cap)
        for c, column in enumerate(table.columns):
            cat = ctx.category_of_text(column.label) if column.role == "component" else None
            if cat in from_rubric and ctx.category(t) == "overall":
                out += _over(ctx, t, c, (*from_rubric[cat], None))
    return out


def _over(ctx, t, col, cap) -> list[Finding]:
    table, (limit, source, line) = ctx.doc.tables[t], cap
    out = []
    for r in range(len(table.rows)):
        value = ctx.value(t, r, col)
        if value is None or value <= limit:
            continue
        unit, printed = unit_name(ctx, t, r), table.cell(r, col).text
        where = f"{source} (line {line})" if line else source
        en = f"{unit}: scores {printed}, above the maximum of {show(limit, ctx.convention)} stated in {where}."
        vi = f"{unit}: đạt {printed} điểm, vượt điểm tối đa {show(limit, ctx.convention)} theo quy định."
        out.append(finding("score-above-max", "error", en, vi, table=t, table_title=title_of(table),
                           row=r, unit=unit, column=column_name(table, col), printed=printed,
                           expected=f"≤ {show(limit, ctx.convention)}", line=cell_line(table, r, col),
                           col_index=col))
    return out
