"""List pages (`/`, `/asks/`, `/mentors/`) and their pagination (filter files: render_filters)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import urls
from .model import FORMATS, Ask
from .view import (
    FORMAT_LABELS,
    LANGUAGE_NAMES,
    Page,
    View,
    kind_counts,
    plural,
    render_page,
)
from .when import REGIONS, region

PAGE_SIZE = 50  # ~1 KB per card at most: a list page stays far below 100 KB
PAST_ON_FIRST_PAGE = 10
HOME_ASKS = 5
ASKS_FEED_TITLE = "CrowdGuru: open asks"
HOME_SKILLS = 8


@dataclass(frozen=True)
class Card:
    """What an ask card shows and filters on: its open stages' skills, formats and templates."""

    stages: int
    skills: tuple[str, ...]
    formats: tuple[str, ...]
    templates: tuple[str, ...]


@dataclass(frozen=True)
class Nav:
    """Where a list page sits among its pages (prev/next are site URLs or None)."""

    label: str
    number: int
    count: int
    prev: str | None
    next: str | None


def _unique(values: object) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))  # type: ignore[call-overload]


def ask_card(ask: Ask) -> Card:
    """Card facts for an ask: open stages if the ask is active, else all its stages."""
    stages = list(ask.open_stages) if ask.active else list(ask.stages)
    any_format = any(not s.formats for s in stages)
    return Card(
        stages=len(stages),
        skills=_unique(k for s in stages for k in s.skills),
        formats=FORMATS if any_format else _unique(f for s in stages for f in s.formats),
        templates=_unique(s.template for s in stages if s.template),
    )


def _chunks(items: Sequence, size: int) -> list[Sequence]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]


def _filter_options(view: View) -> dict[str, object]:
    tax = view.directory.taxonomy
    by_group: dict[str, list] = {g.id: [] for g in tax.groups}
    for skill in tax.skills:
        by_group.setdefault(skill.group, []).append(skill)
    languages = sorted({code for m in view.active_mentors for code in m.languages})
    regions = sorted({region(m.timezone) for m in view.active_mentors} - {""})
    return {
        "filter_regions": [(r, REGIONS[r]) for r in regions],
        "filter_skills": [(view.group_label(g), s) for g, s in by_group.items() if s],
        "filter_sectors": [(s.id, s.label) for s in tax.sectors],
        "filter_formats": [(f, FORMAT_LABELS[f]) for f in FORMATS],
        "filter_languages": [(c, LANGUAGE_NAMES.get(c, c)) for c in languages],
        "filter_templates": [(t.id, t.label) for t in tax.stage_templates],
    }


def _range_text(first: int, shown: int, total: int, noun: tuple[str, str]) -> str:
    if total <= shown:
        return plural(total, *noun)
    return f"Showing {first}–{first + shown - 1} of {plural(total, *noun)}"


def _list_pages(view: View, kind: str, entries: Sequence, past: Sequence) -> list[Page]:
    """The paginated main list (filterable) and the paginated list of past/inactive entries."""
    is_asks = kind == "asks"
    noun = ("open ask", "") if is_asks else ("available mentor", "")
    past_noun = (
        ("expired, matched or closed ask", "")
        if is_asks
        else ("mentor not available right now", "mentors not available right now")
    )
    title = "Open asks" if is_asks else "Mentors"
    past_title = (
        "Expired, matched and closed asks" if is_asks else "Mentors not available right now"
    )
    intro = (
        "Charities' tasks, broken into stages. Pick a stage you have the skill for; offer to help."
        if is_asks
        else "Volunteers who offer a call, a few emails or a coffee on a skill they know."
    )
    past_note = (
        "Kept for reference; these are not matched with mentors."
        if is_asks
        else "Profiles not confirmed for a year, or mentors taking a break; they are not matched."
    )
    options = _filter_options(view)
    base, filters = (
        (urls.ASKS, urls.ASKS_FILTERS) if is_asks else (urls.MENTORS, urls.MENTORS_FILTERS)
    )

    def cards(items: Sequence) -> list:
        return [(x, ask_card(x) if is_asks else None) for x in items]

    pages: list[Page] = []
    chunks = _chunks(entries, PAGE_SIZE)
    for number, chunk in enumerate(chunks, 1):
        here = urls.list_page(base, "page", number)
        past_section = None
        if number == 1 and past:
            past_section = {
                "heading": past_title,
                "note": past_note,
                "entries": cards(past[:PAST_ON_FIRST_PAGE]),
                "more": urls.list_page(base, "not_open" if is_asks else "not_available", 1)
                if len(past) > PAST_ON_FIRST_PAGE
                else None,
                "more_text": f"All {len(past)} {past_title.lower()}",
            }
        nav = _nav(base, "page", number, len(chunks), f"{title}: pages")
        pages.append(
            render_page(
                here,
                kind,
                title if number == 1 else f"{title} (page {number} of {len(chunks)})",
                intro,
                "list.html",
                view=view,
                intro=intro,
                filterable=True,
                filters_url=urls.relative(here, filters),
                heading="Open asks, newest first" if is_asks else "Available mentors",
                count_text=_range_text(
                    (number - 1) * PAGE_SIZE + 1, len(chunk), len(entries), noun
                ),
                empty_text="No open asks right now." if is_asks else "No mentors available yet.",
                entries=cards(chunk),
                nav=nav,
                past=past_section,
                back=None,
                back_text="",
                feed=urls.ASKS_FEED if is_asks else "",
                feed_title=ASKS_FEED_TITLE if is_asks else "",
                **options,
            )
        )
    if len(past) > PAST_ON_FIRST_PAGE:
        stem = "not_open" if is_asks else "not_available"
        past_chunks = _chunks(past, PAGE_SIZE)
        for number, chunk in enumerate(past_chunks, 1):
            pages.append(
                render_page(
                    urls.list_page(base, stem, number),
                    kind,
                    past_title if number == 1 else f"{past_title} (page {number})",
                    past_note,
                    "list.html",
                    view=view,
                    intro=past_note,
                    filterable=False,
                    heading=past_title,
                    count_text=_range_text(
                        (number - 1) * PAGE_SIZE + 1, len(chunk), len(past), past_noun
                    ),
                    empty_text="",
                    entries=cards(chunk),
                    nav=_nav(base, stem, number, len(past_chunks), f"{past_title}: pages"),
                    past=None,
                    back=base,
                    back_text=f"Back to {title.lower()}",
                )
            )
    return pages


def _nav(base: str, stem: str, number: int, count: int, label: str) -> Nav:
    prev = urls.list_page(base, stem, number - 1) if number > 1 else None
    nxt = urls.list_page(base, stem, number + 1) if number < count else None
    return Nav(label=label, number=number, count=count, prev=prev, next=nxt)


def asks_pages(view: View) -> list[Page]:
    """`/asks/` and its pages: open asks newest first, then past asks."""
    return _list_pages(view, "asks", view.open_asks, view.past_asks)


def mentors_pages(view: View) -> list[Page]:
    """`/mentors/` and its pages: available mentors by name, then inactive ones."""
    return _list_pages(view, "mentors", view.active_mentors, view.inactive_mentors)


def home_page(view: View) -> Page:
    """`/`: two calls to action, how to take part, live counts, stage types, demand, newest asks."""
    counts = {
        "asks": len(view.open_asks),
        "stages": len(view.open_stages),
        "mentors": len(view.active_mentors),
        "skills": sum(1 for n in view.supply.values() if n),
        "gaps": len(view.matches.gaps),
    }
    newest = [
        (a, [(s, kind_counts(view.stage_matches(a, s))) for s in a.open_stages])
        for a in view.open_asks[:HOME_ASKS]
    ]
    in_demand = [(k, view.demand[k], view.supply[k]) for k in view.by_demand[:HOME_SKILLS]]
    return render_page(
        urls.HOME,
        "home",
        "Micro-mentoring for charities",
        "Charities break a task into stages; volunteers with the right skill help with one stage: "
        "a call, a few emails or a coffee.",
        "home.html",
        view=view,
        counts=counts,
        newest=newest,
        feed=urls.ASKS_FEED,
        feed_title=ASKS_FEED_TITLE,
        in_demand=in_demand,
        stage_types=view.directory.taxonomy.stage_templates,
    )
