"""Contact links that keep addresses from harvesters: encoded here, decoded by assets/cg.js.

No built file holds an address in a form a harvester decodes (plain, percent- or entity-encoded,
base64, reversed). A link carries its recipient as a token: the `mailto:` path XOR-ed with a
keystream (a 32-bit linear congruential generator seeded by 4 salt bytes), salt first, in base64.
The salt comes from the build key (the build date) and the address: a token changes daily and is
the same for one address across a build, so pages reuse it. On activation cg.js decodes the token
and sets the link's `href` to the RFC 6068 URL `mailto:<path>?subject=…&body=…`, the subject and
body read from `data-cg-*` attributes (they hold no address; see docs/security.md).

Without JavaScript the link says the address in words ("“ana”, then the @ sign, then
“example.org”"): a person types it, an address pattern finds no `local@domain` in it.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from markupsafe import Markup, escape

from .mailto import Message, address_path, mailto

_SALT = 4
_MULTIPLIER = 1664525
_INCREMENT = 1013904223


def _keystream(salt: bytes) -> Iterator[int]:
    """Bytes of a 32-bit LCG seeded with `salt` (its top byte each step; cg.js does the same)."""
    state = int.from_bytes(salt, "big")
    while True:
        state = (state * _MULTIPLIER + _INCREMENT) & 0xFFFFFFFF
        yield state >> 24


def token(address: str, key: str) -> str:
    """The recipient of a `mailto:` link, encoded: base64(salt + path XOR keystream(salt))."""
    path = address_path(address).encode("ascii")
    salt = hashlib.sha256(f"{key}\0{address}".encode()).digest()[:_SALT]
    mixed = bytes(b ^ k for b, k in zip(path, _keystream(salt), strict=False))
    return base64.b64encode(salt + mixed).decode("ascii")


def reveal(encoded: str) -> str:
    """The `mailto:` path a token holds (what cg.js computes on activation)."""
    raw = base64.b64decode(encoded, validate=True)
    salt, mixed = raw[:_SALT], raw[_SALT:]
    return bytes(b ^ k for b, k in zip(mixed, _keystream(salt), strict=False)).decode("ascii")


def in_words(address: str) -> str:
    """The address as a person reads it and a pattern does not: local part, words, domain."""
    local, _, domain = address.rpartition("@")
    return f"“{local}”, then the @ sign, then “{domain}”"


def link_mailto(attrs: Mapping[str, str], shared: Mapping[str, str] | None = None) -> str:
    """The `mailto:` URL cg.js builds from a link's data attributes (and its message holder's)."""
    fields = {**(shared or {}), **attrs}
    body = fields["data-cg-hello"] + fields["data-cg-body"]
    return mailto(unquote(reveal(fields["data-cg-to"])), fields["data-cg-subject"], body)


@dataclass(frozen=True)
class Contact:
    """One contact link: its message, what it says, and what "remember what I sent" stores.

    `key` names the recipient (`m:<mentor slug>` or `a:<ask slug>`), `at` the stage it is about
    (`a:<ask slug>#<n>`, or "" for a general request).
    """

    message: Message
    kind: str  # "request" or "offer"
    label: str
    who: str
    stage: str
    key: str
    at: str
    fallback: str  # the href without JavaScript: where the person reads the address in words


def _attr(text: str) -> str:
    """Attribute-escaped, line breaks as `&#10;`: every line of a page starts with a tag."""
    return str(escape(text)).replace("\n", "&#10;")


def message_attrs(message: Message) -> Markup:
    """`data-cg-subject` and `data-cg-body` (after the greeting), shared by a page's links."""
    return Markup(
        f'data-cg-subject="{_attr(message.subject)}" data-cg-body="{_attr(message.rest)}"'
    )


def contact_html(contact: Contact, to: str, shared: bool = False, extra: str = "") -> Markup:
    """The link, `to` its recipient's `token`; `shared`: its subject and body sit on an ancestor;
    `extra`: HTML shown beside the link (a reply promise, "Book a call")."""
    before, between, after = recipient_parts(contact, to, shared, extra)
    at, stage = stage_parts(contact.at, contact.stage)
    return Markup(f"{before}{at}{between}{stage}{after}")


def recipient_parts(
    contact: Contact, to: str, shared: bool = False, extra: str = ""
) -> tuple[str, str, str]:
    """`contact_html` cut around its `at` and `stage` attributes (see `stage_parts`).

    A page asks several mentors about each of several stages: the parts that depend only on the
    recipient are built once per recipient and joined with each stage's parts.
    """
    message = contact.message
    before = f'<span class="cg-contact" data-cg-key="{escape(contact.key)}"'
    between = "".join(
        (
            f'<a class="cg-mailto" href="{escape(contact.fallback)}"',
            f' data-cg-to="{escape(to)}" data-cg-kind="{escape(contact.kind)}"',
            f' data-cg-who="{escape(contact.who)}"',
        )
    )
    after = "".join(
        (
            f' data-cg-hello="{_attr(message.greeting)}"',
            "" if shared else f" {message_attrs(message)}",
            f">{escape(contact.label)}",
            '<span class="cg-nojs" data-pagefind-ignore>',
            f" (email {escape(in_words(message.address))})</span></a>{extra}</span>",
        )
    )
    return before, between, after


def stage_parts(at: str, stage: str) -> tuple[str, str]:
    """The `data-cg-at` (absent when "") and `data-cg-stage` attributes of a contact link."""
    return (f' data-cg-at="{escape(at)}">' if at else ">", f' data-cg-stage="{escape(stage)}"')
