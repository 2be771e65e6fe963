"""What a pull request changes on the site: the pages it creates, changes or removes, with the text that changed.

    python -m pdh.cli.preview BASE_SITE PR_SITE --summary FILE [--captures DIR --chromium PATH] [--run-url URL]

Both arguments are built sites (the base branch's and the pull request's). A page is an `index.html`
or a `404.html`; it has changed when the text of its main content has (`pagetext`), never for its menu,
footer, scripts or build date. The report is a French job summary (`previewsummary`); with --captures,
the first created or changed pages are photographed (`previewshots`). Each file is read at most once:
listing both sites gives the created and removed pages (only the first DETAILS are read, for their title
and text), and a page whose article HTML is byte for byte the base's is not parsed.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .pagetext import main_html, main_text
from .previewshots import take_screenshots
from .previewsummary import render_summary

DETAILS = 50  # pages shown with their text in the summary; the others are counted
CONTEXT = 2  # unchanged lines around each change
MAX_DIFF_LINES = 60
MAX_LINE = 400  # characters of one line of text: a paragraph is one line
SHOTS = 12  # pages photographed


@dataclass(frozen=True)
class Page:
    """A created, changed or removed page. Title and diff are read for the pages shown in detail only."""

    path: str  # its address on the site: « /membres/agir-ensemble/ », « /404.html »
    title: str = ""
    diff: tuple[str, ...] = ()  # « + … », « - … », «   … » lines; « … » between distant changes
    more: int = 0  # diff lines left out past MAX_DIFF_LINES


@dataclass
class Comparison:
    created: list[Page] = field(default_factory=list)
    changed: list[Page] = field(default_factory=list)
    removed: list[Page] = field(default_factory=list)
    unchanged: int = 0
    base_missing: bool = False

    def in_order(self) -> list[Page]:
        return [*self.created, *self.changed, *self.removed]


def list_pages(site: Path) -> dict[str, Path]:
    """Every page of a built site by its address; an absent site has none."""
    pages: dict[str, Path] = {}
    if not site.is_dir():
        return pages
    for folder, _dirs, files in os.walk(site):
        here = Path(folder)
        rel = here.relative_to(site).as_posix()
        prefix = "/" if rel == "." else f"/{rel}/"
        for name in files:
            if name == "index.html":
                pages[prefix] = here / name
            elif name == "404.html":
                pages[prefix + name] = here / name
    return pages


def read_page(path: Path) -> tuple[list[str], str]:
    return main_text(path.read_text(encoding="utf-8", errors="replace"))


def compare_page(old: Path, new: Path) -> tuple[list[str], list[str], str] | None:
    """None when the main content is the same, else the old and new lines and the new title.

    Identical article HTML (most pages of most pull requests) is not parsed at all."""
    before, after = (path.read_text(encoding="utf-8", errors="replace") for path in (old, new))
    old_html, new_html = main_html(before), main_html(after)
    if old_html == new_html:
        return None
    (old_lines, _), (new_lines, title) = main_text(before, old_html), main_text(after, new_html)
    return None if old_lines == new_lines else (old_lines, new_lines, title)


def text_diff(old: list[str], new: list[str]) -> tuple[tuple[str, ...], int]:
    """A readable diff of two texts, its lines cut at MAX_LINE characters, and how many lines past MAX_DIFF_LINES."""
    lines: list[str] = []
    for line in difflib.unified_diff(old, new, n=CONTEXT, lineterm=""):
        if line.startswith(("---", "+++")) and not lines:
            continue
        if line.startswith("@@"):
            if lines:
                lines.append("…")
            continue
        sign = {"+": "+ ", "-": "- "}.get(line[:1], "  ")
        text = line[1:]
        lines.append(sign + (text if len(text) <= MAX_LINE else text[:MAX_LINE] + "…"))
    return tuple(lines[:MAX_DIFF_LINES]), max(0, len(lines) - MAX_DIFF_LINES)


def _detailed(path: str, old: list[str], new: list[str], title: str) -> Page:
    diff, more = text_diff(old, new)
    return Page(path, title or path, diff, more)


def compare_sites(base: Path, pr: Path, *, details: int = DETAILS) -> Comparison:
    """The pages `pr` creates, changes and removes compared with `base`, each sorted by address.

    The first `details` pages of that order (created, changed, removed) carry their title and diff."""
    old, new = list_pages(base), list_pages(pr)
    result = Comparison(base_missing=not old)
    budget = details
    for path in sorted(new.keys() - old.keys()):
        if budget > 0:
            lines, title = read_page(new[path])
            result.created.append(_detailed(path, [], lines, title))
            budget -= 1
        else:
            result.created.append(Page(path))
    for path in sorted(new.keys() & old.keys()):
        difference = compare_page(old[path], new[path])
        if difference is None:
            result.unchanged += 1
        elif budget > 0:
            result.changed.append(_detailed(path, *difference))
            budget -= 1
        else:
            result.changed.append(Page(path))
    for path in sorted(old.keys() - new.keys()):
        if budget > 0:
            lines, title = read_page(old[path])
            result.removed.append(Page(path, title or path))
            budget -= 1
        else:
            result.removed.append(Page(path))
    return result


def pages_to_photograph(comparison: Comparison, limit: int = SHOTS) -> list[str]:
    """The first created and changed pages, in the summary's order."""
    return [page.path for page in [*comparison.created, *comparison.changed][:limit]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pdh.cli.preview",
        description="Compare deux sites construits : pages créées, modifiées, supprimées.",
    )
    parser.add_argument(
        "base", type=Path, help="site construit de la branche de base (absent ou vide : première construction)"
    )
    parser.add_argument("pr", type=Path, help="site construit du pull request")
    parser.add_argument(
        "--summary", type=Path, required=True, help="fichier Markdown complété par l'aperçu (GITHUB_STEP_SUMMARY)"
    )
    parser.add_argument(
        "--captures", type=Path, metavar="DOSSIER", help="dossier des captures d'écran (sans cette option : aucune)"
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="navigateur Chromium ou Chrome à utiliser")
    parser.add_argument("--run-url", default="", help="adresse de l'exécution GitHub Actions (lien vers ses artefacts)")
    args = parser.parse_args(argv)
    if not (args.pr / "index.html").is_file():
        print(f"{args.pr} : aucun site construit (index.html introuvable).", file=sys.stderr)
        return 2
    comparison = compare_sites(args.base, args.pr)
    shots = None
    if args.captures:
        shots = take_screenshots(args.pr, pages_to_photograph(comparison), args.captures, chromium=args.chromium)
        for problem in shots.problems:
            print(f"Captures : {printable(problem)}", file=sys.stderr)
    with open(args.summary, "a", encoding="utf-8") as handle:
        handle.write(render_summary(comparison, shots, run_url=args.run_url))
    _print_list(comparison)
    return 0


def printable(text: str) -> str:
    """A name from the pull request on one log line: no line break can start a forged `::command::`."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _print_list(comparison: Comparison) -> None:
    """Every page on standard output (the step's log), which the summary only counts past DETAILS."""
    if comparison.base_missing:
        print("Aucun site de la branche de base : toutes les pages comptent comme créées.")
    for label, pages in (
        ("créée", comparison.created),
        ("modifiée", comparison.changed),
        ("supprimée", comparison.removed),
    ):
        for page in pages:
            print(f"{label} {printable(page.path)}")
    print(
        f"{len(comparison.created)} créée(s), {len(comparison.changed)} modifiée(s), "
        f"{len(comparison.removed)} supprimée(s), {comparison.unchanged} inchangée(s)."
    )


if __name__ == "__main__":
    sys.exit(main())
