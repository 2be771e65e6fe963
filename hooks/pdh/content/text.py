"""Contributed Markdown → HTML that cannot run anything, whatever its author wrote."""
from __future__ import annotations

import functools

import markdown
import nh3

# Nothing that reads files (snippets) or adds attributes (attr_list, md_in_html).
_EXTENSIONS = ["sane_lists", "tables", "toc"]
_BLOCK_TAGS = {"p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre",
               "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "abbr", "sub", "sup"}
_PAGE_TAGS = _BLOCK_TAGS | {"h1", "h2", "div", "span", "img", "figure", "figcaption", "dl", "dt", "dd", "del", "ins",
                            "details", "summary", "mark", "small", "caption", "colgroup", "col", "tfoot", "kbd", "time"}
_URL_SCHEMES = {"http", "https", "mailto"}


_converters: dict[int, markdown.Markdown] = {}  # one per heading level, reset between texts


@functools.lru_cache(maxsize=None)
def render_markdown(source: str, baselevel: int = 3) -> str:
    """Render a contributed Markdown text (headings start at `baselevel`) and sanitise the result.

    A pure function of its arguments, so each text is converted once per build however many
    pages, listings and feeds show it (see clear_caches).
    """
    md = _converters.get(baselevel)
    if md is None:
        # toc shifts `# Titre` down so contributed text never competes with the page's own headings.
        md = _converters[baselevel] = markdown.Markdown(
            extensions=_EXTENSIONS, extension_configs={"toc": {"baselevel": baselevel}}, output_format="html")
    return sanitize(md.reset().convert(source), tags=_BLOCK_TAGS | {"h2"},
                    attributes={"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}})


def clear_caches() -> None:
    """Forget the texts of the previous build (`mkdocs serve` keeps this module across builds)."""
    render_markdown.cache_clear()
    plain_text.cache_clear()


def sanitize_page(html: str) -> str:
    """Sanitise a page rendered by MkDocs from a contributed Markdown file."""
    return sanitize(html, tags=_PAGE_TAGS, attributes={
        "*": {"id", "class"},
        "a": {"href", "title"}, "abbr": {"title"}, "img": {"src", "alt", "width", "height", "loading"},
        "th": {"align", "colspan", "rowspan"}, "td": {"align", "colspan", "rowspan"}, "time": {"datetime"},
        "ol": {"start"}, "details": {"open"},
    })


def sanitize(html: str, *, tags: set[str], attributes: dict[str, set[str]]) -> str:
    return nh3.clean(
        html, tags=tags, attributes=attributes, url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer", strip_comments=True,
        clean_content_tags={"script", "style"},
    )


@functools.lru_cache(maxsize=None)
def plain_text(source: str, limit: int) -> str:
    """The readable text of a Markdown source, on one line, cut at a word before `limit`."""
    import html as html_lib
    import re

    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", render_markdown(source)))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
