"""Checks the schema cannot express: text characters, email addresses, links and slugs."""

from __future__ import annotations

import re
import unicodedata
from difflib import get_close_matches
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import available_timezones

from email_validator import EmailNotValidError, validate_email

from generator.problems import short
from generator.visible import (
    IGNORABLE,
    VARIATION,
    renders_blank,
    stray_selector,
    strip_tag_sequences,
    unassigned_or_private,
)

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


def _quoted(value: str) -> str:
    """`value` shortened and quoted, with characters that show nothing written as escapes."""
    return IGNORABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), repr(short(value)))


def char_name(char: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: how a character is shown in messages."""
    unnamed = {"Co": "PRIVATE USE CHARACTER", "Cn": "UNASSIGNED CHARACTER", "Cs": "SURROGATE"}
    name = (
        _CONTROL_NAMES.get(char)
        or unicodedata.name(char, "")
        or unnamed.get(unicodedata.category(char), "CONTROL CHARACTER")
    )
    return f"U+{ord(char):04X} {name}"


def _first_hidden(text: str, allowed: frozenset[str]) -> str | None:
    """The first character a reader cannot see or that hides text, outside allowed sequences."""
    for char in strip_tag_sequences(text):
        if char in allowed or (char.isprintable() and not IGNORABLE.match(char)):
            continue
        if unicodedata.category(char) in _INVISIBLE or IGNORABLE.match(char):
            if not VARIATION.match(char):  # variation selectors: see stray_selector
                return char
        elif unassigned_or_private(char):
            return char
    return None


def _blank_verdict(text: str) -> Verdict:
    if not text.strip():
        return "is blank", "write some text, or remove the line if the field is optional"
    shown = next(char for char in text if not char.isspace())
    return (
        f"{short(text)!a} looks blank: nothing in it is visible ({char_name(shown)})",
        "write some text, or remove the line if the field is optional",
    )


def check_text(text: str, multi_line: bool) -> Verdict:
    """Text must show something and hide nothing: no controls, invisibles or stray selectors."""
    if renders_blank(text):
        return _blank_verdict(text)
    printable = (text.replace("\n", " ") if multi_line else text).isprintable()
    if printable and not IGNORABLE.search(text):
        return None
    allowed = _MULTI_LINE_OK if multi_line else _ONE_LINE_OK
    char = _first_hidden(text, allowed)
    if char == "\n":
        return f"{_quoted(text)} runs over more than one line", "write it on one line"
    if char == "\t":
        return f"{_quoted(text)} contains a tab", "use spaces instead"
    if char is not None and unassigned_or_private(char):
        kind = "private-use" if unicodedata.category(char) == "Co" else "unassigned"
        return (
            f"{_quoted(text)} contains the {kind} character {char_name(char)}",
            "delete it: readers' devices show it as a box or not at all",
        )
    if char is not None:
        return (
            f"{_quoted(text)} contains the invisible character {char_name(char)}",
            "delete it, or retype the text if you pasted it: it can make text display differently",
        )
    selector = stray_selector(text)
    if selector is not None:
        return (
            f"{_quoted(text)} contains the variation selector {char_name(selector)} "
            "outside an emoji",
            "delete it: it only belongs right after an emoji or symbol",
        )
    return None


def check_email(text: str) -> tuple[str, Verdict]:
    """(normalised, verdict): one plain address, unable to add headers or recipients to a mailto."""
    if "\r" in text or "\n" in text:
        return text, (f"{short(text)!r} contains a line break", "give one address on one line")
    if "<" in text or ">" in text:
        inner = text[text.find("<") + 1 : text.find(">")] if "<" in text and ">" in text else ""
        hint = (
            f"write only the address: {inner.strip()}"
            if "@" in inner
            else ("write only the address, e.g. ana@example.org")
        )
        return text, (f"{short(text)!r} includes a name or angle brackets", hint)
    if "," in text or ";" in text:
        return text, (f"{short(text)!r} holds more than one address", "give one address")
    if any(char.isspace() for char in text):
        return text, (f"{short(text)!r} contains a space", "remove the spaces")
    for char in _EMAIL_TRICKS:
        if char in text:
            why = _MAILTO_MEANING.get(char, "is not allowed in an address here")
            return text, (
                f"{short(text)!r} contains {char!r}, which {why}",
                "give a plain address like ana@example.org",
            )
    hidden = next((c for c in text if not c.isprintable() or IGNORABLE.match(c)), None)
    if hidden is not None:
        return text, (
            f"{_quoted(text)} contains the invisible character {char_name(hidden)}",
            "retype the address: it would look like another address that is not the same",
        )
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        reason = str(error).rstrip(".")
        return text, (
            f"{short(text)!r} is not a valid email address: {reason}",
            "write it like ana@example.org",
        )
    return result.normalized, None


def check_link(text: str) -> Verdict:
    """An http(s) link with a host and nothing hidden in it."""
    shown = short(text)
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


@cache
def _time_zones() -> dict[str, str]:
    """IANA zone names from the tz database (the `tzdata` package where the OS has none)."""
    return {name.casefold(): name for name in available_timezones()}


def check_timezone(text: str) -> Verdict:
    """An IANA time-zone name such as `Europe/London`, as the tz database spells it."""
    zones = _time_zones()
    exact = zones.get(text.casefold())
    if exact == text:
        return None
    if exact:
        return f"{short(text)!r} is spelled {exact!r} in the time-zone database", f"write {exact}"
    close = get_close_matches(text.casefold(), list(zones), n=3, cutoff=0.75)
    hint = (
        "did you mean " + " or ".join(repr(zones[c]) for c in close) + "?"
        if close
        else "use a Region/City name such as Europe/London or America/New_York"
    )
    return f"{short(text)!r} is not a time-zone name", hint


def check_https(text: str) -> Verdict:
    """A link that must be https (a booking page takes personal details)."""
    verdict = check_link(text)
    if verdict and "not a web link" in verdict[0]:
        return verdict[0], "a booking page link must start with https://"
    if verdict is None and not text.lower().startswith("https://"):
        return f"{short(text)!r} is not an https:// link", "use the https:// address of the page"
    return verdict
