"""Accessibility and layout of the full sample build in headless Chromium: axe-core on one page of every kind
(both editions) and in the interactive states (the walk for pages wider than the screen is test_overflow.py).

axe-core comes from tests/axe/ (`make tools` installs it with `npm ci`). It is served to the page from a
same-origin URL rather than injected inline: the site's Content-Security-Policy refuses inline scripts, and the
audit must see the page under the policy it ships with.
"""

from __future__ import annotations

import contextlib
import re
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
    "search-refined": (
        "recherche/?q=droits&kind=Publication",
        None,
        ("#pdh-search-refine[open] select", "#pdh-search-results li"),
    ),
    "search-results-en": ("en/search/?q=rights", None, ("#pdh-search-results li",)),
    "library-filtered": ("publications/", "form.pdh-filters", ("#pdh-library-count", "#pdh-library-results li")),
    "directory-filtered": ("membres/", "form.pdh-filters", ("#pdh-members-count",)),
    "agenda-filtered": ("agenda/", "form.pdh-filters", ("#pdh-agenda-count",)),
}


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
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    assert result["passes"] or result["violations"], f"{page.url}: axe-core ran no rule"
    return result


def describe(address: str, violations: list[dict]) -> str:
    """One paragraph per rule broken: what, how serious, where (first three elements and the first one's related
    elements, such as the other landmark of a pair), why, and how to fix it."""
    lines = [f"{address}: {len(violations)} axe-core rule(s) broken"]
    for rule in violations:
        nodes = rule["nodes"]
        where = ", ".join(" >>> ".join(node["target"]) for node in nodes[:3]) + (" …" if len(nodes) > 3 else "")
        related = [
            " >>> ".join(other["target"])
            for check in nodes[0]["any"] + nodes[0]["all"] + nodes[0]["none"]
            for other in check.get("relatedNodes", [])
        ][:3]
        lines.append(
            f"- {rule['id']} ({rule['impact']}): {rule['help']} — {len(nodes)} element(s): {where}"
            + (f" (with {', '.join(related)})" if related else "")
        )
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
    assert unknown == [], "pages of no kind in KINDS (add their URL pattern, so axe-core audits them):\n" + "\n".join(
        unknown
    )


@pytest.mark.parametrize(
    "kind, lang", [(kind, lang) for kind in KINDS for lang in EDITIONS if lang == "fr" or kind not in SINGLE_EDITION]
)
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
