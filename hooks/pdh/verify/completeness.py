"""After the build: every entry of the data has its page, its listings and its sitemap line."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..plan.feedmodel import tag_uri
from ..plan.feedplan import Feed
from ..plan.generated import Expected

# The href of every link, as the templates write them (quoted attributes): the pages checked here are
# the ones this build just rendered, so a full HTML parser (5× slower over thousands of pages) adds nothing.
_HREF = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"')


def _page_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url.endswith("/") or not url else site / url


def _links_of(site: Path, url: str, cache: dict[str, set[str]]) -> set[str]:
    """Site-relative URLs a built page links to (read and resolved once per page)."""
    if url not in cache:
        path = _page_file(site, url)
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        resolved = set()
        for href in (html.unescape(h) for h in _HREF.findall(text) if h):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = posixpath.normpath(posixpath.join("/" + url, parts.path))
            resolved.add(
                target.strip("/") + "/"
                if parts.path.endswith("/") or parts.path in ("", ".", "..")
                else target.strip("/")
            )
        cache[url] = resolved
    return cache[url]


def check_completeness(expected: list[Expected], site: Path, sitemap_urls: set[str]) -> list[str]:
    """French messages for every entry missing from its page, a listing or the sitemap."""
    problems: list[str] = []
    cache: dict[str, set[str]] = {}
    for item in expected:
        if not _page_file(site, item.url).is_file():
            problems.append(f"{item.label} : page /{item.url} absente du site construit")
        for listing in item.listed_in:
            if item.url not in _links_of(site, listing, cache):
                problems.append(f"{item.label} : absent de la liste /{listing}")
        if item.url not in sitemap_urls:
            problems.append(f"{item.label} : absent du plan du site (sitemap.xml)")
    return problems


def read_sitemap(site: Path, site_url: str) -> set[str]:
    """Site-relative URLs listed in sitemap.xml."""
    import xml.etree.ElementTree as ET

    path = site / "sitemap.xml"
    if not path.is_file():
        return set()
    base = urlsplit(site_url).path
    urls = set()
    for loc in ET.parse(path).getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        rel = urlsplit(loc.text or "").path
        urls.add(rel[len(base) :] if rel.startswith(base) else rel.lstrip("/"))
    return urls


def missing_feed_entries(feeds: list[Feed], site_dir: Path) -> list[str]:
    """French messages for every planned entry absent from the RSS file written for its feed."""
    import xml.etree.ElementTree as ET

    problems = []
    for feed in feeds:
        rel = feed.info.rss_url.removeprefix(feed.info.site_url)
        path = Path(site_dir) / rel
        written = {guid.text for guid in ET.parse(path).getroot().iter("guid")} if path.is_file() else set()
        for entry in feed.entries:
            if tag_uri(feed.info.authority, feed.info.tag_date, entry.id) not in written:
                problems.append(f"{entry.id} : absent du flux /{rel}")
    return problems
