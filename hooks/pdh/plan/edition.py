"""One language edition of the site: its messages, its paths, and how it shows a `{fr, en}` text."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.i18n import SOURCE, Lang, Shown, all_langs
from ..content.model import Markdown, Publication, Text
from ..content.organisation import Organisation
from .urls import Paths


@dataclass(frozen=True, eq=False)
class Edition:
    """Everything that differs between the French site and its mirrors: words, dates, paths."""

    lang: Lang
    paths: Paths

    @property
    def code(self) -> str:
        return self.lang.code

    @property
    def is_source(self) -> bool:
        return self.lang.code == SOURCE

    def _(self, message: str) -> str:
        return self.lang._(message)

    def n_(self, singular: str, plural: str, count: int) -> str:
        return self.lang.n_(singular, plural, count)

    def text(self, value: Text | Markdown | str | None, written_in: str = SOURCE) -> Shown:
        return self.lang.text(value, written_in)

    def body(self, publication: Publication) -> Shown:
        """A publication's text in this edition's language (<id>.en.md), else as written."""
        own = publication.translations.get(self.code) if not self.is_source else None
        return Shown(own, self.code) if own else Shown(publication.body, publication.meta.languages[0])

    def label(self, value: Text) -> tuple[str, str]:
        """A `{fr, en}` label and, when it is not in this edition's language, the language it is in (for Facet)."""
        shown = self.text(value)
        return shown.text, "" if shown.lang == self.code else shown.lang


def editions(organisation: Organisation) -> list[Edition]:
    """Every edition of the site, the source language first, naming the coalition in its language."""
    return [Edition(lang.naming(organisation.words(lang.code)), Paths(lang.code)) for lang in all_langs()]
