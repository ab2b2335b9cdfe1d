"""Date fields: how far ahead each may lie, and date arithmetic that never overflows.

A date far in the future would pin a profile or an ask to the top for ever (it never goes stale
or expires), and `9999-12-31 + 1 day` raises OverflowError. So every date field has a bound in
DATE_BOUNDS, and code adds days with `shift`, which stops at the calendar's ends.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

FieldPath = tuple[str | int, ...]
BUILD_DATE = "the build date"


@dataclass(frozen=True)
class DateBound:
    """`path` may be at most `days` after `after` (another date field, or the build date)."""

    path: FieldPath
    days: int
    hint: str
    after: FieldPath | None = None  # None: the build date


# One line per date field: adding a date field means adding its bound here.
DATE_BOUNDS: Mapping[str, tuple[DateBound, ...]] = {
    "mentor": (
        DateBound(("confirmed",), 1, "write the date you last checked this profile"),
        DateBound(("away_until",), 365, "end the break at most a year ahead"),
    ),
    "ask": (
        DateBound(("posted",), 1, "write the date you post the ask"),
        DateBound(("expires",), 365, "an ask stays open at most a year", after=("posted",)),
    ),
}


def shift(day: date, days: int) -> date:
    """`day` moved by `days`, stopping at date.min or date.max instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def check_dates(
    kind: str,
    day: Callable[[FieldPath], date | None],
    report: Callable[[FieldPath, str, str], None],
    today: date,
) -> None:
    """Report each date of a `kind` file that lies further ahead than its bound allows."""
    for bound in DATE_BOUNDS.get(kind, ()):
        value = day(bound.path)
        anchor = today if bound.after is None else day(bound.after)
        if value is None or anchor is None:
            continue
        latest = shift(anchor, bound.days)
        if value <= latest:
            continue
        what = BUILD_DATE if bound.after is None else ".".join(map(str, bound.after))
        message = (
            f"{value.isoformat()!r} is more than {_days(bound.days)} after {what} "
            f"({anchor.isoformat()})"
        )
        report(bound.path, message, f"{bound.hint}: {latest.isoformat()} at the latest")
