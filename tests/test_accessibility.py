"""Accessibility and layout of the full sample build in headless Chromium: axe-core on one page of every kind
(both editions) and in the interactive states, and no page wider than the screen at a phone's or a laptop's width.

axe-core comes from tests/axe/ (`make tools` installs it with `npm ci`). It is served to the page from a
same-origin URL rather than injected inline: the site's Content-Security-Policy refuses inline scripts, and the
audit must see the page under the policy it ships with.
"""
from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import serve

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "__axe-core__/axe.min.js"  # under the test server's address, answered from AXE by a route
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and Deque's best practices: each of these names a real obstacle for a
# screen reader user (landmarks that cannot be told apart, skipped heading levels, content outside any landmark),
# and the site breaks none of them but landmark-unique (two unnamed search forms on a page), which is worth fixing.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
EDITIONS = {"fr": "", "en": "en/"}  # language: URL prefix
WIDTHS = (320, 390, 1366)  # the smallest phone still sold, a current phone, the commonest laptop
HEIGHT = 800
REDIRECT = re.compile(rb"<meta[^>]+http-equiv=[\"']?refresh", re.I)

# Every kind of page, by URL without the edition prefix (French and English folder names): the first pattern that
# matches wins. A page matching none fails test_every_page_has_a_kind, so a new kind is audited as soon as it exists.
KINDS = {
    "home": r"",
    "not-found": r"404\.html",
    "library-page": r"publications/page/\d+/",
    "publications-facet": r"publications/(type|theme|pays|country|annee|year|langue|language|membre|member)/[^/]+/",
    "publication": r"publications/[^/]+/",
    "library": r"publications/",
    "members-facet": r"(membres|members)/(pays|country|statut|status|theme)/[^/]+/",
    "member": r"(membres|members)/[^/]+/",
    "directory": r"(membres|members)/",
    "agenda-archive": r"(agenda|events)/(archives|archive)/\d{4}/",
    "agenda-facet": r"(agenda|events)/(theme|type|organisateur|organiser)/[^/]+/",
    "event": r"(agenda|events)/[^/]+/",
    "agenda": r"(agenda|events)/",
    "action": r"(plaidoyer|advocacy)/[^/]+/",
    "actions": r"(plaidoyer|advocacy)/",
    "group": r"(groupes-de-travail|working-groups)/[^/]+/",
    "groups": r"(groupes-de-travail|working-groups)/",
    "press": r"(presse|press)/",
    "search": r"(recherche|search)/",
    "figures-year": r"(chiffres|figures)/\d{4}/",
    "figures": r"(chiffres|figures)/",
    "editorial": r"[^/]+/",
}
SINGLE_EDITION = {"not-found"}  # Material's 404.html serves every language
OPTIONAL = {"library-page"}  # the library is paged only once it outgrows a page: audited on small_pages_site

# Interactive states: (address, filter form whose first criterion takes its first value or None, what shows once
# the state is reached).
STATES = {
    "search-results": ("recherche/?q=droits", None, ("#pdh-search-results li",)),
    "search-refined": ("recherche/?q=droits&kind=Publication", None, ("#pdh-search-refine[open] select",
                                                                      "#pdh-search-results li")),
    "search-results-en": ("en/search/?q=rights", None, ("#pdh-search-results li",)),
    "library-filtered": ("publications/", "form.pdh-filters", ("#pdh-library-count", "#pdh-library-results li")),
    "directory-filtered": ("membres/", "form.pdh-filters", ("#pdh-members-count",)),
    "agenda-filtered": ("agenda/", "form.pdh-filters", ("#pdh-agenda-count",)),
}

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


def site_pages(site: Path) -> list[str]:
    """The address (relative to the site's root) of every HTML page of the build, redirect stubs excepted."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        if not REDIRECT.search(path.read_bytes()):  # a stub navigates away while it is measured; it has no layout
            pages.append(path.relative_to(site).as_posix().removesuffix("index.html"))
    return pages


def page_file(site: Path, address: str) -> Path:
    return site / address if address.endswith(".html") else site / address / "index.html"


def kind_of(address: str) -> tuple[str, str] | None:
    """(kind, language) of a page from its address, None for a kind KINDS does not know."""
    lang = next((code for code, prefix in EDITIONS.items() if prefix and address.startswith(prefix)), "fr")
    rest = address.removeprefix(EDITIONS[lang])
    kind = next((name for name, pattern in KINDS.items() if re.fullmatch(pattern, rest)), None)
    return (kind, lang) if kind else None


def audit(page, base: str) -> dict:
    """axe-core's results on the page as it is now."""
    page.route(base + AXE_URL, lambda route: route.fulfill(path=AXE, content_type="text/javascript; charset=utf-8"))
    page.add_script_tag(url=base + AXE_URL)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                           AXE_TAGS)
    assert result["passes"] or result["violations"], f"{page.url}: axe-core ran no rule"
    return result


def describe(address: str, violations: list[dict]) -> str:
    """One paragraph per rule broken: what, how serious, where (first three elements and the first one's related
    elements, such as the other landmark of a pair), why, and how to fix it."""
    lines = [f"{address}: {len(violations)} axe-core rule(s) broken"]
    for rule in violations:
        nodes = rule["nodes"]
        where = ", ".join(" >>> ".join(node["target"]) for node in nodes[:3]) + (" …" if len(nodes) > 3 else "")
        related = [" >>> ".join(other["target"]) for check in nodes[0]["any"] + nodes[0]["all"] + nodes[0]["none"]
                   for other in check.get("relatedNodes", [])][:3]
        lines.append(f"- {rule['id']} ({rule['impact']}): {rule['help']} — {len(nodes)} element(s): {where}"
                     + (f" (with {', '.join(related)})" if related else ""))
        summary = " ".join(line.strip() for line in (nodes[0].get("failureSummary") or "").splitlines()[1:2])
        lines.append(f"    {summary[:200]}  [{rule['helpUrl'].split('?')[0]}]")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def served(built_site):
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="module")
def pages_by_kind(built_site) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for address in site_pages(built_site):
        if key := kind_of(address):
            found.setdefault(key, []).append(address)
    return found


@pytest.fixture
def axe_page(page):
    assert AXE.is_file(), f"{AXE} missing: run `make tools` (npm ci --prefix tests/axe)"
    return page


def test_every_page_has_a_kind(built_site):
    """A page of a kind nobody listed would never be audited: each one must match a pattern of KINDS."""
    pages = site_pages(built_site)
    assert len(pages) > 100
    unknown = [address for address in pages if kind_of(address) is None]
    assert unknown == [], "pages of no kind in KINDS (add their URL pattern, so axe-core audits them):\n" + "\n".join(unknown)


@pytest.mark.parametrize("kind, lang", [(kind, lang) for kind in KINDS for lang in EDITIONS
                                        if lang == "fr" or kind not in SINGLE_EDITION])
def test_axe_finds_nothing_on_each_kind_of_page(axe_page, served, built_site, pages_by_kind, kind, lang, request):
    """The largest page of each kind (the most markup to check) breaks no WCAG 2.2 A/AA rule nor best practice."""
    site, candidates = built_site, pages_by_kind.get((kind, lang), [])
    with contextlib.ExitStack() as stack:
        base = served
        if not candidates and kind in OPTIONAL:  # not in the sample: the tiny site, paged two by two, has it
            site = request.getfixturevalue("small_pages_site")
            candidates = [address for address in site_pages(site) if kind_of(address) == (kind, lang)]
            base = stack.enter_context(serve(site))
        assert candidates, f"no page of kind {kind!r} in the {lang} edition: its URLs changed? (update KINDS)"
        address = max(candidates, key=lambda a: page_file(site, a).stat().st_size)
        axe_page.goto(base + address)
        expect(axe_page.locator("h1").first).to_be_visible()
        if violations := audit(axe_page, base)["violations"]:
            pytest.fail(describe(address, violations), pytrace=False)


@pytest.mark.parametrize("state", STATES)
def test_axe_finds_nothing_in_interactive_states(axe_page, served, state):
    """Search results, a refined search and the listings' instant filters, as the scripts leave them."""
    address, form, ready = STATES[state]
    axe_page.goto(served + address)
    if form:
        axe_page.locator(f"{form} select").first.select_option(index=1)
        expect(axe_page).to_have_url(re.compile(r"\?\w+=."))
    for shown in ready:
        expect(axe_page.locator(shown).first).to_be_visible()
    if violations := audit(axe_page, served)["violations"]:
        pytest.fail(describe(f"{address} ({state})", violations), pytrace=False)


def test_axe_sees_what_it_must(axe_page, served):
    """The audit is live: a picture without a text alternative and an unlabelled field, added by script, are caught."""
    axe_page.goto(served + "a-propos/")
    axe_page.evaluate("""() => {
        const article = document.querySelector("article");
        const img = document.createElement("img");
        img.src = "../assets/images/favicon.png";
        article.append(img, document.createElement("input"));
    }""")
    found = {rule["id"] for rule in audit(axe_page, served)["violations"]}
    assert {"image-alt", "label"} <= found, found


def measure_every_page(browser, base: str, pages: list[str]) -> tuple[list[str], int]:
    """Each page at each width: a line per page wider than the screen, and the number of elements checked."""
    problems, checked = [], 0
    for width in WIDTHS:
        # A dead proxy that only the test server bypasses keeps the pages off the network, like the `page` fixture's
        # route, without sending each of the walk's requests on a round trip through Playwright.
        dead_proxy = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"}
        with contextlib.closing(browser.new_context(viewport={"width": width, "height": HEIGHT}, proxy=dead_proxy)) as context:
            tab = context.new_page()
            for address in pages:
                tab.goto(base + address, wait_until="load")
                found = tab.evaluate(MEASURE)
                checked += found["checked"]
                if found["scrollWidth"] > found["width"] or found["offenders"]:
                    problems.append(f"{width} px  /{address}  scrollWidth {found['scrollWidth']} for {found['width']}: "
                                    + "; ".join(found["offenders"][:3]) + (" …" if len(found["offenders"]) > 3 else ""))
    return problems, checked


def test_no_page_is_wider_than_the_screen(browser, served, built_site, capsys):
    """Every page, in both editions, at 320, 390 and 1366 px: no horizontal scrolling, nothing cut off at the right."""
    pages = site_pages(built_site)
    assert len(pages) > 100 and "" in pages and "en/" in pages
    start = time.monotonic()
    problems, checked = measure_every_page(browser, served, pages)
    took = time.monotonic() - start
    assert checked > 100 * len(pages) * len(WIDTHS)  # the walk saw real pages, not empty documents
    with capsys.disabled():
        print(f"\n[overflow walk: {len(pages)} pages × {len(WIDTHS)} widths in {took:.0f} s]", end=" ")
    if problems:
        pytest.fail(f"{len(problems)} page(s) wider than the screen (walk of {len(pages)} pages × {len(WIDTHS)} widths "
                    f"in {took:.0f} s):\n" + "\n".join(problems), pytrace=False)


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
