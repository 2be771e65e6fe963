"""Output budget: the built site's size and file count stay proportional to its entries.

Every fan-out is bounded where it starts (themes, countries and languages per entry, facet
feeds with summaries only), and this check, run after every build, catches the fan-out
nobody thought of: a contribution that would multiply the site's size fails the build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

FIXED_BYTES = 20_000_000  # theme assets, scripts, press kit, home and listing pages
FIXED_FILES = 600
BYTES_PER_ENTRY = 250_000  # measured: ~40 kB per publication at 10,000 (pages, listings, feeds)
FILES_PER_ENTRY = 30  # measured: ~2.5 files per publication at 10,000


@dataclass(frozen=True)
class Budget:
    max_bytes: int
    max_files: int


def budget_for(entries: int, contributed_bytes: int) -> Budget:
    """What a site of `entries` entries and `contributed_bytes` of attached files may weigh."""
    return Budget(FIXED_BYTES + contributed_bytes + BYTES_PER_ENTRY * entries, FIXED_FILES + FILES_PER_ENTRY * entries)


def measure(site_dir: Path) -> tuple[int, int, dict[str, int]]:
    """Total bytes, file count, and bytes per top-level folder of the built site (one walk)."""
    total = count = 0
    by_folder: dict[str, int] = {}
    for folder, _, files in os.walk(site_dir):
        top = Path(folder).relative_to(site_dir).parts[:1]
        for name in files:
            size = os.stat(os.path.join(folder, name), follow_symlinks=False).st_size
            total += size
            count += 1
            key = top[0] if top else name
            by_folder[key] = by_folder.get(key, 0) + size
    return total, count, by_folder


def check_output_budget(site_dir: Path, entries: int, contributed_bytes: int) -> list[str]:
    """French messages when the built site is larger than its entries justify."""
    budget = budget_for(entries, contributed_bytes)
    total, count, by_folder = measure(site_dir)
    problems = []
    heaviest = ", ".join(
        f"{name}/ {size / 1e6:.1f} Mo" for name, size in sorted(by_folder.items(), key=lambda item: -item[1])[:3]
    )
    if total > budget.max_bytes:
        problems.append(
            f"le site construit pèse {total / 1e6:.1f} Mo pour {entries} entrées (budget : "
            f"{budget.max_bytes / 1e6:.1f} Mo) ; dossiers les plus lourds : {heaviest}. Une entrée produit "
            "trop de pages ou de flux : vérifiez les thèmes, pays et langues des entrées ajoutées"
        )
    if count > budget.max_files:
        problems.append(
            f"le site construit compte {count} fichiers pour {entries} entrées (budget : {budget.max_files}) ; "
            f"dossiers les plus lourds : {heaviest}. Vérifiez les thèmes, pays et langues des entrées ajoutées"
        )
    return problems
