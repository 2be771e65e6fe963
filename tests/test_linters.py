"""The code's habits, checked by the tools that define them: ruff (lint and format) on all the Python code, mypy
strict on the package (pyproject.toml [tool.ruff], [tool.mypy]). zizmor and actionlint check the workflows in
test_pipeline.py; pre-commit runs the same tools before each commit (.pre-commit-config.yaml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    tool = BIN / command[0]
    assert tool.is_file(), f"{tool} absent : make test installe requirements.txt"
    return subprocess.run([str(tool), *command[1:]], cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "command",
    [("ruff", "check", "--no-cache", "."), ("ruff", "format", "--check", "--no-cache", "."), ("mypy",)],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_the_tool_reports_nothing(command):
    done = run(*command)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_mypy_is_strict_on_the_whole_package():
    """The configuration, not a command line, makes it strict: pre-commit and editors read the same."""
    import tomllib

    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert settings["strict"] is True and settings["packages"] == ["pdh"] and settings["mypy_path"] == "hooks"
    assert not any(override.get("ignore_errors") for override in settings.get("overrides", []))


def test_the_linters_see_a_fault(tmp_path):
    """Live tools: an unused import, a badly formatted line and a wrong type are each reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nx: int = 'a'\ny = [1,2]\n", encoding="utf-8")
    assert "F401" in run("ruff", "check", "--no-cache", "--isolated", str(bad)).stdout
    assert run("ruff", "format", "--check", "--no-cache", "--isolated", str(bad)).returncode == 1
    typed = run("mypy", "--no-incremental", "--strict", str(bad))
    assert typed.returncode == 1 and "Incompatible types in assignment" in typed.stdout
