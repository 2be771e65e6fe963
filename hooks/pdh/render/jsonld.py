"""schema.org JSON-LD for the pages, serialised so that no text can close its <script>."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from ..content.i18n import Lang
from ..content.model import Event, Member, Publication, WorkingGroup
from ..content.organisation import Organisation
from ..plan.agenda import MEMBERS_ONLY
from ..plan.library import AttachmentInfo


def dump(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json">: `<`, `>` and `&` escaped as \\u00XX."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def platform(organisation: Organisation, site_url: str) -> dict[str, Any]:
    """The coalition as schema.org knows it, from its identity (extra.pdh.organisation)."""
    return {
        "@type": "NGO",
        "name": organisation.name,
        "alternateName": organisation.short_name,
        "foundingDate": organisation.founded,
        "url": site_url,
    }


def member(member: Member, *, url: str, publisher: dict[str, Any], logo_url: str | None, lang: Lang) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "@id": url + "#organisation",
        "url": url,
        "name": lang.text(member.name).text,
        "description": lang.text(member.description).text[:500],
        "memberOf": publisher,
        "address": {"@type": "PostalAddress", "addressLocality": member.city},
    }
    if member.acronym:
        data["alternateName"] = member.acronym
    if member.website:
        data["sameAs"] = [member.website, *(link for _, link in (member.social.links() if member.social else []))]
    if logo_url:
        data["logo"] = logo_url
    if member.countries:
        data["areaServed"] = [{"@type": "Country", "name": lang.country(c), "identifier": c} for c in member.countries]
    if member.contact and member.contact.email:
        data["email"] = member.contact.email
    return data


def group(
    group: WorkingGroup,
    *,
    url: str,
    publisher: dict[str, Any],
    members: Iterable[Member],
    member_url: Callable[[str], str],
    lang: Lang,
) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": url + "#groupe",
        "url": url,
        "name": lang.text(group.name).text,
        "description": lang.text(group.purpose).text[:500],
        "parentOrganization": publisher,
        "memberOf": publisher,
        "member": [{"@type": "NGO", "name": str(m.name), "url": member_url(m.id)} for m in members],
    }


SCHEMA_TYPES = {
    "rapport": "Report",
    "note-de-position": "Report",
    "contribution-consultation": "Report",
    "declaration-commune": "Article",
    "lettre-ouverte": "Article",
    "communique-de-presse": "Article",
    "tribune": "Article",
    "outil-guide": "CreativeWork",
}


def publication(
    publication: Publication,
    *,
    url: str,
    site_url: str,
    publisher: dict[str, Any],
    authors: list[str],
    attachments: list[AttachmentInfo],
    lang: Lang,
) -> dict[str, Any]:
    meta = publication.meta
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[meta.type],
        "@id": url + "#publication",
        "url": url,
        "name": lang.text(meta.title).text,
        "headline": lang.text(meta.title).text[:110],
        "abstract": lang.text(meta.summary).text[:1000],
        "datePublished": meta.date.isoformat(),
        "dateModified": (meta.updated or meta.date).isoformat(),
        "inLanguage": list(meta.languages) if len(meta.languages) > 1 else meta.languages[0],
        "publisher": publisher,
        "author": [{"@type": "Organization", "name": name} for name in authors],
    }
    if meta.countries:
        data["spatialCoverage"] = [{"@type": "Country", "identifier": c} for c in meta.countries]
    if attachments:
        data["encoding"] = [
            {
                "@type": "MediaObject",
                "contentUrl": site_url + a.src,
                "encodingFormat": a.mime_type,
                "contentSize": str(a.size),
            }
            for a in attachments
        ]
    return data


EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}


def event(
    event: Event,
    *,
    url: str,
    publisher: dict[str, Any],
    organisers: Iterable[Member],
    member_url: Callable[[str], str],
    place: str,
    lang: Lang,
) -> dict[str, Any]:
    """schema.org Event; a members-only event keeps its title and date only."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url + "#evenement",
        "url": url,
        "name": lang.text(event.title).text,
        "startDate": event.start.isoformat(),
        "eventStatus": EVENT_STATUS[event.status],
        "organizer": [{"@type": "NGO", "name": str(m.name), "url": member_url(m.id)} for m in organisers] or publisher,
    }
    if event.end:
        data["endDate"] = event.end.isoformat()
    if event.audience == "members":
        data["description"] = lang._(MEMBERS_ONLY)
        return data
    locations: list[dict[str, Any]] = []
    if event.place:
        locations.append(
            {
                "@type": "Place",
                "name": event.place.venue or event.place.city,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.place.address or "",
                    "addressLocality": event.place.city,
                    "addressCountry": event.place.country,
                },
            }
        )
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    data["location"] = locations[0] if len(locations) == 1 else locations
    data["eventAttendanceMode"] = (
        "https://schema.org/MixedEventAttendanceMode"
        if len(locations) == 2
        else "https://schema.org/OnlineEventAttendanceMode"
        if event.online_url
        else "https://schema.org/OfflineEventAttendanceMode"
    )
    if event.description:
        data["description"] = lang.text(event.description).text[:1000]
    if event.registration:
        data["offers"] = {"@type": "Offer", "url": event.registration.url, "availability": "https://schema.org/InStock"}
    return data
