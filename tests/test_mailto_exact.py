"""Exact RFC 6068 encoding of every naughty string in every mailto field, byte for byte.

Expectations are built with urllib's `quote` (space `%20`, never `+`; line breaks `%0D%0A`) and
compared with the link as written; nothing is decoded with parse_qs, which would accept `+`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import quote

import pytest

from generator import urls
from generator.mailto import mailto, mentor_request, stage_request
from generator.mailto import offer as offer_of
from generator.model import Ask, Contact, Mentor, Organisation, Stage
from tests.robustness.conftest import naughty_strings

STRINGS = naughty_strings()
# RFC 6068 qchar's some-delims without "," (a second recipient): what an address may keep.
ADDRESS_SAFE = "!$'()*+;:@"


def crlf(text: str) -> str:
    """Every line break as CRLF, as RFC 6068 wants it in a header field."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def field(text: str) -> str:
    """The expected encoding of a subject or body: UTF-8, every non-unreserved byte as %XX."""
    return quote(crlf(text), safe="")


def split(link: str) -> tuple[str, str, str]:
    """(address, subject, body) as written in the link: exactly `?subject=…&body=…`."""
    assert link.startswith("mailto:")
    path, query = link.removeprefix("mailto:").split("?", 1)
    parts = query.split("&")
    assert [p.split("=", 1)[0] for p in parts] == ["subject", "body"], link
    return path, parts[0].removeprefix("subject="), parts[1].removeprefix("body=")


def test_space_plus_and_line_breaks() -> None:
    """Written out once by hand: space %20, plus %2B, CR/LF/CRLF all %0D%0A, UTF-8 bytes."""
    link = mailto("a+b@example.org", "a b+c", "x\ry\nz\r\nü&=?#%")
    expected = (
        "mailto:a+b@example.org?subject=a%20b%2Bc&body=x%0D%0Ay%0D%0Az%0D%0A%C3%BC%26%3D%3F%23%25"
    )
    assert link == expected


@pytest.mark.parametrize("i", range(len(STRINGS)))
def test_subject_and_body_are_encoded_exactly(i: int) -> None:
    """String i as subject and as body: exactly quote(text with CRLF, safe="")."""
    text = STRINGS[i]
    assert split(mailto("ana@example.org", text, text)) == (
        "ana@example.org",
        field(text),
        field(text),
    )


def test_every_string_is_accepted_as_subject_and_body() -> None:
    """No string breaks the encoder: all 515 are encoded (none refused, none raising)."""
    assert len([s for s in STRINGS if mailto("a@b.org", s, s).startswith("mailto:a@b.org?")]) == 515


@pytest.mark.parametrize("i", range(len(STRINGS)))
def test_address_local_part_is_encoded_or_refused(i: int) -> None:
    """String i as an address's local part: refused if it could add a recipient or header,
    else written as quote(address, safe=qchar without ",")."""
    address = f"{STRINGS[i]}@example.org"
    risky = any(c in address for c in "?&,%") or any(c.isspace() for c in address)
    if risky:
        with pytest.raises(ValueError, match=r"^not a single plain email address: "):
            mailto(address, "s", "b")
        return
    assert split(mailto(address, "s", "b")) == (quote(address, safe=ADDRESS_SAFE), "s", "b")


def test_address_refusals_are_the_risky_ones() -> None:
    """The refusal rule above is not vacuous: both outcomes occur, in known numbers."""
    risky = [s for s in STRINGS if any(c in s for c in "?&,%") or any(c.isspace() for c in s)]
    assert (len(risky), len(STRINGS) - len(risky)) == (286, 229)


def offer(title: str, stage_title: str, contact: str) -> Ask:
    """An ask whose title, stage title and contact name are the given text."""
    return Ask(
        slug="food-bank-bid",
        path="content/asks/food-bank-bid.yml",
        title=title,
        organisation=Organisation("Food Bank"),
        summary="s",
        contact=Contact(contact, "sam@foodbank.example"),
        posted=date(2025, 1, 1),
        expires=date(2025, 4, 1),
        stages=(Stage(1, "Scope", "n", ("budgeting",)), Stage(2, stage_title, "n", ("x",))),
    )


@pytest.mark.parametrize("i", range(len(STRINGS)))
def test_stage_offer_fields_are_encoded_exactly(i: int) -> None:
    """Ask title, stage title and contact name set to string i: subject and body exactly."""
    text = STRINGS[i]
    ask = offer(text, text, text)
    subject = f"Offer of help with stage 2: {text} — {text}"
    body = (
        f"Hello {text},\n\n"
        f'I saw "{text}" on CrowdGuru and would like to help with stage 2: {text}.\n'
        "https://example.org/cg/asks/food-bank-bid/#stage-2\n\n"
        "[Write here in your own words: a little about you, how you could help and when you "
        "are free]\n\n"
        "Best wishes,\n"
    )
    link = offer_of(ask, ask.stages[1], "https://example.org/cg/").url
    assert split(link) == ("sam@foodbank.example", field(subject), field(body))


def mentor_named(text: str) -> Mentor:
    """A mentor whose name is `text`."""
    return Mentor(
        slug="ann",
        path="content/mentors/ann.yml",
        name=text,
        headline="h",
        email="ann@example.org",
        skills=("bid-writing",),
        formats=("call",),
        confirmed=date(2025, 1, 1),
    )


@pytest.mark.parametrize("i", range(len(STRINGS)))
def test_mentor_request_fields_are_encoded_exactly(i: int) -> None:
    """Mentor name set to string i: the subject naming them, and the body greeting them."""
    text = STRINGS[i]
    body = (
        f"Hello {text},\n\n"
        "I found your profile on CrowdGuru and would like to ask for a little help.\n"
        "/mentors/ann/\n\n"
        "[Write here in your own words: your organisation, the task, and the help you would "
        "like]\n\n"
        "Thank you,\n"
    )
    subject = f"Micro-mentoring request for {text} (CrowdGuru)"
    link = mentor_request(mentor_named(text)).url
    assert split(link) == ("ann@example.org", field(subject), field(body))


@pytest.mark.parametrize("i", range(len(STRINGS)))
def test_stage_request_fields_are_encoded_exactly(i: int) -> None:
    """Stage title, ask title, organisation is fixed; mentor name is string i: exact fields."""
    text = STRINGS[i]
    ask = offer(text, text, "Sam")
    subject = f"{text} — help for Food Bank (CrowdGuru)"
    body = (
        f"Hello {text},\n\n"
        f"I am writing from Food Bank. CrowdGuru suggests you could help with one stage of our "
        f'task "{text}":\n\n'
        f"Stage 2: {text}\n"
        "What help would look like:\n"
        "> n\n"
        "/asks/food-bank-bid/#stage-2\n\n"
        "[Write here in your own words: who we are, what we have done so far, and the help we "
        "would like]\n\n"
        "Thank you,\nSam\nFood Bank\n"
    )
    link = stage_request(ask, ask.stages[1], mentor_named(text)).url
    assert split(link) == ("ann@example.org", field(subject), field(body))


def test_links_in_bodies_default_to_site_paths() -> None:
    """Without a site URL the bodies link site paths; with one, absolute URLs under it."""
    ask = offer("T", "S", "C")
    mentor = Mentor("ann", "p", "Ann", "h", "a@example.org", ("x",), ("call",), date(2025, 1, 1))
    assert "\n/asks/food-bank-bid/#stage-2\n" in offer_of(ask, ask.stages[1]).body
    assert "\n/mentors/ann/\n" in mentor_request(mentor).body
    assert urls.absolute("https://example.org/X/", "asks/") == "https://example.org/X/asks/"
    assert urls.absolute("https://example.org/cg", "asks/") == "https://example.org/cg/asks/"
    assert urls.absolute("", "asks/") == "/asks/"


@pytest.mark.parametrize(("days", "line"), [(1, "within 1 day."), (5, "within 5 days.")])
def test_offer_states_the_reply_promise_in_words(days: int, line: str) -> None:
    """reply_within_days: one day is singular, more are plural; none says nothing."""
    ask = replace(offer("T", "S", "C"), reply_within_days=days)
    assert f"Your ask says you reply within {line[7:]}\n" in offer_of(ask, ask.stages[1]).body
    plain = offer("T", "S", "C")
    assert "reply within" not in offer_of(plain, plain.stages[1]).body


def test_request_quotes_every_line_of_the_need() -> None:
    """CRLF, CR and LF in a stage's need all become quoted lines of their own."""
    ask = offer("T", "S", "C")
    stage = replace(ask.stages[1], need="one\r\ntwo\rthree\nfour")
    body = stage_request(replace(ask, stages=(ask.stages[0], stage)), stage, mentor_named("A")).body
    assert "What help would look like:\n> one\n> two\n> three\n> four\n/asks/" in body
