"""Property tests on the validator: any tree, Unicode or edit → a Directory and Problems only."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.problems import Problem
from generator.validate import BUG_HINT, Validated

from .batch import ASK_FIELDS, MENTOR_FIELDS, MULTI_LINE, set_field
from .conftest import ask, mentor, quote, to_yaml, validate_texts

MENTOR_PATH = "content/mentors/fuzz.yml"
ASK_PATH = "content/asks/fuzz.yml"
VALID_MENTOR = to_yaml(mentor("fuzz")) + "\n"
VALID_ASK = to_yaml(ask("fuzz")) + "\n"


def run(mentor_text: str | None = None, ask_text: str | None = None) -> Validated:
    """Validate one mentor and/or one ask file named `fuzz`."""
    return validate_texts(mentor_text, ask_text, "fuzz")


def assert_only_problems(result: Validated, paths: set[str]) -> None:
    """Every outcome is a located Problem about one of our files, never a hidden crash."""
    assert isinstance(result, Validated)
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.path in paths
        assert problem.line >= 1 and problem.col >= 1
        assert problem.message
        assert problem.hint != BUG_HINT, str(problem)
        assert "\n" not in str(problem)
    valid = {m.path for m in result.directory.mentors} | {a.path for a in result.directory.asks}
    assert valid & {p.path for p in result.problems} == set()


def test_the_valid_files_are_valid() -> None:
    """The base files the properties mutate are valid as written (else the tests prove little)."""
    result = run(VALID_MENTOR, VALID_ASK)
    assert result.problems == ()
    assert (len(result.directory.mentors), len(result.directory.asks)) == (1, 1)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**14), max_value=10**14),
    st.text(max_size=20),
    st.sampled_from(["no", "3.10", "2026-02-30", "12:30", "1e3", "0x1F", "~", "bid-writing"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
MENTOR_KEYS = [*mentor("fuzz"), "sectors", "links", "languages", "hours_per_month", "available"]
ASK_KEYS = [*ask("fuzz"), "sectors", "expires", "status"]


@given(st.dictionaries(st.sampled_from(MENTOR_KEYS) | st.text(max_size=10), VALUES, max_size=8))
def test_any_mentor_tree(changes: dict[str, Any]) -> None:
    """A mentor file whose fields hold arbitrary YAML values: only Problems come out."""
    data = mentor("fuzz") | changes
    text = yaml.safe_dump({k: _plain(v) for k, v in data.items()}, allow_unicode=True)
    assert_only_problems(run(mentor_text=text), {MENTOR_PATH})


STAGE_KEYS = ["title", "need", "skills", "template", "formats", "status", "extra"]


@given(
    st.dictionaries(st.sampled_from(ASK_KEYS), VALUES, max_size=6),
    st.dictionaries(st.sampled_from(STAGE_KEYS), VALUES, max_size=4),
)
def test_any_ask_tree(changes: dict[str, Any], stage: dict[str, Any]) -> None:
    """An ask whose fields (and first stage's fields) hold arbitrary YAML values."""
    data = ask("fuzz", stage) | changes
    text = yaml.safe_dump({k: _plain(v) for k, v in data.items()}, allow_unicode=True)
    assert_only_problems(run(ask_text=text), {ASK_PATH})


def _plain(value: Any) -> Any:
    """Our `Plain` dates as the strings a contributor types (safe_dump knows no subclass)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if type(value) not in (bool, int, float, type(None)) else value


UNICODE = st.text(st.characters(codec="utf-8"), max_size=150)


@given(st.sampled_from(MENTOR_FIELDS), UNICODE)
def test_any_unicode_in_mentor_text(field: str, value: str) -> None:
    """Any Unicode in a mentor text field: refused with a Problem there, or kept (trimmed)."""
    text = to_yaml(set_field(mentor("fuzz"), field, value)) + "\n"
    result = run(mentor_text=text)
    assert_only_problems(result, {MENTOR_PATH})
    if result.directory.mentors:
        assert getattr(result.directory.mentors[0], field) == value.strip()
    else:
        assert {p.field for p in result.problems} == {field}


@given(st.sampled_from(ASK_FIELDS), UNICODE)
def test_any_unicode_in_ask_text(field: str, value: str) -> None:
    """Any Unicode in an ask or stage text field: refused there, or kept (trimmed)."""
    text = to_yaml(set_field(ask("fuzz"), field, value)) + "\n"
    result = run(ask_text=text)
    assert_only_problems(result, {ASK_PATH})
    if result.directory.asks:
        assert _ask_value(result.directory.asks[0], field) == value.strip()
    else:
        assert {p.field for p in result.problems} == {field}


def _ask_value(entry: Any, field: str) -> str:
    if field.startswith("stages[0]."):
        return getattr(entry.stages[0], field.removeprefix("stages[0]."))
    for part in field.split("."):
        entry = getattr(entry, part)
    return entry


@given(st.sampled_from(["links", "organisation.website"]), UNICODE)
def test_links_are_http_or_refused(field: str, value: str) -> None:
    """A link field takes only http(s) URLs with a host; anything else is a Problem there."""
    if field == "links":
        result = run(mentor_text=to_yaml(mentor("fuzz", links=[value])) + "\n")
        kept = [m.links[0] for m in result.directory.mentors]
        expected_field = "links[0]"
    else:
        result = run(ask_text=to_yaml(set_field(ask("fuzz"), field, value)) + "\n")
        kept = [a.organisation.website for a in result.directory.asks]
        expected_field = field
    assert_only_problems(result, {MENTOR_PATH, ASK_PATH})
    if kept:
        assert kept == [value]
        assert value.lower().startswith(("http://", "https://"))
    else:
        assert {p.field for p in result.problems} == {expected_field}


EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=2000),
        st.integers(min_value=0, max_value=4),
        st.text(max_size=4)
        | st.sampled_from([":", "- ", "\n", "  ", "'", '"', "[", "{", "&a", "*a"]),
    ),
    min_size=1,
    max_size=4,
)


@given(st.booleans(), EDITS)
def test_random_edits_of_a_valid_file(is_mentor: bool, edits: list[tuple[int, int, str]]) -> None:
    """A valid file with random cuts and insertions (typos, lost indentation): only Problems."""
    text = VALID_MENTOR if is_mentor else VALID_ASK
    for at, cut, insert in edits:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + cut :]
    result = run(mentor_text=text) if is_mentor else run(ask_text=text)
    assert_only_problems(result, {MENTOR_PATH, ASK_PATH})


def test_quote_reads_back_exactly() -> None:
    """The suite's YAML writer round-trips astral, control and line-separator characters."""
    tricky = 'a"b\\c\x00\x1b\x85\u2028\ufeff\U0001f600\t\r\n'
    assert yaml.load(quote(tricky), Loader=yaml.CSafeLoader) == tricky
    assert set(MENTOR_FIELDS) | set(ASK_FIELDS) >= MULTI_LINE
