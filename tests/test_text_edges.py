"""Edges of text_to_html, link and plain that the main text tests leave open (expected HTML
written out by hand)."""

from __future__ import annotations

import pytest

from generator.text import link, plain, text_to_html

REL = 'rel="nofollow ugc noopener"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare carriage return is a line break too.
        ("a\rb", "<p>a<br>b</p>"),
        ("a\r\rb", "<p>a</p>\n<p>b</p>"),
        # Too short to be a link (nothing after the scheme but one character).
        ("see http://a now", "<p>see http://a now</p>"),
        ("see http://ab now", f'<p>see <a href="http://ab" {REL}>http://ab</a> now</p>'),
        # An http URL without a host is text; a later good URL on the line is still linked.
        ("http:///etc/passwd", "<p>http:///etc/passwd</p>"),
        (
            "http:///x then https://example.org",
            f'<p>http:///x then <a href="https://example.org" {REL}>https://example.org</a></p>',
        ),
        (
            "x https://a.example and https://b.example/p, y",
            f'<p>x <a href="https://a.example" {REL}>https://a.example</a> and '
            f'<a href="https://b.example/p" {REL}>https://b.example/p</a>, y</p>',
        ),
    ],
)
def test_line_breaks_and_links(text: str, expected: str) -> None:
    """Carriage returns, minimal URLs, hostless URLs and several URLs on one line."""
    assert text_to_html(text) == expected


def test_link_label_is_shown_and_escaped() -> None:
    """A label replaces the URL as the link text, escaped; the URL stays in href."""
    assert link("https://example.org/?a=1&b=2", "<Home & away>") == (
        f'<a href="https://example.org/?a=1&amp;b=2" {REL}>&lt;Home &amp; away&gt;</a>'
    )
    assert link("https://example.org") == (
        f'<a href="https://example.org" {REL}>https://example.org</a>'
    )


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("one two three", 13, "one two three"),  # exactly the limit: not cut
        ("one two three", 12, "one two…"),
        ("one two three", 9, "one two…"),  # the space just before the limit ends the cut
        ("one two three", 8, "one…"),
        ("one two, three", 10, "one two…"),  # trailing punctuation dropped before the ellipsis
        ("abcdefghij", 5, "abcd…"),  # no space: cut inside the word
        ("MAX one", 5, "MAX…"),  # only spaces and punctuation are trimmed before the ellipsis
        ("a  b\n\tc", 0, "a b c"),
    ],
)
def test_plain_cuts_at_a_word_within_the_limit(text: str, limit: int, expected: str) -> None:
    """Cut results are at most `limit` characters, ellipsis included."""
    assert (plain(text, limit), len(plain(text, limit)) <= (limit or len(text))) == (
        expected,
        True,
    )
