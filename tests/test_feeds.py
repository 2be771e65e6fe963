"""Feeds: model-independent entries → RSS, Atom and JSON Feed, parsed back and asserted field by field."""

from __future__ import annotations

import calendar
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import dateutil.tz
import feedparser
import pytest
from bs4 import BeautifulSoup

from pdh.render.feeds import (
    Enclosure,
    FeedEntry,
    FeedInfo,
    absolutize_links,
    render_atom,
    render_feeds,
    render_json_feed,
    render_rss,
    tag_uri,
    to_paris,
)

SITE = "https://pdh.example.org/"
HOST = "pdh.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
INFO = FeedInfo(
    id="feed/publications",
    title="Publications de la Plateforme",
    description="Les dernières publications",
    site_url=SITE,
    page_url=SITE + "publications/",
    feed_base_url=SITE + "feeds/",
    slug="publications",
    fallback_updated=to_paris(date(2019, 3, 4)),
    publisher="Plateforme droits de l'homme",
    tag_date="2017",
)


def entry(slug: str, published: date, updated: date | None = None, **fields) -> FeedEntry:
    """A publication entry; dates are date-only, as the data gives them."""
    values = dict(
        id=f"publication/{slug}",
        title=f"Titre {slug}",
        url=f"{SITE}publications/{slug}/",
        published=to_paris(published),
        updated=to_paris(updated or published),
        summary=f"Résumé {slug}",
        content_html=f"<p>Texte {slug}</p>",
    )
    return FeedEntry(**(values | fields))


def render_all(entries, info: FeedInfo = INFO) -> tuple[bytes, bytes, bytes]:
    return render_rss(info, entries), render_atom(info, entries), render_json_feed(info, entries)


def parse(document: bytes) -> feedparser.FeedParserDict:
    """Parsed by feedparser and by the standard library: both must accept the document as it is."""
    ET.fromstring(document)
    parsed = feedparser.parse(document)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def rss_items(document: bytes) -> list[ET.Element]:
    return ET.fromstring(document).findall("./channel/item")


def atom_entries(document: bytes) -> list[ET.Element]:
    return ET.fromstring(document).findall(f"{ATOM}entry")


def test_entries_newest_first_and_limited_to_the_newest():
    entries = [
        entry("b", date(2025, 3, 1)),
        entry("e", date(2026, 2, 1)),
        entry("a", date(2024, 1, 1)),
        entry("c", date(2026, 2, 1)),
        entry("d", date(2025, 12, 24)),
    ]
    rss, atom, json_feed = render_all(entries, replace(INFO, limit=3))
    # Same day: the id breaks the tie, descending, whatever the input order.
    expected = [tag_uri(HOST, "2017", f"publication/{slug}") for slug in ("e", "c", "d")]
    assert [e.id for e in parse(rss).entries] == expected
    assert [e.id for e in parse(atom).entries] == expected
    assert [item["id"] for item in json.loads(json_feed)["items"]] == expected


def test_ids_are_stable_tag_uris_unaffected_by_new_entries_or_rebuilds():
    old = entry("2026-note-colombie", date(2026, 1, 10))
    rss, atom, json_feed = render_all([old])
    uri = "tag:pdh.example.org,2017:publication/2026-note-colombie"
    guid = rss_items(rss)[0].find("guid")
    assert (guid.text, guid.get("isPermaLink")) == (uri, "false")
    assert atom_entries(atom)[0].findtext(f"{ATOM}id") == uri
    assert json.loads(json_feed)["items"][0]["id"] == uri
    assert ET.fromstring(atom).findtext(f"{ATOM}id") == "tag:pdh.example.org,2017:feed/publications"
    # The W3C validator wants ASCII URIs: anything else in an id is percent-encoded, always the same way.
    assert tag_uri(HOST, "2017", "membre/ong é") == "tag:pdh.example.org,2017:membre/ong%20%C3%A9"

    newer = entry("2026-rapport", date(2026, 5, 2))
    rss2, atom2, json2 = render_all([newer, old])
    assert [i.findtext("guid") for i in rss_items(rss2)] == [tag_uri(HOST, "2017", newer.id), uri]
    assert [e.findtext(f"{ATOM}id") for e in atom_entries(atom2)] == [tag_uri(HOST, "2017", newer.id), uri]
    assert [item["id"] for item in json.loads(json2)["items"]] == [tag_uri(HOST, "2017", newer.id), uri]

    assert render_all([newer, old]) == (rss2, atom2, json2)
    assert render_feeds(INFO, iter([old, newer])) == {
        "publications.xml": rss2,
        "publications.atom": atom2,
        "publications.json": json2,
    }


def test_feed_date_is_the_latest_entry_update_never_the_clock():
    # The older publication was corrected last: its update is the feed's date.
    entries = [entry("a", date(2019, 1, 5), updated=date(2019, 8, 20)), entry("b", date(2019, 7, 1))]
    rss, atom, json_feed = render_all(entries)
    assert ET.fromstring(rss).findtext("./channel/lastBuildDate") == "Tue, 20 Aug 2019 00:00:00 +0200"
    assert ET.fromstring(atom).findtext(f"{ATOM}updated") == "2019-08-20T00:00:00+02:00"
    assert parse(rss).feed.updated_parsed[:3] == (2019, 8, 19)  # feedparser gives UTC
    rss_empty, atom_empty, json_empty = render_all([])
    assert ET.fromstring(rss_empty).findtext("./channel/lastBuildDate") == "Mon, 04 Mar 2019 00:00:00 +0100"
    assert ET.fromstring(atom_empty).findtext(f"{ATOM}updated") == "2019-03-04T00:00:00+01:00"
    assert parse(rss_empty).entries == [] and parse(atom_empty).entries == []
    assert json.loads(json_empty)["items"] == []


@pytest.mark.parametrize(
    "day, rss_date, atom_date",
    [
        (date(2026, 7, 1), "Wed, 01 Jul 2026 00:00:00 +0200", "2026-07-01T00:00:00+02:00"),
        (date(2026, 1, 14), "Wed, 14 Jan 2026 00:00:00 +0100", "2026-01-14T00:00:00+01:00"),
    ],
)
def test_date_only_values_are_midnight_in_paris(day, rss_date, atom_date):
    rss, atom, json_feed = render_all([entry("x", day)])
    assert rss_items(rss)[0].findtext("pubDate") == rss_date
    atom_entry = atom_entries(atom)[0]
    assert atom_entry.findtext(f"{ATOM}published") == atom_date
    assert atom_entry.findtext(f"{ATOM}updated") == atom_date
    item = json.loads(json_feed)["items"][0]
    assert (item["date_published"], item["date_modified"]) == (atom_date, atom_date)
    for parsed in (parse(rss), parse(atom)):  # feedparser gives UTC
        assert calendar.timegm(parsed.entries[0].published_parsed) == to_paris(day).timestamp()


def test_to_paris():
    assert to_paris(date(2026, 3, 29)).isoformat() == "2026-03-29T00:00:00+01:00"  # the night DST begins
    assert to_paris(date(2026, 3, 30)).isoformat() == "2026-03-30T00:00:00+02:00"
    assert to_paris(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)).isoformat() == "2026-07-01T14:00:00+02:00"
    with pytest.raises(ValueError, match="sans fuseau"):
        to_paris(datetime(2026, 7, 1, 12, 0))


def test_relative_links_in_content_become_absolute():
    html = (
        '<p>Voir <a href="../annexe/">l’annexe</a>, <a href="/membres/ldh/" title="x &amp; y">la LDH</a>,\n'
        '<a href="#methode">la méthode</a> et <a href="https://www.fidh.org/fr/">la FIDH</a>.</p>\n'
        '<p><img src="carte.png" alt="Carte"/> <a href="mailto:contact@pdh.example.org">écrire</a>'
        ' <img src="//cdn.example.org/a.png" alt=""></p>'
    )
    page = SITE + "publications/note/"
    expected = {
        SITE + "publications/annexe/",
        SITE + "membres/ldh/",
        page + "#methode",
        "https://www.fidh.org/fr/",
        page + "carte.png",
        "mailto:contact@pdh.example.org",
        "https://cdn.example.org/a.png",
    }
    rss, atom, json_feed = render_all([entry("note", date(2026, 2, 2), content_html=html)])
    contents = [
        parse(rss).entries[0].content[0].value,
        parse(atom).entries[0].content[0].value,
        json.loads(json_feed)["items"][0]["content_html"],
    ]
    for content in contents:
        tags = BeautifulSoup(content, "html.parser").find_all(["a", "img"])
        assert {tag.get("href") or tag.get("src") for tag in tags} == expected
    # Only the URLs changed: the rest of the fragment is kept byte for byte.
    assert contents[2] == (
        html.replace('"../annexe/"', f'"{SITE}publications/annexe/"')
        .replace('"/membres/ldh/"', f'"{SITE}membres/ldh/"')
        .replace('"#methode"', f'"{page}#methode"')
        .replace('src="carte.png" alt="Carte"/>', f'src="{page}carte.png" alt="Carte" />')
        .replace('"//cdn.example.org/a.png"', '"https://cdn.example.org/a.png"')
    )


def test_absolutize_links_leaves_text_and_absolute_links_alone():
    html = '<p>a &lt;b&gt; &amp; href="x.html"</p><a href="https://o.org/?a=1&amp;b=2">o</a><br>'
    assert absolutize_links(html, SITE) == html
    assert absolutize_links("<a class=c href=x.html?a=1&amp;b=2>x</a>", SITE) == (
        f'<a class="c" href="{SITE}x.html?a=1&amp;b=2">x</a>'
    )


def test_self_and_page_links():
    rss, atom, json_feed = render_all([entry("a", date(2026, 1, 1))])
    channel = ET.fromstring(rss).find("channel")
    assert channel.findtext("link") == SITE + "publications/"  # feedgen takes the last link given: must be the page
    self_links = [
        (link.get("href"), link.get("type")) for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"
    ]
    assert self_links == [(SITE + "feeds/publications.xml", "application/rss+xml")]
    links = {link.get("rel"): link.get("href") for link in ET.fromstring(atom).findall(f"{ATOM}link")}
    assert links == {"self": SITE + "feeds/publications.atom", "alternate": SITE + "publications/"}
    assert parse(atom).entries[0].link == SITE + "publications/a/"
    assert parse(rss).entries[0].link == SITE + "publications/a/"
    feed = json.loads(json_feed)
    assert (feed["feed_url"], feed["home_page_url"]) == (SITE + "feeds/publications.json", SITE + "publications/")


def test_enclosure_is_carried_in_every_format():
    pdf = Enclosure(url=SITE + "fichiers/rapport.pdf", length=482133, mime_type="application/pdf")
    rss, atom, json_feed = render_all([entry("r", date(2026, 4, 4), enclosure=pdf), entry("s", date(2026, 4, 1))])
    enclosure = rss_items(rss)[0].find("enclosure")
    assert dict(enclosure.attrib) == {"url": pdf.url, "length": "482133", "type": "application/pdf"}
    assert rss_items(rss)[1].find("enclosure") is None
    links = atom_entries(atom)[0].findall(f"{ATOM}link")
    # feedgen 1.0 drops rel/type/length on entry links (python-feedgen#135): the module puts them back.
    assert [dict(link.attrib) for link in links] == [
        {"href": SITE + "publications/r/", "rel": "alternate", "type": "text/html"},
        {"href": pdf.url, "rel": "enclosure", "type": "application/pdf", "length": "482133"},
    ]
    for parsed in (parse(rss), parse(atom)):
        assert [(e.href, e.length, e.type) for e in parsed.entries[0].enclosures] == [
            (pdf.url, "482133", "application/pdf")
        ]
    assert json.loads(json_feed)["items"][0]["attachments"] == [
        {"url": pdf.url, "mime_type": "application/pdf", "size_in_bytes": 482133}
    ]


HOSTILE_TITLE = 'Rapport ]]> </title> & <script>alert("x")</script> l\'ONG « ok »\x00\x0b fin'
HOSTILE_SUMMARY = 'Résumé </description> ]]> <b>gras</b> & "q"\x0c'
HOSTILE_CONTENT = '<p>&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; "q"\x00 <a href="a.html">a</a></p>'


def test_hostile_text_gives_well_formed_feeds_and_comes_back_as_text():
    hostile = entry(
        "h",
        date(2026, 6, 6),
        title=HOSTILE_TITLE,
        summary=HOSTILE_SUMMARY,
        content_html=HOSTILE_CONTENT,
        categories=("Droits & <libertés>\x0b",),
        authors=('L\'ONG "<X>"\x00',),
    )
    info = replace(INFO, title="Flux ]]> & <b>\x1f", description="Description </description>\x08")
    rss, atom, json_feed = render_all([hostile], info)
    title, summary = 'Rapport ]]> </title> & <script>alert("x")</script> l\'ONG « ok » fin', HOSTILE_SUMMARY[:-1]
    visible_content = '<script>alert(1)</script> ]]> & "q" a'
    for document in (rss, atom):
        parsed = parse(document)
        assert parsed.feed.title == "Flux ]]> & <b>"
        assert parsed.entries[0].title == title
        assert [t.term for t in parsed.entries[0].tags] == ["Droits & <libertés>"]
        assert parsed.entries[0].author == 'L\'ONG "<X>"'
        assert BeautifulSoup(parsed.entries[0].content[0].value, "html.parser").get_text() == visible_content
    # RSS <description> is HTML: the plain-text summary is escaped so its "<b>" stays visible text.
    rss_summary = parse(rss).entries[0].summary
    assert "<b>" not in rss_summary and BeautifulSoup(rss_summary, "html.parser").get_text() == summary
    assert parse(atom).entries[0].summary == summary
    item = json.loads(json_feed)["items"][0]
    assert (item["title"], item["summary"], item["tags"], item["authors"]) == (
        title,
        summary,
        ["Droits & <libertés>"],
        [{"name": 'L\'ONG "<X>"'}],
    )
    assert "\x00" not in item["content_html"] and json.loads(json_feed)["title"] == "Flux ]]> & <b>"


def test_rss_authors_are_dublin_core_creators_and_atom_has_a_feed_author():
    rss, atom, _ = render_all([entry("a", date(2026, 1, 1), authors=("LDH", "FIDH")), entry("b", date(2025, 1, 1))])
    first, second = rss_items(rss)
    assert first.find("author") is None  # RSS 2.0 <author> must be an email address
    assert [c.text for c in first.findall(f"{DC}creator")] == ["LDH", "FIDH"]
    assert second.findall(f"{DC}creator") == []
    root = ET.fromstring(atom)
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Plateforme droits de l'homme"
    first_entry, second_entry = atom_entries(atom)
    assert [a.findtext(f"{ATOM}name") for a in first_entry.findall(f"{ATOM}author")] == ["LDH", "FIDH"]
    assert second_entry.findall(f"{ATOM}author") == []
    assert b"purl.org/dc" not in atom


def test_json_feed_has_the_json_feed_1_1_keys():
    _, _, document = render_all(
        [
            entry("a", date(2026, 1, 1), categories=("Colombie",)),
            entry("b", date(2025, 1, 1), content_html="", summary="Seulement un résumé"),
        ]
    )
    feed = json.loads(document)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == INFO.title and feed["language"] == "fr"
    assert {"home_page_url", "feed_url", "items"} <= set(feed)
    first, second = feed["items"]
    assert {"id", "url", "title", "content_html", "summary", "date_published", "date_modified"} <= set(first)
    assert first["tags"] == ["Colombie"] and "attachments" not in first
    assert second["content_text"] == "Seulement un résumé" and "content_html" not in second
    assert datetime.fromisoformat(first["date_published"]).utcoffset() == timedelta(hours=1)
    assert document == (json.dumps(feed, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()
    assert "résumé".encode() in document  # not \u00e9


def test_language_is_french_everywhere():
    rss, atom, json_feed = render_all([entry("a", date(2026, 1, 1))])
    assert ET.fromstring(rss).findtext("./channel/language") == "fr"
    assert ET.fromstring(atom).get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert parse(rss).feed.language == "fr" and parse(atom).feed.language == "fr"
    assert json.loads(json_feed)["language"] == "fr"


def test_generator_carries_no_version_and_nothing_from_the_clock(monkeypatch):
    entries = [entry("a", date(2026, 1, 1))]
    before = render_all(entries) + render_all([])
    # feedgen defaults every date it is not given to datetime.now(dateutil.tz.tzutc()): a leak would show +05.
    monkeypatch.setattr(dateutil.tz, "tzutc", lambda: timezone(timedelta(hours=5)))
    after = render_all(entries) + render_all([])
    assert after == before and not any(b"+05" in document for document in after)
    generator = ET.fromstring(before[1]).find(f"{ATOM}generator")
    assert generator.text == "python-feedgen" and generator.get("version") is None
    assert ET.fromstring(before[0]).findtext("./channel/generator") == "python-feedgen"


def test_bad_entries_are_refused():
    with pytest.raises(ValueError, match="en double"):
        render_rss(INFO, [entry("a", date(2026, 1, 1)), entry("a", date(2026, 2, 1))])
    with pytest.raises(ValueError, match="précède"):
        entry("a", date(2026, 2, 1), updated=date(2026, 1, 1))
    with pytest.raises(ValueError, match="adresse web complète"):
        entry("a", date(2026, 2, 1), url="/publications/a/")
    with pytest.raises(ValueError, match="sans fuseau"):
        replace(entry("a", date(2026, 2, 1)), published=datetime(2026, 2, 1))
