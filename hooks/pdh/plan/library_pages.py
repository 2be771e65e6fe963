"""Pages of the publication library and of the advocacy actions."""
from __future__ import annotations

from collections import defaultdict

from ..content.model import PLATFORM_ID
from ..content.settings import Settings
from ..content.text import plain_text
from . import urls
from .catalog import Catalog
from .facets import Facet
from .generated import GeneratedPage, SearchInfo
from .library import FACET_KINDS, NAV_TYPES, AttachmentInfo, facet_values, paginate, related

LIBRARY_SCRIPTS = ("assets/javascripts/pdh-filters.js",)


def _publication_filters(catalog: Catalog, publication, facets) -> tuple[tuple[str, str], ...]:
    """Search filters with the labels readers see (« Droits des femmes », « Colombie »)."""
    labels = {(kind, f.value): f.label for kind, values in facets.items() for f in values}
    return tuple((kind, labels[(kind, value)]) for kind, values in facet_values(publication).items()
                 if kind != "langue" for value in values)


def plan_library_pages(catalog: Catalog, facets: dict[str, list[Facet]], attachments: dict[str, AttachmentInfo],
                       settings: Settings, fulltexts: dict[str, dict[str, str | None]]) -> list[GeneratedPage]:
    """The library (paginated), one page per facet value (paginated), one page per publication."""
    listed_in: dict[str, list[str]] = defaultdict(list)
    pages: list[GeneratedPage] = []

    def listing(items: tuple, src_of, title: str, description: str, facet: Facet | None, in_nav: bool) -> None:
        chunks = paginate(items, settings.page_size)
        for number, chunk in enumerate(chunks, start=1):
            src = src_of(number)
            for publication in chunk:
                listed_in[publication.id].append(src)
            pages.append(GeneratedPage(
                src, title if number == 1 else f"{title} — page {number}", description, "library.html",
                {"items": chunk, "facets": facets, "facet": facet, "number": number, "pages": [src_of(n) for n in range(1, len(chunks) + 1)],
                 "total": len(items)},
                in_nav=in_nav and number == 1, scripts=LIBRARY_SCRIPTS,
                # Each page is reachable: page n from page n-1, a facet's first page from the library.
                entry=f"liste « {title} », page {number}" if number > 1 or facet else "",
                listed_in=(src_of(number - 1),) if number > 1 else ((urls.publications_page(1),) if facet else ())))

    listing(catalog.publications, urls.publications_page, "Publications",
            "Notes de position, rapports, déclarations, communiqués et outils de la Plateforme droits de l'homme et de ses membres.",
            None, True)
    for kind, values in facets.items():
        noun = FACET_KINDS[kind][1].lower()
        for facet in values:
            title = NAV_TYPES.get(facet.value) if kind == "type" and facet.value in NAV_TYPES else f"Publications — {noun} : {facet.label}"
            listing(facet.items, lambda n, f=facet: urls.publications_facet(f.kind, f.value, n), title,
                    f"Publications de la Plateforme droits de l'homme — {noun} : {facet.label}.", facet,
                    kind == "type" and facet.value in NAV_TYPES)

    neighbours = related(catalog)
    for publication in catalog.publications:
        meta = publication.meta
        duties = [*listed_in[publication.id],
                  *(urls.member(m) for m in dict.fromkeys([*meta.authors, *meta.signatories]) if m != PLATFORM_ID),
                  *((urls.action(meta.advocacy_action),) if meta.advocacy_action else ())]
        pages.append(GeneratedPage(
            urls.publication(publication.id), str(meta.title), plain_text(meta.summary.fr, 300),
            "publication.html", {"publication": publication, "related": neighbours[publication.id],
                                 "attachments": [attachments[a.file] for a in meta.attachments],
                                 "fulltext": fulltexts.get(publication.id, {})},
            og_type="article", entry=f"publication « {publication.id} »", listed_in=tuple(duties),
            search=SearchInfo("Publication", meta.date.isoformat(), _publication_filters(catalog, publication, facets)),
            scripts=("assets/javascripts/pdh-copy.js",)))
    return pages


def plan_action_pages(catalog: Catalog) -> list[GeneratedPage]:
    """The advocacy actions, year by year, and one page per action."""
    pages: list[GeneratedPage] = []
    actions_index = urls.actions_index()
    by_year: dict[int, list] = defaultdict(list)
    for action in catalog.actions:
        by_year[action.start.year].append(action)
    pages.append(GeneratedPage(
        actions_index, "Plaidoyer", "Les actions de plaidoyer coordonnées de la Plateforme droits de l'homme, année par année.",
        "actions.html", {"by_year": sorted(by_year.items(), reverse=True)}, in_nav=True))
    for action in catalog.actions:
        pages.append(GeneratedPage(
            urls.action(action.id), str(action.title), plain_text(action.objective.fr, 300), "action.html",
            {"action": action}, og_type="article", entry=f"action de plaidoyer « {action.id} »",
            search=SearchInfo("Action de plaidoyer", action.start.isoformat(), (("annee", str(action.start.year)),
                              *(("membre", str(catalog.member_by_id[m].name)) for m in action.members))),
            listed_in=(actions_index, *(urls.member(m) for m in action.members))))
    return pages
