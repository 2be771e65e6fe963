"""Pages of the member directory: directory, filter pages, profiles, working groups."""
from __future__ import annotations

from ..content import geo
from ..content.model import MEMBER_STATUS
from . import urls
from .catalog import Catalog
from .facets import Facet
from .generated import GeneratedPage, SearchInfo
from .logos import Logo


def member_facets(catalog: Catalog) -> dict[str, list[Facet]]:
    """Filter values in use, each with its static page, sorted for readers."""
    themes = [Facet("theme", t.id, str(t.label), urls.members_by_theme(t.id), catalog.members_by_theme[t.id])
              for t in catalog.themes if t.id in catalog.members_by_theme]
    countries = sorted((Facet("pays", code, geo.country_name(code), urls.members_by_country(code), members)
                        for code, members in catalog.members_by_country.items()), key=lambda f: geo.sort_key(f.label))
    statuses = [Facet("statut", status, label.capitalize() + "s", urls.members_by_status(status), catalog.members_by_status[status])
                for status, label in MEMBER_STATUS.items() if status in catalog.members_by_status]
    groups = [Facet("groupe", g.id, str(g.name), urls.group(g.id), catalog.members_by_group.get(g.id, ()))
              for g in catalog.working_groups]
    return {"theme": themes, "pays": countries, "statut": statuses, "groupe": groups}


def plan_member_pages(catalog: Catalog, logos: dict[str, Logo]) -> list[GeneratedPage]:
    """Directory, filter pages, profiles and working groups."""
    counts = catalog.counts
    facets = member_facets(catalog)
    directory = urls.index(urls.MEMBERS)
    pages = [GeneratedPage(
        directory, "Membres",
        f"Les {counts['member']} membres et {counts['observer']} observateurs de la Plateforme droits de l'homme : "
        "thèmes, pays d'action, groupes de travail.",
        "members.html", {"members": catalog.members, "facets": facets, "logos": logos},
        in_nav=True, scripts=("assets/javascripts/pdh-filters.js",))]
    member_lists: dict[str, list[str]] = {m.id: [directory] for m in catalog.members}
    for kind in ("theme", "pays", "statut"):
        for facet in facets[kind]:
            noun = {"theme": "thème", "pays": "pays d'action", "statut": "statut"}[kind]
            pages.append(GeneratedPage(
                facet.src_uri, f"Membres — {noun} : {facet.label}",
                f"Organisations de la Plateforme droits de l'homme — {noun} : {facet.label}.",
                "members_facet.html", {"facet": facet, "noun": noun, "logos": logos},
                entry=f"filtre {noun} « {facet.value} »", listed_in=(directory,)))
            for member in facet.items:
                member_lists[member.id].append(facet.src_uri)
    for member in catalog.members:
        logo = logos.get(member.id)
        pages.append(GeneratedPage(
            urls.member(member.id), str(member.name),
            f"{member.name} — {member.status_label} de la Plateforme droits de l'homme, {member.city}.",
            "member.html", {"member": member, "logo": logo}, og_type="profile",
            search=SearchInfo("Membre", filters=(
                *(("theme", str(catalog.theme_by_id[t].label)) for t in member.themes),
                *(("pays", geo.country_name(c)) for c in member.countries))),
            image=logo.profile.src if logo else None,
            entry=f"membre « {member.id} »", listed_in=tuple(member_lists[member.id])))
    groups_index = urls.index(urls.GROUPS)
    pages.append(GeneratedPage(
        groups_index, "Groupes de travail", "Les groupes de travail de la Plateforme droits de l'homme.",
        "groups.html", {"groups": catalog.working_groups}, in_nav=True))
    for group in catalog.working_groups:
        pages.append(GeneratedPage(
            urls.group(group.id), str(group.name), f"Groupe de travail « {group.name} » de la Plateforme droits de l'homme.",
            "group.html", {"group": group, "logos": logos}, entry=f"groupe de travail « {group.id} »",
            search=SearchInfo("Groupe de travail"),
            listed_in=(groups_index,)))
    return pages
