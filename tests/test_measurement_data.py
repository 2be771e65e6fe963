"""« La Plateforme en chiffres » (#18): what the secretariat records for the figures page — a member's `left`,
an event's `attendance`, data/indicators.yaml and data/social-audience.yaml — is checked like every data file:
one located French message per problem (file:line — entry — field : message). Data checks only, no build."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from conftest import ROOT
from pdh.content.yamlsafe import parse_yaml
from pdh.plan.catalog import check_problems, load_catalog

MEMBERS, EVENTS = "data/members.yaml", "data/events.yaml"
INDICATORS, AUDIENCE = "data/indicators.yaml", "data/social-audience.yaml"
PAST_EVENT = "événement « conference-exemple-defenseures-colombie-2025 »"  # the tiny site's past event, on 20 May 2025
BEFORE_ITS_LINKS = "  status: scheduled\n  publications: [2025-note-position-colombie]"
MEMBER_A = "membre « exemple-association-a »"  # joined "2017-09"; exemple-association-b joined "2021-06-15"
NOT_A_LIST = "le fichier doit contenir une liste d'entrées ({})"
EMPTY = (
    "fichier vide : s'il ne doit contenir aucune entrée, écrivez « [] » sur la première ligne ; sinon, rétablissez "
    "ses entrées"
)
WHOLE = "écrivez un nombre entier, en chiffres seulement (0, 1, 2…)"
DIGITS = "écrivez le nombre d'abonnés en chiffres seulement, sans espace ni séparateur (ex. 1250)"
NETWORKS = "réseaux possibles : mastodon, bluesky, linkedin, facebook, instagram, youtube, x"
SLUG_ONLY = "lettres minuscules sans accent, chiffres et tirets seulement"


@pytest.fixture
def tiny_sources(tiny_sources):
    """The tiny site without its own indicator settings and audience readings: each test writes what it checks."""
    for name in (INDICATORS, AUDIENCE):
        (tiny_sources.root / name).unlink()
    return tiny_sources


def problems(repo) -> list[str]:
    return [str(p) for p in check_problems(repo.root).sorted()]


def attend(repo, ids: str, *, status: str = "scheduled") -> int:
    """Record `ids` (« [a, b] ») as present at the past event, instead of the tiny site's own record; the line of
    `attendance:`."""
    (repo.root / EVENTS).write_text(re.sub(r"(?m)^  attendance: .*\n", "", repo.read(EVENTS)), encoding="utf-8")
    repo.replace(
        EVENTS,
        BEFORE_ITS_LINKS,
        f"  status: {status}\n  attendance: {ids}\n  publications: [2025-note-position-colombie]",
    )
    return repo.line_of(EVENTS, "  attendance: ")


def set_left(repo, left: str) -> int:
    """Give exemple-association-a a leaving date, written as is under its `joined`; the line of `left:`."""
    repo.replace(MEMBERS, 'joined: "2017-09"\n', f'joined: "2017-09"\n  left: {left}\n')
    return repo.line_of(MEMBERS, f"  left: {left}")


# --- Leaving and attendance -----------------------------------------------------------------------------


def test_members_present_on_the_day_are_accepted_counted_and_never_published(tiny_sources):
    attend(tiny_sources, "[agir-ensemble, exemple-association-a, exemple-association-b]")
    set_left(tiny_sources, '"2025-05"')  # leaves in May 2025: still a member on 20 May
    assert problems(tiny_sources) == []
    catalog = load_catalog(tiny_sources.root)
    assert catalog.events and all(event.attendance == [] for event in catalog.events)
    present = {member for day, member in catalog.measurements.activity if day.isoformat() == "2025-05-20"}
    assert present == {"agir-ensemble", "exemple-association-a", "exemple-association-b"}


@pytest.mark.parametrize(
    "left, message",
    [
        ('"2016"', 'le départ ("2016") précède l\'adhésion (joined: "2017-09") : corrigez l\'une des deux dates'),
        (
            '"2017-08-31"',
            'le départ ("2017-08-31") précède l\'adhésion (joined: "2017-09") : corrigez l\'une des deux dates',
        ),
        ("30/06/2024", '« 30/06/2024 » : écrivez la date au format AAAA-MM-JJ, entre guillemets : "2024-06-30"'),
        ("juin 2024", '« juin 2024 » : écrivez le mois au format AAAA-MM, entre guillemets : "2024-06"'),
        ('"2024-13"', "date impossible « 2024-13 » : il n'y a pas de mois 13"),
        ("[2024]", "attendu : une valeur simple, pas une liste"),
    ],
)
def test_a_wrong_leaving_date_gets_one_located_message(tiny_sources, left, message):
    line = set_left(tiny_sources, left)
    assert problems(tiny_sources) == [f"{MEMBERS}:{line} — {MEMBER_A} — left : {message}"]


@pytest.mark.parametrize("left", ['"2017"', '"2017-09"', '"2017-09-01"', "2024-06-30"])
def test_leaving_in_the_month_or_year_of_joining_is_accepted(tiny_sources, left):
    set_left(tiny_sources, left)  # unquoted, 2024-06-30 stays the text typed: no YAML date
    assert problems(tiny_sources) == []


# (attendance written, message, item): each gives exactly one message on the line of `attendance:`.
ATTENDANCE = {
    "repeated": (
        "[agir-ensemble, exemple-association-a, agir-ensemble]",
        "attendance[3]",
        "« agir-ensemble » figure deux fois",
    ),
    "unknown, close": (
        "[agir-ensembl]",
        "attendance[1]",
        "membre inconnu « agir-ensembl » — vouliez-vous dire « agir-ensemble » ?",
    ),
    "unknown, far": ("[agir-ensemble, inconnue]", "attendance[2]", "membre inconnu « inconnue »"),
    "coalition": ("[pdh]", "attendance[1]", "membre inconnu « pdh »"),
    "name instead of id": (
        "[Agir ensemble pour les droits humains]",
        "attendance[1]",
        "« Agir ensemble pour les droits humains » est le nom d'un membre : écrivez son identifiant, « agir-ensemble »",
    ),
    "acronym instead of id": (
        "[agir-ensemble, AEA]",
        "attendance[2]",
        "« AEA » est le sigle d'un membre : écrivez son identifiant, « exemple-association-a »",
    ),
    "not an id": (
        "[Agir Ensemble]",
        "attendance[1]",
        f"identifiant « Agir Ensemble » invalide : {SLUG_ONLY} (par exemple « agir-ensemble »)",
    ),
    "bare value": ("agir-ensemble", "attendance", "attendu : une liste, par exemple [agir-ensemble]"),
}


@pytest.mark.parametrize("case", list(ATTENDANCE))
def test_each_wrong_attendance_gets_one_located_message(tiny_sources, case):
    written, field, message = ATTENDANCE[case]
    line = attend(tiny_sources, written)
    assert problems(tiny_sources) == [f"{EVENTS}:{line} — {PAST_EVENT} — {field} : {message}"]


def test_attendance_at_a_cancelled_event_is_refused(tiny_sources):
    line = attend(tiny_sources, "[agir-ensemble]", status="cancelled")
    assert problems(tiny_sources) == [
        f"{EVENTS}:{line} — {PAST_EVENT} — attendance : événement annulé (status: cancelled) : personne n'a pu y "
        "assister ; retirez attendance, ou corrigez status"
    ]


def test_an_organisation_that_had_not_joined_yet_was_not_present(tiny_sources):
    tiny_sources.replace(MEMBERS, 'joined: "2021-06-15"', 'joined: "2026"')
    line = attend(tiny_sources, "[agir-ensemble, exemple-association-b]")
    assert problems(tiny_sources) == [
        f"{EVENTS}:{line} — {PAST_EVENT} — attendance[2] : « exemple-association-b » n'était pas encore membre le "
        '20 mai 2025, jour de l\'événement (adhésion : joined: "2026") : retirez-la de la liste des présents, ou '
        "corrigez cette date"
    ]


@pytest.mark.parametrize(
    "left, present",
    [('"2025-05-19"', False), ('"2025-04"', False), ('"2025"', True), ('"2025-05"', True), ('"2025-05-20"', True)],
)
def test_an_organisation_that_had_left_was_not_present(tiny_sources, left, present):
    set_left(tiny_sources, left)
    line = attend(tiny_sources, "[exemple-association-a]")
    expected = (
        []
        if present
        else [
            f"{EVENTS}:{line} — {PAST_EVENT} — attendance[1] : « exemple-association-a » n'était plus membre le 20 mai 2025, "
            f"jour de l'événement (départ : left: {left}) : retirez-la de la liste des présents, ou corrigez cette date"
        ]
    )
    assert problems(tiny_sources) == expected


def test_the_event_s_day_is_the_one_of_its_own_time_zone(tiny_sources):
    # 00:30 in Paris on 20 May is still 19 May in UTC: the organisation that left on the 19th was not there.
    tiny_sources.replace(EVENTS, "start: 2025-05-20T18:30+02:00", "start: 2025-05-20T00:30+02:00")
    set_left(tiny_sources, '"2025-05-19"')
    line = attend(tiny_sources, "[exemple-association-a]")
    assert problems(tiny_sources) == [
        f"{EVENTS}:{line} — {PAST_EVENT} — attendance[1] : « exemple-association-a » n'était plus membre le 20 mai 2025, "
        'jour de l\'événement (départ : left: "2025-05-19") : retirez-la de la liste des présents, ou corrigez cette date'
    ]


def test_a_refused_member_s_attendance_is_not_reported_again(tiny_sources):
    line = set_left(tiny_sources, '"2024-13"')
    attend(tiny_sources, "[exemple-association-a]")
    assert problems(tiny_sources) == [
        f"{MEMBERS}:{line} — {MEMBER_A} — left : date impossible « 2024-13 » : il n'y a pas de mois 13"
    ]


def test_a_refused_event_still_has_its_attendance_checked(tiny_sources):
    line = attend(tiny_sources, "[agir-ensembl]")
    tiny_sources.replace(EVENTS, "  sequence: 0\n", "  sequenc: 0\n")
    assert problems(tiny_sources) == [
        f"{EVENTS}:{line} — {PAST_EVENT} — attendance[1] : membre inconnu « agir-ensembl » — vouliez-vous dire "
        "« agir-ensemble » ?",
        f"{EVENTS}:{tiny_sources.line_of(EVENTS, 'sequenc:')} — {PAST_EVENT} — champ inconnu « sequenc » — vouliez-vous "
        "dire « sequence » ?",
    ]


# --- data/indicators.yaml ------------------------------------------------------------------------------

SETTING = '- id: participation\n  baseline: "2024-01-01"\n  target: 80\n'
SETTING_LABEL = "indicateur « participation »"
# (what the setting says, what it says instead, entry, field, message)
INVALID_SETTINGS = {
    "unknown indicator": (
        "id: participation",
        "id: participations",
        "indicateur « participations »",
        "id",
        "valeur « participations » inconnue — valeurs possibles : organisations, participation, "
        "plaidoyer, evenements, publications, abonnes — vouliez-vous dire « participation » ?",
    ),
    "indicator with an accent": (
        "id: participation",
        "id: abonnés",
        "indicateur « abonnés »",
        "id",
        "valeur « abonnés » inconnue — valeurs possibles : organisations, participation, "
        "plaidoyer, evenements, publications, abonnes — vouliez-vous dire « abonnes » ?",
    ),
    "missing indicator": (
        "- id: participation\n  baseline",
        "- baseline",
        "indicateur n° 1",
        "id",
        "champ obligatoire manquant",
    ),
    "baseline in French": (
        'baseline: "2024-01-01"',
        "baseline: 01/01/2024",
        SETTING_LABEL,
        "baseline",
        '« 01/01/2024 » : écrivez la date au format AAAA-MM-JJ, entre guillemets : "2024-01-01"',
    ),
    "baseline in words": (
        'baseline: "2024-01-01"',
        "baseline: 1er janvier 2024",
        SETTING_LABEL,
        "baseline",
        '« 1er janvier 2024 » : écrivez la date au format AAAA-MM-JJ, entre guillemets : "2024-01-01"',
    ),
    "baseline, a year": (
        'baseline: "2024-01-01"',
        'baseline: "2024"',
        SETTING_LABEL,
        "baseline",
        "« 2024 » n'est pas une date au format AAAA-MM-JJ (par exemple 2025-03-08)",
    ),
    "impossible baseline": (
        'baseline: "2024-01-01"',
        'baseline: "2023-02-29"',
        SETTING_LABEL,
        "baseline",
        "date impossible « 2023-02-29 » : février 2023 n'a pas de jour 29",
    ),
    "missing baseline": ('  baseline: "2024-01-01"\n', "", SETTING_LABEL, "baseline", "champ obligatoire manquant"),
    "participation over 100 %": (
        "target: 80",
        "target: 120",
        SETTING_LABEL,
        "target",
        "objectif de participation de 120 % : écrivez un pourcentage entre 0 et 100, ex. 80",
    ),
    "target with its % sign": (
        "target: 80",
        "target: 80 %",
        SETTING_LABEL,
        "target",
        "« 80 % » : écrivez le nombre seul, sans « % » : 80",
    ),
    "negative target": (
        "target: 80",
        "target: -5",
        SETTING_LABEL,
        "target",
        "« -5 » : un objectif ne peut pas être négatif",
    ),
    "decimal target": ("target: 80", "target: 80.5", SETTING_LABEL, "target", f"« 80.5 » : {WHOLE}"),
    "target in words": ("target: 80", "target: quatre-vingts", SETTING_LABEL, "target", f"« quatre-vingts » : {WHOLE}"),
    "unknown field": (
        "target: 80",
        "cible: 80",
        SETTING_LABEL,
        "",
        "champ inconnu « cible » (champs possibles : id, baseline, target)",
    ),
}


@pytest.mark.parametrize("case", list(INVALID_SETTINGS))
def test_each_wrong_indicator_setting_gets_one_located_message(tiny_sources, case):
    old, new, entry, field, message = INVALID_SETTINGS[case]
    assert old in SETTING
    tiny_sources.write(INDICATORS, SETTING.replace(old, new))
    line = tiny_sources.line_of(INDICATORS, new.strip().split("\n")[0]) if new else 1
    where = f"{INDICATORS}:{line} — {entry} — " + (f"{field} : " if field else "")
    assert problems(tiny_sources) == [where + message]


def test_an_indicator_is_set_once(tiny_sources):
    tiny_sources.write(
        INDICATORS,
        SETTING + '- id: organisations\n  baseline: "2024-01-01"\n' + SETTING.replace("target: 80", "target: 90"),
    )
    assert problems(tiny_sources) == [
        f"{INDICATORS}:6 — {SETTING_LABEL} — id : indicateur « participation » déjà réglé ({INDICATORS}:1) : "
        "modifiez cette entrée-là ou supprimez celle-ci"
    ]


def test_only_participation_is_bounded_by_100(tiny_sources):
    tiny_sources.write(
        INDICATORS,
        '- id: abonnes\n  baseline: "2024-01-01"\n  target: 150\n'
        '- id: participation\n  baseline: "2024-01-01"\n  target: 100\n',
    )
    assert problems(tiny_sources) == []


# --- data/social-audience.yaml -------------------------------------------------------------------------

READING = '- date: "2026-01-15"\n  platform: linkedin\n  followers: 1200\n'
READING_LABEL = "relevé d'audience n° 1"
INVALID_READINGS = {
    "date in French": (
        'date: "2026-01-15"',
        "date: 15/01/2026",
        "date",
        '« 15/01/2026 » : écrivez la date au format AAAA-MM-JJ, entre guillemets : "2026-01-15"',
    ),
    "date in words": (
        'date: "2026-01-15"',
        "date: 15 janvier 2026",
        "date",
        '« 15 janvier 2026 » : écrivez la date au format AAAA-MM-JJ, entre guillemets : "2026-01-15"',
    ),
    "date, a month": (
        'date: "2026-01-15"',
        'date: "2026-01"',
        "date",
        "« 2026-01 » n'est pas une date au format AAAA-MM-JJ (par exemple 2025-03-08)",
    ),
    "missing date": ('- date: "2026-01-15"\n  platform', "- platform", "date", "champ obligatoire manquant"),
    "unknown platform, close": (
        "platform: linkedin",
        "platform: mastodn",
        "platform",
        f"« mastodn » : réseau inconnu — {NETWORKS} — vouliez-vous dire « mastodon » ?",
    ),
    "unknown platform, far": (
        "platform: linkedin",
        "platform: tiktok",
        "platform",
        f"« tiktok » : réseau inconnu — {NETWORKS}",
    ),
    "platform as its brand": (
        "platform: linkedin",
        "platform: LinkedIn",
        "platform",
        "« LinkedIn » : écrivez « linkedin », en minuscules",
    ),
    "twitter": (
        "platform: linkedin",
        "platform: Twitter",
        "platform",
        "« Twitter » : ce réseau s'appelle désormais X : écrivez « x »",
    ),
    "two platforms": (
        "platform: linkedin",
        "platform: [linkedin, bluesky]",
        "platform",
        "attendu : une valeur simple, pas une liste",
    ),
    "thousands with a space": (
        "followers: 1200",
        "followers: 1 200",
        "followers",
        "« 1 200 » : écrivez le nombre sans séparateur de milliers : 1200",
    ),
    "thousands with a no-break space": (
        "followers: 1200",
        "followers: 1\u202f200",
        "followers",
        "« 1\u202f200 » : écrivez le nombre sans séparateur de milliers : 1200",
    ),
    "thousands with a dot": (
        "followers: 1200",
        "followers: 1.200",
        "followers",
        "« 1.200 » : écrivez le nombre sans séparateur de milliers : 1200",
    ),
    "thousands with a comma": (
        "followers: 1200",
        'followers: "1,200"',
        "followers",
        "« 1,200 » : écrivez le nombre sans séparateur de milliers : 1200",
    ),
    "rounded": (
        "followers: 1200",
        "followers: 1,2k",
        "followers",
        "« 1,2k » : nombre arrondi : écrivez le nombre exact d'abonnés, en chiffres, tel que le compte l'affiche "
        "dans ses statistiques (ex. 1250)",
    ),
    "negative": (
        "followers: 1200",
        "followers: -1200",
        "followers",
        "« -1200 » : un nombre d'abonnés ne peut pas être négatif",
    ),
    "words": ("followers: 1200", "followers: beaucoup", "followers", f"« beaucoup » : {DIGITS}"),
    "decimal": ("followers: 1200", "followers: 12.5", "followers", f"« 12.5 » : {DIGITS}"),
    "YAML 1.1 underscore": ("followers: 1200", "followers: 1_200", "followers", f"« 1_200 » : {DIGITS}"),
    "hexadecimal": ("followers: 1200", "followers: 0x4B0", "followers", f"« 0x4B0 » : {DIGITS}"),
    "a billion": (
        "followers: 1200",
        "followers: 1000000000",
        "followers",
        "« 1000000000 » : plus d'un milliard d'abonnés : vérifiez le relevé",
    ),
    "empty followers": ("followers: 1200", "followers:", "followers", "valeur vide"),
    "missing followers": ("  followers: 1200\n", "", "followers", "champ obligatoire manquant"),
    "unknown field": (
        "  followers: 1200\n",
        "  abonnés: 1200\n  followers: 1200\n",
        "",
        "champ inconnu « abonnés » (champs possibles : date, platform, followers)",
    ),
}


@pytest.mark.parametrize("case", list(INVALID_READINGS))
def test_each_wrong_reading_gets_one_located_message(tiny_sources, case):
    old, new, field, message = INVALID_READINGS[case]
    assert old in READING
    tiny_sources.write(AUDIENCE, READING.replace(old, new))
    line = tiny_sources.line_of(AUDIENCE, new.strip().split("\n")[0]) if new else 1
    where = f"{AUDIENCE}:{line} — {READING_LABEL} — " + (f"{field} : " if field else "")
    assert problems(tiny_sources) == [where + message]


def test_a_platform_is_read_once_a_day(tiny_sources):
    tiny_sources.write(AUDIENCE, READING + READING.replace("linkedin", "bluesky") + READING.replace("1200", "1250"))
    assert problems(tiny_sources) == [
        f"{AUDIENCE}:8 — relevé d'audience n° 3 — platform : abonnés LinkedIn déjà relevés le 2026-01-15 "
        f"({AUDIENCE}:1) : gardez un seul relevé par jour"
    ]


def test_yaml_1_1_readings_stay_the_text_typed(tiny_sources):
    # YAML 1.1 would read `no` as false, 0123 as the octal 83 and an unquoted date as a date.
    tiny_sources.write(
        AUDIENCE,
        READING.replace("linkedin", "x").replace("1200", "0123").replace('"2026-01-15"', "2026-01-15")
        + READING.replace("linkedin", "no").replace("1200", "12"),
    )
    assert problems(tiny_sources) == [
        f"{AUDIENCE}:5 — relevé d'audience n° 2 — platform : « no » : réseau inconnu — {NETWORKS}"
    ]
    tiny_sources.write(
        AUDIENCE, READING.replace("linkedin", "x").replace("1200", "0123").replace('"2026-01-15"', "2026-01-15")
    )
    tiny_sources.write(INDICATORS, SETTING.replace("target: 80", "target: 080"))
    assert problems(tiny_sources) == []
    measurements = load_catalog(tiny_sources.root).measurements
    [reading] = measurements.audience
    assert (reading.date.isoformat(), reading.platform, reading.followers) == ("2026-01-15", "x", 123)
    assert measurements.settings["participation"].target == 80


def test_the_audience_baseline_is_a_reading_day_or_after_one(tiny_sources):
    tiny_sources.write(AUDIENCE, READING + READING.replace("2026-01-15", "2026-04-15"))
    tiny_sources.write(INDICATORS, '- id: abonnes\n  baseline: "2026-01-15"\n  target: 60\n')
    assert problems(tiny_sources) == []
    tiny_sources.replace(INDICATORS, '"2026-01-15"', '"2026-02-01"')  # the January total is the base
    assert problems(tiny_sources) == []
    tiny_sources.replace(INDICATORS, '"2026-02-01"', '"2025-12-31"')
    assert problems(tiny_sources) == [
        f"{INDICATORS}:2 — indicateur « abonnes » — baseline : aucun relevé d'audience le 2025-12-31 ni avant (premier "
        f"relevé : 2026-01-15, {AUDIENCE}) : la hausse des abonnés se mesure à partir du total relevé ce jour-là ; "
        'écrivez la date d\'un relevé, ex. "2026-01-15"'
    ]


# --- The two files -------------------------------------------------------------------------------------


def test_both_files_are_optional(tiny_sources):
    assert not (tiny_sources.root / INDICATORS).exists() and not (tiny_sources.root / AUDIENCE).exists()
    assert problems(tiny_sources) == []
    measurements = load_catalog(tiny_sources.root).measurements
    assert (measurements.settings, measurements.audience) == ({}, ())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", {INDICATORS: EMPTY, AUDIENCE: EMPTY}),
        ("# Relevés à venir\n", {INDICATORS: EMPTY, AUDIENCE: EMPTY}),
        ("[]\n", {}),
        (
            "date: '2026-01-15'\nplatform: x\n",
            {INDICATORS: NOT_A_LIST.format("« - id: … »"), AUDIENCE: NOT_A_LIST.format("« - date: … »")},
        ),
        (
            "- linkedin\n",
            {
                INDICATORS: "indicateur n° 1 — attendu : une entrée avec des champs (« - id: … »)",
                AUDIENCE: "relevé d'audience n° 1 — attendu : une entrée avec des champs (« - date: … »)",
            },
        ),
    ],
)
def test_an_empty_or_shapeless_file_is_reported(tiny_sources, text, expected):
    for rel in (INDICATORS, AUDIENCE):
        (tiny_sources.root / rel).write_text(text, encoding="utf-8")
    assert problems(tiny_sources) == [f"{rel}:1 — {message}" for rel, message in expected.items()]


def test_the_repository_files_declare_and_satisfy_their_schema():
    for name in ("indicators", "social-audience"):
        text = (ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8")
        assert text.splitlines()[0] == f"# yaml-language-server: $schema=schemas/{name}.schema.json"
        doc, found = parse_yaml(text, name)
        assert found == [] and doc.data, f"data/{name}.yaml has no entries to check"
        jsonschema.validate(
            doc.data, json.loads((ROOT / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        )


@pytest.mark.parametrize(
    "name, good, bad",
    [
        (
            "indicators",
            [
                {"id": "participation", "baseline": "2024-01-01", "target": 80},
                {"id": "abonnes", "baseline": "2026-01-15"},
                {"id": "plaidoyer", "baseline": "2024-01-01", "target": "2"},
            ],
            [{"id": "participations"}, {"target": -1}, {"target": "80 %"}, {"cible": 80}, {"baseline": None}],
        ),
        (
            "social-audience",
            [
                {"date": "2026-01-15", "platform": "linkedin", "followers": 1200},
                {"date": "2026-01-15", "platform": "x", "followers": "0123"},
            ],
            [{"platform": "twitter"}, {"followers": -1}, {"followers": "1 200"}, {"abonnes": 3}, {"date": None}],
        ),
    ],
)
def test_the_schemas_flag_what_editors_should_flag(name, good, bad):
    schema = json.loads((ROOT / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(good, schema)
    for change in bad:
        entry = {k: v for k, v in {**good[0], **change}.items() if v is not None}  # None: the field left out
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([entry], schema)


# --- What the guide says -------------------------------------------------------------------------------


def guide_section() -> str:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return guide[guide.index("## 11. Les chiffres de la Plateforme (secrétariat)") :]


def test_the_guide_s_examples_are_valid_and_marked_as_examples(tiny_sources):
    blocks = re.findall(r"```yaml\n(.*?)```", guide_section(), re.S)
    assert len(blocks) == 4 and all("exemple" in block for block in blocks)
    left, attendance, settings, readings = (
        next(b for b in blocks if key in b) for key in ("  left:", "  attendance:", "\n- id:", "\n- date:")
    )
    tiny_sources.replace(MEMBERS, '  joined: "2017-09"\n', left)
    attend(tiny_sources, re.search(r"attendance: (\[.*?\])", attendance).group(1))
    tiny_sources.write(INDICATORS, settings)
    tiny_sources.write(AUDIENCE, readings)
    assert problems(tiny_sources) == []
    measurements = load_catalog(tiny_sources.root).measurements
    assert set(measurements.settings) == {"participation", "abonnes"} and len(measurements.audience) == 2


def test_the_guide_quotes_the_messages_as_the_check_writes_them():
    words = " ".join(guide_section().split())
    for message in (
        INVALID_READINGS["twitter"][3],
        INVALID_READINGS["thousands with a space"][3],
        ATTENDANCE["acronym instead of id"][2],
        "n'était pas encore membre le 18 juin 2026, jour de l'événement (adhésion : joined: \"2026-09\")",
        "indicateur « participation » déjà réglé",
    ):
        assert message in words, message
