"""Who must approve a pull request: rights from the base branch only, files owned by the entries using them.

Every scenario is a real git repository in tmp_path (branch `main` = base, branch `pr` = the pull
request), checked out with `git worktree` as CI does, and the real command run on both trees,
once comparing the directories and once with the list from `git diff --name-only -z`.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from pdh.cli import ownership

HOOKS = ROOT / "hooks"
GIT_ENV = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")} | {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@exemple.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@exemple.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
NOTE = "content/publications/2025-note-position-colombie.md"
NOTE_PDF = "content/publications/fichiers/2025-note-position-colombie.pdf"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
UNREADABLE = "(illisible : voir la vérification des données) : approbation requise du secrétariat"

BASE = {
    "data/members.yaml": """
        - id: agir-ensemble
          name: Agir ensemble
          city: Lyon
          logo: data/logos/agir-ensemble.png
          maintainers: [Agir-Com]

        - id: amis-du-sahel
          name: Amis du Sahel
          city: Dakar
          logo: data/logos/amis-du-sahel.png
          maintainers: [sahel-web, "@Sahel-Bureau"]

        - id: sans-compte
          name: Sans compte
          city: Paris
          maintainers: []
        """,
    "data/events.yaml": """
        - id: conference-colombie
          title: Conférence Colombie
          start: "2027-05-20"
          organisers: [agir-ensemble]
          registration:
            url: https://exemple.org/inscription
        """,
    "data/themes.yaml": """
        - id: migrations
          label: Migrations
        """,
    NOTE: """
        ---
        title: Note de position Colombie
        authors: [pdh]
        signatories: [agir-ensemble]
        attachments:
          - file: content/publications/fichiers/2025-note-position-colombie.pdf
        ---
        ## Pourquoi cette note

        Texte d'origine.
        """,
    NOTE_PDF: b"%PDF-1.4 version d'origine",
    "data/logos/agir-ensemble.png": PNG,
    "data/logos/amis-du-sahel.png": PNG + b"sahel",
    "content/index.md": "---\ntitle: Accueil\n---\nBienvenue.\n",
    "Makefile": "test:\n\tpytest\n",
    ".github/workflows/ci.yml": "name: Vérifications\n",
}


@dataclass
class Result:
    lines: list[str]
    summary: str
    returncode: int
    stderr: str


class PullRequest:
    """A git repository whose `main` holds the base files; tests edit the `pr` branch."""

    def __init__(self, root: Path, files: dict[str, str | bytes]):
        self.root = root
        self.work = root / "repo"
        self.work.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")
        for rel, content in files.items():
            self.write(rel, content)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "base")
        self.git("switch", "-q", "-c", "pr")

    def git(self, *args: str) -> bytes:
        return subprocess.run(["git", *args], cwd=self.work, env=GIT_ENV, check=True, capture_output=True).stdout

    def write(self, rel: str, content: str | bytes) -> None:
        path = self.work / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = (self.work / rel).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        (self.work / rel).write_text(text.replace(old, new, 1), encoding="utf-8")

    def append(self, rel: str, text: str) -> None:
        with open(self.work / rel, "a", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(text))

    def remove(self, rel: str) -> None:
        (self.work / rel).unlink()

    def symlink(self, rel: str, target: str) -> None:
        (self.work / rel).unlink(missing_ok=True)
        (self.work / rel).symlink_to(target)

    def check(self, author: str, *, same: bool = True) -> Result:
        """Commit the pull request, check out both branches, run the command both ways."""
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", "pr")
        base, head = self.root / "base", self.root / "head"
        for where in (base, head):
            if where.exists():
                self.git("worktree", "remove", "--force", str(where))
        self.git("worktree", "add", "-q", "--detach", str(base), "main")
        self.git("worktree", "add", "-q", "--detach", str(head), "pr")
        listing = self.root / "changed.txt"
        listing.write_bytes(self.git("diff", "--name-only", "-z", "main", "pr"))
        result = self._run(base, head, author, "summary.md")
        # The same report from git's list of changed files (in-process: one interpreter start is enough).
        out, summary = io.StringIO(), self.root / "summary-list.md"
        with contextlib.redirect_stdout(out):
            assert (
                ownership.main(
                    [
                        str(base),
                        str(head),
                        "--author",
                        author,
                        "--summary",
                        str(summary),
                        "--changed-files",
                        str(listing),
                    ]
                )
                == 0
            )
        self.with_list = Result(out.getvalue().splitlines(), summary.read_text(encoding="utf-8"), 0, "")
        summary.unlink()
        if same:
            assert self.with_list.lines == result.lines and self.with_list.summary == result.summary
        return result

    def _run(self, base: Path, head: Path, author: str, summary: str, *extra: str) -> Result:
        out = self.root / summary
        out.unlink(missing_ok=True)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pdh.cli.ownership",
                str(base),
                str(head),
                "--author",
                author,
                "--summary",
                str(out),
                *extra,
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={"PYTHONPATH": str(HOOKS)},
        )
        text = out.read_text(encoding="utf-8") if out.exists() else ""
        return Result(result.stdout.splitlines(), text, result.returncode, result.stderr)


@pytest.fixture(autouse=True)
def _no_github_links(monkeypatch):
    """On GitHub Actions, an in-process report would link its files (pdh.cli.links): like the subprocess, run without."""
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def pr(tmp_path: Path) -> PullRequest:
    return PullRequest(tmp_path, BASE)


def approvals(result: Result) -> list[str]:
    """The lines after « Ce pull request modifie », without the annotation; the command never fails."""
    assert result.returncode == 0 and result.stderr == ""
    rest = [line for line in result.lines[1:] if not line.startswith("::")]
    if warning(result) is None:
        assert len(rest) == 1 and rest[0].endswith(" peut faire ces modifications sans autre approbation.")
        return []
    return rest


def warning(result: Result) -> str | None:
    found = [line for line in result.lines if line.startswith("::")]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize("author", ["sahel-web", "Sahel-Bureau", "@SAHEL-WEB"])
def test_own_profile_needs_no_other_approval(pr, author):
    pr.replace("data/members.yaml", "city: Dakar", "city: Saint-Louis")
    result = pr.check(author)
    assert result.lines == [
        "Ce pull request modifie : profil « amis-du-sahel » (modifié).",
        f"@{author.lstrip('@')} peut faire ces modifications sans autre approbation.",
    ]
    assert warning(result) is None
    assert result.summary.startswith(
        "### Entrées modifiées\n\nCe pull request modifie : profil « amis\\-du\\-sahel » (modifié).\n"
    )


def test_someone_else_profile_needs_its_maintainers(pr):
    pr.replace("data/members.yaml", "city: Lyon", "city: Villeurbanne")
    pr.replace("data/members.yaml", "city: Dakar", "city: Thiès")
    result = pr.check("sahel-web")
    assert (
        result.lines[0]
        == "Ce pull request modifie : profil « agir-ensemble » (modifié), profil « amis-du-sahel » (modifié)."
    )
    assert approvals(result) == [
        "profil « agir-ensemble » (modifié) : approbation requise de @agir-com ou du secrétariat"
    ]
    assert warning(result) == (
        "::warning title=Relecture requise::"
        "profil « agir-ensemble » (modifié) : approbation requise de @agir-com ou du secrétariat"
    )
    assert (
        "- profil « agir\\-ensemble » (modifié) : approbation requise de @agir\\-com ou du secrétariat\n"
        in result.summary
    )


def test_a_profile_without_maintainers_is_for_the_secretariat(pr):
    pr.replace("data/members.yaml", "city: Paris", "city: Versailles")
    assert approvals(pr.check("sahel-web")) == ["profil « sans-compte » (modifié) : approbation requise du secrétariat"]


def test_a_pull_request_cannot_grant_itself_maintainers(pr):
    pr.replace("data/members.yaml", 'maintainers: [sahel-web, "@Sahel-Bureau"]', "maintainers: [intrus]")
    pr.replace("data/members.yaml", "city: Dakar", "city: Ziguinchor")
    result = pr.check("intrus")
    assert approvals(result) == [
        "profil « amis-du-sahel » (modifié) : approbation requise de @sahel-bureau, @sahel-web ou du secrétariat"
    ]


def test_adding_its_organisation_to_a_publication_does_not_give_the_right_to_rewrite_it(pr):
    pr.replace(NOTE, "authors: [pdh]", "authors: [pdh, amis-du-sahel]")
    pr.replace(NOTE, "Texte d'origine.", "Texte réécrit, [lien](https://exemple.net).")
    result = pr.check("sahel-web")
    assert result.lines[0] == "Ce pull request modifie : publication « 2025-note-position-colombie » (modifié)."
    assert approvals(result) == [
        "publication « 2025-note-position-colombie » (modifié) : approbation requise de @agir-com ou du secrétariat"
    ]
    # Opened by the original signatory instead, the same change needs the added author's approval.
    assert approvals(pr.check("agir-com")) == [
        "publication « 2025-note-position-colombie » (modifié), au nom de « amis-du-sahel » : "
        "approbation requise de @sahel-bureau, @sahel-web ou du secrétariat"
    ]


def test_adding_its_organisation_to_an_event_does_not_give_the_right_to_change_it(pr):
    pr.replace("data/events.yaml", "organisers: [agir-ensemble]", "organisers: [agir-ensemble, amis-du-sahel]")
    pr.replace("data/events.yaml", "https://exemple.org/inscription", "https://exemple.net/piege")
    assert approvals(pr.check("sahel-web")) == [
        "événement « conference-colombie » (modifié) : approbation requise de @agir-com ou du secrétariat"
    ]


def test_an_owner_may_change_its_event_but_not_sign_for_another_member(pr):
    pr.replace("data/events.yaml", 'start: "2027-05-20"', 'start: "2027-05-21"')
    assert pr.check("agir-com").lines[1:] == ["@agir-com peut faire ces modifications sans autre approbation."]
    pr.replace("data/events.yaml", "organisers: [agir-ensemble]", "organisers: [agir-ensemble, sans-compte]")
    assert approvals(pr.check("agir-com")) == [
        "événement « conference-colombie » (modifié), au nom de « sans-compte » : approbation requise du secrétariat"
    ]


NEW_PUBLICATION = """
    ---
    title: Nouvelle publication
    authors: [{authors}]
    signatories: [{signatories}]
    ---
    Texte.
    """


def test_a_new_publication_naming_only_its_own_organisation_needs_no_approval(pr):
    pr.write("content/publications/2026-sahel.md", NEW_PUBLICATION.format(authors="amis-du-sahel", signatories=""))
    pr.append(
        "data/events.yaml",
        """
        - id: atelier-sahel
          title: Atelier
          start: "2027-06-01"
          organisers: [amis-du-sahel]
        """,
    )
    result = pr.check("sahel-web")
    assert result.lines == [
        "Ce pull request modifie : événement « atelier-sahel » (ajouté), publication « 2026-sahel » (ajouté).",
        "@sahel-web peut faire ces modifications sans autre approbation.",
    ]


def test_a_new_entry_naming_another_member_needs_that_member(pr):
    pr.write(
        "content/publications/2026-sahel.md",
        NEW_PUBLICATION.format(authors="amis-du-sahel", signatories="agir-ensemble, amis-du-sahel"),
    )
    pr.write("content/publications/2026-plateforme.md", NEW_PUBLICATION.format(authors="pdh", signatories=""))
    pr.write("content/publications/2026-personne.md", NEW_PUBLICATION.format(authors="", signatories=""))
    pr.append(
        "data/members.yaml",
        """
        - id: nouvelle-ong
          name: Nouvelle ONG
          city: Lille
          maintainers: [sahel-web]
        """,
    )
    pr.append("data/themes.yaml", "- id: climat\n  label: Climat\n")
    assert approvals(pr.check("sahel-web")) == [
        "profil « nouvelle-ong » (ajouté) : approbation requise du secrétariat",
        "thème « climat » (ajouté) : approbation requise du secrétariat",
        "publication « 2026-personne » (ajouté) : approbation requise du secrétariat",
        "publication « 2026-plateforme » (ajouté), au nom de « pdh » : approbation requise du secrétariat",
        "publication « 2026-sahel » (ajouté), au nom de « agir-ensemble » : approbation requise de @agir-com ou du secrétariat",
    ]


def test_replacing_another_member_logo_needs_that_member(pr):
    pr.write("data/logos/agir-ensemble.png", PNG + b"autre image")
    pr.write("data/logos/amis-du-sahel.png", PNG + b"nouveau logo")
    result = pr.check("sahel-web")
    assert approvals(result) == [
        "fichier « data/logos/agir-ensemble.png » (modifié), logo du profil « agir-ensemble » : "
        "approbation requise de @agir-com ou du secrétariat"
    ]


def test_replacing_or_removing_an_attachment_needs_the_publication_owners(pr):
    pr.write(NOTE_PDF, b"%PDF-1.4 version falsifiee")
    expected = [
        "fichier « content/publications/fichiers/2025-note-position-colombie.pdf » ({}), pièce jointe de la "
        "publication « 2025-note-position-colombie » : approbation requise de @agir-com ou du secrétariat"
    ]
    assert approvals(pr.check("sahel-web")) == [expected[0].format("modifié")]
    pr.remove(NOTE_PDF)
    assert approvals(pr.check("sahel-web")) == [expected[0].format("supprimé")]
    assert approvals(pr.check("agir-com")) == []


def test_new_files_in_contribution_folders_need_no_approval(pr):
    pr.write("data/logos/amis-du-sahel-2025.png", PNG)
    pr.write("content/publications/fichiers/2026-sahel.pdf", b"%PDF-1.4")
    result = pr.check("sahel-web")
    assert result.lines == [
        "Ce pull request modifie : fichier « content/publications/fichiers/2026-sahel.pdf » (ajouté), "
        "fichier « data/logos/amis-du-sahel-2025.png » (ajouté).",
        "@sahel-web peut faire ces modifications sans autre approbation.",
    ]


def test_pages_code_and_configuration_are_for_the_secretariat(pr):
    files = {
        "content/index.md": "modifié",
        "content/presse/2027-communique.md": "ajouté",
        "content/publications/index.md": "ajouté",
        "content/publications/fichiers/page.md": "ajouté",
        "data/logos/sous-dossier/logo.png": "ajouté",
        "data/schemas/members.schema.json": "ajouté",
        "Makefile": "modifié",
        ".github/workflows/ci.yml": "modifié",
        "hooks/pdh/__init__.py": "ajouté",
    }
    for rel in files:
        pr.write(rel, "---\ntitle: Modifié\n---\nTexte.\n")
    pr.remove("data/logos/amis-du-sahel.png")  # its own logo: fine
    assert approvals(pr.check("sahel-web")) == [
        f"fichier « {rel} » ({action}) : approbation requise du secrétariat" for rel, action in sorted(files.items())
    ]


def test_a_symlink_is_never_followed_and_is_for_the_secretariat(pr):
    pr.symlink("data/logos/nouveau.png", "/etc/passwd")
    pr.symlink("data/events.yaml", "/etc/passwd")
    pr.symlink("content/publications/2026-lien.md", "../../../../../../../../etc/hostname")
    (pr.work / "content/presse").mkdir(parents=True)
    pr.symlink("content/presse/archives", "/etc")
    result = pr.check("sahel-web")
    assert approvals(result) == [
        f"data/events.yaml {UNREADABLE}",
        f"content/publications/2026-lien.md {UNREADABLE}",
        "fichier « content/presse/archives » (ajouté) : approbation requise du secrétariat",
        "fichier « data/logos/nouveau.png » (ajouté) : approbation requise du secrétariat",
    ]
    assert "root:" not in result.summary + "\n".join(result.lines)


def test_removing_an_entry_needs_its_owners(pr):
    text = (pr.work / "data/events.yaml").read_text(encoding="utf-8")
    pr.write("data/events.yaml", text[: text.index("- id: conference-colombie")])
    pr.remove(NOTE)
    pr.remove("data/themes.yaml")
    assert approvals(pr.check("sahel-web")) == [
        "événement « conference-colombie » (supprimé) : approbation requise de @agir-com ou du secrétariat",
        "thème « migrations » (supprimé) : approbation requise du secrétariat",
        "publication « 2025-note-position-colombie » (supprimé) : approbation requise de @agir-com ou du secrétariat",
    ]
    assert approvals(pr.check("agir-com")) == ["thème « migrations » (supprimé) : approbation requise du secrétariat"]


HOSTILE = "evil\n## ✅ Validé [clic](https://evil.example) \u202e"
HOSTILE_YAML = HOSTILE.replace("\n", "\\n")


def test_hostile_values_are_escaped_in_the_report(pr):
    pr.append(
        "data/events.yaml",
        f"""
        - id: "{HOSTILE_YAML}"
          title: Piège
          start: "2027-06-01"
          organisers: [agir-ensemble]
        """,
    )
    pr.write("content/presse/x\n## ✅ Validé [clic](javascript:alert).md", "Piège\n")
    result = pr.check("x\n::error::forgé")
    assert result.returncode == 0 and result.stderr == ""
    needed = approvals(result)
    assert [line for line in result.lines if line.startswith(("::", "#"))] == [warning(result)]
    assert warning(result) == "::warning title=Relecture requise::" + "%0A".join(needed)
    assert needed == [
        "événement « evil\\n## ✅ Validé [clic](https://evil.example) \\u202e » (ajouté), au nom de « agir-ensemble » : "
        "approbation requise de @agir-com ou du secrétariat",
        "fichier « content/presse/x\\n## ✅ Validé [clic](javascript:alert).md » (ajouté) : approbation requise du secrétariat",
    ]
    summary = result.summary
    assert "\\#\\# ✅ Validé \\[clic\\]\\(https\\://evil\\.example\\)" in summary
    assert "\n## " not in summary and "\n#" not in summary.removeprefix("### ") and "](" not in summary
    assert "\u202e" not in summary and "\u202e" not in result.lines[0]
    # The heading, a blank line, the list of changes, a blank line, then one item per approval.
    assert len(needed) == 2 and len(summary.splitlines()) == 4 + len(needed)
    assert all(line.startswith("- ") for line in summary.splitlines()[4:])


@pytest.mark.parametrize(
    "rel, content",
    [
        ("data/members.yaml", "[" * 3000),
        ("data/members.yaml", "- id: casse\n  name: [non fermé\n"),
        ("data/members.yaml", b"\x00\xff\xfe garbage \x89PNG"),
        ("data/members.yaml", "- id: é\n".encode("latin-1")),
        ("data/members.yaml", "id: pas-une-liste\n"),
        ("data/events.yaml", "- title: sans identifiant\n"),
        (NOTE, b"\xef\xbb\xbf---\ntitle: BOM\nauthors: [agir-ensemble]\n---\nTexte\n"),
        (NOTE, "---\ntitle: [" + "[" * 3000 + "\n---\nTexte\n"),
        (NOTE, "pas d'en-tête\n"),
    ],
)
def test_an_unreadable_head_file_is_located_and_for_the_secretariat(pr, rel, content):
    pr.write(rel, content)
    result = pr.check("agir-com")
    assert result.returncode == 0 and result.stderr == ""
    unreadable = [line for line in approvals(result) if "illisible" in line]
    assert len(unreadable) == 1 and re.fullmatch(re.escape(rel) + r"(:\d+)? " + re.escape(UNREADABLE), unreadable[0])
    assert warning(result) is not None


def test_the_real_data(tmp_path):
    files = {
        str(path.relative_to(ROOT)): path.read_bytes()
        for folder in ("data", "content")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    pr = PullRequest(tmp_path, files)
    assert pr.check("exemple-utilisateur").lines == ["Ce pull request ne modifie aucun fichier."]
    pr.replace("data/members.yaml", "city: Marseille", "city: Toulon")
    pr.replace("content/publications/2025-note-position-colombie.md", "## Pourquoi", "## Pourquoi donc")
    pr.replace("data/members.yaml", "city: Lyon", "city: Villeurbanne")
    assert approvals(pr.check("exemple-utilisateur")) == [
        "profil « agir-ensemble » (modifié) : approbation requise du secrétariat"
    ]


def test_misuse_is_refused_in_french(tmp_path):
    run = [sys.executable, "-m", "pdh.cli.ownership", str(tmp_path / "absent"), str(tmp_path), "--author", "x"]
    result = subprocess.run(run, capture_output=True, text=True, encoding="utf-8", env={"PYTHONPATH": str(HOOKS)})
    assert result.returncode == 2 and "absent : dossier introuvable" in result.stderr


def test_a_renamed_file_is_still_removed_from_its_owner(pr):
    pr.git("mv", "data/logos/agir-ensemble.png", "data/logos/renomme.png")
    assert approvals(pr.check("sahel-web")) == [
        "fichier « data/logos/agir-ensemble.png » (supprimé), logo du profil « agir-ensemble » : "
        "approbation requise de @agir-com ou du secrétariat"
    ]
    # git names a renamed file by its new name only: the list alone would have missed the removal.
    assert pr.git("diff", "--name-only", "main", "pr").decode().split() == ["data/logos/renomme.png"]


def test_git_list_adds_what_the_directory_comparison_skips(pr):
    pr.write("hooks/pdh/__pycache__/ownership.cpython-311.pyc", b"\x00unchecked-hash pyc")
    result = pr.check("agir-com", same=False)
    assert result.lines == ["Ce pull request ne modifie aucun fichier."]
    assert approvals(pr.with_list) == [
        "fichier « hooks/pdh/__pycache__/ownership.cpython-311.pyc » (ajouté) : approbation requise du secrétariat"
    ]


def test_comparing_directories_skips_local_artefacts_only(pr, tmp_path):
    """CI installs and builds in the checkout: .venv, site and __pycache__ are not the pull request's."""
    pr.write("hooks/pdh/__init__.py", "")
    pr.check("agir-com")
    head = tmp_path / "head"
    for rel in (".venv/bin/python", "site/index.html", "hooks/pdh/__pycache__/x.pyc"):
        (head / rel).parent.mkdir(parents=True, exist_ok=True)
        (head / rel).write_text("local")
    result = pr._run(tmp_path / "base", head, "agir-com", "again.md")
    assert approvals(result) == ["fichier « hooks/pdh/__init__.py » (ajouté) : approbation requise du secrétariat"]
