"""Fields that name other entries (themes, working groups, members, actions, publications): unknown ids, and
what to type instead.

Volunteers often write what they read on the site, a theme's label or an organisation's name, where the
id is expected: the message then gives the id whose label, name, acronym or title matches, in any
language, whatever the accents and the case. It supersedes the validator's « identifiant invalide »,
whose slug of the text (« defenseurs-des-droits-humains ») may be no id at all.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence

from .errors import PathItem, Problems
from .fields import SLUG, suggest
from .load import ACTIONS, EVENTS, MEMBERS, PUBLICATIONS_DIR, THEMES, WORKING_GROUPS, Loaded, Located
from .model import Text
from .organisation import Organisation

# Fields that name other entries, checked on the entry as written, valid or not, so that one
# run reports an unknown theme next to a misspelt field of the same entry.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    MEMBERS.file: (("themes", "thème"), ("working_groups", "groupe de travail"), ("leads", "groupe de travail")),
    ACTIONS.file: (("members", "membre"),),
    EVENTS.file: (
        ("organisers", "membre"),
        ("attendance", "membre"),
        ("themes", "thème"),
        ("working_group", "groupe de travail"),
        ("publications", "publication"),
        ("advocacy_action", "action de plaidoyer"),
    ),
    PUBLICATIONS_DIR: (
        ("authors", "auteur"),
        ("signatories", "membre"),
        ("themes", "thème"),
        ("working_groups", "groupe de travail"),
        ("advocacy_action", "action de plaidoyer"),
    ),
}
FILES = {
    "membre": MEMBERS.file,
    "thème": THEMES.file,
    "groupe de travail": WORKING_GROUPS.file,
    "action de plaidoyer": ACTIONS.file,
    "publication": PUBLICATIONS_DIR,
}
SLUG_REFUSAL = "identifiant "  # how fields._check_slug's messages start: what a better message replaces
# How a message names what was written: « le nom d'un thème », « le sigle d'un membre »…
A_KIND = {
    "thème": "d'un thème",
    "groupe de travail": "d'un groupe de travail",
    "membre": "d'un membre",
    "action de plaidoyer": "d'une action de plaidoyer",
    "publication": "d'une publication",
    "coalition": "de la coalition",
}


def fold(text: str) -> str:
    """A label as people retype it: no accents, no case, words separated by single spaces."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


def _slug_of(text: str) -> str:
    return fold(text).replace(" ", "-")


class Names:
    """The ids of each kind of entry by what readers see of them: label, name, acronym, title (every language)."""

    def __init__(self) -> None:
        self._ids: dict[str, dict[str, set[tuple[str, str]]]] = {}  # kind → folded name → {(id, what)}

    def add(self, kind: str, entry_id: str, what: str, texts: Iterable[Text | str | None]) -> None:
        """`what`: « nom », « sigle », « titre »; `texts`: a Text, a string, or None."""
        for text in texts:
            for value in (text.fr, text.en) if isinstance(text, Text) else (text,):
                if isinstance(value, str) and fold(value):
                    self._ids.setdefault(kind, {}).setdefault(fold(value), set()).add((entry_id, what))

    def message(self, kinds: tuple[str, ...], value: str) -> str | None:
        """« « X » est le nom d'un thème : écrivez son identifiant, « id » », when exactly one entry is called X."""
        for kind in kinds:
            found = self._ids.get(kind, {}).get(fold(value), set())
            if len({entry_id for entry_id, _ in found}) == 1:
                entry_id, what = sorted(found)[0]
                return f"« {value} » est le {what} {A_KIND[kind]} : écrivez son identifiant, « {entry_id} »"
        return None


def load_names(loaded: Loaded, organisation: Organisation | None = None) -> Names:
    """Every valid entry's names; the coalition's name and short name stand for its id among authors."""
    names = Names()
    for kind, collection, what, field in (
        ("thème", THEMES, "nom", "label"),
        ("groupe de travail", WORKING_GROUPS, "nom", "name"),
        ("membre", MEMBERS, "nom", "name"),
        ("membre", MEMBERS, "sigle", "acronym"),
        ("action de plaidoyer", ACTIONS, "titre", "title"),
    ):
        for item in loaded.entries.get(collection.file, []):
            names.add(kind, item.entry.id, what, [getattr(item.entry, field)])
    for item in loaded.publications:
        names.add("publication", item.entry.id, "titre", [item.entry.meta.title])
    if organisation is not None:
        names.add("coalition", organisation.id, "nom", [organisation.name])
        names.add("coalition", organisation.id, "sigle", [organisation.short_name])
    return names


def better_message(kind: str, value: str, known: Iterable[str], names: Names, *, coalition: bool = False) -> str | None:
    """For a value that is not an id: the id its name means, or an honest « identifiant invalide » with the
    closest id; None when the validator's own message already suggests a known id."""
    known = list(known)
    named = names.message((kind, "coalition") if coalition else (kind,), value)
    if named or SLUG.fullmatch(value):
        return named
    if _slug_of(value) in known:
        return None  # the validator's « par exemple « … » » is that id
    close = difflib.get_close_matches(_slug_of(value), known, n=1, cutoff=0.6)
    hint = (
        f" — vouliez-vous dire « {close[0]} » ?"
        if close
        else f" (attendu : l'identifiant {A_KIND[kind]} de {FILES[kind]})"
    )
    return f"identifiant « {value} » invalide : lettres minuscules sans accent, chiffres et tirets seulement{hint}"


def check_references(item: Located[object], spec: tuple[tuple[str, str], ...], refs: References) -> None:
    raw = item.raw if isinstance(item.raw, dict) else {}
    for field, kind in spec:
        value = raw.get(field)
        path: tuple[PathItem, ...]
        if isinstance(value, str):
            values, path, single = [value], (), field
        elif isinstance(value, list):
            values, path, single = value, (field,), None
        else:
            continue
        strings = [v for v in values if isinstance(v, str)]
        if kind == "auteur":
            refs.check("membre", item, path, strings, field=single, extra=(refs.organisation,), positions=values)
        else:
            refs.check(kind, item, path, strings, field=single, positions=values)


class References:
    def __init__(
        self,
        *,
        members: Collection[str],
        themes: Collection[str],
        groups: Collection[str],
        actions: Collection[str],
        publications: Collection[str],
        problems: Problems,
        reported: Iterable[tuple[str, str]],
        unreadable: Collection[str],
        organisation: str,
        names: Names,
    ) -> None:
        self.organisation = organisation  # the coalition's own id, a valid author
        self._targets = {
            "membre": members,
            "thème": themes,
            "groupe de travail": groups,
            "action de plaidoyer": actions,
            "publication": publications,
        }
        self._reported = {kind: {i for f, i in reported if f == file} for kind, file in FILES.items()}
        self._unchecked = {kind for kind, file in FILES.items() if file in unreadable}
        self._problems = problems
        self._names = names

    def check(
        self,
        kind: str,
        item: Located[object],
        path: tuple[PathItem, ...],
        values: list[str],
        field: str | None = None,
        extra: tuple[str, ...] = (),
        positions: Sequence[object] | None = None,
    ) -> None:
        """Report unknown or repeated ids; `positions` is the written list, for the item numbers.

        A value that is not even an id was reported by validation: a better message replaces that one.
        """
        if kind in self._unchecked:
            return
        known = self._targets[kind]
        seen: set[str] = set()
        written = positions if positions is not None else values
        for value in values:
            index = written.index(value) if value not in seen else len(written) - 1 - written[::-1].index(value)
            where = path + ((field,) if field else (index,))
            repeated = value in seen
            seen.add(value)
            if not SLUG.fullmatch(value):
                better = better_message(kind, value, [*known, *extra], self._names, coalition=bool(extra))
                if better:
                    self._problems.supersede(item.problem(where, better), SLUG_REFUSAL)
                continue
            if repeated:
                self._problems.add(item.problem(where, f"« {value} » figure deux fois"))
            if value not in known and value not in extra and value not in self._reported[kind]:
                hint = suggest(value, [*known, *extra])
                feminine = "e" if kind in ("publication", "action de plaidoyer") else ""
                named = self._names.message((kind, "coalition") if extra else (kind,), value)
                self._problems.add(item.problem(where, named or f"{kind} inconnu{feminine} « {value} »{hint}"))
