"""Pages of the publication library and of the advocacy actions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..content.load import ACTIONS
from ..content.model import PUBLICATION_TYPES, AdvocacyAction, Publication
from ..content.settings import Settings
from ..content.text import plain_text
from .catalog import Catalog
from .edition import Edition
from .facets import Facet
from .generated import Card, GeneratedPage, SearchInfo
from .library import (
    FACET_KINDS,
    NAV_TYPES,
    AttachmentInfo,
    PublicationItem,
    author_names,
    bibtex,
    citation,
    facet_values,
    pager_window,
    paginate,
    profile_publications,
    publication_items,
    related,
)
from .sources import entry_source, publication_source
from .urls import FR, src_to_url

LIBRARY_SCRIPTS = ("assets/javascripts/pdh-filters.js",)


def _publication_filters(
    publication: Publication, facets: dict[str, list[Facet[Publication]]], organisation: str
) -> tuple[tuple[str, str], ...]:
    """Search filters with the labels readers see (« Droits des femmes », « Colombie »)."""
    labels = {(kind, f.value): f.label for kind, values in facets.items() for f in values}
    return tuple(
        (kind, labels[(kind, value)])
        for kind, values in facet_values(publication, organisation).items()
        if kind != "langue"
        for value in values
    )


class _Listings:
    """The paginated listings of one edition, and which listing pages link each publication."""

    def __init__(
        self,
        facets: dict[str, list[Facet[Publication]]],
        settings: Settings,
        ed: Edition,
        items: dict[str, PublicationItem],
    ) -> None:
        self.facets, self.settings, self.ed, self.items = facets, settings, ed, items
        self.listed_in: dict[str, list[str]] = defaultdict(list)
        self.pages: list[GeneratedPage] = []

    def add(
        self,
        items: tuple[Publication, ...],
        src_of: Callable[[int], str],
        key_of: Callable[[int], str],
        title: str,
        description: str,
        facet: Facet[Publication] | None,
        in_nav: bool,
        noun: str = "",
    ) -> None:
        """A listing; a facet's is one page, its latest publications (the filtered library has them all)."""
        size = self.settings.page_size
        chunks = [items[:size]] if facet else paginate(items, size)
        first = self.ed.paths.publications_page(1)
        for number, chunk in enumerate(chunks, start=1):
            src = src_of(number)
            for publication in chunk:
                self.listed_in[publication.id].append(src)
            self.pages.append(
                GeneratedPage(
                    src,
                    title
                    if number == 1
                    else self.ed._("%(title)s — page %(number)s") % {"title": title, "number": number},
                    description,
                    "library.html",
                    {
                        "items": [self.items[p.id] for p in chunk],
                        "facets": self.facets,
                        "facet": facet,
                        "number": number,
                        "pager": [(n, src_of(n) if n else None) for n in pager_window(number, len(chunks))]
                        if len(chunks) > 1
                        else [],
                        "previous": src_of(number - 1) if number > 1 else None,
                        "next": src_of(number + 1) if number < len(chunks) else None,
                        "total": len(items),
                        "title": title,
                        "noun": noun,
                        "page_size": size,
                        "facet_kinds": [(kind, self.ed._(label)) for kind, (_, label) in FACET_KINDS.items()],
                    },
                    in_nav=in_nav and number == 1,
                    scripts=LIBRARY_SCRIPTS if not facet and number == 1 else (),
                    # Each page is reachable: page n from page n-1, a facet's first page from the library.
                    entry=f"liste « {title} », page {number}" if number > 1 or facet else "",
                    listed_in=(src_of(number - 1),) if number > 1 else ((first,) if facet else ()),
                    lang=self.ed.code,
                    key=key_of(number),
                )
            )


def plan_library_pages(
    catalog: Catalog,
    facets: dict[str, list[Facet[Publication]]],
    attachments: dict[str, AttachmentInfo],
    settings: Settings,
    fulltexts: dict[str, dict[str, str | None]],
    ed: Edition,
    site_url: str,
) -> list[GeneratedPage]:
    """The library (paginated), one page per facet value (its latest publications), one page per publication."""
    paths, _ = ed.paths, ed._
    items = publication_items(catalog, attachments)
    listings = _Listings(facets, settings, ed, items)
    listings.add(
        catalog.publications,
        paths.publications_page,
        FR.publications_page,
        _("Publications"),
        _("Notes de position, rapports, déclarations, communiqués et outils %(of_org)s et de ses membres."),
        None,
        True,
    )
    for kind, values in facets.items():
        noun = _(FACET_KINDS[kind][1]).lower()
        for facet in values:
            nav = kind == "type" and facet.value in NAV_TYPES
            title = (
                _(NAV_TYPES[facet.value])
                if nav
                else _("Publications — %(noun)s : %(label)s") % {"noun": noun, "label": facet.label}
            )

            def src_of(n: int, f: Facet[Publication] = facet) -> str:  # a facet's listing is one page
                return paths.publications_facet(f.kind, f.value)

            def key_of(n: int, f: Facet[Publication] = facet) -> str:
                return FR.publications_facet(f.kind, f.value)

            listings.add(
                facet.items,
                src_of,
                key_of,
                title,
                _("Publications %(of_org)s — %(noun)s : %(label)s.") % {"noun": noun, "label": facet.label},
                facet,
                nav,
                "" if nav else noun,
            )
    neighbours = related(catalog)
    pages, own = listings.pages, catalog.coalition.id
    for publication in catalog.publications:
        meta = publication.meta
        duties = [
            *listings.listed_in[publication.id],
            *(
                paths.member(m)
                for m in dict.fromkeys([*meta.authors, *meta.signatories])
                if m != own and any(p.id == publication.id for p in profile_publications(catalog, m))
            ),
            *((paths.action(meta.advocacy_action),) if meta.advocacy_action else ()),
        ]
        url = site_url + src_to_url(paths.publication(publication.id))
        written_in = meta.languages[0]
        pages.append(
            GeneratedPage(
                paths.publication(publication.id),
                ed.text(meta.title, written_in).text,
                plain_text(ed.text(meta.summary, written_in).text, 300),
                "publication.html",
                {
                    "publication": publication,
                    "related": [items[p.id] for p in neighbours[publication.id]],
                    "attachments": [(attachments[a.file], a) for a in meta.attachments],
                    "fulltext": fulltexts.get(publication.id, {}),
                    "written_in": written_in,
                    "body": ed.body(publication),
                    "authors": [(a, None if a == own else catalog.member_by_id[a]) for a in meta.authors],
                    "author_names": author_names(catalog, meta.authors),
                    "signatories": [catalog.member_by_id[m] for m in meta.signatories],
                    "themes": [catalog.theme_by_id[t] for t in meta.themes],
                    "groups": [catalog.group_by_id[g] for g in meta.working_groups],
                    "action": catalog.action_by_id[meta.advocacy_action] if meta.advocacy_action else None,
                    "events": catalog.events_by_publication.get(publication.id, ()),
                    "citation": citation(catalog, publication, url, ed),
                    "bibtex": bibtex(catalog, publication, url),
                },
                og_type="article",
                entry=f"publication « {publication.id} »",
                listed_in=tuple(duties),
                source=publication_source(publication.source, publication.translations, ed.code),
                search=SearchInfo(
                    _("Publication"), meta.date.isoformat(), _publication_filters(publication, facets, own)
                ),
                card=Card(
                    _(PUBLICATION_TYPES[meta.type]).capitalize(),
                    ed.text(meta.title, written_in).text,
                    ed.lang.date(meta.date),
                ),
                scripts=("assets/javascripts/pdh-copy.js",),
                lang=ed.code,
                key=FR.publication(publication.id),
            )
        )
    return pages


def plan_action_pages(catalog: Catalog, ed: Edition) -> list[GeneratedPage]:
    """The advocacy actions, year by year, and one page per action."""
    paths, _ = ed.paths, ed._
    pages: list[GeneratedPage] = []
    actions_index = paths.actions_index()
    by_year: dict[int, list[AdvocacyAction]] = defaultdict(list)
    for action in catalog.actions:
        by_year[action.start.year].append(action)
    setting = catalog.measurements.settings.get("plaidoyer")  # the indicator's target (data/indicators.yaml)
    target = setting.target if setting else None
    pages.append(
        GeneratedPage(
            actions_index,
            _("Plaidoyer"),
            _("Les actions de plaidoyer coordonnées %(of_org)s, année par année."),
            "actions.html",
            {"by_year": sorted(by_year.items(), reverse=True), "target": target},
            in_nav=True,
            lang=ed.code,
            key=FR.actions_index(),
        )
    )
    items = publication_items(catalog)
    for action in catalog.actions:
        members = [catalog.member_by_id[m] for m in action.members]
        pages.append(
            GeneratedPage(
                paths.action(action.id),
                ed.text(action.title).text,
                plain_text(ed.text(action.objective).text, 300),
                "action.html",
                {
                    "action": action,
                    "members": members,
                    "publications": [items[p.id] for p in catalog.publications_by_action.get(action.id, ())],
                    "events": catalog.events_by_action.get(action.id, ()),
                },
                og_type="article",
                entry=f"action de plaidoyer « {action.id} »",
                source=entry_source(catalog.lines, ACTIONS.file, action.id),
                search=SearchInfo(
                    _("Action de plaidoyer"),
                    action.start.isoformat(),
                    (("annee", str(action.start.year)), *(("membre", ed.text(m.name).text) for m in members)),
                ),
                listed_in=(actions_index, *(paths.member(m) for m in action.members)),
                lang=ed.code,
                key=FR.action(action.id),
            )
        )
    return pages
