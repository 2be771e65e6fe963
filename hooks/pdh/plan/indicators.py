"""The logframe's indicators, computed from the data on the day of the build.

One computation feeds « La Plateforme en chiffres », its yearly summaries, the open data and the
figures of the home page, the press room and « À propos » (pdh.plan.figures reads its counts
from here). Each indicator has its current value, its target and baseline from
data/indicators.yaml, and its history, one row per year (per reading for the audience).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from ..content.frenchdates import PARIS
from ..content.i18n import N_
from ..content.indicators import PLATFORM_NAMES, IndicatorSetting
from ..content.membership import event_day, member_on
from ..content.model import PUBLICATION_TYPES
from .catalog import Catalog

ACTIVE_DAYS = 365  # « active in the last 12 months »
TRAINING = "formation"  # the event type counted as a training


def percent(part: int, whole: int) -> int | None:
    """A share in whole percent, rounded half up (2 of 3 → 67); None for an empty whole."""
    return (200 * part + whole) // (2 * whole) if whole else None


@dataclass(frozen=True)
class History:
    """An indicator's table: one row per period, one column per series (the same numbers as its chart)."""

    periods: tuple[str, ...]  # "2021", … or ISO days of the audience readings
    series: tuple[tuple[str, str], ...]  # (key in the exports, French label: translated by the page)
    values: tuple[tuple[int | None, ...], ...]  # per series, one value per period
    charted: tuple[str, ...] = ()  # keys drawn on the chart (all when empty)
    stacked: bool = False

    def rows(self) -> list[tuple[str, tuple[int | None, ...]]]:
        return [(period, tuple(column[i] for column in self.values)) for i, period in enumerate(self.periods)]

    def column(self, key: str) -> tuple[int | None, ...]:
        return self.values[[k for k, _ in self.series].index(key)]


@dataclass(frozen=True)
class Indicator:
    id: str  # as in data/indicators.yaml
    value: int | None  # today's value, in the unit of the target
    target: int | None  # as set by the secretariat
    baseline: date | None  # the day it is measured from
    history: History
    detail: tuple[int | None, ...] = ()  # the numbers its sentence gives (see figures.html)
    target_line: int | None = None  # the target in the chart's unit (followers for « abonnes »)


@dataclass(frozen=True)
class Indicators:
    on: date  # the day (in Paris) they describe
    all: tuple[Indicator, ...]

    def __getitem__(self, key: str) -> Indicator:
        return next(i for i in self.all if i.id == key)


def compute_indicators(catalog: Catalog, now: datetime) -> Indicators:
    today = now.astimezone(PARIS).date()
    settings = catalog.measurements.settings
    first = _first_year(catalog, today)
    made = (_organisations, _participation, _advocacy, _events, _publications)
    indicators = [
        make(catalog, today, range(first.get(kind, today.year), today.year + 1))
        for make, kind in zip(
            made, ("organisations", "participation", "plaidoyer", "evenements", "publications"), strict=True
        )
    ]
    indicators.append(_audience(catalog))
    return Indicators(today, tuple(_with_setting(i, settings.get(i.id)) for i in indicators))


def _with_setting(indicator: Indicator, setting: IndicatorSetting | None) -> Indicator:
    if setting is None:
        return indicator
    target_line = indicator.target_line
    if indicator.id == "abonnes" and setting.target is not None:
        base = indicator.detail[0] if indicator.detail else None
        target_line = None if base is None else base + (base * setting.target + 50) // 100
    elif setting.target is not None:
        target_line = setting.target
    return replace(indicator, target=setting.target, baseline=setting.baseline, target_line=target_line)


def _first_year(catalog: Catalog, today: date) -> dict[str, int]:
    """The first year each yearly history shows: its baseline's, or the first with data, whichever is earlier."""

    def earliest(*years: int | None) -> int:
        return min((y for y in years if y is not None and y <= today.year), default=today.year)

    settings = catalog.measurements.settings
    base = {key: s.baseline.year for key, s in settings.items()}
    joined = [m.joined.year for m in (*catalog.members, *catalog.former) if m.joined]
    events = [event_day(e).year for e in catalog.events if e.status != "cancelled"]
    return {
        "organisations": earliest(base.get("organisations"), *joined),
        "participation": earliest(
            base.get("participation"),
            *(day.year for day, _ in catalog.measurements.activity),
            *(p.meta.date.year for p in catalog.publications),
        ),
        "plaidoyer": earliest(base.get("plaidoyer"), *(a.start.year for a in catalog.actions)),
        "evenements": earliest(base.get("evenements"), *events),
        "publications": earliest(base.get("publications"), *(p.meta.date.year for p in catalog.publications)),
    }


def year_end(year: int, today: date) -> date:
    """The day a year's row describes: 31 December, or today for the current year."""
    return min(date(year, 12, 31), today)


def _organisations(catalog: Catalog, today: date, years: range) -> Indicator:
    everyone = (*catalog.members, *catalog.former)
    counts = {
        status: tuple(
            sum(1 for m in everyone if m.status == status and member_on(m, year_end(y, today))) for y in years
        )
        for status in ("member", "observer")
    }
    now = catalog.counts
    return Indicator(
        "organisations",
        now["member"] + now["observer"],
        None,
        None,
        History(
            tuple(map(str, years)),
            (("members", N_("Membres")), ("observers", N_("Observateurs"))),
            (counts["member"], counts["observer"]),
            stacked=True,
        ),
        detail=(now["member"], now["observer"], sum(1 for m in everyone if m.joined is None)),
    )


def active_members(catalog: Catalog, start: date, end: date) -> set[str]:
    """Organisations that took part in an event (attendance, organisers) or authored or signed a publication."""
    active = {member for day, member in catalog.measurements.activity if start <= day <= end}
    for publication in catalog.publications:
        if start <= publication.meta.date <= end:
            active.update(publication.meta.authors, publication.meta.signatories)
    return active


def _active_by_year(catalog: Catalog, today: date) -> dict[int, set[str]]:
    """Each year's active organisations (up to today), in one pass over the activity and the publications."""
    out: dict[int, set[str]] = {}
    for day, member in catalog.measurements.activity:
        if day <= today:
            out.setdefault(day.year, set()).add(member)
    for publication in catalog.publications:
        if publication.meta.date <= today:
            out.setdefault(publication.meta.date.year, set()).update(
                publication.meta.authors, publication.meta.signatories
            )
    return out


def _participation(catalog: Catalog, today: date, years: range) -> Indicator:
    everyone = (*catalog.members, *catalog.former)
    current = {m.id for m in catalog.members if m.status == "member"}
    active_now = active_members(catalog, today - timedelta(days=ACTIVE_DAYS - 1), today) & current
    by_year = _active_by_year(catalog, today)
    shares, counts, wholes = [], [], []
    for y in years:
        whole = {m.id for m in everyone if m.status == "member" and member_on(m, year_end(y, today))}
        part = by_year.get(y, set()) & whole
        shares.append(percent(len(part), len(whole)))
        counts.append(len(part))
        wholes.append(len(whole))
    return Indicator(
        "participation",
        percent(len(active_now), len(current)),
        None,
        None,
        History(
            tuple(map(str, years)),
            (("share", N_("Membres actifs (%)")), ("active", N_("Membres actifs")), ("members", N_("Membres"))),
            (tuple(shares), tuple(counts), tuple(wholes)),
            charted=("share",),
        ),
        detail=(len(active_now), len(current)),
    )


def _advocacy(catalog: Catalog, today: date, years: range) -> Indicator:
    per_year = Counter(a.start.year for a in catalog.actions)
    return Indicator(
        "plaidoyer",
        per_year[today.year],
        None,
        None,
        History(
            tuple(map(str, years)), (("actions", N_("Actions de plaidoyer")),), (tuple(per_year[y] for y in years),)
        ),
        detail=(per_year[today.year - 1],),
    )


def _events(catalog: Catalog, today: date, years: range) -> Indicator:
    held = [e for e in catalog.events if e.status != "cancelled"]
    trainings = Counter(event_day(e).year for e in held if e.type == TRAINING)
    others = Counter(event_day(e).year for e in held if e.type != TRAINING)
    return Indicator(
        "evenements",
        trainings[today.year] + others[today.year],
        None,
        None,
        History(
            tuple(map(str, years)),
            (("trainings", N_("Formations")), ("events", N_("Autres événements"))),
            (tuple(trainings[y] for y in years), tuple(others[y] for y in years)),
            stacked=True,
        ),
        detail=(trainings[today.year],),
    )


def _publications(catalog: Catalog, today: date, years: range) -> Indicator:
    per_type = Counter((p.meta.type, p.meta.date.year) for p in catalog.publications)
    types = [t for t in PUBLICATION_TYPES if any(per_type[t, y] for y in years)]
    total = sum(per_type[t, today.year] for t in PUBLICATION_TYPES)
    return Indicator(
        "publications",
        total,
        None,
        None,
        History(
            tuple(map(str, years)),
            tuple((t, PUBLICATION_TYPES[t]) for t in types),
            tuple(tuple(per_type[t, y] for y in years) for t in types),
            stacked=True,
        ),
    )


def audience_totals(catalog: Catalog) -> tuple[tuple[str, ...], dict[str, list[int | None]], list[int]]:
    """Per reading day: each platform's last known count and their total (a platform read earlier counts as is)."""
    readings = catalog.measurements.audience
    platforms = list(dict.fromkeys(r.platform for r in sorted(readings, key=lambda r: r.platform)))
    days = sorted({r.date for r in readings})
    by_day = {(r.date, r.platform): r.followers for r in readings}
    last: dict[str, int] = {}
    columns: dict[str, list[int | None]] = {p: [] for p in platforms}
    totals = []
    for day in days:
        for p in platforms:
            if (day, p) in by_day:
                last[p] = by_day[day, p]
            columns[p].append(last.get(p))
        totals.append(sum(last.values()))
    return tuple(d.isoformat() for d in days), columns, totals


def _audience(catalog: Catalog) -> Indicator:
    days, columns, totals = audience_totals(catalog)
    setting = catalog.measurements.settings.get("abonnes")
    base_day = setting.baseline.isoformat() if setting else (days[0] if days else None)
    before = [total for day, total in zip(days, totals, strict=True) if base_day is not None and day <= base_day]
    base = before[-1] if before else None
    growth = percent(totals[-1] - base, base) if base and totals else None
    return Indicator(
        "abonnes",
        growth,
        None,
        None,
        History(
            days,
            (*((p, PLATFORM_NAMES[p]) for p in columns), ("total", N_("Total"))),
            (*(tuple(c) for c in columns.values()), tuple(totals)),
            charted=("total",),
        ),
        detail=(base, totals[-1] if totals else None),
    )
