"""MkDocs adapter: maps build events onto the `pdh` package. Only this file knows MkDocs."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from pdh.catalog import Catalog, load_catalog
from pdh.csp import add_security_meta
from pdh.errors import ContentError
from pdh.completeness import check_completeness, read_sitemap
from pdh.pages import GeneratedPage, Renderer, expected_pages, plan_pages
from pdh.text import sanitize_page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


class _Build:
    """State of the current build; replaced on every build (serve keeps this module alive)."""

    catalog: Catalog
    renderer: Renderer
    generated: dict[str, GeneratedPage]


_build = _Build()
_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        _build.catalog = load_catalog(root)
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    _build.renderer = Renderer(root / "overrides" / "pdh", _build.catalog)
    _build.generated = {}
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for page in plan_pages(_build.catalog):
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"{page.src_uri} : cette page est générée à partir des données, supprimez le fichier content/{page.src_uri}")
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=f"# {page.title}\n", inclusion=inclusion))
        _build.generated[page.src_uri] = page
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _build.generated.get(page.file.src_uri)
    if generated is not None:
        page.meta = {"title": escape(generated.title), "description": escape(generated.description)}
        return markdown
    meta = _build.catalog.pages.get(page.file.src_uri)
    if meta is not None:
        # Values Material prints unescaped: only our validated, escaped copies reach it.
        page.meta = {"title": escape(str(meta.title))}
        if meta.description:
            page.meta["description"] = escape(str(meta.description))
    counts = _build.catalog.counts
    figures = (f"La Plateforme compte aujourd'hui {counts['member']} membre{'s' if counts['member'] > 1 else ''} "
               f"et {counts['observer']} observateur{'s' if counts['observer'] > 1 else ''}.")
    return markdown.replace("{{ chiffres_adhesion }}", figures)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _build.generated.get(page.file.src_uri)
    if generated is not None:
        return _build.renderer.render(generated, page.url)
    return sanitize_page(html)


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    missing = check_completeness(expected_pages(list(_build.generated.values())), site,
                                 read_sitemap(site, config.site_url or "/"))
    if missing:
        raise PluginError("Contrôle d'exhaustivité : des entrées manquent dans le site construit :\n" + "\n".join(missing))


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _finish_html(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return _finish_html(output_content) if template_name.endswith(".html") else output_content


def _finish_html(html: str) -> str:
    # Material's drawer/search toggles carry autocomplete on checkboxes, which HTML forbids.
    return add_security_meta(_AUTOCOMPLETE.sub(r"\1", html))
