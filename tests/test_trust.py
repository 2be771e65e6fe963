"""Trust boundary, second pass: every input ends in a located French message, nothing fans out,
members-only events say nothing, and the page policy allows only the templates' scripts."""

from __future__ import annotations

import json
import re

import feedparser
import markdown
import pytest
from icalendar import Calendar
from mkdocs.exceptions import Abort

from conftest import NEW_MEMBER, ROOT, soup, theme_dirs
from pdh.cli.annotations import escape_markdown, summary
from pdh.cli.links import RepoLinks
from pdh.content.errors import Problem
from pdh.content.load import COLLECTIONS, EVENTS, MEMBERS
from pdh.content.model import MAX_COUNTRIES, MAX_LANGUAGES, MAX_MEMBER_COUNTRIES, MAX_THEMES
from pdh.content.settings import read_settings
from pdh.content.yamlsafe import MAX_DEPTH
from pdh.plan.catalog import check_problems
from pdh.verify import budget

MEMBER = NEW_MEMBER

PUBLICATION = """---
title: Publication d'exemple
date: "2026-03-01"
type: rapport
summary: Résumé d'exemple.
authors: [pdh]
{extra}---

Texte d'exemple.
"""


def messages(repo) -> list[str]:
    return [str(p) for p in check_problems(repo.root).sorted()]


def build_error(repo, caplog) -> str:
    """The error a strict build stops with (it must stop)."""
    with pytest.raises(Abort):
        repo.build()
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


# --- 8. Deep nesting: a located message everywhere YAML is read, never a RecursionError ------------

DEEP = "[" * 3000


@pytest.mark.parametrize(
    "rel, text, line",
    [
        ("data/members.yaml", None, None),
        ("data/events.yaml", f"- id: x\n  title: {DEEP}\n", 2),
        ("content/publications/2026-profond.md", f"---\ntitle: T\nthemes: {DEEP}\n---\n", 3),
        ("content/profond.md", f"---\ntitle: {DEEP}\n---\n", 2),
    ],
)
def test_deep_nesting_is_a_located_message_in_check_and_build(tiny, caplog, rel, text, line):
    if text is None:
        tiny.append(rel, f"\n- id: profond\n  name: {DEEP}\n")
        line = tiny.line_of(rel, "id: profond") + 1
    else:
        tiny.write(rel, text)
    expected = f"{rel}:{line} — imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"
    assert messages(tiny) == [expected]
    assert expected in build_error(tiny, caplog)


def test_nesting_just_under_the_limit_is_read():
    from pdh.content.yamlsafe import parse_yaml

    doc, problems = parse_yaml("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n", "data/x.yaml")
    assert problems == [] and doc is not None


# --- Parser errors: French, at the line where the construct starts, with what to type -------------


@pytest.mark.parametrize(
    "case, text, line, expected",
    [
        (
            "unclosed quote",
            '  name: "Agir ensemble\n  city: Lyon\n  status: member\n  description: Texte\n'
            '- id: y\n  name: "Autre" nom\n',
            1,
            'guillemet « " » ouvrant sans fermeture sur la même ligne',
        ),
        (
            "apostrophe inside apostrophes",
            "  name: 'L'ONG'\n  city: Lyon\n",
            1,
            "apostrophe à l'intérieur d'un texte entre apostrophes : doublez-la (« L''ONG »)",
        ),
        ("text after a closing quote", '  name: "Agir" ensemble\n', 1, "texte après le guillemet fermant"),
        ("colon in a value", "  name: Note: texte\n", 1, "« : » dans une valeur : mettez la valeur entre guillemets"),
        (
            "deeper indentation",
            "  name: A\n   city: Lyon\n",
            2,
            "indentation : la ligne est plus en retrait que la précédente ; alignez « city » sur « name »",
        ),
        ("shallower indentation", "  name: A\n city: Lyon\n", 2, "indentation incohérente"),
        ("missing dash", "  name: A\nid: b\n  name: B\n", 2, "nouvelle entrée sans « - »"),
        ("unclosed bracket", "  themes: [a, b\n  city: Lyon\n", 1, "« [ » ouvert sans « ] » fermant sur la même ligne"),
        ("unclosed brace", "  place: {city: Lyon\n  x: y\n", 1, "« { » ouvert sans « } » fermant"),
        ("leading star", "  name: *gras*\n", 1, "une valeur qui commence par « * » doit être entre guillemets"),
        ("leading at sign", "  name: @compte\n", 1, "une valeur qui commence par « @ » doit être entre guillemets"),
        ("backslash in double quotes", '  name: "a\\qb"\n', 1, "« \\ » dans un texte entre guillemets"),
    ],
)
def test_yaml_syntax_errors_are_french_at_the_starting_line(tiny_sources, case, text, line, expected):
    tiny_sources.append("data/members.yaml", "\n- id: cassee\n" + text)
    first = tiny_sources.line_of("data/members.yaml", "- id: cassee") + line
    [message] = messages(tiny_sources)
    assert message.startswith(f"data/members.yaml:{first} — YAML illisible : "), message
    assert expected in message
    assert not re.search(r"expected|found|while (parsing|scanning)", message), (
        "PyYAML's English reached the contributor"
    )


def test_unclosed_quote_is_reported_where_it_opens_not_lines_later(tiny_sources):
    """The issue's case: a quote opened on one line, closed by a quote seven lines below."""
    tiny_sources.append(
        "data/members.yaml",
        '\n- id: cassee\n  name: "Agir ensemble\n  status: member\n  city: Lyon\n'
        '  description: Texte\n  themes: []\n  countries: []\n  acronym: "AE"\n',
    )
    [message] = messages(tiny_sources)
    assert message.startswith(f"data/members.yaml:{tiny_sources.line_of('data/members.yaml', 'Agir ensemble')} — ")
    assert "ouvrant sans fermeture" in message


# --- Text fields: invisible characters named; what is legitimate accepted -------------------------


@pytest.mark.parametrize(
    "char, name",
    [
        ("\u200b", "U+200B, espace sans chasse"),
        ("\u202e", "U+202E, forçage droite-à-gauche"),
        ("\u2066", "U+2066, isolat gauche-à-droite"),
        ("\ufeff", "U+FEFF, espace insécable sans chasse"),
    ],
)
def test_invisible_characters_are_named_and_placed(tiny_sources, char, name):
    tiny_sources.append("data/members.yaml", MEMBER.replace("Nouvelle ONG", f"Nouvelle{char} ONG"))
    [message] = messages(tiny_sources)
    assert f"name : caractère invisible interdit : {name}" in message
    assert "après « Nouvelle »" in message


@pytest.mark.parametrize("field, value", [("description", "Fierté 🏳️‍🌈 et justice 👩‍⚖️"), ("city", "Lille 🏳️‍🌈")])
def test_joiner_inside_an_emoji_sequence_is_accepted_in_texts(tiny_sources, field, value):
    entry = (
        MEMBER.replace("Une organisation d'exemple.", value)
        if field == "description"
        else MEMBER.replace("Lille", value)
    )
    tiny_sources.append("data/members.yaml", entry)
    assert messages(tiny_sources) == []


@pytest.mark.parametrize("text", ["Fierté 🏳️\u200d🌈", "Nouvelle\u200dONG"])
def test_joiner_stays_refused_in_names_and_between_letters(tiny_sources, text):
    tiny_sources.append("data/members.yaml", MEMBER.replace("Nouvelle ONG (exemple)", text))
    [message] = messages(tiny_sources)
    assert "name : caractère invisible interdit : U+200D, liant sans chasse" in message


def test_joiner_between_letters_is_refused_in_a_description(tiny_sources):
    tiny_sources.append("data/members.yaml", MEMBER.replace("Une organisation", "Une organi\u200dsation"))
    [message] = messages(tiny_sources)
    assert "description : caractère invisible interdit : U+200D, liant sans chasse, après « Une organi »" in message


def test_kosovo_is_a_country(tiny_sources):
    tiny_sources.append("data/members.yaml", MEMBER + "  countries: [XK, RS]\n")
    assert messages(tiny_sources) == []


# --- 10. Empty files are errors; « [] » is an explicit empty list; a BOM is accepted -----------------


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.file)
@pytest.mark.parametrize("text", ["", "\n\n", "# plus rien ici\n"], ids=["empty", "blank", "comment"])
def test_an_emptied_data_file_is_an_error(tiny_sources, collection, text):
    tiny_sources.write(collection.file, text)
    found = messages(tiny_sources)
    assert f"{collection.file}:1 — fichier vide : s'il ne doit contenir aucune entrée, écrivez « [] »" in found[0]
    assert all(m.startswith(collection.file) or "inconnu" in m for m in found), found


def test_an_explicitly_empty_agenda_is_accepted_and_builds(tiny):
    tiny.write(EVENTS.file, "[]\n")
    assert messages(tiny) == []
    site = tiny.build()
    assert soup(site / "agenda" / "index.html").select_one("article h1") is not None


@pytest.mark.parametrize(
    "rel, text",
    [
        ("content/publications/2026-avec-bom.md", "\ufeff" + PUBLICATION.format(extra="")),
        ("content/page-avec-bom.md", "\ufeff---\ntitle: Page avec BOM\n---\n\nTexte.\n"),
    ],
)
def test_a_byte_order_mark_is_accepted_in_markdown(tiny_sources, rel, text):
    (tiny_sources.root / rel).write_text(text, encoding="utf-8")
    assert messages(tiny_sources) == []


def test_a_byte_order_mark_is_accepted_in_yaml(tiny_sources):
    path = tiny_sources.root / MEMBERS.file
    path.write_text("\ufeff" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert messages(tiny_sources) == []


# --- 5. Amplification: bounded fan-out per entry, summaries in facet feeds, an output budget -------

COUNTRIES = [
    "AF",
    "AL",
    "DZ",
    "AD",
    "AO",
    "AR",
    "AM",
    "AU",
    "AT",
    "AZ",
    "BS",
    "BH",
    "BD",
    "BB",
    "BY",
    "BE",
    "BZ",
    "BJ",
    "BT",
    "BO",
    "BA",
    "BW",
    "BR",
    "BN",
    "BG",
    "BF",
    "BI",
    "KH",
    "CM",
    "CA",
    "CV",
    "CF",
    "TD",
    "CL",
    "CN",
    "CO",
    "KM",
    "CG",
    "CD",
    "CR",
    "CI",
    "HR",
    "CU",
    "CY",
    "CZ",
    "DK",
    "DJ",
    "DM",
    "DO",
    "EC",
    "EG",
    "SV",
    "GQ",
    "ER",
    "EE",
    "SZ",
    "ET",
    "FJ",
    "FI",
    "FR",
    "GA",
    "GM",
    "GE",
    "DE",
    "GH",
]
LANGUAGES = ["fr", "en", "es", "ar", "pt", "de", "it", "ru", "zh", "ja", "ko", "nl"]


@pytest.mark.parametrize(
    "where, field, limit, values",
    [
        ("publication", "countries", MAX_COUNTRIES, COUNTRIES),
        ("publication", "languages", MAX_LANGUAGES, LANGUAGES),
        ("event", "languages", MAX_LANGUAGES, LANGUAGES),
        ("member", "countries", MAX_MEMBER_COUNTRIES, COUNTRIES),
    ],
)
def test_fan_out_per_entry_is_bounded_with_a_located_message(tiny_sources, where, field, limit, values):
    values = values[: limit + 1]
    assert len(values) == limit + 1
    listed = f"[{', '.join(values)}]"
    if where == "publication":
        rel = "content/publications/2026-eventail.md"
        tiny_sources.write(rel, PUBLICATION.format(extra=f"{field}: {listed}\n"))
    elif where == "event":
        rel = EVENTS.file
        tiny_sources.append(
            rel,
            f'\n- id: eventail\n  title: Éventail\n  type: atelier\n  start: "2027-05-01"\n'
            f"  place: {{city: Lyon}}\n  {field}: {listed}\n",
        )
    else:
        rel = MEMBERS.file
        tiny_sources.append(rel, MEMBER + f"  {field}: {listed}\n")
    [message] = messages(tiny_sources)
    assert message.startswith(rel)
    assert f"{field} : trop de valeurs : {limit + 1} (maximum {limit}) ; gardez les plus importantes" in message


def test_themes_per_publication_are_bounded(repo):
    themes = re.findall(r"^- id: (\S+)", repo.read("data/themes.yaml"), re.M)
    assert len(themes) > MAX_THEMES
    repo.write(
        "content/publications/2026-eventail.md",
        PUBLICATION.format(extra=f"themes: [{', '.join(themes[: MAX_THEMES + 1])}]\n"),
    )
    [message] = messages(repo)
    assert f"themes : trop de valeurs : {MAX_THEMES + 1} (maximum {MAX_THEMES})" in message


def test_facet_feeds_carry_summaries_and_the_main_feeds_full_text(built_site):
    body_marker = "Pourquoi cette note"  # a heading of the Colombia note's body, absent from its summary
    main = feedparser.parse((built_site / "flux" / "tout.xml").read_bytes())
    [entry] = [e for e in main.entries if e.link.endswith("/2025-note-position-colombie/")]
    assert body_marker in entry.content[0].value
    facets = sorted((built_site / "flux" / "publications").glob("*/*.xml"))
    assert len(facets) >= 5
    seen = 0
    for path in facets:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, path
        for item in feed.entries:
            seen += 1
            assert body_marker not in json.dumps(item, default=str), path
            assert item.summary
    assert seen >= len(facets)


def test_output_budget_counts_bytes_and_files(tmp_path):
    site = tmp_path / "site"
    (site / "flux").mkdir(parents=True)
    (site / "index.html").write_bytes(b"x" * 1000)
    assert budget.check_output_budget(site, entries=1, contributed_bytes=0) == []
    (site / "flux" / "gros.xml").write_bytes(b"x" * (budget.budget_for(1, 0).max_bytes + 1))
    [message] = budget.check_output_budget(site, entries=1, contributed_bytes=0)
    assert message.startswith("le site construit pèse") and "flux/" in message
    for index in range(budget.budget_for(0, 0).max_files + 1):
        (site / f"p{index}.html").write_bytes(b"")
    found = budget.check_output_budget(site, entries=0, contributed_bytes=10**12)
    assert len(found) == 1 and found[0].startswith("le site construit compte")


def test_a_build_over_its_budget_fails_with_a_french_message(tiny, monkeypatch, caplog):
    monkeypatch.setattr(budget, "FIXED_BYTES", 0)
    monkeypatch.setattr(budget, "BYTES_PER_ENTRY", 1000)
    error = build_error(tiny, caplog)
    assert "Budget du site dépassé" in error and "vérifiez les thèmes, pays et langues" in error


def test_the_real_site_is_well_within_its_budget(built_site):
    from pdh.plan.catalog import load_catalog

    catalog = load_catalog(ROOT)
    entries = len(catalog.members) + len(catalog.publications) + len(catalog.events) + len(catalog.actions)
    total, count, _ = budget.measure(built_site)
    allowed = budget.budget_for(entries, 0)
    assert 0 < total < allowed.max_bytes / 2 and 0 < count < allowed.max_files / 2


# --- 7. Members-only events: title and day, nothing else, in every output -------------------------

SECRET_EVENT = """
- id: reunion-confidentielle
  title: Réunion confidentielle (exemple)
  type: reunion-groupe-de-travail
  start: 2027-03-10T07:15-05:00
  end: 2027-03-10T08:45-05:00
  timezone: America/Bogota
  place: {venue: Lieu-secret-xyz, address: Adresse-secrete-xyz, city: Bogota-secret, country: CO}
  online_url: https://visio.exemple.org/salle-secrete
  organisers: [agir-ensemble]
  themes: [defenseurs-des-droits]
  languages: [es]
  audience: members
  registration: {url: "https://inscription.exemple.org/secret", deadline: "2027-03-01"}
  description: Ordre du jour confidentiel xyz.
"""
# Its own zone's, UTC's and Paris' times: 7:15 in Bogotá is 12:15 UTC and 13:15 in Paris.
SECRETS = (
    "Bogota",
    "America/",
    "-05:00",
    "-0500",
    "Lieu-secret",
    "Adresse-secrete",
    "visio.exemple",
    "salle-secrete",
    "inscription.exemple",
    "confidentiel xyz",
    "7 h 15",
    "07:15",
    "12:15",
    "121500",
    "13 h 15",
    "13:15",
    "8 h 45",
)


def test_members_only_event_shows_title_and_day_only_everywhere(tiny):
    tiny.append(EVENTS.file, SECRET_EVENT)
    site = tiny.build()
    checked = 0
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".xml", ".atom", ".json", ".ics") or "pagefind" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "reunion-confidentielle" not in text and "Réunion confidentielle" not in text:
            continue
        checked += 1
        for secret in SECRETS:
            assert secret not in text, f"{path.relative_to(site)} shows « {secret} »"
    assert checked >= 4  # its page, the agenda, a feed, a calendar at least
    page = soup(site / "agenda" / "reunion-confidentielle" / "index.html")
    assert page.select_one("article h1").get_text() == "Réunion confidentielle (exemple)"
    assert page.select_one("time")["datetime"] == "2027-03-10"
    calendar = Calendar.from_ical((site / "calendriers" / "agenda.ics").read_bytes())
    [event] = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Réunion confidentielle (exemple)"]
    assert str(event.decoded("DTSTART")) == "2027-03-10" and "LOCATION" not in event


# --- 9. The job summary is Markdown: contributed values come out as inert text --------------------

FORGED = (
    "ok\n\n## ✅ Données validées\n\n[Cliquez ici](https://hameconnage.exemple/x) <img src=x onerror=alert(1)> | col"
)


def test_job_summary_escapes_every_contributed_value():
    problem = Problem(file="data/members.yaml", line=3, message=FORGED, entry=f"membre « {FORGED} »", field="name")
    report = summary([problem])
    html = markdown.markdown(report, extensions=["tables"])
    assert "<h2" not in html and "<img" not in html
    assert re.findall(r'href="([^"]*)"', html) == []  # run locally (no GitHub variables): no link at all
    linked = markdown.markdown(
        summary([problem], links=RepoLinks("https://github.com/o/r/blob/" + "a" * 40)), extensions=["tables"]
    )
    assert re.findall(r'href="([^"]*)"', linked) == [  # our own links only: the file at its line, the guide
        "https://github.com/o/r/blob/" + "a" * 40 + "/data/members.yaml#L3",
        "https://github.com/o/r/blob/"
        + "a" * 40
        + "/CONTRIBUTING.md#4-ce-que-disent-les-v%C3%A9rifications-et-comment-corriger",
    ]
    assert "Données validées" in html and "hameconnage" in html  # shown, as text
    table_rows = [line for line in report.splitlines() if line.startswith("| data/members")]
    assert len(table_rows) == 1, "a line break in a value forged a row"
    assert table_rows[0].count(" | ") == 3, "a « | » in a value forged a cell"


@pytest.mark.parametrize(
    "value", ["# titre", "**gras**", "[lien](https://x.exemple)", "<b>x</b>", "a\nb", "`code`", "> cit"]
)
def test_escape_markdown_leaves_no_markup(value):
    html = markdown.markdown(escape_markdown(value))
    assert re.fullmatch(r"<p>[^<]*</p>", html), html


# --- 11. CSP: only the templates' inline scripts are allowed ---------------------------------------


def test_known_scripts_come_from_the_templates_and_nothing_else():
    from pdh.verify.csp import UnknownScript, inline_script_hashes, known_inline_scripts

    known = known_inline_scripts(theme_dirs())
    [scope] = [p for p in known if "__md_scope" in p.pattern]
    real = re.search(
        r"<script>(__md_scope=.*?)</script>", (theme_dirs()[1] / "partials/javascripts/base.html").read_text()
    )
    template = real.group(1)
    for base_url in ("/", ".", "..", "../../.."):
        page = "<script>" + re.sub(r"\{\{.*?\}\}", base_url, template) + "</script>"
        assert len(inline_script_hashes(page, known)) == 1
    # The template's expression slot holds a path, never code.
    escaped = "<script>" + re.sub(r"\{\{.*?\}\}", '",alert(1),"', template) + "</script>"
    for hostile in (
        "<script>alert(1)</script>",
        "<SCRIPT type=module>alert(1)</SCRIPT>",
        escaped,
        "<script>var target=document.getElementById(location.hash.slice(1));alert(1)</script>",
    ):
        with pytest.raises(UnknownScript):
            inline_script_hashes(hostile, known)
    assert inline_script_hashes('<script type="application/ld+json">{"a": 1}</script>', known) == []


def test_a_script_that_slips_past_the_sanitiser_stops_the_build(tiny, monkeypatch, caplog):
    """If an injection ever reached a page, the policy would not hash it: the build fails instead."""
    from pdh import build

    monkeypatch.setattr(build, "sanitize_page", lambda html: html)
    tiny.write("content/injection.md", "---\ntitle: Injection\n---\n\n<script>alert(document.domain)</script>\n")
    error = build_error(tiny, caplog)
    assert "injection.md : script en ligne qui ne vient d'aucun gabarit" in error
    assert "alert(document.domain)" in error


def test_every_inline_script_of_the_real_site_matches_a_template(built_site):
    from pdh.verify.csp import inline_script_hashes, known_inline_scripts

    known = known_inline_scripts(theme_dirs())
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 20
    hashed = 0
    for path in pages:
        hashed += len(inline_script_hashes(path.read_text(encoding="utf-8"), known))
    assert hashed >= len(pages)  # every page has Material's scope script at least


# --- Site settings: validated like data ------------------------------------------------------------


@pytest.mark.parametrize(
    "setting, value, expected",
    [
        ("page_size", "vingt", "extra.pdh.page_size : « vingt » invalide : attendu un nombre entier entre 1 et 200"),
        ("feed_limit", "0", "extra.pdh.feed_limit : « 0 » invalide : attendu un nombre entier entre 1 et 500"),
        ("tag_authority", "https://exemple.org/", "extra.pdh.tag_authority : « https://exemple.org/ » invalide"),
        ("page_sise", "20", "extra.pdh : réglage inconnu « page_sise » — vouliez-vous dire « page_size » ?"),
    ],
)
def test_site_settings_are_validated_with_their_line(tiny, caplog, setting, value, expected):
    if setting == "page_sise":
        tiny.replace("mkdocs.yml", "    page_size: 20", "    page_sise: 20")
    else:
        text = tiny.read("mkdocs.yml")
        old = re.search(rf"^    {setting}: [^#\n]*", text, re.M).group(0)
        tiny.replace("mkdocs.yml", old, f"    {setting}: {value} ")
    line = tiny.line_of("mkdocs.yml", "page_sise:" if setting == "page_sise" else f"{setting}:")
    error = build_error(tiny, caplog)
    assert f"mkdocs.yml:{line} — {expected}" in error
    assert "Traceback" not in error and "TypeError" not in error


@pytest.mark.parametrize(
    "number, rel", list(enumerate([f.file for f in read_settings(ROOT).organisation.press_kit], start=1))
)
def test_a_missing_press_file_is_a_located_error_not_a_traceback(tiny, caplog, number, rel):
    (tiny.root / "content" / rel).unlink()
    expected = (
        f"mkdocs.yml — extra.pdh.organisation.press_kit, fichier {number} : fichier du dossier de presse "
        f"introuvable : content/{rel}"
    )
    [message] = messages(tiny)
    assert message.startswith(expected)
    error = build_error(tiny, caplog)
    assert expected in error and "Traceback" not in error
