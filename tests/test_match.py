"""Matching: golden cases, a brute-force reference on random directories, and the index's cost."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

import generator.match as match_module
from generator.match import Ranked, match
from generator.model import (
    DEFAULT_EXPIRY_DAYS,
    STALE_AFTER_DAYS,
    Ask,
    Contact,
    Directory,
    Match,
    Matches,
    Mentor,
    Organisation,
    Skill,
    SkillGroup,
    Stage,
    Taxonomy,
)

# CROWDGURU_GOLDEN_DIR lets test_golden_regeneration_never_passes run on a copy.
GOLDEN = Path(os.environ.get("CROWDGURU_GOLDEN_DIR") or Path(__file__).parent / "golden" / "match")
CASES = sorted(GOLDEN.glob("*.yml"))
EXPECTED_MARKER = "\nexpected:"


# --- building model objects from a case (independent of the validator) ---


def build_directory(case: dict[str, Any]) -> Directory:
    """A Directory from a golden case's input: today, groups, mentors and asks."""
    today: date = case["today"]
    groups = tuple(SkillGroup(g, g.title()) for g in case["groups"])
    skills = tuple(
        Skill(s, s.replace("-", " ").capitalize(), g)
        for g, ids in case["groups"].items()
        for s in ids
    )
    mentors = tuple(build_mentor(m, today) for m in case.get("mentors") or ())
    asks = tuple(build_ask(a, today) for a in case.get("asks") or ())
    return Directory(Taxonomy(groups=groups, skills=skills), mentors, asks, today)


def build_mentor(raw: dict[str, Any], today: date) -> Mentor:
    """A Mentor from SPEC field names; stale when confirmed over 365 days before today."""
    slug = raw["slug"]
    return Mentor(
        slug=slug,
        path=f"content/mentors/{slug}.yml",
        name=raw.get("name", slug),
        headline=raw.get("headline", "Mentor"),
        email=raw.get("email", f"{slug}@example.org"),
        skills=tuple(raw["skills"]),
        formats=tuple(raw["formats"]),
        confirmed=raw["confirmed"],
        sectors=tuple(raw.get("sectors", ())),
        third_sector=raw.get("third_sector", False),
        available=raw.get("available", True),
        stale=(today - raw["confirmed"]).days > STALE_AFTER_DAYS,
    )


def build_ask(raw: dict[str, Any], today: date) -> Ask:
    """An Ask from SPEC field names; expired when today is past `expires` (posted + 90 days)."""
    slug = raw["slug"]
    expires = raw.get("expires", raw["posted"] + timedelta(days=DEFAULT_EXPIRY_DAYS))
    stages = tuple(
        Stage(
            number=n,
            title=s.get("title", f"Stage {n}"),
            need=s.get("need", "Help."),
            skills=tuple(s["skills"]),
            formats=tuple(s.get("formats", ())),
            status=s.get("status", "open"),
        )
        for n, s in enumerate(raw["stages"], start=1)
    )
    return Ask(
        slug=slug,
        path=f"content/asks/{slug}.yml",
        title=raw.get("title", slug),
        organisation=Organisation(raw.get("organisation", {}).get("name", "Example charity")),
        summary=raw.get("summary", "An ask."),
        contact=Contact("Contact", f"contact@{slug}.example.org"),
        posted=raw["posted"],
        expires=expires,
        stages=stages,
        sectors=tuple(raw.get("sectors", ())),
        status=raw.get("status", "open"),
        expired=today > expires,
    )


def describe(matches: Matches) -> dict[str, Any]:
    """Matches as plain data, in the golden files' shape."""

    def key(ask: str, stage: int) -> str:
        return f"{ask}/{stage}"

    def reasons(m: Match) -> dict[str, Any]:
        return {
            "mentor": m.mentor,
            "kind": m.kind,
            "shared_skills": list(m.shared_skills),
            "related_skills": list(m.related_skills),
            "shared_sectors": list(m.shared_sectors),
            "third_sector": m.third_sector,
            "shared_formats": list(m.shared_formats),
        }

    return {
        "stages": {key(*k): [reasons(m) for m in v] for k, v in matches.by_stage.items()},
        "mentors": {s: [key(m.ask, m.stage) for m in v] for s, v in matches.by_mentor.items()},
        "pools": {
            a: {"whole_task": list(p.whole_task), "staged": list(p.staged)}
            for a, p in matches.pools.items()
        },
        "gaps": [key(*g) for g in matches.gaps],
    }


def read_case(path: Path) -> tuple[str, dict[str, Any]]:
    """The case's input text (everything before `expected:`) and the whole parsed case."""
    text = path.read_text(encoding="utf-8")
    head = text.split(EXPECTED_MARKER, 1)[0].rstrip("\n") + "\n"
    return head, yaml.safe_load(text)


# --- golden cases ---


def test_there_are_enough_golden_cases() -> None:
    """At least eight golden cases exist."""
    assert len(CASES) >= 8


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    """match() on the case's input gives exactly the case's expected output."""
    head, case = read_case(path)
    actual = describe(match(build_directory(case)))
    if os.environ.get("REGEN_GOLDEN") == "1":
        if os.environ.get("CI"):
            pytest.fail("REGEN_GOLDEN=1 rewrites tests/golden/; it is refused when CI is set")
        body = yaml.safe_dump({"expected": actual}, sort_keys=False, width=100)
        path.write_text(head + "\n" + body, encoding="utf-8")
        # A run that rewrote the goldens proves nothing: it fails, so it can never pass CI.
        pytest.fail(f"regenerated {path.name}: review `git diff tests/golden/`, run without it")
    assert case.get("expected") == actual


@pytest.mark.parametrize(("ci", "rewritten"), [("1", False), ("", True)])
def test_golden_regeneration_never_passes(tmp_path: Path, ci: str, rewritten: bool) -> None:
    """REGEN_GOLDEN=1 on a copy of one case whose expectation is wrong: refused under CI (file
    untouched), else the file is rewritten and the run still fails."""
    case = tmp_path / CASES[0].name
    head, _ = read_case(CASES[0])
    stale = head + "\nexpected: {wrong: true}\n"
    case.write_text(stale, encoding="utf-8")
    env = {**os.environ, "REGEN_GOLDEN": "1", "CI": ci, "CROWDGURU_GOLDEN_DIR": str(tmp_path)}
    node = f"{__file__}::test_golden[{case.stem}]"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", node],
        cwd=Path(__file__).parents[1],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, "1 failed" in done.stdout) == (1, True), done.stdout
    assert (case.read_text(encoding="utf-8") != stale) == rewritten


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_golden_is_independent_of_input_order(path: Path) -> None:
    """Shuffling mentors, asks and the taxonomy changes nothing in the output."""
    _, case = read_case(path)
    directory = build_directory(case)
    expected = describe(match(directory))
    for seed in range(5):
        rng = random.Random(seed)
        shuffled = Directory(
            Taxonomy(
                groups=tuple(rng.sample(directory.taxonomy.groups, len(directory.taxonomy.groups))),
                skills=tuple(rng.sample(directory.taxonomy.skills, len(directory.taxonomy.skills))),
            ),
            tuple(rng.sample(directory.mentors, len(directory.mentors))),
            tuple(
                _replace_stages(a, tuple(rng.sample(a.stages, len(a.stages))))
                for a in rng.sample(directory.asks, len(directory.asks))
            ),
            directory.today,
        )
        assert describe(match(shuffled)) == expected


def _replace_stages(ask: Ask, stages: tuple[Stage, ...]) -> Ask:
    """The same ask with its stages listed in another order."""
    return replace(ask, stages=stages)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_by_mentor_matches_equal_by_stage_matches(path: Path) -> None:
    """Each mentor's match is the same Match, reasons included, as on the stage."""
    _, case = read_case(path)
    matches = match(build_directory(case))
    for slug, mine in matches.by_mentor.items():
        for m in mine:
            assert m.mentor == slug
            assert m in tuple(matches.by_stage[(m.ask, m.stage)])


# --- the bitset implementation against a direct reference ---


def reference(d: Directory) -> dict[str, Any]:
    """Matching written as plainly as the SPEC: every mentor against every stage, then sort."""
    group = {s.id: s.group for s in d.taxonomy.skills}
    active = [m for m in d.mentors if m.active]
    stages: dict[tuple[str, int], list[Match]] = {}
    mine: dict[str, list[tuple[Ask, Match]]] = {m.slug: [] for m in d.mentors}
    pools: dict[str, dict[str, list[str]]] = {
        a.slug: {"whole_task": [], "staged": []} for a in d.asks
    }
    gaps = []
    for ask in sorted(d.asks, key=lambda a: (-a.posted.toordinal(), a.slug)):
        if not ask.active:
            continue
        open_stages = [s for s in sorted(ask.stages, key=lambda s: s.number) if s.status == "open"]
        helped: dict[str, int] = {}
        for st in open_stages:
            found = []
            groups = {group[s] for s in st.skills}
            for m in active:
                if st.formats and not set(st.formats) & set(m.formats):
                    continue
                if not groups & {group[s] for s in m.skills}:
                    continue
                shared = tuple(s for s in st.skills if s in m.skills)
                related = tuple(s for s in m.skills if s not in st.skills and group[s] in groups)
                sectors = tuple(x for x in ask.sectors if x in m.sectors)
                fmts = tuple(f for f in st.formats if f in m.formats) if st.formats else m.formats
                match_ = Match(
                    mentor=m.slug,
                    ask=ask.slug,
                    stage=st.number,
                    kind="exact" if shared else "related",
                    shared_skills=shared,
                    related_skills=related,
                    shared_sectors=sectors,
                    third_sector=m.third_sector,
                    shared_formats=fmts,
                )
                rank = (-len(shared), -len(related), -len(sectors), not m.third_sector)
                found.append(((*rank, -m.confirmed.toordinal(), m.slug), match_))
            found.sort(key=lambda p: p[0])
            stages[(ask.slug, st.number)] = [x for _, x in found]
            if not found:
                gaps.append(f"{ask.slug}/{st.number}")
            for _, x in found:
                helped[x.mentor] = helped.get(x.mentor, 0) + 1
                mine[x.mentor].append((ask, x))
        order = sorted(helped, key=lambda s: (-helped[s], s))
        pools[ask.slug] = {
            "whole_task": [s for s in order if helped[s] == len(open_stages)],
            "staged": order,
        }
    for found in mine.values():
        found.sort(
            key=lambda p: (
                p[1].kind != "exact",
                -len(p[1].shared_skills),
                -p[0].posted.toordinal(),
                p[0].slug,
                p[1].stage,
            )
        )
    fake = Matches(
        by_stage={k: tuple(v) for k, v in stages.items()},
        by_mentor={k: tuple(x for _, x in v) for k, v in mine.items()},
    )
    return {**describe(fake), "pools": pools, "gaps": gaps}


FORMATS = ("call", "video", "email", "in-person")


def random_directory(rng: random.Random, mentors: int, asks: int) -> Directory:
    """A small random directory with every status and a few same-day dates (ties)."""
    today = date(2025, 6, 1)
    groups = tuple(SkillGroup(f"g{i}", f"G{i}") for i in range(4))
    skills = tuple(Skill(f"s{i}", f"S{i}", f"g{i % 4}") for i in range(12))
    ids = [s.id for s in skills]
    sectors = ["youth", "health", "arts", "environment"]
    return Directory(
        Taxonomy(groups=groups, skills=skills),
        tuple(
            Mentor(
                slug=f"m{i:03d}",
                path="",
                name="n",
                headline="h",
                email="e@example.org",
                skills=tuple(rng.sample(ids, rng.randint(1, 5))),
                formats=tuple(rng.sample(FORMATS, rng.randint(1, 4))),
                confirmed=today - timedelta(days=rng.randint(0, 6)),
                sectors=tuple(rng.sample(sectors, rng.randint(0, 3))),
                third_sector=rng.random() < 0.5,
                available=rng.random() < 0.9,
                stale=rng.random() < 0.1,
            )
            for i in range(mentors)
        ),
        tuple(
            Ask(
                slug=f"a{i:03d}",
                path="",
                title="t",
                organisation=Organisation("o"),
                summary="s",
                contact=Contact("c", "c@example.org"),
                posted=today - timedelta(days=rng.randint(0, 4)),
                expires=today,
                stages=tuple(
                    Stage(
                        n,
                        "t",
                        "n",
                        tuple(rng.sample(ids, rng.randint(1, 3))),
                        formats=tuple(rng.sample(FORMATS, rng.randint(0, 2))),
                        status=rng.choice(("open", "open", "open", "done", "matched")),
                    )
                    for n in range(1, rng.randint(1, 4) + 1)
                ),
                sectors=tuple(rng.sample(sectors, rng.randint(0, 3))),
                status=rng.choice(("open", "open", "open", "open", "matched", "closed")),
                expired=rng.random() < 0.1,
            )
            for i in range(asks)
        ),
        today,
    )


@pytest.mark.parametrize("small_level", [0, 48, 10**9], ids=["bitsets", "default", "sorting"])
def test_matches_the_plain_reference_on_random_directories(
    small_level: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bitset ranking equals the all-pairs reference, whichever way a rank level is split."""
    monkeypatch.setattr(match_module, "_SMALL_LEVEL", small_level)
    for seed in range(60):
        rng = random.Random(seed)
        d = random_directory(rng, rng.randint(0, 60), rng.randint(0, 12))
        assert describe(match(d)) == reference(d), f"seed {seed}"


def test_exact_counts_agree_with_the_ranked_lists() -> None:
    """Each list knows how many of its matches are exact without being walked: that number is
    the count of exact matches in the whole list (stages and mentors, formats and groups)."""
    kinds: set[tuple[bool, bool]] = set()
    for seed in range(40):
        rng = random.Random(seed)
        found = match(random_directory(rng, rng.randint(0, 60), rng.randint(0, 12)))
        for ranked in [*found.by_stage.values(), *found.by_mentor.values()]:
            exact = sum(1 for m in ranked if m.kind == "exact")
            assert (ranked.exact, len(ranked) - exact) == (exact, len(ranked) - exact) or (
                len(ranked) == 0 and ranked.exact is None
            ), f"seed {seed}"
            kinds.add((exact > 0, exact < len(ranked)))
    assert kinds == {(True, True), (True, False), (False, True), (False, False)}


# --- the index: work follows what is read, never mentors × stages ---


def skewed_directory(mentors: int, asks: int) -> Directory:
    """A large directory where one popular group holds most mentors (many related matches)."""
    rng = random.Random(7)
    groups = tuple(SkillGroup(f"g{i}", f"G{i}") for i in range(12))
    skills = tuple(Skill(f"s{i}", f"S{i}", f"g{i % 12}") for i in range(66))
    ids = [s.id for s in skills]
    weights = [1 / (i + 1) for i in range(66)]
    today = date(2025, 6, 1)

    def pick(n: int) -> tuple[str, ...]:
        return tuple(dict.fromkeys(rng.choices(ids, weights, k=n)))

    return Directory(
        Taxonomy(groups=groups, skills=skills),
        tuple(
            Mentor(
                slug=f"m{i:05d}",
                path="",
                name="n",
                headline="h",
                email="e@example.org",
                skills=pick(rng.randint(2, 6)),
                formats=tuple(rng.sample(FORMATS, rng.randint(1, 4))),
                confirmed=today - timedelta(days=rng.randint(0, 300)),
                sectors=(f"x{rng.randint(0, 15)}",),
                third_sector=rng.random() < 0.5,
            )
            for i in range(mentors)
        ),
        tuple(
            Ask(
                slug=f"a{i:05d}",
                path="",
                title="t",
                organisation=Organisation("o"),
                summary="s",
                contact=Contact("c", "c@example.org"),
                posted=today - timedelta(days=rng.randint(0, 60)),
                expires=today,
                stages=tuple(Stage(n, "t", "n", pick(rng.randint(1, 3))) for n in range(1, 4)),
                sectors=(f"x{rng.randint(0, 15)}",),
            )
            for i in range(asks)
        ),
        today,
    )


def test_an_unrelated_mentor_is_never_considered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Mentors whose skills share no group with a stage never reach the Match builder."""
    made: list[str] = []
    real_make = match_module._Matcher.make

    def counting_make(self: Any, i: int, slot: Any) -> Match:
        result = real_make(self, i, slot)
        made.append(result.mentor)
        return result

    monkeypatch.setattr(match_module._Matcher, "make", counting_make)
    case = {
        "today": date(2025, 6, 1),
        "groups": {"fundraising": ["bid-writing", "appeals"], "finance": ["bookkeeping"]},
        "mentors": [
            {"slug": "bid-writer", "skills": ["bid-writing"], "formats": ["call"]},
            {"slug": "appeals-writer", "skills": ["appeals"], "formats": ["call"]},
        ]
        + [
            {"slug": f"bookkeeper-{i:04d}", "skills": ["bookkeeping"], "formats": ["call"]}
            for i in range(2000)
        ],
        "asks": [
            {"slug": "bid", "posted": date(2025, 5, 1), "stages": [{"skills": ["bid-writing"]}]}
        ],
    }
    for m in case["mentors"]:
        m["confirmed"] = date(2025, 5, 1)
    matches = match(build_directory(case))
    everything = [tuple(v) for v in matches.by_stage.values()]
    everything += [tuple(v) for v in matches.by_mentor.values()]
    assert [[m.mentor for m in v] for v in everything if v] == [
        ["bid-writer", "appeals-writer"],
        ["bid-writer"],
        ["appeals-writer"],
    ]
    assert sorted(made) == ["appeals-writer", "appeals-writer", "bid-writer", "bid-writer"]


def test_work_follows_what_is_read_not_the_number_of_pairs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 3,000 × 3,000 (millions of pairs) counts and top-5 lists build only what is shown."""
    made = [0]
    real_make = match_module._Matcher.make

    def counting_make(self: Any, i: int, slot: Any) -> Match:
        made[0] += 1
        return real_make(self, i, slot)

    monkeypatch.setattr(match_module._Matcher, "make", counting_make)
    directory = skewed_directory(3000, 3000)
    matches = match(directory)
    pairs = sum(len(v) for v in matches.by_stage.values())
    shown = [v[:5] for v in matches.by_stage.values()]
    shown += [v[:5] for v in matches.by_mentor.values()]
    pool_sizes = [(len(p.whole_task), len(p.staged)) for p in matches.pools.values()]
    assert pairs == sum(len(v) for v in matches.by_mentor.values())
    assert pairs > 3_000_000
    assert made[0] == sum(len(v) for v in shown) <= 5 * (9000 + 3000)
    assert len(pool_sizes) == 3000  # how fast: scripts/timings.py (limit 5 s)


# --- Ranked: a lazy, read-only sequence ---


def test_ranked_behaves_like_a_tuple() -> None:
    """Ranked supports len, indexing, slicing, iteration and tuple equality."""
    pulled: list[int] = []

    def numbers() -> Any:
        for n in (10, 20, 30, 40):
            pulled.append(n)
            yield n

    ranked = Ranked(4, numbers)
    assert len(ranked) == 4
    assert pulled == []
    assert ranked[:2] == (10, 20)
    assert pulled == [10, 20]
    assert ranked[1] == 20
    assert ranked[-1] == 40
    assert ranked[::-1] == (40, 30, 20, 10)
    assert list(ranked) == [10, 20, 30, 40]
    assert ranked == (10, 20, 30, 40)
    assert ranked != (10, 20, 30)
    assert 30 in ranked
    assert pulled == [10, 20, 30, 40]
    with pytest.raises(IndexError):
        ranked[4]
    assert Ranked.of(()) == ()
    assert not Ranked.of(())
    assert hash(Ranked.of((1, 2))) == hash((1, 2))
