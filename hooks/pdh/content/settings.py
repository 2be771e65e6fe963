"""Site settings (`extra.pdh` in mkdocs.yml), validated like contributed data: a located French error, never a TypeError."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem, Problems
from .fields import suggest
from .i18n import LANGUAGES, SOURCE
from .organisation import Organisation, make_organisation, organisation_problems

CONFIG_FILE = "mkdocs.yml"
_PAGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*\.md")
# The editorial pages the home page, the footer and the listings link to, when the site has them.
PAGE_ROLES = {"join": "adhérer", "contact": "contact", "legal": "mentions légales", "accessibility": "accessibilité"}
_REPOSITORY = re.compile(r"https://github\.com/[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_BRANCH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")
_HOST = re.compile(r"(?=.{1,253}\Z)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+")


@dataclass(frozen=True)
class Settings:
    """Site settings from mkdocs.yml (extra.pdh), with their defaults."""

    page_size: int = 20  # publications per listing page
    feed_limit: int = 50  # most recent entries kept in each feed
    tag_authority: str = ""  # host in feed entry ids (tag: URIs); set once, never change
    organisation: Organisation | None = None  # who publishes the site (required in mkdocs.yml)
    menu: dict[str, dict[str, str]] | None = (
        None  # menu section titles in other languages: {en: {La Plateforme: The Plateforme}}
    )
    pages: dict[str, str] | None = (
        None  # the editorial pages the site's own blocks link to, by role: {join: adherer.md}
    )
    accessibility: str = "non"  # compliance the accessibility statement declares (RGAA): totalement, partiellement, non
    repository: str = ""  # the GitHub repository: « Modifier cette fiche » opens its web editor
    branch: str = "main"  # the branch contributions are proposed to


# What each setting accepts: (check, French description of a valid value).
_RULES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "page_size": (lambda v: type(v) is int and 1 <= v <= 200, "un nombre entier entre 1 et 200"),
    "feed_limit": (lambda v: type(v) is int and 1 <= v <= 500, "un nombre entier entre 1 et 500"),
    "menu": (
        lambda v: (
            isinstance(v, dict)
            and all(
                lang in LANGUAGES
                and lang != SOURCE
                and isinstance(titles, dict)
                and all(isinstance(k, str) and isinstance(t, str) and t.strip() for k, t in titles.items())
                for lang, titles in v.items()
            )
        ),
        "par langue, les titres de rubrique du menu traduits : {en: {La Plateforme: The Plateforme}}",
    ),
    "pages": (
        lambda v: (
            isinstance(v, dict)
            and set(v) <= set(PAGE_ROLES)
            and all(isinstance(p, str) and bool(_PAGE.fullmatch(p)) and ".." not in p for p in v.values())
        ),
        "par rôle (" + ", ".join(PAGE_ROLES) + "), une page française sous content/ : {join: adherer.md}",
    ),
    "accessibility": (lambda v: v in ("totalement", "partiellement", "non"), "totalement, partiellement ou non"),
    "repository": (
        lambda v: isinstance(v, str) and bool(_REPOSITORY.fullmatch(v)),
        "l'adresse du dépôt sur GitHub, par exemple https://github.com/exemple-org/pdh-site",
    ),
    "branch": (
        lambda v: isinstance(v, str) and bool(_BRANCH.fullmatch(v)) and ".." not in v,
        "le nom d'une branche, par exemple main",
    ),
    "tag_authority": (
        lambda v: isinstance(v, str) and bool(_HOST.fullmatch(v)),
        "un nom de domaine en minuscules, par exemple plateforme-droits-homme.example.org",
    ),
}


def load_settings(raw: Any, root: Path | None = None) -> Settings:
    """`extra.pdh` as typed settings; ContentError listing every unknown key or invalid value."""
    problems = Problems()
    text = _config_text(root)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        problems.add(
            Problem(
                CONFIG_FILE,
                _line_of(text, "pdh"),
                "attendu : un ensemble de réglages (« page_size: 20 »…)",
                field="extra.pdh",
            )
        )
        raise ContentError(problems)
    known = [f.name for f in fields(Settings)]
    if "organisation" not in raw:
        problems.add(
            Problem(
                CONFIG_FILE,
                _line_of(text, "pdh"),
                "l'identité de la coalition manque : ajoutez le bloc "
                "« organisation: » (id, name, short_name, founded, called ; voir README)",
                field="extra.pdh.organisation",
            )
        )
    for key, value in raw.items():
        where = _line_of(text, str(key))
        if key == "organisation":
            block = _line_of(text, "organisation")
            for sub, message in organisation_problems(value):
                problems.add(
                    Problem(
                        CONFIG_FILE,
                        _nested_line(text, block, sub) if sub else block,
                        message,
                        field=f"extra.pdh.organisation{'.' + sub if sub else ''}",
                    )
                )
            continue
        if key not in _RULES:
            hint = suggest(str(key), known) or f" (réglages possibles : {', '.join(known)})"
            problems.add(Problem(CONFIG_FILE, where, f"réglage inconnu « {key} »{hint}", field="extra.pdh"))
            continue
        check, expected = _RULES[key]
        if not check(value):
            problems.add(
                Problem(CONFIG_FILE, where, f"« {value} » invalide : attendu {expected}", field=f"extra.pdh.{key}")
            )
    if problems:
        raise ContentError(problems)
    return Settings(**{**raw, "organisation": make_organisation(raw["organisation"])})


def read_settings(root: Path) -> Settings:
    """The settings of the site at `root`, read from its mkdocs.yml without running anything it names."""
    return load_settings(raw_settings(root), root)


def raw_settings(root: Path) -> Any:
    """`extra.pdh` of the mkdocs.yml at `root`, as written (None when absent)."""
    import yaml

    # libyaml when present: 10× faster (a base chosen at run time, which mypy cannot check)
    class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass  # mkdocs.yml uses tags such as !ENV: read as nothing, never resolved

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    text = _config_text(root)
    try:
        config = yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise ContentError(Problems([Problem(CONFIG_FILE, 0, f"fichier illisible : {exc}")])) from None
    extra = config.get("extra") if isinstance(config, dict) else None
    return extra.get("pdh") if isinstance(extra, dict) else None


def _nested_line(text: str, block: int, key: str) -> int:
    """Line of `key:` inside the block starting at line `block` (1-based), else the block's line."""
    lines = text.splitlines()
    if not block:
        return 0
    indent = len(lines[block - 1]) - len(lines[block - 1].lstrip())
    for index in range(block, len(lines)):
        line = lines[index]
        if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip()) <= indent:
            break
        if re.match(rf"\s+{re.escape(key)}\s*:", line):
            return index + 1
    return block


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


def check_pages(settings: Settings, editorial: set[str], root: Path | None = None) -> None:
    """Each page named in `pages:` is a French editorial page of the site (`editorial`: paths under content/)."""
    problems = Problems()
    text = _config_text(root)
    for role, page in (settings.pages or {}).items():
        if page not in editorial or page.split("/", 1)[0] in LANGUAGES:
            problems.add(
                Problem(
                    CONFIG_FILE,
                    _nested_line(text, _line_of(text, "pages"), role),
                    f"page introuvable : content/{page} ; indiquez une page française sous content/ "
                    f"(la page « {PAGE_ROLES[role]} ») ou retirez cette ligne",
                    field=f"extra.pdh.pages.{role}",
                )
            )
    if problems:
        raise ContentError(problems)
