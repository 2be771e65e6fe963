"""Where each kind of page lives: one place for every URL convention of the site."""
from __future__ import annotations

import posixpath

MEMBERS = "membres"
GROUPS = "groupes-de-travail"
ACTIONS = "plaidoyer"
EVENTS = "agenda"
PUBLICATIONS = "publications"
STATUS_SLUGS = {"member": "membre", "observer": "observateur"}


def member(member_id: str) -> str:
    return f"{MEMBERS}/{member_id}.md"


def members_by_theme(theme_id: str) -> str:
    return f"{MEMBERS}/theme/{theme_id}.md"


def members_by_country(code: str) -> str:
    return f"{MEMBERS}/pays/{code.lower()}.md"


def members_by_status(status: str) -> str:
    return f"{MEMBERS}/statut/{STATUS_SLUGS[status]}.md"


def group(group_id: str) -> str:
    return f"{GROUPS}/{group_id}.md"


def action(action_id: str) -> str:
    return f"{ACTIONS}/{action_id}.md"


def event(event_id: str) -> str:
    return f"{EVENTS}/{event_id}.md"


def publication(publication_id: str) -> str:
    return f"{PUBLICATIONS}/{publication_id}.md"


def index(folder: str) -> str:
    return f"{folder}/index.md"


def src_to_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a source path (use_directory_urls); assets keep theirs."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(target_src: str, from_url: str) -> str:
    """Link from the page at `from_url` (a directory URL) to the page or file built from `target_src`."""
    target = src_to_url(target_src)
    rel = posixpath.relpath("/" + target, "/" + from_url) if target else posixpath.relpath("/", "/" + from_url)
    if rel == ".":
        return "./"
    return rel + "/" if target.endswith("/") or not target else rel


def publications_page(number: int) -> str:
    """Page `number` (1-based) of the whole library."""
    return index(PUBLICATIONS) if number == 1 else f"{PUBLICATIONS}/page/{number}.md"


def publications_facet(kind: str, value: str, number: int = 1) -> str:
    """Page `number` of the library filtered by one facet value."""
    base = f"{PUBLICATIONS}/{kind}/{value.lower()}"
    return f"{base}.md" if number == 1 else f"{base}/page/{number}.md"


def actions_index() -> str:
    return index(ACTIONS)

CALENDARS = "calendriers"


def agenda_facet(kind: str, value: str) -> str:
    return f"{EVENTS}/{kind}/{value}.md"


def agenda_year(year: int) -> str:
    return f"{EVENTS}/archives/{year}.md"


def event_calendar(event_id: str) -> str:
    return f"{EVENTS}/{event_id}.ics"


def calendar(kind: str = "", value: str = "") -> str:
    """The subscribable calendars: all public events, or those of one type or one member."""
    return f"{CALENDARS}/agenda.ics" if not kind else f"{CALENDARS}/{kind}/{value}.ics"

FEEDS = "flux"


def feed(key: str, extension: str = "xml") -> str:
    """A feed file: « tout », « agenda », « publications », « publications/<facet>/<value> »."""
    return f"{FEEDS}/{key}.{extension}"
