"""Checks on who belonged to the Plateforme when: joining and leaving dates, and attendance at events."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from .dates import PartialDate
from .errors import Problems
from .load import EVENTS, MEMBERS, Loaded
from .model import Event, Member


def event_day(event: Event) -> date:
    """The day an event starts, in its own time zone."""
    start = event.start
    return start.astimezone(ZoneInfo(event.timezone)).date() if isinstance(start, datetime) else start


def member_on(member: Member, day: date) -> bool:
    """Whether the organisation belonged to the Plateforme that day (an unknown joining date admits any day)."""
    return (member.joined is None or member.joined.first_day() <= day) and (
        member.left is None or day <= member.left.last_day()
    )


def _long(day: date) -> str:
    return PartialDate(day.year, day.month, day.day).label_fr()  # « 20 mai 2025 »: no order of day and month to guess


def check_membership(loaded: Loaded, problems: Problems) -> None:
    """Leaving after joining; attendance by members of the day, listed once, at an event that took place."""
    members: dict[str, Member] = {}
    for item in loaded.entries[MEMBERS.file]:
        member: Member = item.entry
        members.setdefault(member.id, member)  # a repeated id is reported by the id checks; the first one counts
        if member.left and member.joined and member.left.last_day() < member.joined.first_day():
            problems.add(
                item.problem(
                    ("left",),
                    f'le départ ("{member.left.iso()}") précède l\'adhésion (joined: '
                    f'"{member.joined.iso()}") : corrigez l\'une des deux dates',
                )
            )
    for item in loaded.entries[EVENTS.file]:
        event: Event = item.entry
        if event.attendance and event.status == "cancelled":
            problems.add(
                item.problem(
                    ("attendance",),
                    "événement annulé (status: cancelled) : personne n'a pu y "
                    "assister ; retirez attendance, ou corrigez status",
                )
            )
            continue
        day = event_day(event)
        seen: set[str] = set()
        for index, member_id in enumerate(event.attendance):
            if member_id in seen:
                problems.add(item.problem(("attendance", index), f"« {member_id} » figure deux fois"))
            seen.add(member_id)
            attendee = members.get(member_id)
            if attendee is None or member_on(attendee, day):
                continue  # an unknown id is reported by the reference checks
            if attendee.joined and day < attendee.joined.first_day():
                why = (
                    f"n'était pas encore membre le {_long(day)}, jour de l'événement (adhésion : joined: "
                    f'"{attendee.joined.iso()}")'
                )
            else:
                assert attendee.left is not None  # not a member that day, yet joined by then: gone before it
                why = f"n'était plus membre le {_long(day)}, jour de l'événement (départ : left: \"{attendee.left.iso()}\")"
            problems.add(
                item.problem(
                    ("attendance", index),
                    f"« {member_id} » {why} : retirez-la de la liste des présents, ou corrigez cette date",
                )
            )
