"""Bounded work: cut a parsed file down to what the schema allows before jsonschema sees it.

jsonschema's work is not linear in the file: `uniqueItems` compares every pair of a list of
mixed or unhashable items, and error messages quote whole values. A 64 KiB list of mixed items
took over a minute. So over-long lists and strings are reported here, from the schema's own
`maxItems`/`maxLength`, and the schema library sees a copy where:

- a list longer than `maxItems` keeps its first `maxItems` items;
- a string longer than `maxLength` keeps its first `maxLength` characters;
- a list or mapping where the schema wants another type becomes an empty one of its kind (the
  type error reads the same);
- the value under an unknown key becomes null (only the key is reported).

Every change is made only where a problem is reported, so a valid file passes through intact.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

from jsonschema import ValidationError

from generator.scalars import Typed

FieldPath = tuple[str | int, ...]
_CONTAINERS = {"array": list, "object": dict}


def _wants(schema: Mapping[str, Any], value: Any) -> bool:
    """Whether a list or mapping is of a type the schema allows (True when it says nothing)."""
    types = schema.get("type")
    if types is None:
        return True
    names = [types] if isinstance(types, str) else list(types)
    return any(isinstance(value, _CONTAINERS.get(name, ())) for name in names)


def _error(keyword: str, schema: Mapping[str, Any], value: Any, path: FieldPath) -> ValidationError:
    return ValidationError(
        f"{keyword} exceeded",
        validator=keyword,  # type: ignore[arg-type]
        validator_value=schema[keyword],
        instance=value,
        schema=schema,  # type: ignore[arg-type]
        path=deque(path),
    )


def bound(
    value: Any, schema: Mapping[str, Any], path: FieldPath = ()
) -> tuple[Any, list[ValidationError]]:
    """(the value cut to the schema's limits, the length errors found on the way)."""
    errors: list[ValidationError] = []
    return _bound(value, schema, path, errors), errors


def _bound(value: Any, schema: Mapping[str, Any], path: FieldPath, errors: list) -> Any:
    if isinstance(value, str) and not isinstance(value, Typed):
        limit = schema.get("maxLength")
        if isinstance(limit, int) and len(value) > limit:
            errors.append(_error("maxLength", schema, value, path))
            return value[:limit]
        return value
    if not isinstance(value, list | dict):
        return value
    if not _wants(schema, value):
        return type(value)()
    if isinstance(value, list):
        limit = schema.get("maxItems")
        if isinstance(limit, int) and len(value) > limit:
            errors.append(_error("maxItems", schema, value, path))
            value = value[:limit]
        items = schema.get("items", {})
        return [_bound(item, items, (*path, i), errors) for i, item in enumerate(value)]
    properties = schema.get("properties", {})
    closed = schema.get("additionalProperties") is False
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key in properties:
            out[key] = _bound(item, properties[key], (*path, key), errors)
        else:
            out[key] = None if closed else item
    return out
