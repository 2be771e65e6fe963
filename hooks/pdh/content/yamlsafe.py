"""Safe YAML reading for untrusted files: every scalar stays the string the author typed.

PyYAML follows YAML 1.1 (`NO` → False, `010` → 8, `1:20` → 80, dates guessed); the model
types values itself, so here every scalar is a string, empty values are None, and
aliases, anchors, explicit tags and duplicate keys are refused. Each value keeps its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python loader alone
    CParser = None  # type: ignore[misc, assignment]  # the class, or None without libyaml

from .errors import PathItem, Problem
from .yamlerrors import explain_syntax_error

if TYPE_CHECKING:
    from builtins import _ClassInfo  # what isinstance() accepts: the parsers' check_event takes the same

MAX_DEPTH = 20
MAX_FILE_BYTES = 10_000_000  # ten years of a busy agenda (5,000 events) is 2.5 MB


class _Guarded(Composer):
    """A composer that refuses aliases, anchors, tags and deep nesting; plain scalars stay strings."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}
    _depth = 0

    if TYPE_CHECKING:  # provided by the parser this composer is mixed with (PyYAML's Parser or libyaml's CParser)

        def check_event(self, *choices: _ClassInfo) -> bool: ...
        def peek_event(self) -> Event: ...

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        # The composer recurses once per level: bound it before Python's own limit is reached.
        if self._depth >= MAX_DEPTH:
            event = self.peek_event()
            raise _Refused(_line(event), f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)")
        self._depth += 1
        try:
            return self._compose_checked(parent, index)
        finally:
            self._depth -= 1

    def _compose_checked(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refused(_line(event), "les alias YAML (« *nom ») ne sont pas acceptés : recopiez la valeur")
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(_line(event), f"les ancres YAML (« &{anchor} ») ne sont pas acceptées : recopiez la valeur")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(_line(event), f"étiquette YAML « {tag} » non acceptée : écrivez une valeur simple")
        return Composer.compose_node(self, parent, index)


def _line(event: Event) -> int:
    """The line an event starts on, from 1 (both parsers mark where each event starts)."""
    assert event.start_mark is not None
    return event.start_mark.line + 1


class _StringLoader(_Guarded, yaml.SafeLoader):
    """Pure-Python loader: slower, but its error messages are the ones `explain_syntax_error` knows."""


if CParser is not None:

    class _FastLoader(_Guarded, CParser, SafeConstructor, Resolver):
        """libyaml's parser under the same guarded composer: about 6× faster on a valid file."""

        def __init__(self, text: str):
            CParser.__init__(self, text)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


class _Refused(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message


@dataclass
class Document:
    """A parsed YAML document: plain data plus the line of every value and key."""

    file: str
    data: Any
    lines: dict[tuple[PathItem, ...], int] = field(default_factory=dict)
    base_line: int = 0

    def line(self, path: tuple[PathItem, ...]) -> int:
        """Line of the value at `path`, or of its closest existing parent."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def _fast_root(text: str) -> Node | None:
    """The document's root node through libyaml, or None (no libyaml, an empty document, or any
    error: the pure-Python loader then parses again and explains what is wrong)."""
    if CParser is None:
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except Exception:  # noqa: BLE001 - every refusal is reported by the slow path
        return None
    finally:
        loader.dispose()


def parse_yaml(text: str, file: str, *, base_line: int = 0) -> tuple[Document | None, list[Problem]]:
    """Parse untrusted YAML; return the document, or None and the problems found."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        return None, [Problem(file, 0, f"fichier trop volumineux (plus de {MAX_FILE_BYTES // 1_000_000} Mo)")]
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1 + base_line
        return None, [Problem(file, line, "tabulation interdite en YAML : indentez avec des espaces")]
    try:
        loader = _StringLoader(text)
    except yaml.reader.ReaderError as exc:  # checked on the whole text before parsing
        line = text.count("\n", 0, exc.position) + 1 + base_line
        return None, [Problem(file, line, f"caractère de contrôle interdit (U+{exc.character:04X}) : retapez la ligne")]
    root = _fast_root(text)
    try:
        if root is None:
            root = loader.get_single_node()
    except _Refused as refused:
        return None, [Problem(file, refused.line + base_line, refused.message)]
    except yaml.MarkedYAMLError as exc:
        line, message = explain_syntax_error(exc, text)
        return None, [Problem(file, line + base_line, f"YAML illisible : {message}")]
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError) as exc:
        # Anything else a library raises on hostile bytes still ends as a located message.
        return None, [
            Problem(
                file, base_line + 1, f"YAML illisible ({type(exc).__name__}) : vérifiez l'indentation et les guillemets"
            )
        ]
    finally:
        loader.dispose()
    doc = Document(file=file, data=None, base_line=base_line)
    problems: list[Problem] = []
    if root is None:
        return doc, problems
    doc.data = _convert(root, (), doc, problems)
    return (None if problems else doc), problems


def _convert(node: Node, path: tuple[PathItem, ...], doc: Document, problems: list[Problem]) -> Any:
    line = node.start_mark.line + 1 + doc.base_line
    doc.lines[path] = line
    if isinstance(node, ScalarNode):
        # Left empty, also as an empty block (`description: |`): not given. Quoted "" stays a string.
        if not node.value.strip() and node.style in (None, "", "|", ">"):  # "": plain, from libyaml
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [_convert(child, path + (i,), doc, problems) for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + doc.base_line
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(doc.file, key_line, "un nom de champ doit être un simple mot"))
                continue
            key = key_node.value
            if key in out:
                first = doc.lines.get(path + (key,), line)
                problems.append(Problem(doc.file, key_line, f"champ « {key} » présent deux fois (déjà ligne {first})"))
                continue
            out[key] = _convert(value_node, path + (key,), doc, problems)
            # A key's own line wins: an unknown or empty field is reported where its name is.
            doc.lines[path + (key,)] = key_line
        return out
    raise AssertionError(f"unexpected YAML node {node!r}")
