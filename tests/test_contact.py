"""Contact-link encoding (generator/contact.py) and the dates and zones pages show (when.py)."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.contact import Contact, contact_html, in_words, message_attrs, reveal, token
from generator.mailto import Message, address_path
from generator.when import long_date, region, utc_offset, zone_text
from tests.contact_links import mailtos
from tests.harvest import findings

ADDRESSES = [
    "ana.lima+crowdguru@bücher.example",
    "o'neil@example.org",
    "a@b.co",
    "very.long.local-part_with~tilde+and+plus@sub.domain.example.co.uk",
]
LOCAL = st.text(
    alphabet=st.sampled_from("abcxyz0123456789.-_+'~!$*=^{}|/#" + "éü"), min_size=1, max_size=40
)
DOMAIN = st.from_regex(r"[a-z0-9ü]{1,12}(\.[a-z]{2,6}){1,3}", fullmatch=True)


@given(LOCAL, DOMAIN, st.text(max_size=12))
def test_token_round_trips(local: str, domain: str, key: str) -> None:
    """reveal(token(address)) is the address's mailto: path, for any address and build key."""
    address = f"{local}@{domain}"
    assert reveal(token(address, key)) == address_path(address)
    assert unquote(reveal(token(address, key))) == address


@pytest.mark.parametrize("address", ADDRESSES)
def test_token_gives_nothing_away(address: str) -> None:
    """The token holds the address in no form a harvester decodes, and changes with the build."""
    assert findings("token", token(address, "2026-11-28").encode(), [address]) == []
    assert token(address, "2026-11-28") == token(address, "2026-11-28")
    assert token(address, "2026-11-28") != token(address, "2026-11-29")


@pytest.mark.parametrize("address", ADDRESSES)
def test_in_words_reads_back_but_matches_no_pattern(address: str) -> None:
    """The no-JavaScript form: a person reads the parts back; an address pattern finds nothing."""
    local, _, domain = address.rpartition("@")
    words = in_words(address)
    assert words == f"“{local}”, then the @ sign, then “{domain}”"
    assert findings("words", words.encode(), [address]) == []


def test_link_html_opens_the_message() -> None:
    """The link's attributes give back the message's mailto: URL exactly; nothing else in the
    markup holds the address, and no line of it starts with text."""
    message = Message(
        "o'neil+x@bücher.example",
        'Stage 1: "Draft" & <review>',
        "Hello Niamh O'Neil,\n\n",
        "Line one\nLine two & <three>\n\n[Write here]\n",
    )
    contact = Contact(message, "request", "Ask Niamh", "Niamh", "Stage 1", "m:niamh", "", "#x")
    html = contact_html(contact, token(message.address, "k"))
    assert findings("html", html.encode(), [message.address]) == []
    assert "\n" not in html
    assert mailtos(html) == [message.url]
    shared = contact_html(contact, token(message.address, "k"), shared=True)
    assert "data-cg-subject" not in shared
    assert mailtos(f"<ol {message_attrs(message)}><li>{shared}</li></ol>") == [message.url]


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2027, 1, 12), "12 January 2027"), (date(2026, 11, 1), "1 November 2026")],
)
def test_long_date(day: date, text: str) -> None:
    """Dates as people write them, whatever the locale."""
    assert long_date(day) == text


@pytest.mark.parametrize(
    ("zone", "day", "shown", "area"),
    [
        ("Europe/London", date(2026, 11, 28), "Europe/London (UTC+0)", "Europe"),
        ("Europe/London", date(2026, 7, 1), "Europe/London (UTC+1)", "Europe"),
        ("America/New_York", date(2026, 11, 28), "America/New York (UTC-5)", "America"),
        ("Asia/Kolkata", date(2026, 11, 28), "Asia/Kolkata (UTC+5:30)", "Asia"),
        ("America/Argentina/Salta", date(2026, 1, 1), "America/Argentina/Salta (UTC-3)", "America"),
        ("UTC", date(2026, 1, 1), "UTC (UTC+0)", ""),
        ("Etc/GMT+3", date(2026, 1, 1), "Etc/GMT+3 (UTC-3)", ""),
    ],
)  # fmt: skip
def test_zone_text_and_region(zone: str, day: date, shown: str, area: str) -> None:
    """A zone with its UTC offset on the build date (summer time included), and its region."""
    assert zone_text(zone, day) == shown
    assert utc_offset(zone, day) == shown.rsplit("(", 1)[1].rstrip(")")
    assert region(zone) == area
