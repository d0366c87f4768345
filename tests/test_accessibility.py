"""The HTML brief as published on a municipality's website must meet WCAG 2.1 AA: axe-core (the npm package
`axe-core`, installed by .ci/run into .ci/node) runs with all its rules (no runOnly: the WCAG 2.0/2.1 A and AA rules
and the best practices, such as heading-order and scrollable-region-focusable) in Debian's headless Chromium, on the
Danish and English Viborg briefs, with and without offers, at 1280, 800 and 400 px: 0 violations.

How: a copy of the brief, without its Content-Security-Policy and with axe.min.js and a few lines that run it
inlined, is the srcdoc of an iframe of the wanted width in a host page; the script writes axe's result into the host
page, which `chromium --dump-dom --virtual-time-budget` returns. (Headless Chromium will not make its window
narrower than 500 px; the iframe gives the exact width, and the brief's own media queries apply to it.) A
calibration page with a skipped heading level and a scrolling box the keyboard cannot reach must show both
violations, so a run that checks nothing cannot pass."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

from briefs import LANGS, ROOT, brief
from test_report import Browser, make_browser

AXE = Path(os.environ.get("VOLD_AXE", ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"))
WIDTHS = (1280, 800, 400)

RUN = """<script>
axe.run(document, {resultTypes: ['violations']}).then(function (r) {
  var seen = [].concat(r.passes, r.violations, r.incomplete, r.inapplicable).map(function (x) { return x.id; });
  parent.document.getElementById('out').textContent = JSON.stringify({
    version: axe.version, width: window.innerWidth, rules: seen,
    violations: r.violations.map(function (v) { return {id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' ') + ' :: ' + n.html.slice(0, 200); })};
    })});
}).catch(function (e) { parent.document.getElementById('out').textContent = 'ERROR ' + e; });
</script>"""


def _axe_source() -> str:
    if not AXE.is_file():
        reason = (f"axe-core is not installed ({AXE}); `npm install --no-save --prefix .ci/node axe-core@4` (as .ci/run "
                  "does) to run the accessibility tests")
        if os.environ.get("VOLD_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}. VOLD_REQUIRE_BROWSER=1 says they must run here.", pytrace=False)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def browser(tmp_path: Path) -> Browser:
    return make_browser(tmp_path)


def axe_run(browser: Browser, page: str, width: int, folder: Path) -> dict:
    """axe's result for the HTML `page` laid out `width` px wide: version, width, the rules run, the violations."""
    source = re.sub(r"<meta[^>]*Content-Security-Policy[^>]*>", "", page)
    script = "<script>" + _axe_source().replace("</script", "<\\/script") + "</script>" + RUN
    assert "</body>" in source
    source = source.replace("</body>", script + "</body>")
    host = folder / f"axe-{width}.html"
    host.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>axe</title></head>'
                    f'<body style="margin:0"><iframe title="brief" style="width:{width}px;height:900px;border:0" '
                    f'srcdoc="{html.escape(source)}"></iframe><pre id="out"></pre></body></html>', encoding="utf-8")
    dom = browser.dump_dom(host, "--virtual-time-budget=60000")
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, flags=re.S)
    assert found and found.group(1), "axe wrote nothing"
    text = html.unescape(found.group(1))
    assert not text.startswith("ERROR"), text
    result = json.loads(text)
    assert result["width"] == width and result["version"].startswith("4.")
    # all rules ran: WCAG 2.0 and 2.1 A/AA, and the best practices the issue names
    assert {"heading-order", "scrollable-region-focusable", "color-contrast", "landmark-unique", "region",
            "list", "td-headers-attr", "th-has-data-cells", "html-has-lang"} <= set(result["rules"])
    assert len(result["rules"]) > 80, len(result["rules"])
    return result


BAD = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title></head><body><main>'
       '<h1>Title</h1><h3>Skipped a level</h3><div style="overflow:auto;height:3rem;width:10rem">'
       + "<p>wide text that scrolls</p>" * 20 + "</div></main></body></html>")


@pytest.mark.browser
def test_axe_finds_what_the_issue_found_on_a_page_that_has_it(browser: Browser, tmp_path: Path) -> None:
    found = {v["id"] for v in axe_run(browser, BAD, 800, tmp_path)["violations"]}
    assert {"heading-order", "scrollable-region-focusable"} <= found, found


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("offers", [False, True], ids=["plain", "offers"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_html_brief_has_no_violations(browser: Browser, tmp_path: Path, lang: str, offers: bool,
                                          width: int) -> None:
    page = brief(lang, ".html", offers).read_text(encoding="utf-8")
    violations = axe_run(browser, page, width, tmp_path)["violations"]
    assert not violations, json.dumps(violations, indent=1, ensure_ascii=False)
