"""The Markdown helpers behind the PR report, the review issue and the bots' pull requests."""

from __future__ import annotations

from generator.markdown import byte_size, code, md, table_head
from generator.problems import short


def test_md_and_code_neutralise_markdown() -> None:
    """Markdown, HTML, mentions and line breaks in contributor text become inert."""
    assert md("a*b_c `x` <script>\n# h @me &amp;") == (
        "a\\*b\\_c \\`x\\` \\<script\\> \\# h \\@\u2060me \\&amp\\;"
    )
    assert code("a`b|c") == "``a`b\\|c``"
    assert code("`x`") == "`` `x` ``"
    assert md("right\u202eleft\u2028x") == "right left x"


def test_table_head_has_one_rule_cell_per_column() -> None:
    """A header row naming each column, then a rule with as many cells."""
    assert table_head("mentor", "file") == ["| mentor | file |", "|---|---|"]
    assert table_head("one") == ["| one |", "|---|"]


def test_byte_size_counts_utf8_bytes_and_newlines() -> None:
    """Each line's UTF-8 bytes plus its newline: what the text takes written out."""
    lines = ["ab", "é", ""]
    assert byte_size(lines) == len("ab\né\n\n".encode())
    assert byte_size(lines) == (2 + 1) + (2 + 1) + (0 + 1)
    assert byte_size([]) == 0


def test_short_cuts_long_values_with_an_ellipsis() -> None:
    """A value up to the limit is kept; a longer one is cut to the limit, `…` included."""
    assert short("x" * 60) == "x" * 60
    assert short("x" * 61) == "x" * 59 + "…"
    assert short("abcdef", limit=4) == "abc…"
    assert len(short("y" * 500)) == 60
