"""Issue « recherche » : Pagefind over the real build, driven in headless Chromium; PDF full text."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import ROOT, serve, soup

GUIDE = "2026-guide-plaidoyer-institutionnel"


def results(page) -> list[str]:
    """Result paths once the search has answered (waits from Python: the page's CSP forbids eval)."""
    status = page.locator("#pdh-search-status")
    expect(status).to_have_text(re.compile(r"résultats? pour|Aucun résultat"))
    count = int(m.group(1)) if (m := re.match(r"(\d+) résultat", status.inner_text())) else 0
    expect(page.locator("#pdh-search-results li")).to_have_count(min(count, 10))
    return page.locator("#pdh-search-results .pdh-result__title a").evaluate_all(
        "els => els.map(e => new URL(e.href).pathname)"
    )


def search(page, base: str, query: str, **filters) -> list[str]:
    params = "&".join([f"q={query}"] + [f"{k}={v}" for k, v in filters.items()])
    page.goto(f"{base}recherche/?{params}")
    return results(page)


@pytest.fixture(scope="module")
def served(built_site):
    with serve(built_site) as base:
        yield base


def test_colombie_finds_the_agir_ensemble_profile(page, served):
    found = search(page, served, "Colombie")
    assert "/membres/agir-ensemble/" in found
    item = page.locator("#pdh-search-results li", has=page.locator("a[href$='/membres/agir-ensemble/']"))
    assert item.locator(".pdh-badge").inner_text() == "Membre"
    assert item.locator(".pdh-result__excerpt mark").first.inner_text().lower().startswith("colombie")


def test_a_word_only_inside_a_pdf_finds_its_publication(page, served, built_site):
    markdown = (ROOT / "content" / "publications" / f"{GUIDE}.md").read_text(encoding="utf-8")
    assert "ornithorynque" not in markdown.lower()
    assert search(page, served, "ornithorynque") == [f"/publications/{GUIDE}/"]
    item = page.locator("#pdh-search-results li").first
    assert item.locator(".pdh-badge").inner_text() == "Publication"
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", item.locator(".pdh-result__meta").inner_text().split()[-1])


def test_unaccented_query_finds_accented_text(page, served):
    with_accents = search(page, served, "défenseures")
    without = search(page, served, "defenseures")
    assert without and set(without) == set(with_accents)
    assert "/publications/2025-note-position-colombie/" in without
    marks = page.locator("#pdh-search-results mark").all_inner_texts()
    assert any("défenseur" in m.lower() for m in marks)


def test_elision_is_understood(page, served):
    assert "/" in search(page, served, "homme") and "/" in search(page, served, "l'homme")


def test_filters_are_downloaded_only_once_refine_is_opened(page, served):
    """A plain search fetches no filter file (a third of a search's bytes on a large archive); « Affiner » fetches them."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    assert search(page, served, "droits")
    assert any("/pagefind/index/" in url for url in requested)
    assert not [url for url in requested if "/pagefind/filter/" in url]
    assert page.locator("#pdh-search-refine").get_attribute("open") is None
    page.locator("#pdh-search-refine summary").click()
    expect(page.locator("#pdh-search-kind option[value='Publication']")).to_have_count(1)
    expect(page.locator("#pdh-search-kind option[value='Publication']")).to_have_text(
        re.compile(r"^Publication \(\d+\)$")
    )
    assert [url for url in requested if "/pagefind/filter/" in url]


def test_a_shared_search_with_a_filter_opens_refine(page, served):
    assert search(page, served, "droits", kind="Publication")
    expect(page.locator("#pdh-search-refine")).to_have_attribute("open", "")
    expect(page.locator("#pdh-search-kind")).to_have_value("Publication")


def test_a_filter_narrows_and_the_url_reproduces_the_search(page, served):
    everything = search(page, served, "droits")
    page.locator("#pdh-search-refine summary").click()
    page.select_option("#pdh-search-kind", "Publication")
    narrowed = results(page)
    expect(page).to_have_url(re.compile(r"kind=Publication"))
    assert narrowed and len(narrowed) < len(everything)
    assert all(path.startswith("/publications/") for path in narrowed)
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {"q": ["droits"], "kind": ["Publication"]}
    page.goto(served)
    page.goto(shared)
    assert results(page) == narrowed
    assert page.locator("#pdh-search-q").input_value() == "droits"
    assert page.locator("#pdh-search-kind").input_value() == "Publication"


def test_header_box_and_keyboard_shortcut(page, served):
    page.goto(served + "a-propos/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "pdh-search-input"
    page.keyboard.type("Colombie")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/recherche/\?q=Colombie$"))
    assert "/membres/agir-ensemble/" in results(page)


def test_without_javascript_the_search_leads_to_the_lists(browser, served):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(served + "a-propos/")
    tab.fill("#pdh-search-input", "Colombie")
    tab.press("#pdh-search-input", "Enter")
    tab.wait_for_url(re.compile(r"/recherche/\?q=Colombie$"))
    links = tab.locator("#pdh-search-nojs a").evaluate_all("els => els.map(e => new URL(e.href).pathname)")
    assert links == ["/publications/", "/membres/", "/agenda/", "/plaidoyer/"]
    assert tab.locator("#pdh-search-nojs").is_visible()
    context.close()


# The sections of the menu, in both editions: found by their name, indexed by their heading and lead only.
SECTIONS = {
    "fr": [
        "membres/",
        "groupes-de-travail/",
        "publications/",
        "publications/type/note-de-position/",
        "publications/type/outil-guide/",
        "plaidoyer/",
        "agenda/",
        "presse/",
        "flux/",
        "donnees/",
        "chiffres/",
    ],
    "en": [
        "en/members/",
        "en/working-groups/",
        "en/publications/",
        "en/publications/type/note-de-position/",
        "en/publications/type/outil-guide/",
        "en/advocacy/",
        "en/events/",
        "en/press/",
        "en/feeds/",
        "en/data/",
        "en/figures/",
    ],
}


def indexed_text(body) -> str:
    """What Pagefind reads of a page: its data-pagefind-body without the data-pagefind-ignore parts."""
    for ignored in body.select("[data-pagefind-ignore]"):
        ignored.decompose()
    return " ".join(body.get_text(" ").split())


def test_listings_are_not_indexed_entries_are(built_site):
    for rel in (
        "publications/type/rapport/index.html",
        "membres/theme/droits-des-femmes/index.html",
        "agenda/type/conference/index.html",
        "agenda/archives/2025/index.html",
        "recherche/index.html",
        "en/search/index.html",
    ):
        assert soup(built_site / rel).select_one("[data-pagefind-body]") is None, rel
    for rel in ("membres/agir-ensemble/index.html", f"publications/{GUIDE}/index.html", "a-propos/index.html"):
        body = soup(built_site / rel).select_one("[data-pagefind-body]")
        assert body is not None and body.select_one('[data-pagefind-meta="kind"]')


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sections_are_indexed_by_their_heading_and_lead_only(built_site, lang):
    kind = {"fr": "Rubrique", "en": "Section"}[lang]
    indexed = sorted(
        str(p.parent.relative_to(built_site)) + "/"
        for p in built_site.rglob("index.html")
        if (m := soup(p).select_one('[data-pagefind-meta="kind"]')) and m.get_text() == kind
    )
    assert indexed == sorted(SECTIONS[lang])
    for rel in SECTIONS[lang]:
        page = soup(built_site / rel / "index.html")
        body = page.select_one("[data-pagefind-body]")
        heading, lead = body.select_one("h1"), body.select_one(".pdh-lead")
        assert heading["data-pagefind-weight"] == "10", rel
        lead_text = " ".join(lead.get_text(" ").split())
        text = indexed_text(body)  # (decomposes the ignored parts of `body`)
        assert text.startswith(" ".join(heading.get_text(" ").split())), rel
        assert lead_text in text, rel
        # No list of entries, no form, no table, no feed: each entry is found on its own page. What
        # remains is the section's own words (the feeds page keeps its « how to subscribe »).
        assert not body.select("li, form, table, .pdh-card, .pdh-pub, .pdh-feed") or rel.endswith(
            ("flux/", "feeds/", "donnees/", "data/")
        ), rel
        # Its links stay within the page; the open data page links its own files and licence, the figures page
        # its data, not entries.
        assert all(a["href"].startswith("#") for a in body.select("a[href]")) or rel.endswith(
            ("donnees/", "data/", "chiffres/", "figures/")
        ), rel
        assert not [
            a
            for a in body.select("a[href]")
            if re.search(r"/(publications|membres|members|agenda|events)/[^/]+/$", a["href"])
        ]
        assert not body.select(".pdh-feed, .pdh-feeds-list"), rel


@pytest.mark.parametrize(
    ("path", "query", "first"),
    [
        ("recherche/", "presse", "/presse/"),
        ("recherche/", "agenda", "/agenda/"),
        ("recherche/", "annuaire", "/membres/"),
        ("recherche/", "membres", "/membres/"),
        ("recherche/", "publications", "/publications/"),
        ("recherche/", "flux", "/flux/"),
        ("recherche/", "adhérer", "/adherer/"),
        ("recherche/", "contact", "/contact/"),
        ("recherche/", "groupes de travail", "/groupes-de-travail/"),
        ("recherche/", "chiffres", "/chiffres/"),
        ("en/search/", "press", "/en/press/"),
        ("en/search/", "figures", "/en/figures/"),
        ("en/search/", "events", "/en/events/"),
        ("en/search/", "members", "/en/members/"),
        ("en/search/", "advocacy", "/en/advocacy/"),
    ],
)
def test_a_section_named_in_the_query_comes_first(page, served, path, query, first):
    page.goto(f"{served}{path}?q={query}")
    status = page.locator("#pdh-search-status")
    expect(status).to_have_text(re.compile(r"\d+ (résultats?|results?) (pour|for)"))
    expect(page.locator("#pdh-search-results .pdh-result__title a").first).to_have_attribute(
        "href", re.compile(re.escape(first) + "$")
    )


def test_publication_page_carries_the_pdf_full_text(built_site):
    page = soup(built_site / "publications" / GUIDE / "index.html")
    section = page.select_one("details.pdh-fulltext")
    assert section.summary.get_text().startswith("Texte intégral")
    assert "ornithorynque" in section.get_text()


def test_scanned_pdf_gets_a_note(tiny):
    from PIL import Image

    scan = tiny.root / "content" / "publications" / "fichiers" / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(scan, "PDF")
    tiny.write(
        "content/publications/2026-scan-exemple.md",
        """
    ---
    title: Document numérisé (exemple)
    date: "2026-05-01"
    type: rapport
    summary: Exemple.
    authors: [pdh]
    attachments:
      - file: content/publications/fichiers/scan.pdf
    ---
    """,
    )
    site = tiny.build()
    section = soup(site / "publications" / "2026-scan-exemple" / "index.html").select_one("details.pdh-fulltext")
    assert "ne contient pas de texte lisible" in section.get_text()


@pytest.mark.parametrize("folder", ["plain", "a,b", "x{y}", "[z]", "star*", "bang!", "why?", "back\\slash"])
def test_each_edition_gets_its_own_bundle_whatever_the_folder_names(tmp_path, folder):
    """The root edition's pages are listed to Pagefind by a glob: a contributed folder name is taken literally."""
    import json

    from pdh.render.search import index_site

    def page(rel: str, lang: str, word: str) -> None:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'<!doctype html><html lang="{lang}"><head><title>{word}</title></head>'
            f"<body><main data-pagefind-body><p>{word}</p></main></body></html>",
            encoding="utf-8",
        )

    page("index.html", "fr", "accueil")
    page(f"{folder}/index.html", "fr", "dossier")
    page("publications/note/index.html", "fr", "note")
    page("en/index.html", "en", "home")
    page("en/publications/note/index.html", "en", "note")
    index_site(tmp_path, ("", "en/"))
    french = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    english = json.loads((tmp_path / "en" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {lang: info["page_count"] for lang, info in french["languages"].items()} == {"fr": 3}
    assert {lang: info["page_count"] for lang, info in english["languages"].items()} == {"en": 2}


def _luminance(rgb: str) -> float:
    channels = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("path", ["a-propos/", "en/about/"])
def test_every_header_control_shows_a_visible_focus_ring_in_chromium(page, served, path):
    """WCAG 2.4.7 and 2.4.11: tabbing through the header and the tabs, each control gets an outline that
    contrasts (3:1) with their background — the logo, the language link, the search box and its button, each tab."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(served + path)
    header = page.locator("header.md-header")
    background = _luminance(header.evaluate("e => getComputedStyle(e).backgroundColor"))
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const e = document.activeElement, s = getComputedStyle(e);
            return {inHeader: !!e.closest("header.md-header, .md-tabs"), name: e.outerHTML.slice(0, 80),
                    style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor};
        }""")
        if not focused["inHeader"]:
            if seen:
                break
            continue  # the skip link comes first
        seen.append(focused["name"])
        assert focused["style"] not in ("none", "hidden") and focused["width"] >= 2, focused
        ring = _luminance(focused["color"])
        assert (max(ring, background) + 0.05) / (min(ring, background) + 0.05) >= 3, focused
    assert any("pdh-search-input" in name for name in seen) and any("md-tabs__link" in name for name in seen), seen


def test_more_results_shows_only_when_there_are_more(page, served):
    """Material's .md-button sets `display`: the button's `hidden` attribute must still hide it (issue #15)."""
    more = page.locator("#pdh-search-more")
    assert len(search(page, served, "droits")) == 10
    expect(more).to_be_visible()
    search(page, served, "agir")
    count = int(re.match(r"(\d+)", page.locator("#pdh-search-status").inner_text()).group(1))
    assert 0 < count <= 10
    expect(more).to_be_hidden()
    search(page, served, "xqzwv")
    expect(page.locator("#pdh-search-status")).to_contain_text("Aucun résultat")
    expect(more).to_be_hidden()


def test_filters_say_they_apply_and_one_button_removes_them(page, served):
    """Filters stay chosen from one query to the next: the page says so, and « Retirer les filtres » clears them."""
    filtered = search(page, served, "droits", kind="Publication")
    active = page.locator("#pdh-search-active")
    expect(active).to_be_visible()
    expect(active).to_contain_text("Filtres appliqués : Type de contenu\u00a0: Publication.")
    page.locator("#pdh-search-q").fill("colombie")
    page.locator("#pdh-search-q").press("Enter")
    expect(page).to_have_url(re.compile(r"q=colombie&kind=Publication$"))
    expect(active).to_be_visible()
    page.get_by_role("button", name="Retirer les filtres").click()
    expect(page).to_have_url(re.compile(r"/recherche/\?q=colombie$"))
    expect(active).to_be_hidden()
    # The unfiltered answer has come once a page other than a publication is listed (the member in Colombia).
    expect(page.locator("#pdh-search-results a[href$='/membres/agir-ensemble/']")).to_be_visible()
    assert filtered and all(path.startswith("/publications/") for path in filtered)


def test_the_header_box_says_what_this_page_searched(page, served):
    search(page, served, "droits")
    expect(page.locator("#pdh-search-input")).to_have_value("droits")
    page.locator("#pdh-search-q").fill("colombie")
    page.locator("#pdh-search-q").press("Enter")
    expect(page.locator("#pdh-search-input")).to_have_value("colombie")


def test_a_word_absent_from_the_site_finds_nothing(page, served, built_site):
    """Not the pages that share its first letters, highlighted (« con » for « confidentiel »)."""
    word = "confidentiel"
    assert not any(word in path.read_text(encoding="utf-8").lower() for path in built_site.rglob("*.html"))
    assert search(page, served, word) == []
    expect(page.locator("#pdh-search-status")).to_have_text(f"Aucun résultat pour « {word} ».")
    assert "/membres/agir-ensemble/" in search(page, served, "colomb")  # a word being typed still finds


@pytest.mark.parametrize("query", ["statut", "site web", "période", "date"])
def test_excerpts_keep_words_apart(page, served, query):
    """« StatutEn cours », « Site webhttps://… » (issue #15): a label and its value stay two words."""
    assert search(page, served, query)
    for text in page.locator("#pdh-search-results .pdh-result__excerpt").all_inner_texts():
        assert not re.search(r"Statut[A-ZÉ]|Période(?:du|[A-Z])|webhttps|Date[0-9]", text), text


def test_no_indexed_text_glues_two_blocks(built_site):
    """What Pagefind indexes: no two block elements written side by side (their words would merge)."""
    glued = re.compile(
        r"</(?:dt|dd|li|p|h[1-6]|td|th|figcaption)><(?:dt|dd|li|p|h[1-6]|td|th|div|ul|ol|dl|figure)[\s>]"
    )
    pages = [path for path in built_site.rglob("*.html") if "data-pagefind-body" in path.read_text(encoding="utf-8")]
    assert len(pages) > 50
    found = [
        (path.relative_to(built_site).as_posix(), match.group(0))
        for path in pages
        for match in [glued.search(path.read_text(encoding="utf-8").split("data-pagefind-body", 1)[1])]
        if match
    ]
    assert found == []


CHROME = [
    "Publications liées",
    "Événements liés",
    "Citer cette publication",
    "Tout l'agenda",
    "Toutes les publications",
    "Tous les membres",
    "Tous les groupes de travail",
    "Ajouter à mon agenda",
    "Suivre ses publications",
    "Événements organisés",
    "Publications du groupe",
    "Événements du groupe",
]


def test_page_chrome_is_not_indexed(built_site):
    """Headings and links every page of a kind repeats (« Publications liées »…) are not what the page is about."""
    from pdh.content.i18n import load_lang

    english = load_lang("en")
    chrome = CHROME + [english._(text) for text in CHROME]
    assert all(english._(text) != text for text in CHROME)  # each has its English
    indexed = 0
    for path in built_site.rglob("*.html"):
        page = soup(path)
        body = page.select_one("[data-pagefind-body]")
        if body is None:
            continue
        for ignored in body.select("[data-pagefind-ignore]"):
            ignored.decompose()
        text = body.get_text(" ")
        assert not [phrase for phrase in chrome if phrase in text], path.relative_to(built_site).as_posix()
        indexed += 1
    assert indexed > 50
