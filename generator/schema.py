"""The JSON Schemas in schemas/ (the single source of truth for fields), applied as Problems."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema import _keywords as keywords

from generator.bounds import bound
from generator.fastschema import Check, compile_or_none, ecma_regex
from generator.languages import LANGUAGE_NAMES, suggest_language
from generator.load import FieldPath, RawFile, Typed, dotted
from generator.problems import Problem, short
from generator.suggest import did_you_mean, suggest

SCHEMA_DIR = Path(__file__).parent / "schemas"
SCHEMA_NAMES = ("mentor", "ask", "skills", "stages", "sectors")
LANGUAGE_SCHEMA_SIZE = 100  # enums longer than this are language codes, not listed in messages

# Which error wins when one spot has several (a quoted-value problem explains the rest).
# Words people write for a format, mapped to the format's id (only used for "did you mean").
FORMAT_SYNONYMS: Mapping[str, str] = {
    "phone": "call", "telephone": "call", "phone call": "call", "zoom": "video", "teams": "video",
    "video call": "video", "e-mail": "email", "mail": "email", "in person": "in-person",
    "face to face": "in-person", "face-to-face": "in-person", "coffee": "in-person",
    "meeting": "in-person",
}  # fmt: skip
_PRIORITY = {"type": 0, "const": 1, "enum": 2, "pattern": 3, "format": 4}
_KIND_WORDS = {
    "boolean": "a yes/no value",
    "number": "a number",
    "date": "a date",
    "time": "a time",
}

Spot = tuple[str, FieldPath]


def load_schema(name: str) -> dict[str, Any]:
    """One schema from generator/schemas/, parsed."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def _as_list(types: Any) -> list[str]:
    return [types] if isinstance(types, str) else list(types)


def _type(validator: Any, types: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[Any]:
    # A Typed scalar is text YAML would have converted: only a date field may take it as text.
    if isinstance(instance, Typed):
        wanted = _as_list(types)
        if instance.kind == "date" and schema.get("format") == "date" and "string" in wanted:
            return
        yield ValidationError(f"{instance!r} is a {instance.kind}, not {', '.join(wanted)}")
        return
    yield from keywords.type(validator, types, instance, schema)


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[Any]:
    # jsonschema uses Python's re.search, where `$` also matches before a final newline.
    if isinstance(instance, str) and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(
    Draft202012Validator, validators={"type": _type, "pattern": _pattern}
)
_FORMATS = FormatChecker(formats=("date",))
SCHEMAS: Mapping[str, dict[str, Any]] = {name: load_schema(name) for name in SCHEMA_NAMES}
VALIDATORS: Mapping[str, Any] = {
    name: _Validator(schema, format_checker=_FORMATS) for name, schema in SCHEMAS.items()
}
QUICK: Mapping[str, Check | None] = {
    name: compile_or_none(schema) for name, schema in SCHEMAS.items()
}


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool | Typed) or not isinstance(value, str | list | dict):
        return repr(_scalar_text(value))
    return {str: "text", list: "a list", dict: "a set of fields"}.get(type(value), "text")


def _range_hint(schema: Mapping[str, Any]) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"write a whole number from {low} to {high}"
    return "write a whole number"


def _type_problem(value: Any, types: Any, schema: Mapping[str, Any]) -> tuple[str, str]:
    wanted = _as_list(types)[0]
    text = _scalar_text(value)
    kind = value.kind if isinstance(value, Typed) else None
    if value is None:
        return "is empty", "write a value, or remove the line if the field is optional"
    if isinstance(value, bool):
        kind = "boolean"
    elif isinstance(value, int | float):
        kind = "number"
    if wanted == "string" and schema.get("format") == "date":
        if isinstance(value, list | dict):
            return f"should be a date, not {_describe(value)}", "write it as YYYY-MM-DD"
        return f"{text!r} is not a date", "write it as YYYY-MM-DD, e.g. 2026-03-31"
    if wanted == "string":
        if kind is not None:
            return (
                f"{text!r} would be read as {_KIND_WORDS[kind]}, not text",
                f'put it in quotes: "{text}"',
            )
        if isinstance(value, list):
            return "should be text, not a list", "write the text on the same line as the field"
        return ("should be text, not a set of fields", "put the text in quotes if it contains ': '")
    if wanted == "boolean":
        if isinstance(value, str) and kind is None and value.strip() in ("true", "false"):
            return f"{text!r} is text, not true or false", "remove the quotes"
        return f"{short(text)!r} is not true or false", "write true or false"
    if wanted == "integer":
        if kind == "number" and text.lstrip("+-").isdigit():
            return f"{text!r} is too large a number", _range_hint(schema)
        if isinstance(value, str) and kind is None and text.strip().isdigit():
            return f"{text!r} is text, not a number", "remove the quotes"
        if kind == "number":
            return f"{text!r} is not a whole number", _range_hint(schema)
        return f"{short(text)!r} is not a whole number", _range_hint(schema)
    if wanted == "array":
        example = f"[{text}]" if not isinstance(value, dict) else "[a, b]"
        return (
            f"should be a list, not {_describe(value)}",
            f"write {example} or one `- item` per line",
        )
    if wanted == "object":
        return (
            f"should be a set of `field: value` lines, not {_describe(value)}",
            "indent the fields on the lines below this one",
        )
    return f"should be {wanted}, not {_describe(value)}", ""


def _field_description(schema: Mapping[str, Any], name: str) -> str:
    """The start of a field's description, to say what to add (up to the first pause)."""
    text = str(schema.get("properties", {}).get(name, {}).get("description", ""))
    text = re.split(r" \(|; |(?<!e\.g)\. ", text, maxsplit=1)[0]
    return text[:1].lower() + text[1:].rstrip(".") if text else ""


def _noun(path: FieldPath) -> str:
    last = path[-1] if path else ""
    return last if isinstance(last, str) and last.endswith("s") else "items"


def _translate(error: ValidationError, raw: RawFile) -> Iterator[tuple[Spot, int, Problem]]:
    path: FieldPath = tuple(error.absolute_path)
    keyword, wanted = error.validator, error.validator_value
    value, schema = error.instance, error.schema
    priority = _PRIORITY.get(str(keyword), 5)

    def problem(where: FieldPath, message: str, hint: str = "", key: bool = False) -> Problem:
        line, col = raw.where(where, key=key)
        return Problem(raw.path, line, col, dotted(where), message, hint)

    if keyword == "required" and isinstance(value, dict):
        for name in wanted:
            if name not in value:
                described = _field_description(schema, name)
                hint = f"add `{name}:` — {described}" if described else f"add `{name}:`"
                line, col = raw.where(path)
                yield (
                    ("missing", (*path, name)),
                    priority,
                    Problem(
                        raw.path,
                        line,
                        col,
                        dotted((*path, name)),
                        f"missing required field {name!r}",
                        hint,
                    ),
                )
        return
    if keyword == "additionalProperties" and isinstance(value, dict):
        allowed = list(schema.get("properties", {}))
        for name in value:
            if name not in allowed:
                name_text = str(name)
                hint = did_you_mean(suggest(name_text, allowed)) or (
                    f"the fields here are: {', '.join(allowed)}"
                )
                yield (
                    ("key", (*path, name)),
                    priority,
                    problem((*path, name), f"unknown field {short(name_text)!r}", hint, key=True),
                )
        return
    if keyword == "uniqueItems" and isinstance(value, list):
        for index, item in enumerate(value):
            if item in value[:index]:
                first = value.index(item)
                yield (
                    ("value", (*path, index)),
                    priority,
                    problem(
                        (*path, index),
                        f"{short(_scalar_text(item))!r} is listed twice "
                        f"(also {dotted((*path, first))})",
                        "list each one once",
                    ),
                )
                return
        return
    message, hint = _message(keyword, wanted, value, schema, path)
    if not message:
        message, hint = error.message, ""
    yield ("value", path), priority, problem(path, message, hint)


def _message(
    keyword: Any, wanted: Any, value: Any, schema: Mapping[str, Any], path: FieldPath
) -> tuple[str, str]:
    text = short(_scalar_text(value)) if not isinstance(value, list | dict) else ""
    if keyword == "type":
        return _type_problem(value, wanted, schema)
    if keyword == "enum":
        choices = [str(choice) for choice in wanted]
        if len(choices) > LANGUAGE_SCHEMA_SIZE:
            hint = did_you_mean(suggest_language(text), LANGUAGE_NAMES)
            return (
                f"{text!r} is not an ISO 639-1 language code",
                hint or "use the two-letter code, e.g. en, cy, fr, pl",
            )
        listed = ", ".join(choices)
        guess = [FORMAT_SYNONYMS[text.casefold()]] if text.casefold() in FORMAT_SYNONYMS else []
        hint = did_you_mean(guess or suggest(text, choices)) or f"write one of: {listed}"
        return f"{text!r} is not one of: {listed}", hint
    if keyword == "const":
        described = str(schema.get("description", ""))
        reason = described.split(": ", 1)[1].rstrip(".") if ": " in described else ""
        wanted_text = _scalar_text(wanted)
        message = f"is {text}, but must be {wanted_text}" + (f": {reason}" if reason else "")
        return message, f"write `{path[-1] if path else 'it'}: {wanted_text}` if you agree"
    if keyword == "maxLength":
        return (f"is {len(value):,} characters; the limit is {wanted:,}", "shorten it")
    if keyword == "minLength":
        return "is empty", "write some text, or remove the line if the field is optional"
    if keyword == "minItems":
        if not value:
            return "is an empty list", f"list at least {wanted}"
        return f"lists {len(value)} {_noun(path)}; at least {wanted} needed", ""
    if keyword == "maxItems":
        hints = {"stages": "merge some stages, or split the task into two asks"}
        return (
            f"lists {len(value)} {_noun(path)}; the limit is {wanted}",
            hints.get(_noun(path), f"keep the {wanted} that matter most"),
        )
    if keyword in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        return f"{value!r} is out of range: it must be from {low} to {high}", ""
    if keyword == "pattern":
        if schema.get("format") == "date":
            return (
                f"{text!r} is not a date written YYYY-MM-DD",
                "e.g. 2026-03-31, with a zero before one-digit months and days",
            )
        if path and path[-1] == "github":
            return (
                f"{text!r} is not a GitHub username",
                "write the name only, without @ or a link: letters, digits and single hyphens",
            )
        return (
            f"{text!r} is not a valid id",
            "use lowercase letters, digits and single hyphens, e.g. bid-writing",
        )
    if keyword == "format":
        return f"{text!r} is not a real date", "check the day and the month"
    return "", ""


class Found:
    """Problems of one file, at most one per spot: the schema's first, then later checks'."""

    def __init__(self, raw: RawFile, data: Any = None) -> None:
        self.raw = raw
        self.data = raw.data if data is None else data  # cut to the schema's limits
        self.spots: dict[Spot, tuple[int, Problem]] = {}

    def add(self, spot: Spot, priority: int, problem: Problem) -> None:
        """Keep `problem` unless its spot already has a more helpful one."""
        if spot not in self.spots or priority < self.spots[spot][0]:
            self.spots[spot] = (priority, problem)

    def at(self, path: FieldPath, message: str, hint: str = "", *, key: bool = False) -> None:
        """A problem with the value (or key) at `path`, found after the schema."""
        line, col = self.raw.where(path, key=key)
        problem = Problem(self.raw.path, line, col, dotted(path), message, hint)
        self.add(("key" if key else "value", path), 9, problem)

    def has(self, path: FieldPath) -> bool:
        """Whether the value at `path` already has a problem."""
        return ("value", path) in self.spots

    def problems(self) -> list[Problem]:
        """The problems found, in file order."""
        return sorted(problem for _, problem in self.spots.values())


def check_schema(raw: RawFile, name: str) -> Found:
    """Every schema error of a parsed file, as Problems at most one per spot."""
    if raw.data is None:
        return Found(raw)
    quick = QUICK[name]
    if quick is not None and quick(raw.data):
        return Found(raw)
    bounded, too_long = bound(raw.data, SCHEMAS[name])
    found = Found(raw, bounded)
    for error in chain(too_long, VALIDATORS[name].iter_errors(bounded)):
        for spot, priority, problem in _translate(error, raw):
            found.add(spot, priority, problem)
    return found
