"""Pages of the member directory: directory, filter pages, profiles, working groups."""

from __future__ import annotations

from typing import Any

from ..content.i18n import N_
from ..content.load import MEMBERS, WORKING_GROUPS
from ..content.model import MEMBER_STATUS, Member
from .catalog import Catalog
from .edition import Edition
from .facets import Facet, by_label
from .figures import organisations
from .generated import Card, GeneratedPage, SearchInfo
from .library import profile_publications
from .logos import Logo
from .sources import entry_source
from .urls import FR

MEMBER_PLURALS = {"member": N_("Membres"), "observer": N_("Observateurs")}
FACET_NOUNS = {"theme": N_("thème"), "pays": N_("pays d'action"), "statut": N_("statut")}


def member_facets(catalog: Catalog, ed: Edition) -> dict[str, list[Facet[Member]]]:
    """Filter values in use, each with its static page, sorted for readers."""
    paths = ed.paths
    themes = [
        Facet.labelled("theme", t.id, ed.label(t.label), paths.members_by_theme(t.id), catalog.members_by_theme[t.id])
        for t in catalog.themes
        if t.id in catalog.members_by_theme
    ]
    countries = by_label(
        Facet("pays", code, ed.lang.country(code), paths.members_by_country(code), members)
        for code, members in catalog.members_by_country.items()
    )
    statuses = [
        Facet(
            "statut",
            status,
            ed._(MEMBER_PLURALS[status]),
            paths.members_by_status(status),
            catalog.members_by_status[status],
        )
        for status in MEMBER_STATUS
        if status in catalog.members_by_status
    ]
    groups = [
        Facet.labelled("groupe", g.id, ed.label(g.name), paths.group(g.id), catalog.members_by_group.get(g.id, ()))
        for g in catalog.working_groups
    ]
    return {"theme": themes, "pays": countries, "statut": statuses, "groupe": groups}


def member_view(catalog: Catalog, member: Member, logos: dict[str, Logo]) -> dict[str, Any]:
    """What a member card shows besides the member itself: its themes and its logo."""
    return {"member": member, "themes": [catalog.theme_by_id[t] for t in member.themes], "logo": logos.get(member.id)}


def plan_member_pages(catalog: Catalog, logos: dict[str, Logo], ed: Edition) -> list[GeneratedPage]:
    """Directory, filter pages, profiles and working groups."""
    paths, _ = ed.paths, ed._
    counts = catalog.counts
    facets = member_facets(catalog, ed)
    cards = {m.id: member_view(catalog, m, logos) for m in catalog.members}
    directory = paths.index(paths.MEMBERS)
    said = organisations(ed.lang, counts["member"], counts["observer"])
    pages = [
        GeneratedPage(
            directory,
            _("Membres"),
            _("Annuaire %(of_org)s (%(organisations)s) : thèmes, pays d'action, groupes de travail.")
            % {"organisations": said},
            "members.html",
            {
                "cards": [cards[m.id] for m in catalog.members],
                "facets": facets,
                "counts": counts,
                "organisations": said,
                "former": catalog.former,
            },
            in_nav=True,
            scripts=("assets/javascripts/pdh-filters.js",),
            lang=ed.code,
            key=FR.index(FR.MEMBERS),
        )
    ]
    member_lists: dict[str, list[str]] = {m.id: [directory] for m in catalog.members}
    for kind in ("theme", "pays", "statut"):
        noun = _(FACET_NOUNS[kind])
        for facet in facets[kind]:
            pages.append(
                GeneratedPage(
                    facet.src_uri,
                    _("Membres — %(noun)s : %(label)s") % {"noun": noun, "label": facet.label},
                    _("Organisations %(of_org)s — %(noun)s : %(label)s.") % {"noun": noun, "label": facet.label},
                    "members_facet.html",
                    {"facet": facet, "noun": noun, "cards": [cards[m.id] for m in facet.items]},
                    entry=f"filtre {FACET_NOUNS[kind]} « {facet.value} »",
                    listed_in=(directory,),
                    lang=ed.code,
                    key=_facet_key(kind, facet.value),
                )
            )
            for member in facet.items:
                member_lists[member.id].append(facet.src_uri)
    pages += [_profile(catalog, member, logos, ed, tuple(member_lists[member.id])) for member in catalog.members]
    pages += [_profile(catalog, member, logos, ed, (directory,)) for member in catalog.former]
    pages += _group_pages(catalog, cards, ed)
    return pages


def _facet_key(kind: str, value: str) -> str:
    return {"theme": FR.members_by_theme, "pays": FR.members_by_country, "statut": FR.members_by_status}[kind](value)


def _profile(
    catalog: Catalog, member: Member, logos: dict[str, Logo], ed: Edition, listed_in: tuple[str, ...]
) -> GeneratedPage:
    logo = logos.get(member.id)
    former = member in catalog.former
    status = ed._("ancien membre") if former else ed._(MEMBER_STATUS[member.status])
    return GeneratedPage(
        ed.paths.member(member.id),
        ed.text(member.name).text,
        ed._("%(name)s — %(status)s %(of_org)s, %(city)s.")
        % {"name": ed.text(member.name).text, "status": status, "city": member.city},
        "member.html",
        {
            **member_view(catalog, member, logos),
            "status": status,
            "groups": [catalog.group_by_id[g] for g in member.working_groups],
            "publications": profile_publications(catalog, member.id),
            "publication_total": len(catalog.publications_by_member.get(member.id, ())),
            "events": catalog.events_by_member.get(member.id, ()),
            "actions": catalog.actions_by_member.get(member.id, ()),
            "press_contacts": catalog.press_contacts.get(member.id, ()),
            "former": former,
        },
        og_type="profile",
        search=SearchInfo(
            ed._("Membre"),
            filters=(
                *(("theme", ed.text(catalog.theme_by_id[t].label).text) for t in member.themes),
                *(("pays", ed.lang.country(c)) for c in member.countries),
            ),
        ),
        image=logo.profile.src if logo else None,
        card=Card(
            status.capitalize(),
            ed.text(member.name).text,
            member.city,
            member.logo if member.logo and not member.logo.lower().endswith(".svg") else "",
        ),
        entry=f"membre « {member.id} »",
        listed_in=listed_in,
        lang=ed.code,
        key=FR.member(member.id),
        source=entry_source(catalog.lines, MEMBERS.file, member.id),
    )


def _group_pages(catalog: Catalog, cards: dict[str, dict[str, Any]], ed: Edition) -> list[GeneratedPage]:
    paths, _ = ed.paths, ed._
    groups_index = paths.index(paths.GROUPS)
    pages = [
        GeneratedPage(
            groups_index,
            _("Groupes de travail"),
            _("Les groupes de travail %(of_org)s."),
            "groups.html",
            {"groups": [(g, len(catalog.members_by_group.get(g.id, ()))) for g in catalog.working_groups]},
            in_nav=True,
            lang=ed.code,
            key=FR.index(FR.GROUPS),
        )
    ]
    for group in catalog.working_groups:
        members = catalog.members_by_group.get(group.id, ())
        name = ed.text(group.name).text
        pages.append(
            GeneratedPage(
                paths.group(group.id),
                name,
                _("Groupe de travail « %(name)s » %(of_org)s.") % {"name": name},
                "group.html",
                {
                    "group": group,
                    "leads": catalog.leads_by_group.get(group.id, ()),
                    "members": members,
                    "cards": [cards[m.id] for m in members],
                    "publications": catalog.publications_by_group.get(group.id, ()),
                    "events": catalog.events_by_group.get(group.id, ()),
                },
                entry=f"groupe de travail « {group.id} »",
                search=SearchInfo(_("Groupe de travail")),
                source=entry_source(catalog.lines, WORKING_GROUPS.file, group.id),
                listed_in=(groups_index,),
                lang=ed.code,
                key=FR.group(group.id),
            )
        )
    return pages
