"""Share and « add to my calendar » links: plain addresses of other sites, built here, followed only
if the visitor clicks (no script, image or frame of theirs on our pages).

Every free text goes in one query parameter, percent-encoded (`%20` for a space, as mailto: and
the calendar sites read it); an address stays under MAX_URL characters, its texts cut with « … ».
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from ..content.i18n import Lang
from ..content.model import Event
from ..content.text import plain_text
from .agenda import MEMBERS_ONLY, full_location

MAX_URL = 1800  # well under the 2,000 characters some browsers, proxies and servers stop at
BLUESKY_LIMIT = 300  # characters of a Bluesky post: the title is cut so that it and the address fit
SUMMARY_LIMIT = 400  # characters of an event's description in a calendar entry
GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose"
OFFICE = "https://outlook.office.com/calendar/0/deeplink/compose"
ELLIPSIS = "…"


@dataclass(frozen=True)
class ShareLinks:
    """Where a visitor can send a page: an e-mail, or a post on a network of their choice."""

    email: str
    linkedin: str
    bluesky: str
    facebook: str


@dataclass(frozen=True)
class CalendarLinks:
    """The event's entry, filled in, in Google Calendar, Outlook.com and Outlook for Microsoft 365."""

    google: str
    outlook: str
    office: str


def share_links(url: str, title: str) -> ShareLinks:
    """The links to share the page at `url` (absolute) titled `title`."""
    title = _one_line(title)
    return ShareLinks(
        email=_fitted("mailto:", {"subject": title, "body": title}, ("body", "\r\n" + url), ("body", "subject")),
        linkedin=_query("https://www.linkedin.com/sharing/share-offsite/", {"url": url}),
        bluesky=_fitted(
            "https://bsky.app/intent/compose",
            {"text": _shorten(title, BLUESKY_LIMIT - 1 - len(url), len)},
            ("text", " " + url),
            ("text",),
        ),
        facebook=_query("https://www.facebook.com/sharer/sharer.php", {"u": url}),
    )


def calendar_links(event: Event, *, url: str, lang: Lang, ended: bool) -> CalendarLinks | None:
    """The event in the web calendars, as its .ics file has it; none once it is over or cancelled.

    A members-only event discloses what its .ics does: title, dates and the « réservé aux
    membres » note, neither its place nor its description nor its page.
    """
    if ended or event.status == "cancelled":
        return None
    title = _one_line(lang.text(event.title).text)
    if event.audience == "members":
        summary, location, tail = lang._(MEMBERS_ONLY), "", ""
    else:
        description = lang.text(event.description).text if event.description else ""
        summary, location, tail = plain_text(description, SUMMARY_LIMIT), full_location(event, lang), url
    google = {
        "action": "TEMPLATE",
        "text": title,
        "dates": "/".join(_google_times(event)),
        "details": summary,
        "location": location,
        "ctz": event.timezone,
    }
    start, end = _iso_times(event)
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": start,
        "enddt": end,
        "body": summary,
        "location": location,
        "allday": "true" if event.all_day else "false",
    }
    after = "\n\n" + tail if tail else ""  # the page's address, on a paragraph of its own
    return CalendarLinks(
        google=_fitted(GOOGLE, google, ("details", after), ("details", "location", "text")),
        outlook=_fitted(OUTLOOK, outlook, ("body", after), ("body", "location", "subject")),
        office=_fitted(OFFICE, outlook, ("body", after), ("body", "location", "subject")),
    )


def _times(event: Event) -> tuple[date | datetime, date | datetime]:
    """Start and end as the .ics has them: UTC instants (no end: the start), or days with an exclusive end."""
    start, end = event.start, event.end
    if isinstance(start, datetime):
        end = end or start
        assert isinstance(end, datetime)  # an end has its start's form (checked when loading)
        return start.astimezone(UTC), end.astimezone(UTC)
    return start, (end or start) + timedelta(days=1)


def _google_times(event: Event) -> tuple[str, str]:
    """« 20270114T130000Z », or « 20270520 » for a day."""
    pattern = "%Y%m%dT%H%M%SZ" if not event.all_day else "%Y%m%d"
    start, end = _times(event)
    return start.strftime(pattern), end.strftime(pattern)


def _iso_times(event: Event) -> tuple[str, str]:
    """ISO 8601 with the offset of the event's zone (« 2027-01-14T14:00:00+01:00 »), or « 2027-05-20 »."""
    start, end = _times(event)
    if event.all_day:
        return start.isoformat(), end.isoformat()
    assert isinstance(start, datetime) and isinstance(end, datetime)  # not all day: two instants
    zone = ZoneInfo(event.timezone)
    return start.astimezone(zone).isoformat(), end.astimezone(zone).isoformat()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _query(base: str, params: dict[str, str]) -> str:
    """`base?key=value&…`, empty values left out, every character but letters, digits and `-._~` encoded."""
    return base + "?" + urlencode({k: v for k, v in params.items() if v}, quote_via=quote)


def _fitted(base: str, params: dict[str, str], suffix: tuple[str, str], order: tuple[str, ...]) -> str:
    """The link with `suffix` = (key, text) after that parameter's text, the texts of `order` cut in turn
    (« … ») until the whole address fits MAX_URL. The suffix (the page's address) is never cut."""
    params = dict(params)
    key, tail = suffix

    def link() -> str:
        full = dict(params)
        full[key] = (params[key] + tail) if params[key] else tail.lstrip()
        return _query(base, full)

    for name in order:
        excess = len(link()) - MAX_URL
        if excess <= 0:
            break
        params[name] = _shorten(params[name], _encoded_length(params[name]) - excess)
    return link()


def _encoded_length(text: str) -> int:
    return len(quote(text, safe=""))


def _shorten(text: str, room: int, measure: Callable[[str], int] = _encoded_length) -> str:
    """`text` cut after a word, with « … », in at most `room` characters as `measure` counts them
    (percent-encoded by default); '' if nothing fits."""
    if measure(text) <= room:
        return text
    room -= measure(ELLIPSIS)
    kept, used = 0, 0
    for char in text:
        used += measure(char)
        if used > room:
            break
        kept += 1
    cut = text[:kept]
    if kept < len(text) and not text[kept].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # not in the middle of a word
    cut = cut.rstrip(" ,;:.")
    return cut + ELLIPSIS if cut else ""
