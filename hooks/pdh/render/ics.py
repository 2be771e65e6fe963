"""Events → iCalendar (RFC 5545): the agenda subscription and the « ajouter à mon agenda » files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as VEvent
from icalendar.prop import vText

from ..content.i18n import SOURCE, Lang, load_lang
from ..content.model import EVENT_TYPES, Event
from ..plan.agenda import MEMBERS_ONLY, full_location

PRODID = "-//{name}//Site//{code}"  # the coalition's name: extra.pdh.organisation.name
CALENDAR_ZONE = "Europe/Paris"
STATUS = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}

EventUrl = Callable[[Event], str]
OrganiserNames = Callable[[Event], list[str]]


class _Text(vText):
    """A TEXT value escaped exactly as RFC 5545 §3.3.11 says."""

    encoding: str  # set by vText.__new__; icalendar declares it only in __slots__, which mypy does not read

    # icalendar 7.3 reads a literal « \N » in a Python string as a line break
    # (« C:\Nouveau » would come back as « C: » + « ouveau »): escape the backslash first.
    def to_ical(self) -> bytes:
        text = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
        return text.encode(self.encoding)


def render_calendar(
    events: Iterable[Event],
    *,
    name: str,
    site_url: str,
    event_url: EventUrl,
    organiser_names: OrganiserNames,
    stamp: datetime,
    publisher: str,
    public: bool = True,
    lang: Lang | None = None,
    rendered: dict[tuple[str, bool], bytes] | None = None,
    uid_host: str = "",
) -> bytes:
    """One VCALENDAR with a VEVENT per event, sorted by start then id, and the VTIMEZONEs they use.

    With public=True, members-only events keep their date and title and lose everything else.
    `rendered` keeps each VEVENT's bytes for the other calendars of the same build and language
    (an event is in the agenda, its type's calendar, each organiser's and its own file).
    UIDs end with `uid_host` (the site's fixed tag authority, as the feeds' ids): moving the site to
    another address must not duplicate every event in the calendars subscribed to it.
    """
    host = uid_host or urlsplit(site_url).hostname
    if not host:
        raise ValueError(f"site_url sans nom d'hôte : « {site_url} »")
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise ValueError("stamp doit être une date et heure avec fuseau (UTC)")
    stamp = stamp.astimezone(UTC)
    lang = lang or load_lang(SOURCE)

    calendar = Calendar()
    calendar.add("PRODID", PRODID.format(name=publisher.replace("//", "/"), code=lang.code.upper()))
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", _Text(name))
    calendar.add("X-WR-TIMEZONE", CALENDAR_ZONE)
    # How often subscribed applications should fetch it again (RFC 7986, and its older Outlook/Apple name).
    calendar.add("REFRESH-INTERVAL", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", "PT12H")

    rendered = {} if rendered is None else rendered
    parts = []
    for event in sorted(events, key=_sort_key):
        key = (event.id, public and event.audience == "members")
        if key not in rendered:
            rendered[key] = _vevent(
                event,
                host=host,
                event_url=event_url,
                organiser_names=organiser_names,
                stamp=stamp,
                redact=key[1],
                lang=lang,
            ).to_ical()
        parts.append(rendered[key])
    # What Calendar.to_ical writes with the components added: its properties, each VEVENT, its end.
    head: bytes = calendar.to_ical()  # icalendar leaves Component.to_ical unannotated
    end = b"END:VCALENDAR\r\n"
    if not head.endswith(end):
        raise RuntimeError("icalendar a changé sa façon d'écrire un calendrier : revoir render_calendar")
    return head[: -len(end)] + b"".join(parts) + end


def render_event(
    event: Event,
    *,
    site_url: str,
    event_url: EventUrl,
    organiser_names: OrganiserNames,
    stamp: datetime,
    publisher: str,
    public: bool = True,
    name: str | None = None,
    lang: Lang | None = None,
    rendered: dict[tuple[str, bool], bytes] | None = None,
    uid_host: str = "",
) -> bytes:
    """A calendar holding this one event, for the « ajouter à mon agenda » download."""
    lang = lang or load_lang(SOURCE)
    return render_calendar(
        [event],
        name=name or lang.text(event.title).text,
        site_url=site_url,
        event_url=event_url,
        organiser_names=organiser_names,
        stamp=stamp,
        publisher=publisher,
        public=public,
        lang=lang,
        rendered=rendered,
        uid_host=uid_host,
    )


def event_uid(event: Event, host: str, lang: str = SOURCE) -> str:
    """The UID a calendar keeps for this event across every later version of the file (one per language)."""
    return f"{event.id}@{host}" if lang == SOURCE else f"{event.id}.{lang}@{host}"


def _sort_key(event: Event) -> tuple[datetime, str]:
    start = event.start
    if not isinstance(start, datetime):
        # An all-day event starts at midnight where it takes place.
        start = datetime.combine(start, time(), ZoneInfo(event.timezone))
    return start.astimezone(UTC), event.id


def _times(event: Event) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: UTC instants, or days with an exclusive end.

    UTC (RFC 5545 form 2) rather than TZID + VTIMEZONE: a VTIMEZONE covers a range of years,
    and some readers (vobject among them) reuse the first one they saw for every later file.
    """
    start, end = event.start, event.end
    if end is not None and isinstance(start, datetime) != isinstance(end, datetime):
        raise ValueError(f"événement « {event.id} » : début et fin de types différents")
    if isinstance(start, datetime):
        return start.astimezone(UTC), end.astimezone(UTC) if isinstance(
            end, datetime
        ) else None  # None or a datetime here
    # RFC 5545 §3.6.1: DTEND of an all-day event is the day after the last one.
    return start, (end or start) + timedelta(days=1)


def _vevent(
    event: Event,
    *,
    host: str,
    event_url: EventUrl,
    organiser_names: OrganiserNames,
    stamp: datetime,
    redact: bool,
    lang: Lang,
) -> VEvent:
    component = VEvent()
    component.add("UID", event_uid(event, host, lang.code))
    component.add("DTSTAMP", stamp)
    component.add("SEQUENCE", event.sequence)
    component.add("STATUS", STATUS[event.status])
    start, end = _times(event)
    component.add("DTSTART", start)
    if end is not None:
        component.add("DTEND", end)
    component.add("SUMMARY", _Text(lang.text(event.title).text))
    if event.audience == "members":
        component.add("CLASS", "PRIVATE")
    if redact:
        component.add("DESCRIPTION", _Text(lang._(MEMBERS_ONLY)))
        return component
    if modified := last_modified(event):  # after the redaction: a members-only event shows its date and title only
        component.add("LAST-MODIFIED", modified)
    component.add("URL", event_url(event))
    component.add("CATEGORIES", [lang._(EVENT_TYPES[event.type])])
    location = full_location(event, lang)
    if location:
        component.add("LOCATION", _Text(location))
    description = _description(event, organiser_names(event), lang)
    if description:
        component.add("DESCRIPTION", _Text(description))
    return component


def last_modified(event: Event) -> datetime | None:
    """When the event was last revised, from the data (`updated`, else `announced`), never the build's clock:
    midnight in Paris of that day, in UTC (RFC 5545 §3.8.7.3). None when the data does not say."""
    day = event.updated or event.announced
    return datetime.combine(day, time(0, 0), tzinfo=ZoneInfo("Europe/Paris")).astimezone(UTC) if day else None


def _description(event: Event, organisers: list[str], lang: Lang) -> str:
    """The Markdown description as plain text, then who organises and where to register."""
    notes = []
    if organisers:
        notes.append(lang._("Organisé par : %(names)s") % {"names": ", ".join(organisers)})
    if event.registration:
        notes.append(lang._("Inscription : %(url)s") % {"url": event.registration.url})
    blocks = [lang.text(event.description).text.strip() if event.description else "", "\n".join(notes)]
    return "\n\n".join(block for block in blocks if block)
