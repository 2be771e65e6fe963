"""The entries' social cards: one picture per entry, drawn in the site's source language, for every edition's page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..content.i18n import SOURCE
from ..plan.generated import GeneratedPage
from .socialcards import CardCache

CARD_FOLDER = "assets/cartes"


def add_social_cards(pages: dict[str, GeneratedPage], root: Path, site_name: str) -> dict[str, bytes]:
    """Draw (or take from the cache) the card of every page that has one; point each page's `image` at its
    entry's card (translations share it) and return the files to publish."""
    cache, files, by_pair = CardCache(), {}, {}
    for page in pages.values():
        if page.card is None or page.lang != SOURCE:
            continue
        card = page.card
        logo = (root / card.logo).read_bytes() if card.logo else None  # checked when the data was loaded
        src = f"{CARD_FOLDER}/{page.pair.removesuffix('.md')}.png"
        files[src] = cache.get_or_draw(
            title=card.title, kind=card.kind, date=card.date or None, site_name=site_name, logo=logo, lang=SOURCE
        )
        by_pair[page.pair] = src
    for src_uri, page in list(pages.items()):
        if page.pair in by_pair:
            pages[src_uri] = replace(page, image=by_pair[page.pair])
    cache.prune(keep_used_only=False)  # the cards of other sites built on this machine stay (tests build many)
    return files
