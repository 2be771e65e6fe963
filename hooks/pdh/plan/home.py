"""What the home page shows around its editorial text: positions, latest publications, next events, figures, members."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .agenda import split
from .catalog import Catalog
from .figures import POSITION_TYPE, Figures
from .library import AttachmentInfo, publication_item
from .logos import Logo
from .member_pages import member_view

POSITIONS = 3  # latest position papers, the coalition's voice
LATEST = 6  # latest other publications
NEXT_EVENTS = 3  # next events that will take place (a cancelled one takes no slot)
MEMBER_WALL = 36  # logos shown; the directory lists every organisation


def home_context(
    catalog: Catalog, logos: dict[str, Logo], attachments: dict[str, AttachmentInfo], now: datetime, figures: Figures
) -> dict[str, Any]:
    """The home page's blocks for one edition. Bounded: the home page stays small whatever the archive."""
    positions = [p for p in catalog.publications if p.meta.type == POSITION_TYPE][:POSITIONS]
    shown = {p.id for p in positions}
    latest = [p for p in catalog.publications[: LATEST + POSITIONS] if p.id not in shown][:LATEST]
    events = [e for e in split(catalog.events, now).upcoming if e.status != "cancelled"][:NEXT_EVENTS]

    return {
        "positions": [publication_item(catalog, p, attachments) for p in positions],
        "latest": [publication_item(catalog, p, attachments) for p in latest],
        "events": events,
        "figures": figures,
        "wall": [member_view(catalog, m, logos) for m in catalog.members[:MEMBER_WALL]],
        "member_total": len(catalog.members),
    }
