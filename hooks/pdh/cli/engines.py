"""`python -m pdh.cli.engines complete SITE`: fails when the hooks did not run (an engine that ignores them);
`python -m pdh.cli.engines compare SITE_A SITE_B`: fails on any difference between two engines' builds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..verify.engines import differences, missing_message, missing_outputs

LIMIT = 30  # differences printed; the count says how many there are


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pdh.cli.engines", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("complete", help="le site construit contient les pages des crochets").add_argument(
        "site", type=Path
    )
    compare = commands.add_parser("compare", help="deux constructions identiques (hors balise generator et index)")
    compare.add_argument("first", type=Path)
    compare.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    sites = [args.site] if args.command == "complete" else [args.first, args.second]
    for site in sites:
        if not site.is_dir():
            print(f"Erreur : {site} : dossier introuvable (construisez d'abord le site).", file=sys.stderr)
            return 2
        if missing := missing_outputs(site):
            print(missing_message(site, missing), file=sys.stderr)
            return 1
    if args.command == "complete":
        return 0
    found = differences(args.first, args.second)
    for line in found[:LIMIT]:
        print(line, file=sys.stderr)
    if found:
        print(f"Erreur : {len(found)} fichier(s) diffèrent entre les deux moteurs.", file=sys.stderr)
        return 1
    print("Les deux constructions sont identiques (hors balise generator et index de recherche).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
