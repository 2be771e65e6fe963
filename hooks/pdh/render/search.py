"""The site search: Pagefind indexes the built HTML after every build (mkdocs build and serve)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

BUNDLE = "pagefind"


def index_site(site_dir: Path, prefixes: Sequence[str] = ("",)) -> None:
    """One Pagefind bundle per edition: <site>/pagefind/ for the pages at the root, <site>/en/pagefind/
    for those under en/… Each edition's search page loads its own. Pagefind holds a whole bundle in
    memory while it writes it: built one after the other, two halves cost half the peak.

    Raise with Pagefind's own words on failure."""
    others = {prefix.strip("/") for prefix in prefixes if prefix}
    for prefix in prefixes:
        if prefix:
            _pagefind("--site", str(site_dir / prefix.strip("/")))
            continue
        # The root edition: every HTML file except the other editions' (and any bundle).
        names = sorted(p.name for p in site_dir.iterdir() if p.name not in others | {BUNDLE})
        patterns = [
            f"{_literal(name)}/**/*.html" if (site_dir / name).is_dir() else _literal(name)
            for name in names
            if (site_dir / name).is_dir() or name.endswith(".html")
        ]
        _pagefind("--site", str(site_dir), "--glob", "{" + ",".join(patterns) + "}")


def _literal(name: str) -> str:
    """A file name in Pagefind's glob, its metacharacters escaped (a contributed folder may be « a,b »).
    Pagefind's globs cannot escape a backslash: it becomes « ? », any one character."""
    return "".join("?" if c == "\\" else "\\" + c if c in "{}[],*?" else c for c in name)


def _pagefind(*args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", *args, "--silent"], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"l'index de recherche (Pagefind) n'a pas pu être construit :\n{result.stderr or result.stdout}"
        )
