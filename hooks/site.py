"""MkDocs adapter: maps build events onto the `pdh` package. Only this file knows MkDocs."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from pdh.catalog import Catalog, load_catalog
from pdh.clock import build_time
from pdh.completeness import check_completeness, read_sitemap
from pdh.csp import add_security_meta
from pdh.agenda import split
from pdh.errors import ContentError
from pdh.logos import Logo, prepare_logo
from pdh.generated import GeneratedPage, Settings, expected_pages
from pdh.library import attachment_infos, library_index_json
from pdh.feedplan import Feed, feed_links_by_page, missing_feed_entries, plan_feeds
from pdh.outputs import calendar_files
from pdh.pages import PRESS_FILES, plan_pages
from pdh.pdftext import extract_text
from pdh.search import index_site
from pdh.render import Renderer
from pdh.text import sanitize_page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


class _Build:
    """State of the current build; replaced on every build (serve keeps this module alive)."""

    root: Path
    now: datetime
    catalog: Catalog
    renderer: Renderer
    logos: dict[str, Logo]
    generated: dict[str, GeneratedPage]
    feeds: list[Feed]
    feed_links: tuple[list, dict]


_build = _Build()
# Material markup that the HTML standard forbids: autocomplete on its toggle checkboxes and an
# empty tabindex on section labels (partials/nav-item.html). Removed from our own output.
_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^>]*?) tabindex=""')
_NEXT_EVENTS = "<p>{{ prochains_evenements }}</p>"
_UNUSED_THEME_FILES = ("assets/javascripts/workers/", "assets/javascripts/lunr/")  # Material's search, replaced


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _build.root = Path(config.config_file_path).parent
    _build.now = build_time()  # the one clock of the build: « upcoming », registration, DTSTAMP
    try:
        _build.catalog = load_catalog(_build.root)
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    site_url = config.site_url or "/"
    _build.renderer = Renderer(_build.root / "overrides" / "pdh", _build.catalog, site_url)
    _build.logos = {}
    _build.generated = {}
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for file in [f for f in files if f.src_uri.startswith(_UNUSED_THEME_FILES)]:
        files.remove(file)
    for member in _build.catalog.members:
        if member.logo:
            logo, assets = prepare_logo(member.id, _build.root / member.logo)
            _build.logos[member.id] = logo
            for src_uri, data in assets.items():
                _add(files, File.generated(config, src_uri, content=data))
    publications = {f"content/{f.src_uri}" for f in files if f.src_uri.startswith("publications/") and f.src_uri.endswith(".md")}
    for file in [f for f in files if f"content/{f.src_uri}" in publications]:
        files.remove(file)  # replaced by generated pages built from the validated front matter
    _add(files, File.generated(config, "publications/index.json", content=library_index_json(_build.catalog)))
    settings = Settings(**(config.extra.get("pdh") or {}))
    attachments = attachment_infos(_build.root, _build.catalog)
    feeds = plan_feeds(_build.catalog, config.site_url or "/", settings, attachments)
    _build.feeds = feeds
    _build.feed_links = feed_links_by_page(feeds)
    _build.renderer.env.globals["feeds"] = feeds
    for feed in feeds:
        for src_uri, data in feed.files().items():
            _add(files, File.generated(config, src_uri, content=data))
    for src_uri, data in calendar_files(_build.catalog, config.site_url or "/", _build.now).items():
        _add(files, File.generated(config, src_uri, content=data))
    press_sizes = {rel: (_build.root / "content" / rel).stat().st_size for rel in PRESS_FILES}
    fulltexts = _fulltexts(attachments)
    for page in plan_pages(_build.catalog, _build.logos, attachments, settings, _build.now, press_sizes, fulltexts):
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        _add(files, File.generated(config, page.src_uri, content=f"# {page.title}\n", inclusion=inclusion))
        _build.generated[page.src_uri] = page
    return files


def _fulltexts(attachments) -> dict[str, dict[str, str | None]]:
    """Text of every attached PDF, by publication and file (cached by content hash in .cache/)."""
    cache = _build.root / ".cache" / "pdf-text"
    out: dict[str, dict[str, str | None]] = {}
    for publication in _build.catalog.publications:
        for attachment in publication.meta.attachments:
            info = attachments[attachment.file]
            if info.mime_type == "application/pdf":
                out.setdefault(publication.id, {})[info.src] = extract_text(_build.root / attachment.file, cache)
    return out


def _add(files: Files, file: File) -> None:
    """Add a generated file; one that already exists would be silently replaced, so refuse it."""
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"{file.src_uri} : ce fichier est généré à partir des données, supprimez content/{file.src_uri}")
    files.append(file)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    everywhere, by_page = _build.feed_links
    feeds = [(kind, escape(title), escape(url)) for kind, title, url in [*everywhere, *by_page.get(page.file.src_uri, [])]]
    generated = _build.generated.get(page.file.src_uri)
    if generated is not None:
        # Values Material prints unescaped: only escaped copies reach it.
        page.meta = {"title": escape(generated.title), "description": escape(generated.description),
                     "og_type": generated.og_type, "scripts": generated.scripts, "feeds": feeds}
        if generated.image:
            page.meta["og_image"] = escape((config.site_url or "") + generated.image)
        if generated.search:
            page.meta["search"] = {"kind": escape(generated.search.kind), "date": escape(generated.search.date),
                                   "filters": [(escape(k), escape(v)) for k, v in generated.search.filters]}
        return markdown
    meta = _build.catalog.pages.get(page.file.src_uri)
    if meta is not None:
        page.meta = {"title": escape(str(meta.title)), "feeds": feeds, "search": {"kind": "Page", "date": "", "filters": []}}
        if meta.description:
            page.meta["description"] = escape(str(meta.description))
    counts = _build.catalog.counts
    figures = (f"La Plateforme compte aujourd'hui {counts['member']} membre{'s' if counts['member'] > 1 else ''} "
               f"et {counts['observer']} observateur{'s' if counts['observer'] > 1 else ''}.")
    return markdown.replace("{{ chiffres_adhesion }}", figures)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _build.generated.get(page.file.src_uri)
    if generated is not None:
        # Material's skip link targets the first heading's id: the h1 the template writes.
        heading_id = next(iter(page.toc)).id if page.toc else "contenu"
        return _build.renderer.render(generated, page.url, heading_id)
    html = sanitize_page(html)
    if _NEXT_EVENTS in html:  # trusted block, inserted after the contributed HTML was sanitised
        upcoming = split(_build.catalog.events, _build.now).upcoming[:3]
        html = html.replace(_NEXT_EVENTS, _build.renderer.render_template(
            "home_events.html", page.url, events=upcoming, now=_build.now), 1)
    return html


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    missing = check_completeness(expected_pages(list(_build.generated.values())), site,
                                 read_sitemap(site, config.site_url or "/"))
    missing += missing_feed_entries(_build.feeds, site)
    if missing:
        raise PluginError("Contrôle d'exhaustivité : des entrées manquent dans le site construit :\n" + "\n".join(missing))
    try:
        index_site(site)
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _finish_html(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return _finish_html(output_content) if template_name.endswith(".html") else output_content


def _finish_html(html: str) -> str:
    return add_security_meta(_EMPTY_TABINDEX.sub(r"\1", _AUTOCOMPLETE.sub(r"\1", html)))
