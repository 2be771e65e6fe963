"""Form answers → YAML nodes, the way an editor following CONTRIBUTING.md would write them.

Lists are split where a person separates them (commas, or lines), a country or language named
in French becomes its code, and a local time gets the offset of its time zone (what the check
would ask to write); anything else stays as typed, and the model says what is wrong with it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from yaml.nodes import Node

from ..content import geo
from ..content.fields import SLUG
from .issuebody import Answer, Refused
from .issueforms import Form, FormField
from .yamlemit import Pairs, block_map, flow_list, markdown, scalar

LOCAL_TIME = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})(?:T|\s+|\s*à\s*)(?P<hour>\d{1,2})(?:[:h](?P<minute>\d{2})|h)")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANGUAGES_BY_NAME = {
    unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower(): code
    for code, name in geo.LANGUAGE_NAMES.items()
}


def slug_answer(answers: dict[str, Answer], form: Form) -> str:
    """The id the author chose (a file name, an address): lowercase ASCII words and dashes only."""
    value = str(answers["id"])
    if len(value) > 64 or not SLUG.fullmatch(value):
        title = next(f.title for f in form.fields if f.key == "id")
        raise Refused(
            [
                f"{title} : identifiant « {value[:80]} » invalide : lettres minuscules sans accent, chiffres et "
                "tirets seulement"
            ]
        )
    return value


def answer_pairs(answers: dict[str, Answer], form: Form, skip: set[str], zone: str = "Europe/Paris") -> Pairs:
    """(key, node) for every answered field, in the form's order; `place.city` grouped under `place`."""
    pairs: Pairs = []
    nested: dict[str, Pairs] = {}
    for field in form.fields:
        value = answers.get(field.key)
        if field.key in skip or not value:
            continue
        node = value_node(field, value, zone)
        parent, _, child = field.key.partition(".")
        if child:
            if parent not in nested:
                nested[parent] = []
                pairs.append((parent, block_map([])))  # keeps the parent's place in the order
            nested[parent].append((child, node))
        else:
            pairs.append((field.key, node))
    return [(key, block_map(nested[key]) if key in nested else node) for key, node in pairs]


def value_node(field: FormField, value: str | list[str], zone: str) -> Node:
    reads = field.reads
    if reads == "checks":
        return flow_list(list(value))
    text = str(value)
    if reads == "markdown":
        return markdown(text)
    if reads == "day":
        return scalar(text, '"')
    if reads in ("when", "instant"):  # an embargo is quoted, as CONTRIBUTING.md shows; event times are not
        when = local_time(text, zone)
        return scalar(when, '"' if DAY.fullmatch(when) or reads == "instant" else None)
    if reads == "lines":
        return flow_list([line.strip().removeprefix("- ").strip() for line in text.split("\n") if line.strip(" -")])
    if reads in ("ids", "users"):
        items = [item.removeprefix("@") if reads == "users" else item for item in re.split(r"[,;\s]+", text) if item]
        return flow_list(items)
    if reads == "codes":
        return flow_list([country_code(item) for item in re.split(r"\s*[,;\n]\s*", text.strip()) if item])
    if reads == "code":
        return scalar(country_code(text.strip()))
    if reads == "languages":
        return flow_list([language_code(item) for item in re.split(r"\s*[,;\s]\s*", text.strip()) if item])
    return scalar(text)


def country_code(text: str) -> str:
    """« co » → « CO », « Colombie » → « CO »; anything else as typed (the check then explains)."""
    if len(text) == 2 and text.isalpha() and text.upper() in geo.COUNTRY_CODES:
        return text.upper()
    return geo.code_for_name(text) or text


def language_code(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    if folded in geo.LANGUAGE_CODES:
        return folded
    return _LANGUAGES_BY_NAME.get(folded, text)


def local_time(text: str, zone: str) -> str:
    """« 2027-03-12 18:00 » (or « 18h ») in `zone` → « 2027-03-12T18:00+01:00 »; other values as typed."""
    match = LOCAL_TIME.fullmatch(text.strip())
    if not match:
        return text.strip()
    try:
        tz = ZoneInfo(zone if zone in geo.TIME_ZONES else "Europe/Paris")
        naive = datetime.fromisoformat(match["day"]).replace(hour=int(match["hour"]), minute=int(match["minute"] or 0))
    except (ValueError, ZoneInfoNotFoundError):
        return text.strip()
    offset = naive.replace(tzinfo=tz).strftime("%z")
    return f"{naive:%Y-%m-%dT%H:%M}{offset[:3]}:{offset[3:]}"
