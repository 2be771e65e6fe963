"""Charts of /chiffres/ drawn as SVG at build time (Vega-Lite through vl-convert): no JavaScript on the page.

Shown as <img>, an SVG loads nothing; we still refuse any that could load or run something if opened on its own.
Each data mark keeps Vega's aria-label (« Année: 2022; Organisations: 5; Série: Membres »): tests read them."""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import vl_convert as vlc

from ..content.cache import TextStore, cache_root, digest
from .chartcheck import ChartError, check_svg

WIDTH, HEIGHT = 640, 320  # the whole picture, axes and legend included (autosize "fit")
VEGA_LITE = "6.4"  # pinned: a newer default in vl-convert must not change the charts silently
FONT = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"  # Material's stack with `font: false`
TEXT_SIZE = 18  # at 640 px wide: about 10 px on a 390 px phone (the table beside gives exact numbers)
CAPTION_TOP = -16 - TEXT_SIZE  # the y title is a caption above the plot, as in newspapers: its top
INK, MUTED, GRID, BASELINE = "#1f2d3d", "#4a5b70", "#dfe5eb", "#6b7785"  # on white: 14.0, 7.0, 1.3, 4.6:1
# The site's blue, then Okabe & Ito's colour-blind-safe hues, each ≥ 3:1 on white (WCAG 1.4.11): the first
# four stay apart under protanopia, deuteranopia and tritanopia; line points also differ by shape.
PALETTE = ("#123f6d", "#d55e00", "#009e73", "#cc79a7", "#0088dd", "#8a6f00", "#6e6e6e")
SHAPES = ("circle", "square", "triangle-up", "diamond", "triangle-down", "cross", "triangle-right")
# Field names in the data; aria-labels show the encodings' titles instead: x_title, y_title, SERIES_TITLE.
PERIOD, VALUE, SERIES, RANK = "period", "value", "series", "rank"
SERIES_TITLE = {"fr": "Série", "en": "Series"}
LOCALES = {  # d3-format and d3-time-format; French numbers as babel writes them on the site (1 234,5, U+202F)
    "fr": {
        "number": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "percent": "\u202f%"},
        "time": vlc.get_time_format_locale("fr-FR"),
    },
    "en": {"number": {"decimal": ".", "thousands": ",", "grouping": [3]}, "time": vlc.get_time_format_locale("en-GB")},
}
_YEAR, _DAY = re.compile(r"\d{4}"), re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_clean = functools.partial(_XML_ILLEGAL.sub, "")  # texts without what XML 1.0 cannot hold
_store: TextStore | None = None  # SVGs of earlier builds (see open_chart_store)
Json = dict[str, Any]  # an object of the Vega-Lite spec: JSON, of any shape


@dataclass(frozen=True)
class ChartSpec:
    """One chart: values per period for one or several series, its texts already translated."""

    title: str  # becomes the SVG <title> and the Vega description
    x_title: str  # « Année »
    y_title: str  # « Organisations »
    periods: tuple[str, ...]  # ("2021", "2022", …) or ISO days ("2026-01-15", …), in order
    series: tuple[tuple[str, tuple[float | None, ...]], ...]  # (label, one value per period); None = no value
    kind: str = "bar"  # "bar" or "line"
    stacked: bool = False  # several series' bars stacked, else side by side
    target: float | None = None  # a dashed horizontal rule…
    target_label: str | None = None  # …labelled at its right end: « Objectif : 30 »
    percent: bool = False  # y axis from 0 to 100
    lang: str = "fr"  # number format: "fr" (1 234,5) or "en" (1,234.5)


def chart_svg(spec: ChartSpec) -> str:
    """The chart as a standalone SVG string: same spec, same bytes."""
    return _draw(json.dumps(vega_lite_spec(spec), sort_keys=True, ensure_ascii=False))


@functools.lru_cache(maxsize=256)
def _draw(vega_lite: str) -> str:
    key = digest(vega_lite)
    if _store is not None and (cached := _store.get(key)) is not None:
        return check_svg(cached)  # checked again: the cache lies outside what the build controls
    svg = vlc.vegalite_to_svg(vega_lite, vl_version=VEGA_LITE, allowed_base_urls=[])
    title = f"<title>{escape(json.loads(vega_lite)['description'])}</title>"  # Vega writes it nowhere
    svg = check_svg(re.sub(r"^<svg\b[^>]*>", lambda opening: opening[0] + title, svg, count=1))
    if _store is not None:
        _store.put(key, svg)
    return svg


def open_chart_store(directory: Path | None = None) -> TextStore:
    """Use the SVGs of earlier builds (in `directory`, else the cache folder) for this build."""
    global _store
    fingerprint = digest(version("vl-convert-python"), Path(__file__).read_bytes())  # Vega comes with vl-convert
    _store = TextStore(directory or cache_root() / "charts", "charts", fingerprint)
    return _store


def close_chart_store() -> None:
    """Keep this build's SVGs for the next one; later charts are not cached."""
    global _store
    if _store is not None:
        _store.save()
    _store = None


def clear_chart_caches() -> None:
    """Forget the charts drawn in this process (`mkdocs serve` keeps the module across builds)."""
    _draw.cache_clear()


def validate(spec: ChartSpec) -> None:
    """Raise ChartError for a spec the calling code got wrong, with every reason and the chart's title."""
    periods, labels = spec.periods, [label for label, _ in spec.series]
    checks = [
        (spec.kind in {"bar", "line"}, f"kind « {spec.kind} » (attendu : bar ou line)"),
        (spec.lang in LOCALES, f"lang « {spec.lang} » (attendu : fr ou en)"),
        (
            bool(periods)
            and len(set(periods)) == len(periods)
            and any(all(pattern.fullmatch(p) for p in periods) for pattern in (_YEAR, _DAY)),
            "périodes absentes, répétées, ou ni toutes des années (2024) ni toutes des jours (2024-05-31)",
        ),
        (
            bool(labels) and len(set(labels)) == len(labels) and all(map(str.strip, labels)),
            "séries absentes, sans nom ou de même nom",
        ),
        (
            (spec.target is None) == (spec.target_label is None)
            and (spec.target is None or math.isfinite(spec.target)),
            "target et target_label vont ensemble",
        ),
    ]
    for label, values in spec.series:
        count = f"série « {label} » : {len(values)} valeurs, {len(periods)} périodes"
        checks += [
            (len(values) == len(periods), count),
            (
                all(v is None or (not isinstance(v, bool) and math.isfinite(v)) for v in values),
                f"série « {label} » : valeur non numérique ou infinie",
            ),
        ]
    if problems := [message for ok, message in checks if not ok]:
        raise ChartError(f"graphique « {spec.title} » — " + " ; ".join(problems))


def vega_lite_spec(spec: ChartSpec) -> Json:
    """The Vega-Lite description of the chart (its JSON, keys sorted, is the cache key)."""
    validate(spec)
    labels = [_clean(label) for label, _ in spec.series]
    rows = [
        {PERIOD: period, SERIES: label, VALUE: _number(value), RANK: rank}
        for rank, (label, (_, values)) in enumerate(zip(labels, spec.series, strict=True))
        for period, value in zip(spec.periods, values, strict=True)
        if value is not None or spec.kind == "line"
    ]  # a null breaks the line instead of joining across
    series = {
        "field": SERIES,
        "type": "nominal",
        "title": SERIES_TITLE[spec.lang],
        "scale": {"domain": labels, "range": list(PALETTE)},
    }
    legend = _legend(spec)
    return {
        "description": _clean(spec.title),  # no $schema: vl_version=VEGA_LITE says which Vega-Lite reads it
        "width": WIDTH,
        "height": HEIGHT,
        "autosize": {"type": "fit", "contains": "padding"},
        # Vega leaves a legend placed by hand out of its layout: the top padding makes room for it.
        "padding": {
            "left": 4,
            "right": 8,
            "bottom": 4,
            "top": 6 if legend is None else 8 - legend["legendY"] + CAPTION_TOP,
        },
        "data": {"values": rows},
        "layer": _mark_layers(spec, series, legend) + (_target_layers(spec) if spec.target is not None else []),
        "config": _config(spec.lang),
    }


def _number(value: float | None) -> int | float | None:
    """Whole numbers as JSON integers, so 5 and 5.0 make the same cache key."""
    return None if value is None else int(value) if float(value).is_integer() else float(value)


def _x(spec: ChartSpec) -> Json:
    title, periods = _clean(spec.x_title), list(spec.periods)
    if _DAY.fullmatch(periods[0]) and spec.kind == "line" and len(periods) > 1:
        return _time_x(title, periods)
    step = (WIDTH - 80) / len(periods)
    axis: dict[str, int | str] = {"labelAngle": 0}
    if days := bool(_DAY.fullmatch(periods[0])):  # on two lines: « 15 janv. » / « 2026 »
        axis["labelExpr"] = "[utcFormat(toDate(datum.value), '%-d %b'), utcFormat(toDate(datum.value), '%Y')]"
    if (8 if days else 4) * TEXT_SIZE * 0.6 + 8 > step:  # too many to stand side by side
        axis.update(labelAngle=-45, labelAlign="right", labelBaseline="top")
    scale = {"domain": periods, "padding": 0.3}
    if spec.kind == "bar":  # bars no wider than 72 px (in a group: 40 px), gaps at least 30 % of a step
        widest = 72 if spec.stacked or len(spec.series) == 1 else 40 * len(spec.series)
        inner = round(max(0.3, 1 - widest / step), 3)
        scale = {"domain": periods, "paddingInner": inner, "paddingOuter": round(inner / 2, 3)}
    return {"field": PERIOD, "type": "ordinal", "title": title, "scale": scale, "axis": axis}


def _time_x(title: str, periods: list[str]) -> Json:
    """Readings on irregular days, on a true time scale: ticks every few months (or years, or days)."""
    first, last = date.fromisoformat(periods[0]), date.fromisoformat(periods[-1])
    months = (last.year - first.year) * 12 + last.month - first.month
    label, ticks = (
        ("%Y", {"interval": "year", "step": math.ceil(months / 60)})
        if months > 36
        else ("%b %Y", {"interval": "month", "step": math.ceil(months / 4)})
        if months > 3
        else ("%-d %b", 4)
    )
    ends = [{"year": d.year, "month": d.month, "date": d.day, "utc": True} for d in (first, last)]
    return {
        "field": PERIOD,
        "type": "temporal",
        "title": title,
        "scale": {"type": "utc", "domain": ends, "padding": 14},
        # labelExpr, not `format`, which the marks' aria-labels would take too (they use timeFormat)
        "axis": {"labelExpr": f"utcFormat(datum.value, '{label}')", "tickCount": ticks, "labelOverlap": True},
    }


def _y(spec: ChartSpec) -> Json:
    values = [v for _, vs in spec.series for v in vs if v is not None] + ([] if spec.target is None else [spec.target])
    if spec.kind == "bar" and spec.stacked:
        values += [sum(vs[i] or 0 for _, vs in spec.series) for i in range(len(spec.periods))]
    counts = all(float(v).is_integer() for v in values)
    scale: Json = {"zero": True, "nice": 5}  # a gridline above the highest value: the axis has 5 steps
    if spec.percent and all(0 <= v <= 100 for v in values):
        scale = {"domain": [0, 100], "nice": False}
    # The title is the caption above the plot, starting where the widest y label starts.
    left = -round(8 + _label_width(values, scale, spec.percent, counts))
    axis: Json = {
        "titleAngle": 0,
        "titleAlign": "left",
        "titleBaseline": "bottom",
        "titleX": left,
        "titleY": CAPTION_TOP + TEXT_SIZE,
    }
    if spec.percent:
        axis["labelExpr"] = "datum.label + '\u202f%'" if spec.lang == "fr" else "datum.label + '%'"
    if counts and not spec.percent and min([0, *values]) >= 0:
        # counts: whole ticks only (no « 2,5 organisations »), about five of them, Vega's tickMinStep being ignored
        step = max(1, _nice_step(max([1, *values]) / 5))
        top = math.ceil(max([1, *values]) / step) * step
        scale = {"domain": [0, top], "nice": False}
        axis["values"] = list(range(0, int(top) + 1, int(step)))
        axis["labelExpr"] = "format(datum.value, ',d')"  # not `format`: the marks' aria-labels would take it too
    return {
        "field": VALUE,
        "type": "quantitative",
        "title": _clean(spec.y_title),
        "scale": scale,
        "axis": axis,
        "stack": "zero" if spec.kind == "bar" and spec.stacked else None,
    }


def _nice_step(raw: float) -> float:
    """d3's step for about `raw` per tick: 1, 2, 5 or 10 times a power of ten."""
    power: float = 10 ** math.floor(math.log10(raw or 1))
    return power * next(m for limit, m in ((7.07, 10), (3.16, 5), (1.41, 2), (0, 1)) if raw / power >= limit)


def _label_width(values: list[float], scale: Json, percent: bool, counts: bool) -> float:
    """About the width of the widest y label: the end ticks of the domain made nice in 5 steps, as d3 does."""
    low, high = scale.get("domain", [min([0, *values]), max([0, *values])])
    raw = (high - low) / 5 or 1
    power: float = 10 ** math.floor(math.log10(raw))
    step = power * next(m for limit, m in ((7.07, 10), (3.16, 5), (1.41, 2), (0, 1)) if raw / power >= limit)
    step = max(step, 1) if counts else step
    ends = (math.floor(low / step) * step, math.ceil(high / step) * step)  # digits, thousands spaces, « − »:
    ems: float = max((n := len(str(abs(int(end))))) * 0.556 + n // 4 * 0.2 + (end < 0) * 0.6 for end in ends)
    return TEXT_SIZE * (ems + 0.8 * (step < 1) + 0.85 * percent)  # « ,5 », « %»


def _legend(spec: ChartSpec) -> Json | None:
    """For several series only: rows above the caption, from the same left edge, wrapped to fit."""
    if len(spec.series) == 1:
        return None
    widths = [len(_clean(label)) * 0.6 * TEXT_SIZE + 30 for label, _ in spec.series]  # symbol, gap, label
    columns = next(c for c in range(len(widths), 0, -1) if sum(max(widths[i::c]) for i in range(c)) + 18 * c <= WIDTH)
    rows = math.ceil(len(widths) / columns)
    return {
        "title": None,
        "orient": "none",
        "columns": columns,
        "labelLimit": WIDTH - 60,
        "legendX": _y(spec)["axis"]["titleX"],
        "legendY": CAPTION_TOP - 10 - rows * (TEXT_SIZE + 6),
    }


def _mark_layers(spec: ChartSpec, series: Json, legend: Json | None) -> list[Json]:
    encoding: Json = {"x": _x(spec), "y": _y(spec), "color": {**series, "legend": legend}}
    several, title = len(spec.series) > 1, SERIES_TITLE[spec.lang]
    if spec.kind == "line":  # a missing value breaks the line and has no point
        line = {"type": "line", "aria": False, "strokeWidth": 2.5, "invalid": "break-paths-filter-domains"}
        point = {
            **line,
            "type": "point",
            "aria": True,
            "filled": True,
            "size": 90,
            "opacity": 1,
            "stroke": "#ffffff",
            "strokeWidth": 1.5,
        }
        # Points differ by shape as well as colour, for readers who do not tell the colours apart.
        shape = {**series, "legend": legend, "scale": {"domain": series["scale"]["domain"], "range": list(SHAPES)}}
        points = {**encoding, "shape": shape} if several else dict(encoding)
        return [{"mark": line, "encoding": encoding}, {"mark": point, "encoding": points}]
    if spec.stacked:  # the first series at the bottom; titled as the colour, so that aria-labels do not repeat it
        encoding["order"] = {"field": RANK, "type": "quantitative", "title": title}
        return [{"mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 1}, "encoding": encoding}]
    if several:
        encoding["xOffset"] = {
            "field": SERIES,
            "type": "nominal",
            "title": title,
            "scale": {"domain": series["scale"]["domain"], "paddingInner": 0.08},
        }
    # A zero is a flat bar: a line on the baseline tells it from « no value ».
    encoding["stroke"] = {**series, "legend": None}
    encoding["strokeWidth"] = {"condition": {"test": f"datum['{VALUE}'] === 0", "value": 3}, "value": 0}
    return [{"mark": {"type": "bar"}, "encoding": encoding}]


def _target_layers(spec: ChartSpec) -> list[Json]:
    """The dashed rule, and its label at the right end over a white halo, so that bars do not hide it."""
    y = {"datum": _number(spec.target), "type": "quantitative"}
    one: Json = {"values": [{}]}  # one rule, not one a row
    text = {
        "type": "text",
        "aria": False,
        "x": "width",
        "align": "right",
        "baseline": "bottom",
        "dy": -5,
        "fontSize": TEXT_SIZE,
        "fontWeight": "bold",
        "color": INK,
    }
    halo = {**text, "stroke": "#ffffff", "strokeWidth": 4, "strokeJoin": "round"}
    rule = {"type": "rule", "aria": False, "color": INK, "strokeWidth": 1.5, "strokeDash": [6, 4]}
    label = {"text": {"value": _clean(spec.target_label or "")}, "y": y}
    return [
        {"data": one, "mark": rule, "encoding": {"y": y}},
        *({"data": one, "mark": mark, "encoding": label} for mark in (halo, text)),
    ]


def _config(lang: str) -> Json:
    """Newspaper-like; Vega's English ARIA descriptions of axes and legends off, the marks' aria-labels kept."""
    return {
        "background": "#ffffff",
        "font": FONT,
        "locale": LOCALES[lang],
        "view": {"stroke": None},
        "timeFormat": "%Y-%m-%d",  # days in the marks' aria-labels, as the periods were given
        "axis": {
            "labelFontSize": TEXT_SIZE,
            "titleFontSize": TEXT_SIZE,
            "titleFontWeight": "normal",
            "labelColor": MUTED,
            "titleColor": MUTED,
            "domainColor": BASELINE,
            "labelPadding": 6,
            "titlePadding": 10,
            "aria": False,
        },
        "axisX": {"grid": False, "ticks": False},
        "axisY": {
            "domain": False,
            "ticks": False,
            "tickCount": 5,
            "labelPadding": 8,  # zero stands out (negatives)
            "gridColor": {"condition": {"test": "datum.value === 0", "value": BASELINE}, "value": GRID},
        },
        "legend": {
            "direction": "horizontal",
            "labelFontSize": TEXT_SIZE,
            "labelColor": INK,
            "symbolSize": 180,
            "columnPadding": 18,
            "rowPadding": 6,
            "aria": False,
        },
    }
