"""Checks the schema cannot express: text characters, email addresses, links and slugs."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_SLUG = 60

Verdict = tuple[str, str] | None  # (message, hint) or None when fine

_CONTROL_NAMES = {
    "\t": "CHARACTER TABULATION",
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\x00": "NULL",
    "\x1b": "ESCAPE",
}
# Allowed in multi-line text: joiners (emoji sequences, Persian and Indic scripts) and the
# direction marks right-to-left writing needs; the overrides and isolates are refused.
# Joiners and direction marks are part of real names (Persian ZWNJ, emoji ZWJ sequences).
_ONE_LINE_OK = frozenset({"\u200c", "\u200d", "\u200e", "\u200f"})
_MULTI_LINE_OK = _ONE_LINE_OK | {"\n"}
# Control, format, private-use and unassigned characters, line and paragraph separators (SPEC).
_INVISIBLE = ("Cc", "Cf", "Co", "Cn", "Zl", "Zp")
_UNNAMED = {"Co": "PRIVATE USE CHARACTER", "Cn": "UNASSIGNED CHARACTER"}
_EMAIL_TRICKS = '?&#%\\"()[]:'
_MAILTO_MEANING = {
    "?": "starts the subject of an email link",
    "&": "adds a field to an email link",
    "#": "ends an email link",
    "%": "encodes characters in an email link",
}


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def char_name(char: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: how a character is shown in messages."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    name = name or _UNNAMED.get(unicodedata.category(char), "CONTROL CHARACTER")
    return f"U+{ord(char):04X} {name}"


def _is_tag(char: str) -> bool:
    # A tag a flag sequence may continue after: CANCEL TAG (U+E007F) ends the sequence.
    return bool(char) and 0xE0020 <= ord(char) < 0xE007F


def _first_invisible(text: str, allowed: frozenset[str]) -> str | None:
    previous = ""
    for char in text:
        after, previous = previous, char
        if char.isprintable() or char in allowed:
            continue
        # Tag characters only inside a flag sequence (🏴 + tags); alone they smuggle hidden text.
        if 0xE0020 <= ord(char) <= 0xE007F and (after == "\U0001f3f4" or _is_tag(after)):
            continue
        if unicodedata.category(char) in _INVISIBLE:
            return char
    return None


def check_text(text: str, multi_line: bool) -> Verdict:
    """Text must not be blank nor hide control or invisible characters (one-line: none at all)."""
    if not text.strip():
        return "is blank", "write some text, or remove the line if the field is optional"
    if (text.replace("\n", " ") if multi_line else text).isprintable():
        return None
    allowed = _MULTI_LINE_OK if multi_line else _ONE_LINE_OK
    char = _first_invisible(text, allowed)
    if char is None:
        return None
    if char == "\n":
        return f"{_short(text)!r} runs over more than one line", "write it on one line"
    if char == "\t":
        return f"{_short(text)!r} contains a tab", "use spaces instead"
    return (
        f"{_short(text)!r} contains the invisible character {char_name(char)}",
        "delete it, or retype the text if you pasted it: it can make text display differently",
    )


def check_email(text: str) -> tuple[str, Verdict]:
    """(normalised, verdict): one plain address, unable to add headers or recipients to a mailto."""
    if "\r" in text or "\n" in text:
        return text, (f"{_short(text)!r} contains a line break", "give one address on one line")
    if "<" in text or ">" in text:
        inner = text[text.find("<") + 1 : text.find(">")] if "<" in text and ">" in text else ""
        hint = (
            f"write only the address: {inner.strip()}"
            if "@" in inner
            else ("write only the address, e.g. ana@example.org")
        )
        return text, (f"{_short(text)!r} includes a name or angle brackets", hint)
    if "," in text or ";" in text:
        return text, (f"{_short(text)!r} holds more than one address", "give one address")
    if any(char.isspace() for char in text):
        return text, (f"{_short(text)!r} contains a space", "remove the spaces")
    for char in _EMAIL_TRICKS:
        if char in text:
            why = _MAILTO_MEANING.get(char, "is not allowed in an address here")
            return text, (
                f"{_short(text)!r} contains {char!r}, which {why}",
                "give a plain address like ana@example.org",
            )
    if not text.isprintable():
        char = next(c for c in text if not c.isprintable())
        return text, (f"{_short(text)!r} contains {char_name(char)}", "retype the address")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        reason = str(error).rstrip(".")
        return text, (
            f"{_short(text)!r} is not a valid email address: {reason}",
            "write it like ana@example.org",
        )
    return result.normalized, None


def check_link(text: str) -> Verdict:
    """An http(s) link with a host and nothing hidden in it."""
    shown = _short(text)
    for char in text:
        if char.isspace() or not char.isprintable():
            what = "a space" if char == " " else char_name(char)
            return (
                f"{shown!r} contains {what}",
                "write a space as %20" if char == " " else "remove it",
            )
    if "\\" in text:
        return f"{shown!r} contains a backslash", "use forward slashes /"
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return f"{shown!r} is not a valid link", "copy the address from your browser"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not parts.scheme or "." in parts.scheme:
            return f"{shown!r} does not start with https://", f"write https://{text}"
        return (
            f"{shown!r} is not a web link (it starts with {parts.scheme}:)",
            "links must start with https:// or http://",
        )
    if "@" in parts.netloc:
        return (
            f"{shown!r} contains a user name or password (before the @)",
            "remove everything between // and @",
        )
    if not parts.hostname or not port_ok:
        return f"{shown!r} has no valid host name", "write it like https://example.org/page"
    return None


# `index` would overwrite the list page at /mentors/ or /asks/.
RESERVED_SLUGS = frozenset({"index"})


def check_slug(stem: str) -> Verdict:
    """A file name (without .yml) must be a slug: lowercase letters, digits, single hyphens."""
    if stem in RESERVED_SLUGS:
        return (
            f"the file name {stem!r} is reserved for a page of the site",
            f"rename the file, e.g. to {stem}-1.yml or after the person or task",
        )
    if SLUG.fullmatch(stem) and len(stem) <= MAX_SLUG:
        return None
    fixed = "-".join(re.findall(r"[a-z0-9]+", stem.lower()))[:MAX_SLUG].strip("-") or "your-name"
    if len(stem) > MAX_SLUG:
        message = f"the file name is {len(stem)} characters; the limit is {MAX_SLUG}"
    else:
        message = f"the file name {stem!r} is not a valid slug"
    return message, (
        f"rename the file to {fixed}.yml: lowercase letters, digits and single hyphens"
    )
