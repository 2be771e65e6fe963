"""Contributed SVG: parsed without DTD or entities, kept to an allow-list, and written anew (never the bytes sent).

An SVG opened at its own URL is a document of our origin: anything a deny-list misses would run there.
Refused, with a French reason (a hostile construct is never silently repaired):
  processing instructions (`<?xml-stylesheet?>`), DOCTYPE and entities, a root other than SVG's `<svg>`,
  SVG elements outside the allow-list (script, foreignObject, animation, image, a, …), elements of XHTML,
  XSLT or any namespace not known as editor metadata, event handlers (`on…`, any case), links other than
  a local `#id`, `url(` other than `url(#id)`, CSS at-rules, escapes and complex selectors (see svgcss),
  `javascript:` in a value, sizes that are not finite positive numbers, too many or too deeply nested elements,
  `<use>` that loops or multiplies the drawing past the element limit (svguse).
Dropped, as inert: comments, `<metadata>` and editor elements (Inkscape, Sodipodi, RDF, Adobe, …) once their
  content is checked, attributes in other namespaces (editor data), unknown attributes without namespace that
  look inert (`data-name`, `enable-background`, …), `class` and `style` once applied as presentation attributes.
  An unknown attribute can only be dropped, never kept: dropping changes the drawing at worst, not its safety.
Rewritten: `xlink:href` becomes SVG 2's `href` (no xlink namespace in the output); the output has no XML
  declaration, SVG as its default namespace, and is the same bytes when cleaned again.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import NoReturn

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, fromstring

from .svgcss import LOCAL_REF, PROPERTIES, StyleSheet, SvgRefused, check_text, check_value
from .svguse import check_reuse

__all__ = ["SvgRefused", "clean_svg", "svg_refusal", "svg_size", "clean_content_svgs"]

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
MAX_ELEMENTS = 50_000
MAX_DEPTH = 100

FILTERS = (
    "feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting "
    "feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur "
    "feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence"
)
ELEMENTS = frozenset(
    (
        "svg g defs title desc symbol use switch path rect circle ellipse line polyline polygon "
        "text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker filter " + FILTERS
    ).split()
)
ATTRIBUTES = (
    frozenset(
        """
    id x y width height rx ry cx cy r fx fy fr x1 y1 x2 y2 d points pathLength transform viewBox
    preserveAspectRatio version baseProfile gradientUnits gradientTransform spreadMethod offset patternUnits
    patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits markerUnits markerWidth
    markerHeight refX refY orient dx dy rotate textLength lengthAdjust startOffset method spacing side
    filterUnits primitiveUnits in in2 result stdDeviation mode type values tableValues slope intercept amplitude
    exponent operator k1 k2 k3 k4 kernelMatrix order divisor bias targetX targetY edgeMode preserveAlpha
    surfaceScale diffuseConstant specularConstant specularExponent kernelUnitLength azimuth elevation pointsAtX
    pointsAtY pointsAtZ limitingConeAngle z scale xChannelSelector yChannelSelector radius baseFrequency
    numOctaves seed stitchTiles systemLanguage requiredFeatures role aria-label aria-labelledby
    aria-describedby aria-hidden focusable lang
""".split()
    )
    | PROPERTIES
)
ACTIVE = frozenset("script foreignObject iframe embed object handler listener video audio canvas".split())
ANIMATION = frozenset("animate animateMotion animateTransform animateColor set discard mpath".split())
LOADING = frozenset("image feImage font-face-uri color-profile cursor tref altGlyph glyphRef".split())
FOREIGN = {
    "http://www.w3.org/1999/xhtml": "XHTML",
    "http://www.w3.org/1999/XSL/Transform": "XSLT",
    "http://www.w3.org/1998/Math/MathML": "MathML",
    "http://www.w3.org/2001/xml-events": "XML Events",
}
# Editors' own data: never interpreted by browsers, dropped with everything inside (once checked).
METADATA = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://purl.org/dc/elements/1.1/",
    "http://purl.org/dc/terms/",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://ns.adobe.com/",
    "adobe:ns:meta/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
    "http://www.figma.com/figma/ns",
    "http://www.corel.com/coreldraw/odm/2003",
)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z")
_LENGTH = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*\Z")
_PX = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_ACTIVE_VALUE = re.compile(r"(?:java|vb)script:|expression\(|url\(", re.I)


class _Target(ET.TreeBuilder):
    """Builds the tree with comments (to drop them knowingly), refuses PIs, bounds size and depth."""

    def __init__(self) -> None:
        super().__init__(insert_comments=True)
        self.count = self.depth = 0

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        self.count += 1
        self.depth += 1
        if self.count > MAX_ELEMENTS:
            raise SvgRefused(f"trop d'éléments (plus de {MAX_ELEMENTS:,})".replace(",", "\u202f"))
        if self.depth > MAX_DEPTH:
            raise SvgRefused(f"éléments imbriqués trop profondément (plus de {MAX_DEPTH} niveaux)")
        return super().start(tag, attrs)

    def end(self, tag: str) -> ET.Element:
        self.depth -= 1
        return super().end(tag)

    def pi(self, target: str, text: str | None = None) -> NoReturn:
        raise SvgRefused(f"instruction de traitement <?{target}?> interdite")


def _parse(data: bytes) -> ET.Element:
    parser = DefusedXMLParser(target=_Target(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        return parser.close()
    except DefusedXmlException:
        raise SvgRefused("déclaration DOCTYPE ou ENTITY interdite") from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise SvgRefused(f"XML mal formé (ligne {line}, colonne {column + 1})") from None
    except (LookupError, ValueError):  # an encoding expat does not read (UTF-7, unknown names)
        raise SvgRefused("encodage non pris en charge : enregistrez le fichier en UTF-8") from None


def _split(name: str) -> tuple[str | None, str]:
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return None, name


def _is_metadata(namespace: str | None) -> bool:
    return namespace is not None and namespace.startswith(METADATA)


def _refuse_element(namespace: str | None, local: str) -> None:
    """Raise the reason an element may not appear anywhere, even inside dropped metadata."""
    if namespace == SVG:
        if local in ACTIVE:
            raise SvgRefused(f"élément actif <{local}> interdit")
        if local in ANIMATION:
            raise SvgRefused(f"élément <{local}> (animation) interdit")
        if local in LOADING:
            raise SvgRefused(f"élément <{local}> interdit (il charge un autre fichier)")
        if local == "a":
            raise SvgRefused("élément <a> (lien) interdit")
        if local not in ELEMENTS and local not in ("style", "metadata"):
            raise SvgRefused(f"élément <{local}> non pris en charge")
    elif namespace is None:
        raise SvgRefused(f"élément <{local}> sans espace de noms interdit")
    elif namespace in FOREIGN:
        raise SvgRefused(f"élément <{local}> d'un autre espace de noms ({FOREIGN[namespace]}) interdit")
    elif not _is_metadata(namespace):
        raise SvgRefused(f"élément <{local}> d'un espace de noms inconnu (« {namespace[:80]} ») interdit")


def _is_comment(element: ET.Element) -> bool:
    tag: object = element.tag  # the typing of ElementTree leaves out comments, whose tag is the Comment function
    return tag is ET.Comment


def _check_dropped(element: ET.Element) -> None:
    """Everything inside dropped metadata must itself be editor metadata: browsers would run the rest."""
    for child in element.iter():
        if _is_comment(child) or child is element:
            continue
        namespace, local = _split(child.tag)
        _refuse_element(namespace, local)
        if namespace == SVG:
            raise SvgRefused(f"élément <{local}> à l'intérieur de métadonnées interdit")


def _style_text(element: ET.Element) -> str:
    """All of a `<style>`'s text, including what follows a comment inside it (browsers read it too)."""
    parts = [element.text or ""]
    for child in element:
        if not _is_comment(child):
            raise SvgRefused("élément <style> contenant d'autres éléments interdit")
        parts.append(child.tail or "")
    return "".join(parts)


def _check_href(value: str) -> None:
    if not LOCAL_REF.match(value.strip()):
        raise SvgRefused(f"lien « {value.strip()[:60]} » interdit (seul un lien interne « #… » est accepté)")


def _check_size(name: str, value: str) -> None:
    label = {"width": "largeur", "height": "hauteur"}[name]
    match = _LENGTH.match(value)
    if not match or not math.isfinite(float(match[1])) or float(match[1]) <= 0:
        raise SvgRefused(f"{label} « {value[:40]} » invalide (nombre positif attendu)")


def _view_box(value: str) -> tuple[float, float, float, float]:
    parts = re.split(r"[\s,]+", value.strip())
    numbers = [float(p) for p in parts] if all(_NUMBER.match(p) for p in parts) else []
    if len(numbers) != 4 or not all(map(math.isfinite, numbers)) or min(numbers[2:]) <= 0:
        raise SvgRefused(f"viewBox « {value[:60]} » invalide (quatre nombres, largeur et hauteur positives)")
    return numbers[0], numbers[1], numbers[2], numbers[3]


def _attributes(element: ET.Element, local: str, sheet: StyleSheet, is_root: bool) -> dict[str, str]:
    out: dict[str, str] = {}
    plain_href = "href" in element.attrib
    for name, value in element.attrib.items():
        namespace, attr = _split(name)
        if attr == "href" and namespace in (None, XLINK):
            _check_href(value)
            if namespace is None or not plain_href:  # SVG 2: `href` wins over `xlink:href`
                out["href"] = value.strip()
        elif namespace is None:
            if attr.lower().startswith("on"):
                raise SvgRefused(f"gestionnaire d'événement « {attr} » interdit")
            if attr in ("class", "style"):
                continue
            if attr in ATTRIBUTES:
                for active in _ACTIVE_VALUE.finditer(value):  # `url(` is checked as CSS in properties
                    if active[0].lower() != "url(" or attr not in PROPERTIES:
                        raise SvgRefused(f"« {active[0]} » interdit dans l'attribut « {attr} »")
                if attr in PROPERTIES:
                    check_value(value)
                else:
                    check_text(value)
                out[attr] = value
            elif _ACTIVE_VALUE.search(value):
                raise SvgRefused(f"attribut « {attr} » au contenu actif interdit")
        elif namespace == XML and (
            value in ("default", "preserve")
            if attr == "space"
            else attr == "lang" and re.fullmatch(r"[A-Za-z0-9-]{1,35}", value)
        ):
            out[name] = value
    if is_root:
        for size in ("width", "height"):
            if size in out:
                _check_size(size, out[size])
    if "viewBox" in out:
        _view_box(out["viewBox"])
    css = sheet.cascade(local, element.get("class"), element.get("id"), element.get("style"))
    out.update(css)
    return out


def _clean(element: ET.Element, sheet: StyleSheet, is_root: bool = False) -> ET.Element:
    _namespace, local = _split(element.tag)
    attributes = _attributes(element, local, sheet, is_root)
    out = ET.Element(local, {"xmlns": SVG, **attributes} if is_root else attributes)
    out.text = element.text
    last = None
    for child in element:
        comment = _is_comment(child)
        namespace, child_local = _split(child.tag) if not comment else (None, "")
        if comment or (namespace == SVG and child_local in ("style", "metadata")) or _is_metadata(namespace):
            if not comment and child_local != "style":
                _check_dropped(child)
            if child.tail:  # keep the text that followed the dropped node (it may be part of a <text>)
                if last is None:
                    out.text = (out.text or "") + child.tail
                else:
                    last.tail = (last.tail or "") + child.tail
            continue
        _refuse_element(namespace, child_local)
        last = _clean(child, sheet)
        last.tail = child.tail
        out.append(last)
    return out


def clean_svg(data: bytes) -> bytes:
    """The SVG rebuilt from its allowed elements and attributes, CSS applied as attributes; SvgRefused otherwise."""
    root = _parse(data)
    if root.tag != f"{{{SVG}}}svg":
        raise SvgRefused(f"l'élément racine doit être <svg> dans l'espace de noms SVG (xmlns=\"{SVG}\")")
    styles = [e for e in root.iter(f"{{{SVG}}}style")]
    sheet = StyleSheet("\n".join(_style_text(e) for e in styles))
    cleaned = _clean(root, sheet, is_root=True)
    check_reuse(cleaned, MAX_ELEMENTS)
    return ET.tostring(cleaned, encoding="unicode").encode("utf-8") + b"\n"


EXPORT_HINT = (
    "enregistrez le dessin en « SVG simple » (Inkscape : « SVG optimisé » ; Illustrator : Exporter → SVG, "
    "styles en « attributs de présentation ») ou déposez un PNG"
)


def svg_refusal(data: bytes) -> str | None:
    """The French reason why this SVG cannot be published, and what to do, or None."""
    try:
        clean_svg(data)
    except SvgRefused as exc:
        return f"{exc.reason} — {EXPORT_HINT}"
    return None


def svg_size(data: bytes) -> tuple[float, float]:
    """Intrinsic width and height of a cleaned SVG (its viewBox first), for the space pages reserve."""
    root = fromstring(data)
    try:
        if root.get("viewBox"):
            return _view_box(root.get("viewBox", ""))[2:]
        width, height = _LENGTH.match(root.get("width", "")), _LENGTH.match(root.get("height", ""))
        if width and width[2] in _PX and height and height[2] in _PX:
            return float(width[1]) * _PX[width[2]], float(height[1]) * _PX[height[2]]
    except SvgRefused:
        pass
    return 1.0, 1.0


def clean_content_svgs(root: Path) -> dict[str, bytes]:
    """Cleaned bytes of every SVG under content/ (path relative to it), which MkDocs would copy as sent."""
    content = root / "content"
    out = {}
    for path in sorted(content.rglob("*")) if content.is_dir() else []:
        rel = path.relative_to(content)
        # MkDocs skips dot-files and /templates/ by default: those are not published at all.
        if (
            path.suffix.lower() == ".svg"
            and path.is_file()
            and not path.is_symlink()
            and not any(part.startswith(".") for part in rel.parts)
            and rel.parts[0] != "templates"
        ):
            out[rel.as_posix()] = clean_svg(path.read_bytes())
    return out
