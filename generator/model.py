"""Frozen dataclasses: the validated directory and what matching derives from it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Literal

from . import urls

FORMATS: tuple[str, ...] = ("call", "video", "email", "in-person")
STALE_AFTER_DAYS = 365
DEFAULT_EXPIRY_DAYS = 90


def _frozen_map(value: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True)
class SkillGroup:
    """A group of related skills (related matches stay within a group)."""

    id: str
    label: str


@dataclass(frozen=True)
class Skill:
    """One skill of the vocabulary, with the aliases contributors may type."""

    id: str
    label: str
    group: str
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageTemplate:
    """A typical stage of a task (decide, scope, draft, ...)."""

    id: str
    label: str
    description: str = ""
    suggested_skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sector:
    """A cause area."""

    id: str
    label: str


@dataclass(frozen=True)
class Taxonomy:
    """The vocabularies from skills.yml, stages.yml and sectors.yml."""

    groups: tuple[SkillGroup, ...] = ()
    skills: tuple[Skill, ...] = ()
    stage_templates: tuple[StageTemplate, ...] = ()
    sectors: tuple[Sector, ...] = ()

    @cached_property
    def skill_by_id(self) -> Mapping[str, Skill]:
        """Skills keyed by id."""
        return {s.id: s for s in self.skills}

    @cached_property
    def group_by_id(self) -> Mapping[str, SkillGroup]:
        """Groups keyed by id."""
        return {g.id: g for g in self.groups}

    @cached_property
    def sector_by_id(self) -> Mapping[str, Sector]:
        """Sectors keyed by id."""
        return {s.id: s for s in self.sectors}

    @cached_property
    def template_by_id(self) -> Mapping[str, StageTemplate]:
        """Stage templates keyed by id."""
        return {t.id: t for t in self.stage_templates}


@dataclass(frozen=True)
class Mentor:
    """A validated mentor profile; skills/sectors hold canonical ids."""

    slug: str
    path: str
    name: str
    headline: str
    email: str
    skills: tuple[str, ...]
    formats: tuple[str, ...]
    confirmed: date
    bio: str = ""
    sectors: tuple[str, ...] = ()
    third_sector: bool = False
    location: str = ""
    languages: tuple[str, ...] = ("en",)
    hours_per_month: int | None = None
    available: bool = True
    links: tuple[str, ...] = ()
    away_until: date | None = None
    timezone: str = ""
    booking_url: str = ""
    github: str = ""
    stale: bool = False
    away: bool = False  # before `away_until` on the build date

    @property
    def active(self) -> bool:
        """Available, not away and not stale: may be matched."""
        return self.available and not self.stale and not self.away


@dataclass(frozen=True)
class Organisation:
    """The charity or group behind an ask."""

    name: str
    website: str = ""
    charity_number: str = ""


@dataclass(frozen=True)
class Contact:
    """Who a helper writes to about an ask."""

    name: str
    email: str


@dataclass(frozen=True)
class Stage:
    """One stage of an ask; `number` is 1-based and names its anchor (`#stage-2`)."""

    number: int
    title: str
    need: str
    skills: tuple[str, ...]
    template: str = ""
    formats: tuple[str, ...] = ()
    status: str = "open"

    @property
    def anchor(self) -> str:
        """The fragment id of this stage on its ask page."""
        return urls.stage_anchor(self.number)


@dataclass(frozen=True)
class Ask:
    """A validated ask: a task broken into stages."""

    slug: str
    path: str
    title: str
    organisation: Organisation
    summary: str
    contact: Contact
    posted: date
    expires: date
    stages: tuple[Stage, ...]
    sectors: tuple[str, ...] = ()
    location: str = ""
    status: str = "open"
    reply_within_days: int | None = None
    expired: bool = False

    @property
    def active(self) -> bool:
        """Open and not expired: its open stages may be matched."""
        return self.status == "open" and not self.expired

    @property
    def open_stages(self) -> tuple[Stage, ...]:
        """Its stages still looking for help (status `open`), in order."""
        return tuple(s for s in self.stages if s.status == "open")


@dataclass(frozen=True)
class Directory:
    """Everything validated, as of the build date `today`."""

    taxonomy: Taxonomy
    mentors: tuple[Mentor, ...]
    asks: tuple[Ask, ...]
    today: date


StageKey = tuple[str, int]  # (ask slug, stage number)


@dataclass(frozen=True)
class Match:
    """A mentor who can help with a stage, and why."""

    mentor: str
    ask: str
    stage: int
    kind: Literal["exact", "related"]
    shared_skills: tuple[str, ...] = ()
    related_skills: tuple[str, ...] = ()
    shared_sectors: tuple[str, ...] = ()
    third_sector: bool = False
    shared_formats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pools:
    """Who could take on the whole task, and who can help with at least one stage."""

    whole_task: Sequence[str] = ()
    staged: Sequence[str] = ()


@dataclass(frozen=True)
class Matches:
    """Ranked matches per stage and per mentor, pools per ask, and gaps.

    The sequences may be lazy (match.Ranked): read `len()` and slices, not everything.
    """

    by_stage: Mapping[StageKey, Sequence[Match]] = field(default_factory=_frozen_map)
    by_mentor: Mapping[str, Sequence[Match]] = field(default_factory=_frozen_map)
    pools: Mapping[str, Pools] = field(default_factory=_frozen_map)
    gaps: tuple[StageKey, ...] = ()
