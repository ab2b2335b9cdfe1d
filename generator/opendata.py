"""Open data under /data/: asks.json, stages.csv, mentors.json and skills.json, and their schemas.

Byte-identical for the same content and build date: entries sorted by slug or id, keys sorted,
fixed separators, no timestamp but the build date. No email address and no contact name: asks
leave out `contact`, mentors leave out `email` (and `github`), and free text has any address (and,
in an ask, its contact's name) replaced (see `scrub`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib.resources import files as package_files

from . import urls
from .model import Ask, Mentor, Stage
from .view import Asset, View

DATA_VERSION = 1
DATA_FILES = ("asks.json", "stages.csv", "mentors.json", "skills.json")


@dataclass(frozen=True)
class Licence:
    """The open-data licence every data file and feed states."""

    id: str
    name: str
    url: str
    attribution: str


LICENCE = Licence(
    id="CC-BY-4.0",
    name="Creative Commons Attribution 4.0 International",
    url="https://creativecommons.org/licenses/by/4.0/",
    attribution="CrowdGuru contributors",
)
# Anything written like an address (something@domain.tld), plain or in a trivially decoded form
# (%40, &#64;, fullwidth @). Brackets, quotes, list punctuation and a sentence's full stop stay;
# `/`, `?`, `=` and `&` end the local part: https://mastodon.social/@ana is kept, and only the
# address of https://x.example/?to=ana@x.example goes.
_AT = r"(?:@|%40|&#0*64;|&#x0*40;|&commat;|\uff20|\ufe6b)"
_LOCAL = r"[^?=&\s()<>\[\]{},;:\"'@/\uff20\ufe6b]+"
_LABEL = r"[^\s()<>\[\]{},;:\"'@/.\uff20\ufe6b]+"
_ADDRESS = re.compile(rf"{_LOCAL}{_AT}{_LABEL}(?:\.{_LABEL})+", re.IGNORECASE)
_AT_MARK = re.compile(_AT, re.IGNORECASE)
ADDRESS_REMOVED = "[address removed]"
NAME_REMOVED = "[contact]"
# Spreadsheets run a cell starting with these as a formula (CSV injection): such cells get a '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
STAGE_COLUMNS = (
    "ask",
    "stage",
    "ask_title",
    "organisation",
    "stage_title",
    "template",
    "skills",
    "formats",
    "need",
    "stage_status",
    "ask_status",
    "ask_open",
    "posted",
    "expires",
    "mentors",
    "gap",
    "page",
    "licence",
)


def scrub(text: str, ask: Ask | None = None) -> str:
    """`text` without anything written like an email address, nor (in an ask) its contact's name."""
    # The cheap containment tests skip the regexes for almost all text (they dominate at scale).
    if _AT_MARK.search(text):
        text = _ADDRESS.sub(ADDRESS_REMOVED, text)
    name = ask.contact.name.strip() if ask else ""
    if name and name.casefold() in text.casefold():
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", NAME_REMOVED, text, flags=re.IGNORECASE)
    return text


def _header(view: View, kind: str) -> dict[str, object]:
    return {
        "version": DATA_VERSION,
        "schema": urls.data_schema(kind),
        "licence": {
            "id": LICENCE.id,
            "name": LICENCE.name,
            "url": LICENCE.url,
            "attribution": LICENCE.attribution,
        },
        "build_date": view.directory.today.isoformat(),
        "site_url": view.site_url or None,
    }


def _dump(payload: dict[str, object]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _stage_record(view: View, ask: Ask, stage: Stage) -> dict[str, object]:
    return {
        "number": stage.number,
        "title": scrub(stage.title, ask),
        "template": stage.template or None,
        "need": scrub(stage.need, ask),
        "skills": list(stage.skills),
        "formats": list(stage.formats),
        "status": stage.status,
        "page": urls.stage(ask.slug, stage.number),
        "mentors": len(view.stage_matches(ask, stage)),
        "gap": (ask.slug, stage.number) in view.gap_keys,
    }


def _ask_record(view: View, ask: Ask) -> dict[str, object]:
    org = ask.organisation
    return {
        "slug": ask.slug,
        "page": urls.ask(ask.slug),
        "source": ask.path,
        "title": scrub(ask.title, ask),
        "organisation": {
            "name": scrub(org.name, ask),
            "website": scrub(org.website, ask) or None,
            "charity_number": scrub(org.charity_number, ask) or None,
        },
        "summary": scrub(ask.summary, ask),
        "sectors": list(ask.sectors),
        "location": scrub(ask.location, ask) or None,
        "posted": ask.posted.isoformat(),
        "expires": ask.expires.isoformat(),
        "reply_within_days": ask.reply_within_days,
        "status": ask.status,
        "expired": ask.expired,
        "open": ask.active,
        "stages": [_stage_record(view, ask, s) for s in ask.stages],
    }


def _mentor_record(mentor: Mentor) -> dict[str, object]:
    return {
        "slug": mentor.slug,
        "page": urls.mentor(mentor.slug),
        "source": mentor.path,
        "name": scrub(mentor.name),
        "headline": scrub(mentor.headline),
        "bio": scrub(mentor.bio) or None,
        "skills": list(mentor.skills),
        "formats": list(mentor.formats),
        "sectors": list(mentor.sectors),
        "third_sector": mentor.third_sector,
        "location": scrub(mentor.location) or None,
        "languages": list(mentor.languages),
        "hours_per_month": mentor.hours_per_month,
        "timezone": mentor.timezone or None,
        "booking_url": scrub(mentor.booking_url) or None,
        "links": [scrub(link) for link in mentor.links],
        "confirmed": mentor.confirmed.isoformat(),
    }


def ask_records(view: View) -> list[dict[str, object]]:
    """Every ask (open or not) as asks.json holds it, by slug: the source of stages.csv too."""
    return [_ask_record(view, a) for a in sorted(view.directory.asks, key=lambda a: a.slug)]


def asks_json(view: View, records: list[dict[str, object]]) -> Asset:
    """`data/asks.json`: every ask, its stages and how many mentors can help with each."""
    payload = {**_header(view, "asks"), "asks": records}
    return Asset(f"{urls.DATA}asks.json", _dump(payload))


def mentors_json(view: View) -> Asset:
    """`data/mentors.json`: mentors who can be matched now (not away, stale or unavailable)."""
    mentors = sorted(view.active_mentors, key=lambda m: m.slug)
    payload = {**_header(view, "mentors"), "mentors": [_mentor_record(m) for m in mentors]}
    return Asset(f"{urls.DATA}mentors.json", _dump(payload))


def skills_json(view: View) -> Asset:
    """`data/skills.json`: the vocabularies, with supply and demand per skill."""
    tax = view.directory.taxonomy
    supply, demand = view.supply, view.demand  # counters: 0 for a skill nobody has or needs
    gaps = {s.id: 0 for s in tax.skills}
    for ask, stage in view.open_stages:
        for skill in stage.skills:
            gaps[skill] = gaps.get(skill, 0) + ((ask.slug, stage.number) in view.gap_keys)
    skills = [
        {
            "id": s.id,
            "label": s.label,
            "group": s.group,
            "aliases": list(s.aliases),
            "description": s.description or None,
            "page": urls.skill(s.id),
            "feed": urls.skill_feed(s.id),
            "mentors": supply[s.id],
            "open_stages": demand[s.id],
            "gaps": gaps[s.id],
        }
        for s in sorted(tax.skills, key=lambda s: s.id)
    ]
    payload = {
        **_header(view, "skills"),
        "groups": [{"id": g.id, "label": g.label} for g in sorted(tax.groups, key=lambda g: g.id)],
        "skills": skills,
        "sectors": [
            {"id": s.id, "label": s.label} for s in sorted(tax.sectors, key=lambda s: s.id)
        ],
        "stage_templates": [
            {
                "id": t.id,
                "label": t.label,
                "description": t.description or None,
                "suggested_skills": list(t.suggested_skills),
            }
            for t in sorted(tax.stage_templates, key=lambda t: t.id)
        ],
    }
    return Asset(f"{urls.DATA}skills.json", _dump(payload))


def _cell(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def stages_csv(records: list[dict[str, object]]) -> Asset:
    """`data/stages.csv`: one row per stage of every ask (RFC 4180, UTF-8, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(STAGE_COLUMNS)
    for ask in records:
        org: dict[str, str] = ask["organisation"]  # type: ignore[assignment]
        stages: list[dict[str, object]] = ask["stages"]  # type: ignore[assignment]
        for stage in stages:
            writer.writerow(
                [
                    ask["slug"],
                    stage["number"],
                    _cell(ask["title"]),  # type: ignore[arg-type]
                    _cell(org["name"]),
                    _cell(stage["title"]),  # type: ignore[arg-type]
                    stage["template"] or "",
                    ";".join(stage["skills"]),  # type: ignore[arg-type]
                    ";".join(stage["formats"]),  # type: ignore[arg-type]
                    _cell(stage["need"]),  # type: ignore[arg-type]
                    stage["status"],
                    ask["status"],
                    "true" if ask["open"] else "false",
                    ask["posted"],
                    ask["expires"],
                    stage["mentors"],
                    "true" if stage["gap"] else "false",
                    stage["page"],
                    LICENCE.id,
                ]
            )
    return Asset(f"{urls.DATA}stages.csv", out.getvalue())


def schema_assets() -> list[Asset]:
    """The JSON Schemas of the data files, published as `schema/data-<name>.json`."""
    folder = package_files("generator") / "schemas"
    names = [name.split(".")[0] for name in DATA_FILES]
    return [
        Asset(urls.data_schema(name), (folder / f"data-{name}.schema.json").read_text("utf-8"))
        for name in names
    ]


def open_data(view: View) -> list[Asset]:
    """Every data file and its schema."""
    records = ask_records(view)
    data = [asks_json(view, records), stages_csv(records), mentors_json(view), skills_json(view)]
    return [*data, *schema_assets()]
