"""CSS inside contributed SVG: read with tinycss2 (escapes decoded), checked token by token, turned into attributes.

Illustrator writes `<style>.st0{fill:#E30613}</style>` and `class="st0"`, Inkscape writes `style="fill:#000"`.
Both become presentation attributes, so the published SVG carries no CSS at all. Only selectors that are a
tag, classes and an id (`rect`, `.st0`, `#a`, `path.st0`, lists of these) are supported; any at-rule, any
`url(` other than `url(#id)`, any function outside a small list of colour, transform and filter functions,
and any backslash (a CSS escape) are refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import tinycss2
from tinycss2.ast import Node  # tinycss2 has no type information: Any to mypy

LOCAL_REF = re.compile(r"#[^\W\d][\w.:-]*\Z")  # `#id`: an element of the same file, nothing else
HINT = "exportez le SVG avec des attributs de présentation (option « Attributs de présentation » ou « SVG simple »)"

# Properties that SVG also accepts as presentation attributes (SVG 1.1 and 2). `transform` is left out:
# its CSS syntax (units) differs from the attribute's; `cursor` is left out: it loads images.
PROPERTIES = frozenset(
    """
    alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation
    color-interpolation-filters color-rendering direction display dominant-baseline fill fill-opacity fill-rule
    filter flood-color flood-opacity font-family font-size font-size-adjust font-stretch font-style font-variant
    font-weight image-rendering letter-spacing lighting-color marker-end marker-mid marker-start mask mask-type
    opacity overflow paint-order pointer-events shape-rendering stop-color stop-opacity stroke stroke-dasharray
    stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity stroke-width text-anchor
    text-decoration text-rendering transform-origin unicode-bidi vector-effect visibility word-spacing writing-mode
""".split()
)
FUNCTIONS = frozenset(
    """
    rgb rgba hsl hsla hwb lab lch oklab oklch color-mix calc min max clamp rect
    matrix translate translatex translatey scale scalex scaley rotate skew skewx skewy
    blur brightness contrast drop-shadow grayscale hue-rotate invert opacity saturate sepia
""".split()
)


Declaration = tuple[str, str, bool]  # (property, value, important)


class SvgRefused(Exception):
    """A contributed SVG that cannot be published; `reason` is the French message for its author."""

    def __init__(self, reason: str):
        self.reason = f"SVG refusé : {reason}"
        super().__init__(self.reason)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def check_tokens(tokens: Iterable[Node]) -> None:
    """Refuse at-rules, non-local `url(`, unknown functions and unreadable CSS, however they were written."""
    for token in tokens:
        kind = token.type
        if kind == "error":
            raise SvgRefused(f"CSS illisible (ligne {token.source_line}, colonne {token.source_column})")
        if kind == "at-keyword":
            raise SvgRefused(f"règle CSS « @{token.lower_value} » interdite")
        if kind == "url" and not LOCAL_REF.match(token.value):
            raise SvgRefused(f"référence externe « url({_short(token.value)}) » interdite (seul url(#…) est accepté)")
        if kind == "function":
            if token.lower_name == "url":
                args = [a for a in token.arguments if a.type not in ("whitespace", "comment")]
                if len(args) != 1 or args[0].type != "string" or not LOCAL_REF.match(args[0].value):
                    raise SvgRefused(
                        f"référence externe « {_short(tinycss2.serialize([token]))} » interdite "
                        "(seul url(#…) est accepté)"
                    )
            elif token.lower_name not in FUNCTIONS:
                raise SvgRefused(f"fonction CSS « {token.lower_name}() » interdite")
            else:
                check_tokens(token.arguments)
        elif kind in ("() block", "[] block", "{} block"):
            check_tokens(token.content)


def check_text(css: str) -> None:
    """A backslash is a CSS escape: readers and tools disagree on them, so none is accepted."""
    if "\\" in css:
        raise SvgRefused("échappement CSS « \\ » interdit")


def check_value(value: str) -> None:
    """A presentation attribute's value, which browsers parse as CSS."""
    check_tokens(tinycss2.parse_component_value_list(value))
    check_text(value)


def _value(tokens: list[Node]) -> str:
    tokens = [t for t in tokens if t.type != "comment"]
    text: str = tinycss2.serialize(tokens)
    return text.strip()


def _expect(node: Node, kind: str) -> None:
    """Refuse an at-rule (@import, @font-face…) or any node that is not of `kind`."""
    if node.type == "at-rule":
        raise SvgRefused(f"règle CSS « @{node.lower_at_keyword} » interdite")
    if node.type != kind:
        raise SvgRefused(f"CSS illisible (ligne {node.source_line}, colonne {node.source_column})")


def parse_declarations(css: str | list[Node]) -> list[Declaration]:
    """(property, value, important) of a `style` attribute or a rule's block, kept properties only."""
    out: list[Declaration] = []
    for item in tinycss2.parse_declaration_list(css, skip_comments=True, skip_whitespace=True):
        _expect(item, "declaration")
        check_tokens(item.value)
        value = _value(item.value)
        if item.lower_name in PROPERTIES and value:
            out.append((item.lower_name, value, item.important))
    if isinstance(css, str):
        check_text(css)
    return out


@dataclass(frozen=True)
class Selector:
    tag: str | None
    classes: frozenset[str]
    ids: frozenset[str]

    @property
    def specificity(self) -> tuple[int, int, int]:
        return len(self.ids), len(self.classes), int(self.tag is not None)

    def matches(self, tag: str, classes: set[str], element_id: str | None) -> bool:
        return (
            (self.tag is None or self.tag == tag) and self.classes <= classes and all(i == element_id for i in self.ids)
        )


def _selector(tokens: list[Node]) -> Selector:
    text = tinycss2.serialize(tokens).strip()
    tokens = [t for t in tokens if t.type != "comment"]
    while tokens and tokens[0].type == "whitespace":
        tokens.pop(0)
    while tokens and tokens[-1].type == "whitespace":
        tokens.pop()
    tag, classes, ids = None, set(), set()
    if tokens and tokens[0].type == "ident":
        tag = tokens.pop(0).value
    while tokens:
        token = tokens.pop(0)
        if token.type == "hash" and token.is_identifier:
            ids.add(token.value)
        elif token == "." and tokens and tokens[0].type == "ident":
            classes.add(tokens.pop(0).value)
        else:
            raise SvgRefused(f"sélecteur CSS « {_short(text)} » non pris en charge : {HINT}")
    if tag is None and not classes and not ids:
        raise SvgRefused(f"sélecteur CSS vide ou non pris en charge : {HINT}")
    return Selector(tag, frozenset(classes), frozenset(ids))


def parse_stylesheet(css: str) -> list[tuple[Selector, list[Declaration]]]:
    """(selector, declarations) of every rule, in source order; at-rules and complex selectors refused."""
    rules: list[tuple[Selector, list[Declaration]]] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        _expect(rule, "qualified-rule")
        check_tokens(rule.prelude)
        check_tokens(rule.content)
        declarations = parse_declarations(rule.content)
        parts: list[list[Node]] = [[]]
        for token in rule.prelude:
            if token == ",":
                parts.append([])
            else:
                parts[-1].append(token)
        rules.extend((_selector(part), declarations) for part in parts)
    check_text(css)
    return rules


class StyleSheet:
    """The rules of every `<style>` of a file, indexed so each element only tries the rules that may match."""

    def __init__(self, css: str):
        self._by_key: dict[tuple[str, str], list[tuple[int, Selector, list[Declaration]]]] = {}
        for order, (selector, declarations) in enumerate(parse_stylesheet(css) if css.strip() else []):
            if selector.ids:
                key = ("#", min(selector.ids))
            elif selector.classes:
                key = (".", min(selector.classes))
            else:
                key = ("", selector.tag or "")
            self._by_key.setdefault(key, []).append((order, selector, declarations))

    def cascade(self, tag: str, class_attr: str | None, element_id: str | None, style: str | None) -> dict[str, str]:
        """Property values for one element: importance, then inline style, specificity, source order."""
        classes = set((class_attr or "").split())
        keys = [("", tag), *((".", c) for c in classes)] + ([("#", element_id)] if element_id else [])
        found: list[tuple[tuple[bool, int, tuple[int, int, int], int, int], str, str]] = []
        for key in keys:
            for order, selector, declarations in self._by_key.get(key, ()):
                if selector.matches(tag, classes, element_id):
                    found.extend(
                        ((important, 0, selector.specificity, order, n), name, value)
                        for n, (name, value, important) in enumerate(declarations)
                    )
        if style:
            found.extend(
                ((important, 1, (0, 0, 0), 0, n), name, value)
                for n, (name, value, important) in enumerate(parse_declarations(style))
            )
        return {name: value for _key, name, value in sorted(found, key=lambda f: f[0])}
