"""Issue #15, « found with another coalition's data »: the tiny site with the entries that tripped it up, built once."""

from __future__ import annotations

import io
from pathlib import Path

import feedparser
import pytest
from PIL import Image
from playwright.sync_api import expect

from conftest import TINY_EPOCH, serve, soup, tiny_project
from pdh.content.i18n import load_lang
from pdh.plan.logos import initials

LONG_NAME = (
    "Coordination exemple des organisations de la société civile pour la défense des droits humains, "
    "de la paix et de la mémoire en Colombie (exemple)"
)
assert len(LONG_NAME) >= 140
EVENTS = """
- id: annule-bientot-exemple
  title: Réunion annulée (exemple)
  type: rencontre-institutionnelle
  start: 2026-01-05T10:00+01:00
  timezone: Europe/Paris
  audience: public
  status: cancelled
  announced: "2025-12-01"
  online_url: https://exemple.org/reunion
  description: Une réunion d'exemple, annulée.
- id: sans-description-exemple
  title: Conférence sans description (exemple)
  type: conference
  start: 2026-02-03T18:00+01:00
  end: 2026-02-03T20:00+01:00
  timezone: Europe/Paris
  audience: public
  announced: "2025-12-15"
  place: {venue: Salle d'exemple, city: Lyon, country: FR}
- id: bogota-exemple
  title: Atelier à Bogota (exemple)
  type: atelier
  start: 2026-03-12T10:00-05:00
  end: 2026-03-12T12:00-05:00
  timezone: America/Bogota
  audience: public
  announced: "2025-12-20"
  place: {venue: Casa de ejemplo, city: Bogota, country: CO}
  description: Un atelier d'exemple à Bogota.
- id: non-annonce-exemple
  title: Webinaire jamais annoncé (exemple)
  type: webinaire
  start: 2026-06-10T14:00+02:00
  timezone: Europe/Paris
  audience: public
  online_url: https://exemple.org/webinaire
  description: Un webinaire d'exemple sans date d'annonce.
"""
MEMBER = f"""
- id: coordination-exemple-longue
  name: {LONG_NAME}
  acronym: DAO-COLOMBIA
  status: member
  city: Bogota
  description: Une organisation d'exemple au nom très long.
  themes: [droits-des-femmes]
  countries: [CO]
"""
NOTES = """---
title: Note avec des notes de bas de page (exemple)
date: 2025-12-10
type: note-de-position
authors: [agir-ensemble]
languages: [fr]
summary: Une publication d'exemple dont le texte a des notes.
---

Le texte cite une source[^1] et une autre[^deux].

[^1]: Première note, avec un [lien](https://exemple.org/source).
[^deux]: Seconde note <sup id="pdh-search-input">piégée</sup>.
"""


@pytest.fixture(scope="module")
def other_site(tmp_path_factory) -> Path:
    repo = tiny_project(tmp_path_factory.mktemp("other"))
    repo.append("data/events.yaml", EVENTS)
    repo.append("data/members.yaml", MEMBER)
    repo.write("content/publications/2025-note-exemple-notes.md", NOTES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", TINY_EPOCH)
        patch.delenv("SITE_URL", raising=False)
        return repo.build()


def meta(page, name: str) -> str:
    tag = page.find("meta", attrs={"name": name}) or page.find("meta", attrs={"property": name})
    return tag["content"] if tag else ""


def test_a_cancelled_event_takes_no_home_slot(other_site):
    home = soup(other_site / "index.html")
    shown = [a["href"] for a in home.select(".pdh-events--home .pdh-event__title a")]
    assert len(shown) == 3 and not any("annule-bientot" in href for href in shown)
    agenda = soup(other_site / "agenda" / "index.html")
    item = next(li for li in agenda.select("li.pdh-event") if li.select_one("a[href*='annule-bientot']"))
    assert "Annulé" in item.get_text()


def test_a_public_event_without_description_is_described_by_its_facts(other_site):
    page = soup(other_site / "agenda" / "sans-description-exemple" / "index.html")
    for text in (meta(page, "description"), meta(page, "og:description")):
        assert "réservé aux membres" not in text
        assert text.startswith(
            "Conférence — mardi 3 février 2026, de 18 h 00 à 20 h 00 (heure de Paris) — Salle d'exemple, Lyon"
        )


def test_an_event_elsewhere_gives_its_local_time_and_paris_time(other_site):
    page = soup(other_site / "agenda" / "bogota-exemple" / "index.html")
    when = page.select_one(".pdh-facts time").get_text()
    assert when == "jeudi 12 mars 2026, de 10 h 00 à 12 h 00 (heure de Bogota ; de 16 h 00 à 18 h 00, heure de Paris)"
    english = (
        soup(other_site / "en" / "events" / "bogota-exemple" / "index.html").select_one(".pdh-facts time").get_text()
    )
    assert english.endswith("from 10:00 to 12:00 (Bogota time; from 16:00 to 18:00, Paris time)"), english


def test_an_event_elsewhere_crossing_midnight_in_paris_names_the_paris_day():
    from pdh.content.model import Event
    from pdh.plan.agenda import when

    def event(start: str, end: str | None = None) -> Event:
        return Event.model_validate(
            {
                "id": "soir-exemple",
                "title": "Soirée (exemple)",
                "type": "conference",
                "start": start,
                **({"end": end} if end else {}),
                "timezone": "America/Bogota",
                "audience": "public",
                "online_url": "https://exemple.org/x",
                "description": "x",
            }
        )

    french, english = load_lang("fr"), load_lang("en")
    assert (
        when(event("2026-03-12T15:00-05:00"), french)
        == "jeudi 12 mars 2026 à 15 h 00 (heure de Bogota ; à 21 h 00, heure de Paris)"
    )
    assert (
        when(event("2026-03-12T23:00-05:00"), french)
        == "jeudi 12 mars 2026 à 23 h 00 (heure de Bogota ; vendredi 13 mars 2026 à 5 h 00, heure de Paris)"
    )
    assert when(event("2026-03-12T17:00-05:00", "2026-03-12T19:30-05:00"), french) == (
        "jeudi 12 mars 2026, de 17 h 00 à 19 h 30 (heure de Bogota ; du jeudi 12 mars 2026 à 23 h 00 "
        "au vendredi 13 mars 2026 à 1 h 30, heure de Paris)"
    )
    assert (
        when(event("2026-03-12T15:00-05:00"), english)
        == "Thursday 12 March 2026 at 15:00 (Bogota time; at 21:00, Paris time)"
    )


def test_an_unannounced_event_is_not_news_from_the_future(other_site):
    """Without `announced`, an event to come is dated the build's day in the feeds, never its future start."""
    for path in (other_site / "flux" / "agenda.xml", other_site / "flux" / "tout.xml"):
        feed = feedparser.parse(path.read_bytes())
        entry = next(e for e in feed.entries if "non-annonce-exemple" in e.link)
        assert entry.published == "Thu, 01 Jan 2026 00:00:00 +0100", path.name  # TINY_EPOCH's day in Paris, not 10 June


@pytest.mark.parametrize(
    ("name", "acronym", "expected"),
    [
        ("Rubaiyat Association (exemple)", "RUBAIYAT", "R"),
        ("Organisation (exemple)", "DAO-COLOMBIA", "DAO"),
        ("Organisation (exemple)", "FIDH", "FIDH"),
        ("Organisation (exemple)", "ABCDEF", "ABCDEF"),
        ("Écoute (exemple)", None, "É"),
        ("Organisation (exemple)", "A/B C", "A/B C"),
    ],
)
def test_the_logo_placeholder_never_cuts_an_acronym(name, acronym, expected):
    assert initials(name, acronym) == expected


def test_the_logo_placeholder_shows_the_first_part_of_a_long_acronym(other_site):
    card = next(
        li
        for li in soup(other_site / "membres" / "index.html").select("li.pdh-card")
        if "coordination-exemple-longue" in li.select_one("a")["href"]
    )
    assert card.select_one(".pdh-logo--placeholder").get_text() == "DAO"


def test_a_long_member_name_does_not_widen_the_filters(other_site, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    with serve(other_site) as base:
        page.goto(base + "publications/")
        select = page.locator("#facette-membre")
        expect(select).to_be_visible()
        assert select.bounding_box()["width"] <= 440
        page.set_viewport_size({"width": 320, "height": 800})
        expect(page.locator("details.pdh-filters__panel")).to_be_attached()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_footnotes_in_a_publication_become_notes(other_site):
    page = soup(other_site / "publications" / "2025-note-exemple-notes" / "index.html")
    body = page.select_one(".pdh-body")
    assert "[^" not in body.get_text()
    refs = [a["href"] for a in body.select("sup a.footnote-ref")]
    assert refs == ["#fn:1", "#fn:deux"]
    notes = [li["id"] for li in body.select("div.footnote li")]
    assert notes == ["fn:1", "fn:deux"]
    assert [a["href"] for a in body.select("a.footnote-backref")] == ["#fnref:1", "#fnref:deux"]
    assert len(page.select("#pdh-search-input")) == 1  # the contributed id was dropped, the header's stays
    assert "piégée" in body.get_text()


def test_every_entry_has_its_social_card(other_site):
    """An OpenGraph image per publication, event and member: a 1200×630 PNG, shared by the page's translations."""
    pages = [
        *other_site.glob("publications/*/index.html"),
        *other_site.glob("agenda/*/index.html"),
        *other_site.glob("membres/*/index.html"),
    ]
    checked = 0
    for path in pages:
        page = soup(path)
        if not page.select_one("[data-pagefind-body]"):
            continue  # a listing
        image = meta(page, "og:image")
        assert image.startswith("https://plateforme-droits-homme.example.org/assets/cartes/"), path
        card = other_site / image.removeprefix("https://plateforme-droits-homme.example.org/")
        with Image.open(io.BytesIO(card.read_bytes())) as picture:
            assert picture.format == "PNG" and picture.size == (1200, 630)
        assert meta(page, "twitter:card") == "summary_large_image"
        assert meta(page, "og:image:alt") == meta(page, "og:title")
        checked += 1
    assert checked >= 10
    french = meta(soup(other_site / "publications" / "2025-note-exemple-notes" / "index.html"), "og:image")
    english = meta(soup(other_site / "en" / "publications" / "2025-note-exemple-notes" / "index.html"), "og:image")
    assert french == english
