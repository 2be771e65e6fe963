"""Issue 17, « member volunteers who never open a terminal »: each message says exactly what to type.

Volunteers edit YAML in GitHub's web editor and read these messages in the pull request. Each family
is checked on every field of its type, listed from the model (`typed_paths`, `REFERENCES`), so that a
field added later is covered too; messages are asserted verbatim.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import get_origin

import pytest

from conftest import ROOT, tiny_project
from pdh.cli import ownership
from pdh.cli.annotations import summary
from pdh.cli.links import GUIDE_SECTION, RepoLinks
from pdh.cli.scaffold import USAGE
from pdh.content.dates import Day, Instant, PartialDay, When
from pdh.content.fields import Country, Language, RepoPath, Url
from pdh.content.load import ACTIONS, COLLECTIONS, EVENTS, MEMBERS, PUBLICATIONS_DIR
from pdh.content.model import PublicationMeta
from pdh.content.notices import typed_paths
from pdh.content.press import PRESS_CONTACTS
from pdh.content.references import REFERENCES
from pdh.plan.catalog import check_problems, load_catalog

PUBLICATION = f"{PUBLICATIONS_DIR}/2026-note-exemple.md"
MODELS = {
    **{c.file: c.model for c in COLLECTIONS},
    PRESS_CONTACTS.file: PRESS_CONTACTS.model,
    PUBLICATION: PublicationMeta,
}
# One valid entry per file, every date field filled (written unquoted: yamlsafe keeps each value as typed).
ENTRIES = {
    MEMBERS.file: (
        "membre « nouvelle-ong »",
        {
            "id": "nouvelle-ong",
            "name": "Nouvelle ONG (exemple)",
            "status": "member",
            "joined": "2019-03",
            "left": "2026-06",
            "city": "Lille",
            "description": "Une organisation d'exemple.",
        },
    ),
    EVENTS.file: (
        "événement « nouvel-atelier »",
        {
            "id": "nouvel-atelier",
            "title": "Atelier (exemple)",
            "type": "atelier",
            "start": "2027-03-12T18:00+01:00",
            "end": "2027-03-12T20:00+01:00",
            "place": {"city": "Lyon"},
            "organisers": ["agir-ensemble"],
            "registration": {"url": "https://exemple.org/inscription", "deadline": "2027-03-10T23:59+01:00"},
            "announced": "2027-01-15",
            "updated": "2027-01-20",
        },
    ),
    ACTIONS.file: (
        "action de plaidoyer « nouvelle-action »",
        {
            "id": "nouvelle-action",
            "title": "Action (exemple)",
            "objective": "Objectif d'exemple.",
            "start": "2026-01-01",
            "end": "2026-12-31",
            "members": ["agir-ensemble"],
        },
    ),
    PUBLICATION: (
        "publication « 2026-note-exemple »",
        {
            "title": "Note d'exemple",
            "date": "2026-03-08",
            "updated": "2026-03-10",
            "type": "note-de-position",
            "summary": "Résumé d'exemple.",
            "authors": ["pdh"],
            "embargo": "2026-03-08T09:00+01:00",
        },
    ),
    PRESS_CONTACTS.file: (
        "contact presse n° 4",
        {
            "organisation": "exemple-association-a",
            "name": "Service presse (exemple)",
            "email": "presse-a@exemple.org",
            "languages": ["fr"],
        },
    ),
}
DATE_TYPES = {"Day": Day, "PartialDay": PartialDay, "When": When, "Instant": Instant}


def fields_of(kind) -> list[tuple[str, tuple]]:
    """(file, path) of every field of the type `kind` in every data file and front matter."""
    return [(file, path) for file, model in MODELS.items() for path in typed_paths(model, kind)]


def yaml_lines(data: dict, indent: int) -> list[str]:
    """Block YAML with plain (unquoted) scalars, as volunteers type it."""
    pad, out = " " * indent, []
    for key, value in data.items():
        if isinstance(value, dict):
            out += [f"{pad}{key}:", *yaml_lines(value, indent + 2)]
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            out.append(f"{pad}{key}:")
            for item in value:
                lines = yaml_lines(item, indent + 4)
                out += [f"{pad}  - {lines[0].lstrip()}", *lines[1:]]
        elif isinstance(value, list):
            out.append(f"{pad}{key}: [{', '.join(value)}]")
        else:
            out.append(f"{pad}{key}: {value}")
    return out


def put(node: dict, path: tuple, value) -> None:
    """Set `value` at `path` (None: the first item of a list), creating what is missing."""
    key, rest = path[0], path[1:]
    if not rest:
        node[key] = value
    elif rest[0] is None:
        node[key] = node.get(key) if isinstance(node.get(key), list) and node.get(key) else [{}]
        put(node[key][0], rest[1:], value)
    else:
        node[key] = node.get(key) if isinstance(node.get(key), dict) else {}
        put(node[key], rest, value)


def write_entry(repo, file: str, path: tuple = (), value=None, *more: tuple[tuple, object]) -> str:
    """Add the file's example entry (with `value` at `path`, and each (path, value) of `more`); return how
    messages name it."""
    label, entry = ENTRIES[file]
    entry = copy.deepcopy(entry)
    for where, what in [(path, value), *more] if path else []:
        put(entry, where, what)
    if file == PUBLICATION:
        repo.write(file, "---\n" + "\n".join(yaml_lines(entry, 0)) + "\n---\n\nTexte (exemple).\n")
    else:
        lines = yaml_lines(entry, 2)
        repo.append(file, "\n- " + "\n".join([lines[0][2:], *lines[1:]]) + "\n")
    return label


def shown(path: tuple) -> str:
    """The field as messages name it: `registration.deadline`, `attachments[1].file`."""
    return "".join("[1]" if key is None else f".{key}" if i else key for i, key in enumerate(path))


def errors(repo) -> list[str]:
    return [str(p) for p in check_problems(repo.root).sorted()]


@pytest.fixture
def repo(tmp_path):
    return tiny_project(tmp_path / "site", sources_only=True)


# --- 1. Dates written the French way ---------------------------------------------------------------

DATE_FIELDS = [(file, path, name) for name, kind in DATE_TYPES.items() for file, path in fields_of(kind)]
DAY = '« {v} » : écrivez la date au format AAAA-MM-JJ, entre guillemets : "{iso}"'
AT_NINE = (
    "« {v} » n'a pas d'heure : l'embargo se lève à une heure précise ; écrivez la date et l'heure au format "
    'AAAA-MM-JJTHH:MM suivi du décalage horaire, entre guillemets, par exemple à 9 h, heure de Paris : "{iso}T09:00{tz}"'
)
TIME = (
    "« {v} » : écrivez la date et l'heure au format AAAA-MM-JJTHH:MM suivi du décalage horaire, entre guillemets ; "
    'pour l\'heure de Paris : "{iso}"'
)
ONLY_DAY = '« {v} » : ce champ n\'attend que la date : écrivez la date au format AAAA-MM-JJ, entre guillemets : "{iso}"'
NO_DAY = '« {v} » : il manque le jour ; écrivez la date au format AAAA-MM-JJ, entre guillemets : "{iso}-JJ", en remplaçant JJ par le jour'
NO_DAY_TIME = (
    "« {v} » : il manque le jour et l'heure ; écrivez la date et l'heure au format AAAA-MM-JJTHH:MM suivi du "
    'décalage horaire, entre guillemets : "{iso}-JJTHH:MM+01:00", en remplaçant JJ par le jour et HH:MM par '
    "l'heure (heure de Paris)"
)
MONTH = '« {v} » : écrivez le mois au format AAAA-MM, entre guillemets : "{iso}"'
IMPOSSIBLE = "date impossible « {v} » : {why} ; écrivez la date au format AAAA-MM-JJ, entre guillemets"
IMPOSSIBLE_AT = (
    "date impossible « {v} » : {why} ; écrivez la date et l'heure au format AAAA-MM-JJTHH:MM suivi du "
    "décalage horaire, entre guillemets"
)
# value → message by field type (Day, PartialDay, When, Instant); {v} is the value.
FRENCH_DATES = {
    "31/12/2020": [DAY.format(v="{v}", iso="2020-12-31")] * 3
    + [AT_NINE.format(v="{v}", iso="2020-12-31", tz="+01:00")],
    "31-12-2020": [DAY.format(v="{v}", iso="2020-12-31")] * 3
    + [AT_NINE.format(v="{v}", iso="2020-12-31", tz="+01:00")],
    "31.12.2020": [DAY.format(v="{v}", iso="2020-12-31")] * 3
    + [AT_NINE.format(v="{v}", iso="2020-12-31", tz="+01:00")],
    "1/3/2021": [DAY.format(v="{v}", iso="2021-03-01")] * 3 + [AT_NINE.format(v="{v}", iso="2021-03-01", tz="+01:00")],
    "1er juillet 2021": [DAY.format(v="{v}", iso="2021-07-01")] * 3
    + [AT_NINE.format(v="{v}", iso="2021-07-01", tz="+02:00")],
    "31 décembre 2020": [DAY.format(v="{v}", iso="2020-12-31")] * 3
    + [AT_NINE.format(v="{v}", iso="2020-12-31", tz="+01:00")],
    "décembre 2020": [
        NO_DAY.format(v="{v}", iso="2020-12"),
        MONTH.format(v="{v}", iso="2020-12"),
        NO_DAY.format(v="{v}", iso="2020-12"),
        NO_DAY_TIME.format(v="{v}", iso="2020-12"),
    ],
    "14/01/2027 18:00": [ONLY_DAY.format(v="{v}", iso="2027-01-14")] * 2
    + [TIME.format(v="{v}", iso="2027-01-14T18:00+01:00")] * 2,
    "14/07/2027 à 18h30": [ONLY_DAY.format(v="{v}", iso="2027-07-14")] * 2
    + [TIME.format(v="{v}", iso="2027-07-14T18:30+02:00")] * 2,
    "13/13/2020": [IMPOSSIBLE.format(v="{v}", why="il n'y a pas de mois 13")] * 3
    + [IMPOSSIBLE_AT.format(v="{v}", why="il n'y a pas de mois 13")],
    "31/02/2021": [IMPOSSIBLE.format(v="{v}", why="février 2021 n'a pas de jour 31")] * 3
    + [IMPOSSIBLE_AT.format(v="{v}", why="février 2021 n'a pas de jour 31")],
}


def test_every_date_type_is_in_some_field():
    assert {name for _, _, name in DATE_FIELDS} == set(DATE_TYPES)
    assert (
        len(DATE_FIELDS) >= 11
    )  # joined; start, end, deadline, announced, updated; start, end; date, updated, embargo


@pytest.mark.parametrize("value", list(FRENCH_DATES))
@pytest.mark.parametrize("file, path, kind", DATE_FIELDS, ids=[f"{f}:{shown(p)}" for f, p, _ in DATE_FIELDS])
def test_a_french_date_says_what_to_type(repo, file, path, kind, value):
    label = write_entry(repo, file, path, value)
    message = FRENCH_DATES[value][list(DATE_TYPES).index(kind)].format(v=value)
    line = repo.line_of(file, f"{path[-1]}: {value}")
    assert errors(repo) == [f"{file}:{line} — {label} — {shown(path)} : {message}"]
    assert '"' not in message or re.search(r'"\d{4}-\d{2}', message)  # a suggestion is the ISO text, quoted


def test_unquoted_iso_dates_are_read_as_typed(repo):
    """yamlsafe keeps `date: 2026-03-08` the string typed: quoted or not, every date field reads the same."""
    for file in ENTRIES:
        write_entry(repo, file)
    assert errors(repo) == []
    covered = {file for file, _, _ in DATE_FIELDS}
    assert covered <= set(ENTRIES), "a file with date fields needs an example entry here"
    for file, path, _ in DATE_FIELDS:  # every date field is filled, unquoted, in the example entries
        node = ENTRIES[file][1]
        for key in path:
            node = node[key]
        assert isinstance(node, str) and not node.startswith('"')
    catalog = load_catalog(repo.root)
    event = next(e for e in catalog.events if e.id == "nouvel-atelier")
    assert event.start == datetime.fromisoformat("2027-03-12T18:00+01:00") and event.announced == date(2027, 1, 15)
    assert catalog.publication_by_id["2026-note-exemple"].meta.date == date(2026, 3, 8)


# --- 2 and 3. Files: where to put them, and suggestions written as the field needs them ------------

FILE_FIELDS = fields_of(RepoPath)
HOMES = {
    (MEMBERS.file, ("logo",)): ("data/logos", ".png", ".svg"),
    (PUBLICATION, ("attachments", None, "file")): ("content/publications/fichiers", ".pdf", ".docx"),
}
UPLOAD = (
    "ouvrez le dossier {folder} sur GitHub, Add file → Upload files, déposez le fichier sous le nom « {name} » sur "
    "la même branche que votre modification"
)
# (name written in the field, file that exists, message after « fichier « … » introuvable dans le dépôt »)
FILE_CASES = {
    "absent": (
        "{home}/mon-logo{ext}",
        None,
        " : pour l'ajouter, " + UPLOAD.format(folder="{home}", name="mon-logo{ext}"),
    ),
    "other extension": (
        "{home}/mon-logo{ext}",
        "{home}/mon-logo{other}",
        " — vouliez-vous dire « {home}/mon-logo{other} » ? Sinon, pour l'ajouter, "
        + UPLOAD.format(folder="{home}", name="mon-logo{ext}"),
    ),
    "case": (
        "{home}/mon-logo{ext}",
        "{home}/Mon-Logo{ext}",
        " — vouliez-vous dire « {home}/Mon-Logo{ext} » ? Sinon, pour "
        "l'ajouter, " + UPLOAD.format(folder="{home}", name="mon-logo{ext}"),
    ),
    "typo": (
        "{home}/mon-logo-officiel{ext}",
        "{home}/mon-logo-oficiel{ext}",
        " — vouliez-vous dire "
        "« {home}/mon-logo-oficiel{ext} » ? Sinon, pour l'ajouter, "
        + UPLOAD.format(folder="{home}", name="mon-logo-officiel{ext}"),
    ),
    "accents on disk": (
        "{home}/ecoute{ext}",
        "{home}/Écoute{ext}",
        " ; « {home}/Écoute{ext} » existe, mais un chemin ne "
        "peut contenir ni accent ni espace : déposez ce fichier à nouveau, renommé : "
        + UPLOAD.format(folder="{home}", name="ecoute{ext}"),
    ),
    "no such folder": (
        "{home}/sous-dossier/mon-logo{ext}",
        None,
        " : le dossier {home}/sous-dossier n'existe pas ; pour "
        "l'ajouter, "
        + UPLOAD.format(folder="{home}", name="mon-logo{ext}")
        + ", puis écrivez « {home}/mon-logo{ext} »",
    ),
}


def test_every_file_field_has_its_folder():
    assert FILE_FIELDS and set(FILE_FIELDS) == set(HOMES)


@pytest.mark.parametrize("case", list(FILE_CASES))
@pytest.mark.parametrize("file, path", FILE_FIELDS, ids=[f"{f}:{shown(p)}" for f, p in FILE_FIELDS])
def test_a_missing_file_says_where_to_put_it_or_which_file_exists(repo, file, path, case):
    home, ext, other = HOMES[(file, path)]
    written, existing, tail = (
        text.format(home=home, ext=ext, other=other) if text else None for text in FILE_CASES[case]
    )
    if existing:
        (repo.root / existing).parent.mkdir(parents=True, exist_ok=True)
        heads = {".pdf": b"%PDF-1.4\n", ".docx": b"PK\x03\x04", ".png": b"\x89PNG\r\n\x1a\n", ".svg": b"<svg/>"}
        (repo.root / existing).write_bytes(heads[Path(existing).suffix])
    label = write_entry(repo, file, path, written)
    line = repo.line_of(file, f"{path[-1]}: {written}")
    assert errors(repo) == [
        f"{file}:{line} — {label} — {shown(path)} : fichier « {written} » introuvable dans le dépôt{tail}"
    ]


@pytest.mark.parametrize("case", ["press kit", "translation", "translation language", "translation_of"])
def test_other_file_suggestions_are_written_as_their_field_needs(repo, case):
    if case == "press kit":  # mkdocs.yml names press files under content/
        repo.replace("mkdocs.yml", "file: presse/logo-provisoire-pdh.svg", "file: presse/logo-provisoire-pdh.png")
        expected = (
            "mkdocs.yml — extra.pdh.organisation.press_kit, fichier 2 : fichier du dossier de presse introuvable : "
            "content/presse/logo-provisoire-pdh.png ; rétablissez-le ou corrigez son chemin — vouliez-vous dire "
            "« presse/logo-provisoire-pdh.svg » ?"
        )
    elif case == "translation":  # a publication's translation is named after it, in the same folder
        repo.write(f"{PUBLICATIONS_DIR}/2025-note-position-colombia.en.md", "Text.\n")
        expected = (
            f"{PUBLICATIONS_DIR}/2025-note-position-colombia.en.md — traduction d'une publication introuvable : "
            f"{PUBLICATIONS_DIR}/2025-note-position-colombia.md n'existe pas (le fichier porte le nom de la "
            f"publication, puis .en.md) — vouliez-vous dire « {PUBLICATIONS_DIR}/2025-note-position-colombie.en.md » ?"
        )
    elif case == "translation language":
        repo.write(f"{PUBLICATIONS_DIR}/2025-note-position-colombie.de.md", "Text.\n")
        expected = (
            f"{PUBLICATIONS_DIR}/2025-note-position-colombie.de.md — langue « de » inconnue : le site est publié "
            f"en fr, en ; nommez le fichier {PUBLICATIONS_DIR}/2025-note-position-colombie.en.md"
        )
    else:  # translation_of names a French page under content/, without « content/ »
        repo.write("content/en/about.md", "---\ntitle: About\ntranslation_of: a-propo.md\n---\n\nText.\n")
        expected = (
            "content/en/about.md:3 — translation_of : « a-propo.md » n'est pas une page française sous content/ "
            "(exemple : translation_of: a-propos.md) — vouliez-vous dire « a-propos.md » ?"
        )
    assert errors(repo) == [expected]


# --- 4. A label, a name or an acronym where an id is expected --------------------------------------

# kind of reference → (what is written, its id, « nom », « sigle » or « titre », of whom)
NAMED = {
    "thème": [
        ("Défenseurs des droits humains", "defenseurs-des-droits", "nom", "d'un thème"),
        ("droits des femmes", "droits-des-femmes", "nom", "d'un thème"),
        ("HUMAN RIGHTS DEFENDERS", "defenseurs-des-droits", "nom", "d'un thème"),
    ],
    "groupe de travail": [("Plaidoyer institutionnel", "plaidoyer-institutionnel", "nom", "d'un groupe de travail")],
    "membre": [
        ("Association exemple pour les défenseurs des droits (exemple)", "exemple-association-a", "nom", "d'un membre"),
        ("AEA", "exemple-association-a", "sigle", "d'un membre"),
    ],
    "auteur": [
        ("Plateforme droits de l'homme", "pdh", "nom", "de la coalition"),
        ("AEA", "exemple-association-a", "sigle", "d'un membre"),
    ],
    "action de plaidoyer": [
        (
            "Protection des défenseures des droits humains en Colombie (exemple)",
            "action-exemple-colombie-2025",
            "titre",
            "d'une action de plaidoyer",
        )
    ],
    "publication": [
        (
            "Protéger les défenseures des droits humains en Colombie (exemple)",
            "2025-note-position-colombie",
            "titre",
            "d'une publication",
        )
    ],
}
REFERENCE_FIELDS = [
    (PUBLICATION if file == PUBLICATIONS_DIR else file, field, kind, case)
    for file, spec in REFERENCES.items()
    for field, kind in spec
    for case in NAMED[kind]
]


def test_every_reference_field_is_covered():
    assert {(f, field) for f, field, _, _ in REFERENCE_FIELDS} == {
        (PUBLICATION if file == PUBLICATIONS_DIR else file, field)
        for file, spec in REFERENCES.items()
        for field, _ in spec
    }
    assert {kind for *_, kind, _ in REFERENCE_FIELDS} >= {"thème", "groupe de travail", "membre", "auteur"}


@pytest.mark.parametrize(
    "file, field, kind, case",
    REFERENCE_FIELDS,
    ids=[f"{f}:{field}:{case[0][:20]}" for f, field, _, case in REFERENCE_FIELDS],
)
def test_a_name_where_an_id_is_expected_gets_the_id(repo, file, field, kind, case):
    written, entry_id, what, whose = case
    if written == "HUMAN RIGHTS DEFENDERS":  # a label's English version counts as well
        repo.replace(
            "data/themes.yaml",
            "label: Défenseurs des droits humains",
            "label: {fr: Défenseurs des droits humains, en: Human rights defenders}",
        )
    is_list = get_origin(MODELS[file].model_fields[field].annotation) is list
    label = write_entry(repo, file, (field,), [written] if is_list else written)
    line = repo.line_of(file, f"{field}: ")
    where = f"{field}[1]" if is_list else field
    assert errors(repo) == [
        f"{file}:{line} — {label} — {where} : « {written} » est le {what} {whose} : "
        f"écrivez son identifiant, « {entry_id} »"
    ]


def test_a_name_that_matches_nothing_gets_no_false_slug(repo):
    """The validator's slug of the text (« defense-des-droits ») is no theme: the closest id is offered instead."""
    label = write_entry(repo, MEMBERS.file, ("themes",), ["Défenseurs des droit"])
    line = repo.line_of(MEMBERS.file, "themes: ")
    assert errors(repo) == [
        f"{MEMBERS.file}:{line} — {label} — themes[1] : identifiant « Défenseurs des droit » invalide : "
        "lettres minuscules sans accent, chiffres et tirets seulement — vouliez-vous dire "
        "« defenseurs-des-droits » ?"
    ]


def test_a_press_contact_named_by_its_organisation_name_gets_the_id(repo):
    label = write_entry(repo, PRESS_CONTACTS.file, ("organisation",), "AEA")
    line = repo.line_of(PRESS_CONTACTS.file, "organisation: AEA")
    assert errors(repo) == [
        f"{PRESS_CONTACTS.file}:{line} — {label} — organisation : « AEA » est le sigle d'un membre : "
        "écrivez son identifiant, « exemple-association-a »"
    ]


CODE_FIELDS = [
    (
        file,
        path,
        "Colombia",
        "code pays « Colombia » inconnu (attendu : code ISO 3166-1 à deux lettres, par "
        "exemple « CO » pour la Colombie) — pour « Colombia », écrivez « CO »",
    )
    for file, path in fields_of(Country)
] + [
    (
        file,
        path,
        "français",
        "code de langue « français » inconnu (attendu : code ISO 639-1, par exemple « fr », "
        "« en », « es ») — pour « français », écrivez « fr »",
    )
    for file, path in fields_of(Language)
]


@pytest.mark.parametrize(
    "file, path, written, message", CODE_FIELDS, ids=[f"{f}:{shown(p)}" for f, p, *_ in CODE_FIELDS]
)
def test_a_country_or_language_name_gets_its_code(repo, file, path, written, message):
    assert len({shown(p) for f, p, *_ in CODE_FIELDS}) >= 3  # countries, place.country, languages
    is_list = path[-1] is None
    label = write_entry(repo, file, path[:-1] if is_list else path, [written] if is_list else written)
    key = (path[:-1] if is_list else path)[-1]
    line = repo.line_of(file, f"{key}: ")
    assert errors(repo) == [
        f"{file}:{line} — {label} — {shown(path[:-1]) + '[1]' if is_list else shown(path)} : {message}"
    ]


# --- 5. http:// addresses: a warning, never an error -------------------------------------------------

URL_FIELDS = fields_of(Url)


def test_every_url_field_is_listed():
    assert {shown(p) for _, p in URL_FIELDS} >= {
        "website",
        "social.mastodon",
        "contact.url",
        "online_url",
        "registration.url",
    }


@pytest.mark.parametrize("file, path", URL_FIELDS, ids=[f"{f}:{shown(p)}" for f, p in URL_FIELDS])
def test_an_http_address_is_a_warning_with_the_https_form(repo, file, path):
    label = write_entry(repo, file, path, "http://exemple.org/page")
    found = check_problems(repo.root)
    assert found.sorted() == []  # the check passes: the site may have no https version
    line = repo.line_of(file, f"{path[-1]}: http://exemple.org/page")
    assert [str(w) for w in found.warnings] == [
        f"{file}:{line} — {label} — {shown(path)} : « http://exemple.org/page » : adresse non sécurisée (http://) ; si le "
        "site existe en https, écrivez « https://exemple.org/page »"
    ]


def test_the_check_command_shows_warnings_on_their_line_and_passes(repo, tmp_path):
    label = write_entry(repo, MEMBERS.file, ("website",), "http://exemple.org")
    line = repo.line_of(MEMBERS.file, "website: http://exemple.org")
    summary_file = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "pdh.cli.check", str(repo.root), "--github", "--summary", str(summary_file)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "hooks")},
    )
    assert result.returncode == 0, result.stderr
    message = (
        "website : « http://exemple.org » : adresse non sécurisée (http://) ; si le site existe en https, écrivez "
        "« https://exemple.org »"
    )
    assert result.stdout.splitlines() == [
        f"::warning file=data/members.yaml,line={line},title={label}::{message}",
        "Données valides : aucune erreur.",
    ]
    assert result.stderr.splitlines() == [
        "1 avertissement, sans effet sur la vérification :",
        f"Attention : data/members.yaml:{line} — {label} — {message}",
    ]
    report = summary_file.read_text(encoding="utf-8")
    assert report.startswith(
        "### Vérification des données\n\nAucune erreur : les données sont valides.\n\n"
        "#### 1 avertissement, qui n'empêche pas la publication\n"
    )
    assert "https\\://exemple\\.org" in report


# --- 6. make nouveau without TYPE or ID ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args, first",
    [
        (
            {"TYPE": "membre"},
            "Erreur : ID manquant : indiquez l'identifiant de la nouvelle entrée (minuscules sans accent, "
            "chiffres et tirets), par exemple ID=mon-association.",
        ),
        (
            {"ID": "mon-association"},
            "Erreur : TYPE manquant : indiquez ce que vous créez (membre, publication ou evenement).",
        ),
        (
            {"TYPE": "membres", "ID": "x"},
            "Erreur : TYPE « membres » inconnu : écrivez TYPE=membre, TYPE=publication ou "
            "TYPE=evenement — vouliez-vous dire « TYPE=membre » ?",
        ),
        ({}, "Erreur : TYPE manquant : indiquez ce que vous créez (membre, publication ou evenement)."),
    ],
)
def test_make_nouveau_without_its_arguments_prints_a_french_usage(tmp_path, args, first):
    """The Makefile's own target, run with the project's installed command (the install step stubbed)."""
    work = tmp_path / "work"
    work.mkdir()
    for name in ("Makefile", "pyproject.toml", "requirements.txt"):  # the stamp's name is read from the last two
        shutil.copy2(ROOT / name, work / name)
    stamp = work / "stamp"
    stamp.touch()
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "pdh-nouveau").is_file(), "the package is not installed in this environment"
    command = ["make", "-s", "nouveau", f"BIN={bin_dir}", f"STAMP={stamp}", *(f"{k}={v}" for k, v in args.items())]
    result = subprocess.run(command, cwd=work, capture_output=True, text=True, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "usage:" not in result.stderr and "error:" not in result.stderr
    assert result.stderr.splitlines()[: 1 + len(USAGE.splitlines())] == [first, *USAGE.splitlines()]
    assert USAGE.splitlines()[0] == "Usage : make nouveau TYPE=membre|publication|evenement ID=mon-identifiant"
    assert not (work / "data").exists()  # nothing written


# --- 7. Links in the job summaries work from the workflow run's page --------------------------------

SHA = "0123456789abcdef0123456789abcdef01234567"
GITHUB = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "exemple-org/pdh-site", "GITHUB_SHA": SHA}
BLOB = f"https://github.com/exemple-org/pdh-site/blob/{SHA}"


def markdown_links(text: str) -> list[str]:
    return re.findall(r"\]\(([^)]*)\)", text)


@pytest.mark.parametrize("env", [GITHUB, {}], ids=["on GitHub", "locally"])
def test_the_check_summary_links_to_the_line_on_github(repo, tmp_path, env):
    write_entry(repo, MEMBERS.file, ("themes",), ["migration"], (("website",), "http://exemple.org"))
    summary_file = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "pdh.cli.check", str(repo.root), "--summary", str(summary_file)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "hooks"), **env},
    )
    assert result.returncode == 1
    report = summary_file.read_text(encoding="utf-8")
    lines = [
        n
        for n, text in enumerate(repo.read(MEMBERS.file).splitlines(), 1)
        if text.startswith(("  themes: [migration]", "  website: http://"))
    ]
    if env:
        assert markdown_links(report) == [
            f"{BLOB}/data/members.yaml#L{lines[0]}",
            f"{BLOB}/data/members.yaml#L{lines[1]}",
            f"{BLOB}/CONTRIBUTING.md#{GUIDE_SECTION.replace('é', '%C3%A9')}",
        ]
    else:
        assert markdown_links(report) == [] and "](" not in report and "`CONTRIBUTING.md` (section 4)" in report
    assert all(link.startswith("https://") for link in markdown_links(report))


def test_the_guide_section_linked_exists():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"(#{GUIDE_SECTION})" in guide  # the guide's own table of contents uses the same anchor


def test_links_need_every_github_variable_and_sane_values():
    assert RepoLinks.from_env(GITHUB) == RepoLinks(BLOB)
    for name in GITHUB:
        assert RepoLinks.from_env({k: v for k, v in GITHUB.items() if k != name}) is None
    assert RepoLinks.from_env({**GITHUB, "GITHUB_SERVER_URL": "javascript:alert(1)//"}) is None
    assert RepoLinks.from_env({**GITHUB, "GITHUB_SHA": "main"}) is None
    assert RepoLinks(BLOB).url("content/a b)(.md", 3) == f"{BLOB}/content/a%20b%29%28.md#L3"


def test_the_ownership_summary_links_the_files_it_names(tmp_path, monkeypatch):
    base = tiny_project(tmp_path / "base", sources_only=True)
    head = tiny_project(tmp_path / "head", sources_only=True)
    (head.root / "data" / "logos" / "nouveau-logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    head.append("data/events.yaml", "\n- id: [illisible\n")
    out = tmp_path / "summary.md"
    for name, value in GITHUB.items():
        monkeypatch.setenv(name, value)
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        assert ownership.main([str(base.root), str(head.root), "--author", "quelqu-un", "--summary", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    line = head.line_of("data/events.yaml", "- id: [illisible")
    assert markdown_links(report) and set(markdown_links(report)) == {
        f"{BLOB}/data/logos/nouveau-logo.png",
        f"{BLOB}/data/events.yaml#L{line}",
    }
    assert "](" not in printed.getvalue()  # the console report has no Markdown
    monkeypatch.delenv("GITHUB_SHA")
    out.unlink()
    with contextlib.redirect_stdout(io.StringIO()):
        ownership.main([str(base.root), str(head.root), "--author", "quelqu-un", "--summary", str(out)])
    assert "](" not in out.read_text(encoding="utf-8")


def test_summary_without_problems_or_links_stays_short():
    assert summary([]) == "### Vérification des données\n\nAucune erreur : les données sont valides.\n"


def test_the_build_shows_the_same_warnings_and_builds(tmp_path, caplog):
    """`mkdocs build` and `serve` print the warnings pdh-check prints (an « Attention : » line), and build."""
    import logging

    repo = tiny_project(tmp_path)
    label = write_entry(repo, MEMBERS.file, ("website",), "http://exemple.org")
    line = repo.line_of(MEMBERS.file, "website: http://exemple.org")
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.pdh"):
        site = repo.build()
    assert (site / "index.html").is_file()
    assert (
        f"Attention : data/members.yaml:{line} — {label} — website : « http://exemple.org » : adresse non sécurisée "
        "(http://) ; si le site existe en https, écrivez « https://exemple.org »"
    ) in caplog.messages
