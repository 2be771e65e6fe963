"""An untrusted checkout read as data: files, and the raw entries of the list files and publications.

No symlink is followed, no special file opened, sizes are capped, and a file that does not parse
(deep nesting included) is reported as unreadable instead of raising. Paths are relative and
`/`-separated; one that leaves the tree, or goes through a symlink, is never opened: it counts
as present but unreadable.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.errors import Problems
from ..content.load import PUBLICATIONS_DIR, TRANSLATED, split_front_matter
from ..content.yamlsafe import MAX_FILE_BYTES, parse_yaml
from ..verify.tracked import never_committed


def _inside(root: Path, rel: str) -> Path | None:
    """root/rel when no component before the last is a symlink and rel stays inside; else None."""
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    path = root
    for part in parts[:-1]:
        path = path / part
        if path.is_symlink():
            return None
    return path / parts[-1]


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except (OSError, ValueError):
        return None


def exists(root: Path, rel: str) -> bool:
    """Something is at rel (a symlink counts, and so does a path behind one)."""
    path = _inside(root, rel)
    return path is None or _lstat(path) is not None


def is_regular(root: Path, rel: str) -> bool:
    """A plain file, reached without a symlink."""
    path = _inside(root, rel)
    info = _lstat(path) if path is not None else None
    return info is not None and stat.S_ISREG(info.st_mode)


def read_text(root: Path, rel: str) -> str | None:
    """UTF-8 text of a plain file of at most MAX_FILE_BYTES, or None."""
    path = _inside(root, rel)
    info = _lstat(path) if path is not None else None
    if path is None or info is None or not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        return data.decode("utf-8").replace("\r\n", "\n") if len(data) <= MAX_FILE_BYTES else None
    except (OSError, UnicodeDecodeError):
        return None


def list_folder(root: Path, rel: str) -> list[str]:
    """Sorted names in a real folder (not a symlink); none when it is missing or not a folder."""
    path = _inside(root, rel)
    info = _lstat(path) if path is not None else None
    if info is None or not stat.S_ISDIR(info.st_mode):
        return []
    try:
        return sorted(os.listdir(path))
    except OSError:
        return []


def _signature_at(path: Path) -> str | None:
    info = _lstat(path)
    if info is None:
        return None
    if stat.S_ISLNK(info.st_mode):
        try:
            return "lien " + os.readlink(path)
        except OSError:
            return "lien"
    if stat.S_ISDIR(info.st_mode):
        return "dossier"
    if not stat.S_ISREG(info.st_mode):
        return "spécial"
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return "illisible"
    return ("x" if info.st_mode & 0o111 else "-") + digest.hexdigest()


def signature(root: Path, rel: str) -> str | None:
    """What makes rel differ between two trees: content hash and executable bit, link target, kind."""
    path = _inside(root, rel)
    return "derrière un lien" if path is None else _signature_at(path)


def tree(root: Path) -> dict[str, str]:
    """Signature of every file and symlink under root, by path; symlinks are not followed."""
    out: dict[str, str] = {}
    pending = [(root, "")]
    while pending:  # a loop, not recursion: a pull request may nest folders deeply
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as listing:
                found = list(listing)
        except OSError:
            out[prefix.rstrip("/") or "."] = "illisible"
            continue
        for item in found:
            rel = prefix + item.name
            # Environments, caches and the built site may sit in a checkout but are never committed
            # (`pdh-check --tracked` refuses them in a pull request): not part of the comparison.
            if item.name == ".git" or never_committed(rel):
                continue
            if item.is_dir(follow_symlinks=False):
                pending.append((Path(item.path), rel + "/"))
            else:
                out[rel] = _signature_at(Path(item.path)) or "illisible"
    return out


def changed_paths(base: Path, head: Path) -> list[str]:
    """Files (and symlinks) added, modified or removed between two checkouts, sorted."""
    old, new = tree(base), tree(head)
    return sorted(rel for rel in old.keys() | new.keys() if old.get(rel) != new.get(rel))


def read_changed_files(path: Path) -> list[str]:
    """Paths from `git diff --name-only` (one per line) or its `-z` form (NUL-separated), sorted."""
    data = path.read_bytes()
    names = data.split(b"\0") if b"\0" in data else data.splitlines()
    return sorted({name.decode("utf-8", "surrogateescape") for name in names if name})


@dataclass
class Collection:
    """The entries of one list file, or of the publications folder, as read from one tree."""

    keys: dict[str, str] = field(default_factory=dict)  # id → what is compared between the trees
    # id → entries with it (YAML mappings, as read); None: unreadable
    entries: dict[str, list[dict[Any, Any]] | None] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # id → line of the problem of an unreadable entry
    orphans: dict[str, int] = field(default_factory=dict)  # JSON of an entry without an id → its line
    unreadable: int | None = None  # line of the problem when the whole file is unreadable


def _parse(text: str | None, rel: str, base_line: int = 0) -> tuple[Any, int]:
    """(data, 0), or (None, line of the problem) when the text is not readable YAML."""
    if text is None:
        return None, 0
    try:
        doc, problems = parse_yaml(text, rel, base_line=base_line)
    except Exception:  # noqa: BLE001 - a hostile file (deep nesting included) must not stop the report
        return None, base_line
    return (doc, 0) if doc is not None else (None, problems[0].line if problems else base_line)


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def read_list(root: Path, rel: str) -> Collection:
    """Entries of a YAML list file by id; a missing file has none."""
    found = Collection()
    if not exists(root, rel):
        return found
    doc, line = _parse(read_text(root, rel), rel)
    if doc is None or not isinstance(doc.data, (list, type(None))):
        found.unreadable = line if doc is None else doc.line(())
        return found
    by_id: dict[str, list[dict[Any, Any]]] = {}  # found.entries, none of them unreadable
    for index, raw in enumerate(doc.data or []):
        entry_id = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(entry_id, str) and entry_id:
            by_id.setdefault(entry_id, []).append(raw)
        else:
            found.orphans[_json(raw)] = doc.line((index,))
    found.entries.update(by_id)
    found.keys = {entry_id: _json(entries) for entry_id, entries in found.entries.items()}
    return found


def read_publications(root: Path) -> Collection:
    """Front matter of every publication file, by id (the file name); a translation (<id>.en.md) is part of <id>."""
    found = Collection()
    names = list_folder(root, PUBLICATIONS_DIR)
    for name in names:
        if TRANSLATED.fullmatch(name):
            continue
        if not name.endswith(".md") or name == "index.md":
            continue
        rel, pub_id = f"{PUBLICATIONS_DIR}/{name}", name.removesuffix(".md")
        found.keys[pub_id] = signature(root, rel) or ""
        text = read_text(root, rel)
        parts = split_front_matter(text, rel, Problems()) if text is not None else None
        doc, line = _parse(parts[0], rel, base_line=1) if parts else (None, 1 if text else 0)
        if doc is not None and isinstance(doc.data, dict):
            found.entries[pub_id] = [doc.data]
        else:
            found.entries[pub_id], found.lines[pub_id] = None, line or (doc.line(()) if doc else 0)
    for name in names:  # changing a translation is changing its publication
        if match := TRANSLATED.fullmatch(name):
            pub_id = match["id"]
            found.keys[pub_id] = (
                found.keys.get(pub_id, "") + "|" + name + ":" + (signature(root, f"{PUBLICATIONS_DIR}/{name}") or "")
            )
    return found


def strings(value: Any) -> list[str]:
    """The non-empty strings of a value or list (a bare value counts as a list of one)."""
    items = value if isinstance(value, list) else [value]
    return [item.strip() for item in items if isinstance(item, str) and item.strip()]


def named(entries: list[dict[Any, Any]] | None, fields: tuple[str, ...]) -> list[str]:
    """Member ids an entry names in `fields`, in order, once each."""
    ids = [m for entry in entries or [] for key in fields for m in strings(entry.get(key))]
    return list(dict.fromkeys(ids))
