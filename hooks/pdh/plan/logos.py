"""Member logos: raster logos resized to the sizes pages use, SVG rebuilt by `svg.clean_svg`, placeholders otherwise."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage

from ..content.assets import MAX_PIXELS
from ..content.svg import clean_svg, svg_size

LOGO_DIR = "assets/logos"
BOXES = {"card": 64, "profile": 160}  # CSS pixels; raster files are made at twice that for sharp screens
PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS  # larger images raise instead of exhausting memory


@dataclass(frozen=True)
class Picture:
    src: str  # path of the file in the built site
    width: int  # CSS pixels, so the page reserves the space before the image arrives
    height: int


@dataclass(frozen=True)
class Logo:
    card: Picture
    profile: Picture


def _fit(width: float, height: float, box: int) -> tuple[int, int]:
    scale = min(box / width, box / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def prepare_logo(member_id: str, path: Path) -> tuple[Logo, dict[str, bytes]]:
    """The logo's pictures and the files to add to the site (path → bytes)."""
    data = path.read_bytes()
    if path.suffix.lower() == ".svg":
        cleaned = clean_svg(data)  # never the submitted bytes: opened at its own URL, an SVG is a document
        width, height = svg_size(cleaned)
        src = f"{LOGO_DIR}/{member_id}.svg"
        card, profile = (Picture(src, *_fit(width, height, BOXES[k])) for k in ("card", "profile"))
        return Logo(card, profile), {src: cleaned}
    files: dict[str, bytes] = {}
    pictures: dict[str, Picture] = {}
    with PILImage.open(io.BytesIO(data)) as image:
        image.load()
        rgba = image.convert("RGBA")
        for kind, box in BOXES.items():
            copy = rgba.copy()
            copy.thumbnail((box * 2, box * 2), PILImage.Resampling.LANCZOS)
            out = io.BytesIO()
            copy.save(out, format="WEBP", quality=88, method=6)
            src = f"{LOGO_DIR}/{member_id}-{kind}.webp"
            files[src] = out.getvalue()
            pictures[kind] = Picture(src, *_fit(copy.width, copy.height, box))
    return Logo(pictures["card"], pictures["profile"]), files


def initials(name: str, acronym: str | None) -> str:
    """Letters for the placeholder of a member without a logo."""
    if acronym:
        if len(acronym) <= 6:
            return acronym  # whole: « Ruba » for RUBAIYAT or « DAO- » would name no one
        first = re.split(r"[\s\-/.]", acronym, maxsplit=1)[0]
        return first if 2 <= len(first) <= 6 else acronym[0].upper()
    # Without an acronym, one letter: initials could pass for an acronym the member never chose.
    first = next((c for c in name if c.isalnum()), "?")
    return first.upper()
