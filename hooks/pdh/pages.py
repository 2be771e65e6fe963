"""Model → generated pages: which pages exist, and the HTML body of each."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from . import geo
from .catalog import Catalog
from .completeness import Expected
from .text import render_markdown

MEMBERS_DIR = "membres"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds: its source path in the docs tree, its title and how to render it."""

    src_uri: str
    title: str
    description: str
    template: str
    context: dict[str, Any]
    in_nav: bool = False
    entry: str = ""                  # the data entry this page publishes, for the completeness check
    listed_in: tuple[str, ...] = ()  # listing pages (src_uri) that must link to it


def member_uri(member_id: str) -> str:
    return f"{MEMBERS_DIR}/{member_id}.md"


def plan_pages(catalog: Catalog) -> list[GeneratedPage]:
    """Every page generated from the data, in a stable order."""
    counts = catalog.counts
    pages = [GeneratedPage(
        f"{MEMBERS_DIR}/index.md", "Membres", f"Les {counts['member']} membres et {counts['observer']} observateurs de la Plateforme droits de l'homme.",
        "members.html", {"members": sorted(catalog.members, key=lambda m: str(m.name).casefold())}, in_nav=True)]
    for member in catalog.members:
        pages.append(GeneratedPage(
            member_uri(member.id), str(member.name), f"{member.name} — {member.status_label} de la Plateforme droits de l'homme, {member.city}.",
            "member.html", {"member": member},
            entry=f"membre « {member.id} »", listed_in=(f"{MEMBERS_DIR}/index.md",)))
    return pages


def expected_pages(pages: list[GeneratedPage]) -> list[Expected]:
    """What the completeness check must find in the built site."""
    return [Expected(page.entry, src_to_url(page.src_uri), tuple(src_to_url(s) for s in page.listed_in))
            for page in pages if page.entry]


def src_to_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown source (use_directory_urls)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def relative_url(target_src: str, from_url: str) -> str:
    """Link from the page at `from_url` to the page built from `target_src`."""
    target = src_to_url(target_src)
    rel = posixpath.relpath("/" + target, "/" + from_url)
    return rel + "/" if target.endswith("/") and not rel.endswith("/") and rel != "." else (rel if rel != "." else "./")


class Renderer:
    """Renders generated page bodies with autoescaping templates from overrides/pdh/."""

    def __init__(self, templates_dir: Path, catalog: Catalog):
        self.catalog = catalog
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        )
        self.env.filters["markdown"] = lambda text: Markup(render_markdown(str(text)))
        self.env.filters["country"] = geo.country_name
        self.env.globals.update(catalog=catalog, member_uri=member_uri)

    def render(self, page: GeneratedPage, page_url: str) -> str:
        url: Callable[[str], str] = lambda src: relative_url(src, page_url)
        template = self.env.get_template(page.template)
        return template.render(page=page, url=url, **page.context)
