"""Date and time field types: days, partial dates, instants with their UTC offset, time zones.

Every value arrives as the string the author typed; a date is checked, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Annotated, Any

from pydantic_core import PydanticCustomError

from . import geo
from .fields import fail, require_str, scalar_type, suggest
from .frenchdates import MAX_YEAR, MIN_YEAR, MONTHS_FR, french_date_hint
from .frenchdates import PARIS as PARIS  # re-exported: the plan modules read Paris's time zone from here

DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise fail(f"année improbable dans « {text} » (attendu : entre {MIN_YEAR} et {MAX_YEAR})")


def _parse_day(text: str) -> date:
    match = DAY.fullmatch(text)
    if not match:
        raise fail(f"« {text} » n'est pas une date au format AAAA-MM-JJ (par exemple 2025-03-08)")
    year, month, day = map(int, match.groups())
    _check_year(year, text)
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            raise fail(f"date impossible « {text} » : il n'y a pas de mois {month}") from None
        raise fail(f"date impossible « {text} » : {MONTHS_FR[month - 1]} {year} n'a pas de jour {day}") from None


def _check_day(value: Any) -> date:
    text = require_str(value).strip()
    hint = None if DAY.fullmatch(text) else french_date_hint(text, "day")
    if hint:
        raise fail(hint)
    return _parse_day(text)


Day = Annotated[date, *scalar_type(_check_day, {"type": "string", "format": "date"})]


@dataclass(frozen=True)
class PartialDate:
    """A year, a month or a day: « membre depuis 2019 » needs no invented day."""

    year: int
    month: int | None = None
    day: int | None = None

    def label_fr(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS_FR[self.month - 1]} {self.year}"
        return f"{self.day}{'er' if self.day == 1 else ''} {MONTHS_FR[self.month - 1]} {self.year}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        """The period's last day: 2019 → 31/12/2019, 2019-02 → 28/02/2019."""
        if self.day is not None:
            assert self.month is not None  # a day always comes with its month (see _check_partial_date)
            return date(self.year, self.month, self.day)
        if self.month is None or self.month == 12:
            return date(self.year, 12, 31)
        return date(self.year, self.month + 1, 1) - timedelta(days=1)

    def iso(self) -> str:
        return "-".join(
            f"{v:02d}" if i else f"{v:04d}"
            for i, v in enumerate(v for v in (self.year, self.month, self.day) if v is not None)
        )


def _check_partial_date(value: Any) -> PartialDate:
    text = require_str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        _check_year(int(text), text)
        return PartialDate(int(text))
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if match:
        year, month = map(int, match.groups())
        _check_year(year, text)
        if not 1 <= month <= 12:
            raise fail(f"date impossible « {text} » : il n'y a pas de mois {month}")
        return PartialDate(year, month)
    if DAY.fullmatch(text):
        day = _parse_day(text)
        return PartialDate(day.year, day.month, day.day)
    raise fail(
        french_date_hint(text, "partial")
        or f"« {text} » n'est pas une date (attendu : AAAA, AAAA-MM ou AAAA-MM-JJ, entre guillemets)"
    )


PartialDay = Annotated[
    PartialDate, *scalar_type(_check_partial_date, {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"})
]

DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:\d{2})?")


def _check_when(value: Any, kind: str = "when") -> date | datetime:
    """A day (all-day) or a date and time that states its UTC offset."""
    text = require_str(value).strip()
    if DAY.fullmatch(text):
        return _parse_day(text)
    match = DATETIME.fullmatch(text)
    if not match:
        raise fail(
            french_date_hint(text, kind)
            or f"« {text} » n'est pas une date (AAAA-MM-JJ) ni une date et heure (AAAA-MM-JJTHH:MM+02:00)"
        )
    day = _parse_day(match.group(1))
    hour, minute, second = int(match.group(2)), int(match.group(3)), int(match.group(4) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise fail(f"heure impossible dans « {text} »")
    naive = datetime(day.year, day.month, day.day, hour, minute, second)
    offset = match.group(5)
    if offset is None:
        paris = naive.replace(tzinfo=PARIS).strftime("%z")
        fixed = f"{naive:%Y-%m-%dT%H:%M}{paris[:3]}:{paris[3:]}"
        raise fail(f"« {text} » n'indique pas de fuseau horaire : pour l'heure de Paris, écrivez « {fixed} »")
    if offset == "Z":
        tz = UTC
    else:
        sign = 1 if offset[0] == "+" else -1
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 14 or minutes > 59:
            raise fail(f"décalage horaire impossible « {offset} »")
        tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
    return naive.replace(tzinfo=tz)


When = Annotated[
    date | datetime,
    *scalar_type(
        _check_when,
        {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?\s*(Z|[+-]\d{2}:\d{2}))?$"},
    ),
]


def _check_instant(value: Any) -> datetime:
    """A date and time that states its UTC offset: an embargo lifts at a precise moment, not on a day."""
    text = require_str(value).strip()
    if DAY.fullmatch(text):
        day = _parse_day(text)
        paris = datetime(day.year, day.month, day.day, 9, 0, tzinfo=PARIS).strftime("%z")
        raise fail(
            f"« {text} » n'a pas d'heure : l'embargo se lève à une heure précise, écrivez par exemple "
            f"« {text}T09:00{paris[:3]}:{paris[3:]} » (9 h, heure de Paris)"
        )
    when = _check_when(text, "instant")
    assert isinstance(when, datetime)
    return when


Instant = Annotated[
    datetime,
    *scalar_type(
        _check_instant,
        {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?\s*(Z|[+-]\d{2}:\d{2})$"},
    ),
]


def parse_when(value: Any) -> date | datetime | None:
    """A date or date-time as `When` reads it, or None when it does not parse."""
    try:
        return _check_when(value)
    except PydanticCustomError:
        return None


def _check_zone(value: Any) -> str:
    text = require_str(value).strip()
    if text not in geo.TIME_ZONES:
        raise fail(
            f"fuseau horaire « {text} » inconnu (attendu : nom IANA comme « Europe/Paris »){suggest(text, geo.TIME_ZONES)}"
        )
    return text


TimeZoneName = Annotated[str, *scalar_type(_check_zone, {"type": "string", "examples": ["Europe/Paris"]})]
