"""`pdh-check`: validate the contributed files without building the site."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import check_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pdh-check", description="Vérifie les données du site (data/ et content/publications/).")
    parser.add_argument("root", nargs="?", default=".", help="racine du dépôt (par défaut : dossier courant)")
    args = parser.parse_args(argv)
    problems = check_problems(Path(args.root))
    if problems:
        print(problems.report(), file=sys.stderr)
        return 1
    print("Données valides : aucune erreur.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
