"""The repeated blocks of ask and mentor pages, built in Python: a stage with its best matches,
and a stage a mentor could help with.

These are most of a large directory's HTML (an ask page prints a few stages of five matches each;
a mentor page up to twenty stages), so they are f-strings over escaped parts instead of template
loops: Jinja's per-output escaping and call dispatch cost more than the text itself. The page
shells stay in `templates/ask.html` and `templates/mentor.html`.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from . import urls
from .model import Ask, Match, Mentor, Stage
from .text import text_to_html
from .view import LinkFn, View, format_names

STAGE_STATUS = {"open": "Open", "matched": "Matched: help found", "done": "Done"}


@dataclass(frozen=True)
class StageView:
    """A stage as its ask page shows it."""

    stage: Stage
    active: bool
    best: tuple[tuple[Match, Mentor], ...]
    total: int
    count_text: Markup
    offer: Markup
    note: str
    requests: tuple[Markup, ...]  # "Ask <name> about this stage", one per mentor in `best`
    request_attrs: Markup  # the subject and body those requests share


def stage_html(view: View, shown: StageView, link: LinkFn) -> Markup:
    """One stage of an ask page: facts, need, offer or note, and its best matches."""
    stage = shown.stage
    anchor = escape(stage.anchor)
    skills = view.skill_links(stage.skills, link)
    out = [
        f'<li class="cg-stage cg-stage-{escape(stage.status)}" id="{anchor}">\n'
        f'<h3><a class="cg-anchor" href="#{anchor}">'
        f"Stage {stage.number}: {escape(stage.title)}</a></h3>\n"
        '<dl class="cg-stage-facts">\n'
    ]
    if stage.template:
        out.append(f"<dt>Type</dt> <dd>{escape(view.template_label(stage.template))}</dd>\n")
    formats = escape(format_names(stage.formats)) if stage.formats else "Any"
    out.append(
        f"<dt>Skills</dt> <dd>{skills}</dd>\n"
        f"<dt>Formats</dt> <dd>{formats}</dd>\n"
        f'<dt>Status</dt> <dd class="cg-stage-status">{escape(STAGE_STATUS[stage.status])}</dd>\n'
        "</dl>\n"
        '<div class="cg-need"><h4>What help would look like</h4>\n'
        f"{text_to_html(stage.need)}\n"
        "</div>\n"
    )
    if shown.offer:
        out.append(f'<p class="cg-offer">{shown.offer}</p>\n')
    else:
        out.append(f'<p class="cg-note">{escape(shown.note)}</p>\n')
    if shown.active:
        out.append(_matches_html(view, shown, skills, link))
    out.append("</li>")
    return Markup("".join(out))


def _matches_html(view: View, shown: StageView, skills: Markup, link: LinkFn) -> str:
    """A stage's best matches with their request links, or what to do when there are none."""
    if not shown.total:
        first = shown.stage.skills[0]
        return (
            "<h4>Mentors</h4>\n"
            '<p class="cg-gap">No mentor in the directory can help with this stage yet. '
            f'<a href="{escape(link(urls.skill(first)))}">'
            f"See who has {escape(view.skill_label(first))}</a> or "
            f'<a href="{escape(link(urls.GAPS))}">see other unmet stages</a>.</p>\n'
        )
    out = [
        "<h4>Best matches</h4>\n"
        f'<p class="cg-match-count">{shown.count_text}</p>\n'
        f'<ol class="cg-matches" data-pagefind-ignore {shown.request_attrs}>\n'
    ]
    for (match, mentor), request in zip(shown.best, shown.requests, strict=True):
        card = mentor_card(view, mentor, match.kind, link(urls.mentor(mentor.slug)))
        out.append(
            f'<li class="cg-match cg-match-{escape(match.kind)}">{card}\n'
            f"{view.why(match)}\n"
            f'<p class="cg-ask-mentor">{request}</p>\n'
            "</li>\n"
        )
    out.append(f'</ol>\n<p class="cg-match-more">See everyone with {skills}.</p>\n')
    return "".join(out)


def can_help_html(
    view: View, match: Match, ask: Ask, stage: Stage, offer: Markup, link: LinkFn
) -> Markup:
    """One open stage a mentor could help with: the stage, its ask, why, and the offer link."""
    card = stage_card(view, ask, stage, link(urls.ask(ask.slug)))
    return Markup(
        f'<li class="cg-match cg-match-{escape(match.kind)}">{card}\n'
        f"{view.why(match)}\n"
        f'<p class="cg-offer">{offer}</p>\n'
        "</li>"
    )


def mentor_card(view: View, mentor: Mentor, kind: str, href: str) -> Markup:
    """A matched mentor's name (linked to `href`), the kind of match and headline."""

    def make() -> str:
        label = "exact skill" if kind == "exact" else "related skill"
        return (
            f'<a href="{escape(href)}">{escape(mentor.name)}</a>'
            f' <span class="cg-match-kind">{label}</span>\n'
            f'<p class="cg-headline">{escape(mentor.headline)}</p>'
        )

    return view.once(("mentor", mentor.slug, kind, href), make)


def stage_card(view: View, ask: Ask, stage: Stage, href: str) -> Markup:
    """A matched stage (linked to `href#anchor`) and its ask (linked to `href`)."""

    def make() -> str:
        at = escape(href)
        return (
            f'<a href="{at}#{escape(stage.anchor)}">Stage {stage.number}: {escape(stage.title)}</a>'
            f' <span class="cg-match-ask">for <a href="{at}">{escape(ask.title)}</a>'
            f" ({escape(ask.organisation.name)})</span>"
        )

    return view.once(("stage", ask.slug, stage.number, href), make)
