"""Events, advocacy actions, publications and editorial pages: dates, zones, references, front matter."""

from __future__ import annotations

import pytest

from pdh.plan.catalog import check_problems, load_catalog

EVENT = """
- id: rencontre-exemple
  title: Rencontre d'exemple
  type: conference
  start: 2026-06-12T18:00+02:00
  end: 2026-06-12T20:00+02:00
  place:
    city: Paris
  organisers: [agir-ensemble]
"""

PUBLICATION = """
---
title: Note d'exemple
date: "2026-03-08"
type: note-de-position
summary: Résumé d'exemple.
authors: [pdh]
signatories: [agir-ensemble]
themes: [droits-des-femmes]
countries: [CO]
---

Texte de la note (exemple).
"""


def problems(repo) -> list[str]:
    return [str(p) for p in check_problems(repo.root).sorted()]


def set_events(repo, text: str) -> None:
    repo.write("data/events.yaml", text)


def test_valid_event_is_typed_with_its_offset(tiny_sources):
    set_events(tiny_sources, EVENT)
    assert problems(tiny_sources) == []
    event = load_catalog(tiny_sources.root).events[0]
    assert event.start.isoformat() == "2026-06-12T18:00:00+02:00"
    assert not event.all_day


def test_datetime_without_time_zone_is_refused_with_the_fix(tiny_sources):
    set_events(tiny_sources, EVENT.replace("start: 2026-06-12T18:00+02:00", "start: 2026-06-12 18:00"))
    line = tiny_sources.line_of("data/events.yaml", "start:")
    assert problems(tiny_sources) == [
        f"data/events.yaml:{line} — événement « rencontre-exemple » — start : « 2026-06-12 18:00 » n'indique pas de "
        "fuseau horaire : pour l'heure de Paris, écrivez « 2026-06-12T18:00+02:00 »"
    ]


def test_winter_time_hint_uses_the_winter_offset(tiny_sources):
    set_events(
        tiny_sources,
        EVENT.replace("2026-06-12T18:00+02:00", "2026-12-03T18:00").replace(
            "2026-06-12T20:00+02:00", "2026-12-03T20:00+01:00"
        ),
    )
    assert problems(tiny_sources)[0].endswith("écrivez « 2026-12-03T18:00+01:00 »")


def test_offset_that_contradicts_the_event_zone(tiny_sources):
    set_events(tiny_sources, EVENT.replace("2026-06-12T18:00+02:00", "2026-06-12T18:00+01:00"))
    line = tiny_sources.line_of("data/events.yaml", "start:")
    assert problems(tiny_sources) == [
        f"data/events.yaml:{line} — événement « rencontre-exemple » — start : décalage +01:00 incorrect pour "
        "Europe/Paris à cette date : écrivez +02:00"
    ]


def test_end_before_start(tiny_sources):
    set_events(tiny_sources, EVENT.replace("end: 2026-06-12T20:00+02:00", "end: 2026-06-12T17:00+02:00"))
    line = tiny_sources.line_of("data/events.yaml", "end:")
    assert problems(tiny_sources) == [
        f"data/events.yaml:{line} — événement « rencontre-exemple » — end : la fin (2026-06-12T17:00:00+02:00) "
        "précède le début (2026-06-12T18:00:00+02:00)"
    ]


def test_all_day_multi_day_event(tiny_sources):
    set_events(
        tiny_sources,
        EVENT.replace("2026-06-12T18:00+02:00", "2026-06-12").replace("2026-06-12T20:00+02:00", "2026-06-14"),
    )
    assert problems(tiny_sources) == []
    assert load_catalog(tiny_sources.root).events[0].all_day


def test_unknown_event_zone_and_organiser(tiny_sources):
    set_events(
        tiny_sources,
        EVENT.replace("organisers: [agir-ensemble]", "organisers: [agir-ensembl]\n  timezone: Europe/Pari"),
    )
    found = problems(tiny_sources)
    assert len(found) == 2  # the entry is invalid, and its references are still checked in the same run
    assert "organisers[1] : membre inconnu « agir-ensembl » — vouliez-vous dire « agir-ensemble » ?" in found[0]
    assert "timezone : fuseau horaire « Europe/Pari » inconnu" in found[1]
    assert "vouliez-vous dire « Europe/Paris » ?" in found[1]


def test_event_needs_a_place_or_a_link(tiny_sources):
    set_events(tiny_sources, EVENT.replace("  place:\n    city: Paris\n", ""))
    assert problems(tiny_sources) == [
        "data/events.yaml:1 — événement « rencontre-exemple » — place : indiquez un lieu (place) ou un lien en ligne (online_url)"
    ]


def test_advocacy_action_end_before_start(tiny_sources):
    tiny_sources.append(
        "data/advocacy-actions.yaml",
        """
- id: action-exemple
  title: Action d'exemple
  objective: Objectif d'exemple.
  start: "2026-05-01"
  end: "2026-04-01"
  members: [agir-ensemble]
""",
    )
    line = tiny_sources.line_of("data/advocacy-actions.yaml", 'end: "2026-04-01"')
    assert problems(tiny_sources) == [
        f"data/advocacy-actions.yaml:{line} — action de plaidoyer « action-exemple » — end : la fin (2026-04-01) précède le début (2026-05-01)"
    ]


def test_valid_publication(tiny_sources):
    tiny_sources.write("content/publications/2026-note-exemple.md", PUBLICATION)
    assert problems(tiny_sources) == []
    publication = load_catalog(tiny_sources.root).publication_by_id["2026-note-exemple"]
    assert publication.body.strip() == "Texte de la note (exemple)."


def test_publication_errors_point_at_front_matter_lines(tiny_sources):
    tiny_sources.write(
        "content/publications/2026-note-exemple.md",
        PUBLICATION.replace("signatories: [agir-ensemble]", "signatories: [agir-ensemble, amnsty]").replace(
            '"2026-03-08"', '"2026-02-30"'
        ),
    )
    rel = "content/publications/2026-note-exemple.md"
    assert problems(tiny_sources) == [  # both in one run, though the date alone makes the entry invalid
        f"{rel}:{tiny_sources.line_of(rel, 'date:')} — publication « 2026-note-exemple » — date : date impossible « 2026-02-30 » : février 2026 n'a pas de jour 30",
        f"{rel}:{tiny_sources.line_of(rel, 'signatories:')} — publication « 2026-note-exemple » — signatories[2] : membre inconnu « amnsty »",
    ]
    tiny_sources.write(
        rel, PUBLICATION.replace("signatories: [agir-ensemble]", "signatories: [agir-ensemble, agir-ensembe]")
    )
    assert problems(tiny_sources) == [
        f"{rel}:{tiny_sources.line_of(rel, 'signatories:')} — publication « 2026-note-exemple » — signatories[2] : membre inconnu « agir-ensembe » — vouliez-vous dire « agir-ensemble » ?"
    ]


def test_publication_attachment_must_exist(tiny_sources):
    rel = "content/publications/2026-note-exemple.md"
    tiny_sources.write(
        rel,
        PUBLICATION.replace(
            "countries: [CO]", "countries: [CO]\nattachments:\n  - file: content/publications/fichiers/absent.pdf"
        ),
    )
    assert problems(tiny_sources) == [
        f"{rel}:{tiny_sources.line_of(rel, 'absent.pdf')} — publication « 2026-note-exemple » — attachments[1].file : fichier « content/publications/fichiers/absent.pdf » introuvable dans le dépôt : "
        "pour l'ajouter, ouvrez le dossier content/publications/fichiers sur GitHub, Add file → Upload files, déposez le "
        "fichier sous le nom « absent.pdf » sur la même branche que votre modification"
    ]


@pytest.mark.parametrize("name", ["Note.md", "note exemple.md", "note_é.md"])
def test_publication_file_name_is_its_id(tiny_sources, name):
    tiny_sources.write(f"content/publications/{name}", PUBLICATION)
    assert problems(tiny_sources) == [
        f"content/publications/{name} — nom de fichier invalide : minuscules sans accent, chiffres et tirets, puis « .md »"
    ]


def test_publication_without_front_matter(tiny_sources):
    tiny_sources.write("content/publications/sans-entete.md", "Du texte.\n")
    assert problems(tiny_sources) == [
        "content/publications/sans-entete.md:1 — en-tête manquant : le fichier doit commencer par « --- », les champs, puis « --- »"
    ]


def test_editorial_page_front_matter_is_an_allow_list(tiny_sources):
    tiny_sources.write("content/nouvelle-page.md", "---\ntitle: Nouvelle page\ntemplate: 404.html\n---\n\nTexte.\n")
    assert problems(tiny_sources) == [
        "content/nouvelle-page.md:3 — champ inconnu « template » (champs possibles : title, description, translation_of)"
    ]


def test_wrong_offset_is_reported_with_the_other_errors_of_the_entry(tiny_sources):
    set_events(
        tiny_sources,
        EVENT.replace("2026-06-12T18:00+02:00", "2026-06-12T18:00+01:00").replace(
            "2026-06-12T20:00+02:00", "2026-06-12 20:00"
        ),
    )
    found = problems(tiny_sources)
    assert len(found) == 2
    assert found[0].endswith("start : décalage +01:00 incorrect pour Europe/Paris à cette date : écrivez +02:00")
    assert "end : « 2026-06-12 20:00 » n'indique pas de fuseau horaire" in found[1]


def test_missing_attachment_suggests_the_file_next_to_it(tiny_sources):
    rel = "content/publications/2026-note-exemple.md"
    tiny_sources.write(
        rel,
        PUBLICATION.replace(
            "countries: [CO]",
            "countries: [CO]\nattachments:\n  - file: content/publications/fichiers/2025-note-position-colombi.pdf",
        ),
    )
    [message] = problems(tiny_sources)
    assert message.endswith(
        "introuvable dans le dépôt — vouliez-vous dire « content/publications/fichiers/"
        "2025-note-position-colombie.pdf » ? Sinon, pour l'ajouter, ouvrez le dossier "
        "content/publications/fichiers sur GitHub, Add file → Upload files, déposez le fichier sous "
        "le nom « 2025-note-position-colombi.pdf » sur la même branche que votre modification"
    )


def test_attachment_path_must_be_written_in_full(tiny_sources):
    rel = "content/publications/2026-note-exemple.md"
    tiny_sources.write(
        rel, PUBLICATION.replace("countries: [CO]", "countries: [CO]\nattachments:\n  - file: fichiers/note.pdf")
    )
    [message] = problems(tiny_sources)
    assert message.endswith(
        "attachments[1].file : écrivez le chemin complet depuis la racine du dépôt, par exemple "
        "« content/publications/fichiers/note.pdf » (reçu : « fichiers/note.pdf »)"
    )
