"""Press contacts (data/press-contacts.yaml): whom journalists may reach, for the coalition or a member.

The file is optional: without it (or without a coalition entry) the press room shows the
secretariat's address from mkdocs.yml. Its addresses and numbers are published as they are.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema

from .errors import Problems
from .fields import SLUG, Email, Items, Language, Slug, fail, require_str, scalar_type, suggest
from .load import MEMBERS, Collection, Loaded, Located, load_collection
from .model import MAX_LANGUAGES, Entry, TextField
from .references import SLUG_REFUSAL, Names, better_message, load_names

MAX_EMAIL = 254  # the longest address mail servers accept (RFC 5321)
MAX_CONTACTS = 5  # per organisation: the press room lists every organisation's contacts
PHONE_EXAMPLE = "+33 1 23 45 67 89"
PHONE_DIGITS = (8, 15)  # an international number has at most 15 digits, country code included (E.164)
INTERNATIONAL = re.compile(r"\+[1-9][0-9]*(?:[ .-][0-9]+)*")


def _bounded_email(value: Any) -> Any:
    """Refused before the address check, which would echo it: a line break would split the message."""
    if isinstance(value, str):
        text = value.strip()
        if any(c.isspace() or not c.isprintable() for c in text):
            raise fail("une adresse électronique s'écrit sur une ligne, sans espace : nom@exemple.org")
        if len(text) > MAX_EMAIL:
            raise fail(f"adresse trop longue ({len(text)} caractères, maximum {MAX_EMAIL})")
    return value


PressEmail = Annotated[
    Email,
    BeforeValidator(_bounded_email),
    WithJsonSchema({"type": "string", "format": "email", "maxLength": MAX_EMAIL}),
]


def _shown(char: str) -> str:
    return f"« {char} »" if char == " " or (char.isprintable() and not char.isspace()) else f"U+{ord(char):04X}"


def _check_phone(value: Any) -> str:
    """An international number: « + », the country code, then digits in groups; no repair is made."""
    text = require_str(value).strip()
    if len(text) > 30:
        raise fail(
            f"numéro trop long ({len(text)} caractères) : écrivez-le au format international, ex. {PHONE_EXAMPLE}"
        )
    odd = next((c for c in text if not (c.isascii() and c.isdigit()) and c not in " .+-"), None)
    if odd is not None:
        quoted = (
            f"« {text} » : " if all(c == " " or c.isprintable() for c in text) else ""
        )  # a line break would split the message
        raise fail(
            f"{quoted}caractère {_shown(odd)} refusé dans un numéro ; chiffres, espaces, « + », « . » et "
            f"« - » seulement, ex. {PHONE_EXAMPLE}"
        )
    digits = re.sub(r"[^0-9]", "", text)
    if not text.startswith("+"):
        national = re.sub(r"^0", "", text)
        hint = (
            f" — écrivez « +{text[2:].lstrip(' .-')} »"
            if text.startswith("00")
            else f" — pour un numéro français, écrivez « +33 {national} »"
            if text.startswith("0")
            else ""
        )
        raise fail(
            f"« {text} » : écrivez le numéro au format international, « + » et l'indicatif du pays en tête, "
            f"ex. {PHONE_EXAMPLE}{hint}"
        )
    if not PHONE_DIGITS[0] <= len(digits) <= PHONE_DIGITS[1]:
        raise fail(
            f"« {text} » : {len(digits)} chiffres, un numéro international en compte de {PHONE_DIGITS[0]} à "
            f"{PHONE_DIGITS[1]}, indicatif compris, ex. {PHONE_EXAMPLE}"
        )
    if not INTERNATIONAL.fullmatch(text):
        raise fail(
            f"« {text} » n'est pas un numéro au format international : « + » seulement en tête, suivi de "
            f"l'indicatif du pays, puis des chiffres séparés par un seul espace, point ou tiret, ex. {PHONE_EXAMPLE}"
        )
    return text


InternationalPhone = Annotated[
    str, *scalar_type(_check_phone, {"type": "string", "pattern": r"^\+[1-9][0-9]*([ .-][0-9]+)*$", "maxLength": 30})
]


if TYPE_CHECKING:
    Languages = list[Language]
else:  # Items builds the list type at run time, with its validators and maximum: mypy cannot evaluate the call
    Languages = Items(Language, MAX_LANGUAGES)


class PressContact(Entry):
    """A person or a service journalists may reach, for the coalition or one member."""

    model_config = ConfigDict(
        json_schema_extra={  # what editors read while typing, in French
            "description": "Contact presse : organisation, nom, fonction, et au moins email ou phone",
            "anyOf": [{"required": ["email"]}, {"required": ["phone"]}],
        }
    )

    organisation: Slug = Field(
        description="Identifiant du membre (data/members.yaml), ou celui de la coalition "
        "(extra.pdh.organisation.id dans mkdocs.yml, ex. pdh)"
    )
    name: TextField = Field(description="Nom de la personne ou du service, ou {fr: …, en: …}")
    role: TextField | None = Field(None, description="Fonction, ex. Chargée de communication ; ou {fr: …, en: …}")
    email: PressEmail | None = Field(None, description="Adresse électronique, publiée sur le site")
    phone: InternationalPhone | None = Field(
        None, description=f"Téléphone au format international, ex. {PHONE_EXAMPLE}, publié sur le site"
    )
    languages: Languages = Field(default_factory=list, description="Langues parlées, codes ISO 639-1 : [fr, en, es]")

    @property
    def tel(self) -> str | None:
        """The phone as a link target: « tel:+33123456789 » (only « + » and digits)."""
        return "tel:+" + re.sub(r"[^0-9]", "", self.phone) if self.phone else None


PRESS_CONTACTS = Collection("data/press-contacts.yaml", PressContact, "contact presse")


def load_press_contacts(root: Path, problems: Problems, loaded: Loaded) -> None:
    """Read the optional press contacts into `loaded` (none when the file does not exist)."""
    path = root / PRESS_CONTACTS.file
    exists = path.exists() or path.is_symlink()  # a symlink is refused by the loader, not ignored
    loaded.entries[PRESS_CONTACTS.file] = load_collection(root, PRESS_CONTACTS, problems, loaded) if exists else []


def check_press_contacts(loaded: Loaded, problems: Problems, organisation: str) -> None:
    """Each contact can be reached, belongs to a known organisation, and is listed once."""
    items = [*loaded.entries.get(PRESS_CONTACTS.file, []), *loaded.rejected.get(PRESS_CONTACTS.file, [])]
    if items:
        names = load_names(loaded)
        for item in sorted(items, key=lambda i: i.prefix):
            raw = item.raw if isinstance(item.raw, dict) else {}
            if not raw.get("email") and not raw.get("phone"):
                problems.add(
                    item.problem(
                        ("email",),
                        f"indiquez au moins un moyen de joindre ce contact : email "
                        f"(adresse électronique) ou phone (téléphone, ex. {PHONE_EXAMPLE})",
                    )
                )
            _check_organisation(item, raw.get("organisation"), loaded, problems, organisation, names)
    seen: dict[tuple[str, str], Located[PressContact]] = {}
    count: dict[str, int] = {}
    for item in loaded.entries.get(PRESS_CONTACTS.file, []):
        contact = item.entry
        assert isinstance(contact, PressContact)  # entries holds the valid entries only
        key = (contact.organisation, unicodedata.normalize("NFKC", str(contact.name)).casefold())
        if key in seen:
            first = seen[key]
            problems.add(
                item.problem(
                    ("name",),
                    f"contact « {contact.name} » déjà déclaré pour « {contact.organisation} » "
                    f"({first.doc.file}:{first.doc.line(first.prefix)}) : "
                    "modifiez cette entrée-là ou supprimez celle-ci",
                )
            )
        seen.setdefault(key, item)
        count[contact.organisation] = count.get(contact.organisation, 0) + 1
        if count[contact.organisation] == MAX_CONTACTS + 1:
            problems.add(
                item.problem(
                    ("organisation",),
                    f"plus de {MAX_CONTACTS} contacts presse pour « {contact.organisation} » : gardez les plus utiles",
                )
            )
        repeated: set[str] = set()
        for index, code in enumerate(contact.languages):
            if code in repeated:
                problems.add(item.problem(("languages", index), f"« {code} » figure deux fois"))
            repeated.add(code)


def _check_organisation(
    item: Located[PressContact], value: Any, loaded: Loaded, problems: Problems, organisation: str, names: Names
) -> None:
    """An unknown id, with the id its name means or the closest ids; a value that is not even an id was
    reported by validation, whose message a member's name or acronym replaces with its id."""
    if not isinstance(value, str) or MEMBERS.file in loaded.unreadable:
        return
    members = [m.entry.id for m in loaded.entries.get(MEMBERS.file, []) if m.entry is not None]
    if not SLUG.fullmatch(value):
        better = better_message("membre", value, [organisation, *members], names)
        if better:
            problems.supersede(item.problem(("organisation",), better), SLUG_REFUSAL)
        return
    if value == organisation or value in members or (MEMBERS.file, value) in loaded.invalid_ids:
        return
    hint = suggest(value, [organisation, *members])
    expected = f" (attendu : « {organisation} » pour la coalition, ou l'identifiant d'un membre de {MEMBERS.file})"
    problems.add(
        item.problem(
            ("organisation",),
            names.message(("membre",), value) or f"organisation inconnue « {value} »{hint or expected}",
        )
    )
