"""What every page carries besides its body: the footer's links, and the error page served at any address."""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from ..content.i18n import N_
from ..content.settings import Settings
from .edition import Edition
from .urls import src_to_url

COMPLIANCE = {
    "totalement": N_("Accessibilité : totalement conforme"),  # the words RGAA requires in the footer
    "partiellement": N_("Accessibilité : partiellement conforme"),
    "non": N_("Accessibilité : non conforme"),
}


def editorial(settings: Settings, partners: dict[str, dict[str, str]], role: str, ed: Edition) -> str | None:
    """The source path of the page with `role` in `pages:` (mkdocs.yml), in the edition's language if translated."""
    french: str | None = (settings.pages or {}).get(role)
    if french is None:
        return None
    return partners.get(french, {}).get(ed.code, french)


def footer(settings: Settings, partners: dict[str, dict[str, str]], ed: Edition) -> dict[str, Any]:
    """The footer's label, links (contact, press, feeds, open data, legal notice, accessibility) and notice, escaped."""
    _, paths = ed._, ed.paths
    links = [
        (_("Contact"), editorial(settings, partners, "contact", ed)),
        (_("Espace presse"), src_to_url(paths.index(paths.PRESS))),
        (_("Flux et calendriers"), src_to_url(paths.index(paths.FEEDS))),
        (_("Données ouvertes"), src_to_url(paths.index(paths.DATA))),
        (_("Mentions légales"), editorial(settings, partners, "legal", ed)),
        (_(COMPLIANCE[settings.accessibility]), editorial(settings, partners, "accessibility", ed)),
    ]
    return {
        "label": _("Informations sur le site"),
        "links": [(escape(label), src_to_url(src) if src.endswith(".md") else src) for label, src in links if src],
        "notice": escape(
            _("© %(org)s et ses organisations membres · Site sans cookie ni traceur · Code source sous licence MIT")
        ),
    }


def not_found(settings: Settings, partners: dict[str, dict[str, str]], editions: list[Edition]) -> dict[str, Any]:
    """What the single 404 page shows, in every language: a search box and the main entry points."""
    shown = []
    for ed in editions:
        _, paths = ed._, ed.paths
        links = [
            (_("Accueil"), paths.home()),
            (_("Publications"), paths.publications_page(1)),
            (_("Annuaire des membres"), paths.index(paths.MEMBERS)),
            (_("Agenda"), paths.index(paths.EVENTS)),
            (_("Contact"), editorial(settings, partners, "contact", ed)),
        ]
        shown.append(
            {
                "code": ed.code,
                "title": escape(_("Page introuvable")),
                "text": escape(
                    _(
                        "Cette page n'existe pas ou a été déplacée. Cherchez ce qu'elle contenait, "
                        "ou reprenez depuis l'une des rubriques du site."
                    )
                ),
                "search_url": src_to_url(paths.index(paths.SEARCH)),
                "search_label": escape(_("Rechercher sur le site")),
                "search_submit": escape(_("Lancer la recherche")),
                "form_label": escape(_("Chercher ce que contenait la page")),
                "links": [(escape(label), src_to_url(src)) for label, src in links if src],
            }
        )
    return {"editions": shown, "footer": footer(settings, partners, editions[0])}
