"""The build's one notion of « now », injectable for reproducible builds and tests."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def build_time() -> datetime:
    """SOURCE_DATE_EPOCH when set (the reproducible-builds convention MkDocs follows too), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)
