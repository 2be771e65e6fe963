"""CONTRIBUTING.md walked as a volunteer would (#17): the web-only path never asks for a terminal, and every
section, link, file, form, template, check and artifact it names exists."""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml

from conftest import ROOT, tiny_project
from pdh.plan.catalog import check_problems

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
FLAT = " ".join(GUIDE.split())  # the text as read, lines joined
# Sections a volunteer without a terminal follows: the form, the web editor, press contacts, after sending.
WEB_PATH = ("0.", "1.", "2.", "3.", "9.", "10.")
COMMANDS = re.compile(
    r"```(?:sh|bash|console)|`(?:make|git|pip|python3?|pre-commit|\.venv)\b|\bmake (?:serve|check|test|nouveau)"
)
# Names the guide gives as examples, to replace: not files of the repository.
EXAMPLES = re.compile(r"mon-|ma-|x\.(?:svg|pdf|png)|votre|<|…|\*")


def sections() -> dict[str, str]:
    parts = re.split(r"^## ", GUIDE, flags=re.M)
    return {part.split("\n", 1)[0]: part for part in parts[1:]}


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped (letters with accents kept), spaces → -."""
    text = unicodedata.normalize("NFC", heading.strip().lower())
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


def test_every_anchor_of_the_guide_names_one_of_its_headings():
    anchors = {github_anchor(h) for h in re.findall(r"^#{2,4} (.+)$", GUIDE, flags=re.M)}
    links = re.findall(r"\]\(#([^)]+)\)", GUIDE)
    assert len(links) >= 12
    assert sorted(set(links) - anchors) == []


@pytest.mark.parametrize("number", WEB_PATH)
def test_the_web_path_never_asks_for_a_terminal(number):
    [title] = [t for t in sections() if t.startswith(number + " ")]
    text = sections()[title]
    assert not COMMANDS.search(text), (title, COMMANDS.search(text).group(0))


def test_every_repository_path_the_guide_names_exists():
    named = set(re.findall(r"`((?:data|content|\.github|hooks|tests)/[^`\s]*)`", GUIDE))
    named |= set(re.findall(r"\]\((?!https?:|#)([^)#]+)\)", GUIDE))
    assert len(named) >= 10
    missing = sorted(path for path in named if not EXAMPLES.search(path) and not (ROOT / path).exists())
    assert missing == []


def test_the_forms_the_guide_names_exist():
    names = {
        yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
        for path in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")
        if path.name != "config.yml"
    }
    form = sections()[next(t for t in sections() if t.startswith("0. "))]
    for name in re.findall(r"« ([^»]+) »", form.split("\n2.")[0]):
        assert name.strip() in names, name


def test_the_checks_artifacts_and_template_the_guide_names_exist():
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    job_names = {job.get("name") for job in ci["jobs"].values()}
    assert "Construction, liens et tests" in job_names and "« Construction, liens et tests »" in FLAT
    uploads = {
        step["with"]["name"]
        for job in ci["jobs"].values()
        for step in job.get("steps", [])
        if "upload-artifact" in step.get("uses", "")
    }
    for artifact in re.findall(r"« (apercu[^»]*|captures[^»]*) »", FLAT):
        assert artifact in uploads, artifact
    assert (ROOT / ".github" / "pull_request_template.md").is_file()
    assert "Approve and run" in FLAT  # the first contribution's wait is explained


def test_the_new_organisation_model_in_the_guide_is_valid(tmp_path):
    [model] = re.findall(r"```yaml\n(- id: mon-association\n.*?)```", GUIDE, flags=re.S)
    repo = tiny_project(tmp_path, sources_only=True)
    repo.append("data/members.yaml", "\n" + model)
    assert [str(p) for p in check_problems(repo.root).sorted()] == []
