"""Duplicates across files: one person under two addresses (a warning), one ask twice (an error)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from generator.load import FieldPath, RawFile
from generator.model import Ask, Mentor
from generator.problems import Problem
from generator.tree import Content

NAMED = 3  # other files named in one problem; a longer list would bury the message

PERSON_HINT = (
    "the same person under two addresses? keep one profile and delete the other; "
    "if they are different people, ignore this warning"
)
ASK_HINT = (
    "the same ask twice? keep one file (extend its `expires` to post it again) and delete the other"
)


def normalised(text: str) -> str:
    """Casefolded, accents stripped, whitespace collapsed: `  José  García` → `jose garcia`."""
    if text.isascii():  # nothing to decompose or strip (most names and titles): 10x faster
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFKC", stripped).casefold().split())


def _others(files: Sequence[str], own: str) -> str:
    """`a.yml, b.yml and 4 more` — the files other than `own`, at most NAMED by name."""
    others = [f for f in files if f != own]
    named = ", ".join(others[:NAMED])
    return named + (f" and {len(others) - NAMED} more" if len(others) > NAMED else "")


def _at(raws: dict[str, RawFile], path: str, field: FieldPath, *, key: bool = False) -> tuple:
    raw = raws.get(path)
    return raw.where(field, key=key) if raw is not None else (1, 1)


def _same_person(mentors: Iterable[Mentor], raws: dict[str, RawFile]) -> list[Problem]:
    by_name: dict[str, list[Mentor]] = {}
    for mentor in mentors:
        by_name.setdefault(normalised(mentor.name), []).append(mentor)
    problems = []
    for group in by_name.values():
        if len(group) < 2:
            continue
        # Skill → files, so each mentor finds the others sharing a skill without comparing pairs.
        by_skill: dict[str, list[str]] = {}
        for mentor in group:
            for skill in mentor.skills:
                by_skill.setdefault(skill, []).append(mentor.path)
        for mentor in group:
            shared = sorted(s for s in mentor.skills if len(by_skill[s]) > 1)
            files = sorted({f for s in shared for f in by_skill[s]} - {mentor.path})
            if not files:
                continue
            line, col = _at(raws, mentor.path, ("name",))
            problems.append(
                Problem(
                    mentor.path,
                    line,
                    col,
                    "name",
                    f"{mentor.name!r} is also the name of {_others(files, mentor.path)}, "
                    f"with skills in common ({', '.join(shared[: NAMED * 2])})",
                    PERSON_HINT,
                    "warning",
                )
            )
    return problems


def _stages_key(ask: Ask) -> tuple:
    """The stages in any order; a lone stage also with its organisation.

    Titles+skills alone repeat across honest asks (one in 60 synthetic asks shares a generic
    "Review: bid writing"), so the need text counts too; and a single short stage is only a copy
    within the same organisation.
    """
    stages = tuple(
        sorted(
            (normalised(s.title), normalised(s.need), tuple(sorted(s.skills))) for s in ask.stages
        )
    )
    return stages if len(stages) > 1 else (normalised(ask.organisation.name), stages)


def _same_ask(asks: Iterable[Ask], raws: dict[str, RawFile]) -> list[Problem]:
    by_title: dict[tuple[str, str], list[str]] = {}
    by_stages: dict[tuple, list[str]] = {}
    for ask in asks:
        key = (normalised(ask.organisation.name), normalised(ask.title))
        by_title.setdefault(key, []).append(ask.path)
        by_stages.setdefault(_stages_key(ask), []).append(ask.path)
    problems = []
    for group in by_title.values():
        for path in group if len(group) > 1 else ():
            line, col = _at(raws, path, ("title",))
            message = f"the same organisation and title as {_others(group, path)}"
            problems.append(Problem(path, line, col, "title", message, ASK_HINT))
    for group in by_stages.values():
        for path in group if len(group) > 1 else ():
            line, col = _at(raws, path, ("stages",), key=True)
            message = f"the same stages (titles, needs and skills) as {_others(group, path)}"
            problems.append(Problem(path, line, col, "stages", message, ASK_HINT))
    return problems


def duplicates(mentors: Iterable[Mentor], asks: Iterable[Ask], content: Content) -> list[Problem]:
    """Possible duplicate mentors (warnings) and duplicate asks (errors), among valid entries."""
    raws = {raw.path: raw for raw in (*content.mentors, *content.asks)}
    return [*_same_person(mentors, raws), *_same_ask(asks, raws)]
