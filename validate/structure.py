"""Structure: printed column numbers with a gap, a table that stops mid-row.

Rules:
  column-numbering-gap  warning  the printed column numbers skip one: (1)(2)(3)(5)
  table-truncated       error    the table's last row stops before its last column
  cell-missing          warning  a rank (or a total outside any sum) is empty where the rest
                                 of the column prints one
"""
from __future__ import annotations

import re

from .base import title_of
from .context import Context
from .findings import Finding, finding

_NUMBER = re.compile(r"^\(\s*(\d+)\s*\)$")


def check_structure(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for t, table in enumerate(ctx.doc.tables):
        out += _numbering(t, table)
        if table.truncated:
            out.append(_truncated(t, table))
        out += _empty_cells(ctx, t, table)
    return out


def _empty_cells(ctx: Context, t: int, table) -> list[Finding]:
    if table.kind != "scores" or table.column_index("category") is not None:
        return []
    summed = {c for rule in table.sums for c in (rule.total, *rule.components)}
    cols = [c for c, col in enumerate(table.columns)
            if col.role in ("rank", "total", "score") and c not in summed]
    out = []
    for c in cols:
        filled = [r for r in range(len(table.rows)) if table.cell(r, c).text]
        if len(filled) < 0.9 * len(table.rows) or len(filled) == len(table.rows):
            continue
        out += [_empty(ctx, t, table, r, c) for r in range(len(table.rows)) if r not in filled]
    return out


def _empty(ctx: Context, t: int, table, r: int, c: int) -> Finding:
    from .base import cell_line, column_name, unit_name
    unit, label = unit_name(ctx, t, r), table.columns[c].label
    en = f"{unit}: \"{label}\" is empty, where every other row prints a number."
    vi = f"{unit}: ô \"{label}\" bị trống, trong khi các dòng khác đều có số."
    return finding("cell-missing", "warning", en, vi, table=t, table_title=title_of(table), row=r,
                   unit=unit, column=column_name(table, c), printed="", expected=None,
                   line=cell_line(table, r, c), col_index=c)


def _numbering(t: int, table) -> list[Finding]:
    """Printed column numbers that skip.  A number is only missing where nothing is
    printed in its place: a scan's "(3)" read "3)" or "(5)" read "G)" sits between
    (2) and (4), unread; and where some number is unread, one that runs backwards
    ("(6)(0)") is a misread figure, not a column out of order."""
    numbering = table.numbering
    parsed = [(i, int(m.group(1))) for i, n in enumerate(numbering) if (m := _NUMBER.match(n))]
    unread = len(parsed) < len(numbering)
    out = []
    for (i, a), (j, b) in zip(parsed, parsed[1:]):
        if b == a + 1 or (b > a and j - i - 1 >= b - a - 1) or (b <= a and unread):
            continue
        gap = ", ".join(f"({k})" for k in range(a + 1, b)) if b > a else f"({b})"
        printed = "".join(table.numbering)
        en = (f"The column numbers run {printed}: {gap} is missing between ({a}) and ({b}) — "
              f"a column may have been dropped, or the numbers misprinted.")
        vi = (f"Số thứ tự cột in là {printed}: thiếu {gap} giữa ({a}) và ({b}) — có thể bảng "
              f"bị mất một cột, hoặc đánh số cột sai.")
        out.append(finding("column-numbering-gap", "warning", en, vi, table=t,
                           table_title=title_of(table), column=f"({b})", printed=printed,
                           expected=gap, line=table.where.line, page=table.where.page))
    return out


def _truncated(t: int, table) -> Finding:
    last = table.rows[-1]
    filled = sum(1 for c in last.cells if c.text)
    en = (f"The table stops mid-row: its last row has {filled} of {len(table.columns)} cells; "
          f"the rest of the table is missing from the source.")
    vi = (f"Bảng bị cắt giữa chừng: dòng cuối chỉ có {filled}/{len(table.columns)} ô; phần còn "
          f"lại của bảng không có trong văn bản nguồn.")
    return finding("table-truncated", "error", en, vi, table=t, table_title=title_of(table),
                   row=len(table.rows) - 1, printed=str(filled), expected=str(len(table.columns)),
                   line=last.where.line, page=last.where.page)
