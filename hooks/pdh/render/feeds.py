"""Feed entries → RSS 2.0, Atom 1.0 and JSON Feed 1.1 bytes: deterministic, well-formed whatever the text."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import fields, replace
from html.parser import HTMLParser
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator

from ..plan.feedmodel import Enclosure, FeedEntry, FeedInfo, tag_uri, to_paris
from ..plan.feedplan import Feed

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# Characters XML 1.0 forbids (lxml refuses them rather than writing an ill-formed document).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_URL_ATTRIBUTES = {"href", "src"}
_Record = TypeVar("_Record", "Enclosure", "FeedEntry", "FeedInfo")


def feed_files(feed: Feed) -> dict[str, bytes]:
    """The files of a planned feed (site path → bytes): RSS and Atom, and JSON Feed when planned."""
    info, entries = feed.info, feed.entries
    base = info.feed_base_url.removeprefix(info.site_url)
    out = {f"{base}{info.slug}.xml": render_rss(info, entries), f"{base}{info.slug}.atom": render_atom(info, entries)}
    if feed.json:
        out[f"{base}{info.slug}.json"] = render_json_feed(info, entries)
    return out


def absolutize_links(fragment: str, base_url: str) -> str:
    """Make relative href/src values of an HTML fragment absolute; everything else is kept byte for byte."""
    finder = _TagFinder(base_url)
    finder.feed(fragment)
    finder.close()
    line_starts = [0]
    for text in fragment.split("\n")[:-1]:
        line_starts.append(line_starts[-1] + len(text) + 1)
    out, done = [], 0
    for (line, column), raw, new in finder.rewrites:
        start = line_starts[line - 1] + column
        if fragment.startswith(raw, start):  # the parser's position is exact; guard anyway
            out += [fragment[done:start], new]
            done = start + len(raw)
    return "".join(out) + fragment[done:]


def render_rss(info: FeedInfo, entries: Iterable[FeedEntry]) -> bytes:
    """The RSS 2.0 document (<slug>.xml)."""
    info, kept = _prepare(info, entries)
    rss: bytes = _generator(info, kept, self_url=info.rss_url, self_type="application/rss+xml").rss_str(pretty=True)
    return rss


def render_atom(info: FeedInfo, entries: Iterable[FeedEntry]) -> bytes:
    """The Atom 1.0 document (<slug>.atom)."""
    info, kept = _prepare(info, entries)
    atom: bytes = _generator(info, kept, self_url=info.atom_url, self_type="application/atom+xml").atom_str(pretty=True)
    return atom


def render_json_feed(info: FeedInfo, entries: Iterable[FeedEntry]) -> bytes:
    """The JSON Feed 1.1 document (<slug>.json)."""
    info, kept = _prepare(info, entries)
    feed = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "description": info.description,
        "home_page_url": info.page_url,
        "feed_url": info.json_url,
        "language": info.language,
        "authors": [{"name": info.publisher, "url": info.site_url}],
        "items": [_json_item(info, entry) for entry in kept],
    }
    return (json.dumps(feed, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def render_feeds(info: FeedInfo, entries: Iterable[FeedEntry]) -> dict[str, bytes]:
    """The three feed files, by file name relative to feed_base_url."""
    entries = tuple(entries)
    return {
        f"{info.slug}.xml": render_rss(info, entries),
        f"{info.slug}.atom": render_atom(info, entries),
        f"{info.slug}.json": render_json_feed(info, entries),
    }


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _cleaned(obj: _Record) -> _Record:
    """A copy of a dataclass with XML-illegal characters removed from every text, empty list items dropped."""
    changes: dict[str, Any] = {}  # field name → its cleaned value, of that field's type
    for field in fields(obj):
        value = getattr(obj, field.name)
        if isinstance(value, str):
            changes[field.name] = _clean(value)
        elif isinstance(value, tuple):
            changes[field.name] = tuple(text for text in map(_clean, value) if text.strip())
        elif isinstance(value, Enclosure):
            changes[field.name] = _cleaned(value)
    return replace(obj, **changes)


def _prepare(info: FeedInfo, entries: Iterable[FeedEntry]) -> tuple[FeedInfo, list[FeedEntry]]:
    """Clean the text, refuse duplicate ids, keep the `limit` newest entries, newest first, in Paris time."""
    entries = list(entries)
    ids = [entry.id for entry in entries]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"flux « {info.id} » : entrées en double : {', '.join(twice)}")
    ordered = sorted(entries, key=lambda e: (to_paris(e.published), e.id), reverse=True)
    kept = [_cleaned(entry) for entry in ordered[: info.limit]]
    return _cleaned(info), [
        replace(
            entry,
            content_html=absolutize_links(entry.content_html, entry.url),
            published=to_paris(entry.published),
            updated=to_paris(entry.updated),
        )
        for entry in kept
    ]


def _generator(info: FeedInfo, kept: list[FeedEntry], *, self_url: str, self_type: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)  # dc:creator: RSS's <author> must be an email address
    fg.register_extension("atom_links", BaseExtension, _AtomEntryLinks, atom=True, rss=False)
    fg.id(tag_uri(info.authority, info.tag_date, info.id))
    fg.title(info.title)
    fg.description(info.description)
    # RSS's channel <link> is the *last* link given to feedgen, whatever its rel: alternate goes last.
    fg.link(href=self_url, rel="self", type=self_type)
    fg.link(href=info.page_url, rel="alternate", type="text/html")
    fg.language(info.language)
    fg.author(name=info.publisher, uri=info.site_url)  # Atom needs an author; entries may have none
    # No version: the bytes must not change with a feedgen upgrade.
    fg.generator("python-feedgen", uri="https://lkiesow.github.io/python-feedgen")
    fg.docs("https://www.rssboard.org/rss-specification")
    fg.updated(max((e.updated for e in kept), default=to_paris(info.fallback_updated)))  # feedgen's default: now
    for entry in kept:
        _add_entry(fg, info, entry)
    return fg


def _add_entry(fg: FeedGenerator, info: FeedInfo, entry: FeedEntry) -> None:
    fe = fg.add_entry(order="append")  # feedgen prepends by default
    fe.id(tag_uri(info.authority, info.tag_date, entry.id))  # also the RSS guid, isPermaLink="false"
    fe.title(entry.title)
    fe.link(href=entry.url, rel="alternate", type="text/html")
    fe.published(entry.published)
    fe.updated(entry.updated)
    summary_html = html.escape(entry.summary, quote=False)
    if entry.summary:
        # RSS <description> is HTML once unescaped: escape the plain text so "<b>" stays visible text.
        # feedgen's description() also sets Atom's content, which content() below replaces.
        fe.description(summary_html)
        fe.summary(entry.summary)
    if entry.content_html or entry.summary:
        fe.content(entry.content_html or summary_html, type="html")
    for category in entry.categories:
        fe.category(term=category)
    if entry.authors:
        fe.author([{"name": name} for name in entry.authors])  # no email: Atom only
        fe.dc.dc_creator(list(entry.authors))
    if entry.enclosure:
        e = entry.enclosure
        fe.enclosure(url=e.url, length=str(e.length), type=e.mime_type)
    fe.atom_links.links = list(fe.link())


def _json_item(info: FeedInfo, entry: FeedEntry) -> dict[str, object]:
    item: dict[str, object] = {
        "id": tag_uri(info.authority, info.tag_date, entry.id),
        "url": entry.url,
        "title": entry.title,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
    }
    if entry.content_html:
        item["content_html"] = entry.content_html
    else:
        item["content_text"] = entry.summary  # JSON Feed requires one of the two
    e = entry.enclosure
    optional = {
        "summary": entry.summary,
        "tags": list(entry.categories),
        "authors": [{"name": name} for name in entry.authors],
        "attachments": [{"url": e.url, "mime_type": e.mime_type, "size_in_bytes": e.length}] if e else [],
    }
    return item | {key: value for key, value in optional.items() if value}


class _AtomEntryLinks(BaseEntryExtension):  # type: ignore[misc]  # feedgen has no type information
    """Puts back rel/type/length on an Atom entry's links: feedgen 1.0 writes only href (python-feedgen#135)."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry: Any) -> Any:  # an lxml element (lxml has no type information here)
        for element, link in zip(entry.findall("link"), self.links, strict=False):
            for key in ("rel", "type", "hreflang", "title", "length"):
                if link.get(key):
                    element.set(key, link[key])
        return entry


class _TagFinder(HTMLParser):
    """Finds start tags whose href/src is relative and computes their absolute version."""

    def __init__(self, base_url: str):
        super().__init__(convert_charrefs=False)
        self.base_url = base_url
        self.rewrites: list[tuple[tuple[int, int], str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool = False) -> None:
        fixed = [
            (name, self._absolute(value) if name in _URL_ATTRIBUTES and value is not None else value)
            for name, value in attrs
        ]
        if fixed != attrs:
            parts = "".join(f" {n}" if v is None else f' {n}="{html.escape(v, quote=True)}"' for n, v in fixed)
            new = f"<{tag}{parts}{' /' if closed else ''}>"
            self.rewrites.append((self.getpos(), self.get_starttag_text() or "", new))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs, closed=True)

    def _absolute(self, url: str) -> str:
        try:
            return url if urlsplit(url.strip()).scheme else urljoin(self.base_url, url.strip())
        except ValueError:  # e.g. an unbalanced "[" in the host: not ours to repair
            return url
