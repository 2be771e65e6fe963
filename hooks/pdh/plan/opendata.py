"""Open data: the catalog as tables, each described by one schema that the files (CSV, JSON,
datapackage.json) and the /donnees/ page share. Rows hold Python values (str, date, datetime,
list, None); pdh.render.opendata writes them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..content.frenchdates import PARIS
from ..content.i18n import N_
from ..content.model import (
    ACTION_STATUS,
    AUDIENCES,
    EVENT_STATUS,
    EVENT_TYPES,
    MEMBER_STATUS,
    PUBLICATION_TYPES,
    Event,
    Markdown,
    Publication,
    Text,
)
from .catalog import Catalog, member_sort_key
from .datatable import IDS, LINES, Column, Table, _en, _id, _ids
from .edition import Edition
from .generated import GeneratedPage, SearchInfo
from .indicators import Indicators
from .opendata_indicators import INDICATORS, indicator_rows
from .urls import FR, Paths, data_file, src_to_url

LICENCE = {
    "name": "etalab-2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "title": "Licence Ouverte / Open Licence version 2.0",
}
FORMATS = (("csv", "CSV", "text/csv"), ("json", "JSON", "application/json"))  # (extension, name, media type)
PACKAGE = "datapackage.json"
TYPE_LABELS = {
    "string": N_("texte"),
    "integer": N_("nombre entier"),
    "date": N_("date (AAAA-MM-JJ)"),
    "datetime": N_("date et heure (ISO 8601)"),
}


# Every field of the data model is exported (a column of its name, `<name>_en`, `<name>_…`, or those named in
# SPLIT) or named in LEFT_OUT with the reason: a field added to the model without a decision fails
# tests/test_open_data.py.
SPLIT = {"events": {"place": ("venue", "address", "city", "country")}}
LEFT_OUT = {
    "members": {
        "maintainers": "who may edit the entry, not what the organisation is; mostly personal accounts",
        "logo": "a file of the repository, shown on the profile page",
        "contact": "shown on the profile page; left out of the first version of the export",
        "social": "shown on the profile page; left out of the first version of the export",
    },
    "events": {
        "announced": "the day a feed dates the announcement, not a fact of the event",
        "sequence": "the calendars' revision counter",
        "updated": "the calendars' LAST-MODIFIED, not a fact of the event",
        "attendance": "counted in the share of active members (table indicators), never published "
        "organisation by organisation",
    },
    "publications": {"embargo": "a publication is exported only once its embargo has lifted"},
}


PAGE_COLUMNS = (
    Column("url", "string", N_("Adresse de la page sur le site, en français"), required=True, format="uri"),
    Column("url_en", "string", N_("Adresse de la page sur le site, en anglais"), required=True, format="uri"),
)

MEMBERS = Table(
    "members",
    N_("Membres"),
    N_("Les organisations membres et observatrices, dans l'ordre de l'annuaire."),
    (
        _id(N_("Identifiant stable du membre")),
        Column("name", "string", N_("Nom de l'organisation"), required=True),
        _en("name"),
        Column("acronym", "string", N_("Sigle")),
        Column(
            "status",
            "string",
            N_("Statut : member (membre) ou observer (observateur)"),
            required=True,
            enum=tuple(MEMBER_STATUS),
        ),
        Column("city", "string", N_("Ville du siège"), required=True),
        Column("website", "string", N_("Site web"), format="uri"),
        Column(
            "joined",
            "string",
            N_("Date d'adhésion, ISO 8601 à l'année, au mois ou au jour (2019, 2019-03, 2019-03-15)"),
        ),
        Column("left", "string", N_("Date de départ, pour une organisation qui a quitté %(the_short)s (même format)")),
        _ids("themes", N_("Thèmes (identifiants de la table themes)")),
        _ids("countries", N_("Pays d'action (codes ISO 3166-1 à deux lettres)")),
        _ids(
            "working_groups",
            N_("Groupes de travail auxquels le membre participe (identifiants de la table working-groups)"),
        ),
        _ids("leads", N_("Groupes de travail que le membre anime (identifiants de la table working-groups)")),
        Column("description", "string", N_("Présentation (texte Markdown)"), required=True),
        _en("description"),
        *PAGE_COLUMNS,
    ),
)

THEMES = Table(
    "themes",
    N_("Thèmes"),
    N_("Le vocabulaire des thèmes auxquels renvoient les autres tables."),
    (
        _id(N_("Identifiant stable du thème")),
        Column("label", "string", N_("Libellé"), required=True),
        _en("label"),
        Column("description", "string", N_("Description (texte Markdown)")),
        _en("description"),
    ),
)

GROUPS = Table(
    "working-groups",
    N_("Groupes de travail"),
    N_("Les groupes de travail ; leurs participants sont dans la table members (colonnes working_groups et leads)."),
    (
        _id(N_("Identifiant stable du groupe")),
        Column("name", "string", N_("Nom du groupe"), required=True),
        _en("name"),
        Column("purpose", "string", N_("Objet du groupe (texte Markdown)"), required=True),
        _en("purpose"),
        *PAGE_COLUMNS,
    ),
)

ACTIONS = Table(
    "advocacy-actions",
    N_("Actions de plaidoyer"),
    N_("Les actions de plaidoyer coordonnées."),
    (
        _id(N_("Identifiant stable de l'action")),
        Column("title", "string", N_("Titre"), required=True),
        _en("title"),
        Column(
            "status",
            "string",
            N_("État : planned (prévue), ongoing (en cours) ou completed (terminée)"),
            required=True,
            enum=tuple(ACTION_STATUS),
        ),
        Column("start", "date", N_("Début"), required=True),
        Column("end", "date", N_("Fin")),
        Column("targets", "list", N_("Institutions visées, une par ligne"), delimiter=LINES),
        _ids("members", N_("Membres participants (identifiants de la table members)")),
        Column("objective", "string", N_("Objectif (texte Markdown)"), required=True),
        _en("objective"),
        Column("outcomes", "string", N_("Résultats (texte Markdown)")),
        _en("outcomes"),
        *PAGE_COLUMNS,
    ),
)

EVENTS = Table(
    "events",
    N_("Agenda"),
    N_(
        "Les événements de l'agenda, passés et à venir. D'un événement réservé aux "
        "membres, seuls le titre et les dates sont publics."
    ),
    (
        _id(N_("Identifiant stable de l'événement")),
        Column("title", "string", N_("Titre"), required=True),
        _en("title"),
        Column(
            "type",
            "string",
            N_("Type d'événement (vide pour un événement réservé aux membres)"),
            enum=tuple(EVENT_TYPES),
        ),
        Column(
            "status",
            "string",
            N_(
                "scheduled (programmé), postponed (reporté) ou cancelled (annulé) ; vide pour un "
                "événement réservé aux membres"
            ),
            enum=tuple(EVENT_STATUS),
        ),
        Column(
            "audience",
            "string",
            N_("Public : public (ouvert au public) ou members (réservé aux membres)"),
            required=True,
            enum=tuple(AUDIENCES),
        ),
        Column("start_date", "date", N_("Premier jour, dans le fuseau de l'événement"), required=True),
        Column("end_date", "date", N_("Dernier jour, s'il diffère du premier")),
        Column(
            "start",
            "datetime",
            N_("Début, date et heure avec décalage horaire (vide pour un événement sur la journée)"),
        ),
        Column("end", "datetime", N_("Fin, date et heure avec décalage horaire")),
        Column("timezone", "string", N_("Fuseau horaire de l'événement (base IANA, ex. Europe/Paris)")),
        Column("venue", "string", N_("Lieu")),
        Column("address", "string", N_("Adresse")),
        Column("city", "string", N_("Ville")),
        Column("country", "string", N_("Pays (code ISO 3166-1 à deux lettres)")),
        Column("online_url", "string", N_("Adresse pour suivre l'événement en ligne"), format="uri"),
        Column("registration_url", "string", N_("Adresse d'inscription"), format="uri"),
        _ids("organisers", N_("Membres organisateurs (identifiants de la table members)")),
        Column("working_group", "string", N_("Groupe de travail (identifiant de la table working-groups)")),
        _ids("themes", N_("Thèmes (identifiants de la table themes)")),
        _ids("languages", N_("Langues (codes ISO 639-1)")),
        _ids("publications", N_("Publications liées (identifiants de la table publications)")),
        Column("advocacy_action", "string", N_("Action de plaidoyer (identifiant de la table advocacy-actions)")),
        Column("description", "string", N_("Présentation (texte Markdown)")),
        _en("description"),
        *PAGE_COLUMNS,
    ),
    foreign_keys=(("working_group", "working-groups"), ("advocacy_action", "advocacy-actions")),
)

PUBLICATIONS = Table(
    "publications",
    N_("Publications"),
    N_("Les publications de la bibliothèque, des plus récentes aux plus anciennes."),
    (
        _id(N_("Identifiant stable de la publication")),
        Column("title", "string", N_("Titre"), required=True),
        _en("title"),
        Column("date", "date", N_("Date de publication"), required=True),
        Column("updated", "date", N_("Date de la dernière mise à jour")),
        Column("type", "string", N_("Type de publication"), required=True, enum=tuple(PUBLICATION_TYPES)),
        _ids("themes", N_("Thèmes (identifiants de la table themes)")),
        _ids("countries", N_("Pays concernés (codes ISO 3166-1 à deux lettres)")),
        _ids("languages", N_("Langues du texte (codes ISO 639-1)")),
        _ids("authors", N_("Auteurs : identifiants de la table members, ou celui de la coalition")),
        _ids("signatories", N_("Membres cosignataires (identifiants de la table members)")),
        Column("other_signatories", "list", N_("Autres organisations signataires, une par ligne"), delimiter=LINES),
        Column("targets", "list", N_("Institutions visées, une par ligne"), delimiter=LINES),
        Column("advocacy_action", "string", N_("Action de plaidoyer (identifiant de la table advocacy-actions)")),
        _ids(
            "working_groups",
            N_("Groupes de travail à l'origine de la publication (identifiants de la table working-groups)"),
        ),
        Column("summary", "string", N_("Résumé (texte Markdown)"), required=True),
        _en("summary"),
        Column("attachments", "list", N_("Adresses des documents joints"), delimiter=IDS),
        *PAGE_COLUMNS,
    ),
    foreign_keys=(("advocacy_action", "advocacy-actions"),),
)


def open_data_tables(catalog: Catalog, site_url: str, indicators: Indicators) -> list[Table]:
    """Every table with its rows, from the catalog as published (embargoed publications are not in it)."""
    english = Paths("en")

    def pages(path: Callable[[Paths, str], str], entry_id: str) -> dict[str, str]:
        """The entry's page on each edition: `path` is the Paths method for its kind (Paths.member…)."""
        return {
            "url": site_url + src_to_url(path(FR, entry_id)),
            "url_en": site_url + src_to_url(path(english, entry_id)),
        }

    def text(name: str, value: Text | Markdown | None) -> dict[str, str | None]:
        return {name: value.fr if value else None, f"{name}_en": value.en if value else None}

    rows: dict[str, list[dict[str, Any]]] = {
        "members": [
            {
                "id": m.id,
                **text("name", m.name),
                "acronym": m.acronym,
                "status": m.status,
                "city": m.city,
                "website": m.website,
                "joined": m.joined.iso() if m.joined else None,
                "left": m.left.iso() if m.left else None,
                "themes": m.themes,
                "countries": m.countries,
                "working_groups": m.working_groups,
                "leads": m.leads,
                **text("description", m.description),
                **pages(Paths.member, m.id),
            }
            for m in sorted((*catalog.members, *catalog.former), key=member_sort_key)
        ],
        "themes": [
            {"id": t.id, **text("label", t.label), **text("description", t.description)} for t in catalog.themes
        ],
        "working-groups": [
            {"id": g.id, **text("name", g.name), **text("purpose", g.purpose), **pages(Paths.group, g.id)}
            for g in catalog.working_groups
        ],
        "advocacy-actions": [
            {
                "id": a.id,
                **text("title", a.title),
                "status": a.status,
                "start": a.start,
                "end": a.end,
                "targets": a.targets,
                "members": a.members,
                **text("objective", a.objective),
                **text("outcomes", a.outcomes),
                **pages(Paths.action, a.id),
            }
            for a in catalog.actions
        ],
        "events": [_event_row(e, text("title", e.title), pages(Paths.event, e.id)) for e in catalog.events],
        "publications": [
            _publication_row(p, site_url, text, pages(Paths.publication, p.id)) for p in catalog.publications
        ],
        "indicators": indicator_rows(indicators),
    }
    return [
        Table(
            t.name, t.title, t.description, t.columns, tuple(_complete(t, row) for row in rows[t.name]), t.foreign_keys
        )
        for t in (MEMBERS, PUBLICATIONS, EVENTS, ACTIONS, GROUPS, THEMES, INDICATORS)
    ]


def _event_row(event: Event, title: dict[str, str | None], pages: dict[str, str]) -> dict[str, Any]:
    """What the public site shows of an event; of a members-only one, its title and days only
    (pdh.plan.catalog.public_event has already removed the rest, this leaves out its type and status too)."""
    zone = ZoneInfo(event.timezone)

    def day(value: date | datetime | None) -> date | None:
        return value.astimezone(zone).date() if isinstance(value, datetime) else value

    start, end = day(event.start), day(event.end)
    row = {
        "id": event.id,
        **title,
        "audience": event.audience,
        "start_date": start,
        "end_date": end if end != start else None,
        **pages,
    }
    if event.audience == "members":
        return row
    place = event.place
    return {
        **row,
        "type": event.type,
        "status": event.status,
        "timezone": event.timezone,
        "start": event.start if isinstance(event.start, datetime) else None,
        "end": event.end if isinstance(event.end, datetime) else None,
        "venue": place.venue if place else None,
        "address": place.address if place else None,
        "city": place.city if place else None,
        "country": place.country if place else None,
        "online_url": event.online_url,
        "registration_url": event.registration.url if event.registration else None,
        "organisers": event.organisers,
        "working_group": event.working_group,
        "themes": event.themes,
        "languages": event.languages,
        "publications": event.publications,
        "advocacy_action": event.advocacy_action,
        "description": event.description.fr if event.description else None,
        "description_en": event.description.en if event.description else None,
    }


def _publication_row(
    publication: Publication,
    site_url: str,
    text: Callable[[str, Text | Markdown | None], dict[str, str | None]],
    pages: dict[str, str],
) -> dict[str, Any]:
    meta = publication.meta
    return {
        "id": publication.id,
        **text("title", meta.title),
        "date": meta.date,
        "updated": meta.updated,
        "type": meta.type,
        "themes": meta.themes,
        "countries": meta.countries,
        "languages": meta.languages,
        "authors": meta.authors,
        "signatories": meta.signatories,
        "other_signatories": meta.other_signatories,
        "targets": meta.targets,
        "advocacy_action": meta.advocacy_action,
        "working_groups": meta.working_groups,
        **text("summary", meta.summary),
        "attachments": [site_url + a.file.removeprefix("content/") for a in meta.attachments],
        **pages,
    }


def _complete(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """The row in the table's column order, every column present (an empty list or None when it has no value)."""
    unknown = set(row) - {c.name for c in table.columns}
    if unknown:
        raise ValueError(f"open data, table {table.name}: no column {sorted(unknown)}")
    return {c.name: list(row.get(c.name) or []) if c.type == "list" else row.get(c.name) for c in table.columns}


def plan_open_data_page(tables: list[Table], files: dict[str, bytes], now: datetime, ed: Edition) -> GeneratedPage:
    """« Données ouvertes »: what the data is, its licence, every file with its size and rows, every column."""
    _ = ed._

    def file(name: str, kind: str, media_type: str) -> dict[str, str]:
        return {
            "kind": kind,
            "src": data_file(name),
            "type": media_type,
            "size": ed.lang.file_size(len(files[data_file(name)])),
        }

    shown = [
        {
            "name": t.name,
            "title": _(t.title),
            "description": _(t.description),
            "count": len(t.rows),
            "files": [file(f"{t.name}.{extension}", kind, media) for extension, kind, media in FORMATS],
            "columns": [(c.name, _type_label(c, ed), _(c.description), c.required) for c in t.columns],
        }
        for t in tables
    ]
    return GeneratedPage(
        ed.paths.index(ed.paths.DATA),
        _("Données ouvertes"),
        _(
            "Les données %(of_org)s en CSV et en JSON, sous Licence Ouverte : membres, publications, agenda, actions "
            "de plaidoyer, groupes de travail et thèmes."
        ),
        "donnees.html",
        {
            "tables": shown,
            "package": file(PACKAGE, "JSON", "application/json"),
            "licence": LICENCE,
            "updated": ed.lang.date(now.astimezone(PARIS).date()),
            "ids": IDS,
            "package_formats": [kind for _extension, kind, _media in FORMATS],
        },
        search=SearchInfo(_("Rubrique")),
        lang=ed.code,
        key=FR.index(FR.DATA),
    )


def _type_label(column: Column, ed: Edition) -> str:
    if column.type == "list":
        return ed._("liste, un élément par ligne") if column.delimiter == LINES else ed._("liste séparée par des « ; »")
    if column.format == "uri":
        return ed._("adresse web")
    return ed._(TYPE_LABELS.get(column.type, TYPE_LABELS["string"]))
