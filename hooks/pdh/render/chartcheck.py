"""What a chart of /chiffres/ may contain: drawing and text, nothing that runs or loads (pdh.render.charts)."""

from __future__ import annotations

import re

import defusedxml.ElementTree as SafeXML

_NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
_REFUSED_TAGS = {"script", "foreignobject", "image", "feimage", "use", "a", "iframe", "object", "embed"}


class ChartError(ValueError):
    """A chart that cannot be drawn as described, or an SVG that fails our own safety check (our bug)."""


def check_svg(svg: str) -> str:
    """`svg` if nothing in it can run or load anything, else ChartError (our bug); texts may say anything."""
    try:
        elements = list(SafeXML.fromstring(svg).iter())  # defusedxml: no DOCTYPE, no entity
    except Exception as error:
        raise ChartError(f"charts : SVG illisible ({error})") from error
    for element in elements:
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in _REFUSED_TAGS:
            raise ChartError(f"charts : élément <{tag}> refusé dans le SVG")
        values = [(name.rsplit("}", 1)[-1].lower(), value) for name, value in element.attrib.items()]
        for name, value in values + ([("style", element.text or "")] if tag == "style" else []):
            if (
                name.startswith("on")
                or name == "href"
                or (name != "aria-label" and re.search(r"url\(|@import|javascript:|http", value, re.I))
            ):
                raise ChartError(f"charts : {name}=« {value[:60]} » refusé dans le SVG")
    if set(re.findall(r"xmlns(?::[\w.-]+)?\s*=\s*[\"']([^\"']*)", svg)) - _NAMESPACES:  # not attributes for ElementTree
        raise ChartError("charts : espace de noms inattendu dans le SVG")
    return svg
