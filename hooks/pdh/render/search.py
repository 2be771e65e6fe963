"""The site search: Pagefind indexes the built HTML after every build (mkdocs build and serve)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def index_site(site_dir: Path) -> None:
    """Write the Pagefind index into <site>/pagefind/; raise with Pagefind's own words on failure."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"],
        capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"l'index de recherche (Pagefind) n'a pas pu être construit :\n{result.stderr or result.stdout}")
