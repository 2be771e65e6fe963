"""Every page the build generates from the data, per edition, in a stable order."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import datetime

from ..content.model import Text
from ..content.settings import Settings
from .agenda_pages import plan_agenda_pages
from .catalog import Catalog
from .edition import Edition
from .facets import SiteFacets
from .feedplan import Feed
from .generated import GeneratedPage
from .library import FACET_KINDS, AttachmentInfo, publication_items
from .library_pages import plan_action_pages, plan_library_pages
from .logos import Logo
from .member_pages import plan_member_pages
from .urls import FR


def plan_pages(catalog: Catalog, facets: SiteFacets, logos: dict[str, Logo], attachments: dict[str, AttachmentInfo],
               settings: Settings, now: datetime, file_sizes: dict[str, int],
               fulltexts: dict[str, dict[str, str | None]], ed: Edition, site_url: str, feeds: list[Feed]) -> list[GeneratedPage]:
    pages = [*plan_member_pages(catalog, logos, ed),
             *plan_library_pages(catalog, facets.library, attachments, settings, fulltexts, ed, site_url),
             *plan_action_pages(catalog, ed),
             *plan_agenda_pages(catalog, facets.agenda, now, ed),
             plan_press_page(catalog, file_sizes, ed, feeds, facets, attachments),
             plan_search_page(ed)]
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
        kinds = [pages[i].search.kind if pages[i].search else "" for i in indexes]
        for i, kind in zip(indexes, kinds):
            suffix = kind if kind and kinds.count(kind) == 1 else pages[i].src_uri.removesuffix(".md").rsplit("/", 1)[-1]
            out[i] = replace(pages[i], title=f"{title} — {suffix}")
    return out


def plan_press_page(catalog: Catalog, file_sizes: dict[str, int], ed: Edition, feeds: list[Feed],
                    facets: SiteFacets, attachments: dict[str, AttachmentInfo]) -> GeneratedPage:
    """The press area: releases, contact, every feed, the press kit (sizes read by the caller)."""
    items = publication_items(catalog, attachments)
    releases = [items[p.id] for p in catalog.publications if p.meta.type == "communique-de-presse"][:10]
    return GeneratedPage(
        ed.paths.index(ed.paths.PRESS), ed._("Espace presse"),
        ed._("Communiqués, contact presse, flux RSS et Atom, présentation et logo %(of_org)s."),
        "presse.html", {"releases": releases, "press_kit": [
                            {"src": f.file, "title": Text(**f.title), "lang": f.lang, "size": ed.lang.file_size(file_sizes[f.file]),
                             "kind": f.file.rsplit(".", 1)[-1].upper()} for f in catalog.organisation.press_kit],
                        "about": ed.text(Text(**catalog.organisation.about)) if catalog.organisation.about else None,
                        "feeds": feeds, "facet_kinds": [(kind, ed._(label)) for kind, (_, label) in FACET_KINDS.items()]},
        in_nav=True, scripts=("assets/javascripts/pdh-copy.js",), lang=ed.code, key=FR.index(FR.PRESS))


def plan_search_page(ed: Edition) -> GeneratedPage:
    """The results page: /recherche/?q=… reproduces a search; without JavaScript it offers the lists."""
    return GeneratedPage(ed.paths.index(ed.paths.SEARCH), ed._("Recherche"),
                         ed._("Rechercher dans tout le site %(of_org)s."),
                         "search.html", {}, scripts=("assets/javascripts/pdh-search-results.js",), lang=ed.code,
                         key=FR.index(FR.SEARCH))
