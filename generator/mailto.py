"""RFC 6068 `mailto:` links, and the ready-written messages the site offers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from . import urls
from .model import Ask, Mentor, Stage

# RFC 6068 `qchar` minus "," (which would add a recipient): unreserved plus these some-delims.
ADDRESS_SAFE = "!$'()*+;:@"
# Anything that could end the path, add a recipient or header, or smuggle an encoded one.
_FORBIDDEN = re.compile(r"[?&,%\s]")
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


def address_path(address: str) -> str:
    """The `to` part of a `mailto:` URI: exactly one address, percent-encoded per RFC 6068."""
    if not address or "@" not in address or _FORBIDDEN.search(address):
        raise ValueError(f"not a single plain email address: {address!r}")
    return quote(address, safe=ADDRESS_SAFE)


def mailto(address: str, subject: str, body: str) -> str:
    """A `mailto:` URI with exactly one recipient; nothing in subject or body adds a header."""
    path = address_path(address)
    return f"mailto:{path}?subject={_encode_field(subject)}&body={_encode_field(body)}"


OWN_WORDS = "[Write here in your own words: {}]"


@dataclass(frozen=True)
class Message:
    """A ready-written email: one recipient, a subject, a body; `greeting` opens the body.

    The greeting is kept apart so that a page can share one body among many recipients.
    """

    address: str
    subject: str
    greeting: str
    rest: str

    @property
    def body(self) -> str:
        """The whole body, greeting first."""
        return self.greeting + self.rest

    @property
    def url(self) -> str:
        """The RFC 6068 `mailto:` URL of this message."""
        return mailto(self.address, self.subject, self.body)


def _quoted(text: str) -> str:
    """Plain text as an email quotation: every line starts with "> "."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(f"> {line}".rstrip() for line in lines)


def greeting(name: str) -> str:
    """The first line of every message, and the blank line after it."""
    return f"Hello {name},\n\n"


def _reply_line(ask: Ask) -> str:
    days = ask.reply_within_days
    if not days:
        return ""
    return f"Your ask says you reply within {days} day{'' if days == 1 else 's'}.\n"


def reply_note(ask: Ask) -> str:
    """What the site shows beside an offer link: "We reply within 5 days", or ""."""
    days = ask.reply_within_days
    return f"We reply within {days} day{'' if days == 1 else 's'}" if days else ""


def offer(ask: Ask, stage: Stage, site_url: str = "") -> Message:
    """A volunteer's offer of help with one stage, to the ask's contact."""
    link = urls.absolute(site_url, urls.stage(ask.slug, stage.number))
    subject = f"Offer of help with stage {stage.number}: {stage.title} — {ask.title}"
    rest = (
        f'I saw "{ask.title}" on CrowdGuru and would like to help with '
        f"stage {stage.number}: {stage.title}.\n"
        f"{link}\n\n"
        f"{OWN_WORDS.format('a little about you, how you could help and when you are free')}\n\n"
        f"{_reply_line(ask)}"
        "Best wishes,\n"
    )
    return Message(ask.contact.email, subject, greeting(ask.contact.name), rest)


def stage_request_rest(ask: Ask, stage: Stage, site_url: str = "") -> str:
    """The body, after the greeting, of a request about one stage (the same for every mentor)."""
    link = urls.absolute(site_url, urls.stage(ask.slug, stage.number))
    return (
        f"I am writing from {ask.organisation.name}. CrowdGuru suggests you could help with "
        f'one stage of our task "{ask.title}":\n\n'
        f"Stage {stage.number}: {stage.title}\n"
        "What help would look like:\n"
        f"{_quoted(stage.need)}\n"
        f"{link}\n\n"
        f"{OWN_WORDS.format('who we are, what we have done so far, and the help we would like')}"
        "\n\n"
        "Thank you,\n"
        f"{ask.contact.name}\n"
        f"{ask.organisation.name}\n"
    )


def stage_request(ask: Ask, stage: Stage, mentor: Mentor, site_url: str = "") -> Message:
    """A charity's request to one mentor about one stage: the subject starts with the stage."""
    subject = f"{stage.title} — help for {ask.organisation.name} (CrowdGuru)"
    rest = stage_request_rest(ask, stage, site_url)
    return Message(mentor.email, subject, greeting(mentor.name), rest)


def mentor_request(mentor: Mentor, site_url: str = "") -> Message:
    """The general request on a profile, for help the directory has no stage for."""
    link = urls.absolute(site_url, urls.mentor(mentor.slug))
    subject = f"Micro-mentoring request for {mentor.name} (CrowdGuru)"
    rest = (
        "I found your profile on CrowdGuru and would like to ask for a little help.\n"
        f"{link}\n\n"
        f"{OWN_WORDS.format('your organisation, the task, and the help you would like')}\n\n"
        "Thank you,\n"
    )
    return Message(mentor.email, subject, greeting(mentor.name), rest)
