"""Content → Directory: schema, then rules and cross-file checks; every problem, never a raise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.collector import collector_paused
from generator.dates import check_dates, shift
from generator.duplicates import duplicates as find_duplicates
from generator.load import FieldPath, RawFile, Typed, dotted
from generator.model import (
    DEFAULT_EXPIRY_DAYS,
    STALE_AFTER_DAYS,
    Ask,
    Contact,
    Directory,
    Mentor,
    Organisation,
    Stage,
)
from generator.problems import Problem
from generator.rules import (
    Verdict,
    check_email,
    check_https,
    check_link,
    check_slug,
    check_text,
    check_timezone,
)
from generator.schema import Found, check_schema
from generator.suggest import did_you_mean
from generator.text import bare_urls
from generator.tree import Content, load_content
from generator.vocab import Index, Vocab, build_taxonomy

_MISSING: Any = object()
BUG_HINT = "this is a bug in CrowdGuru; please report it with the file attached"


@dataclass(frozen=True)
class Validated:
    """The valid entries as a Directory, and every problem found (sorted)."""

    directory: Directory
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def _get(data: Any, path: FieldPath) -> Any:
    for part in path:
        in_list = isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data)
        if not (in_list or (isinstance(part, str) and isinstance(data, dict) and part in data)):
            return _MISSING
        data = data[part]
    return data


def _plain(value: Any) -> bool:
    return isinstance(value, str) and not isinstance(value, Typed)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if isinstance(value, str) else None
    except ValueError:
        return None


class _Checker:
    """The rules after the schema, for one mentor or ask file."""

    def __init__(self, raw: RawFile, schema: str, vocab: Vocab) -> None:
        self.raw = raw
        self.found: Found = check_schema(raw, schema)
        self.vocab = vocab
        self.email = ""

    def value(self, path: FieldPath) -> Any:
        """The value at `path` if it is plain text the schema accepted, else _MISSING."""
        value = _get(self.found.data, path)
        return value if _plain(value) and not self.found.has(path) else _MISSING

    def day(self, path: FieldPath) -> date | None:
        """The date at `path` if the schema accepted it (dates arrive as Typed text)."""
        return None if self.found.has(path) else _date(_get(self.found.data, path))

    def slug(self) -> str:
        """The file name as slug, with a problem if it is not a valid one."""
        stem = self.raw.path.rsplit("/", 1)[-1].removesuffix(".yml")
        verdict = check_slug(stem)
        if verdict:
            self.found.add(("file", ()), 9, Problem(self.raw.path, 1, 1, "", *verdict))
        return stem

    def text(self, path: FieldPath, multi_line: bool = False) -> None:
        """No blank text, no hidden characters."""
        value = self.value(path)
        if value is not _MISSING and (verdict := check_text(value, multi_line)):
            self.found.at(path, *verdict)

    def address(self, path: FieldPath) -> str:
        """The normalised email address at `path`, or "" if missing or invalid."""
        value = self.value(path)
        if value is _MISSING:
            return ""
        normalised, verdict = check_email(value)
        if verdict:
            self.found.at(path, *verdict)
            return ""
        return normalised

    def free_text(self, path: FieldPath) -> None:
        """Multi-line text: visible characters, and every bare URL as `links:` would take it."""
        self.text(path, multi_line=True)
        value = self.value(path)
        if value is _MISSING or self.found.has(path):
            return
        for _, url in bare_urls(value):
            if verdict := check_link(url):
                message, hint = verdict
                self.found.at(path, f"has a link that cannot be made clickable: {message}", hint)
                return

    def link(self, path: FieldPath, rule: Callable[[str], Verdict] = check_link) -> None:
        """Only plain http(s) links (or what `rule` allows)."""
        value = self.value(path)
        if value is not _MISSING and (verdict := rule(value)):
            self.found.at(path, *verdict)

    def refs(self, path: FieldPath, index: Index | None, what: str, where: str) -> tuple[str, ...]:
        """Canonical ids of a list of references (ids, aliases or labels), each known and once."""
        items = _get(self.found.data, path)
        out: list[str] = []
        for i, item in enumerate(items if isinstance(items, list) else ()):
            if not _plain(item) or self.found.has((*path, i)):
                continue
            resolved = index.resolve(item) if index else item
            if resolved is None:
                hint = did_you_mean(index.suggest(item)) if index else ""
                self.found.at((*path, i), f"unknown {what} {item!r}", hint or f"see {where}")
            elif resolved in out:
                first = next(
                    j
                    for j, other in enumerate(items)
                    if _plain(other) and ((index.resolve(other) if index else other) == resolved)
                )
                self.found.at(
                    (*path, i),
                    f"{item!r} is the same {what} as {items[first]!r} ({dotted((*path, first))})",
                    f"list each {what} once",
                )
            else:
                out.append(resolved)
        return tuple(out)

    def problems(self) -> list[Problem]:
        """Loader problems, then everything found here."""
        return [*self.raw.problems, *self.found.problems()]


def _mentor(raw: RawFile, vocab: Vocab, today: date) -> tuple[Mentor | None, _Checker]:
    check = _Checker(raw, "mentor", vocab)
    slug = check.slug()
    if not isinstance(raw.data, dict):
        return None, check
    for name in ("name", "headline", "location"):
        check.text((name,))
    check.free_text(("bio",))
    check.email = check.address(("email",))
    links = _get(check.found.data, ("links",))
    for i, _ in enumerate(links if isinstance(links, list) else ()):
        check.link(("links", i))
    check.link(("booking_url",), check_https)
    zone = check.value(("timezone",))
    if zone is not _MISSING and (verdict := check_timezone(zone)):
        check.found.at(("timezone",), *verdict)
    away_until = check.day(("away_until",))
    skills = check.refs(("skills",), vocab.skills, "skill", "content/skills.yml")
    sectors = check.refs(("sectors",), vocab.sectors, "sector", "content/sectors.yml")
    check_dates("mentor", check.day, check.found.at, today)
    if check.problems():
        return None, check
    data = raw.data
    confirmed = _date(data["confirmed"]) or today
    return Mentor(
        slug=slug,
        path=raw.path,
        name=data["name"].strip(),
        headline=data["headline"].strip(),
        email=check.email,
        skills=skills,
        formats=tuple(data["formats"]),
        confirmed=confirmed,
        bio=data.get("bio", "").strip(),
        sectors=sectors,
        third_sector=data.get("third_sector", False),
        location=data.get("location", "").strip(),
        languages=tuple(data.get("languages", ("en",))),
        hours_per_month=data.get("hours_per_month"),
        available=data.get("available", True),
        links=tuple(data.get("links", ())),
        away_until=away_until,
        timezone=data.get("timezone", ""),
        booking_url=data.get("booking_url", ""),
        github=data.get("github", ""),
        stale=(today - confirmed).days > STALE_AFTER_DAYS,
        away=away_until is not None and today < away_until,
    ), check


def _ask(raw: RawFile, vocab: Vocab, today: date) -> tuple[Ask | None, _Checker]:
    check = _Checker(raw, "ask", vocab)
    slug = check.slug()
    if not isinstance(raw.data, dict):
        return None, check
    for path in (
        ("title",),
        ("organisation", "name"),
        ("organisation", "charity_number"),
        ("contact", "name"),
        ("location",),
    ):
        check.text(path)
    check.free_text(("summary",))
    check.link(("organisation", "website"))
    contact_email = check.address(("contact", "email"))
    sectors = check.refs(("sectors",), vocab.sectors, "sector", "content/sectors.yml")
    posted, expires = (check.day((key,)) for key in ("posted", "expires"))
    if posted and expires and expires < posted:
        check.found.at(
            ("expires",),
            f"{expires.isoformat()!r} is before posted ({posted.isoformat()})",
            "an ask must be posted before it expires",
        )
    check_dates("ask", check.day, check.found.at, today)
    stages_data = _get(check.found.data, ("stages",))
    stage_skills: list[tuple[str, ...]] = []
    stage_templates: list[str] = []
    for i, _ in enumerate(stages_data if isinstance(stages_data, list) else ()):
        check.text(("stages", i, "title"))
        check.free_text(("stages", i, "need"))
        stage_skills.append(
            check.refs(("stages", i, "skills"), vocab.skills, "skill", "content/skills.yml")
        )
        template = check.value(("stages", i, "template"))
        resolved = (
            ""
            if template is _MISSING
            else (vocab.templates.resolve(template) if vocab.templates else template)
        )
        if resolved is None:
            hint = did_you_mean(vocab.templates.suggest(template)) if vocab.templates else ""
            check.found.at(
                ("stages", i, "template"),
                f"unknown stage template {template!r}",
                hint or "see content/stages.yml",
            )
        stage_templates.append(resolved or "")
    if check.problems() or posted is None:
        return None, check
    data = raw.data
    organisation = data["organisation"]
    expiry = expires or shift(posted, DEFAULT_EXPIRY_DAYS)
    stages = tuple(
        Stage(
            number=i + 1,
            title=stage["title"].strip(),
            need=stage["need"].strip(),
            skills=stage_skills[i],
            template=stage_templates[i],
            formats=tuple(stage.get("formats", ())),
            status=stage.get("status", "open"),
        )
        for i, stage in enumerate(stages_data)
    )
    return Ask(
        slug=slug,
        path=raw.path,
        title=data["title"].strip(),
        organisation=Organisation(
            organisation["name"].strip(),
            organisation.get("website", ""),
            organisation.get("charity_number", "").strip(),
        ),
        summary=data["summary"].strip(),
        contact=Contact(data["contact"]["name"].strip(), contact_email),
        posted=posted,
        expires=expiry,
        stages=stages,
        sectors=sectors,
        location=data.get("location", "").strip(),
        status=data.get("status", "open"),
        reply_within_days=data.get("reply_within_days"),
        expired=today > expiry,
    ), check


def _safely(
    build: Callable[[RawFile, Vocab, date], tuple[Any, _Checker]],
    raw: RawFile,
    vocab: Vocab,
    today: date,
) -> tuple[Any, list[Problem], str]:
    try:
        entry, check = build(raw, vocab, today)
    except Exception as error:  # a safety net: contributors must get a Problem, never a traceback
        problem = Problem(
            raw.path,
            1,
            1,
            "",
            f"internal error while checking this file ({type(error).__name__}: {error})",
            BUG_HINT,
        )
        return None, [*raw.problems, problem], ""
    return entry, check.problems(), check.email


def _duplicate_emails(mentors: list[tuple[RawFile, str]]) -> dict[str, Problem]:
    """One mentor profile per address: a problem in each file that shares one."""
    by_address: dict[str, list[RawFile]] = {}
    for raw, email in mentors:
        if email:
            by_address.setdefault(email.casefold(), []).append(raw)
    problems: dict[str, Problem] = {}
    for files in by_address.values():
        for raw in files if len(files) > 1 else ():
            others = ", ".join(other.path for other in files if other is not raw)
            line, col = raw.where(("email",))
            problems[raw.path] = Problem(
                raw.path,
                line,
                col,
                "email",
                f"{raw.data['email']!r} is also the email of {others}",
                "one profile per person: keep one file and delete the other",
            )
    return problems


@collector_paused()
def validate(content: Content, today: date) -> Validated:
    """Validate every file; the directory holds the valid entries, problems everything else."""
    taxonomy, vocab, problems_ = build_taxonomy(content)
    problems: list[Problem] = [*content.problems, *problems_]
    mentor_results = [(raw, *_safely(_mentor, raw, vocab, today)) for raw in content.mentors]
    duplicates = _duplicate_emails([(raw, email) for raw, _, _, email in mentor_results])
    mentors = []
    for raw, mentor, found, _ in mentor_results:
        problems.extend(found)
        if raw.path in duplicates:
            problems.append(duplicates[raw.path])
        elif mentor is not None:
            mentors.append(mentor)
    asks = []
    for raw in content.asks:
        ask, found, _ = _safely(_ask, raw, vocab, today)
        problems.extend(found)
        if ask is not None:
            asks.append(ask)
    problems += find_duplicates(mentors, asks, content)
    directory = Directory(taxonomy, tuple(mentors), tuple(asks), today)
    return Validated(directory, tuple(sorted(set(problems))))


def build_directory(root: Path, today: date) -> Validated:
    """Load and validate `root/content/`."""
    return validate(load_content(root), today)
