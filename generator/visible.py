"""What a reader sees: characters that render as nothing, hide text, or change another's look.

Classes, not lists of examples: Unicode's Default_Ignorable_Code_Point property (zero-width
characters, variation selectors, tag characters, Hangul fillers, ...), the general categories
(controls, private use, unassigned, surrogates, combining marks) and the emoji rules of UTS #51
(tag sequences, variation sequences).
"""

from __future__ import annotations

import re
import unicodedata

# Unicode 15 DerivedCoreProperties.txt, Default_Ignorable_Code_Point: rendered as nothing.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip
_IGNORABLE_CLASS = "".join(
    f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in _DEFAULT_IGNORABLE
)
IGNORABLE = re.compile(f"[{_IGNORABLE_CLASS}]")
# Glyphs that are drawn as an empty cell though they are neither space nor ignorable.
BLANK_GLYPHS = frozenset({"\u2800"})  # BRAILLE PATTERN BLANK
# An emoji tag sequence (UTS #51): a flag followed by tag letters or digits and CANCEL TAG.
_TAG_SEQUENCE = re.compile("\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]+\U000e007f")
# Variation selectors, and which base characters each family may follow.
VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef\u180b-\u180d\u180f]")
_EMOJI_BASES = frozenset("#*0123456789\u203c\u2049")
# Blocks of pictographs newer Python Unicode databases know but an older one may call unassigned.
_EMOJI_BLOCKS = (0x1F000, 0x1FBFF)


def is_emoji_base(char: str) -> bool:
    """A symbol an emoji variation selector may follow (pictographs, keycap bases, ©, ‼)."""
    return (
        char in _EMOJI_BASES
        or unicodedata.category(char) in ("So", "Sm", "Sk")
        or (_EMOJI_BLOCKS[0] <= ord(char) <= _EMOJI_BLOCKS[1])
    )


def _varies(base: str, selector: str) -> bool:
    """Whether `selector` may follow `base`: emoji VS after symbols, IVS after ideographs."""
    code = ord(selector)
    if 0xFE00 <= code <= 0xFE0F:
        return is_emoji_base(base)
    if 0xE0100 <= code <= 0xE01EF:
        return "IDEOGRAPH" in unicodedata.name(base, "")
    return "MONGOLIAN" in unicodedata.name(base, "")  # Mongolian free variation selectors


def stray_selector(text: str) -> str | None:
    """The first variation selector that does not follow a character it can vary, if any."""
    for found in VARIATION.finditer(text):
        start = found.start()
        if start == 0 or not _varies(text[start - 1], found.group()):
            return found.group()
    return None


def strip_tag_sequences(text: str) -> str:
    """`text` with each valid emoji tag sequence (🏴 + tags + CANCEL TAG) cut to its flag."""
    return _TAG_SEQUENCE.sub("\U0001f3f4", text) if "\U0001f3f4" in text else text


def unassigned_or_private(char: str) -> bool:
    """Private-use, surrogate, or unassigned (outside the emoji blocks the database may lag on)."""
    category = unicodedata.category(char)
    if category == "Cn":
        return not _EMOJI_BLOCKS[0] <= ord(char) <= _EMOJI_BLOCKS[1]
    return category in ("Co", "Cs")


def _shows(char: str) -> bool:
    if char.isspace() or char in BLANK_GLYPHS or IGNORABLE.match(char):
        return False
    return unicodedata.category(char) not in ("Mn", "Me", "Cc", "Cf", "Zs", "Zl", "Zp")


def renders_blank(text: str) -> bool:
    """True when no character of `text` draws anything (spaces, fillers, marks, ignorables)."""
    return not any(_shows(char) for char in text)
