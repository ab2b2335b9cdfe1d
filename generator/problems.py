"""Problems found in contributor files, and how they are printed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: `PATH:LINE:COL: error: FIELD: message (hint)`.

    A `warning` (e.g. a possible duplicate) is reported the same way but fails nothing.
    """

    path: str
    line: int
    col: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        field = f"{self.field}: " if self.field else ""
        where = f"{self.path}:{self.line}:{self.col}"
        return one_line(f"{where}: {self.severity}: {field}{self.message}{hint}")

    @property
    def is_error(self) -> bool:
        """True unless this is only a warning."""
        return self.severity != "warning"


def errors(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """The problems that are errors (they fail `check` and the build)."""
    return tuple(p for p in problems if p.is_error)


def one_line(text: str) -> str:
    """Escape line breaks and other unprintable characters (`\\n`), so a problem stays one line.

    Keys and file names come from contributors: a key holding a newline must not be able to
    split a problem in two, or forge a line that looks like another file's problem.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def short(value: str, limit: int = 60) -> str:
    """`value` as a message quotes it: cut to `limit` characters, ending with `…` when cut."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def format_text(problems: Iterable[Problem]) -> str:
    """One line per problem, for people."""
    return "\n".join(str(p) for p in problems)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem]) -> str:
    """GitHub workflow commands, so each problem is annotated on the PR's line."""
    lines = []
    for p in problems:
        title = _escape_property(p.field or "file")
        body = _escape_data(f"{p.message} ({p.hint})" if p.hint else p.message)
        where = f"file={_escape_property(p.path)},line={p.line},col={p.col}"
        lines.append(f"::{p.severity} {where},title={title}::{body}")
    return "\n".join(lines)


def format_json(problems: Iterable[Problem]) -> str:
    """A JSON list of problem objects, for tools."""
    return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)
