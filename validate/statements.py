"""Claims the text makes about its own numbers, checked without a table: a share against
its count ("64 cơ quan …, chiếm 61%" of the 89 evaluated), parts against the whole they
divide ("36 tăng hạng, 50 giữ hạng và 4 tụt hạng" of 89), a rank jump against its two
ranks ("17 bậc, từ bậc 21 … lên bậc 4").  The phrases are in the phrasebook.

Rules:
  claim-share        error / warning  a printed share is not count ÷ whole × 100
                                      (warning when it misses only in its last printed
                                      digit: shares forced to add up to 100%)
  claim-parts        error    the parts a sentence lists do not add up to the whole it
                              names (an over-count of grades, or rank changes — rose,
                              held, fell — that must account for every unit)
  claim-rank-change  error    "N bậc, từ bậc A lên bậc B" where |A − B| is not N
"""
from __future__ import annotations

from decimal import Decimal, ROUND_HALF_UP

from .context import Context
from .findings import Finding, finding
from .phrasebook import Hit, find

HUNDRED = Decimal(100)
CHANGES = ("tang hang", "giu hang", "giu nguyen hang", "tut hang", "giam hang")


def check_statements(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    whole = None                 # the latest whole the text named ("Trong 89 cơ quan")
    for p in ctx.doc.paragraphs:
        whole = _whole_here(ctx, p) or whole
        out += _shares(ctx, p, whole)
        out += _parts(ctx, p, whole)
        out += _jumps(ctx, p)
    return out


def _number(ctx, text: str | None) -> Decimal | None:
    return ctx.parse(text).value if text else None


def _whole_here(ctx: Context, p) -> Decimal | None:
    hits = find("claim-share", p.text, id="population")
    return _number(ctx, hits[0].text("of")) if hits else None


def _at(p, rule, severity, en, vi, printed, expected) -> Finding:
    return finding(rule, severity, en, vi, printed=printed, expected=expected,
                   line=p.where.line, page=p.where.page)


# ---------------------------------------------------------------- shares

def _shares(ctx: Context, p, whole: Decimal | None) -> list[Finding]:
    out = []
    for hit in find("claim-share", p.text, id="share"):
        count, of = _number(ctx, hit.text("count")), _number(ctx, hit.text("of")) or whole
        pct = ctx.parse(hit.text("pct"))
        if count is None or not of or pct.value is None or count > of:
            continue
        out += _share(ctx, p, hit, count, of, pct)
    return out


def _share(ctx, p, hit: Hit, count, of, pct) -> list[Finding]:
    exact = count / of * HUNDRED
    unit = Decimal(1).scaleb(-pct.places)
    if exact.quantize(unit, ROUND_HALF_UP) == pct.value:
        return []
    shown = _show(exact, max(pct.places, 1), ctx.convention)
    said = hit.text("pct") + "%"
    close = abs(exact - pct.value) <= unit
    en = (f"The text gives {hit.text('count')} of {_plain(of)} as {said}, but {hit.text('count')}/{_plain(of)} "
          f"is {shown}%" + (" — off in the last printed digit, as when shares are forced to add up "
                            "to 100%." if close else "."))
    vi = (f"Văn bản nêu {hit.text('count')}/{_plain(of)} chiếm {said}, nhưng {hit.text('count')}/{_plain(of)} "
          f"là {shown}%" + (" — lệch ở chữ số cuối, như khi làm tròn ép tổng bằng 100%." if close else "."))
    return [_at(p, "claim-share", "warning" if close else "error", en, vi, said, f"{shown}%")]


def _show(value: Decimal, places: int, convention: str) -> str:
    text = f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}"
    return text.replace(".", ",") if convention == "comma" else text


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


# ---------------------------------------------------------------- parts of a whole

def _parts(ctx: Context, p, whole: Decimal | None) -> list[Finding]:
    hits = find("claim-parts", p.text, id="part")
    if len(hits) < 2 or whole is None:
        return []
    kinds = [h.match.group("what") for h in hits]
    counts = [_number(ctx, h.text("count")) for h in hits]
    if None in counts or len(set(kinds)) < len(kinds):
        return []
    added = sum(counts, Decimal(0))
    changes = all(k in CHANGES for k in kinds) and len(kinds) >= 3
    if added == whole or not (changes or added > whole):
        return []
    listed = " + ".join(h.text("count") for h in hits)
    en = (f"The text divides {_plain(whole)} units into {listed} "
          f"({', '.join(h.text('what') for h in hits)}), which add to {_plain(added)}, not {_plain(whole)}.")
    vi = (f"Văn bản chia {_plain(whole)} đơn vị thành {listed} "
          f"({', '.join(h.text('what') for h in hits)}), cộng lại được {_plain(added)}, không phải {_plain(whole)}.")
    return [_at(p, "claim-parts", "error", en, vi, _plain(whole), _plain(added))]


# ---------------------------------------------------------------- rank jumps

def _jumps(ctx: Context, p) -> list[Finding]:
    out = []
    for hit in find("claim-rank-change", p.text, id="rank-jump"):
        steps, before, after = (int(hit.text(k)) for k in ("steps", "before", "after"))
        if abs(before - after) == steps:
            continue
        said = hit.text("steps")
        en = (f"The text says {said} places, from {before} to {after}, but that is "
              f"{abs(before - after)} places.")
        vi = f"Văn bản nêu {said} bậc, từ bậc {before} lên/xuống bậc {after}, nhưng thực tế là {abs(before - after)} bậc."
        out.append(_at(p, "claim-rank-change", "error", en, vi, said, str(abs(before - after))))
    return out
