"""Untrusted files → typed model, collecting every problem with its file, line, entry and field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import PathItem, Problem, Problems, format_field
from .fielderrors import translate
from .model import AdvocacyAction, Event, Member, PageMeta, Publication, PublicationMeta, Theme, WorkingGroup
from .yamlsafe import MAX_FILE_BYTES, Document, parse_yaml

T = TypeVar("T", bound=BaseModel)
M_co = TypeVar("M_co", bound=BaseModel, covariant=True)
E_co = TypeVar("E_co", covariant=True)
MAX_ENTRIES = 20_000
MAX_PUBLICATIONS = 20_000


@dataclass(frozen=True)
class Collection(Generic[M_co]):
    """Where a kind of entry lives and how messages name its entries."""

    file: str
    model: type[M_co]
    label: str  # « membre », « événement »…


MEMBERS = Collection("data/members.yaml", Member, "membre")
THEMES = Collection("data/themes.yaml", Theme, "thème")
WORKING_GROUPS = Collection("data/working-groups.yaml", WorkingGroup, "groupe de travail")
EVENTS = Collection("data/events.yaml", Event, "événement")
ACTIONS = Collection("data/advocacy-actions.yaml", AdvocacyAction, "action de plaidoyer")
COLLECTIONS = (THEMES, WORKING_GROUPS, MEMBERS, ACTIONS, EVENTS)
PUBLICATIONS_DIR = "content/publications"


@dataclass(frozen=True)
class Located(Generic[E_co]):
    """An entry with what is needed to point at any of its fields: `Located[Member]` for a valid member,
    `Located[None]` for an entry that failed validation (kept for its references)."""

    entry: E_co
    doc: Document
    prefix: tuple[PathItem, ...]
    label: str
    raw: Any = None  # the entry as written: strings, lists, dicts

    def problem(self, path: tuple[PathItem, ...], message: str) -> Problem:
        return Problem(
            self.doc.file, self.doc.line(self.prefix + path), message, entry=self.label, field=format_field(path)
        )


@dataclass
class Loaded:
    """Every valid entry, by collection, in file order."""

    # By file; each holds its collection's own model: a reader states which (`list[Located[Member]]`).
    entries: dict[str, list[Located[Any]]] = field(default_factory=dict)
    publications: list[Located[Publication]] = field(default_factory=list)
    translations: list[Path] = field(default_factory=list)  # <id>.<language>.md files of content/publications
    pages: dict[str, PageMeta] = field(default_factory=dict)
    # Ids of entries that failed validation: already reported, so references to them are not.
    invalid_ids: set[tuple[str, str]] = field(default_factory=set)
    # Files that could not be read at all: references into them are not checked either.
    unreadable: set[str] = field(default_factory=set)
    # Entries that failed validation, by file: their references are still checked.
    rejected: dict[str, list[Located[None]]] = field(default_factory=dict)


def entry_label(collection_label: str, raw: Any, index: int) -> str:
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    if isinstance(raw_id, str) and raw_id:
        return f"{collection_label} « {raw_id} »"
    return f"{collection_label} n° {index + 1}"


def entry_start(model: type[BaseModel], *, listed: bool = True) -> str:
    """How an entry of `model` begins, for messages: « - id: … », or « - date: … » for entries without an id."""
    first = "id" if "id" in model.model_fields else next(iter(model.model_fields))
    return f"« {'- ' if listed else ''}{first}: … »"


def validate_entry(
    model: type[T], raw: Any, doc: Document, prefix: tuple[PathItem, ...], label: str, problems: Problems
) -> T | None:
    """Validate one raw entry; on failure record every problem and return None."""
    if not isinstance(raw, dict):
        problems.add(
            Problem(
                doc.file,
                doc.line(prefix),
                f"attendu : une entrée avec des champs ({entry_start(model, listed=bool(prefix))})",
                entry=label,
            )
        )
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            path, shown, message = translate(err, model)
            if path and path[-1] == "fr" and isinstance(_value_at(raw, path[:-1]), str):
                # Written as a plain string: the author never typed « fr ».
                path, shown = path[:-1], format_field(path[:-1])
            problems.add(Problem(doc.file, doc.line(prefix + path), message, entry=label, field=shown))
        return None


def _value_at(raw: Any, path: tuple[PathItem, ...]) -> Any:
    for item in path:
        try:
            raw = raw[item]
        except (KeyError, IndexError, TypeError):
            return None
    return raw


def read_text(root: Path, rel: str, problems: Problems) -> str | None:
    path = root / rel
    if path.is_symlink():
        problems.add(Problem(rel, 0, "lien symbolique refusé : déposez le fichier lui-même"))
        return None
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.add(Problem(rel, 0, f"fichier trop volumineux (plus de {MAX_FILE_BYTES // 1_000_000} Mo)"))
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        problems.add(Problem(rel, 0, "fichier introuvable"))
        return None
    try:
        # A byte order mark, as some Windows editors write, is not part of the text.
        return data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(Problem(rel, line, "le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8"))
        return None


def load_collection(root: Path, collection: Collection[T], problems: Problems, loaded: Loaded) -> list[Located[T]]:
    """Load one data file that holds a list of entries."""
    text = read_text(root, collection.file, problems)
    doc, found = parse_yaml(text, collection.file) if text is not None else (None, [])
    problems.extend(found)
    if doc is None:
        loaded.unreadable.add(collection.file)
        return []
    if doc.data is None:
        # An emptied file would make a whole section of the site disappear without a word.
        problems.add(
            Problem(
                collection.file,
                1,
                "fichier vide : s'il ne doit contenir aucune entrée, écrivez « [] » "
                "sur la première ligne ; sinon, rétablissez ses entrées",
            )
        )
        loaded.unreadable.add(collection.file)
        return []
    if not isinstance(doc.data, list):
        problems.add(
            Problem(
                collection.file,
                doc.line(()),
                f"le fichier doit contenir une liste d'entrées ({entry_start(collection.model)})",
            )
        )
        loaded.unreadable.add(collection.file)
        return []
    if len(doc.data) > MAX_ENTRIES:
        problems.add(Problem(collection.file, 1, f"trop d'entrées ({len(doc.data)}, maximum {MAX_ENTRIES})"))
        loaded.unreadable.add(collection.file)
        return []
    out: list[Located[T]] = []
    for index, raw in enumerate(doc.data):
        label = entry_label(collection.label, raw, index)
        entry = validate_entry(collection.model, raw, doc, (index,), label, problems)
        if entry is not None:
            out.append(Located(entry, doc, (index,), label, raw))
        elif isinstance(raw, dict):
            loaded.rejected.setdefault(collection.file, []).append(Located(None, doc, (index,), label, raw))
            if isinstance(raw.get("id"), str):
                loaded.invalid_ids.add((collection.file, raw["id"]))
    return out


def split_front_matter(text: str, rel: str, problems: Problems) -> tuple[str, str] | None:
    """« ---\\n yaml ---\\n body » → (yaml, body)."""
    if not text.startswith("---\n"):
        problems.add(
            Problem(rel, 1, "en-tête manquant : le fichier doit commencer par « --- », les champs, puis « --- »")
        )
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            problems.add(Problem(rel, 1, "en-tête non fermé : ajoutez une ligne « --- » après les champs"))
            return None
    return text[4 : end + 1], text[end + 5 :]


def read_front_matter(root: Path, rel: str, problems: Problems) -> tuple[Document, str] | None:
    """Parse the front matter of a Markdown file; None (and problems) when unreadable."""
    text = read_text(root, rel, problems)
    if text is None:
        return None
    parts = split_front_matter(text, rel, problems)
    if parts is None:
        return None
    head, body = parts
    doc, found = parse_yaml(head, rel, base_line=1)
    problems.extend(found)
    return (doc, body) if doc is not None else None


def load_page(root: Path, rel: str, problems: Problems) -> PageMeta | None:
    """Editorial pages may only set a title and a description: no template or other switch."""
    read = read_front_matter(root, rel, problems)
    if read is None:
        return None
    return validate_entry(PageMeta, read[0].data, read[0], (), "", problems)


def load_publication(
    root: Path, rel: str, problems: Problems, loaded: Loaded | None = None
) -> Located[Publication] | None:
    stem = rel.rsplit("/", 1)[-1].removesuffix(".md")
    from .fields import SLUG

    if not SLUG.fullmatch(stem):
        problems.add(
            Problem(rel, 0, "nom de fichier invalide : minuscules sans accent, chiffres et tirets, puis « .md »")
        )
        return None
    read = read_front_matter(root, rel, problems)
    if read is None:
        return None
    doc, body = read
    label = f"publication « {stem} »"
    meta = validate_entry(PublicationMeta, doc.data, doc, (), label, problems)
    if meta is None:
        if loaded is not None and isinstance(doc.data, dict):
            loaded.rejected.setdefault(PUBLICATIONS_DIR, []).append(Located(None, doc, (), label, doc.data))
        return None
    return Located(Publication(id=stem, meta=meta, body=body, source=rel), doc, (), label, doc.data)


# « 2025-note.en.md »: the English text of the publication 2025-note (its body only, no front matter).
TRANSLATED = re.compile(r"(?P<id>[^.]+)\.(?P<lang>[a-z]{2})\.md")


def load_all(root: Path) -> tuple[Loaded, Problems]:
    """Read and validate every contributed file under `root`; never stops at the first problem."""
    problems = Problems()
    loaded = Loaded()
    for collection in COLLECTIONS:
        loaded.entries[collection.file] = load_collection(root, collection, problems, loaded)
    pub_dir = root / PUBLICATIONS_DIR
    found = sorted(p for p in pub_dir.glob("*.md") if p.name != "index.md") if pub_dir.is_dir() else []
    loaded.translations = [p for p in found if TRANSLATED.fullmatch(p.name)]  # attached by content.translations
    files = [p for p in found if not TRANSLATED.fullmatch(p.name)]
    if len(found) > MAX_PUBLICATIONS:
        problems.add(Problem(PUBLICATIONS_DIR, 0, f"trop de publications ({len(found)}, maximum {MAX_PUBLICATIONS})"))
        files, loaded.translations = [], []
    for path in files:
        pub = load_publication(root, path.relative_to(root).as_posix(), problems, loaded)
        if pub is not None:
            loaded.publications.append(pub)
        else:
            loaded.invalid_ids.add((PUBLICATIONS_DIR, path.stem))
    for path in sorted((root / "content").rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        if not rel.startswith(PUBLICATIONS_DIR + "/"):
            meta = load_page(root, rel, problems)
            if meta is not None:
                loaded.pages[rel.removeprefix("content/")] = meta
    return loaded, problems
