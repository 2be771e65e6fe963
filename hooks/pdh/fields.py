"""Field types of the model: each checks one kind of value and says what is wrong in French.

Every scalar arrives as the string the author typed (see yamlsafe); these types turn it
into a typed value or raise one clear message. None of them repairs a value.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Any, Callable, Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from . import geo

PARIS = ZoneInfo("Europe/Paris")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")

# Bidirectional overrides/isolates and zero-width characters let a name pose as another.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HTML_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!--|!\[CDATA\[|\?)")  # what a browser would read as markup
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def fail(message: str) -> PydanticCustomError:
    """A validation error whose text is shown to contributors as is."""
    return PydanticCustomError("pdh", "{message}", {"message": message})


def suggest(value: str, choices: Iterable[str]) -> str:
    """« (vouliez-vous dire « x » ?) » when a close choice exists, else ''."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" — vouliez-vous dire « {close[0]} » ?" if close else ""


def _require_str(value: Any) -> str:
    if value is None:
        raise fail("valeur vide")
    if isinstance(value, list):
        raise fail("attendu : une valeur simple, pas une liste")
    if isinstance(value, dict):
        raise fail("attendu : une valeur simple, pas un ensemble de champs")
    if not isinstance(value, str):
        raise fail("attendu : un texte")
    return value


def _check_text(value: Any, *, multiline: bool, max_len: int) -> str:
    text = _require_str(value)
    if not text.strip():
        raise fail("valeur vide")
    if INVISIBLE.search(text):
        code = f"U+{ord(INVISIBLE.search(text).group()):04X}"
        raise fail(f"caractère invisible interdit ({code}) : il peut servir à usurper un nom ; retapez le texte")
    if CONTROL.search(text):
        raise fail("caractère de contrôle interdit ; retapez le texte")
    if not multiline and "\n" in text.strip():
        raise fail("le texte doit tenir sur une ligne")
    tag = HTML_TAG.search(text)
    if tag:
        raise fail(f"le HTML n'est pas accepté (« {tag.group().strip()} ») : écrivez du texte simple ou du Markdown")
    if len(text) > max_len:
        raise fail(f"texte trop long ({len(text)} caractères, maximum {max_len})")
    # A one-line text keeps no surrounding blank (a YAML block scalar ends with a line break).
    return unicodedata.normalize("NFC", text if multiline else text.strip())


def _scalar(check: Callable[[Any], Any], schema: dict) -> Any:
    return (PlainValidator(check), WithJsonSchema(schema))


PlainText = Annotated[str, *_scalar(lambda v: _check_text(v, multiline=False, max_len=300),
                                    {"type": "string", "minLength": 1, "maxLength": 300})]
ShortText = Annotated[str, *_scalar(lambda v: _check_text(v, multiline=False, max_len=40),
                                    {"type": "string", "minLength": 1, "maxLength": 40})]
LongText = Annotated[str, *_scalar(lambda v: _check_text(v, multiline=True, max_len=20_000),
                                   {"type": "string", "minLength": 1, "maxLength": 20000})]


def _check_count(value: Any) -> int:
    text = _require_str(value).strip()
    if not re.fullmatch(r"[0-9]{1,6}", text):
        raise fail(f"« {text} » n'est pas un nombre entier positif (0, 1, 2…)")
    return int(text)


Count = Annotated[int, *_scalar(_check_count, {"type": ["integer", "string"], "minimum": 0, "pattern": "^[0-9]{1,6}$"})]


def _check_slug(value: Any) -> str:
    text = _require_str(value)
    if len(text) > 64:
        raise fail("identifiant trop long (64 caractères au plus)")
    if not SLUG.fullmatch(text):
        hint = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()).strip("-")
        tip = f" (par exemple « {hint} »)" if hint and SLUG.fullmatch(hint) else ""
        raise fail(f"identifiant « {text} » invalide : lettres minuscules sans accent, chiffres et tirets seulement{tip}")
    return text


Slug = Annotated[str, *_scalar(_check_slug, {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 64})]


def _check_url(value: Any) -> str:
    text = _require_str(value).strip()
    if any(c.isspace() for c in text) or len(text) > 2000:
        raise fail(f"« {text[:80]} » n'est pas une adresse web valide (pas d'espaces)")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        if not parts.scheme or "." in parts.scheme:
            raise fail(f"« {text} » n'est pas une adresse web complète (attendu : https://{text})")
        raise fail(f"« {text} » : seules les adresses web en http(s):// sont acceptées")
    host = parts.hostname or ""
    if not host or "." not in host or parts.username or parts.password:
        raise fail(f"« {text} » n'est pas une adresse web valide (attendu : https://exemple.org/…)")
    return text


Url = Annotated[str, *_scalar(_check_url, {"type": "string", "format": "uri", "pattern": "^https?://"})]

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def _check_email(value: Any) -> str:
    text = _require_str(value).strip()
    if text.lower().startswith("mailto:"):
        raise fail(f"écrivez l'adresse seule, sans « mailto: » (« {text[7:]} »)")
    if not EMAIL.fullmatch(text):
        raise fail(f"« {text} » n'est pas une adresse électronique valide (attendu : nom@exemple.org)")
    return text


Email = Annotated[str, *_scalar(_check_email, {"type": "string", "format": "email"})]

PHONE = re.compile(r"\+?[0-9][0-9 .()-]{5,24}")


def _check_phone(value: Any) -> str:
    text = _require_str(value).strip()
    if not PHONE.fullmatch(text):
        raise fail(f"« {text} » n'est pas un numéro de téléphone (chiffres, espaces, « + » en tête)")
    return text


Phone = Annotated[str, *_scalar(_check_phone, {"type": "string", "pattern": r"^\+?[0-9][0-9 .()-]{5,24}$"})]

GITHUB_USER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")


def _check_github_user(value: Any) -> str:
    text = _require_str(value).strip().removeprefix("@")
    if not GITHUB_USER.fullmatch(text):
        raise fail(f"« {text} » n'est pas un nom de compte GitHub")
    return text


GithubUser = Annotated[str, *_scalar(_check_github_user, {"type": "string", "pattern": "^@?[A-Za-z0-9-]{1,39}$"})]


def _check_country(value: Any) -> str:
    text = _require_str(value).strip()
    if text.upper() in geo.COUNTRY_CODES and text != text.upper():
        raise fail(f"code pays en majuscules : « {text.upper()} »")
    if text not in geo.COUNTRY_CODES:
        by_name = geo.code_for_name(text)
        hint = f" — pour « {text} », écrivez « {by_name} »" if by_name else ""
        raise fail(f"code pays « {text} » inconnu (attendu : code ISO 3166-1 à deux lettres, par exemple « CO » pour la Colombie){hint}")
    return text


Country = Annotated[str, *_scalar(_check_country, {"type": "string", "enum": sorted(geo.COUNTRY_CODES)})]


def _check_language(value: Any) -> str:
    text = _require_str(value).strip()
    if text not in geo.LANGUAGE_CODES:
        raise fail(f"code de langue « {text} » inconnu (attendu : code ISO 639-1, par exemple « fr », « en », « es »)")
    return text


Language = Annotated[str, *_scalar(_check_language, {"type": "string", "enum": sorted(geo.LANGUAGE_CODES)})]

DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


MIN_YEAR, MAX_YEAR = 1900, 2100


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise fail(f"année improbable dans « {text} » (attendu : entre {MIN_YEAR} et {MAX_YEAR})")


def _parse_day(text: str) -> date:
    match = DAY.fullmatch(text)
    if not match:
        raise fail(f"« {text} » n'est pas une date au format AAAA-MM-JJ (par exemple 2025-03-08)")
    year, month, day = map(int, match.groups())
    _check_year(year, text)
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            raise fail(f"date impossible « {text} » : il n'y a pas de mois {month}") from None
        raise fail(f"date impossible « {text} » : {MONTHS_FR[month - 1]} {year} n'a pas de jour {day}") from None


def _check_day(value: Any) -> date:
    return _parse_day(_require_str(value).strip())


Day = Annotated[date, *_scalar(_check_day, {"type": "string", "format": "date"})]


@dataclass(frozen=True)
class PartialDate:
    """A year, a month or a day: « membre depuis 2019 » needs no invented day."""

    year: int
    month: int | None = None
    day: int | None = None

    def label_fr(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS_FR[self.month - 1]} {self.year}"
        return f"{self.day}{'er' if self.day == 1 else ''} {MONTHS_FR[self.month - 1]} {self.year}"

    def iso(self) -> str:
        return "-".join(f"{v:02d}" if i else f"{v:04d}" for i, v in enumerate(
            v for v in (self.year, self.month, self.day) if v is not None))


def _check_partial_date(value: Any) -> PartialDate:
    text = _require_str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        _check_year(int(text), text)
        return PartialDate(int(text))
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if match:
        year, month = map(int, match.groups())
        _check_year(year, text)
        if not 1 <= month <= 12:
            raise fail(f"date impossible « {text} » : il n'y a pas de mois {month}")
        return PartialDate(year, month)
    if DAY.fullmatch(text):
        day = _parse_day(text)
        return PartialDate(day.year, day.month, day.day)
    raise fail(f"« {text} » n'est pas une date (attendu : AAAA, AAAA-MM ou AAAA-MM-JJ, entre guillemets)")


PartialDay = Annotated[PartialDate, *_scalar(_check_partial_date, {
    "type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"})]

DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:\d{2})?")


def _check_when(value: Any) -> date | datetime:
    """A day (all-day) or a date and time that states its UTC offset."""
    text = _require_str(value).strip()
    if DAY.fullmatch(text):
        return _parse_day(text)
    match = DATETIME.fullmatch(text)
    if not match:
        raise fail(f"« {text} » n'est pas une date (AAAA-MM-JJ) ni une date et heure (AAAA-MM-JJTHH:MM+02:00)")
    day = _parse_day(match.group(1))
    hour, minute, second = int(match.group(2)), int(match.group(3)), int(match.group(4) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise fail(f"heure impossible dans « {text} »")
    naive = datetime(day.year, day.month, day.day, hour, minute, second)
    offset = match.group(5)
    if offset is None:
        paris = naive.replace(tzinfo=PARIS).strftime("%z")
        fixed = f"{naive:%Y-%m-%dT%H:%M}{paris[:3]}:{paris[3:]}"
        raise fail(f"« {text} » n'indique pas de fuseau horaire : pour l'heure de Paris, écrivez « {fixed} »")
    if offset == "Z":
        tz = timezone.utc
    else:
        sign = 1 if offset[0] == "+" else -1
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 14 or minutes > 59:
            raise fail(f"décalage horaire impossible « {offset} »")
        tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
    return naive.replace(tzinfo=tz)


When = Annotated[date | datetime, *_scalar(_check_when, {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?\s*(Z|[+-]\d{2}:\d{2}))?$"})]


def parse_when(value: Any) -> date | datetime | None:
    """A date or date-time as `When` reads it, or None when it does not parse."""
    try:
        return _check_when(value)
    except PydanticCustomError:
        return None


def _check_zone(value: Any) -> str:
    text = _require_str(value).strip()
    if text not in geo.TIME_ZONES:
        raise fail(f"fuseau horaire « {text} » inconnu (attendu : nom IANA comme « Europe/Paris »){suggest(text, geo.TIME_ZONES)}")
    return text


TimeZoneName = Annotated[str, *_scalar(_check_zone, {"type": "string", "examples": ["Europe/Paris"]})]

REPO_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*")


def _check_repo_path(value: Any) -> str:
    """A relative path inside the repository; existence is checked against the tree later."""
    text = _require_str(value).strip()
    if text.startswith("/") or "\\" in text or re.match(r"[A-Za-z]:", text):
        raise fail(f"chemin « {text} » : écrivez un chemin relatif au dépôt, comme « data/logos/mon-logo.png »")
    if ".." in text.split("/"):
        raise fail(f"chemin « {text} » : « .. » est interdit, le fichier doit être dans le dépôt")
    if not REPO_PATH.fullmatch(text) or len(text) > 200:
        raise fail(f"chemin « {text} » invalide : lettres sans accent, chiffres, « - », « _ », « . » et « / » seulement")
    return text


RepoPath = Annotated[str, *_scalar(_check_repo_path, {"type": "string", "pattern": "^[A-Za-z0-9_][A-Za-z0-9._/-]*$"})]


def choice(*values: str, labels: dict[str, str] | None = None) -> Any:
    """A value from a closed list, with a hint for near misses."""
    allowed = tuple(values)

    def check(value: Any) -> str:
        text = _require_str(value).strip()
        if text not in allowed:
            raise fail(f"valeur « {text} » inconnue — valeurs possibles : {', '.join(allowed)}{suggest(text, allowed)}")
        return text

    schema: dict[str, Any] = {"type": "string", "enum": list(allowed)}
    if labels:
        schema["description"] = " ; ".join(f"{k} : {v}" for k, v in labels.items())
    return Annotated[str, *_scalar(check, schema)]


def _empty_list(value: Any) -> Any:
    # `themes:` left empty (as in the scaffolded templates) means no themes.
    return [] if value is None else value


def _must_be_list(value: Any) -> Any:
    if isinstance(value, (str, dict)):
        shown = value if isinstance(value, str) else "…"
        raise fail(f"attendu : une liste, par exemple [{shown}]")
    return value


def Items(item: Any, max_items: int = 200) -> Any:  # noqa: N802 - reads as a type
    """A list that may be left empty; a bare value is refused with the list syntax as hint."""
    from pydantic import Field
    return Annotated[list[item], BeforeValidator(_must_be_list), BeforeValidator(_empty_list),
                     Field(max_length=max_items)]
