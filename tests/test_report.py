"""The HTML report in a real headless Chromium: the page loads without console
errors, flagged cells are highlighted (seen in a screenshot), the finding is on
hover (title) and in a list, provenance on every cell — and source text that
looks like markup stays text."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS
from xephang.corpus.build import build
from xephang.outputs.report import page_name

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'
FLAG_RGB = (0xFF, 0xC7, 0xCE)
XEPHANG = [str(Path(sys.executable).with_name("xephang"))]

needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason="Debian chromium not installed (make system-deps)")


def chromium(tmp: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, url],
        capture_output=True, text=True, timeout=120)


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def colour_count(image, rgb: tuple[int, int, int]) -> int:
    colours = image.convert("RGB").getcolors(maxcolors=1 << 24)
    return sum(n for n, c in colours if c == rgb)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, str]:
    """A corpus with seed 000 whose first unit name is markup and whose first total
    (Văn phòng UBND tỉnh: 5 + 4 + 4 + 4 = 17) is misprinted as 19."""
    tmp = tmp_path_factory.mktemp("report")
    corpus = tmp / "corpus"
    corpus.mkdir()
    lines = SEEDS["000"].read_text(encoding="utf-8").split("\n")
    assert (lines[94], lines[104]) == ("Văn phòng UBND tỉnh", "17")
    lines[94], lines[104] = HOSTILE, "19"
    (corpus / "hostile.txt").write_text("\n".join(lines), encoding="utf-8")
    build(corpus, tmp / "x.sqlite")
    out = tmp / "out"
    result = subprocess.run(XEPHANG + ["report", "--db", str(tmp / "x.sqlite"), "-o", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out, page_name("hostile.txt")


def test_source_markup_is_escaped_text(report):
    out, page = report
    html = (out / page).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html.lower()
    assert html.lower().count("<script") == 1                # the findings filter, nothing else
    assert "default-src 'none'" in html
    policy = re.search(r"script-src '(sha256-[A-Za-z0-9+/=]+)'", html).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    import base64, hashlib
    assert policy == "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def test_the_flagged_total_carries_its_finding_and_provenance(report):
    out, page = report
    html = (out / page).read_text(encoding="utf-8")
    cell = re.search(r'<td id="t0-r0-c6" class="flag-error" title="([^"]*)">19</td>', html)
    assert cell, "the misprinted total is not highlighted"
    assert cell.group(1).startswith("line 105\n") and "17" in cell.group(1)
    assert '<td id="t0-r0-c2" title="line 97">5</td>' in html
    assert re.search(r'<li class="sev-error" data-severity="error" data-rule="row-sum">'
                     r'<strong>error</strong> \[row-sum\]\s*'
                     r'<a href="#t0-r0-c6">table 0, row 0, line 105</a>', html)


@needs_chromium
def test_console_errors_are_detected_on_a_broken_page(tmp_path):
    """The check below can fail: a page with a script error shows it on the console."""
    page = tmp_path / "broken.html"
    page.write_text("<!doctype html><p>x</p><script>throw new Error('boom')</script>")
    result = chromium(tmp_path, page.as_uri(), "--dump-dom")
    assert any("boom" in m for m in console_messages(result.stderr))


@needs_chromium
def test_the_report_loads_in_chromium_without_errors(report, tmp_path):
    out, page = report
    for name in ("index.html", page):
        result = chromium(tmp_path, (out / name).as_uri(), "--dump-dom")
        assert result.returncode == 0, result.stderr[-2000:]
        assert console_messages(result.stderr) == []
        assert "<h1>" in result.stdout
    dom = chromium(tmp_path, (out / page).as_uri(), "--dump-dom").stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert dom.count("<script") == 1 and "DOMContentLoaded" in dom     # only the filter
    assert re.search(r'<td id="t0-r0-c6" class="flag-error" title="line 105\n', dom)


@needs_chromium
def test_flagged_cells_are_highlighted_on_screen(report, tmp_path):
    from PIL import Image

    out, page = report
    shot = tmp_path / "page.png"
    result = chromium(tmp_path, (out / page).as_uri(), f"--screenshot={shot}",
                      "--window-size=1600,6000", "--hide-scrollbars")
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    flagged = colour_count(Image.open(shot), FLAG_RGB)
    assert flagged > 200, f"only {flagged} pixels in the highlight colour"
    index = tmp_path / "index.png"
    chromium(tmp_path, (out / "index.html").as_uri(), f"--screenshot={index}",
             "--window-size=1600,1200")
    assert colour_count(Image.open(index), FLAG_RGB) == 0


def test_provenance_reads_as_line_page_and_box_or_element():
    from xephang.outputs.report import where_text

    none = {"line": None, "page": None, "x0": None, "top": None, "x1": None, "bottom": None,
            "html_path": None, "ocr_confidence": None}
    assert where_text({**none, "line": 105}) == "line 105"
    assert where_text({**none, "page": 2, "x0": 85.08, "top": 159.8, "x1": 113.4,
                       "bottom": 190.21}) == "page 2, box (85.1, 159.8, 113.4, 190.2)"
    assert where_text({**none, "page": 1, "x0": 83.0, "top": 162.3, "x1": 110.4, "bottom": 191.6,
                       "ocr_confidence": 96.6}).endswith("), OCR confidence 97")
    assert where_text({**none, "html_path": "table[3]/tr[4]/td[1]"}) == "element table[3]/tr[4]/td[1]"



# ---------------------------------------------------------------- a report people read

def test_the_index_lists_decisions_without_hash_names_or_nan(report, tmp_path):
    out, _ = report
    dom = chromium(tmp_path, (out / "index.html").as_uri(), "--dump-dom").stdout
    links = re.findall(r'<a href="[^"]+">([^<]+)</a>', dom)
    assert "Quyết định 2631/QĐ-UBND" in links
    assert not [t for t in links if re.search(r"[0-9a-f]{16}|hostile\.txt", t)]
    assert not re.search(r"\bnan\b", dom, re.IGNORECASE)


def test_a_panel_page_per_province_and_year(report, tmp_path):
    out, _ = report
    panel = out / "panel-hoa-binh-2017.html"
    result = chromium(tmp_path, panel.as_uri(), "--dump-dom")
    assert console_messages(result.stderr) == []
    dom = result.stdout
    assert "<h1>Panel: Hòa Bình 2017</h1>" in dom
    row = re.search(r"<tr><td>Sở Tư pháp</td>(.*?)</tr>", dom).group(1)
    assert "<td>36.0</td>" in row                # the total table 2 prints for it
    assert 'href="panel-hoa-binh-2017.html"' in (out / "index.html").read_text(encoding="utf-8")


def test_every_ranking_table_has_its_chart_with_the_flagged_row_marked(report, tmp_path):
    import sqlite3

    out, page = report
    db = out.parent / "x.sqlite"
    ranked = {t for (t,) in sqlite3.connect(db).execute(
        "SELECT DISTINCT table_index FROM scores WHERE role = 'total'")}
    html = (out / page).read_text(encoding="utf-8")
    charted = {int(t) for t in re.findall(r'<h2 id="t(\d+)">[^\n]*\n<p class="meta">[^\n]*\n'
                                          r'<figure class="chart scores"><svg', html)}
    assert ranked and ranked <= charted
    first = html[html.index('<h2 id="t0">'):html.index('<h2 id="t1">')]
    assert first.count("⚑ error") == 1          # the misprinted 19 of Văn phòng UBND tỉnh
    assert "https://" not in first.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org", "")                   # nothing to fetch


@needs_chromium
def test_findings_filter_by_severity_and_rule_in_the_browser(report, tmp_path):
    out, page = report
    result = chromium(tmp_path, (out / page).as_uri(), "--dump-dom")
    assert console_messages(result.stderr) == []
    dom = result.stdout
    total = dom.count('<li class="sev-')
    assert total > 0
    assert re.search(rf'<span id="filter-count" class="meta">{total} shown</span>', dom)
    assert '<select id="filter-severity">' in dom and '<option>row-sum</option>' in dom


def test_the_issuer_column_shows_the_issuing_body_not_the_signer(report):
    import sqlite3

    out, _ = report
    db = out.parent / "x.sqlite"
    columns = {c for (_, c, *_) in sqlite3.connect(db).execute("PRAGMA table_info(documents)")}
    html = (out / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<a href="[^"]+">Quyết định 2631/QĐ-UBND</a>.*?</tr>', html, re.S).group(0)
    assert "Nguyễn Văn Chương" not in row             # the signer (seed 000, line 47)
    if "issuer" not in columns:
        pytest.skip("this dataset has no issuer column")
    assert "<td>Ủy ban nhân dân tỉnh Hòa Bình</td>" in row


GARBLED = "Quyết dimhsã26ÄNQINHÂNH š8ùyOÔï⁄2ÑGHỆ THÔNG TIN"   # a scan's title, misread


def test_an_illegible_ocr_title_gives_way_to_the_number_and_says_so():
    from xephang.outputs.report import decision_name, legible

    parent = {"number": "2631/QĐ-UBND", "title": "VỀ VIỆC CÔNG BỐ KẾT QUẢ"}
    scan = legible({"number": None, "title": GARBLED, "format": "pdf", "kind": "news"}, True)
    assert scan["title"] is None and scan["ocr_title"] == GARBLED
    assert scan["title_note"].startswith("title read by OCR, not legible (2 of 7 words")
    assert GARBLED in scan["title_note"]                       # shown, not hidden
    assert decision_name(scan, parent, True) == "pdf read by OCR of Quyết định 2631/QĐ-UBND"
    assert decision_name(scan) == "news (pdf, no number printed)"
    for title in ("VỀ VIỆC CÔNG BỐ KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG CHỈ SỐ CCHC NĂM 2019",
                  "Kết quả xếp hạng mức độ chuyển đổi số của UBND các huyện"):
        assert legible({"title": title}, True)["title"] == title       # legible: kept
    assert legible({"title": GARBLED}, False)["title"] == GARBLED      # no OCR: not judged


def test_missing_values_never_print_as_nan():
    from xephang.outputs.report import where_text

    nan = float("nan")
    assert where_text({"line": nan, "page": nan, "html_path": nan}) == ""
    assert where_text({"line": None, "page": None, "html_path": None}) == ""


def test_an_untitled_table_s_chart_is_named_by_its_index_not_nan():
    import pandas as pd
    from xephang.outputs.report import ranking_charts

    scores = pd.DataFrame({"document": ["d", "d"], "table_index": [3, 3], "row_index": [0, 1],
                           "role": ["total", "total"], "score_value": [17.0, 13.0],
                           "score": ["17", "13"], "unit_printed": ["Sở Nội vụ", "Sở Y tế"],
                           "table_title": [float("nan")] * 2})
    svg = ranking_charts("d", scores, {})[3]
    assert ">table 3</text>" in svg and ">nan<" not in svg


@pytest.fixture(scope="module")
def two_renditions(tmp_path_factory) -> tuple[Path, Path]:
    """Seed 000 as its text dump and as the saved page it came from: one decision, the
    page's scores kept as a rendition's (beside the panel, not in it)."""
    tmp = tmp_path_factory.mktemp("renditions")
    corpus = tmp / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS["000"], corpus / "000.txt")
    shutil.copy(Path(__file__).parent / "fixtures" / "html" / "000_4077041e69013ab5.html",
                corpus / "000.html")
    build(corpus, tmp / "x.sqlite")
    from xephang.outputs.report import write_report
    write_report(tmp / "x.sqlite", tmp / "out")
    return tmp / "x.sqlite", tmp / "out"


def test_a_rendition_s_page_charts_its_ranking_tables_too(two_renditions):
    import sqlite3

    db, out = two_renditions
    con = sqlite3.connect(db)
    kept = {d for (d,) in con.execute("SELECT DISTINCT document FROM rendition_scores")}
    assert kept, "no rendition in this corpus: the test would prove nothing"
    for document in kept | {d for (d,) in con.execute("SELECT DISTINCT document FROM scores")}:
        html = (out / page_name(document)).read_text(encoding="utf-8")
        ranked = {t for (t,) in con.execute(
            "SELECT DISTINCT table_index FROM scores WHERE document = ? AND role = 'total' UNION "
            "SELECT DISTINCT table_index FROM rendition_scores WHERE document = ? "
            "AND role = 'total'", (document, document))}
        charted = {int(t) for t in re.findall(r'<h2 id="t(\d+)">[^\n]*\n<p class="meta">[^\n]*\n'
                                              r'<figure class="chart scores"><svg', html)}
        assert ranked and ranked <= charted, document
