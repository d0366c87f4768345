"""The brief as a manager gets it: printed to PDF in headless Chromium (A4, at most 12 pages, no near-empty
page, the four answers on page 1, page numbers and the knowledge base's date in the footer), and opened on a
phone (the answer columns and the chart inside 400 px, chart labels whole).

Layout is measured in the browser itself: a copy of the page, without its Content-Security-Policy, sits in a
400 px (or 1280 px) wide iframe, and a small script in the host page writes each cell's
getBoundingClientRect() into the DOM that `--dump-dom` returns. (Headless Chromium will not make its window
narrower than 500 px, so the iframe gives the exact phone width.)"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from test_report import KB_VERSION, Browser, _write_report, make_browser

A4 = (595.0, 842.0)  # points
MARGIN_TOP, MARGIN_BOTTOM = 12 / 25.4 * 72, 14 / 25.4 * 72  # the @page margins in render/html.py

# Key words of the four answers, as page 1 must show them.
ANSWERS = {
    "en": [("How many locally", "ca. 500", "ca. 170"),
           ("What works", "Safe Dates", "Not recommended", "Anger Management"),
           ("What does the law say", "§ 109", "Changed since the note", "L 104"),
           ("What does it cost", "kr.")],
    "da": [("Hvor mange lokalt", "ca. 500", "ca. 170"),
           ("Hvad virker", "Safe Dates", "Anbefales ikke", "Anger Management"),
           ("Hvad siger loven", "§ 109", "Ændret siden notatet", "L 104"),
           ("Hvad koster det", "kr.")],
}
FIRST_SECTION = {"en": "1. Estimated number affected", "da": "1. Skøn over antal berørte"}
PAGE_WORD = {"en": "page", "da": "side"}
KB_WORD = {"en": "knowledge base", "da": "vidensbase"}
ANSWER_COLUMNS = {"en": {"Local", "Rounded", "Local (scaled)"}, "da": {"Lokalt", "Afrundet", "Lokalt (skaleret)"}}


@pytest.fixture
def browser(tmp_path: Path) -> Browser:
    return make_browser(tmp_path)


def _poppler(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed; `apt-get install poppler-utils` to measure the PDF")
    return exe


def _print_pdf(browser: Browser, page: Path) -> Path:
    pdf = page.with_suffix(".pdf")
    browser.run(page.as_uri(), "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf


def _pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run([_poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def _page_text(pdf: Path, number: int) -> str:
    return subprocess.run([_poppler("pdftotext"), "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _word_boxes(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page: (yMin, yMax, word) of every word, from `pdftotext -bbox`."""
    out = subprocess.run([_poppler("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for page in re.findall(r"<page\b.*?</page>", out, flags=re.S):
        pages.append([(float(m.group(1)), float(m.group(2)), html.unescape(m.group(3))) for m in re.finditer(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', page)])
    return pages


def used_share(words: list[tuple[float, float, str]]) -> float:
    """How much of the text area (between the top and bottom margins) the page's body text reaches down to;
    the footer, in the bottom margin, does not count."""
    area = A4[1] - MARGIN_TOP - MARGIN_BOTTOM
    body = [y_max for y_min, y_max, _ in words if y_min < A4[1] - MARGIN_BOTTOM]
    return 0.0 if not body else (max(body) - MARGIN_TOP) / area


def test_used_share_measures_fill():
    """The fill measure itself: a page with text to the middle is half used, one line near the top is not."""
    top = MARGIN_TOP
    area = A4[1] - MARGIN_TOP - MARGIN_BOTTOM
    assert used_share([(top, top + 10, "a"), (top + area / 2 - 10, top + area / 2, "b")]) == pytest.approx(0.5)
    assert used_share([(top, top + 10, "a"), (A4[1] - 20, A4[1] - 10, "footer")]) < 1 / 3


#: With --offers, page 1 also answers what the municipality offers that the note does not recommend, and where the
#: largest gaps are (the offers file of tests/briefs.py: an anger-management course, no offer for perpetrators).
OFFERS_ANSWER = {
    "en": ("5. The municipality's own offers", "Vredeshåndteringskursus", "Anger Management", "Gap, no offer",
           "Alcohol treatment"),
    "da": ("5. Kommunens egne tilbud", "Vredeshåndteringskursus", "Anger Management", "Hul, intet tilbud",
           "Alkoholbehandling"),
}


@pytest.mark.browser
@pytest.mark.parametrize("offers", [False, True], ids=["plain", "offers"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_printed_brief_is_a4_short_full_and_answers_on_page_one(browser, run, tmp_path, lang, offers):
    from briefs import offers_file

    extra = ["--offers", str(offers_file(tmp_path))] if offers else []
    page = _write_report(run, tmp_path, "--municipality", "Viborg", "--lang", lang, *extra,
                         name=f"viborg-{lang}.html")
    pdf = _print_pdf(browser, page)
    info = _pdf_info(pdf)
    pages = int(info["Pages"])
    width, height = map(float, re.match(r"\s*([\d.]+) x ([\d.]+) pts", info["Page size"]).groups())
    assert abs(width - A4[0]) <= 1 and abs(height - A4[1]) <= 1, info["Page size"]
    assert 2 <= pages <= 12, f"{pages} pages"

    boxes = _word_boxes(pdf)
    assert len(boxes) == pages
    shares = [used_share(words) for words in boxes]
    thin = [n for n, share in enumerate(shares[:-1], start=1) if share < 1 / 3]
    assert not thin, f"pages {thin} use less than a third of their text area: {[round(s, 2) for s in shares]}"

    first = " ".join(_page_text(pdf, 1).split())
    for answer in [*ANSWERS[lang], OFFERS_ANSWER[lang] if offers else ()]:
        for word in answer:
            assert word in first, f"page 1 lacks {word!r}"
    if not offers:
        assert OFFERS_ANSWER[lang][0] not in first
    assert "Viborg" in first and FIRST_SECTION[lang] not in first, "the numbered sections start after page 1"
    assert FIRST_SECTION[lang] in " ".join(_page_text(pdf, 2).split())

    for number in range(1, pages + 1):
        text = " ".join(_page_text(pdf, number).split())
        assert f"{PAGE_WORD[lang]} {number} / {pages}" in text, f"no page number on page {number}"
        assert re.search(rf"{KB_WORD[lang]} {re.escape(KB_VERSION)} \w+ \d{{4}}-\d{{2}}-\d{{2}}", text), \
            f"no knowledge-base version and date in the footer of page {number}"


# --- On screen: measured in the DOM ---------------------------------------------------------------------

MEASURE = """<script>
const frame = document.getElementById('f');
function measure() {
  const doc = frame.contentDocument, win = frame.contentWindow;
  const box = el => { const r = el.getBoundingClientRect();
                      return {left: r.left, right: r.right, width: r.width}; };
  const cells = [...doc.querySelectorAll('td')].map(el => Object.assign(box(el),
      {label: el.dataset.label || '', text: el.textContent}));
  const labels = [...doc.querySelectorAll('figure.chart .chart-label')].map(el => Object.assign(box(el),
      {text: el.textContent, scroll: el.scrollWidth, client: el.clientWidth,
       font: parseFloat(win.getComputedStyle(el).fontSize)}));
  const numbers = [...doc.querySelectorAll('figure.chart .chart-number')].map(el => Object.assign(box(el),
      {text: el.textContent}));
  const tables = [...doc.querySelectorAll('table')].map(box);
  const chart = doc.querySelector('figure.chart');
  document.getElementById('out').textContent = JSON.stringify({
    width: win.innerWidth, scroll: doc.documentElement.scrollWidth, cells, labels, numbers, tables,
    chart: chart ? box(chart) : null});
}
if (frame.contentDocument && frame.contentDocument.readyState === 'complete'
    && frame.contentDocument.querySelector('main')) measure(); else frame.addEventListener('load', measure);
</script>"""


def measure(browser: Browser, page: Path, width: int, *, strip_cards: bool = False) -> dict:
    source = re.sub(r"<meta[^>]*Content-Security-Policy[^>]*>", "", page.read_text(encoding="utf-8"))
    if strip_cards:
        source = source.replace('<table class="cards">', "<table>")
    host = page.with_name(f"measure-{width}-{page.name}")
    host.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="f" style="width:{width}px;height:1200px;border:0" srcdoc="{html.escape(source)}"></iframe>'
        f'<pre id="out"></pre>{MEASURE}</body></html>', encoding="utf-8")
    dom = browser.dump_dom(host)
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, flags=re.S)
    assert found and found.group(1), "the measuring script wrote nothing"
    data = json.loads(html.unescape(found.group(1)))
    assert data["width"] == width
    return data


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("width", [400, 1280])
def test_answer_columns_and_chart_inside_the_viewport(browser, run, tmp_path, lang, width):
    page = _write_report(run, tmp_path, "--municipality", "Viborg", "--lang", lang)
    data = measure(browser, page, width)
    assert data["scroll"] <= width, f"the page scrolls sideways: {data['scroll']} px wide"
    answers = [c for c in data["cells"] if c["label"] in ANSWER_COLUMNS[lang]]
    assert {c["label"] for c in answers} == ANSWER_COLUMNS[lang], "every answer column is in the page"
    outside = [(c["label"], c["text"], round(c["right"])) for c in data["cells"] if c["right"] > width + 0.5]
    assert not outside, f"cells beyond {width} px: {outside[:5]}"
    assert all(t["right"] <= width + 0.5 for t in data["tables"])

    # the chart: in the same column as the tables, every label whole and readable, every value on screen
    chart, table = data["chart"], data["tables"][0]
    assert chart and abs(chart["left"] - table["left"]) <= 1 and abs(chart["right"] - table["right"]) <= 1
    assert len(data["labels"]) == len(data["numbers"]) == 7
    for label in data["labels"]:
        assert label["scroll"] <= label["client"] + 1, f"label cut: {label['text']!r}"
        assert label["right"] <= width and label["font"] >= 12, label
        assert "…" not in label["text"]
    assert all(n["right"] <= width + 0.5 for n in data["numbers"])


@pytest.mark.browser
def test_measure_sees_columns_off_screen_without_cards(browser, run, tmp_path):
    """Calibration: the same page with its tables as plain wide tables puts answer cells beyond 400 px."""
    page = _write_report(run, tmp_path, "--municipality", "Viborg")
    data = measure(browser, page, 400, strip_cards=True)
    assert any(c["right"] > 400 for c in data["cells"] if c["label"] in ANSWER_COLUMNS["en"])


@pytest.mark.parametrize("lang", ["en", "da"])
def test_chart_labels_whole_in_the_file(run, lang):
    """Every estimate's label appears in full in the chart, nothing shortened with '…', and the chart has a
    text equivalent (its figures as text, the bars hidden from screen readers)."""
    estimate = json.loads(run("estimate", "-m", "Viborg", "--format", "json", "--lang", lang).stdout)
    text = run("report", "-m", "Viborg", "-f", "html", "--lang", lang).stdout
    chart = text[text.index('<figure class="chart"'):text.index("</figure>", text.index('<figure class="chart"'))]
    labels = re.findall(r'<span class="chart-label">(.*?)</span>', chart)
    assert [html.unescape(label) for label in labels] == [item["label"] for item in estimate["estimates"]]
    numbers = re.findall(r'<span class="chart-number">(.*?)</span>', chart)
    assert [html.unescape(n) for n in numbers] == [item["rounded"] for item in estimate["estimates"]]
    assert "…" not in chart
    assert re.search(r'<figure class="chart" aria-label="[^"]+">', chart)
    for svg in re.findall(r"<svg\b[^>]*>", chart):
        assert 'viewBox="' in svg and 'aria-hidden="true"' in svg


def test_html_output_starts_with_doctype(run, tmp_path):
    target = tmp_path / "x.html"
    result = run("report", "-m", "Viborg", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
