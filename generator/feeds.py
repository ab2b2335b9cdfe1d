"""Atom 1.0 feeds (RFC 4287): open asks, and the open stages that need each skill.

Entry ids are `urn:uuid:` names (RFC 4122, version 5) derived from the ask's slug and, for a
stage, its number: stable across builds, site moves and `site_url` changes; a renamed file or a
renumbered stage is a new entry. Links are absolute when `site_url` is set; without it they are
relative references, resolved by feed readers against the feed's own address (RFC 4287 §2).
An entry's `published` and `updated` are its ask's `posted` date (content has no edit date); a
feed's `updated` is its newest entry's date or the build date, whichever is later, so the same
content and SOURCE_DATE_EPOCH give the same bytes. Entries carry no email address and no contact
name (see opendata.scrub).
"""

from __future__ import annotations

import posixpath
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date

from . import urls
from .model import Ask, Stage
from .opendata import LICENCE, scrub
from .view import Asset, Page, View, format_names

ATOM = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50
GENERATOR = "CrowdGuru"
# Names every entry id; never change it (it would make every entry new to every reader).
ID_NAMESPACE = uuid.UUID("6f1d2c3e-8a4b-5c6d-9e0f-1a2b3c4d5e6f")
# Characters XML 1.0 forbids; validation refuses them in content, this keeps any from slipping in.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Material's script fetches `sitemap.xml` beside every <link rel="alternate"> (meant for language
# versions), feeds included: an empty one beside each feed spares a 404 and its console error.
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def entry_id(slug: str, stage: int | None = None) -> str:
    """The stable id of an ask's entry, or of one of its stages."""
    name = f"crowdguru:ask:{slug}" if stage is None else f"crowdguru:stage:{slug}:{stage}"
    return uuid.uuid5(ID_NAMESPACE, name).urn


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


class _Feed:
    """One feed being written: its URL and how it links to pages."""

    def __init__(self, view: View, url: str, page: str, title: str, subtitle: str) -> None:
        self.view = view
        self.url = url
        # Plain tag names under a default namespace declared by hand: ElementTree's own
        # default_namespace refuses the (unqualified) attributes Atom uses.
        self.root = ET.Element("feed", {"xmlns": ATOM})
        _add(self.root, "id", uuid.uuid5(ID_NAMESPACE, f"crowdguru:feed:{url}").urn)
        _add(self.root, "title", title)
        _add(self.root, "subtitle", subtitle)
        self.updated = _add(self.root, "updated")
        _add(self.root, "link", rel="self", type="application/atom+xml", href=self.href(url))
        _add(self.root, "link", rel="alternate", type="text/html", href=self.href(page))
        author = _add(self.root, "author")
        _add(author, "name", GENERATOR)
        _add(self.root, "generator", GENERATOR)
        _add(self.root, "rights", f"{LICENCE.name} ({LICENCE.url}): {LICENCE.attribution}")

    def href(self, url: str) -> str:
        """Where `url` is: absolute under site_url, else relative to this feed."""
        if self.view.site_url:
            return urls.absolute(self.view.site_url, url)
        return urls.relative(self.url, url)

    def entry(
        self, ask: Ask, id_: str, title: str, url: str, summary: str, stages: tuple[Stage, ...]
    ) -> None:
        """Add one entry about `stages` of `ask` (its organisation is the author)."""
        entry = _add(self.root, "entry")
        _add(entry, "id", id_)
        _add(entry, "title", scrub(title, ask))
        _add(entry, "updated", _stamp(ask.posted))
        _add(entry, "published", _stamp(ask.posted))
        _add(entry, "link", rel="alternate", type="text/html", href=self.href(url))
        author = _add(entry, "author")
        _add(author, "name", scrub(ask.organisation.name, ask))
        skills = dict.fromkeys(k for s in stages for k in s.skills)
        for skill in skills:
            _add(entry, "category", term=skill, label=self.view.skill_label(skill))
        _add(entry, "summary", scrub(summary, ask), type="text")

    def text(self, newest: date | None) -> str:
        """The finished document; `updated` is the newest entry's date or the build date."""
        today = self.view.directory.today
        self.updated.text = _stamp(max(today, newest) if newest else today)
        ET.indent(self.root)
        body = ET.tostring(self.root, encoding="unicode")
        return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _stage_line(view: View, stage: Stage) -> str:
    formats = format_names(stage.formats) if stage.formats else "any format"
    return (
        f"Stage {stage.number}: {stage.title} — needs {view.skill_names(stage.skills)} ({formats})"
    )


def _place(ask: Ask) -> str:
    """The organisation's name and the ask's location, if any."""
    return f"{ask.organisation.name}, {ask.location}" if ask.location else ask.organisation.name


def _ask_summary(view: View, ask: Ask) -> str:
    stages = [_stage_line(view, s) for s in ask.open_stages]
    return "\n".join([_place(ask), ask.summary, "", *stages])


def asks_feed(view: View) -> Asset:
    """`feeds/asks.xml`: open asks, newest posted first, at most FEED_LIMIT."""
    feed = _Feed(
        view,
        urls.ASKS_FEED,
        urls.ASKS,
        "CrowdGuru: open asks",
        "Charities' tasks broken into stages, each needing one skill: newest first.",
    )
    asks = view.open_asks[:FEED_LIMIT]
    for ask in asks:
        summary = _ask_summary(view, ask)
        feed.entry(ask, entry_id(ask.slug), ask.title, urls.ask(ask.slug), summary, ask.open_stages)
    return Asset(urls.ASKS_FEED, feed.text(asks[0].posted if asks else None))


def skill_feed(view: View, skill_id: str, stages: list[tuple[Ask, Stage]]) -> Asset:
    """`skills/<id>/feed.xml`: open stages needing the skill (exactly), newest ask first."""
    label = view.skill_label(skill_id)
    url = urls.skill_feed(skill_id)
    feed = _Feed(
        view,
        url,
        urls.skill(skill_id),
        f"CrowdGuru: open stages that need {label}",
        f"New stages of charities' asks that need {label}: newest ask first.",
    )
    shown = stages[:FEED_LIMIT]
    for ask, stage in shown:
        summary = "\n".join(
            [
                f"For {ask.title} ({_place(ask)})",
                _stage_line(view, stage),
                "",
                stage.need,
            ]
        )
        feed.entry(
            ask,
            entry_id(ask.slug, stage.number),
            f"{stage.title} — {ask.title}",
            urls.stage(ask.slug, stage.number),
            summary,
            (stage,),
        )
    return Asset(url, feed.text(shown[0][0].posted if shown else None))


def feeds(view: View) -> list[Asset]:
    """The asks feed and one feed per skill of the vocabulary."""
    needing: dict[str, list[tuple[Ask, Stage]]] = {s.id: [] for s in view.directory.taxonomy.skills}
    for ask, stage in view.open_stages:
        for skill in stage.skills:
            needing.setdefault(skill, []).append((ask, stage))
    found = [asks_feed(view)]
    found += [skill_feed(view, s.id, needing[s.id]) for s in view.directory.taxonomy.skills]
    return found


def feed_sitemaps(pages: Iterable[Page]) -> list[Asset]:
    """An empty `sitemap.xml` in each folder holding a page's feed, in folder order."""
    folders = sorted({posixpath.dirname(page.feed) for page in pages if page.feed})
    return [Asset(posixpath.join(folder, "sitemap.xml"), EMPTY_SITEMAP) for folder in folders]
