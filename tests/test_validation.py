"""Each class of bad input gets one French message naming file, line, entry and field."""

from __future__ import annotations

import os

import pytest

from conftest import NEW_MEMBER
from pdh.content.errors import ContentError
from pdh.plan.catalog import check_problems, load_catalog

MEMBER = NEW_MEMBER + "  themes: [migrations]\n  countries: [SN]\n"


def problems(repo) -> list[str]:
    return [str(p) for p in check_problems(repo.root).sorted()]


def add_member(repo, text: str = MEMBER) -> None:
    repo.append("data/members.yaml", text)


def test_the_real_data_is_valid(repo):
    assert problems(repo) == []
    catalog = load_catalog(repo.root)
    assert "agir-ensemble" in catalog.member_by_id


def test_valid_new_member_is_accepted(tiny_sources):
    add_member(tiny_sources)
    assert problems(tiny_sources) == []


def test_unknown_field_gets_a_did_you_mean_hint(tiny_sources):
    add_member(tiny_sources, MEMBER + "  webiste: https://exemple.org\n")
    line = tiny_sources.line_of("data/members.yaml", "webiste")
    assert problems(tiny_sources) == [
        f"data/members.yaml:{line} — membre « nouvelle-ong » — champ inconnu « webiste » — vouliez-vous dire « website » ?"
    ]


def test_unknown_nested_field_names_its_parent(tiny_sources):
    add_member(tiny_sources, MEMBER + "  contact:\n    mail: a@exemple.org\n")
    line = tiny_sources.line_of("data/members.yaml", "mail: a@")
    assert problems(tiny_sources) == [
        f"data/members.yaml:{line} — membre « nouvelle-ong » — contact : champ inconnu « mail » — vouliez-vous dire « email » ?"
    ]


def test_missing_required_field_points_at_the_entry(tiny_sources):
    add_member(tiny_sources, MEMBER.replace("  city: Lille\n", ""))
    line = tiny_sources.line_of("data/members.yaml", "id: nouvelle-ong")
    assert problems(tiny_sources) == [
        f"data/members.yaml:{line} — membre « nouvelle-ong » — city : champ obligatoire manquant"
    ]


def test_empty_required_field(tiny_sources):
    add_member(tiny_sources, MEMBER.replace("  city: Lille\n", "  city:\n"))
    line = tiny_sources.line_of("data/members.yaml", "  city:")
    assert f"data/members.yaml:{line} — membre « nouvelle-ong » — city : valeur vide" in problems(tiny_sources)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("themes", "migrations", "attendu : une liste, par exemple [migrations]"),
        ("name", "[a, b]", "attendu : un texte, ou {fr: …, en: …}"),
        ("acronym", "[a, b]", "attendu : une valeur simple, pas une liste"),
        (
            "status",
            "membre",
            "valeur « membre » inconnue — valeurs possibles : member, observer — vouliez-vous dire « member » ?",
        ),
        ("contact", "a@exemple.org", "attendu : un ensemble de champs (« nom: valeur » sur les lignes suivantes)"),
    ],
)
def test_wrong_types(tiny_sources, field, value, message):
    text = (
        "\n".join(line for line in MEMBER.splitlines() if not line.startswith(f"  {field}:"))
        + f"\n  {field}: {value}\n"
    )
    add_member(tiny_sources, text)
    line = tiny_sources.line_of("data/members.yaml", f"  {field}: {value}")
    assert problems(tiny_sources) == [f"data/members.yaml:{line} — membre « nouvelle-ong » — {field} : {message}"]


@pytest.mark.parametrize(
    "value, message",
    [
        ('"2021-02-30"', "date impossible « 2021-02-30 » : février 2021 n'a pas de jour 30"),
        ('"2021-13"', "date impossible « 2021-13 » : il n'y a pas de mois 13"),
        ("12/03/2021", '« 12/03/2021 » : écrivez la date au format AAAA-MM-JJ, entre guillemets : "2021-03-12"'),
        (
            "13/13/2020",
            "date impossible « 13/13/2020 » : il n'y a pas de mois 13 ; écrivez la date au format AAAA-MM-JJ, entre guillemets",
        ),
        ("le 12", "« le 12 » n'est pas une date (attendu : AAAA, AAAA-MM ou AAAA-MM-JJ, entre guillemets)"),
    ],
)
def test_impossible_or_ambiguous_dates(tiny_sources, value, message):
    add_member(tiny_sources, MEMBER + f"  joined: {value}\n")
    line = tiny_sources.line_of("data/members.yaml", "joined: " + value)
    assert problems(tiny_sources) == [f"data/members.yaml:{line} — membre « nouvelle-ong » — joined : {message}"]


@pytest.mark.parametrize(
    "value, message",
    [
        (
            "www.exemple.org",
            "« www.exemple.org » n'est pas une adresse web complète — écrivez « https://www.exemple.org »",
        ),
        (
            "//exemple.org/x",
            "« //exemple.org/x » n'est pas une adresse web complète — écrivez « https://exemple.org/x »",
        ),
        (
            "https:/exemple.org/x",
            "« https:/exemple.org/x » n'est pas une adresse web valide — écrivez « https://exemple.org/x »",
        ),
        (
            "http//exemple.org",
            "« http//exemple.org » n'est pas une adresse web complète — écrivez « https://exemple.org »",
        ),
        ("exemple", "« exemple » n'est pas une adresse web complète (attendu : https://exemple.org/…)"),
        ("javascript:alert(1)", "« javascript:alert(1) » : seules les adresses web en http(s):// sont acceptées"),
        ("ftp://exemple.org/x", "« ftp://exemple.org/x » : seules les adresses web en http(s):// sont acceptées"),
        (
            "https://user:pw@exemple.org",
            "« https://user:pw@exemple.org » n'est pas une adresse web valide (attendu : https://exemple.org/…)",
        ),
    ],
)
def test_urls_must_be_http(tiny_sources, value, message):
    add_member(tiny_sources, MEMBER + f"  website: {value}\n")
    line = tiny_sources.line_of("data/members.yaml", "website:")
    assert problems(tiny_sources) == [f"data/members.yaml:{line} — membre « nouvelle-ong » — website : {message}"]


@pytest.mark.parametrize(
    "value, message",
    [
        ("mailto:a@exemple.org", "écrivez l'adresse seule, sans « mailto: » (« a@exemple.org »)"),
        (
            "contact-at-exemple.org",
            "« contact-at-exemple.org » n'est pas une adresse électronique valide (attendu : nom@exemple.org)",
        ),
    ],
)
def test_email_is_a_plain_address(tiny_sources, value, message):
    add_member(tiny_sources, MEMBER + f"  contact:\n    email: {value}\n")
    line = tiny_sources.line_of("data/members.yaml", f"email: {value}")
    assert problems(tiny_sources) == [f"data/members.yaml:{line} — membre « nouvelle-ong » — contact.email : {message}"]


def test_duplicate_id_names_the_first_one(tiny_sources):
    add_member(tiny_sources, MEMBER.replace("nouvelle-ong", "agir-ensemble"))
    text = tiny_sources.read("data/members.yaml").splitlines()
    first = min(i for i, line in enumerate(text, 1) if "id: agir-ensemble" in line)
    second = tiny_sources.line_of("data/members.yaml", "id: agir-ensemble")
    assert problems(tiny_sources) == [
        f"data/members.yaml:{second} — membre « agir-ensemble » — id : identifiant « agir-ensemble » déjà utilisé (data/members.yaml:{first})"
    ]


@pytest.mark.parametrize(
    "bad, hint",
    [
        ("Nouvelle_ONG", " (par exemple « nouvelle-ong »)"),
        ("défense", " (par exemple « defense »)"),
        ("../../etc", " (par exemple « etc »)"),
    ],
)
def test_ids_are_lowercase_ascii_slugs(tiny_sources, bad, hint):
    add_member(tiny_sources, MEMBER.replace("id: nouvelle-ong", f"id: {bad}"))
    line = tiny_sources.line_of("data/members.yaml", f"id: {bad}")
    assert problems(tiny_sources) == [
        f"data/members.yaml:{line} — membre « {bad} » — id : identifiant « {bad} » invalide : "
        f"lettres minuscules sans accent, chiffres et tirets seulement{hint}"
    ]


def test_unknown_references_with_hints(tiny_sources):
    add_member(
        tiny_sources,
        MEMBER.replace("themes: [migrations]", "themes: [migration, droits-des-femmes]")
        + "  working_groups: [communications]\n",
    )
    add_member(
        tiny_sources,
        MEMBER.replace("nouvelle-ong", "autre-ong")
        + "  working_groups: [communication]\n  leads: [plaidoyer-institutionnel]\n",
    )
    theme_line = tiny_sources.line_of("data/members.yaml", "themes: [migration, droits")
    group_line = tiny_sources.line_of("data/members.yaml", "working_groups: [communications]")
    lead_line = tiny_sources.line_of("data/members.yaml", "leads: [plaidoyer-institutionnel]")
    assert problems(tiny_sources) == [
        f"data/members.yaml:{theme_line} — membre « nouvelle-ong » — themes[1] : thème inconnu « migration » — vouliez-vous dire « migrations » ?",
        f"data/members.yaml:{group_line} — membre « nouvelle-ong » — working_groups[1] : groupe de travail inconnu « communications » — vouliez-vous dire « communication » ?",
        f"data/members.yaml:{lead_line} — membre « autre-ong » — leads[1] : « plaidoyer-institutionnel » doit aussi figurer dans working_groups pour être animé par l'organisation",
    ]


@pytest.mark.parametrize(
    "value, message",
    [
        ("co", "code pays en majuscules : « CO »"),
        (
            "Colombie",
            "code pays « Colombie » inconnu (attendu : code ISO 3166-1 à deux lettres, par exemple « CO » pour la Colombie) — pour « Colombie », écrivez « CO »",
        ),
        (
            "EU",
            "code pays « EU » inconnu (attendu : code ISO 3166-1 à deux lettres, par exemple « CO » pour la Colombie)",
        ),
        ("NO", None),  # Norway, not « false »
    ],
)
def test_countries_are_iso_codes(tiny_sources, value, message):
    add_member(tiny_sources, MEMBER.replace("countries: [SN]", f"countries: [SN, {value}]"))
    if message is None:
        assert problems(tiny_sources) == []
        assert load_catalog(tiny_sources.root).member_by_id["nouvelle-ong"].countries == ["SN", "NO"]
        return
    line = tiny_sources.line_of("data/members.yaml", f"countries: [SN, {value}]")
    assert problems(tiny_sources) == [f"data/members.yaml:{line} — membre « nouvelle-ong » — countries[2] : {message}"]


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", "Nouvelle <b>ONG</b>"),
        ("city", "<script>alert(1)</script>"),
        ("description", "Texte <img src=x onerror=alert(1)>"),
        ("description", "Texte <!-- caché -->"),
    ],
)
def test_text_fields_refuse_raw_html(tiny_sources, field, value):
    text = (
        "\n".join(line for line in MEMBER.splitlines() if not line.startswith(f"  {field}:"))
        + f"\n  {field}: '{value}'\n"
    )
    add_member(tiny_sources, text)
    line = tiny_sources.line_of("data/members.yaml", f"  {field}: '")
    found = problems(tiny_sources)
    assert len(found) == 1
    assert found[0].startswith(
        f"data/members.yaml:{line} — membre « nouvelle-ong » — {field} : le HTML n'est pas accepté (« <"
    )


def test_text_may_mention_comparisons_and_ampersands(tiny_sources):
    add_member(
        tiny_sources, MEMBER.replace("Une organisation d'exemple.", "'Moins de 5 < 10 & plus : droits & libertés.'")
    )
    assert problems(tiny_sources) == []


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u2066"])
def test_invisible_characters_are_refused_in_names(tiny_sources, char):
    add_member(tiny_sources, MEMBER.replace("Nouvelle ONG (exemple)", f"Nouvelle{char} ONG"))
    found = problems(tiny_sources)
    assert len(found) == 1 and "name : caractère invisible interdit" in found[0]


def test_ordinary_unicode_passes(tiny_sources):
    add_member(tiny_sources, MEMBER.replace("Nouvelle ONG (exemple)", "Association « Égalité » حقوق 🌍 (exemple)"))
    assert problems(tiny_sources) == []


def test_localized_text_requires_french(tiny_sources):
    add_member(tiny_sources, MEMBER.replace("name: Nouvelle ONG (exemple)", "name:\n    en: New NGO"))
    line = tiny_sources.line_of("data/members.yaml", "    en: New NGO") - 1
    assert problems(tiny_sources) == [
        f"data/members.yaml:{line} — membre « nouvelle-ong » — name.fr : champ obligatoire manquant"
    ]


def test_localized_text_accepts_both_languages(tiny_sources):
    add_member(
        tiny_sources,
        MEMBER.replace(
            "name: Nouvelle ONG (exemple)", "name:\n    fr: Nouvelle ONG (exemple)\n    en: New NGO (example)"
        ),
    )
    assert problems(tiny_sources) == []
    assert load_catalog(tiny_sources.root).member_by_id["nouvelle-ong"].name.en == "New NGO (example)"


def test_referenced_file_must_exist(tiny_sources):
    add_member(tiny_sources, MEMBER + "  logo: data/logos/absent.png\n")
    line = tiny_sources.line_of("data/members.yaml", "logo: data/logos/absent.png")
    assert problems(tiny_sources) == [
        f"data/members.yaml:{line} — membre « nouvelle-ong » — logo : fichier « data/logos/absent.png » introuvable dans le dépôt : "
        "pour l'ajouter, ouvrez le dossier data/logos sur GitHub, Add file → Upload files, déposez le fichier sous le nom "
        "« absent.png » sur la même branche que votre modification"
    ]


@pytest.mark.parametrize(
    "value, message",
    [
        ("../secret.png", "chemin « ../secret.png » : « .. » est interdit, le fichier doit être dans le dépôt"),
        (
            "data/../../secret.png",
            "chemin « data/../../secret.png » : « .. » est interdit, le fichier doit être dans le dépôt",
        ),
        (
            "/etc/passwd",
            "chemin « /etc/passwd » : écrivez un chemin relatif au dépôt, comme « data/logos/mon-logo.png »",
        ),
    ],
)
def test_referenced_file_must_be_inside_the_repository(tiny_sources, value, message):
    add_member(tiny_sources, MEMBER + f"  logo: {value}\n")
    line = tiny_sources.line_of("data/members.yaml", f"logo: {value}")
    assert problems(tiny_sources) == [f"data/members.yaml:{line} — membre « nouvelle-ong » — logo : {message}"]


def test_referenced_file_through_a_symlink_is_refused(tiny_sources, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    (tiny_sources.root / "data" / "logos").mkdir(exist_ok=True)
    os.symlink(outside, tiny_sources.root / "data" / "logos" / "lien.png")
    add_member(tiny_sources, MEMBER + "  logo: data/logos/lien.png\n")
    line = tiny_sources.line_of("data/members.yaml", "logo: data/logos/lien.png")
    assert problems(tiny_sources) == [
        f"data/members.yaml:{line} — membre « nouvelle-ong » — logo : « data/logos/lien.png » passe par un lien symbolique : déposez le fichier lui-même"
    ]


def test_every_problem_is_reported_in_one_run(tiny_sources):
    add_member(
        tiny_sources, MEMBER.replace("status: member", "status: membre") + "  webiste: x\n  joined: '2021-02-30'\n"
    )
    tiny_sources.replace("data/themes.yaml", "- id: migrations", "- id: Migrations")
    found = problems(tiny_sources)
    assert len(found) >= 4
    joined = "\n".join(found)
    for needle in (
        "status : valeur « membre »",
        "champ inconnu « webiste »",
        "joined : date impossible",
        "thème « Migrations »",
    ):
        assert needle in joined


def test_load_catalog_raises_with_the_full_report(tiny_sources):
    add_member(tiny_sources, MEMBER.replace("status: member", "status: membre"))
    with pytest.raises(ContentError) as info:
        load_catalog(tiny_sources.root)
    assert str(info.value).startswith("1 erreur dans les données :\ndata/members.yaml:")
