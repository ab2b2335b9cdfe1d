"""LINE:COL as editors and GitHub count them: only \\n, \\r\\n and \\r break lines (class 6)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.load import parse_text

from .conftest import validate_texts

YAML_ONLY_BREAKS = ["\x85", "\u2028", "\u2029"]
VALUE = st.text(
    alphabet=st.sampled_from([*YAML_ONLY_BREAKS, "a", "é", "🙂", " ", "'", "x"]), max_size=12
)


def editor_position(text: str, offset: int) -> tuple[int, int]:
    """Where an editor shows character `offset`: lines end only at \\n, \\r\\n or \\r."""
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text[:offset]))]
    return len(starts), offset - starts[-1] + 1


@given(
    values=st.lists(VALUE, min_size=1, max_size=6),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    quote=st.sampled_from(['"', "'"]),
)
def test_key_positions_ignore_unicode_line_breaks(
    values: list[str], newline: str, quote: str
) -> None:
    """Every key's LINE:COL is the editor's, whatever U+0085/U+2028/U+2029 come before it."""
    quoted = [
        quote + (v.replace("'", "''") if quote == "'" else v.replace('"', '\\"')) + quote
        for v in values
    ]
    text = "".join(f"k{i}: {q}{newline}" for i, q in enumerate(quoted))
    raw = parse_text(text, "content/mentors/x.yml")
    assert raw.problems == ()
    for i in range(len(values)):
        assert raw.keys[(f"k{i}",)] == editor_position(text, text.index(f"k{i}:"))


@pytest.mark.parametrize("separator", YAML_ONLY_BREAKS, ids=["NEL", "LS", "PS"])
def test_problems_after_a_unicode_line_break_point_at_the_right_line(separator: str) -> None:
    """The issue's case: a separator in the name shifted every later problem down a line."""
    mentor = (
        f'name: "Ana{separator}Silva"\nheadline: Mentor\nemail: a@example.org\n'
        "skills: [no-such-skill]\nformats: [call]\nconfirmed: 2026-05-01\nconsent: true\n"
    )
    lines = [f"{p.line}:{p.col}: {p.field}" for p in validate_texts(mentor, None).problems]
    # YAML folds a NEL inside quotes to a space; LS and PS stay and are refused as invisible.
    assert lines == ([] if separator == "\x85" else ["1:7: name"]) + ["4:10: skills[0]"]


@pytest.mark.parametrize("separator", YAML_ONLY_BREAKS, ids=["NEL", "LS", "PS"])
def test_syntax_errors_after_a_unicode_line_break(separator: str) -> None:
    """A YAML syntax error is placed on the editor's line too."""
    raw = parse_text(f'name: "a{separator}b"\r\nheadline: [x\n', "content/mentors/x.yml")
    assert [(p.line, p.col) for p in raw.problems] == [(3, 1)]
