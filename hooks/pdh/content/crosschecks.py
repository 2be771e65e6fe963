"""Checks that need more than one field or one file: ids, references, dates, files."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from .assets import ATTACHMENT_TYPES, LOGO_TYPES, check_file_type
from .errors import PathItem, Problem, Problems
from .fields import REPO_PATH
from .filehints import close_file, missing_file
from .load import ACTIONS, EVENTS, MEMBERS, PUBLICATIONS_DIR, THEMES, WORKING_GROUPS, Loaded, Located
from .membership import check_membership
from .model import (
    RESERVED_EVENT_IDS,
    RESERVED_MEMBER_IDS,
    RESERVED_PUBLICATION_IDS,
    AdvocacyAction,
    Event,
    Member,
    Registration,
)
from .notices import check_insecure_urls
from .organisation import Organisation
from .references import REFERENCES, References, check_references, load_names
from .translations import attach_translations, check_translations

MAX_ATTACHMENT_BYTES = 30_000_000
MAX_LOGO_BYTES = 2_000_000
LOGOS_DIR = "data/logos"  # where CONTRIBUTING.md tells members to upload their logo
ATTACHMENTS_DIR = f"{PUBLICATIONS_DIR}/fichiers"


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


class _EventTimes(Protocol):
    """What the time checks read of an event: a valid `Event`, or `_WrittenTimes` of an invalid one."""

    @property
    def start(self) -> date | datetime: ...
    @property
    def end(self) -> date | datetime | None: ...
    @property
    def timezone(self) -> str: ...
    @property
    def registration(self) -> Registration | None: ...


@dataclass(frozen=True)
class _WrittenTimes:
    """The times of an event entry that failed validation, as `_times_as_written` reads them."""

    start: date | datetime
    end: date | datetime | None
    timezone: str
    registration: None = None


IdT = TypeVar("IdT", bound=_Identified)


def check_all(loaded: Loaded, root: Path, problems: Problems, organisation: Organisation) -> None:
    """Run every cross-entry check on what loaded; add what is wrong to `problems`."""
    check_content_files(root, problems)
    _check_press_kit(organisation, root, problems)
    ids = {
        c.file: _check_unique(loaded.entries[c.file], problems)
        for c in (THEMES, WORKING_GROUPS, MEMBERS, ACTIONS, EVENTS)
    }
    members = ids[MEMBERS.file]
    _check_reserved(members, problems, organisation.id)
    _check_references(
        loaded, {**ids, PUBLICATIONS_DIR: _check_unique(loaded.publications, problems)}, problems, organisation
    )
    check_insecure_urls(loaded, problems)
    check_membership(loaded, problems)

    check_translations(loaded, root, problems)
    attach_translations(root, loaded, problems)
    for item in loaded.entries[MEMBERS.file]:
        member: Member = item.entry
        for index, group in enumerate(member.leads):
            if group not in member.working_groups:
                problems.add(
                    item.problem(
                        ("leads", index),
                        f"« {group} » doit aussi figurer dans working_groups pour être animé par l'organisation",
                    )
                )
        _check_unique_values(item, ("countries",), member.countries, problems)
        if member.logo:
            _check_file(item, ("logo",), member.logo, root, MAX_LOGO_BYTES, LOGO_TYPES, problems, home=LOGOS_DIR)
    for item in loaded.entries[ACTIONS.file]:
        action: AdvocacyAction = item.entry
        if action.end and action.end < action.start:
            problems.add(item.problem(("end",), f"la fin ({action.end}) précède le début ({action.start})"))
    for item in loaded.rejected.get(EVENTS.file, []):
        times = _times_as_written(item.raw)
        if times is not None:  # the entry has other problems: its offsets are still checked now
            _check_event_times(Located(times, item.doc, item.prefix, item.label, item.raw), problems)
    for item in loaded.entries[EVENTS.file]:
        event: Event = item.entry
        _check_event_times(item, problems)
        if event.id in RESERVED_EVENT_IDS or event.id.isdigit():
            problems.add(
                item.problem(("id",), f"l'identifiant « {event.id} » est réservé par le site, choisissez-en un autre")
            )
        if not event.place and not event.online_url:
            problems.add(item.problem(("place",), "indiquez un lieu (place) ou un lien en ligne (online_url)"))
        if event.updated and event.announced and event.updated < event.announced:
            problems.add(
                item.problem(("updated",), f"la modification ({event.updated}) précède l'annonce ({event.announced})")
            )
    for item in loaded.publications:
        meta = item.entry.meta
        if meta.updated and meta.updated < meta.date:
            problems.add(
                item.problem(
                    ("updated",), f"la mise à jour ({meta.updated}) précède la date de publication ({meta.date})"
                )
            )
        if item.entry.id in RESERVED_PUBLICATION_IDS:
            problems.add(
                Problem(
                    item.doc.file, 0, f"le nom « {item.entry.id}.md » est réservé par le site, choisissez-en un autre"
                )
            )
        for index, attachment in enumerate(meta.attachments):
            if not attachment.file.startswith(PUBLICATIONS_DIR + "/"):
                name = attachment.file.rsplit("/", 1)[-1]
                problems.add(
                    item.problem(
                        ("attachments", index, "file"),
                        f"écrivez le chemin complet depuis la racine du dépôt, par exemple "
                        f"« {ATTACHMENTS_DIR}/{name} » (reçu : « {attachment.file} »)",
                    )
                )
                continue
            _check_file(
                item,
                ("attachments", index, "file"),
                attachment.file,
                root,
                MAX_ATTACHMENT_BYTES,
                ATTACHMENT_TYPES,
                problems,
                home=ATTACHMENTS_DIR,
            )


def _check_references(
    loaded: Loaded, ids: Mapping[str, Collection[str]], problems: Problems, organisation: Organisation
) -> None:
    """Every field that names other entries, on each entry as written, valid or not."""
    refs = References(
        members=ids[MEMBERS.file],
        themes=ids[THEMES.file],
        groups=ids[WORKING_GROUPS.file],
        actions=ids[ACTIONS.file],
        publications=ids[PUBLICATIONS_DIR],
        problems=problems,
        reported=loaded.invalid_ids,
        unreadable=loaded.unreadable,
        organisation=organisation.id,
        names=load_names(loaded, organisation),
    )
    for file, spec in REFERENCES.items():
        items = loaded.publications if file == PUBLICATIONS_DIR else loaded.entries[file]
        for item in [*items, *loaded.rejected.get(file, [])]:
            check_references(item, spec, refs)


def check_content_files(root: Path, problems: Problems) -> None:
    """Every file under content/ is published as is: only Markdown and inert files of allowed types."""
    allowed = {**ATTACHMENT_TYPES, **LOGO_TYPES}
    content = root / "content"
    for path in sorted(content.rglob("*")) if content.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            problems.add(Problem(rel, 0, "lien symbolique refusé : déposez le fichier lui-même"))
        elif path.is_file() and path.suffix != ".md":
            if path.stat().st_size > MAX_ATTACHMENT_BYTES:
                problems.add(
                    Problem(rel, 0, f"fichier trop volumineux (maximum {MAX_ATTACHMENT_BYTES // 1_000_000} Mo)")
                )
                continue
            reason = check_file_type(path, allowed)
            if reason:
                problems.add(Problem(rel, 0, reason))


def _check_unique(items: Iterable[Located[IdT]], problems: Problems) -> dict[str, Located[IdT]]:
    seen: dict[str, Located[IdT]] = {}
    for item in items:
        key = item.entry.id
        if key in seen:
            first = seen[key]
            problems.add(
                item.problem(
                    ("id",),
                    f"identifiant « {key} » déjà utilisé ({first.doc.file}:{first.doc.line(first.prefix + ('id',))})",
                )
            )
        else:
            seen[key] = item
    return seen


def _check_unique_values(
    item: Located[object], path: tuple[PathItem, ...], values: list[str], problems: Problems
) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            problems.add(item.problem(path + (index,), f"« {value} » figure deux fois"))
        seen.add(value)


def _times_as_written(raw: object) -> _WrittenTimes | None:
    """start, end and zone of an invalid event entry, where they parse on their own."""
    from .dates import parse_when
    from .geo import TIME_ZONES

    if not isinstance(raw, dict):
        return None
    zone = raw.get("timezone") or "Europe/Paris"
    if zone not in TIME_ZONES:
        return None
    start, end = parse_when(raw.get("start")), parse_when(raw.get("end"))
    if start is None:
        return None
    return _WrittenTimes(start=start, end=end, timezone=zone)


def _check_event_times(item: Located[_EventTimes], problems: Problems) -> None:
    event = item.entry
    start, end = event.start, event.end
    zone = ZoneInfo(event.timezone)
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, datetime):
            local = value.replace(tzinfo=None)
            # When clocks go back, one local hour happens twice: both offsets are right.
            allowed = {local.replace(tzinfo=zone, fold=fold).utcoffset() for fold in (0, 1)}
            if value.utcoffset() not in allowed:
                expected = local.replace(tzinfo=zone).utcoffset()
                shown = _offset(expected)
                problems.add(
                    item.problem(
                        (name,),
                        f"décalage {_offset(value.utcoffset())} incorrect pour {event.timezone} à cette date : écrivez {shown}",
                    )
                )
    if end is None:
        return
    if isinstance(start, datetime) != isinstance(end, datetime):
        problems.add(
            item.problem(
                ("end",),
                "début et fin doivent être tous deux des dates (journée entière) ou tous deux des dates avec heure",
            )
        )
        return
    if end < start:
        problems.add(item.problem(("end",), f"la fin ({end.isoformat()}) précède le début ({start.isoformat()})"))
    deadline = event.registration.deadline if event.registration else None
    if deadline is not None and isinstance(deadline, datetime) == isinstance(end, datetime) and deadline > end:
        problems.add(
            item.problem(("registration", "deadline"), "la date limite d'inscription est après la fin de l'événement")
        )


def _offset(delta: timedelta | None) -> str:
    assert delta is not None  # the UTC offset of an aware date-time
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _check_file(
    item: Located[object],
    path: tuple[PathItem, ...],
    rel: str,
    root: Path,
    max_bytes: int,
    allowed: dict[str, str],
    problems: Problems,
    *,
    home: str,
) -> None:
    """The file must be a regular file inside the repository, reached without symlinks, of an allowed type."""
    root = root.resolve()
    current = root
    for part in rel.split("/"):
        current = current / part
        if current.is_symlink():
            problems.add(item.problem(path, f"« {rel} » passe par un lien symbolique : déposez le fichier lui-même"))
            return
    if not current.exists():
        problems.add(item.problem(path, missing_file(root, rel, home, types=allowed)))
        return
    if not current.is_file() or not current.resolve().is_relative_to(root):
        problems.add(item.problem(path, f"« {rel} » n'est pas un fichier du dépôt"))
        return
    size = current.stat().st_size
    if size > max_bytes:
        problems.add(
            item.problem(
                path,
                f"fichier « {rel} » trop volumineux ({size / 1_000_000:.1f} Mo, maximum {max_bytes // 1_000_000} Mo)",
            )
        )
        return
    reason = check_file_type(current, allowed)
    if reason:
        problems.add(item.problem(path, f"« {rel} » : {reason}"))


def _check_press_kit(organisation: Organisation, root: Path, problems: Problems) -> None:
    """The files the press room offers (mkdocs.yml) exist: a missing one would break the page."""
    for index, press in enumerate(organisation.press_kit, start=1):
        if not (root / "content" / press.file).is_file():
            rel = f"content/{press.file}"
            close = close_file(root, rel, [rel.rsplit("/", 1)[0]])  # written as the field wants it: under content/
            hint = (
                f" — vouliez-vous dire « {close.removeprefix('content/')} » ?"
                if close and REPO_PATH.fullmatch(close)
                else ""
            )
            problems.add(
                Problem(
                    "mkdocs.yml",
                    0,
                    f"fichier du dossier de presse introuvable : {rel} ; rétablissez-le ou corrigez son chemin{hint}",
                    field=f"extra.pdh.organisation.press_kit, fichier {index}",
                )
            )


def _check_reserved(members: Mapping[str, Located[object]], problems: Problems, organisation: str) -> None:
    for reserved in (organisation, *RESERVED_MEMBER_IDS):
        if reserved in members:
            problems.add(
                members[reserved].problem(
                    ("id",), f"l'identifiant « {reserved} » est réservé par le site, choisissez-en un autre"
                )
            )
