"""The relations real result tables print beside components → total: a maximum per row, an
index or rate that is score ÷ maximum × 100, a maximum stated in a header, and printed
total rows and columns of other tables (budgets, areas).

Rules:
  score-above-row-max  error    a score in a row above that row's own maximum ("Điểm chuẩn
                                tối đa", "Điểm tối đa")
  score-above-max      error    a score above the maximum its header states ("Điểm đạt
                                (tối đa 18)", "… (tối đa 20 điểm)")
  index-ratio          error    an index or rate column that is score ÷ maximum × 100 in
                                the table's other rows does not fit this row: beyond what
                                rounding of the printed figures explains
  total-row            error    a printed total row ("Tổng", "Tổng cộng", "Cộng") differs
                                from the rows above it
  sum-incomplete       warning  one of those totals does not close, but a figure it sums
                                was not read (an empty or unreadable cell)
Columns are recognised by their labels and their numbers, whatever role the table
reader gave them.  An index or a total row is checked only where the table itself
shows the relation (most of its rows, or most of its columns, fit): a relation nobody
printed is never imposed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .base import cell_line, cell_page, column_name, folded, show, title_of, unit_name
from .context import Context
from .findings import Finding, finding

HUNDRED = Decimal(100)

_RANK = re.compile(r"\b(xep hang|thu hang|hang|thu tu)\b")
_ROW_NO = re.compile(r"^(stt|tt|so tt|so thu tu)\b")
_HEADER_MAX = re.compile(r"toi da\s*:?\s*(\d+(?:[.,]\d+)?)")
_STATED_MAX = re.compile(r"\([^()]*toi da\s*:?\s*(\d+(?:[.,]\d+)?)[^()]*\)|toi da\s*(\d+(?:[.,]\d+)?) diem")
_RULE = re.compile(r"(?:ty le|tl)\s*[x×*]\s*(\d+(?:[.,]\d+)?)\s*/\s*100")
_TOTAL_LABEL = re.compile(r"^(tong cong|tong so|tong|cong)\b")


@dataclass(frozen=True)
class Columns:
    """What each column of a table holds, read from its label."""

    row_max: int | None          # the per-row maximum ("Điểm chuẩn tối đa")
    points: tuple[int, ...]      # scores in points
    ratios: tuple[int, ...]      # indices and rates in percent
    header_max: dict             # column → the maximum its label states


def is_rate(label: str) -> bool:
    """A rate or an index in percent, not points: "Tỷ lệ (%)", "Chỉ số (%)", "Tổng điểm
    Tỷ lệ" (the rate under a spanning "Tổng điểm")."""
    key = folded(label)
    tail = key.rsplit("diem", 1)[-1] if "diem" in key else key
    return "%" in tail or bool(re.search(r"\bty le\b", tail)) or \
        ("diem" not in key and key.startswith("chi so") and "%" in label)


def kind_of(label: str) -> str:
    key = folded(label)
    if _ROW_NO.match(key):
        return "row_no"
    if _RANK.search(key):
        return "rank"
    if ("toi da" in key or "diem chuan" in key) and not _HEADER_MAX.search(key):
        return "max"
    if is_rate(label) or key.startswith(("chi so", "ty le", "tl ")) and "diem" not in key:
        return "ratio"
    if "diem" in key or "tong" in key:
        return "points"
    return "other"


def label_of(table, c: int) -> str:
    col = table.columns[c]
    return " ".join(x for x in (col.group, col.label) if x)


def columns_of(table) -> Columns:
    kinds = [kind_of(table.columns[c].label) for c in range(len(table.columns))]
    maxes = [c for c, k in enumerate(kinds) if k == "max"]
    header = {}
    for c in range(len(table.columns)):
        m = _STATED_MAX.search(folded(label_of(table, c)))
        if m and kinds[c] == "points":
            header[c] = m.group(1) or m.group(2)
    return Columns(maxes[0] if len(maxes) == 1 else None,
                   tuple(c for c, k in enumerate(kinds) if k == "points"),
                   tuple(c for c, k in enumerate(kinds) if k == "ratio"), header)


def check_relations(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for t, table in enumerate(ctx.doc.tables):
        if len(table.rows) < 2 or not table.columns:
            continue
        cols = columns_of(table)
        out += _row_max(ctx, t, cols)
        out += _header_max(ctx, t, cols)
        out += _stated_parts(ctx, t, cols)
        out += _ratios(ctx, t, cols)
        if table.kind == "other" or flat_list(table):
            out += _total_rows(ctx, t)
    return out


# ---------------------------------------------------------------- helpers

def row_name(ctx: Context, t: int, r: int) -> str:
    return unit_name(ctx, t, r)


def _at(ctx, t, r, c, rule, severity, en, vi, **kw) -> Finding:
    table = ctx.doc.tables[t]
    return finding(rule, severity, en, vi, table=t, table_title=title_of(table), row=r,
                   unit=row_name(ctx, t, r), column=column_name(table, c),
                   line=cell_line(table, r, c), page=cell_page(table, r, c), col_index=c, **kw)


def show_like(value: Decimal, printed: str, convention: str) -> str:
    """*value* shown like *printed*: with thousands grouped ("1.800") when it groups them."""
    text = show(value, convention)
    sep = "." if convention == "comma" else ","
    if not re.search(r"\d" + re.escape(sep) + r"\d{3}\b", printed):
        return text
    whole, _, frac = text.partition("," if convention == "comma" else ".")
    grouped = f"{int(whole):,}".replace(",", sep)
    return grouped + (("," if convention == "comma" else ".") + frac if frac else "")


def half_unit(places: int) -> Decimal:
    return Decimal(5).scaleb(-places - 1)


# ---------------------------------------------------------------- per-row maximum

def _row_max(ctx, t, cols: Columns) -> list[Finding]:
    if cols.row_max is None:
        return []
    out = []
    for r in range(len(ctx.doc.tables[t].rows)):
        limit = ctx.value(t, r, cols.row_max)
        if limit is None:
            continue
        for c in cols.points:
            value = ctx.value(t, r, c)
            if value is not None and value > limit:
                out.append(_above_row_max(ctx, t, r, c, cols.row_max))
    return out


def _above_row_max(ctx, t, r, c, m) -> Finding:
    table = ctx.doc.tables[t]
    name, printed, limit = row_name(ctx, t, r), table.cell(r, c).text, table.cell(r, m).text
    label, max_label = table.columns[c].label, table.columns[m].label
    en = f"{name}: \"{label}\" is {printed}, above the row's own \"{max_label}\" of {limit}."
    vi = f"{name}: \"{label}\" là {printed}, vượt \"{max_label}\" của chính dòng này ({limit})."
    return _at(ctx, t, r, c, "score-above-row-max", "error", en, vi, printed=printed,
               expected=f"≤ {limit}")


# ---------------------------------------------------------------- maximum in a header

def stated_in(ctx, t: int) -> tuple[Decimal, str] | None:
    """A maximum the table's title or caption states: "… (tối đa 20 điểm)"."""
    table = ctx.doc.tables[t]
    for text in (table.title, table.caption, *(table.context[-1:] if table.context else ())):
        m = _HEADER_MAX.search(folded(text or ""))
        if m:
            return ctx.parse(m.group(1)).value, text
    return None


def _header_max(ctx, t, cols: Columns) -> list[Finding]:
    table = ctx.doc.tables[t]
    limits = {c: (ctx.parse(v).value, label_of(table, c)) for c, v in cols.header_max.items()}
    title = stated_in(ctx, t)
    if title and len(cols.points) == 1 and cols.points[0] not in limits:
        limits[cols.points[0]] = title
    out = []
    for c, (limit, where) in limits.items():
        if limit is None:
            continue
        for r in range(len(table.rows)):
            value = ctx.value(t, r, c)
            if value is not None and value > limit:
                out.append(_above_header(ctx, t, r, c, limit, where))
    return out


def _above_header(ctx, t, r, c, limit, where) -> Finding:
    table = ctx.doc.tables[t]
    name, printed = row_name(ctx, t, r), table.cell(r, c).text
    shown = show(limit, ctx.convention)
    en = f"{name}: scores {printed}, above the maximum of {shown} stated in \"{where}\"."
    vi = f"{name}: đạt {printed} điểm, vượt điểm tối đa {shown} ghi tại \"{where}\"."
    return _at(ctx, t, r, c, "score-above-max", "error", en, vi, printed=printed,
               expected=f"≤ {shown}")


# ---------------------------------------------------------------- parts of a stated maximum

def parts_of(cols: Columns, p: int) -> tuple[int, ...]:
    """The columns of points printed after *p* up to the next column stating its own
    maximum: the parts of the score whose maximum *p*'s header states."""
    later = sorted(c for c in cols.points if c > p)
    stop = min((c for c in cols.header_max if c > p), default=None)
    return tuple(c for c in later if stop is None or c < stop)


def _stated_parts(ctx, t, cols: Columns) -> list[Finding]:
    """A score under "(tối đa 18 điểm)" followed by its parts' points: when the parts reach
    that maximum in some row, they are all printed (a complete read), so every row whose
    score is not the sum of its parts is an error."""
    out = []
    for p, stated in cols.header_max.items():
        limit, parts = ctx.parse(stated).value, parts_of(cols, p)
        if limit is None or len(parts) < 2:
            continue
        places = _column_places(ctx, t, parts)
        sums = {r: _sum_of(ctx, t, r, parts, places) for r in range(len(ctx.doc.tables[t].rows))}
        sums = {r: s for r, s in sums.items() if s is not None and ctx.value(t, r, p) is not None}
        if not any(total == limit for total, _ in sums.values()):
            continue                     # the parts never reach the maximum: maybe not all printed
        for r, (total, places) in sums.items():
            printed = ctx.number(t, r, p)
            slack = half_unit(printed.places) + half_unit(places) * len(parts)
            if abs(printed.value - total) > slack:
                out.append(_parts_finding(ctx, t, r, p, parts, total, limit))
    return out


def _column_places(ctx, t, parts) -> int:
    """The decimals the parts' columns print: a "6" among "5,93" and "4,86" is 6,00 with
    its zeros dropped, not a value rounded to the unit."""
    rows = range(len(ctx.doc.tables[t].rows))
    return max((ctx.number(t, r, c).places or 0 for c in parts for r in rows
                if ctx.value(t, r, c) is not None), default=0)


def _sum_of(ctx, t, r, parts, places: int) -> tuple[Decimal, int] | None:
    numbers = [ctx.number(t, r, c) for c in parts]
    if any(n.value is None or n.kind not in ("int", "decimal") for n in numbers):
        return None
    return sum(n.value for n in numbers), max(places, *(n.places or 0 for n in numbers))


def _parts_finding(ctx, t, r, p, parts, total, limit) -> Finding:
    table = ctx.doc.tables[t]
    name, printed = row_name(ctx, t, r), table.cell(r, p).text
    shown, top = show(total, ctx.convention), show(limit, ctx.convention)
    en = (f"{name}: \"{table.columns[p].label}\" is {printed}, but its {len(parts)} parts add to "
          f"{shown} (the parts are all printed: in other rows they reach the stated maximum of {top}).")
    vi = (f"{name}: \"{table.columns[p].label}\" là {printed}, nhưng {len(parts)} chỉ số thành phần "
          f"cộng lại được {shown} (các thành phần được in đủ: ở dòng khác chúng đạt đúng điểm tối đa {top}).")
    return _at(ctx, t, r, p, "sum-of-parts", "error", en, vi, printed=printed, expected=shown)


# ---------------------------------------------------------------- index = score ÷ max × 100

@dataclass(frozen=True)
class Ratio:
    ratio: int                  # the index or rate column
    points: int                 # the score column
    max_col: int | None         # the per-row maximum, or
    max_value: Decimal | None   # one maximum for the whole table


def _maximum(ctx, t, cols: Columns, p: int) -> Decimal | None:
    table = ctx.doc.tables[t]
    if p in cols.header_max:
        return ctx.parse(cols.header_max[p]).value
    texts = [label_of(table, p), table.title or "", table.caption or "", *table.context[-1:]]
    for text in texts:
        m = _RULE.search(folded(text))
        if m:
            return ctx.parse(m.group(1)).value
    stated = stated_in(ctx, t)
    return stated[0] if stated else None


def _candidates(ctx, t, cols: Columns) -> list[Ratio]:
    out = []
    for q in cols.ratios:
        for p in cols.points:
            if cols.row_max is not None:
                out.append(Ratio(q, p, cols.row_max, None))
            elif (value := _maximum(ctx, t, cols, p)) is not None:
                out.append(Ratio(q, p, None, value))
    return out


def fits(score: Decimal, s_places: int, limit: Decimal, ratio: Decimal, q_places: int) -> bool:
    """Is *ratio* (printed to *q_places*) score ÷ limit × 100 for some score that rounds to the
    printed *score*?  An index computed from unrounded totals may differ from one computed
    from the printed totals in its last digit: that is not an error."""
    if limit <= 0:
        return False
    lo = (score - half_unit(s_places)) / limit * HUNDRED - half_unit(q_places)
    hi = (score + half_unit(s_places)) / limit * HUNDRED + half_unit(q_places)
    return lo <= ratio <= hi


def _ratios(ctx, t, cols: Columns) -> list[Finding]:
    out = []
    for rel in _candidates(ctx, t, cols):
        rows = _ratio_rows(ctx, t, rel)
        good = [r for r, ok in rows if ok]
        bad = [r for r, ok in rows if not ok]
        if not bad or len(good) < max(3, 0.6 * len(rows)):
            continue               # the table does not show this relation
        out += [_ratio_finding(ctx, t, r, rel) for r in bad]
    return out


def _limit(ctx, t, r, rel: Ratio) -> Decimal | None:
    return ctx.value(t, r, rel.max_col) if rel.max_col is not None else rel.max_value


def _ratio_rows(ctx, t, rel: Ratio) -> list[tuple[int, bool]]:
    out = []
    for r in range(len(ctx.doc.tables[t].rows)):
        score, ratio, limit = ctx.value(t, r, rel.points), ctx.value(t, r, rel.ratio), _limit(ctx, t, r, rel)
        if score is None or ratio is None or limit is None or limit <= 0:
            continue                  # no maximum to be a share of (a "0" printed there)
        s_places = ctx.number(t, r, rel.points).places
        ok = any(fits(score, s_places, limit, q.value, q.places)
                 for q in _readings(ctx, t, r, rel.ratio))
        out.append((r, ok))
    return out


def _readings(ctx, t, r, c) -> list:
    """The cell read with the document's convention, and with the other one: "89.079%"
    among decimal commas is a decimal point, not eighty-nine thousand."""
    from ..normalize.numbers import parse_number
    text = ctx.doc.tables[t].cell(r, c).text
    other = "point" if ctx.convention == "comma" else "comma"
    return [n for n in (ctx.number(t, r, c), parse_number(text, other)) if n.value is not None]


def _ratio_finding(ctx, t, r, rel: Ratio) -> Finding:
    table, conv = ctx.doc.tables[t], ctx.convention
    score, ratio, limit = ctx.value(t, r, rel.points), ctx.value(t, r, rel.ratio), _limit(ctx, t, r, rel)
    name = row_name(ctx, t, r)
    ps, pq = table.cell(r, rel.points).text, table.cell(r, rel.ratio).text
    lq, lp = table.columns[rel.ratio].label, table.columns[rel.points].label
    m = show(limit, conv)
    if rel.ratio < rel.points:           # a rate printed first, the points derived from it
        want = show(ratio * limit / HUNDRED, conv, 2)
        en = (f"{name}: \"{lp}\" is {ps}, but a rate of {pq} of {m} points gives {want} "
              f"(points = rate × {m} / 100, as in the table's other rows).")
        vi = (f"{name}: \"{lp}\" là {ps}, nhưng tỷ lệ {pq} nhân {m} điểm chia 100 được {want} "
              f"(điểm = tỷ lệ × {m} / 100, như các dòng khác của bảng).")
        return _at(ctx, t, r, rel.points, "index-ratio", "error", en, vi, printed=ps, expected=want)
    places = ctx.number(t, r, rel.ratio).places
    want = show(score / limit * HUNDRED, conv, places)
    en = (f"{name}: \"{lq}\" is {pq}, but {ps} of {m} points is {want}% "
          f"({lq} = {lp} ÷ maximum × 100, as in the table's other rows).")
    vi = (f"{name}: \"{lq}\" là {pq}, nhưng {ps}/{m} điểm là {want}% "
          f"({lq} = {lp} ÷ điểm tối đa × 100, như các dòng khác của bảng).")
    return _at(ctx, t, r, rel.ratio, "index-ratio", "error", en, vi, printed=pq, expected=want)


# ---------------------------------------------------------------- total rows of other tables

def flat_list(table) -> bool:
    """A table read as a rubric that is a flat numbered list without maxima (a budget by
    item): no criterion id with a dot, no maximum column."""
    ids = table.column_index("criterion_id")
    return (table.kind == "rubric" and table.column_index("max_points") is None and ids is not None
            and not any("." in table.cell(r, ids).text.strip(".") for r in range(len(table.rows))))


def total_rows(ctx, t: int) -> list[int]:
    table = ctx.doc.tables[t]
    out = []
    for r, row in enumerate(table.rows):
        words = [c.text for c in row.cells[:3] if c.text and ctx.parse(c.text).value is None]
        if words and _TOTAL_LABEL.match(folded(words[0])) and len(folded(words[0])) <= 12:
            out.append(r)
    return out


def _total_rows(ctx, t) -> list[Finding]:
    table = ctx.doc.tables[t]
    out, start = [], 0
    for r in total_rows(ctx, t):
        parts = list(range(start, r))
        start = r + 1
        cols = [c for c in range(len(table.columns))
                if kind_of(table.columns[c].label) not in ("row_no", "rank")]
        found = [f for c in cols for f in _column_total(ctx, t, r, c, parts)] if len(parts) >= 2 else []
        closing = sum(1 for c in cols if _closes(ctx, t, r, c, parts))
        if found and closing >= len(found):     # the table shows the relation elsewhere
            out += found
    return out


def _closes(ctx, t, r, c, parts) -> bool:
    values = [v for k in parts if (v := ctx.value(t, k, c)) is not None]
    return len(values) >= 2 and sum(values, Decimal(0)) == ctx.value(t, r, c)


def _column_total(ctx, t, r, c, parts) -> list[Finding]:
    printed = ctx.value(t, r, c)
    values = [ctx.value(t, k, c) for k in parts]
    if printed is None or sum(v is not None for v in values) < 2:
        return []
    added = sum((v for v in values if v is not None), Decimal(0))
    if added == printed or added == 2 * printed:    # twice: sub-totals are among the rows
        return []
    table, conv = ctx.doc.tables[t], ctx.convention
    text, label = table.cell(r, c).text, table.columns[c].label
    unread = [k for k, v in zip(parts, values) if v is None and table.cell(k, c).text.strip("-– ")]
    if unread or added < printed and any(v is None for v in values):
        en = (f"\"{label}\": the total row prints {text}; the {len(parts) - len(unread)} figures read "
              f"above it add to {show(added, conv)}, but {len(parts) - sum(v is not None for v in values)} "
              f"cell(s) of the column could not be read as numbers: a gap in the reading, not an error "
              f"claimed against the document.")
        vi = (f"\"{label}\": dòng tổng in {text}; các số đọc được phía trên cộng lại {show(added, conv)}, "
              f"nhưng có ô trong cột không đọc được thành số: đây là thiếu sót khi đọc, không phải lỗi "
              f"của văn bản.")
        return [_at(ctx, t, r, c, "sum-incomplete", "warning", en, vi, printed=text,
                    expected=show(added, conv))]
    want = show_like(added, text, conv)
    en = f"\"{label}\": the total row prints {text}, but the {len(parts)} rows above it add to {want}."
    vi = f"\"{label}\": dòng tổng in {text}, nhưng cộng {len(parts)} dòng phía trên được {want}."
    return [_at(ctx, t, r, c, "total-row", "error", en, vi, printed=text, expected=want)]
