"""What /mentors/ and /asks/ list and filter on, computed from the directory as the spec says."""

from __future__ import annotations

import base64
from collections.abc import Mapping

from generator.model import FORMATS, Ask, Directory, Mentor
from generator.when import region

REMOTE = {"video", "call", "email"}  # mentors who can help from anywhere


def listed_mentors(d: Directory) -> list[Mentor]:
    """Available, not stale, not away mentors, by name then slug: /mentors/'s order."""
    found = [m for m in d.mentors if m.available and not m.stale and not m.away]
    return sorted(found, key=lambda m: (m.name.casefold(), m.slug))


def listed_asks(d: Directory) -> list[Ask]:
    """Open, unexpired asks, newest first, then by slug: /asks/'s order."""
    found = [a for a in d.asks if a.status == "open" and not a.expired]
    return sorted(found, key=lambda a: (-a.posted.toordinal(), a.slug))


def mentor_values(m: Mentor, d: Directory) -> dict[str, set[str]]:
    """The values of each filter field a mentor matches."""
    return {
        "skill": set(m.skills),
        "sector": set(m.sectors),
        "format": set(m.formats),
        "language": set(m.languages),
        "region": {region(m.timezone)} - {""},
        "template": {
            t.id for t in d.taxonomy.stage_templates if set(t.suggested_skills) & set(m.skills)
        },
    }


def ask_values(a: Ask) -> dict[str, set[str]]:
    """The values of each filter field an open ask matches: those of its open stages."""
    stages = [s for s in a.stages if s.status == "open"]
    any_format = any(not s.formats for s in stages)
    return {
        "skill": {k for s in stages for k in s.skills},
        "sector": set(a.sectors),
        "format": set(FORMATS) if any_format else {f for s in stages for f in s.formats},
        "template": {s.template for s in stages if s.template},
    }


MENTOR_FIELDS = ("skill", "sector", "format", "language", "region", "template")
ASK_FIELDS = ("skill", "sector", "format", "template")


def holders(values: list[dict[str, set[str]]], fields: tuple[str, ...]) -> dict[str, dict]:
    """field → value → the list positions holding it, in order (values nobody holds left out)."""
    found: dict[str, dict[str, list[int]]] = {name: {} for name in fields}
    for p, entry in enumerate(values):
        for name, held in entry.items():
            for value in sorted(held):
                found[name].setdefault(value, []).append(p)
    return found


def members(bitset: str, count: int) -> list[int]:
    """The positions a filter file's base64 bitset holds (bit p % 8 of byte p // 8)."""
    data = base64.b64decode(bitset, validate=True)
    assert len(data) == (count + 7) // 8
    return [p for p in range(len(data) * 8) if data[p // 8] >> (p % 8) & 1]


def in_place(location: str, text: str) -> bool:
    """The location filter: the text anywhere in the location, ignoring case."""
    return text.lower() in location.lower()


def count_text(kind: str, found: int, total: int, tail: str = "match") -> str:
    """The filtered list's count line."""
    noun: Mapping[str, tuple[str, str]] = {
        "mentors": ("available mentor", "available mentors"),
        "asks": ("open ask", "open asks"),
    }
    more = " (showing the first 100; narrow the filters to see the rest)" if found > 100 else ""
    return f"{found} of {total} {noun[kind][total != 1]} {tail}{more}"
