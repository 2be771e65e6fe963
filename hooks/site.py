"""MkDocs adapter: maps build events onto the `pdh` package. Only this file knows MkDocs."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from pdh.build import Build, fill_markdown, over_budget, page_html, page_meta, start_build, verify
from pdh.clock import build_time
from pdh.verify.csp import UnknownScript, finish_html, known_inline_scripts
from pdh.content.errors import ContentError
from pdh.render.search import index_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# Material's own search, replaced by Pagefind: its worker and lunr files are not published.
_UNUSED_THEME_FILES = ("assets/javascripts/workers/", "assets/javascripts/lunr/")
_build: Build  # replaced on every build: `mkdocs serve` keeps this module alive between builds
_scripts: tuple = ()  # patterns of the inline scripts the templates contain (see pdh.verify.csp)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build, _scripts
    _scripts = known_inline_scripts(config.theme.dirs)
    try:
        _build = start_build(Path(config.config_file_path).parent, config.site_url or "/",
                             config.extra.get("pdh"), build_time())
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    for note in _build.notes:  # INFO: under `strict`, a WARNING from the mkdocs logger would fail the build
        logging.getLogger("mkdocs.hooks.pdh").info("Attention : %s", note)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for file in [f for f in files if f.src_uri.startswith(_UNUSED_THEME_FILES)
                 or (f.src_uri.startswith("publications/") and f.src_uri.endswith(".md"))]:
        files.remove(file)  # publications are rebuilt from their validated front matter
    for file in [f for f in files if f.src_uri in _build.replaced]:
        files.remove(file)  # contributed SVG is published rebuilt from its cleaned tree (added below), never as sent
    for src_uri, data in _build.files.items():
        _add(files, File.generated(config, src_uri, content=data))
    for page in _build.pages.values():
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        _add(files, File.generated(config, page.src_uri, content=f"# {page.title}\n", inclusion=inclusion))
    return files


def _add(files: Files, file: File) -> None:
    """Add a generated file; one that already exists would be silently replaced, so refuse it."""
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"{file.src_uri} : ce fichier est généré à partir des données, supprimez content/{file.src_uri}")
    files.append(file)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    meta = page_meta(_build, page.file.src_uri)
    if meta is not None:
        page.meta = meta
    return fill_markdown(_build, markdown)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Material's skip link targets the first heading's id: generated pages give it to their h1.
    heading_id = next(iter(page.toc)).id if page.toc else "contenu"
    return page_html(_build, page.file.src_uri, html, page.url, heading_id)


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    missing = verify(_build, site)
    if missing:
        raise PluginError("Contrôle d'exhaustivité : des entrées manquent dans le site construit :\n" + "\n".join(missing))
    excess = over_budget(_build, site)
    if excess:
        raise PluginError("Budget du site dépassé :\n" + "\n".join(excess))
    try:
        index_site(site)
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _finish(output, page.file.src_uri)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return _finish(output_content, template_name) if template_name.endswith(".html") else output_content


def _finish(html: str, source: str) -> str:
    try:
        return finish_html(html, _scripts)
    except UnknownScript as exc:
        raise PluginError(f"{source} : {exc} ; seul le HTML des gabarits peut contenir des scripts") from None
