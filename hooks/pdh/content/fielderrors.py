"""Pydantic's validation errors as contributors read them: the field's path and a French message."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .errors import PathItem, format_field


def translate(err: ErrorDetails, model: type[BaseModel]) -> tuple[tuple[PathItem, ...], str, str]:
    """A pydantic error → (path of the field, field shown, French message)."""
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "pdh":
        return loc, format_field(loc), err["ctx"]["message"]
    if kind == "missing":
        return loc, format_field(loc), "champ obligatoire manquant"
    if kind == "extra_forbidden":
        known = _known_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f" — vouliez-vous dire « {close[0]} » ?" if close else f" (champs possibles : {', '.join(known)})"
        return loc, format_field(loc[:-1]), f"champ inconnu « {loc[-1]} »{hint}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if err.get("input") is None:
            return loc, format_field(loc), "valeur vide"
        return loc, format_field(loc), "attendu : un ensemble de champs (« nom: valeur » sur les lignes suivantes)"
    if kind == "list_type":
        return loc, format_field(loc), "attendu : une liste"
    if kind == "too_long":
        ctx = err.get("ctx", {})
        return (
            loc,
            format_field(loc),
            (
                f"trop de valeurs : {ctx.get('actual_length')} (maximum {ctx.get('max_length')}) ; "
                "gardez les plus importantes"
            ),
        )
    if kind == "too_short":
        return loc, format_field(loc), "liste vide : au moins un élément est attendu"
    return loc, format_field(loc), "valeur invalide"


def _known_fields(model: type[BaseModel], path: tuple[PathItem, ...]) -> list[str]:
    current: Any = model
    for item in path:
        if isinstance(item, int):
            continue
        info = getattr(current, "model_fields", {}).get(item)
        if info is None:
            return []
        current = _model_in(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    for meta in getattr(annotation, "__metadata__", ()) or ():
        found = _model_in(meta)
        if found is not None:
            return found
    return None
