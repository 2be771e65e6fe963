"""Issue « agenda » : the upcoming/past split on a fixed day, event pages, calendars parsed by two parsers."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
import vobject

from conftest import ROOT, TINY_EPOCH, soup
from pdh.content.i18n import load_lang
from pdh.content.model import Event
from pdh.content.yamlsafe import parse_yaml
from pdh.plan.agenda import split, when
from pdh.plan.catalog import load_catalog

TODAY = "1767225600"  # 2026-01-01T00:00:00Z, given to the build as SOURCE_DATE_EPOCH


def raw_events(root: Path = ROOT) -> list[dict]:
    doc, problems = parse_yaml((root / "data" / "events.yaml").read_text(encoding="utf-8"), "events")
    assert problems == []
    return doc.data


def parse_both(data: bytes) -> tuple[icalendar.Calendar, list]:
    """The calendar as icalendar and as vobject read it; both must accept it."""
    calendar = icalendar.Calendar.from_ical(data)
    parsed = list(vobject.readComponents(data.decode("utf-8"), validate=True))
    assert len(parsed) == 1
    return calendar, parsed[0]


def event(**fields) -> Event:
    base = {"id": "x", "title": "T", "type": "conference", "start": "2026-07-01", "place": {"city": "Paris"}}
    return Event.model_validate({**base, **fields})


def test_split_with_a_fixed_today():
    now = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    events = (
        event(id="hier", start="2026-06-30"),
        event(id="aujourdhui", start="2026-07-01"),  # all day: until midnight in Paris
        event(id="ce-matin", start="2026-07-01T08:00+02:00", end="2026-07-01T10:00+02:00"),
        event(id="en-cours", start="2026-06-29", end="2026-07-03"),
        event(id="demain", start="2026-07-02T18:00+02:00"),
        event(id="annule", start="2026-07-05", status="cancelled"),
        event(id="l-an-dernier", start="2025-03-01"),
    )
    parts = split(events, now)
    assert [e.id for e in parts.upcoming] == ["en-cours", "aujourdhui", "demain", "annule"]
    assert {year: [e.id for e in items] for year, items in parts.past_by_year.items()} == {
        2026: ["ce-matin", "hier"],
        2025: ["l-an-dernier"],
    }


@pytest.fixture
def site_on_fixed_day(tiny_site) -> Path:
    """The tiny site built on 2026-01-01 (its events lie on both sides of that day)."""
    assert TODAY == TINY_EPOCH
    return tiny_site


def events_of(site: Path) -> list[dict]:
    """The events of the data a built site was built from."""
    return raw_events(site.parent)


def event_end(raw: dict) -> datetime:
    from pdh.plan.agenda import ends_at

    return ends_at(Event.model_validate(raw))


def test_agenda_page_splits_upcoming_and_past_on_the_build_day(site_on_fixed_day):
    now = datetime.fromtimestamp(int(TODAY), tz=UTC)
    raws = events_of(site_on_fixed_day)
    upcoming = [e["id"] for e in raws if event_end(e) > now]
    past = [e for e in raws if event_end(e) <= now]
    assert upcoming and past  # the data has both sides of 2026-01-01
    page = soup(site_on_fixed_day / "agenda" / "index.html")
    shown = [a["href"].rstrip("/") for a in page.select("#pdh-agenda .pdh-event__title a")]
    assert sorted(shown) == sorted(upcoming)
    starts = [Event.model_validate(next(e for e in raws if e["id"] == i)).start for i in shown]
    assert starts == sorted(
        starts,
        key=lambda d: (d if isinstance(d, datetime) else datetime.combine(d, datetime.min.time(), UTC)).timestamp(),
    )
    for raw in past:
        year = raw["start"][:4]
        archive = soup(site_on_fixed_day / "agenda" / "archives" / year / "index.html")
        assert archive.find("a", href=f"../../{raw['id']}/")
        assert page.find("a", href=f"archives/{year}/")


def test_cancelled_event_stays_listed_and_marked(built_site):
    cancelled = [e for e in raw_events() if e.get("status") == "cancelled"]
    assert cancelled
    for raw in cancelled:
        page = soup(built_site / "agenda" / raw["id"] / "index.html")
        assert page.select_one(".pdh-alert--cancelled").get_text(strip=True) == "Événement annulé."
        facet = soup(built_site / "agenda" / "type" / raw["type"] / "index.html")
        item = facet.find("a", href=f"../../{raw['id']}/").find_parent("li")
        assert (
            "pdh-event--cancelled" in item["class"] and item.select_one(".pdh-status--cancelled").get_text() == "Annulé"
        )
        data = json.loads(page.select_one('script[type="application/ld+json"]').string)
        assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_every_link_to_a_cancelled_event_says_so(built_site):
    """Wherever a cancelled event is listed (agenda, home, member, publication, action, working group, in
    both languages), the list item that links to it says « Annulé » / « Cancelled » (issue #15)."""
    from urllib.parse import urljoin

    cancelled = {e["id"] for e in raw_events() if e.get("status") == "cancelled"}
    assert cancelled
    targets = {f"/agenda/{i}/": "Annulé" for i in cancelled} | {f"/en/events/{i}/": "Cancelled" for i in cancelled}
    kinds = set()
    for path in sorted(built_site.rglob("index.html")):
        url = "/" + path.parent.relative_to(built_site).as_posix().strip(".") + "/"
        url = url.replace("//", "/")
        if url in targets:
            continue  # the event's own page says it in its alert
        page = soup(path)
        for link in page.select("article a[href]"):
            target = urljoin(url, link["href"])
            if target in targets:
                item = link.find_parent("li")
                assert item is not None and targets[target] in item.get_text(), (url, target)
                kinds.add("/".join(url.split("/")[1:3]) if url.startswith("/en/") else url.split("/")[1])
    assert {"agenda", "membres", "publications", "plaidoyer", "en/events", "en/members"} <= kinds, kinds


def test_event_page_shows_french_dates_organisers_and_calendar_link(built_site):
    raw = next(e for e in raw_events() if e["id"] == "webinaire-exemple-guide-plaidoyer-2027")
    page = soup(built_site / "agenda" / raw["id"] / "index.html")
    facts = {dt.get_text(): dt.find_next_sibling("dd") for dt in page.select("dl.pdh-facts dt")}
    assert facts["Date"].get_text() == "jeudi 11 février 2027, de 18 h 00 à 19 h 30 (heure de Paris)"
    organisers = [a["href"] for a in facts["Organisé par"].find_all("a")]
    assert organisers == [f"../../membres/{m}/" for m in raw["organisers"]]
    ics_link = page.find("a", string=lambda s: s and "Ajouter à mon agenda" in s) or page.find(
        "a", href=f"../{raw['id']}.ics"
    )
    assert ics_link["href"] == f"../{raw['id']}.ics"
    assert (built_site / "agenda" / f"{raw['id']}.ics").is_file()
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Event" and data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["startDate"] == "2027-02-11T18:00:00+01:00"


def test_registration_call_shows_until_the_deadline(tiny, monkeypatch):
    tiny.append(
        "data/events.yaml",
        """
- id: inscription-exemple
  title: Inscription d'exemple
  type: formation
  start: 2026-03-10T09:00+01:00
  end: 2026-03-10T17:00+01:00
  place: {city: Paris}
  registration:
    url: https://exemple.org/inscription
    deadline: 2026-03-01T23:59+01:00
""",
    )
    for epoch, expected in (("1772000000", True), ("1772500000", False)):  # 2026-02-25, 2026-03-03
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        site = tiny.build()
        cta = soup(site / "agenda" / "inscription-exemple" / "index.html").select_one(".pdh-cta a")
        assert (cta is not None) == expected
        if expected:
            assert cta["href"] == "https://exemple.org/inscription"
            assert "1er mars 2026 à 23 h 59" in cta.parent.get_text()


def test_members_only_event_shows_title_and_date_only(built_site):
    raw = next(e for e in raw_events() if e.get("audience") == "members")
    page = soup(built_site / "agenda" / raw["id"] / "index.html").select_one("article").get_text(" ")
    for secret in (raw["place"]["venue"], raw["place"]["address"], raw["description"].split(".")[1].strip()):
        assert secret not in page
    assert "Réservé aux membres" in page
    calendar = icalendar.Calendar.from_ical((built_site / "calendriers" / "agenda.ics").read_bytes())
    [component] = [c for c in calendar.walk("VEVENT") if str(c["UID"]).startswith(raw["id"] + "@")]
    assert sorted(component) == [
        "CLASS",
        "DESCRIPTION",
        "DTEND",
        "DTSTAMP",
        "DTSTART",
        "SEQUENCE",
        "STATUS",
        "SUMMARY",
        "UID",
    ]
    assert str(component["DESCRIPTION"]) == "Événement réservé aux membres de la Plateforme."
    assert str(component["SUMMARY"]) == raw["title"]


def test_every_calendar_parses_in_two_parsers_with_stable_uids(built_site, tmp_path_factory):
    files = sorted(built_site.rglob("*.ics"))
    raws = {e["id"]: e for e in raw_events()}
    assert len(files) >= len(raws) + 1
    uids = {}
    for path in files:
        calendar, other = parse_both(path.read_bytes())
        for component in calendar.walk("VEVENT"):
            uid = str(component["UID"])
            event_id = uid.split("@")[0].removesuffix(".en")  # the English calendars' own UIDs
            english = path.relative_to(built_site).parts[0] == "en"
            assert uid == f"{event_id}{'.en' if english else ''}@plateforme-droits-homme.example.org"
            uids.setdefault(uid, set()).add(path.name)
            raw = raws[event_id]
            assert int(component["SEQUENCE"]) == int(raw.get("sequence", 0))
            if raw.get("status") == "cancelled":
                assert str(component["STATUS"]) == "CANCELLED"
        assert len(other.contents.get("vevent", [])) == len(list(calendar.walk("VEVENT")))
    assert set(u.split("@")[0].removesuffix(".en") for u in uids) == set(raws)


ROUND_TRIP_EVENTS = """
- id: ete-exemple
  title: Été
  type: webinaire
  start: 2026-07-01T18:00+02:00
  end: 2026-07-01T19:00+02:00
  online_url: https://exemple.org/ete
- id: hiver-exemple
  title: Hiver
  type: webinaire
  start: 2026-12-01T18:00+01:00
  online_url: https://exemple.org/hiver
- id: plusieurs-jours-exemple
  title: Plusieurs jours
  type: formation
  start: "2026-09-10"
  end: "2026-09-12"
  place: {city: Lyon}
"""
HOSTILE_EVENT = """
- id: piege-exemple
  title: 'Titre ; avec, virgules \\ et END:VEVENT (exemple)'
  type: atelier
  start: "2026-10-01"
  place: {city: Paris}
  description: |
    Ligne 1, avec ; ponctuation
    END:VEVENT
    BEGIN:VEVENT
    UID:pirate@exemple.org
    SUMMARY:Faux événement
"""


@pytest.fixture(scope="module")
def new_events_site(tmp_path_factory) -> Path:
    """The tiny site with the events above added: times to carry through calendars, a description to break them."""
    from conftest import tiny_project

    repo = tiny_project(tmp_path_factory.mktemp("new-events"))
    repo.append("data/events.yaml", ROUND_TRIP_EVENTS + HOSTILE_EVENT)
    return repo.build()


def test_times_survive_the_round_trip(new_events_site):
    site = new_events_site
    expected = {
        "ete-exemple": (datetime(2026, 7, 1, 16, 0, tzinfo=UTC), datetime(2026, 7, 1, 17, 0, tzinfo=UTC)),
        "hiver-exemple": (datetime(2026, 12, 1, 17, 0, tzinfo=UTC), None),
        "plusieurs-jours-exemple": (date(2026, 9, 10), date(2026, 9, 13)),
    }
    for event_id, (start, end) in expected.items():
        calendar, other = parse_both((site / "agenda" / f"{event_id}.ics").read_bytes())
        [component] = list(calendar.walk("VEVENT"))
        got_start = component.decoded("DTSTART")
        assert (got_start.astimezone(UTC) if isinstance(got_start, datetime) else got_start) == start
        if end is None:
            assert "DTEND" not in component
        else:
            got_end = component.decoded("DTEND")
            assert (got_end.astimezone(UTC) if isinstance(got_end, datetime) else got_end) == end
        vstart = other.vevent.dtstart.value
        assert (vstart.astimezone(UTC) if isinstance(vstart, datetime) else vstart) == start


def test_hostile_descriptions_cannot_break_calendars(new_events_site):
    site = new_events_site
    for path in (site / "agenda" / "piege-exemple.ics", site / "calendriers" / "agenda.ics"):
        calendar, other = parse_both(path.read_bytes())
        events = list(calendar.walk("VEVENT"))
        assert "pirate@exemple.org" not in [str(e["UID"]) for e in events]
        mine = next(e for e in events if str(e["UID"]).startswith("piege-exemple@"))
        assert str(mine["SUMMARY"]) == "Titre ; avec, virgules \\ et END:VEVENT (exemple)"
        assert "BEGIN:VEVENT\nUID:pirate@exemple.org" in str(mine["DESCRIPTION"])
    assert len(
        list(icalendar.Calendar.from_ical((site / "calendriers" / "agenda.ics").read_bytes()).walk("VEVENT"))
    ) == len(events_of(site))  # the hostile one included


def test_uids_do_not_change_between_builds(tiny_site, tiny, monkeypatch):
    first = tiny_site  # built on 2026-01-01
    uids_first = sorted(
        str(e["UID"])
        for e in icalendar.Calendar.from_ical((first / "calendriers" / "agenda.ics").read_bytes()).walk("VEVENT")
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1777225600")
    tiny.replace("data/events.yaml", "Conférence sur la protection", "Conférence modifiée sur la protection")
    second = tiny.build()
    uids_second = sorted(
        str(e["UID"])
        for e in icalendar.Calendar.from_ical((second / "calendriers" / "agenda.ics").read_bytes()).walk("VEVENT")
    )
    assert len(uids_first) == len(raw_events(tiny.root)) and uids_first == uids_second


def test_home_page_shows_the_next_events(site_on_fixed_day):
    """The three next events that will take place (tests/test_home.py adds a cancelled one)."""
    now = datetime.fromtimestamp(int(TODAY), tz=UTC)
    catalog = load_catalog(site_on_fixed_day.parent)
    upcoming = split(catalog.events, now).upcoming
    expected = [e.id for e in upcoming if e.status != "cancelled"][:3]
    assert expected
    home = soup(site_on_fixed_day / "index.html")
    assert [
        a["href"].rstrip("/").rsplit("/", 1)[-1] for a in home.select(".pdh-events--home .pdh-event__title a")
    ] == expected
    first = catalog.events[[e.id for e in catalog.events].index(expected[0])]
    assert home.select_one(".pdh-events--home .pdh-event__date").get_text() == when(first, load_lang("fr"))


def test_agenda_filters_in_chromium(site_on_fixed_day, page):
    """Instant filtering of the upcoming events, as in the library: visible items and the URL."""
    from playwright.sync_api import expect

    from conftest import serve

    now = datetime.fromtimestamp(int(TODAY), tz=UTC)
    upcoming = [e for e in events_of(site_on_fixed_day) if event_end(e) > now]
    kind = "formation"
    expected = sorted(e["id"] for e in upcoming if e["type"] == kind)
    assert 0 < len(expected) < len(upcoming)
    with serve(site_on_fixed_day) as base:
        page.goto(base + "agenda/")
        page.select_option("#agenda-type", kind)
        expect(page).to_have_url(base + f"agenda/?type={kind}")
        visible = page.locator("#pdh-agenda > li:visible .pdh-event__title a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        assert sorted(h.rstrip("/") for h in visible) == expected
        n = len(expected)
        expect(page.locator("#pdh-agenda-count")).to_have_text(
            f"{n} événement{'s' if n > 1 else ''} affiché{'s' if n > 1 else ''}"
        )
