"""The English edition: every page type mirrored under /en/, in English, paired with its French page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from conftest import ROOT, soup
from pdh.content.i18n import catalog_path

SITE_URL = "https://plateforme-droits-homme.example.org/"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
MATERIAL_FR = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages" / "fr.html"
# Words that are the same in both languages, or proper names, and so may appear on English pages.
SHARED = {
    "Navigation",
    "Agenda",
    "Type",
    "Date",
    "Page",
    "Publications",
    "Publication",
    "Contact",
    "Public",
    "Pays",
    "Atom",
    "BibTeX",
    "JSON Feed",
    "RSS",
    "PDF",
    "SVG",
    "Plateforme",
}


def english_pages(site: Path) -> list[Path]:
    pages = sorted((site / "en").rglob("*.html"))
    assert len(pages) > 50, "the English edition is missing"
    return pages


def french_pages(site: Path) -> list[Path]:
    return [
        p for p in sorted(site.rglob("index.html")) if p.relative_to(site).parts[0] not in ("en", "pagefind", "assets")
    ]


def _literal_parts(message: str) -> list[str]:
    """The fixed words of a message, between its placeholders and tags."""
    return [part.strip(" .,:;()«»—·") for part in re.split(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>", message)]


def french_ui_strings() -> set[str]:
    """Our messages and Material's French strings, minus what English writes the same way."""
    catalog = read_po(catalog_path("en").open("rb"), locale="en")
    english = " ".join(" ".join(m.string) if isinstance(m.string, tuple) else m.string for m in catalog if m.id)
    words = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            words.update(_literal_parts(text))
    words.update(re.findall(r'"[\w.]+": "([^"]+)"', MATERIAL_FR.read_text(encoding="utf-8")))
    return {w for w in words if len(w) >= 4 and re.search(r"[a-zà-ÿ]", w) and w not in SHARED and w not in english}


def data_strings() -> list[str]:
    """Every text of the sample data (names, titles, places…), longest first: data may stay French."""
    from pydantic import BaseModel

    from pdh.plan.catalog import load_catalog

    catalog = load_catalog(ROOT)
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, BaseModel):
            for field in type(value).model_fields:
                walk(getattr(value, field))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, str) and len(value) >= 4:
            found.add(value)

    for collection in (
        catalog.members,
        catalog.themes,
        catalog.working_groups,
        catalog.events,
        catalog.actions,
        catalog.publications,
    ):
        walk(collection)
    return sorted(found, key=len, reverse=True)


# Our attributes that carry words for readers (the others carry identifiers: data-type="webinaire").
WORD_ATTRIBUTES = (
    "aria-label",
    "title",
    "placeholder",
    "alt",
    "data-one",
    "data-many",
    "data-copied",
    "data-found-one",
    "data-found-many",
    "data-limited",
    "data-unavailable",
    "data-prompt",
    "data-searching",
    "data-results-one",
    "data-results-many",
    "data-for-query",
    "data-none",
    "data-page-kind",
)


def outside_french(node) -> bool:
    """Whether a text node is in an element written in the page's language (not marked lang="fr"…)."""
    for parent in node.parents:
        lang = parent.get("lang") if hasattr(parent, "get") else None
        if lang:
            return lang == "en"
    return True


def test_every_french_page_has_its_english_partner_and_back(built_site):
    """hreflang pairs in the sitemap, and the header's language link, both ways."""
    tree = ElementTree.parse(built_site / "sitemap.xml")
    pairs = {}
    for url in tree.getroot().findall("s:url", SITEMAP):
        loc = url.find("s:loc", SITEMAP).text
        pairs[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)}
    french = [
        SITE_URL + p.relative_to(built_site).as_posix().removesuffix("index.html") for p in french_pages(built_site)
    ]
    assert len(french) > 50
    lonely = [url for url in french if url != SITE_URL + "404.html" and "en" not in pairs.get(url, {})]
    assert lonely == []
    for url in french:
        if url in pairs:
            english = pairs[url]["en"]
            assert english.startswith(SITE_URL + "en/")
            assert pairs[english] == {"en": english, "fr": url}, english
    for path in french_pages(built_site):
        rel = path.relative_to(built_site).as_posix()
        link = soup(path).select_one('.pdh-languages a[hreflang="en"]')
        assert link is not None and link.get("lang") == "en", rel


@pytest.mark.parametrize(
    "french, english",
    [
        ("membres/index.html", "en/members/index.html"),
        ("membres/agir-ensemble/index.html", "en/members/agir-ensemble/index.html"),
        ("membres/pays/co/index.html", "en/members/country/co/index.html"),
        ("membres/statut/observateur/index.html", "en/members/status/observer/index.html"),
        ("groupes-de-travail/index.html", "en/working-groups/index.html"),
        ("publications/index.html", "en/publications/index.html"),
        ("publications/pays/co/index.html", "en/publications/country/co/index.html"),
        ("publications/annee/2025/index.html", "en/publications/year/2025/index.html"),
        (
            "publications/2025-note-position-colombie/index.html",
            "en/publications/2025-note-position-colombie/index.html",
        ),
        ("plaidoyer/index.html", "en/advocacy/index.html"),
        ("agenda/index.html", "en/events/index.html"),
        ("agenda/organisateur/agir-ensemble/index.html", "en/events/organiser/agir-ensemble/index.html"),
        ("agenda/archives/2025/index.html", "en/events/archive/2025/index.html"),
        ("presse/index.html", "en/press/index.html"),
        ("chiffres/index.html", "en/figures/index.html"),
        ("chiffres/2025/index.html", "en/figures/2025/index.html"),
        ("recherche/index.html", "en/search/index.html"),
        ("a-propos/index.html", "en/about/index.html"),
        ("charte/index.html", "en/charter/index.html"),
        ("index.html", "en/index.html"),
    ],
)
def test_english_paths_mirror_every_page_type(built_site, french, english):
    page = soup(built_site / english)
    assert page.html["lang"] == "en"
    back = page.select_one('.pdh-languages a[hreflang="fr"]')
    assert (
        back is not None
        and (built_site / english).parent.joinpath(back["href"]).resolve() == (built_site / french).parent.resolve()
    )


def test_english_pages_show_no_french_ui_string(built_site):
    """Every text and label outside elements marked lang="fr" is English (the data may stay French)."""
    words = french_ui_strings()
    assert {"Parcourir par critère", "Aller au contenu", "Télécharger le document"} <= words
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(words, key=len, reverse=True)))
    data = re.compile("|".join(re.escape(text) for text in data_strings()))
    found = []
    for path in english_pages(built_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for node in page.body.find_all(string=True):
            if node.parent.name in ("script", "style", "code", "pre") or not outside_french(node):
                continue
            for match in pattern.finditer(data.sub(" ", str(node))):
                found.append(f"{path.relative_to(built_site)}: « {match.group()} » in « {node.strip()[:80]} »")
        for element in page.body.find_all(True):
            if not outside_french(element):
                continue
            for name in WORD_ATTRIBUTES:
                value = element.get(name)
                if isinstance(value, str) and (match := pattern.search(data.sub(" ", value))):
                    found.append(f"{path.relative_to(built_site)}: « {match.group()} » in {name}=« {value[:80]} »")
    assert found == []


def test_english_menu_and_material_strings(built_site):
    page = soup(built_site / "en" / "members" / "index.html")
    tabs = [a.get_text(strip=True) for a in page.select(".md-tabs__link")]
    assert tabs[:4] == ["Home", "The Plateforme", "Members", "Publications"]
    assert page.select_one(".md-skip")["href"] and page.select_one(".md-skip").get_text(strip=True) == "Skip to content"
    assert page.select_one(".md-header__title [lang=fr]").get_text(strip=True) == "Plateforme droits de l'homme"
    assert page.select_one("form.pdh-header-search")["action"].endswith("search/")


def test_english_feeds_and_calendars(built_site):
    feed = feedparser.parse((built_site / "en" / "feeds" / "all.xml").read_bytes())
    assert feed.feed.language == "en" and feed.feed.title.endswith("all news") and feed.entries
    assert all(e.link.startswith(SITE_URL + "en/") for e in feed.entries)
    french = feedparser.parse((built_site / "flux" / "tout.xml").read_bytes())
    assert {e.id for e in feed.entries}.isdisjoint(e.id for e in french.entries)
    assert json.loads((built_site / "en" / "feeds" / "all.json").read_text())["language"] == "en"
    calendar = icalendar.Calendar.from_ical((built_site / "en" / "calendars" / "agenda.ics").read_bytes())
    assert str(calendar["PRODID"]).endswith("//EN") and str(calendar["X-WR-CALNAME"]).endswith("events")
    members_only = [c for c in calendar.walk("VEVENT") if c.get("CLASS") == "PRIVATE"]
    assert members_only and all(
        str(c["DESCRIPTION"]) == "Event reserved for members of the Plateforme." for c in members_only
    )


def test_untranslated_text_is_marked_french_and_announced(built_site):
    page = soup(built_site / "en" / "members" / "agir-ensemble" / "index.html")
    description = page.select_one(".pdh-description")
    assert description.select_one(".pdh-untranslated").get_text() == "(in French)"
    assert (
        description.select_one('div[lang="fr"]')
        .get_text(strip=True)
        .startswith("Agir ensemble pour les droits humains")
    )
    assert page.select_one("h1 [lang=fr]").get_text() == "Agir ensemble pour les droits humains"


def extracted_messages() -> dict[str, tuple]:
    """Every reader-facing message in the templates, the code and the menu, as `make messages` finds them."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "hooks" / "pdh" / "locale" / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "N_": None, "n_": (1, 2)}
    found = {}
    for filename, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map, keywords):
        found[message if isinstance(message, str) else message[0]] = (filename, message)
    return found


# How messages name the coalition (Organisation.words): a language may use one where another uses its neighbour
# (« présentation de la Plateforme » / « material on the Plateforme »).
ORGANISATION_WORDS = {"org", "org_short_name", "the_org", "The_org", "of_org", "the_short", "The_short", "of_short"}


def placeholders(text: str) -> list[str]:
    """The values a message needs filled in, but the coalition's names."""
    return sorted({p for p in re.findall(r"%\((\w+)\)[sd]|\{(\w+)\}", text) for p in p if p} - ORGANISATION_WORDS)


def test_the_english_catalog_translates_every_message():
    """A message added to a template, the code or the menu without its English fails here (run `make messages`)."""
    catalog = read_po(catalog_path("en").open("rb"), locale="en")
    messages = extracted_messages()
    assert len(messages) > 200
    missing = []
    for key, (filename, message) in sorted(messages.items()):
        entry = catalog.get(key if isinstance(message, str) else message)
        strings = () if entry is None else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if entry is None or not all(strings) or entry.fuzzy:
            missing.append(f"{filename}: « {key} »")
            continue
        wanted = placeholders(message if isinstance(message, str) else message[1])
        for text in strings:
            assert placeholders(text) == wanted, f"placeholders of « {key} »"
    assert missing == []


def test_a_menu_section_without_translation_stops_the_build(repo, caplog, monkeypatch, tmp_path):
    import shutil

    from mkdocs.exceptions import Abort

    from pdh.content import i18n

    locale = shutil.copytree(i18n.LOCALE_DIR, tmp_path / "locale")
    po = locale / "en" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    section = re.search(r'#\. Menu section title \(mkdocs.yml\)\nmsgid "La Plateforme"\nmsgstr "[^"]+"', text).group()
    po.write_text(text.replace(section, section.rsplit("msgstr", 1)[0] + 'msgstr ""'), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    with pytest.raises(Abort):
        repo.build()
    i18n.load_lang.cache_clear()
    assert "le titre de rubrique « La Plateforme » n'a pas de traduction (en)" in caplog.text


@pytest.mark.parametrize(
    "path, translation_of, message",
    [
        (
            "content/en/events-guide.md",
            "agenda.md",
            "« agenda.md » n'est pas une page française sous content/ (exemple : translation_of: a-propos.md)",
        ),
        ("content/en/our-mission.md", "a-propos.md", "« a-propos.md » est déjà traduite par content/en/about.md"),
        (
            "content/guide.md",
            "a-propos.md",
            "seule une page traduite (sous content/en/) indique la page qu'elle traduit",
        ),
    ],
)
def test_translation_of_names_one_french_page(repo, path, translation_of, message):
    from pdh.plan.catalog import check_problems

    repo.write(path, f"---\ntitle: Guide\ntranslation_of: {translation_of}\n---\n\n# Guide\n")
    found = [str(p) for p in check_problems(repo.root).sorted()]
    assert found == [f"{path}:3 — translation_of : {message}"]


def test_each_language_searches_its_own_pages_in_chromium(page, built_site):
    """Pagefind keeps one index per page language: /en/search/ finds English pages only, and the reverse."""
    from playwright.sync_api import expect

    from conftest import serve

    def paths() -> list[str]:
        expect(page.locator("#pdh-search-results li").first).to_be_visible()
        return page.locator("#pdh-search-results .pdh-result__title a").evaluate_all(
            "els => els.map(e => new URL(e.href).pathname)"
        )

    # One bundle per edition, built one after the other (half of Pagefind's memory each).
    assert (built_site / "pagefind" / "pagefind.js").is_file() and (
        built_site / "en" / "pagefind" / "pagefind.js"
    ).is_file()
    with serve(built_site) as base:
        page.goto(f"{base}en/search/?q=Colombia")
        expect(page.locator("#pdh-search-status")).to_contain_text("for “Colombia”")
        english = paths()
        assert "/en/members/agir-ensemble/" in english and all(p.startswith("/en/") for p in english)
        kinds = set(page.locator("#pdh-search-results .pdh-badge").all_inner_texts())
        assert kinds and kinds <= {"Member", "Publication", "Event", "Working group", "Advocacy action", "Page"}
        page.goto(f"{base}recherche/?q=Colombie")
        expect(page.locator("#pdh-search-status")).to_contain_text("pour « Colombie »")
        french = paths()
        assert "/membres/agir-ensemble/" in french and not any(p.startswith("/en/") for p in french)


def test_the_language_link_keeps_the_entry_in_chromium(page, built_site):
    from playwright.sync_api import expect

    from conftest import serve

    with serve(built_site) as base:
        page.goto(f"{base}membres/agir-ensemble/")
        page.locator('.pdh-languages a[hreflang="en"]').click()
        expect(page).to_have_url(f"{base}en/members/agir-ensemble/")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.locator('.pdh-languages a[hreflang="fr"]').click()
        expect(page).to_have_url(f"{base}membres/agir-ensemble/")


JUSTICE = "2026-note-position-justice-violences-sexuelles-conflits"


def test_a_publication_shows_its_english_text_on_the_english_site(built_site):
    english = soup(built_site / "en" / "publications" / JUSTICE / "index.html")
    assert english.h1.get_text() == "Justice for victims of conflict-related sexual violence (example)"
    assert english.select_one(".pdh-body h2").get_text() == "The situation"
    assert english.select_one(".pdh-body .pdh-untranslated") is None and english.select_one(".pdh-body [lang]") is None
    french = soup(built_site / "publications" / JUSTICE / "index.html")
    assert french.select_one(".pdh-body h2").get_text() == "Le constat"
    feed = feedparser.parse((built_site / "en" / "feeds" / "publications.xml").read_bytes())
    [entry] = [e for e in feed.entries if e.link.endswith(f"/en/publications/{JUSTICE}/")]
    assert entry.title.startswith("Justice for victims") and "The situation" in entry.content[0].value


@pytest.mark.parametrize(
    "name, text, message",
    [
        (
            f"{JUSTICE}.en.md",
            "---\ntitle: Justice\n---\n\nText.\n",
            "1 — une traduction n'a pas d'en-tête : le titre et le résumé traduits vont dans "
            f"content/publications/{JUSTICE}.md (title: {{fr: …, en: …}}), ce fichier ne contient que le texte",
        ),
        (
            "2026-inconnue.en.md",
            "Text.\n",
            " — traduction d'une publication introuvable : content/publications/"
            "2026-inconnue.md n'existe pas (le fichier porte le nom de la publication, puis .en.md)",
        ),
        (
            f"{JUSTICE}.de.md",
            "Text.\n",
            " — langue « de » inconnue : le site est publié en fr, en ; nommez le fichier "
            f"content/publications/{JUSTICE}.en.md",
        ),
    ],
)
def test_a_publication_translation_is_checked(repo, name, text, message):
    from pdh.plan.catalog import check_problems

    rel = f"content/publications/{name}"
    if name.endswith(".en.md") and JUSTICE in name:
        (repo.root / rel).unlink()
    repo.write(rel, text)
    found = [str(p) for p in check_problems(repo.root).sorted()]
    assert found == [f"{rel}:{message}" if message[0].isdigit() else f"{rel}{message}"]


ELISION = re.compile(
    r"(?<![\w'’])([Dd]e|[Qq]ue|[Ll]e|[Ll]a|[Nn]e|[Ss]e|[Cc]e|[Jj]e) (?=[aeiouyéèêëàâîïôûAEIOUYÉÈÊËÀÂÎÏÔÛ])"
)


def test_french_pages_elide_before_a_vowel(built_site):
    """No « de Agir… », « Logo de Association… », « le entretien » in French text or in alt, aria-label and
    title attributes (issue #15): a message that puts « de » before a name would need elision it cannot know."""
    from lxml import html

    found = []
    for path in french_pages(built_site):
        tree = html.fromstring(path.read_bytes())
        for element in tree.iter():
            if not isinstance(element.tag, str) or element.tag in ("script", "style"):
                continue
            if (element.xpath("string(ancestor-or-self::*[@lang][1]/@lang)") or "fr") != "fr":
                continue  # a text in another language (a Spanish publication, an English name)
            if element.xpath("ancestor-or-self::*[contains(@class, 'pdh-fulltext__body')]"):
                continue  # a PDF's extracted text: a bilingual document has no single language
            texts = [element.get(a) for a in ("alt", "aria-label", "title")] + [element.text, element.tail]
            found += [
                (path.relative_to(built_site).as_posix(), t.strip()[:80]) for t in texts if t and ELISION.search(t)
            ]
    assert found == []
    assert ELISION.search("Logo de Agir ensemble") and not ELISION.search("Logo : Agir ensemble, d'exemple, de haut")
