"""One build of the site, independent of MkDocs: what it adds, how its pages are filled, what it verifies."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import escape

from .agenda import split
from .catalog import Catalog, load_catalog
from .completeness import check_completeness, read_sitemap
from .feedplan import Feed, feed_links_by_page, missing_feed_entries, plan_feeds
from .generated import GeneratedPage, Settings, expected_pages
from .library import AttachmentInfo, attachment_infos, library_index_json
from .logos import prepare_logo
from .outputs import calendar_files
from .pages import PRESS_FILES, plan_pages
from .pdftext import extract_text
from .render import Renderer
from .text import sanitize_page

NEXT_EVENTS = "<p>{{ prochains_evenements }}</p>"   # placeholder of the home page
FIGURES = "{{ chiffres_adhesion }}"                 # placeholder of the join page


@dataclass
class Build:
    """Everything one build generates from the data, planned before MkDocs renders a page."""

    root: Path
    site_url: str
    now: datetime
    catalog: Catalog
    renderer: Renderer
    pages: dict[str, GeneratedPage] = field(default_factory=dict)   # src_uri → page
    files: dict[str, bytes] = field(default_factory=dict)           # src_uri → other generated file
    feeds: list[Feed] = field(default_factory=list)
    feed_links: tuple[list, dict] = ([], {})


def start_build(root: Path, site_url: str, settings: dict[str, Any] | None, now: datetime) -> Build:
    """Load and validate the data (ContentError lists every problem), then plan every output."""
    catalog = load_catalog(root)
    build = Build(root, site_url, now, catalog, Renderer(root / "overrides" / "pdh", catalog, site_url))
    options = Settings(**(settings or {}))
    logos = {}
    for member in catalog.members:
        if member.logo:
            logos[member.id], assets = prepare_logo(member.id, root / member.logo)
            build.files.update(assets)
    build.files["publications/index.json"] = library_index_json(catalog)
    attachments = attachment_infos(root, catalog)
    build.feeds = plan_feeds(catalog, site_url, options, attachments)
    build.feed_links = feed_links_by_page(build.feeds)
    build.renderer.env.globals["feeds"] = build.feeds
    for feed in build.feeds:
        build.files.update(feed.files())
    build.files.update(calendar_files(catalog, site_url, now))
    press_sizes = {rel: (root / "content" / rel).stat().st_size for rel in PRESS_FILES}
    pages = plan_pages(catalog, logos, attachments, options, now, press_sizes, _fulltexts(root, catalog, attachments))
    build.pages = {page.src_uri: page for page in pages}
    return build


def _fulltexts(root: Path, catalog: Catalog, attachments: dict[str, AttachmentInfo]) -> dict[str, dict[str, str | None]]:
    """Text of every attached PDF, by publication and file (cached by content hash in .cache/)."""
    cache = root / ".cache" / "pdf-text"
    out: dict[str, dict[str, str | None]] = {}
    for publication in catalog.publications:
        for attachment in publication.meta.attachments:
            info = attachments[attachment.file]
            if info.mime_type == "application/pdf":
                out.setdefault(publication.id, {})[info.src] = extract_text(root / attachment.file, cache)
    return out


def page_meta(build: Build, src_uri: str) -> dict[str, Any] | None:
    """The page's metadata for the templates, every text escaped (MkDocs' Jinja does not escape)."""
    everywhere, by_page = build.feed_links
    feeds = [(kind, escape(title), escape(url)) for kind, title, url in [*everywhere, *by_page.get(src_uri, [])]]
    generated = build.pages.get(src_uri)
    if generated is not None:
        meta: dict[str, Any] = {"title": escape(generated.title), "description": escape(generated.description),
                                "og_type": generated.og_type, "scripts": generated.scripts, "feeds": feeds}
        if generated.image:
            meta["og_image"] = escape(build.site_url + generated.image)
        if generated.search:
            meta["search"] = {"kind": escape(generated.search.kind), "date": escape(generated.search.date),
                              "filters": [(escape(k), escape(v)) for k, v in generated.search.filters]}
        return meta
    editorial = build.catalog.pages.get(src_uri)
    if editorial is None:
        return None
    meta = {"title": escape(str(editorial.title)), "feeds": feeds, "search": {"kind": "Page", "date": "", "filters": []}}
    if editorial.description:
        meta["description"] = escape(str(editorial.description))
    return meta


def fill_markdown(build: Build, markdown: str) -> str:
    """Figures from the data in an editorial page's Markdown."""
    counts = build.catalog.counts
    figures = (f"La Plateforme compte aujourd'hui {counts['member']} membre{'s' if counts['member'] > 1 else ''} "
               f"et {counts['observer']} observateur{'s' if counts['observer'] > 1 else ''}.")
    return markdown.replace(FIGURES, figures)


def page_html(build: Build, src_uri: str, html: str, page_url: str, heading_id: str) -> str:
    """A generated page's body, or a contributed page's HTML sanitised (then our own blocks added)."""
    generated = build.pages.get(src_uri)
    if generated is not None:
        return build.renderer.render(generated, page_url, heading_id)
    html = sanitize_page(html)
    if NEXT_EVENTS in html:  # trusted block, inserted after the contributed HTML was sanitised
        upcoming = split(build.catalog.events, build.now).upcoming[:3]
        html = html.replace(NEXT_EVENTS, build.renderer.render_template(
            "home_events.html", page_url, events=upcoming, now=build.now), 1)
    return html


def verify(build: Build, site_dir: Path) -> list[str]:
    """What the built site lacks: pages, listing links, sitemap lines, feed entries."""
    missing = check_completeness(expected_pages(list(build.pages.values())), site_dir,
                                 read_sitemap(site_dir, build.site_url))
    return missing + missing_feed_entries(build.feeds, site_dir)
