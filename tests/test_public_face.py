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
