"""Untrusted plain text → safe HTML: paragraphs, line breaks and bare http(s) links only."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

LINK_REL = "nofollow ugc noopener"
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
# Quotes, angle brackets and backticks never belong to a bare URL; they end it.
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_~"
_PAIRS = {")": "(", "]": "[", "}": "{"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def safe_href(url: str) -> str | None:
    """The URL if it is an http(s) URL with a host and no whitespace or control chars, else None."""
    if _CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


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


def _linkify(line: str) -> Markup:
    out: list[Markup] = []
    pos = 0
    for found in _URL.finditer(line):
        url = _trim(found.group())
        if safe_href(url) is None or len(url) <= len("https://"):
            continue
        out.append(escape(line[pos : found.start()]))
        out.append(link(url))
        pos = found.start() + len(url)
    out.append(escape(line[pos:]))
    return Markup("").join(out)


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
        lines = [_linkify(line.strip()) for line in block.split("\n")]
        paragraphs.append(Markup("<p>") + Markup("<br>").join(lines) + Markup("</p>"))
    return Markup("\n").join(paragraphs)


def plain(text: str, limit: int = 0) -> str:
    """Text on one line with whitespace collapsed, cut at a word boundary to `limit` chars."""
    flat = " ".join(text.split())
    if limit and len(flat) > limit:
        cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
        return cut.rstrip(" ,.;:") + "…"
    return flat
