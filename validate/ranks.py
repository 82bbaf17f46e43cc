"""Ranks: the rank column against the totals, or the row order when no rank is printed.

Rules:
  rank-value   error  a printed rank does not follow from the totals under the
                      table's own convention (dense 1,1,2 or competition 1,1,3)
  rank-order   error  in a ranking without a rank column, a unit is listed above
                      units with a higher total
  rank-tie-digits info  equal printed values given different ranks in an order the
                      unprinted digits can explain (87,478 ranked 10, 11, 11, then 13):
                      ties broken by more digits than printed, not an error
Shared ranks (79, 79, 81) are legitimate under competition ranking.  A table the reader
did not call a score table is still checked when a column is labelled as a rank
("Xếp hạng", "Thứ hạng") beside a column of scores.
"""
from __future__ import annotations

from decimal import Decimal

from .base import cell_line, cell_page, column_name, mentions_ranking, show, title_of, unit_name
from .context import Context
from .findings import Finding, finding


def dense(values: list[Decimal]) -> list[int]:
    return [1 + len({x for x in values if x > v}) for v in values]


def competition(values: list[Decimal]) -> list[int]:
    return [1 + sum(1 for x in values if x > v) for v in values]


CONVENTIONS = {"dense": dense, "competition": competition}


def detect(values: list[Decimal], ranks: list[int]) -> str:
    """The convention most printed ranks follow; "dense" when they tie."""
    hits = {name: sum(a == b for a, b in zip(fn(values), ranks)) for name, fn in CONVENTIONS.items()}
    return max(hits, key=lambda k: (hits[k], k == "dense"))


def check_ranks(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for t, table in enumerate(ctx.doc.tables):
        if table.kind != "scores":
            out += _labelled_ranks(ctx, t)
            continue
        total = _score_column(table)
        if total is None:                 # no total column: the column the ranks follow
            out += _labelled_ranks(ctx, t)
            continue
        rank = table.column_index("rank")
        if rank is not None and table.column_index("category") is not None:
            out += _partial_ranks(ctx, t, total, rank, table.column_index("category"))
        elif rank is not None:
            out += _rank_values(ctx, t, total, rank)
        elif mentions_ranking(table) and table.column_index("unit") is not None:
            out += _row_order(ctx, t, total)
    return out


def _partial_ranks(ctx: Context, t: int, total: int, rank: int, cat: int) -> list[Finding]:
    """Rankings quoted in prose name only some units: check each pair that is quoted."""
    table = ctx.doc.tables[t]
    groups: dict[str, list[int]] = {}
    for r in _rows(ctx, t, (total, rank)):
        groups.setdefault(table.cell(r, cat).text, []).append(r)
    out = []
    for rows in groups.values():
        for i, a in enumerate(rows):
            bad = [b for b in rows[:i] if _clash(ctx, t, a, b, total, rank)]
            if bad:
                out.append(_pair_finding(ctx, t, a, bad[0], total, rank))
    return out


def _clash(ctx, t, a, b, total, rank) -> bool:
    """Two quoted places that contradict their scores; equal printed scores at different
    places are a tie broken by digits not printed ("số điểm gần bằng nhau (0.589)"), not one."""
    va, vb = ctx.value(t, a, total), ctx.value(t, b, total)
    ra, rb = ctx.value(t, a, rank), ctx.value(t, b, rank)
    if va == vb:
        return False
    return ra == rb or (ra < rb) != (va > vb)


def _pair_finding(ctx, t, a, b, total, rank) -> Finding:
    table = ctx.doc.tables[t]
    ua, ub = unit_name(ctx, t, a), unit_name(ctx, t, b)
    pa, pb = table.cell(a, total).text, table.cell(b, total).text
    ra, rb = table.cell(a, rank).text, table.cell(b, rank).text
    en = f"{ua} is ranked {ra} with {pa} points, but {ub} is ranked {rb} with {pb}: the ranks contradict the scores."
    vi = f"{ua} xếp hạng {ra} với {pa} điểm, nhưng {ub} xếp hạng {rb} với {pb} điểm: thứ hạng mâu thuẫn với điểm."
    return _at(ctx, t, a, rank, "rank-value", "error", en, vi, printed=ra, expected=None)


def _score_column(table) -> int | None:
    col = table.column_index("total")
    return col if col is not None else table.column_index("score")


def _rows(ctx: Context, t: int, cols: tuple[int, ...]) -> list[int]:
    return [r for r in range(len(ctx.doc.tables[t].rows))
            if all(ctx.value(t, r, c) is not None for c in cols)]


def _labelled_ranks(ctx: Context, t: int) -> list[Finding]:
    """A rank column by its label, ranking the table's first column of points (or, without
    one, of rates)."""
    from .relations import kind_of
    table = ctx.doc.tables[t]
    kinds = [kind_of(c.label) for c in table.columns]
    if "rank" not in kinds and (c := _numbering_as_rank(ctx, t, kinds)) is not None:
        kinds[c] = "rank"                 # "STT" printing ranks: ties repeat a number
    if "rank" not in kinds or table.column_index("criterion_id") is not None and \
            any("." in table.cell(r, table.column_index("criterion_id")).text
                for r in range(len(table.rows))):
        return []                     # a rubric's criterion ids, not a ranking
    rank = kinds.index("rank")
    scores = [c for c in range(len(kinds)) if kinds[c] in ("points", "ratio")]
    fits = sorted(((_fit(ctx, t, c, rank), c) for c in scores), reverse=True)
    if not fits or fits[0][0] < 0.8:
        return []                         # no column the ranks follow: not checked
    rows = _rows(ctx, t, (fits[0][1], rank))
    if min(int(ctx.value(t, r, rank)) for r in rows) > 1:     # continued from another page:
        ranks = [int(ctx.value(t, r, rank)) for r in rows]      # only the ties are judged
        _, broken = broken_ties([ctx.value(t, r, fits[0][1]) for r in rows], ranks)
        return [_tie_note(ctx, t, rows, members, fits[0][1], rank) for members in broken]
    return _rank_values(ctx, t, fits[0][1], rank)


def _fit(ctx: Context, t: int, c: int, rank: int) -> float:
    """The share of rows whose rank follows the column *c* (ranks of a table continued
    from another page counted from its first one; ties broken by unprinted digits allowed)."""
    rows = _rows(ctx, t, (c, rank))
    if len(rows) < 3:
        return 0.0
    ranks = [int(ctx.value(t, r, rank)) for r in rows]
    values, _ = broken_ties([ctx.value(t, r, c) for r in rows], ranks)
    first = min(ranks) - 1
    shifted = [k - first for k in ranks]
    return max(sum(a == b for a, b in zip(fn(values), shifted)) for fn in CONVENTIONS.values()) / len(rows)


def _numbering_as_rank(ctx: Context, t: int, kinds: list[str]) -> int | None:
    """A row-number column that repeats a number (10, 11, 11, 13) never decreasing, beside
    scores: the ranks of a ranking, printed under "STT"."""
    if "row_no" not in kinds:
        return None
    c = kinds.index("row_no")
    numbers = [v for r in range(len(ctx.doc.tables[t].rows)) if (v := ctx.value(t, r, c)) is not None]
    repeats = len(numbers) - len(set(numbers))
    ordered = all(a <= b for a, b in zip(numbers, numbers[1:]))
    return c if len(numbers) >= 5 and repeats and ordered else None


def broken_ties(values: list[Decimal], ranks: list[int]) -> tuple[list[Decimal], list[list[int]]]:
    """Equal values given different ranks in an order more digits could explain: the
    values nudged apart by rank (so the conventions can judge the rest), and the groups."""
    groups: dict[Decimal, list[int]] = {}
    for i, v in enumerate(values):
        groups.setdefault(v, []).append(i)
    nudged, broken = list(values), []
    for members in groups.values():
        got = [ranks[i] for i in members]
        if len(set(got)) < 2 or got != sorted(got) or max(got) > min(got) + len(members) - 1:
            continue
        broken.append(members)
        for i in members:
            nudged[i] = values[i] - Decimal(ranks[i]).scaleb(-12)
    return nudged, broken


def _tie_note(ctx, t, rows, members, total, rank) -> Finding:
    table = ctx.doc.tables[t]
    names = ", ".join(unit_name(ctx, t, rows[i]) for i in members)
    printed = table.cell(rows[members[0]], total).text
    got = ", ".join(table.cell(rows[i], rank).text for i in members)
    en = (f"{names}: all print {printed} but are ranked {got} — the ties are broken by digits "
          f"not printed (or the ranks are misprinted); not an error on the printed figures.")
    vi = (f"{names}: cùng in {printed} nhưng xếp hạng {got} — thứ hạng được phân định bằng các "
          f"chữ số không được in (hoặc thứ hạng in nhầm); không phải lỗi trên số liệu đã in.")
    return _at(ctx, t, rows[members[0]], rank, "rank-tie-digits", "info", en, vi, printed=got,
               expected=None)


def _rank_values(ctx: Context, t: int, total: int, rank: int) -> list[Finding]:
    rows = _rows(ctx, t, (total, rank))
    if len(rows) < 2:
        return []
    printed = [ctx.value(t, r, total) for r in rows]
    ranks = [int(ctx.value(t, r, rank)) for r in rows]
    values, broken = broken_ties(printed, ranks)
    notes = [_tie_note(ctx, t, rows, members, total, rank) for members in broken]
    return notes + _rank_misfits(ctx, t, rows, values, ranks, total, rank)


def _rank_misfits(ctx, t, rows, values, ranks, total, rank) -> list[Finding]:
    name = detect(values, ranks)
    wrong = _mismatches(values, ranks, name)
    if not wrong:
        return []
    for conv in (name, *(c for c in CONVENTIONS if c != name)):
        culprit = _single_culprit(values, ranks, conv, _mismatches(values, ranks, conv))
        if culprit is not None:
            return [_total_misfit(ctx, t, rows, culprit, total, rank, values, ranks)]
    expected = CONVENTIONS[name](values)
    return [_rank_misfit(ctx, t, rows[i], total, rank, expected[i], name) for i in wrong]


def _mismatches(values, ranks, name) -> list[int]:
    expected = CONVENTIONS[name](values)
    return [i for i in range(len(values)) if expected[i] != ranks[i]]


def _single_culprit(values, ranks, name, wrong) -> int | None:
    """One row whose total, alone, throws the others' ranks off: give it a total that fits
    its printed rank, and every printed rank follows (two mismatches are reported as they
    are: either row could be the misprint)."""
    if len(wrong) < 3:
        return None
    fn = CONVENTIONS[name]
    for i in wrong:
        fitted = _fitting_value(values, ranks, i)
        if fitted is None:
            continue
        trial = values[:i] + [fitted] + values[i + 1:]
        if fn(trial) == ranks:
            return i
    return None


def _fitting_value(values, ranks, i) -> Decimal | None:
    same = [values[k] for k in range(len(values)) if k != i and ranks[k] == ranks[i]]
    if same:
        return same[0]
    above = [values[k] for k in range(len(values)) if ranks[k] < ranks[i]]
    below = [values[k] for k in range(len(values)) if ranks[k] > ranks[i]]
    hi = min(above) if above else None
    lo = max(below) if below else None
    if hi is not None and lo is not None:
        return (hi + lo) / 2 if lo < hi else None
    if hi is not None:
        return hi - 1
    return lo + 1 if lo is not None else None


def _rank_misfit(ctx, t, r, total, rank, expected, name) -> Finding:
    table = ctx.doc.tables[t]
    unit, printed = unit_name(ctx, t, r), table.cell(r, rank).text
    score = table.cell(r, total).text
    label = {"dense": "dense ranking (1, 1, 2)", "competition": "competition ranking (1, 1, 3)"}[name]
    label_vi = {"dense": "xếp hạng liền (1, 1, 2)", "competition": "xếp hạng cách (1, 1, 3)"}[name]
    en = (f"{unit}: ranked {printed}, but a total of {score} ranks {expected} "
          f"under the table's {label}.")
    vi = f"{unit}: xếp hạng {printed}, nhưng với {score} điểm thì hạng {expected} theo cách {label_vi} của bảng."
    return _at(ctx, t, r, rank, "rank-value", "error", en, vi, printed=printed, expected=str(expected),
               suggestion=f"rank {expected}", suggestion_vi=f"hạng {expected}")


def _total_misfit(ctx, t, rows, i, total, rank, values, ranks) -> Finding:
    table, conv = ctx.doc.tables[t], ctx.convention
    r = rows[i]
    unit, printed = unit_name(ctx, t, r), table.cell(r, total).text
    above = [values[k] for k in range(len(values)) if ranks[k] < ranks[i]]
    below = [values[k] for k in range(len(values)) if ranks[k] > ranks[i]]
    span_en = _span(above, below, conv, "en")
    span_vi = _span(above, below, conv, "vi")
    en = (f"{unit}: ranked {ranks[i]} with a total of {printed}, which does not fit its place — "
          f"{span_en}; the total, not the ranks, is probably misprinted.")
    vi = (f"{unit}: xếp hạng {ranks[i]} với {printed} điểm, không khớp vị trí — {span_vi}; "
          f"nhiều khả năng tổng điểm in sai, không phải thứ hạng.")
    return _at(ctx, t, r, total, "rank-value", "error", en, vi, printed=printed, expected=None,
               confidence=0.6)


def _span(above, below, conv, lang) -> str:
    lo = show(max(below), conv) if below else None
    hi = show(min(above), conv) if above else None
    if lang == "vi":
        return f"đơn vị xếp trên có {hi} điểm" + (f", xếp dưới có {lo} điểm" if lo else "") if hi \
            else f"đơn vị xếp dưới có {lo} điểm"
    return (f"the unit ranked above has {hi}" + (f" and the one below {lo}" if lo else "")) if hi \
        else f"the unit ranked below has {lo}"


def _row_order(ctx: Context, t: int, total: int) -> list[Finding]:
    rows = _rows(ctx, t, (total,))
    values = [ctx.value(t, r, total) for r in rows]
    pairs = list(zip(values, values[1:]))
    if len(pairs) < 3 or sum(a >= b for a, b in pairs) < 0.6 * len(pairs):
        return []           # not printed in ranking order at all
    high = [i for i in range(len(values)) if any(v > values[i] for v in values[i + 1:])]
    low = [i for i in range(len(values)) if any(v < values[i] for v in values[:i])]
    if not high:
        return []
    if len(low) < len(high):
        return [_listed_too_low(ctx, t, rows, i, total, values) for i in low]
    return [_listed_too_high(ctx, t, rows, i, total, values) for i in high]


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _listed_too_high(ctx, t, rows, i, total, values) -> Finding:
    table, conv = ctx.doc.tables[t], ctx.convention
    r = rows[i]
    better = [k for k in range(i + 1, len(values)) if values[k] > values[i]]
    first = unit_name(ctx, t, rows[better[0]])
    unit, printed = unit_name(ctx, t, r), table.cell(r, total).text
    others = f" and {len(better) - 1} more" if len(better) > 1 else ""
    others_vi = f" và {len(better) - 1} đơn vị khác" if len(better) > 1 else ""
    en = (f"{unit} ({printed}) is listed {ordinal(i + 1)}, above {first} "
          f"({table.cell(rows[better[0]], total).text}){others} with a higher total: the row order "
          f"of this ranking does not follow the totals.")
    vi = (f"{unit} ({printed} điểm) đứng thứ {i + 1}, trên {first} "
          f"({table.cell(rows[better[0]], total).text} điểm){others_vi} có tổng điểm cao hơn: thứ tự "
          f"trong bảng xếp hạng không theo tổng điểm.")
    return _at(ctx, t, r, total, "rank-order", "error", en, vi, printed=printed, expected=None)


def _listed_too_low(ctx, t, rows, i, total, values) -> Finding:
    table, conv = ctx.doc.tables[t], ctx.convention
    r = rows[i]
    worse = [k for k in range(i) if values[k] < values[i]]
    first = unit_name(ctx, t, rows[worse[0]])
    unit, printed = unit_name(ctx, t, r), table.cell(r, total).text
    en = (f"{unit} ({printed}) is listed {ordinal(i + 1)}, below {first} "
          f"({table.cell(rows[worse[0]], total).text}) with a lower total: the row order of this "
          f"ranking does not follow the totals.")
    vi = (f"{unit} ({printed} điểm) đứng thứ {i + 1}, dưới {first} "
          f"({table.cell(rows[worse[0]], total).text} điểm) có tổng điểm thấp hơn: thứ tự trong bảng "
          f"xếp hạng không theo tổng điểm.")
    return _at(ctx, t, r, total, "rank-order", "error", en, vi, printed=printed, expected=None)


def _at(ctx, t, r, c, rule, severity, en, vi, **kw) -> Finding:
    table = ctx.doc.tables[t]
    return finding(rule, severity, en, vi, table=t, table_title=title_of(table), row=r,
                   unit=unit_name(ctx, t, r), column=column_name(table, c),
                   line=cell_line(table, r, c), page=cell_page(table, r, c), col_index=c, **kw)
