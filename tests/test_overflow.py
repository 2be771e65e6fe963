"""No page of the full sample build is wider than the screen, in headless Chromium: every page of both editions is
loaded at a phone's and at a laptop's width and every element's right edge is measured.

Its own file, so that the walk (the suite's longest test) and the axe-core audits of test_accessibility.py run on
different pytest-xdist workers.
"""

from __future__ import annotations

import contextlib
import re
import time

import pytest

from conftest import serve
from test_accessibility import site_pages

# The smallest phone still sold and the commonest laptop. A current phone (390 px) needs no walk of its own: no rule
# of the theme or of pdh.css changes between 320 px and 480 px (30em, the first breakpoint), so a page that fits
# in 320 px fits in 390 px; the page kinds are still audited and photographed at 390 px elsewhere.
WIDTHS = (320, 1366)
HEIGHT = 800

# The page's overflow, measured once its fonts are ready, against the layout width (clientWidth: innerWidth less a
# classic scrollbar; headless Chromium has none, so both are equal). An element's right edge counts as far as its
# ancestors that clip or scroll (overflow-x other than visible) let it show: a table scrolling in its wrapper is
# fine, the wrapper is measured itself. The closed drawer (Material's primary sidebar, fixed off-canvas below
# 76.25em while #__drawer is unchecked) is not on screen. Only the outermost offenders are listed, not their content.
MEASURE = """async () => {
  await document.fonts.ready;
  const width = document.documentElement.clientWidth;
  const drawer = document.querySelector(".md-sidebar--primary");
  const offCanvas = drawer && !document.getElementById("__drawer")?.checked
    && getComputedStyle(drawer).position === "fixed" ? drawer : null;
  const label = (node) => node.localName + (node.id ? "#" + node.id
    : [...node.classList].slice(0, 2).map((name) => "." + name).join(""));
  const offenders = [];
  let outermost = null, checked = 0;
  for (const el of document.body.querySelectorAll("*")) {
    checked++;
    const rect = el.getBoundingClientRect();
    if (rect.right <= width + 1 || rect.width === 0 || rect.height === 0) continue;
    if ((outermost && outermost.contains(el)) || (offCanvas && offCanvas.contains(el))) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    let right = rect.right;
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") right = Math.min(right, box.getBoundingClientRect().right);
    }
    if (right <= width + 1) continue;
    outermost = el;
    const parent = el.parentElement && el.parentElement !== document.body ? label(el.parentElement) + " > " : "";
    offenders.push(`${parent}${label(el)} (right edge ${Math.round(right)} px)`);
  }
  return {width, scrollWidth: document.documentElement.scrollWidth, checked, offenders};
}"""


@pytest.fixture(scope="module")
def served(built_site):
    with serve(built_site) as base:
        yield base


def measure_every_page(browser, base: str, pages: list[str]) -> tuple[list[str], int]:
    """Each page at each width: a line per page wider than the screen, and the number of elements checked."""
    problems, checked = [], 0
    for width in WIDTHS:
        # A dead proxy that only the test server bypasses keeps the pages off the network, like the `page` fixture's
        # route, without sending each of the walk's requests on a round trip through Playwright.
        dead_proxy = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"}
        with contextlib.closing(
            browser.new_context(viewport={"width": width, "height": HEIGHT}, proxy=dead_proxy)
        ) as context:
            tab = context.new_page()
            for address in pages:
                tab.goto(base + address, wait_until="load")
                found = tab.evaluate(MEASURE)
                checked += found["checked"]
                if found["scrollWidth"] > found["width"] or found["offenders"]:
                    problems.append(
                        f"{width} px  /{address}  scrollWidth {found['scrollWidth']} for {found['width']}: "
                        + "; ".join(found["offenders"][:3])
                        + (" …" if len(found["offenders"]) > 3 else "")
                    )
    return problems, checked


def test_no_page_is_wider_than_the_screen(browser, served, built_site, capsys):
    """Every page, in both editions, at 320 and 1366 px: no horizontal scrolling, nothing cut off at the right."""
    pages = site_pages(built_site)
    assert len(pages) > 100 and "" in pages and "en/" in pages
    start = time.monotonic()
    problems, checked = measure_every_page(browser, served, pages)
    took = time.monotonic() - start
    assert checked > 100 * len(pages) * len(WIDTHS)  # the walk saw real pages, not empty documents
    with capsys.disabled():
        print(f"\n[overflow walk: {len(pages)} pages × {len(WIDTHS)} widths in {took:.0f} s]", end=" ")
    if problems:
        pytest.fail(
            f"{len(problems)} page(s) wider than the screen (walk of {len(pages)} pages × {len(WIDTHS)} widths "
            f"in {took:.0f} s):\n" + "\n".join(problems),
            pytrace=False,
        )


def test_the_width_check_sees_a_wide_element_and_spares_a_scrolling_one(browser, served):
    """The measurement is live: a too wide box is caught and named; the same box in a scrolling wrapper is not."""
    add_box = """scrolling => {
        const box = Object.assign(document.createElement("div"), {className: "too-wide"});
        box.style.width = "600px";  // CSSOM, which the site's style-src allows (a style attribute it would not)
        box.style.height = "10px";
        const holder = document.createElement("div");
        if (scrolling) holder.style.overflowX = "auto";
        holder.append(box);
        document.querySelector("article").append(holder);
    }"""
    with contextlib.closing(browser.new_context(viewport={"width": 320, "height": HEIGHT})) as context:
        tab = context.new_page()
        tab.goto(served + "a-propos/")
        before = tab.evaluate(MEASURE)  # whatever the page itself does is the walk's business
        tab.evaluate(add_box, True)
        scrolling = tab.evaluate(MEASURE)
        assert (scrolling["scrollWidth"], scrolling["offenders"]) == (before["scrollWidth"], before["offenders"])
        tab.evaluate(add_box, False)
        found = tab.evaluate(MEASURE)
        assert found["scrollWidth"] >= 600
        named = [line for line in found["offenders"] if "too-wide" in line]
        assert len(named) == 1 and re.fullmatch(r"div > div\.too-wide \(right edge 6\d\d px\)", named[0]), found


def test_no_breakpoint_lies_between_the_two_phone_widths(built_site):
    """The walk skips 390 px because nothing changes between 320 and 390 px: every width in a media query of the
    built stylesheets (pdh.css and the theme's) lies outside that range, so both widths get the same rules."""
    sheets = sorted((built_site / "assets" / "stylesheets").rglob("*.css"))
    assert any(path.name == "pdh.css" for path in sheets) and any(path.name.startswith("main.") for path in sheets)
    widths = []
    for path in sheets:
        for query in re.findall(r"@media[^{]*", path.read_text(encoding="utf-8")):
            for value, unit in re.findall(r"(?:min|max)-width\s*:\s*([\d.]+)(em|rem|px)", query):
                widths.append((float(value) * (1 if unit == "px" else 16), path.name, query.strip()))
    assert len(widths) > 20, widths  # the theme's breakpoints were read
    between = [found for found in widths if 320 < found[0] <= 390]
    assert between == [], f"a breakpoint between 320 and 390 px: walk 390 px too (WIDTHS) — {between}"
