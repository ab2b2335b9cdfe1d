"""Every schema `pattern` matches in full: a trailing newline never passes (issue 11, class 5)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.fastschema import compile_schema, ecma_regex
from generator.load import parse_text
from generator.schema import SCHEMAS, VALIDATORS
from generator.tree import Content
from generator.validate import validate

from .conftest import SECTORS_YML, STAGES_YML, TODAY_ISO


def _patterns(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield where, node["pattern"]
        for key, value in node.items():
            yield from _patterns(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _patterns(value, f"{where}/{i}")


PATTERNS = [(f"{name}{where}", p) for name, s in SCHEMAS.items() for where, p in _patterns(s, "")]


def test_the_sweep_finds_every_pattern() -> None:
    """Ids in three vocabularies, four date fields and the GitHub name: ten patterns today."""
    assert len(PATTERNS) == 10


@pytest.mark.parametrize(("where", "pattern"), PATTERNS, ids=[w for w, _ in PATTERNS])
@given(data=st.data())
def test_a_trailing_newline_never_matches(where: str, pattern: str, data: st.DataObject) -> None:
    """A value the pattern accepts is refused with a line break after it, by both checkers."""
    value = data.draw(st.from_regex(ecma_regex(pattern), fullmatch=True))
    ending = data.draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    validator = type(VALIDATORS["mentor"])({"type": "string", "pattern": pattern})
    quick = compile_schema({"type": "string", "pattern": pattern})
    assert (validator.is_valid(value), quick(value)) == (True, True)
    assert (validator.is_valid(value + ending), quick(value + ending)) == (False, False)


def test_a_skill_id_with_a_newline_is_a_problem_not_a_silent_drop() -> None:
    """`id: "bid-writing\\n"` in skills.yml: one problem there, not fallout in other files."""
    skills = (
        "groups:\n  - {id: money, label: Money}\nskills:\n"
        '  - {id: "bid-writing\\n", label: Bid writing, group: money}\n'
        "  - {id: budgeting, label: Budgeting, group: money}\n"
    )
    content = Content(
        parse_text(skills, "content/skills.yml"),
        parse_text(STAGES_YML, "content/stages.yml", top=list),
        parse_text(SECTORS_YML, "content/sectors.yml", top=list),
    )
    actual = [str(p) for p in validate(content, date.fromisoformat(TODAY_ISO)).problems]
    assert actual == [
        "content/skills.yml:4:10: error: skills[0].id: 'bid-writing\\n' is not a valid id "
        "(use lowercase letters, digits and single hyphens, e.g. bid-writing)",
        "content/stages.yml:4:22: error: [0].suggested_skills[0]: unknown skill 'bid-writing' "
        "(use a skill id from content/skills.yml)",
    ]
