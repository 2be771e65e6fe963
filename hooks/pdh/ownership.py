"""Which entries a pull request changes, and whether its author maintains each of them.

    python -m pdh.ownership BASE_DIR HEAD_DIR --author LOGIN [--summary FILE]

Reads both trees as raw YAML (the head may not be valid yet), compares entry by entry, and
names who may maintain each changed entry: a member's own `maintainers`, the maintainers of
an event's organisers, of a publication's authors and signatories. Rights come from the base
branch, so a pull request cannot grant itself the right it needs. Everything else (themes,
working groups, advocacy actions, pages, code) is for the secretariat to review.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from .load import ACTIONS, EVENTS, MEMBERS, PUBLICATIONS_DIR, THEMES, WORKING_GROUPS, split_front_matter
from .errors import Problems
from .yamlsafe import parse_yaml

LABELS = {MEMBERS.file: "profil de", EVENTS.file: "événement", ACTIONS.file: "action de plaidoyer",
          THEMES.file: "thème", WORKING_GROUPS.file: "groupe de travail", PUBLICATIONS_DIR: "publication"}


UNREADABLE = ""  # the id of the change that stands for a whole file that does not parse


@dataclass(frozen=True)
class Change:
    file: str
    id: str
    action: str  # « ajouté », « modifié », « supprimé »

    def __str__(self) -> str:
        if self.id == UNREADABLE:
            return f"{self.file} (illisible : voir la vérification des données)"
        name = f"{LABELS[self.file]} {self.id}" if self.file == MEMBERS.file else f"{LABELS[self.file]} « {self.id} »"
        return f"{name} ({self.action})"


def _entries(root: Path, rel: str) -> dict[str, str] | None:
    """id → canonical JSON of each entry of a list file; None when the file does not parse."""
    path = root / rel
    if not path.is_file():
        return {}
    doc, _ = parse_yaml(path.read_text(encoding="utf-8", errors="replace"), rel)
    if doc is None:
        return None
    if not isinstance(doc.data, list):
        return {}
    return {str(e.get("id")): json.dumps(e, sort_keys=True, ensure_ascii=False)
            for e in doc.data if isinstance(e, dict) and e.get("id")}


def _publications(root: Path) -> dict[str, str]:
    folder = root / PUBLICATIONS_DIR
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    return {p.stem: p.read_text(encoding="utf-8", errors="replace") for p in files}


def changed_entries(base: Path, head: Path) -> list[Change]:
    """Every entry added, modified or removed between the two trees, in a stable order."""
    changes = []
    for rel in (MEMBERS.file, EVENTS.file, ACTIONS.file, THEMES.file, WORKING_GROUPS.file, PUBLICATIONS_DIR):
        old = _publications(base) if rel == PUBLICATIONS_DIR else _entries(base, rel)
        new = _publications(head) if rel == PUBLICATIONS_DIR else _entries(head, rel)
        if old is None or new is None:
            changes.append(Change(rel, UNREADABLE, "modifié"))
            continue
        for entry_id in sorted(old.keys() | new.keys()):
            if entry_id not in old:
                changes.append(Change(rel, entry_id, "ajouté"))
            elif entry_id not in new:
                changes.append(Change(rel, entry_id, "supprimé"))
            elif old[entry_id] != new[entry_id]:
                changes.append(Change(rel, entry_id, "modifié"))
    return changes


def _members_of(raw: str | None, *keys: str) -> list[str]:
    data = json.loads(raw) if raw else {}
    return [m for key in keys for m in (data.get(key) or []) if isinstance(m, str)]


def _front_matter_members(text: str | None) -> list[str]:
    if not text:
        return []
    parts = split_front_matter(text, "", Problems())
    doc, _ = parse_yaml(parts[0], "") if parts else (None, [])
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    return [m for key in ("authors", "signatories") for m in (data.get(key) or []) if isinstance(m, str)]


def maintainers(change: Change, base: Path, head: Path) -> set[str]:
    """GitHub accounts (lowercase) allowed to change this entry without the secretariat."""
    members = _entries(base, MEMBERS.file) or {}
    if change.id == UNREADABLE:
        return set()

    def of(member_ids: list[str]) -> set[str]:
        return {login.lower().lstrip("@") for m in member_ids for login in _members_of(members.get(m), "maintainers")}

    if change.file == MEMBERS.file:
        return of([change.id]) if change.id in members else set()
    if change.file == EVENTS.file:
        ids = _members_of((_entries(base, EVENTS.file) or {}).get(change.id), "organisers") + \
            _members_of((_entries(head, EVENTS.file) or {}).get(change.id), "organisers")
        return of(ids)
    if change.file == PUBLICATIONS_DIR:
        ids = _front_matter_members(_publications(base).get(change.id)) + _front_matter_members(_publications(head).get(change.id))
        return of(ids)
    return set()


def report(base: Path, head: Path, author: str) -> tuple[list[str], bool]:
    """French lines for the job summary, and whether the secretariat must review."""
    changes = changed_entries(base, head)
    if not changes:
        return ["Ce pull request ne modifie aucune fiche, publication ni aucun événement."], False
    lines = ["Ce pull request modifie : " + ", ".join(str(c) for c in changes) + "."]
    login = author.lower().lstrip("@")
    # An entry an author may not change alone: someone else's, or one nobody maintains yet.
    foreign = [c for c in changes if login not in maintainers(c, base, head)]
    if foreign:
        lines.append(f"@{author} ne figure pas parmi les responsables de : " + ", ".join(str(c) for c in foreign)
                     + ". Une relecture par le secrétariat est demandée avant la fusion.")
    else:
        lines.append(f"@{author} est responsable de toutes les entrées modifiées.")
    return lines, bool(foreign)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pdh.ownership", description="Entrées modifiées par un pull request et leurs responsables.")
    parser.add_argument("base", type=Path)
    parser.add_argument("head", type=Path)
    parser.add_argument("--author", required=True)
    parser.add_argument("--summary", type=Path)
    args = parser.parse_args(argv)
    lines, review = report(args.base, args.head, args.author)
    for line in lines:
        print(line)
    if review:
        print(f"::warning title=Relecture du secrétariat::{lines[-1]}")
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write("### Entrées modifiées\n\n" + "\n\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
