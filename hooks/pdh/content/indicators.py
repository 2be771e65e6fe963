"""The secretariat's measurement data: targets and baselines of the logframe's indicators
(data/indicators.yaml) and the social networks' audience, read by hand (data/social-audience.yaml).

Both files are optional: without the first, the figures page shows each indicator without a
target; without the second, it says that no audience has been recorded yet.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import ConfigDict, Field

from .dates import Day
from .errors import Problems
from .fields import fail, one_of, require_str, scalar_type, suggest
from .i18n import N_
from .load import Collection, Loaded, Located, load_collection
from .model import Entry, Social

# The logframe's indicators, in the order of the figures page; what `target` means for each.
INDICATORS = {
    "organisations": N_("nombre d'organisations (membres et observateurs)"),
    "participation": N_("part des membres actifs, en %"),
    "plaidoyer": N_("actions de plaidoyer coordonnées par an"),
    "evenements": N_("événements et formations par an"),
    "publications": N_("publications par an"),
    "abonnes": N_("hausse des abonnés sur les réseaux sociaux, en % de la base de référence"),
}
PLATFORMS = tuple(Social.model_fields)  # the networks a member profile may link to
PLATFORM_NAMES = {
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "x": "X",
}
FORMER_NAMES = {"twitter": "x"}  # what people still call a network
MAX_FOLLOWERS = 999_999_999
FOLLOWERS_EXAMPLE = "1250"
# « 1 250 », « 1.250 », « 1,250 », « 1'250 »: thousands grouped as counters and French typography show them.
GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f.,'’][0-9]{3})+")
ROUNDED = re.compile(r"[0-9]+(?:[.,][0-9]+)?\s*[kKmM]")  # « 1,2k », « 3 M »: what a profile page shows


def _quoted(text: str) -> str:
    """« text » : — nothing when a line break or a control character would split or garble the message."""
    return "" if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text) else f"« {text} » : "


def _check_platform(value: Any) -> str:
    text = require_str(value).strip()
    if text in PLATFORMS:
        return text
    lower, said = text.lower(), _quoted(text)
    if lower in PLATFORMS:
        raise fail(f"{said}écrivez « {lower} », en minuscules")
    if lower in FORMER_NAMES:
        name = FORMER_NAMES[lower]
        raise fail(f"{said}ce réseau s'appelle désormais {PLATFORM_NAMES[name]} : écrivez « {name} »")
    raise fail(f"{said}réseau inconnu — réseaux possibles : {', '.join(PLATFORMS)}{suggest(lower, PLATFORMS)}")


Platform = Annotated[str, *scalar_type(_check_platform, {"type": "string", "enum": list(PLATFORMS)})]


def _check_followers(value: Any) -> int:
    """A count read on the account's page: digits only, never a rounded « 1,2 k »."""
    text = require_str(value).strip()
    if re.fullmatch(r"[0-9]{1,9}", text):  # at most MAX_FOLLOWERS
        return int(text)
    said = _quoted(text)
    if re.fullmatch(r"[0-9]+", text):
        raise fail(f"{said}plus d'un milliard d'abonnés : vérifiez le relevé")
    if GROUPED.fullmatch(text):
        raise fail(f"{said}écrivez le nombre sans séparateur de milliers : {re.sub(r'[^0-9]', '', text)}")
    if text.startswith("-"):
        raise fail(f"{said}un nombre d'abonnés ne peut pas être négatif")
    if ROUNDED.fullmatch(text):
        raise fail(
            f"{said}nombre arrondi : écrivez le nombre exact d'abonnés, en chiffres, tel que le compte "
            f"l'affiche dans ses statistiques (ex. {FOLLOWERS_EXAMPLE})"
        )
    raise fail(
        f"{said}écrivez le nombre d'abonnés en chiffres seulement, sans espace ni séparateur (ex. {FOLLOWERS_EXAMPLE})"
    )


Followers = Annotated[
    int,
    *scalar_type(
        _check_followers,
        {"type": ["integer", "string"], "minimum": 0, "maximum": MAX_FOLLOWERS, "pattern": "^[0-9]{1,9}$"},
    ),
]


def _check_target(value: Any) -> int:
    """A whole number; « 80 % » is read as what it is, a percentage written with its sign."""
    text = require_str(value).strip()
    if re.fullmatch(r"[0-9]{1,6}", text):
        return int(text)
    said, percentage = _quoted(text), re.fullmatch(r"([0-9]{1,6})\s*%", text)
    if percentage:
        raise fail(f"{said}écrivez le nombre seul, sans « % » : {percentage.group(1)}")
    if text.startswith("-"):
        raise fail(f"{said}un objectif ne peut pas être négatif")
    raise fail(f"{said}écrivez un nombre entier, en chiffres seulement (0, 1, 2…)")


Target = Annotated[
    int,
    *scalar_type(
        _check_target, {"type": ["integer", "string"], "minimum": 0, "maximum": 999_999, "pattern": "^[0-9]{1,6}$"}
    ),
]


class IndicatorSetting(Entry):
    """When an indicator is measured from, and the value it aims at."""

    model_config = ConfigDict(
        json_schema_extra={  # what editors read while typing, in French
            "description": "Réglage d'un indicateur : id, baseline (date de référence), target (objectif)"
        }
    )

    id: Annotated[str, *one_of(*INDICATORS, labels=INDICATORS)] = Field(
        description="Indicateur, et ce que vise son objectif : "
        + " ; ".join(f"{key} : {label}" for key, label in INDICATORS.items())
    )
    baseline: Day = Field(
        description="Date de référence, entre guillemets : l'indicateur est mesuré à partir de ce "
        "jour (pour abonnes, la base est le total relevé à cette date)"
    )
    target: Target | None = Field(
        None,
        description="Objectif : 30 (organisations), 80 (participation, en %), "
        "2 (plaidoyer, par an), 60 (abonnes, hausse en %)",
    )


class AudienceSnapshot(Entry):
    """One platform's follower count, read on one day."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": "Relevé d'audience : date, platform (réseau), followers (nombre d'abonnés ce jour-là)"
        }
    )

    date: Day = Field(description='Jour du relevé, entre guillemets : "2026-01-15"')
    platform: Platform = Field(description="Réseau : " + ", ".join(PLATFORMS))
    followers: Followers = Field(
        description="Nombre d'abonnés du compte de la Plateforme ce jour-là, en chiffres "
        f"sans espace : {FOLLOWERS_EXAMPLE}"
    )


INDICATOR_SETTINGS = Collection("data/indicators.yaml", IndicatorSetting, "indicateur")
AUDIENCE = Collection("data/social-audience.yaml", AudienceSnapshot, "relevé d'audience")
MEASUREMENT_FILES = (INDICATOR_SETTINGS, AUDIENCE)


def load_measurements(root: Path, problems: Problems, loaded: Loaded) -> None:
    """Read both optional files into `loaded` (no entries when a file does not exist)."""
    for collection in MEASUREMENT_FILES:
        path = root / collection.file
        exists = path.exists() or path.is_symlink()  # a symlink is refused by the loader, not ignored
        loaded.entries[collection.file] = load_collection(root, collection, problems, loaded) if exists else []


def check_measurements(loaded: Loaded, problems: Problems) -> None:
    """One setting per indicator; one reading per platform and day; a reading on the audience's baseline day or before."""
    settings: dict[str, Located[IndicatorSetting]] = {}
    for item in loaded.entries.get(INDICATOR_SETTINGS.file, []):
        first = settings.setdefault(item.entry.id, item)
        if first is not item:
            problems.add(
                item.problem(
                    ("id",),
                    f"indicateur « {item.entry.id} » déjà réglé "
                    f"({first.doc.file}:{first.doc.line(first.prefix)}) : "
                    "modifiez cette entrée-là ou supprimez celle-ci",
                )
            )
        if item.entry.id == "participation" and (item.entry.target or 0) > 100:
            problems.add(
                item.problem(
                    ("target",),
                    f"objectif de participation de {item.entry.target} % : "
                    "écrivez un pourcentage entre 0 et 100, ex. 80",
                )
            )
    readings: dict[tuple[date, str], Located[AudienceSnapshot]] = {}
    for item in loaded.entries.get(AUDIENCE.file, []):
        snapshot: AudienceSnapshot = item.entry
        earlier = readings.setdefault((snapshot.date, snapshot.platform), item)
        if earlier is not item:
            problems.add(
                item.problem(
                    ("platform",),
                    f"abonnés {PLATFORM_NAMES[snapshot.platform]} déjà relevés le "
                    f"{snapshot.date.isoformat()} ({earlier.doc.file}:"
                    f"{earlier.doc.line(earlier.prefix)}) : gardez un seul relevé par jour",
                )
            )
    _check_audience_baseline(settings.get("abonnes"), readings, loaded, problems)


def _check_audience_baseline(
    setting: Located[IndicatorSetting] | None,
    readings: dict[tuple[date, str], Located[AudienceSnapshot]],
    loaded: Loaded,
    problems: Problems,
) -> None:
    """The growth of followers starts from the total read on `baseline` or before: some reading must be there.

    Not checked while a reading is refused: it may be the one that day."""
    if setting is None or not readings or loaded.rejected.get(AUDIENCE.file):
        return
    baseline, first = setting.entry.baseline, min(day for day, _ in readings)
    if first > baseline:
        problems.add(
            setting.problem(
                ("baseline",),
                f"aucun relevé d'audience le {baseline.isoformat()} ni avant (premier "
                f"relevé : {first.isoformat()}, {AUDIENCE.file}) : la hausse des "
                "abonnés se mesure à partir du total relevé ce jour-là ; écrivez "
                f'la date d\'un relevé, ex. "{first.isoformat()}"',
            )
        )
