"""Files other than pages: calendars (and, with the feeds, what journalists subscribe to)."""
from __future__ import annotations

from datetime import datetime

from ..content.model import EVENT_TYPES
from ..plan import urls
from ..plan.catalog import Catalog
from ..plan.facets import SiteFacets
from . import ics


def calendar_files(catalog: Catalog, facets: SiteFacets, site_url: str, now: datetime) -> dict[str, bytes]:
    """One .ics per event, the public agenda, one calendar per event type and per organising member."""
    def event_url(event) -> str:
        return site_url + urls.src_to_url(urls.event(event.id))

    def organiser_names(event) -> list[str]:
        return [str(catalog.member_by_id[m].name) for m in event.organisers]

    common = {"site_url": site_url, "event_url": event_url, "organiser_names": organiser_names, "stamp": now}
    files = {urls.event_calendar(event.id): ics.render_event(event, **common) for event in catalog.events}
    if catalog.events:
        files[urls.calendar()] = ics.render_calendar(catalog.events, name="Plateforme droits de l'homme — agenda", **common)
    for facet in facets.agenda["type"]:
        files[urls.calendar("type", facet.value)] = ics.render_calendar(
            facet.items, name=f"Plateforme droits de l'homme — {EVENT_TYPES[facet.value]}", **common)
    for facet in facets.agenda["organisateur"]:
        files[urls.calendar("membre", facet.value)] = ics.render_calendar(
            facet.items, name=f"{facet.label} — agenda (Plateforme droits de l'homme)", **common)
    return files
