"""The agenda: upcoming and past events as of the build's clock, facets, dates in French."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..content.i18n import N_, Lang
from ..content.model import EVENT_TYPES, Event
from .catalog import Catalog
from .edition import Edition
from .facets import Facet, by_label

PARIS_ZONE = "Europe/Paris"
AGENDA_FACETS = {"type": N_("Type"), "theme": N_("Thème"), "organisateur": N_("Organisateur")}
MEMBERS_ONLY = N_("Événement réservé aux membres %(of_short)s.")  # all the calendars, JSON-LD and links say of one


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
    upcoming: tuple[Event, ...]  # soonest first
    past_by_year: dict[int, tuple[Event, ...]]  # most recent first within a year


def split(events: tuple[Event, ...], now: datetime) -> Split:
    """Upcoming events first by date; past ones grouped by year of their start."""
    upcoming = tuple(sorted((e for e in events if is_upcoming(e, now)), key=lambda e: (starts_at(e), e.id)))
    past: dict[int, list[Event]] = defaultdict(list)
    for event in sorted(
        (e for e in events if not is_upcoming(e, now)), key=lambda e: (starts_at(e), e.id), reverse=True
    ):
        past[event.start.year].append(event)
    return Split(upcoming, {year: tuple(items) for year, items in sorted(past.items(), reverse=True)})


def agenda_facets(catalog: Catalog, ed: Edition) -> dict[str, list[Facet[Event]]]:
    """Filter values in use (type, theme, organiser), each with its events in date order."""
    grouped: dict[str, dict[str, list[Event]]] = {kind: defaultdict(list) for kind in AGENDA_FACETS}
    for event in catalog.events:
        grouped["type"][event.type].append(event)
        for theme in event.themes:
            grouped["theme"][theme].append(event)
        for member in event.organisers:
            grouped["organisateur"][member].append(event)
    labels: dict[str, Callable[[str], str | tuple[str, str]]] = {
        "type": lambda v: ed._(EVENT_TYPES[v]).capitalize(),
        "theme": lambda v: ed.label(catalog.theme_by_id[v].label),
        "organisateur": lambda v: ed.label(catalog.member_by_id[v].name),
    }

    return {
        kind: by_label(
            Facet.labelled(kind, value, labels[kind](value), ed.paths.agenda_facet(kind, value), tuple(items))
            for value, items in values.items()
        )
        for kind, values in grouped.items()
    }


def when(event: Event, lang: Lang) -> str:
    """« jeudi 11 février 2027, de 18 h 00 à 19 h 30 (heure de Paris) », and the other shapes, in `lang`.

    An event held in another time zone gives its local time, then Paris time, where most readers are:
    « jeudi 12 mars 2026, de 10 h 00 à 12 h 00 (heure de Bogota ; de 16 h 00 à 18 h 00, heure de Paris) ».
    """
    _, zone = lang._, ZoneInfo(event.timezone)
    start, end = event.start, event.end
    if not isinstance(start, datetime):
        if end is None or end == start:
            return lang.day(start)
        return _("du %(start)s au %(end)s") % {"start": lang.day(start), "end": lang.day(end)}
    assert end is None or isinstance(end, datetime)  # an end has its start's form (checked when loading)
    local = _span(start.astimezone(zone), end.astimezone(zone) if end else None, lang)
    if event.timezone == PARIS_ZONE:
        return _("%(when)s (heure de Paris)") % {"when": local}
    paris = _span(
        start.astimezone(ZoneInfo(PARIS_ZONE)),
        end.astimezone(ZoneInfo(PARIS_ZONE)) if end else None,
        lang,
        same_day=start.astimezone(zone).date(),
    )
    return _("%(when)s (%(zone)s ; %(paris)s, heure de Paris)") % {
        "when": local,
        "zone": zone_label(event, lang),
        "paris": paris,
    }


def _span(start: datetime, end: datetime | None, lang: Lang, same_day: date | None = None) -> str:
    """« jeudi 11 février 2027 à 18 h 00 », « …, de 18 h 00 à 19 h 30 », « du … à … au … à … »; with
    `same_day`, the day is left out when it is that day (« de 16 h 00 à 18 h 00 »)."""
    _ = lang._
    day = "" if same_day == start.date() else lang.day(start.date())
    if end is None:
        if not day:
            return _("à %(time)s") % {"time": lang.time(start)}
        return _("%(day)s à %(time)s") % {"day": day, "time": lang.time(start)}
    if end.date() == start.date():
        if not day:
            return _("de %(start)s à %(end)s") % {"start": lang.time(start), "end": lang.time(end)}
        return _("%(day)s, de %(start)s à %(end)s") % {"day": day, "start": lang.time(start), "end": lang.time(end)}
    return _("du %(start_day)s à %(start)s au %(end_day)s à %(end)s") % {
        "start_day": lang.day(start.date()),
        "start": lang.time(start),
        "end_day": lang.day(end.date()),
        "end": lang.time(end),
    }


def facts(event: Event, lang: Lang) -> str:
    """« Conférence — jeudi 10 décembre 2026, de 10 h 00 à 12 h 00 (heure de Paris) — Salle…, Paris. »: what a public
    event without a description is, for its page's description (search engines, link previews)."""
    where = place(event, lang) or (lang._("En ligne") if event.online_url else "")
    parts = [lang._(EVENT_TYPES[event.type]).capitalize(), when(event, lang), where]
    return " — ".join(part for part in parts if part) + "."


def place(event: Event, lang: Lang) -> str:
    """Venue, address, city, and the country when it is not France."""
    parts = []
    if event.place:
        where = event.place
        parts = [p for p in (where.venue, where.address, where.city) if p]
        if where.country != "FR":
            parts.append(lang.country(where.country))
    return ", ".join(parts)


def deadline(event: Event, lang: Lang) -> str:
    """The registration deadline as readers say it, in the event's zone."""
    value = event.registration.deadline if event.registration else None
    assert value is not None  # asked only of an event with a registration deadline
    if isinstance(value, datetime):
        local = value.astimezone(ZoneInfo(event.timezone))
        return lang._("%(day)s à %(time)s") % {"day": lang.date(local.date()), "time": lang.time(local)}
    return lang.date(value)


def zone_label(event: Event, lang: Lang) -> str:
    """« heure de Paris », « heure de Bogota » (the zone's city, as the IANA name writes it)."""
    if event.timezone == PARIS_ZONE:
        return lang._("heure de Paris")
    city = event.timezone.rsplit("/", 1)[-1].replace("_", " ")
    return lang._("heure de %(city)s") % {"city": city}


def full_location(event: Event, lang: Lang) -> str:
    """« lieu, adresse, ville, pays », and the online link when there is one (calendar files and links)."""
    place = event.place
    where = (
        ", ".join(part for part in (place.venue, place.address, place.city, lang.country(place.country)) if part)
        if place
        else ""
    )
    if where and event.online_url:
        return lang._("%(place)s — en ligne : %(url)s") % {"place": where, "url": event.online_url}
    return where or event.online_url or ""
