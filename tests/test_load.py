"""The strict loader: typed scalars, positions, refusals, and reading a content tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.load import Typed, dotted, parse_text, resolve_plain
from generator.tree import load_content

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("false", False),
        ("", None),
        ("~", None),
        ("42", 42),
        ("-7", -7),
        ("Ana", "Ana"),
        ("en", "en"),
    ],
)
def test_plain_scalars_converted(text: str, expected: object) -> None:
    """Only true/false, null and short integers become non-text values."""
    value = resolve_plain(text)
    assert (type(value), value) == (type(expected), expected)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("no", "boolean"),
        ("Yes", "boolean"),
        ("off", "boolean"),
        ("3.10", "number"),
        ("0755", "number"),
        ("1e3", "number"),
        ("0x1F", "number"),
        (".inf", "number"),
        ("12345678901234567", "number"),
        ("12:30", "time"),
        ("2026-01-01", "date"),
        ("2024-02-30", "date"),
        ("2026-01-01 10:00", "date"),
    ],
)
def test_scalars_yaml_would_coerce_stay_typed(text: str, kind: str) -> None:
    """Values YAML 1.1/1.2 would turn into non-text stay exactly as typed, with their kind."""
    value = resolve_plain(text)
    assert (isinstance(value, Typed), str(value), value.kind) == (True, text, kind)


def test_positions_of_keys_and_values() -> None:
    """Keys and values keep 1-based line:col; a missing path falls back to its parent."""
    raw = parse_text("name: Ana\nstages:\n  - title: One\n    skills: [a, b]\n", "x.yml")
    assert raw.problems == ()
    assert raw.where(("name",)) == (1, 7)
    assert raw.where(("name",), key=True) == (1, 1)
    assert raw.where(("stages", 0, "skills", 1)) == (4, 17)
    assert raw.where(("stages", 0, "need")) == (3, 5)
    assert dotted(("stages", 0, "skills", 1)) == "stages[0].skills[1]"


def test_quoted_values_are_plain_text() -> None:
    """Quoting keeps text as text: no Typed, no conversion."""
    raw = parse_text('a: "no"\nb: \'3.10\'\nc: "true"\n', "x.yml")
    assert raw.data == {"a": "no", "b": "3.10", "c": "true"}
    assert not any(isinstance(v, Typed) for v in raw.data.values())


def test_byte_order_mark_is_accepted() -> None:
    """A UTF-8 byte order mark at the start is ignored."""
    assert parse_text("\ufeffname: Ana\n", "x.yml").data == {"name": "Ana"}


def test_top_level_list_for_vocabularies() -> None:
    """stages.yml and sectors.yml hold a list; a mapping there is a problem."""
    assert parse_text("- id: a\n", "s.yml", top=list).data == [{"id": "a"}]
    raw = parse_text("id: a\n", "s.yml", top=list)
    assert [str(p) for p in raw.problems] == [
        "s.yml:1:1: error: the file must hold a list of `- ` items "
        "(see CONTRIBUTING.md for an example)"
    ]


def _tree(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(FIXTURES / "taxonomy", content)
    shutil.copytree(FIXTURES / "valid", content, dirs_exist_ok=True)
    return root


def test_load_content_reads_every_file_sorted_by_name(tmp_path: Path) -> None:
    """Vocabularies, then mentors and asks by file name, with repository-relative paths."""
    content = load_content(_tree(tmp_path))
    assert [f.path for f in content.files] == [
        "content/skills.yml",
        "content/stages.yml",
        "content/sectors.yml",
        "content/mentors/ana-silva.yml",
        "content/mentors/ben-okafor.yml",
        "content/mentors/chloe-bennett.yml",
        "content/asks/riverside-bid.yml",
        "content/asks/small-ask.yml",
    ]
    assert content.problems == ()
    assert isinstance(content.stages.data, list) and isinstance(content.skills.data, dict)


def test_load_content_reports_layout_problems(tmp_path: Path) -> None:
    """Non-.yml files and folders in mentors/ or asks/ are problems; the .yml files still load."""
    root = _tree(tmp_path)
    mentors = root / "content" / "mentors"
    (mentors / "README.md").write_text("notes\n")
    (mentors / "old").mkdir()
    (mentors / "ana.yaml").write_text("name: Ana\n")
    content = load_content(root)
    assert [str(p) for p in content.problems] == [
        "content/mentors/README.md:1:1: error: not a .yml file "
        "(only .yml files belong in content/mentors/; move it elsewhere)",
        "content/mentors/ana.yaml:1:1: error: not a .yml file (rename it to ana.yml)",
        "content/mentors/old:1:1: error: folders do not belong in content/mentors/ "
        "(move the .yml files directly into content/mentors/)",
    ]
    assert len(content.mentors) == 3


def test_load_content_without_entry_folders(tmp_path: Path) -> None:
    """A tree with only vocabularies has no mentors or asks, and no problems."""
    content_dir = tmp_path / "content"
    shutil.copytree(FIXTURES / "taxonomy", content_dir)
    content = load_content(tmp_path)
    assert (content.mentors, content.asks, content.problems) == ((), (), ())


def test_missing_vocabulary_file_is_a_problem(tmp_path: Path) -> None:
    """A missing skills.yml is reported at that path."""
    (tmp_path / "content").mkdir()
    content = load_content(tmp_path)
    assert [str(p) for p in content.skills.problems] == [
        "content/skills.yml:1:1: error: cannot read the file: No such file or directory"
    ]
