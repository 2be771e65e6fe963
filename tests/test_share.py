"""Sharing without trackers and « add to my calendar » links (#16): every publication and event page, in
both editions, offers plain links whose parameters carry exactly the page's address and title, loads
nothing from another host, and gives web calendars what the event's .ics file gives."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import icalendar
import pytest

from conftest import TINY_EPOCH, serve, soup, tiny_project
from pdh.content.i18n import LANGUAGES, load_lang
from pdh.content.model import Event
from pdh.plan.agenda import ends_at
from pdh.plan.catalog import load_catalog
from pdh.plan.share import MAX_URL, calendar_links, share_links
from pdh.plan.urls import Paths, src_to_url

SITE_URL = "https://plateforme-droits-homme.example.org/"
SHARE_HOSTS = {"www.linkedin.com", "bsky.app", "www.facebook.com"}
CALENDAR_HOSTS = {"calendar.google.com", "outlook.live.com", "outlook.office.com"}
# What a link's address may hold once built: letters, digits, `-._~`, percent escapes and the query's own marks.
ADDRESS = re.compile(r"[A-Za-z0-9\-._~%:/?&=]+")
FRENCH = load_lang("fr").naming({"of_short": "de la Plateforme"})
PAGE = "https://pdh.example.org/agenda/x/"
HOSTILE = "Droits & libertés : « quoi ? » \"guillemets\" 'apostrophes' #1 a=b%20c+d"

SHARE_EVENTS = """
- id: bogota-exemple
  title: Audience publique à Bogota (exemple)
  type: conference
  start: 2026-03-12T10:00-05:00
  end: 2026-03-12T12:00-05:00
  timezone: America/Bogota
  place:
    venue: Maison d'exemple
    city: Bogotá
    country: CO
  online_url: https://exemple.org/audience-bogota
  organisers: [agir-ensemble]
  description: Une audience **publique** avec [les défenseures](https://exemple.org/defenseures).
- id: annulee-exemple
  title: Rencontre annulée (exemple)
  type: conference
  start: 2026-06-01T18:00+02:00
  place:
    city: Lyon
    country: FR
  organisers: [agir-ensemble]
  status: cancelled
- id: titre-hostile-exemple
  title: '{}'
  type: webinaire
  start: 2026-09-01T18:00+02:00
  end: 2026-09-01T19:00+02:00
  online_url: https://exemple.org/webinaire?a=1&b=2#direct
  organisers: [agir-ensemble]
  description: |
{}
""".format(
    HOSTILE.replace("'", "''"),
    "\n".join(
        "    Une phrase longue, avec des mots accentués « é », un lien https://exemple.org/?x=1&y=2 et # un dièse."
        for _ in range(40)
    ),
)


def event(**fields) -> Event:
    data = {
        "id": "x",
        "title": "Conférence",
        "type": "conference",
        "start": "2026-07-01T18:00+02:00",
        "end": "2026-07-01T20:00+02:00",
        "place": {"venue": "Salle", "city": "Paris", "country": "FR"},
    }
    return Event.model_validate({**data, **fields})


def query(href: str) -> dict[str, str]:
    """The parameters of a link, each once, read as a browser reads them (no fragment: nothing left out)."""
    assert ADDRESS.fullmatch(href), href
    parts = urlsplit(href)
    assert parts.fragment == ""
    pairs = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True)
    assert len({key for key, _ in pairs}) == len(pairs), href
    return dict(pairs)


def calendars(event_: Event, ended: bool = False) -> dict[str, dict[str, str]]:
    links = calendar_links(event_, url=PAGE, lang=FRENCH, ended=ended)
    assert links is not None
    return {"google": query(links.google), "outlook": query(links.outlook), "office": query(links.office)}


# Unit tests: the links as pdh.plan.share builds them.


def test_share_links_keep_a_hostile_title_inside_its_parameter():
    title = 'Titre "x" & <script>alert(1)</script> #frag ?q=1\nsuite%0A'
    one_line = 'Titre "x" & <script>alert(1)</script> #frag ?q=1 suite%0A'
    links = share_links(PAGE, title)
    assert links.email.startswith("mailto:?")
    assert query(links.email) == {"subject": one_line, "body": one_line + "\r\n" + PAGE}
    assert query(links.linkedin) == {"url": PAGE}
    assert query(links.bluesky) == {"text": one_line + " " + PAGE}
    assert query(links.facebook) == {"u": PAGE}
    assert [urlsplit(link).netloc for link in (links.linkedin, links.bluesky, links.facebook)] == [
        "www.linkedin.com",
        "bsky.app",
        "www.facebook.com",
    ]


def test_calendar_links_of_a_timed_event_in_another_zone():
    bogota = event(
        start="2026-03-12T10:00-05:00",
        end="2026-03-12T12:00-05:00",
        timezone="America/Bogota",
        place={"city": "Bogotá", "country": "CO"},
        description="Texte **gras** et [lien](https://x.org) à suivre.",
    )
    links = calendars(bogota)
    assert links["google"] == {
        "action": "TEMPLATE",
        "text": "Conférence",
        "dates": "20260312T150000Z/20260312T170000Z",
        "details": "Texte gras et lien à suivre.\n\n" + PAGE,
        "location": "Bogotá, Colombie",
        "ctz": "America/Bogota",
    }
    for name in ("outlook", "office"):
        assert links[name] == {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": "Conférence",
            "startdt": "2026-03-12T10:00:00-05:00",
            "enddt": "2026-03-12T12:00:00-05:00",
            "body": "Texte gras et lien à suivre.\n\n" + PAGE,
            "location": "Bogotá, Colombie",
            "allday": "false",
        }
    assert datetime.fromisoformat(links["outlook"]["startdt"]) == bogota.start


def test_calendar_links_of_an_all_day_event_end_the_day_after_its_last():
    links = calendars(event(start="2027-05-20", end="2027-05-21"))
    assert links["google"]["dates"] == "20270520/20270522"
    assert (links["outlook"]["startdt"], links["outlook"]["enddt"], links["outlook"]["allday"]) == (
        "2027-05-20",
        "2027-05-22",
        "true",
    )
    assert calendars(event(start="2027-05-20", end=None))["google"]["dates"] == "20270520/20270521"


def test_an_event_without_end_ends_when_it_starts_as_in_its_ics():
    links = calendars(event(end=None))
    assert links["google"]["dates"] == "20260701T160000Z/20260701T160000Z"
    assert links["outlook"]["enddt"] == links["outlook"]["startdt"] == "2026-07-01T18:00:00+02:00"


def test_members_only_event_gives_its_title_dates_and_note_only():
    links = calendars(
        event(audience="members", description="Ordre du jour confidentiel", online_url="https://exemple.org/secret")
    )
    assert links["google"] == {
        "action": "TEMPLATE",
        "text": "Conférence",
        "dates": "20260701T160000Z/20260701T180000Z",
        "details": "Événement réservé aux membres de la Plateforme.",
        "ctz": "Europe/Paris",
    }
    assert (
        "location" not in links["outlook"]
        and links["outlook"]["body"] == "Événement réservé aux membres de la Plateforme."
    )
    every_value = " ".join(value for params in links.values() for value in params.values())
    for secret in ("confidentiel", "secret", "Salle", PAGE):
        assert secret not in every_value


def test_no_calendar_links_once_ended_or_cancelled():
    assert calendar_links(event(), url=PAGE, lang=FRENCH, ended=True) is None
    assert calendar_links(event(status="cancelled"), url=PAGE, lang=FRENCH, ended=False) is None
    assert calendar_links(event(status="postponed"), url=PAGE, lang=FRENCH, ended=False) is not None


def test_links_stay_short_whatever_the_length_of_the_texts():
    long_description = event(description=" ".join(["réunion€"] * 900))
    google = query(calendar_links(long_description, url=PAGE, lang=FRENCH, ended=False).google)
    assert google["details"].startswith("réunion€ réunion€")
    assert google["details"].endswith("réunion€…\n\n" + PAGE)  # cut after a word, the page's address kept whole
    long_title = " ".join(["été"] * 75)[:300]
    everything = event(
        title=long_title,
        description=" ".join(["réunion€"] * 900),
        place={"venue": "é" * 200, "address": "à " * 140, "city": "Ville", "country": "FR"},
    )
    links = calendar_links(everything, url=PAGE, lang=FRENCH, ended=False)
    for href in (links.google, links.outlook, links.office):
        assert len(href) <= MAX_URL < 2000
        params = query(href)
        assert (params.get("details") or params["body"]).endswith(PAGE)  # the description goes first, the address stays
        assert (params.get("text") or params["subject"]).startswith("été été")
    shared = share_links(PAGE, long_title)
    assert all(len(href) <= MAX_URL for href in (shared.email, shared.bluesky))
    text = query(shared.bluesky)["text"]
    assert len(text) <= 300 and text.endswith("été… " + PAGE)


# The built sites: every page of the family, then the particular cases.


@pytest.fixture(scope="module")
def share_site(tmp_path_factory) -> Path:
    """The tiny site on its fixed day (2026-01-01) with an event abroad, a cancelled one and a hostile title."""
    repo = tiny_project(tmp_path_factory.mktemp("share"))
    repo.append("data/events.yaml", SHARE_EVENTS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", TINY_EPOCH)
        patch.delenv("SITE_URL", raising=False)
        return repo.build()


def family(site: Path) -> list[tuple[str, Path, str, Event | None]]:
    """(kind, file, address, event) of every publication and event page, in every edition."""
    catalog = load_catalog(site.parent)
    pages = []
    for code in LANGUAGES:
        paths = Paths(code)
        pages += [("publication", paths.publication(p.id), None) for p in catalog.publications]
        pages += [("event", paths.event(e.id), e) for e in catalog.events]
    assert len(pages) >= 2 * 6
    return [(kind, site / src_to_url(src) / "index.html", SITE_URL + src_to_url(src), e) for kind, src, e in pages]


def heading(page) -> str:
    return " ".join(page.select_one(".md-content h1").get_text().split())


@pytest.mark.parametrize("site_name", ["built_site", "share_site"])
def test_every_publication_and_event_page_can_be_shared(site_name, request):
    site = request.getfixturevalue(site_name)
    for _kind, path, address, _ in family(site):
        page = soup(path)
        assert page.find("link", rel="canonical")["href"] == address, path
        block = page.select_one("section.pdh-share")
        assert block and block.find_parent(attrs={"data-pagefind-ignore": True}), path
        button = block.select_one("button.pdh-copy")
        assert button["data-copy-text"] == address and button.has_attr("hidden") and button["data-copied"], path
        assert page.select_one("script[src$='assets/javascripts/pdh-copy.js']"), path
        title = heading(page)
        links = {urlsplit(a["href"]).netloc or urlsplit(a["href"]).scheme: a for a in block.select("a")}
        assert set(links) == {"mailto", *SHARE_HOSTS}, path
        assert query(links["mailto"]["href"]) == {"subject": title, "body": f"{title}\r\n{address}"}, path
        assert query(links["www.linkedin.com"]["href"]) == {"url": address}
        assert query(links["bsky.app"]["href"]) == {"text": f"{title} {address}"}, path
        assert query(links["www.facebook.com"]["href"]) == {"u": address}
        for host in SHARE_HOSTS:
            assert links[host]["href"].startswith(f"https://{host}/") and links[host]["rel"] == [
                "noopener",
                "noreferrer",
            ]


_LOADING = {"src", "srcset", "href", "data", "poster", "action", "formaction", "background", "imagesrcset"}


@pytest.mark.parametrize("site_name", ["built_site", "share_site"])
def test_shared_pages_load_nothing_from_another_host(site_name, request):
    """No script, style, image, frame or preload from elsewhere: only the <a> links leave, when clicked."""
    site = request.getfixturevalue(site_name)
    own = urlsplit(SITE_URL).netloc
    for _, path, _, _ in family(site):
        page = soup(path)
        for element in page.find_all(True):
            if element.name == "a":
                host = urlsplit(element.get("href", "")).netloc
                if host in SHARE_HOSTS | CALENDAR_HOSTS:
                    assert element.find_parent(class_=["pdh-share", "pdh-addto"]), (path, element)
                    assert element["rel"] == ["noopener", "noreferrer"], (path, element)
                continue
            for name in _LOADING & set(element.attrs):
                for candidate in re.split(r",\s*", element[name]) if "srcset" in name else [element[name]]:
                    target = urlsplit(candidate.strip().split(" ")[0])
                    assert target.netloc in ("", own) and target.scheme in ("", "https", "data"), (
                        path,
                        element.name,
                        name,
                    )
            assert "url(" not in element.get("style", ""), (path, element)
        for style in page.find_all("style"):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", style.get_text()), path


def web_calendar_links(page) -> dict[str, dict[str, str]]:
    return {
        urlsplit(a["href"]).netloc: query(a["href"])
        for a in page.select(".pdh-addto a")
        if urlsplit(a["href"]).netloc in CALENDAR_HOSTS
    }


def ics_of(path: Path, page):
    href = page.select_one(".pdh-addto a[download]")["href"]
    [component] = icalendar.Calendar.from_ical((path.parent / href).resolve().read_bytes()).walk("VEVENT")
    return component


def _stamp(value) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


@pytest.mark.parametrize("site_name", ["built_site", "share_site"])
def test_web_calendars_get_what_the_ics_file_gives(site_name, request):
    site, checked = request.getfixturevalue(site_name), 0
    for kind, path, address, event_ in family(site):
        if kind != "event":
            continue
        page = soup(path)
        links = web_calendar_links(page)
        if event_.status == "cancelled":
            assert links == {}, path
        if not links:
            continue
        checked += 1
        assert set(links) == CALENDAR_HOSTS, path
        google, outlook = links["calendar.google.com"], links["outlook.live.com"]
        assert links["outlook.office.com"] == outlook
        vevent = ics_of(path, page)
        start, end = (
            vevent.decoded("DTSTART"),
            vevent.decoded("DTEND") if "DTEND" in vevent else vevent.decoded("DTSTART"),
        )
        assert google["dates"] == f"{_stamp(start)}/{_stamp(end)}", path
        assert google["text"] == outlook["subject"] == str(vevent["SUMMARY"]) == heading(page)
        read = datetime.fromisoformat if isinstance(start, datetime) else date.fromisoformat
        assert (read(outlook["startdt"]), read(outlook["enddt"])) == (start, end), path
        assert outlook["allday"] == ("false" if isinstance(start, datetime) else "true")
        assert (
            google.get("location")
            == outlook.get("location")
            == (str(vevent["LOCATION"]) if "LOCATION" in vevent else None)
        )
        if event_.audience == "members":
            assert google["details"] == outlook["body"] == str(vevent["DESCRIPTION"]), path
            assert "location" not in google and address not in google["details"]
        else:
            assert google["details"].endswith("\n\n" + address) and outlook["body"] == google["details"], path
            assert len(google["details"]) < 1000
    if site_name == "share_site":  # on its fixed day, five events to come in each edition
        assert checked == 10
    else:  # built on the day the tests run: some events may be over, the cancelled one is always there
        assert any(e.status == "cancelled" for _, _, _, e in family(site) if e)


def test_cancelled_and_past_events_keep_only_the_ics_file(share_site):
    for rel in (
        "agenda/annulee-exemple",
        "agenda/conference-exemple-defenseures-colombie-2025",
        "en/events/annulee-exemple",
        "en/events/conference-exemple-defenseures-colombie-2025",
    ):
        page = soup(share_site / rel / "index.html")
        assert web_calendar_links(page) == {}, rel
        assert not page.select(".pdh-addto ul"), rel
        assert ics_of(share_site / rel / "index.html", page)["UID"]
    for rel in ("agenda/bogota-exemple", "agenda/formation-exemple-plaidoyer-mai-2027"):
        assert set(web_calendar_links(soup(share_site / rel / "index.html"))) == CALENDAR_HOSTS  # the rule can fail


def test_the_particular_events_of_the_fixed_day(share_site):
    now = datetime.fromtimestamp(int(TINY_EPOCH), tz=UTC)
    events = {e.id: e for e in load_catalog(share_site.parent).events}
    shown = {e for e in events if web_calendar_links(soup(share_site / "agenda" / e / "index.html"))}
    assert shown == {e.id for e in events.values() if e.status != "cancelled" and ends_at(e) > now}
    bogota = web_calendar_links(soup(share_site / "agenda" / "bogota-exemple" / "index.html"))
    assert bogota["calendar.google.com"]["dates"] == "20260312T150000Z/20260312T170000Z"
    assert bogota["calendar.google.com"]["ctz"] == "America/Bogota"
    assert bogota["outlook.live.com"]["startdt"] == "2026-03-12T10:00:00-05:00"
    assert (
        bogota["calendar.google.com"]["location"]
        == "Maison d'exemple, Bogotá, Colombie — en ligne : https://exemple.org/audience-bogota"
    )
    training = web_calendar_links(soup(share_site / "agenda" / "formation-exemple-plaidoyer-mai-2027" / "index.html"))
    assert training["calendar.google.com"]["dates"] == "20270520/20270522"
    assert (
        "Formation sur deux journées : préparer" in training["calendar.google.com"]["details"]
    )  # plain text, no Markdown
    members = soup(share_site / "en" / "events" / "reunion-exemple-plaidoyer-janvier-2027" / "index.html")
    links = web_calendar_links(members)
    assert set(links) == CALENDAR_HOSTS
    for params in links.values():
        assert "location" not in params and not any("Salle" in v or "exemple.org" in v for v in params.values())


def test_a_hostile_title_stays_inside_its_parameter(share_site):
    for rel in ("agenda/titre-hostile-exemple", "en/events/titre-hostile-exemple"):
        page = soup(share_site / rel / "index.html")
        assert heading(page) == HOSTILE
        address = SITE_URL + rel + "/"
        links = page.select(".pdh-share a, .pdh-addto ul a")
        assert len(links) == 4 + 3
        for a in links:
            params = query(a["href"])
            titles = [params[key] for key in ("subject", "text") if key in params]
            assert titles or set(params.values()) == {address}, a
            assert all(title in (HOSTILE, f"{HOSTILE} {address}") for title in titles), a
            assert len(a["href"]) <= MAX_URL
        google = web_calendar_links(page)["calendar.google.com"]
        assert google["text"] == HOSTILE
        assert google["location"] == "https://exemple.org/webinaire?a=1&b=2#direct"
        assert google["details"].endswith("…\n\n" + address)  # the long description is cut, the address kept


def test_english_pages_share_in_english(share_site):
    page = soup(share_site / "en" / "events" / "bogota-exemple" / "index.html")
    block = page.select_one(".pdh-share")
    assert block.h2.get_text() == "Share"
    assert block.button.get_text() == "Copy link" and block.button["data-copied"] == "Link copied"
    assert "Google Calendar" in page.select_one(".pdh-addto").get_text()


def test_copy_link_in_chromium(share_site, browser):
    """« Copier le lien » appears with the script, copies the page's address and says so; nothing else is fetched."""
    from playwright.sync_api import expect

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    outside = []

    def route(route):
        if route.request.url.startswith(("http://127.0.0.1", "data:")):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    try:
        with serve(share_site) as base:
            tab.goto(urljoin(base, "agenda/bogota-exemple/"))
            button = tab.locator(".pdh-share button.pdh-copy")  # by its place: its name changes once clicked
            expect(button).to_be_visible()
            expect(button).to_have_accessible_name("Copier le lien")
            button.click()
            expect(button).to_have_text("Lien copié")
            assert tab.evaluate("navigator.clipboard.readText()") == SITE_URL + "agenda/bogota-exemple/"
            expect(button).to_have_text("Copier le lien", timeout=5000)  # back to its label
        assert outside == []
    finally:
        context.close()
