"""Text of attached PDFs, for the « texte intégral » section and the search index; cached by file hash."""
from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

MAX_CHARS = 200_000  # a page stays readable and the index bounded, whatever the PDF
logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are common; we report our own note


def extract_text(path: Path, cache_dir: Path) -> str | None:
    """The PDF's text, or None when it has none (a scan); unchanged files are never re-read."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    cached = cache_dir / f"{digest}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))["text"]
    text = _read(path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps({"file": path.name, "text": text}, ensure_ascii=False), encoding="utf-8")
    return text


def _read(path: Path) -> str | None:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception:  # noqa: BLE001 - an unreadable PDF gets the same note as a scan
        return None
    text = "\n\n".join(_tidy(page) for page in pages).strip()
    if len(re.sub(r"\W", "", text)) < 20:
        return None
    return text[:MAX_CHARS]


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
