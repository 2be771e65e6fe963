"""The French job summary of a preview: counts, then each page with its title, address, captures and text diff.

Everything a pull request wrote (titles, addresses, the text in the diffs) is inert: titles and addresses
are escaped as Markdown text, diffs sit in a code fence longer than any run of backticks they contain,
so neither ``` nor </details> nor <script> in a contribution can close or open anything. GitHub keeps
at most 1 MiB of summary per step: past BUDGET bytes, pages are counted instead of shown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .annotations import escape_markdown
from .previewshots import WIDTHS

if TYPE_CHECKING:
    from .preview import Comparison, Page
    from .previewshots import Shots

BUDGET = 900_000  # bytes; GitHub refuses a step summary over 1 MiB
MAX_TITLE = 200
SITE_ARTIFACT = "apercu-du-site"
CAPTURES_ARTIFACT = "captures-apercu"
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BACKTICKS = re.compile("`+")
_RUN_URL = re.compile(
    r"https://[A-Za-z0-9.-]+(:[0-9]{1,5})?/[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}"
    r"/actions/runs/[0-9]+"
)


def number(n: int) -> str:
    """25 000, as French writes it (narrow no-break space)."""
    return f"{n:,}".replace(",", "\u202f")


def counted(n: int, word: str) -> str:
    """« 0 supprimée », « 1 modifiée », « 3 modifiées »: French puts 0 and 1 in the singular."""
    return f"{number(n)} {word}{'s' if n > 1 else ''}"


def counts(comparison: Comparison) -> str:
    created, changed, removed = len(comparison.created), len(comparison.changed), len(comparison.removed)
    return (
        f"{number(created)} page{'s' if created > 1 else ''} {'créées' if created > 1 else 'créée'}, "
        f"{counted(changed, 'modifiée')}, {counted(removed, 'supprimée')}"
    )


def diff_block(lines: tuple[str, ...], more: int, label: str) -> str:
    """The diff folded in a <details> block, in a ```diff fence that its text cannot close."""
    text = "\n".join(_INVISIBLE.sub("", line) for line in lines)
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    tail = f"\n… {number(more)} ligne{'s' if more > 1 else ''} de plus" if more else ""
    total = len(lines) + more
    return (
        f"<details><summary>{label} ({number(total)} ligne{'s' if total > 1 else ''})</summary>\n\n"
        f"{fence}diff\n{text}{tail}\n{fence}\n\n</details>\n"
    )


def code(text: str) -> str:
    """Contributed text on one line as a code span: delimited by more backticks than it contains."""
    text = " ".join(_INVISIBLE.sub("", text).split())
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def inert(text: str, limit: int = MAX_TITLE) -> str:
    """Contributed text on one line, shortened, as plain Markdown text."""
    text = _INVISIBLE.sub("", text)
    return escape_markdown(text if len(text) <= limit else text[:limit] + "…")


def page_section(page: Page, kind: str, shots: Shots | None) -> str:
    """One page: heading (its title), address and captures, then its text (created) or diff (changed)."""
    lines = [f"#### {inert(page.title)}", ""]
    where = f"Adresse : {code(page.path[:1000])}"
    names = shots.files.get(page.path, []) if shots else []
    if names:
        where += " · captures : " + ", ".join(code(name) for name in names)
    lines += [where, ""]
    if page.diff and kind == "created":
        lines.append(diff_block(page.diff, page.more, "Texte de la page"))
    elif page.diff:
        lines.append(diff_block(page.diff, page.more, "Texte modifié"))
    return "\n".join(lines) + "\n"


SECTIONS = (
    ("created", "Pages créées", "autre{s} page{s} créée{s}"),
    ("changed", "Pages modifiées", "autre{s} page{s} modifiée{s}"),
    ("removed", "Pages supprimées", "autre{s} page{s} supprimée{s}"),
)


def header(comparison: Comparison, shots: Shots | None, run_url: str) -> str:
    lines = [
        "## Aperçu des pages",
        "",
        f"**{counts(comparison)}** par ce pull request (texte principal des pages : le menu et le pied de page "
        "ne comptent pas).",
        "",
    ]
    if comparison.base_missing:
        lines += [
            "> Aucun site de la branche de base à comparer (première construction, ou la branche de base n'a "
            "pas pu être construite) : toutes les pages comptent comme créées.",
            "",
        ]
    where = (
        f"en bas de [la page de cette exécution]({run_url}#artifacts), rubrique « Artifacts »"
        if _RUN_URL.fullmatch(run_url)
        else "en bas de la page de cette exécution, rubrique « Artifacts »"
    )
    if shots and shots.count:
        which = (
            f"des {number(len(shots.files))} premières pages créées ou modifiées"
            if len(shots.files) > 1
            else "de la première page créée ou modifiée"
        )
        laptop, phone = sorted(WIDTHS, reverse=True)
        lines.append(
            f"Captures d'écran {which} (ordinateur {number(laptop)} px, téléphone {number(phone)} px) : "
            f"artefact « {CAPTURES_ARTIFACT} »."
        )
    lines += [
        f"Site complet, pour une relecture approfondie : artefact « {SITE_ARTIFACT} » (décompressez-le, "
        "lancez `python3 -m http.server` dans son dossier et ouvrez `http://localhost:8000/`). "
        f"Les artefacts se téléchargent {where}.",
        "",
    ]
    if shots:
        lines += [f"> Captures : {inert(problem, 500)}" for problem in shots.problems[:10]]
        if shots.blocked:
            blocked = list(dict.fromkeys(shots.blocked))  # once per address, not per width
            many = len(blocked) > 1
            lines += [
                f"> {number(len(blocked))} adresse{'s' if many else ''} d'un autre site que le site construit "
                f"{'ont été bloquées' if many else 'a été bloquée'} lors des captures, dont : "
                f"{inert(blocked[0], 300)}"
            ]
        lines.append("")
    return "\n".join(lines) + "\n"


def render_summary(comparison: Comparison, shots: Shots | None = None, *, run_url: str = "") -> str:
    """The whole Markdown summary, under BUDGET bytes whatever the pages contain."""
    parts = [header(comparison, shots, run_url)]
    if not comparison.in_order():
        return parts[0] + "Aucune page n'est créée, modifiée ni supprimée.\n"
    used = len(parts[0].encode("utf-8")) + 2_000  # room for the « … et N autres » lines
    full = False
    for kind, title, others in SECTIONS:
        pages = getattr(comparison, kind)
        if not pages:
            continue
        parts.append(f"### {title} ({number(len(pages))})\n\n")
        shown = 0
        for page in pages:
            if full or not page.title:
                break
            section = page_section(page, kind, shots)
            size = len(section.encode("utf-8"))
            if used + size > BUDGET:
                full = True
                break
            parts.append(section)
            used += size
            shown += 1
        rest = len(pages) - shown
        if rest:
            word = others.format(s="s" if rest > 1 else "")
            parts.append(f"… et {number(rest)} {word} (liste complète dans le journal de l'étape).\n\n")
    return "".join(parts)
