"""GitHub Markdown from contributor text: inert inline text, code spans, table heads, sizes."""

from __future__ import annotations

import re
from collections.abc import Iterable

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+")


def md(text: str) -> str:
    """Contributor text made inert on GitHub: one line, every Markdown/HTML character escaped.

    A word joiner after `@` stops mentions, which GitHub links even after a backslash.
    """
    flat = " ".join(_INVISIBLE.sub(" ", text).split())
    return _PUNCTUATION.sub(r"\\\1", flat).replace("@", "@\u2060")


def code(text: str) -> str:
    """Contributor text as an inline code span (nothing inside is interpreted), table-safe."""
    flat = " ".join(_INVISIBLE.sub(" ", text).split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def table_head(*columns: str) -> list[str]:
    """A table's header row and its rule: `| a | b |`, `|---|---|`."""
    return [f"| {' | '.join(columns)} |", "|" + "---|" * len(columns)]


def byte_size(lines: Iterable[str]) -> int:
    """The UTF-8 bytes `lines` take written one per line (each with its newline)."""
    return sum(len(line.encode("utf-8")) + 1 for line in lines)
