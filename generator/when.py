"""Dates and time zones as the site writes them ("12 January 2027", "Europe/London (UTC+0)")."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

# Region labels for the first part of an IANA name; zones without one (UTC, Etc/…) have none.
REGIONS = {
    "Africa": "Africa",
    "America": "Americas",
    "Antarctica": "Antarctica",
    "Arctic": "Arctic",
    "Asia": "Asia",
    "Atlantic": "Atlantic",
    "Australia": "Australia",
    "Europe": "Europe",
    "Indian": "Indian Ocean",
    "Pacific": "Pacific",
}


def long_date(day: date) -> str:
    """`12 January 2027` (English month names whatever the locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def utc_offset(zone: str, day: date) -> str:
    """The zone's offset from UTC at noon UTC on `day`: `UTC+0`, `UTC-5`, `UTC+5:30`."""
    moment = datetime.combine(day, time(12), tzinfo=UTC).astimezone(ZoneInfo(zone))
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_text(zone: str, day: date) -> str:
    """`Europe/London (UTC+0)`: the zone's name as people read it, and its offset on `day`."""
    return f"{zone.replace('_', ' ')} ({utc_offset(zone, day)})"


def region(zone: str) -> str:
    """The region of an IANA zone (`Europe/London` → `Europe`); "" for UTC, Etc/… and the like."""
    first, slash, _ = zone.partition("/")
    return first if slash and first in REGIONS else ""
