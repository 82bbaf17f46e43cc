"""The HTML report: an index of the documents, and per document every table with
its flagged cells highlighted, the finding on hover (the cell's title) and in a
list, and where each cell was printed (line, or page and box).

The index names each document by its decision (number, issuing body, province,
year), its renditions under it; an OCR'd title that does not read as Vietnamese is
shown as what was read, beside a name made from the number or the decision.

Every piece of source text goes through Jinja2's autoescaping, and the pages
carry a Content-Security-Policy that allows no script at all: nothing from a
source can run in the reader's browser.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .dataset import cell_labels, correction, flagged_cell, flags, read_table
from .excel import worst

TEMPLATES = Path(__file__).resolve().parent / "templates"


def environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def page_name(document: str) -> str:
    """A safe file name for a document's page: its stem and a hash of its key."""
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(document).stem)[:40]
    return f"{stem}-{hashlib.sha1(document.encode()).hexdigest()[:8]}.html"


def where_text(cell: dict) -> str:
    if not _na(cell.get("page")):
        box = [cell.get(k) for k in ("x0", "top", "x1", "bottom")]
        if any(_na(v) for v in box):
            return f"page {cell['page']}"
        text = f"page {cell['page']}, box ({', '.join(f'{v:.1f}' for v in box)})"
        ocr = cell.get("ocr_confidence")
        return text if _na(ocr) else f"{text}, OCR confidence {ocr:.0f}"
    if not _na(cell.get("line")):
        return f"line {cell['line']}"
    path = cell.get("html_path")
    return "" if _na(path) or not path else f"element {path}"


def _na(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def write_report(db: str | Path, out_dir: Path) -> Path:
    """Write index.html and one page per document into *out_dir*; return the index."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = environment()
    template = env.get_template("report.html")
    frames = {name: read_table(db, name) for name in
              ("documents", "tables", "columns", "cells", "findings", "warnings")}
    flagged = flags(frames["findings"], frames["columns"])
    labels = cell_labels(frames["columns"])
    frames["scores"] = read_table(db, "scores")
    # a decision's other renditions keep their scores beside the panel: charted on their pages
    frames["charted"] = pd.concat([frames["scores"], read_table(db, "rendition_scores")],
                                  ignore_index=True)
    script = {"script": FILTER_SCRIPT, "script_hash": script_hash(FILTER_SCRIPT)}
    for doc in frames["documents"].to_dict("records"):
        page = template.render(**document_page(doc, frames, flagged, labels), **script)
        (out_dir / page_name(doc["document"])).write_text(page, encoding="utf-8")
    panels = panel_pages(frames)
    for panel in panels:
        (out_dir / panel["href"]).write_text(template.render(**panel, **script), encoding="utf-8")
    index = out_dir / "index.html"
    index.write_text(template.render(**index_page(frames), panels=panels, **script),
                     encoding="utf-8")
    return index


#: Filters the findings list by severity and rule (the only script; allowed by its hash).
FILTER_SCRIPT = """
document.addEventListener('DOMContentLoaded', function () {
  var sev = document.getElementById('filter-severity'), rule = document.getElementById('filter-rule');
  if (!sev || !rule) { return; }
  function apply() {
    var shown = 0;
    document.querySelectorAll('ol.findings li').forEach(function (li) {
      var ok = (!sev.value || li.dataset.severity === sev.value) && (!rule.value || li.dataset.rule === rule.value);
      li.hidden = !ok; if (ok) { shown += 1; }
    });
    document.getElementById('filter-count').textContent = shown + ' shown';
  }
  sev.addEventListener('change', apply); rule.addEventListener('change', apply); apply();
});
"""


def script_hash(script: str) -> str:
    import base64
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


# ---------------------------------------------------------------- charts and panels

def ranking_charts(key: str, scores: pd.DataFrame, flagged: dict) -> dict[int, str]:
    """Per table of the document: its scores (totals, else the single score per row) as
    an SVG bar chart, rows with a flagged cell marked."""
    from .charts import scores_chart
    mine = scores[scores["document"] == key]
    out = {}
    for t, table in mine.groupby("table_index", sort=True):
        bars = _bars(table, flagged, key, int(t))
        if len(bars) >= 2:
            title = table["table_title"].iloc[0]
            out[int(t)] = scores_chart(f"table {t}" if _na(title) or not title else str(title),
                                       bars)
    return out


def _bars(table: pd.DataFrame, flagged: dict, key: str, t: int) -> list:
    pick = table[table["role"] == "total"]
    if pick.empty:
        pick = table[table["role"] == "score"]
    if pick.empty or pick["row_index"].duplicated().any():
        return []
    bars = []
    for s in pick.sort_values("row_index").to_dict("records"):
        value = s.get("score_value")
        if _na(value):                   # a database built before score_value: the exact text
            value = s.get("score")
        if _na(value):
            continue
        found = [f for (d, tt, r, _), fs in flagged.items() if (d, tt, r) == (key, t, s["row_index"])
                 for f in fs]
        bars.append((s["unit_printed"], float(value), worst(found) if found else None))
    return bars


def panel_pages(frames: dict) -> list[dict]:
    """One page per province and year: units × the totals of each index (category), as
    printed, one decision per place (renditions of a decision left out)."""
    scores = _without_renditions(frames["scores"], frames["documents"])
    totals = scores[scores["role"].isin(["total", "score"]) & scores["evaluation_year"].notna()]
    pages = []
    for (province, year), group in totals.groupby(["province", "evaluation_year"], sort=True):
        pages.append(_panel(str(province), int(year), group, scores))
    return pages


def _without_renditions(scores: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    if "is_primary" in documents and documents["is_primary"].notna().any():
        aside = set(documents.loc[documents["is_primary"] == 0, "document"])
        return scores[~scores["document"].isin(aside)]   # the build chose each decision's primary
    derived = set(documents.loc[documents["derived_from"].notna()
                                & documents["derived_from"].isin(documents["sha256"]),
                                "document"])
    return scores[~scores["document"].isin(derived)]


def _panel(province: str, year: int, group: pd.DataFrame, scores: pd.DataFrame) -> dict:
    from .charts import rank_chart
    group = group.assign(unit=group["unit_name"].fillna(group["unit_printed"]),
                         index_name=group["category"].fillna("") + " · " + group["table_title"].fillna(""))
    group = group.drop_duplicates(["unit", "index_name"])
    columns = list(dict.fromkeys(group["index_name"]))
    units = list(dict.fromkeys(group["unit"]))
    cell = {(u, c): p for u, c, p in zip(group["unit"], group["index_name"], group["score_printed"])}
    rows = [{"unit": u, "cells": [cell.get((u, c), "") for c in columns]} for u in units]
    history = scores[(scores["province"] == province) & scores["rank"].notna()]
    charts = []
    for unit in units[:60]:
        mine = history[history["unit_name"].fillna(history["unit_printed"]) == unit]
        points = sorted({(int(y), int(r)) for y, r in zip(mine["evaluation_year"], mine["rank"])
                         if not _na(y)})
        years = {y for y, _ in points}
        if len(years) >= 2:
            charts.append(rank_chart(unit, sorted(dict(points).items())))
    slug = re.sub(r"[^a-z0-9]+", "-", fold_ascii(province).lower()).strip("-") or "unknown"
    return {"title": f"Panel: {province} {year}", "panel": True, "province": province,
            "year": year, "columns": columns, "rows": rows, "rank_charts": charts,
            "href": f"panel-{slug}-{year}.html"}


def fold_ascii(text: str) -> str:
    import unicodedata
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def clean(record: dict) -> dict:
    """A row with every missing value (None, NaN, pandas NA) as None: nothing prints "nan"."""
    return {k: (None if _na(v) else v) for k, v in record.items()}


def index_page(frames: dict) -> dict:
    """The documents by decision: each decision once, its derived renditions (the same
    decision as HTML, PDF or scan) listed under it."""
    ocr = ocr_read(frames["warnings"])
    docs = [{**legible(clean(d), d["document"] in ocr), "href": page_name(d["document"])}
            for d in frames["documents"].to_dict("records")]
    by_sha = {d["sha256"]: d for d in docs if d.get("sha256")}
    for d in docs:
        parent = by_sha.get(d.get("derived_from"))
        d["name"] = decision_name(d, parent, d["document"] in ocr)
        if parent and not d.get("number") and d.get("title") not in (None, parent.get("title")):
            d["subtitle"] = str(d["title"])[:90]     # what its pages start with, when legible
    top = [d for d in docs if d.get("derived_from") not in by_sha]
    for d in top:
        d["renditions"] = [x for x in docs if x.get("derived_from") == d.get("sha256")]
    top.sort(key=lambda d: (d.get("province") or "", d.get("evaluation_year") or 0,
                            d.get("number") or "", d["document"]))
    counts = frames["findings"]["severity"].value_counts().to_dict()
    text = " · ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"
    return {"title": "xephang dataset report", "documents": top, "severity_text": text,
            "n_documents": len(docs)}


def ocr_read(warnings: pd.DataFrame) -> set[str]:
    """The documents with pages read by OCR."""
    return set(warnings.loc[warnings["slug"] == "ocr-read", "document"])


#: Share of a title's words that must be Vietnamese syllables for an OCR'd title to be shown
#: as the document's name ("Quyết dimhsã26ÄNQINHÂNH š8ùyOÔï…" has 3 of 8).
LEGIBLE = 0.75


def legible(doc: dict, ocr: bool) -> dict:
    """*doc* with an OCR'd title that does not read as Vietnamese set aside: the title is
    then None (the name falls back to the number, kind and format) and `title_note` says
    what was read, so nothing is hidden."""
    title = doc.get("title")
    if not ocr or not title:
        return doc
    ok, words = legible_words(title)
    if not words or ok / words >= LEGIBLE:
        return doc
    shown = title if len(title) <= 60 else title[:60] + "…"
    return {**doc, "title": None, "ocr_title": title,
            "title_note": f'title read by OCR, not legible ({ok} of {words} words read as '
                          f'Vietnamese): "{shown}"'}


def legible_words(text: str) -> tuple[int, int]:
    """(words that are Vietnamese syllables, words), acronyms ("UBND", "CNTT") left out."""
    from ..normalize.text import is_syllable
    words = [w for w in re.findall(r"[^\W\d_]+", text)
             if not (w.isascii() and w.isupper() and len(w) <= 6)]
    return sum(1 for w in words if is_syllable(w)), len(words)


def decision_name(d: dict, parent: dict | None = None, ocr: bool = False) -> str:
    """What a reader calls a document: its decision number, else its title, else (for a
    rendition) the format it is of its decision, else its kind and format — never the
    hash the corpus stores it under."""
    if d.get("number"):
        return f"Quyết định {d['number']}"
    if parent is not None:             # its own title may be a heading its pages start with
        return f"{d.get('format') or 'copy'}{' read by OCR' if ocr else ''} of " \
               f"{decision_name(legible(clean(parent), False))}"
    if d.get("title"):
        return str(d["title"])[:90]
    return f"{d.get('kind') or 'document'} ({d.get('format') or '?'}, no number printed)"


def document_page(doc: dict, frames: dict, flagged: dict, labels: dict) -> dict:
    key = doc["document"]
    pick = lambda name: frames[name][frames[name]["document"] == key]
    scores = frames.get("charted", frames.get("scores"))
    charts = ranking_charts(key, scores, flagged) if scores is not None else {}
    tables = [{**_table(t, pick("columns"), pick("cells"), flagged),
               "chart": charts.get(int(t["table_index"]))}
              for t in pick("tables").to_dict("records")]
    findings = [_finding(f, labels) for f in pick("findings").to_dict("records")]
    warnings = [{**clean(w), "where": where_text(w)} for w in pick("warnings").to_dict("records")]
    ocr = any(w["slug"] == "ocr-read" for w in warnings)
    doc = legible(clean(doc), ocr)
    docs = frames["documents"]
    parent = docs[docs["sha256"] == doc.get("derived_from")].to_dict("records") \
        if doc.get("derived_from") else []
    name = decision_name(doc, parent[0] if parent else None, ocr)
    return {"title": name if parent and not doc.get("number") else doc.get("title") or name,
            "doc": doc, "tables": tables,
            "findings": findings, "warnings": warnings, "coverage": coverage_text(doc),
            "severities": sorted({f["severity"] for f in findings}),
            "rules": sorted({f["rule"] for f in findings})}


def coverage_text(doc: dict) -> str:
    if doc.get("status") != "ok" or doc.get("n_tables_read") is None:
        return ""
    text = (f"Read {doc['n_tables_read']} table(s) and {doc['n_rows_read']} row(s) as scores "
            f"or rubrics")
    if doc.get("n_not_read"):
        text += f"; {doc['n_not_read']} table(s) or page(s) seen but not read"
    return text + ("." if doc.get("complete") else " — only part of the document was read.")


def _table(t: dict, columns: pd.DataFrame, cells: pd.DataFrame, flagged: dict) -> dict:
    index = t["table_index"]
    labels = columns[columns["table_index"] == index].sort_values("col_index")["label"].tolist()
    mine = cells[cells["table_index"] == index]
    rows, last_group = [], None
    for r, row in mine.groupby("row_index", sort=True):
        records = row.to_dict("records")
        group = records[0].get("row_group")
        shown = group if isinstance(group, str) and group != last_group else None
        last_group = group
        rows.append({"group": shown, "where": where_text(records[0]),
                     "cells": [_cell(c, flagged) for c in records]})
    where = f"line {t['line']}" if not _na(t["line"]) else (
        f"page {t['page']}" if not _na(t["page"]) else "")
    t = clean(t)
    return {"index": index, "title": t["title"], "kind": t["kind"], "category": t["category"],
            "level": t["level"], "where": where, "labels": labels, "rows": rows}


def cell_id(table: int, row: int, col: int) -> str:
    return f"t{table}-r{row}-c{col}"


def _cell(c: dict, flagged: dict) -> dict:
    found = flagged.get((c["document"], c["table_index"], c["row_index"], c["col_index"]))
    where = where_text(c)
    out = {"id": cell_id(c["table_index"], c["row_index"], c["col_index"]), "text": c["text"],
           "cls": None, "title": where}
    if found:
        out["cls"] = f"flag-{worst(found)}"
        notes = [f"{f['severity']}: {f['message']}"
                 + (f" — likely correction: {fix}" if (fix := unsaid_correction(f)) else "")
                 for f in found]
        out["title"] = "\n".join([where] + notes)
    return out


def _finding(f: dict, labels: dict) -> dict:
    cell = flagged_cell(f, labels)
    parts = []
    if not _na(f["table_index"]):
        parts.append(f"table {f['table_index']}")
    if not _na(f["row_index"]):
        parts.append(f"row {f['row_index']}")
    if not _na(f["line"]):
        parts.append(f"line {f['line']}")
    if not _na(f["page"]):
        parts.append(f"page {f['page']}")
    if _na(f["line"]) and _na(f["page"]) and not _na(f.get("html_path")):
        parts.append(f"element {f['html_path']}")
    return {**clean(f), "where": ", ".join(parts) or "document",
            "href": f"#{cell_id(*cell[1:])}" if cell else None, "correction": unsaid_correction(f)}


def unsaid_correction(f: dict) -> str:
    """The likely correction, unless the finding's message already says it."""
    fix = correction(f)
    return "" if fix and fix in str(f.get("message") or "") else fix
