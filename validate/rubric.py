"""Rubrics: criteria maxima against their parents and the stated total, and scores
against the maxima.

Rules:
  rubric-id-numbering   error    a criterion's id is outside its parent's numbering
                                 ("1.10.1" printed under "2.10")
  rubric-children-sum   error    the children's maxima do not add up to the parent's
  rubric-max-missing    error    a criterion prints no maximum
  rubric-total          error    the top-level maxima do not add up to the stated total
  rubric-incomplete     warning  a sum that does not close, where not every part was read
                                 (a sub-criterion number skipped, or the group runs off the
                                 end of what was read): a warning about the reading
  score-above-max       error    a score exceeds its criterion's or category's maximum
The tree is built from the printed order (a criterion belongs to the nearest
criterion one level up printed above it), so a misnumbered id is reported once
and does not distort the sums.  A rubric printed over several pages often reaches
the reader as several tables: a table whose first criterion is not "1" continues
the one before it, and the tree runs across them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..extract.interpret import RubricNode, rubric_nodes, rubric_total_row
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
    table: int = 0              # the table the criterion is printed in
    read: bool = True           # False when the maximum cell holds something that is not a
                                # number (a title shifted into the column): not read, not blank


def runs(ctx: Context) -> list[list[int]]:
    """The rubric tables, grouped into rubrics: a table whose first criterion is not
    "1" continues the rubric before it (a page break cut the printed table)."""
    out: list[list[int]] = []
    for t, table in enumerate(ctx.doc.tables):
        if table.kind != "rubric":
            continue
        nodes = rubric_nodes(table)
        if not nodes:
            continue
        if out and nodes[0].id != "1":
            out[-1].append(t)
        else:
            out.append([t])
    return out


def tree(ctx: Context, table, t: int = 0) -> list[Node]:
    """The criteria of one table, each with its positional parent."""
    return tree_of(ctx, [(t, table)])


def tree_of(ctx: Context, tables: list[tuple[int, object]]) -> list[Node]:
    out: list[Node] = []
    for t, table in tables:
        nodes = rubric_nodes(table)
        values = [_maximum(ctx, n.max_printed) for n in nodes]
        column_read = sum(v is not None for v in values) >= 0.5 * len(nodes)
        for n, value in zip(nodes, values):
            depth = n.depth
            parent = next((i for i in range(len(out) - 1, -1, -1)
                           if out[i].node.depth == depth - 1), None) if depth > 1 else None
            cut = table.truncated and n.row == len(table.rows) - 1     # its cells cut off
            read = value is not None or (column_read and not n.max_printed.strip() and not cut)
            out.append(Node(n, parent, value, t, read))
    return out


def _maximum(ctx: Context, printed: str) -> Decimal | None:
    number = ctx.parse(printed)
    return number.value if number.kind in ("int", "decimal") else None


def check_rubrics(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for run in runs(ctx):
        nodes = tree_of(ctx, [(t, ctx.doc.tables[t]) for t in run])
        if not nodes or sum(n.max is not None for n in nodes) < 0.5 * len(nodes):
            continue        # the maxima were not read: nothing can be recomputed
        out += _numbering(ctx, nodes)
        out += _missing(ctx, nodes)
        out += _children(ctx, run, nodes)
        out += _total(ctx, run, nodes)
    return out


def _numbering(ctx, nodes) -> list[Finding]:
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
        out.append(_at(ctx, n, "rubric-id-numbering", en, vi, printed=n.node.id, expected=want,
                       column="id"))
    return out


def _missing(ctx, nodes) -> list[Finding]:
    out = []
    for n in nodes:
        if n.max is not None or not n.read:
            continue
        en = f"Criterion {n.node.id} (\"{_short(n.node.title)}\") prints no maximum score."
        vi = f"Tiêu chí {n.node.id} (\"{_short(n.node.title)}\") không ghi điểm tối đa."
        implied = _implied(nodes, n)
        if implied is not None:
            en += f" Its group's stated maximum implies {show(implied, ctx.convention)}."
            vi += f" Điểm tối đa của nhóm cho thấy tiêu chí này là {show(implied, ctx.convention)} điểm."
        out.append(_at(ctx, n, "rubric-max-missing", en, vi, printed="",
                       expected=None if implied is None else show(implied, ctx.convention)))
    return out


def _implied(nodes, n) -> Decimal | None:
    if n.parent is None or nodes[n.parent].max is None:
        return None
    sibs = [k for k in nodes if k.parent == n.parent]
    if sum(k.max is None for k in sibs) != 1 or not all(k.read for k in sibs):
        return None
    rest = nodes[n.parent].max - sum(k.max for k in sibs if k.max is not None)
    return rest if rest > 0 else None


# ------------------------------------------------------------ a complete read

def _last_number(cid: str) -> int | None:
    tail = cid.rsplit(".", 1)[-1]
    return int(tail) if tail.isdigit() else None


def skipped(ids: list[str], prefix: str) -> list[str]:
    """The numbers a run of sibling ids skips: 4.1.1, 4.1.2, 4.1.4 → ["4.1.3"]."""
    numbers = [_last_number(i) for i in ids]
    if any(k is None for k in numbers) or not numbers:
        return []
    return [f"{prefix}{k}" for k in range(1, max(numbers) + 1) if k not in numbers]


def _subtree_end(nodes, i: int) -> int:
    depth, j = nodes[i].node.depth, i
    while j + 1 < len(nodes) and nodes[j + 1].node.depth > depth:
        j += 1
    return j


def _cut_short(ctx, run: list[int], nodes, end: int) -> bool:
    """Does the group end where the rubric, as read, stops mid-row (a truncated table)?"""
    return end == len(nodes) - 1 and ctx.doc.tables[run[-1]].truncated


def unread(ctx, run, nodes, i: int, kids: list[Node]) -> tuple[str, str] | None:
    """Why criterion *i*'s sub-criteria may not all have been read (English, Vietnamese),
    or None when every one of them was."""
    pid = nodes[i].node.id
    lost = [k.node.id for k in kids if not k.read]
    if lost:
        shown = ", ".join(lost[:4]) + ("…" if len(lost) > 4 else "")
        return (f"the maxima of {shown} were not read (their cells hold text, not a number, or were cut off)",
                f"chưa đọc được điểm tối đa của {shown} (ô điểm chứa chữ, không phải số, hoặc bị cắt mất)")
    gaps = skipped([k.node.id for k in kids], pid + ".")
    if gaps:
        shown = ", ".join(gaps[:4]) + ("…" if len(gaps) > 4 else "")
        return (f"sub-criteria {shown} were not read (the numbers read skip them)",
                f"chưa đọc được tiêu chí {shown} (số hiệu đọc được bỏ qua các tiêu chí này)")
    end = _subtree_end(nodes, i)
    if _cut_short(ctx, run, nodes, end):
        last = nodes[end].node.id
        return (f"the rubric as read stops mid-row after {last}, so sub-criteria printed after it "
                f"were not read", f"phần đọc được của bảng dừng giữa chừng sau tiêu chí {last}, "
                f"các tiêu chí sau đó chưa được đọc")
    return None


def _broken_after(nodes, end: int) -> tuple[str, str] | None:
    if end + 1 < len(nodes) and nodes[end + 1].table != nodes[end].table:
        last = nodes[end].node.id
        return (f"the table breaks after {last}, and rows at the break may not have been read",
                f"bảng bị ngắt sau tiêu chí {last}, có thể các dòng ở chỗ ngắt chưa được đọc")
    return None


def _children(ctx, run, nodes) -> list[Finding]:
    out = []
    for i, n in enumerate(nodes):
        kids = [k for k in nodes if k.parent == i]
        if not kids or n.max is None or not n.read:
            continue
        added = sum((k.max for k in kids if k.max is not None), Decimal(0))
        if added == n.max:
            continue
        why = None if added > n.max else \
            (unread(ctx, run, nodes, i, kids) or _broken_after(nodes, _subtree_end(nodes, i)))
        if why is None:
            out.append(_children_finding(ctx, n, kids, added))
        else:
            out.append(_unread_finding(ctx, n, kids, added, why))
    return out


def _children_finding(ctx, n, kids, added) -> Finding:
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
    return _at(ctx, n, "rubric-children-sum", en + ".", vi + ".", printed=n.node.max_printed,
               expected=show(added, conv))


def _unread_finding(ctx, n, kids, added, why) -> Finding:
    conv = ctx.convention
    short = show(n.max - added, conv)
    ids = ", ".join(k.node.id for k in kids[:6]) + ("…" if len(kids) > 6 else "")
    en = (f"Criterion {n.node.id} (\"{_short(n.node.title)}\") has a maximum of {n.node.max_printed}; "
          f"its {len(kids)} sub-criteria ({ids}) add to {show(added, conv)} as read, {short} short — "
          f"but {why[0]}: a gap in the reading, not an error claimed against the document.")
    vi = (f"Mục {n.node.id} (\"{_short(n.node.title)}\") có điểm tối đa {n.node.max_printed}; "
          f"{len(kids)} tiêu chí thành phần ({ids}) theo phần đọc được cộng lại {show(added, conv)}, "
          f"thiếu {short} — nhưng {why[1]}: đây là thiếu sót khi đọc, không phải lỗi của văn bản.")
    return _at(ctx, n, "rubric-incomplete", en, vi, printed=n.node.max_printed,
               expected=show(added, conv), severity="warning")


def _total(ctx, run, nodes) -> list[Finding]:
    top = [n for n in nodes if n.parent is None and n.node.depth == 1]
    stated, line, t = _stated_total(ctx, run)
    if stated is None or not top or any(n.max is None for n in top):
        return []
    added = sum((n.max for n in top), Decimal(0))
    if added == stated:
        return []
    table, conv = ctx.doc.tables[t], ctx.convention
    gaps = skipped([n.node.id for n in top], "")
    if gaps and added < stated:
        en = (f"The {len(top)} top-level criteria read have maxima adding to {show(added, conv)}, "
              f"short of the stated total {show(stated, conv)} — but criteria {', '.join(gaps)} "
              f"were not read: a gap in the reading, not an error claimed against the document.")
        vi = (f"{len(top)} mục lớn đọc được có tổng điểm tối đa {show(added, conv)}, thấp hơn tổng "
              f"điểm công bố {show(stated, conv)} — nhưng chưa đọc được mục {', '.join(gaps)}: đây "
              f"là thiếu sót khi đọc, không phải lỗi của văn bản.")
        rule, severity = "rubric-incomplete", "warning"
    else:
        en = (f"The {len(top)} top-level criteria have maxima adding to {show(added, conv)}, "
              f"but the stated total is {show(stated, conv)}.")
        vi = (f"{len(top)} mục lớn có tổng điểm tối đa {show(added, conv)}, nhưng tổng điểm "
              f"được công bố là {show(stated, conv)}.")
        rule, severity = "rubric-total", "error"
    return [finding(rule, severity, en, vi, table=t, table_title=title_of(table),
                    printed=show(stated, conv), expected=show(added, conv), line=line,
                    page=table.where.page)]


def _stated_total(ctx, run) -> tuple[Decimal | None, int | None, int]:
    for t in run:
        table = ctx.doc.tables[t]
        r = rubric_total_row(table)
        col = table.column_index("max_points")
        if r is not None and col is not None:
            number = ctx.parse(table.cell(r, col).text)
            if number.value is not None:
                return number.value, cell_line(table, r, col), t
    table = ctx.doc.tables[run[0]]
    col = table.column_index("max_points")
    if col is not None:
        m = re.search(r"\(\s*(\d+(?:[.,]\d+)*)\s*\)", table.columns[col].label)
        if m:
            return ctx.parse(m.group(1)).value, table.where.line, run[0]
    return None, None, run[0]


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _at(ctx, n: Node, rule, en, vi, severity: str = "error", **kw) -> Finding:
    table = ctx.doc.tables[n.table]
    return finding(rule, severity, en, vi, table=n.table, table_title=title_of(table),
                   row=n.node.row, unit=n.node.id, line=n.node.line,
                   page=table.rows[n.node.row].where.page, **kw)


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
