"""Contributor free text renders as text: paragraphs, <br>, bare http(s) links, all else escaped."""

from __future__ import annotations

import pytest

from generator.text import plain, safe_href, text_to_html

REL = 'rel="nofollow ugc noopener"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello", "<p>Hello</p>"),
        ("One\ntwo\r\nthree", "<p>One<br>two<br>three</p>"),
        ("First\n\n  \nSecond\n", "<p>First</p>\n<p>Second</p>"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ('<img src=x onerror="alert(1)">', "<p>&lt;img src=x onerror=&#34;alert(1)&#34;&gt;</p>"),
        ("javascript:alert(1)", "<p>javascript:alert(1)</p>"),
        ("[click](javascript:alert(1))", "<p>[click](javascript:alert(1))</p>"),
        ("**bold** _it_ {: onclick=x }", "<p>**bold** _it_ {: onclick=x }</p>"),
        ("{{ config }} {% include 'x' %}", "<p>{{ config }} {% include &#39;x&#39; %}</p>"),
        ("</title><b>", "<p>&lt;/title&gt;&lt;b&gt;</p>"),
        ("\"quotes' & amps", "<p>&#34;quotes&#39; &amp; amps</p>"),
        ('--8<-- "/etc/passwd"', "<p>--8&lt;-- &#34;/etc/passwd&#34;</p>"),
        ("", ""),
    ],
)
def test_text_is_escaped_not_interpreted(text: str, expected: str) -> None:
    """Markup, Markdown, templates and scripts come out as visible text."""
    assert expected == text_to_html(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See https://example.org.", f'<p>See <a href="https://example.org" {REL}>https://example.org</a>.</p>'),
        ("(http://a.example/x_(y))", f'<p>(<a href="http://a.example/x_(y)" {REL}>http://a.example/x_(y)</a>)</p>'),
        ('https://a.example/"onmouseover="x', f'<p><a href="https://a.example/" {REL}>https://a.example/</a>&#34;onmouseover=&#34;x</p>'),
        ("https://a.example/?a=1&b=<2>", f'<p><a href="https://a.example/?a=1&amp;b=" {REL}>https://a.example/?a=1&amp;b=</a>&lt;2&gt;</p>'),
        ("https:// nothing", "<p>https:// nothing</p>"),
        ("data:text/html,<x> ftp://a.example", "<p>data:text/html,&lt;x&gt; ftp://a.example</p>"),
        ("HTTPS://A.EXAMPLE", f'<p><a href="HTTPS://A.EXAMPLE" {REL}>HTTPS://A.EXAMPLE</a></p>'),
    ],
)  # fmt: skip
def test_bare_http_urls_become_links(text: str, expected: str) -> None:
    """Only bare http(s) URLs become links, trimmed of sentence punctuation, attributes escaped."""
    assert expected == text_to_html(text)


def test_contributor_text_never_starts_a_line() -> None:
    """Every output line starts with a tag, so no downstream Markdown sees block syntax."""
    html = text_to_html("a\n--8<-- x\n\n# heading\n\n    code\n")
    assert all(line.startswith("<p>") for line in html.split("\n"))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b#c", "https://example.org/a?b#c"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,x", None),
        ("https:///path", None),
        ("https://exa mple.org", None),
        ("https://example.org/\nx", None),
        ("//example.org", None),
        ("", None),
    ],
)
def test_safe_href(url: str, expected: str | None) -> None:
    """Only http(s) URLs with a host and no whitespace are accepted as hrefs."""
    assert expected == safe_href(url)


def test_plain_flattens_and_cuts_at_a_word() -> None:
    """Descriptions are one line and cut at a word boundary with an ellipsis."""
    assert plain(" a\n b\t c ") == "a b c"
    assert plain("alpha beta gamma delta", 15) == "alpha beta…"


def test_href_percent_encodes_what_a_url_cannot_hold() -> None:
    """`<`, `>`, quotes and the like pass `links:` but are written percent-encoded in an href."""
    url = 'https://example.org/p?q=<b>"x"{y}|z^w`'
    assert safe_href(url) == "https://example.org/p?q=%3Cb%3E%22x%22%7By%7D%7Cz%5Ew%60"
    assert safe_href("https://bücher.example/ä") == "https://bücher.example/ä"
