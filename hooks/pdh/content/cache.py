"""Caches kept between builds, outside the repository, keyed by the hash of what they depend on.

They only save time: deleting the folder, or any file in it, is always safe. Nothing a contributor
sends can write here (the build writes only what it computed), and whatever is read back from
here is checked again before it reaches a page (see pdh.content.text).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def cache_root() -> Path:
    """$PDH_CACHE_DIR, else $XDG_CACHE_HOME/pdh-site, else ~/.cache/pdh-site."""
    if os.environ.get("PDH_CACHE_DIR"):
        return Path(os.environ["PDH_CACHE_DIR"]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"  # a relative value is ignored (XDG spec)
    return base / "pdh-site"


def digest(*parts: str | bytes) -> str:
    """A hash of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class TextStore:
    """Strings by key in one JSON file named after a fingerprint of the code that made them.

    Another fingerprint (a new library version, an edited renderer) is another file: nothing
    made by other code is ever read. `save` keeps only what this build used, so the file never
    grows beyond one build's worth, and writes only when that changed.
    """

    def __init__(self, directory: Path, name: str, fingerprint: str) -> None:
        self.directory, self.name = directory, name
        self.path = directory / f"{name}-{fingerprint[:24]}.json"
        self._old: dict[str, str] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self._old = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
        except (OSError, ValueError):
            pass  # no cache, or an unreadable one: everything is computed again
        self._used: dict[str, str] = {}
        self.hits = self.misses = 0

    def get(self, key: str) -> str | None:
        value = self._used.get(key)
        if value is None:
            value = self._old.get(key)
            if value is not None:
                self._used[key] = value
                self.hits += 1
        return value

    def put(self, key: str, value: str) -> None:
        self._used[key] = value
        self.misses += 1

    def save(self) -> None:
        """Write what this build used (only if it differs from the file), drop other fingerprints' files."""
        try:
            if self._used != self._old:
                self.directory.mkdir(parents=True, exist_ok=True)
                with tempfile.NamedTemporaryFile(
                    "w", encoding="utf-8", dir=self.directory, prefix=".", suffix=".tmp", delete=False
                ) as handle:
                    json.dump(self._used, handle, ensure_ascii=False, separators=(",", ":"))
                os.replace(handle.name, self.path)
                self._old = dict(self._used)
            for stale in self.directory.glob(f"{self.name}-*.json"):
                if stale != self.path:
                    stale.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only costs time


def read_record(folder: Path, file_digest: str, code: tuple[str, str], limits: list[float]) -> dict[str, object] | None:
    """The JSON record cached for a file, only if it was made for exactly this hash, code and limits.

    `code` is (field, value): the name and fingerprint of what made the record (extractor, renderer).
    """
    try:
        record = json.loads((folder / f"{file_digest}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    field, value = code
    if (
        not isinstance(record, dict)
        or record.get("sha256") != file_digest
        or record.get(field) != value
        or record.get("limits") != limits
    ):
        return None
    return record


def write_record(folder: Path, file_digest: str, record: Mapping[str, object]) -> None:
    """Write a file's record atomically; a cache that cannot be written only costs time."""
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, prefix=".", suffix=".tmp", delete=False
        ) as handle:
            temp = handle.name
            json.dump(record, handle, ensure_ascii=False)
        os.replace(temp, folder / f"{file_digest}.json")
    except OSError:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def file_sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
