"""Matching details the golden cases leave open: the lazy Ranked sequence, skills outside the
vocabulary, and the ranking of a level too large for the simple sort (expected orders written out).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from generator.match import Ranked, match
from generator.model import Ask, Directory, Mentor, Skill, SkillGroup, Stage, Taxonomy
from tests.entries import TODAY, make_ask, make_mentor


def counted(values: list[int]) -> tuple[Ranked[int], list[int]]:
    """A Ranked over `values` and a list recording each value as it is produced."""
    made: list[int] = []

    def start() -> Iterator[int]:
        for value in values:
            made.append(value)
            yield value

    return Ranked(len(values), start), made


def test_ranked_builds_only_what_is_read() -> None:
    """Indexing or iterating builds items up to the one read, never more."""
    ranked, made = counted([10, 11, 12, 13, 14])
    assert (ranked[0], made) == (10, [10])
    assert (ranked[2], made) == (12, [10, 11, 12])
    assert (ranked[1:3], made) == ((11, 12), [10, 11, 12])
    assert (ranked[3:1:-1], made) == ((13, 12), [10, 11, 12, 13])
    fresh, made = counted([10, 11, 12, 13, 14])
    assert (next(iter(fresh)), made) == (10, [10])
    other, made = counted([1, 2, 3])
    assert (other[::-1], made) == ((3, 2, 1), [1, 2, 3])


def test_ranked_indexes_like_a_tuple() -> None:
    """Negative indexes count from the end; out of range is an IndexError saying so."""
    ranked = Ranked.of([10, 11, 12])
    assert [ranked[0], ranked[-1], ranked[-3], len(ranked)] == [10, 12, 10, 3]
    for index in (3, -4, 99):
        with pytest.raises(IndexError, match=r"^Ranked index out of range$"):
            ranked[index]
    assert list(ranked) == [10, 11, 12]
    assert tuple(Ranked.of([])) == ()


def test_ranked_equality() -> None:
    """Equal to a Ranked or tuple with the same items in the same order, else not."""
    assert Ranked.of([1, 2]) == (1, 2)
    assert Ranked.of([1, 2]) == Ranked.of([1, 2])
    assert Ranked.of([1, 2]) != (1, 3)
    assert Ranked.of([1, 2]) != (2, 1)
    assert Ranked.of([1, 2]) != (1, 2, 3)
    assert Ranked.of([1, 2]) != [1, 2]  # a list is not a Ranked or tuple
    assert hash(Ranked.of([1, 2])) == hash((1, 2))
    assert repr(Ranked.of([1, 2])) == "Ranked((1, 2))"


def mentor(slug: str, skills: tuple[str, ...], days: int = 10, **kw: object) -> Mentor:
    """An active mentor confirmed `days` ago."""
    return make_mentor(slug, skills=skills, confirmed=TODAY - timedelta(days=days), **kw)


def one_stage_ask(skills: tuple[str, ...], sectors: tuple[str, ...] = ()) -> Ask:
    """One open ask with one open stage needing `skills`."""
    return make_ask("the-ask", stages=(Stage(1, "S", "n", skills),), sectors=sectors)


def test_skills_outside_the_vocabulary_match_exactly_only() -> None:
    """A skill id the taxonomy lacks matches the same id exactly, and nothing as related."""
    taxonomy = Taxonomy(groups=(SkillGroup("g", "G"),), skills=(Skill("known", "Known", "g"),))
    mentors = (mentor("ann", ("ghost",)), mentor("bob", ("known",)), mentor("cat", ("other",)))
    directory = Directory(taxonomy, mentors, (one_stage_ask(("ghost",)),), TODAY)
    found = match(directory).by_stage[("the-ask", 1)]
    assert [(m.mentor, m.kind, m.shared_skills) for m in found] == [("ann", "exact", ("ghost",))]


def test_large_level_ranked_by_related_skills_sectors_experience_then_date() -> None:
    """60 mentors share the one exact skill (a level too large for the simple sort); the group
    also holds a skill nobody has and the ask a sector nobody has. Order: more related skills,
    more shared sectors, third-sector experience, most recently confirmed, slug."""
    taxonomy = Taxonomy(
        groups=(SkillGroup("money", "Money"),),
        skills=tuple(Skill(s, s, "money") for s in ("budgeting", "audit", "tax", "unheld")),
    )
    mentors = []
    for n in range(60):
        related = ("audit", "tax")[: n % 3]
        sectors = ("youth",) if n % 2 else ()
        mentors.append(
            mentor(
                f"m{n:02d}",
                ("budgeting", *related),
                sectors=sectors,
                third_sector=n % 5 == 0,
                days=n % 4,
            )
        )
    ask = one_stage_ask(("budgeting",), sectors=("youth", "nobody"))
    found = match(Directory(taxonomy, tuple(mentors), (ask,), TODAY)).by_stage[("the-ask", 1)]

    def rank(m: Mentor) -> tuple[int, int, bool, int, str]:
        related = len(set(m.skills) & {"audit", "tax"})
        return (-related, -len(m.sectors), not m.third_sector, -m.confirmed.toordinal(), m.slug)

    expected = [m.slug for m in sorted(mentors, key=rank)]
    assert [m.mentor for m in found] == expected
    assert expected[:4] == ["m05", "m35", "m17", "m29"]  # a spot check of the key, by hand
    assert {m.kind for m in found} == {"exact"}
