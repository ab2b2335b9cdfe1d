"""`synth`: write a valid, realistic synthetic content tree of a given size (for benchmarks)."""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import sys
from bisect import bisect
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generator import build_date, find_root
from generator.load import load_file
from generator.model import FORMATS, Taxonomy
from generator.new import slugify
from generator.tree import Content
from generator.vocab import build_taxonomy
from generator.yamltext import Date, to_yaml

VOCABULARY = ("skills.yml", "stages.yml", "sectors.yml")
TOWNS = (
    "Leeds", "Manchester", "Bristol", "Sheffield", "Norwich", "Cardiff", "Glasgow", "Belfast",
    "Newcastle upon Tyne", "Brighton", "Exeter", "York", "Hull", "Leicester", "Nottingham",
    "Stoke-on-Trent", "Swansea", "Aberdeen", "Inverness", "Carlisle", "Plymouth", "Derby",
    "Bradford", "Coventry", "Oxford", "Cambridge", "Ipswich", "Lincoln", "Preston", "Wrexham",
)  # fmt: skip
LANGUAGES = ("cy", "pl", "ur", "pa", "bn", "fr", "es", "de", "ar", "so", "ro", "it", "pt", "gd")
FIRST = (
    "Ada", "Bea", "Cal", "Dara", "Elin", "Finn", "Gita", "Hal", "Ines", "Jude", "Kofi", "Lena",
    "Milo", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tess", "Uma", "Vik", "Wren", "Xan",
    "Yara", "Zeb", "Arlo", "Bryn", "Cleo", "Dev", "Esme", "Femi", "Gwen", "Hugo", "Iris", "Jin",
    "Kit", "Lars", "Maeve", "Noor", "Otis", "Priya", "Rhys", "Saoirse", "Tomas", "Ulla", "Vera",
)  # fmt: skip
SURNAME_HEAD = (
    "Ash", "Bram", "Cald", "Dun", "Elm", "Fen", "Gil", "Hart", "Kes", "Lin", "Mor", "Nor", "Pem",
    "Quen", "Ros", "Sel", "Thorn", "Wyn", "Ayl", "Brock", "Craw", "Dray", "Emb", "Fal",
)  # fmt: skip
SURNAME_TAIL = (
    "by", "cott", "dale", "field", "ford", "ham", "ley", "more", "ridge", "stead", "ton", "well",
    "wick", "worth", "combe", "hurst",
)  # fmt: skip
ROLES = (
    "Retired finance director", "Freelance fundraiser", "Charity trustee", "Digital producer",
    "Solicitor", "HR consultant", "Evaluation researcher", "Project manager", "Designer",
    "Former charity CEO", "Data analyst", "Marketing lead", "Chartered surveyor", "Accountant",
)  # fmt: skip
ORG_KIND = (
    "Food Bank", "Youth Club", "Community Association", "Hospice", "Befriending Scheme",
    "Community Garden", "Credit Union", "Refugee Welcome", "Arts Collective", "Men's Shed",
    "Lunch Club", "Tenants' Association", "Family Centre", "Wildlife Trust", "Sports Club",
)  # fmt: skip
OBJECTS = (
    "our first funding bid", "a volunteer handbook", "the new website", "our impact report",
    "a five-year plan", "the shop's online sales", "our safeguarding policy", "a donor database",
    "the trustee recruitment drive", "an open day", "our budget for next year", "a new service",
)  # fmt: skip
STAGE_TITLES = (
    "{step}: {skill}",
    "{step} – someone who knows {skill}",
    "{step} with help on {skill}",
    "Help with {skill}",
)
VERBS = ("Help us plan", "Review", "Get started on", "Rethink", "Finish", "Make sense of")
SENTENCES = (
    "We are a small team of volunteers and have never done this before.",
    "Most of our income comes from local grants, and two of them end next year.",
    "We would value someone who has seen this done well and can tell us what matters.",
    "The committee meets monthly, so a couple of calls between meetings would be ideal.",
    "Our users are mostly older people living alone, and many are not online.",
    "We have a rough draft already but we are not sure it answers the funder's questions.",
    "Last year we supported just over 400 people, up from 250 the year before.",
    "Nobody on the board has a background in this, and we would rather learn than guess.",
    "We can share documents in advance and are happy to work around your diary.",
)  # fmt: skip
BIO = (
    "I have worked in and around the voluntary sector for most of my career.",
    "These days I keep a few hours a month free for small groups.",
    "I am happiest reading a draft and saying plainly what is missing.",
    "Before that I spent ten years in local government, mostly on commissioning.",
    "I have been a trustee of two small charities and know how stretched they are.",
    "I prefer a short call first, so we can agree what would actually help.",
    "I write about this now and then at https://notes.example.org/crowdguru",
)  # fmt: skip

# Organisation + title pairs stay unique until half of them are used (then a repeat is allowed,
# so a huge tree still ends; `check` would report those repeats).
MAX_TITLES = len(SURNAME_HEAD) * len(SURNAME_TAIL) * len(ORG_KIND) * len(VERBS) * len(OBJECTS) // 2


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Register `synth`."""
    parser = commands.add_parser(
        "synth",
        help="write a synthetic content tree (for benchmarks)",
        description="Write DIR/content with N mentors and N asks, valid and realistic, "
        "deterministic for a seed. Example: python -m generator synth --mentors 500 "
        "--asks 500 --out /tmp/big",
    )
    parser.add_argument("--mentors", type=int, required=True, metavar="N")
    parser.add_argument("--asks", type=int, required=True, metavar="N")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: build date)")
    parser.add_argument("--taxonomy", type=Path, metavar="CONTENT",
                        help="folder holding skills.yml, stages.yml, sectors.yml "
                        "(default: this repository's content/)")  # fmt: skip
    return parser


def run(args: argparse.Namespace) -> int:
    """Write the tree; 2 when the arguments or the output folder are unusable."""
    if args.mentors < 0 or args.asks < 0:
        print("synth: --mentors and --asks must be 0 or more", file=sys.stderr)
        return 2
    source = args.taxonomy or _default_taxonomy()
    missing = [name for name in VOCABULARY if not (source / name).is_file()]
    if missing:
        print(f"synth: {source} has no {', '.join(missing)} (pass --taxonomy)", file=sys.stderr)
        return 2
    content = args.out / "content"
    if content.exists() and (not content.is_dir() or any(content.iterdir())):
        print(f"synth: {content} already exists and is not empty; choose another --out",
              file=sys.stderr)  # fmt: skip
        return 2
    synthesize(source, args.out, args.mentors, args.asks, args.seed, args.today or build_date())
    print(f"synth: wrote {args.mentors} mentors and {args.asks} asks to {content}")
    return 0


def _default_taxonomy() -> Path:
    """The repository's content/ beside this package, else the one above the working folder."""
    beside = Path(__file__).resolve().parent.parent / "content"
    if (beside / "skills.yml").is_file():
        return beside
    return find_root(Path.cwd()) / "content"


def load_taxonomy(source: Path) -> Taxonomy:
    """The three vocabulary files, through the same loader and checks as `check`."""
    content = Content(
        skills=load_file(source / "skills.yml", "content/skills.yml"),
        stages=load_file(source / "stages.yml", "content/stages.yml", top=list),
        sectors=load_file(source / "sectors.yml", "content/sectors.yml", top=list),
    )
    taxonomy, _, problems = build_taxonomy(content)
    if problems:
        raise ValueError(f"{source}: the vocabulary has problems; run `python -m generator check`")
    return taxonomy


def synthesize(source: Path, out: Path, mentors: int, asks: int, seed: int, today: date) -> None:
    """Copy the vocabulary into `out/content` and write the mentor and ask files."""
    content = out / "content"
    for sub in ("mentors", "asks"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    for name in VOCABULARY:
        shutil.copyfile(source / name, content / name)
    maker = _Maker(load_taxonomy(source), random.Random(seed), today)
    for slug, text in maker.mentors(mentors):
        (content / "mentors" / f"{slug}.yml").write_text(text, "utf-8")
    for slug, text in maker.asks(asks):
        (content / "asks" / f"{slug}.yml").write_text(text, "utf-8")


def _lower(label: str) -> str:
    """`Bid writing` → `bid writing`, but `GDPR` stays `GDPR`."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


class _Maker:
    """Draws entries from one seeded Random, so output depends only on (seed, today, sizes)."""

    def __init__(self, taxonomy: Taxonomy, rng: random.Random, today: date) -> None:
        self.rng, self.today = rng, today
        self.skills = taxonomy.skill_by_id
        self.templates = {t.id: t.suggested_skills for t in taxonomy.stage_templates}
        self.sectors = [s.id for s in taxonomy.sectors]
        ranked = list(self.skills)
        rng.shuffle(ranked)  # popularity order differs per seed; Zipf weights 1/rank
        self.ranked = ranked
        self.cum = list(itertools.accumulate(1 / (r + 1) for r in range(len(ranked))))
        self.by_group: dict[str, list[str]] = {}
        for skill in taxonomy.skills:
            self.by_group.setdefault(skill.group, []).append(skill.id)
        self.used: set[str] = set()
        self.titles: set[tuple[str, str]] = set()

    def zipf_skill(self) -> str:
        """One skill, popular ones far more often (a few skills dominate demand and supply)."""
        return self.ranked[bisect(self.cum, self.rng.random() * self.cum[-1])]

    def skill_set(self, n: int, seeds: tuple[str, ...] = ()) -> list[str]:
        """`n` distinct skills: from `seeds` often, the same group often, else Zipf."""
        rng, chosen = self.rng, []
        n = min(n, len(self.skills))
        while len(chosen) < n:
            roll = rng.random()
            if seeds and roll < 0.6:
                skill = rng.choice(seeds)
            elif chosen and roll < 0.8:
                skill = rng.choice(self.by_group[self.skills[chosen[0]].group])
            else:
                skill = self.zipf_skill()
            if skill not in chosen:
                chosen.append(skill)
        return chosen

    def spelled(self, skill: str) -> str:
        """The id, or now and then an alias (contributors type either)."""
        aliases = self.skills[skill].aliases
        return self.rng.choice(aliases) if aliases and self.rng.random() < 0.15 else skill

    def label(self, skill: str) -> str:
        """A skill's label as it reads inside a sentence."""
        return _lower(self.skills[skill].label)

    def unique_slug(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`... (slugs are unique across both folders)."""
        base = base[:52].rstrip("-")
        slug, n = base, 1
        while slug in self.used:
            n += 1
            slug = f"{base}-{n}"
        self.used.add(slug)
        return slug

    def person(self) -> str:
        """A plainly fictional full name."""
        rng = self.rng
        return f"{rng.choice(FIRST)} {rng.choice(SURNAME_HEAD)}{rng.choice(SURNAME_TAIL)}"

    def location(self) -> str:
        """A UK town, or Remote."""
        return "Remote" if self.rng.random() < 0.15 else f"{self.rng.choice(TOWNS)}, UK"

    def paragraphs(self, pool: tuple[str, ...], count: int) -> str:
        """`count` paragraphs of 2–4 sentences."""
        rng = self.rng
        return "\n\n".join(" ".join(rng.sample(pool, rng.randint(2, 4))) for _ in range(count))

    def formats(self) -> list[str]:
        """A non-empty subset of the formats, in canonical order."""
        picked = [f for f in FORMATS if self.rng.random() < 0.5]
        return picked or [self.rng.choice(FORMATS)]

    def mentors(self, count: int) -> Iterator[tuple[str, str]]:
        """Yield (slug, file text) for `count` mentors."""
        rng, today = self.rng, self.today
        for _ in range(count):
            name = self.person()
            slug = self.unique_slug(slugify(name))
            stale = rng.random() < 0.05
            age = rng.randint(366, 900) if stale else rng.randint(0, 360)
            ids = self.skill_set(rng.choice((1, 2, 3, 3, 4, 5, 6, 8)))
            label = self.label(ids[0])
            skills = [self.spelled(s) for s in ids]
            entry: dict[str, Any] = {
                "name": name,
                "headline": f"{rng.choice(ROLES)} – happy to help with {label}",
                "bio": self.paragraphs(BIO, rng.randint(1, 2)),
                "email": slug.replace("-", ".") + "@example.org",
                "skills": skills,
                "formats": self.formats(),
            }
            if rng.random() < 0.8:
                entry["sectors"] = rng.sample(
                    self.sectors, min(len(self.sectors), rng.randint(1, 3))
                )
            entry["third_sector"] = rng.random() < 0.6
            entry["location"] = self.location()
            if rng.random() < 0.3:
                entry["languages"] = ["en", *rng.sample(LANGUAGES, rng.randint(1, 2))]
            if rng.random() < 0.7:
                entry["hours_per_month"] = rng.randint(1, 12)
            entry["available"] = not rng.random() < 0.08
            entry["confirmed"] = Date((today - timedelta(days=age)).isoformat())
            if rng.random() < 0.3:
                entry["links"] = [f"https://{slug}.example.org/"]
            entry["consent"] = True
            yield slug, to_yaml(entry)

    def asks(self, count: int) -> Iterator[tuple[str, str]]:
        """Yield (slug, file text) for `count` asks."""
        rng, today, templates = self.rng, self.today, tuple(self.templates)
        for _ in range(count):
            org, title, thing = self.org_and_title()
            slug = self.unique_slug(slugify(f"{org} {thing.split()[-1]}"))
            expired = rng.random() < 0.05
            posted = today - timedelta(
                days=rng.randint(120, 400) if expired else rng.randint(0, 60)
            )
            status = rng.choices(("open", "matched", "closed"), (88, 8, 4))[0]
            organisation = {"name": org, "website": f"https://{slugify(org)}.example.org"}
            if rng.random() < 0.6:
                organisation["charity_number"] = str(rng.randint(1000000, 1199999))
            entry: dict[str, Any] = {
                "title": title,
                "organisation": organisation,
                "summary": self.paragraphs(SENTENCES, rng.randint(1, 3)),
                "contact": {"name": self.person(), "email": f"{slug}@example.org"},
            }
            if rng.random() < 0.85:
                entry["sectors"] = rng.sample(
                    self.sectors, min(len(self.sectors), rng.randint(1, 2))
                )
            entry["location"] = self.location()
            entry["posted"] = Date(posted.isoformat())
            if rng.random() < 0.3:
                entry["expires"] = Date((posted + timedelta(days=rng.randint(30, 150))).isoformat())
            if status != "open":
                entry["status"] = status
            count_stages = rng.choices((1, 2, 3, 4, 5), (10, 22, 36, 20, 12))[0]
            entry["stages"] = [
                self.stage(
                    rng.choice(templates) if templates and rng.random() < 0.8 else "", status
                )
                for _ in range(count_stages)
            ]
            entry["consent"] = True
            yield slug, to_yaml(entry)

    def org_and_title(self) -> tuple[str, str, str]:
        """An organisation and ask title not used together yet (`check` refuses a repeat)."""
        rng = self.rng
        while True:
            place = f"{rng.choice(SURNAME_HEAD)}{rng.choice(SURNAME_TAIL)}"
            org, thing = f"{place} {rng.choice(ORG_KIND)}", rng.choice(OBJECTS)
            title = f"{rng.choice(VERBS)} {thing}"
            if (org, title) not in self.titles or len(self.titles) >= MAX_TITLES:
                self.titles.add((org, title))
                return org, title, thing

    def stage(self, template: str, ask_status: str) -> dict[str, Any]:
        """One stage (an item under `stages:`)."""
        rng = self.rng
        seeds = self.templates.get(template, ())
        skills = self.skill_set(rng.choice((1, 1, 2, 2, 2, 3, 4)), seeds)
        label = self.label(skills[0])
        title = rng.choice(STAGE_TITLES).format(step=template.capitalize() or "Advice", skill=label)
        stage: dict[str, Any] = {"title": title}
        if template:
            stage["template"] = template
        stage["need"] = " ".join(rng.sample(SENTENCES, rng.randint(1, 3)))
        stage["skills"] = [self.spelled(s) for s in skills]
        if rng.random() < 0.3:
            stage["formats"] = self.formats()
        done = ask_status != "open" and rng.random() < 0.5
        if done or rng.random() < 0.1:
            stage["status"] = rng.choice(("matched", "done"))
        return stage
