"""Regression tests for what the robustness suite found, one per finding, exact expected values."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.problems import Problem, format_text

from .conftest import write_tree


def test_key_with_newline_stays_on_one_problem_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """YAML test suite 6SLA: a quoted key holding `\\n` printed raw split a problem in two."""
    root = write_tree(tmp_path, mentors={"case": '"x\\ny": 1\n'})
    assert main(["check", str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    expected = (
        "content/mentors/case.yml:1:1: error: x\\ny: unknown field 'x\\ny' (the fields here are: "
        "name, headline, bio, email, skills, formats, sectors, third_sector, location, "
        "languages, hours_per_month, available, confirmed, away_until, timezone, booking_url, "
        "github, links, consent)"
    )
    assert expected in lines
    assert all(line.startswith("content/mentors/case.yml:") for line in lines)


def test_forged_problem_line_is_escaped() -> None:
    """A key cannot forge what looks like another file's problem on a line of its own."""
    forged = "x\ncontent/asks/other.yml:1:1: error: title: forged"
    problem = Problem("content/mentors/a.yml", 2, 1, forged, "unknown field")
    expected = (
        "content/mentors/a.yml:2:1: error: x\\ncontent/asks/other.yml:1:1: error: title: forged: "
        "unknown field"
    )
    assert format_text([problem]) == expected


def test_file_name_with_control_characters_is_escaped() -> None:
    """File names come from pull requests too: tabs, CRs and U+2028 are shown escaped."""
    problem = Problem("content/mentors/a\tb\r\u2028.yml", 1, 1, "", "not a valid slug")
    assert str(problem) == "content/mentors/a\\tb\\r\\u2028.yml:1:1: error: not a valid slug"


def test_printable_unicode_is_kept() -> None:
    """Escaping touches only unprintable characters: accents, CJK and emoji stay as written."""
    problem = Problem("content/mentors/a.yml", 1, 1, "name", "'Zoë 李 🙂' is too long")
    assert str(problem) == "content/mentors/a.yml:1:1: error: name: 'Zoë 李 🙂' is too long"
