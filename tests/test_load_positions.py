"""Where the loader says a problem is: exact LINE:COL (in characters) on later lines, and the hint.

Every expected position below is counted by hand from the input text, 1-based.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.load import _syntax_problem, dotted, load_file, parse_text

CONTROL = "YAML syntax error: control characters are not allowed"
REMOVE = "remove the control character"


def problems(text: str) -> list[tuple[int, int, str, str, str]]:
    """(line, col, field, message, hint) of each problem `parse_text` reports (all on x.yml)."""
    raw = parse_text(text, "x.yml")
    assert {p.path for p in raw.problems} <= {"x.yml"}
    return [(p.line, p.col, p.field, p.message, p.hint) for p in raw.problems]


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("name: Ana\nheadline: ok\nbio: a\x07b\n", 3, 7),
        ("a: 1\n\x07\n", 2, 1),
        ("a: 1\nb: 2\nc: 3\nd: x\x00\n", 4, 5),
        ("a: 1\nb: 2\nc: 3\nd: x\x1b", 4, 5),  # no final line break
        ("a: 1\r\nb: 2\r\nc: \x08\r\n", 3, 4),  # Windows line breaks
        ("a: |\n  one\n  two\x0b\n", 3, 6),  # inside a block scalar
        ("a:\n  - one\n  - t\x7fo\n", 3, 6),  # DEL
        ('name: Ana\nbio: "é\x01"\n', 2, 8),  # after a two-byte character
        ("a: " + "é" * 10 + "\nb: x\x07\n", 2, 5),  # after a line of two-byte characters
        ("a: 😀😀😀\nb: 😀x\x07\n", 2, 6),  # after four-byte characters, on that line too
        ("\na: \x07\n", 2, 4),  # after a leading blank line
        ("\nab\x07", 2, 3),
    ],
)
def test_raw_control_character_position(text: str, line: int, col: int) -> None:
    """A raw control character is reported at its own line and column (characters, not bytes)."""
    assert problems(text) == [(line, col, "", CONTROL, REMOVE)]


@pytest.mark.parametrize(
    ("raw", "line", "col"),
    [
        (b"name: Ana\nbio: ok\nheadline: \xff\n", 3, 11),
        (b"name: Ana\nbio: \xc3\xa9\xc3\xa9\xff\n", 2, 8),  # after two two-byte characters
        (b"\xfe", 1, 1),
    ],
)
def test_not_utf8_position(tmp_path: Path, raw: bytes, line: int, col: int) -> None:
    """A byte that is not UTF-8 is reported at its line and character column."""
    file = tmp_path / "x.yml"
    file.write_bytes(raw)
    loaded = load_file(file, "content/mentors/x.yml")
    byte = raw[-2] if raw.endswith(b"\n") else raw[-1]
    assert [str(p) for p in loaded.problems] == [
        f"content/mentors/x.yml:{line}:{col}: error: the file is not UTF-8 text "
        f"(byte 0x{byte:02x}) (save the file with UTF-8 encoding)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: b\nc: d\n  e: f\n",
            (3, 4, "mapping values are not allowed in this context", "quotes"),
        ),
        (
            "a: b\n\tc: d\n",
            (
                2,
                1,
                "found a tab character that violates indentation (while scanning a plain scalar)",
                "tabs",
            ),
        ),
        (
            "a:\n  - x\n  -y: [1\n",
            (
                3,
                3,
                "did not find expected '-' indicator (while parsing a block collection)",
                "line",
            ),
        ),
        (
            "a: 1\nb: 2\nc: @x\n",
            (
                3,
                4,
                "found character that cannot start any token (while scanning for the next token)",
                "value",
            ),
        ),
        (
            "a: 1\nb: 'open\n",
            (3, 1, "found unexpected end of stream (while scanning a quoted scalar)", "line"),
        ),
        ("a: 1\nb: é: x\n", (2, 5, "mapping values are not allowed in this context", "quotes")),
        (
            "\ta: 1\n",
            (
                1,
                1,
                "found character that cannot start any token (while scanning for the next token)",
                "tabs",
            ),
        ),
    ],
)
def test_syntax_error_position_and_hint(text: str, expected: tuple[int, int, str, str]) -> None:
    """libyaml's mark becomes LINE:COL; the message names the problem and the hint fits it."""
    hints = {
        "quotes": "a value that contains ': ' must be in quotes",
        "tabs": "indent with spaces, not tabs",
        "line": "check the indentation and quoting on this line",
        "value": "put the value in quotes",
    }
    line, col, what, hint = expected
    assert problems(text) == [(line, col, "", f"YAML syntax error: {what}", hints[hint])]


def test_refused_constructs_point_at_themselves() -> None:
    """Anchors, tags, duplicate keys and a second document: at the construct, on its line."""
    assert problems("a: 1\nbé: &x 2\n") == [
        (
            2,
            5,
            "bé",
            "YAML anchors are not allowed (&x)",
            "remove the anchor and write each value out in full",
        )
    ]
    assert [p[:3] for p in problems("a: 1\nb:\n  c: 1\n  c: 2\n")] == [(4, 3, "b.c")]
    assert [p[:2] for p in problems("a: b\n---\nc: d\n")] == [(2, 1)]
    assert [p[:2] for p in problems("a: 1\nb: !!str 2\n")] == [(2, 4)]


def test_where_walks_up_to_the_nearest_known_value() -> None:
    """Key or value position; a missing field falls back to its parent, then to the document."""
    raw = parse_text("name: Ana\nstages:\n  - title: One\n    skills: [a, b]\n", "x.yml")
    assert raw.where(("stages", 0, "skills"), key=True) == (4, 5)
    assert raw.where(("stages", 0, "skills")) == (4, 13)
    assert raw.where(("stages", 0, "skills", 7)) == (4, 13)
    assert raw.where(("stages", 3, "title")) == (3, 3)  # the list under `stages:` starts here
    assert raw.where(("nothing",), key=True) == (1, 1)
    assert raw.where(()) == (1, 1)
    assert raw.where(["stages", 0, "title"]) == (3, 12)
    indented = parse_text("\n\n   name: Ana\n", "x.yml")
    assert (indented.where(()), indented.where(("x",))) == ((3, 4), (3, 4))
    empty = parse_text("", "x.yml")
    assert empty.where(("name",)) == (1, 1)


def test_dotted_field_paths() -> None:
    """Keys joined by dots, list indexes in brackets, a leading index without a dot."""
    assert dotted(("stages", 0, "skills", 1)) == "stages[0].skills[1]"
    assert dotted((2, "label")) == "[2].label"
    assert dotted(("organisation", "name")) == "organisation.name"
    assert dotted(()) == ""


def test_a_yaml_error_without_a_position_is_reported_at_the_start() -> None:
    """An error with neither a mark nor a position (not seen from libyaml, but possible from
    PyYAML's API) is still one located problem, at 1:1, with its text."""
    problem = _syntax_problem(
        "x.yml", "a: 1\n", yaml.YAMLError("something broke"), lambda mark: (1, 1)
    )
    assert (problem.path, problem.line, problem.col, problem.message, problem.hint) == (
        "x.yml",
        1,
        1,
        "YAML syntax error: something broke",
        "check the indentation and quoting on this line",
    )
