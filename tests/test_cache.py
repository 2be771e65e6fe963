"""Caches between builds (#14): a hit gives exactly what rendering again would, and an edit of what a
result depends on (an entry, the renderer's code or settings, a library version) renders it again.

The unit tests drive pdh.content.text's store directly; the build tests count the Markdown
conversions a second build of the tiny site makes after each kind of edit. A stale page is a bug:
each build test also compares the site with a build from an empty cache.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import markdown
import pytest

from conftest import Repo, tiny_project
from pdh.content import text
from pdh.content.cache import TextStore, digest


@pytest.fixture
def store_dir(tmp_path):
    yield tmp_path / "markdown"
    text.close_store()
    text.clear_caches()


def render_with_store(directory: Path, sources: list[str]) -> tuple[list[str], TextStore]:
    """One « build »: a fresh store, each text rendered, the store saved."""
    text.clear_caches()
    store = text.open_store(directory)
    html = [text.render_markdown(source) for source in sources]
    text.close_store()
    return html, store


def test_a_second_build_renders_nothing_and_gets_the_same_html(store_dir):
    sources = ["Un *texte* (exemple).", "# Titre\n\nAutre [lien](https://exemple.org)."]
    first, store = render_with_store(store_dir, sources)
    assert (store.hits, store.misses) == (0, 2)
    again, store = render_with_store(store_dir, sources)
    assert again == first and (store.hits, store.misses) == (2, 0)


def test_an_edited_text_is_rendered_again_and_only_it(store_dir):
    render_with_store(store_dir, ["Premier texte.", "Second texte."])
    html, store = render_with_store(store_dir, ["Premier texte modifié.", "Second texte."])
    assert (store.hits, store.misses) == (1, 1)
    assert html[0] == "<p>Premier texte modifié.</p>"


def test_the_heading_level_is_part_of_the_key(store_dir):
    render_with_store(store_dir, ["# Titre"])
    text.clear_caches()
    store = text.open_store(store_dir)
    assert text.render_markdown("# Titre", 2).startswith("<h2")
    assert (store.hits, store.misses) == (0, 1)


@pytest.mark.parametrize("library", ["markdown", "nh3"])
def test_a_new_library_version_renders_everything_again(store_dir, monkeypatch, library):
    render_with_store(store_dir, ["Un texte."])
    real = text.version
    monkeypatch.setattr(text, "version", lambda name: "999.0" if name == library else real(name))
    _, store = render_with_store(store_dir, ["Un texte."])
    assert (store.hits, store.misses) == (0, 1)
    assert len(list(store_dir.glob("rendered-*.json"))) == 1  # the other version's file is gone


def test_an_edited_renderer_renders_everything_again(store_dir, monkeypatch, tmp_path):
    """The allowed tags, attributes and extensions live in text.py: its bytes are in the fingerprint."""
    render_with_store(store_dir, ["Un texte."])
    edited = tmp_path / "text.py"
    source = Path(text.__file__).read_bytes()
    changed = source.replace(b'    "sup",\n}', b'    "sup",\n    "s",\n}', 1)
    assert changed != source, "the allowed tags' set ends otherwise in text.py: edit this test's replacement"
    edited.write_bytes(changed)
    monkeypatch.setattr(text, "__file__", str(edited))
    _, store = render_with_store(store_dir, ["Un texte."])
    assert (store.hits, store.misses) == (0, 1)


def test_what_the_cache_holds_is_sanitised_again(store_dir):
    """The cache lies outside the repository but also outside the build's control: a planted value is cleaned."""
    source = "Un texte."
    render_with_store(store_dir, [source])
    (path,) = store_dir.glob("rendered-*.json")
    key = digest("3", source)
    path.write_text(json.dumps({key: '<p onclick="x()">Piégé<script>alert(1)</script></p>'}), encoding="utf-8")
    (html,), store = render_with_store(store_dir, [source])
    assert store.hits == 1 and html == "<p>Piégé</p>"


@pytest.mark.parametrize("content", ["", "{", "[1, 2]", '{"k": 3}', "\x00\xff"])
def test_a_damaged_cache_file_costs_only_time(store_dir, content):
    render_with_store(store_dir, ["Un texte."])
    (path,) = store_dir.glob("rendered-*.json")
    path.write_bytes(content.encode("latin-1"))
    (html,), store = render_with_store(store_dir, ["Un texte."])
    assert html == "<p>Un texte.</p>" and (store.hits, store.misses) == (0, 1)


def test_the_cache_keeps_only_the_last_build_and_rewrites_only_on_change(store_dir):
    render_with_store(store_dir, ["A.", "B."])
    (path,) = store_dir.glob("rendered-*.json")
    os.utime(path, (1, 1))
    render_with_store(store_dir, ["A.", "B."])
    assert path.stat().st_mtime == 1  # same texts: not written
    render_with_store(store_dir, ["A."])
    assert len(json.loads(path.read_text(encoding="utf-8"))) == 1  # B is no longer kept


def test_an_unwritable_cache_folder_does_not_fail_the_build(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    try:
        (html,), _ = render_with_store(blocker / "markdown", ["Un texte."])
    finally:
        text.clear_caches()
    assert html == "<p>Un texte.</p>"


# Whole builds of the tiny site: which texts does a second build convert after each kind of edit?


def counting_conversions(patch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown sources converted by pdh.content.text from now on (MkDocs' own page conversion is not counted)."""
    seen: list[str] = []
    real = markdown.Markdown.convert

    def counting(self, source):
        if self in text._converters.values():
            seen.append(source)
        return real(self, source)

    patch.setattr(markdown.Markdown, "convert", counting)
    return seen


@pytest.fixture
def conversions(monkeypatch):
    return counting_conversions(monkeypatch)


def site_files(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and "pagefind" not in p.relative_to(site).parts
    }


def fresh_build(tiny, tmp_path_factory, monkeypatch) -> dict[str, bytes]:
    """The same sources built from an empty cache: what a warm build must equal."""
    with monkeypatch.context() as patch:
        patch.setenv("PDH_CACHE_DIR", str(tmp_path_factory.mktemp("empty-cache")))
        return site_files(tiny.build())


@pytest.fixture(scope="module")
def primed(tmp_path_factory) -> tuple[Repo, Path]:
    """The tiny site built once into a cache of its own: the sources, their site and that cache, to copy."""
    repo = tiny_project(tmp_path_factory.mktemp("primed") / "tiny")
    cache = tmp_path_factory.mktemp("primed-cache")
    with pytest.MonkeyPatch.context() as patch:
        seen = counting_conversions(patch)
        patch.setenv("PDH_CACHE_DIR", str(cache))
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        repo.build()
    assert seen, "the tiny site has contributed Markdown"
    return repo, cache


@pytest.fixture
def warm(primed, tmp_path, monkeypatch, conversions):
    """A copy of the tiny site as its build left it, with that build's cache; `conversions` counts the next build's.

    One build warms the cache for every test (a cold build extracts every PDF again): each test gets its own copy
    of the sources, the site and the cache, so its edits and its next build see exactly what that build left."""
    repo, cache = primed
    shutil.copytree(repo.root, tmp_path / "tiny")
    shutil.copytree(cache, tmp_path / "warm-cache")
    monkeypatch.setenv("PDH_CACHE_DIR", str(tmp_path / "warm-cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    return Repo(tmp_path / "tiny")


def test_an_unchanged_site_converts_no_markdown(warm, conversions):
    warm.build()
    assert conversions == []


def test_an_edited_publication_converts_only_its_new_text(warm, conversions, tmp_path_factory, monkeypatch):
    path = warm.root / "content" / "publications" / "2025-note-position-colombie.md"
    source = path.read_text(encoding="utf-8")
    assert "\nsummary: " in source
    path.write_text(source.replace("\nsummary: ", "\nsummary: Modifié (exemple). ", 1), encoding="utf-8")
    warmed = site_files(warm.build())
    assert conversions and all("Modifié (exemple)." in source for source in conversions)
    assert any("Modifié (exemple)." in page.decode("utf-8", "replace") for page in warmed.values())
    assert warmed == fresh_build(warm, tmp_path_factory, monkeypatch)


def test_an_edited_member_description_converts_only_it(warm, conversions, tmp_path_factory, monkeypatch):
    warm.replace("data/members.yaml", "description: ", "description: Texte revu (exemple). ")
    warmed = site_files(warm.build())
    assert conversions and all("Texte revu (exemple)." in source for source in conversions)
    assert warmed == fresh_build(warm, tmp_path_factory, monkeypatch)


def test_an_edited_template_or_setting_changes_pages_and_converts_no_markdown(
    warm, conversions, tmp_path_factory, monkeypatch
):
    """Templates and settings shape pages, never a text's HTML: pages change, the cache still serves every text."""
    before = site_files(warm.root / "site")  # what the warming build made of the same sources
    assert "membres/exemple-association-a/index.html" in before
    warm.replace("overrides/pdh/member.html", '{{ _("Ville") }}', "Commune")
    warm.replace("mkdocs.yml", "page_size: 20", "page_size: 2")
    warmed = site_files(warm.build())
    assert conversions == []
    assert "Commune" in warmed["membres/exemple-association-a/index.html"].decode()
    assert "publications/page/2/index.html" in warmed and "publications/page/2/index.html" not in before
    assert warmed == fresh_build(warm, tmp_path_factory, monkeypatch)
