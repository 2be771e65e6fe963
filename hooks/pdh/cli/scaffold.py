"""`pdh-nouveau`: a new member entry, publication file or event, every field present and explained.

    pdh-nouveau membre mon-association
    pdh-nouveau publication 2026-ma-note
    pdh-nouveau evenement ma-conference

Members and events are appended to their data file; a publication gets its own file. Required
fields are left empty: `make check` then lists exactly what remains to fill in.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import NoReturn

from ..content.fields import SLUG
from ..content.load import EVENTS, MEMBERS, PUBLICATIONS_DIR
from ..content.model import EVENT_TYPES

MEMBER = """
- id: {id}  # identifiant : minuscules sans accent et tirets (adresse : /membres/{id}/)
  name:                     # OBLIGATOIRE — nom complet de l'organisation
  acronym:                  # sigle (facultatif)
  status: member            # OBLIGATOIRE — member (membre) ou observer (observateur)
  joined:                   # date d'adhésion entre guillemets : "2019", "2019-03" ou "2019-03-15"
  city:                     # OBLIGATOIRE — ville du siège
  website:                  # adresse complète : https://…
  logo:                     # fichier du logo déposé dans le dépôt, par exemple data/logos/{id}.png (PNG, JPEG, WebP ou SVG)
  description: |            # OBLIGATOIRE — présentation en Markdown, quelques phrases (pas de HTML)

  themes: []                # thèmes de data/themes.yaml, par exemple [droits-des-femmes, migrations]
  countries: []             # pays d'action, codes ISO à deux lettres en majuscules, par exemple [CO, SN]
  working_groups: []        # groupes de data/working-groups.yaml auxquels l'organisation participe
  leads: []                 # groupes (parmi working_groups) que l'organisation anime
  social:                   # réseaux sociaux (adresses complètes), à supprimer si aucun
    mastodon:
    linkedin:
  contact:                  # contact public, à supprimer si aucun
    email:                  # adresse simple : contact@exemple.org
    phone:
  maintainers: []           # comptes GitHub autorisés à modifier cette fiche, par exemple [mon-compte]
"""

EVENT = """
- id: {id}  # identifiant : minuscules sans accent et tirets (adresse : /agenda/{id}/)
  title:                    # OBLIGATOIRE — titre de l'événement
  type: conference          # OBLIGATOIRE — {types}
  start:                    # OBLIGATOIRE — "2027-03-12" (journée entière) ou 2027-03-12T18:00+01:00 (heure de Paris : +01:00 en hiver, +02:00 en été)
  end:                      # même forme que start ; pour plusieurs jours : dernier jour inclus
  timezone: Europe/Paris    # fuseau horaire de l'événement
  place:                    # lieu (ou bien online_url, ou les deux) ; à supprimer pour un événement en ligne
    venue:                  # nom de la salle
    address:                # adresse
    city:                   # OBLIGATOIRE si place est indiqué
    country: FR             # code pays ISO
  online_url:               # lien de la visioconférence : https://…
  organisers: []            # membres organisateurs, par exemple [agir-ensemble]
  working_group:            # groupe de travail organisateur (facultatif)
  themes: []                # thèmes de data/themes.yaml
  languages: [fr]           # langues : fr, en, es…
  audience: public          # public ou members (réservé aux membres : seuls le titre et la date sont publiés)
  registration:             # à supprimer s'il n'y a pas d'inscription
    url:                    # lien d'inscription
    deadline:               # date limite, même forme que start
  description: |            # présentation en Markdown

  status: scheduled         # scheduled (programmé), postponed (reporté) ou cancelled (annulé)
  publications: []          # publications liées (noms de fichiers sans .md)
  advocacy_action:          # action de plaidoyer liée (identifiant de data/advocacy-actions.yaml)
  announced:                # date d'annonce entre guillemets, par exemple "2026-11-28"
  sequence: 0               # augmentez de 1 à chaque changement de date, de lieu ou de statut
"""

PUBLICATION = """---
# Nouvelle publication : remplissez les champs, déposez le PDF dans content/publications/fichiers/.
title:                      # OBLIGATOIRE — titre
date:                       # OBLIGATOIRE — date de publication entre guillemets : "2026-03-08"
updated:                    # date de mise à jour (facultatif)
type: note-de-position      # OBLIGATOIRE — note-de-position, rapport, declaration-commune, lettre-ouverte, communique-de-presse, contribution-consultation, tribune ou outil-guide
summary: |                  # OBLIGATOIRE — résumé en Markdown, une à trois phrases

themes: []                  # thèmes de data/themes.yaml
countries: []               # pays concernés, codes ISO : [CO, SN]
languages: [fr]             # langues du document
authors: []                 # OBLIGATOIRE — pdh (la Plateforme) et/ou identifiants de membres
signatories: []             # membres cosignataires
other_signatories: []       # autres organisations signataires (texte libre)
targets: []                 # institutions visées (texte libre)
advocacy_action:            # action de plaidoyer liée (facultatif)
working_groups: []          # groupes de travail à l'origine de la publication
attachments:                # pièces jointes, à supprimer s'il n'y en a pas
  - file: content/publications/fichiers/{id}.pdf
    title: Document complet
---

Texte de la publication en Markdown : ## Intertitres, listes, [liens](https://exemple.org).
"""


def scaffold(kind: str, entry_id: str, root: Path) -> Path:
    """Write the template; refuse a bad or already used id with a French message."""
    if not SLUG.fullmatch(entry_id):
        raise ValueError(
            f"identifiant « {entry_id} » invalide : lettres minuscules sans accent, chiffres et tirets seulement"
        )
    if kind == "publication":
        path = root / PUBLICATIONS_DIR / f"{entry_id}.md"
        if path.exists():
            raise ValueError(f"{path.relative_to(root)} existe déjà")
        path.write_text(PUBLICATION.format(id=entry_id), encoding="utf-8")
        return path
    rel, template = {"membre": (MEMBERS.file, MEMBER), "evenement": (EVENTS.file, EVENT)}[kind]
    path = root / rel
    text = path.read_text(encoding="utf-8")
    if f"- id: {entry_id}\n" in text or f"- id: {entry_id} " in text:
        raise ValueError(f"l'identifiant « {entry_id} » est déjà utilisé dans {rel}")
    if text.rstrip().endswith("[]"):  # an empty list written as [] becomes the first entry
        text = text.rstrip()[:-2].rstrip() + "\n"
    types = ", ".join(list(EVENT_TYPES)[:-1]) + f" ou {list(EVENT_TYPES)[-1]}"  # the model's list, never a stale copy
    path.write_text(text.rstrip("\n") + "\n" + template.format(id=entry_id, types=types), encoding="utf-8")
    return path


KINDS = ("membre", "publication", "evenement")
USAGE = """Usage : make nouveau TYPE=membre|publication|evenement ID=mon-identifiant
Exemples :
  make nouveau TYPE=membre ID=mon-association
  make nouveau TYPE=publication ID=2026-ma-note
  make nouveau TYPE=evenement ID=ma-conference
(sans make : pdh-nouveau membre|publication|evenement mon-identifiant)"""


class _FrenchParser(argparse.ArgumentParser):
    """argparse speaks English and prints its own usage: a volunteer reads the French usage instead."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"Erreur : arguments en trop ou mal formés.\n{USAGE}\n")


def _usage_problem(kind: str, entry_id: str) -> str | None:
    """What is missing or wrong in TYPE and ID, in French, or None."""
    if not kind:
        return "TYPE manquant : indiquez ce que vous créez (membre, publication ou evenement)."
    if kind not in KINDS:
        close = difflib.get_close_matches(kind.lower(), KINDS, n=1, cutoff=0.6)
        hint = f" — vouliez-vous dire « TYPE={close[0]} » ?" if close else ""
        return f"TYPE « {kind} » inconnu : écrivez TYPE=membre, TYPE=publication ou TYPE=evenement{hint}"
    if not entry_id:
        return (
            "ID manquant : indiquez l'identifiant de la nouvelle entrée (minuscules sans accent, chiffres et "
            "tirets), par exemple ID=mon-association."
        )
    return None


def main(argv: list[str] | None = None) -> int:
    parser = _FrenchParser(
        prog="pdh-nouveau",
        description="Crée une fiche, une publication ou un événement à remplir.",
        usage=USAGE,
        add_help=False,
    )
    parser.add_argument("kind", nargs="?", default="")
    parser.add_argument("id", nargs="?", default="")
    parser.add_argument("--root", type=Path, default=Path("."))
    argv = sys.argv[1:] if argv is None else argv
    if {"-h", "--help"} & set(argv):
        print(USAGE)
        return 0
    args = parser.parse_args(argv)
    kind, entry_id = args.kind.strip(), args.id.strip()  # make passes an unset TYPE or ID as ""
    problem = _usage_problem(kind, entry_id)
    if problem:
        print(f"Erreur : {problem}\n{USAGE}", file=sys.stderr)
        return 2
    try:
        path = scaffold(kind, entry_id, args.root)
    except ValueError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    print(f"Modèle ajouté dans {path} : remplissez les champs, puis lancez « make check ».")
    return 0


if __name__ == "__main__":
    sys.exit(main())
