"""What every page renderer shares: output types, URLs, lookups and the Jinja2 environment."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, TypeVar

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup, escape

from . import urls
from .join import Join
from .languages import LANGUAGE_NAMES
from .model import FORMATS, Ask, Directory, Match, Matches, Mentor, Stage, StageKey
from .text import LINK_REL, safe_href, text_to_html
from .text import link as text_link
from .when import left, long_date, region, time_tag, zone_text
from .words import plural

FORMAT_LABELS: Mapping[str, str] = {
    "call": "Phone call",
    "video": "Video call",
    "email": "Email",
    "in-person": "In person",
}


LinkFn = Callable[[str], str]
T = TypeVar("T")
_MISSING = object()


# The page kinds search indexes, with the label a result shows; other kinds only repeat them.
SEARCH_LABELS: Mapping[str, str] = {"mentor": "Mentor", "ask": "Ask", "skill": "Skill"}
# The top pages the site's navigation lists; entry pages stay out (a nav of thousands is quadratic).
NAV_URLS = frozenset({urls.HOME, urls.ASKS, urls.MENTORS, urls.STAGES, urls.SKILLS, urls.GAPS})
# List pages show cards in a grid: they get the wider column.
WIDE_KINDS = frozenset({"asks", "mentors", "skills"})


@dataclass(frozen=True)
class Page:
    """One generated page: its URL, plain-text title/description and final HTML body."""

    url: str
    title: str
    description: str
    html: str
    kind: str
    feed: str = ""  # the Atom feed this page offers (<link rel="alternate">), site-relative
    feed_title: str = ""

    @property
    def src_uri(self) -> str:
        """The Markdown source path that becomes this page's URL."""
        return urls.source_path(self.url)

    @property
    def searchable(self) -> bool:
        """Whether the search index holds this page."""
        return self.kind in SEARCH_LABELS

    @property
    def search_label(self) -> str:
        """What a search result calls this page ("Mentor"), or "" when not searchable."""
        return SEARCH_LABELS.get(self.kind, "")

    @property
    def in_nav(self) -> bool:
        """Whether the site's navigation lists this page."""
        return self.url in NAV_URLS

    @property
    def wide(self) -> bool:
        """Whether the page uses the wider column (card lists)."""
        return self.kind in WIDE_KINDS


@dataclass(frozen=True)
class Asset:
    """A generated non-page file (filter files, feeds, open data)."""

    src_uri: str
    content: str


@dataclass(frozen=True)
class Site:
    """Everything render_site produces."""

    pages: tuple[Page, ...]
    assets: tuple[Asset, ...]
    join: Join | None = None  # the join links, for hand-written pages (`cg-join:<name>`)


@cache
def environment() -> Environment:
    """The one Jinja2 environment: autoescaped, strict, with the helpers templates may call."""
    env = Environment(
        loader=PackageLoader("generator"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # templates ship with the package: no stat() per page and import
    )
    env.filters.update(
        text=text_to_html, external=external, long_date=long_date, zone=zone_text, region=region
    )
    env.globals.update(
        urls=urls,
        FORMATS=FORMATS,
        FORMAT_LABELS=FORMAT_LABELS,
        LINK_REL=LINK_REL,
        format_names=format_names,
        language_names=language_names,
        plural=plural,
        date_tag=time_tag,
        days_left=left,
        split_counts=split_counts,
    )
    return env


def template(name: str) -> Template:
    """A compiled template (cached by the environment)."""
    return environment().get_template(name)


def linker(url: str) -> LinkFn:
    """`link(target)`: the URL of `target` relative to the page at `url`."""
    return lambda target: urls.relative(url, target)


def render_page(
    url: str,
    kind: str,
    title: str,
    description: str,
    name: str,
    *,
    feed: str = "",
    feed_title: str = "",
    **ctx,
) -> Page:
    """Render template `name` for the page at `url`, with `link()` relative to that page."""
    html = template(name).render(link=linker(url), title=title, kind=kind, feed=feed, **ctx)
    return Page(url, title, description, html, kind, feed, feed_title)


@dataclass(frozen=True)
class View:
    """The directory and its matches, with the lookups and counts the templates need."""

    directory: Directory
    matches: Matches
    site_url: str = ""
    join: Join | None = None  # the repository's join and edit links, when repo_url is set

    @cached_property
    def mentor(self) -> Mapping[str, Mentor]:
        """Mentors by slug."""
        return {m.slug: m for m in self.directory.mentors}

    @cached_property
    def ask(self) -> Mapping[str, Ask]:
        """Asks by slug."""
        return {a.slug: a for a in self.directory.asks}

    @cached_property
    def active_mentors(self) -> tuple[Mentor, ...]:
        """Available, not stale mentors, by name then slug."""
        found = (m for m in self.directory.mentors if m.active)
        return tuple(sorted(found, key=lambda m: (m.name.casefold(), m.slug)))

    @cached_property
    def inactive_mentors(self) -> tuple[Mentor, ...]:
        """Unavailable or stale mentors, by name then slug."""
        found = (m for m in self.directory.mentors if not m.active)
        return tuple(sorted(found, key=lambda m: (m.name.casefold(), m.slug)))

    @cached_property
    def open_asks(self) -> tuple[Ask, ...]:
        """Open, unexpired asks, newest first."""
        return newest_first(a for a in self.directory.asks if a.active)

    @cached_property
    def past_asks(self) -> tuple[Ask, ...]:
        """Expired, matched and closed asks, newest first."""
        return newest_first(a for a in self.directory.asks if not a.active)

    @cached_property
    def open_stages(self) -> tuple[tuple[Ask, Stage], ...]:
        """Open stages of open asks (the demand), newest ask first."""
        return tuple((a, s) for a in self.open_asks for s in a.open_stages)

    @cached_property
    def supply(self) -> Mapping[str, int]:
        """Available mentors per skill id."""
        return Counter(k for m in self.active_mentors for k in m.skills)

    @cached_property
    def demand(self) -> Mapping[str, int]:
        """Open stages per skill id."""
        return Counter(k for _a, s in self.open_stages for k in s.skills)

    @cached_property
    def by_demand(self) -> tuple[str, ...]:
        """Skill ids some open stage needs, most needed first (then fewest mentors, label)."""
        needed = [k for k in self.demand if k in self.directory.taxonomy.skill_by_id]
        return tuple(
            sorted(needed, key=lambda k: (-self.demand[k], self.supply[k], self.skill_label(k)))
        )

    @cached_property
    def gap_keys(self) -> frozenset[StageKey]:
        """Stages nobody can help with."""
        return frozenset(self.matches.gaps)

    def skill_label(self, skill_id: str) -> str:
        """A skill's label (its id if unknown)."""
        skill = self.directory.taxonomy.skill_by_id.get(skill_id)
        return skill.label if skill else skill_id

    def skill_names(self, ids: Iterable[str]) -> str:
        """Skill labels, comma-separated (plain text; the template escapes it)."""
        return ", ".join(map(self.skill_label, ids))

    def sector_names(self, ids: Iterable[str]) -> str:
        """Sector labels, comma-separated (plain text)."""
        return ", ".join(map(self.sector_label, ids))

    def skill_links(self, ids: Iterable[str], link: LinkFn) -> Markup:
        """Comma-separated links to the skills' pages, relative via the page's `link`."""
        return Markup(", ".join(self._skill_link(i, link(urls.skill(i))) for i in ids))

    def _skill_link(self, skill_id: str, href: str) -> Markup:
        # f-strings over escaped parts: Markup.format is ~10x slower and this runs per stage.
        return self.once(
            ("skill", skill_id, href),
            lambda: (
                f'<a class="cg-skill" href="{escape(href)}">'
                f"{escape(self.skill_label(skill_id))}</a>"
            ),
        )

    def why(self, match: Match) -> Markup:
        """The reasons of a match as a list: shared/related skills, sectors, experience, formats."""
        key = (
            "why",
            match.shared_skills,
            match.related_skills,
            match.shared_sectors,
            match.third_sector,
            match.shared_formats,
        )
        return self.once(key, lambda: self._why(match))

    def _why(self, match: Match) -> str:
        rows = []
        for label, ids, names in (
            ("Shared skill", match.shared_skills, self.skill_names),
            ("Related skill", match.related_skills, self.skill_names),
            ("Shared sector", match.shared_sectors, self.sector_names),
        ):
            if ids:
                suffix = "s" if len(ids) > 1 else ""
                extra = " (same group)" if label == "Related skill" else ""
                text = escape(names(ids))
                rows.append(
                    f'<li><span class="cg-why-label">{label}{suffix}{extra}:</span> {text}</li>'
                )
        if match.third_sector:
            rows.append("<li>Has worked or volunteered in charities</li>")
        if match.shared_formats:
            text = escape(format_names(match.shared_formats))
            rows.append(f'<li><span class="cg-why-label">Formats:</span> {text}</li>')
        body = "".join(f"{row}\n" for row in rows)
        return f'<ul class="cg-why" aria-label="Why this match">\n{body}</ul>'

    @cached_property
    def _made(self) -> dict[tuple[object, ...], Any]:
        """Values already made, by everything they depend on (see `memo`)."""
        return {}

    def memo(self, key: tuple[object, ...], make: Callable[[], T]) -> T:
        """The value for `key`, made on first use; `key` must hold every input `make` reads."""
        found = self._made.get(key, _MISSING)
        if found is _MISSING:
            found = self._made[key] = make()
        return found

    def once(self, key: tuple[object, ...], make: Callable[[], str]) -> Markup:
        """The HTML fragment for `key`, made on first use (see `memo`)."""
        return self.memo(key, lambda: Markup(make()))

    @cached_property
    def stages_by_key(self) -> Mapping[StageKey, tuple[Ask, Stage]]:
        """Every stage with its ask, by (ask slug, stage number)."""
        return {(a.slug, s.number): (a, s) for a in self.directory.asks for s in a.stages}

    def group_label(self, group_id: str) -> str:
        """A skill group's label (its id if unknown)."""
        group = self.directory.taxonomy.group_by_id.get(group_id)
        return group.label if group else group_id

    def sector_label(self, sector_id: str) -> str:
        """A sector's label (its id if unknown)."""
        sector = self.directory.taxonomy.sector_by_id.get(sector_id)
        return sector.label if sector else sector_id

    def template_label(self, template_id: str) -> str:
        """A stage template's label (its id if unknown)."""
        found = self.directory.taxonomy.template_by_id.get(template_id)
        return found.label if found else template_id

    def stage_matches(self, ask: Ask, stage: Stage) -> tuple[Match, ...]:
        """Ranked matches for a stage (none for inactive asks or closed stages)."""
        if not ask.active or stage.status != "open":
            return ()
        return self.matches.by_stage.get((ask.slug, stage.number), ())

    def stage(self, key: StageKey) -> tuple[Ask, Stage] | None:
        """The ask and stage for a (slug, number) key."""
        return self.stages_by_key.get(key)


def newest_first(asks: object) -> tuple[Ask, ...]:
    """Asks ordered by posted date (newest first), then slug."""
    ordered = sorted(asks, key=lambda a: a.slug)  # type: ignore[arg-type]
    return tuple(sorted(ordered, key=lambda a: a.posted, reverse=True))


def external(url: str, label: str | None = None) -> Markup | None:
    """A nofollow link to an untrusted http(s) URL, or None if the URL is anything else."""
    href = safe_href(url)
    return text_link(href, url if label is None else label) if href else None


def format_names(ids: Iterable[str]) -> str:
    """Format labels, comma-separated (plain text)."""
    return ", ".join(FORMAT_LABELS.get(i, i) for i in ids)


def language_names(codes: Iterable[str]) -> str:
    """Language names, comma-separated (plain text)."""
    return ", ".join(LANGUAGE_NAMES.get(c, c) for c in codes)


def kind_counts(found: Sequence[Match]) -> tuple[int, int]:
    """How many of `found` are exact and how many related matches.

    Ranked lists from matching know their exact count from bitsets; walking them instead would
    build a Match for every pair (hundreds of thousands on a large directory).
    """
    exact = getattr(found, "exact", None)
    if exact is None:
        exact = sum(1 for m in found if m.kind == "exact")
    return exact, len(found) - exact


def split_counts(exact: int, related: int) -> Markup:
    """`2 exact · 6 related`, the related part marked secondary; empty when both are 0."""
    parts = []
    if exact:
        parts.append(f'<span class="cg-n-exact">{exact} exact</span>')
    if related:
        parts.append(f'<span class="cg-n-related">{related} related</span>')
    return Markup(" · ".join(parts))
