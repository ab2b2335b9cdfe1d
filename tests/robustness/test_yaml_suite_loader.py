"""Every YAML test suite input through the strict loader: data or Problems, fast, no crash."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from generator.load import RawFile, Typed, load_file, parse_text
from generator.problems import Problem

from .conftest import time_limit, yaml_suite_cases

CASES = yaml_suite_cases()
PATH = "content/mentors/case.yml"


def test_corpus_is_complete() -> None:
    """All 402 inputs of the vendored suite are found (a missing folder would shrink the test)."""
    assert len(CASES) == 402


@pytest.mark.parametrize(("case", "file"), CASES, ids=[c for c, _ in CASES])
def test_loader_reports_or_accepts(case: str, file: Path) -> None:
    """The loader returns data or located Problems for the case, within a second."""
    start = time.perf_counter()
    with time_limit(1.0):
        raw = load_file(file, PATH)
    assert time.perf_counter() - start < 1.0
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


def _plain_data(raw: RawFile) -> bool:
    return raw.data is not None and not raw.problems


@pytest.mark.parametrize(("case", "file"), CASES, ids=[c for c, _ in CASES])
def test_accepted_input_means_what_yaml_says(case: str, file: Path) -> None:
    """When the loader accepts a case, PyYAML's own safe loader reads the same values from it.

    Typed scalars (`no`, `3.10`, dates) are kept as source text by our loader and PyYAML
    converts them, so those positions are skipped; every string, bool, int, null, list and
    mapping must agree.
    """
    text = file.read_bytes().decode("utf-8")
    raw = parse_text(text, PATH)
    if raw.data is None or raw.problems:
        return
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
