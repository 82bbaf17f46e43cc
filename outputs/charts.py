"""Charts for the report, drawn by matplotlib as inline SVG: nothing to fetch to view them.

- `scores_chart`: one ranking table's scores as horizontal bars, one per unit, in printed
  order; a bar whose cell a finding flags is drawn in the finding's colour and marked.
- `rank_chart`: one unit's printed rank over the years, where the panel has several.

Values are the printed numbers (exact decimals turned into floats only for drawing).
"""
from __future__ import annotations

import io
import re

BAR = "#4a7ab5"
FLAGGED = {"error": "#c00000", "warning": "#b88000", "info": "#5b9bd5"}


def _pyplot():
    import matplotlib
    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    plt.rcParams.update({"svg.fonttype": "none", "font.size": 9,
                         "font.family": ["DejaVu Sans", "sans-serif"]})
    return plt


def svg_of(fig) -> str:
    """The figure as an <svg> element to put inline (no XML prolog, no fixed size)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    _pyplot().close(fig)
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)   # no links, no dates
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1', text, count=1)


def scores_chart(title: str, bars: list[tuple[str, float, str | None]]) -> str:
    """*bars*: (unit as printed, score, severity of the worst finding on it or None)."""
    plt = _pyplot()
    height = 0.8 + 0.24 * len(bars)
    fig, ax = plt.subplots(figsize=(7.5, height))
    names = [_short(name) for name, _, _ in bars][::-1]
    values = [v for _, v, _ in bars][::-1]
    colours = [FLAGGED.get(sev, BAR) if sev else BAR for _, _, sev in bars][::-1]
    ax.barh(range(len(bars)), values, color=colours, height=0.7)
    ax.set_yticks(range(len(bars)), names)
    for i, (_, _, sev) in enumerate(bars[::-1]):
        if sev:
            ax.text(values[i], i, "  ⚑ " + sev, va="center", color=FLAGGED.get(sev, BAR),
                    fontsize=8)
    ax.set_title(_short(title, 90), fontsize=10, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(values + [1]) * 1.15)
    return svg_of(fig)


def rank_chart(unit: str, points: list[tuple[int, int]]) -> str:
    """*points*: (year, printed rank); rank 1 at the top."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(4.5, 2.4))
    years = [y for y, _ in points]
    ranks = [r for _, r in points]
    ax.plot(years, ranks, marker="o", color=BAR)
    for y, r in points:
        ax.annotate(str(r), (y, r), textcoords="offset points", xytext=(0, 6), ha="center")
    ax.set_xticks(years, [str(y) for y in years])
    ax.invert_yaxis()
    ax.set_ylabel("rank")
    ax.set_title(_short(unit, 60), fontsize=10, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return svg_of(fig)


def _short(text: str, width: int = 38) -> str:
    text = " ".join(str(text).split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    return text.replace("$", r"\$")        # printed text, never mathtext
