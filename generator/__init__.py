"""CrowdGuru: load → validate → match → render a micro-mentoring directory (no MkDocs here)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

__version__ = "0.1.0"


def build_date() -> date:
    """Today (UTC), or the date of `SOURCE_DATE_EPOCH` when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return datetime.now(tz=UTC).date()


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder above `start` holding `content/`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "content" / "skills.yml").is_file():
            return folder
    return start
