"""The package's layout shows the pipeline: content → plan → render → verify → cli, imports only pointing down."""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hooks" / "pdh"
LAYERS = ("content", "plan", "render", "verify", "cli")  # each may import only from the ones before it
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))
# Sizes in statements (logical lines: what `ruff format` cannot change by wrapping a call over several lines). 230
# statements a module and 55 a function are what 300 and 60 written lines were before the code was formatted.
MAX_STATEMENTS = 230
MAX_FUNCTION_STATEMENTS = 55


def statement_lines(text: str) -> list[int]:
    """The line on which each logical line of `text` ends (a statement, or a clause header such as `if …:`)."""
    return [
        token.start[0]
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type == tokenize.NEWLINE
    ]


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
                found.append(
                    (
                        node.lineno,
                        candidate
                        if candidate.is_file()
                        else target.with_suffix(".py")
                        if target.with_suffix(".py").is_file()
                        else target / "__init__.py",
                    )
                )
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
            f"{path.relative_to(PACKAGE)}:{line} imports {target.relative_to(PACKAGE)}, a later stage of the pipeline"
        )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_short(path):
    count = len(statement_lines(path.read_text(encoding="utf-8")))
    assert count <= MAX_STATEMENTS, (
        f"{path.relative_to(PACKAGE)} has {count} statements (at most {MAX_STATEMENTS}): split it by role"
    )


def test_functions_stay_short():
    """No function over 55 statements: a longer one is several steps that want names."""
    long = []
    for path in [*MODULES, PACKAGE.parent / "site.py"]:
        text = path.read_text(encoding="utf-8")
        ends = statement_lines(text)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                count = sum(1 for line in ends if node.lineno <= line <= node.end_lineno)
                if count > MAX_FUNCTION_STATEMENTS:
                    long.append(f"{path.name}:{node.lineno} {node.name} ({count} statements)")
    assert long == []


def test_sizes_count_statements_not_lines():
    """A call wrapped over ten lines is one statement; two statements on two lines are two."""
    assert len(statement_lines("f(\n    1,\n    2,\n)\nx = [\n    1,\n]\n")) == 2
    assert len(statement_lines("if x:\n    y = 1  # a comment\n\n# alone\n")) == 2
