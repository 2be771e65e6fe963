"""YAML text for new and updated entries, in the data files' own style, always written by PyYAML's emitter.

Values are never concatenated into YAML: every value becomes a node that the emitter quotes as
needed, so no text can open a new entry or close a front matter. An update rewrites only the
lines of the fields it changes; every other byte of the file stays as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

STR, SEQ, MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
INT, BOOL = "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool"
Pairs = list[tuple[str, Node]]


class _Dumper(yaml.SafeDumper):
    """Block sequences indented under their key (`attachments:\\n  - file: …`), as in the data files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        """Double quotes where quotes are needed, as CONTRIBUTING.md shows (`title: "Colombie : la note"`)."""
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def scalar(text: str, style: str | None = None) -> ScalarNode:
    """A string; `style` '"' for dates (written "2019" in the files), None to let the emitter choose."""
    return ScalarNode(STR, text, style=style)


def number(text: str) -> ScalarNode:
    """A count written bare (`sequence: 0`)."""
    return ScalarNode(INT, text)


def boolean(value: bool) -> ScalarNode:
    return ScalarNode(BOOL, "true" if value else "false")


def markdown(text: str) -> ScalarNode:
    """A Markdown text as a literal block (`description: |`), ending with one line break."""
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    return ScalarNode(STR, "\n".join(lines).strip("\n") + "\n", style="|")


def flow_list(items: Sequence[str]) -> SequenceNode:
    """`[a, b]`, the style of the data files' lists."""
    return SequenceNode(SEQ, [scalar(item) for item in items], flow_style=True)


def block_list(nodes: Sequence[Node]) -> SequenceNode:
    return SequenceNode(SEQ, list(nodes), flow_style=False)


def block_map(pairs: Pairs, *, flow: bool = False) -> MappingNode:
    return MappingNode(MAP, [(scalar(key), value) for key, value in pairs], flow_style=flow)


def plain(node: Node) -> Any:
    """The value a reader of the emitted text gets back: strings, lists and dicts."""
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [plain(item) for item in node.value]
    return {key.value: plain(value) for key, value in node.value}


def emit(node: Node) -> str:
    """The YAML text of a collection node (never a bare scalar: no document end marker)."""
    assert not isinstance(node, ScalarNode)
    return yaml.serialize(node, Dumper=_Dumper, allow_unicode=True, width=1 << 20, explicit_end=False)


def append_entry(text: str, entry: MappingNode) -> str:
    """`text` (a data file, a list of entries) with `entry` added at its end after a blank line."""
    stripped = text.rstrip()
    if stripped.endswith("[]") and stripped.splitlines()[-1].strip() == "[]":  # « [] »: an empty list, now one entry
        text = stripped[:-2].rstrip() + "\n"
    head = text.rstrip("\n")
    return (head + "\n\n" if head else "") + emit(block_list([entry]))


def update_entry(text: str, index: int, updates: Pairs, orders: Mapping[str, Sequence[str]]) -> str:
    """`text` with the fields of its entry number `index` set to `updates`; nothing else changes.

    A MappingNode update is merged into the current mapping (only its keys change). A field
    that is absent is inserted after the closest field before it in `orders[path]` ("" for the
    entry, "social" for a nested mapping…).
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert root is not None  # the text holds entry number `index`
    entry = root.value[index]
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    edits: dict[int, tuple[int, list[str]]] = {}
    _splice(entry, updates, orders, "", lines, edits)
    for start in sorted(edits, reverse=True):
        end, new = edits[start]
        lines[start:end] = new
    return "".join(lines)


def _splice(
    mapping: MappingNode,
    updates: Pairs,
    orders: Mapping[str, Sequence[str]],
    path: str,
    lines: list[str],
    edits: dict[int, tuple[int, list[str]]],
) -> None:
    if mapping.flow_style or not mapping.value:
        raise ValueError(f"{path or 'entrée'} : écrite sur une seule ligne, elle ne peut pas être modifiée ici")
    column = mapping.value[0][0].start_mark.column
    spans = {key.value: (key.start_mark.line, _end_line(value, lines), value) for key, value in mapping.value}
    order = list(orders.get(path, ()))
    for key, node in updates:
        where = f"{path}.{key}" if path else key
        current = spans.get(key)
        if current is not None and isinstance(node, MappingNode) and isinstance(current[2], MappingNode):
            if not current[2].flow_style:
                _splice(current[2], [(k.value, v) for k, v in node.value], orders, where, lines, edits)
                continue
            node = _merged(current[2], node)
        new = _indented(emit(block_map([(key, node)])), column)
        if current is not None:
            _add(edits, current[0], current[1], new)
        else:
            at = _insertion_line(spans, key, order)
            _add(edits, at, at, new)


def _add(edits: dict[int, tuple[int, list[str]]], start: int, end: int, new: list[str]) -> None:
    """Two insertions at one place keep their order (the fields are given in the model's order)."""
    if start in edits:
        old_end, old_new = edits[start]
        edits[start] = (max(end, old_end), old_new + new)
    else:
        edits[start] = (end, new)


def _merged(current: MappingNode, update: MappingNode) -> MappingNode:
    """A flow mapping (`{fr: …, en: …}`) with some keys replaced, in the same style."""
    pairs = [(key.value, value) for key, value in current.value]
    new = {key.value: value for key, value in update.value}
    merged = [(key, new.pop(key, value)) for key, value in pairs] + list(new.items())
    return block_map(merged, flow=True)


def _insertion_line(spans: dict[str, tuple[int, int, Node]], key: str, order: list[str]) -> int:
    before = order[: order.index(key)] if key in order else order
    present = [name for name in before if name in spans]
    if present:
        return spans[present[-1]][1]
    if key in order:
        return min(start for start, _, _ in spans.values())
    return max(end for _, end, _ in spans.values())


def _end_line(node: Node, lines: list[str]) -> int:
    """The line after a value (0-based, exclusive), without the blank lines that follow a block text."""
    if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _end_line(last[1] if isinstance(node, MappingNode) else last, lines)
    end = node.end_mark.line + (1 if node.end_mark.column > 0 else 0)
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        while end > node.start_mark.line + 1 and not lines[end - 1].strip():
            end -= 1
    return end


def _indented(text: str, column: int) -> list[str]:
    pad = " " * column
    return [pad + line if line.strip() else line for line in text.splitlines(keepends=True)]
