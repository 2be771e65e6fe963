"""The validated content of the site, with the indexes every page reads (built once)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from ..content.collation import collation_key
from ..content.crosschecks import check_all
from ..content.errors import ContentError, Problems
from ..content.frenchdates import PARIS
from ..content.indicators import (
    AUDIENCE,
    INDICATOR_SETTINGS,
    AudienceSnapshot,
    IndicatorSetting,
    check_measurements,
    load_measurements,
)
from ..content.load import ACTIONS, EVENTS, MEMBERS, THEMES, WORKING_GROUPS, Collection, Loaded, load_all
from ..content.membership import event_day
from ..content.model import AdvocacyAction, Event, Member, PageMeta, Publication, Theme, WorkingGroup
from ..content.organisation import Organisation
from ..content.press import PRESS_CONTACTS, PressContact, check_press_contacts, load_press_contacts
from ..content.settings import read_settings
from .embargo import under_embargo, without_links_to

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
PUBLIC_ZONE = "Europe/Paris"  # the zone shown for members-only events, whatever their own
Index = dict[str, tuple[T, ...]]


def member_sort_key(member: Member) -> tuple[tuple[str, str, str], str]:
    """The directory's order: French alphabetical order of the names (« Écoute » among the E)."""
    return collation_key(str(member.name)), member.id


def publication_sort_key(publication: Publication) -> tuple[int, str]:
    """Newest first, then by id for a stable order."""
    return (-publication.meta.date.toordinal(), publication.id)


def event_instant(value: date | datetime) -> datetime:
    """Comparable instant for sorting dates and datetimes together."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0, 0), tzinfo=PARIS)


def event_sort_key(event: Event) -> tuple[datetime, str]:
    return (event_instant(event.start), event.id)


@dataclass(frozen=True)
class Measurements:
    """What the figures page reads beyond the public entries; never shown entry by entry.

    `activity` is who took part in an event, and when: attendance and organisers of every event
    that took place, members-only ones included, read before `public_event` redacts them.
    """

    settings: dict[str, IndicatorSetting] = field(default_factory=dict)  # by indicator id
    audience: tuple[AudienceSnapshot, ...] = ()  # by date, then platform
    activity: tuple[tuple[date, str], ...] = ()  # (day, member id)


@dataclass(frozen=True)
class Catalog:
    members: tuple[Member, ...]  # sorted by name
    themes: tuple[Theme, ...]
    working_groups: tuple[WorkingGroup, ...]
    events: tuple[Event, ...]  # sorted by start
    actions: tuple[AdvocacyAction, ...]
    publications: tuple[Publication, ...]  # newest first
    member_by_id: dict[str, Member] = field(repr=False)
    theme_by_id: dict[str, Theme] = field(repr=False)
    group_by_id: dict[str, WorkingGroup] = field(repr=False)
    action_by_id: dict[str, AdvocacyAction] = field(repr=False)
    publication_by_id: dict[str, Publication] = field(repr=False)
    members_by_theme: Index[Member] = field(repr=False)
    members_by_country: Index[Member] = field(repr=False)
    members_by_status: Index[Member] = field(repr=False)
    members_by_group: Index[Member] = field(repr=False)
    leads_by_group: Index[Member] = field(repr=False)
    publications_by_member: Index[Publication] = field(repr=False)
    events_by_member: Index[Event] = field(repr=False)
    actions_by_member: Index[AdvocacyAction] = field(repr=False)
    publications_by_group: Index[Publication] = field(repr=False)
    events_by_group: Index[Event] = field(repr=False)
    publications_by_action: Index[Publication] = field(repr=False)
    events_by_action: Index[Event] = field(repr=False)
    events_by_publication: Index[Event] = field(repr=False)
    pages: dict[str, PageMeta] = field(default_factory=dict, repr=False)
    organisation: Organisation | None = field(default=None, repr=False)  # who publishes the site
    press_contacts: Index[PressContact] = field(default_factory=dict, repr=False)  # by organisation id, in file order
    embargoed: tuple[Publication, ...] = field(default=(), repr=False)  # withheld until their embargo lifts
    lines: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)  # (data file, id) → line of its `- id:`
    warnings: tuple[str, ...] = field(default=(), repr=False)  # located advice that fails nothing (an http:// address)
    former: tuple[Member, ...] = field(default=(), repr=False)  # organisations that have left, sorted by name
    measurements: Measurements = field(default_factory=lambda: Measurements(), repr=False)

    @property
    def counts(self) -> dict[str, int]:
        return {status: len(self.members_by_status.get(status, ())) for status in ("member", "observer")}

    @property
    def coalition(self) -> Organisation:
        """The organisation that publishes the site: `load_catalog` always sets it."""
        assert self.organisation is not None, "a catalog from load_catalog names the organisation (mkdocs.yml)"
        return self.organisation


def index_by(items: Iterable[T], keys: Callable[[T], Iterable[str]]) -> Index[T]:
    """Group items under each of their keys, keeping the items' order (one pass)."""
    out: dict[str, list[T]] = defaultdict(list)
    for item in items:
        for key in dict.fromkeys(keys(item)):
            out[key].append(item)
    return {key: tuple(values) for key, values in out.items()}


def build_catalog(
    members: Iterable[Member],
    themes: Sequence[Theme],
    groups: Sequence[WorkingGroup],
    events: Iterable[Event],
    actions: Sequence[AdvocacyAction],
    publications: Iterable[Publication],
    pages: Mapping[str, PageMeta] | None = None,
    organisation: Organisation | None = None,
    press_contacts: Iterable[PressContact] = (),
    former: Iterable[Member] = (),
) -> Catalog:
    """Sort each collection once and build every index in one pass over it.

    `members` are the organisations of today; `former` ones keep their profile (their publications
    still name them) but are in no list, count or filter.
    """
    members = tuple(sorted(members, key=member_sort_key))
    former = tuple(sorted(former, key=member_sort_key))
    events = tuple(sorted(events, key=event_sort_key))
    publications = tuple(sorted(publications, key=publication_sort_key))
    return Catalog(
        members=members,
        themes=tuple(themes),
        working_groups=tuple(groups),
        events=events,
        actions=tuple(actions),
        publications=publications,
        member_by_id={m.id: m for m in (*members, *former)},
        theme_by_id={t.id: t for t in themes},
        group_by_id={g.id: g for g in groups},
        action_by_id={a.id: a for a in actions},
        publication_by_id={p.id: p for p in publications},
        members_by_theme=index_by(members, lambda m: m.themes),
        members_by_country=index_by(members, lambda m: m.countries),
        members_by_status=index_by(members, lambda m: [m.status]),
        members_by_group=index_by(members, lambda m: m.working_groups),
        leads_by_group=index_by(members, lambda m: m.leads),
        publications_by_member=index_by(publications, lambda p: [*p.meta.authors, *p.meta.signatories]),
        events_by_member=index_by(events, lambda e: e.organisers),
        actions_by_member=index_by(actions, lambda a: a.members),
        publications_by_group=index_by(publications, lambda p: p.meta.working_groups),
        events_by_group=index_by(events, lambda e: [e.working_group] if e.working_group else []),
        publications_by_action=index_by(
            publications, lambda p: [p.meta.advocacy_action] if p.meta.advocacy_action else []
        ),
        events_by_action=index_by(events, lambda e: [e.advocacy_action] if e.advocacy_action else []),
        events_by_publication=index_by(events, lambda e: e.publications),
        pages=dict(pages or {}),
        organisation=organisation,
        press_contacts=index_by(press_contacts, lambda c: [c.organisation]),
        former=former,
    )


def public_event(event: Event) -> Event:
    """What the public site may know of an event: all of it, or for a members-only one its title and day(s).

    Redacted here, once, so that no page, feed, calendar, JSON-LD or search entry can show a
    members-only event's time, time zone, place, organisers or description.
    """
    event = event.model_copy(update={"attendance": []}) if event.attendance else event  # counted, never shown
    if event.audience != "members":
        return event

    def day(value: date | datetime) -> date:
        return value.astimezone(ZoneInfo(event.timezone)).date() if isinstance(value, datetime) else value

    start, end = day(event.start), day(event.end) if event.end is not None else None
    return event.model_copy(
        update={
            "start": start,
            "end": end if end != start else None,
            "timezone": PUBLIC_ZONE,
            "place": None,
            "online_url": None,
            "organisers": [],
            "working_group": None,
            "themes": [],
            "languages": [],
            "registration": None,
            "description": None,
            "publications": [],
            "advocacy_action": None,
        }
    )


def load_catalog(root: Path, organisation: Organisation | None = None, now: datetime | None = None) -> Catalog:
    """Load, validate and index everything under `root`; raise ContentError listing every problem.

    `organisation` defaults to the one `root`'s mkdocs.yml declares. With `now` (a build), publications
    still under embargo are left out (kept in `embargoed`); without it (a check), everything is in.
    """
    organisation = organisation or read_settings(Path(root)).organisation
    assert organisation is not None  # read_settings raises when mkdocs.yml declares none
    loaded, problems = _load_and_check(Path(root), organisation)
    if problems:
        raise ContentError(problems)

    def entries(collection: Collection[M]) -> list[M]:
        return [item.entry for item in loaded.entries[collection.file]]

    publications, withheld = (
        under_embargo([item.entry for item in loaded.publications], now)
        if now
        else ([item.entry for item in loaded.publications], [])
    )
    events = without_links_to([public_event(e) for e in entries(EVENTS)], {p.id for p in withheld})
    today = now.astimezone(PARIS).date() if now else None
    gone = {m.id: m for m in entries(MEMBERS) if today and m.left and m.left.last_day() < today}
    catalog = build_catalog(
        [m for m in entries(MEMBERS) if m.id not in gone],
        entries(THEMES),
        entries(WORKING_GROUPS),
        events,
        entries(ACTIONS),
        publications,
        loaded.pages,
        organisation,
        entries(PRESS_CONTACTS),
        former=gone.values(),
    )
    measurements = Measurements(
        settings={s.id: s for s in entries(INDICATOR_SETTINGS)},
        audience=tuple(sorted(entries(AUDIENCE), key=lambda a: (a.date, a.platform))),
        activity=tuple(
            (event_day(e), member)
            for e in entries(EVENTS)
            if e.status != "cancelled"
            for member in dict.fromkeys([*e.attendance, *e.organisers])
        ),
    )
    lines = {
        (collection.file, item.entry.id): item.doc.line(item.prefix + ("id",))
        for collection in (MEMBERS, EVENTS, ACTIONS, WORKING_GROUPS)
        for item in loaded.entries.get(collection.file, ())
    }
    return replace(
        catalog,
        embargoed=tuple(withheld),
        lines=lines,
        measurements=measurements,
        warnings=tuple(str(w) for w in problems.warnings),
    )


def check_problems(root: Path) -> Problems:
    """Every problem in the contributed files and the site settings under `root` (empty when all is well)."""
    try:
        organisation = read_settings(Path(root)).organisation
    except ContentError as error:  # the settings first: the checks below need the coalition's id
        return error.problems
    assert organisation is not None  # read_settings raises when mkdocs.yml declares none
    return _load_and_check(Path(root), organisation)[1]


def _load_and_check(root: Path, organisation: Organisation) -> tuple[Loaded, Problems]:
    """Every contributed file read and checked, the optional press contacts included."""
    loaded, problems = load_all(root)
    load_press_contacts(root, problems, loaded)
    load_measurements(root, problems, loaded)
    check_all(loaded, root, problems, organisation)
    check_press_contacts(loaded, problems, organisation.id)
    check_measurements(loaded, problems)
    return loaded, problems
