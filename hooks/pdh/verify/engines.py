"""Two engines, one site: the files only this project's hooks write, and what may differ between two builds of the
same sources at the same instant by MkDocs and by ProperDocs (MIGRATION.md).

An engine that ignores `hooks:` (Zensical today) still builds the editorial pages, without a word of warning: the
directory, the library, the agenda, the feeds, the calendars, the open data and the search index are simply not
there. `missing_outputs` names what is absent; `differences` lists every file two builds do not share byte for byte,
once the generator tag (the engine's own name and version) is set aside, and outside the search index (Pagefind's
files are named after hashes of the pages, which contain that tag).
"""

from __future__ import annotations

import re
from pathlib import Path

# One output of each kind the hooks make (pages from data, feeds, calendars, open data, search index, the English
# edition): none is a Markdown file of content/, so an engine that did not run the hooks built none of them.
HOOK_OUTPUTS = (
    "membres/index.html",
    "publications/index.html",
    "agenda/index.html",
    "chiffres/index.html",
    "flux/tout.xml",
    "calendriers/agenda.ics",
    "donnees/datapackage.json",
    "pagefind/pagefind-entry.json",
    "en/members/index.html",
)
SEARCH_INDEX = "pagefind"
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def missing_outputs(site: Path) -> list[str]:
    """The outputs of HOOK_OUTPUTS that `site` lacks."""
    return [name for name in HOOK_OUTPUTS if not (site / name).is_file()]


def missing_message(site: Path, missing: list[str]) -> str:
    """The French message for a build whose hooks did not run."""
    return (
        f"Erreur : {site} n'est pas un site complet : {', '.join(missing)} "
        f"{'manque' if len(missing) == 1 else 'manquent'}. Ces fichiers sont produits par les crochets "
        "(hooks/site.py, déclarés par « hooks: » dans mkdocs.yml) : le moteur utilisé ne les a pas exécutés. "
        "Construisez avec MkDocs 1.6 ou ProperDocs (make build) ; voir MIGRATION.md."
    )


def _files(site: Path) -> dict[str, Path]:
    return {
        path.relative_to(site).as_posix(): path
        for path in site.rglob("*")
        if path.is_file() and SEARCH_INDEX not in path.relative_to(site).parts  # each edition has its own index
    }


def _comparable(path: Path) -> bytes:
    data = path.read_bytes()
    return _GENERATOR.sub(b"", data, count=1) if path.suffix == ".html" else data


def differences(first: Path, second: Path) -> list[str]:
    """One line per file that is in only one of the two sites, or whose bytes differ beyond the generator tag."""
    ours, theirs = _files(first), _files(second)
    lines = [f"seulement dans {first} : {name}" for name in sorted(ours.keys() - theirs.keys())]
    lines += [f"seulement dans {second} : {name}" for name in sorted(theirs.keys() - ours.keys())]
    lines += [
        f"différent : {name}"
        for name in sorted(ours.keys() & theirs.keys())
        if _comparable(ours[name]) != _comparable(theirs[name])
    ]
    return lines
