"""A tiny element tree from html.parser, to read rendered pages the way a browser would."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# Elements whose end starts a new line of visible text.
BLOCK = frozenset(
    [
        "p",
        "div",
        "li",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "ul",
        "ol",
        "dl",
        "tr",
    ]
)


@dataclass
class Element:
    """An element: tag, attributes (names lower-cased), children (elements or text)."""

    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        """The class attribute as a set."""
        return set((self.attrs.get("class") or "").split())

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        """Elements below (and including) this one with the tag and/or class."""
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element:
        """The first such element (AssertionError if there is none)."""
        found = self.find_all(tag, cls)
        assert found, f"no <{tag or '*'} class={cls!r}> in the page"
        return found[0]

    def text(self) -> str:
        """Text content, with `<br>` and the ends of block elements as line breaks."""
        out: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag == "br":
                out.append("\n")
            else:
                out.append(child.text())
                if child.tag in BLOCK:
                    out.append("\n")
        return "".join(out)

    def facts(self) -> dict[str, Element]:
        """For a `<dl>`: each `<dt>` text → the `<dd>` after it."""
        result: dict[str, Element] = {}
        term = None
        for child in self.children:
            if isinstance(child, Element) and child.tag == "dt":
                term = child.text().strip()
            elif isinstance(child, Element) and child.tag == "dd" and term is not None:
                result[term] = child
                term = None
        return result


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse(html: str) -> Element:
    """The element tree of an HTML document or fragment."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    builder.root.attrs["#comments"] = "\n".join(builder.comments)
    return builder.root
