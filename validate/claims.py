"""Claims in the text against the tables: counts, averages, the top scorer, grade bands
and the share of units in each band.

Rules:
  claim-count       error    "18/18 cơ quan", "có 07 đơn vị … là: A; B; …", "06 chỉ số
                             chính, 39 chỉ số thành phần" against what the tables hold
  claim-header-count error   a column header announcing how many rows or points follow
  claim-average     error / warning  "Điểm trung bình … 68/100" against the mean of the
                             table (warning when it is the mean of block averages)
  claim-top         error    "X đứng đầu bảng với … 83,8 điểm" against the table's top row
  claim-band        error    a unit listed in a grade band its total does not reach
  claim-band-share  error / warning  "A. Mức khá (67%)" against the units in the band
                             (warning when the shares were rounded to add up to 100%)
"""
from __future__ import annotations

import re
from decimal import Decimal, ROUND_HALF_UP

from ..extract.interpret import fold
from .bands import NAMES_VI, Band, band_of, band_sets, parse_band_label, share_verdict
from .base import cell_line, folded, level_of, show, title_of, topic_of, unit_name
from .context import Context
from .findings import Finding, finding
from .phrasebook import find

def check_claims(ctx: Context) -> list[Finding]:
    out = _bands(ctx)
    out += _shares_in_text(ctx)
    for p in ctx.doc.paragraphs:
        out += _averages(ctx, p)
        out += _top(ctx, p)
        out += _bottom(ctx, p)
        out += _ratios(ctx, p)
        out += _listed(ctx, p)
    from .counts import check_counts
    out += check_counts(ctx)
    return out


# ---------------------------------------------------------------- which table
def ranking_tables(ctx: Context, topic: str, level: str | None) -> list[int]:
    out = []
    for t, table in enumerate(ctx.doc.tables):
        if table.kind != "scores" or ctx.category(t) != topic or _total(table) is None:
            continue
        if level is None or ctx.level(t) == level:
            out.append(t)
    return out


def _total(table) -> int | None:
    c = table.column_index("total")
    return c if c is not None else table.column_index("score")


def _values(ctx: Context, t: int) -> list[Decimal]:
    col = _total(ctx.doc.tables[t])
    vals = [ctx.value(t, r, col) for r in range(len(ctx.doc.tables[t].rows))]
    return [v for v in vals if v is not None]


# ---------------------------------------------------------------- averages
def _averages(ctx: Context, p) -> list[Finding]:
    out, seen = [], set()
    key = folded(p.text)
    for hit in find("claim-average", p.text):
        subject, printed = hit.match.group("subject"), hit.text("value")
        if printed in seen:
            continue
        seen.add(printed)
        level = level_of(subject)
        tables = ranking_tables(ctx, topic_of(p.text), level)
        if not tables or (level is None and len(tables) < 2 and level_of(key) is not None):
            continue
        out += _average(ctx, p, printed, tables, per_100=hit.phrase.id == "average-per-100")
    return out


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def _rounds_to(value: Decimal, printed: Decimal, places: int) -> bool:
    q = Decimal(1).scaleb(-places)
    return value.quantize(q, ROUND_HALF_UP) == printed


def _average(ctx: Context, p, printed_text: str, tables: list[int], per_100: bool = True) -> list[Finding]:
    number = ctx.parse(printed_text)
    values = [v for t in tables for v in _values(ctx, t)]
    if number.value is None or not values:
        return []
    mean = _mean(values)
    if _rounds_to(mean, number.value, number.places):
        return []
    conv, n = ctx.convention, len(values)
    if not per_100:
        en = f"The text gives an average of {printed_text} points, but the {n} units' totals average {show(mean, conv, 2)}."
        vi = f"Văn bản nêu điểm trung bình {printed_text} điểm, nhưng trung bình tổng điểm của {n} đơn vị là {show(mean, conv, 2)}."
        return [_claim(ctx, "claim-average", "error", en, vi, p, printed_text, show(mean, conv, 2))]
    blocks = [_mean(v) for t in tables if (v := _values(ctx, t))]     # blocks with totals
    if len(blocks) > 1 and _rounds_to(_mean(blocks), number.value, number.places):
        en = (f"The text gives an average of {printed_text}/100, but the {n} units average "
              f"{show(mean, conv, 2)}; {printed_text} is the plain mean of the {len(blocks)} block "
              f"averages ({', '.join(show(b, conv, 2) for b in blocks)}), which ignores their sizes.")
        vi = (f"Văn bản nêu điểm trung bình {printed_text}/100, nhưng trung bình của {n} đơn vị là "
              f"{show(mean, conv, 2)}; {printed_text} là trung bình cộng của {len(blocks)} khối "
              f"({', '.join(show(b, conv, 2) for b in blocks)}), không tính theo số đơn vị.")
        return [_claim(ctx, "claim-average", "warning", en, vi, p, printed_text, show(mean, conv, 1))]
    en = f"The text gives an average of {printed_text}/100, but the {n} units' totals average {show(mean, conv, 2)}."
    vi = f"Văn bản nêu điểm trung bình {printed_text}/100, nhưng trung bình tổng điểm của {n} đơn vị là {show(mean, conv, 2)}."
    return [_claim(ctx, "claim-average", "error", en, vi, p, printed_text, show(mean, conv, 1))]


# ---------------------------------------------------------------- top scorer
def _top(ctx: Context, p) -> list[Finding]:
    out = []
    for hit in find("claim-top", p.text):
        name, printed = hit.text("name").strip(), hit.text("value")
        name = re.split(r";|:|\bđiểm\b", name)[-1].strip()
        tables = ranking_tables(ctx, topic_of(p.text), level_of(p.text))
        if len(tables) != 1:
            continue
        out += _top_one(ctx, p, tables[0], name, printed)
    return out


def _bottom(ctx: Context, p) -> list[Finding]:
    """"X đứng cuối bảng với … 721,35 điểm" against the table's lowest total."""
    out = []
    for hit in find("claim-bottom", p.text):
        tables = ranking_tables(ctx, topic_of(p.text), level_of(p.text))
        number = ctx.parse(hit.text("value"))
        if len(tables) != 1 or number.value is None or not (values := _values(ctx, tables[0])):
            continue
        low = min(values)
        if low == number.value:
            continue
        conv, printed = ctx.convention, hit.text("value")
        en = f"The text names a last place with {printed} points, but the table's lowest total is {show(low, conv)}."
        vi = f"Văn bản nêu đơn vị đứng cuối với {printed} điểm, nhưng điểm thấp nhất trong bảng là {show(low, conv)}."
        out.append(_claim(ctx, "claim-bottom", "error", en, vi, p, printed, show(low, conv), table=tables[0]))
    return out


def _top_one(ctx: Context, p, t: int, name: str, printed: str) -> list[Finding]:
    values = _values(ctx, t)
    number = ctx.parse(printed)
    if not values or number.value is None:
        return []
    best = max(values)
    col = _total(ctx.doc.tables[t])
    tops = [r for r in range(len(ctx.doc.tables[t].rows)) if ctx.value(t, r, col) == best]
    names = [unit_name(ctx, t, r) for r in tops]
    same_unit = any(_same(ctx, t, r, name) for r in tops)
    if best == number.value and same_unit:
        return []
    conv = ctx.convention
    en = (f"The text names {name} first with {printed} points, but the table's top total is "
          f"{show(best, conv)} ({', '.join(names)}).")
    vi = (f"Văn bản nêu {name} đứng đầu với {printed} điểm, nhưng điểm cao nhất trong bảng là "
          f"{show(best, conv)} ({', '.join(names)}).")
    return [_claim(ctx, "claim-top", "error", en, vi, p, printed, show(best, conv), table=t)]


def _same(ctx: Context, t: int, r: int, name: str) -> bool:
    unit = ctx.unit(t, r)
    if unit is None:
        return False
    return ctx.find_unit(t, ctx.named(name)) == r


# ---------------------------------------------------------------- N/M counts
def _ratios(ctx: Context, p) -> list[Finding]:
    out = []
    for hit in find("claim-count", p.text, id="count-ratio"):
        done, of, noun = int(hit.text("done")), int(hit.text("of")), hit.match.group("noun")
        noun = re.split(r" va | bao gom|\(", noun)[0].strip()
        if of == 100:
            continue
        level = level_of(noun) if not noun.startswith("co quan, don vi") else None
        have = _unit_count(ctx, level)
        if have is None or (done == of == have):
            continue
        printed = f"{hit.text('done')}/{hit.text('of')}"
        said = _original(p.text, printed)
        en = (f"The text says \"{said}\" were evaluated, but the ranking tables list "
              f"{have} {('units' if level is None else level + 's')}.")
        vi = f"Văn bản nêu \"{said}\" được đánh giá, nhưng các bảng xếp hạng có {have} đơn vị."
        out.append(_claim(ctx, "claim-count", "error", en, vi, p, printed, f"{have}/{have}"))
    return out


def _original(text: str, printed: str) -> str:
    m = re.search(re.escape(printed) + r"[^,;.()]{0,40}", text)
    return re.split(r" và | bao gồm", m.group(0))[0].strip() if m else printed


def _unit_count(ctx: Context, level: str | None) -> int | None:
    levels = ("department", "district", "commune") if level is None else (level,)
    counts = []
    for lvl in levels:
        tables = ranking_tables(ctx, "overall", lvl) or ranking_tables(ctx, "web_portal", lvl)
        if tables:
            counts.append(max(len(_values(ctx, t)) for t in tables))
    return sum(counts) if counts else None


# ---------------------------------------------------------------- listed names
def _listed(ctx: Context, p) -> list[Finding]:
    out = []
    for hit in find("claim-count", p.text, id="count-listed"):
        said, count = int(hit.text("count")), hit.text("count")
        names = [x.strip() for x in re.split(r";", hit.text("names")) if x.strip()]
        names = [x for x in names if len(x) > 3]
        if len(names) < 2 or said == len(names):
            continue
        en = f"The text announces {count} units, but lists {len(names)}: {'; '.join(names)}."
        vi = f"Văn bản nêu {count} đơn vị, nhưng liệt kê {len(names)}: {'; '.join(names)}."
        out.append(_claim(ctx, "claim-count", "error", en, vi, p, count, str(len(names))))
    return out


# ---------------------------------------------------------------- bands
def _bands(ctx: Context) -> list[Finding]:
    sets = band_sets(ctx.doc.paragraphs)
    out = []
    for t, table in enumerate(ctx.doc.tables):
        if table.kind != "scores" or not table.row_groups or _total(table) is None:
            continue
        defs = [s for line, s in sets if line < (table.where.line or 0)]
        out += _table_bands(ctx, t, defs[-1] if defs else None)
    return out


def _table_bands(ctx: Context, t: int, bands: list[Band] | None) -> list[Finding]:
    table = ctx.doc.tables[t]
    col, n = _total(table), len(_values(ctx, t))
    groups = [(g, parse_band_label(g.label)) for g in table.row_groups]
    groups = [(g, lab) for g, lab in groups if lab]
    out = []
    printed = [lab[1] for _, lab in groups]
    for g, (name, share) in groups:
        rows = range(g.first_row, g.last_row + 1)
        out += _share(ctx, t, g, name, share, len(rows), n, printed, [lab[0] for _, lab in groups])
        band = next((b for b in bands or [] if b.name == name), None)
        for r in rows if band else ():
            value = ctx.value(t, r, col)
            if value is not None and not band.holds(value):
                out.append(_band_misfit(ctx, t, r, col, band, bands))
    return out


def _share(ctx, t, g, name, share, k, n, all_printed, all_names) -> list[Finding]:
    counts = _group_counts(ctx, t)
    verdict, exact = share_verdict(share, k, n, all_printed, counts)
    if verdict == "ok":
        return []
    table, conv = ctx.doc.tables[t], ctx.convention
    pct = f"{share}%"
    exact_s = show(exact, conv, 1)
    if verdict == "rounded":
        en = (f"\"{g.label}\": {k} of {n} units is {exact_s}%, printed {pct} — the shares were "
              f"rounded so that they add up to 100%, not each to its nearest whole number.")
        vi = (f"\"{g.label}\": {k}/{n} đơn vị là {exact_s}%, in {pct} — tỷ lệ được làm tròn để "
              f"tổng bằng 100%, không làm tròn từng tỷ lệ.")
        severity = "warning"
    else:
        en = f"\"{g.label}\": {k} of {n} units is {exact_s}%, not {pct}."
        vi = f"\"{g.label}\": {k}/{n} đơn vị là {exact_s}%, không phải {pct}."
        severity = "error"
    return [finding("claim-band-share", severity, en, vi, table=t, table_title=title_of(table),
                    row=g.first_row, unit=None, column=None, printed=pct,
                    expected=f"{show(exact, conv, 1)}%", line=g.line,
                    page=table.rows[g.first_row].where.page)]


def _group_counts(ctx: Context, t: int) -> list[int]:
    return [g.last_row - g.first_row + 1 for g in ctx.doc.tables[t].row_groups
            if parse_band_label(g.label)]


def _band_misfit(ctx, t, r, col, band, bands) -> Finding:
    table = ctx.doc.tables[t]
    value, printed = ctx.value(t, r, col), table.cell(r, col).text
    right = band_of(bands, value)
    unit = unit_name(ctx, t, r)
    en = (f"{unit}: listed under \"{band.label}\" ({band.describe('en')}), but its total {printed} "
          f"puts it in \"{right.label if right else '—'}\".")
    vi = (f"{unit}: xếp vào \"{band.label}\" ({band.describe('vi')}), nhưng với {printed} điểm "
          f"thì thuộc \"{right.label if right else '—'}\".")
    return finding("claim-band", "error", en, vi, table=t, table_title=title_of(table), row=r,
                   unit=unit, column=None, printed=printed, expected=right.label if right else None,
                   line=cell_line(table, r, col), col_index=col)


def _shares_in_text(ctx: Context) -> list[Finding]:
    from .bands import share_tables
    out = []
    for block in share_tables(ctx.doc):
        out += _share_block(ctx, block)
    return out


def _share_block(ctx, block) -> list[Finding]:
    out = []
    for k, (column, level) in enumerate(block.columns):
        tables = ranking_tables(ctx, block.topic, level)
        if len(tables) != 1:
            continue
        t = tables[0]
        counts = {lab[0]: g.last_row - g.first_row + 1 for g in ctx.doc.tables[t].row_groups
                  if (lab := parse_band_label(g.label))}
        n = len(_values(ctx, t))
        printed = [shares[k] for _, shares, _ in block.rows]
        ks = [counts.get(name, 0) for name, _, _ in block.rows]
        if None in printed:
            continue
        for (name, shares, r), have in zip(block.rows, ks):
            verdict, exact = share_verdict(shares[k], have, n, printed, ks)
            if verdict != "ok":
                out.append(_text_share(ctx, block.table, r, column, NAMES_VI.get(name, name),
                                       shares[k], have, n, exact, verdict, level))
    return out


def _text_share(ctx, t, r, c, name, share, k, n, exact, verdict, level) -> Finding:
    from .base import cell_line, column_name
    conv, table = ctx.convention, ctx.doc.tables[t]
    who = {"department": "departments", "district": "districts"}.get(level, "units")
    who_vi = {"department": "sở, ngành", "district": "huyện"}.get(level, "đơn vị")
    if verdict == "rounded":
        en = (f"Summary table: \"{name}\" {share}% of {who}, but {k} of {n} is {show(exact, conv, 1)}% — "
              f"rounded so that the shares add up to 100%.")
        vi = (f"Bảng tổng hợp: \"{name}\" {share}% {who_vi}, nhưng {k}/{n} là {show(exact, conv, 1)}% — "
              f"làm tròn để tổng bằng 100%.")
        severity = "warning"
    else:
        en = f"Summary table: \"{name}\" {share}% of {who}, but {k} of {n} is {show(exact, conv, 1)}%."
        vi = f"Bảng tổng hợp: \"{name}\" {share}% {who_vi}, nhưng {k}/{n} là {show(exact, conv, 1)}%."
        severity = "error"
    return finding("claim-band-share", severity, en, vi, table=t, table_title=title_of(table),
                   row=r, unit=who_vi, column=column_name(table, c), printed=f"{share}%",
                   expected=f"{show(exact, conv, 1)}%", line=cell_line(table, r, c),
                   page=table.cell(r, c).where.page, col_index=c)


# ---------------------------------------------------------------- helpers
def _claim(ctx, rule, severity, en, vi, p, printed, expected, table=None, unit=None) -> Finding:
    return finding(rule, severity, en, vi, table=table,
                   table_title=title_of(ctx.doc.tables[table]) if table is not None else None,
                   unit=unit, printed=printed, expected=expected, line=p.where.line,
                   page=p.where.page).with_(path=p.where.path)
