"""Pages of the agenda."""
from __future__ import annotations

from . import urls
from .catalog import Catalog
from .generated import GeneratedPage


def plan_agenda_pages(catalog: Catalog) -> list[GeneratedPage]:
    return [GeneratedPage(
        urls.event(event.id), str(event.title), f"Événement de la Plateforme droits de l'homme : {event.title}.",
        "event.html", {"event": event}, og_type="article", entry=f"événement « {event.id} »",
        listed_in=tuple(urls.member(m) for m in event.organisers))
        for event in catalog.events]
