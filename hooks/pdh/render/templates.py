"""Generated page bodies: autoescaping Jinja templates from overrides/pdh/, one environment per edition.

Templates receive what they show (the page's view model, planned in pdh.plan) and a few
tools: `url` (links relative to the page), `urls` (the edition's paths), `lang` (dates and
names in the edition's language) and gettext (`_`, `ngettext`) bound to its catalog.
Contributed text is escaped or sanitised, never trusted.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..content.i18n import Shown
from ..content.model import VOCABULARIES, AdvocacyAction, Markdown, Text
from ..content.organisation import Organisation
from ..content.text import plain_text, render_markdown
from ..plan import agenda, share, sources, urls
from ..plan.edition import Edition
from ..plan.facets import Facet
from ..plan.generated import GeneratedPage
from ..plan.logos import initials
from . import jsonld

Showable = Shown | Text | Markdown | str | None  # a `{fr, en}` value, or one already shown


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, keyed by name and source checksum.

    Each edition has its own environment and MkDocs makes a new one every build (`mkdocs serve`,
    the tests): without it, every template would be compiled again each time. An edited template
    has another checksum, so it is compiled afresh. One cache per kind of environment: the
    compiled code depends on its settings (autoescape, extensions).
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = MemoryBytecodeCache()

# Two block elements written side by side (`<dt>Statut</dt><dd>En cours</dd>`, as Jinja's trim_blocks
# leaves loops): browsers show them apart, but text extraction (the search index, its excerpts) reads
# « StatutEn cours ». A newline between them changes nothing on screen.
_BLOCKS = "dt|dd|li|p|h[1-6]|td|th|tr|thead|tbody|div|section|figure|figcaption|pre|ul|ol|dl|table|details|summary|blockquote|nav|form|fieldset|legend"
_GLUED = re.compile(rf"(</(?:{_BLOCKS})>)(?=<(?:{_BLOCKS})[\s>])")


def unglue(html: str) -> str:
    """A newline between adjacent block elements."""
    return _GLUED.sub("\\1\n", html)


class Renderer:
    """Renders the body of one edition's generated pages."""

    def __init__(
        self,
        templates_dir: Path,
        edition: Edition,
        site_url: str,
        organisation: Organisation,
        repository: tuple[str, str] = ("", "main"),
    ) -> None:
        self.edition = edition
        self.site_url = site_url
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            extensions=["jinja2.ext.i18n"],
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=_COMPILED,
        )
        lang, html = edition.lang, lambda text: str(escape(text))
        self.env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the jinja2.ext.i18n extension
            lambda message: lang.fill(lang.translations.gettext(message), html),
            lambda singular, plural, n: lang.fill(lang.translations.ngettext(singular, plural, n), html),
            newstyle=True,
        )
        self.env.filters.update(
            markdown=lambda text, baselevel=3: Markup(render_markdown(str(text), baselevel)),
            plain=lambda text, limit=300: plain_text(str(text), limit),
            initials=initials,
            jsonld=lambda data: Markup(jsonld.dump(data)),
            local=self.inline,
            local_markdown=self.block,
            local_plain=self.plain,
            facet_label=self.facet_label,
        )
        self.env.globals.update(
            urls=edition.paths,
            lang=edition.lang,
            site_url=site_url,
            jsonld=jsonld,
            organisation=organisation,
            publisher=jsonld.platform(organisation, site_url),
            term=lambda vocabulary, key: edition._(VOCABULARIES[vocabulary][key]),
            member_url=lambda member_id: self.absolute(edition.paths.member(member_id)),
            webcal=self.webcal,
            edit_url=lambda source: sources.edit_url(*repository, source) if repository[0] else "",
            contributing_url=sources.view_url(*repository, sources.Source("CONTRIBUTING.md")) if repository[0] else "",
            when=lambda event: agenda.when(event, edition.lang),
            place=lambda event: agenda.place(event, edition.lang),
            period=lambda action: period(action, edition),
            share_links=lambda url, title, written_in="fr": share.share_links(url, self.shown(title, written_in).text),
            calendar_links=lambda event, url, ended: share.calendar_links(event, url=url, lang=lang, ended=ended),
        )

    def shown(self, value: Showable, written_in: str) -> Shown:
        return value if isinstance(value, Shown) else self.edition.text(value, written_in)

    def _wrap(self, shown: Shown, html: str, tag: str) -> Markup:
        if shown.lang == self.edition.code:
            return Markup(html)
        return Markup(f'<{tag} lang="{escape(shown.lang)}">{html}</{tag}>')

    def inline(self, value: Showable, written_in: str = "fr") -> Markup:
        """A one-line `{fr, en}` text in the page's language, or marked with the language it is written in."""
        shown = self.shown(value, written_in)
        return self._wrap(shown, str(escape(shown.text)), "span")

    def plain(self, value: Showable, limit: int = 300, written_in: str = "fr") -> Markup:
        """The plain text of a Markdown `{fr, en}` value, cut at `limit`, marked with its language."""
        shown = self.shown(value, written_in)
        return self._wrap(shown, str(escape(plain_text(shown.text, limit))), "span")

    def block(self, value: Showable, baselevel: int = 3, written_in: str = "fr", notes: bool = False) -> Markup:
        """A Markdown `{fr, en}` text rendered (with its footnotes if `notes`: once per page); in another
        language than the page's, marked and announced."""
        shown = self.shown(value, written_in)
        html = render_markdown(shown.text, baselevel, notes)
        if shown.lang == self.edition.code or not shown.text.strip():
            return Markup(html)
        if self.edition.is_source:  # a publication written in Spanish: marked, its language is in its facts
            return Markup(f'<div lang="{escape(shown.lang)}">{html}</div>')
        note = self.edition._("(en %(language)s)") % {"language": self.edition.lang.language(shown.lang)}
        return Markup(f'<p class="pdh-untranslated">{escape(note)}</p><div lang="{escape(shown.lang)}">{html}</div>')

    def facet_label(self, facet: Facet[Any]) -> Markup:  # a facet of any kind of entry
        """A facet's label, marked with its language when it is not the page's."""
        return self._wrap(Shown(facet.label, facet.lang or self.edition.code), str(escape(facet.label)), "span")

    def absolute(self, src: str) -> str:
        return self.site_url + urls.src_to_url(src)

    def webcal(self, src: str) -> str:
        """A calendar's subscription address: calendar applications open webcal:// and keep it up to date."""
        return "webcal://" + self.absolute(src).split("://", 1)[1]

    def render(self, page: GeneratedPage, page_url: str, heading_id: str) -> str:
        return self.render_template(page.template, page_url, page=page, heading_id=heading_id, **page.context)

    def render_template(self, name: str, page_url: str, **context: Any) -> str:
        """A template with links relative to the page at `page_url`."""

        def url(src: str) -> str:
            return urls.relative_url(src, page_url)

        return unglue(self.env.get_template(name).render(url=url, absolute=self.absolute, **context))


def period(action: AdvocacyAction, edition: Edition) -> str:
    """« du 1er mars 2025 au 30 juin 2025 », or « depuis le … » while it runs."""
    lang = edition.lang
    if action.end is None:
        return edition._("depuis le %(start)s") % {"start": lang.date(action.start)}
    return edition._("du %(start)s au %(end)s") % {"start": lang.date(action.start), "end": lang.date(action.end)}
