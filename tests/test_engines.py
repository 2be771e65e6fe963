"""Leaving an engine in a day (MIGRATION.md): ProperDocs, the maintained fork of MkDocs 1.6, builds the same site
as MkDocs; and an engine that ignores `hooks:` cannot publish a site without its generated pages."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2.exceptions import TemplateNotFound

from conftest import ROOT, TINY_EPOCH, copy_project
from pdh.cli.engines import main as engines_main
from pdh.verify.engines import HOOK_OUTPUTS, differences, missing_outputs

HAS_PROPERDOCS = importlib.util.find_spec("properdocs") is not None
EPOCH = "1796000000"  # 2026-11-29: the instant of both builds, so « à venir » and « passé » split alike


def without_hooks(repo) -> None:
    """mkdocs.yml as an engine that ignores `hooks:` reads it."""
    repo.replace("mkdocs.yml", "hooks:\n  - hooks/site.py\n", "")


def test_a_build_whose_hooks_did_not_run_stops_with_a_french_message(tiny, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TINY_EPOCH)
    without_hooks(tiny)
    with pytest.raises(TemplateNotFound) as raised:
        tiny.build()
    assert "ERREUR : les crochets de hooks/site.py n'ont pas été exécutés" in str(raised.value)
    assert "MIGRATION.md" in str(raised.value)


def test_every_hook_output_is_in_a_real_build_and_none_in_the_editorial_pages(tiny_site, tmp_path, capsys):
    assert missing_outputs(tiny_site) == []
    assert engines_main(["complete", str(tiny_site)]) == 0
    # What an engine without the hooks leaves: the editorial pages, their assets, no generated output.
    editorial = tmp_path / "site"
    for path in tiny_site.rglob("*"):
        relative = path.relative_to(tiny_site)
        if path.is_file() and (relative.parts[0] in ("assets", "a-propos") or relative.as_posix() == "index.html"):
            (editorial / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, editorial / relative)
    assert missing_outputs(editorial) == list(HOOK_OUTPUTS)
    assert engines_main(["complete", str(editorial)]) == 1
    said = capsys.readouterr().err
    assert said.startswith(f"Erreur : {editorial} n'est pas un site complet : membres/index.html, ")
    assert "le moteur utilisé ne les a pas exécutés" in said and "MIGRATION.md" in said


def test_the_comparison_sees_a_changed_byte_and_forgives_only_the_generator_and_the_search_index(tiny_site, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_site, copy)
    page = copy / "a-propos" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert text.count('<meta name="generator" content="') == 1
    page.write_text(text.replace('<meta name="generator" content="mkdocs-', '<meta name="generator" content="x-'))
    (copy / "pagefind" / "pagefind-entry.json").write_text("{}")
    (copy / "en" / "pagefind" / "extra.pf_meta").write_bytes(b"\0")
    assert differences(tiny_site, copy) == []
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>ajout</p></main>", 1))
    (copy / "flux" / "tout.xml").unlink()
    (copy / "en" / "extra.html").write_text("")
    assert differences(tiny_site, copy) == [
        f"seulement dans {tiny_site} : flux/tout.xml",
        f"seulement dans {copy} : en/extra.html",
        "différent : a-propos/index.html",
    ]


def build_with(engine: list[str], project: Path, site: Path, cache: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PDH_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    done = subprocess.run(
        [*engine, "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.skipif(not HAS_PROPERDOCS, reason="ProperDocs n'est pas installé (make test l'installe)")
def test_properdocs_builds_the_site_mkdocs_builds(tmp_path):
    """The sample site, at one instant, by each engine in its own process: the same files, byte for byte, but the
    generator tag of each page and Pagefind's index (its file names are hashes of pages that carry the tag)."""
    project = copy_project(tmp_path / "project").root
    cache = tmp_path / "cache"
    build_with([sys.executable, "-m", "mkdocs"], project, tmp_path / "mkdocs", cache)
    build_with([sys.executable, "-m", "properdocs"], project, tmp_path / "properdocs", cache)
    mkdocs_tag, properdocs_tag = (
        (tmp_path / name / "index.html").read_text(encoding="utf-8").split('<meta name="generator" content="')[1]
        for name in ("mkdocs", "properdocs")
    )
    assert mkdocs_tag.startswith("mkdocs-1.") and properdocs_tag.startswith("mkdocs-ProperDocs 1.")  # two engines ran
    assert missing_outputs(tmp_path / "properdocs") == []
    assert differences(tmp_path / "mkdocs", tmp_path / "properdocs") == []
    assert len(list((tmp_path / "properdocs").rglob("*.html"))) > 200


def test_the_tests_build_with_the_engine_they_name():
    """`PDH_ENGINE=properdocs make test` runs every build of the suite on ProperDocs (MIGRATION.md)."""
    import mkdocs

    from conftest import ENGINE

    assert Path(mkdocs.__file__).parent.name == ENGINE
    assert (ROOT / "MIGRATION.md").is_file()
