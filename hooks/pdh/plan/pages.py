"""Every page the build generates from the data, in a stable order."""
from __future__ import annotations

from datetime import datetime

from ..content.settings import Settings
from . import urls
from .agenda_pages import plan_agenda_pages
from .catalog import Catalog
from .facets import SiteFacets
from .generated import GeneratedPage
from .library import AttachmentInfo, file_size_fr
from .library_pages import plan_action_pages, plan_library_pages
from .logos import Logo
from .member_pages import plan_member_pages


def plan_pages(catalog: Catalog, facets: SiteFacets, logos: dict[str, Logo], attachments: dict[str, AttachmentInfo],
               settings: Settings, now: datetime, file_sizes: dict[str, int],
               fulltexts: dict[str, dict[str, str | None]]) -> list[GeneratedPage]:
    pages = [*plan_member_pages(catalog, logos),
             *plan_library_pages(catalog, facets.library, attachments, settings, fulltexts),
             *plan_action_pages(catalog),
             *plan_agenda_pages(catalog, facets.agenda, now), plan_press_page(catalog, file_sizes), plan_search_page()]
    seen: set[str] = set()
    for page in pages:
        if page.src_uri in seen:
            raise ValueError(f"two generated pages at {page.src_uri}")
        seen.add(page.src_uri)
    return pages


def plan_press_page(catalog: Catalog, file_sizes: dict[str, int]) -> GeneratedPage:
    """The press area: releases, contact, every feed, the press kit (sizes read by the caller)."""
    releases = tuple(p for p in catalog.publications if p.meta.type == "communique-de-presse")[:10]
    return GeneratedPage(
        urls.index("presse"), "Espace presse",
        "Communiqués, contact presse, flux RSS et Atom, présentation et logo de la Plateforme droits de l'homme.",
        "presse.html", {"releases": releases, "press_files": {k: file_size_fr(v) for k, v in file_sizes.items()}},
        in_nav=True, scripts=("assets/javascripts/pdh-copy.js",))


def plan_search_page() -> GeneratedPage:
    """The results page: /recherche/?q=… reproduces a search; without JavaScript it offers the lists."""
    return GeneratedPage(urls.index("recherche"), "Recherche", "Rechercher dans tout le site de la Plateforme droits de l'homme.",
                         "search.html", {}, scripts=("assets/javascripts/pdh-search-results.js",))
