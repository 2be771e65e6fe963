"""Every page the build generates from the data, in a stable order."""
from __future__ import annotations

from .agenda_pages import plan_agenda_pages
from datetime import datetime

from .catalog import Catalog
from .generated import GeneratedPage, Settings
from .library import AttachmentInfo
from .library_pages import plan_library_pages
from .logos import Logo
from .member_pages import plan_member_pages


def plan_pages(catalog: Catalog, logos: dict[str, Logo], attachments: dict[str, AttachmentInfo],
               settings: Settings, now: datetime) -> list[GeneratedPage]:
    pages = [*plan_member_pages(catalog, logos), *plan_library_pages(catalog, attachments, settings),
             *plan_agenda_pages(catalog, now)]
    seen: set[str] = set()
    for page in pages:
        if page.src_uri in seen:
            raise ValueError(f"two generated pages at {page.src_uri}")
        seen.add(page.src_uri)
    return pages
