"""Per-entry pages (`/asks/<slug>/`, `/mentors/<slug>/`, `/skills/…`) and `/gaps/`."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup, escape

from . import urls
from .model import Ask, Mentor, Skill, Stage
from .render_blocks import (
    ask_note,
    can_help_html,
    general_request,
    stage_html,
    stage_view,
)
from .text import plain
from .view import Page, View, external, kind_counts, linker, plural, render_page, split_counts
from .when import time_tag

SKILL_LIST_CAP = 50
GAP_BUDGET = 150  # gap items on /gaps/ in all (~0.5 KB each at most), so the page stays small
GAPS_PER_SKILL = 20


def pool_line(whole: int, staged: int) -> str:
    """E.g. "3 mentors could take on the whole task; 17 can help with at least one stage."."""
    if not staged:
        return "No mentor can help with any stage yet."
    first = (
        f"{plural(whole, 'mentor')} could take on the whole task"
        if whole
        else "No mentor could take on the whole task"
    )
    return f"{first}; {staged} can help with at least one stage."


def ask_page(view: View, ask: Ask) -> Page:
    """`/asks/<slug>/`: the ask, each stage with its best matches, reasons and mailto."""
    pools = view.matches.pools.get(ask.slug)
    line = pool_line(len(pools.whole_task), len(pools.staged)) if ask.active and pools else ""
    if ask.active and not pools:
        line = pool_line(0, 0)
    website = ask.organisation.website
    link = linker(urls.ask(ask.slug))
    return render_page(
        urls.ask(ask.slug),
        "ask",
        ask.title,
        plain(f"{ask.organisation.name}: {ask.summary}", 160),
        "ask.html",
        view=view,
        ask=ask,
        status_note="" if ask.active else ask_note(ask),
        website=external(website, ask.organisation.name) if website else None,
        pool_line=line,
        stages=[stage_html(view, stage_view(view, ask, s), link) for s in ask.stages],
    )


def _mentor_note(mentor: Mentor) -> str | Markup:
    if mentor.away and mentor.away_until:
        return Markup(
            f"Away until {time_tag(mentor.away_until)}: this mentor is taking a break, so they "
            "are not matched and no request link is shown."
        )
    if not mentor.available:
        return (
            "Not available right now: this mentor is taking a break, so no request link is shown."
        )
    return (
        "This profile has not been confirmed for over a year: it is not matched and no request "
        "link is shown until the mentor confirms it again."
    )


def mentor_page(view: View, mentor: Mentor) -> Page:
    """`/mentors/<slug>/`: the profile, the request mailto and the stages they can help with."""
    found = view.matches.by_mentor.get(mentor.slug, ()) if mentor.active else ()
    best, shown = can_help_html(view, found, urls.mentor(mentor.slug))
    total = len(found)
    count_text = escape(f"{mentor.name} can help with {plural(total, 'open stage')}")
    if total:
        count_text += Markup(": ") + split_counts(*kind_counts(found))
    count_text += f"; showing the best {shown}." if total > shown else "."
    return render_page(
        urls.mentor(mentor.slug),
        "mentor",
        mentor.name,
        plain(mentor.headline, 160),
        "mentor.html",
        view=view,
        mentor=mentor,
        status_note="" if mentor.active else _mentor_note(mentor),
        links=[a for a in (external(u) for u in mentor.links) if a],
        request=general_request(view, mentor) if mentor.active else Markup(),
        total=total,
        count_text=count_text,
        best=best,
    )


def _pct(value: int, top: int) -> str:
    return f"{100 * value / top:.1f}".removesuffix(".0") if top else "0"


def _balance(supply: int, demand: int) -> tuple[str, bool]:
    if demand and not supply:
        return "Needed: no mentors yet", True
    if demand > supply:
        return "More stages than mentors", True
    if not demand:
        return "No open stage needs it", False
    return "Covered", False


def skills_page(view: View) -> Page:
    """`/skills/`: supply against demand per skill, grouped, as CSS bars with numbers in text."""
    supply, demand = view.supply, view.demand
    tax = view.directory.taxonomy
    top = max([*supply.values(), *demand.values(), 1])
    groups = []
    for group in tax.groups:
        rows = []
        for skill in (s for s in tax.skills if s.group == group.id):
            sup, dem = supply[skill.id], demand[skill.id]
            balance, short = _balance(sup, dem)
            row = {"skill": skill, "supply": sup, "demand": dem, "balance": balance, "short": short}
            rows.append(row | {"supply_pct": _pct(sup, top), "demand_pct": _pct(dem, top)})
        if rows:
            groups.append((group, rows))
    return render_page(
        urls.SKILLS,
        "skills",
        "Skills: supply and demand",
        "How many mentors offer each skill, and how many open stages need it.",
        "skills.html",
        view=view,
        groups=groups,
        most_needed=[
            (tax.skill_by_id[k], demand[k], supply[k], *_balance(supply[k], demand[k]))
            for k in view.by_demand
        ],
    )


def skill_pages(view: View) -> list[Page]:
    """`/skills/<id>/` for every skill: its mentors and the open stages that need it."""
    mentors: dict[str, list[Mentor]] = defaultdict(list)
    inactive: dict[str, int] = defaultdict(int)
    for mentor in sorted(view.directory.mentors, key=lambda m: (-m.confirmed.toordinal(), m.slug)):
        for skill in mentor.skills:
            if mentor.active:
                mentors[skill].append(mentor)
            else:
                inactive[skill] += 1
    stages: dict[str, list] = defaultdict(list)
    for ask, stage in view.open_stages:
        gap = (ask.slug, stage.number) in view.gap_keys
        for skill in stage.skills:
            stages[skill].append((ask, stage, gap))
    skill_group = {s.id: s.group for s in view.directory.taxonomy.skills}
    in_group: dict[str, set[str]] = defaultdict(set)
    for mentor in view.active_mentors:
        for skill_id in mentor.skills:
            in_group[skill_group.get(skill_id, "")].add(mentor.slug)
    pages = []
    for skill in view.directory.taxonomy.skills:
        have = mentors[skill.id]
        related = len(in_group[skill.group]) - len(have)
        need = sorted(stages[skill.id], key=lambda t: not t[2])  # unmet stages first, stable
        mentor_text = (
            f"{plural(len(have), 'available mentor')} {'has' if len(have) == 1 else 'have'} it"
        )
        if len(have) > SKILL_LIST_CAP:
            mentor_text += f"; showing the {SKILL_LIST_CAP} most recently confirmed"
        mentor_text = escape(mentor_text + ".")
        if related:
            group = escape(view.group_label(skill.group))
            more = plural(related, "more mentor")
            mentor_text += Markup(
                f' <span class="cg-n-related">{more} {"has" if related == 1 else "have"} a related'
                f" skill</span> (another {group} skill): stages show them as related matches."
            )
        if inactive[skill.id]:
            mentor_text += f" {plural(inactive[skill.id], 'more mentor')} not available right now."
        stage_text = f"{plural(len(need), 'open stage')} {'needs' if len(need) == 1 else 'need'} it"
        stage_text += f"; showing {SKILL_LIST_CAP}." if len(need) > SKILL_LIST_CAP else "."
        pages.append(_skill_page(view, skill, have, need, mentor_text, stage_text))
    return pages


def _skill_page(
    view: View, skill: Skill, have: list, need: list, mtext: Markup, stext: str
) -> Page:
    return render_page(
        urls.skill(skill.id),
        "skill",
        skill.label,
        plain(skill.description or f"Mentors with {skill.label} and stages that need it.", 160),
        "skill.html",
        view=view,
        skill=skill,
        mentors=have[:SKILL_LIST_CAP],
        mentor_total=len(have),
        mentor_count_text=mtext,
        stages=need[:SKILL_LIST_CAP],
        stage_count_text=stext,
        feed=urls.skill_feed(skill.id),
        feed_title=f"CrowdGuru: open stages that need {skill.label}",
    )


def gaps_page(view: View) -> Page:
    """`/gaps/`: open stages nobody can help with, grouped by skill (largest groups first)."""
    by_skill: dict[str, list[tuple[Ask, Stage]]] = defaultdict(list)
    located = [found for found in map(view.stage, view.matches.gaps) if found]
    located.sort(key=lambda t: (-t[0].posted.toordinal(), t[0].slug, t[1].number))
    for ask, stage in located:
        for skill in stage.skills:
            by_skill[skill].append((ask, stage))
    order = sorted(by_skill, key=lambda k: (-len(by_skill[k]), view.skill_label(k).casefold()))
    cap = max(1, min(GAPS_PER_SKILL, GAP_BUDGET // max(1, len(order))))
    tax = view.directory.taxonomy
    groups = [
        (tax.skill_by_id.get(k) or Skill(k, k, ""), len(by_skill[k]), by_skill[k][:cap])
        for k in order
    ]
    return render_page(
        urls.GAPS,
        "gaps",
        "Gaps: stages nobody can help with yet",
        "Open stages that no mentor in the directory can help with yet, grouped by skill.",
        "gaps.html",
        view=view,
        groups=groups,
        count_text=f"{plural(len(located), 'open stage')} without a mentor.",
    )
