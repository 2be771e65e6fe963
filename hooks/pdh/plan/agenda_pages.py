"""Pages of the agenda: upcoming events, filters, yearly archives, one page per event."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

from ..content.load import EVENTS
from ..content.model import EVENT_TYPES, Event
from ..content.text import plain_text
from .agenda import AGENDA_FACETS, deadline, facts, is_upcoming, registration_open, split, starts_at
from .catalog import Catalog
from .edition import Edition
from .facets import Facet
from .generated import Card, GeneratedPage, SearchInfo
from .sources import entry_source
from .urls import FR

AGENDA_SCRIPTS = ("assets/javascripts/pdh-filters.js",)


def plan_agenda_pages(
    catalog: Catalog, facets: dict[str, list[Facet[Event]]], now: datetime, ed: Edition
) -> list[GeneratedPage]:
    paths, _ = ed.paths, ed._
    parts = split(catalog.events, now)
    index = paths.index(paths.EVENTS)
    listed_in: dict[str, list[str]] = defaultdict(list)
    for event in parts.upcoming:
        listed_in[event.id].append(index)
    pages = [
        GeneratedPage(
            index,
            _("Agenda"),
            _("Conférences, formations, webinaires et rencontres %(of_org)s et de ses membres."),
            "agenda.html",
            {
                "split": parts,
                "facets": facets,
                "facet_kinds": [(kind, _(label)) for kind, label in AGENDA_FACETS.items()],
            },
            in_nav=True,
            scripts=AGENDA_SCRIPTS,
            lang=ed.code,
            key=FR.index(FR.EVENTS),
        )
    ]
    for year, events in parts.past_by_year.items():
        src = paths.agenda_year(year)
        for event in events:
            listed_in[event.id].append(src)
        pages.append(
            GeneratedPage(
                src,
                _("Agenda — archives %(year)s") % {"year": year},
                _("Les événements passés %(of_org)s en %(year)s.") % {"year": year},
                "agenda_archive.html",
                {"year": year, "events": events},
                entry=f"archives de l'agenda {year}",
                listed_in=(index,),
                lang=ed.code,
                key=FR.agenda_year(year),
            )
        )
    for kind, values in facets.items():
        noun = _(AGENDA_FACETS[kind]).lower()
        for facet in values:
            for event in facet.items:
                listed_in[event.id].append(facet.src_uri)
            pages.append(
                GeneratedPage(
                    facet.src_uri,
                    _("Agenda — %(noun)s : %(label)s") % {"noun": noun, "label": facet.label},
                    _("Événements %(of_org)s — %(noun)s : %(label)s.") % {"noun": noun, "label": facet.label},
                    "agenda_facet.html",
                    {"facet": facet, "noun": noun, "split": split(facet.items, now)},
                    entry=f"filtre de l'agenda {AGENDA_FACETS[kind].lower()} « {facet.value} »",
                    listed_in=(index,),
                    lang=ed.code,
                    key=FR.agenda_facet(kind, facet.value),
                )
            )
    pages += [_event_page(catalog, event, now, ed, listed_in[event.id]) for event in catalog.events]
    return pages


def _event_page(catalog: Catalog, event: Event, now: datetime, ed: Edition, listed_in: list[str]) -> GeneratedPage:
    paths, _ = ed.paths, ed._
    duties = [
        *listed_in,
        *(paths.member(m) for m in event.organisers),
        *((paths.action(event.advocacy_action),) if event.advocacy_action else ()),
    ]
    members_only = event.audience == "members"
    organisers = [catalog.member_by_id[m] for m in event.organisers]
    return GeneratedPage(
        paths.event(event.id),
        ed.text(event.title).text,
        _("Événement réservé aux membres %(of_short)s.")
        if members_only
        else plain_text(ed.text(event.description).text, 300)
        if event.description
        else facts(event, ed.lang),
        "event.html",
        {
            "event": event,
            "organisers": organisers,
            "group": catalog.group_by_id[event.working_group] if event.working_group else None,
            "themes": [catalog.theme_by_id[t] for t in event.themes],
            "action": catalog.action_by_id[event.advocacy_action] if event.advocacy_action else None,
            "publications": [catalog.publication_by_id[p] for p in event.publications],
            "registration_open": registration_open(event, now),
            "ended": not is_upcoming(event, now),
            "deadline": deadline(event, ed.lang) if event.registration and event.registration.deadline else "",
        },
        og_type="article",
        entry=f"événement « {event.id} »",
        listed_in=tuple(duties),
        source=entry_source(catalog.lines, EVENTS.file, event.id),
        card=Card(
            _(EVENT_TYPES[event.type]).capitalize(),
            ed.text(event.title).text,
            ed.lang.day(starts_at(event).astimezone(ZoneInfo(event.timezone)).date()),
        ),
        search=SearchInfo(
            _("Événement"),
            event.start.isoformat()[:10],
            (
                ("annee", str(event.start.year)),
                *(("theme", ed.text(catalog.theme_by_id[t].label).text) for t in event.themes),
                *(("membre", ed.text(m.name).text) for m in organisers),
            ),
        ),
        scripts=("assets/javascripts/pdh-copy.js",),
        lang=ed.code,
        key=FR.event(event.id),
    )
