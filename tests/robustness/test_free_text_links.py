"""Links in free text follow exactly the rules of `links:` (issue 11, class 7)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.rules import check_link
from generator.text import bare_urls, text_to_html

from .conftest import validate_texts

HOSTILE = [
    "https://www.paypal.com@evil.example/",
    "https://user:pass@evil.example/x",
    "https://example.org\\@evil.example/",
    "https://example.org:0/",
    "https://example.org:99999/",
    "https://[::1/",
    "http:///nohost",
    "https://%65vil.example@x/",
]
PIECES = ["https://", "http://", "www.", "example.org", "@", ":", "80", "/", "\\", "%40", "[", "]"]
HREF = re.compile(r'<a href="([^"]*)"')


@pytest.mark.parametrize("url", HOSTILE)
def test_what_links_refuses_is_never_a_link_in_free_text(url: str) -> None:
    """The same URL `links:` refuses stays text in a bio, and `check` says why."""
    assert check_link(url) is not None
    assert "<a " not in text_to_html(f"See {url} now")
    mentor = (
        "name: Ana\nheadline: Mentor\nemail: a@example.org\nskills: [bid-writing]\n"
        f"formats: [call]\nconfirmed: 2026-05-01\nconsent: true\nbio: 'See {url} now'\n"
    )
    problems = validate_texts(mentor, None).problems
    assert [p.field for p in problems] == ["bio"]
    assert problems[0].message.startswith("has a link that cannot be made clickable: ")


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join))
def test_free_text_links_exactly_what_links_accepts(url: str) -> None:
    """For any bare URL found in text: linked if and only if `links:` would accept it."""
    html = str(text_to_html(f"x {url} y"))
    linked = HREF.findall(html)
    for _, found in bare_urls(f"x {url} y"):
        assert (found in linked) == (check_link(found) is None)
    assert all(check_link(href) is None for href in linked)
