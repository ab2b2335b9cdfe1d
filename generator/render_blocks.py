"""The repeated blocks of ask and mentor pages, built in Python: a stage with its best matches and
their request links, and the open stages a mentor could help with and their offer links.

These are most of a large directory's HTML (an ask page prints a few stages of five matches each;
a mentor page up to twenty stages), so they are f-strings over escaped parts instead of template
loops: Jinja's per-output escaping and call dispatch cost more than the text itself. Parts that
are the same on many pages (a mentor's card, a stage's offer link) are made once (`View.once`).
The page shells stay in `templates/ask.html` and `templates/mentor.html`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup, escape

from . import urls
from .contact import Contact, contact_html, message_attrs, recipient_parts, stage_parts, token
from .mailto import Message, greeting, mentor_request, offer, reply_note, stage_request
from .model import Ask, Match, Mentor, Stage
from .text import text_to_html
from .view import LinkFn, View, external, format_names, kind_counts, plural, split_counts

BEST_PER_STAGE = 5
BEST_PER_MENTOR = 20
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
    requests: tuple[str, ...]  # "Ask <name> about this stage", one per mentor in `best`
    request_attrs: Markup  # the subject and body those requests share


def ask_note(ask: Ask) -> str:
    """Why an ask that is not open is shown without matches."""
    if ask.status == "closed":
        return "This ask is closed; it is kept for reference and not matched."
    if ask.status == "matched":
        return "This ask has found its help; it is kept for reference and not matched."
    return "This ask is past its closing date; it is kept for reference and not matched."


def stage_view(view: View, ask: Ask, stage: Stage) -> StageView:
    """A stage's best matches, counts, offer link and request links."""
    active = ask.active and stage.status == "open"
    found = view.stage_matches(ask, stage)
    best = tuple(
        (m, view.mentor[m.mentor]) for m in found[:BEST_PER_STAGE] if m.mentor in view.mentor
    )
    total = len(found)
    count_text = Markup(f"{plural(total, 'mentor')} can help with this stage")
    if total:
        count_text += Markup(": ") + split_counts(*kind_counts(found))
    count_text += f"; showing the best {len(best)}." if total > len(best) else "."
    if not ask.active:
        note = ask_note(ask)
    elif stage.status == "matched":
        note = "This stage has found its help."
    elif stage.status == "done":
        note = "This stage is done."
    else:
        note = ""
    offer_link = offer_html(view, ask, stage, "#" + stage.anchor) if active else Markup()
    requests: tuple[str, ...] = ()
    attrs = Markup()
    if best:
        shared = stage_request(ask, stage, best[0][1], view.site_url)
        at, name = stage_parts(f"a:{ask.slug}#{stage.number}", _stage_name(stage))
        requests = tuple(
            "".join(_request_parts(view, ask, mentor, before=at, between=name))
            for _, mentor in best
        )
        attrs = message_attrs(shared)
    return StageView(stage, active, best, total, count_text, offer_link, note, requests, attrs)


def recipient_token(view: View, address: str) -> str:
    """The recipient token of `address` for this build (one per address, reused)."""
    key = view.directory.today.isoformat()
    return view.once(("cg-to", address), lambda: token(address, key))


def _stage_name(stage: Stage) -> str:
    return f"Stage {stage.number}: {stage.title}"


def offer_html(view: View, ask: Ask, stage: Stage, fallback: str) -> Markup:
    """The link "Offer to help with this stage" and the reply promise (same on all mentor pages)."""

    def make() -> str:
        contact = Contact(
            message=offer(ask, stage, view.site_url),
            kind="offer",
            label="Offer to help with this stage",
            who=ask.organisation.name,
            stage=_stage_name(stage),
            key=f"a:{ask.slug}",
            at=f"a:{ask.slug}#{stage.number}",
            fallback=fallback,
        )
        reply = reply_note(ask)
        promise = f' <span class="cg-reply">{escape(reply)}</span>' if reply else ""
        return contact_html(contact, recipient_token(view, ask.contact.email), extra=promise)

    return view.once(("cg-offer", ask.slug, stage.number, fallback), make)


def _request_parts(
    view: View, ask: Ask, mentor: Mentor, before: str, between: str
) -> tuple[str, ...]:
    """The link "Ask <name> about this stage", its stage's attributes (`before`, `between`) in
    place; its subject and body sit on the list (`message_attrs`). The mentor's parts are made
    once."""

    def make() -> tuple[str, str, str]:
        contact = _to_mentor(
            mentor,
            # Subject and body are shared by the list, not written on the link: left empty here.
            Message(mentor.email, "", greeting(mentor.name), ""),
            f"Ask {mentor.name} about this stage",
            urls.relative(urls.ask(ask.slug), urls.mentor(mentor.slug)) + "#cg-contact",
        )
        to = recipient_token(view, mentor.email)
        return recipient_parts(contact, to, shared=True, extra=booking(mentor))

    # Every ask page is at the same depth, so a mentor's fallback link is the same on all of them.
    first, middle, last = view.memo(("cg-request", mentor.slug), make)
    return first, before, middle, between, last


def general_request(view: View, mentor: Mentor) -> Markup:
    """The link "Ask <name> for help" on a mentor's page, for help no stage describes."""
    message = mentor_request(mentor, view.site_url)
    contact = _to_mentor(mentor, message, f"Ask {mentor.name} for help", "#cg-contact")
    return contact_html(contact, recipient_token(view, mentor.email), extra=booking(mentor))


def _to_mentor(mentor: Mentor, message: Message, label: str, fallback: str) -> Contact:
    """A request to a mentor; its stage, if any, is added by the page (`stage_parts`)."""
    key = f"m:{mentor.slug}"
    return Contact(
        message, "request", label, mentor.name, stage="", key=key, at="", fallback=fallback
    )


def booking(mentor: Mentor) -> Markup:
    """A "Book a call" link (nofollow, as every outside link) if the mentor has a booking page."""
    found = external(mentor.booking_url, "Book a call") if mentor.booking_url else None
    return Markup(f' <span class="cg-book">{found}</span>') if found else Markup()


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


def can_help_html(view: View, found: Sequence[Match], here: str) -> tuple[Markup, int]:
    """The best open stages a mentor could help with, on the mentor page at `here`: the stage,
    its ask, why, and the offer link, one `<li>` each; and how many are shown."""
    up = urls.relative(here, urls.HOME)
    items = []
    for match in found[:BEST_PER_MENTOR]:
        located = view.stage((match.ask, match.stage))
        if not located:
            continue
        ask, stage = located
        # What is the same for this stage on every page at this depth: made once.
        key = ("cg-can-help", ask.slug, stage.number, up)
        head, tail = view.memo(key, partial(_ends, view, ask, stage, up))
        items.append(
            f'<li class="cg-match cg-match-{escape(match.kind)}">{head}{view.why(match)}{tail}'
        )
    return Markup("\n".join(items)), len(items)


def _ends(view: View, ask: Ask, stage: Stage, up: str) -> tuple[str, str]:
    """A can-help item's stage card and its offer link, for a page `up` below the site root."""
    card = stage_card(view, ask, stage, up + urls.ask(ask.slug))
    offer_link = offer_html(view, ask, stage, up + urls.stage(ask.slug, stage.number))
    return f"{card}\n", f'\n<p class="cg-offer">{offer_link}</p>\n</li>'


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


def stage_card(view: View, ask: Ask, stage: Stage, href: str) -> str:
    """A matched stage (linked to `href#anchor`) and its ask (linked to `href`)."""
    at = escape(href)
    return (
        f'<a href="{at}#{escape(stage.anchor)}">Stage {stage.number}: {escape(stage.title)}</a>'
        f' <span class="cg-match-ask">for <a href="{at}">{escape(ask.title)}</a>'
        f" ({escape(ask.organisation.name)})</span>"
    )
