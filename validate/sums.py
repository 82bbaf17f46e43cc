"""Row sums: the components of a row against its printed total.

Rules:
  row-sum           error    the components do not add up to the printed total
  row-sum-rounding  warning  they differ by less than one unit of the coarsest
                             printed precision (16,7 beside whole numbers): honest
                             rounding of unpublished decimals
  cell-missing      error / warning  a number is missing where the column has one
  sum-incomplete    warning  the components do not add up in most rows: the table does
                             not print every component (or a rate was taken for points),
                             so no row is claimed wrong
A rate printed beside its points ("Tỷ lệ (%)", or a column above the total in most rows)
is never a summand, nor a total in percent a sum of points.
"""
from __future__ import annotations

from decimal import Decimal

from ..extract.model import SumRule, Table
from . import corrections as fix
from .base import cell_line, cell_page, column_name, column_words, noun, show, title_of, unit_name
from .context import Context
from .findings import Finding, finding


def check_sums(ctx: Context, across: dict | None = None) -> list[Finding]:
    out: list[Finding] = []
    for t, table in enumerate(ctx.doc.tables):
        if table.kind != "scores":
            continue
        for rule in filter(None, (points_only(ctx, t, rule) for rule in table.sums)):
            found = [f for r in range(len(table.rows)) for f in check_row(ctx, t, r, rule, across or {})]
            out += _unless_most_rows(ctx, t, rule, found)
    return out


def points_only(ctx: Context, t: int, rule: SumRule) -> SumRule | None:
    """The rule without rate columns (a "%" label, or values above the total in most rows:
    a rate beside its points); None when the total itself is printed in percent."""
    table = ctx.doc.tables[t]
    if "%" in table.columns[rule.total].label:
        return None
    comps = tuple(c for c in rule.components
                  if "%" not in table.columns[c].label and not _above_total(ctx, t, c, rule.total))
    return SumRule(rule.total, comps) if len(comps) >= 2 else None


def _above_total(ctx: Context, t: int, c: int, total: int) -> bool:
    pairs = [(ctx.value(t, r, c), ctx.value(t, r, total)) for r in range(len(ctx.doc.tables[t].rows))]
    pairs = [(v, w) for v, w in pairs if v is not None and w is not None]
    return len(pairs) >= 3 and sum(v > w for v, w in pairs) > len(pairs) / 2


def _unless_most_rows(ctx: Context, t: int, rule: SumRule, found: list[Finding]) -> list[Finding]:
    """Per-row errors, unless the components miss the total in most rows: then the table
    does not print every component, and one warning says so."""
    table = ctx.doc.tables[t]
    wrong = sorted({f.row for f in found if f.rule == "row-sum"})
    rows = [r for r in range(len(table.rows)) if ctx.value(t, r, rule.total) is not None]
    if len(rows) < 3 or len(wrong) <= len(rows) / 2:
        return found
    label = table.columns[rule.total].label
    en = (f"\"{label}\": the {len(rule.components)} component columns read miss the printed total in "
          f"{len(wrong)} of {len(rows)} rows — the table does not print every component of the total "
          f"(or a column was misread), so no row is claimed wrong.")
    vi = (f"\"{label}\": {len(rule.components)} cột thành phần đọc được không khớp tổng điểm in ở "
          f"{len(wrong)}/{len(rows)} dòng — bảng không in đủ các thành phần của tổng điểm (hoặc một cột "
          f"bị đọc sai), nên không kết luận dòng nào sai.")
    keep = [f for f in found if f.rule != "row-sum"]
    return keep + [finding("sum-incomplete", "warning", en, vi, table=t, table_title=title_of(table),
                           column=column_name(table, rule.total), printed=str(len(wrong)),
                           expected="0", line=table.where.line, page=table.where.page,
                           col_index=rule.total)]


def _places(ctx: Context, t: int, r: int, c: int) -> int:
    return ctx.number(t, r, c).places


def check_row(ctx: Context, t: int, r: int, rule: SumRule, across: dict) -> list[Finding]:
    table = ctx.doc.tables[t]
    comps = [ctx.value(t, r, c) for c in rule.components]
    total = ctx.value(t, r, rule.total)
    if total is None and all(v is None for v in comps):
        return []
    missing = [c for c, v in zip(rule.components, comps) if v is None]
    added = sum((v for v in comps if v is not None), Decimal(0))
    if total is None:
        return [_missing_total(ctx, t, r, rule, added)]
    diff = added - total
    if diff == 0:
        return [_implied_zero(ctx, t, r, c) for c in missing]
    if not missing and _rounding(ctx, t, r, rule, diff):
        return [_rounding_finding(ctx, t, r, rule, added, total, diff)]
    return [_sum_error(ctx, t, r, rule, added, total, diff, across)]


def _rounding(ctx: Context, t: int, r: int, rule: SumRule, diff: Decimal) -> bool:
    places = [_places(ctx, t, r, c) for c in (*rule.components, rule.total)]
    if len(set(places)) < 2:
        return False
    return abs(diff) < Decimal(1).scaleb(-min(places))


def _rounding_finding(ctx, t, r, rule, added, total, diff) -> Finding:
    table, unit, conv = ctx.doc.tables[t], unit_name(ctx, t, r), ctx.convention
    printed = table.cell(r, rule.total).text
    en = (f"{unit}: total printed {printed}, its components add to {show(added, conv)} — "
          f"{show(abs(diff), conv)} apart, less than the rounding of the components as printed: "
          f"probably honest rounding of unpublished decimals, not an error.")
    vi = (f"{unit}: tổng điểm in {printed}, cộng các điểm thành phần được {show(added, conv)} — "
          f"lệch {show(abs(diff), conv)}, nhỏ hơn sai số làm tròn của các điểm thành phần: "
          f"nhiều khả năng do làm tròn số lẻ không công bố, không phải sai sót.")
    return _at(ctx, t, r, rule.total, "row-sum-rounding", "warning", en, vi,
               printed=printed, expected=show(added, conv))


def _sum_error(ctx, t, r, rule, added, total, diff, across) -> Finding:
    table, conv = ctx.doc.tables[t], ctx.convention
    unit = unit_name(ctx, t, r)
    printed = table.cell(r, rule.total).text
    best, confidence = fix.choose(_candidates(ctx, t, r, rule, added, total, across))
    en = f"{unit}: total printed {printed}, but its components add to {show(added, conv)}"
    vi = f"{unit}: tổng điểm in {printed}, nhưng cộng các điểm thành phần được {show(added, conv)}"
    level = ctx.level(t)
    if best is None:
        gap = show(abs(diff), conv)
        en += f" — {gap} apart; no single cell explains the difference with confidence."
        vi += f" — lệch {gap}; không có ô nào giải thích rõ chênh lệch này."
        return _at(ctx, t, r, rule.total, "row-sum", "error", en, vi, printed=printed,
                   expected=show(added, conv))
    s_en, s_vi = explain(ctx, table, best, level)
    return _at(ctx, t, r, best.col, "row-sum", "error", f"{en}; {s_en}", f"{vi}; {s_vi}",
               printed=best.printed or "", expected=show(best.proposed, conv),
               suggestion=s_en, suggestion_vi=s_vi, confidence=confidence,
               column=column_name(table, best.col))


def _candidates(ctx, t, r, rule, added, total, across) -> list[fix.Candidate]:
    table = ctx.doc.tables[t]
    out = []
    for c in rule.components:
        value = ctx.value(t, r, c)
        proposed = (value if value is not None else Decimal(0)) - (added - total)
        column = [ctx.value(t, k, c) for k in range(len(table.rows))]
        out.append(fix.score_component(c, table.cell(r, c).text, value, _places(ctx, t, r, c),
                                       proposed, fix.column_pattern(column, r),
                                       across.get((t, r, c))))
    out.append(fix.score_total(rule.total, table.cell(r, rule.total).text, total,
                               _places(ctx, t, r, rule.total), added, across.get((t, r, rule.total))))
    return out


def explain(ctx: Context, table: Table, best: fix.Candidate, level: str | None) -> tuple[str, str]:
    """The likely correction in words, English and Vietnamese."""
    conv = ctx.convention
    new = show(best.proposed, conv)
    if best.is_total:
        return _explain_total(best, new)
    where_en, where_vi = column_words(table, best.col), column_words(table, best.col, "vi")
    if best.cause == "missing":
        en = f"{where_en} is empty, and {new} there makes the total right"
        vi = f"{where_vi} bị trống, và {new} ở đó thì tổng khớp"
    elif best.cause == "decimal":
        en = f"the {best.printed} in {where_en} is probably {new} with its decimal comma dropped"
        vi = f"số {best.printed} ở {where_vi} có lẽ là {new} bị mất dấu thập phân"
    else:
        en = f"the {best.printed} in {where_en} is probably a {new}"
        vi = f"số {best.printed} ở {where_vi} có lẽ là {new}"
    p = best.pattern
    if p and p.value is not None and best.proposed == p.value and p.others >= 2:
        many_en, many_vi = noun(level, True), noun(level, True, "vi")
        if p.agree == p.others:
            en += f" — every other {noun(level)} scores {new} there, and {new} makes the total right"
            vi += f" — mọi {many_vi} khác đều được {new} ở cột này, và {new} thì tổng khớp"
        else:
            en += (f" — {p.agree} of the other {p.others} {many_en} score {new} there, "
                   f"and {new} makes the total right")
            vi += f" — {p.agree}/{p.others} {many_vi} khác được {new} ở cột này, và {new} thì tổng khớp"
    elif best.across is not None and best.across == best.proposed:
        en += f" — the category's own table prints {new}, and {new} makes the total right"
        vi += f" — bảng riêng của hạng mục in {new}, và {new} thì tổng khớp"
    elif best.cause != "missing":
        en += f" — {new} makes the total right"
        vi += f" — {new} thì tổng khớp"
    return _cause(en, vi, best, new)


def _explain_total(best: fix.Candidate, new: str) -> tuple[str, str]:
    if best.cause == "missing":
        return (f"the total is missing; the components give {new}",
                f"thiếu tổng điểm; cộng các điểm thành phần được {new}")
    en = f"the total is probably {new}, not {best.printed}"
    vi = f"tổng điểm có lẽ là {new}, không phải {best.printed}"
    if best.across is not None and best.across == best.proposed:
        en += f" — another table of the document prints {new} for this unit"
        vi += f" — một bảng khác của văn bản in {new} cho đơn vị này"
    return _cause(en, vi, best, new)


def _cause(en: str, vi: str, best: fix.Candidate, new: str) -> tuple[str, str]:
    if best.cause == "ocr":
        en += f"; a {new} misread as {best.printed} (an OCR confusion) is likelier than a publication error"
        vi += f"; nhiều khả năng {new} bị đọc nhầm thành {best.printed} (lỗi nhận dạng ký tự) hơn là lỗi khi ban hành"
    elif best.cause == "swap":
        en += f"; two swapped digits ({best.printed} for {new}) are likelier than a publication error"
        vi += f"; nhiều khả năng hai chữ số bị đảo ({best.printed} thay cho {new}) hơn là lỗi khi ban hành"
    elif best.cause == "decimal":
        en += "; a dropped decimal comma is likelier than a publication error"
        vi += "; nhiều khả năng mất dấu thập phân hơn là lỗi khi ban hành"
    return en + ".", vi + "."


def _missing_total(ctx, t, r, rule, added) -> Finding:
    unit, conv = unit_name(ctx, t, r), ctx.convention
    en = f"{unit}: no total printed; its components add to {show(added, conv)}."
    vi = f"{unit}: không in tổng điểm; cộng các điểm thành phần được {show(added, conv)}."
    return _at(ctx, t, r, rule.total, "cell-missing", "error", en, vi, printed="",
               expected=show(added, conv), suggestion=en, suggestion_vi=vi, confidence=0.9)


def _implied_zero(ctx, t, r, c) -> Finding:
    table, unit = ctx.doc.tables[t], unit_name(ctx, t, r)
    en = f"{unit}: {column_words(table, c)} is empty; the total implies 0 there."
    vi = f"{unit}: {column_words(table, c, 'vi')} bị trống; tổng điểm cho thấy ô này là 0."
    return _at(ctx, t, r, c, "cell-missing", "warning", en, vi, printed="", expected="0")


def _at(ctx: Context, t: int, r: int, c: int | None, rule: str, severity: str, en: str, vi: str,
        **kw) -> Finding:
    table = ctx.doc.tables[t]
    kw.setdefault("column", column_name(table, c) if c is not None else None)
    return finding(rule, severity, en, vi, table=t, table_title=title_of(table), row=r,
                   unit=unit_name(ctx, t, r), line=cell_line(table, r, c),
                   page=cell_page(table, r, c), col_index=c, **kw)
