"""Embargoed publications: until their `embargo` instant they are in no page, list, feed, calendar,
sitemap, search index, export or count, and their attached files are not published.

The build filters them out of the catalog once, before anything is planned, so no later step can
show them by mistake; the next build after the instant publishes them (the scheduled build runs
every hour).
"""

from __future__ import annotations

from datetime import datetime

from ..content.model import Event, Publication


def under_embargo(publications: list[Publication], now: datetime) -> tuple[list[Publication], list[Publication]]:
    """(published, withheld): a publication is withheld while `now` is before its embargo."""
    published: list[Publication] = []
    withheld: list[Publication] = []
    for publication in publications:
        lifts = publication.meta.embargo
        (withheld if lifts is not None and now < lifts else published).append(publication)
    return published, withheld


def without_links_to(events: list[Event], withheld: set[str]) -> list[Event]:
    """Events as published while some publications are withheld: their « related publications » leave those out."""
    if not withheld:
        return events
    return [
        event.model_copy(update={"publications": [p for p in event.publications if p not in withheld]})
        if withheld.intersection(event.publications)
        else event
        for event in events
    ]


def withheld_files(published: list[Publication], withheld: list[Publication]) -> set[str]:
    """Attached files (paths under the repository) only withheld publications use: not copied to the site."""
    used = {a.file for p in published for a in p.meta.attachments}
    return {a.file for p in withheld for a in p.meta.attachments} - used
