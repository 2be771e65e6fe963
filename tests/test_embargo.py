"""Embargo: before its instant a publication is nowhere in site/ (no byte of it); from that instant on, the
next build publishes it everywhere. The build's clock is SOURCE_DATE_EPOCH (pdh.clock)."""

from __future__ import annotations

import gzip
import io
import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from pypdf import PdfWriter

from conftest import soup, tiny_project
from pdh.plan.catalog import check_problems

ID = "2026-communique-sous-embargo"
MARKER = "Quetzalembargo"  # in the title, summary and body: a word found nowhere else
BODY_MARKER = "Zorglubinterdit"  # in the body only
PDF_MARKER = b"Pdfsouscloche"  # in the attached PDF's metadata (stored uncompressed)
ATTACHMENT = "content/publications/fichiers/communique-sous-embargo.pdf"
LIFTS = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)  # « 2026-01-01T09:00+01:00 »
BEFORE, AT = str(int(LIFTS.timestamp()) - 1), str(int(LIFTS.timestamp()))


def publication(embargo: str = '"2026-01-01T09:00+01:00"') -> str:
    return f"""\
        ---
        title:
          fr: Communiqué {MARKER} (exemple)
          en: Release {MARKER} (example)
        date: "2026-01-01"
        type: communique-de-presse
        summary: Résumé du communiqué {MARKER} (exemple).
        authors: [pdh]
        attachments:
          - file: {ATTACHMENT}
        embargo: {embargo}
        ---

        Texte du communiqué {MARKER}, avec ses demandes {BODY_MARKER} (exemple).
        """


def with_embargoed_release(root: Path):
    repo = tiny_project(root)
    repo.write(f"content/publications/{ID}.md", publication())
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": PDF_MARKER.decode()})
    out = io.BytesIO()
    writer.write(out)
    (repo.root / ATTACHMENT).write_bytes(out.getvalue())
    # An event names it among its related publications: the link waits for the embargo too.
    repo.replace(
        "data/events.yaml",
        "publications: [2025-note-position-colombie]",
        f"publications: [2025-note-position-colombie, {ID}]",
    )
    return repo


def every_byte(site: Path) -> bytes:
    """The whole built site, with Pagefind's compressed index unpacked."""
    chunks = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        chunks.append(data)
    return b"\n".join(chunks)


class KeptMessages(logging.Handler):
    """The messages of the records it handles, as caplog.messages lists them."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, tuple[Path, list[str]]]:
    """The same sources built one second before the embargo lifts, and at the instant it lifts: each site and the
    messages its build logged (mkdocs.hooks.pdh at INFO level, as caplog.at_level shows them)."""
    built = {}
    logger = logging.getLogger("mkdocs.hooks.pdh")
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, epoch in (("before", BEFORE), ("at", AT)):
                patch.setenv("SOURCE_DATE_EPOCH", epoch)
                kept = KeptMessages()
                logger.addHandler(kept)
                try:
                    built[name] = with_embargoed_release(tmp_path_factory.mktemp(name)).build(), kept.messages
                finally:
                    logger.removeHandler(kept)
    finally:
        logger.setLevel(level)
    return built


@pytest.fixture(scope="module")
def two_builds(builds) -> dict[str, Path]:
    return {name: site for name, (site, _) in builds.items()}


def test_the_sources_are_valid_whatever_the_day(tmp_path):
    assert [str(p) for p in check_problems(with_embargoed_release(tmp_path).root).sorted()] == []


@pytest.mark.parametrize(
    "marker", [MARKER.encode(), BODY_MARKER.encode(), PDF_MARKER, ID.encode(), b"communique-sous-embargo"]
)
def test_before_the_embargo_no_byte_of_it_is_in_the_site(two_builds, marker):
    assert marker not in every_byte(two_builds["before"])
    assert marker in every_byte(two_builds["at"])  # the same check finds it once published


def test_before_the_embargo_it_is_in_no_page_list_feed_sitemap_export_or_count(two_builds):
    before, at = two_builds["before"], two_builds["at"]
    for site, published in ((before, False), (at, True)):
        assert (site / "publications" / ID / "index.html").is_file() is published
        assert (site / "en" / "publications" / ID / "index.html").is_file() is published
        assert (site / ATTACHMENT.removeprefix("content/")).is_file() is published
        sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
        assert (f"publications/{ID}/" in sitemap) is published
        for feed in (
            "flux/tout.xml",
            "flux/publications.xml",
            "flux/publications/type/communique-de-presse.atom",
            "en/feeds/all.xml",
        ):
            links = [entry.link for entry in feedparser.parse((site / feed).read_bytes()).entries]
            assert any(link.endswith(f"publications/{ID}/") for link in links) is published, feed
        index = json.loads((site / "publications" / "index.json").read_text(encoding="utf-8"))
        assert (ID in json.dumps(index)) is published
        press = soup(site / "presse" / "index.html")
        assert any(ID in a["href"] for a in press.select("main a[href]")) is published
    # The counts follow: the library says one publication more once it is published.
    lead = {
        name: soup(site / "publications" / "index.html").select_one(".pdh-lead").get_text()
        for name, site in two_builds.items()
    }
    count = {name: int("".join(c for c in text.split(":")[1] if c.isdigit())) for name, text in lead.items()}
    assert count["at"] == count["before"] + 1


def test_the_event_that_names_it_links_to_it_only_once_published(two_builds):
    pages = {
        name: [
            p
            for p in (site / "agenda").rglob("index.html")
            if "2025-note-position-colombie" in p.read_text(encoding="utf-8")
        ]
        for name, site in two_builds.items()
    }
    assert pages["before"] and len(pages["before"]) == len(pages["at"])
    for path in pages["at"]:
        assert f"publications/{ID}/" in path.read_text(encoding="utf-8")
    for path in pages["before"]:
        assert ID not in path.read_text(encoding="utf-8")


def test_the_build_says_what_it_withholds_and_until_when(builds):
    _, said = builds["before"]
    assert (
        f"Attention : content/publications/{ID}.md : sous embargo jusqu'au 01/01/2026 à 09:00 (heure de Paris), "
        "absente du site jusqu'à la première construction qui suit"
    ) in said


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            '"2026-01-01"',
            "« 2026-01-01 » n'a pas d'heure : l'embargo se lève à une heure précise, écrivez par exemple "
            "« 2026-01-01T09:00+01:00 » (9 h, heure de Paris)",
        ),
        (
            '"2026-07-01T09:00"',
            "« 2026-07-01T09:00 » n'indique pas de fuseau horaire : pour l'heure de Paris, "
            "écrivez « 2026-07-01T09:00+02:00 »",
        ),
        ('"2026-13-01T09:00+01:00"', "date impossible « 2026-13-01 » : il n'y a pas de mois 13"),
        ('"demain"', "« demain » n'est pas une date (AAAA-MM-JJ) ni une date et heure (AAAA-MM-JJTHH:MM+02:00)"),
    ],
)
def test_a_bad_embargo_is_located_and_says_what_to_type(tmp_path, value, message):
    repo = with_embargoed_release(tmp_path)
    repo.write(f"content/publications/{ID}.md", publication(value))
    line = repo.line_of(f"content/publications/{ID}.md", "embargo:")
    found = [str(p) for p in check_problems(repo.root).sorted()]
    assert found == [f"content/publications/{ID}.md:{line} — publication « {ID} » — embargo : {message}"]
