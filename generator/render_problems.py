"""The "Content problems" page `mkdocs serve` shows while content/ has errors (pure; escaped).

It stands in for every page the site would have — the lists, each valid entry, each skill, and
the page of each broken file — so the page in the browser, reloaded after a save, shows what is
wrong instead of a 404 that would stop reloading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from . import urls
from .model import Directory
from .problems import Problem
from .rules import check_slug
from .view import NAV_URLS, Page, plural, render_page

SHOWN = 500  # problems listed on a list page; `check` prints them all
SHOWN_ON_ENTRIES = 50  # on each entry page (there may be thousands of them)
TITLE = "Content problems"
_ENTRY_FILE = re.compile(r"content/(mentors|asks)/([^/]+)\.yml")


def problems_pages(
    problems: Sequence[Problem], page_urls: Iterable[str], shown: int = SHOWN
) -> tuple[Page, ...]:
    """The same problem list at each of `page_urls`, at most `shown` of them listed."""
    files = len({p.path for p in problems})
    summary = f"{plural(len(problems), 'problem')} in {plural(files, 'file')}"
    return tuple(
        render_page(
            url,
            "problems",
            TITLE,
            f"The directory cannot be built: {summary}.",
            "problems.html",
            summary=summary,
            shown=[str(p) for p in problems[:shown]],
            hidden=max(0, len(problems) - shown),
        )
        for url in page_urls
    )


def entry_urls(directory: Directory, problems: Iterable[Problem]) -> list[str]:
    """URLs of every entry and skill page, and of the page of each broken file."""
    found = [urls.mentor(m.slug) for m in directory.mentors]
    found += [urls.ask(a.slug) for a in directory.asks]
    found += [urls.skill(s.id) for s in directory.taxonomy.skills]
    for problem in problems:
        match = _ENTRY_FILE.fullmatch(problem.path)
        if match and check_slug(match.group(2)) is None:
            page = urls.mentor if match.group(1) == "mentors" else urls.ask
            found.append(page(match.group(2)))
    return sorted(set(found))


def problems_site(directory: Directory, problems: Sequence[Problem]) -> tuple[Page, ...]:
    """The problems page at each page of the nav (all problems) and each entry page (a few)."""
    pages = problems_pages(problems, sorted(NAV_URLS))
    return pages + problems_pages(problems, entry_urls(directory, problems), SHOWN_ON_ENTRIES)
