"""Bounded work: over-long lists and strings are refused before jsonschema (issue 11, class 1).

Timings live in scripts/worst_case.py and docs/security.md; here, what is reported and that the
schema library only ever sees values within the schema's limits.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.bounds import bound
from generator.load import MAX_BYTES, parse_text
from generator.schema import SCHEMAS

from .conftest import validate_texts

FIXTURES = Path(__file__).parents[1] / "fixtures" / "valid"
HEAD = (
    "name: Ana\nheadline: Mentor\nemail: a@example.org\nformats: [call]\n"
    "confirmed: 2026-05-01\nconsent: true\n"
)


def _nodes(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "type" in node:
            yield where, node
        for key, value in node.items():
            yield from _nodes(value, f"{where}/{key}")


NODES = [(f"{name}{where}", node) for name, s in SCHEMAS.items() for where, node in _nodes(s, "")]


def _fill(item: Any) -> str:
    """A flow list of distinct items (mixed types, so nothing can be sorted) filling 64 KiB."""
    items, size, i = [], len(HEAD) + 12, 0
    while size < MAX_BYTES - 20:
        text = item(i)
        items.append(text)
        size += len(text) + 2
        i += 1
    return "[" + ", ".join(items) + "]"


def test_every_unique_list_has_a_length_limit() -> None:
    """uniqueItems compares every pair, so a list that has it must have maxItems too."""
    unbounded = [w for w, n in NODES if n.get("uniqueItems") and "maxItems" not in n]
    assert unbounded == []


def test_every_mentor_and_ask_text_has_a_length_limit() -> None:
    """Every string of a contributor file has a maxLength, unless an enum or date bounds it."""
    loose = [
        w
        for w, n in NODES
        if w.startswith(("mentor", "ask"))
        and n.get("type") == "string"
        and not {"maxLength", "enum", "format"} & n.keys()
    ]
    assert loose == []


@pytest.mark.parametrize(
    "item",
    [lambda i: f"[{i}]" if i % 2 else str(i), lambda i: f"{{a: {i}}}", lambda i: f"s{i}"],
    ids=["lists and numbers", "mappings", "distinct text"],
)
def test_a_64_kib_list_reports_its_length_and_its_first_items_only(item: Any) -> None:
    """The case that took a minute: thousands of distinct items, refused by their count."""
    text = HEAD + "skills: " + _fill(item) + "\n"
    assert len(text.encode()) <= MAX_BYTES
    count = text.count(",") + 1
    problems = validate_texts(text, None).problems
    assert problems[0].message == f"lists {count} skills; the limit is 12"
    assert {p.field for p in problems} <= {"skills"} | {f"skills[{i}]" for i in range(12)}


def test_over_long_text_is_reported_with_its_full_length() -> None:
    """A 60,000-character name: one problem, naming the real length."""
    problems = validate_texts(HEAD + "skills: [bid-writing]\nname2: x\n", None).problems
    assert [p.field for p in problems] == ["name2"]
    text = HEAD.replace("name: Ana", "name: " + "x" * 60_000) + "skills: [bid-writing]\n"
    actual = [str(p) for p in validate_texts(text, None).problems]
    assert actual == [
        "content/mentors/x.yml:1:7: error: name: is 60,000 characters; the limit is 80 (shorten it)"
    ]


@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.yml")), ids=lambda p: p.name)
def test_valid_files_pass_through_unchanged(path: Path) -> None:
    """Nothing is cut from a valid file: the bounded copy equals the file, with no error."""
    raw = parse_text(path.read_text(encoding="utf-8"), f"content/{path.parent.name}/{path.name}")
    schema = SCHEMAS["mentor" if path.parent.name == "mentors" else "ask"]
    assert bound(raw.data, schema) == (raw.data, [])


def test_wrong_containers_become_empty_and_unknown_values_null() -> None:
    """What jsonschema sees when a list sits where text belongs and under an unknown key."""
    data = {"name": [[1] * 1000], "nope": {"a": [1] * 1000}, "skills": ["a"] * 20}
    bounded, errors = bound(data, SCHEMAS["mentor"])
    assert bounded == {"name": [], "nope": None, "skills": ["a"] * 12}
    assert [(e.validator, list(e.path)) for e in errors] == [("maxItems", ["skills"])]
