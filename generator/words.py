"""Counted English words, shared by pages, reports and the command line."""

from __future__ import annotations


def plural(n: int, one: str, many: str = "") -> str:
    """`1 mentor`, `3 mentors` (`many` for irregular plurals)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
