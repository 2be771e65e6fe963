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
    code: name for code, name in _FR.territories.items() if len(code) == 2 and code.isalpha() and code not in _NOT_ISO
}
COUNTRY_CODES = frozenset(COUNTRY_NAMES)
LANGUAGE_NAMES: dict[str, str] = {code: name for code, name in _FR.languages.items() if len(code) == 2}
LANGUAGE_CODES = frozenset(LANGUAGE_NAMES)
TIME_ZONES = frozenset(zoneinfo.available_timezones())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()


# French names first: « Colombie », then « Colombia » (English), whatever the accents and the case.
_BY_NAME = {
    _fold(name): code
    for names in (Locale("en").territories, _FR.territories)
    for code, name in names.items()
    if code in COUNTRY_CODES and _fold(name)
}
# Languages by their French or English name, and a few in their own words (« español », « português »).
_LANGUAGE_BY_NAME = {
    _fold(name): code
    for names in (Locale("en").languages, _FR.languages)
    for code, name in names.items()
    if code in LANGUAGE_CODES and _fold(name)
}
_LANGUAGE_BY_NAME.update({_fold(Locale(code).languages[code]): code for code in ("en", "es", "pt", "de", "it")})


def code_for_name(name: str) -> str | None:
    """« Colombie » → « CO », to hint authors who wrote the name instead of the code."""
    return _BY_NAME.get(_fold(name))


def language_hint(text: str) -> str:
    """« — pour « français », écrivez « fr » » for a language's name or a code in capitals, else ''."""
    code = text.strip().lower() if text.strip().lower() in LANGUAGE_CODES else _LANGUAGE_BY_NAME.get(_fold(text))
    return f" — pour « {text} », écrivez « {code} »" if code else ""


def country_name(code: str) -> str:
    return COUNTRY_NAMES[code]


def language_name(code: str) -> str:
    return LANGUAGE_NAMES[code]
