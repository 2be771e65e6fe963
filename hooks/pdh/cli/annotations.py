"""Problems as GitHub Actions annotations (on the changed line) and as a French job summary."""
from __future__ import annotations

import re

from ..content.errors import Problem


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


def annotation(problem: Problem) -> str:
    """`::error file=…,line=…,title=…::message`, escaped as the Actions runner expects."""
    props = [f"file={_escape_property(problem.file)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    title = problem.entry or "Données"
    props.append(f"title={_escape_property(title)}")
    message = f"{problem.field} : {problem.message}" if problem.field else problem.message
    return f"::error {','.join(props)}::{_escape_data(message)}"


def summary(problems: list[Problem]) -> str:
    """A short Markdown report for $GITHUB_STEP_SUMMARY."""
    if not problems:
        return "### Vérification des données\n\nAucune erreur : les données sont valides.\n"
    count = len(problems)
    lines = [f"### Vérification des données : {count} erreur{'s' if count > 1 else ''} à corriger", "",
             "Chaque ligne indique le fichier et la ligne à modifier ; l'erreur est aussi signalée sur la ligne "
             "dans l'onglet « Files changed » du pull request.", "",
             "| fichier | ligne | entrée | problème |", "|---|---|---|---|"]
    for problem in problems:
        what = f"{problem.field} : {problem.message}" if problem.field else problem.message
        cells = [problem.file, str(problem.line or ""), problem.entry, what]
        lines.append("| " + " | ".join(escape_markdown(c) for c in cells) + " |")
    lines += ["", "Le guide [CONTRIBUTING.md](../blob/main/CONTRIBUTING.md) explique comment corriger les erreurs courantes."]
    return "\n".join(lines) + "\n"
