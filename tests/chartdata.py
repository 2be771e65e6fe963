"""Read a chart's numbers back from its SVG, as a screen reader would: from each data mark's aria-label.

Vega writes one label per mark, « Année: 2022; Organisations: 5; Série: Membres »: the titles of the
x, y and series encodings (pdh.render.charts), the period as given, the value in the chart's
language (2,5 or 2.5, no thousands separator, « − » for negatives) and the series label last.
"""

from __future__ import annotations

import re

import defusedxml.ElementTree as SafeXML

from pdh.render.charts import SERIES_TITLE

_SERIES = "|".join(map(re.escape, SERIES_TITLE.values()))
_MARK = re.compile(
    r"(?P<x>.*?): (?P<period>\d{4}(?:-\d{2}-\d{2})?); (?P<y>.*?): (?P<value>[−-]?\d+(?:[.,]\d+)?); "
    rf"(?:{_SERIES}): (?P<series>.*)",
    re.DOTALL,
)


def chart_values(svg: str) -> dict[tuple[str, str], float]:
    """(series label, period) → value, for every data mark; raises on a label of another shape or a repeat."""
    values: dict[tuple[str, str], float] = {}
    for element in SafeXML.fromstring(svg).iter():
        label = element.get("aria-label")
        if label is None:
            continue
        match = _MARK.fullmatch(label)
        if match is None:
            raise ValueError(f"aria-label of another shape: {label!r}")
        key = (match["series"], match["period"])
        if key in values:
            raise ValueError(f"two marks for {key!r}")
        values[key] = float(match["value"].replace("−", "-").replace(",", "."))
    return values


def mark_labels(svg: str) -> list[str]:
    """Every aria-label in the SVG, in document order."""
    return [element.get("aria-label") for element in SafeXML.fromstring(svg).iter() if element.get("aria-label")]
