"""Skill suggestions for words people type: the synonym table with the shipped vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.tree import load_content
from generator.vocab import Index, build_taxonomy

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "generator" / "data" / "skill-synonyms.yml"


@pytest.fixture(scope="module")
def skills() -> Index:
    """The skill index of the shipped content/skills.yml."""
    _taxonomy, vocab, problems = build_taxonomy(load_content(REPO))
    assert problems == ()
    return vocab.skills


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("accounting", ["charity-accounts", "bookkeeping", "management-accounts"]),
        ("Accountancy", ["charity-accounts", "bookkeeping", "management-accounts"]),
        ("accountants", ["charity-accounts", "bookkeeping", "management-accounts"]),
        ("treasurer", ["charity-accounts", "budgeting", "management-accounts"]),
        ("fundraising", ["fundraising-strategy", "bid-writing", "community-fundraising"]),
        ("fund_raising", ["fundraising-strategy", "bid-writing", "community-fundraising"]),
        ("grants", ["bid-writing", "trusts-foundations"]),
        ("marketing", ["communications", "social-media", "email-marketing"]),
        ("grant writting", ["bid-writing"]),  # a typo of an alias: the near miss, as before
    ],
)
def test_suggestions_for_words_people_type(skills: Index, typed: str, expected: list[str]) -> None:
    """Words that are no skill name get the skills people mean, best first, at most three."""
    assert skills.resolve(typed) is None
    assert skills.suggest(typed) == expected


def test_every_synonym_names_a_shipped_skill_and_no_skill_name() -> None:
    """The table only suggests skills that exist, and never shadows a real skill name."""
    table = yaml.safe_load(TABLE.read_text("utf-8"))
    taxonomy, vocab, _ = build_taxonomy(load_content(REPO))
    known = {s.id for s in taxonomy.skills}
    assert sorted({i for ids in table.values() for i in ids} - known) == []
    assert [word for word in table if vocab.skills.resolve(str(word))] == []
    assert all(isinstance(word, str) and 1 <= len(ids) <= 3 for word, ids in table.items())
