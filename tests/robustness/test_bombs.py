"""Resource attacks on the loader: alias bombs, deep nesting, huge files — refused, not expanded.

How fast is measured by scripts/timings.py (limit 1 s each), not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import MAX_BYTES, MAX_DEPTH, load_file, parse_text

from .conftest import time_limit
from .suite_expectations import HANG_GUARD_S

PATH = "content/mentors/bomb.yml"
LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def _quick(text: str) -> tuple[str, ...]:
    with time_limit(HANG_GUARD_S):
        raw = parse_text(text, PATH)
    assert raw.data is None
    return tuple(p.message for p in raw.problems)


def test_billion_laughs_stops_at_the_first_anchor() -> None:
    """Anchors and aliases are refused outright, so an alias bomb is never expanded."""
    assert _quick(LAUGHS) == ("YAML anchors are not allowed (&a)",)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 10_000, 100_000])
def test_deep_flow_nesting_is_refused(depth: int) -> None:
    """`[[[[…` thousands deep: one Problem naming the depth limit (no RecursionError)."""
    messages = _quick("a: " + "[" * depth + "]" * depth + "\n")
    assert len(messages) == 1
    assert messages[0] in (
        f"nesting is deeper than {MAX_DEPTH} levels",
        # libyaml's own limit (1,000 levels) stops the scanner first on very deep input.
        "YAML syntax error: exceeded maximum nesting depth (while increasing flow level)",
    )


def test_deep_block_nesting_is_refused() -> None:
    """Indented mappings 200 deep: refused with the depth limit."""
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(200)) + "  " * 200 + "v\n"
    assert _quick(text) == (f"nesting is deeper than {MAX_DEPTH} levels",)


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    """A file one byte over 64 KiB is refused by size, whatever it holds."""
    file = tmp_path / "bomb.yml"
    file.write_bytes(b"name: " + b"x" * (MAX_BYTES - 5))
    raw = load_file(file, PATH)
    assert (raw.data, [p.message for p in raw.problems]) == (
        None,
        [f"the file is {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,} (64 KiB)"],
    )


def test_huge_integer_is_not_converted() -> None:
    """A 5,000-digit number stays text (no slow int conversion, no ValueError)."""
    with time_limit(HANG_GUARD_S):
        raw = parse_text("hours_per_month: " + "9" * 5000 + "\n", PATH)
    assert raw.data["hours_per_month"].kind == "number"
