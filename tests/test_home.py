"""The home page (issue #15): hero, figures from the data, positions, publications, events, members, footer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import TINY, html_tree, serve, soup
from pdh.content.i18n import load_lang
from pdh.plan.figures import organisations


def has_class(name: str) -> str:
    """XPath test: the element has class `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def raw_members(root: Path) -> list[dict]:
    return yaml.safe_load((root / "data" / "members.yaml").read_text(encoding="utf-8"))


def raw_publications(root: Path) -> list[dict]:
    """Front matter of every publication (translations <id>.<lang>.md excluded)."""
    out = []
    for path in sorted((root / "content" / "publications").glob("*.md")):
        if re.search(r"\.[a-z]{2}\.md$", path.name):
            continue
        out.append(yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]) | {"id": path.stem})
    return out


def test_figures_are_computed_from_the_data_with_their_date(tiny_site):
    """Home, join and about pages show the same counts, counted here from the YAML, and the build's day."""
    members = raw_members(TINY)
    statuses = [m["status"] for m in members]
    publications = raw_publications(TINY)
    countries = {code for m in members for code in m.get("countries") or []}
    home = soup(tiny_site / "index.html")
    tiles = {
        li.select_one(".pdh-figures__label").get_text(strip=True): int(li.select_one(".pdh-figures__number").get_text())
        for li in home.select(".pdh-figures__list > li")
    }
    expected = {
        "organisations membres": statuses.count("member"),
        "publications": len(publications),
        "pays où agissent les membres": len(countries),
    }
    observers = statuses.count("observer")
    expected["organisation observatrice" if observers == 1 else "organisations observatrices"] = observers
    assert {label: tiles[label] for label in expected} == expected, tiles
    day = "1er janvier 2026"  # TINY_EPOCH, in Paris
    assert day in home.select_one(".pdh-figures__date").get_text()
    sentence = (
        f"Au {day}, la Plateforme compte {statuses.count('member')} membres et {statuses.count('observer')} observateur"
    )
    for page in ("adherer", "a-propos"):
        assert sentence in soup(tiny_site / page / "index.html").select_one("article").get_text(" ", strip=True), page
    english = soup(tiny_site / "en" / "join" / "index.html").select_one("article").get_text(" ", strip=True)
    assert f"As of 1 January 2026, the Plateforme has {statuses.count('member')} members and" in english


@pytest.mark.parametrize(
    ("code", "members", "observers", "expected"),
    [
        ("fr", 0, 0, "aucune organisation"),
        ("fr", 0, 2, "2 observateurs"),
        ("fr", 1, 0, "1 membre"),
        ("fr", 6, 1, "6 membres et 1 observateur"),
        ("fr", 2, 3, "2 membres et 3 observateurs"),
        ("en", 0, 0, "no organisations"),
        ("en", 0, 1, "1 observer"),
        ("en", 3, 0, "3 members"),
        ("en", 1, 2, "1 member and 2 observers"),
    ],
)
def test_no_count_reads_zero(code, members, observers, expected):
    """« 0 membre, 2 observateurs » (issue #15): a zero is left out, or said in words."""
    assert organisations(load_lang(code), members, observers) == expected


def test_home_page_blocks_link_to_what_exists(tiny_site):
    home = soup(tiny_site / "index.html")
    hero = home.select_one(".pdh-hero")
    assert hero.select_one("h1") and hero.select_one("p").get_text(strip=True)
    actions = {a.get_text(strip=True): a["href"] for a in hero.select(".pdh-hero__actions a")}
    assert actions == {
        "Adhérer à la Plateforme": "adherer/",
        "Lire nos positions": "publications/type/note-de-position/",
    }
    positions = [p["id"] for p in raw_publications(TINY) if p["type"] == "note-de-position"]
    positions.sort(key=lambda p: next(x["date"] for x in raw_publications(TINY) if x["id"] == p), reverse=True)
    shown = [a["href"].strip("/").rsplit("/", 1)[-1] for a in home.select("#pdh-positions ~ ul .pdh-tile__title a")]
    assert shown == positions[:3]
    latest = [a["href"].strip("/").rsplit("/", 1)[-1] for a in home.select("#pdh-publications ~ ul .pdh-tile__title a")]
    assert latest and not set(latest) & set(shown)
    wall = [a["href"] for a in home.select(".pdh-wall a")]
    assert len(wall) == len(raw_members(TINY))
    for href in [
        *actions.values(),
        *wall,
        *(a["href"].split("#")[0] for a in home.select(".pdh-follow a, .pdh-more a")),
    ]:
        target = tiny_site / href
        assert (target / "index.html" if href.endswith("/") else target).is_file(), href


def test_home_and_listings_have_no_sidebars(built_site):
    """The home page and listing pages take the width; an entry's page keeps its menu and contents."""

    def hidden(path: str) -> tuple[bool, bool]:
        tree = html_tree(built_site / path / "index.html")
        nav, toc = (tree.xpath(f"//div[{has_class(f'md-sidebar--{kind}')}]")[0] for kind in ("primary", "secondary"))
        return nav.get("hidden") is not None, toc.get("hidden") is not None

    listings = [
        "",
        "en/",
        "membres/",
        "membres/theme/droits-des-femmes/",
        "groupes-de-travail/",
        "publications/",
        "publications/type/note-de-position/",
        "plaidoyer/",
        "agenda/",
        "recherche/",
        "en/members/",
        "en/events/",
    ]
    assert {path: hidden(path) for path in listings} == {path: (True, True) for path in listings}
    entry = next(
        p.parent.name
        for p in (built_site / "publications").glob("*/index.html")
        if p.parent.name not in ("type", "page", "theme", "pays", "annee", "membre", "langue", "tout")
    )
    assert hidden(f"publications/{entry}") == (False, False)


FOOTER = {
    "fr": [
        "Contact",
        "Espace presse",
        "Flux et calendriers",
        "Données ouvertes",
        "Mentions légales",
        "Accessibilité : non conforme",
    ],
    "en": ["Contact", "Press room", "Feeds and calendars", "Open data", "Legal notice", "Accessibility: not compliant"],
}


def test_every_page_has_the_footer_links_and_they_resolve(built_site):
    """Legal notice and accessibility statement are in every page's footer (and no longer in the menu)."""
    pages = 0
    for path in sorted(built_site.rglob("*.html")):
        rel = path.relative_to(built_site).as_posix()
        tree = html_tree(path)
        code = "en" if rel.startswith("en/") else "fr"
        links = tree.xpath(f"//footer//nav[{has_class('pdh-footer__nav')}]//a")
        assert [a.text_content().strip() for a in links] == FOOTER[code], rel
        for a in links:
            href = a.get("href").split("#")[0]
            if not href:
                assert a.get("href") == "#flux" and rel.endswith(("presse/index.html", "press/index.html")), rel
                continue
            target = (path.parent / href).resolve() if rel != "404.html" else built_site / href.lstrip("/")
            assert (target / "index.html" if href.endswith("/") else target).is_file(), (rel, href)
        menu = tree.xpath(f"//*[{has_class('md-tabs')} or {has_class('md-nav--primary')}]//a/@href")
        assert not [href for href in menu if "mentions-legales" in href or "legal-notice" in href], rel
        pages += 1
    assert pages > 100


@pytest.mark.parametrize("width", [390, 1366])
def test_home_page_weighs_little_and_loads_nothing_from_elsewhere(page, built_site, width):
    """Every byte the home page loads, lazy logos included: ≤ 500 kB, all from the site itself."""
    page.set_viewport_size({"width": width, "height": 900})
    requests = []
    page.on("request", lambda request: requests.append(request))
    with serve(built_site) as base:
        page.goto(base, wait_until="networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        expect(page.locator(".pdh-footer")).to_be_in_viewport()
        page.wait_for_load_state("networkidle")
        urls = [request.url for request in requests]
        assert urls and all(url.startswith(base) for url in urls), [u for u in urls if not u.startswith(base)]
        weight = sum(len(request.response().body()) for request in requests)  # each waits for its body
    assert weight <= 500_000, weight
