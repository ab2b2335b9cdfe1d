"""Unquoted scalar typing at its boundaries: which plain scalars become values, which stay text."""

from __future__ import annotations

import pytest

from generator.scalars import MAX_DIGITS, Typed, resolve_plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9" * 15, 999_999_999_999_999),
        ("-" + "9" * 15, -999_999_999_999_999),
        ("+7", 7),
        ("0", 0),
    ],
)
def test_short_integers_become_ints(text: str, expected: int) -> None:
    """Up to 15 digits (sign not counted) an integer is an int."""
    value = resolve_plain(text)
    assert (type(value), value, MAX_DIGITS) == (int, expected, 15)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("9" * 16, "number"),
        ("+" + "9" * 16, "number"),
        ("07", "number"),
        ("1_000", "number"),
        (".5", "number"),
        ("0o17", "number"),
        ("0b101", "number"),
        ("-.inf", "number"),
        (".NaN", "number"),
        ("1:20", "time"),
        ("190:20:30.15", "time"),
        ("2026-1-2", "date"),
        ("2026-01-02T10:00:00Z", "date"),
        ("2026-01-02 \t10:00", "date"),
        ("y", "boolean"),
        ("OFF", "boolean"),
    ],
)
def test_values_yaml_would_coerce_stay_typed(text: str, kind: str) -> None:
    """Longer integers and every other YAML 1.1/1.2 coercion stay as typed, with their kind."""
    value = resolve_plain(text)
    assert (type(value), str(value), value.kind) == (Typed, text, kind)


@pytest.mark.parametrize(
    "text", ["True ", "1.2.3", "12:60", "2026-01-02x", "0x", "yes please", "nul", "~~", "-", "e3"]
)
def test_near_misses_stay_text(text: str) -> None:
    """Scalars that only look like a typed value are plain text."""
    value = resolve_plain(text)
    assert (type(value), value) == (str, text)


@pytest.mark.parametrize(("text", "expected"), [("true", True), ("false", False), ("~", None)])
def test_booleans_and_null(text: str, expected: object) -> None:
    """Only `true`/`false` are booleans; `~`, `null` and empty are null."""
    assert resolve_plain(text) is expected
