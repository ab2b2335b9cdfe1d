"""Every YAML test suite input through the strict loader: data or Problems, no crash, and a floor:
the known-good inputs are still accepted, and each accepted input means what PyYAML says."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from generator.load import RawFile, Typed, load_file, parse_text
from generator.problems import Problem

from .conftest import time_limit, yaml_suite_cases
from .suite_expectations import ACCEPTED, HANG_GUARD_S

CASES = yaml_suite_cases()
PATH = "content/mentors/case.yml"


@cache
def accepted() -> frozenset[str]:
    """The cases the loader accepts: data and no problem."""
    return frozenset(
        case
        for case, file in CASES
        if (raw := load_file(file, PATH)).data is not None and not raw.problems
    )


def test_corpus_is_complete() -> None:
    """All 402 inputs of the vendored suite are found (a missing folder would shrink the test)."""
    assert len(CASES) == 402


@pytest.mark.parametrize(("case", "file"), CASES, ids=[c for c, _ in CASES])
def test_loader_reports_or_accepts(case: str, file: Path) -> None:
    """The loader returns data or located Problems for the case (and does not hang)."""
    with time_limit(HANG_GUARD_S):
        raw = load_file(file, PATH)
    assert isinstance(raw, RawFile)
    assert raw.path == PATH
    for problem in raw.problems:
        assert isinstance(problem, Problem)
        assert problem.path == PATH
        assert problem.line >= 1
        assert problem.col >= 1
        assert problem.message
        assert str(problem).startswith(f"{PATH}:{problem.line}:{problem.col}: error: ")
    if raw.data is None:
        assert raw.problems, "no data and no problem: the contributor would get silence"
    else:
        assert isinstance(raw.data, dict)


def test_known_good_inputs_are_still_accepted() -> None:
    """The floor: every input accepted when it was set still is (a loader refusing all fails)."""
    assert sorted(ACCEPTED - accepted()) == []
    assert len(accepted()) >= len(ACCEPTED) == 81


def test_accepted_inputs_hold_nothing_the_loader_must_refuse() -> None:
    """The ceiling: per PyYAML's events, no accepted input has an anchor, alias, tag, second
    document or duplicate key (a loader accepting everything fails)."""
    wrong = {}
    for case, file in CASES:
        if case in accepted():
            text = file.read_bytes().decode("utf-8").removeprefix("\ufeff")
            found = _refused_constructs(text)
            if found:
                wrong[case] = found
    assert wrong == {}


def _refused_constructs(text: str) -> list[str]:
    found = []
    documents = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        documents += isinstance(event, yaml.DocumentStartEvent)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            found.append("anchor or alias")
        if getattr(event, "tag", None) and not getattr(event, "implicit", (True,))[0]:
            found.append(f"tag {event.tag}")
        if isinstance(event, yaml.CollectionStartEvent) and getattr(event, "tag", None):
            found.append(f"tag {event.tag}")
    if documents > 1:
        found.append(f"{documents} documents")
    found += _duplicate_keys(yaml.compose(text, Loader=yaml.CSafeLoader))
    return found


def _duplicate_keys(node: yaml.Node | None) -> list[str]:
    if isinstance(node, yaml.MappingNode):
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        dupes = [f"duplicate key {k!r}" for k in sorted(set(keys)) if keys.count(k) > 1]
        return dupes + [d for k, v in node.value for d in _duplicate_keys(k) + _duplicate_keys(v)]
    if isinstance(node, yaml.SequenceNode):
        return [d for item in node.value for d in _duplicate_keys(item)]
    return []


@pytest.mark.parametrize(
    ("case", "file"), [c for c in CASES if c[0] in ACCEPTED], ids=sorted(ACCEPTED)
)
def test_accepted_input_means_what_yaml_says(case: str, file: Path) -> None:
    """Each known-good case is accepted, and PyYAML's own safe loader reads the same values.

    Typed scalars (`no`, `3.10`, dates) are kept as source text by our loader and PyYAML
    converts them, so those positions are compared by kind; every string, bool, int, null, list
    and mapping must agree.
    """
    text = file.read_bytes().decode("utf-8")
    raw = parse_text(text, PATH)
    assert (raw.problems, raw.data is None) == ((), False)
    reference = yaml.load(text.removeprefix("\ufeff"), Loader=yaml.CSafeLoader)
    assert _disagreements(reference, raw.data, "") == []


def _disagreements(reference: object, ours: object, where: str) -> list[str]:
    """Where our value differs from PyYAML's (Typed scalars are compared by kind only)."""
    if isinstance(ours, Typed):
        return [] if not isinstance(reference, str) else [f"{where}: {ours!r} typed, YAML says str"]
    if isinstance(ours, dict):
        if not isinstance(reference, dict) or len(reference) != len(ours):
            return [f"{where}: {ours!r} != {reference!r}"]
        found: list[str] = []
        by_text = {k if isinstance(k, str) else None: v for k, v in reference.items()}
        for key, value in ours.items():
            if key in by_text:
                found += _disagreements(by_text[key], value, f"{where}.{key}")
        return found
    if isinstance(ours, list):
        if not isinstance(reference, list) or len(reference) != len(ours):
            return [f"{where}: {ours!r} != {reference!r}"]
        return [
            e
            for i, (r, o) in enumerate(zip(reference, ours, strict=True))
            for e in _disagreements(r, o, f"{where}[{i}]")
        ]
    if type(ours) is not type(reference) or ours != reference:
        return [f"{where}: ours {ours!r} != YAML {reference!r}"]
    return []
