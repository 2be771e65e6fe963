"""`<use>` in a cleaned SVG: no reference loops, and a bounded drawing once every copy is made."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .svgcss import SvgRefused


def check_reuse(root: ET.Element, max_elements: int) -> None:
    """`<use>` draws a copy of what it points at: bound the drawing once every copy is made.

    Ten `<use>` of ten `<use>`… of a path make a small file that freezes whoever opens it
    (the « billion laughs » of SVG). Counted iteratively: a chain of references may be long.
    """
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}

    def edges(element: ET.Element) -> list[ET.Element]:
        """What drawing `element` draws: its children (not <defs> and <symbol>, drawn only when used), its <use> target."""
        target = by_id.get(element.get("href", "")[1:]) if element.tag == "use" else None
        return [
            *(child for child in element if child.tag not in ("defs", "symbol")),
            *([target] if target is not None else []),
        ]

    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[ET.Element, bool]] = [(root, False)]
    while stack:
        element, finished = stack.pop()
        key = id(element)
        if finished:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in edges(element))
            if sizes[key] > max_elements:
                raise SvgRefused(
                    f"dessin trop grand une fois les <use> développés (plus de {max_elements:,} éléments)".replace(
                        ",", "\u202f"
                    )
                )
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise SvgRefused("élément <use> qui se reprend lui-même (référence circulaire)")
        on_path.add(key)
        stack.append((element, True))
        stack.extend((child, False) for child in edges(element) if id(child) not in sizes)
