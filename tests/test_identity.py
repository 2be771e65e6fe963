"""The coalition's identity comes from mkdocs.yml (extra.pdh.organisation): another coalition can adopt the site."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from conftest import copy_project, soup
from pdh.plan.catalog import check_problems

ORGANISATION = """    organisation:
      id: cel
      name: Coalition exemple pour les libertés
      short_name: CEL
      founded: "2020-03"
      called:
        fr: {full: la Coalition exemple pour les libertés, short: la Coalition}
        en: {full: the Coalition exemple pour les libertés, short: the Coalition}
      email: contact@coalition.example.net
      press_kit:
        - file: kit/dossier-cel.pdf
          title: {fr: Dossier de presse de la Coalition, en: The Coalition's press kit}
          lang: fr
      about:
        fr: La Coalition exemple pour les libertés rassemble des associations (exemple).
        en: The Coalition exemple pour les libertés brings associations together (example).
    menu:
      en: {La Coalition: The Coalition}
"""
OLD = re.compile(r"Plateforme|PDH|\bpdh\b(?![-.])")


def adopt(root: Path) -> None:
    """What a second coalition edits: mkdocs.yml, data/ and content/ — nothing else."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("    organisation:")
    end = config.index("\nplugins:")
    config = config[:start] + ORGANISATION + config[end:]
    config = config.replace("site_name: Plateforme droits de l'homme", "site_name: Coalition exemple pour les libertés")
    config = config.replace(
        "tag_authority: plateforme-droits-homme.example.org", "tag_authority: coalition.example.net"
    )
    config = config.replace("  - La Plateforme:", "  - La Coalition:").replace("Plateforme", "Coalition")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for path in [*(root / "data").glob("*.yaml"), *(root / "content").rglob("*.md")]:
        text = path.read_text(encoding="utf-8").replace("authors: [pdh", "authors: [cel")
        text = text.replace("Plateforme droits de l'homme", "Coalition exemple pour les libertés")
        text = text.replace("Plateforme", "Coalition").replace("PDH", "CEL")
        path.write_text(text, encoding="utf-8")
    (
        root / "data" / "press-contacts.yaml"
    ).unlink()  # its contacts are the first coalition's: the press room falls back on `email`
    (root / "content" / "kit").mkdir()
    shutil.move(
        root / "content" / "presse" / "presentation-plateforme-droits-homme.pdf",
        root / "content" / "kit" / "dossier-cel.pdf",
    )
    (root / "content" / "presse" / "logo-provisoire-pdh.svg").unlink()


@pytest.fixture(scope="module")
def adopted(tmp_path_factory) -> Path:
    repo = copy_project(tmp_path_factory.mktemp("adopted"))
    adopt(repo.root)
    repo.replace(
        "data/indicators.yaml",
        '- id: plaidoyer\n  baseline: "2021-12-31"\n  target: 2',
        '- id: plaidoyer\n  baseline: "2021-12-31"\n  target: 3',
    )  # its own target
    return repo.build()


def test_no_mention_of_the_first_coalition_is_left(adopted):
    """Pages, feeds, calendars, JSON-LD, citations: the old name, short name and id appear nowhere.

    (The attached PDFs, which the coalition did not rewrite, are left out: their text is theirs.)
    """
    left = []
    files = [
        p
        for p in adopted.rglob("*")
        if p.suffix in (".html", ".xml", ".atom", ".json", ".ics")
        and "pagefind" not in p.parts
        and "assets" not in p.parts
    ]
    assert len(files) > 300
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            page = BeautifulSoup(text, "html.parser")
            for fulltext in page.select(".pdh-fulltext"):
                fulltext.decompose()
            text = str(page)
        for match in OLD.finditer(text):
            left.append(f"{path.relative_to(adopted)}: …{text[max(0, match.start() - 40) : match.end() + 20]}…")
    assert left == []


def test_every_mention_comes_from_the_configuration(adopted):
    feed = feedparser.parse((adopted / "flux" / "tout.xml").read_bytes())
    assert feed.feed.title == "Coalition exemple pour les libertés — toutes les actualités"
    assert all(",2020:" in entry.id and entry.id.startswith("tag:coalition.example.net") for entry in feed.entries)
    english = feedparser.parse((adopted / "en" / "feeds" / "all.xml").read_bytes())
    assert english.feed.title == "Coalition exemple pour les libertés — all news"
    calendar = icalendar.Calendar.from_ical((adopted / "calendriers" / "agenda.ics").read_bytes())
    assert str(calendar["PRODID"]) == "-//Coalition exemple pour les libertés//Site//FR"
    private = [c for c in calendar.walk("VEVENT") if c.get("CLASS") == "PRIVATE"]
    assert private and str(private[0]["DESCRIPTION"]) == "Événement réservé aux membres de la Coalition."
    publication = soup(adopted / "publications" / "2025-note-position-colombie" / "index.html")
    ld = json.loads(publication.select_one('script[type="application/ld+json"]').string)
    assert (
        ld["publisher"]["name"] == "Coalition exemple pour les libertés"
        and ld["publisher"]["foundingDate"] == "2020-03"
    )
    assert (
        publication.select_one("#citation-bibtex pre")
        .get_text()
        .startswith("@techreport{cel-2025-note-position-colombie,")
    )
    assert "Coalition exemple pour les libertés" in publication.select_one("#citation-fr pre").get_text()
    press = soup(adopted / "presse" / "index.html")
    assert press.select_one('a[href^="mailto:"]')["href"] == "mailto:contact@coalition.example.net"
    assert [a.get_text() for a in press.select("a[download]")] == ["Dossier de presse de la Coalition"]
    assert "rassemble des associations (exemple)" in press.get_text()
    assert "vise 3 actions de plaidoyer coordonnées par an" in soup(adopted / "plaidoyer" / "index.html").get_text()
    members = soup(adopted / "en" / "members" / "index.html")
    assert members.select(".md-tabs__link")[1].get_text(strip=True) == "The Coalition"
    assert members.select_one("meta[name=description]")["content"].startswith(
        "Directory of the Coalition exemple pour les libertés ("
    )


def messages(root: Path) -> list[str]:
    return [str(p) for p in check_problems(root).sorted()]


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            "      short_name: PDH\n",
            "mkdocs.yml:{line} — extra.pdh.organisation.short_name : réglage obligatoire manquant",
        ),
        (
            '      founded: "2017-09"',
            "mkdocs.yml:{line} — extra.pdh.organisation.founded : « 2017-13 » invalide : attendu une "
            'année ou un mois entre guillemets, ex. "2017-09"',
        ),
        (
            "      email: secretariat@exemple.org",
            "mkdocs.yml:{line} — extra.pdh.organisation.mail : réglage inconnu (réglages "
            "possibles : id, name, short_name, founded, called, email, press_kit, about, logo_rules)",
        ),
    ],
)
def test_a_wrong_identity_is_a_located_french_error(repo, change, expected):
    replacement = {
        "      short_name: PDH\n": "",
        '      founded: "2017-09"': '      founded: "2017-13"',
        "      email: secretariat@exemple.org": "      mail: secretariat@exemple.org",
    }[change]
    line = (
        repo.line_of("mkdocs.yml", change.strip("\n").strip())
        if replacement
        else repo.line_of("mkdocs.yml", "organisation:")
    )
    repo.replace("mkdocs.yml", change, replacement)
    assert messages(repo.root) == [expected.format(line=line)]


def test_the_old_advocacy_target_setting_says_where_it_moved(repo):
    repo.replace(
        "mkdocs.yml",
        "      email: secretariat@exemple.org",
        "      email: secretariat@exemple.org\n      advocacy_actions_per_year: 2",
    )
    line = repo.line_of("mkdocs.yml", "advocacy_actions_per_year")
    assert messages(repo.root) == [
        f"mkdocs.yml:{line} — extra.pdh.organisation.advocacy_actions_per_year : réglage déplacé : l'objectif "
        "d'actions de plaidoyer se règle désormais dans data/indicators.yaml (- id: plaidoyer, avec target: 2), avec "
        "les autres objectifs"
    ]


def test_a_missing_press_file_is_named_before_the_build(repo, caplog):
    (repo.root / "content" / "presse" / "logo-provisoire-pdh.svg").unlink()
    expected = (
        "mkdocs.yml — extra.pdh.organisation.press_kit, fichier 2 : fichier du dossier de presse introuvable : "
        "content/presse/logo-provisoire-pdh.svg ; rétablissez-le ou corrigez son chemin"
    )
    assert messages(repo.root) == [expected]
    with pytest.raises(Abort):
        repo.build()
    assert expected in caplog.text


def test_the_identity_block_is_required(repo):
    config = repo.read("mkdocs.yml")
    start, end = config.index("    organisation:"), config.index("\nplugins:")
    (repo.root / "mkdocs.yml").write_text(config[:start] + config[end:], encoding="utf-8")
    [message] = messages(repo.root)
    assert message.startswith(
        f"mkdocs.yml:{repo.line_of('mkdocs.yml', '  pdh:')} — extra.pdh.organisation : "
        "l'identité de la coalition manque"
    )
