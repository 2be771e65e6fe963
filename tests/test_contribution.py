"""Issue « contribution » : annotations (ownership: test_ownership.py), scaffolding, links (workflows: test_pipeline.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Repo, tiny_project
from pdh.cli.annotations import annotation, summary
from pdh.cli.scaffold import scaffold
from pdh.content.errors import Problem
from pdh.plan.catalog import check_problems
from pdh.verify.linkcheck import broken_links


def copy_tree(tmp_path: Path, name: str) -> Repo:
    """The tiny site's configuration, content and data (tests/tiny/) in tmp_path/name, to check."""
    return tiny_project(tmp_path / name, sources_only=True)


def test_annotation_format_and_escaping():
    problem = Problem(
        "data/members.yaml",
        14,
        "champ inconnu « webiste » — 100% sûr,\nvraiment",
        entry="membre « a »",
        field="contact",
    )
    assert annotation(problem) == (
        "::error file=data/members.yaml,line=14,title=membre « a »::"
        "contact : champ inconnu « webiste » — 100%25 sûr,%0Avraiment"
    )
    tricky = Problem("content/a,b:c.md", 0, "x")
    assert annotation(tricky).startswith("::error file=content/a%2Cb%3Ac.md,title=Données::")


def test_summary_is_a_french_markdown_table():
    problems = [Problem("data/events.yaml", 5, "valeur | vide", entry="événement « x »", field="start")]
    text = summary(problems)
    assert text.startswith("### Vérification des données : 1 erreur à corriger")
    # Escaped for GitHub Markdown: « . » too, so that no contributed domain name becomes a link.
    assert "| data/events\\.yaml | 5 | événement « x » | start \\: valeur \\| vide |" in text
    assert summary([]).startswith("### Vérification des données\n\nAucune erreur")


def test_check_command_writes_annotations_on_the_changed_line(tmp_path):
    repo = copy_tree(tmp_path, "head")
    repo.replace("data/members.yaml", "city: Lyon", "city: Lyon\n  webiste: https://exemple.org")
    summary_file = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "pdh.cli.check", str(repo.root), "--github", "--summary", str(summary_file)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "hooks")},
    )
    assert result.returncode == 1
    line = repo.line_of("data/members.yaml", "webiste")
    assert result.stdout.splitlines() == [
        f"::error file=data/members.yaml,line={line},title=membre « agir-ensemble »::champ inconnu « webiste » — vouliez-vous dire « website » ?"
    ]
    assert "1 erreur à corriger" in summary_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "kind, entry_id, rel",
    [
        ("membre", "nouvelle-ong", "data/members.yaml"),
        ("evenement", "nouvel-atelier", "data/events.yaml"),
        ("publication", "2027-nouvelle-note", "content/publications/2027-nouvelle-note.md"),
    ],
)
def test_scaffold_lists_what_is_left_to_fill_then_passes(tmp_path, kind, entry_id, rel):
    repo = copy_tree(tmp_path, "repo")
    scaffold(kind, entry_id, repo.root)
    messages = [str(p) for p in check_problems(repo.root).sorted()]
    assert messages and all(m.startswith(rel) for m in messages)
    assert any("valeur vide" in m or "liste vide" in m for m in messages)
    fills = {
        "membre": [
            ("  name:                     #", "  name: Nouvelle ONG (exemple) #"),
            ("  city:                     #", "  city: Lille #"),
            (
                "  description: |            # OBLIGATOIRE — présentation en Markdown, quelques phrases (pas de HTML)\n",
                "  description: |\n    Exemple.\n",
            ),
        ],
        "evenement": [
            ("  title:                    #", "  title: Atelier (exemple) #"),
            ("  start:                    #", '  start: "2027-02-01" #'),
            ("    city:                   #", "    city: Lyon #"),
            (
                "  registration:             # à supprimer s'il n'y a pas d'inscription\n    url:                    # lien d'inscription\n"
                "    deadline:               # date limite, même forme que start\n",
                "",
            ),
        ],
        "publication": [
            ("title:                      #", "title: Note (exemple) #"),
            ("date:                       #", 'date: "2027-01-01" #'),
            (
                "summary: |                  # OBLIGATOIRE — résumé en Markdown, une à trois phrases\n",
                "summary: |\n  Exemple.\n",
            ),
            ("authors: []", "authors: [pdh]"),
            (
                "attachments:                # pièces jointes, à supprimer s'il n'y en a pas\n  - file: content/publications/fichiers/2027-nouvelle-note.pdf\n    title: Document complet\n",
                "",
            ),
        ],
    }[kind]
    for old, new in fills:
        repo.replace(rel, old, new)
    assert [str(p) for p in check_problems(repo.root).sorted()] == []


def test_scaffold_refuses_a_used_or_bad_id(tmp_path):
    repo = copy_tree(tmp_path, "repo")
    with pytest.raises(ValueError, match="déjà utilisé"):
        scaffold("membre", "agir-ensemble", repo.root)
    with pytest.raises(ValueError, match="invalide"):
        scaffold("evenement", "Mon Événement", repo.root)


def test_internal_link_check_finds_a_broken_link(built_site, tiny_site, tmp_path):
    assert broken_links(built_site, "https://plateforme-droits-homme.example.org/") == []
    copy = tmp_path / "site"
    shutil.copytree(tiny_site, copy, copy_function=os.link)  # hard links: removing one leaves the shared site whole
    (copy / "membres" / "agir-ensemble" / "index.html").unlink()
    broken = broken_links(copy, "https://plateforme-droits-homme.example.org/")
    assert "membres/index.html : agir-ensemble/" in broken


def test_new_contributor_mistakes_say_where_and_how(tmp_path):
    """A typo in a field, a bad date and an unknown theme, as CONTRIBUTING.md describes them."""
    repo = copy_tree(tmp_path, "repo")
    repo.append(
        "data/members.yaml",
        """
- id: nouvelle-ong
  name: Nouvelle ONG (exemple)
  status: member
  citty: Lille
  joined: "2021-02-30"
  description: Exemple.
  themes: [migration]
""",
    )
    found = [str(p) for p in check_problems(repo.root).sorted()]

    def where(needle: str) -> str:
        return f"data/members.yaml:{repo.line_of('data/members.yaml', needle)} — membre « nouvelle-ong » — "

    assert found == [
        where("id: nouvelle-ong") + "city : champ obligatoire manquant",
        where("citty") + "champ inconnu « citty » — vouliez-vous dire « city » ?",
        where("joined") + "joined : date impossible « 2021-02-30 » : février 2021 n'a pas de jour 30",
        where("themes: [migration]") + "themes[1] : thème inconnu « migration » — vouliez-vous dire « migrations » ?",
    ]
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for fragment in (
        "champ inconnu « webiste » — vouliez-vous dire « website » ?",
        "date impossible « 2021-02-30 »",
        "thème inconnu « migration » — vouliez-vous dire « migrations » ?",
    ):
        assert fragment in guide


def test_site_works_from_a_sub_path(tiny_site_in_a_sub_path, tmp_path, browser):
    """GitHub Pages serves https://<org>.github.io/<repo>/: links, feeds and search must follow."""
    from playwright.sync_api import expect

    from conftest import SUB_PATH_URL, serve

    site = tiny_site_in_a_sub_path
    assert SUB_PATH_URL == "https://exemple.github.io/pdh-site/"
    assert broken_links(site, "https://exemple.github.io/pdh-site/") == []
    assert 'href="https://exemple.github.io/pdh-site/flux/tout.xml"' in (site / "index.html").read_text(
        encoding="utf-8"
    )
    root = tmp_path / "served"
    root.mkdir()
    (root / "pdh-site").symlink_to(site, target_is_directory=True)
    with serve(root) as base:
        page = browser.new_page()
        page.goto(base + "pdh-site/recherche/?q=Colombie")
        expect(page.locator("#pdh-search-status")).to_contain_text("résultat")
        href = page.locator("#pdh-search-results a[href*='agir-ensemble']").first.get_attribute("href")
        assert href == "/pdh-site/membres/agir-ensemble/"
        page.goto(base + "pdh-site/membres/agir-ensemble/")
        assert page.locator("article h1").inner_text().startswith("Agir ensemble")
        page.close()
