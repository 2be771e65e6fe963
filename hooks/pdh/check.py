"""`pdh-check`: validate the contributed files without building the site."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .annotations import annotation, summary
from .catalog import check_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pdh-check", description="Vérifie les données du site (data/ et content/).")
    parser.add_argument("root", nargs="?", default=".", help="racine du dépôt (par défaut : dossier courant)")
    parser.add_argument("--github", action="store_true",
                        help="écrit aussi les erreurs au format des annotations GitHub (::error file=…,line=…::)")
    parser.add_argument("--summary", type=Path, help="écrit un résumé Markdown dans ce fichier (GITHUB_STEP_SUMMARY)")
    args = parser.parse_args(argv)
    problems = check_problems(Path(args.root)).sorted()
    if args.github:
        for problem in problems:
            print(annotation(problem))
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(summary(problems))
    if problems:
        lines = [str(p) for p in problems]
        print(f"{len(lines)} erreur{'s' if len(lines) > 1 else ''} dans les données :", *lines, sep="\n", file=sys.stderr)
        return 1
    print("Données valides : aucune erreur.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
