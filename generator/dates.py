"""Dates as people read them: "20 January 2027", "7 weeks left", in `<time datetime>` elements."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def human(day: date) -> str:
    """`20 January 2027`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def time_tag(day: date) -> Markup:
    """`<time datetime="2027-01-20">20 January 2027</time>` (cg.css keeps it on one line)."""
    return Markup(f'<time class="cg-date" datetime="{day.isoformat()}">{human(day)}</time>')


def left(until: date, today: date) -> str:
    """How long until `until` (inclusive), in the largest unit that reads well: `7 weeks left`."""
    days = (until - today).days
    if days < 0:
        return ""
    if days == 0:
        return "last day"
    if days < 14:
        return f"{days} day{'s' if days > 1 else ''} left"
    if days < 63:
        return f"{days // 7} weeks left"
    return f"{days // 30} months left"
