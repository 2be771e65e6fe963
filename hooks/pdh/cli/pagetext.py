"""The main content of a built page as lines of text: what a reader sees in the page's article.

Only Material's `<article class="md-content__inner">` is read, so the menu, the footer, the scripts
and whatever else the build's clock may touch never count. Lines break at block elements and
whitespace is collapsed, so that reflowing the HTML changes nothing but rewording a sentence does.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "optgroup",
        "option",
        "p",
        "pre",
        "section",
        "select",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    }
)
CELLS = frozenset({"td", "th"})  # joined on one line with « | »: a table row reads as one line
HIDDEN = frozenset({"script", "style", "template", "noscript", "svg"})  # no text a reader sees
# « Modifier cette fiche (fichier data/members.yaml, ligne 39) »: the line moves whenever a line is added above it in
# the data file, which changes nothing on this page.
IGNORED_CLASSES = frozenset({"pdh-correction"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_ARTICLE = re.compile(r"<article\b[^>]*\bmd-content__inner\b", re.I)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)


class _MainText(HTMLParser):
    """Collects the text lines of the first `md-content__inner` article and the text of its first `<h1>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.heading: list[str] = []
        self._line: list[str] = []
        self._depth = 0  # nesting of <article> inside the main one; 0 outside it
        self._hidden = 0  # nesting of HIDDEN elements
        self._unseen = ""  # the tag of the element skipped: `hidden` (search filters, say) or IGNORED_CLASSES
        self._unseen_depth = 0
        self._in_h1 = False
        self._h1_done = False
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        classes = next((value or "" for name, value in attrs if name == "class"), "").split()
        if not self._depth:
            if tag == "article" and "md-content__inner" in classes:
                self._depth = 1
            return
        if self._unseen:  # its end is the end tag that balances it: count its own tag only
            self._unseen_depth += tag == self._unseen
        elif tag not in VOID and (any(name == "hidden" for name, _ in attrs) or IGNORED_CLASSES.intersection(classes)):
            self._unseen, self._unseen_depth = tag, 1
        if tag in HIDDEN:
            self._hidden += 1
        elif tag == "article":
            self._depth += 1
        if tag in BLOCKS:
            self._break()
        elif tag in CELLS and "".join(self._line).strip():
            self._line.append(" | ")
        if tag == "h1" and not self._h1_done:
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if self._done or not self._depth:
            return
        if tag in HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        if self._unseen and tag == self._unseen:
            self._unseen_depth -= 1
            if not self._unseen_depth:
                self._unseen = ""
        if tag in BLOCKS:
            self._break()
        if tag == "h1" and self._in_h1:
            self._in_h1, self._h1_done = False, True
        if tag == "article":
            self._depth -= 1
            if not self._depth:
                self._done = True

    def handle_data(self, data: str) -> None:
        if self._depth and not self._hidden and not self._unseen and not self._done:
            self._line.append(data)
            if self._in_h1:
                self.heading.append(data)

    def _break(self) -> None:
        text = " ".join("".join(self._line).split())
        if text:
            self.lines.append(text)
        self._line = []

    def close(self) -> None:
        super().close()
        self._break()


def main_html(document: str) -> str:
    """The page's main article as HTML, from its start tag to the last `</article>` (the whole page if it has none)."""
    found = _ARTICLE.search(document)
    if not found:
        return document
    end = document.rfind("</article")
    return document[found.start() :] if end < found.start() else document[found.start() : end + 10]


def main_text(document: str, article: str | None = None) -> tuple[list[str], str]:
    """The lines of the page's main content, and its title (first `<h1>` of the article, else `<title>`).

    `article` is `main_html(document)` when the caller already has it."""
    parser = _MainText()
    parser.feed(main_html(document) if article is None else article)  # the menu before it is most of a page
    parser.close()
    title = " ".join("".join(parser.heading).split())
    if not title:
        head = _TITLE.search(document)
        title = " ".join(html.unescape(head.group(1)).split()) if head else ""
    return parser.lines, title
