"""Who must approve each change of a pull request: rights come from the base branch only.

    python -m pdh.ownership BASE_DIR HEAD_DIR --author LOGIN [--summary FILE] [--changed-files FILE]

An entry belongs to the members it names on the base branch: a profile to the member's own
`maintainers`, an event to its organisers' maintainers, a publication to its authors' and
signatories'. A file belongs to the base entries that reference it (a member's `logo`, a
publication's `attachments`). The head is read as data only, never for rights: a pull request
that names its organisation on an entry, or adds itself to `maintainers`, still needs the
entry's owners on the base; naming another member (new author, signatory, organiser) needs
that member, since nobody signs for someone else. What has no owner (new profiles, themes,
pages, code, configuration) is for the secretariat, who may also approve anything.
"""

from __future__ import annotations

import argparse
import functools
import io
import posixpath
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.assets import ATTACHMENT_TYPES, LOGO_TYPES
from ..content.errors import ContentError
from ..content.load import ACTIONS, EVENTS, MEMBERS, PUBLICATIONS_DIR, THEMES, WORKING_GROUPS
from ..content.settings import read_settings
from .annotations import _escape_data, escape_markdown
from .checkout import (
    Collection,
    changed_paths,
    exists,
    is_regular,
    named,
    read_changed_files,
    read_list,
    read_publications,
    signature,
    strings,
)
from .links import RepoLinks, linked

# List file → (label, fields naming the members who own an entry); no field: secretariat only.
LISTS = {
    MEMBERS.file: ("profil", ()),
    EVENTS.file: ("événement", ("organisers",)),
    ACTIONS.file: ("action de plaidoyer", ()),
    THEMES.file: ("thème", ()),
    WORKING_GROUPS.file: ("groupe de travail", ()),
}
PUBLICATION_OWNERS = ("authors", "signatories")
# New files anyone may add: they only reach the site through an entry, whose change is checked.
OPEN_FOLDERS = {"data/logos/": LOGO_TYPES, f"{PUBLICATIONS_DIR}/fichiers/": ATTACHMENT_TYPES}
UNREADABLE = "illisible"

Escape = Callable[[str], str]
Link = Callable[[str, str, int], str] | None  # (escaped text, repository path, line) → Markdown link


@dataclass(frozen=True)
class Change:
    """One entry or file added, modified or removed; `name` is contributed text."""

    label: str  # « profil », « événement », « publication », « fichier »…
    name: str  # entry id or file path
    action: str  # « ajouté », « modifié », « supprimé », or UNREADABLE (then `name` is the file)
    line: int = 0

    def title(self, esc: Escape) -> str:
        return f"{self.label} « {esc(self.name)} »"  # never « de » + a name: « profil d'exemple-… » would need elision

    def describe(self, esc: Escape, link: Link = None) -> str:
        """`link` (in the job summary) turns a file still in the pull request into a link to it (at the line)."""
        if self.action == UNREADABLE:
            where = f"{esc(self.name)}:{self.line}" if self.line else esc(self.name)
            return (
                f"{link(where, self.name, self.line) if link else where} (illisible : voir la vérification des données)"
            )
        if link and self.label == "fichier" and self.action != "supprimé":
            return f"{self.label} « {link(esc(self.name), self.name, 0)} » ({self.action})"
        return f"{self.title(esc)} ({self.action})"


USED_AS = {"logo": "logo du profil « {} »", "attachment": "pièce jointe de la publication « {} »"}


@dataclass(frozen=True)
class Approval:
    """A change its author may not make alone, and who may approve it besides the secretariat."""

    change: Change
    logins: tuple[str, ...]
    on_behalf: str = ""  # a member the change names (author, signatory, organiser)
    used_by: tuple[str, str] | None = None  # (USED_AS key, entry id) of a base entry using the file

    def describe(self, esc: Escape, link: Link = None) -> str:
        text = self.change.describe(esc, link)
        if self.on_behalf:
            text += f", au nom de « {esc(self.on_behalf)} »"
        if self.used_by:
            text += ", " + USED_AS[self.used_by[0]].format(esc(self.used_by[1]))
        who = ", ".join(f"@{esc(login)}" for login in self.logins)
        return f"{text} : approbation requise " + (f"de {who} ou du secrétariat" if who else "du secrétariat")


def is_entry_file(rel: str) -> bool:
    """A list file or a publication: compared entry by entry, not as a file."""
    folder, name = posixpath.split(rel)
    return rel in LISTS or (folder == PUBLICATIONS_DIR and name.endswith(".md") and name != "index.md")


def normalise_login(login: str) -> str:
    return login.strip().lstrip("@").lower()


def base_logins(members: Collection, organisation: str) -> dict[str, tuple[str, ...]]:
    """Member id → its GitHub logins on the base; the coalition's own id belongs to the secretariat only."""
    out = {
        member_id: tuple(
            sorted(
                {normalise_login(login) for entry in entries or [] for login in strings(entry.get("maintainers"))}
                - {""}
            )
        )
        for member_id, entries in members.entries.items()
    }
    out.pop(organisation, None)
    return out


def _organisation_id(base: Path) -> str:
    """The coalition's id on the base branch; no id (unreadable settings) gives no one its rights."""
    try:
        organisation = read_settings(base).organisation
        assert organisation is not None  # load_settings raises ContentError without one
        return organisation.id
    except ContentError:
        return ""


def base_references(members: Collection, publications: Collection) -> dict[str, list[tuple[str, str, list[str]]]]:
    """File path → (use, entry id, owning member ids) of each base entry referencing it."""
    refs: dict[str, list[tuple[str, str, list[str]]]] = {}
    for member_id, entries in members.entries.items():
        for logo in (path for entry in entries or [] for path in strings(entry.get("logo"))):
            refs.setdefault(posixpath.normpath(logo), []).append(("logo", member_id, [member_id]))
    for pub_id, entries in publications.entries.items():
        for entry in entries or []:
            owners, attachments = named([entry], PUBLICATION_OWNERS), entry.get("attachments")
            for item in attachments if isinstance(attachments, list) else [attachments]:
                for path in strings(item.get("file")) if isinstance(item, dict) else []:
                    refs.setdefault(posixpath.normpath(path), []).append(("attachment", pub_id, owners))
    return refs


class Review:
    """The changes between the base and the head, and the approvals their author still needs."""

    def __init__(self, base: Path, head: Path, author: str):
        self.base, self.head, self.login = base, head, normalise_login(author)
        self.members, self.publications = read_list(base, MEMBERS.file), read_publications(base)
        self.logins = base_logins(self.members, _organisation_id(base))
        self.changes: list[Change] = []
        self.approvals: list[Approval] = []

    def needs(self, change: Change, member_ids: list[str], **detail: Any) -> None:
        """Unless the author maintains one of these members on the base, someone must approve."""
        allowed = tuple(sorted({login for m in member_ids for login in self.logins.get(m, ())}))
        if self.login not in allowed:
            self.approvals.append(Approval(change, allowed, **detail))

    def add(self, change: Change) -> Change:
        self.changes.append(change)
        if change.action == UNREADABLE:
            self.needs(change, [])
        return change

    def compare_entries(self, rel: str, label: str, fields: tuple[str, ...], old: Collection, new: Collection) -> None:
        if new.unreadable is not None or old.unreadable is not None:
            self.add(Change("", rel, UNREADABLE, new.unreadable or 0))
            return
        for raw, line in new.orphans.items():
            if raw not in old.orphans:
                self.add(Change("", rel, UNREADABLE, line))
        for entry_id in sorted(old.keys.keys() | new.keys.keys()):
            action = (
                "supprimé"
                if entry_id not in new.keys
                else "ajouté"
                if entry_id not in old.keys
                else "modifié"
                if old.keys[entry_id] != new.keys[entry_id]
                else ""
            )
            before, after = old.entries.get(entry_id), new.entries.get(entry_id)
            if not action:
                continue
            if action != "supprimé" and after is None:  # a publication whose front matter does not parse
                self.add(Change("", f"{rel}/{entry_id}.md", UNREADABLE, new.lines.get(entry_id, 0)))
                continue
            change = self.add(Change(label, entry_id, action))
            if action != "ajouté":  # changing or removing needs an owner on the base
                self.needs(change, [entry_id] if rel == MEMBERS.file else named(before, fields))
            elif not named(after, fields):  # a new profile, or an entry nobody owns
                self.needs(change, [])
            for member_id in named(after, fields):  # nobody names another member without its approval
                if member_id not in named(before, fields):
                    self.needs(change, [member_id], on_behalf=member_id)

    def compare_files(self, paths: list[str]) -> None:
        refs = base_references(self.members, self.publications)
        for rel in paths:
            if is_entry_file(rel):
                continue
            in_base, in_head = exists(self.base, rel), exists(self.head, rel)
            action = "supprimé" if in_base and not in_head else "ajouté" if in_head and not in_base else "modifié"
            change = self.add(Change("fichier", rel, action))
            users = refs.get(posixpath.normpath(rel), [])
            for use, entry_id, owners in users:
                self.needs(change, owners, used_by=(use, entry_id))
            if not users and not (action == "ajouté" and _open_file(self.head, rel)):
                self.needs(change, [])


def analyse(base: Path, head: Path, author: str, changed_files: list[str] | None = None) -> Review:
    """Every change between the trees, and those its author may not make alone."""
    review = Review(base, head, author)
    for rel, (label, fields) in LISTS.items():
        if signature(base, rel) != signature(head, rel):
            old = review.members if rel == MEMBERS.file else read_list(base, rel)
            review.compare_entries(rel, label, fields, old, read_list(head, rel))
    review.compare_entries(
        PUBLICATIONS_DIR, "publication", PUBLICATION_OWNERS, review.publications, read_publications(head)
    )
    # A list from git adds what the comparison skips (a committed __pycache__) but never hides a
    # path: `git diff` names a renamed file by its new name only.
    review.compare_files(sorted(set(changed_paths(base, head)) | set(changed_files or [])))
    return review


def _open_file(head: Path, rel: str) -> bool:
    """A new file of an accepted type, directly in a contribution folder."""
    for folder, types in OPEN_FOLDERS.items():
        name = rel.removeprefix(folder)
        if name != rel and "/" not in name and posixpath.splitext(name)[1].lower() in types:
            return is_regular(head, rel)
    return False


_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # line breaks, bidi overrides, lone surrogates…


def plain(value: str) -> str:
    """Contributed text on one line of plain output: control, format and separator characters escaped."""
    return "".join(ascii(c)[1:-1] if unicodedata.category(c) in _HIDDEN else c for c in str(value))


def markdown(value: str) -> str:
    return escape_markdown(plain(value))


def render(review: Review, author: str, esc: Escape, link: Link = None) -> list[str]:
    """French lines: what the pull request changes, then each approval it still needs."""
    if not review.changes:
        return ["Ce pull request ne modifie aucun fichier."]
    lines = ["Ce pull request modifie : " + ", ".join(change.describe(esc, link) for change in review.changes) + "."]
    if not review.approvals:
        return lines + [f"@{esc(author.strip().lstrip('@'))} peut faire ces modifications sans autre approbation."]
    return lines + [approval.describe(esc, link) for approval in review.approvals]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pdh.ownership", description="Modifications d'un pull request et approbations requises."
    )
    parser.add_argument("base", type=Path, help="dossier de la branche de base (les droits sont lus ici)")
    parser.add_argument("head", type=Path, help="dossier du pull request")
    parser.add_argument("--author", required=True, help="compte GitHub de l'auteur du pull request")
    parser.add_argument("--summary", type=Path, help="fichier Markdown complété par le rapport")
    parser.add_argument(
        "--changed-files",
        type=Path,
        help="fichiers modifiés selon git, ajoutés à la comparaison "
        "des dossiers : un par ligne, ou séparés par NUL (git diff --name-only -z)",
    )
    args = parser.parse_args(argv)
    for where in (args.base, args.head):
        if not where.is_dir():
            parser.error(f"{where} : dossier introuvable")
    try:
        changed = read_changed_files(args.changed_files) if args.changed_files else None
    except OSError as exc:
        parser.error(f"{args.changed_files} : lecture impossible ({exc.strerror})")
    if isinstance(sys.stdout, io.TextIOWrapper):  # a non-UTF-8 console must not stop the report
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        review = analyse(args.base, args.head, args.author, changed)
        links = RepoLinks.from_env()  # the head is the commit the job checked out (GITHUB_SHA)
        lines = render(review, args.author, plain)
        summary = render(review, args.author, markdown, functools.partial(linked, links) if links else None)
        needed = bool(review.approvals)
    except Exception as exc:  # noqa: BLE001 - the report must say so rather than stop on a traceback
        lines = summary = [f"Analyse impossible ({type(exc).__name__}) : relecture du secrétariat requise."]
        needed = True
    print("\n".join(lines))
    if needed:
        print(f"::warning title=Relecture requise::{_escape_data(chr(10).join(lines[1:] or lines))}")
    if args.summary:
        rest = "".join(f"- {line}\n" if needed else f"{line}\n" for line in summary[1:])
        try:
            with open(args.summary, "a", encoding="utf-8") as handle:
                handle.write(f"### Entrées modifiées\n\n{summary[0]}\n\n{rest}")
        except OSError as exc:
            print(f"{args.summary} : écriture impossible ({exc.strerror})", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
