"""Pages of the agenda: upcoming events, filters, yearly archives, one page per event."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from ..content.text import plain_text
from . import urls
from .agenda import AGENDA_FACETS, split
from .facets import Facet
from .catalog import Catalog
from .generated import GeneratedPage, SearchInfo

AGENDA_SCRIPTS = ("assets/javascripts/pdh-filters.js",)


def plan_agenda_pages(catalog: Catalog, facets: dict[str, list[Facet]], now: datetime) -> list[GeneratedPage]:
    parts = split(catalog.events, now)
    index = urls.index(urls.EVENTS)
    listed_in: dict[str, list[str]] = defaultdict(list)
    for event in parts.upcoming:
        listed_in[event.id].append(index)
    pages = [GeneratedPage(
        index, "Agenda", "Conférences, formations, webinaires et rencontres de la Plateforme droits de l'homme et de ses membres.",
        "agenda.html", {"split": parts, "facets": facets, "now": now}, in_nav=True, scripts=AGENDA_SCRIPTS)]
    for year, events in parts.past_by_year.items():
        src = urls.agenda_year(year)
        for event in events:
            listed_in[event.id].append(src)
        pages.append(GeneratedPage(
            src, f"Agenda — archives {year}", f"Les événements passés de la Plateforme droits de l'homme en {year}.",
            "agenda_archive.html", {"year": year, "events": events, "now": now},
            entry=f"archives de l'agenda {year}", listed_in=(index,)))
    for kind, values in facets.items():
        noun = AGENDA_FACETS[kind].lower()
        for facet in values:
            for event in facet.items:
                listed_in[event.id].append(facet.src_uri)
            pages.append(GeneratedPage(
                facet.src_uri, f"Agenda — {noun} : {facet.label}", f"Événements de la Plateforme droits de l'homme — {noun} : {facet.label}.",
                "agenda_facet.html", {"facet": facet, "noun": noun, "split": split(facet.items, now), "now": now},
                entry=f"filtre de l'agenda {noun} « {facet.value} »", listed_in=(index,)))
    for event in catalog.events:
        duties = [*listed_in[event.id], *(urls.member(m) for m in event.organisers),
                  *((urls.action(event.advocacy_action),) if event.advocacy_action else ())]
        members_only = event.audience == "members"
        pages.append(GeneratedPage(
            urls.event(event.id), str(event.title),
            "Événement réservé aux membres de la Plateforme." if members_only or not event.description
            else plain_text(event.description.fr, 300),
            "event.html", {"event": event, "now": now}, og_type="article",
            entry=f"événement « {event.id} »", listed_in=tuple(duties),
            search=SearchInfo("Événement", event.start.isoformat()[:10], (
                ("annee", str(event.start.year)), *(("theme", str(catalog.theme_by_id[t].label)) for t in event.themes),
                *(("membre", str(catalog.member_by_id[m].name)) for m in event.organisers)))))
    return pages
