"""MkDocs adapter: maps build events onto the `pdh` package. Only this file knows MkDocs."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from pdh.build import (
    Build,
    edit_url,
    fill_markdown,
    finish_build,
    nav_title,
    not_found,
    over_budget,
    page_html,
    page_meta,
    start_build,
    verify,
)
from pdh.clock import build_time
from pdh.content.errors import ContentError
from pdh.render.search import index_site
from pdh.render.templates import MemoryBytecodeCache
from pdh.verify.csp import UnknownScript, finish_html, known_inline_scripts

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

# Material's own search, replaced by Pagefind: its worker and lunr files are not published.
_UNUSED_THEME_FILES = ("assets/javascripts/workers/", "assets/javascripts/lunr/")
_build: Build  # replaced on every build: `mkdocs serve` keeps this module alive between builds
_scripts: tuple = ()  # patterns of the inline scripts the templates contain (see pdh.verify.csp)
_navs: dict = {}  # the menu of each language other than French
_theme_templates = MemoryBytecodeCache()
_nav_folders: frozenset[str] = frozenset()  # every menu page's URL and the folders above it, any language
_shared: dict = {}  # menu HTML shared by sibling pages outside the menu (see _sibling_key), for one build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build, _scripts
    _scripts = known_inline_scripts(config.theme.dirs)
    try:
        _build = start_build(
            Path(config.config_file_path).parent, config.site_url or "/", config.extra.get("pdh"), build_time()
        )
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    for note in _build.notes:  # INFO: under `strict`, a WARNING from the mkdocs logger would fail the build
        logging.getLogger("mkdocs.hooks.pdh").info("Attention : %s", note)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for file in [
        f
        for f in files
        if f.src_uri.startswith(_UNUSED_THEME_FILES)
        or (f.src_uri.startswith("publications/") and f.src_uri.endswith(".md"))
    ]:
        files.remove(file)  # publications are rebuilt from their validated front matter
    for file in [f for f in files if f.src_uri in _build.withheld]:
        files.remove(file)  # attached to a publication under embargo: published with it, not before
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
        raise PluginError(
            f"{file.src_uri} : ce fichier est généré à partir des données, supprimez content/{file.src_uri}"
        )
    files.append(file)


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """The menu of each other language: the French menu with each page replaced by its translation."""
    global _navs, _nav_folders
    _navs = {}
    _shared.clear()
    for ed in _build.editions[1:]:
        try:
            items = [_translate(item, ed.code, files) for item in nav.items]
        except KeyError as exc:
            raise PluginError(f"mkdocs.yml, nav : {exc.args[0]}") from None
        items = [item for item in items if item is not None]
        _link_parents(items, None)
        _navs[ed.code] = Navigation(items, [p for p in _pages(items)])
    urls = [page.url for menu in (nav, *_navs.values()) for page in menu.pages]
    _nav_folders = frozenset(url[: i + 1] for url in urls for i, c in enumerate(url) if c == "/") | set(urls)
    return nav


def _translate(item, code: str, files: Files):
    """A French menu item in language `code`, or None for a page that has no translation."""
    if isinstance(item, Section):
        children = [c for c in (_translate(child, code, files) for child in item.children) if c is not None]
        return Section(nav_title(_build, code, item.title), children) if children else None
    if isinstance(item, Page):
        partner = _build.partners.get(item.file.src_uri, {}).get(code)
        file = files.get_file_from_path(partner) if partner else None
        if file is None or file.page is None:
            return None
        file.page.title = nav_title(_build, code, item.title, page=partner)
        return file.page
    return None


def _link_parents(items, parent) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _link_parents(item.children, item)


def _pages(items):
    for item in items:
        if isinstance(item, Section):
            yield from _pages(item.children)
        else:
            yield item


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    lang = (page.meta or {}).get("lang")
    if lang in _navs:
        context["nav"] = _navs[lang]
    page.edit_url = edit_url(_build, page.file.src_uri)  # Material's edit button: the file the page is made from
    if page.file.src_uri in _build.pages:
        # A generated page's body is rendered right before its template, and dropped once written
        # (on_post_page): MkDocs converts every page before writing any, so bodies rendered in
        # on_page_content would all be in memory at once (200 MB more at 5,000 publications).
        page.content = page_html(_build, page.file.src_uri, page.content or "", page.url, _heading_id(page))
    return context


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _theme_templates  # Material's templates compiled once per process, not once per build
    env.globals["pdh_shared"] = _shared_block
    env.globals["pdh_not_found"] = not_found(_build)  # the 404 page has no page of its own, hence no meta
    return env


def _shared_block(part: str, page: Page | None, caller) -> str:
    """Material's menu and tabs for `page`: rendered once for all its siblings outside the menu.

    Thousands of generated pages (publications, events, members) are in no menu: nothing in
    theirs is active, and every link in it is relative to their folder, so pages with the same
    parent folder, language and `hide` get the same bytes. Any other page renders its own.
    """
    key = _sibling_key(part, page)
    if key is None:
        return caller()
    if key not in _shared:
        _shared[key] = caller()
    return _shared[key]


def _sibling_key(part: str, page: Page | None) -> tuple | None:
    if page is None or page.parent is not None:
        return None
    url = page.url
    if not url.endswith("/") or url in _nav_folders:
        return None  # in a menu, or a menu page inside its folder: its links would differ
    toc = list(page.toc.items) if page.toc else []
    if toc and (toc[0].level != 1 or toc[0].children):
        return None  # a table of contents of its own (Material's toc.html shows what is under the h1)
    meta = page.meta or {}
    return part, meta.get("lang"), url.rstrip("/").rpartition("/")[0], tuple(meta.get("hide") or ())


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    meta = page_meta(_build, page.file.src_uri)
    if meta is not None:
        page.meta = meta
    return fill_markdown(_build, page.file.src_uri, markdown)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in _build.pages:
        return html  # rendered in on_page_context
    return page_html(_build, page.file.src_uri, html, page.url, _heading_id(page))


def _heading_id(page: Page) -> str:
    """Material's skip link targets the first heading's id: generated pages give it to their h1."""
    return next(iter(page.toc)).id if page.toc else "contenu"


def on_post_build(*, config: MkDocsConfig) -> None:
    finish_build(_build)
    site = Path(config.site_dir)
    missing = verify(_build, site)
    if missing:
        raise PluginError(
            "Contrôle d'exhaustivité : des entrées manquent dans le site construit :\n" + "\n".join(missing)
        )
    excess = over_budget(_build, site)
    if excess:
        raise PluginError("Budget du site dépassé :\n" + "\n".join(excess))
    try:
        index_site(site, [ed.paths.prefix for ed in _build.editions])
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if page.file.src_uri in _build.pages:
        page.content = None  # see on_page_context
    return _finish(output, page.file.src_uri)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return _finish(output_content, template_name) if template_name.endswith(".html") else output_content


def _finish(html: str, source: str) -> str:
    try:
        return finish_html(html, _scripts)
    except UnknownScript as exc:
        raise PluginError(f"{source} : {exc} ; seul le HTML des gabarits peut contenir des scripts") from None
