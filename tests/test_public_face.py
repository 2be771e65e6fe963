"""Issue « public face » (#15): what a visitor sees, on a phone first."""

from __future__ import annotations

import re

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


@pytest.mark.parametrize(
    "path",
    [
        "plaidoyer/",
        "presse/",
        "en/advocacy/",
        "en/press/",
        "publications/",
        "agenda/",
        "membres/",
        "recherche/?q=droits",
        "chiffres/",
    ],
)
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
    assert action.title.get_text().startswith(
        "Justice pour les victimes de violences sexuelles liées aux conflits (exemple) — Action de plaidoyer"
    )


def test_the_error_page_works_at_any_depth_of_a_sub_path(tiny_site_in_a_sub_path, tmp_path, browser):
    """/404.html (issue #15): its own title, a search box per language, links, and every URL absolute from the
    site's root (GitHub Pages serves it at whatever address was missing, under the repository's sub-path)."""
    import functools
    import http.server
    import threading
    from urllib.parse import urlsplit

    site = tiny_site_in_a_sub_path
    page404 = soup(site / "404.html")
    assert page404.title.get_text(strip=True) == "Page introuvable (erreur 404) - Plateforme droits de l'homme"
    forms = page404.select("article form[role=search]")
    assert [f["action"] for f in forms] == ["/pdh-site/recherche/", "/pdh-site/en/search/"]
    assert {a.get_text(strip=True) for a in page404.select("article a")} >= {"Accueil", "Publications", "Home"}
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action")):
        for element in page404.find_all(tag, attrs={attribute: True}):
            path = urlsplit(element[attribute]).path.removesuffix(".")  # "/pdh-site/." is the home page
            assert path.startswith("/pdh-site/"), (tag, element[attribute])
            target = site / path.removeprefix("/pdh-site/")
            assert (target / "index.html" if path.endswith("/") else target).is_file(), element[attribute]

    class SubPath(
        http.server.SimpleHTTPRequestHandler
    ):  # GitHub Pages: the site under /pdh-site/, 404.html for the rest
        def log_message(self, *args):
            pass

        def send_head(self):
            if self.path.startswith("/pdh-site/"):
                local = site / urlsplit(self.path).path.removeprefix("/pdh-site/")
                if local.is_file() or (local / "index.html").is_file():
                    self.path = self.path.removeprefix("/pdh-site")
                    return super().send_head()
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io

            return io.BytesIO(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPath, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    failed: list[str] = []
    context.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    tab = context.new_page()
    try:
        tab.goto(base + "/pdh-site/une/adresse/tres/profonde/qui-n-existe-pas")
        expect(tab.locator("article h1")).to_have_text("Page introuvable")
        expect(tab.locator(".pdh-footer")).to_have_css("background-color", "rgb(18, 63, 109)")  # pdh.css was found
        tab.locator("#pdh-404-q-fr").fill("Colombie")
        tab.locator("#pdh-404-q-fr").press("Enter")
        expect(tab).to_have_url(base + "/pdh-site/recherche/?q=Colombie")
        expect(tab.locator("#pdh-search-status")).to_contain_text("résultat")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert failed == [base + "/pdh-site/une/adresse/tres/profonde/qui-n-existe-pas"]


@pytest.mark.parametrize(
    "path",
    [
        "publications/2025-note-position-colombie/",
        "agenda/webinaire-exemple-guide-plaidoyer-2027/",
        "membres/agir-ensemble/",
    ],
)
def test_a_page_prints_its_content_only(page, built_site, path):
    """On paper: no header, menu, sidebars, search or footer links; web addresses written after their links."""
    with serve(built_site) as base:
        page.goto(base + path)
        page.emulate_media(media="print")
        expect(page.locator("article h1")).to_be_visible()
        for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".pdh-footer__nav"):
            expect(page.locator(chrome).first).to_be_hidden()
        external = page.locator(".pdh-facts a[href^='http']")
        if external.count():
            after = external.first.evaluate("a => getComputedStyle(a, '::after').content")
            assert external.first.get_attribute("href") in after
        page.emulate_media(media="screen")
        expect(page.locator(".md-header")).to_be_visible()


def test_citation_blocks_start_at_the_left_of_the_text(page, built_site):
    """Material centres figures: the citation and BibTeX blocks (figures) are aligned with the text instead."""
    page.set_viewport_size({"width": 1366, "height": 900})
    with serve(built_site) as base:
        page.goto(base + "publications/2025-note-position-colombie/")
        text_left = page.locator(".pdh-summary p").first.bounding_box()["x"]
        for selector in ("#citation-fr pre", "#citation-bibtex pre", ".pdh-cite figcaption"):
            box = page.locator(selector).first.bounding_box()
            assert abs(box["x"] - text_left) <= 1, selector
        for name in ("Copier la référence", "Copier l'entrée BibTeX"):  # they find their text once Material has run
            expect(page.get_by_role("button", name=name)).to_be_visible()


def test_a_facet_page_keeps_its_scope_when_another_filter_is_chosen(small_pages_site, page):
    """« Voir les N publications » opens the library with the facet chosen: another filter narrows it, never widens it."""
    from test_library import listed, raw_publications, values

    pubs = raw_publications(small_pages_site.parent)
    newest_first = listed(small_pages_site, small_pages_site / "publications" / "index.html")
    french = [p for p in newest_first if "fr" in values(pubs[p], "langue")]
    kind = next(value for p in french for value in values(pubs[p], "type"))
    expected = [p for p in french if kind in values(pubs[p], "type")]
    assert len(french) > 2 and 0 < len(expected) < len(newest_first)
    with serve(small_pages_site) as base:
        page.goto(base + "publications/langue/fr/")
        page.get_by_role("link", name=f"Voir les {len(french)} publications").first.click()
        expect(page).to_have_url(base + "publications/?langue=fr")
        page.select_option("#facette-type", kind)
        expect(page).to_have_url(re.compile(rf"\?langue=fr&type={kind}$"))
        results = page.locator("#pdh-library-results .pdh-pub__title a")
        expect(results).to_have_count(len(expected))
        hrefs = results.evaluate_all("els => els.map(e => e.href)")
        assert [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs] == expected


def test_filtered_library_items_look_like_the_listed_ones(built_site, page):
    """The instant filters draw their results as the static list does: cover, type badge, date written out, authors."""
    static = {
        li.select_one(".pdh-pub__title a")["href"].strip("/").rsplit("/", 1)[-1]: li
        for li in soup(built_site / "publications" / "index.html").select("#pdh-library-static li.pdh-pub")
    }
    with serve(built_site) as base:
        page.goto(base + "publications/?annee=2025")
        items = page.locator("#pdh-library-results li.pdh-pub")
        expect(items.first).to_be_visible()
        for index in range(items.count()):
            item = items.nth(index)
            pub_id = item.locator(".pdh-pub__title a").get_attribute("href").strip("/").rsplit("/", 1)[-1]
            listed = static[pub_id]
            assert item.locator(".pdh-pub__meta").inner_text() == listed.select_one(".pdh-pub__meta").get_text()
            assert item.locator("time").get_attribute("datetime") == listed.select_one("time")["datetime"]
            cover = listed.select_one(".pdh-cover")
            if cover.name == "img":
                expect(item.locator("img.pdh-cover")).to_have_attribute(
                    "src", re.compile(re.escape(cover["src"].rsplit("/", 1)[-1]) + "$")
                )
            else:
                expect(item.locator(".pdh-cover--placeholder")).to_have_text(cover.get_text())


def test_every_label_names_a_control_of_its_page(built_site):
    """A <label for> whose control is missing is an HTML error (Nu HTML Checker): pages outside the menu have no
    checkbox for their table of contents' title, so that title is not a label there."""
    from conftest import html_tree

    missing = []
    for path in sorted(built_site.rglob("*.html")):
        tree = html_tree(path)
        controls = set(
            tree.xpath(
                "//input/@id | //select/@id | //textarea/@id | //button/@id | //meter/@id | "
                "//output/@id | //progress/@id"
            )
        )
        missing += [
            (path.relative_to(built_site).as_posix(), target)
            for target in tree.xpath("//label/@for")
            if target not in controls
        ]
    assert missing == []
