"""A directory for the feed, open-data and join tests, built in code: many asks, hostile text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from generator.match import match
from generator.model import (
    Ask,
    Contact,
    Directory,
    Matches,
    Mentor,
    Organisation,
    Sector,
    Skill,
    SkillGroup,
    Stage,
    StageTemplate,
    Taxonomy,
)
from generator.render import Site, render_site

TODAY = date(2026, 11, 28)
SITE_URL = "https://example.org/sub/"
REPO_URL = "https://github.com/example/directory"
# Text a contributor could write (validation refuses the control characters; the writers must
# survive them anyway): markup, entities, CDATA ends, template syntax, a formula, odd characters.
EVIL = '<b>&amp;</b> ]]> {{ 7*7 }} "\'\x01\ufffe =HYPERLINK("x") 😀'
TAXONOMY = Taxonomy(
    groups=(SkillGroup("fundraising", "Fundraising"), SkillGroup("money", "Money")),
    skills=(
        Skill("bid-writing", "Bid writing", "fundraising", "Writing bids.", ("grant writing",)),
        Skill("fundraising-strategy", "Fundraising strategy", "fundraising"),
        Skill("budgeting", "Budgeting", "money"),
    ),
    stage_templates=(StageTemplate("draft", "Draft"), StageTemplate("review", "Review")),
    sectors=(Sector("youth", "Youth"),),
)


def _mentor(slug: str, skills: tuple[str, ...], **kw: object) -> Mentor:
    base = dict(
        slug=slug,
        path=f"content/mentors/{slug}.yml",
        name=f"Mentor {slug}",
        headline=f"Headline of {slug}",
        email=f"{slug}@mentors.example",
        skills=skills,
        formats=("call", "video"),
        confirmed=TODAY - timedelta(days=10),
    )
    return Mentor(**(base | kw))  # type: ignore[arg-type]


def _ask(number: int, **kw: object) -> Ask:
    slug = f"ask-{number:03d}"
    posted = TODAY - timedelta(days=number % 80)
    base = dict(
        slug=slug,
        path=f"content/asks/{slug}.yml",
        title=f"Ask {number}",
        organisation=Organisation(f"Org {number}", "https://org.example"),
        summary=f"Write to contact{number}@asks.example or Casey Contact{number}.",
        contact=Contact(f"Casey Contact{number}", f"contact{number}@asks.example"),
        posted=posted,
        expires=posted + timedelta(days=90),
        stages=(
            Stage(1, f"Draft {number}", "Help drafting.", ("bid-writing",), "draft"),
            Stage(2, f"Budget {number}", "Check numbers.", ("budgeting",), formats=("call",)),
            Stage(3, f"Strategy {number}", "Think it through.", ("fundraising-strategy",)),
        ),
    )
    return Ask(**(base | kw))  # type: ignore[arg-type]


def directory() -> tuple[Directory, Matches]:
    """70 open asks (more than a feed holds), closed/expired/done ones, hostile text, mentors."""
    asks = [_ask(n) for n in range(1, 71)]
    asks[0] = _ask(
        1,
        title=EVIL,
        summary=f"{EVIL}\nMail casey.one%40asks.example or Casey Contact1 at contact1@asks.example",
        organisation=Organisation(EVIL, "https://evil.example", EVIL),
        stages=(
            Stage(1, EVIL, "-2+3 " + EVIL, ("bid-writing",), "draft"),
            Stage(2, "Done already", "n", ("bid-writing",), status="done"),
        ),
    )
    asks.append(_ask(71, status="closed"))
    asks.append(_ask(72, expired=True))
    mentors = [
        _mentor("ann", ("bid-writing",), name=EVIL, bio=f"{EVIL} ann@mentors.example"),
        _mentor("bob", ("budgeting",), hours_per_month=3, timezone="Europe/London"),
        _mentor("cat", ("budgeting",), stale=True, confirmed=TODAY - timedelta(days=400)),
        _mentor("dan", ("budgeting",), away=True, away_until=TODAY + timedelta(days=5)),
        _mentor("eve", ("bid-writing",), available=False),
    ]
    found = Directory(TAXONOMY, tuple(mentors), tuple(asks), TODAY)
    return found, match(found)


def site(site_url: str = SITE_URL, repo_url: str = REPO_URL) -> Site:
    """The rendered site of `directory()`."""
    found, matches = directory()
    return render_site(found, matches, site_url=site_url, repo_url=repo_url)


def assets(site_url: str = SITE_URL) -> dict[str, str]:
    """The site's generated files by path."""
    return {a.src_uri: a.content for a in site(site_url).assets}


def private_strings(found: Directory) -> Iterator[str]:
    """Every email address and contact name in a directory."""
    for m in found.mentors:
        yield m.email
    for a in found.asks:
        yield a.contact.email
        yield a.contact.name


def leaks(text: str, found: Directory) -> list[str]:
    """The addresses and contact names found in `text` (plain or %40-encoded), case-insensitive."""
    lowered = text.casefold()
    hits = []
    for secret in private_strings(found):
        for form in (secret, secret.replace("@", "%40")):
            if re.search(rf"(?<!\w){re.escape(form.casefold())}(?!\w)", lowered):
                hits.append(form)
    return hits


def exported_files(out: Path) -> list[Path]:
    """The data files, their schemas and every feed of a built site."""
    found = [*out.glob("data/*.json"), *out.glob("data/*.csv"), *out.glob("schema/data-*")]
    found += [out / "feeds" / "asks.xml", *out.glob("skills/*/feed.xml")]
    return sorted(found)
