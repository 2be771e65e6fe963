"""Events → iCalendar: every file is read back by icalendar and by vobject, an independent parser."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest
import vobject

from conftest import soup
from pdh.content.i18n import load_lang
from pdh.content.model import Event, Text
from pdh.render.ics import render_calendar, render_event

SITE = "https://pdh.example.org/"
STAMP = datetime(2026, 5, 1, 8, 30, tzinfo=UTC)
UTC = UTC
HOOKS = Path(__file__).resolve().parent.parent / "hooks"
# French, naming the coalition as the build does (extra.pdh.organisation)
FRENCH = load_lang("fr").naming({"of_short": "de la Plateforme"})


def event(**fields) -> Event:
    data = {
        "id": "conf",
        "title": "Conférence",
        "type": "conference",
        "start": "2026-07-01T18:00+02:00",
        "end": "2026-07-01T20:00+02:00",
        "place": {"city": "Paris"},
    }
    data.update(fields)
    return Event.model_validate(data)


def event_url(e: Event) -> str:
    return f"{SITE}agenda/{e.id}/"


def render(events, **options) -> bytes:
    options = {
        "name": "Agenda de la Plateforme",
        "site_url": SITE,
        "event_url": event_url,
        "organiser_names": lambda e: [],
        "stamp": STAMP,
        "publisher": "Plateforme droits de l'homme",
        "lang": FRENCH,
        **options,
    }
    return render_calendar(events, **options)


def check_raw(data: bytes) -> list[bytes]:
    """The physical lines, after checking CRLF endings, 75 octets and whole UTF-8 characters."""
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    for line in lines:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, (len(line), line)
        line.decode("utf-8")  # a fold inside a multi-byte character would fail here
    return lines


def parse(data: bytes) -> tuple[icalendar.Calendar, vobject.base.Component]:
    check_raw(data)
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


def vevents(data: bytes) -> tuple[list, list]:
    ical, vcal = parse(data)
    return ical.walk("VEVENT"), list(getattr(vcal, "vevent_list", []))


def raw_lines(data: bytes, prefix: bytes) -> list[bytes]:
    """Unfolded content lines starting with `prefix`."""
    return [line for line in data.replace(b"\r\n ", b"").split(b"\r\n") if line.startswith(prefix)]


def vevent_block(data: bytes, uid: str) -> bytes:
    blocks = data.split(b"BEGIN:VEVENT\r\n")[1:]
    found = [b.split(b"END:VEVENT\r\n")[0] for b in blocks if f"UID:{uid}\r\n".encode() in b]
    assert len(found) == 1
    return found[0]


def test_calendar_properties():
    data = render([event()], name="Agenda, droits ; humains")
    ical, vcal = parse(data)
    assert str(ical["PRODID"]) == "-//Plateforme droits de l'homme//Site//FR"
    assert (str(ical["VERSION"]), str(ical["CALSCALE"]), str(ical["METHOD"])) == ("2.0", "GREGORIAN", "PUBLISH")
    # X- properties are TEXT (RFC 5545 §3.8.8.2); icalendar's reader keeps them raw, vobject decodes them.
    assert raw_lines(data, b"X-WR-CALNAME") == [b"X-WR-CALNAME:Agenda\\, droits \\; humains"]
    assert str(ical["X-WR-TIMEZONE"]) == "Europe/Paris"
    assert vcal.prodid.value == "-//Plateforme droits de l'homme//Site//FR"
    assert vcal.contents["x-wr-calname"][0].value == "Agenda, droits ; humains"
    assert vcal.method.value == "PUBLISH"


def test_uid_is_stable_and_independent_of_other_events():
    alone = render([event(id="assemblee")])
    crowded = render(
        [
            event(id="avant", start="2026-01-01", end=None),
            event(id="assemblee"),
            event(id="apres", start="2027-01-01", end=None),
        ]
    )
    again = render([event(id="assemblee", title="Titre changé", sequence="2")])
    uids = []
    for data in (alone, crowded, again):
        ical, vobj = vevents(data)
        uids.append({str(v["UID"]) for v in ical} & {v.uid.value for v in vobj})
    assert uids[0] == {"assemblee@pdh.example.org"}
    assert uids[0] <= uids[1] and uids[2] == uids[0]
    assert len(uids[1]) == 3


def test_sequence_is_carried():
    (ical,), (vobj,) = vevents(render([event(sequence="7")]))
    assert ical["SEQUENCE"] == 7
    assert vobj.sequence.value == "7"


@pytest.mark.parametrize(
    "status, expected", [("scheduled", "CONFIRMED"), ("postponed", "TENTATIVE"), ("cancelled", "CANCELLED")]
)
def test_status(status, expected):
    (ical,), (vobj,) = vevents(render([event(status=status, title="Conférence")]))
    assert str(ical["STATUS"]) == expected
    assert vobj.status.value == expected
    assert str(ical["SUMMARY"]) == "Conférence"  # the status says it is cancelled, not the title


def test_summer_and_winter_times_give_the_same_utc_instants():
    summer = event(id="ete", start="2026-07-01T18:00+02:00", end="2026-07-01T20:00+02:00")
    winter = event(id="hiver", start="2026-12-01T18:00+01:00", end="2026-12-01T19:30+01:00")
    written_in_utc = event(id="utc", start="2026-07-02T07:00Z", end="2026-07-02T08:00Z")
    data = render([summer, winter, written_in_utc])
    expected = {
        "ete@pdh.example.org": (datetime(2026, 7, 1, 16, 0, tzinfo=UTC), datetime(2026, 7, 1, 18, 0, tzinfo=UTC)),
        "hiver@pdh.example.org": (datetime(2026, 12, 1, 17, 0, tzinfo=UTC), datetime(2026, 12, 1, 18, 30, tzinfo=UTC)),
        "utc@pdh.example.org": (datetime(2026, 7, 2, 7, 0, tzinfo=UTC), datetime(2026, 7, 2, 8, 0, tzinfo=UTC)),
    }
    ical, vobj = vevents(data)
    assert {str(v["UID"]): (v.start, v.end) for v in ical} == expected
    assert {v.uid.value: (v.dtstart.value, v.dtend.value) for v in vobj} == expected
    # Written as UTC instants: every reader places them right without any VTIMEZONE.
    assert raw_lines(data, b"DTSTART") == [
        b"DTSTART:20260701T160000Z",
        b"DTSTART:20260702T070000Z",
        b"DTSTART:20261201T170000Z",
    ]


def test_event_in_another_zone_is_placed_in_utc():
    data = render(
        [
            event(
                id="bogota",
                timezone="America/Bogota",
                start="2026-07-01T10:00-05:00",
                end="2026-07-01T12:00-05:00",
                place={"city": "Bogotá", "country": "CO"},
            )
        ]
    )
    assert raw_lines(data, b"DTSTART") == [b"DTSTART:20260701T150000Z"]
    (ical,), (vobj,) = vevents(data)
    assert ical.start == vobj.dtstart.value == datetime(2026, 7, 1, 15, 0, tzinfo=UTC)


def test_multi_day_all_day_event_ends_the_day_after():
    data = render([event(start="2026-09-10", end="2026-09-12")])
    assert raw_lines(data, b"DTSTART;") == [b"DTSTART;VALUE=DATE:20260910"]
    assert raw_lines(data, b"DTEND") == [b"DTEND;VALUE=DATE:20260913"]
    (ical,), (vobj,) = vevents(data)
    assert (ical.start, ical.end) == (date(2026, 9, 10), date(2026, 9, 13))
    assert not isinstance(ical.start, datetime)
    assert (vobj.dtstart.value, vobj.dtend.value) == (date(2026, 9, 10), date(2026, 9, 13))
    assert not isinstance(vobj.dtend.value, datetime)


def test_one_day_event_without_end_lasts_that_day():
    data = render([event(start="2026-09-10", end=None)])
    assert raw_lines(data, b"DTEND") == [b"DTEND;VALUE=DATE:20260911"]


def test_timed_event_without_end_gets_no_invented_end():
    data = render([event(end=None)])
    (ical,), (vobj,) = vevents(data)
    assert "DTEND" not in ical and "DURATION" not in ical
    assert "dtend" not in vobj.contents and "duration" not in vobj.contents
    assert ical.start == datetime(2026, 7, 1, 16, 0, tzinfo=UTC)


HOSTILE_DESCRIPTION = (
    "Première ligne\nEND:VEVENT\nBEGIN:VEVENT\nUID:pirate@example.org\n"
    "virgules, points-virgules ; deux-points : antislash \\ chemin C:\\Nouveau\\new \\n \\N \\\\ \\;\n\n"
    "[lien](https://exemple.org/a,b;c) et *emphase*"
)
HOSTILE_TITLES = ["Réunion, débat ; vote \\ fin", "C:\\Nouveau\\Dossier, \\n pas un saut", "END:VEVENT"]


def test_hostile_text_cannot_break_the_file():
    events = [
        event(id=f"e{i}", title=title, description=HOSTILE_DESCRIPTION, start=f"2026-07-0{i + 1}", end=None)
        for i, title in enumerate(HOSTILE_TITLES)
    ]
    # The model refuses line breaks in titles today; the calendar must not rely on it.
    events.append(
        event(id="e9", start="2026-07-09", end=None, description=HOSTILE_DESCRIPTION).model_copy(
            update={"title": Text.model_construct(fr="Titre\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:faux\r\nfin")}
        )
    )
    data = render(events)
    expected = {f"e{i}@pdh.example.org": (title, HOSTILE_DESCRIPTION) for i, title in enumerate(HOSTILE_TITLES)}
    expected["e9@pdh.example.org"] = ("Titre\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:faux\nfin", HOSTILE_DESCRIPTION)

    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == data.count(b"\r\nEND:VEVENT\r\n") == 4
    ical, vobj = vevents(data)
    assert {str(v["UID"]): (str(v["SUMMARY"]), str(v["DESCRIPTION"])) for v in ical} == expected
    assert {v.uid.value: (v.summary.value, v.description.value) for v in vobj} == expected


def test_long_french_title_folds_between_characters():
    # Two- and three-byte characters from the first octet on, so every fold boundary lands near one.
    title = "Journée « Défendre les défenseur·es » — " + "éèêàçôûœ’«»" * 20
    data = render([event(title=title)])
    summary_lines = [line for line in check_raw(data) if line.startswith(b"SUMMARY:")]
    assert len(summary_lines) == 1
    folded = data.split(b"\r\nSUMMARY:")[1].split(b"\r\n")
    continuation = [line for line in folded[1:] if line.startswith(b" ")]
    assert len(continuation) >= 5  # the title really is folded
    (ical,), (vobj,) = vevents(data)
    assert str(ical["SUMMARY"]) == vobj.summary.value == title


def test_members_only_event_in_the_public_calendar_shows_only_date_and_title():
    secret = event(
        id="ag",
        title="Assemblée générale",
        audience="members",
        place={"venue": "Salle Cassin", "address": "12 rue Secrète", "city": "Lyon"},
        online_url="https://visio.exemple.org/reunion-privee",
        registration={"url": "https://inscription.exemple.org/ag"},
        description="Ordre du jour confidentiel",
        organisers=["agir-ensemble"],
    )
    names = lambda e: ["Agir ensemble"] if e.organisers else []  # noqa: E731
    public = render([secret, event(id="ouvert")], organiser_names=names)
    ical, vobj = vevents(public)
    hidden = next(v for v in ical if str(v["UID"]) == "ag@pdh.example.org")
    assert set(hidden) == {
        "UID",
        "DTSTAMP",
        "SEQUENCE",
        "STATUS",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "CLASS",
        "DESCRIPTION",
    }
    assert str(hidden["SUMMARY"]) == "Assemblée générale"
    assert str(hidden["CLASS"]) == "PRIVATE"
    assert str(hidden["DESCRIPTION"]) == "Événement réservé aux membres de la Plateforme."
    hidden_v = next(v for v in vobj if v.uid.value == "ag@pdh.example.org")
    assert {"location", "url", "categories"}.isdisjoint(hidden_v.contents)
    for leak in (
        "confidentiel",
        "Cassin",
        "Secr",
        "visio.exemple.org",
        "inscription.exemple.org",
        "agenda/ag/",
        "Agir ensemble",
    ):
        assert leak.encode() not in public, leak
    shown = next(v for v in ical if str(v["UID"]) == "ouvert@pdh.example.org")
    assert "LOCATION" in shown and "CLASS" not in shown

    members = render([secret], organiser_names=names, public=False)
    (full,), _ = vevents(members)
    assert str(full["LOCATION"]) == (
        "Salle Cassin, 12 rue Secrète, Lyon, France — en ligne : https://visio.exemple.org/reunion-privee"
    )
    assert str(full["DESCRIPTION"]) == (
        "Ordre du jour confidentiel\n\nOrganisé par : Agir ensemble\nInscription : https://inscription.exemple.org/ag"
    )
    assert str(full["URL"]) == f"{SITE}agenda/ag/"


def test_public_event_fields():
    data = render(
        [
            event(
                type="reunion-groupe-de-travail",
                place={"city": "Dakar", "country": "SN"},
                organisers=["a", "b"],
                description="  Texte *Markdown*.\n",
            )
        ],
        organiser_names=lambda e: ["Agir ensemble", "Ligue, droits ; humains"],
    )
    (ical,), (vobj,) = vevents(data)
    assert str(ical["LOCATION"]) == vobj.location.value == "Dakar, Sénégal"
    assert ical.categories == ["réunion de groupe de travail"]
    assert vobj.categories.value == ["réunion de groupe de travail"]
    assert (
        str(ical["DESCRIPTION"])
        == vobj.description.value
        == ("Texte *Markdown*.\n\nOrganisé par : Agir ensemble, Ligue, droits ; humains")
    )
    assert str(ical["URL"]) == vobj.url.value == f"{SITE}agenda/conf/"
    assert "<" not in vobj.description.value
    online = render([event(place=None, online_url="https://visio.exemple.org/x")])
    (ical,), _ = vevents(online)
    assert str(ical["LOCATION"]) == "https://visio.exemple.org/x"
    assert "DESCRIPTION" not in ical


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"updated": "2026-03-02", "announced": "2026-02-01"}, b"LAST-MODIFIED:20260301T230000Z"),  # winter: +01:00
        ({"announced": "2026-06-15"}, b"LAST-MODIFIED:20260614T220000Z"),  # summer: +02:00
        ({"updated": "2026-06-15", "audience": "members"}, None),  # members only: its date and title, nothing else
        ({}, None),  # the data does not say: no invented date
    ],
)
def test_last_modified_comes_from_the_data_not_the_clock(fields, expected):
    for data in (render([event(**fields)]), render([event(**fields)], stamp=STAMP + timedelta(days=30))):
        assert raw_lines(data, b"LAST-MODIFIED") == ([expected] if expected else [])
        (ical,), (vobj,) = vevents(data)
        if expected:
            assert ical.decoded("LAST-MODIFIED") == vobj.last_modified.value
            assert ical.decoded("LAST-MODIFIED").tzinfo is not None
        else:
            assert "LAST-MODIFIED" not in ical


def test_an_update_before_the_announcement_is_refused(tiny_sources):
    tiny_sources.replace(
        "data/events.yaml", '  announced: "2025-04-22"\n', '  announced: "2025-04-22"\n  updated: "2025-04-01"\n'
    )
    line = tiny_sources.line_of("data/events.yaml", 'updated: "2025-04-01"')
    from pdh.plan.catalog import check_problems

    found = [str(p) for p in check_problems(tiny_sources.root).sorted()]
    assert len(found) == 1 and found[0].startswith(f"data/events.yaml:{line} — ")
    assert found[0].endswith("updated : la modification (2025-04-01) précède l'annonce (2025-04-22)")


def test_dtstamp_is_the_given_stamp_in_utc():
    data = render([event()], stamp=datetime(2026, 5, 1, 10, 30, tzinfo=timezone(timedelta(hours=2))))
    assert raw_lines(data, b"DTSTAMP") == [b"DTSTAMP:20260501T083000Z"]
    with pytest.raises(ValueError):
        render([event()], stamp=datetime(2026, 5, 1, 8, 30))


def test_no_vtimezone_timed_values_are_utc():
    events = [
        event(id="ete"),
        event(id="hiver", start="2027-01-15T09:00+01:00", end="2027-01-15T10:00+01:00"),
        event(id="bogota", timezone="America/Bogota", start="2026-07-01T10:00-05:00", end=None),
    ]
    data = render(events)
    assert b"VTIMEZONE" not in data and b"TZID" not in data
    ical, _ = parse(data)
    for original in events:
        (component,) = [v for v in ical.walk("VEVENT") if str(v["UID"]) == f"{original.id}@pdh.example.org"]
        assert component["DTSTART"].dt == original.start
        assert component["DTSTART"].dt.utcoffset().total_seconds() == 0


def test_no_vtimezone_for_all_day_events_only():
    data = render([event(start="2026-09-10", end="2026-09-12")])
    assert b"VTIMEZONE" not in data
    assert str(parse(data)[0]["X-WR-TIMEZONE"]) == "Europe/Paris"


def test_sorted_by_start_then_id():
    events = [
        event(id="b-midi", start="2026-07-01T12:00+02:00", end=None),
        event(id="z-jour", start="2026-07-01", end=None),
        event(id="a-jour", start="2026-07-01", end=None),
        event(id="veille", start="2026-06-30T23:30+02:00", end=None),
        event(id="utc-minuit", start="2026-06-30T22:00Z", end=None),
    ]
    data = render(events)
    order = [line.split(b":")[1].split(b"@")[0].decode() for line in raw_lines(data, b"UID:")]
    assert order == ["veille", "a-jour", "utc-minuit", "z-jour", "b-midi"]


def test_same_input_gives_the_same_bytes():
    events = [
        event(
            id=f"e{i}",
            start=f"2026-0{i + 1}-10T10:00+0{1 if i < 2 else 2}:00",
            end=None,
            description="Texte, avec ; des caractères spéciaux",
        )
        for i in range(6)
    ]
    shuffled = events[:]
    random.Random(4).shuffle(shuffled)
    assert render(events) == render(events) == render(shuffled)


def test_bytes_do_not_depend_on_string_hashing():
    # Three zones, five hash seeds: nothing in the output may depend on set or dict hashing.
    script = (
        "import sys\nfrom datetime import datetime, timezone\nfrom pdh.render.ics import render_calendar\n"
        "from pdh.content.model import Event\n"
        "evs = [Event.model_validate({'id': z.split('/')[1].lower(), 'title': 'T', 'type': 'atelier',"
        " 'timezone': z, 'start': s, 'online_url': 'https://visio.exemple.org/x'}) for z, s in"
        " [('Europe/Paris', '2026-07-01T10:00+02:00'), ('America/Bogota', '2026-07-01T10:00-05:00'),"
        " ('Asia/Tokyo', '2026-07-01T10:00+09:00')]]\n"
        "sys.stdout.buffer.write(render_calendar(evs, name='A', site_url='https://pdh.example.org/',"
        " event_url=lambda e: 'https://pdh.example.org/', organiser_names=lambda e: [],"
        " stamp=datetime(2026, 5, 1, tzinfo=timezone.utc), publisher='P'))\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(HOOKS)},
        )
        for seed in ("0", "1", "2", "3", "4")
    ]  # side by side: each spends its time importing
    outputs = set()
    for run in runs:
        out, err = run.communicate()
        assert run.returncode == 0, err.decode()
        outputs.add(out)
    assert len(outputs) == 1
    assert outputs.pop().count(b"BEGIN:VEVENT") == 3


def test_render_event_is_the_same_vevent_alone():
    chosen = event(id="choisi", sequence="3", description="Détails")
    other = event(id="autre", start="2026-08-01", end=None)
    single = render_event(
        chosen,
        site_url=SITE,
        event_url=event_url,
        organiser_names=lambda e: [],
        stamp=STAMP,
        publisher="Plateforme droits de l'homme",
    )
    ical, vobj = vevents(single)
    assert len(ical) == len(vobj) == 1
    assert raw_lines(single, b"X-WR-CALNAME") == [b"X-WR-CALNAME:Conf\xc3\xa9rence"]
    assert vevent_block(single, "choisi@pdh.example.org") == vevent_block(
        render([other, chosen]), "choisi@pdh.example.org"
    )
    assert b"TZID" not in single


def test_site_url_without_host_is_refused():
    with pytest.raises(ValueError):
        render([event()], site_url="/agenda/")


def test_calendar_uids_do_not_follow_the_site_address(tiny_site, tiny_site_in_a_sub_path):
    """Moving the site (SITE_URL) must not duplicate every event in the calendars people subscribed to:
    UIDs end with the fixed tag authority, as the feeds' ids do (issue #16)."""
    from conftest import SUB_PATH_URL

    def uids(site: Path) -> dict[str, list[str]]:
        return {
            path.relative_to(site).as_posix(): sorted(
                str(v["UID"]) for v in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
            )
            for path in sorted(site.rglob("*.ics"))
        }

    before, after = uids(tiny_site), uids(tiny_site_in_a_sub_path)
    assert len(before) > 5 and before == after
    assert all(uid.endswith("@plateforme-droits-homme.example.org") for found in after.values() for uid in found)
    assert (
        "exemple.github.io"
        not in (tiny_site_in_a_sub_path / "calendriers" / "agenda.ics")
        .read_text(encoding="utf-8")
        .split("BEGIN:VEVENT", 1)[0]
    )
    assert SUB_PATH_URL in (tiny_site_in_a_sub_path / "calendriers" / "agenda.ics").read_text(encoding="utf-8")


def test_subscribed_calendars_say_how_often_to_refresh(tiny_site):
    """RFC 7986's REFRESH-INTERVAL and the X-PUBLISHED-TTL older applications read: twice a day."""
    for path in sorted(tiny_site.rglob("*.ics")):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=12), path.name
        assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H"
        assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in path.read_bytes()


def test_every_webcal_link_subscribes_to_a_calendar_of_the_site(built_site):
    """webcal:// links (agenda, each type, each organiser, in both languages) name .ics files the site has (#16)."""
    from urllib.parse import urlsplit

    host, links = urlsplit("https://plateforme-droits-homme.example.org/").hostname, []
    for path in sorted(built_site.rglob("*.html")):
        links += re.findall(r'href="(webcal://[^"]+)"', path.read_text(encoding="utf-8"))
    assert len(set(links)) >= 10
    for link in set(links):
        parts = urlsplit(link)
        assert parts.hostname == host and parts.path.endswith(".ics"), link
        calendar = icalendar.Calendar.from_ical((built_site / parts.path.lstrip("/")).read_bytes())
        assert calendar["REFRESH-INTERVAL"]
    agenda = soup(built_site / "agenda" / "index.html").select("ul.pdh-calendars a[href^='webcal:']")
    assert {a["href"].rsplit("/", 1)[-1] for a in agenda} >= {"agenda.ics"}
