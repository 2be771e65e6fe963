"""Locations and the French error messages contributors read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

PathItem = str | int


def format_field(path: Iterable[PathItem]) -> str:
    """Render a field path as editors see it: `contact.email`, `themes[2]`."""
    out = ""
    for item in path:
        if isinstance(item, int):
            out += f"[{item + 1}]"
        else:
            out += f".{item}" if out else item
    return out


@dataclass(frozen=True, order=True)
class Problem:
    """One error an editor can act on: where, which entry, which field, what."""

    file: str
    line: int
    message: str
    entry: str = ""
    field: str = ""

    def __str__(self) -> str:
        parts = [f"{self.file}:{self.line}" if self.line else self.file]
        if self.entry:
            parts.append(self.entry)
        parts.append(f"{self.field} : {self.message}" if self.field else self.message)
        return " — ".join(parts)


@dataclass
class Problems:
    """Collects problems so that one run reports all of them, and warnings, which fail nothing."""

    items: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def warn(self, problem: Problem) -> None:
        """Something to improve that does not stop the site (an http:// address): shown, never blocking."""
        self.warnings.append(problem)

    def supersede(self, better: Problem, replaced: str) -> None:
        """Add `better` instead of what was reported at the same place (file, line, entry, field) with a message
        starting with `replaced`: a check that knows more than the validator says it better."""
        place = (better.file, better.line, better.entry, better.field)
        self.items = [
            p for p in self.items if (p.file, p.line, p.entry, p.field) != place or not p.message.startswith(replaced)
        ]
        self.items.append(better)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def report(self) -> str:
        lines = [str(p) for p in self.sorted()]
        count = len(lines)
        head = f"{count} erreur{'s' if count > 1 else ''} dans les données :"
        return "\n".join([head, *lines])


class ContentError(Exception):
    """Raised once, with every problem found, when contributed data is invalid."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(problems.report())
