"""The mailto: URLs a page's contact links open (what assets/cg.js builds on activation)."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.contact import link_mailto

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict[str, str]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "a" and "cg-mailto" in found.get("class", "").split():
            holder = next((a for a in reversed(self.stack) if "data-cg-subject" in a), {})
            self.found.append(link_mailto(found, holder))
        if tag not in VOID:
            self.stack.append(found)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()


def mailtos(html: str) -> list[str]:
    """Every contact link's mailto: URL, in page order."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.found
