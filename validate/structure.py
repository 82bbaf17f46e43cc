"""Structure: printed column numbers with a gap, a table that stops mid-row.

Rules:
  column-numbering-gap  warning  the printed column numbers skip one: (1)(2)(3)(5)
  table-truncated       error    the table's last row stops before its last column
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
    return out


def _numbering(t: int, table) -> list[Finding]:
    numbers = [int(m.group(1)) for n in table.numbering if (m := _NUMBER.match(n))]
    out = []
    for a, b in zip(numbers, numbers[1:]):
        if b == a + 1:
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
