"""The coalition's figures, computed from the data on the day of the build: one computation for every page.

Nothing the site shows as a count is written by hand: a sentence like « 25 membres en 2021 »
would soon contradict the directory. Each figure says the day it was computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..content.i18n import Lang
from .catalog import Catalog
from .indicators import Indicators

POSITION_TYPE = "note-de-position"


@dataclass(frozen=True)
class Figures:
    """Counts of one build, and the day (in Paris) they describe."""

    on: date
    members: int
    observers: int
    publications: int
    positions: int
    countries: int  # countries the members work in
    events_this_year: int  # public events of the calendar year, cancelled ones excluded
    year: int


def key_figures(catalog: Catalog, indicators: Indicators) -> Figures:
    """The counts the home page, the press kit and « À propos » show: the indicators' own, and three more."""
    members, observers, _undated = indicators["organisations"].detail
    assert members is not None and observers is not None  # counts of the directory, never missing
    return Figures(
        on=indicators.on,
        members=members,
        observers=observers,
        publications=len(catalog.publications),
        positions=sum(1 for p in catalog.publications if p.meta.type == POSITION_TYPE),
        countries=len({code for m in catalog.members for code in m.countries}),
        events_this_year=indicators["evenements"].value or 0,
        year=indicators.on.year,
    )


def organisations(lang: Lang, members: int, observers: int) -> str:
    """« 6 membres et 2 observateurs », « 2 observateurs », « aucune organisation »: never a zero count."""
    said = [
        lang.n_("%(num)d membre", "%(num)d membres", members) % {"num": members} if members else "",
        lang.n_("%(num)d observateur", "%(num)d observateurs", observers) % {"num": observers} if observers else "",
    ]
    if all(said):
        return lang._("%(members)s et %(observers)s") % {"members": said[0], "observers": said[1]}
    return next((text for text in said if text), lang._("aucune organisation"))


def as_of(lang: Lang, figures: Figures) -> str:
    """« au 7 décembre 2026 »: the day every figure is dated with."""
    return lang._("au %(day)s") % {"day": lang.date(figures.on)}
