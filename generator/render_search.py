"""`/search/?q=…`: every search result, rendered in the browser by assets/cg.js."""

from __future__ import annotations

from . import urls
from .view import Page, render_page


def search_page() -> Page:
    """The full results view the header search's "See all results" opens."""
    return render_page(
        urls.SEARCH,
        "search",
        "Search",
        "Search mentors, asks, skills and guides.",
        "search.html",
    )
