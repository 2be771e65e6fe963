"""One build of the site, independent of MkDocs: what it adds, how its pages are filled, what it verifies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from .content.assets import pixel_size
from .content.errors import ContentError, Problem, Problems
from .content.frenchdates import PARIS
from .content.i18n import LANGUAGES, NAMES, SOURCE, load_lang
from .content.settings import Settings, check_pages, load_settings
from .content.svg import clean_content_svgs
from .content.text import clear_caches, close_store, open_store, sanitize_page
from .content.translations import page_language
from .plan import chrome, sources
from .plan.agenda import agenda_facets
from .plan.catalog import Catalog, load_catalog
from .plan.documents import read_documents
from .plan.edition import Edition, editions
from .plan.embargo import withheld_files
from .plan.facets import SiteFacets
from .plan.feedplan import Feed, feed_links_by_page, plan_feeds, unannounced_day
from .plan.figures import Figures, as_of, key_figures, organisations
from .plan.figures_pages import plan_figures_pages
from .plan.generated import GeneratedPage, expected_pages
from .plan.home import home_context
from .plan.indicators import Indicators, compute_indicators
from .plan.library import attachment_infos, library_facets, library_index_json
from .plan.logos import prepare_logo
from .plan.opendata import open_data_tables, plan_open_data_page
from .plan.pages import plan_pages
from .plan.sources import Source
from .plan.urls import src_to_url
from .render.calendars import calendar_files
from .render.cards import add_social_cards
from .render.charts import ChartSpec, chart_svg, close_chart_store, open_chart_store
from .render.feeds import feed_files
from .render.opendata import open_data_files
from .render.templates import Renderer
from .verify.budget import check_output_budget
from .verify.completeness import check_completeness, missing_feed_entries, read_sitemap

HOME = "<p>{{ accueil }}</p>"  # placeholder of the home page: hero above it, editorial text below
FIGURES = "{{ chiffres_adhesion }}"  # placeholder of the join page
WIDE = ["navigation", "toc"]  # Material's sidebars, hidden on the home page and on listings
LISTINGS = {
    "members.html",
    "members_facet.html",
    "groups.html",
    "library.html",
    "actions.html",
    "agenda.html",
    "agenda_archive.html",
    "agenda_facet.html",
    "search.html",
    "flux.html",
}


@dataclass
class Build:
    """Everything one build generates from the data, planned before MkDocs renders a page."""

    root: Path
    site_url: str
    now: datetime
    catalog: Catalog
    renderers: dict[str, Renderer] = field(default_factory=dict)  # by language
    pages: dict[str, GeneratedPage] = field(default_factory=dict)  # src_uri → page
    files: dict[str, bytes] = field(default_factory=dict)  # src_uri → other generated file
    feeds: list[Feed] = field(default_factory=list)
    feed_links: tuple[dict[str, list[tuple[str, str, str]]], dict[str, list[tuple[str, str, str]]]] = ({}, {})
    notes: list[str] = field(default_factory=list)  # warnings for the editor that do not fail the build
    replaced: set[str] = field(default_factory=set)  # content files published cleaned (SVG), not as sent
    withheld: set[str] = field(default_factory=set)  # content files of embargoed publications: not published
    editions: list[Edition] = field(default_factory=list)
    menu: dict[str, dict[str, str]] | None = None  # menu titles set in mkdocs.yml, by language
    alternates: dict[str, dict[str, str]] = field(default_factory=dict)  # pair key → {language: src_uri}
    partners: dict[str, dict[str, str]] = field(default_factory=dict)  # src_uri → {language: src_uri}
    settings: Settings = field(default_factory=Settings)
    figures: Figures | None = None  # the coalition's counts, once per build
    indicators: Indicators | None = None  # the logframe's, which those counts come from
    home: dict[str, Any] = field(default_factory=dict)  # the home page's blocks (every language)
    footers: dict[str, dict[str, Any]] = field(default_factory=dict)  # by language: the footer (pdh.plan.chrome)


def start_build(root: Path, site_url: str, settings: dict[str, Any] | None, now: datetime) -> Build:
    """Load and validate the data (ContentError lists every problem), then plan every output of every edition."""
    clear_caches()
    open_store()  # contributed Markdown rendered by earlier builds, by content hash (saved by finish_build)
    open_chart_store()  # likewise the charts of /chiffres/, by their description
    load_lang.cache_clear()  # `mkdocs serve` reloads an edited catalog
    options = load_settings(settings, root)  # the maintainers' settings first: data errors need them right
    organisation = options.organisation
    assert organisation is not None  # load_settings requires it (a ContentError names it when missing)
    catalog = load_catalog(root, organisation, now)  # without the publications still under embargo
    check_pages(options, set(catalog.pages), root)
    indicators = compute_indicators(catalog, now)
    build = Build(
        root,
        site_url,
        now,
        catalog,
        editions=editions(organisation),
        menu=options.menu,
        settings=options,
        figures=(figures := key_figures(catalog, indicators)),
        indicators=indicators,
    )
    logos = {}
    for member in (*catalog.members, *catalog.former):
        if member.logo:
            logos[member.id], assets = prepare_logo(member.id, root / member.logo)
            build.files.update(assets)
    attachments = attachment_infos(root, catalog)
    _add_content_svgs(build)
    press_files = {}  # the size (and pixels of an image) of what is published
    for rel in (press.file for press in organisation.press_kit):
        data = build.files[rel] if rel in build.replaced else (root / "content" / rel).read_bytes()
        press_files[rel] = (
            len(data),
            pixel_size(data) if rel.lower().endswith((".png", ".jpg", ".jpeg", ".webp")) else None,
        )
    fulltexts, build.notes = read_documents(root, catalog, attachments, build.files)
    build.home = home_context(catalog, logos, attachments, now, figures)
    build.withheld = {
        file.removeprefix("content/") for file in withheld_files(list(catalog.publications), list(catalog.embargoed))
    }
    build.notes += list(catalog.warnings)  # shown by every build, as pdh-check shows them
    build.notes += [
        f"{p.source} : sous embargo jusqu'au {p.meta.embargo.astimezone(PARIS):%d/%m/%Y à %H:%M} (heure de Paris), "
        "absente du site jusqu'à la première construction qui suit"
        for p in catalog.embargoed
        if p.meta.embargo is not None  # all of them: they are withheld until it
    ]
    today = now.astimezone(PARIS).date()
    build.notes += [
        f"data/events.yaml, événement « {e.id} » : sans date d'annonce (announced), il est daté du jour de "
        f'la construction dans les flux ; ajoutez announced: "{today.isoformat()}" (le jour où il a été annoncé)'
        for e in catalog.events
        if e.announced is None and unannounced_day(e, None) > today
    ]
    tables = open_data_tables(
        catalog, site_url, indicators
    )  # one set of files for every edition, planned from the same tables
    build.files.update(data_files := open_data_files(tables, organisation.id, site_url, now, build.editions[0]))
    for ed in build.editions:
        build.renderers[ed.code] = Renderer(
            root / "overrides" / "pdh", ed, site_url, organisation, repository=(options.repository, options.branch)
        )
        build.files[ed.paths.PUBLICATIONS_INDEX] = library_index_json(catalog, ed, attachments)
        facets = SiteFacets(library_facets(catalog, ed), agenda_facets(catalog, ed))  # once: pages, feeds, calendars
        feeds = plan_feeds(catalog, facets, site_url, options, attachments, ed, today)
        build.feeds += feeds
        for feed in feeds:
            build.files.update(feed_files(feed))
        build.files.update(calendar_files(catalog, facets, site_url, now, ed, options.tag_authority))
        figure_pages = plan_figures_pages(catalog, indicators, ed)
        build.files.update({src: chart_svg(ChartSpec(**spec)).encode() for src, spec in figure_pages.charts.items()})
        for page in [
            *plan_pages(
                catalog, facets, logos, attachments, options, now, press_files, fulltexts, ed, site_url, feeds, figures
            ),
            plan_open_data_page(tables, data_files, now, ed),
            *figure_pages.pages,
        ]:
            build.pages[page.src_uri] = page
    build.files.update(add_social_cards(build.pages, root, organisation.name))
    build.feed_links = feed_links_by_page(build.feeds)
    _pair_pages(build)
    for ed in build.editions:
        build.footers[ed.code] = chrome.footer(build.settings, build.partners, ed)
    return build


def not_found(build: Build) -> dict[str, Any]:
    """The 404 page's blocks (it has no page of its own, hence no page_meta)."""
    return chrome.not_found(build.settings, build.partners, build.editions)


def _add_content_svgs(build: Build) -> None:
    for rel, cleaned in clean_content_svgs(build.root).items():  # MkDocs would copy them as sent
        if rel in build.files:
            clash = Problem(f"content/{rel}", 0, "ce chemin est celui d'un fichier généré : renommez le fichier")
            raise ContentError(Problems([clash]))
        build.files[rel] = cleaned
        build.replaced.add(rel)


def _pair_pages(build: Build) -> None:
    """Pair every page with its versions in the other languages (generated pages by their key,
    editorial pages by the `translation_of` of their translation)."""
    for page in build.pages.values():
        build.alternates.setdefault(page.pair, {})[page.lang] = page.src_uri
    for src, meta in build.catalog.pages.items():
        lang = page_language(src)
        pair = src if lang == SOURCE else (meta.translation_of or src)
        build.alternates.setdefault(pair, {})[lang] = src
    build.partners = {src: versions for versions in build.alternates.values() for src in versions.values()}


def page_meta(build: Build, src_uri: str) -> dict[str, Any] | None:
    """The page's metadata for the templates, every text escaped (MkDocs' Jinja does not escape)."""
    everywhere, by_page = build.feed_links
    lang = page_language(src_uri)
    ed = next(e for e in build.editions if e.code == lang)
    feeds = [
        (kind, escape(title), escape(url))
        for kind, title, url in [*everywhere.get(ed.paths.prefix, []), *by_page.get(src_uri, [])]
    ]
    common = {
        "feeds": feeds,
        "lang": lang,
        "alternates": _alternate_links(build, src_uri),
        "search_url": src_to_url(ed.paths.index(ed.paths.SEARCH)),
        "home_url": src_to_url(ed.paths.home()),
        "search_label": ed._("Rechercher sur le site"),
        "search_placeholder": ed._("Rechercher"),
        "search_submit": ed._("Lancer la recherche"),
        "footer": build.footers.get(ed.code),
    }
    generated = build.pages.get(src_uri)
    if generated is not None:
        meta: dict[str, Any] = {
            **common,
            "title": escape(generated.title),
            "description": escape(generated.description),
            "og_type": generated.og_type,
            "scripts": generated.scripts,
        }
        if generated.template in LISTINGS:
            meta["hide"] = WIDE  # its cards take the width
        if generated.image:
            meta["og_image"] = escape(build.site_url + generated.image)
        if generated.search:
            meta["search"] = {
                "kind": escape(generated.search.kind),
                "date": escape(generated.search.date),
                "filters": [(escape(k), escape(v)) for k, v in generated.search.filters],
            }
        return meta
    editorial = build.catalog.pages.get(src_uri)
    if editorial is None:
        return None
    meta = {
        **common,
        "title": escape(str(editorial.title)),
        "search": {"kind": ed._("Page"), "date": "", "filters": []},
    }
    if src_uri == ed.paths.home():
        meta["hide"] = WIDE
    if editorial.description:
        meta["description"] = escape(str(editorial.description))
    return meta


def edit_url(build: Build, src_uri: str) -> str | None:
    """GitHub's editor on the file a page is made from (an editorial page's Markdown, an entry's data file
    at its line), or None: a listing is made from many entries, and a site without `repository` has none."""
    generated = build.pages.get(src_uri)
    source = generated.source if generated else Source(f"content/{src_uri}") if src_uri in build.catalog.pages else None
    if source is None or not build.settings.repository:
        return None
    return sources.edit_url(build.settings.repository, build.settings.branch, source)


def nav_title(build: Build, code: str, french: str, page: str | None = None) -> str:
    """A menu title in language `code`: the translated page's own title, or the section's from the catalog.

    KeyError (with a French message) when a section title has no translation: the menu would mix languages.
    """
    if page is not None:
        generated = build.pages.get(page)
        if generated is not None:
            return generated.title
        return str(build.catalog.pages[page].title)
    lang = build.renderers[code].edition.lang
    configured = (build.menu or {}).get(code, {})
    if french in configured:
        return configured[french]
    if not lang.has(french):
        raise KeyError(
            f"le titre de rubrique « {french} » n'a pas de traduction ({code}) : ajoutez-la à "
            f"extra.pdh.menu dans mkdocs.yml ({{{code}: {{{french}: …}}}}) ou au catalogue "
            f"hooks/pdh/locale/{code}/LC_MESSAGES/messages.po (make messages)"
        )
    return lang._(french)


def _alternate_links(build: Build, src_uri: str) -> list[tuple[str, str, str]]:
    """(language, its name, site-relative URL) of the page's versions in the other languages."""
    versions = build.partners.get(src_uri, {})
    return [
        (code, NAMES[code], src_to_url(versions[code]))
        for code in LANGUAGES
        if code in versions and versions[code] != src_uri
    ]


def fill_markdown(build: Build, src_uri: str, markdown: str) -> str:
    """Figures from the data in an editorial page's Markdown."""
    if FIGURES not in markdown:
        return markdown
    lang = build.renderers[page_language(src_uri)].edition.lang
    figures = build.figures
    assert figures is not None  # start_build counts them
    sentence = lang._("%(As_of)s, %(the_short)s compte %(organisations)s.") % {
        "As_of": as_of(lang, figures)[:1].upper() + as_of(lang, figures)[1:],
        "organisations": organisations(lang, figures.members, figures.observers),
    }
    return markdown.replace(FIGURES, sentence)


def page_html(build: Build, src_uri: str, html: str, page_url: str, heading_id: str) -> str:
    """A generated page's body, or a contributed page's HTML sanitised (then our own blocks added)."""
    generated = build.pages.get(src_uri)
    if generated is not None:
        return build.renderers[generated.lang].render(generated, page_url, heading_id)
    html = sanitize_page(html)
    if HOME in html:  # trusted blocks around the contributed HTML, once it is sanitised
        hero, _, text = html.partition(HOME)
        renderer = build.renderers[page_language(src_uri)]
        join = chrome.editorial(build.settings, build.partners, "join", renderer.edition)
        html = renderer.render_template(
            "home.html", page_url, hero=Markup(hero), text=Markup(text), join=join, **build.home
        )
    return html


def finish_build(build: Build) -> None:
    """Every page is rendered: keep what the next build may reuse."""
    close_store()
    close_chart_store()


def over_budget(build: Build, site_dir: Path) -> list[str]:
    """French messages when the built site weighs more than its entries justify (see budget.py)."""
    catalog = build.catalog
    entries = len(build.editions) * (
        len(catalog.members)
        + len(catalog.publications)
        + len(catalog.events)
        + len(catalog.actions)
        + len(catalog.themes)
        + len(catalog.working_groups)
    ) + len(catalog.pages)
    contributed = sum(
        path.stat().st_size for path in (build.root / "content").rglob("*") if path.is_file() and path.suffix != ".md"
    )
    return check_output_budget(site_dir, entries, contributed)


def verify(build: Build, site_dir: Path) -> list[str]:
    """What the built site lacks: pages, listing links, sitemap lines, feed entries."""
    missing = check_completeness(
        expected_pages(list(build.pages.values())), site_dir, read_sitemap(site_dir, build.site_url)
    )
    return missing + missing_feed_entries(build.feeds, site_dir)
