"""OpenGraph « social cards »: a 1200 × 630 PNG per page, drawn offline with Pillow, cached between builds.

Every text is untrusted: it is cleaned (controls and invisible characters dropped), wrapped by
measured width and cut with « … », so any string gives a card, never an exception. The same inputs
give the same bytes: no metadata, no clock, a fixed palette for the drawing and a deterministic one
for the logo.
"""

from __future__ import annotations

import functools
import io
import itertools
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import TypedDict

import PIL
from PIL import Image, ImageColor, ImageDraw, features

from ..content.cache import cache_root, digest
from . import cardtext
from .cardtext import clean, lines_of, one_line, typeface, wrap_title

CARD_SIZE = (1200, 630)
WHITE, BLUE, ACCENT, MUTED, RULE = "#ffffff", "#123f6d", "#8a1538", "#4a5b70", "#d3dce6"  # on white: 10.7, 9.4, 7:1
INKS = (BLUE, ACCENT, MUTED, RULE)  # every colour drawn on the white card (white text only on ACCENT)
BAND = 24  # the blue band on the left
LEFT, RIGHT, TOP, BOTTOM = BAND + 72, CARD_SIZE[0] - 72, 72, CARD_SIZE[1] - 64
LOGO_BOX, TILE_PAD, GUTTER = 200, 16, 48
TITLE_FITS = ((64, 3), (56, 4))  # (pixels, lines): the first that holds the whole title, else the last, cut


def social_card(
    *, title: str, kind: str, date: str | None, site_name: str, logo: bytes | None = None, lang: str = "fr"
) -> bytes:
    """PNG bytes of the card: kind label, title (at most four lines), date, site name, and the logo top-right."""
    card = Image.new("RGB", CARD_SIZE, WHITE)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, BAND - 1, CARD_SIZE[1] - 1), fill=BLUE)
    picture = _decode_logo(logo) if logo else None
    width, y, at = RIGHT - LEFT, TOP, (0, 0)
    if picture is not None:
        tile = LOGO_BOX + 2 * TILE_PAD
        x = RIGHT - tile
        draw.rounded_rectangle((x, TOP, x + tile - 1, TOP + tile - 1), radius=16, fill=WHITE, outline=RULE, width=2)
        at = (x + (tile - picture.width) // 2, TOP + (tile - picture.height) // 2)
        width -= tile + GUTTER
    if label := clean(kind, lang).upper():
        y = _draw_label(draw, label, width) + 44
    size, lines = _fit_title(clean(title, lang), width)
    for number, line in enumerate(lines):  # text is placed by its baseline ("ls"), the same for any font
        y += round(size * 1.18) if number else round(size * 0.8)
        draw.text((LEFT, y), line, font=typeface("bold", size), fill=BLUE, anchor="ls")
    if date:
        font = typeface("regular", 30)
        y += round(size * 0.3) + 44
        draw.text((LEFT, y), one_line(clean(date, lang), font, width), font=font, fill=MUTED, anchor="ls")
    font = typeface("bold", 30)
    draw.rectangle((LEFT, BOTTOM - 64, LEFT + 63, BOTTOM - 59), fill=ACCENT)
    draw.text(
        (LEFT, BOTTOM - 6), one_line(clean(site_name, lang), font, RIGHT - LEFT), font=font, fill=BLUE, anchor="ls"
    )
    return _encode(card, picture, at)


def code_fingerprint() -> str:
    """What a card depends on besides its inputs: this code, Pillow, its text libraries and the fonts found."""
    fonts = [
        Path(path).read_bytes() if path else b"built-in"
        for path in map(cardtext.font_file, sorted(cardtext.FONT_PATHS))
    ]
    return digest(
        Path(__file__).read_bytes(),
        Path(cardtext.__file__).read_bytes(),
        PIL.__version__,
        features.version("freetype2") or "",
        features.version("raqm") or "",
        *fonts,
    )


class _CardInputs(TypedDict):
    """What a card is drawn from: social_card's keywords, which CardCache.path keys its file by."""

    title: str
    kind: str
    date: str | None
    site_name: str
    logo: bytes | None
    lang: str


class CardCache:
    """Cards by digest of their inputs and of the drawing code, one PNG file each, kept between builds.

    A file that is not a complete PNG of the card's size is drawn again; a write that fails only costs time.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else cache_root() / "social-cards"
        self.fingerprint = code_fingerprint()
        self.hits = self.misses = 0
        self._used: set[Path] = set()

    def path(
        self, *, title: str, kind: str, date: str | None, site_name: str, logo: bytes | None = None, lang: str = "fr"
    ) -> Path:
        """The file of the card for these inputs."""
        key = digest(self.fingerprint, json.dumps([title, kind, date, site_name, lang]), logo or b"")
        return self.directory / f"{self.fingerprint[:16]}-{key}.png"

    def get_or_draw(
        self, *, title: str, kind: str, date: str | None, site_name: str, logo: bytes | None = None, lang: str = "fr"
    ) -> bytes:
        """The card from the cache, else drawn and stored."""
        inputs: _CardInputs = {
            "title": title,
            "kind": kind,
            "date": date,
            "site_name": site_name,
            "logo": logo,
            "lang": lang,
        }
        path = self.path(**inputs)
        self._used.add(path)
        try:
            data = path.read_bytes()
            if _is_card(data):
                self.hits += 1
                return data
        except OSError:
            pass  # not drawn yet, or unreadable: drawn again
        data = social_card(**inputs)
        self.misses += 1
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.directory, prefix=".", suffix=".tmp", delete=False) as handle:
                handle.write(data)
            os.replace(handle.name, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
        return data

    def prune(self, keep_used_only: bool = True) -> None:
        """Delete the cards this process did not ask for (with False: only those drawn by other code)."""
        try:
            for path in self.directory.glob("*.png"):
                if path not in self._used if keep_used_only else not path.name.startswith(self.fingerprint[:16]):
                    path.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be cleaned only costs room


def _fit_title(title: str, width: int) -> tuple[int, list[str]]:
    """The largest title size that shows the whole title, else the smallest, with the title cut."""

    def fits(size: int, lines: int) -> bool:
        return sum(1 for _ in itertools.islice(lines_of(title, typeface("bold", size), width), lines + 1)) <= lines

    size, lines = next((fit for fit in TITLE_FITS[:-1] if fits(*fit)), TITLE_FITS[-1])
    return size, wrap_title(title, typeface("bold", size), width, lines)


def _draw_label(draw: ImageDraw.ImageDraw, label: str, width: int) -> int:
    """The kind of entry in a white-on-accent pill at the top; returns the y below it."""
    font, pad, height = typeface("bold", 22), 16, 44
    text = one_line(label, font, width - 2 * pad)
    draw.rounded_rectangle(
        (LEFT, TOP, LEFT + round(font.getlength(text)) + 2 * pad, TOP + height - 1), radius=6, fill=ACCENT
    )
    draw.text((LEFT + pad, TOP + height // 2), text, font=font, fill=WHITE, anchor="lm")
    return TOP + height


def _decode_logo(data: bytes) -> Image.Image | None:
    """The logo (PNG, JPEG or WebP) fitted in LOGO_BOX as RGBA, or None for anything else or too large."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)  # over MAX_IMAGE_PIXELS: refused
            with Image.open(io.BytesIO(data), formats=("PNG", "JPEG", "WEBP")) as image:
                image.draft("RGB", (LOGO_BOX, LOGO_BOX))  # JPEG only: decoded at a reduced scale
                picture = image.convert("RGBA")
        scale = min(LOGO_BOX / picture.width, LOGO_BOX / picture.height)
        size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        return picture.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    except Exception:  # noqa: BLE001 - whatever the decoder says, a bad logo means a card without one
        return None


@functools.cache
def _ink_palette() -> tuple[int, ...]:
    """White and each ink's anti-aliasing steps over white, about 16 levels apart.

    Pillow looks palette colours up at a reduced precision: closer entries would catch pure white.
    """
    colours: list[tuple[int, ...]] = [(255, 255, 255)]
    for ink in map(ImageColor.getrgb, INKS):
        steps = max(1, round(max(255 - c for c in ink) / 16))
        colours += [tuple(round(255 + (c - 255) * k / steps) for c in ink) for k in range(1, steps + 1)]
    return tuple(value for colour in colours for value in colour)


def _encode(card: Image.Image, picture: Image.Image | None, at: tuple[int, int]) -> bytes:
    """An 8-bit palette PNG: the drawing in the inks' palette, the logo in the remaining entries."""
    palette = list(_ink_palette())
    reference = Image.new("P", (1, 1))
    reference.putpalette(palette)
    indexed = card.quantize(palette=reference, dither=Image.Dither.NONE)
    if picture is not None:
        flat = Image.new("RGB", picture.size, WHITE)
        flat.paste(picture, mask=picture)
        offset = len(palette) // 3
        # Median cut's time grows with the number of colours: it chooses from a sample, every pixel then takes
        # the closest. A flat logo keeps its exact colours, a photograph gets 200-odd.
        sample = flat.resize((min(64, flat.width), min(64, flat.height)), Image.Resampling.BOX)
        colours = sample.quantize(256 - offset, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        # Median cut averages the white around the logo with its anti-aliased edges: near-white is made white
        # again, or the logo's box would show on the tile.
        rgb = colours.getpalette() or []
        triples = [rgb[i : i + 3] for i in range(0, len(rgb), 3)]
        colours.putpalette([v for triple in triples for v in ([255] * 3 if min(triple) >= 247 else triple)])
        logo = flat.quantize(palette=colours, dither=Image.Dither.NONE)
        shifted = logo.tobytes().translate(bytes(min(i + offset, 255) for i in range(256)))
        indexed.paste(Image.frombytes("P", logo.size, shifted), at)  # indices copied as they are
        palette += (logo.getpalette() or [])[: 3 * (256 - offset)]  # always one: quantize made a palette image
        indexed.putpalette(palette)
    out = io.BytesIO()
    # zlib level 9 (or optimize=True) saves about 12 % of the bytes for 6 times the encoding time.
    indexed.save(out, "PNG", compress_level=6)
    return out.getvalue()


def _is_card(data: bytes) -> bool:
    """Whether cached bytes are a complete PNG of the card's size (chunk checksums verified)."""
    try:
        with Image.open(io.BytesIO(data), formats=("PNG",)) as image:
            if image.size != CARD_SIZE:
                return False
            image.verify()
        return True
    except Exception:  # noqa: BLE001 - any decoder complaint means « draw it again »
        return False
