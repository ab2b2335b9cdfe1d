"""Strict YAML loading: libyaml events → plain values with line:col, or Problems."""

from __future__ import annotations

import os
import re
import stat
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem
from generator.scalars import MAX_DIGITS as MAX_DIGITS  # re-exported: callers import them here
from generator.scalars import Typed as Typed
from generator.scalars import resolve_plain

MAX_BYTES = 64 * 1024
MAX_DEPTH = 16

Pos = tuple[int, int]
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class RawFile:
    """A parsed file: values (None if unreadable), positions of values and keys, problems."""

    path: str
    data: Any = None
    values: Mapping[FieldPath, Pos] = field(default_factory=dict)
    keys: Mapping[FieldPath, Pos] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def where(self, path: FieldPath, *, key: bool = False) -> Pos:
        """Line:col of a key (or its value), else of the nearest enclosing value."""
        path = tuple(path)
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


class _Stop(Exception):
    """Raised inside the builder to stop at the first construct we refuse."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


_BREAK = re.compile(r"\r\n|\r|\n")
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


def positions(text: str) -> Callable[[Any], Pos]:
    """Line:col of a libyaml mark as editors and GitHub count them.

    libyaml also breaks lines at U+0085, U+2028 and U+2029, which editors show inside a line;
    then the position is recounted from the mark's character index, breaking only at
    \\n, \\r\\n and \\r.
    """
    if not any(char in text for char in _YAML_ONLY_BREAKS):
        return _pos
    starts = [0, *(found.end() for found in _BREAK.finditer(text))]

    def pos(mark: Any) -> Pos:
        line = bisect_right(starts, mark.index)
        return (line, mark.index - starts[line - 1] + 1)

    return pos


class _Builder:
    """Turns a libyaml event stream into plain values, recording positions."""

    def __init__(self, path: str, events: Iterator[Any], pos: Callable[[Any], Pos] = _pos) -> None:
        self.path = path
        self.pos = pos
        self.events = events
        self.values: dict[FieldPath, Pos] = {}
        self.keys: dict[FieldPath, Pos] = {}
        self.problems: list[Problem] = []

    def problem(self, pos: Pos, field_: str, message: str, hint: str = "") -> Problem:
        return Problem(self.path, pos[0], pos[1], field_, message, hint)

    def refuse_extras(self, event: Any, where: FieldPath) -> None:
        # The common case (no anchor, no tag) must stay cheap: it runs for every node.
        if getattr(event, "anchor", None) is None and getattr(event, "tag", None) is None:
            return
        name = _dotted(where)
        if isinstance(event, yaml.AliasEvent):
            raise _Stop(
                self.problem(
                    self.pos(event.start_mark),
                    name,
                    f"YAML aliases are not allowed (*{event.anchor})",
                    "write the value out in full",
                )
            )
        if getattr(event, "anchor", None):
            raise _Stop(
                self.problem(
                    self.pos(event.start_mark),
                    name,
                    f"YAML anchors are not allowed (&{event.anchor})",
                    "remove the anchor and write each value out in full",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise _Stop(
                self.problem(
                    self.pos(event.start_mark),
                    name,
                    f"YAML tags are not allowed ({tag})",
                    "remove the tag; quote the value if it is text",
                )
            )

    def value(self, event: Any, where: FieldPath, depth: int) -> Any:
        self.refuse_extras(event, where)
        self.values[where] = self.pos(event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            return resolve_plain(event.value) if event.implicit[0] else event.value
        if depth >= MAX_DEPTH:
            raise _Stop(
                self.problem(
                    self.pos(event.start_mark),
                    _dotted(where),
                    f"nesting is deeper than {MAX_DEPTH} levels",
                    "no field needs this much nesting; check the indentation",
                )
            )
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(where, depth)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(where, depth)
        raise _Stop(
            self.problem(self.pos(event.start_mark), _dotted(where), "unexpected YAML event")
        )

    def sequence(self, where: FieldPath, depth: int) -> list[Any]:
        items: list[Any] = []
        for event in self.events:
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            items.append(self.value(event, (*where, len(items)), depth + 1))
        return items

    def mapping(self, where: FieldPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for event in self.events:
            if isinstance(event, yaml.MappingEndEvent):
                return result
            self.refuse_extras(event, where)
            pos = self.pos(event.start_mark)
            if not isinstance(event, yaml.ScalarEvent):
                raise _Stop(
                    self.problem(
                        pos, _dotted(where), "a key must be plain text", "write `name: value`"
                    )
                )
            key = event.value
            if event.implicit[0] and key == "<<":
                raise _Stop(
                    self.problem(
                        pos,
                        _dotted(where),
                        "YAML merge keys (<<) are not allowed",
                        "write every field out in full",
                    )
                )
            child = (*where, key)
            value = self.value(next(self.events), child, depth + 1)
            if key in result:
                first = self.keys[child]
                self.problems.append(
                    self.problem(
                        pos,
                        _dotted(child),
                        f"duplicate key {key!r} (first on line {first[0]}, again on line {pos[0]})",
                        "keep one of them; YAML would silently use the last",
                    )
                )
                continue
            self.keys[child] = pos
            result[key] = value
        return result


def _dotted(where: FieldPath) -> str:
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _offset_to_pos(text: str, offset: int) -> Pos:
    starts = [0, *(found.end() for found in _BREAK.finditer(text, 0, offset))]
    return (len(starts), offset - starts[-1] + 1)


def _syntax_problem(
    path: str, text: str, error: yaml.YAMLError, where: Callable[[Any], Pos]
) -> Problem:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        pos = where(mark)
    elif getattr(error, "position", None) is not None:
        pos = _offset_to_pos(text, error.position)  # type: ignore[attr-defined]
    else:
        pos = (1, 1)
    what = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error)
    context = getattr(error, "context", None)
    message = f"YAML syntax error: {what}" + (f" ({context})" if context else "")
    hint = "check the indentation and quoting on this line"
    lines = _BREAK.split(text)
    here = lines[pos[0] - 1][pos[1] - 1 : pos[1]] if 0 < pos[0] <= len(lines) else ""
    if here == "\t" or "'\\t'" in what:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in what:
        hint = "a value that contains ': ' must be in quotes"
    elif "character" in what and "not allowed" in what:
        hint = "remove the control character"
    elif "found character" in what and "cannot start any token" in what:
        hint = "put the value in quotes"
    return Problem(path, pos[0], pos[1], "", message, hint)


def parse_text(text: str, path: str, top: type = dict) -> RawFile:
    """Parse YAML text strictly into a RawFile (never raises on bad input)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    builder = _Builder(path, iter(()), positions(text))
    try:
        events = yaml.parse(text, Loader=yaml.CSafeLoader)
        builder.events = events
        data: Any = None
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Stop(
                        builder.problem(
                            builder.pos(event.start_mark),
                            "",
                            "more than one YAML document in the file",
                            "remove the `---` line and everything after it, "
                            "or make it its own file",
                        )
                    )
            elif not isinstance(
                event, yaml.StreamStartEvent | yaml.StreamEndEvent | yaml.DocumentEndEvent
            ):
                data = builder.value(event, (), 0)
    except _Stop as stop:
        return RawFile(path, None, builder.values, builder.keys, (*builder.problems, stop.problem))
    except yaml.YAMLError as error:
        return RawFile(
            path,
            None,
            builder.values,
            builder.keys,
            (*builder.problems, _syntax_problem(path, text, error, builder.pos)),
        )
    except RecursionError:
        problem = Problem(path, 1, 1, "", "the file is nested too deeply to read", "simplify it")
        return RawFile(path, None, {}, {}, (problem,))
    if documents == 0 or data is None or data == "":
        problem = Problem(path, 1, 1, "", "the file is empty", "see CONTRIBUTING.md for an example")
        return RawFile(path, None, builder.values, builder.keys, (problem,))
    if not isinstance(data, top):
        line, col = builder.values.get((), (1, 1))
        want = "a mapping of `field: value` lines" if top is dict else "a list of `- ` items"
        problem = Problem(
            path, line, col, "", f"the file must hold {want}", "see CONTRIBUTING.md for an example"
        )
        return RawFile(path, None, builder.values, builder.keys, (*builder.problems, problem))
    return RawFile(path, data, builder.values, builder.keys, tuple(builder.problems))


def read_text(file: Path, path: str) -> str | Problem:
    """Read a regular, ≤ 64 KiB, UTF-8 file, or say why not (before any parsing)."""
    try:
        info = os.lstat(file)
    except OSError as error:
        return Problem(path, 1, 1, "", f"cannot read the file: {error.strerror}", "")
    if stat.S_ISLNK(info.st_mode):
        return Problem(
            path, 1, 1, "", "the file is a symbolic link", "replace it with a regular file"
        )
    if not stat.S_ISREG(info.st_mode):
        return Problem(path, 1, 1, "", "not a regular file", "replace it with a regular file")
    if info.st_size > MAX_BYTES:
        return Problem(
            path,
            1,
            1,
            "",
            f"the file is {info.st_size:,} bytes; the limit is {MAX_BYTES:,} (64 KiB)",
            "shorten the text fields",
        )
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        return Problem(path, 1, 1, "", f"cannot read the file: {error.strerror}", "")
    if len(raw) > MAX_BYTES:
        return Problem(
            path,
            1,
            1,
            "",
            f"the file is over {MAX_BYTES:,} bytes (64 KiB)",
            "shorten the text fields",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Problem(
            path,
            line,
            col,
            "",
            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x})",
            "save the file with UTF-8 encoding",
        )


def load_file(file: Path, path: str, top: type = dict) -> RawFile:
    """Read and parse one content file; `path` is how messages name it."""
    text = read_text(file, path)
    if isinstance(text, Problem):
        return RawFile(path, problems=(text,))
    return parse_text(text, path, top)


def dotted(where: FieldPath) -> str:
    """A field path as contributors see it: `stages[1].skills[0]` (list indexes count from 0)."""
    return _dotted(where)
