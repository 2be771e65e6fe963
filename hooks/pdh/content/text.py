"""Contributed Markdown → HTML that cannot run anything, whatever its author wrote."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import markdown
import nh3

from .cache import TextStore, cache_root, digest

# Nothing that reads files (snippets) or adds attributes (attr_list, md_in_html).
_EXTENSIONS = ["sane_lists", "tables", "toc"]
_BLOCK_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
    "sub",
    "sup",
}
_PAGE_TAGS = _BLOCK_TAGS | {
    "h1",
    "h2",
    "div",
    "span",
    "img",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "del",
    "ins",
    "details",
    "summary",
    "mark",
    "small",
    "caption",
    "colgroup",
    "col",
    "tfoot",
    "kbd",
    "time",
}
_URL_SCHEMES = {"http", "https", "mailto"}


_converters: dict[tuple[int, bool], markdown.Markdown] = {}  # one per (heading level, notes), reset between texts
_store: TextStore | None = None  # rendered texts kept between builds (see open_store)


def renderer_fingerprint() -> str:
    """What a rendered text depends on besides itself: the libraries' versions and this module's code
    (its extensions, allowed tags and attributes). Any change means every text is rendered afresh."""
    return digest(version("markdown"), version("nh3"), Path(__file__).read_bytes())


# Footnotes, in a publication's body only (one per page: their ids must not repeat), with the marks
# Python-Markdown gives them and nothing else (an id could otherwise take the name of one the page uses).
_NOTE_IDS = re.compile(r"fn(?:ref)?:[A-Za-z0-9_-]{1,40}")  # no id of ours starts with « fn: »
_NOTE_CLASSES = {"footnote", "footnote-ref", "footnote-backref"}
_NOTES_CONFIG = {"BACKLINK_TEXT": "↩", "BACKLINK_TITLE": "", "SUPERSCRIPT_TEXT": "{}"}


@functools.cache
def render_markdown(source: str, baselevel: int = 3, notes: bool = False) -> str:
    """Render a contributed Markdown text (headings start at `baselevel`) and sanitise the result.

    With `notes`, footnotes (`[^1]`) become linked notes at the end of the text.

    A pure function of its arguments, so each text is converted once per build however many
    pages, listings and feeds show it (see clear_caches), and once across builds while the
    text, the level and the renderer stay the same (see open_store).
    """
    key = digest(str(baselevel), "notes", source) if notes else digest(str(baselevel), source)
    cached = _store.get(key) if _store is not None else None
    if cached is not None:
        return _sanitize_block(cached, notes)  # checked again: the cache lies outside what the build controls
    md = _converters.get((baselevel, notes))
    if md is None:
        # toc shifts `# Titre` down so contributed text never competes with the page's own headings.
        md = _converters[(baselevel, notes)] = markdown.Markdown(
            extensions=[*_EXTENSIONS, *(["footnotes"] if notes else [])],
            extension_configs={"toc": {"baselevel": baselevel}, "footnotes": _NOTES_CONFIG},
            output_format="html",
        )
    html = _sanitize_block(md.reset().convert(source), notes)
    if _store is not None:
        _store.put(key, html)
    return html


def _sanitize_block(html: str, notes: bool = False) -> str:
    if not notes:
        return sanitize(
            html,
            tags=_BLOCK_TAGS | {"h2"},
            attributes={"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}},
        )
    return sanitize(
        html,
        tags=_BLOCK_TAGS | {"h2", "div"},
        attribute_filter=_note_marks,
        attributes={
            "a": {"href", "title", "class"},
            "abbr": {"title"},
            "th": {"align"},
            "td": {"align"},
            "sup": {"id"},
            "li": {"id"},
            "div": {"class"},
        },
    )


def _note_marks(element: str, attribute: str, value: str) -> str | None:
    """Only the footnotes' own ids and classes pass."""
    if attribute == "id":
        return value if _NOTE_IDS.fullmatch(value) else None
    if attribute == "class":
        return value if value in _NOTE_CLASSES else None
    return value or None  # an empty title says nothing


def clear_caches() -> None:
    """Forget the texts of the previous build (`mkdocs serve` keeps this module across builds)."""
    render_markdown.cache_clear()
    plain_text.cache_clear()


def open_store(directory: Path | None = None) -> TextStore:
    """Use the rendered texts of earlier builds (in `directory`, else the cache folder) for this build."""
    global _store
    _store = TextStore(directory or cache_root() / "markdown", "rendered", renderer_fingerprint())
    return _store


def close_store() -> None:
    """Keep this build's rendered texts for the next one; later renders are not cached."""
    global _store
    if _store is not None:
        _store.save()
    _store = None


def sanitize_page(html: str) -> str:
    """Sanitise a page rendered by MkDocs from a contributed Markdown file."""
    return sanitize(
        html,
        tags=_PAGE_TAGS,
        attributes={
            "*": {"id", "class"},
            "a": {"href", "title"},
            "abbr": {"title"},
            "img": {"src", "alt", "width", "height", "loading"},
            "th": {"align", "colspan", "rowspan"},
            "td": {"align", "colspan", "rowspan"},
            "time": {"datetime"},
            "ol": {"start"},
            "details": {"open"},
        },
    )


def sanitize(
    html: str,
    *,
    tags: set[str],
    attributes: dict[str, set[str]],
    attribute_filter: Callable[[str, str, str], str | None] | None = None,
) -> str:
    return nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        clean_content_tags={"script", "style"},
        attribute_filter=attribute_filter,
    )


@functools.cache
def plain_text(source: str, limit: int) -> str:
    """The readable text of a Markdown source, on one line, cut at a word before `limit`."""
    import html as html_lib
    import re

    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", render_markdown(source)))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
