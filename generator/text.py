"""Untrusted plain text → safe HTML: paragraphs, line breaks and bare http(s) links only."""

from __future__ import annotations

import re
from collections.abc import Iterator

from markupsafe import Markup, escape

from generator.rules import check_link

LINK_REL = "nofollow ugc noopener"
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
# Quotes, angle brackets and backticks never belong to a bare URL; they end it.
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_~"
_PAIRS = {")": "(", "]": "[", "}": "{"}


# ASCII that `links:` lets through but a URL may not hold as is (RFC 3986): percent-encoded in an
# href so the page stays valid HTML; the link's text still shows what the contributor wrote.
_URL_ESCAPES = str.maketrans({c: f"%{ord(c):02X}" for c in '<>"{}|^`'})


def safe_href(url: str) -> str | None:
    """The URL if `links:` would accept it (one predicate, `rules.check_link`), else None."""
    return url.translate(_URL_ESCAPES) if check_link(url) is None else None


def _trim(url: str) -> str:
    """Drop trailing punctuation that ends a sentence rather than the URL (keep balanced ")")."""
    while url:
        last = url[-1]
        unbalanced = last in _PAIRS and url.count(_PAIRS[last]) < url.count(last)
        if last in _TRAILING or unbalanced:
            url = url[:-1]
        else:
            break
    return url


def link(url: str, label: str | None = None) -> Markup:
    """An external link to an untrusted URL (caller has checked it with `safe_href`)."""
    text = url if label is None else label
    return Markup('<a href="{}" rel="{}">{}</a>').format(url, LINK_REL, text)


def bare_urls(text: str) -> Iterator[tuple[int, str]]:
    """(offset, URL) of each bare http(s) URL in free text, as `text_to_html` would see it."""
    for found in _URL.finditer(text):
        url = _trim(found.group())
        if len(url) > len("https://"):
            yield found.start(), url


def _linkify(line: str) -> str:
    if _URL.search(line) is None:
        return str(escape(line))  # most lines: no link, one escape
    out: list[str] = []
    pos = 0
    for start, url in bare_urls(line):
        href = safe_href(url)
        if href is None:
            continue  # shown as text: validation reports it, and it must never become a link
        out.append(escape(line[pos:start]))
        out.append(link(href, url))
        pos = start + len(url)
    out.append(escape(line[pos:]))
    return "".join(out)


def text_to_html(text: str) -> Markup:
    """Paragraphs on blank lines, `<br>` on single newlines, bare http(s) URLs as links.

    Each paragraph is one output line starting with `<p>`, so contributor text never begins a line
    (nothing downstream can read it as Markdown block syntax such as `--8<--`).
    """
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not normalised:
        return Markup("")
    paragraphs = []
    for block in _BLANK_LINE.split(normalised):
        lines = "<br>".join(_linkify(line.strip()) for line in block.split("\n"))
        paragraphs.append(f"<p>{lines}</p>")
    return Markup("\n".join(paragraphs))


def plain(text: str, limit: int = 0) -> str:
    """Text on one line with whitespace collapsed, cut at a word boundary to `limit` chars."""
    flat = " ".join(text.split())
    if limit and len(flat) > limit:
        cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
        return cut.rstrip(" ,.;:") + "…"
    return flat
