"""RFC 6068 mailto links: one recipient, and subject/body come back exactly as written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from generator.mailto import mailto, mentor_request, offer, reply_note, stage_request
from generator.model import Ask, Contact, Mentor, Organisation, Stage

HOSTILE = [
    "Hello&cc=victim@example.org",
    "line one%0Abcc: x@example.org",
    "question? answer",
    "CR\rLF\r\nboth\nend",
    "unicode: Zoë — 東京 🚀",
    "hash # fragment",
    "plus + and = signs; a=b&c=d",
    "",
]


def decode(uri: str) -> tuple[str, dict[str, list[str]]]:
    """The recipient and the query fields of a mailto URI."""
    parts = urlsplit(uri)
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)


@pytest.mark.parametrize("text", HOSTILE)
def test_subject_and_body_round_trip(text: str) -> None:
    """parse_qs gives back exactly the subject and body (line breaks as CRLF), nothing more."""
    uri = mailto("help@example.org", text, text + "\nsecond line")
    address, fields = decode(uri)
    crlf = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    assert address == "help@example.org"
    assert fields == {"subject": [crlf], "body": [crlf + "\r\nsecond line"]}
    assert urlsplit(uri).fragment == ""


def test_exact_encoding() -> None:
    """Space is %20, a line break %0D%0A, and reserved characters are percent-encoded."""
    expected = "mailto:a.b+c@example.org?subject=Hi%20there&body=a%0D%0Ab%26cc%3Dx%3F%23"
    assert expected == mailto("a.b+c@example.org", "Hi there", "a\nb&cc=x?#")


def test_address_characters_outside_qchar_are_encoded() -> None:
    """A `#` or `/` in the local part is percent-encoded, so it cannot end the path."""
    assert mailto("a#b/c@example.org", "", "").startswith("mailto:a%23b%2Fc@example.org?")


@pytest.mark.parametrize(
    "address",
    ["a@b.org?cc=c@d.org", "a@b.org&x", "a@b.org,c@d.org", "a%40b@c.org", "a @b.org",
     "a@b.org\r\nBcc: c@d.org", "a@b.org\n", "", "no-at-sign"],
)  # fmt: skip
def test_refuses_addresses_that_could_add_recipients_or_headers(address: str) -> None:
    """Anything that could smuggle a second recipient or header is refused."""
    with pytest.raises(ValueError):
        mailto(address, "s", "b")


ASK = Ask(
    slug="food-bank-bid",
    path="content/asks/food-bank-bid.yml",
    title="Bid & cc=x@evil.example",
    organisation=Organisation("Food Bank"),
    summary="s",
    contact=Contact("Sam\r\nBcc: x@evil.example", "sam@foodbank.example"),
    posted=date(2025, 1, 1),
    expires=date(2025, 4, 1),
    stages=(Stage(1, "Scope", "n", ("budgeting",)), Stage(2, "Draft?\nnow", "n", ("bid-writing",))),
)


MENTOR = Mentor(
    slug="ann",
    path="content/mentors/ann.yml",
    name="Ann O'Neil",
    headline="h",
    email="ann+cg@example.org",
    skills=("bid-writing",),
    formats=("call",),
    confirmed=date(2025, 1, 1),
)


def test_offer_names_ask_and_stage_and_links_the_stage() -> None:
    """The stage offer goes to the ask's contact; body links the ask page's stage anchor."""
    address, fields = decode(offer(ASK, ASK.stages[1], "https://example.org/cg/").url)
    assert address == "sam@foodbank.example"
    assert fields["subject"] == [
        "Offer of help with stage 2: Draft?\r\nnow — Bid & cc=x@evil.example"
    ]
    body = fields["body"][0]
    assert "https://example.org/cg/asks/food-bank-bid/#stage-2\r\n" in body
    assert body.startswith("Hello Sam\r\nBcc: x@evil.example,\r\n\r\n")
    assert "stage 2: Draft?\r\nnow." in body
    assert body.count("[Write here in your own words: ") == 1
    assert set(fields) == {"subject", "body"}


def test_offer_without_site_url_uses_site_path() -> None:
    """Without a site URL the body links the site-relative path."""
    _, fields = decode(offer(ASK, ASK.stages[0]).url)
    assert "\r\n/asks/food-bank-bid/#stage-1\r\n" in fields["body"][0]


def test_offer_states_the_reply_promise() -> None:
    """With reply_within_days the offer says it, and the page shows "We reply within N days"."""
    ask = replace(ASK, reply_within_days=5)
    assert "\nYour ask says you reply within 5 days.\n" in offer(ask, ask.stages[0]).body
    assert "reply within" not in offer(ASK, ASK.stages[0]).body
    assert (reply_note(ask), reply_note(replace(ASK, reply_within_days=1))) == (
        "We reply within 5 days",
        "We reply within 1 day",
    )
    assert reply_note(ASK) == ""


def test_stage_request_subject_starts_with_the_stage_and_names_the_organisation() -> None:
    """A request about one stage: the subject starts with the stage title (what an inbox shows)
    and names the organisation; the body quotes the need, links the stage and leaves one place
    for the charity's own words."""
    stage = Stage(3, "Review the draft", "Read it.\n\nTell us what's missing.", ("copywriting",))
    ask = replace(ASK, stages=(*ASK.stages, stage))
    message = stage_request(ask, stage, MENTOR, "https://example.org/")
    address, fields = decode(message.url)
    assert address == "ann+cg@example.org"
    subject = fields["subject"][0]
    assert subject == "Review the draft — help for Food Bank (CrowdGuru)"
    body = fields["body"][0]
    assert body.startswith("Hello Ann O'Neil,\r\n\r\nI am writing from Food Bank.")
    assert "\r\n> Read it.\r\n>\r\n> Tell us what's missing.\r\n" in body
    assert "\r\nhttps://example.org/asks/food-bank-bid/#stage-3\r\n" in body
    assert body.count("[Write here in your own words: ") == 1
    assert body.endswith("Thank you,\r\nSam\r\nBcc: x@evil.example\r\nFood Bank\r\n")


def test_mentor_request_is_a_ready_written_request() -> None:
    """The general request names the mentor in its subject and has one place for own words."""
    address, fields = decode(mentor_request(MENTOR, "https://example.org").url)
    assert address == "ann+cg@example.org"
    assert fields["subject"] == ["Micro-mentoring request for Ann O'Neil (CrowdGuru)"]
    body = fields["body"][0]
    assert body.startswith(
        "Hello Ann O'Neil,\r\n\r\nI found your profile on CrowdGuru and would like to ask "
        "for a little help.\r\nhttps://example.org/mentors/ann/\r\n"
    )
    assert body.count("[") == 1


@pytest.mark.parametrize(
    "text",
    ["".join(map(chr, range(128))).replace("\r", "").replace("\n", ""), "a — b é%20c 🚀 ü"],
)
def test_encoding_matches_urllib_quote(text: str) -> None:
    """Every character is encoded exactly as urllib's quote(safe="") does (as UTF-8)."""
    from urllib.parse import quote

    assert quote(text, safe="") == mailto("a@b.org", text, "").split("subject=")[1].split("&")[0]
