"""The attached PDFs of a build: their text (for the search and the publication pages) and their cover."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..content.pdfcover import PdfCovers, cover_size
from ..content.pdftext import PdfTexts
from .catalog import Catalog
from .library import AttachmentInfo
from .logos import Picture


def read_documents(
    root: Path, catalog: Catalog, attachments: dict[str, AttachmentInfo], files: dict[str, bytes]
) -> tuple[dict[str, dict[str, str | None]], list[str]]:
    """Text of every attached PDF by publication and file, its cover (added to `attachments` and `files`), and
    one note per PDF read or drawn only in part or not at all.

    A PDF over a limit gets no text entry: its publication is published without a full-text section.
    """
    out: dict[str, dict[str, str | None]] = {}
    notes: dict[str, str] = {}  # by file: a file attached to two publications gets one note
    with PdfTexts() as reader, PdfCovers() as painter:  # one worker each for the whole build, stopped even if it fails
        for publication in catalog.publications:
            for attachment in publication.meta.attachments:
                info = attachments[attachment.file]
                if info.mime_type != "application/pdf":
                    continue
                result = reader.read(root / attachment.file)
                if note := result.note(attachment.file, reader.limits):
                    notes.setdefault(attachment.file, note)
                if not result.refused:
                    out.setdefault(publication.id, {})[info.src] = result.text
                if info.cover is None and attachment.file not in notes:
                    cover = painter.render(root / attachment.file)
                    if cover.image:
                        src = info.src.rsplit(".", 1)[0] + ".couverture." + cover.format
                        files[src] = cover.image
                        attachments[attachment.file] = replace(info, cover=Picture(src, *cover_size(cover.image)))
                    elif cover.refused:
                        notes.setdefault(attachment.file, cover.note(attachment.file))
    return out, list(notes.values())
