"""Date arithmetic that holds at the ends of the calendar instead of overflowing."""

from __future__ import annotations

from datetime import date, timedelta


def shifted(day: date, days: int) -> date:
    """`day` plus `days`, held at date.min/date.max (a build date of 9999-12-31 must not crash)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
