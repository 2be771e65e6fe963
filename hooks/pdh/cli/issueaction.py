"""The workflow's step (.github/workflows/formulaire.yml): the labelled issue → files, a commit message,
a pull request's title and body, and the comment for the issue.

    python -m pdh.cli.issueaction "$GITHUB_EVENT_PATH" --root . --out "$RUNNER_TEMP/formulaire" \
        --github-output "$GITHUB_OUTPUT"

The issue is read from the event file, never from the command line or the environment: its title
and body reach no shell. Every contributed value written into Markdown is escaped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..content.fields import GITHUB_USER
from .annotations import escape_markdown
from .issuebody import Refused
from .issueconvert import Change, apply_change, convert
from .issuefiles import Fetch, fetch_https
from .issueforms import Form, build_forms

TRIGGER_LABEL = "convertir"
CI_NOTE = (
    "**Pour le secrétariat.** GitHub ne lance pas les vérifications automatiques sur un *pull request* ouvert "
    "par le robot des formulaires. Avant de fusionner, **fermez puis rouvrez** ce *pull request* (« Close pull "
    "request », puis « Reopen pull request ») : les vérifications « Données » et « Construction, liens et tests » "
    "démarrent alors. Relisez aussi le logo ou le fichier joint, s'il y en a un."
)


def form_kind(labels: list[str], body: str, forms: dict[str, Form]) -> str | None:
    """The form the issue was written with: its label, else its first question."""
    kinds = [kind for kind in forms if kind in labels]
    if len(kinds) == 1:
        return kinds[0]
    if kinds:
        return None
    first = re.search(r"(?m)^### (.*)$", body.replace("\r\n", "\n"))
    found = [kind for kind, form in forms.items() if first and first.group(1).strip() == form.fields[0].title]
    return found[0] if len(found) == 1 else None


def refusal_comment(messages: list[str]) -> str:
    lines = ["Ce ticket n'a pas pu devenir une proposition de modification :", ""]
    lines += [f"- {escape_markdown(message)}" for message in messages]
    lines += [
        "",
        "Corrigez le ticket (menu « ··· » en haut à droite de sa description, puis *Edit*), puis prévenez le "
        f"secrétariat, qui relancera la conversion (étiquette `{TRIGGER_LABEL}`). Aucun fichier n'a été modifié.",
    ]
    return "\n".join(lines) + "\n"


def success_texts(change: Change, number: int, author: str) -> dict[str, str]:
    """The commit message, the pull request's title and body, and the comment, in French."""
    by = f" (ouvert par @{author})" if GITHUB_USER.fullmatch(author) else ""
    what = [f"- {escape_markdown(line)}" for line in change.details]
    files = ", ".join(f"`{rel}`" for rel in change.files)
    title = f"Formulaire #{number} : {change.subject}"
    body = "\n".join(
        [
            f"Proposé par le formulaire #{number}{by}.",
            "",
            *what,
            "",
            f"Fichiers : {files}",
            "",
            CI_NOTE,
            "",
            f"Closes #{number}",
            "",
        ]
    )
    comment = "\n".join(
        [
            "Proposition de modification préparée à partir de ce ticket :",
            "",
            *what,
            "",
            "Le secrétariat la relit avant de la publier ; vous pouvez la suivre et la commenter depuis le "
            "lien ci-dessous.",
            "",
        ]
    )
    commit = f"{title}\n\nProposé par le formulaire #{number}.\n"
    return {"commit.txt": commit, "pr-title.txt": title + "\n", "pr-body.md": body, "comment.md": comment}


def run(event: dict[str, Any], root: Path, out: Path, today: date, fetch: Fetch = fetch_https) -> str:
    """Convert the event's issue; write the texts into `out`; « changed » or « refused »."""
    issue = event["issue"]
    number = int(issue["number"])
    body = issue.get("body") or ""
    labels = [str(label.get("name", "")) for label in issue.get("labels", []) if isinstance(label, dict)]
    author = str((issue.get("user") or {}).get("login", ""))
    out.mkdir(parents=True, exist_ok=True)
    forms = build_forms(root)
    kind = form_kind(labels, body, forms)
    try:
        if kind is None:
            raise Refused(
                [f"ticket : formulaire non reconnu ; il faut exactement l'une des étiquettes {', '.join(forms)}"]
            )
        change = convert(kind, body, root, today=today, fetch=fetch)
    except Refused as refused:
        (out / "comment.md").write_text(refusal_comment(refused.messages), encoding="utf-8")
        return "refused"
    apply_change(root, change)
    for name, text in success_texts(change, number, author).items():
        (out / name).write_text(text, encoding="utf-8")
    (out / "paths.txt").write_bytes(b"\0".join(rel.encode() for rel in change.files) + b"\0")
    return "changed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pdh.cli.issueaction",
        description="Transforme un ticket de formulaire en modification des données.",
    )
    parser.add_argument("event", type=Path, help="le fichier de l'événement GitHub ($GITHUB_EVENT_PATH)")
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--out", type=Path, required=True, help="dossier où écrire message, titre, textes")
    parser.add_argument("--github-output", type=Path, help="le fichier $GITHUB_OUTPUT de l'étape")
    parser.add_argument("--today", type=date.fromisoformat, help="date d'annonce (par défaut : aujourd'hui à Paris)")
    args = parser.parse_args(argv)
    today = args.today or datetime.now(ZoneInfo("Europe/Paris")).date()
    event = json.loads(args.event.read_text(encoding="utf-8"))
    result = run(event, args.root, args.out, today)
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as handle:
            handle.write(f"result={result}\n")
    print("Modification préparée." if result == "changed" else "Ticket refusé : voir le commentaire.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
