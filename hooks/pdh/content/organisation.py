"""The coalition's identity (`extra.pdh.organisation` in mkdocs.yml): every mention of it on the site comes from here.

A second coalition adopts the project by editing data/, content/ and mkdocs.yml: its name, its
short name, the id its publications use in `authors`, its founding date, its contact, its press
kit and the way sentences name it in each language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .geo import LANGUAGE_NAMES
from .i18n import LANGUAGES, SOURCE

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MONTH = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2]))?")
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[a-z]{2,}")
_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
# What a name may contain: it goes into sentences of every page, feed and calendar.
_TEXT = re.compile(r"[^<>%\x00-\x1f]{1,150}")
MOVED = "advocacy_actions_per_year"  # now the target of the « plaidoyer » indicator (data/indicators.yaml)


@dataclass(frozen=True)
class PressFile:
    """A file of the press kit: where it is under content/, its title by language, the language it is in,
    and its credit (« Photo : … ») by language."""

    file: str
    title: dict[str, str]
    lang: str = ""  # the language the document is written in; none for a logo
    credit: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Organisation:
    """Who publishes the site."""

    id: str  # its id in publications' `authors`, e.g. pdh
    name: str  # « Plateforme droits de l'homme »
    short_name: str  # « PDH »
    founded: str  # « 2017-09 »: the founding charter
    called: dict[str, tuple[str, str]]  # by language: (full name with article, short name with article)
    email: str = ""  # the secretariat's public address
    press_kit: tuple[PressFile, ...] = ()  # files the press room offers
    about: dict[str, str] = field(default_factory=dict)  # by language: the « about us » paragraph (Markdown)
    logo_rules: dict[str, str] = field(default_factory=dict)  # by language: how the logo may be used

    @property
    def founding_year(self) -> str:
        return self.founded[:4]

    def words(self, lang: str) -> dict[str, str]:
        """The placeholders messages use to name the organisation in `lang` (« %(of_org)s »…)."""
        full, short = self.called.get(lang) or self.called[SOURCE]
        return {
            "org": self.name,
            "org_short_name": self.short_name,
            "the_org": full,
            "The_org": _capitalised(full),
            "of_org": _of(full, lang),
            "the_short": short,
            "The_short": _capitalised(short),
            "of_short": _of(short, lang),
        }


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _of(phrase: str, lang: str) -> str:
    """« de la Plateforme », « du Collectif », « des ONG… », « of the Plateforme »."""
    if lang != "fr":
        return f"of {phrase}"
    lowered = phrase.lower()
    if lowered.startswith("le "):
        return "du " + phrase[3:]
    if lowered.startswith("les "):
        return "des " + phrase[4:]
    return "de " + phrase


# key → (required, check, French description of a valid value)
_RULES: dict[str, tuple[bool, Any, str]] = {
    "id": (True, lambda v: isinstance(v, str) and bool(_SLUG.fullmatch(v)), "un identifiant en minuscules, ex. pdh"),
    "name": (True, lambda v: isinstance(v, str) and bool(_TEXT.fullmatch(v)), "le nom complet, sans < > ni %"),
    "short_name": (True, lambda v: isinstance(v, str) and bool(_TEXT.fullmatch(v)), "le sigle, ex. PDH"),
    "founded": (
        True,
        lambda v: isinstance(v, str) and bool(_MONTH.fullmatch(v)),
        'une année ou un mois entre guillemets, ex. "2017-09"',
    ),
    "called": (
        True,
        lambda v: _called_ok(v),
        "par langue, le nom avec son article : {fr: {full: la Plateforme droits de l'homme, short: la Plateforme}}",
    ),
    "email": (False, lambda v: isinstance(v, str) and bool(_EMAIL.fullmatch(v)), "une adresse électronique"),
    "press_kit": (
        False,
        lambda v: isinstance(v, list) and all(_press_file_ok(f) for f in v),
        "une liste de fichiers sous content/ : - {file: presse/presentation.pdf, title: {fr: …, en: …}, lang: fr, "
        "credit: {fr: « Photo : … »}}",
    ),
    "about": (
        False,
        lambda v: _by_language(v, multiline=True),
        "par langue, un paragraphe de présentation en Markdown : {fr: …, en: …}",
    ),
    "logo_rules": (
        False,
        lambda v: _by_language(v, multiline=True),
        "par langue, les règles d'usage du logo : {fr: …, en: …}",
    ),
}


def _by_language(value: Any, multiline: bool = False) -> bool:
    """{fr: …, en: …}: the source language at least, known languages only, texts without markup."""
    return (
        isinstance(value, dict)
        and SOURCE in value
        and set(value) <= set(LANGUAGES)
        and all(
            isinstance(t, str) and t.strip() and (multiline or _TEXT.fullmatch(t)) and "<" not in t
            for t in value.values()
        )
    )


def _press_file_ok(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and {"file", "title"} <= set(value) <= {"file", "title", "lang", "credit"}
        and ("credit" not in value or _by_language(value["credit"]))
        and isinstance(value["file"], str)
        and bool(_PATH.fullmatch(value["file"]))
        and ".." not in value["file"]
        and isinstance(value["title"], dict)
        and SOURCE in value["title"]
        and set(value["title"]) <= set(LANGUAGES)
        and all(isinstance(t, str) and _TEXT.fullmatch(t) for t in value["title"].values())
        and ("lang" not in value or value["lang"] in LANGUAGE_NAMES)
    )


def _called_ok(value: Any) -> bool:
    if not isinstance(value, dict) or SOURCE not in value or not set(value) <= set(LANGUAGES):
        return False
    return all(
        isinstance(v, dict)
        and set(v) == {"full", "short"}
        and all(isinstance(t, str) and _TEXT.fullmatch(t) for t in v.values())
        for v in value.values()
    )


def organisation_problems(raw: Any) -> list[tuple[str, str]]:
    """(key, French message) for every missing, unknown or invalid key of the block."""
    if not isinstance(raw, dict):
        return [("", "attendu : l'identité de la coalition (id, name, short_name, founded, called…)")]
    out = [
        (key, "réglage obligatoire manquant") for key, (required, _, _) in _RULES.items() if required and key not in raw
    ]
    for key, value in raw.items():
        if key == MOVED:
            out.append(
                (
                    key,
                    "réglage déplacé : l'objectif d'actions de plaidoyer se règle désormais dans "
                    "data/indicators.yaml (- id: plaidoyer, avec target: 2), avec les autres objectifs",
                )
            )
        elif key not in _RULES:
            out.append((str(key), f"réglage inconnu (réglages possibles : {', '.join(_RULES)})"))
        elif not _RULES[key][1](value):
            out.append((str(key), f"« {value} » invalide : attendu {_RULES[key][2]}"))
    return out


def make_organisation(raw: dict[str, Any]) -> Organisation:
    """The block as an Organisation (call organisation_problems first)."""
    return Organisation(
        id=raw["id"],
        name=raw["name"],
        short_name=raw["short_name"],
        founded=raw["founded"],
        called={lang: (v["full"], v["short"]) for lang, v in raw["called"].items()},
        email=raw.get("email", ""),
        about=dict(raw.get("about") or {}),
        logo_rules=dict(raw.get("logo_rules") or {}),
        press_kit=tuple(
            PressFile(f["file"], dict(f["title"]), f.get("lang", ""), dict(f.get("credit") or {}))
            for f in raw.get("press_kit") or ()
        ),
    )
