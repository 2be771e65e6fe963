"""Reader-facing languages: gettext catalogs managed with Babel, dates, and texts with their language.

The message ids are the French texts (French is the site's source language); each other
language has `hooks/pdh/locale/<code>/LC_MESSAGES/messages.po`, kept up to date with
`make messages` (pybabel extract + update) and compiled in memory at build time, so no
binary `.mo` file is committed. Messages for contributors (errors, check reports) stay French
and never go through here.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from .dates import PartialDate
from .frenchdates import MONTHS_FR

SOURCE = "fr"  # the language of the message ids and of the site's default pages
LANGUAGES = ("fr", "en")  # every language the site is published in, source first
NAMES = {"fr": "Français", "en": "English"}  # each language in its own words (the switcher)
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
_DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; translate it where it is shown."""
    return message


class SourceTranslations(gettext.NullTranslations):
    """The source language: messages as written, with French plurals (0 and 1 are singular)."""

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return msgid1 if n < 2 else msgid2


@dataclass(frozen=True)
class Shown:
    """A text as a page shows it, with the language it is written in (for `lang` attributes)."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, eq=False)
class Lang:
    """One language of the site: its messages, its way of writing dates, names of countries and languages."""

    code: str
    translations: gettext.NullTranslations
    words: dict[str, str] = field(default_factory=dict)  # how messages name the coalition (« %(of_org)s »)

    def naming(self, words: dict[str, str]) -> Lang:
        """This language, with messages naming the coalition by `words` (Organisation.words)."""
        return replace(self, words=dict(words))

    def fill(self, message: str, escape: Callable[[str], str] = str) -> str:
        """A translated message with the coalition's names in place (`escape` them for HTML)."""
        if "%(" in message:
            for key, value in self.words.items():
                message = message.replace(f"%({key})s", escape(value))
        return message

    @property
    def prefix(self) -> str:
        """Folder of this language's pages: '' for the source language, 'en/' for English."""
        return "" if self.code == SOURCE else f"{self.code}/"

    @property
    def name(self) -> str:
        return NAMES[self.code]

    def _(self, message: str) -> str:
        return self.fill(self.translations.gettext(message))

    @property
    def colon(self) -> str:
        """The colon as the language writes it after a label: « Flux : … » / « Feed: … »."""
        return " :" if self.code == "fr" else ":"

    def has(self, message: str) -> bool:
        """Whether the catalog translates `message` (the source language has every message)."""
        return self.code == SOURCE or message in getattr(self.translations, "_catalog", {})

    def n_(self, singular: str, plural: str, count: int) -> str:
        return self.fill(self.translations.ngettext(singular, plural, count))

    # `dt.date`: in the class body, `date` names the method below.
    def date(self, day: dt.date) -> str:
        """« 1er mars 2025 » / « 1 March 2025 »."""
        if self.code == "fr":
            return f"{day.day}{'er' if day.day == 1 else ''} {MONTHS_FR[day.month - 1]} {day.year}"
        return format_date(day, "d MMMM y", locale=self.code)

    def day(self, day: dt.date) -> str:
        """The date with its weekday: « jeudi 11 février 2027 » / « Thursday 11 February 2027 »."""
        if self.code == "fr":
            return f"{_DAYS_FR[day.weekday()]} {self.date(day)}"
        return format_date(day, "EEEE d MMMM y", locale=self.code)

    def short_date(self, day: dt.date) -> str:
        """« 01/03/2025 » / « 1 Mar 2025 » (a datetime keeps the day it was written with)."""
        day = day.date() if isinstance(day, datetime) else day
        if self.code == "fr":
            return day.strftime("%d/%m/%Y")
        return format_date(day, "d MMM y", locale=self.code)

    def partial_date(self, value: PartialDate) -> str:
        """A year, a month or a day (`PartialDate`): « mars 2019 » / « March 2019 »."""
        if self.code == "fr":
            return value.label_fr()
        if value.month is None:
            return str(value.year)
        if value.day is None:
            return format_date(date(value.year, value.month, 1), "MMMM y", locale=self.code)
        return self.date(date(value.year, value.month, value.day))

    def time(self, moment: datetime) -> str:
        """« 18 h 00 » / « 18:00 »."""
        if self.code == "fr":
            return f"{moment.hour} h {moment.minute:02d}"
        return f"{moment.hour:02d}:{moment.minute:02d}"

    def number(self, value: int) -> str:
        """« 1 234 » (narrow no-break space) / « 1,234 »."""
        return format_decimal(value, locale=self.code)

    def file_size(self, size: int) -> str:
        """« 850 ko », « 1,2 Mo » / « 850 kB », « 1.2 MB »."""
        units = ("o", "ko", "Mo") if self.code == "fr" else ("B", "kB", "MB")
        if size < 1000:
            return f"{size} {units[0]}"
        if size < 1_000_000:
            return f"{round(size / 1000)} {units[1]}"
        text = f"{size / 1_000_000:.1f} {units[2]}"
        return text.replace(".", ",") if self.code == "fr" else text

    def country(self, code: str) -> str:
        return _territories(self.code)[code]

    def language(self, code: str) -> str:
        return _languages(self.code)[code]

    def text(self, value: Any, written_in: str = SOURCE) -> Shown:
        """A `{fr, en}` value as this language shows it: its own version, else the original.

        `written_in` is the language of the entry's main text (a publication written in
        Spanish keeps its text in `fr:`, the field every entry must have).
        """
        if value is None:
            return Shown("", self.code)
        own = getattr(value, self.code, None) if self.code != SOURCE else None
        if own:
            return Shown(str(own), self.code)
        return Shown(str(value.fr if hasattr(value, "fr") else value), written_in)


@cache
def _territories(code: str) -> dict[str, str]:
    return dict(Locale(code).territories)


@cache
def _languages(code: str) -> dict[str, str]:
    return dict(Locale(code).languages)


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def load_lang(code: str) -> Lang:
    """The language `code`; its catalog is compiled from the .po file (fuzzy entries left out)."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown site language {code!r}")
    if code == SOURCE:
        return Lang(code, SourceTranslations())
    with catalog_path(code).open("rb") as source:
        catalog = read_po(source, locale=code, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Lang(code, Translations(compiled, domain=DOMAIN))


def all_langs() -> list[Lang]:
    return [load_lang(code) for code in LANGUAGES]


def extract_nav(
    fileobj: IO[bytes], keywords: Mapping[str, object], comment_tags: Collection[str], options: Mapping[str, object]
) -> Iterator[tuple[int, str, Any, list[str]]]:
    """Babel extractor for mkdocs.yml: the menu's section titles (pages take their own title).

    Declared in hooks/pdh/locale/babel.cfg; yields (line, function, message, comments) as Babel expects.
    """
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and other tags: not menu titles
    data = yaml.load(fileobj.read().decode("utf-8"), Loader=_Loader) or {}

    def sections(items: Any) -> Iterator[Any]:  # raw YAML: the titles are its keys, as written
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        yield title
                        yield from sections(value)

    for title in dict.fromkeys(sections(data.get("nav"))):
        yield 0, "_", title, ["Menu section title (mkdocs.yml)"]
