"""Issue « flux » : the feeds the real build writes, parsed by feedparser, stable and discoverable."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from conftest import SUB_PATH_URL, TINY_EPOCH, Repo, html_tree, soup, tiny_project

SITE_URL = "https://plateforme-droits-homme.example.org/"


def feed_files(site: Path) -> list[Path]:
    return sorted(p for p in (site / "flux").rglob("*") if p.suffix in (".xml", ".atom"))


def guids(site: Path, rel: str = "flux/tout.xml") -> dict[str, str]:
    parsed = feedparser.parse((site / rel).read_bytes())
    return {entry.link: entry.id for entry in parsed.entries}


def fresh_repo(tmp_path_factory, name: str) -> Repo:
    """The tiny site (tests/tiny/), to edit and build."""
    return tiny_project(tmp_path_factory.mktemp(name))


def test_every_feed_parses_without_bozo_and_in_french(built_site):
    files = feed_files(built_site)
    assert len(files) > 20
    for path in files:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.feed.get("language", "fr").startswith("fr")
        ET.fromstring(path.read_bytes())  # well-formed for a strict XML parser too
        self_links = [link.href for link in parsed.feed.get("links", []) if link.rel == "self"]
        assert self_links == [SITE_URL + path.relative_to(built_site).as_posix()]


def test_dates_carry_the_paris_offset(built_site):
    rss = (built_site / "flux" / "publications.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<pubDate>([^<]+)</pubDate>", rss)
    assert dates
    for value in dates:
        assert value.endswith(("+0100", "+0200")), value
    assert "<pubDate>Tue, 15 Apr 2025 00:00:00 +0200</pubDate>" in rss  # a summer date (2025-04-15)
    assert "<pubDate>Mon, 25 Nov 2024 00:00:00 +0100</pubDate>" in rss  # a winter date (2024-11-25)
    atom = (built_site / "flux" / "publications.atom").read_text(encoding="utf-8")
    assert "<published>2025-04-15T00:00:00+02:00</published>" in atom
    parsed = feedparser.parse(rss)
    newest = max(e.published_parsed for e in parsed.entries)  # RSS items carry no update date
    assert parsed.feed.updated_parsed == newest  # lastBuildDate from the newest entry, not the clock


def test_only_absolute_urls(built_site):
    for path in feed_files(built_site):
        root = ET.fromstring(path.read_bytes())
        for element in root.iter():
            for attribute in ("href", "url"):
                if attribute in element.attrib:
                    assert urlsplit(element.attrib[attribute]).scheme == "https", (path, element.attrib)
            if element.tag in ("link", "guid") and element.text and element.text.strip() and element.tag == "link":
                assert element.text.startswith(SITE_URL)
        for entry in feedparser.parse(path.read_bytes()).entries:
            for content in entry.get("content", []):
                for url in re.findall(r'(?:href|src)="([^"]+)"', content.value):
                    assert urlsplit(url).scheme in ("https", "mailto"), (path, url)


def test_enclosure_length_is_the_file_size(built_site):
    parsed = feedparser.parse((built_site / "flux" / "publications.xml").read_bytes())
    checked = 0
    for entry in parsed.entries:
        for enclosure in entry.get("enclosures", []):
            local = built_site / urlsplit(enclosure.href).path.lstrip("/")
            assert int(enclosure.length) == local.stat().st_size
            assert enclosure.type == "application/pdf"
            checked += 1
    assert checked >= 3


def test_feeds_are_byte_identical_and_clock_free_across_builds(tiny_site, tmp_path_factory, monkeypatch):
    first = {p.relative_to(tiny_site): p.read_bytes() for p in feed_files(tiny_site)}  # built on 2026-01-01
    repo = fresh_repo(tmp_path_factory, "feeds-a")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # another day: feeds must not care
    monkeypatch.delenv("SITE_URL", raising=False)
    second = {p.relative_to(repo.root / "site"): p.read_bytes() for p in feed_files(repo.build())}
    assert len(first) > 20 and first == second


def test_guids_survive_an_unrelated_change_and_a_new_entry(tiny_site, tmp_path_factory, monkeypatch):
    before = guids(tiny_site)
    repo = fresh_repo(tmp_path_factory, "feeds-b")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TINY_EPOCH)  # the same day as tiny_site
    monkeypatch.delenv("SITE_URL", raising=False)
    repo.replace("content/a-propos.md", "# À propos", "# À propos\n\nUne phrase ajoutée.")
    repo.replace("data/members.yaml", "city: Lyon", "city: Lyon ")
    repo.write(
        "content/publications/2026-nouvelle-exemple.md",
        """
    ---
    title: Nouvelle publication (exemple)
    date: "2026-11-01"
    type: rapport
    summary: Exemple.
    authors: [pdh]
    ---
    """,
    )
    after = guids(repo.build())
    assert {link: guid for link, guid in after.items() if link in before} == before
    new = after[SITE_URL + "publications/2026-nouvelle-exemple/"]
    assert new == "tag:plateforme-droits-homme.example.org,2017:publication/2026-nouvelle-exemple"


def test_guids_do_not_follow_the_site_address(tiny_site, tiny_site_in_a_sub_path):
    """The same site built the same day at the default address and at another one (SUB_PATH_URL)."""
    before = set(guids(tiny_site).values())
    after = feedparser.parse((tiny_site_in_a_sub_path / "flux" / "tout.xml").read_bytes())
    assert before and {e.id for e in after.entries} == before
    assert all(e.link.startswith(SUB_PATH_URL) for e in after.entries)


def test_hostile_titles_and_bodies_give_well_formed_feeds(tmp_path_factory):
    repo = fresh_repo(tmp_path_factory, "feeds-d")
    repo.write(
        "content/publications/2026-titre-hostile.md",
        """
    ---
    title: 'Rapport ]]> & « ok » (exemple)'
    date: "2026-11-20"
    type: rapport
    summary: 'Résumé ]]> & fin.'
    authors: [pdh]
    ---

    Du code : `</title></item>]]>` & `<![CDATA[` et [un lien relatif](../../membres/).
    """,
    )
    site = repo.build()
    for rel in ("flux/tout.xml", "flux/tout.atom", "flux/publications/type/rapport.xml"):
        data = (site / rel).read_bytes()
        ET.fromstring(data)
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0
        entry = next(e for e in parsed.entries if e.link.endswith("/2026-titre-hostile/"))
        assert entry.title == "Rapport ]]> & « ok » (exemple)"
        html = entry.content[0].value if entry.get("content") else entry.summary
        if "/publications/" in rel:  # facet feeds carry the summary only (no fan-out of full bodies)
            assert html.replace("&gt;", ">").replace("&amp;", "&") == "Résumé ]]> & fin." and "membres/" not in html
            continue
        assert "</title></item>]]>" in html.replace("&lt;", "<").replace("&gt;", ">")
        assert SITE_URL + "membres/" in html


def test_feed_size_is_bounded(tiny_site, tmp_path_factory):
    assert len(feedparser.parse((tiny_site / "flux" / "tout.xml").read_bytes()).entries) > 2  # with the usual limit
    repo = fresh_repo(tmp_path_factory, "feeds-e")
    repo.replace("mkdocs.yml", "feed_limit: 50", "feed_limit: 2")
    site = repo.build()
    for path in feed_files(site):
        assert len(feedparser.parse(path.read_bytes()).entries) <= 2
    assert len(feedparser.parse((site / "flux" / "tout.xml").read_bytes()).entries) == 2


def test_pages_advertise_their_feeds(built_site):
    def alternates(rel: str) -> set[str]:
        links = html_tree(built_site / rel).iter("link")
        return {
            link.get("href")
            for link in links
            if "alternate" in (link.get("rel") or "").split()
            and ("feed" in (link.get("rel") or "").split() or "rss" in (link.get("type") or ""))
        }

    everywhere = {SITE_URL + "flux/tout.xml", SITE_URL + "flux/tout.atom", SITE_URL + "flux/tout.json"}
    in_english = {SITE_URL + "en/feeds/all.xml", SITE_URL + "en/feeds/all.atom", SITE_URL + "en/feeds/all.json"}
    pages = list(built_site.rglob("index.html"))
    assert len(pages) > 100
    for path in pages:
        rel = path.relative_to(built_site).as_posix()
        assert (in_english if rel.startswith("en/") else everywhere) <= alternates(rel), path
    facet = alternates("publications/type/rapport/index.html")
    assert SITE_URL + "flux/publications/type/rapport.xml" in facet
    page = soup(built_site / "publications" / "type" / "rapport" / "index.html")
    assert page.select_one(".pdh-subscribe a")["href"] == "../../../flux/publications/type/rapport.xml"
    assert SITE_URL + "flux/agenda.xml" in alternates("agenda/index.html")
    assert SITE_URL + "flux/publications/membre/agir-ensemble.xml" in alternates("membres/agir-ensemble/index.html")


FEED_TYPES = {".xml": "application/rss+xml", ".atom": "application/atom+xml", ".json": "application/feed+json"}
EDITIONS = {"": ("flux", "calendriers", "presse"), "en/": ("en/feeds", "en/calendars", "en/press")}


def local(site: Path, href: str, page: str) -> Path:
    """The file a link of `page` (a folder of the site) names, absolute to the site or relative."""
    if href.startswith(SITE_URL):
        return site / href.removeprefix(SITE_URL).split("#")[0]
    return (site / page / href.split("#")[0]).resolve()


def test_the_feeds_page_lists_every_feed_and_calendar_with_its_latest_titles(built_site):
    """/flux/ (and /en/feeds/): every feed file in every format and every subscribable calendar, each a typed link,
    with a button copying its address and the titles of its first three entries (next three events) (#16)."""
    for feeds, calendars, _press in EDITIONS.values():
        page = soup(built_site / feeds / "index.html")
        links = {a["href"]: a for a in page.select("article a[type]")}
        files = sorted(p for p in (built_site / feeds).rglob("*") if p.suffix in FEED_TYPES)
        assert len(files) > 30
        for path in files:
            url = SITE_URL + path.relative_to(built_site).as_posix()
            assert url in links and links[url]["type"] == FEED_TYPES[path.suffix], url
            if path.suffix == ".xml":
                block = links[url].find_parent("li", class_="pdh-feed")
                assert block.select_one("button.pdh-copy")["data-copy-text"] == url
                parsed = feedparser.parse(path.read_bytes())
                assert not parsed.bozo
                shown = [a.get_text() for a in block.select(".pdh-feed__latest a")]
                assert shown == [entry.title for entry in parsed.entries[:3]], url
        subscribed = {a["href"] for a in page.select("article a[href^='webcal://']")}
        downloads = {a["href"] for a in page.select("article a[type='text/calendar']")}
        for path in sorted((built_site / calendars).rglob("*.ics")):
            rel = path.relative_to(built_site).as_posix()
            assert "webcal://" + (SITE_URL + rel).split("://", 1)[1] in subscribed, rel
            assert any(local(built_site, href, feeds) == path for href in downloads), rel
        assert page.select_one("#comment-s-abonner")


def test_every_feed_on_the_press_and_feeds_pages_is_a_link_to_a_feed(built_site):
    """On /presse/ and /flux/ (and in English), feed addresses are links, typed, to files that exist and parse (#16)."""
    for feeds, _calendars, press in EDITIONS.values():
        every = len([p for p in (built_site / feeds).rglob("*") if p.suffix in (".xml", ".atom")])
        for where, expected in ((press, range(8, every)), (feeds, [every])):
            page = soup(built_site / where / "index.html")
            assert not page.select("article code")  # no address left as text to copy by hand
            found = page.select("article a[type='application/rss+xml'], article a[type='application/atom+xml']")
            assert len(found) in expected, where
            for link in found:
                parsed = feedparser.parse(local(built_site, link["href"], where).read_bytes())
                assert not parsed.bozo and parsed.feed.title, link["href"]
            copy = page.select("button.pdh-copy[data-copy-text]")
            assert copy and all(
                button["data-copy-text"].startswith("https://")
                for button in copy
                if not button.find_parent(class_="pdh-boilerplate")
            )
        releases = soup(built_site / press / "index.html").select_one("article a[href$='communique-de-presse.xml']")
        assert releases is not None
        assert soup(built_site / press / "index.html").find(
            "a", href=re.compile(r"^(\.\./)+" + feeds.split("/")[-1] + "/$")
        )
