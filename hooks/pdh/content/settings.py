"""Site settings (`extra.pdh` in mkdocs.yml), validated like contributed data: a located French error, never a TypeError."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem, Problems
from .fields import suggest

CONFIG_FILE = "mkdocs.yml"
_HOST = re.compile(r"(?=.{1,253}\Z)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+")


@dataclass(frozen=True)
class Settings:
    """Site settings from mkdocs.yml (extra.pdh), with their defaults."""

    page_size: int = 20      # publications per listing page
    feed_limit: int = 50     # most recent entries kept in each feed
    tag_authority: str = ""  # host in feed entry ids (tag: URIs); set once, never change


# What each setting accepts: (check, French description of a valid value).
_RULES = {
    "page_size": (lambda v: type(v) is int and 1 <= v <= 200, "un nombre entier entre 1 et 200"),
    "feed_limit": (lambda v: type(v) is int and 1 <= v <= 500, "un nombre entier entre 1 et 500"),
    "tag_authority": (lambda v: isinstance(v, str) and bool(_HOST.fullmatch(v)),
                      "un nom de domaine en minuscules, par exemple plateforme-droits-homme.example.org"),
}


def load_settings(raw: Any, root: Path | None = None) -> Settings:
    """`extra.pdh` as typed settings; ContentError listing every unknown key or invalid value."""
    problems = Problems()
    text = _config_text(root)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        problems.add(Problem(CONFIG_FILE, _line_of(text, "pdh"), "attendu : un ensemble de réglages (« page_size: 20 »…)",
                             field="extra.pdh"))
        raise ContentError(problems)
    known = [f.name for f in fields(Settings)]
    for key, value in raw.items():
        where = _line_of(text, str(key))
        if key not in _RULES:
            hint = suggest(str(key), known) or f" (réglages possibles : {', '.join(known)})"
            problems.add(Problem(CONFIG_FILE, where, f"réglage inconnu « {key} »{hint}", field="extra.pdh"))
            continue
        check, expected = _RULES[key]
        if not check(value):
            problems.add(Problem(CONFIG_FILE, where, f"« {value} » invalide : attendu {expected}", field=f"extra.pdh.{key}"))
    if problems:
        raise ContentError(problems)
    return Settings(**raw)


def _config_text(root: Path | None) -> str:
    try:
        return (root / CONFIG_FILE).read_text(encoding="utf-8") if root else ""
    except OSError:
        return ""


def _line_of(text: str, key: str) -> int:
    """Line of `key:` inside the `pdh:` block of mkdocs.yml (0 when not found)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"\s+pdh:\s*(#.*)?$", line)), None)
    if start is None:
        return 0
    if key == "pdh":
        return start + 1
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and not line.startswith(" " * 4) and not line.lstrip().startswith("#"):
            break  # left the block
        if re.match(rf"\s+{re.escape(key)}\s*:", line):
            return index + 1
    return 0
