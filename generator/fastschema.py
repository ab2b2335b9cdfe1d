"""A quick yes/no check compiled from the same JSON Schemas, so valid files skip jsonschema.

jsonschema is thorough but costs ~0.2 ms a file; 20,000 files would take seconds. Most files
are valid, so a compiled predicate answers "valid" fast, and only files it doubts go through
jsonschema for the detailed errors. The predicate is conservative: when it says True, jsonschema
finds no error (tests/test_properties.py checks this); when unsure it says False.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from jsonschema import FormatChecker

from generator.load import Typed

Check = Callable[[Any], bool]

_ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "default", "examples"}
_DATES = FormatChecker(formats=("date",))


@lru_cache(maxsize=64)
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """A JSON Schema (ECMA-262) `pattern` as a Python regex with the same meaning.

    In ECMA-262 `$` matches only at the very end; Python's `$` also matches before a final
    newline, which would let `"bid-writing\\n"` pass an id pattern. So `$` becomes `\\Z`, and
    `\\d`/`\\w` stay ASCII as in ECMA-262.
    """
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append("\\Z")
            continue
        out.append(char)
    return re.compile("".join(out), re.ASCII)


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not know: use jsonschema for every file."""


def _is_type(name: str, value: Any, schema: Mapping[str, Any]) -> bool:
    if isinstance(value, Typed):
        return name == "string" and value.kind == "date" and schema.get("format") == "date"
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    if name == "null":
        return value is None
    raise Unsupported(f"type {name}")


def _unique(value: list[Any]) -> bool:
    return all(isinstance(item, str) for item in value) and len(set(value)) == len(value)


def _keyword(key: str, wanted: Any, schema: Mapping[str, Any], root: Mapping[str, Any]) -> Check:
    """One keyword as a predicate (keywords about another type pass, as in JSON Schema)."""
    if key == "type":
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        for name in names:
            _is_type(name, None, {})
        return lambda v: any(_is_type(name, v, schema) for name in names)
    if key == "enum":
        if not all(isinstance(choice, str) for choice in wanted):
            raise Unsupported("enum of non-strings")
        choices = frozenset(wanted)
        return lambda v: isinstance(v, str) and v in choices
    if key == "const":
        if wanted is not True:
            raise Unsupported("const other than true")
        return lambda v: v is True
    if key in ("minLength", "maxLength"):
        low = wanted if key == "minLength" else 0
        high = wanted if key == "maxLength" else float("inf")
        return lambda v: not isinstance(v, str) or low <= len(v) <= high
    if key in ("minItems", "maxItems"):
        low = wanted if key == "minItems" else 0
        high = wanted if key == "maxItems" else float("inf")
        return lambda v: not isinstance(v, list) or low <= len(v) <= high
    if key == "uniqueItems":
        return lambda v: not wanted or not isinstance(v, list) or _unique(v)
    if key in ("minimum", "maximum"):
        sign = 1 if key == "minimum" else -1
        return lambda v: (
            not isinstance(v, int | float) or isinstance(v, bool) or sign * (v - wanted) >= 0
        )
    if key == "pattern":
        pattern = ecma_regex(wanted)
        return lambda v: not isinstance(v, str) or pattern.search(v) is not None
    if key == "format":
        if wanted != "date":
            raise Unsupported(f"format {wanted}")
        return lambda v: not isinstance(v, str) or _DATES.conforms(v, "date")
    if key == "required":
        names = tuple(wanted)
        return lambda v: not isinstance(v, dict) or all(name in v for name in names)
    if key == "properties":
        checks = {name: compile_schema(sub, root) for name, sub in wanted.items()}
        return lambda v: (
            not isinstance(v, dict) or all(checks[k](item) for k, item in v.items() if k in checks)
        )
    if key == "additionalProperties":
        if wanted is not False:
            raise Unsupported("additionalProperties other than false")
        allowed = frozenset(schema.get("properties", {}))
        return lambda v: not isinstance(v, dict) or all(k in allowed for k in v)
    if key == "items":
        check = compile_schema(wanted, root)
        return lambda v: not isinstance(v, list) or all(check(item) for item in v)
    if key == "$ref":
        if not isinstance(wanted, str) or not wanted.startswith("#/$defs/"):
            raise Unsupported(f"$ref {wanted}")
        return compile_schema(root["$defs"][wanted.removeprefix("#/$defs/")], root)
    raise Unsupported(key)


def _object(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Check:
    checks = {name: compile_schema(sub, root) for name, sub in schema["properties"].items()}
    required = frozenset(schema.get("required", ()))

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        for key, item in value.items():
            sub = checks.get(key)
            if sub is None or not sub(item):
                return False
        return required <= value.keys()

    return check


def _string(schema: Mapping[str, Any]) -> Check:
    low, high = schema.get("minLength", 0), schema.get("maxLength", float("inf"))
    rest = [_keyword(k, w, schema, schema) for k, w in schema.items() if k in ("enum", "pattern")]

    def check(value: Any) -> bool:
        if not isinstance(value, str) or isinstance(value, Typed):
            return False
        return low <= len(value) <= high and all(sub(value) for sub in rest)

    return check


def _array(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Check:
    low, high = schema.get("minItems", 0), schema.get("maxItems", float("inf"))
    item_check = compile_schema(schema.get("items", {}), root)
    unique = schema.get("uniqueItems", False)

    def check(value: Any) -> bool:
        if not isinstance(value, list) or not low <= len(value) <= high:
            return False
        if unique and not _unique(value):
            return False
        return all(item_check(item) for item in value)

    return check


_SHAPES = {
    "object": {"type", "properties", "required", "additionalProperties"},
    "string": {"type", "minLength", "maxLength", "enum", "pattern"},
    "array": {"type", "minItems", "maxItems", "uniqueItems", "items"},
}


def compile_schema(schema: Mapping[str, Any], root: Mapping[str, Any] | None = None) -> Check:
    """A predicate that is True only for instances the schema accepts."""
    root = schema if root is None else root
    keys = set(schema) - _ANNOTATIONS
    kind = schema.get("type")
    if isinstance(kind, str) and kind in _SHAPES and keys <= _SHAPES[kind]:
        if kind == "object" and schema.get("additionalProperties") is False:
            return _object(schema, root)
        if kind == "string" and all(isinstance(c, str) for c in schema.get("enum", ())):
            return _string(schema)
        if kind == "array":
            return _array(schema, root)
    checks = [_keyword(key, schema[key], schema, root) for key in schema if key in keys]
    return lambda v: all(check(v) for check in checks)


def compile_or_none(schema: Mapping[str, Any]) -> Check | None:
    """The compiled predicate, or None if the schema needs jsonschema for every file."""
    try:
        return compile_schema(schema)
    except Unsupported:
        return None
