"""`pdh-check`: validate the contributed files without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content.errors import Problem
from ..plan.catalog import check_problems
from ..verify.tracked import GitError, is_repository_root, tracked_problems
from .annotations import annotation, summary
from .links import RepoLinks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pdh-check", description="Vérifie les données du site (data/ et content/).")
    parser.add_argument("root", nargs="?", default=".", help="racine du dépôt (par défaut : dossier courant)")
    parser.add_argument(
        "--github",
        action="store_true",
        help="écrit aussi les erreurs et les avertissements au format des annotations GitHub "
        "(::error file=…,line=…:: et ::warning …)",
    )
    parser.add_argument(
        "--summary",
        type=Path,
        help="écrit un résumé Markdown dans ce fichier (GITHUB_STEP_SUMMARY) ; "
        "ses liens mènent aux lignes sur GitHub quand GITHUB_SERVER_URL, GITHUB_REPOSITORY et "
        "GITHUB_SHA sont définies",
    )
    parser.add_argument(
        "--tracked",
        action="store_true",
        help="refuse aussi les fichiers suivis par git que .gitignore exclut (environnement virtuel, "
        "caches, site construit)",
    )
    parser.add_argument(
        "--gitignore",
        type=Path,
        metavar="FICHIER",
        help="un .gitignore de confiance (celui de la branche de base) appliqué en plus de ceux du "
        "dépôt ; implique --tracked",
    )
    args = parser.parse_args(argv)
    root = Path(args.root)
    want_tracked = args.tracked or args.gitignore is not None
    in_git = want_tracked and is_repository_root(root)
    tracked: list[Problem] = []
    if want_tracked:
        if not in_git:
            print(f"{root} n'est pas la racine d'un dépôt git : aucun fichier suivi à vérifier.", file=sys.stderr)
        try:
            tracked = tracked_problems(root, args.gitignore)
        except GitError as error:
            print(f"Vérification des fichiers suivis impossible : {error}", file=sys.stderr)
            return 2
    found = check_problems(root)
    data, warnings = found.sorted(), sorted(set(found.warnings))
    problems = tracked + data
    if args.github:
        for problem in problems:
            print(annotation(problem))
        for warning in warnings:  # shown on the line in « Files changed »; the job still passes
            print(annotation(warning, "warning"))
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(summary(problems, warnings, RepoLinks.from_env()))
    if tracked:
        print("Fichiers suivis par git qui ne doivent pas l'être :", *map(str, tracked), sep="\n", file=sys.stderr)
    if data:
        count = len(data)
        print(
            f"{count} erreur{'s' if count > 1 else ''} dans les données :", *map(str, data), sep="\n", file=sys.stderr
        )
    if warnings:
        count = len(warnings)
        print(
            f"{count} avertissement{'s' if count > 1 else ''}, sans effet sur la vérification :",
            *(f"Attention : {w}" for w in warnings),
            sep="\n",
            file=sys.stderr,
        )
    if problems:
        return 1
    print("Données valides : aucune erreur.")
    if in_git:
        print("Fichiers suivis : aucun fichier exclu par .gitignore.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
