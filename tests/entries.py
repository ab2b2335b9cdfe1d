"""Mentors and asks built in code with valid defaults, for tests that need no content files."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from generator.model import Ask, Contact, Mentor, Organisation, Stage

TODAY = date(2026, 6, 1)


def make_mentor(slug: str, **fields: Any) -> Mentor:
    """An available mentor confirmed 10 days before TODAY; `fields` set any other field."""
    base: dict[str, Any] = {
        "slug": slug,
        "path": f"content/mentors/{slug}.yml",
        "name": slug,
        "headline": "h",
        "email": f"{slug}@example.org",
        "skills": ("budgeting",),
        "formats": ("call",),
        "confirmed": TODAY - timedelta(days=10),
    }
    return Mentor(**(base | fields))


def make_ask(slug: str, **fields: Any) -> Ask:
    """An open ask with one stage, posted on TODAY (or `posted`) and expiring 90 days later."""
    posted = fields.get("posted", TODAY)
    base: dict[str, Any] = {
        "slug": slug,
        "path": f"content/asks/{slug}.yml",
        "title": "T",
        "organisation": Organisation("O"),
        "summary": "s",
        "contact": Contact("C", "c@example.org"),
        "posted": posted,
        "expires": posted + timedelta(days=90),
        "stages": (Stage(1, "S", "n", ("budgeting",)),),
    }
    return Ask(**(base | fields))
