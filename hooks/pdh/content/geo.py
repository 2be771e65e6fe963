"""Countries, languages and time zones: the codes we accept and their French names."""
from __future__ import annotations

import unicodedata
import zoneinfo

from babel import Locale

_FR = Locale("fr")
# CLDR territories that are not ISO 3166-1 alpha-2 country codes. Kosovo's « XK » is not in
# ISO 3166-1 either, but the EU, the UN's agencies and most data sets use it: it is accepted.
_NOT_ISO = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}

COUNTRY_NAMES: dict[str, str] = {
    code: name for code, name in _FR.territories.items()
    if len(code) == 2 and code.isalpha() and code not in _NOT_ISO
}
COUNTRY_CODES = frozenset(COUNTRY_NAMES)
LANGUAGE_NAMES: dict[str, str] = {code: name for code, name in _FR.languages.items() if len(code) == 2}
LANGUAGE_CODES = frozenset(LANGUAGE_NAMES)
TIME_ZONES = frozenset(zoneinfo.available_timezones())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()


_BY_NAME = {_fold(name): code for code, name in COUNTRY_NAMES.items()}


def code_for_name(name: str) -> str | None:
    """« Colombie » → « CO », to hint authors who wrote the name instead of the code."""
    return _BY_NAME.get(_fold(name))


def country_name(code: str) -> str:
    return COUNTRY_NAMES[code]


def language_name(code: str) -> str:
    return LANGUAGE_NAMES[code]

