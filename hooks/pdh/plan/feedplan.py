"""Which feeds the site publishes, what goes in each, and which pages advertise them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from ..content.frenchdates import PARIS
from ..content.model import EVENT_TYPES, PUBLICATION_TYPES, AdvocacyAction, Event, Publication
from ..content.settings import Settings
from ..content.text import plain_text, render_markdown
from .agenda import place, when
from .catalog import Catalog
from .edition import Edition
from .facets import Facet, SiteFacets
from .feedmodel import Enclosure, FeedEntry, FeedInfo, to_paris
from .library import FACET_KINDS, AttachmentInfo, author_names
from .urls import src_to_url


@dataclass(frozen=True)
class Feed:
    """One feed: its metadata, its entries (newest first) and the pages that link it in <head>."""

    info: FeedInfo
    entries: tuple[FeedEntry, ...]
    pages: tuple[str, ...]  # src_uri of the pages that advertise it
    json: bool = False
    label: str = ""  # a facet feed's value, « Droits des femmes »
    kind: str = ""  # a facet feed's criterion (« theme »); empty for the site's main feeds

    def links(self) -> list[tuple[str, str, str]]:
        """(type, title, url) for <link rel="alternate">."""
        out = [
            ("application/rss+xml", f"{self.info.title} (RSS)", self.info.rss_url),
            ("application/atom+xml", f"{self.info.title} (Atom)", self.info.atom_url),
        ]
        if self.json:
            out.append(("application/feed+json", f"{self.info.title} (JSON Feed)", self.info.json_url))
        return out


class FeedPlanner:
    """Builds every entry once, then each feed from the indexes (bounded by the feed limit)."""

    def __init__(
        self,
        catalog: Catalog,
        site_url: str,
        settings: Settings,
        attachments: dict[str, AttachmentInfo],
        ed: Edition,
        today: date | None = None,
    ):
        self.catalog, self.ed, self.paths = catalog, ed, ed.paths
        self.today = today  # the build's day, in Paris: no entry is dated after it
        self.site_url = site_url
        self.settings = settings
        self.attachments = attachments
        self._entries: dict[str, FeedEntry] = {}
        self.fallback = datetime.fromisoformat("2017-09-01T00:00:00+02:00")  # the charter: a date that never moves

    def absolute(self, src: str) -> str:
        return self.site_url + src_to_url(src)

    def publication_entry(self, publication: Publication, *, full: bool = True) -> FeedEntry:
        """The publication's feed entry; `full=False` carries its summary only (facet feeds).

        A publication appears in one facet feed per theme, country, language…: full bodies
        there would multiply the site's size by the number of facets (« amplification »).
        """
        key = self.ed.lang.prefix + "publication/" + publication.id
        cache_key = key if full else key + "#summary"
        if cache_key not in self._entries:
            meta = publication.meta
            enclosure = None
            if meta.attachments:
                info = self.attachments[meta.attachments[0].file]
                enclosure = Enclosure(self.site_url + info.src, info.size, info.mime_type)
            ed, written_in = self.ed, meta.languages[0]
            summary = ed.text(meta.summary, written_in).text
            body = render_markdown(summary) + render_markdown(ed.body(publication).text, 1) if full else ""
            self._entries[cache_key] = FeedEntry(
                id=key,
                title=ed.text(meta.title, written_in).text,
                url=self.absolute(self.paths.publication(publication.id)),
                published=_paris_day(meta.date),
                updated=_paris_day(meta.updated or meta.date),
                summary=plain_text(summary, 500),
                content_html=body,
                categories=(
                    ed._(PUBLICATION_TYPES[meta.type]),
                    *(ed.text(self.catalog.theme_by_id[t].label).text for t in meta.themes),
                ),
                authors=tuple(author_names(self.catalog, meta.authors)),
                enclosure=enclosure,
            )
        return self._entries[cache_key]

    def event_entry(self, event: Event) -> FeedEntry:
        key = self.ed.lang.prefix + "evenement/" + event.id
        if key not in self._entries:
            ed, members_only = self.ed, event.audience == "members"
            status = {"cancelled": ed._("Annulé") + " — ", "postponed": ed._("Reporté") + " — "}.get(event.status, "")
            where = place(event, ed.lang)
            facts = f"{status}{when(event, ed.lang)}" + ("" if members_only or not where else f" — {where}")
            details = "" if members_only or not event.description else render_markdown(ed.text(event.description).text)
            # Without `announced`, the start: but an event to come is not news from the future (it would top every feed).
            announced = event.announced or unannounced_day(event, self.today)
            self._entries[key] = FeedEntry(
                id=key,
                title=ed.text(event.title).text,
                url=self.absolute(self.paths.event(event.id)),
                published=_paris_day(announced),
                updated=_paris_day(max(announced, event.updated or announced)),
                summary=facts + (" — " + ed._("réservé aux membres") if members_only else ""),
                content_html=f"<p>{_escape(facts)}</p>{details}",
                categories=(
                    ed._(EVENT_TYPES[event.type]),
                    *(ed.text(self.catalog.theme_by_id[t].label).text for t in event.themes),
                ),
                authors=tuple(str(self.catalog.member_by_id[m].name) for m in event.organisers)
                or (self.catalog.coalition.name,),
            )
        return self._entries[key]

    def action_entry(self, action: AdvocacyAction) -> FeedEntry:
        key = self.ed.lang.prefix + "action/" + action.id
        if key not in self._entries:
            objective = self.ed.text(action.objective).text
            self._entries[key] = FeedEntry(
                id=key,
                title=self.ed.text(action.title).text,
                url=self.absolute(self.paths.action(action.id)),
                published=_paris_day(action.start),
                updated=_paris_day(action.start),
                summary=plain_text(objective, 500),
                content_html=render_markdown(objective),
                categories=(self.ed._("action de plaidoyer"),),
                authors=(self.catalog.coalition.name,),
            )
        return self._entries[key]

    def feed(
        self,
        key: str,
        title: str,
        description: str,
        page_src: str,
        entries: Iterable[FeedEntry],
        pages: Iterable[str],
        json: bool = False,
        label: str = "",
        kind: str = "",
    ) -> Feed:
        path = self.paths.feed_key(key)
        folder, _, slug = path.rpartition("/")
        info = FeedInfo(
            id=f"{self.paths.feed_folder()}/{path}",
            title=title,
            description=description,
            site_url=self.site_url,
            page_url=self.absolute(page_src),
            feed_base_url=f"{self.site_url}{self.paths.feed_folder()}/{folder + '/' if folder else ''}",
            slug=slug,
            fallback_updated=self.fallback,
            limit=self.settings.feed_limit,
            tag_authority=self.settings.tag_authority,
            language=self.ed.code,
            publisher=self.catalog.coalition.name,
            tag_date=self.catalog.coalition.founding_year,
        )
        # Keep only what the feed shows: each feed costs O(limit), whatever the archive size.
        kept = sorted(entries, key=lambda e: (e.published, e.id), reverse=True)[: self.settings.feed_limit]
        return Feed(info, tuple(kept), tuple(pages), json, label, kind)


def unannounced_day(event: Event, today: date | None) -> date:
    """The day a feed gives an event without `announced`: its first day, or today if that is still to come."""
    first = event.start.astimezone(PARIS).date() if isinstance(event.start, datetime) else event.start
    return min(first, today) if today else first


def _paris_day(day: date | datetime) -> datetime:
    return to_paris(day)


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def plan_feeds(
    catalog: Catalog,
    facets: SiteFacets,
    site_url: str,
    settings: Settings,
    attachments: dict[str, AttachmentInfo],
    ed: Edition,
    today: date | None = None,
) -> list[Feed]:
    """The site-wide feed, the agenda, the whole library and one feed per library facet value."""
    planner = FeedPlanner(catalog, site_url, settings, attachments, ed, today)
    paths, _, limit, site = ed.paths, ed._, settings.feed_limit, catalog.coalition.name
    publications = [planner.publication_entry(p) for p in catalog.publications[:limit]]
    events = [planner.event_entry(e) for e in catalog.events]
    actions = [planner.action_entry(a) for a in catalog.actions]
    feeds = [
        planner.feed(
            "tout",
            _("%(site)s — toutes les actualités") % {"site": site},
            _("Publications, actions de plaidoyer et événements %(of_org)s."),
            paths.home(),
            [*publications, *events, *actions],
            pages=(f"{paths.prefix}*",),
            json=True,
        ),
        planner.feed(
            "publications",
            _("%(site)s — publications") % {"site": site},
            _("Toutes les publications %(of_short)s et de ses membres."),
            paths.publications_page(1),
            publications,
            pages=(paths.publications_page(1),),
        ),
        planner.feed(
            "agenda",
            _("%(site)s — agenda") % {"site": site},
            _("Les événements annoncés par %(the_org)s."),
            paths.index(paths.EVENTS),
            events,
            pages=(paths.index(paths.EVENTS), *(paths.event(e.id) for e in catalog.events)),
        ),
    ]
    for kind, values in facets.library.items():
        noun = _(FACET_KINDS[kind][1]).lower()
        for facet in values:
            feeds.append(_facet_feed(planner, facet, noun))
    return feeds


def _facet_feed(planner: FeedPlanner, facet: Facet[Publication], noun: str) -> Feed:
    paths, _ = planner.paths, planner.ed._
    pages = [paths.publications_facet(facet.kind, facet.value)]
    if facet.kind == "membre":
        pages.append(paths.member(facet.value))
    entries = [planner.publication_entry(p, full=False) for p in facet.items[: planner.settings.feed_limit]]
    return planner.feed(
        f"publications/{facet.kind}/{facet.value.lower()}",
        _("%(site)s — publications — %(noun)s : %(label)s")
        % {"site": planner.catalog.coalition.name, "noun": noun, "label": facet.label},
        _("Publications %(of_org)s — %(noun)s : %(label)s.") % {"noun": noun, "label": facet.label},
        facet.src_uri,
        entries,
        pages=pages,
        label=facet.label,
        kind=facet.kind,
    )


def feed_links_by_page(
    feeds: list[Feed],
) -> tuple[dict[str, list[tuple[str, str, str]]], dict[str, list[tuple[str, str, str]]]]:
    """Links every page of an edition carries (by edition prefix), and the links each page adds for its own feeds."""
    everywhere: dict[str, list[tuple[str, str, str]]] = {}
    by_page: dict[str, list[tuple[str, str, str]]] = {}
    for feed in feeds:
        for page in feed.pages:
            if page.endswith("*"):  # every page of the edition: « * », « en/* »
                everywhere.setdefault(page.removesuffix("*"), []).extend(feed.links())
            else:
                by_page.setdefault(page, []).extend(feed.links())
    return everywhere, by_page
