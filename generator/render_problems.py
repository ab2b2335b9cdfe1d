"""The "Content problems" page `mkdocs serve` shows while content/ has errors (pure; escaped)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .problems import Problem
from .view import Page, plural, render_page

SHOWN = 500  # problems listed on the page; `check` prints them all
TITLE = "Content problems"


def problems_pages(problems: Sequence[Problem], src_uris: Iterable[str]) -> tuple[Page, ...]:
    """The same problem list at each of `src_uris` (so every page in the nav shows it)."""
    files = len({p.path for p in problems})
    summary = f"{plural(len(problems), 'problem')} in {plural(files, 'file')}"
    return tuple(
        render_page(
            src_uri,
            "problems",
            TITLE,
            f"The directory cannot be built: {summary}.",
            "problems.html",
            summary=summary,
            shown=[str(p) for p in problems[:SHOWN]],
            hidden=max(0, len(problems) - SHOWN),
        )
        for src_uri in src_uris
    )
