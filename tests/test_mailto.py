"""RFC 6068 mailto links: one recipient, and subject/body come back exactly as written.

Links are split by hand and fields decoded with `unquote` (which leaves `+` alone), never
parse_qs (which reads `+` as a space and would pass an encoder that writes `+`).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, unquote, urlsplit

import pytest

from generator.mailto import mailto, mentor_mailto, stage_mailto, stage_subject
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
    """The recipient and the query fields of a mailto URI: exactly `?subject=…&body=…`."""
    assert uri.startswith("mailto:"), uri
    path, query = uri.removeprefix("mailto:").split("?", 1)
    pairs = [part.split("=", 1) for part in query.split("&")]
    assert [name for name, _ in pairs] == ["subject", "body"], uri
    return unquote(path), {name: [unquote(value)] for name, value in pairs}


@pytest.mark.parametrize("text", HOSTILE)
def test_subject_and_body_round_trip(text: str) -> None:
    """Subject and body are encoded exactly (quote, line breaks as CRLF) and decode back."""
    uri = mailto("help@example.org", text, text + "\nsecond line")
    address, fields = decode(uri)
    crlf = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    subject, body = quote(crlf, safe=""), quote(crlf + "\r\nsecond line", safe="")
    assert uri == f"mailto:help@example.org?subject={subject}&body={body}"
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


def test_stage_mailto_names_ask_and_stage_and_links_the_stage() -> None:
    """The stage offer goes to the ask's contact; body links the ask page's stage anchor."""
    address, fields = decode(stage_mailto(ASK, ASK.stages[1], "https://example.org/cg/"))
    assert address == "sam@foodbank.example"
    assert fields["subject"] == ["Offer of help: Bid & cc=x@evil.example — stage 2: Draft?\r\nnow"]
    body = fields["body"][0]
    assert "https://example.org/cg/asks/food-bank-bid/#stage-2\r\n" in body
    assert body.startswith("Hello Sam\r\nBcc: x@evil.example,\r\n\r\n")
    assert set(fields) == {"subject", "body"}


def test_stage_mailto_without_site_url_uses_site_path() -> None:
    """Without a site URL the body links the site-relative path."""
    _, fields = decode(stage_mailto(ASK, ASK.stages[0]))
    assert "\r\n/asks/food-bank-bid/#stage-1\r\n" in fields["body"][0]
    assert stage_subject(ASK, ASK.stages[0]) == fields["subject"][0]


def test_mentor_mailto_is_a_ready_written_request() -> None:
    """The mentor request has the fixed subject and a body with placeholders."""
    mentor = Mentor(
        slug="ann",
        path="content/mentors/ann.yml",
        name="Ann",
        headline="h",
        email="ann@example.org",
        skills=("bid-writing",),
        formats=("call",),
        confirmed=date(2025, 1, 1),
    )
    address, fields = decode(mentor_mailto(mentor, "https://example.org"))
    assert address == "ann@example.org"
    assert fields["subject"] == ["Micro-mentoring request via CrowdGuru"]
    body = fields["body"][0]
    assert body.startswith(
        "Hello Ann,\r\n\r\nI found your profile on CrowdGuru (https://example.org/mentors/ann/)"
    )
    assert "The stage I need help with: [e.g. reviewing a draft funding bid]\r\n" in body


@pytest.mark.parametrize(
    "text",
    ["".join(map(chr, range(128))).replace("\r", "").replace("\n", ""), "a — b é%20c 🚀 ü"],
)
def test_encoding_matches_urllib_quote(text: str) -> None:
    """Every character is encoded exactly as urllib's quote(safe="") does (as UTF-8)."""
    assert quote(text, safe="") == mailto("a@b.org", text, "").split("subject=")[1].split("&")[0]
