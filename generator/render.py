"""Directory + Matches → every page of the site as final HTML (pure; Jinja2, autoescaped).

Pages link to each other with relative URLs (the site may live under a sub-path) and are meant to
be handed to MkDocs as finished HTML: none of their text is Markdown, YAML or a template.
"""

from __future__ import annotations

from .collector import collector_paused
from .feeds import feeds
from .join import join_for
from .model import Directory, Matches
from .opendata import open_data
from .render_entries import ask_page, gaps_page, mentor_page, skill_pages, skills_page
from .render_filters import indexes
from .render_lists import PAGE_SIZE, asks_pages, home_page, mentors_pages
from .render_search import search_page
from .render_stages import stages_page
from .view import Asset, Page, Site, View

__all__ = ["PAGE_SIZE", "Asset", "Page", "Site", "render_site"]


@collector_paused()
def render_site(
    directory: Directory,
    matches: Matches,
    *,
    site_url: str = "",
    repo_url: str = "",
    branch: str = "main",
) -> Site:
    """Every page and asset of the site.

    `site_url` makes links in emails, feeds and data absolute; `repo_url` (and its default
    `branch`) gives the join, issue-form and "Edit this entry" links (none without it).
    """
    join = join_for(directory, repo_url, branch)
    view = View(directory, matches, site_url, join)
    pages: list[Page] = [home_page(view), *asks_pages(view), *mentors_pages(view)]
    pages += [ask_page(view, ask) for ask in sorted(directory.asks, key=lambda a: a.slug)]
    pages += [mentor_page(view, m) for m in sorted(directory.mentors, key=lambda m: m.slug)]
    pages += [skills_page(view), *skill_pages(view), gaps_page(view), stages_page(view)]
    pages.append(search_page())
    seen: dict[str, str] = {}
    for page in pages:
        if page.url in seen:
            # Only a slug such as `index` can do this; validation should have refused it.
            raise ValueError(f"two pages would be written to {page.url!r}")
        seen[page.url] = page.kind
    assets = [*indexes(view), *feeds(view), *open_data(view)]
    return Site(pages=tuple(pages), assets=tuple(assets), join=join)
