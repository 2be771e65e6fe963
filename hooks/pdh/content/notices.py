"""Warnings: what a contributor should improve but that does not stop the site, and the model's fields by type.

An `http://` address works, but readers' browsers flag it as not secure and it can be tampered with on
the way: the check says which `https://` address to type if the site has one, and still passes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, PlainValidator, TypeAdapter, ValidationError

from .errors import PathItem, Problems
from .fields import Url
from .load import COLLECTIONS, PUBLICATIONS_DIR, Loaded, Located
from .model import PublicationMeta
from .press import PRESS_CONTACTS

FieldPath = tuple[str | None, ...]  # None stands for every item of a list
_HTTPS = TypeAdapter(Url)


def _validator(kind: Any) -> Any:
    return next(m.func for m in kind.__metadata__ if isinstance(m, PlainValidator))


def typed_paths(model: type[BaseModel], kind: Any) -> list[FieldPath]:
    """The paths of every field of `model` of type `kind` (Url, Day, When…), through nested entries and lists,
    so that a check (and its test) covers a field added later."""
    target = _validator(kind)
    return [
        (name, *rest)
        for name, info in model.model_fields.items()
        for rest in _paths_in(info.annotation, tuple(info.metadata), target)
    ]


def _paths_in(annotation: Any, metadata: tuple[Any, ...], target: Any) -> list[FieldPath]:
    if any(isinstance(m, PlainValidator) and m.func is target for m in metadata):
        return [()]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _paths_in(args[0], annotation.__metadata__, target)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [
            (name, *rest)
            for name, info in annotation.model_fields.items()
            for rest in _paths_in(info.annotation, tuple(info.metadata), target)
        ]
    if origin is list:
        return [(None, *rest) for rest in _paths_in(args[0], (), target)]
    if origin is Union or type(annotation).__name__ == "UnionType":
        return list(dict.fromkeys(path for arg in args for path in _paths_in(arg, (), target)))
    return []


def values_at(raw: Any, path: FieldPath, done: tuple[PathItem, ...] = ()) -> Iterator[tuple[tuple[PathItem, ...], Any]]:
    """(concrete path, value) of what an entry, as written, holds at `path`."""
    if not path:
        yield done, raw
    elif path[0] is None:
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            yield from values_at(item, path[1:], done + (index,))
    elif isinstance(raw, dict) and path[0] in raw:
        yield from values_at(raw[path[0]], path[1:], done + (path[0],))


def https_form(value: Any) -> str | None:
    """The https:// address to suggest for a valid http:// one, else None."""
    if not isinstance(value, str) or not value.strip().lower().startswith("http://"):
        return None
    candidate = "https://" + value.strip()[len("http://") :]
    try:
        _HTTPS.validate_python(value)
        _HTTPS.validate_python(candidate)
    except ValidationError:
        return None  # an address the validator refuses: its error already says what to type
    return candidate


def check_insecure_urls(loaded: Loaded, problems: Problems) -> None:
    """A warning on every http:// address of every data file and front matter, valid entries or not."""
    models = {**{c.file: c.model for c in COLLECTIONS}, PRESS_CONTACTS.file: PRESS_CONTACTS.model}
    groups: list[tuple[type[BaseModel], list[Located[object]]]] = [
        (model, [*loaded.entries.get(file, []), *loaded.rejected.get(file, [])]) for file, model in models.items()
    ]
    groups.append((PublicationMeta, [*loaded.publications, *loaded.rejected.get(PUBLICATIONS_DIR, [])]))
    for model, items in groups:
        paths = typed_paths(model, Url)
        for item in items:
            for path in paths:
                for where, value in values_at(item.raw, path):
                    secure = https_form(value)
                    if secure:
                        problems.warn(
                            item.problem(
                                where,
                                f"« {value.strip()} » : adresse non sécurisée (http://) ; si le "
                                f"site existe en https, écrivez « {secure} »",
                            )
                        )
