"""A value of a listing filter (directory, library, agenda): its label, its static page, its entries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..content.collation import collation_key
from ..content.model import Event, Publication

T = TypeVar("T")  # what a facet selects: members, publications or events


@dataclass(frozen=True)
class Facet(Generic[T]):
    kind: str  # URL parameter and data attribute: theme, pays, statut, type…
    value: str
    label: str  # what readers see: « Droits des femmes », « Colombie »
    src_uri: str  # its static page (the listing filtered by this value)
    items: tuple[T, ...]  # the entries it selects, in listing order
    lang: str = ""  # the language of the label when it is not the page's (a French theme on an English page)

    @classmethod
    def labelled(
        cls, kind: str, value: str, label: str | tuple[str, str], src_uri: str, items: tuple[T, ...]
    ) -> Facet[T]:
        """A facet whose label is a text, or a data label with the language it is written in (Edition.label)."""
        text, lang = (label, "") if isinstance(label, str) else label
        return cls(kind, value, text, src_uri, items, lang)


def by_label(facets: Iterable[Facet[T]]) -> list[Facet[T]]:
    """Facets in French alphabetical order of their labels (« Équateur » among the E)."""
    return sorted(facets, key=lambda facet: collation_key(facet.label))


@dataclass(frozen=True)
class SiteFacets:
    """Every facet of the site, computed once per build: pages, feeds and calendars read the same lists."""

    library: dict[str, list[Facet[Publication]]]  # by kind: type, theme, pays, annee, membre, langue
    agenda: dict[str, list[Facet[Event]]]  # by kind: type, theme, organisateur
