"""« Modifier cette fiche » (#17): every page made from a file links to GitHub's web editor on that file, at the
line of its entry for the YAML data; editorial pages get Material's edit button; listings, made from many
entries, get none; a site without `repository` has no edit link at all."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, soup, tiny_project
from pdh.plan.catalog import check_problems

REPOSITORY = "https://github.com/exemple-org/pdh-site"
EDIT = f"{REPOSITORY}/edit/main/"
# Data file → (French folder, English folder) of its entries' pages.
DATA = {
    "data/members.yaml": ("membres", "en/members"),
    "data/events.yaml": ("agenda", "en/events"),
    "data/advocacy-actions.yaml": ("plaidoyer", "en/advocacy"),
    "data/working-groups.yaml": ("groupes-de-travail", "en/working-groups"),
}


def id_lines(rel: str) -> dict[str, int]:
    """Each entry's id and the line of its `- id:`, read from the file's text (not from the build's loader)."""
    found = {}
    for number, line in enumerate((ROOT / rel).read_text(encoding="utf-8").splitlines(), start=1):
        if match := re.match(r"- id:\s*(\S+)\s*$", line):
            found[match.group(1).strip("\"'")] = number
    return found


def links(page) -> tuple[str | None, str | None]:
    """The « Modifier / Proposer une correction » link and Material's edit button of a built page."""
    correction = page.select_one(".pdh-correction a[href]")
    button = page.select_one("a.md-content__button[rel=edit]")
    return (correction["href"] if correction else None), (button["href"] if button else None)


@pytest.mark.parametrize("rel", sorted(DATA))
def test_every_yaml_entry_page_edits_its_file_at_its_line(built_site, rel):
    entries = id_lines(rel)
    assert entries
    for folder in DATA[rel]:
        for entry_id, line in entries.items():
            page = soup(built_site / folder / entry_id / "index.html")
            expected = f"{EDIT}{rel}#L{line}"
            assert links(page) == (expected, expected), (folder, entry_id)
            where = " ".join(page.select_one(".pdh-correction__where").get_text().split())
            assert rel in where and str(line) in where


def test_every_publication_page_edits_its_markdown_file_or_its_translation(built_site):
    publications = sorted(p for p in (ROOT / "content" / "publications").glob("*.md") if p.stem.count(".") == 0)
    assert publications
    for path in publications:
        french = f"{EDIT}content/publications/{path.name}"
        assert links(soup(built_site / "publications" / path.stem / "index.html")) == (french, french)
        translation = path.with_name(f"{path.stem}.en.md")
        english = f"{EDIT}content/publications/{translation.name}" if translation.exists() else french
        assert links(soup(built_site / "en" / "publications" / path.stem / "index.html")) == (english, english)


def test_editorial_pages_get_the_edit_button_on_their_own_file(built_site):
    pages = sorted(
        p.relative_to(ROOT / "content").as_posix()
        for p in (ROOT / "content").rglob("*.md")
        if "publications" not in p.parts
    )
    assert len(pages) >= 10
    for rel in pages:
        stem = rel.removesuffix(".md")
        built = built_site / (stem.removesuffix("index") if stem.endswith("index") else stem + "/") / "index.html"
        correction, button = links(soup(built))
        assert button == f"{EDIT}content/{rel}" and correction is None, rel


@pytest.mark.parametrize(
    "rel",
    [
        "membres/index.html",
        "publications/index.html",
        "publications/type/rapport/index.html",
        "agenda/index.html",
        "flux/index.html",
        "presse/index.html",
        "recherche/index.html",
        "en/members/index.html",
        "membres/theme/droits-des-femmes/index.html",
    ],
)
def test_listings_have_no_edit_link(built_site, rel):
    assert links(soup(built_site / rel)) == (None, None)


def test_a_site_without_repository_has_no_edit_link(tmp_path):
    repo = tiny_project(tmp_path)
    repo.replace("mkdocs.yml", "    repository: https://github.com/exemple-org/pdh-site\n", "")
    site = repo.build()
    pages = list(site.rglob("index.html"))
    assert len(pages) > 30
    for path in pages:
        assert links(soup(path)) == (None, None), path
        assert "github.com/exemple-org/pdh-site/edit" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "http://github.com/exemple-org/pdh-site",
            "l'adresse du dépôt sur GitHub, par exemple https://github.com/exemple-org/pdh-site",
        ),
        (
            "https://gitlab.com/exemple-org/pdh-site",
            "l'adresse du dépôt sur GitHub, par exemple https://github.com/exemple-org/pdh-site",
        ),
        (
            'https://github.com/exemple-org/pdh-site/edit/main/x"onclick="x',
            "l'adresse du dépôt sur GitHub, par exemple https://github.com/exemple-org/pdh-site",
        ),
    ],
)
def test_a_wrong_repository_is_a_located_french_error(repo, value, message):
    line = repo.line_of("mkdocs.yml", "repository:")
    repo.replace("mkdocs.yml", f"repository: {REPOSITORY}", f"repository: '{value}'")
    assert [str(p) for p in check_problems(repo.root).sorted()] == [
        f"mkdocs.yml:{line} — extra.pdh.repository : « {value} » invalide : attendu {message}"
    ]


def test_the_settings_name_the_repository_the_issue_forms_link_to():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    forms = (ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8")
    assert config["extra"]["pdh"]["repository"] == REPOSITORY and REPOSITORY in forms
