"""Charts of /chiffres/ drawn by the real vl-convert: the numbers read back from the SVG, its safety, its cache."""

from __future__ import annotations

import dataclasses
import re

import defusedxml.ElementTree as SafeXML
import pytest
import vl_convert

from chartdata import chart_values, mark_labels
from pdh.render import charts
from pdh.render.charts import ChartError, ChartSpec, chart_svg, check_svg

YEARS = ("2021", "2022", "2023", "2024", "2025")
BAR = ChartSpec(
    "Organisations membres",
    "Année",
    "Organisations",
    YEARS,
    (("Membres", (12, 15, 0, None, 1500)),),
    target=30,
    target_label="Objectif : 30",
)
GROUPED = ChartSpec(
    "Membres et observateurs",
    "Année",
    "Organisations",
    YEARS,
    (("Membres", (12, 15, 18, None, 24)), ("Observateurs", (3, 0, 5, 6, 4))),
)
STACKED = dataclasses.replace(GROUPED, stacked=True, target=30, target_label="Objectif : 30")
LINE = ChartSpec(
    "Followers",
    "Date",
    "Followers",
    ("2026-01-15", "2026-03-02", "2026-04-30", "2026-06-01"),
    (("Mastodon", (120, 180, None, 2600)), ("Bluesky", (40, 95, 150, 210))),
    kind="line",
    lang="en",
)
PERCENT = ChartSpec(
    "Part des membres actifs",
    "Année",
    "Membres actifs",
    YEARS,
    (("Part", (45.5, 52.0, 60.1, 0.3, 99.9)),),
    kind="line",
    percent=True,
    target=80,
    target_label="Objectif : 80 %",
)
EXAMPLES = {"bar": BAR, "grouped": GROUPED, "stacked": STACKED, "line": LINE, "percent": PERCENT}
SVG_NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def expected(spec: ChartSpec) -> dict[tuple[str, str], float]:
    return {
        (label, period): value
        for label, values in spec.series
        for period, value in zip(spec.periods, values, strict=False)
        if value is not None
    }


def texts(svg: str) -> list[str]:
    """What a reader sees: the text of every <text>, lines joined."""
    return [" ".join(t.itertext()) for t in SafeXML.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


@pytest.fixture(scope="module")
def drawn() -> dict[str, str]:
    return {name: chart_svg(spec) for name, spec in EXAMPLES.items()}


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_value_reads_back_from_the_marks(drawn, name):
    values = chart_values(drawn[name])
    assert len(values) >= 4 and values == expected(EXAMPLES[name])


def test_the_labels_name_the_axes_and_the_series(drawn):
    assert "Année: 2022; Organisations: 15; Série: Membres" in mark_labels(drawn["grouped"])
    assert "Date: 2026-03-02; Followers: 180; Series: Mastodon" in mark_labels(drawn["line"])


def test_no_value_draws_no_mark_and_zero_draws_one(drawn):
    bar = chart_values(drawn["bar"])
    assert ("Membres", "2024") not in bar and bar[("Membres", "2023")] == 0
    assert ("Mastodon", "2026-04-30") not in chart_values(drawn["line"])
    assert "2024" in texts(drawn["bar"])  # the year without a value keeps its place on the axis


def test_stacked_bars_put_the_first_series_at_the_bottom(drawn):
    tops = {}  # each bar is a path « M x,y h… v height »: its bottom is y + height
    for path in SafeXML.fromstring(drawn["stacked"]).iter("{http://www.w3.org/2000/svg}path"):
        match = re.fullmatch(r"Année: (\d+); Organisations: \d+; Série: (\w+)", path.get("aria-label", ""))
        if match and (shape := re.match(r"M[-\d.]+,([-\d.]+)h[-\d.]+v([-\d.]+)", path.get("d", ""))):
            tops[match[2], match[1]] = float(shape[1]) + float(shape[2])
    assert tops and tops["Membres", "2021"] > tops["Observateurs", "2021"]


def test_output_is_deterministic(drawn):
    charts.clear_chart_caches()
    assert chart_svg(GROUPED) == drawn["grouped"]
    with_floats = dataclasses.replace(GROUPED, series=(("Membres", (12.0, 15.0, 18.0, None, 24.0)), GROUPED.series[1]))
    assert chart_svg(with_floats) == drawn["grouped"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_nothing_can_run_or_load(drawn, name):
    svg = drawn[name]
    SafeXML.fromstring(svg)  # well-formed, no DOCTYPE nor entity
    lowered = svg.lower()
    for needle in ("<script", "href", "url(", "@import", "<foreignobject", "<image", "javascript:"):
        assert needle not in lowered
    assert set(re.findall(r"https?://[^\s\"'<>]*", svg)) <= SVG_NAMESPACES


def test_hostile_texts_are_escaped():
    label, other = '<script>alert("x")</script> & "co"', "Invités; Série: 7"  # the separators of aria-labels too
    spec = dataclasses.replace(
        GROUPED,
        title=f"Titre {label}",
        y_title="Nombre : total",
        series=((label, (1, 2, 3, 4, 5)), (other, (6, 7, 8, 9, 10))),
    )
    svg = chart_svg(spec)
    SafeXML.fromstring(svg)
    assert "<script" not in svg.lower() and "&lt;script&gt;" in svg
    assert chart_values(svg) == expected(spec)
    assert SafeXML.fromstring(svg).find("{http://www.w3.org/2000/svg}title").text == f"Titre {label}"
    assert any(t.startswith('<script>alert("x")') for t in texts(svg))  # in the legend, as text


def test_check_svg_refuses_what_could_run_or_load():
    ok = '<svg xmlns="http://www.w3.org/2000/svg"><text>voir http://exemple.org</text></svg>'
    assert check_svg(ok) == ok
    for bad in (
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://x.org/#a)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://x.org/a.css";</style></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="#a"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="https://x.org/ns"><h:p/></svg>',
        '<!DOCTYPE svg [<!ENTITY e "x">]><svg xmlns="http://www.w3.org/2000/svg">&e;</svg>',
    ):
        with pytest.raises(ChartError):
            check_svg(bad)


def test_numbers_follow_the_language():
    french = dataclasses.replace(GROUPED, series=(("Membres", (1500, 2.5, 800, 1200, 900)),), lang="fr")
    english = dataclasses.replace(french, lang="en")
    fr_texts, en_texts = texts(chart_svg(french)), texts(chart_svg(english))
    assert "1\u202f000" in fr_texts and not any("," in t for t in fr_texts)  # narrow no-break space
    assert "1,000" in en_texts
    assert not any(t.endswith(".0") or t.endswith(",0") for t in fr_texts + en_texts)
    assert "Année: 2022; Organisations: 2,5; Série: Membres" in mark_labels(chart_svg(french))
    assert chart_values(chart_svg(french)) == chart_values(chart_svg(english)) == expected(french)


def test_visible_words_are_in_the_chart_language(drawn):
    seen = texts(drawn["stacked"])
    assert "Organisations" in seen and "Année" in seen and "Objectif : 30" in seen
    assert {"Membres", "Observateurs"} <= set(seen)
    assert not {"Série", "Series", "period", "value", "series"} & set(seen)  # no legend title, no field names
    labels = mark_labels(drawn["stacked"])  # Vega's English descriptions (« X-axis titled… ») are off
    assert labels and not any(re.search(r"axis|legend|title", label, re.I) for label in labels)
    assert "100\u202f%" in texts(drawn["percent"])  # French typography, and the axis goes up to 100


def test_one_series_has_no_legend_and_years_stand_upright(drawn):
    assert "Membres" not in texts(drawn["bar"])
    years = re.findall(r"<text[^>]*>20\d\d</text>", drawn["bar"])
    assert len(years) == 5 and not any("rotate" in year for year in years)
    assert 'viewBox="0 0 640 320"' in drawn["bar"]


def test_a_wrong_spec_says_what_is_wrong():
    with pytest.raises(ChartError, match="2 valeurs, 5 périodes"):
        chart_svg(dataclasses.replace(BAR, series=(("Membres", (1, 2)),)))
    with pytest.raises(ChartError, match="kind"):
        chart_svg(dataclasses.replace(BAR, kind="pie"))


def test_the_store_spares_vl_convert_in_the_next_build(tmp_path, monkeypatch):
    spec = dataclasses.replace(BAR, title="Mis en cache")
    charts.clear_chart_caches()
    charts.open_chart_store(tmp_path)
    try:
        first = chart_svg(spec)
    finally:
        charts.close_chart_store()
    assert list(tmp_path.glob("charts-*.json"))

    def refuse(*args, **kwargs):
        raise AssertionError("vl_convert called despite the cache")

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", refuse)
    charts.clear_chart_caches()  # a new process: nothing in memory
    store = charts.open_chart_store(tmp_path)
    try:
        assert chart_svg(spec) == first and store.hits == 1
    finally:
        charts.close_chart_store()
        charts.clear_chart_caches()
    with pytest.raises(AssertionError):  # without the store, the chart is drawn again
        chart_svg(spec)
