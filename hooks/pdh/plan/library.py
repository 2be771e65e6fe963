"""The publication library: facets, pagination, related publications, citations. Pure functions."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..content.i18n import N_
from ..content.model import PUBLICATION_TYPES, Publication
from .catalog import Catalog
from .edition import Edition
from .facets import Facet, by_label
from .logos import Picture

T = TypeVar("T")

NAV_TYPES = {
    "note-de-position": N_("Nos positions"),
    "outil-guide": N_("Ressources et outils mutualisés"),
}  # in the menu
FACET_KINDS = {  # URL parameter → (folder, label for readers)
    "type": ("type", N_("Type")),
    "theme": ("theme", N_("Thème")),
    "pays": ("pays", N_("Pays")),
    "annee": ("annee", N_("Année")),
    "membre": ("membre", N_("Membre")),
    "langue": ("langue", N_("Langue")),
}


def facet_values(publication: Publication, organisation: str) -> dict[str, list[str]]:
    """The facet values one publication carries, by kind (`organisation`: the coalition's id, not a member)."""
    meta = publication.meta
    return {
        "type": [meta.type],
        "theme": list(meta.themes),
        "pays": list(meta.countries),
        "annee": [str(meta.date.year)],
        "membre": [m for m in dict.fromkeys([*meta.authors, *meta.signatories]) if m != organisation],
        "langue": list(meta.languages),
    }


def library_facets(catalog: Catalog, ed: Edition) -> dict[str, list[Facet[Publication]]]:
    """Every facet value in use with its publications (newest first), in one pass."""
    grouped: dict[str, dict[str, list[Publication]]] = {kind: defaultdict(list) for kind in FACET_KINDS}
    for publication in catalog.publications:
        for kind, values in facet_values(publication, catalog.coalition.id).items():
            for value in values:
                grouped[kind][value].append(publication)

    def label(kind: str, value: str) -> str | tuple[str, str]:
        if kind == "type":
            return ed._(PUBLICATION_TYPES[value]).capitalize()
        if kind == "theme":
            return ed.label(catalog.theme_by_id[value].label)
        if kind == "pays":
            return ed.lang.country(value)
        if kind == "membre":
            return ed.label(catalog.member_by_id[value].name)
        if kind == "langue":
            return ed.lang.language(value).capitalize()
        return value

    out: dict[str, list[Facet[Publication]]] = {}
    for kind, by_value in grouped.items():
        facets = [
            Facet.labelled(kind, value, label(kind, value), ed.paths.publications_facet(kind, value), tuple(pubs))
            for value, pubs in by_value.items()
        ]
        if kind == "annee":
            facets.sort(key=lambda f: f.value, reverse=True)
        elif kind == "type":
            order = list(PUBLICATION_TYPES)
            facets.sort(key=lambda f: order.index(f.value))
        else:
            facets = by_label(facets)
        out[kind] = facets
    for type_id in NAV_TYPES:  # menu entries: present, with their page and feed, before their first publication
        if not any(f.value == type_id for f in out["type"]):
            out["type"].append(
                Facet(
                    "type",
                    type_id,
                    ed._(PUBLICATION_TYPES[type_id]).capitalize(),
                    ed.paths.publications_facet("type", type_id),
                    (),
                )
            )
    return out


@dataclass(frozen=True)
class PublicationItem:
    """A publication as listings show it: with its authors' names resolved, and its cover if it has one."""

    publication: Publication
    authors: tuple[str, ...]
    cover: Picture | None = None  # its first PDF's first page (pdh.content.pdfcover)


def publication_item(
    catalog: Catalog, publication: Publication, attachments: dict[str, AttachmentInfo] | None = None
) -> PublicationItem:
    covers = [attachments[a.file].cover for a in publication.meta.attachments] if attachments else []
    return PublicationItem(
        publication,
        tuple(author_names(catalog, publication.meta.authors)),
        next((cover for cover in covers if cover), None),
    )


def publication_items(
    catalog: Catalog, attachments: dict[str, AttachmentInfo] | None = None
) -> dict[str, PublicationItem]:
    """Every publication's listing item, made once per build."""
    return {p.id: publication_item(catalog, p, attachments) for p in catalog.publications}


PROFILE_LIMIT = 10  # latest publications a member profile lists; all of them are on its facet page


def profile_publications(catalog: Catalog, member_id: str) -> tuple[Publication, ...]:
    """What a member's profile lists: its latest publications (a profile stays small whatever the archive)."""
    return catalog.publications_by_member.get(member_id, ())[:PROFILE_LIMIT]


def pager_window(number: int, count: int, around: int = 2) -> list[int | None]:
    """The page numbers a pager shows: the first, the last, and `around` each side of `number`; None for a gap.

    Bounded (at most 2 × around + 5 items) however long the listing: a pager linking every page
    made 755,000 links (29 MB) at 10,000 publications.
    """
    shown = sorted({1, count, *range(max(1, number - around), min(count, number + around) + 1)})
    out: list[int | None] = []
    for page in shown:
        if out and page - out[-1] == 2:
            out.append(page - 1)  # a gap of one page: show it rather than « … »
        elif out and page - out[-1] > 2:
            out.append(None)
        out.append(page)
    return out


def paginate(items: tuple[T, ...], size: int) -> list[tuple[T, ...]]:
    """Pages of at most `size` items; an empty listing still has one (empty) page."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [()]


def related(catalog: Catalog, limit: int = 4, window: int = 6) -> dict[str, tuple[Publication, ...]]:
    """Publications sharing themes or countries, scored by shared values.

    Candidates come from each value's list near the publication's own position (± window),
    so the cost stays linear in the number of publications whatever the size of a theme.
    """
    lists: dict[tuple[str, str], list[Publication]] = defaultdict(list)
    for publication in catalog.publications:
        for theme in publication.meta.themes:
            lists[("theme", theme)].append(publication)
        for country in publication.meta.countries:
            lists[("pays", country)].append(publication)
    position = {key: {p.id: i for i, p in enumerate(pubs)} for key, pubs in lists.items()}
    out: dict[str, tuple[Publication, ...]] = {}
    for publication in catalog.publications:
        keys = [("theme", t) for t in publication.meta.themes] + [("pays", c) for c in publication.meta.countries]
        scores: dict[str, int] = defaultdict(int)
        for key in keys:
            pubs, here = lists[key], position[key][publication.id]
            for other in pubs[max(0, here - window) : here + window + 1]:
                if other.id != publication.id:
                    scores[other.id] += 1
        ranked = sorted(
            scores,
            key=lambda pid: (
                -scores[pid],
                abs((catalog.publication_by_id[pid].meta.date - publication.meta.date).days),
                pid,
            ),
        )
        out[publication.id] = tuple(catalog.publication_by_id[pid] for pid in ranked[:limit])
    return out


def author_names(catalog: Catalog, ids: list[str]) -> list[str]:
    organisation = catalog.coalition
    return [organisation.name if i == organisation.id else str(catalog.member_by_id[i].name) for i in ids]


def citation(catalog: Catalog, publication: Publication, url: str, ed: Edition) -> str:
    """A bibliographic reference in the edition's language, ready to paste."""
    meta = publication.meta
    return ed._("%(authors)s, « %(title)s », %(type)s, %(date)s. En ligne : %(url)s") % {
        "authors": ", ".join(author_names(catalog, meta.authors)),
        "title": ed.text(meta.title, meta.languages[0]).text,
        "type": ed._(PUBLICATION_TYPES[meta.type]),
        "date": ed.lang.date(meta.date),
        "url": url,
    }


_BIBTEX_SPECIAL = re.compile(r"([{}\\%&$#_~^])")
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_REPORT_TYPES = {"note-de-position", "rapport", "contribution-consultation", "declaration-commune", "lettre-ouverte"}


def _bibtex_text(text: str) -> str:
    escaped = _BIBTEX_SPECIAL.sub(
        lambda m: {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}.get(
            m.group(1), "\\" + m.group(1)
        ),
        text,
    )
    return "{" + escaped + "}"


def bibtex(catalog: Catalog, publication: Publication, url: str) -> str:
    """A BibTeX entry; every value braced and escaped, so no title can break the record."""
    meta = publication.meta
    kind = "techreport" if meta.type in _REPORT_TYPES else "misc"
    authors = " and ".join("{" + _bibtex_text(name)[1:-1] + "}" for name in author_names(catalog, meta.authors))
    fields = [("author", "{" + authors + "}"), ("title", _bibtex_text(str(meta.title)))]
    if kind == "techreport":
        fields += [
            ("institution", _bibtex_text(catalog.coalition.name)),
            ("type", _bibtex_text(PUBLICATION_TYPES[meta.type].capitalize())),
        ]
    else:
        fields += [("howpublished", _bibtex_text(PUBLICATION_TYPES[meta.type].capitalize()))]
    fields += [
        ("year", str(meta.date.year)),
        ("month", _BIBTEX_MONTHS[meta.date.month - 1]),
        ("url", _bibtex_text(url)),
        ("language", "{french}" if meta.languages[0] == "fr" else _bibtex_text(meta.languages[0])),
    ]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{catalog.coalition.id}-{publication.id},\n{body}\n}}"


@dataclass(frozen=True)
class AttachmentInfo:
    """What a download button says: where the file is, its kind and its size."""

    src: str  # path in the built site
    kind: str  # « PDF »
    mime_type: str
    size: int
    cover: Picture | None = None  # its first page as a picture (PDF only, when it could be drawn)


def attachment_infos(root: Path, catalog: Catalog) -> dict[str, AttachmentInfo]:
    """Stat every attachment once (the files were checked while loading)."""
    from ..content.assets import ATTACHMENT_TYPES

    out = {}
    for publication in catalog.publications:
        for attachment in publication.meta.attachments:
            path = Path(root) / attachment.file
            suffix = path.suffix.lower()
            out[attachment.file] = AttachmentInfo(
                src=attachment.file.removeprefix("content/"),
                kind=suffix.lstrip(".").upper(),
                mime_type=ATTACHMENT_TYPES[suffix],
                size=path.stat().st_size,
            )
    return out


def library_index_json(catalog: Catalog, ed: Edition, attachments: dict[str, AttachmentInfo] | None = None) -> bytes:
    """What the library's instant facets need, one compact record per publication (newest first)."""
    import json
    import posixpath

    folder = posixpath.dirname(ed.paths.PUBLICATIONS_INDEX)  # covers' addresses are relative to the index
    items = []
    for publication in catalog.publications:
        meta = publication.meta
        cover = publication_item(catalog, publication, attachments).cover
        items.append(
            {
                "y": meta.type,
                **({"c": posixpath.relpath(cover.src, folder), "w": cover.width, "h": cover.height} if cover else {}),
                "u": publication.id + "/",  # relative to the library's folder
                "t": ed.text(meta.title).text,
                "d": meta.date.isoformat(),
                "D": ed.lang.date(meta.date),
                "k": ed._(PUBLICATION_TYPES[meta.type]).capitalize(),
                "a": ", ".join(author_names(catalog, meta.authors)),
                **(
                    {"s": ed.n_("%(num)d cosignataire", "%(num)d cosignataires", signed) % {"num": signed}}
                    if (signed := len(meta.signatories) + len(meta.other_signatories))
                    else {}
                ),
                "f": facet_values(publication, catalog.coalition.id),
            }
        )
    return json.dumps(
        {"version": 1, "items": items}, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    ).encode()
