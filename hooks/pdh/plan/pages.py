"""Every page the build generates from the data, per edition, in a stable order."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import datetime
from itertools import islice

from ..content.model import Event, Markdown, Text
from ..content.settings import Settings
from ..content.text import plain_text
from .agenda import split
from .agenda_pages import plan_agenda_pages
from .catalog import Catalog
from .edition import Edition
from .facets import SiteFacets
from .feedplan import Feed
from .figures import POSITION_TYPE, Figures
from .generated import GeneratedPage, SearchInfo
from .library import FACET_KINDS, AttachmentInfo, PublicationItem, publication_item
from .library_pages import plan_action_pages, plan_library_pages
from .logos import Logo
from .member_pages import plan_member_pages
from .urls import FR


def plan_pages(
    catalog: Catalog,
    facets: SiteFacets,
    logos: dict[str, Logo],
    attachments: dict[str, AttachmentInfo],
    settings: Settings,
    now: datetime,
    press_files: dict[str, tuple[int, tuple[int, int] | None]],
    fulltexts: dict[str, dict[str, str | None]],
    ed: Edition,
    site_url: str,
    feeds: list[Feed],
    figures: Figures,
) -> list[GeneratedPage]:
    pages = [
        *plan_member_pages(catalog, logos, ed),
        *plan_library_pages(catalog, facets.library, attachments, settings, fulltexts, ed, site_url),
        *plan_action_pages(catalog, ed),
        *plan_agenda_pages(catalog, facets.agenda, now, ed),
        plan_press_page(catalog, press_files, ed, feeds, figures, attachments),
        plan_feeds_page(feeds, catalog.events, facets, now, ed, site_url),
        plan_search_page(ed),
    ]
    # The sections of the menu are found by their name (« presse » finds the press room): their heading
    # and lead are indexed, their lists of entries are not (each entry is indexed on its own page).
    pages = [
        replace(page, search=SearchInfo(ed._("Rubrique"))) if page.in_nav and page.search is None else page
        for page in pages
    ]
    seen: set[str] = set()
    for page in pages:
        if page.src_uri in seen:
            raise ValueError(f"two generated pages at {page.src_uri}")
        seen.add(page.src_uri)
    return _distinct_titles(pages)


def _distinct_titles(pages: list[GeneratedPage]) -> list[GeneratedPage]:
    """No two pages of an edition share a <title> (a tab, a bookmark, a search result must tell them
    apart): an action named after its publication becomes « … — Action de plaidoyer » and « … — Publication »."""
    by_title: dict[str, list[int]] = defaultdict(list)
    for index, page in enumerate(pages):
        by_title[page.title].append(index)
    out = list(pages)
    for title, indexes in by_title.items():
        if len(indexes) < 2:
            continue
        kinds = [search.kind if search else "" for search in (pages[i].search for i in indexes)]
        for i, kind in zip(indexes, kinds, strict=True):
            suffix = (
                kind if kind and kinds.count(kind) == 1 else pages[i].src_uri.removesuffix(".md").rsplit("/", 1)[-1]
            )
            out[i] = replace(pages[i], title=f"{title} — {suffix}")
    return out


def plan_press_page(
    catalog: Catalog,
    press_files: dict[str, tuple[int, tuple[int, int] | None]],
    ed: Edition,
    feeds: list[Feed],
    figures: Figures,
    attachments: dict[str, AttachmentInfo],
) -> GeneratedPage:
    """The press room: contacts, releases, latest positions, the main feeds and the press kit built from the data
    (the boilerplate paragraph, the dated figures, the logos with their sizes and rules, documents and credits)."""
    organisation = catalog.coalition

    def latest(kind: str, count: int) -> list[PublicationItem]:  # newest first: the scan stops at the count-th found
        return [
            publication_item(catalog, p, attachments)
            for p in islice((p for p in catalog.publications if p.meta.type == kind), count)
        ]

    releases, positions = latest("communique-de-presse", 10), latest(POSITION_TYPE, 3)
    releases_feed = f"{ed.paths.feed_folder()}/{ed.paths.feed_key('publications/type/communique-de-presse')}"
    kit = [
        {
            "src": f.file,
            "title": Text(**f.title),
            "lang": f.lang,
            "size": ed.lang.file_size(press_files[f.file][0]),
            "pixels": press_files[f.file][1],
            "kind": f.file.rsplit(".", 1)[-1].upper(),
            "credit": Text(**f.credit) if f.credit else None,
        }
        for f in organisation.press_kit
    ]
    about = ed.text(Markdown(**organisation.about)) if organisation.about else None
    return GeneratedPage(
        ed.paths.index(ed.paths.PRESS),
        ed._("Espace presse"),
        ed._("Communiqués, contact presse, flux RSS et Atom, présentation et logo %(of_org)s."),
        "presse.html",
        {
            "releases": releases,
            "positions": positions,
            "figures": figures,
            "logos": [f for f in kit if f["kind"] in ("SVG", "PNG", "JPG", "JPEG", "WEBP")],
            "documents": [f for f in kit if f["kind"] not in ("SVG", "PNG", "JPG", "JPEG", "WEBP")],
            "credits": [f for f in kit if f["credit"]],
            "logo_rules": ed.text(Markdown(**organisation.logo_rules)) if organisation.logo_rules else None,
            "about": about,
            "about_text": plain_text(about.text, 2000) if about else "",
            "press_contacts": {
                "coalition": catalog.press_contacts.get(organisation.id, ()),
                "members": [
                    (m, catalog.press_contacts[m.id]) for m in catalog.members if m.id in catalog.press_contacts
                ],
            },
            "feeds": [feed for feed in feeds if not feed.kind or feed.info.id == releases_feed],
            "calendar": ed.paths.calendar() if catalog.events else None,
        },
        in_nav=True,
        scripts=("assets/javascripts/pdh-copy.js",),
        lang=ed.code,
        key=FR.index(FR.PRESS),
    )


def plan_feeds_page(
    feeds: list[Feed], events: tuple[Event, ...], facets: SiteFacets, now: datetime, ed: Edition, site_url: str
) -> GeneratedPage:
    """« Flux et calendriers »: every feed and calendar of the edition with its latest three titles
    (the next three events for a calendar), and how to subscribe in common readers."""

    def latest(feed: Feed) -> list[tuple[str, str]]:
        return [(entry.title, entry.url.removeprefix(site_url)) for entry in feed.entries[:3]]

    def upcoming(events: tuple[Event, ...]) -> list[Event]:
        return [e for e in split(events, now).upcoming if e.status != "cancelled"][:3]

    paths, _ = ed.paths, ed._
    groups = [
        (
            _("Publications par %(criterion)s") % {"criterion": ed._(label).lower()},
            [(feed, latest(feed)) for feed in feeds if feed.kind == kind],
        )
        for kind, (_folder, label) in FACET_KINDS.items()
    ]
    calendars = [
        (_("Tout l'agenda"), [(_("Tous les événements publics"), paths.calendar(), upcoming(events))]),
        (
            _("Par type d'événement"),
            [
                (facet.label, paths.calendar("type", facet.value), upcoming(facet.items))
                for facet in facets.agenda["type"]
            ],
        ),
        (
            _("Par organisateur"),
            [
                (facet.label, paths.calendar("membre", facet.value), upcoming(facet.items))
                for facet in facets.agenda["organisateur"]
            ],
        ),
    ]
    return GeneratedPage(
        paths.index(paths.FEEDS),
        _("Flux et calendriers"),
        _(
            "Tous les flux RSS, Atom et JSON Feed et les calendriers %(of_org)s, avec leurs derniers titres, et comment s'y abonner."
        ),
        "flux.html",
        {
            "main": [(feed, latest(feed)) for feed in feeds if not feed.kind],
            "groups": [(label, group) for label, group in groups if group],
            "calendars": [(label, group) for label, group in calendars if group] if events else [],
        },
        search=SearchInfo(_("Rubrique")),
        scripts=("assets/javascripts/pdh-copy.js",),
        lang=ed.code,
        key=FR.index(FR.FEEDS),
    )


def plan_search_page(ed: Edition) -> GeneratedPage:
    """The results page: /recherche/?q=… reproduces a search; without JavaScript it offers the lists."""
    return GeneratedPage(
        ed.paths.index(ed.paths.SEARCH),
        ed._("Recherche"),
        ed._("Rechercher dans tout le site %(of_org)s."),
        "search.html",
        {},
        scripts=("assets/javascripts/pdh-search-results.js",),
        lang=ed.code,
        key=FR.index(FR.SEARCH),
    )
