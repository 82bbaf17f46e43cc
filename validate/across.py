"""Across tables: the same unit's numbers in the overall table and in each category's own table.

Rules:
  across-category  error  the overall table's value for a category differs from
                          the unit's total in that category's own table
  across-total     error  an overall total differs from the sum of the unit's
                          category totals (when the overall table prints no components)
  across-unmatched info   a unit of the overall table is missing from a category table
Units are matched by identity (normalize), whatever their spelling in each table.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .base import cell_line, cell_page, column_name, show, title_of
from .context import Context
from .findings import Finding, finding, where_words

SEPARATE = {None, "overall", "web_portal"}


@dataclass(frozen=True)
class Link:
    overall: int          # table index of the overall table
    row: int
    col: int              # its column for the category
    table: int            # the category's own table
    table_row: int
    total: int            # that table's total column


def total_column(table) -> int | None:
    col = table.column_index("total")
    return col if col is not None else table.column_index("score")


def category_tables(ctx: Context, level: str | None, exclude: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for t, table in enumerate(ctx.doc.tables):
        cat = ctx.category(t)
        if t == exclude or table.kind != "scores" or cat in SEPARATE or total_column(table) is None:
            continue
        if ctx.level(t) == level and table.column_index("unit") is not None:
            out.setdefault(cat, t)
    return out


def overall_tables(ctx: Context) -> list[int]:
    return [t for t, table in enumerate(ctx.doc.tables)
            if table.kind == "scores" and table.column_index("unit") is not None
            and (ctx.category(t) == "overall"
                 or (ctx.category(t) is None and _category_columns(ctx, t)))]


def _category_columns(ctx: Context, t: int) -> dict[int, str]:
    """The component columns that each name a category, when (nearly) all of them do."""
    table = ctx.doc.tables[t]
    comps = [c for c, col in enumerate(table.columns) if col.role == "component"]
    cats = {c: ctx.category_of_text(table.columns[c].label) for c in comps}
    cats = {c: s for c, s in cats.items() if s not in SEPARATE}
    distinct = len(set(cats.values())) == len(cats)
    return cats if len(cats) >= 2 and distinct and len(cats) >= 0.8 * len(comps) else {}


def links(ctx: Context) -> list[Link]:
    out = []
    for o in overall_tables(ctx):
        tables = category_tables(ctx, ctx.level(o), o)
        for c, cat in _category_columns(ctx, o).items():
            if cat in tables:
                out += _link_rows(ctx, o, c, tables[cat])
    return out


def _link_rows(ctx: Context, o: int, c: int, t: int) -> list[Link]:
    out = []
    for r in range(len(ctx.doc.tables[o].rows)):
        unit = ctx.unit(o, r)
        r2 = ctx.find_unit(t, unit) if unit else None
        if r2 is not None:
            out.append(Link(o, r, c, t, r2, total_column(ctx.doc.tables[t])))
    return out


def evidence(ctx: Context, found: list[Link]) -> dict:
    """For the likely-correction step: what the other table prints for a cell."""
    out: dict = {}
    for k in found:
        out[(k.table, k.table_row, k.total)] = ctx.value(k.overall, k.row, k.col)
        out[(k.overall, k.row, k.col)] = ctx.value(k.table, k.table_row, k.total)
    return out


def check_across(ctx: Context, found: list[Link]) -> list[Finding]:
    out = [f for k in found if (f := _compare(ctx, k))]
    for o in overall_tables(ctx):
        if not _category_columns(ctx, o):
            out += _sum_of_categories(ctx, o)
    return out


def _compare(ctx: Context, k: Link) -> Finding | None:
    a, b = ctx.value(k.overall, k.row, k.col), ctx.value(k.table, k.table_row, k.total)
    if a is None or b is None or a == b:
        return None
    ot, ct = ctx.doc.tables[k.overall], ctx.doc.tables[k.table]
    unit = ctx.unit(k.overall, k.row).name
    label, other = ot.columns[k.col].label, title_of(ct) or f"table {k.table}"
    pa, pb = ot.cell(k.row, k.col).text, ct.cell(k.table_row, k.total).text
    at = ct.cell(k.table_row, k.total).where
    at = at if where_words(at) else ct.rows[k.table_row].where
    en_at, vi_at = (f" ({w})" if w else "" for w in (where_words(at), where_words(at, "vi")))
    en = (f"{unit}: the overall table gives {pa} for \"{label}\", but the unit's total in "
          f"\"{other}\"{en_at} is {pb} — "
          f"{show(abs(a - b), ctx.convention)} apart.")
    vi = (f"{unit}: bảng tổng hợp ghi {pa} điểm cho \"{label}\", nhưng tổng điểm của đơn vị ở "
          f"\"{other}\"{vi_at} là {pb} — lệch "
          f"{show(abs(a - b), ctx.convention)}.")
    return finding("across-category", "error", en, vi, table=k.overall, table_title=title_of(ot),
                   row=k.row, unit=unit, column=column_name(ot, k.col), printed=pa, expected=pb,
                   line=cell_line(ot, k.row, k.col), page=cell_page(ot, k.row, k.col),
                   col_index=k.col)


def check_levels(ctx: Context) -> list[Finding]:
    """unit-level (error): a unit of another level listed among, say, the districts."""
    out = []
    for t, table in enumerate(ctx.doc.tables):
        if table.kind != "scores" or table.column_index("unit") is None:
            continue
        levels = {r: ctx.unit_level(t, r) for r in range(len(table.rows))}
        known = [x for x in levels.values() if x]
        if len(known) < 3:
            continue
        main = max(set(known), key=known.count)
        if known.count(main) < 0.7 * len(known):
            continue
        out += [_level_finding(ctx, t, r, lvl, main) for r, lvl in levels.items() if lvl and lvl != main]
    return out


def _level_finding(ctx, t, r, lvl, main) -> Finding:
    from .base import noun
    table = ctx.doc.tables[t]
    unit = ctx.unit(t, r).name
    col = table.column_index("unit")
    en = (f"{unit} is listed among the {noun(main, True)} of \"{title_of(table)}\", but it is a "
          f"{noun(lvl)}: the name is probably a slip for one of the {noun(main, True)}.")
    vi = (f"{unit} được liệt kê trong các {noun(main, True, 'vi')} của \"{title_of(table)}\", nhưng "
          f"đây là {noun(lvl, lang='vi')}: nhiều khả năng ghi nhầm tên đơn vị.")
    return finding("unit-level", "error", en, vi, table=t, table_title=title_of(table), row=r,
                   unit=unit, column=column_name(table, col), printed=unit, expected=main,
                   line=cell_line(table, r, col), page=cell_page(table, r, col), col_index=col)


def _sum_of_categories(ctx: Context, o: int) -> list[Finding]:
    table = ctx.doc.tables[o]
    tables = category_tables(ctx, ctx.level(o), o)
    total = total_column(table)
    if len(tables) < 2 or total is None:
        return []
    out = []
    for r in range(len(table.rows)):
        out += _unit_sum(ctx, o, r, total, tables)
    return out


def _unit_sum(ctx: Context, o: int, r: int, total: int, tables: dict[str, int]) -> list[Finding]:
    unit, printed = ctx.unit(o, r), ctx.value(o, r, total)
    if unit is None or printed is None:
        return []
    parts, missing = [], []
    for cat, t in tables.items():
        r2 = ctx.find_unit(t, unit)
        value = ctx.value(t, r2, total_column(ctx.doc.tables[t])) if r2 is not None else None
        (missing if value is None else parts).append(t if value is None else value)
    if missing:
        return [_unmatched(ctx, o, r, unit.name, missing)]
    added = sum(parts, Decimal(0))
    if added == printed:
        return []
    return [_total_finding(ctx, o, r, total, added, len(parts))]


def _total_finding(ctx, o, r, total, added, n) -> Finding:
    table, conv = ctx.doc.tables[o], ctx.convention
    unit, printed = ctx.unit(o, r).name, table.cell(r, total).text
    en = (f"{unit}: overall total printed {printed}, but the unit's totals in the {n} category "
          f"tables add to {show(added, conv)}.")
    vi = (f"{unit}: tổng điểm chung in {printed}, nhưng cộng tổng điểm của đơn vị ở {n} bảng "
          f"hạng mục được {show(added, conv)}.")
    return finding("across-total", "error", en, vi, table=o, table_title=title_of(table), row=r,
                   unit=unit, column=column_name(table, total), printed=printed,
                   expected=show(added, conv), line=cell_line(table, r, total),
                   page=cell_page(table, r, total), col_index=total)


def _unmatched(ctx, o, r, name, missing) -> Finding:
    table = ctx.doc.tables[o]
    titles = ", ".join(f"\"{title_of(ctx.doc.tables[t]) or t}\"" for t in missing)
    en = f"{name}: not found in {titles}; its overall total could not be recomputed."
    vi = f"{name}: không tìm thấy trong {titles}; không tính lại được tổng điểm chung."
    return finding("across-unmatched", "info", en, vi, table=o, table_title=title_of(table),
                   row=r, unit=name, column=None, printed=None, expected=None,
                   line=cell_line(table, r), page=cell_page(table, r))
