"""Calendars of one edition: one .ics per event, the public agenda, one per event type and per organiser."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

from ..content.i18n import Lang
from ..content.model import EVENT_TYPES, Event
from ..plan.catalog import Catalog
from ..plan.edition import Edition
from ..plan.facets import SiteFacets
from ..plan.urls import src_to_url
from . import ics


class _Common(TypedDict):
    """What every calendar of one edition is rendered with (ics.render_event's and render_calendar's keywords)."""

    site_url: str
    event_url: ics.EventUrl
    organiser_names: ics.OrganiserNames
    stamp: datetime
    lang: Lang
    publisher: str
    rendered: dict[tuple[str, bool], bytes]
    uid_host: str


def calendar_files(
    catalog: Catalog, facets: SiteFacets, site_url: str, now: datetime, ed: Edition, uid_host: str = ""
) -> dict[str, bytes]:
    """Every calendar file of the edition, by source path; UIDs end with `uid_host` (the tag authority)."""
    assert catalog.organisation is not None  # load_catalog always sets it
    paths, _, site = ed.paths, ed._, catalog.organisation.name

    def event_url(event: Event) -> str:
        return site_url + src_to_url(paths.event(event.id))

    def organiser_names(event: Event) -> list[str]:
        return [ed.text(catalog.member_by_id[m].name).text for m in event.organisers]

    common: _Common = {
        "site_url": site_url,
        "event_url": event_url,
        "organiser_names": organiser_names,
        "stamp": now,
        "lang": ed.lang,
        "publisher": site,
        "rendered": {},
        "uid_host": uid_host,
    }  # each VEVENT rendered once for all the edition's calendars
    files = {paths.event_calendar(event.id): ics.render_event(event, **common) for event in catalog.events}
    if catalog.events:
        files[paths.calendar()] = ics.render_calendar(
            catalog.events, name=_("%(site)s — agenda") % {"site": site}, **common
        )
    for facet in facets.agenda["type"]:
        files[paths.calendar("type", facet.value)] = ics.render_calendar(
            facet.items, name=f"{site} — {_(EVENT_TYPES[facet.value])}", **common
        )
    for facet in facets.agenda["organisateur"]:
        files[paths.calendar("membre", facet.value)] = ics.render_calendar(
            facet.items, name=_("%(name)s — agenda (%(site)s)") % {"name": facet.label, "site": site}, **common
        )
    return files
