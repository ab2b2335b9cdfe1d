"""Property tests: no input makes validation raise; the quick schema check never lies."""

from __future__ import annotations

import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.duplicates import normalised
from generator.load import Typed, load_file, parse_text
from generator.schema import QUICK, VALIDATORS
from generator.tree import Content
from generator.validate import validate

TAXONOMY = Path(__file__).parent / "fixtures" / "taxonomy"
TODAY = date(2026, 6, 1)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MENTOR_KEYS = [
    "name",
    "headline",
    "bio",
    "email",
    "skills",
    "formats",
    "sectors",
    "third_sector",
    "location",
    "languages",
    "hours_per_month",
    "available",
    "confirmed",
    "links",
    "consent",
]
ASK_KEYS = [
    "title",
    "organisation",
    "summary",
    "contact",
    "sectors",
    "location",
    "posted",
    "expires",
    "status",
    "stages",
    "consent",
    "name",
    "email",
    "website",
    "charity_number",
    "need",
    "template",
    "skills",
    "formats",
]
VALID_MENTOR: dict[str, Any] = {
    "name": "Dee",
    "headline": "Mentor",
    "email": "dee@example.org",
    "skills": ["strategy"],
    "formats": ["call"],
    "confirmed": Typed("2026-05-01", "date"),
    "consent": True,
}

_VOCAB = Content(
    skills=load_file(TAXONOMY / "skills.yml", "content/skills.yml"),
    stages=load_file(TAXONOMY / "stages.yml", "content/stages.yml", top=list),
    sectors=load_file(TAXONOMY / "sectors.yml", "content/sectors.yml", top=list),
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "no",
            "yes",
            "3.10",
            "0755",
            "12:30",
            "2026-01-01",
            "2024-02-30",
            "call",
            "strategy",
            "grant writing",
            "a@example.org",
            "https://x.org",
            "\u202e",
            "Ana <a@b.org>",
            "12345678901234567",
        ]
    ),
)
keys = st.sampled_from(MENTOR_KEYS + ASK_KEYS) | st.text(max_size=8)
trees = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=25,
)
TOKENS = [
    *"abc xyz:-[]{},&*!|>'\"#%@`?\t\n\\",
    "\u202e",
    "\ufeff",
    "\n  ",
    "- ",
    "name: ",
    "skills: ",
    "stages:\n  - ",
    "!!python/object/apply:os.mkdir [x]",
    "<<: ",
    "---\n",
]
yamlish = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)


def _check(text: str) -> None:
    content = Content(
        skills=_VOCAB.skills,
        stages=_VOCAB.stages,
        sectors=_VOCAB.sectors,
        mentors=(parse_text(text, "content/mentors/x.yml"),),
        asks=(parse_text(text, "content/asks/x.yml"),),
    )
    problems = validate(content, TODAY).problems
    assert not [p for p in problems if "internal error" in p.message]


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    """Any bytes in a content file give Problems (or a valid entry), never an exception."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yml"
        path.write_bytes(data)
        raw = load_file(path, "content/mentors/x.yml")
    content = Content(
        skills=_VOCAB.skills, stages=_VOCAB.stages, sectors=_VOCAB.sectors, mentors=(raw,)
    )
    problems = validate(content, TODAY).problems
    assert not [p for p in problems if "internal error" in p.message]


@SETTINGS
@given(yamlish)
def test_arbitrary_yamlish_text_never_raises(text: str) -> None:
    """Text made of YAML's special characters never makes validation raise."""
    _check(text)


@SETTINGS
@given(st.dictionaries(keys, trees, max_size=10))
def test_arbitrary_trees_dumped_to_yaml_never_raise(tree: dict[str, Any]) -> None:
    """JSON-like trees with real field names, dumped as YAML, only ever give Problems."""
    _check(yaml.safe_dump(tree, allow_unicode=True))


@SETTINGS
@given(st.sampled_from([*MENTOR_KEYS, "extra"]), trees)
def test_quick_check_is_never_wrong_about_valid(field: str, value: Any) -> None:
    """Where the compiled predicate says valid, jsonschema finds no error."""
    data = {**VALID_MENTOR, field: value}
    if QUICK["mentor"] is not None and QUICK["mentor"](data):
        assert list(VALIDATORS["mentor"].iter_errors(data)) == []


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_names_normalise_as_the_unicode_path_does(text: str) -> None:
    """The ASCII fast path of `normalised` agrees with decomposing and stripping accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    expected = " ".join(unicodedata.normalize("NFKC", stripped).casefold().split())
    assert normalised(text) == expected
