"""The agenda: upcoming and past events as of the build's clock, facets, dates in French."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..content import geo
from ..content.dates import MONTHS_FR
from ..content.model import EVENT_TYPES, Event
from . import urls
from .catalog import Catalog
from .facets import Facet

DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
AGENDA_FACETS = {"type": "Type", "theme": "Thème", "organisateur": "Organisateur"}


def ends_at(event: Event) -> datetime:
    """The instant the event is over: its end, else its start; a day lasts until midnight in its zone."""
    last = event.end or event.start
    if isinstance(last, datetime):
        return last
    return datetime.combine(last + timedelta(days=1), time(0, 0), tzinfo=ZoneInfo(event.timezone))


def starts_at(event: Event) -> datetime:
    if isinstance(event.start, datetime):
        return event.start
    return datetime.combine(event.start, time(0, 0), tzinfo=ZoneInfo(event.timezone))


def deadline_at(event: Event) -> datetime | None:
    deadline = event.registration.deadline if event.registration else None
    if deadline is None or isinstance(deadline, datetime):
        return deadline
    return datetime.combine(deadline + timedelta(days=1), time(0, 0), tzinfo=ZoneInfo(event.timezone))


def is_upcoming(event: Event, now: datetime) -> bool:
    return ends_at(event) > now


def registration_open(event: Event, now: datetime) -> bool:
    """Show the « s'inscrire » call until the deadline, for events still to come and not cancelled."""
    if not event.registration or event.status == "cancelled" or not is_upcoming(event, now):
        return False
    deadline = deadline_at(event)
    return deadline is None or now < deadline


@dataclass(frozen=True)
class Split:
    upcoming: tuple[Event, ...]                    # soonest first
    past_by_year: dict[int, tuple[Event, ...]]     # most recent first within a year


def split(events: tuple[Event, ...], now: datetime) -> Split:
    """Upcoming events first by date; past ones grouped by year of their start."""
    upcoming = tuple(sorted((e for e in events if is_upcoming(e, now)), key=lambda e: (starts_at(e), e.id)))
    past: dict[int, list[Event]] = defaultdict(list)
    for event in sorted((e for e in events if not is_upcoming(e, now)), key=lambda e: (starts_at(e), e.id), reverse=True):
        past[event.start.year].append(event)
    return Split(upcoming, {year: tuple(items) for year, items in sorted(past.items(), reverse=True)})


def agenda_facets(catalog: Catalog) -> dict[str, list[Facet]]:
    """Filter values in use (type, theme, organiser), each with its events in date order."""
    grouped: dict[str, dict[str, list[Event]]] = {kind: defaultdict(list) for kind in AGENDA_FACETS}
    for event in catalog.events:
        grouped["type"][event.type].append(event)
        for theme in event.themes:
            grouped["theme"][theme].append(event)
        for member in event.organisers:
            grouped["organisateur"][member].append(event)
    labels = {
        "type": lambda v: EVENT_TYPES[v].capitalize(),
        "theme": lambda v: str(catalog.theme_by_id[v].label),
        "organisateur": lambda v: str(catalog.member_by_id[v].name),
    }
    return {kind: sorted((Facet(kind, value, labels[kind](value), urls.agenda_facet(kind, value), tuple(items))
                          for value, items in values.items()),
                         key=lambda f: geo.sort_key(f.label))
            for kind, values in grouped.items()}


def _day_fr(day: date) -> str:
    return f"{DAYS_FR[day.weekday()]} {day.day}{'er' if day.day == 1 else ''} {MONTHS_FR[day.month - 1]} {day.year}"


def _time_fr(moment: datetime) -> str:
    return f"{moment.hour} h {moment.minute:02d}"


def zone_label(event: Event) -> str:
    if event.timezone == "Europe/Paris":
        return "heure de Paris"
    return f"heure locale, {event.timezone}"


def when_fr(event: Event) -> str:
    """« jeudi 11 février 2027, de 18 h 00 à 19 h 30 (heure de Paris) », and the other shapes."""
    zone = ZoneInfo(event.timezone)
    start, end = event.start, event.end
    if not isinstance(start, datetime):
        if end is None or end == start:
            return _day_fr(start)
        return f"du {_day_fr(start)} au {_day_fr(end)}"
    start = start.astimezone(zone)
    if end is None:
        return f"{_day_fr(start.date())} à {_time_fr(start)} ({zone_label(event)})"
    end = end.astimezone(zone)
    if end.date() == start.date():
        return f"{_day_fr(start.date())}, de {_time_fr(start)} à {_time_fr(end)} ({zone_label(event)})"
    return f"du {_day_fr(start.date())} à {_time_fr(start)} au {_day_fr(end.date())} à {_time_fr(end)} ({zone_label(event)})"


def short_date_fr(event: Event) -> str:
    start = event.start.astimezone(ZoneInfo(event.timezone)) if isinstance(event.start, datetime) else event.start
    return f"{start.day:02d}/{start.month:02d}/{start.year}"


def place_fr(event: Event) -> str:
    parts = []
    if event.place:
        place = event.place
        parts = [p for p in (place.venue, place.address, place.city) if p]
        if place.country != "FR":
            parts.append(geo.country_name(place.country))
    return ", ".join(parts)
