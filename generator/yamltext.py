"""Writing contributor answers as YAML that can only mean what was typed (no injected keys)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.load import parse_text

DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
# YAML treats these as line breaks or byte-order marks even inside quotes: always escape them.
_ALWAYS_ESCAPED = frozenset("\x85\u2028\u2029\ufeff")


class Date(str):
    """Text typed as a date: written unquoted when it looks like YYYY-MM-DD, quoted otherwise."""


def quote(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text` (every odd character escaped)."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char in _ALWAYS_ESCAPED or not (char.isprintable() or char == " "):
            code = ord(char)
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _literal_ok(text: str) -> bool:
    """Whether a `|-` block shows `text` exactly: several plain lines, no edge whitespace."""
    if "\n" not in text or text != text.strip() or text.startswith("#"):
        return False
    for line in text.split("\n"):
        if line != line.rstrip() or (line and not line.isprintable()):
            return False
        if any(char in _ALWAYS_ESCAPED for char in line):
            return False
    return True


def scalar(value: Any) -> str:
    """One value on one line: true/false, a whole number, a date, or quoted text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Date) and DATE_TEXT.fullmatch(value):
        return str(value)
    return quote(str(value))


def _lines(mapping: Mapping[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    for key, value in mapping.items():
        if isinstance(value, Mapping) and not value:
            lines.append(f"{indent}{key}: {{}}")
        elif isinstance(value, Mapping):
            lines.append(f"{indent}{key}:")
            lines.extend(_lines(value, indent + "  "))
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            lines.append(f"{indent}{key}:")
            for item in value:
                inner = _lines(item, indent + "    ")
                lines.append(f"{indent}  - {inner[0].lstrip()}")
                lines.extend(inner[1:])
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(scalar(v) for v in value)}]")
        elif isinstance(value, str) and not isinstance(value, Date) and _literal_ok(value):
            lines.append(f"{indent}{key}: |-")
            inner = indent + "  "
            lines.extend(f"{inner}{line}" if line else "" for line in value.split("\n"))
        else:
            lines.append(f"{indent}{key}: {scalar(value)}")
    return lines


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return str(value) if isinstance(value, str) else value


def to_yaml(mapping: Mapping[str, Any], header: str = "") -> str:
    """The mapping as a YAML document; raises ValueError if it would not read back the same."""
    text = header + ("\n".join(_lines(mapping, "")) if mapping else "{}") + "\n"
    raw = parse_text(text, "<new>")
    if raw.problems or _plain(raw.data) != _plain(mapping):
        raise ValueError(f"the YAML written does not read back as the answers given: {text!r}")
    return text
