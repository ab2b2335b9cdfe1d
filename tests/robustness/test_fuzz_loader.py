"""Property tests on the strict loader: any bytes, any text, any YAML tree → values or Problems."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.load import MAX_DEPTH, MAX_DIGITS, RawFile, load_file, parse_text
from generator.problems import Problem

PATH = "content/mentors/fuzz.yml"

# Fragments that steer random text towards YAML's syntax, so the parser gets past the first byte.
YAML_BITS = st.sampled_from(
    [": ", "- ", "\n", "  ", "\t", "{", "}", "[", "]", ",", "&a ", "*a", "!!str ", "? ", "|",
     ">", "#", "'", '"', "---", "...", "%YAML 1.2", "<<: ", "\ufeff", "\\", "\r\n", "null",
     "true", "no", "3.10", "2024-02-30", "12:30", "0x1F", "~", "@", "`", "\x00", "\x85",
     "\u2028", "\U0001f600", "name", "skills"]
)  # fmt: skip
YAMLISH = st.lists(st.one_of(YAML_BITS, st.text(max_size=8)), max_size=40).map("".join)


def assert_well_formed(raw: RawFile) -> None:
    """Every outcome is data or located Problems naming the file; never silence."""
    assert isinstance(raw, RawFile)
    for problem in raw.problems:
        assert isinstance(problem, Problem)
        assert problem.path == PATH
        assert problem.line >= 1 and problem.col >= 1
        assert problem.message
    if raw.data is None:
        assert raw.problems
    else:
        assert isinstance(raw.data, dict)


@given(st.binary(max_size=2000))
def test_any_bytes_load_to_data_or_problems(data: bytes) -> None:
    """Arbitrary bytes in a content file: the loader returns, never raises."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "fuzz.yml"
        file.write_bytes(data)
        assert_well_formed(load_file(file, PATH))


@given(st.one_of(st.text(max_size=500), YAMLISH))
def test_any_text_parses_to_data_or_problems(text: str) -> None:
    """Arbitrary Unicode (and YAML-flavoured noise) through parse_text: never raises."""
    assert_well_formed(parse_text(text, PATH))


KEYS = st.text(min_size=1, max_size=12).filter(lambda k: k != "<<")
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**MAX_DIGITS) + 1, max_value=10**MAX_DIGITS - 1),
    st.text(max_size=30),
)


def _trees(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(leaves, max_size=4), st.dictionaries(KEYS, leaves, min_size=1, max_size=4)
    )


TREES = st.dictionaries(KEYS, st.recursive(SCALARS, _trees, max_leaves=25), min_size=1, max_size=6)


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


@given(TREES, st.booleans(), st.booleans(), st.integers(min_value=2, max_value=8))
def test_yaml_trees_round_trip(tree: dict, flow: bool, unicode: bool, indent: int) -> None:
    """Whatever PyYAML's safe dumper writes, the strict loader reads back as the same values."""
    text = yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=unicode, indent=indent)
    # PyYAML's dumper writes some characters (NEL, LS, PS) raw, and they fold to a space on
    # reading; such trees do not round-trip through PyYAML itself either.
    assume(yaml.load(text, Loader=yaml.CSafeLoader) == tree)
    raw = parse_text(text, PATH)
    if _depth(tree) >= MAX_DEPTH:
        assert raw.problems
        return
    assert raw.problems == ()
    assert tree == raw.data
