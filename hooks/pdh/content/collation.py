"""Alphabetical order as French readers expect it, not by code point: accents, case and ligatures
only break ties (« Écoute » among the E, not after « Zèbre » ; « Œuvre » as « Oeuvre »)."""

from __future__ import annotations

import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def collation_key(text: str) -> tuple[str, str, str]:
    """Sort key: the letters without accents or case, then the accents, then the case (UCA's three levels)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return letters.casefold(), decomposed.casefold(), text
