"""Generated page bodies: autoescaping Jinja templates from overrides/pdh/, links relative to the page."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup

from ..content import geo
from ..content.model import ACTION_STATUS, AUDIENCES, EVENT_STATUS, EVENT_TYPES, PUBLICATION_TYPES
from ..content.text import plain_text, render_markdown
from ..plan import agenda
from ..plan import library
from ..plan import urls
from ..plan.catalog import Catalog
from ..plan.generated import GeneratedPage
from ..plan.logos import initials
from . import jsonld


class Renderer:
    """Renders the body of generated pages; contributed text is escaped or sanitised, never trusted."""

    def __init__(self, templates_dir: Path, catalog: Catalog, site_url: str):
        self.catalog = catalog
        self.site_url = site_url
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        )
        self.env.filters.update(
            markdown=lambda text, baselevel=3: Markup(render_markdown(str(text), baselevel)),
            plain=lambda text, limit=300: plain_text(str(text), limit),
            country=geo.country_name, language=geo.language_name, initials=initials,
            jsonld=lambda data: Markup(jsonld.dump(data)),
        )
        self.env.globals.update(
            catalog=catalog, urls=urls, jsonld=jsonld, site_url=site_url, country_name=geo.country_name,
            event_types=EVENT_TYPES, event_status=EVENT_STATUS, publication_types=PUBLICATION_TYPES,
            action_status=ACTION_STATUS, date_fr=library.date_fr, period=period_fr, audiences=AUDIENCES,
            when_fr=agenda.when_fr, place_fr=agenda.place_fr, registration_open=agenda.registration_open,
            deadline_fr=deadline_fr, organisers=lambda event: [catalog.member_by_id[m] for m in event.organisers],
            facet_kinds=[(kind, label) for kind, (_, label) in library.FACET_KINDS.items()],
            author_names=lambda ids: library.author_names(catalog, ids),
            cite=lambda publication: {
                "fr": library.citation_fr(catalog, publication, self.absolute(urls.publication(publication.id))),
                "bibtex": library.bibtex(catalog, publication, self.absolute(urls.publication(publication.id)))},
            members_for_jsonld=lambda members: [(str(m.name), self.absolute(urls.member(m.id))) for m in members],
        )

    def absolute(self, src: str) -> str:
        return self.site_url + urls.src_to_url(src)

    def render(self, page: GeneratedPage, page_url: str, heading_id: str) -> str:
        return self.render_template(page.template, page_url, page=page, heading_id=heading_id, **page.context)

    def render_template(self, name: str, page_url: str, **context) -> str:
        """A template with links relative to the page at `page_url`."""
        url: Callable[[str], str] = lambda src: urls.relative_url(src, page_url)
        return self.env.get_template(name).render(url=url, absolute=self.absolute, **context)


def period_fr(action) -> str:
    """« du 1er mars 2025 au 30 juin 2025 », or « depuis le … » while it runs."""
    if action.end is None:
        return f"depuis le {library.date_fr(action.start)}"
    return f"du {library.date_fr(action.start)} au {library.date_fr(action.end)}"


def deadline_fr(event) -> str:
    """The registration deadline as readers say it, in the event's zone."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    deadline = event.registration.deadline
    if isinstance(deadline, datetime):
        local = deadline.astimezone(ZoneInfo(event.timezone))
        return f"{library.date_fr(local.date())} à {local.hour} h {local.minute:02d}"
    return library.date_fr(deadline)
