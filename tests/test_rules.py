"""The text, email, link and slug rules, branch by branch, with their exact messages and hints."""

from __future__ import annotations

import pytest

from generator.rules import char_name, check_email, check_link, check_slug, check_text

RETYPE = "delete it, or retype the text if you pasted it: it can make text display differently"
FLAG = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"  # England's flag
PLAIN = "give a plain address like ana@example.org"
SLUG_HINT = "lowercase letters, digits and single hyphens"
ONLY_AB = "write only the address: a@b.org"
ONLY_EG = "write only the address, e.g. ana@example.org"


@pytest.mark.parametrize(
    ("text", "multi_line", "expected"),
    [
        (
            "   ",
            False,
            ("is blank", "write some text, or remove the line if the field is optional"),
        ),
        (
            "\n\n",
            True,
            ("is blank", "write some text, or remove the line if the field is optional"),
        ),
        ("a\nb", False, ("'a\\nb' runs over more than one line", "write it on one line")),
        ("a\tb", False, ("'a\\tb' contains a tab", "use spaces instead")),
        ("a\tb", True, ("'a\\tb' contains a tab", "use spaces instead")),
        (
            "a\u202eb",
            False,
            ("'a\\u202eb' contains the invisible character U+202E RIGHT-TO-LEFT OVERRIDE", RETYPE),
        ),
        ("a\x00b", True, ("'a\\x00b' contains the invisible character U+0000 NULL", RETYPE)),
        (
            "a\u2028b",
            True,
            ("'a\\u2028b' contains the invisible character U+2028 LINE SEPARATOR", RETYPE),
        ),
        (
            "a\ue000b",
            False,
            (
                "'a\\ue000b' contains the private-use character U+E000 PRIVATE USE CHARACTER",
                "delete it: readers' devices show it as a box or not at all",
            ),
        ),
        (
            "a\u0378b",
            False,
            (
                "'a\\u0378b' contains the unassigned character U+0378 UNASSIGNED CHARACTER",
                "delete it: readers' devices show it as a box or not at all",
            ),
        ),
        (
            "a\U000e0041",
            False,
            (
                "'a\\U000e0041' contains the invisible character "
                "U+E0041 TAG LATIN CAPITAL LETTER A",
                RETYPE,
            ),
        ),
        (
            "\U000e0041",
            False,
            (
                "'\\U000e0041' looks blank: nothing in it is visible "
                "(U+E0041 TAG LATIN CAPITAL LETTER A)",
                "write some text, or remove the line if the field is optional",
            ),
        ),
        (
            "x" * 70 + "\x07",
            False,
            (
                "'" + "x" * 59 + "…' contains the invisible character U+0007 CONTROL CHARACTER",
                RETYPE,
            ),
        ),
        (
            "x" * 59 + "\x07",
            False,
            (
                "'" + "x" * 59 + "\\x07' contains the invisible character U+0007 CONTROL CHARACTER",
                RETYPE,
            ),
        ),
    ],
)
def test_text_refusals(text: str, multi_line: bool, expected: tuple[str, str]) -> None:
    """Blank text, line breaks in one-line fields, tabs and invisible characters are refused."""
    assert check_text(text, multi_line) == expected


@pytest.mark.parametrize(
    ("text", "char"),
    [
        ("🏴\U000e0067\U000e007f\U000e0067", "U+E0067 TAG LATIN SMALL LETTER G"),  # after CANCEL
        # Just past the tag block: the sequence is not a valid flag, so its first tag is named.
        ("🏴\U000e0067\U000e0080", "U+E0067 TAG LATIN SMALL LETTER G"),
        ("a\U000e007f", "U+E007F CANCEL TAG"),
        ("a\U000e0020", "U+E0020 TAG SPACE"),
    ],
)
def test_tags_outside_a_flag_sequence_are_refused(text: str, char: str) -> None:
    """Tag characters only right after the black flag or another tag, up to CANCEL TAG."""
    assert check_text(text, False) == (
        f"{text!r} contains the invisible character {char}",
        RETYPE,
    )


@pytest.mark.parametrize(
    ("text", "multi_line"),
    [
        ("a\u200db", False),  # zero-width joiner (emoji sequences)
        ("a\u200cb", False),  # zero-width non-joiner (Persian)
        ("a\u200e\u200fb", False),  # direction marks
        ("a\nb", True),
        ("a\n\nb\u200fc", True),
        (FLAG, False),
        ("Zoë " + FLAG + " x", False),
        ("a\u00a0b", False),  # no-break space
        ("x" * 60, False),
    ],
)
def test_text_accepted(text: str, multi_line: bool) -> None:
    """Joiners, direction marks, flag tag sequences and line breaks where allowed are fine."""
    assert check_text(text, multi_line) is None


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("a@b.org\n", ("'a@b.org\\n' contains a line break", "give one address on one line")),
        ("a@b.org\rx", ("'a@b.org\\rx' contains a line break", "give one address on one line")),
        (
            "Ana <ana@example.org>",
            (
                "'Ana <ana@example.org>' includes a name or angle brackets",
                "write only the address: ana@example.org",
            ),
        ),
        (
            "<nope>",
            (
                "'<nope>' includes a name or angle brackets",
                "write only the address, e.g. ana@example.org",
            ),
        ),
        ("<a@b.org> <c>", ("'<a@b.org> <c>' includes a name or angle brackets", ONLY_AB)),
        ("<a@b.org> x>", ("'<a@b.org> x>' includes a name or angle brackets", ONLY_AB)),
        ("a<b@c.org", ("'a<b@c.org' includes a name or angle brackets", ONLY_EG)),
        (
            "a>b@c.org",
            (
                "'a>b@c.org' includes a name or angle brackets",
                "write only the address, e.g. ana@example.org",
            ),
        ),
        (
            "a@b.org, c@d.org",
            ("'a@b.org, c@d.org' holds more than one address", "give one address"),
        ),
        ("a@b.org;c@d.org", ("'a@b.org;c@d.org' holds more than one address", "give one address")),
        ("a @b.org", ("'a @b.org' contains a space", "remove the spaces")),
        ("a\u3000b@c.org", ("'a\\u3000b@c.org' contains a space", "remove the spaces")),
        (
            "a?b@c.org",
            ("'a?b@c.org' contains '?', which starts the subject of an email link", PLAIN),
        ),
        ("a&b@c.org", ("'a&b@c.org' contains '&', which adds a field to an email link", PLAIN)),
        ("a#b@c.org", ("'a#b@c.org' contains '#', which ends an email link", PLAIN)),
        (
            "a%b@c.org",
            ("'a%b@c.org' contains '%', which encodes characters in an email link", PLAIN),
        ),
        (
            "a\\b@c.org",
            ("'a\\\\b@c.org' contains '\\\\', which is not allowed in an address here", PLAIN),
        ),
        (
            'a"b@c.org',
            ("'a\"b@c.org' contains '\"', which is not allowed in an address here", PLAIN),
        ),
        ("a(b@c.org", ("'a(b@c.org' contains '(', which is not allowed in an address here", PLAIN)),
        ("a)b@c.org", ("'a)b@c.org' contains ')', which is not allowed in an address here", PLAIN)),
        ("a[b@c.org", ("'a[b@c.org' contains '[', which is not allowed in an address here", PLAIN)),
        ("a]b@c.org", ("'a]b@c.org' contains ']', which is not allowed in an address here", PLAIN)),
        ("a:b@c.org", ("'a:b@c.org' contains ':', which is not allowed in an address here", PLAIN)),
        (
            "a\u200bb@c.org",
            (
                "'a\\u200bb@c.org' contains the invisible character U+200B ZERO WIDTH SPACE",
                "retype the address: it would look like another address that is not the same",
            ),
        ),
        (
            "nope",
            (
                "'nope' is not a valid email address: An email address must have an @-sign",
                "write it like ana@example.org",
            ),
        ),
        (
            "x" * 70 + "@",
            (
                "'"
                + "x" * 59
                + "…' is not a valid email address: There must be something after the @-sign",
                "write it like ana@example.org",
            ),
        ),
    ],
)
def test_email_refusals(address: str, expected: tuple[str, str]) -> None:
    """Anything that could add a recipient or header, or is not an address, is refused as typed."""
    assert check_email(address) == (address, expected)


def test_email_is_normalised() -> None:
    """A valid address comes back normalised (domain lower-cased), local part kept."""
    assert check_email("Ana@Example.ORG") == ("Ana@example.org", None)


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "https://example.org/a b",
            ("'https://example.org/a b' contains a space", "write a space as %20"),
        ),
        (
            "https://example.org/a\tb",
            ("'https://example.org/a\\tb' contains U+0009 CHARACTER TABULATION", "remove it"),
        ),
        (
            "https://exa\u200bmple.org",
            ("'https://exa\\u200bmple.org' contains U+200B ZERO WIDTH SPACE", "remove it"),
        ),
        (
            "https://example.org\\x",
            ("'https://example.org\\\\x' contains a backslash", "use forward slashes /"),
        ),
        (
            "https://[::1",
            ("'https://[::1' is not a valid link", "copy the address from your browser"),
        ),
        (
            "https://x.org:99999/",
            ("'https://x.org:99999/' is not a valid link", "copy the address from your browser"),
        ),
        (
            "example.org/x",
            ("'example.org/x' does not start with https://", "write https://example.org/x"),
        ),
        (
            "example.org:8080/x",
            (
                "'example.org:8080/x' does not start with https://",
                "write https://example.org:8080/x",
            ),
        ),
        ("www.x.org", ("'www.x.org' does not start with https://", "write https://www.x.org")),
        (
            "ftp://x.org",
            (
                "'ftp://x.org' is not a web link (it starts with ftp:)",
                "links must start with https:// or http://",
            ),
        ),
        (
            "javascript:alert(1)",
            (
                "'javascript:alert(1)' is not a web link (it starts with javascript:)",
                "links must start with https:// or http://",
            ),
        ),
        (
            "https://u:p@x.org",
            (
                "'https://u:p@x.org' contains a user name or password (before the @)",
                "remove everything between // and @",
            ),
        ),
        (
            "https://",
            ("'https://' has no valid host name", "write it like https://example.org/page"),
        ),
        (
            "https://x.org:0/",
            ("'https://x.org:0/' has no valid host name", "write it like https://example.org/page"),
        ),
    ],
)
def test_link_refusals(link: str, expected: tuple[str, str]) -> None:
    """Spaces, hidden characters, backslashes, other schemes, credentials and no host."""
    assert check_link(link) == expected


@pytest.mark.parametrize(
    "link", ["https://x.org", "http://x.org:80/", "HTTPS://X.ORG", "https://x.org:1"]
)
def test_links_accepted(link: str) -> None:
    """http(s) with a host (any case, any valid port)."""
    assert check_link(link) is None


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        (
            "index",
            (
                "the file name 'index' is reserved for a page of the site",
                "rename the file, e.g. to index-1.yml or after the person or task",
            ),
        ),
        (
            "Ana Silva",
            (
                "the file name 'Ana Silva' is not a valid slug",
                f"rename the file to ana-silva.yml: {SLUG_HINT}",
            ),
        ),
        (
            "a--b",
            (
                "the file name 'a--b' is not a valid slug",
                f"rename the file to a-b.yml: {SLUG_HINT}",
            ),
        ),
        (
            "-a",
            ("the file name '-a' is not a valid slug", f"rename the file to a.yml: {SLUG_HINT}"),
        ),
        (
            "ana_silva",
            (
                "the file name 'ana_silva' is not a valid slug",
                f"rename the file to ana-silva.yml: {SLUG_HINT}",
            ),
        ),
        (
            "!!!",
            (
                "the file name '!!!' is not a valid slug",
                f"rename the file to your-name.yml: {SLUG_HINT}",
            ),
        ),
        (
            "A" * 60,
            (
                f"the file name '{'A' * 60}' is not a valid slug",
                f"rename the file to {'a' * 60}.yml: {SLUG_HINT}",
            ),
        ),
        (
            "a" * 61,
            (
                "the file name is 61 characters; the limit is 60",
                f"rename the file to {'a' * 60}.yml: {SLUG_HINT}",
            ),
        ),
        (
            "b-" * 30 + "c",
            (
                "the file name is 61 characters; the limit is 60",
                f"rename the file to {'b-' * 29 + 'b'}.yml: {SLUG_HINT}",
            ),
        ),
    ],
)
def test_slug_refusals(stem: str, expected: tuple[str, str]) -> None:
    """Reserved names, non-slugs and over-long names, each with the file name to use instead."""
    assert check_slug(stem) == expected


@pytest.mark.parametrize("stem", ["ana-silva", "a" * 60, "x1", "index-1"])
def test_slugs_accepted(stem: str) -> None:
    """Lowercase letters, digits and single hyphens, up to 60 characters."""
    assert check_slug(stem) is None


def test_character_names() -> None:
    """Controls by their usual names, others by Unicode name or category."""
    chars = ["\t", "\n", "\r", "\x00", "\x1b", "\x07", "\u202e", "\ue000", "\u0378"]
    assert [char_name(c) for c in chars] == [
        "U+0009 CHARACTER TABULATION",
        "U+000A LINE FEED",
        "U+000D CARRIAGE RETURN",
        "U+0000 NULL",
        "U+001B ESCAPE",
        "U+0007 CONTROL CHARACTER",
        "U+202E RIGHT-TO-LEFT OVERRIDE",
        "U+E000 PRIVATE USE CHARACTER",
        "U+0378 UNASSIGNED CHARACTER",
    ]
