"""The indicators of « %(The_short)s en chiffres » as an open data table: one row per indicator, period and series."""

from __future__ import annotations

from typing import Any

from ..content.i18n import N_
from ..content.indicators import INDICATORS as INDICATOR_IDS
from .datatable import Column, Table
from .indicators import Indicators

INDICATORS = Table(
    "indicators",
    N_("Indicateurs"),
    N_(
        "Les chiffres de la page « %(The_short)s en chiffres », tels qu'ils sont calculés le jour de la mise à jour : "
        "une ligne par indicateur, période et série (les colonnes de chaque tableau de la page)."
    ),
    (
        Column("id", "string", N_("Identifiant de la ligne : indicateur, période et série"), required=True),
        Column("indicator", "string", N_("Indicateur"), required=True, enum=tuple(INDICATOR_IDS)),
        Column("period", "string", N_("Année (2026), ou jour du relevé pour les abonnés (2026-01-15)"), required=True),
        Column(
            "series",
            "string",
            N_(
                "Série : members, observers, share (en %), active, actions, trainings, events, un type "
                "de publication, un réseau social ou total"
            ),
            required=True,
        ),
        Column("value", "integer", N_("Valeur (vide quand elle ne peut pas être calculée)")),
        Column("target", "integer", N_("Objectif de l'indicateur, dans son unité (vide s'il n'en a pas)")),
        Column("baseline", "date", N_("Date de référence de l'indicateur")),
        Column("computed_on", "date", N_("Jour du calcul"), required=True),
    ),
)


def indicator_rows(indicators: Indicators) -> list[dict[str, Any]]:
    """Every number of every indicator's table, in the order of the page."""
    return [
        {
            "id": f"{i.id}-{period}-{key}",
            "indicator": i.id,
            "period": period,
            "series": key,
            "value": values[index],
            "target": i.target,
            "baseline": i.baseline,
            "computed_on": indicators.on,
        }
        for i in indicators.all
        for period, values in i.history.rows()
        for index, (key, _label) in enumerate(i.history.series)
    ]
