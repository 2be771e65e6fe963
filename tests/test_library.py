"""Issue « bibliothèque » : publications, facets, pagination, downloads, citations, advocacy actions."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import feedparser
import pytest
from mkdocs.exceptions import Abort
from playwright.sync_api import expect

from conftest import ROOT, serve, soup
from pdh.content.load import TRANSLATED
from pdh.content.yamlsafe import parse_yaml

FACETS = {"type": "type", "theme": "themes", "pays": "countries", "langue": "languages"}


def raw_publications(root: Path) -> dict[str, dict]:
    """Front matter of every publication file, read without the catalog."""
    out = {}
    for path in sorted((root / "content" / "publications").glob("*.md")):
        if TRANSLATED.fullmatch(path.name):  # <id>.en.md: the English text of <id>, without front matter
            continue
        head = path.read_text(encoding="utf-8").split("---\n")[1]
        doc, problems = parse_yaml(head, path.name)
        assert problems == []
        out[path.stem] = doc.data
    return out


def values(meta: dict, kind: str) -> list[str]:
    if kind == "annee":
        return [meta["date"][:4]]
    if kind == "membre":
        return [m for m in dict.fromkeys((meta.get("authors") or []) + (meta.get("signatories") or [])) if m != "pdh"]
    value = meta.get(FACETS[kind]) or ([] if kind != "langue" else ["fr"])
    return value if isinstance(value, list) else [value]


def listed(site: Path, first_page: Path) -> list[str]:
    """Publication ids of a paginated listing, following its « page suivante » links."""
    ids, page_path, seen = [], first_page, set()
    while page_path is not None:
        assert page_path not in seen
        seen.add(page_path)
        page = soup(page_path)
        ids += [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select("#pdh-library-static .pdh-pub__title a")]
        nxt = page.select_one('.pdh-pager a[rel="next"]')
        page_path = (page_path.parent / nxt["href"] / "index.html").resolve() if nxt else None
    return ids


def test_one_page_per_publication(built_site):
    pubs = raw_publications(ROOT)
    built = sorted(
        p.parent.name
        for p in (built_site / "publications").glob("*/index.html")
        if p.parent.name not in ("type", "theme", "pays", "annee", "membre", "langue", "page")
    )
    assert built == sorted(pubs)
    for pub_id, meta in pubs.items():
        page = soup(built_site / "publications" / pub_id / "index.html")
        title = (
            meta["title"]["fr"] if isinstance(meta["title"], dict) else meta["title"]
        )  # {fr: …, en: …} or French only
        assert page.select_one("article h1").get_text(strip=True) == title


def test_pagination_covers_every_publication_exactly_once_newest_first(small_pages_site):
    pubs = raw_publications(small_pages_site.parent)
    assert len(pubs) > 2
    ids = listed(small_pages_site, small_pages_site / "publications" / "index.html")
    assert Counter(ids) == Counter(list(pubs))
    assert [pubs[i]["date"] for i in ids] == sorted((m["date"] for m in pubs.values()), reverse=True)
    assert len(list((small_pages_site / "publications" / "page").glob("*/index.html"))) == (len(pubs) + 1) // 2 - 1


@pytest.mark.parametrize("kind", ["type", "theme", "pays", "annee", "membre", "langue"])
def test_each_facet_page_lists_the_latest_matching_publications_and_links_them_all(small_pages_site, kind):
    """A facet page is bounded: its newest `page_size` publications, the total, and a link to the library filtered by it."""
    pubs = raw_publications(small_pages_site.parent)
    newest_first = listed(small_pages_site, small_pages_site / "publications" / "index.html")
    expected: dict[str, list[str]] = {}
    for pub_id in newest_first:
        for value in values(pubs[pub_id], kind):
            expected.setdefault(value, []).append(pub_id)
    assert len(expected) > 1
    library = soup(small_pages_site / "publications" / "index.html")
    counts = {
        a["href"]: int(re.search(r"\((\d+)\)", a.parent.get_text()).group(1)) for a in library.select(".pdh-facets a")
    }
    for value, ids in expected.items():
        first = small_pages_site / "publications" / kind / value.lower() / "index.html"
        assert listed(small_pages_site, first) == ids[:2], (kind, value)  # page_size: 2
        assert counts[f"{kind}/{value.lower()}/"] == len(ids)
        page = soup(first)
        lead = page.select_one(".pdh-lead")
        assert lead.get_text().startswith(f"{len(ids)} publication")
        everything = [a["href"] for a in page.select("a") if a.get_text() == f"Voir les {len(ids)} publications"]
        assert everything == ([f"../../?{kind}={value}"] * 2 if len(ids) > 2 else []), (kind, value)
        assert not page.select("article form, .pdh-facets, .pdh-pager")  # bounded: no form, no criteria, one page
        assert not (first.parent / "page").exists()
    option_counts = {
        o["value"]: int(re.search(r"\((\d+)\)$", o.get_text()).group(1))
        for o in library.select(f"#facette-{kind} option")
        if o["value"]
    }
    assert option_counts == {value: len(ids) for value, ids in expected.items()}


def test_only_the_library_first_page_carries_the_form_and_the_criteria(small_pages_site):
    """Their size grows with the members: every other listing page links to them."""
    first = soup(small_pages_site / "publications" / "index.html")
    assert first.select_one("form[data-pdh-library]") and first.select_one("#parcourir + nav.pdh-facets")
    others = [
        *small_pages_site.glob("publications/page/*/index.html"),
        *small_pages_site.glob("publications/*/*/index.html"),
    ]
    assert len(others) > 5
    for path in others:
        page = soup(path)
        if not page.select_one("#pdh-library-static"):
            continue  # a publication page
        assert not page.select("article form, nav.pdh-facets"), path
        browse = page.select_one(".pdh-browse a")
        assert browse.get_text() == "Parcourir par critère"
        assert (
            path.parent / browse["href"].split("#")[0] / "index.html"
        ).resolve() == small_pages_site / "publications" / "index.html"


def test_position_papers_and_resources_have_their_menu_entries(built_site):
    nav = soup(built_site / "index.html").select("nav.md-nav a.md-nav__link")
    labels = {a.get_text(" ", strip=True): a.get("href") for a in nav}
    assert labels["Nos positions"].endswith("publications/type/note-de-position/")
    assert labels["Ressources et outils mutualisés"].endswith("publications/type/outil-guide/")
    assert (
        soup(built_site / "publications" / "type" / "note-de-position" / "index.html")
        .select_one("article h1")
        .get_text()
        == "Nos positions"
    )


def test_download_links_resolve_to_files_with_their_size(built_site):
    checked = 0
    for pub_id, meta in raw_publications(ROOT).items():
        page = soup(built_site / "publications" / pub_id / "index.html")
        buttons = page.select(".pdh-downloads a")
        assert len(buttons) == len(meta.get("attachments") or [])
        for button, attachment in zip(buttons, meta.get("attachments") or [], strict=False):
            target = (built_site / "publications" / pub_id / button["href"]).resolve()
            assert target.is_file()
            assert target.read_bytes() == (ROOT / attachment["file"]).read_bytes()
            size = target.stat().st_size
            shown = button.select_one(".pdh-filesize").get_text()
            assert shown == f"— PDF, {round(size / 1000)} ko" if size < 1_000_000 else "Mo" in shown
            # The document's own title as the link (issue #15: « Télécharger « Note complète (PDF) » — PDF, 5 ko »).
            label = button.get_text().removesuffix(shown).strip()
            title = attachment.get("title")
            assert label == (
                (title["fr"] if isinstance(title, dict) else title) if title else "Télécharger le document"
            )
            assert button.has_attr("download")
            assert button["type"] == "application/pdf"
            checked += 1
    assert checked >= 3


def test_signatories_and_actions_link_to_their_pages(built_site):
    for pub_id, meta in raw_publications(ROOT).items():
        base = built_site / "publications" / pub_id
        page = soup(base / "index.html")
        facts = {dt.get_text(): dt.find_next_sibling("dd") for dt in page.select("dl.pdh-facts dt")}
        for member in meta.get("signatories") or []:
            link = facts["Cosignataires"].find("a", href=f"../../membres/{member}/")
            assert link is not None and (base / link["href"] / "index.html").resolve().is_file()
        if meta.get("advocacy_action"):
            link = facts["Action de plaidoyer"].a
            assert link["href"] == f"../../plaidoyer/{meta['advocacy_action']}/"
            assert (base / link["href"] / "index.html").resolve().is_file()


def test_publication_page_has_citation_bibtex_and_json_ld(built_site):
    page = soup(built_site / "publications" / "2025-note-position-colombie" / "index.html")
    citation = page.select_one("#citation-fr pre").get_text()
    assert citation.startswith("Plateforme droits de l'homme, « ")
    assert citation.endswith(
        "En ligne : https://plateforme-droits-homme.example.org/publications/2025-note-position-colombie/"
    )
    bib = page.select_one("#citation-bibtex pre").get_text()
    assert bib.startswith("@techreport{pdh-2025-note-position-colombie,") and bib.rstrip().endswith("}")
    assert bib.count("{") == bib.count("}")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Report"
    assert data["publisher"]["name"] == "Plateforme droits de l'homme"
    assert data["datePublished"] == "2025-04-15"
    assert data["inLanguage"] == ["fr", "es"]
    assert data["encoding"][0]["encodingFormat"] == "application/pdf"


def test_bibtex_survives_hostile_titles(tiny):
    tiny.write(
        "content/publications/2026-titre-piege.md",
        """
    ---
    title: 'Accolades } { et \\ barre % & $ # _ ~ ^ (exemple)'
    date: "2026-01-02"
    type: rapport
    summary: Exemple.
    authors: [pdh]
    ---
    """,
    )
    site = tiny.build()
    bib = soup(site / "publications" / "2026-titre-piege" / "index.html").select_one("#citation-bibtex pre").get_text()
    title = re.search(r"title = \{(.*)\},\n", bib).group(1)
    depth = 0
    for i, char in enumerate(title):
        if char in "{}" and (i == 0 or title[i - 1] != "\\"):
            depth += 1 if char == "{" else -1
            assert depth >= 0
    assert depth == 0
    assert r"\}" in title and r"\%" in title and r"\textbackslash{}" in title


def test_unknown_signatory_fails_the_build_with_a_clear_message(tiny, caplog):
    rel = "content/publications/2025-note-position-colombie.md"
    tiny.replace(rel, "signatories: [agir-ensemble", "signatories: [agir-ensembel")
    with pytest.raises(Abort):
        tiny.build()
    line = tiny.line_of(rel, "signatories: [agir-ensembel")
    assert (
        f"{rel}:{line} — publication « 2025-note-position-colombie » — signatories[1] : "
        "membre inconnu « agir-ensembel » — vouliez-vous dire « agir-ensemble » ?"
    ) in caplog.text


def test_a_new_publication_is_one_file_plus_its_pdf(tiny):
    pdf = (ROOT / "content" / "publications" / "fichiers" / "2025-note-position-colombie.pdf").read_bytes()
    (tiny.root / "content" / "publications" / "fichiers" / "2027-nouvelle-note.pdf").write_bytes(pdf)
    tiny.write(
        "content/publications/2027-nouvelle-note.md",
        """
    ---
    title: Nouvelle note (exemple)
    date: "2027-01-20"
    type: note-de-position
    summary: Ceci est un contenu d'exemple.
    themes: [migrations]
    countries: [TN]
    authors: [exemple-association-a]
    signatories: [exemple-association-b]
    advocacy_action: action-exemple-colombie-2025
    attachments:
      - file: content/publications/fichiers/2027-nouvelle-note.pdf
    ---

    Texte d'exemple.
    """,
    )
    site = tiny.build()
    href = "2027-nouvelle-note/"
    assert soup(site / "publications" / "index.html").select(".pdh-pub__title a")[0]["href"] == href
    assert soup(site / "publications" / "pays" / "tn" / "index.html").find("a", href="../../" + href)
    assert soup(site / "publications" / "annee" / "2027" / "index.html").find("a", href="../../" + href)
    assert soup(site / "publications" / "type" / "note-de-position" / "index.html").find("a", href="../../" + href)
    for member in ("exemple-association-a", "exemple-association-b"):
        assert soup(site / "membres" / member / "index.html").find("a", href="../../publications/" + href)
    assert soup(site / "plaidoyer" / "action-exemple-colombie-2025" / "index.html").find(
        "a", href="../../publications/" + href
    )
    index = json.loads((site / "publications" / "index.json").read_text(encoding="utf-8"))
    assert index["items"][0]["u"] == href


def test_actions_page_counts_coordinated_actions_per_year(built_site):
    doc, _ = parse_yaml((ROOT / "data" / "advocacy-actions.yaml").read_text(encoding="utf-8"), "actions")
    expected = Counter(a["start"][:4] for a in doc.data)
    rows = soup(built_site / "plaidoyer" / "index.html").select("table.pdh-year-counts tbody tr")
    assert {r.td.get_text(): int(r.find_all("td")[1].get_text()) for r in rows} == expected
    for action in doc.data:
        page = soup(built_site / "plaidoyer" / action["id"] / "index.html")
        linked = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select(".pdh-pub__title a")}
        assert linked == {pid for pid, m in raw_publications(ROOT).items() if m.get("advocacy_action") == action["id"]}
        members = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select("dl.pdh-facts a")}
        assert members == set(action["members"])


def test_two_facets_combine_in_chromium(built_site, page):
    pubs = raw_publications(ROOT)
    theme, year = "droits-des-femmes", "2025"
    expected = sorted(pid for pid, m in pubs.items() if theme in values(m, "theme") and year in values(m, "annee"))
    assert 0 < len(expected) < len(pubs)
    with serve(built_site) as base:
        page.goto(base + "publications/")
        page.select_option("#facette-theme", theme)
        page.select_option("#facette-annee", year)
        # Both changes answer asynchronously: wait for the state of the second one.
        n = len(expected)
        expect(page.locator("#pdh-library-count")).to_have_text(
            f"{n} publication{'s' if n > 1 else ''} trouvée{'s' if n > 1 else ''}"
        )
        hrefs = page.locator("#pdh-library-results .pdh-pub__title a").evaluate_all("els => els.map(e => e.href)")
        assert sorted(h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs) == expected
        assert all(h.startswith(base + "publications/") for h in hrefs)
        assert page.url == base + f"publications/?theme={theme}&annee={year}"
        assert page.locator("#pdh-library-static").is_hidden()
        # Counts of the other facets follow the combination.
        type_counts = page.locator("#facette-type option").evaluate_all("els => els.map(e => [e.value, e.textContent])")
        combined = Counter(pubs[p]["type"] for p in expected)
        for value, text in type_counts:
            if value:
                assert text.endswith(f"({combined.get(value, 0)})")
        page.goto(base + f"publications/?theme={theme}&annee={year}")
        expect(page.locator("#pdh-library-results li")).to_have_count(len(expected))
        page.click("form[data-pdh-library] button[type=reset]")
        page.wait_for_selector("#pdh-library-static:not([hidden])")
        assert page.url == base + "publications/"


def test_a_facet_page_opens_the_whole_filtered_list_in_chromium(small_pages_site, page):
    """« Voir les N publications » opens the library with the facet chosen; « Afficher plus » shows the rest, a page at a time."""
    pubs = raw_publications(small_pages_site.parent)
    newest_first = listed(small_pages_site, small_pages_site / "publications" / "index.html")
    french = [p for p in newest_first if "fr" in values(pubs[p], "langue")]
    assert len(french) > 2  # more than one listing page (page_size: 2)
    with serve(small_pages_site) as base:
        page.goto(base + "publications/langue/fr/")
        page.get_by_role("link", name=f"Voir les {len(french)} publications").first.click()
        expect(page).to_have_url(base + "publications/?langue=fr")
        expect(page.locator("#facette-langue")).to_have_value("fr")
        results = page.locator("#pdh-library-results .pdh-pub__title a")
        expect(results).to_have_count(2)
        expect(page.locator("#pdh-library-count")).to_contain_text("les 2 plus récentes sont affichées")
        more = page.get_by_role("button", name="Afficher plus de publications")
        shown = 2
        while shown < len(french):
            more.click()
            shown = min(shown + 2, len(french))
            expect(results).to_have_count(shown)
            expect(results.nth(shown - 1 if shown % 2 else shown - 2)).to_be_focused()
        expect(more).to_be_hidden()
        hrefs = results.evaluate_all("els => els.map(e => e.href)")
        assert [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs] == french


def test_a_menu_type_without_publications_has_its_page_and_its_feed(tiny):
    """Facets are computed once per build: the menu's « Ressources et outils » exists, with its feed, before any tool."""
    tools = [
        path
        for path in (tiny.root / "content" / "publications").glob("*.md")
        if "\ntype: outil-guide\n" in path.read_text(encoding="utf-8")
    ]
    assert tools
    for path in tools:
        path.write_text(
            path.read_text(encoding="utf-8").replace("\ntype: outil-guide\n", "\ntype: rapport\n"), encoding="utf-8"
        )
    site = tiny.build()
    page = soup(site / "publications" / "type" / "outil-guide" / "index.html")
    assert page.select_one("article h1").get_text() == "Ressources et outils mutualisés"
    feed_path = site / "flux" / "publications" / "type" / "outil-guide.xml"
    feed = feedparser.parse(feed_path.read_bytes())
    assert not feed.bozo and feed.entries == []
    advertised = [link["href"] for link in page.select('link[rel~="alternate"][type="application/rss+xml"]')]
    assert any(href.endswith("/flux/publications/type/outil-guide.xml") for href in advertised)


@pytest.mark.parametrize("count", [1, 2, 3, 7, 8, 50, 500])
def test_the_pager_is_bounded_and_keeps_every_page_reachable(count):
    """First, last and the current page's neighbours, whatever the length; from each page the next is one step away."""
    from pdh.plan.library import pager_window

    for number in range(1, count + 1):
        window = pager_window(number, count)
        pages = [n for n in window if n is not None]
        assert len(window) <= 9 and pages == sorted(set(pages))
        assert {1, count, number} <= set(pages) and all(1 <= n <= count for n in pages)
        assert {n for n in (number - 1, number + 1) if 1 <= n <= count} <= set(pages)
        assert all(b - a > 1 for a, b in zip(pages, pages[1:], strict=False) if window[window.index(a) + 1] is None)
    assert pager_window(250, 500) == [1, None, 248, 249, 250, 251, 252, None, 500]


def test_a_member_profile_lists_its_latest_publications_and_links_the_rest(tiny):
    """A profile stays small however much a member publishes: the latest ten, then its full facet page."""
    from pdh.plan.library import PROFILE_LIMIT

    count = PROFILE_LIMIT + 2
    for n in range(1, count + 1):
        tiny.write(
            f"content/publications/2020-note-{n:02d}.md",
            f"""
            ---
            title: Note {n:02d} (exemple)
            date: "2020-01-{n:02d}"
            type: rapport
            summary: Résumé d'exemple.
            authors: [exemple-association-b]
            ---

            Texte d'exemple.
            """,
        )
    site = tiny.build()  # the completeness check passes: the older notes are owed to the facet page only
    profile = soup(site / "membres" / "exemple-association-b" / "index.html")
    titles = [a.get_text() for a in profile.select(".pdh-list a[href*='/publications/2020-note-']")]
    assert titles == [f"Note {n:02d} (exemple)" for n in range(count, count - PROFILE_LIMIT, -1)]
    more = profile.find("a", string=f"Toutes ses publications ({count})")
    assert more is not None and more["href"] == "../../publications/membre/exemple-association-b/"
    facet = listed(site, site / "publications" / "membre" / "exemple-association-b" / "index.html")
    assert {f"2020-note-{n:02d}" for n in range(1, count + 1)} <= set(facet)
    english = soup(site / "en" / "members" / "exemple-association-b" / "index.html")
    assert (
        english.find("a", string=f"All its publications ({count})")["href"]
        == "../../publications/member/exemple-association-b/"
    )
