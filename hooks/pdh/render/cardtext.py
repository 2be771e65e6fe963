"""The text of a social card: untrusted strings cleaned, measured and wrapped, in whatever font is there."""

from __future__ import annotations

import functools
import itertools
import os
import re
import unicodedata
from collections.abc import Iterator

from PIL import ImageFont

Font = ImageFont.FreeTypeFont
# Debian/Ubuntu (fonts-dejavu-core), then Fedora; Pillow's built-in font when neither is installed.
FONT_PATHS = {
    "regular": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf"),
    "bold": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf",
    ),
}
MAX_CHARS = 400  # more never fits in four lines: longer text is cut before measuring
_NO_BREAK = {"\u00a0", "\u202f", "\u2007", "\u2060"}
_FRENCH_GLUE = (re.compile(" (?=[:;!?»])"), re.compile("(?<=«) "))  # « texte » : never a line break there
_TRAILING = " \u00a0,;:.-\u2013\u2014"  # not left before a « … »
# Letters a font lacks (Pillow's built-in font has no accents) become these, or NFKD's base letters.
_PLAIN = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "\u2013": "-", "\u2014": "-", "\u2011": "-"}
_UNMAPPED = "\U0010fffd"  # private use, in no font: drawn as the « no glyph » box


def wrap_title(text: str, font: Font, width: int, max_lines: int) -> list[str]:
    """The lines as drawn, each at most `width` pixels wide; cut text ends with « … » on the last line."""
    lines = list(itertools.islice(lines_of(text, font, width), max_lines + 1))
    if len(lines) <= max_lines:
        return lines
    words = lines[max_lines - 1].split(" ")
    while True:
        shown = " ".join(words).rstrip(_TRAILING) + "…"
        if font.getlength(shown) <= width or shown == "…":
            return lines[: max_lines - 1] + [shown]
        if len(words) > 1:
            words.pop()
        else:
            words[0] = words[0][:-1]


def clean(text: str, lang: str) -> str:
    """One line of printable text: controls and invisible characters dropped, spaces collapsed, NFC."""
    kept: list[str] = []
    for char in text:
        if char in _NO_BREAK:
            kept.append("\u00a0")
        elif char.isspace():
            if kept and kept[-1] != " ":
                kept.append(" ")
        elif not unicodedata.category(char).startswith("C"):  # Cc, Cf (bidi overrides…), Cs, Co, Cn
            kept.append(char)
        if len(kept) > MAX_CHARS:
            break  # the rest would not be shown
    text = unicodedata.normalize("NFC", "".join(kept)).strip()
    if len(kept) > MAX_CHARS:
        text = text[:MAX_CHARS].rstrip(_TRAILING) + "…"
    if lang.lower().startswith("fr"):
        for pattern in _FRENCH_GLUE:
            text = pattern.sub("\u00a0", text)
    return text


def lines_of(text: str, font: Font, width: int) -> Iterator[str]:
    """Lines of words as many as `width` holds; a word wider than a line is broken between characters."""
    line = ""
    for word in text.split(" "):
        word = "".join(_drawable(font, char) for char in word)
        if not word:
            continue
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            yield line
        while font.getlength(word) > width:
            low, high = 1, len(word)  # the longest prefix that fits, at least one character
            while low < high:
                middle = (low + high + 1) // 2
                low, high = (middle, high) if font.getlength(word[:middle]) <= width else (low, middle - 1)
            yield word[:low]
            word = word[low:]
        line = word
    if line:
        yield line


@functools.lru_cache(maxsize=4096)
def _drawable(font: Font, char: str) -> str:
    """The character, or what stands for it when the font lacks it and has that (« é » → « e »)."""
    if not _lacks(font, char):
        return char
    plain = _PLAIN.get(char) or "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return plain if plain and not any(_lacks(font, c) for c in plain) else char


def _lacks(font: Font, char: str) -> bool:
    mask, box = font.getmask(char), font.getmask(_UNMAPPED)
    return char != " " and mask.size == box.size and bytes(mask) == bytes(box)


def one_line(text: str, font: Font, width: int) -> str:
    return next(iter(wrap_title(text, font, width, 1)), "")


def typeface(weight: str, size: int) -> Font:
    return _load_font(font_file(weight), size)


def font_file(weight: str) -> str | None:
    return next((path for path in FONT_PATHS[weight] if os.path.isfile(path)), None)


@functools.lru_cache(maxsize=32)
def _load_font(path: str | None, size: int) -> Font:
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass  # an unreadable font file: the built-in font
    font = ImageFont.load_default(size=size)  # Pillow's Aileron subset (FreeType needed, as for any TrueType)
    assert isinstance(font, Font)  # with a size, load_default returns a TrueType font or raises
    return font
