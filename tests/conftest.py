"""Shared fixtures: a copy of the real repository in tmp_path, and a real MkDocs build of it."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
TREE = ("mkdocs.yml", "hooks", "overrides", "content", "data")


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


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    for name in TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    return Repo(tmp_path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real repository built once per test session."""
    root = tmp_path_factory.mktemp("real")
    for name in TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    return Repo(root).build()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
