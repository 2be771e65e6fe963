"""The package's layout shows the pipeline: content → plan → render → verify → cli, imports only pointing down."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hooks" / "pdh"
LAYERS = ("content", "plan", "render", "verify", "cli")  # each may import only from the ones before it
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))
MAX_LINES = 300


def layer(path: Path) -> int:
    """Rank of a module: its sub-package's position; the top-level modules (build, clock) come last."""
    parts = path.relative_to(PACKAGE).parts
    return LAYERS.index(parts[0]) if len(parts) > 1 else len(LAYERS)


def imported_modules(path: Path) -> list[tuple[int, Path]]:
    """(line, module file) of every import of a project module, relative or absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.parent
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package
                for _ in range(node.level - 1):
                    base = base.parent
            elif node.module and node.module.split(".")[0] == "pdh":
                base, node.module = PACKAGE.parent, node.module
            else:
                continue
            parts = node.module.split(".") if node.module else []
            target = base.joinpath(*parts)
            for alias in node.names:
                candidate = target / f"{alias.name}.py"
                found.append((node.lineno, candidate if candidate.is_file() else target.with_suffix(".py")
                              if target.with_suffix(".py").is_file() else target / "__init__.py"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ("mkdocs", "material"):
                    found.append((node.lineno, Path("mkdocs")))
    return found


def test_there_are_modules_in_every_layer():
    assert {layer(p) for p in MODULES} == set(range(len(LAYERS) + 1))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_and_never_to_mkdocs(path):
    for line, target in imported_modules(path):
        assert target != Path("mkdocs"), f"{path.name}:{line} imports MkDocs: only hooks/site.py may"
        assert target.is_file(), f"{path.name}:{line}: {target} not found"
        if target.name == "__init__.py":
            continue
        assert layer(target) <= layer(path), (
            f"{path.relative_to(PACKAGE)}:{line} imports {target.relative_to(PACKAGE)}, a later stage of the pipeline")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_short(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines (at most {MAX_LINES}): split it by role"


def test_functions_stay_short():
    """No function over ~60 lines: a longer one is several steps that want names."""
    long = []
    for path in [*MODULES, PACKAGE.parent / "site.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 60:
                long.append(f"{path.name}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert long == []
