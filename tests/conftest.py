"""Shared fixtures: a tiny site or a copy of the real repository in tmp_path, and real MkDocs builds of them.

`tiny` is the site build tests start from: the repository's configuration, hooks, templates and
editorial pages with the few entries of tests/tiny/ (its build takes less than half the sample's).
`tiny_site` is that site built once per session, for tests that only read it.
`repo` copies the whole repository (tests that only check data use it: copying is cheap, building is
not); `built_site` is the whole repository built once per session, for what only the full sample
shows ("every member has a page", the English edition, search).
"""

from __future__ import annotations

import os
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pdh.cli.previewshots import ARGS as CHROMIUM_ARGS  # the preview's screenshots and the tests launch Chromium alike
from pdh.cli.previewshots import serve  # noqa: F401 - tests serve built sites as the preview does

# The engine of every build in the tests: MkDocs, or with PDH_ENGINE=properdocs its maintained fork, whose module
# then answers every `mkdocs.*` import (the hooks', Material's and the tests' alike). MIGRATION.md.
ENGINE = os.environ.get("PDH_ENGINE", "mkdocs")
if ENGINE == "properdocs":
    import properdocs.replacement  # noqa: F401 - installs the alias before anything imports mkdocs
elif ENGINE != "mkdocs":
    raise pytest.UsageError(f"PDH_ENGINE={ENGINE!r} : mkdocs ou properdocs")

ROOT = Path(__file__).resolve().parent.parent
NEW_MEMBER = """
- id: nouvelle-ong
  name: Nouvelle ONG (exemple)
  status: member
  city: Lille
  description: Une organisation d'exemple.
"""  # a valid entry to append to data/members.yaml, then spoil
TREE = ("mkdocs.yml", "hooks", "overrides", "content", "data")
TINY = Path(__file__).resolve().parent / "tiny"  # data/ and content/publications/ of the tiny site
TINY_EPOCH = "1767225600"  # 2026-01-01, the day `tiny_site` is built: the tiny site's events lie on both sides
SUB_PATH_URL = "https://exemple.github.io/pdh-site/"  # GitHub Pages' address for a project: the site is in a sub-path


class Repo:
    """A throw-away copy of the project that a test may edit, check and build."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def append(self, rel: str, text: str) -> None:
        with open(self.root / rel, "a", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(text))

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        (self.root / rel).write_text(text.replace(old, new, 1), encoding="utf-8")

    def line_of(self, rel: str, needle: str) -> int:
        """Line number of the last line containing `needle` (appended entries come last)."""
        found = [n for n, line in enumerate(self.read(rel).splitlines(), start=1) if needle in line]
        assert found, f"{needle!r} not in {rel}"
        return found[-1]

    def build(self) -> Path:
        """Build with the real hooks and templates, strict, into <root>/site."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        site = self.root / "site"
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(site), strict=True)
        build(config)
        return site


def copy_project(root: Path) -> Repo:
    """Copy what a build reads (configuration, hooks, templates, content, data) into `root`."""
    root.mkdir(parents=True, exist_ok=True)
    for name in TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    return Repo(root)


def tiny_project(root: Path, *, sources_only: bool = False) -> Repo:
    """The tiny site in `root`: the repository's mkdocs.yml, hooks/, overrides/, editorial pages (French and
    English) and press files, with the data and publications of tests/tiny/ (attachments and logos from the repository).

    With `sources_only`, no hooks/ nor overrides/: only what the data check reads (it cannot be built)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in () if sources_only else ("hooks", "overrides"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        ROOT / "content",
        root / "content",
        ignore=lambda folder, names: ["publications"] if Path(folder) == ROOT / "content" else [],
    )
    for name in ("logos",) if sources_only else ("logos", "schemas"):
        shutil.copytree(ROOT / "data" / name, root / "data" / name)
    shutil.copytree(TINY, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    for path in sorted((root / "content" / "publications").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for attachment in re.findall(r"^\s*-\s+file:\s*(content/publications/fichiers/\S+)\s*$", text, re.M):
            (root / attachment).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / attachment, root / attachment)
    return Repo(root)


@pytest.fixture(scope="session", autouse=True)
def _pdf_text_cache(tmp_path_factory):
    """Builds in tests extract PDF text into a cache of their own, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PDH_CACHE_DIR", str(tmp_path_factory.mktemp("pdh-cache")))
        yield


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return copy_project(tmp_path)


@pytest.fixture
def tiny(tmp_path: Path) -> Repo:
    """The tiny site, to edit, check and build."""
    return tiny_project(tmp_path)


@pytest.fixture
def tiny_sources(tmp_path: Path) -> Repo:
    """The tiny site's configuration, content and data, to edit and check (the fastest copy: it cannot be built)."""
    return tiny_project(tmp_path, sources_only=True)


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny site built once per session, on TINY_EPOCH, at the default address: to read, never to change."""
    repo = tiny_project(tmp_path_factory.mktemp("tiny"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", TINY_EPOCH)
        patch.delenv("SITE_URL", raising=False)
        return repo.build()


@pytest.fixture(scope="session")
def tiny_site_in_a_sub_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny site built once per session, on TINY_EPOCH, for SUB_PATH_URL: to read, never to change."""
    repo = tiny_project(tmp_path_factory.mktemp("tiny-sub-path"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", TINY_EPOCH)
        patch.setenv("SITE_URL", SUB_PATH_URL)
        return repo.build()


@pytest.fixture(scope="session")
def small_pages_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny site, built with two publications per listing page (it has three: two pages)."""
    repo = tiny_project(tmp_path_factory.mktemp("pages"))
    repo.replace("mkdocs.yml", "page_size: 20", "page_size: 2")
    return repo.build()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real repository built once per test session."""
    return copy_project(tmp_path_factory.mktemp("real")).build()


def theme_dirs() -> list[Path]:
    """The template folders MkDocs searches, in its order: our overrides, then Material's."""
    import material

    return [ROOT / "overrides", Path(material.__file__).parent / "templates"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_tree(path: Path):
    """The page parsed by lxml (libxml2's HTML parser): for tests that scan every page of a site, where
    BeautifulSoup's tree building would take seconds."""
    import lxml.html

    return lxml.html.fromstring(path.read_bytes(), parser=lxml.html.HTMLParser(encoding="utf-8"))


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (no browser download, ever)."""
    from playwright.sync_api import expect, sync_playwright

    # Conditions are waited for, never assumed: up to 15 s (Playwright's default is 5 s) when pytest-xdist runs
    # two builds and two browsers on a two-core machine.
    expect.set_options(timeout=15_000)
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} missing: run `make browser` (Debian package chromium)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh page that refuses every request leaving the loopback server."""
    context = browser.new_context()
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("http://127.0.0.1", "data:")) else route.abort()
        ),
    )
    tab = context.new_page()
    yield tab
    context.close()
