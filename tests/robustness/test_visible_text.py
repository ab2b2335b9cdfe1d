"""Text is what a reader sees: every code point swept through check_text (issue 11, class 3)."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.rules import check_email, check_text
from generator.visible import IGNORABLE, renders_blank

ALL = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]
ALLOWED = {"\u200c", "\u200d", "\u200e", "\u200f", "\n"}  # joiners, direction marks, newline
FLAG_SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


def test_no_character_alone_hides_behind_a_visible_one() -> None:
    """After a letter, every ignorable, control, private-use or unassigned character is refused
    (joiners and direction marks excepted), and so is every variation selector."""
    accepted = []
    for char in ALL:
        category = unicodedata.category(char)
        hidden = IGNORABLE.match(char) or category in ("Cc", "Cf", "Co", "Zl", "Zp")
        unassigned = category == "Cn" and not 0x1F000 <= ord(char) <= 0x1FBFF
        if (hidden or unassigned) and char not in ALLOWED and check_text("a" + char, True) is None:
            accepted.append(f"U+{ord(char):04X}")
    assert accepted == []


def test_a_field_of_only_non_drawing_characters_is_blank() -> None:
    """Any run of spaces, marks, fillers and ignorables is refused as blank, whichever they are."""
    blank = [c for c in ALL if renders_blank(c) and c not in "\n\t\r"]
    assert len(blank) > 5000  # marks alone are thousands
    for char in blank:
        verdict = check_text(char * 3, False)
        assert verdict is not None, f"U+{ord(char):04X}"
        assert "blank" in verdict[0] or "contains" in verdict[0], f"U+{ord(char):04X}"


@pytest.mark.parametrize(
    "text",
    [
        "Zoë 李 🙂",
        "👩\u200d💻 engineer",
        f"Glasgow {FLAG_SCOTLAND}",
        "❤\ufe0f charities",
        "Keycap 1\ufe0f\u20e3",
        "葛\U000e0100城",  # an ideographic variation sequence (a Japanese surname)
        "مهدی\u200cزاده",  # Persian ZWNJ
        "Ana\u00a0Silva",
    ],
)
def test_real_text_is_kept(text: str) -> None:
    """Emoji, flags, keycaps, IVS, joiners and no-break spaces are what people really write."""
    assert check_text(text, False) is None


@given(st.text(min_size=1, max_size=30))
def test_accepted_text_always_draws_something(text: str) -> None:
    """Whatever check_text accepts has a character that draws, and hides no ignorable stray."""
    if check_text(text, True) is None:
        assert not renders_blank(text)


@given(st.sampled_from([c for c in ALL if IGNORABLE.match(c)]), st.integers(0, 3))
def test_no_ignorable_character_anywhere_in_an_address(char: str, at: int) -> None:
    """Variation selectors, zero-width and tag characters: an address that looks like another."""
    address = "ana@example.org"
    _, verdict = check_email(address[:at] + char + address[at:])
    assert verdict is not None
