"""Issue « public face » (#15): what a visitor sees, on a phone first."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import serve, soup


def test_every_table_is_styled(built_site):
    """Material styles only tables without a class: each of ours carries `pdh-table` (ruled, scrolling on a phone)."""
    tables = 0
    for path in sorted(built_site.rglob("*.html")):
        for table in soup(path).select("article table"):
            tables += 1
            classes = table.get("class") or []
            assert not classes or "pdh-table" in classes, (path.relative_to(built_site).as_posix(), classes)
    assert tables >= 4  # /plaidoyer/, /presse/ and their English pages at least


@pytest.mark.parametrize("path", ["plaidoyer/", "presse/", "en/advocacy/", "en/press/", "publications/", "agenda/",
                                  "membres/", "recherche/?q=droits"])
def test_pages_with_tables_and_filters_fit_a_phone_in_chromium(page, built_site, path):
    """At 390 px nothing widens the page: tables scroll inside the column, filters shrink to the screen."""
    page.set_viewport_size({"width": 390, "height": 844})
    with serve(built_site) as base:
        page.goto(base + path)
        expect(page.locator("article h1")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_no_two_pages_of_a_language_share_a_title(built_site):
    """An action named after its publication (issue #15): tabs, bookmarks and search results must tell them apart."""
    import re
    from collections import defaultdict

    titles: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(built_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        lang = re.search(r'<html[^>]* lang="([^"]+)"', text)
        if title and lang:
            titles[(lang.group(1), title.group(1).strip())].append(path.relative_to(built_site).as_posix())
    shared = {key: paths for key, paths in titles.items() if len(paths) > 1}
    assert shared == {}
    assert len(titles) > 100
    action = soup(built_site / "plaidoyer" / "action-exemple-justice-2026" / "index.html")
    assert action.title.get_text().startswith("Justice pour les victimes de violences sexuelles liées aux conflits (exemple) — Action de plaidoyer")
