"""Bounded dates: no date makes any command overflow, and none lies too far ahead (class 2)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from generator.dates import DATE_BOUNDS, shift
from generator.match import match
from generator.problems import format_text
from generator.render import render_site
from generator.report import Change, render
from generator.review import review
from generator.schema import SCHEMAS

from .conftest import validate_texts

MENTOR = """\
name: Ana
headline: Mentor
email: a@example.org
skills: [bid-writing]
formats: [call]
confirmed: {confirmed}
consent: true
"""
ASK = """\
title: A bid
organisation: {{name: Club}}
summary: We need a bid.
contact: {{name: Sam, email: sam@example.org}}
posted: {posted}
{expires}stages:
  - {{title: Decide, need: A call., skills: [bid-writing]}}
consent: true
"""
DATES = st.dates(min_value=date.min, max_value=date.max)


def test_every_date_field_has_a_bound() -> None:
    """Each `format: date` property of the mentor and ask schemas appears in DATE_BOUNDS."""
    for kind in ("mentor", "ask"):
        dated = {(name,) for name, sub in SCHEMAS[kind]["properties"].items() if sub.get("format")}
        assert {bound.path for bound in DATE_BOUNDS[kind]} == dated


def test_shift_stops_at_the_ends_of_the_calendar() -> None:
    """9999-12-31 + 1 day is 9999-12-31, not an OverflowError; likewise at 0001-01-01."""
    assert (shift(date.max, 1), shift(date.min, -1), shift(date(2026, 1, 1), 31)) == (
        date.max,
        date.min,
        date(2026, 2, 1),
    )
    assert shift(date(2026, 1, 1), 10**12) == date.max


@given(today=DATES, confirmed=DATES, posted=DATES, expires=st.none() | DATES)
def test_any_date_goes_through_every_command(
    today: date, confirmed: date, posted: date, expires: date | None
) -> None:
    """check, match, render, review and report: no exception, no bug-net problem, any dates."""
    expiry = "" if expires is None else f"expires: {expires.isoformat()}\n"
    validated = validate_texts(
        MENTOR.format(confirmed=confirmed.isoformat()),
        ASK.format(posted=posted.isoformat(), expires=expiry),
        today=today,
    )
    text = format_text(validated.problems)
    assert "internal error" not in text
    directory = validated.directory
    matches = match(directory)
    render_site(directory, matches)
    review(directory, 30, len(validated.problems))
    review(directory, 999_999_999)
    change = Change("main", "0" * 40, (("added", "content/mentors/x.yml"),))
    render(change, validated.problems, directory)
    assert (len(directory.mentors) == 1) == (confirmed <= shift(today, 1))
    in_range = posted <= shift(today, 1) and (
        expires is None or posted <= expires <= shift(posted, 365)
    )
    assert (len(directory.asks) == 1) == in_range


def test_far_future_dates_are_problems() -> None:
    """The examples of the issue: each refused on its own line, with the latest allowed date."""
    validated = validate_texts(
        MENTOR.format(confirmed="9999-12-31"), ASK.format(posted="2026-11-03", expires="")
    )
    assert [str(p) for p in validated.problems] == [
        "content/asks/x.yml:5:9: error: posted: '2026-11-03' is more than 1 day after the build "
        "date (2026-11-01) (write the date you post the ask: 2026-11-02 at the latest)",
        "content/mentors/x.yml:6:12: error: confirmed: '9999-12-31' is more than 1 day after the "
        "build date (2026-11-01) (write the date you last checked this profile: 2026-11-02 at "
        "the latest)",
    ]
    late = ASK.format(posted="2026-10-01", expires="expires: 2027-10-02\n")
    assert [str(p) for p in validate_texts(None, late).problems] == [
        "content/asks/x.yml:6:10: error: expires: '2027-10-02' is more than 365 days after "
        "posted (2026-10-01) (an ask stays open at most a year: 2027-10-01 at the latest)",
    ]
