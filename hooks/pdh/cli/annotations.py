"""Problems as GitHub Actions annotations (on the changed line) and as a French job summary."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..content.errors import Problem
from .links import RepoLinks, guide, linked

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:])")


def escape_markdown(text: str) -> str:
    """A contributed value as inert text on one line of GitHub Markdown (job summary, comments).

    Line breaks become spaces (no forged heading or table row), HTML is escaped, and every
    character GitHub Markdown gives a meaning to is backslash-escaped (no link, no emphasis);
    `:` too, so that no bare `https:` address is turned into a link.
    """
    one_line = " ".join(str(text).split())
    html_safe = one_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html_safe)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, level: str = "error") -> str:
    """`::error file=…,line=…,title=…::message` (or `::warning`), escaped as the Actions runner expects."""
    props = [f"file={_escape_property(problem.file)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    title = problem.entry or "Données"
    props.append(f"title={_escape_property(title)}")
    message = f"{problem.field} : {problem.message}" if problem.field else problem.message
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def _table(problems: Sequence[Problem], links: RepoLinks | None, last: str) -> list[str]:
    lines = [f"| fichier | ligne | entrée | {last} |", "|---|---|---|---|"]
    for problem in problems:
        what = f"{problem.field} : {problem.message}" if problem.field else problem.message
        where = linked(links, escape_markdown(problem.file), problem.file, problem.line)
        cells = [where, str(problem.line or ""), escape_markdown(problem.entry), escape_markdown(what)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def summary(problems: Sequence[Problem], warnings: Sequence[Problem] = (), links: RepoLinks | None = None) -> str:
    """A short Markdown report for $GITHUB_STEP_SUMMARY; with `links`, each file links to its line on GitHub."""
    lines = ["### Vérification des données", "", "Aucune erreur : les données sont valides."]
    if problems:
        count = len(problems)
        lines = [
            f"### Vérification des données : {count} erreur{'s' if count > 1 else ''} à corriger",
            "",
            "Chaque ligne indique le fichier et la ligne à modifier ; l'erreur est aussi signalée sur la ligne "
            "dans l'onglet « Files changed » du pull request.",
            "",
            *_table(problems, links, "problème"),
        ]
    if warnings:
        count = len(warnings)
        lines += [
            "",
            f"#### {count} avertissement{'s' if count > 1 else ''}, qui n'empêche{'nt' if count > 1 else ''} "
            "pas la publication",
            "",
            *_table(warnings, links, "conseil"),
        ]
    if problems or warnings:
        lines += ["", f"Le guide {guide(links)} explique comment corriger les erreurs courantes."]
    return "\n".join(lines) + "\n"
