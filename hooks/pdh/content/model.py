"""The content model: one typed definition per kind of entry, from which the JSON Schemas come."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from .dates import Day, Instant, PartialDay, TimeZoneName, When
from .fields import (
    Count,
    Country,
    Email,
    GithubUser,
    Language,
    LongText,
    NameText,
    Phone,
    PlainText,
    RepoPath,
    ShortText,
    Slug,
    Url,
    fail,
    list_of,
    one_of,
)
from .i18n import N_

# Bounds on what one entry may fan out to: each theme, country and language of an entry
# puts it on a facet page and in a facet feed, so an entry listing 200 countries would
# multiply the site's size (see SECURITY.md, « amplification »).
MAX_THEMES = 6
MAX_COUNTRIES = 30
MAX_MEMBER_COUNTRIES = 60  # an organisation's countries of action: wider than one publication's
MAX_LANGUAGES = 10

# Facet folders, in French and in English (/en/members/country/…): no entry may take their name.
RESERVED_MEMBER_IDS = ("theme", "pays", "statut", "country", "status")  # facet folders under /membres/
PUBLICATION_FACETS = ("type", "theme", "pays", "annee", "membre", "langue")  # folders under /publications/
RESERVED_PUBLICATION_IDS = ("page", *PUBLICATION_FACETS, "country", "year", "member", "language")
AGENDA_FACETS = ("type", "theme", "organisateur")  # folders under /agenda/
RESERVED_EVENT_IDS = ("archives", *AGENDA_FACETS, "archive", "organiser")


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _localized(value: Any) -> Any:
    if isinstance(value, str):
        return {"fr": value}
    if value is None or isinstance(value, dict):
        return value
    raise fail("attendu : un texte, ou {fr: …, en: …}")


class _Localized(Entry):
    fr: str
    en: str | None = None

    def __str__(self) -> str:
        return self.fr


class Text(_Localized):
    """A one-line text for readers, in French, optionally with its English version."""

    fr: NameText
    en: NameText | None = None


class Markdown(_Localized):
    """A Markdown text for readers, in French, optionally with its English version."""

    fr: LongText
    en: LongText | None = None


def _schema(kind: str) -> dict[str, Any]:
    return {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["fr"],
                "properties": {"fr": {"type": "string"}, "en": {"type": "string"}},
            },
        ],
        "description": f"{kind} en français, ou {{fr: …, en: …}}",
    }


TextField = Annotated[Text, BeforeValidator(_localized), WithJsonSchema(_schema("Texte"))]
MarkdownField = Annotated[Markdown, BeforeValidator(_localized), WithJsonSchema(_schema("Texte Markdown"))]


class Theme(Entry):
    id: Slug
    label: TextField
    description: MarkdownField | None = None


class WorkingGroup(Entry):
    id: Slug
    name: TextField
    purpose: MarkdownField


SOCIAL_NETWORKS = ("mastodon", "bluesky", "linkedin", "facebook", "instagram", "youtube", "x")


class Social(Entry):
    mastodon: Url | None = None
    bluesky: Url | None = None
    linkedin: Url | None = None
    facebook: Url | None = None
    instagram: Url | None = None
    youtube: Url | None = None
    x: Url | None = None

    def links(self) -> list[tuple[str, str]]:
        return [(name, getattr(self, name)) for name in SOCIAL_NETWORKS if getattr(self, name)]


class Contact(Entry):
    email: Email | None = None
    phone: Phone | None = None
    url: Url | None = None


MEMBER_STATUS = {"member": N_("membre"), "observer": N_("observateur")}


class Member(Entry):
    id: Slug = Field(description="Identifiant : minuscules sans accent et tirets, ex. agir-ensemble")
    name: TextField = Field(description="Nom complet de l'organisation")
    acronym: ShortText | None = Field(None, description="Sigle, ex. LDH")
    status: Annotated[str, *one_of(*MEMBER_STATUS, labels=MEMBER_STATUS)] = Field(
        description="member (membre) ou observer (observateur)"
    )
    joined: PartialDay | None = Field(None, description='Date d\'adhésion : "2019", "2019-03" ou "2019-03-15"')
    left: PartialDay | None = Field(
        None,
        description='Date de départ, si l\'organisation a quitté la Plateforme : "2024", "2024-06" ou "2024-06-30"',
    )
    city: PlainText = Field(description="Ville du siège")
    website: Url | None = Field(None, description="Site web, https://…")
    logo: RepoPath | None = Field(None, description="Fichier du logo dans le dépôt, ex. data/logos/agir-ensemble.png")
    description: MarkdownField = Field(description="Présentation (Markdown)")
    themes: Annotated[list[Slug], *list_of(MAX_THEMES * 2)] = Field(
        default_factory=list, description="Identifiants de thèmes (data/themes.yaml)"
    )
    countries: Annotated[list[Country], *list_of(MAX_MEMBER_COUNTRIES)] = Field(
        default_factory=list, description="Pays d'action, codes ISO à deux lettres (CO, SN…)"
    )
    working_groups: Annotated[list[Slug], *list_of()] = Field(
        default_factory=list, description="Groupes de travail (data/working-groups.yaml)"
    )
    leads: Annotated[list[Slug], *list_of()] = Field(
        default_factory=list, description="Groupes de travail que l'organisation anime (parmi working_groups)"
    )
    social: Social | None = Field(
        None, description="Réseaux sociaux : mastodon, bluesky, linkedin, facebook, instagram, youtube, x"
    )
    contact: Contact | None = Field(None, description="Contact public : email, phone, url")
    maintainers: Annotated[list[GithubUser], *list_of()] = Field(
        default_factory=list, description="Comptes GitHub autorisés à modifier cette fiche"
    )

    @property
    def status_label(self) -> str:
        return MEMBER_STATUS[self.status]


EVENT_TYPES = {
    "conference": N_("conférence"),
    "formation": N_("formation"),
    "webinaire": N_("webinaire"),
    "reunion-groupe-de-travail": N_("réunion de groupe de travail"),
    "rencontre-institutionnelle": N_("rencontre institutionnelle"),
    "assemblee-generale": N_("assemblée générale"),
    "atelier": N_("atelier"),
    "autre": N_("autre"),
}
EVENT_STATUS = {"scheduled": N_("programmé"), "postponed": N_("reporté"), "cancelled": N_("annulé")}
AUDIENCES = {"public": N_("ouvert au public"), "members": N_("réservé aux membres")}


class Place(Entry):
    venue: PlainText | None = None
    address: PlainText | None = None
    city: PlainText
    country: Country = "FR"


class Registration(Entry):
    url: Url
    deadline: When | None = None


class Event(Entry):
    id: Slug
    title: TextField
    type: Annotated[str, *one_of(*EVENT_TYPES, labels=EVENT_TYPES)]
    start: When = Field(description="AAAA-MM-JJ (journée entière) ou AAAA-MM-JJTHH:MM+02:00")
    end: When | None = Field(None, description="Même format que start")
    timezone: TimeZoneName = "Europe/Paris"
    place: Place | None = None
    online_url: Url | None = None
    organisers: Annotated[list[Slug], *list_of()] = Field(
        default_factory=list, description="Identifiants des membres organisateurs"
    )
    working_group: Slug | None = None
    themes: Annotated[list[Slug], *list_of(MAX_THEMES)] = Field(default_factory=list)
    languages: Annotated[list[Language], *list_of(MAX_LANGUAGES)] = Field(default_factory=lambda: ["fr"])
    audience: Annotated[str, *one_of(*AUDIENCES, labels=AUDIENCES)] = "public"
    registration: Registration | None = None
    description: MarkdownField | None = None
    status: Annotated[str, *one_of(*EVENT_STATUS, labels=EVENT_STATUS)] = "scheduled"
    publications: Annotated[list[Slug], *list_of()] = Field(default_factory=list)
    advocacy_action: Slug | None = None
    attendance: Annotated[list[Slug], *list_of()] = Field(
        default_factory=list,
        description="Membres présents (identifiants), noté après "
        "l'événement : compte pour la participation, jamais publié organisation par organisation",
    )
    sequence: Count = Field(
        0, description="Numéro de version : augmentez-le de 1 à chaque modification de date, lieu ou statut"
    )
    announced: Day | None = Field(None, description="Date d'annonce (flux d'actualités) ; par défaut, la date de début")
    updated: Day | None = Field(
        None,
        description="Date de la dernière modification (date, lieu, statut…), avec sequence : "
        "les agendas abonnés la lisent (LAST-MODIFIED)",
    )

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


ACTION_STATUS = {"planned": N_("prévue"), "ongoing": N_("en cours"), "completed": N_("terminée")}


class AdvocacyAction(Entry):
    id: Slug
    title: TextField
    objective: MarkdownField
    start: Day
    end: Day | None = None
    targets: Annotated[list[PlainText], *list_of()] = Field(default_factory=list, description="Institutions visées")
    members: Annotated[list[Slug], *list_of()] = Field(default_factory=list, description="Membres participants")
    status: Annotated[str, *one_of(*ACTION_STATUS, labels=ACTION_STATUS)] = "ongoing"
    outcomes: MarkdownField | None = None


PUBLICATION_TYPES = {
    "note-de-position": N_("note de position"),
    "rapport": N_("rapport"),
    "declaration-commune": N_("déclaration commune"),
    "lettre-ouverte": N_("lettre ouverte"),
    "communique-de-presse": N_("communiqué de presse"),
    "contribution-consultation": N_("contribution à une consultation"),
    "tribune": N_("tribune"),
    "outil-guide": N_("outil ou guide"),
}


class Attachment(Entry):
    file: RepoPath
    title: TextField | None = None


class PublicationMeta(Entry):
    """Front matter of a publication file under content/publications/."""

    title: TextField
    date: Day
    updated: Day | None = None
    type: Annotated[str, *one_of(*PUBLICATION_TYPES, labels=PUBLICATION_TYPES)]
    summary: MarkdownField
    themes: Annotated[list[Slug], *list_of(MAX_THEMES)] = Field(default_factory=list)
    countries: Annotated[list[Country], *list_of(MAX_COUNTRIES)] = Field(default_factory=list)
    languages: Annotated[list[Language], *list_of(MAX_LANGUAGES)] = Field(default_factory=lambda: ["fr"])
    authors: Annotated[list[Slug], *list_of()] = Field(
        min_length=1,
        description="Identifiants de membres, ou celui de la coalition (extra.pdh.organisation.id dans mkdocs.yml, ex. pdh)",
    )
    signatories: Annotated[list[Slug], *list_of()] = Field(default_factory=list, description="Membres cosignataires")
    other_signatories: Annotated[list[PlainText], *list_of()] = Field(
        default_factory=list, description="Autres organisations signataires"
    )
    targets: Annotated[list[PlainText], *list_of()] = Field(default_factory=list, description="Institutions visées")
    advocacy_action: Slug | None = None
    working_groups: Annotated[list[Slug], *list_of()] = Field(
        default_factory=list, description="Groupes de travail à l'origine de la publication"
    )
    attachments: Annotated[list[Attachment], *list_of(20)] = Field(default_factory=list)
    embargo: Instant | None = Field(
        None,
        description="Levée de l'embargo, date et heure avec fuseau (AAAA-MM-JJTHH:MM+01:00) : avant, "
        "la publication n'apparaît nulle part sur le site",
    )


class PageMeta(Entry):
    """Front matter of an editorial page under content/ (outside publications)."""

    title: NameText
    description: PlainText | None = None
    translation_of: PlainText | None = Field(
        None,
        description="Page traduite (sous content/en/) : chemin de la page française sous content/, ex. a-propos.md",
    )


class Publication(Entry):
    """A publication: its front matter, its id (the file name) and its Markdown body."""

    id: str
    meta: PublicationMeta
    body: str
    source: str
    translations: dict[str, str] = Field(default_factory=dict)  # language → the text of <id>.<language>.md


# Every closed list readers see a label of, by name (templates: `term("event_type", event.type)`).
VOCABULARIES = {
    "member_status": MEMBER_STATUS,
    "event_type": EVENT_TYPES,
    "event_status": EVENT_STATUS,
    "audience": AUDIENCES,
    "action_status": ACTION_STATUS,
    "publication_type": PUBLICATION_TYPES,
}

__all__ = [
    "Theme",
    "WorkingGroup",
    "Member",
    "Event",
    "AdvocacyAction",
    "PublicationMeta",
    "Publication",
    "Text",
    "Markdown",
    "date",
    "datetime",
]
