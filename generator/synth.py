"""`synth`: write a valid, realistic synthetic content tree of a given size (for benchmarks)."""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import sys
from bisect import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from generator import build_date, find_root
from generator.yamltext import quote as q

VOCABULARY = ("skills.yml", "stages.yml", "sectors.yml")
FORMATS = ("call", "video", "email", "in-person")
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


@dataclass(frozen=True)
class Vocab:
    """What synth needs from the shipped taxonomy: ids, aliases, groups, templates."""

    skills: tuple[str, ...]
    labels: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    group_of: dict[str, str]
    templates: dict[str, tuple[str, ...]]
    sectors: tuple[str, ...]


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


def load_vocab(source: Path) -> Vocab:
    """Read the three vocabulary files (trusted: they ship with the repository)."""
    read = lambda name: yaml.load((source / name).read_text("utf-8"), Loader=yaml.CSafeLoader)  # noqa: E731
    skills = read("skills.yml")["skills"]
    return Vocab(
        skills=tuple(s["id"] for s in skills),
        labels={s["id"]: s["label"] for s in skills},
        aliases={s["id"]: tuple(s.get("aliases") or ()) for s in skills},
        group_of={s["id"]: s["group"] for s in skills},
        templates={t["id"]: tuple(t.get("suggested_skills") or ()) for t in read("stages.yml")},
        sectors=tuple(s["id"] for s in read("sectors.yml")),
    )


def synthesize(source: Path, out: Path, mentors: int, asks: int, seed: int, today: date) -> None:
    """Copy the vocabulary into `out/content` and write the mentor and ask files."""
    content = out / "content"
    for sub in ("mentors", "asks"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    for name in VOCABULARY:
        shutil.copyfile(source / name, content / name)
    maker = _Maker(load_vocab(source), random.Random(seed), today)
    for slug, text in maker.mentors(mentors):
        (content / "mentors" / f"{slug}.yml").write_text(text, "utf-8")
    for slug, text in maker.asks(asks):
        (content / "asks" / f"{slug}.yml").write_text(text, "utf-8")


def flow(items: list[str] | tuple[str, ...]) -> str:
    """A YAML flow sequence of quoted strings."""
    return "[" + ", ".join(q(i) for i in items) + "]"


def block(text: str, indent: str) -> str:
    """A literal block scalar (`|-`) for multi-paragraph text."""
    lines = "\n".join(f"{indent}{line}" if line else "" for line in text.split("\n"))
    return "|-\n" + lines


def _slugify(text: str) -> str:
    """Lower-case words joined by hyphens (ASCII input only)."""
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words)


def _lower(label: str) -> str:
    """`Bid writing` → `bid writing`, but `GDPR` stays `GDPR`."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


class _Maker:
    """Draws entries from one seeded Random, so output depends only on (seed, today, sizes)."""

    def __init__(self, vocab: Vocab, rng: random.Random, today: date) -> None:
        self.vocab, self.rng, self.today = vocab, rng, today
        ranked = list(vocab.skills)
        rng.shuffle(ranked)  # popularity order differs per seed; Zipf weights 1/rank
        self.ranked = ranked
        self.cum = list(itertools.accumulate(1 / (r + 1) for r in range(len(ranked))))
        self.by_group: dict[str, list[str]] = {}
        for skill in vocab.skills:
            self.by_group.setdefault(vocab.group_of[skill], []).append(skill)
        self.used: set[str] = set()
        self.titles: set[tuple[str, str]] = set()

    def zipf_skill(self) -> str:
        """One skill, popular ones far more often (a few skills dominate demand and supply)."""
        return self.ranked[bisect(self.cum, self.rng.random() * self.cum[-1])]

    def skill_set(self, n: int, seeds: tuple[str, ...] = ()) -> list[str]:
        """`n` distinct skills: from `seeds` often, the same group often, else Zipf."""
        rng, chosen = self.rng, []
        while len(chosen) < n:
            roll = rng.random()
            if seeds and roll < 0.6:
                skill = rng.choice(seeds)
            elif chosen and roll < 0.8:
                skill = rng.choice(self.by_group[self.vocab.group_of[chosen[0]]])
            else:
                skill = self.zipf_skill()
            if skill not in chosen:
                chosen.append(skill)
        return chosen

    def spelled(self, skill: str) -> str:
        """The id, or now and then an alias (contributors type either)."""
        aliases = self.vocab.aliases[skill]
        return self.rng.choice(aliases) if aliases and self.rng.random() < 0.15 else skill

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

    def mentors(self, count: int) -> Any:
        """Yield (slug, file text) for `count` mentors."""
        rng, today = self.rng, self.today
        for _ in range(count):
            name = self.person()
            slug = self.unique_slug(_slugify(name))
            stale = rng.random() < 0.05
            age = rng.randint(366, 900) if stale else rng.randint(0, 360)
            ids = self.skill_set(rng.choice((1, 2, 3, 3, 4, 5, 6, 8)))
            label = _lower(self.vocab.labels[ids[0]])
            skills = [self.spelled(s) for s in ids]
            lines = [
                f"name: {q(name)}",
                f"headline: {q(f'{rng.choice(ROLES)} – happy to help with {label}')}",
                f"bio: {block(self.paragraphs(BIO, rng.randint(1, 2)), '  ')}",
                f"email: {q(slug.replace('-', '.') + '@example.org')}",
                f"skills: {flow(skills)}",
                f"formats: {flow(self.formats())}",
            ]
            if rng.random() < 0.8:
                lines.append(f"sectors: {flow(rng.sample(self.vocab.sectors, rng.randint(1, 3)))}")
            lines.append(f"third_sector: {'true' if rng.random() < 0.6 else 'false'}")
            lines.append(f"location: {q(self.location())}")
            if rng.random() < 0.3:
                lines.append(
                    f"languages: {flow(['en', *rng.sample(LANGUAGES, rng.randint(1, 2))])}"
                )
            if rng.random() < 0.7:
                lines.append(f"hours_per_month: {rng.randint(1, 12)}")
            lines.append(f"available: {'false' if rng.random() < 0.08 else 'true'}")
            lines.append(f"confirmed: {(today - timedelta(days=age)).isoformat()}")
            if rng.random() < 0.3:
                lines.append(f"links: {flow([f'https://{slug}.example.org/'])}")
            lines.append("consent: true")
            yield slug, "\n".join(lines) + "\n"

    def asks(self, count: int) -> Any:
        """Yield (slug, file text) for `count` asks."""
        rng, today, templates = self.rng, self.today, tuple(self.vocab.templates)
        for _ in range(count):
            org, title, thing = self.org_and_title()
            slug = self.unique_slug(_slugify(f"{org} {thing.split()[-1]}"))
            expired = rng.random() < 0.05
            posted = today - timedelta(
                days=rng.randint(120, 400) if expired else rng.randint(0, 60)
            )
            status = rng.choices(("open", "matched", "closed"), (88, 8, 4))[0]
            lines = [
                f"title: {q(title)}",
                "organisation:",
                f"  name: {q(org)}",
                f"  website: {q(f'https://{_slugify(org)}.example.org')}",
            ]
            if rng.random() < 0.6:
                lines.append(f"  charity_number: {q(str(rng.randint(1000000, 1199999)))}")
            lines += [
                f"summary: {block(self.paragraphs(SENTENCES, rng.randint(1, 3)), '  ')}",
                "contact:",
                f"  name: {q(self.person())}",
                f"  email: {q(f'{slug}@example.org')}",
            ]
            if rng.random() < 0.85:
                lines.append(f"sectors: {flow(rng.sample(self.vocab.sectors, rng.randint(1, 2)))}")
            lines.append(f"location: {q(self.location())}")
            lines.append(f"posted: {posted.isoformat()}")
            if rng.random() < 0.3:
                lines.append(
                    f"expires: {(posted + timedelta(days=rng.randint(30, 150))).isoformat()}"
                )
            if status != "open":
                lines.append(f"status: {status}")
            lines.append("stages:")
            for _ in range(rng.choices((1, 2, 3, 4, 5), (10, 22, 36, 20, 12))[0]):
                lines += self.stage(rng.choice(templates) if rng.random() < 0.8 else "", status)
            lines.append("consent: true")
            yield slug, "\n".join(lines) + "\n"

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

    def stage(self, template: str, ask_status: str) -> list[str]:
        """The lines of one stage (list item under `stages:`)."""
        rng = self.rng
        seeds = self.vocab.templates.get(template, ())
        skills = self.skill_set(rng.choice((1, 1, 2, 2, 2, 3, 4)), seeds)
        label = _lower(self.vocab.labels[skills[0]])
        title = rng.choice(STAGE_TITLES).format(step=template.capitalize() or "Advice", skill=label)
        lines = [f"  - title: {q(title)}"]
        if template:
            lines.append(f"    template: {q(template)}")
        need = " ".join(rng.sample(SENTENCES, rng.randint(1, 3)))
        lines.append(f"    need: {q(need)}")
        lines.append(f"    skills: {flow([self.spelled(s) for s in skills])}")
        if rng.random() < 0.3:
            lines.append(f"    formats: {flow(self.formats())}")
        done = ask_status != "open" and rng.random() < 0.5
        if done or rng.random() < 0.1:
            lines.append(f"    status: {rng.choice(('matched', 'done'))}")
        return lines
