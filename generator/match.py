"""Stage ↔ mentor matching: ranked matches with reasons, pools and gaps, from bitset indexes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import Any, TypeVar, overload

from generator.collector import collector_paused
from generator.model import Ask, Directory, Match, Matches, Mentor, Pools, Stage, StageKey

T = TypeVar("T")

# Why bitsets and lazy sequences: with a skewed skill distribution, 10k mentors × 30k stages
# produce ~10^8 (mentor, stage) matches — far too many to build up front. Each index maps a skill,
# group, format or sector to an int whose bit i is set for mentor i (or stage i), so a candidate
# set is a few big-int ORs/ANDs, its size is `int.bit_count()`, and ranking peels off rank levels
# with bit-sliced counters. Only the prefix a page actually reads is turned into Match objects.


class Ranked(Sequence[T]):
    """A read-only ranked sequence: len() known up front, items built lazily in order."""

    __slots__ = ("_items", "_iter", "_len", "_start", "exact")

    def __init__(
        self, length: int, start: Callable[[], Iterator[T]], exact: int | None = None
    ) -> None:
        self._len = length
        # How many of the items are exact matches (they come first), when known without walking.
        self.exact = exact
        self._start: Callable[[], Iterator[T]] | None = start
        self._iter: Iterator[T] | None = None
        self._items: list[T] = []

    @classmethod
    def of(cls, items: Iterable[T]) -> Ranked[T]:
        """A Ranked holding these items as they are."""
        values = tuple(items)
        return cls(len(values), values.__iter__)

    def _fill(self, upto: int) -> None:
        upto = min(upto, self._len)
        if len(self._items) >= upto:
            return
        if self._start is not None:
            self._iter, self._start = self._start(), None
        while len(self._items) < upto and self._iter is not None:
            self._items.append(next(self._iter))
        if len(self._items) >= self._len:
            self._iter = None

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._len)
            self._fill(start + 1 if step < 0 else stop)
            return tuple(self._items[index])
        position = index + self._len if index < 0 else index
        if not 0 <= position < self._len:
            raise IndexError("Ranked index out of range")
        self._fill(position + 1)
        return self._items[position]

    def __iter__(self) -> Iterator[T]:
        for position in range(self._len):
            self._fill(position + 1)
            yield self._items[position]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Ranked | tuple):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Ranked({tuple(self)!r})"


EMPTY: Ranked[Any] = Ranked.of(())


def _bits(x: int) -> Iterator[int]:
    """Positions of the set bits of x, lowest first."""
    while x:
        low = x & -x
        yield low.bit_length() - 1
        x ^= low


def _or(values: Iterable[int]) -> int:
    result = 0
    for value in values:
        result |= value
    return result


def _planes(sets: Iterable[int]) -> list[int]:
    """Bit-sliced counter: plane j holds bit j of how many of `sets` each position is in."""
    planes: list[int] = []
    for x in sets:
        carry = x
        for j, plane in enumerate(planes):
            if not carry:
                break
            planes[j] = plane ^ carry
            carry &= plane
        if carry:
            planes.append(carry)
    return planes


def _levels(planes: list[int], within: int) -> Iterator[int]:
    """Non-empty subsets of `within` by count, highest count first, down to 0."""
    rest = within
    while rest:
        # Greedy from the top plane: what survives holds exactly the highest count left.
        level = rest
        for plane in reversed(planes):
            if narrowed := level & plane:
                level = narrowed
        yield level
        rest ^= level


def _index(items: Iterable[tuple[int, Iterable[str]]]) -> dict[str, int]:
    """key → bitset of the positions whose keys include it."""
    out: dict[str, int] = {}
    for position, keys in items:
        bit = 1 << position
        for key in keys:
            out[key] = out.get(key, 0) | bit
    return out


# A rank level this small is cheaper to sort directly than to split with more bitset counters.
_SMALL_LEVEL = 48


@dataclass(frozen=True, slots=True)
class _Facts:
    """What matching needs of one active mentor, as sets."""

    mentor: Mentor
    skills: frozenset[str]
    groups: frozenset[str]
    formats: frozenset[str]
    sectors: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Signature:
    """What depends only on a stage's skills and formats; shared by stages asking the same."""

    skills: tuple[str, ...]
    groups: frozenset[str]
    formats: tuple[str, ...]
    related: frozenset[str]
    count: int


@dataclass(frozen=True, slots=True)
class _Slot:
    """One open stage of an active ask."""

    ask: Ask
    stage: Stage
    sig: _Signature
    sectors: tuple[str, ...]


class _Matcher:
    """Bitset indexes over active mentors and over open stages, built once per directory."""

    def __init__(self, directory: Directory) -> None:
        skill_by_id = directory.taxonomy.skill_by_id
        # An unknown skill (only in unvalidated input) is a group of its own: exact matches only.
        group = {
            s: skill_by_id[s].group if s in skill_by_id else "\0" + s for s in _skills(directory)
        }
        group_skills: dict[str, list[str]] = {}
        for skill_id, group_id in group.items():
            group_skills.setdefault(group_id, []).append(skill_id)
        self.group_skills = group_skills
        self.counters: dict[tuple[str, frozenset[str]], list[int]] = {}

        active = sorted(
            (m for m in directory.mentors if m.active),
            key=lambda m: (-m.confirmed.toordinal(), m.slug),
        )
        self.facts = tuple(
            _Facts(
                m,
                frozenset(m.skills),
                frozenset(group[s] for s in m.skills),
                frozenset(m.formats),
                frozenset(m.sectors),
            )
            for m in active
        )
        self.position = {f.mentor.slug: i for i, f in enumerate(self.facts)}
        self.everyone = (1 << len(active)) - 1
        numbered = list(enumerate(self.facts))
        self.skill_bits = _index((i, f.skills) for i, f in numbered)
        self.sector_bits = _index((i, f.sectors) for i, f in numbered)
        self.group_bits = _index((i, f.groups) for i, f in numbered)
        self.format_bits = _index((i, f.formats) for i, f in numbered)
        self.third_bits = _or(1 << i for i, f in numbered if f.mentor.third_sector)
        # The same indexes numbered in slug order, for pools (ordered by slug, not by date).
        self.by_slug = sorted(self.facts, key=lambda f: f.mentor.slug)
        self.group_bits_slug = _index(enumerate(f.groups for f in self.by_slug))
        self.format_bits_slug = _index(enumerate(f.formats for f in self.by_slug))

        signatures: dict[tuple[tuple[str, ...], tuple[str, ...]], _Signature] = {}
        slots: list[_Slot] = []
        for ask in sorted(
            (a for a in directory.asks if a.active), key=lambda a: (-a.posted.toordinal(), a.slug)
        ):
            sectors = tuple(dict.fromkeys(ask.sectors))
            for stage in sorted(ask.stages, key=lambda s: s.number):
                if stage.status != "open":
                    continue
                skills = tuple(dict.fromkeys(stage.skills))
                formats = tuple(dict.fromkeys(stage.formats))
                sig = signatures.get((skills, formats))
                if sig is None:
                    groups = frozenset(group[s] for s in skills)
                    related = frozenset(
                        s for g in groups for s in group_skills.get(g, ()) if s not in skills
                    )
                    sig = _Signature(skills, groups, formats, related, 0)
                    sig = _Signature(skills, groups, formats, related, self.cand(sig).bit_count())
                    signatures[(skills, formats)] = sig
                slots.append(_Slot(ask, stage, sig, sectors))
        self.slots = tuple(slots)

        # Stage-side indexes, numbered in by_mentor order (newest ask, slug, stage number).
        numbered_slots = list(enumerate(self.slots))
        self.stage_skill_bits = _index((j, s.sig.skills) for j, s in numbered_slots)
        self.stage_group_bits = _index((j, s.sig.groups) for j, s in numbered_slots)
        self.stage_format_bits = _index((j, s.sig.formats) for j, s in numbered_slots)
        self.stage_any_format = _or(1 << j for j, s in numbered_slots if not s.sig.formats)
        self.mentor_counts: dict[tuple[frozenset[str], frozenset[str]], int] = {}
        self.exact_counts: dict[_Signature, int] = {}

    def cand(self, sig: _Signature, slug_order: bool = False) -> int:
        """Active mentors who can help with a stage of this signature."""
        groups, formats = (
            (self.group_bits_slug, self.format_bits_slug)
            if slug_order
            else (self.group_bits, self.format_bits)
        )
        fmt = _or(formats.get(f, 0) for f in sig.formats) if sig.formats else self.everyone
        return _or(groups.get(g, 0) for g in sig.groups) & fmt

    def make(self, i: int, slot: _Slot) -> Match:
        """The Match of active mentor i with a stage, with its reasons."""
        facts = self.facts[i]
        mentor = facts.mentor
        sig = slot.sig
        shared = tuple(filter(facts.skills.__contains__, sig.skills))
        return Match(
            mentor.slug,
            slot.ask.slug,
            slot.stage.number,
            "exact" if shared else "related",
            shared,
            tuple(filter(sig.related.__contains__, mentor.skills)),
            tuple(filter(facts.sectors.__contains__, slot.sectors)),
            mentor.third_sector,
            tuple(filter(facts.formats.__contains__, sig.formats))
            if sig.formats
            else mentor.formats,
        )

    def walk_stage(self, slot: _Slot) -> Iterator[Match]:
        """A stage's matches: shared, related, sectors, third sector (all desc), date, slug."""
        sig = slot.sig
        cand = self.cand(sig)
        sectors = frozenset(slot.sectors)
        third = self.third_bits
        facts = self.facts

        def key(i: int) -> tuple[int, int, bool, int]:
            f = facts[i]
            return (
                -len(f.skills & sig.related),
                -len(f.sectors & sectors),
                not f.mentor.third_sector,
                i,
            )

        for a in _levels(_planes(self.skill_bits.get(s, 0) & cand for s in sig.skills), cand):
            if a.bit_count() <= _SMALL_LEVEL:
                for i in sorted(_bits(a), key=key):
                    yield self.make(i, slot)
                continue
            # Within one shared-skills level, more skills in the stage's groups means more related
            # skills, so one counter per group set (over all mentors) serves every such stage.
            related = self.counter("groups", sig.groups)
            by_sector = self.counter("sectors", sectors)
            for b in _levels(related, a):
                for c in _levels(by_sector, b):
                    for part in (c & third, c & ~third):
                        for i in _bits(part):
                            yield self.make(i, slot)

    def counter(self, kind: str, keys: frozenset[str]) -> list[int]:
        """Bit planes counting each mentor's skills in these groups, or sectors among these."""
        planes = self.counters.get((kind, keys))
        if planes is None:
            if kind == "groups":
                bits = (self.skill_bits.get(s, 0) for g in keys for s in self.group_skills[g])
            else:
                bits = (self.sector_bits.get(x, 0) for x in keys)
            planes = self.counters[(kind, keys)] = _planes(bits)
        return planes

    def mentor_cand(self, facts: _Facts) -> int:
        """Open stages this active mentor can help with, numbered in by_mentor order."""
        fmt = self.stage_any_format | _or(self.stage_format_bits.get(f, 0) for f in facts.formats)
        return _or(self.stage_group_bits.get(g, 0) for g in facts.groups) & fmt

    def mentor_count(self, facts: _Facts) -> int:
        """How many open stages this active mentor can help with (shared by equal profiles)."""
        key = (facts.groups, facts.formats)
        count = self.mentor_counts.get(key)
        if count is None:
            count = self.mentor_counts[key] = self.mentor_cand(facts).bit_count()
        return count

    def stage_exact(self, sig: _Signature) -> int:
        """How many mentors share a skill with a stage of this signature (its exact matches)."""
        found = self.exact_counts.get(sig)
        if found is None:
            shared = _or(self.skill_bits.get(s, 0) for s in sig.skills)
            found = self.exact_counts[sig] = (shared & self.cand(sig)).bit_count()
        return found

    def mentor_exact(self, facts: _Facts) -> int:
        """How many open stages share a skill with this active mentor (exact matches)."""
        shared = _or(self.stage_skill_bits.get(s, 0) for s in facts.skills)
        return (shared & self.mentor_cand(facts)).bit_count()

    def walk_mentor(self, i: int) -> Iterator[Match]:
        """Mentor i's matches: exact first, more shared skills, newest ask, slug, stage number."""
        facts = self.facts[i]
        cand = self.mentor_cand(facts)
        shared = _planes(self.stage_skill_bits.get(s, 0) & cand for s in facts.skills)
        for level in _levels(shared, cand):
            for j in _bits(level):
                yield self.make(i, self.slots[j])

    def pools(self, slots: Sequence[_Slot]) -> Pools:
        """Whole-task and staged pools of one ask's open stages, by stages helped, then slug."""
        if not slots:
            return Pools(whole_task=EMPTY, staged=EMPTY)
        cands = [self.cand(s.sig, slug_order=True) for s in slots]
        whole = cands[0]
        for c in cands[1:]:
            whole &= c
        staged = _or(cands)
        return Pools(
            whole_task=Ranked(whole.bit_count(), partial(self.walk_pool, slots, whole=True)),
            staged=Ranked(staged.bit_count(), partial(self.walk_pool, slots, whole=False)),
        )

    def walk_pool(self, slots: Sequence[_Slot], whole: bool) -> Iterator[str]:
        """Slugs of a pool, by how many of the ask's open stages they can help with, then slug."""
        cands = [self.cand(s.sig, slug_order=True) for s in slots]
        planes = _planes(cands)
        for level in _levels(planes, _or(cands)):
            for p in _bits(level):
                yield self.by_slug[p].mentor.slug
            if whole:
                return


def _skills(directory: Directory) -> set[str]:
    """Every skill id the directory mentions."""
    out = {s.id for s in directory.taxonomy.skills}
    for mentor in directory.mentors:
        out.update(mentor.skills)
    for ask in directory.asks:
        for stage in ask.stages:
            out.update(stage.skills)
    return out


@collector_paused()
def match(directory: Directory) -> Matches:
    """Rank who can help with each open stage, per SPEC "Matching"; pure and deterministic."""
    m = _Matcher(directory)
    by_stage: dict[StageKey, Ranked[Match]] = {}
    per_ask: dict[str, list[_Slot]] = {}
    for slot in m.slots:
        key = (slot.ask.slug, slot.stage.number)
        by_stage[key] = Ranked(slot.sig.count, partial(m.walk_stage, slot), m.stage_exact(slot.sig))
        per_ask.setdefault(slot.ask.slug, []).append(slot)
    by_mentor: dict[str, Ranked[Match]] = {}
    for mentor in directory.mentors:
        i = m.position.get(mentor.slug)
        if i is None or m.facts[i].mentor is not mentor:
            by_mentor[mentor.slug] = EMPTY
        else:
            facts = m.facts[i]
            exact = m.mentor_exact(facts)
            by_mentor[mentor.slug] = Ranked(m.mentor_count(facts), partial(m.walk_mentor, i), exact)
    pools = {ask.slug: m.pools(per_ask.get(ask.slug, ())) for ask in directory.asks}
    gaps = tuple((s.ask.slug, s.stage.number) for s in m.slots if not s.sig.count)
    return Matches(
        by_stage=MappingProxyType(by_stage),
        by_mentor=MappingProxyType(by_mentor),
        pools=MappingProxyType(pools),
        gaps=gaps,
    )
