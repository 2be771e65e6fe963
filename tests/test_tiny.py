"""The tiny site of tests/tiny/, which most build tests start from: valid, smaller than the sample, and
written with every field the sample uses (so that a test moved to it loses no kind of input)."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, TINY
from pdh.content.load import TRANSLATED
from pdh.content.yamlsafe import parse_yaml
from pdh.plan.catalog import check_problems, load_catalog


def field_paths(value, prefix: str = "") -> set[str]:
    """« place.city », « attachments.title »…: every key used, at any depth (list items merged; any social network)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = prefix + ("*" if prefix == "social." else key)
            found |= {path} | field_paths(item, path + ".")
    elif isinstance(value, list):
        for item in value:
            found |= field_paths(item, prefix)
    return found


def fields_used(root: Path) -> dict[str, set[str]]:
    """Fields used by each data file and by the publications' front matter under `root`."""
    used = {}
    for path in sorted((root / "data").glob("*.yaml")):
        doc, problems = parse_yaml(path.read_text(encoding="utf-8"), path.name)
        assert problems == []
        used[path.name] = field_paths(doc.data)
    used["publications"] = set()
    for path in sorted((root / "content" / "publications").glob("*.md")):
        if not TRANSLATED.fullmatch(path.name):
            doc, problems = parse_yaml(path.read_text(encoding="utf-8").split("---\n")[1], path.name)
            assert problems == []
            used["publications"] |= field_paths(doc.data)
    return used


def test_the_tiny_site_is_valid_and_smaller_than_the_sample(tiny):
    assert [str(p) for p in check_problems(tiny.root).sorted()] == []
    small, sample = load_catalog(tiny.root), load_catalog(ROOT)
    assert 2 <= len(small.members) < len(sample.members)
    assert 2 <= len(small.publications) < len(sample.publications)
    assert 2 <= len(small.events) <= len(sample.events) and 1 <= len(small.actions) <= len(sample.actions)
    assert {m.status for m in small.members} == {"member", "observer"}


def test_the_tiny_site_uses_every_field_the_sample_uses():
    """A field added to the sample data is added to the tiny site too (tests/tiny/), or tests built on it miss it."""
    sample, tiny = fields_used(ROOT), fields_used(TINY)
    assert sample.keys() == tiny.keys()
    assert {name: sorted(sample[name] - tiny[name]) for name in sample if sample[name] - tiny[name]} == {}
