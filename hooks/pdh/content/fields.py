"""Field types of the model: each checks one kind of value and says what is wrong in French.

Dates and times are in dates.py.

Every scalar arrives as the string the author typed (see yamlsafe); these types turn it
into a typed value or raise one clear message. None of them repairs a value.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, Field, PlainValidator, WithJsonSchema
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from . import geo

# Bidirectional overrides/isolates and zero-width characters let a name pose as another.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
INVISIBLE_NAMES = {
    0x200B: "espace sans chasse",
    0x200C: "antiliant sans chasse",
    0x200D: "liant sans chasse",
    0x200E: "marque gauche-à-droite",
    0x200F: "marque droite-à-gauche",
    0x202A: "enchâssement gauche-à-droite",
    0x202B: "enchâssement droite-à-gauche",
    0x202C: "dépilement de formatage directionnel",
    0x202D: "forçage gauche-à-droite",
    0x202E: "forçage droite-à-gauche",
    0x2060: "gluon de mots",
    0x2061: "application de fonction",
    0x2062: "multiplication invisible",
    0x2063: "séparateur invisible",
    0x2064: "plus invisible",
    0x2066: "isolat gauche-à-droite",
    0x2067: "isolat droite-à-gauche",
    0x2068: "isolat à direction neutre",
    0x2069: "fin d'isolat directionnel",
    0xFEFF: "espace insécable sans chasse (indicateur d'ordre des octets)",
}
ZWJ = "\u200d"
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


def require_str(value: Any) -> str:
    if value is None:
        raise fail("valeur vide")
    if isinstance(value, list):
        raise fail("attendu : une valeur simple, pas une liste")
    if isinstance(value, dict):
        raise fail("attendu : une valeur simple, pas un ensemble de champs")
    if not isinstance(value, str):
        raise fail("attendu : un texte")
    return value


def _is_emoji(char: str) -> bool:
    """Pictographs, symbols, skin tones, VS16 and tag characters: the parts of an emoji sequence."""
    code = ord(char)
    return (
        unicodedata.category(char) == "So"
        or 0x1F000 <= code <= 0x1FAFF
        or code == 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    )


def _in_emoji_sequence(text: str, index: int) -> bool:
    """A zero-width joiner between two emoji (🏳️‍🌈, 👩‍⚖️) draws one pictograph; it hides nothing."""
    return 0 < index < len(text) - 1 and _is_emoji(text[index - 1]) and _is_emoji(text[index + 1])


def _invisible_message(text: str, index: int) -> str:
    code = ord(text[index])
    before = text[max(0, index - 20) : index].split("\n")[-1].strip()
    where = f"après « {before} »" if before else "au début du texte"
    line = text.count("\n", 0, index)
    if line:
        where += f", {line + 1}e ligne du texte"
    return (
        f"caractère invisible interdit : U+{code:04X}, {INVISIBLE_NAMES.get(code, 'caractère de mise en forme')}, "
        f"{where} ; il peut servir à usurper un nom : effacez-le (retapez le texte à cet endroit)"
    )


def _check_text(value: Any, *, multiline: bool, max_len: int, names: bool = False) -> str:
    """`names`: an id, name or title, where even a joiner between emoji is refused."""
    text = require_str(value)
    if not text.strip():
        raise fail("valeur vide")
    for match in INVISIBLE.finditer(text):
        if names or match.group() != ZWJ or not _in_emoji_sequence(text, match.start()):
            raise fail(_invisible_message(text, match.start()))
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


def scalar_type(check: Callable[[Any], Any], schema: dict[str, Any]) -> tuple[PlainValidator, WithJsonSchema]:
    """The metadata of a scalar field type: `Annotated[str, *scalar_type(check, schema)]`."""
    return (PlainValidator(check), WithJsonSchema(schema))


PlainText = Annotated[
    str,
    *scalar_type(
        lambda v: _check_text(v, multiline=False, max_len=300), {"type": "string", "minLength": 1, "maxLength": 300}
    ),
]
NameText = Annotated[
    str,
    *scalar_type(
        lambda v: _check_text(v, multiline=False, max_len=300, names=True),
        {"type": "string", "minLength": 1, "maxLength": 300},
    ),
]
ShortText = Annotated[
    str,
    *scalar_type(
        lambda v: _check_text(v, multiline=False, max_len=40, names=True),
        {"type": "string", "minLength": 1, "maxLength": 40},
    ),
]
LongText = Annotated[
    str,
    *scalar_type(
        lambda v: _check_text(v, multiline=True, max_len=20_000), {"type": "string", "minLength": 1, "maxLength": 20000}
    ),
]


def _check_count(value: Any) -> int:
    text = require_str(value).strip()
    if not re.fullmatch(r"[0-9]{1,6}", text):
        raise fail(f"« {text} » n'est pas un nombre entier positif (0, 1, 2…)")
    return int(text)


Count = Annotated[
    int, *scalar_type(_check_count, {"type": ["integer", "string"], "minimum": 0, "pattern": "^[0-9]{1,6}$"})
]


def _check_slug(value: Any) -> str:
    text = require_str(value)
    if len(text) > 64:
        raise fail("identifiant trop long (64 caractères au plus)")
    if not SLUG.fullmatch(text):
        hint = re.sub(
            r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
        ).strip("-")
        tip = f" (par exemple « {hint} »)" if hint and SLUG.fullmatch(hint) else ""
        raise fail(
            f"identifiant « {text} » invalide : lettres minuscules sans accent, chiffres et tirets seulement{tip}"
        )
    return text


Slug = Annotated[
    str, *scalar_type(_check_slug, {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 64})
]


def _check_url(value: Any) -> str:
    text = require_str(value).strip()
    if any(c.isspace() for c in text) or len(text) > 2000:
        raise fail(f"« {text[:80]} » n'est pas une adresse web valide (pas d'espaces)")
    problem = _url_problem(text)
    if problem:
        fixed = _url_suggestion(text)
        hint = (
            f" — écrivez « {fixed} »" if fixed else "" if "http(s)" in problem else " (attendu : https://exemple.org/…)"
        )
        raise fail(f"« {text} » {problem}{hint}")
    return text


def _url_problem(text: str) -> str | None:
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return "n'est pas une adresse web valide"
    if parts.scheme not in ("http", "https"):
        if parts.scheme and "." not in parts.scheme:
            return ": seules les adresses web en http(s):// sont acceptées"
        return "n'est pas une adresse web complète"
    if (
        not text.startswith(f"{parts.scheme}://")
        or not host
        or "." not in host
        or host.startswith(".")
        or parts.username
        or parts.password
    ):
        return "n'est pas une adresse web valide"
    return None


def _url_suggestion(text: str) -> str | None:
    """A well-formed https address the author probably meant, or None when there is no safe guess."""
    rest = (
        re.sub(r"^(?:https?)?:?/*", "", text, flags=re.I) if re.match(r"(?:https?:?/|https?:|/)", text, re.I) else text
    )
    if re.match(r"[a-z][a-z0-9+.-]*:", rest, re.I) and not re.match(r"[^/:]+\.[^/:]+:\d", rest):
        return None  # another scheme (javascript:, mailto:…): nothing to suggest
    candidate = "https://" + rest
    return candidate if rest and _url_problem(candidate) is None else None


Url = Annotated[str, *scalar_type(_check_url, {"type": "string", "format": "uri", "pattern": "^https?://"})]

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def _check_email(value: Any) -> str:
    text = require_str(value).strip()
    if text.lower().startswith("mailto:"):
        raise fail(f"écrivez l'adresse seule, sans « mailto: » (« {text[7:]} »)")
    if not EMAIL.fullmatch(text):
        raise fail(f"« {text} » n'est pas une adresse électronique valide (attendu : nom@exemple.org)")
    return text


Email = Annotated[str, *scalar_type(_check_email, {"type": "string", "format": "email"})]

PHONE = re.compile(r"\+?[0-9][0-9 .()-]{5,24}")


def _check_phone(value: Any) -> str:
    text = require_str(value).strip()
    if not PHONE.fullmatch(text):
        raise fail(f"« {text} » n'est pas un numéro de téléphone (chiffres, espaces, « + » en tête)")
    return text


Phone = Annotated[str, *scalar_type(_check_phone, {"type": "string", "pattern": r"^\+?[0-9][0-9 .()-]{5,24}$"})]

GITHUB_USER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")


def _check_github_user(value: Any) -> str:
    text = require_str(value).strip().removeprefix("@")
    if not GITHUB_USER.fullmatch(text):
        raise fail(f"« {text} » n'est pas un nom de compte GitHub")
    return text


GithubUser = Annotated[str, *scalar_type(_check_github_user, {"type": "string", "pattern": "^@?[A-Za-z0-9-]{1,39}$"})]


def _check_country(value: Any) -> str:
    text = require_str(value).strip()
    if text.upper() in geo.COUNTRY_CODES and text != text.upper():
        raise fail(f"code pays en majuscules : « {text.upper()} »")
    if text not in geo.COUNTRY_CODES:
        by_name = geo.code_for_name(text)
        hint = f" — pour « {text} », écrivez « {by_name} »" if by_name else ""
        raise fail(
            f"code pays « {text} » inconnu (attendu : code ISO 3166-1 à deux lettres, par exemple « CO » pour la Colombie){hint}"
        )
    return text


Country = Annotated[str, *scalar_type(_check_country, {"type": "string", "enum": sorted(geo.COUNTRY_CODES)})]


def _check_language(value: Any) -> str:
    text = require_str(value).strip()
    if text not in geo.LANGUAGE_CODES:
        raise fail(
            f"code de langue « {text} » inconnu (attendu : code ISO 639-1, par exemple « fr », « en », « es »){geo.language_hint(text)}"
        )
    return text


Language = Annotated[str, *scalar_type(_check_language, {"type": "string", "enum": sorted(geo.LANGUAGE_CODES)})]

REPO_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*")


def _check_repo_path(value: Any) -> str:
    """A relative path inside the repository; existence is checked against the tree later."""
    text = require_str(value).strip()
    if text.startswith("/") or "\\" in text or re.match(r"[A-Za-z]:", text):
        raise fail(f"chemin « {text} » : écrivez un chemin relatif au dépôt, comme « data/logos/mon-logo.png »")
    if ".." in text.split("/"):
        raise fail(f"chemin « {text} » : « .. » est interdit, le fichier doit être dans le dépôt")
    if not REPO_PATH.fullmatch(text) or len(text) > 200:
        raise fail(
            f"chemin « {text} » invalide : lettres sans accent, chiffres, « - », « _ », « . » et « / » seulement"
        )
    return text


RepoPath = Annotated[
    str, *scalar_type(_check_repo_path, {"type": "string", "pattern": "^[A-Za-z0-9_][A-Za-z0-9._/-]*$"})
]


def one_of(*values: str, labels: dict[str, str] | None = None) -> tuple[PlainValidator, WithJsonSchema]:
    """A value from a closed list, with a hint for near misses: `Annotated[str, *one_of("a", "b")]`."""
    allowed = tuple(values)

    def check(value: Any) -> str:
        text = require_str(value).strip()
        if text not in allowed:
            raise fail(f"valeur « {text} » inconnue — valeurs possibles : {', '.join(allowed)}{suggest(text, allowed)}")
        return text

    schema: dict[str, Any] = {"type": "string", "enum": list(allowed)}
    if labels:
        schema["description"] = " ; ".join(f"{k} : {v}" for k, v in labels.items())
    return scalar_type(check, schema)


def _empty_list(value: Any) -> Any:
    # `themes:` left empty (as in the scaffolded templates) means no themes.
    return [] if value is None else value


def _must_be_list(value: Any) -> Any:
    if isinstance(value, (str, dict)):
        shown = value if isinstance(value, str) else "…"
        raise fail(f"attendu : une liste, par exemple [{shown}]")
    return value


def list_of(max_items: int = 200) -> tuple[BeforeValidator, BeforeValidator, FieldInfo]:
    """The metadata of a list that may be left empty; a bare value is refused with the list syntax as hint:
    `Annotated[list[Slug], *list_of(6)]`."""
    return (BeforeValidator(_must_be_list), BeforeValidator(_empty_list), Field(max_length=max_items))


def Items(item: Any, max_items: int = 200) -> Any:  # noqa: N802 - reads as a type
    """`Annotated[list[item], *list_of(max_items)]`, built at run time (not a type mypy can read)."""
    return Annotated[list[item], *list_of(max_items)]
