"""An issue form → exactly the change a hand edit would make, checked by the project's check first.

A new member or event is appended to its data file, a member's given fields are rewritten in
place (every other byte stays), a publication gets its own file with its attachment. The
result is checked on a copy of the tree (`check_problems`); a refusal (French) writes nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode

from ..content.assets import ATTACHMENT_TYPES, LOGO_TYPES
from ..content.crosschecks import MAX_ATTACHMENT_BYTES, MAX_LOGO_BYTES
from ..content.errors import Problems
from ..content.fields import REPO_PATH, suggest
from ..content.load import EVENTS, MEMBERS, PUBLICATIONS_DIR, split_front_matter
from ..content.model import Contact, Member, Social
from ..content.yamlsafe import parse_yaml
from ..plan.catalog import check_problems
from .issuebody import Answer, Refused, parse_body
from .issuefiles import Fetch, FileRefused, download_checked, fetch_https
from .issueforms import Form, build_forms
from .issuevalues import answer_pairs, slug_answer
from .yamlemit import Pairs, append_entry, block_list, block_map, emit, number, plain, scalar, update_entry

LOGOS_DIR, FILES_DIR = "data/logos", f"{PUBLICATIONS_DIR}/fichiers"
NEW_MEMBER_FIELDS = ("name", "status", "city", "description")
MEMBER_ORDERS = {
    "": list(Member.model_fields),
    "social": list(Social.model_fields),
    "contact": list(Contact.model_fields),
    "name": ["fr", "en"],
    "description": ["fr", "en"],
}


@dataclass
class Change:
    """Files to write (repository path → bytes) and what they change, in French."""

    files: dict[str, bytes]
    subject: str  # « fiche « x » mise à jour »: ids only, no contributed text
    details: list[str] = field(default_factory=list)


def convert(kind: str, body: str, root: Path, *, today: date, fetch: Fetch = fetch_https) -> Change:
    """The change the issue asks for, checked; Refused (French messages) when it cannot be made as is."""
    form = build_forms(root)[kind]
    answers = parse_body(body, form)
    builder = {"profil": member_change, "evenement": event_change, "publication": publication_change}[kind]
    change = builder(answers, form, root, today, fetch)
    same = {rel for rel, data in change.files.items() if (root / rel).is_file() and (root / rel).read_bytes() == data}
    change.files = {rel: data for rel, data in change.files.items() if rel not in same}
    change.details = [line for line in change.details if line.split(" : ")[0] not in same]
    if not change.files:
        raise Refused(["ticket : rien à modifier, le dépôt contient déjà exactement ces valeurs"])
    problems = new_problems(root, change)
    if problems:
        raise Refused(problems)
    return change


def apply_change(root: Path, change: Change) -> None:
    for rel, data in change.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def new_problems(root: Path, change: Change) -> list[str]:
    """The check's messages on a copy of the tree with the change, minus those the tree already had."""
    for rel in change.files:  # ids are slugs, extensions sniffed: a path never leaves its folder
        if not (REPO_PATH.fullmatch(rel) and ".." not in rel.split("/") and rel.startswith(("data/", "content/"))):
            raise Refused([f"{rel[:80]} : chemin refusé"])
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder)
        shutil.copy2(root / "mkdocs.yml", copy / "mkdocs.yml")
        for name in ("data", "content"):
            shutil.copytree(root / name, copy / name, symlinks=True)
        apply_change(copy, change)
        after = check_problems(copy).sorted()
    if not after:
        return []
    before = {str(problem) for problem in check_problems(root).sorted()}
    return [str(problem) for problem in after if str(problem) not in before]


def _title(form: Form, key: str) -> str:
    return next(f.title for f in form.fields if f.key == key)


def _file(
    answers: dict[str, Answer], form: Form, key: str, fetch: Fetch, max_bytes: int, allowed: dict[str, str]
) -> tuple[bytes, str] | None:
    links = answers.get(key)
    if not links:
        return None
    try:
        return download_checked(links[0], fetch, max_bytes, allowed)
    except FileRefused as refused:
        raise Refused([f"{_title(form, key)} : {refused}"]) from None


def _read_list(root: Path, rel: str) -> tuple[str, list[Any]]:
    text = (root / rel).read_text(encoding="utf-8")
    doc, problems = parse_yaml(text, rel)
    if doc is None or not isinstance(doc.data, (list, type(None))):
        raise Refused(
            [f"{rel} : fichier illisible ({'; '.join(map(str, problems))}) : le secrétariat doit d'abord le corriger"]
        )
    return text, list(doc.data or [])


def _verify(text: str, rel: str, expected: list[Any]) -> bytes:
    """What a reader gets back from the new text is exactly what was meant, or nothing is written."""
    doc, _ = parse_yaml(text, rel)
    if doc is None or doc.data != expected:
        raise Refused(
            [f"{rel} : la modification n'a pas pu être écrite sans risque : le secrétariat la fera à la main"]
        )
    return text.encode("utf-8")


def member_change(answers: dict[str, Answer], form: Form, root: Path, today: date, fetch: Fetch) -> Change:
    member_id = slug_answer(answers, form)
    text, entries = _read_list(root, MEMBERS.file)
    index = next((i for i, raw in enumerate(entries) if isinstance(raw, dict) and raw.get("id") == member_id), None)
    if index is None:  # a new member: refused before anything is downloaded
        known = [known_id for raw in entries if isinstance(raw, dict) and isinstance(known_id := raw.get("id"), str)]
        hint = suggest(member_id, known)
        missing = [
            f"{_title(form, key)} : champ obligatoire pour une nouvelle fiche (aucune fiche « {member_id} » "
            f"dans {MEMBERS.file}{hint})"
            for key in NEW_MEMBER_FIELDS
            if not answers.get(key)
        ]
        if missing:
            raise Refused(missing)
    pairs = answer_pairs(answers, form, skip={"id", "logo"})
    files: dict[str, bytes] = {}
    logo = _file(answers, form, "logo", fetch, MAX_LOGO_BYTES, LOGO_TYPES)
    if logo:
        path = f"{LOGOS_DIR}/{member_id}{logo[1]}"
        files[path] = logo[0]
        order = MEMBER_ORDERS[""]
        at = next((i for i, (key, _) in enumerate(pairs) if order.index(key) > order.index("logo")), len(pairs))
        pairs.insert(at, ("logo", scalar(path)))
    if index is None:
        entry = block_map([("id", scalar(member_id)), *pairs])
        files[MEMBERS.file] = _verify(append_entry(text, entry), MEMBERS.file, [*entries, plain(entry)])
        return Change(files, f"nouvelle fiche « {member_id} »", [f"{MEMBERS.file} : fiche ajoutée"] + _listed(files))
    if not pairs:
        raise Refused([f"{_title(form, 'id')} : aucun autre champ n'est rempli : rien à modifier"])
    current = entries[index]
    updates = [
        (
            key,
            block_map([("fr", node)])
            if isinstance(current.get(key), dict) and not isinstance(node, MappingNode)
            else node,
        )
        for key, node in pairs
    ]
    try:
        new_text = update_entry(text, index, updates, MEMBER_ORDERS)
    except ValueError as error:
        raise Refused([f"{MEMBERS.file} : {error}"]) from None
    expected = list(entries)
    expected[index] = _merged(current, {key: plain(node) for key, node in updates})
    files[MEMBERS.file] = _verify(new_text, MEMBERS.file, expected)
    changed = ", ".join(_changed_keys(updates))
    details = [f"{MEMBERS.file} : fiche « {member_id} », champs modifiés : {changed}"]
    details += [
        f"{key} : la version anglaise (en) est gardée telle quelle, vérifiez-la"
        for key, node in updates
        if isinstance(current.get(key), dict) and "en" in current[key] and key in ("name", "description")
    ]
    return Change(files, f"fiche « {member_id} » mise à jour", details + _listed(files, skip=MEMBERS.file))


def _merged(current: dict[Any, Any], updates: dict[Any, Any]) -> dict[Any, Any]:  # YAML mappings
    out = dict(current)
    for key, value in updates.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _changed_keys(updates: Pairs) -> list[str]:
    keys = []
    for key, node in updates:
        if isinstance(node, MappingNode) and not node.flow_style:
            keys += [f"{key}.{sub.value}" for sub, _ in node.value]
        else:
            keys.append(key)
    return keys


def _listed(files: dict[str, bytes], skip: str = "") -> list[str]:
    return [
        f"{rel} : fichier ajouté ({len(data) / 1000:.0f} ko)"
        for rel, data in files.items()
        if not rel.endswith((".yaml", ".md")) and rel != skip
    ]


def event_change(answers: dict[str, Answer], form: Form, root: Path, today: date, fetch: Fetch) -> Change:
    event_id = slug_answer(answers, form)
    text, entries = _read_list(root, EVENTS.file)
    if any(isinstance(raw, dict) and raw.get("id") == event_id for raw in entries):
        raise Refused(
            [
                f"{_title(form, 'id')} : l'identifiant « {event_id} » est déjà utilisé dans {EVENTS.file} : "
                "choisissez-en un autre (pour modifier un événement, écrivez au secrétariat)"
            ]
        )
    zone = str(answers.get("timezone") or "Europe/Paris")
    pairs = answer_pairs(answers, form, skip={"id"}, zone=zone)
    pairs.insert(1, ("announced", scalar(today.isoformat(), '"')))  # after the title, as in data/events.yaml
    entry = block_map([("id", scalar(event_id)), *pairs, ("sequence", number("0"))])
    files = {EVENTS.file: _verify(append_entry(text, entry), EVENTS.file, [*entries, plain(entry)])}
    return Change(files, f"nouvel événement « {event_id} »", [f"{EVENTS.file} : événement ajouté"])


def publication_change(answers: dict[str, Answer], form: Form, root: Path, today: date, fetch: Fetch) -> Change:
    pub_id = slug_answer(answers, form)
    rel = f"{PUBLICATIONS_DIR}/{pub_id}.md"
    if (root / rel).exists():
        raise Refused(
            [
                f"{_title(form, 'id')} : la publication « {pub_id} » existe déjà ({rel}) : choisissez un autre "
                "identifiant (pour la modifier, écrivez au secrétariat)"
            ]
        )
    pairs = answer_pairs(answers, form, skip={"id", "attachments", "attachments.title", "body"})
    files: dict[str, bytes] = {}
    attachment = _file(answers, form, "attachments", fetch, MAX_ATTACHMENT_BYTES, ATTACHMENT_TYPES)
    if attachment:
        path = f"{FILES_DIR}/{pub_id}{attachment[1]}"
        if (root / path).exists():
            raise Refused(
                [
                    f"{_title(form, 'attachments')} : le fichier {path} existe déjà : le secrétariat doit "
                    "d'abord le renommer"
                ]
            )
        files[path] = attachment[0]
        title = answers.get("attachments.title") or (
            "Document complet (PDF)" if attachment[1] == ".pdf" else "Document complet"
        )
        at = next((i for i, (key, _) in enumerate(pairs) if key == "embargo"), len(pairs))
        pairs.insert(
            at, ("attachments", block_list([block_map([("file", scalar(path)), ("title", scalar(str(title)))])]))
        )
    elif answers.get("attachments.title"):
        raise Refused(
            [f"{_title(form, 'attachments.title')} : aucun fichier joint dans « {_title(form, 'attachments')} »"]
        )
    front = block_map(pairs)
    body = str(answers.get("body") or "").strip("\n")
    text = "---\n" + emit(front) + "---\n" + (f"\n{body}\n" if body else "")
    parts = split_front_matter(text, rel, Problems())
    doc = parse_yaml(parts[0], rel)[0] if parts else None
    if parts is None or doc is None or doc.data != plain(front) or parts[1].strip("\n") != body:
        raise Refused(
            [f"{rel} : la publication n'a pas pu être écrite sans risque : le secrétariat la créera à la main"]
        )
    files = {rel: text.encode("utf-8"), **files}
    return Change(files, f"nouvelle publication « {pub_id} »", [f"{rel} : publication ajoutée"] + _listed(files))
