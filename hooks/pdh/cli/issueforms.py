"""The three issue forms (.github/ISSUE_TEMPLATE/), generated from the project's vocabularies.

    python -m pdh.cli.issueforms            # writes profil.yml, publication.yml, evenement.yml
    python -m pdh.cli.issueforms --check    # exit 1 when a committed form differs (make formulaires)

Themes and working groups come from data/, types, statuses and audiences from the model: a form
can only offer what the check accepts. Each label ends with the field's YAML key, « Ville du
siège (city) », and is how `issuebody` finds the field again in the issue GitHub writes.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from yaml.nodes import MappingNode

from ..content.errors import Problems
from ..content.indicators import PLATFORM_NAMES
from ..content.load import THEMES, WORKING_GROUPS, Collection, Loaded, load_collection
from ..content.model import (
    AUDIENCES,
    EVENT_STATUS,
    EVENT_TYPES,
    MEMBER_STATUS,
    PUBLICATION_TYPES,
    SOCIAL_NETWORKS,
    Theme,
    WorkingGroup,
)
from ..content.organisation import Organisation
from ..content.settings import read_settings
from .yamlemit import Pairs, block_list, block_map, boolean, emit, number, scalar

if TYPE_CHECKING:
    from typing_extensions import Unpack  # in typing from Python 3.12

FORMS_DIR = ".github/ISSUE_TEMPLATE"
HEADER = (
    "# Généré par « make formulaires » (hooks/pdh/cli/issueforms.py) à partir de data/themes.yaml,\n"
    "# data/working-groups.yaml et du modèle : ne pas modifier à la main.\n"
)


@dataclass(frozen=True)
class FormField:
    """One question of a form. `reads` says how its answer becomes a YAML value (see issueconvert)."""

    key: str  # the YAML key, dotted when nested: place.city
    label: str  # French, without the key
    widget: str  # input | textarea | dropdown | checkboxes
    reads: str  # line | markdown | lines | ids | code(s) | languages | users | day | when | instant | choice | checks | file
    required: bool = False
    description: str = ""
    placeholder: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (id, French label) of a dropdown or checkboxes
    default: int | None = None
    noun: str = ""  # « thème »: what an unknown checkbox id is called in messages

    @property
    def title(self) -> str:
        """The label GitHub shows and writes as the heading of the answer: « Ville du siège (city) »."""
        return f"{self.label} ({self.key})"

    def option_text(self, option: tuple[str, str]) -> str:
        return f"{option[1]} ({option[0]})"


@dataclass(frozen=True)
class Form:
    kind: str  # its file name and the label it sets: profil, publication, evenement
    name: str
    about: str
    title: str
    intro: str
    fields: tuple[FormField, ...]


class _Details(TypedDict, total=False):
    """FormField's optional fields, as _f passes them on."""

    required: bool
    description: str
    placeholder: str
    options: tuple[tuple[str, str], ...]
    default: int | None
    noun: str


class _Checks(TypedDict):
    """The checkboxes of a vocabulary, given to _f as keywords."""

    reads: str
    noun: str
    options: tuple[tuple[str, str], ...]


def _f(key: str, label: str, reads: str = "line", **kwargs: Unpack[_Details]) -> FormField:
    widget = {
        "markdown": "textarea",
        "lines": "textarea",
        "file": "textarea",
        "choice": "dropdown",
        "checks": "checkboxes",
    }.get(reads, "input")
    return FormField(key, label, widget, reads, **kwargs)


def _choices(labels: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(labels.items())


def _vocabulary(
    root: Path, collection: Collection[Theme | WorkingGroup], attribute: str
) -> tuple[tuple[str, str], ...]:
    problems = Problems()
    entries = load_collection(root, collection, problems, Loaded())
    if problems:
        raise ValueError(problems.report())
    return tuple((item.entry.id, str(getattr(item.entry, attribute))) for item in entries)


NEXT = (
    "Après relecture, le secrétariat transforme ce ticket en proposition de modification (*pull request*), "
    "vérifiée automatiquement ; la réponse s'affiche dans ce ticket. Le nom entre parenthèses après chaque "
    "question est celui du champ dans le fichier ({file}). Le HTML n'est pas accepté ; le Markdown l'est "
    "dans les textes longs (`**gras**`, listes, liens)."
)
FILE_HELP = (
    "Glissez le fichier dans ce champ (ou cliquez sur la barre en bas du champ) : GitHub le dépose et écrit son lien."
)
IDS = "Identifiants séparés par des virgules (ceux des adresses des fiches : /membres/mon-association/)."


def build_forms(root: Path) -> dict[str, Form]:
    """The three forms, from the vocabularies of the repository at `root`."""
    themes, groups = _vocabulary(root, THEMES, "label"), _vocabulary(root, WORKING_GROUPS, "name")
    checks = _Checks(reads="checks", noun="thème", options=themes)
    group_checks = _Checks(reads="checks", noun="groupe de travail", options=groups)
    organisation = read_settings(root).organisation
    assert organisation is not None  # load_settings raises ContentError without one
    forms = (
        _member_form(checks, group_checks),
        _publication_form(checks, group_checks, organisation),
        _event_form(checks),
    )
    return {form.kind: form for form in forms}


def _member_form(checks: _Checks, group_checks: _Checks) -> Form:
    return Form(
        "profil",
        "Mettre à jour notre fiche",
        "Créer ou modifier la fiche de votre organisation dans l'annuaire.",
        "Fiche : ",
        "Remplissez **seulement ce qui change** : un champ laissé vide garde sa valeur actuelle. "
        "Pour une nouvelle organisation, remplissez au moins l'identifiant, le nom, le statut, la ville et "
        "la présentation. " + NEXT.format(file="data/members.yaml"),
        (
            _f(
                "id",
                "Identifiant de votre organisation",
                required=True,
                placeholder="mon-association",
                description="Celui de l'adresse de votre fiche : mon-association pour /membres/mon-association/. Pour une "
                "nouvelle organisation, choisissez-le : minuscules sans accent, chiffres et tirets.",
            ),
            _f("name", "Nom complet"),
            _f("acronym", "Sigle"),
            _f("status", "Statut", "choice", options=_choices(MEMBER_STATUS)),
            _f(
                "joined",
                "Date d'adhésion",
                "day",
                placeholder="2019-03",
                description="Année, mois ou jour : 2019, 2019-03 ou 2019-03-15.",
            ),
            _f("city", "Ville du siège"),
            _f("website", "Site web", placeholder="https://"),
            _f(
                "logo",
                "Logo",
                "file",
                description="PNG, JPEG, WebP ou SVG, 2 Mo au plus ; un SVG avec script ou animation "
                "est refusé. " + FILE_HELP,
            ),
            _f("description", "Présentation", "markdown", description="Quelques phrases sur votre organisation."),
            _f(
                "themes",
                "Thèmes",
                description="Cochez tous vos thèmes : la liste cochée remplace l'ancienne. Ne cochez "
                "rien pour la garder.",
                **checks,
            ),
            _f(
                "countries",
                "Pays d'action",
                "codes",
                placeholder="CO, SN",
                description="Codes ISO à deux lettres (ou noms en français), séparés par des virgules ; la liste remplace l'ancienne.",
            ),
            _f(
                "working_groups",
                "Groupes de travail",
                description="Les groupes auxquels vous participez (la liste cochée remplace l'ancienne).",
                **group_checks,
            ),
            _f(
                "leads",
                "Groupes animés",
                description="Parmi ces groupes, ceux que votre organisation anime.",
                **group_checks,
            ),
            *(
                _f(f"social.{name}", label, placeholder="https://")
                for name, label in PLATFORM_NAMES.items()
                if name in SOCIAL_NETWORKS
            ),
            _f(
                "contact.email", "Courriel public", placeholder="contact@exemple.org", description="Publié sur le site."
            ),
            _f(
                "contact.phone",
                "Téléphone public",
                placeholder="+33 1 23 45 67 89",
                description="Au format international.",
            ),
            _f("contact.url", "Page de contact", placeholder="https://"),
            _f(
                "maintainers",
                "Comptes GitHub autorisés à modifier la fiche",
                "users",
                placeholder="mon-compte",
                description="Séparés par des virgules ; la liste remplace l'ancienne.",
            ),
        ),
    )


def _publication_form(checks: _Checks, group_checks: _Checks, org: Organisation) -> Form:
    the_org = org.words("fr")["the_short"]
    return Form(
        "publication",
        "Proposer une publication",
        "Ajouter une note de position, un rapport, un communiqué… à la bibliothèque.",
        "Publication : ",
        "Joignez le PDF dans le champ prévu. " + NEXT.format(file="content/publications/…md"),
        (
            _f(
                "id",
                "Identifiant de la publication",
                required=True,
                placeholder="2026-note-position-colombie",
                description="Le nom du fichier et de l'adresse de la page : l'année, puis quelques mots en minuscules sans "
                "accent, séparés par des tirets.",
            ),
            _f("title", "Titre", required=True),
            _f(
                "date", "Date de publication", "day", required=True, placeholder="2026-03-08", description="AAAA-MM-JJ."
            ),
            _f("type", "Type", "choice", required=True, options=_choices(PUBLICATION_TYPES)),
            _f("summary", "Résumé", "markdown", required=True, description="Une à trois phrases."),
            _f("themes", "Thèmes", description="Six au plus.", **checks),
            _f(
                "countries",
                "Pays concernés",
                "codes",
                placeholder="CO, SN",
                description="Codes ISO à deux lettres (ou noms), séparés par des virgules.",
            ),
            _f(
                "languages",
                "Langues du document",
                "languages",
                placeholder="fr, es",
                description="Codes à deux lettres ; français si vide.",
            ),
            _f(
                "authors",
                "Auteurs",
                "ids",
                required=True,
                placeholder=org.id,
                description=f"{org.id} pour {the_org}, et/ou les identifiants des membres auteurs, séparés par des virgules.",
            ),
            _f("signatories", "Membres cosignataires", "ids", description=IDS),
            _f(
                "other_signatories",
                "Autres organisations signataires",
                "lines",
                description="Une organisation par ligne.",
            ),
            _f("targets", "Institutions visées", "lines", description="Une institution par ligne."),
            _f(
                "advocacy_action",
                "Action de plaidoyer liée",
                description="Son identifiant (data/advocacy-actions.yaml).",
            ),
            _f("working_groups", "Groupes de travail à l'origine de la publication", **group_checks),
            _f(
                "embargo",
                "Levée de l'embargo",
                "instant",
                placeholder="2026-03-08 09:00",
                description="Date et heure de Paris avant lesquelles la publication n'apparaît nulle part sur le site (le "
                "ticket, lui, est public).",
            ),
            _f(
                "attachments",
                "PDF de la publication",
                "file",
                description="PDF (ou DOCX, ODT, XLSX, ODS, CSV), 25 Mo au plus. " + FILE_HELP,
            ),
            _f("attachments.title", "Titre du fichier", placeholder="Note complète (PDF)"),
            _f(
                "body",
                "Texte de la page",
                "markdown",
                description="Facultatif : le texte affiché sous le résumé (## intertitres, listes, liens).",
            ),
        ),
    )


def _event_form(checks: _Checks) -> Form:
    return Form(
        "evenement",
        "Annoncer un événement",
        "Annoncer une conférence, une formation, un webinaire ou une rencontre dans l'agenda.",
        "Événement : ",
        "Indiquez un lieu (au moins la ville), un lien en ligne, ou les deux. " + NEXT.format(file="data/events.yaml"),
        (
            _f(
                "id",
                "Identifiant de l'événement",
                required=True,
                placeholder="conference-colombie-2027",
                description="L'adresse de sa page : quelques mots en minuscules sans accent, séparés par des tirets.",
            ),
            _f("title", "Titre", required=True),
            _f("type", "Type", "choice", required=True, options=_choices(EVENT_TYPES)),
            _f(
                "start",
                "Début",
                "when",
                required=True,
                placeholder="2027-03-12 18:00",
                description="AAAA-MM-JJ HH:MM, heure du lieu (Paris par défaut) ; AAAA-MM-JJ seul pour une journée entière.",
            ),
            _f(
                "end",
                "Fin",
                "when",
                placeholder="2027-03-12 20:00",
                description="Même forme ; pour plusieurs jours, le dernier jour.",
            ),
            _f(
                "timezone",
                "Fuseau horaire",
                placeholder="Europe/Paris",
                description="Seulement hors de l'heure de Paris : America/Bogota…",
            ),
            _f("place.venue", "Salle"),
            _f("place.address", "Adresse"),
            _f("place.city", "Ville"),
            _f("place.country", "Pays", "code", placeholder="FR", description="Code à deux lettres ; FR si vide."),
            _f("online_url", "Lien en ligne", placeholder="https://"),
            _f("organisers", "Membres organisateurs", "ids", description=IDS),
            _f(
                "working_group",
                "Groupe de travail organisateur",
                description="Son identifiant (data/working-groups.yaml).",
            ),
            _f("themes", "Thèmes", description="Six au plus.", **checks),
            _f("languages", "Langues", "languages", placeholder="fr"),
            _f(
                "audience",
                "Public",
                "choice",
                required=True,
                options=_choices(AUDIENCES),
                default=0,
                description="Réservé aux membres : le site ne montre que le titre et la date.",
            ),
            _f("registration.url", "Lien d'inscription", placeholder="https://"),
            _f("registration.deadline", "Date limite d'inscription", "when", placeholder="2027-03-10 23:59"),
            _f("description", "Présentation", "markdown"),
            _f("status", "Statut", "choice", required=True, options=_choices(EVENT_STATUS), default=0),
            _f(
                "publications",
                "Publications liées",
                "ids",
                description="Identifiants des publications, séparés par des virgules.",
            ),
            _f(
                "advocacy_action",
                "Action de plaidoyer liée",
                description="Son identifiant (data/advocacy-actions.yaml).",
            ),
        ),
    )


def _element(field: FormField) -> MappingNode:
    attributes: Pairs = [("label", scalar(field.title))]
    if field.description:
        attributes.append(("description", scalar(field.description)))
    if field.placeholder and field.widget in ("input", "textarea"):
        attributes.append(("placeholder", scalar(field.placeholder)))
    if field.widget == "dropdown":
        attributes.append(("options", block_list([scalar(field.option_text(o)) for o in field.options])))
        if field.default is not None:
            attributes.append(("default", number(str(field.default))))
    if field.widget == "checkboxes":
        attributes.append(
            ("options", block_list([block_map([("label", scalar(field.option_text(o)))]) for o in field.options]))
        )
    pairs: Pairs = [
        ("type", scalar(field.widget)),
        ("id", scalar(field.key.replace(".", "-"))),
        ("attributes", block_map(attributes)),
    ]
    if field.required:
        pairs.append(("validations", block_map([("required", boolean(True))])))
    return block_map(pairs)


def render_form(form: Form) -> str:
    """The YAML of a GitHub issue form."""
    intro = block_map(
        [("type", scalar("markdown")), ("attributes", block_map([("value", scalar(form.intro + "\n", "|"))]))]
    )
    node = block_map(
        [
            ("name", scalar(form.name)),
            ("description", scalar(form.about)),
            ("title", scalar(form.title)),
            ("labels", block_list([scalar(form.kind)])),
            ("body", block_list([intro, *map(_element, form.fields)])),
        ]
    )
    return HEADER + emit(node)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pdh.cli.issueforms", description="Écrit les formulaires de tickets."
    )
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--check", action="store_true", help="vérifie seulement que les formulaires sont à jour")
    args = parser.parse_args(argv)
    stale = []
    for form in build_forms(args.root).values():
        path = args.root / FORMS_DIR / f"{form.kind}.yml"
        text = render_form(form)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("Formulaires à régénérer (make formulaires) :", *stale, sep="\n", file=sys.stderr)
        return 1
    print(
        "Formulaires à jour."
        if args.check or not stale
        else f"Formulaires écrits : {', '.join(p.name for p in stale)}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
