"""Where people join: GitHub links to add an entry (pre-filled), the issue forms, and edit links.

The pre-filled text is a commented template derived from the JSON Schemas (every field, in the
schema's order, with its description as a comment; optional fields commented out), written with
the same scalar writer as `python -m generator new`. Hand-written pages link them by name:
`[Add your profile](cg-join:add-profile)`, filled in by `fill_join_links`.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, cached_property
from importlib.resources import files as package_files
from typing import Any

from . import urls
from .model import Directory
from .yamltext import Date, scalar

MENTOR_FOLDER = "content/mentors"
ASK_FOLDER = "content/asks"
MENTOR_FORM = "add-mentor.yml"
ASK_FORM = "post-ask.yml"
MENTOR_FILENAME = "your-name.yml"
ASK_FILENAME = "your-organisation-task.yml"
WRAP = 96
# GitHub and browsers cope with long URLs, but a pre-filled link should stay well under 8 KB.
MAX_URL = 8000
# A join link in a hand-written page: `[Add your profile](cg-join:add-profile)`.
JOIN_LINK = re.compile(r"\bcg-join:([a-z-]+)")


@cache
def _schema(kind: str) -> dict[str, Any]:
    text = (package_files("generator") / "schemas" / f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


def _examples(today: date, skill: str) -> dict[str, Any]:
    """An example value per field name (the same name means the same kind of value)."""
    return {
        "name": "Your Name",
        "headline": "What you can help with, in one line",
        "bio": "A few sentences about your experience.",
        "email": "you@example.org",
        "skills": [skill],
        "formats": ["call", "video"],
        "sectors": ["youth"],
        "third_sector": False,
        "location": "Leeds, UK",
        "languages": ["en"],
        "hours_per_month": 2,
        "available": True,
        "confirmed": Date(today.isoformat()),
        "away_until": Date((today + timedelta(days=30)).isoformat()),
        "timezone": "Europe/London",
        "booking_url": "https://example.org/book",
        "github": "your-github-name",
        "links": ["https://example.org"],
        "consent": False,
        "title": "What the task is, in a few words",
        "website": "https://example.org",
        "charity_number": "1234567",
        "summary": "What your organisation does and what the task is.",
        "posted": Date(today.isoformat()),
        "expires": Date((today + timedelta(days=90)).isoformat()),
        "reply_within_days": 7,
        "status": "open",
        "template": "decide",
        "need": "What help would look like for this stage.",
    }


# Where a field name means something else inside a nested object.
_NESTED: dict[tuple[str, str], Any] = {
    ("organisation", "name"): "Your Organisation",
    ("stages", "title"): "A short name for this stage",
}


def _value(value: Any) -> str:
    if isinstance(value, list):
        return f"[{', '.join(scalar(v) for v in value)}]"
    return scalar(value)


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WRAP, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# ")


def _fields(schema: dict[str, Any], examples: dict[str, Any], indent: str, name: str) -> list[str]:
    """Lines for the properties of an object schema; optional ones commented out."""
    required = set(schema.get("required", ()))
    lines: list[str] = []
    for key, sub in schema["properties"].items():
        if key == "status":  # a new entry starts open; status is changed later
            continue
        lines += _comment(sub.get("description", ""), indent)
        off = "" if key in required else "# "
        if sub.get("type") == "object":
            lines.append(f"{indent}{key}:")
            lines += _fields(sub, examples, indent + "  ", key)
        elif sub.get("type") == "array" and sub["items"].get("type") == "object":
            lines.append(f"{indent}{key}:")
            inner = _fields(sub["items"], examples, indent + "    ", key)
            first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
            inner[first] = f"{indent}  - {inner[first].lstrip()}"
            lines += inner
        else:
            value = _NESTED.get((name, key), examples[key])
            lines.append(f"{indent}{off}{key}: {_value(value)}")
    return lines


def entry_template(kind: str, today: date, skill: str = "bid-writing") -> str:
    """The commented YAML a new `mentor` or `ask` file starts from (consent left false)."""
    what = "mentor profile" if kind == "mentor" else "ask"
    filename = MENTOR_FILENAME if kind == "mentor" else ASK_FILENAME
    header = [
        f"# yaml-language-server: $schema=../../generator/schemas/{kind}.schema.json",
        f"# A CrowdGuru {what}. Lines starting with # are notes; remove the # of an optional",
        "# field to use it. Name the file in lowercase letters, digits and hyphens,",
        f"# e.g. {filename}. Every field is explained in docs/fields.md.",
        "",
    ]
    body = _fields(_schema(kind), _examples(today, skill), "", kind)
    return "\n".join(header + body) + "\n"


@dataclass(frozen=True)
class Join:
    """The repository's join and edit links, for the templates (`v.join`)."""

    repo_url: str
    branch: str
    today: date
    skill: str = "bid-writing"

    @property
    def repository(self) -> str:
        """The repository's home page."""
        return self.repo_url.rstrip("/")

    @cached_property
    def add_profile(self) -> str:
        """GitHub's new-file page in content/mentors/, pre-filled with the mentor template."""
        text = entry_template("mentor", self.today, self.skill)
        return urls.repo_new_file(self.repo_url, self.branch, MENTOR_FOLDER, MENTOR_FILENAME, text)

    @cached_property
    def post_ask(self) -> str:
        """GitHub's new-file page in content/asks/, pre-filled with the ask template."""
        text = entry_template("ask", self.today, self.skill)
        return urls.repo_new_file(self.repo_url, self.branch, ASK_FOLDER, ASK_FILENAME, text)

    @property
    def mentor_form(self) -> str:
        """The "add me as a mentor" issue form, for people without git."""
        return urls.repo_issue_form(self.repo_url, MENTOR_FORM)

    @property
    def ask_form(self) -> str:
        """The "post an ask" issue form."""
        return urls.repo_issue_form(self.repo_url, ASK_FORM)

    def edit(self, path: str) -> str:
        """GitHub's edit page of an entry's file (`content/mentors/ana.yml`)."""
        return urls.repo_edit_file(self.repo_url, self.branch, path)

    def links(self) -> dict[str, str]:
        """The join links by the names hand-written pages use (`cg-join:add-profile`)."""
        return {
            "add-profile": self.add_profile,
            "post-ask": self.post_ask,
            "mentor-form": self.mentor_form,
            "ask-form": self.ask_form,
            "repository": self.repository,
        }


def join_for(directory: Directory, repo_url: str, branch: str = "main") -> Join | None:
    """The join links of a site published from `repo_url` (None without a repository)."""
    if not repo_url:
        return None
    skills = directory.taxonomy.skills
    return Join(repo_url, branch, directory.today, skills[0].id if skills else "")


class UnknownJoinLink(ValueError):
    """A hand-written page links a `cg-join:` name that is not a join link."""


def fill_join_links(markdown: str, links: Mapping[str, str]) -> str:
    """`markdown` with each `cg-join:NAME` replaced by the URL `links` has for NAME."""

    def replace(found: re.Match[str]) -> str:
        url = links.get(found.group(1))
        if url is None:
            known = ", ".join(sorted(links)) or "none: repo_url is not set"
            raise UnknownJoinLink(f"unknown join link {found.group()!r} (known: {known})")
        return url

    return JOIN_LINK.sub(replace, markdown)


def branch_of(edit_uri: str) -> str:
    """The repository's branch, from MkDocs' `edit_uri` (`edit/main/docs/`), or "main"."""
    parts = edit_uri.strip("/").split("/")
    if len(parts) > 1 and parts[0] in ("edit", "blob", "tree") and parts[1]:
        return parts[1]
    return "main"
