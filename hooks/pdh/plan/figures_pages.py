"""« %(The_short)s en chiffres » (/chiffres/) and its yearly summaries (/chiffres/2026/), for one edition.

Every number comes from pdh.plan.indicators. Each indicator is shown as a sentence (value, target,
date), how it is computed, a chart drawn at build time and a table with the chart's numbers.
The charts are returned as descriptions (pdh.render.charts.ChartSpec's fields): build.py draws them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..content.i18n import N_
from ..content.membership import event_day
from ..content.model import PUBLICATION_TYPES, AdvocacyAction, Event, Member, Publication
from .catalog import Catalog
from .edition import Edition
from .generated import GeneratedPage, SearchInfo
from .indicators import TRAINING, Indicator, Indicators, year_end
from .urls import FR

TITLES = {
    "organisations": N_("Organisations du réseau"),
    "participation": N_("Participation des membres"),
    "plaidoyer": N_("Actions de plaidoyer coordonnées"),
    "evenements": N_("Événements et formations"),
    "publications": N_("Publications"),
    "abonnes": N_("Abonnés sur les réseaux sociaux"),
}
METHODS = {
    "organisations": N_(
        "Organisations de l'annuaire, membres et observateurs, à la date du jour ; pour chaque année, "
        "celles qui faisaient partie %(of_short)s le 31 décembre, d'après leurs dates d'adhésion et de "
        "départ (une organisation sans date d'adhésion est comptée toutes les années)."
    ),
    "participation": N_(
        "Part des membres (observateurs exclus) qui, au cours des 12 derniers mois, ont assisté à une "
        "réunion ou à un événement %(of_short)s, en ont organisé un, ou ont écrit ou signé une "
        "publication ; pour chaque année, la même part sur l'année civile, arrondie à l'unité."
    ),
    "plaidoyer": N_("Actions de plaidoyer coordonnées par %(the_short)s, comptées l'année de leur lancement."),
    "evenements": N_(
        "Événements de l'agenda, publics ou réservés aux membres, comptés l'année où ils ont lieu, "
        "événements à venir compris ; les événements annulés ne sont pas comptés."
    ),
    "publications": N_("Publications de la bibliothèque, par type, comptées l'année de leur parution."),
    "abonnes": N_(
        "Total des abonnés des comptes %(of_short)s, relevés à la main sur chaque réseau ; un réseau qui "
        "n'a pas été relevé un jour compte pour son dernier relevé. La hausse se mesure par rapport au total "
        "relevé à la date de référence."
    ),
}
Y_TITLES = {
    "organisations": N_("Organisations"),
    "participation": N_("Membres actifs (%)"),
    "plaidoyer": N_("Actions"),
    "evenements": N_("Événements"),
    "publications": N_("Publications"),
    "abonnes": N_("Abonnés"),
}


@dataclass(frozen=True)
class FigurePages:
    pages: list[GeneratedPage]
    charts: dict[str, dict[str, Any]]  # src_uri of the SVG → ChartSpec fields


def plan_figures_pages(catalog: Catalog, indicators: Indicators, ed: Edition) -> FigurePages:
    _, paths = ed._, ed.paths
    index = paths.index(paths.FIGURES)
    years = summary_years(catalog, indicators)
    charts: dict[str, dict[str, Any]] = {}
    shown: list[dict[str, Any]] = []
    for indicator in indicators.all:
        view = {**_indicator_view(indicator, indicators, ed), "chart": None}
        if indicator.history.periods:
            charts[paths.chart(indicator.id)] = _chart(indicator, ed)
            view["chart"] = paths.chart(indicator.id)
        shown.append(view)
    pages = [
        GeneratedPage(
            index,
            _("%(The_short)s en chiffres"),
            _(
                "Les objectifs %(of_org)s mesurés à partir de ses données : membres, participation, plaidoyer, "
                "événements, publications, audience."
            ),
            "chiffres.html",
            {"indicators": shown, "on": ed.lang.date(indicators.on), "years": list(years), "year": indicators.on.year},
            search=SearchInfo(_("Rubrique")),
            lang=ed.code,
            key=FR.index(FR.FIGURES),
        )
    ]
    pages += [_year_page(year, found, indicators, ed, index) for year, found in years.items()]
    return FigurePages(pages, charts)


@dataclass
class Year:
    """What one year's summary lists, gathered in one pass over the catalog."""

    joined: list[Member] = field(default_factory=list)
    left: list[Member] = field(default_factory=list)
    actions: list[AdvocacyAction] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def summary_years(catalog: Catalog, indicators: Indicators) -> dict[int, Year]:
    """Years with something to report, newest first, up to the current one."""
    years: dict[int, Year] = {}

    def at(year: int) -> Year:
        return years.setdefault(year, Year())

    for member in (*catalog.members, *catalog.former):
        if member.joined:
            at(member.joined.year).joined.append(member)
    for member in catalog.former:
        if member.left:
            at(member.left.year).left.append(member)
    for action in catalog.actions:
        at(action.start.year).actions.append(action)
    for publication in reversed(catalog.publications):  # oldest first
        at(publication.meta.date.year).publications.append(publication)
    for event in catalog.events:
        if event.status != "cancelled":
            at(event_day(event).year).events.append(event)
    return {y: years[y] for y in sorted(years, reverse=True) if y <= indicators.on.year}


def _number(ed: Edition, value: int | None) -> str:
    return "—" if value is None else ed.lang.number(value)


def _indicator_view(indicator: Indicator, indicators: Indicators, ed: Edition) -> dict[str, Any]:
    _, history = ed._, indicator.history
    labels = [_(label) for _key, label in history.series]
    return {
        "id": indicator.id,
        "title": _(TITLES[indicator.id]),
        "method": _(METHODS[indicator.id]),
        "value": indicator.value,
        "target": indicator.target,
        "detail": indicator.detail,
        "baseline": ed.lang.date(indicator.baseline) if indicator.baseline else None,
        "period_title": _("Date du relevé") if indicator.id == "abonnes" else _("Année"),
        "columns": labels,
        "rows": [
            (
                _period(indicator, period, ed),
                [
                    _percent(ed, v) if key == "share" else _number(ed, v)
                    for (key, _label), v in zip(history.series, values, strict=True)
                ],
            )
            for period, values in reversed(history.rows())
        ],
        "value_text": _percent(ed, indicator.value)
        if indicator.id in ("participation", "abonnes")
        else _number(ed, indicator.value),
        "target_text": (
            _percent(ed, indicator.target)
            if indicator.id in ("participation", "abonnes")
            else _number(ed, indicator.target)
        )
        if indicator.target is not None
        else None,
        "target_line": _number(ed, indicator.target_line) if indicator.target_line is not None else None,
        "detail_text": [_number(ed, v) for v in indicator.detail],
        "when": {
            "organisations": _("au %(day)s") % {"day": ed.lang.date(indicators.on)},
            "participation": _("sur les 12 derniers mois"),
            "abonnes": _("depuis la date de référence"),
        }.get(indicator.id, _("en %(year)s") % {"year": indicators.on.year}),
        "alt": _("Graphique : %(title)s, de %(first)s à %(last)s. Les valeurs sont dans le tableau qui suit.")
        % {
            "title": _(TITLES[indicator.id]).lower() if ed.code == "fr" else _(TITLES[indicator.id]),
            "first": _period(indicator, history.periods[0], ed) if history.periods else "",
            "last": _period(indicator, history.periods[-1], ed) if history.periods else "",
        },
    }


def _percent(ed: Edition, value: int | None) -> str:
    """« 68 % » (narrow no-break space) / « 68% »."""
    return "—" if value is None else ed.lang.number(value) + ("\u202f%" if ed.code == "fr" else "%")


def _period(indicator: Indicator, period: str, ed: Edition) -> str:
    """A row's period as readers write it: « 2025 », or the day of an audience reading."""
    return ed.lang.date(date.fromisoformat(period)) if indicator.id == "abonnes" else period


def _chart(indicator: Indicator, ed: Edition) -> dict[str, Any]:
    _, history = ed._, indicator.history
    drawn = [
        (label, values)
        for (key, label), values in zip(history.series, history.values, strict=True)
        if not history.charted or key in history.charted
    ]
    target = indicator.target_line
    label = None
    if target is not None:
        shown = _percent(ed, target) if indicator.id == "participation" else ed.lang.number(target)
        label = _("Objectif : %(target)s") % {"target": shown}
    return {
        "title": _(TITLES[indicator.id]),
        "x_title": _("Date du relevé") if indicator.id == "abonnes" else _("Année"),
        "y_title": _(Y_TITLES[indicator.id]),
        "periods": history.periods,
        "series": tuple((_(name), tuple(values)) for name, values in drawn),
        "kind": "line" if indicator.id == "abonnes" else "bar",
        "stacked": history.stacked,
        "target": target,
        "target_label": label,
        "percent": indicator.id == "participation",
        "lang": ed.code,
    }


def row(indicator: Indicator, year: int) -> tuple[int | None, ...]:
    """An indicator's values for one year (empty when its history does not reach it)."""
    history = indicator.history
    return (
        tuple(column[history.periods.index(str(year))] for column in history.values)
        if str(year) in history.periods
        else ()
    )


def _year_tiles(indicators: Indicators, year: int, ed: Edition) -> list[tuple[str, str]]:
    """The year's indicators as figures: (number, what it counts)."""
    _, n_ = ed._, ed.n_
    out = []
    organisations = row(indicators["organisations"], year)
    if organisations:
        out += [
            (_number(ed, organisations[0]), n_("organisation membre", "organisations membres", organisations[0] or 0)),
            (
                _number(ed, organisations[1]),
                n_("organisation observatrice", "organisations observatrices", organisations[1] or 0),
            ),
        ]
    participation = row(indicators["participation"], year)
    if participation and participation[0] is not None:
        out.append(
            (
                _percent(ed, participation[0]),
                _("des membres actifs (%(active)s sur %(members)s)")
                % {"active": _number(ed, participation[1]), "members": _number(ed, participation[2])},
            )
        )
    actions, events, publications = (row(indicators[key], year) for key in ("plaidoyer", "evenements", "publications"))
    if actions:
        out.append(
            (_number(ed, actions[0]), n_("action de plaidoyer lancée", "actions de plaidoyer lancées", actions[0] or 0))
        )
    if events:
        total, trainings = sum(v or 0 for v in events), events[0]
        label = (
            n_("événement", "événements", total)
            if not trainings
            else n_("événement, dont %(n)s formation", "événements, dont %(n)s formation", total)
            if trainings == 1
            else n_("événement, dont %(n)s formations", "événements, dont %(n)s formations", total)
        )
        out.append((_number(ed, total), label % {"n": _number(ed, trainings)} if trainings else label))
    if publications:
        total = sum(v or 0 for v in publications)
        out.append((_number(ed, total), n_("publication", "publications", total)))
    return out


def _year_page(year: int, found: Year, indicators: Indicators, ed: Edition, index: str) -> GeneratedPage:
    """One year's activity, for a funder's report: who joined and left, actions, publications, events."""
    _ = ed._
    joined, left, actions, publications, events = (
        found.joined,
        found.left,
        found.actions,
        found.publications,
        found.events,
    )
    types = Counter(p.meta.type for p in publications)
    partial = year == indicators.on.year
    return GeneratedPage(
        ed.paths.figures_year(year),
        _("Bilan %(year)d") % {"year": year},
        _(
            "L'activité %(of_org)s en %(year)d : adhésions, actions de plaidoyer, publications, événements et "
            "formations."
        )
        % {"year": year},
        "chiffres_annee.html",
        {
            "year": year,
            "partial": partial,
            "on": ed.lang.date(indicators.on),
            "as_of": ed.lang.date(year_end(year, indicators.on)),
            "joined": joined,
            "left": left,
            "actions": actions,
            "publications": publications,
            "types": [(_(PUBLICATION_TYPES[t]), n) for t, n in types.most_common()],
            "trainings": [e for e in events if e.type == TRAINING],
            "events": [e for e in events if e.type != TRAINING],
            "tiles": _year_tiles(indicators, year, ed),
            "index": index,
        },
        search=SearchInfo(_("Bilan annuel")),
        entry=f"bilan annuel {year}",
        listed_in=(index,),
        lang=ed.code,
        key=FR.figures_year(year),
    )
