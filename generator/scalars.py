"""Unquoted YAML scalars: only `true`/`false`, null and short integers become non-text values.

Everything YAML 1.1 or 1.2 would otherwise coerce (`no`, `3.10`, `0755`, `12:30`, dates) stays
exactly as typed, marked `Typed`, for the validator to accept (a date field) or report (quote it).
"""

from __future__ import annotations

import re
from typing import Any

MAX_DIGITS = 15


class Typed(str):
    """A plain scalar that YAML 1.1 or 1.2 would read as a non-text value, kept as typed.

    `kind` is "boolean", "number", "date", "time" or "null"; the validator decides
    whether that is fine (a date field) or an error (quote it).
    """

    kind: str

    def __new__(cls, text: str, kind: str) -> Typed:
        obj = super().__new__(cls, text)
        obj.kind = kind
        return obj


_BOOL_LIKE = re.compile(r"y|Y|yes|Yes|YES|n|N|no|No|NO|True|TRUE|False|FALSE|on|On|ON|off|Off|OFF")
_NULL = re.compile(r"~|null|Null|NULL|")
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_NUMBER_LIKE = re.compile(
    r"""[-+]?(
        [0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?   # 1_000, 3.10, 1e3, 0755
      | \.[0-9_]+([eE][-+]?[0-9]+)?                  # .5
      | 0[xX][0-9a-fA-F_]+ | 0o[0-7_]+ | 0b[01_]+     # hex, octal, binary
      | \.(inf|Inf|INF) | \.(nan|NaN|NAN)
    )""",
    re.VERBOSE,
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}.*")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")


def resolve_plain(text: str) -> Any:
    """Type an unquoted scalar: only `true`/`false`, null and short integers are converted."""
    if text in ("true", "false"):
        return text == "true"
    if _NULL.fullmatch(text):
        return None
    if _INT.fullmatch(text):
        if len(text.lstrip("+-")) > MAX_DIGITS:
            return Typed(text, "number")
        return int(text)
    if _BOOL_LIKE.fullmatch(text):
        return Typed(text, "boolean")
    if _DATE.fullmatch(text):
        return Typed(text, "date")
    if _TIMESTAMP.fullmatch(text):
        return Typed(text, "date")
    if _NUMBER_LIKE.fullmatch(text) or _SEXAGESIMAL.fullmatch(text):
        kind = "time" if ":" in text else "number"
        return Typed(text, kind)
    return text
