"""What a generated page is: its place in the site, its head metadata, its template, its duties."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .sources import Source
from .urls import src_to_url


@dataclass(frozen=True)
class Expected:
    """One entry's published page and the listing pages that must link to it."""

    label: str  # « membre « agir-ensemble » »
    url: str  # site-relative directory URL, e.g. membres/agir-ensemble/
    listed_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds: where it lives, its head metadata and its template."""

    src_uri: str
    title: str
    description: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = False
    entry: str = ""  # the data entry this page publishes, for the completeness check
    listed_in: tuple[str, ...] = ()  # listing pages (src_uri) that must link to it
    og_type: str = "website"
    image: str | None = None  # site path of the page's picture (OpenGraph)
    card: Card | None = None  # what its social card shows (pdh.render.cards draws it and sets `image`)
    scripts: tuple[str, ...] = ()  # our own scripts the page needs
    search: SearchInfo | None = None  # indexed by the site search (entries and sections, not listings)
    lang: str = "fr"  # the edition it belongs to
    key: str = ""  # its path on the French site, which pairs it with its translations
    source: Source | None = None  # the file (and line) it is made from: « Modifier cette fiche »

    @property
    def pair(self) -> str:
        return self.key or self.src_uri


@dataclass(frozen=True)
class Card:
    """An entry's social card (OpenGraph image): its kind, title and date line, and the logo file if any."""

    kind: str  # « Note de position », « Conférence », « Membre »
    title: str
    date: str = ""  # « 16 février 2026 », « Lyon »
    logo: str = ""  # contributed raster logo (path under the repository), drawn top right


@dataclass(frozen=True)
class SearchInfo:
    """How the site search shows and filters a page: its kind, its date, its filter values."""

    kind: str  # « Membre », « Publication »…
    date: str = ""  # ISO date shown with the result
    filters: tuple[tuple[str, str], ...] = ()  # (filter, value) pairs; a filter may repeat


def expected_pages(pages: list[GeneratedPage]) -> list[Expected]:
    """What the completeness check must find in the built site."""
    return [
        Expected(page.entry, src_to_url(page.src_uri), tuple(src_to_url(s) for s in page.listed_in))
        for page in pages
        if page.entry
    ]
