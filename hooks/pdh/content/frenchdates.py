"""Dates as French writers type them (« 31/12/2020 », « 1er mars 2021 », « décembre 2020 », « 14/01/2027 18h00 »),
read only to say what to type instead: the field still refuses them.

Day first, as in French; a value that is impossible that way (« 13/13/2020 », « 31/02/2021 ») gets
no suggestion, and neither does a two-digit year.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MIN_YEAR, MAX_YEAR = 1900, 2100

# Folded month names and their usual abbreviations (« janv. », « sept. », « déc. »).
_MONTH_WORDS = {
    word: number
    for number, words in enumerate(
        (
            ("janvier", "janv", "jan"),
            ("fevrier", "fevr", "fev"),
            ("mars",),
            ("avril", "avr"),
            ("mai",),
            ("juin",),
            ("juillet", "juil"),
            ("aout",),
            ("septembre", "sept", "sep"),
            ("octobre", "oct"),
            ("novembre", "nov"),
            ("decembre", "dec"),
        ),
        start=1,
    )
    for word in words
}
_MONTH = "(?P<month_word>[a-z]+)\\.?"
_TIME = r"(?:\s*(?:,|t|a|-)?\s*(?P<hour>\d{1,2})\s*(?:h|:)\s*(?P<minute>\d{2})?\s*(?:min)?(?:\s*(?P<offset>z|[+-]\d{2}:?\d{2}))?)?"
_DAY_NAMES = "(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\\s+)?(?:le\\s+)?"
_FORMS = [
    re.compile(_DAY_NAMES + pattern + _TIME)
    for pattern in (
        r"(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})",  # 31/12/2020, 31-12-2020, 31.12.2020
        r"(?P<year>\d{4})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})",  # 2020/12/31, 2020-1-5
        r"(?P<day>\d{1,2})(?:er)?\s*" + _MONTH + r"\s*(?P<year>\d{4})",  # 31 décembre 2020, 1er mars 2021
        r"(?P<month>\d{1,2})[/.-](?P<year>\d{4})",  # 12/2020
        _MONTH + r"\s*(?P<year>\d{4})",  # décembre 2020
    )
]


@dataclass(frozen=True)
class Written:
    """What a French date says: a month, or a day, possibly with a time and a UTC offset."""

    year: int
    month: int
    day: int | None = None
    hour: int | None = None
    minute: int = 0
    offset: str | None = None
    impossible: str = ""  # why no such date exists, in French
    bad_time: bool = False  # an hour past 23 or a minute past 59

    def iso_day(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.day else f"{self.year:04d}-{self.month:02d}"

    def iso_instant(self, hour: int | None = None) -> str:
        """The date-time with its offset: the one written, else Paris's on that day."""
        hour = self.hour if hour is None else hour
        assert self.day is not None and hour is not None  # french_date_hint asks only for a day with a time
        offset = self.offset or paris_offset(datetime(self.year, self.month, self.day, hour, self.minute))
        return f"{self.iso_day()}T{hour:02d}:{self.minute:02d}{offset}"


def paris_offset(naive: datetime) -> str:
    """« +01:00 » or « +02:00 »: Paris's UTC offset at that local time."""
    raw = naive.replace(tzinfo=PARIS).strftime("%z")
    return f"{raw[:3]}:{raw[3:]}"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()


def read_french(text: str) -> Written | None:
    """The date a French writer meant, or None when the text is not a date written the French way."""
    folded = " ".join(_fold(text).split())
    for form in _FORMS:
        match = form.fullmatch(folded)
        if match is None:
            continue
        parts = match.groupdict()
        if parts.get("month_word") is not None:
            if parts["month_word"] not in _MONTH_WORDS:
                return None
            parts["month"] = _MONTH_WORDS[parts["month_word"]]
        return _checked(parts)
    return None


def _checked(parts: dict[str, str | Any]) -> Written:
    """`parts`: the groups of a match (`re.Match.groupdict`: None for a group that took no part), `month` an int
    when the month was written as a word."""
    year, month = int(parts["year"]), int(parts["month"])
    day = int(parts["day"]) if parts.get("day") else None
    hour = int(parts["hour"]) if parts.get("hour") is not None else None
    minute = int(parts["minute"] or 0) if hour is not None else 0
    offset = parts.get("offset")
    if offset:
        offset = "Z" if offset == "z" else f"{offset[:3]}:{offset[-2:]}"
    reason = ""
    if not MIN_YEAR <= year <= MAX_YEAR:
        reason = "year"
    elif not 1 <= month <= 12:
        reason = f"il n'y a pas de mois {month}"
    elif day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        reason = f"{MONTHS_FR[month - 1]} {year} n'a pas de jour {day}"
    bad_time = hour is not None and (hour > 23 or minute > 59)
    return Written(year, month, day, hour, minute, offset, reason, bad_time)


FORMAT_DAY = "écrivez la date au format AAAA-MM-JJ, entre guillemets"
FORMAT_TIME = "écrivez la date et l'heure au format AAAA-MM-JJTHH:MM suivi du décalage horaire, entre guillemets"


def french_date_hint(text: str, kind: str) -> str | None:
    """What to type instead of a French date, for a field of `kind`: « day » (a date), « partial » (a year,
    month or date), « when » (a date, or a date and time) or « instant » (a date and time); None when the text
    is not a date written the French way."""
    written = read_french(text)
    if written is None:
        return None
    form = FORMAT_TIME if kind == "instant" or (kind == "when" and written.hour is not None) else FORMAT_DAY
    if written.impossible == "year":
        return f"année improbable dans « {text} » (attendu : entre {MIN_YEAR} et {MAX_YEAR}) ; {form}"
    if written.impossible:
        return f"date impossible « {text} » : {written.impossible} ; {form}"
    if written.bad_time and kind in ("when", "instant"):
        return f"heure impossible dans « {text} » ; {form}"
    if written.day is None:
        return _month_hint(text, written, kind)
    if kind == "instant" and written.hour is None:
        return (
            f"« {text} » n'a pas d'heure : l'embargo se lève à une heure précise ; {FORMAT_TIME}, par exemple à "
            f'9 h, heure de Paris : "{written.iso_instant(9)}"'
        )
    if kind in ("when", "instant") and written.hour is not None:
        where = "" if written.offset else " ; pour l'heure de Paris"
        return f'« {text} » : {FORMAT_TIME}{where} : "{written.iso_instant()}"'
    only = "ce champ n'attend que la date : " if written.hour is not None else ""
    return f'« {text} » : {only}{FORMAT_DAY} : "{written.iso_day()}"'


def _month_hint(text: str, written: Written, kind: str) -> str:
    """A month where a day is needed: the form to type, with only the day (and the time) left to fill in."""
    month = written.iso_day()
    if kind == "partial":
        return f'« {text} » : écrivez le mois au format AAAA-MM, entre guillemets : "{month}"'
    if kind != "instant":
        return f'« {text} » : il manque le jour ; {FORMAT_DAY} : "{month}-JJ", en remplaçant JJ par le jour'
    last = calendar.monthrange(written.year, written.month)[1]
    first, after = (paris_offset(datetime(written.year, written.month, day, 12)) for day in (1, last))
    tail = f" (heure de Paris ; {after} à partir du changement d'heure)" if after != first else " (heure de Paris)"
    return (
        f'« {text} » : il manque le jour et l\'heure ; {FORMAT_TIME} : "{month}-JJTHH:MM{first}", en remplaçant '
        f"JJ par le jour et HH:MM par l'heure{tail}"
    )
