"""Many hostile values → one content tree → validate, match, render once; who was refused, where."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.match import match
from generator.model import Directory
from generator.problems import Problem
from generator.render import render_site
from generator.validate import build_directory
from generator.view import Page, Site

from .conftest import TODAY_ISO, ask, field_lines, mentor, to_yaml, write_tree
from .html_tree import Element, parse

TODAY = date.fromisoformat(TODAY_ISO)
MENTOR_FIELDS = ("name", "headline", "bio", "location")
ASK_FIELDS = (
    "title",
    "summary",
    "organisation.name",
    "organisation.charity_number",
    "contact.name",
    "location",
    "stages[0].title",
    "stages[0].need",
)
MULTI_LINE = frozenset({"bio", "summary", "stages[0].need"})
_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")

Key = tuple[int, str, str]  # (value index, "mentor" or "ask", field)


def set_field(data: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    """A copy of `data` with the field at `a.b` or `stages[0].title` set to `value`."""
    parts = [_PART.fullmatch(p) for p in dotted.split(".")]
    copy = _deep_copy(data)
    here: Any = copy
    for number, found in enumerate(parts):
        assert found, dotted
        name, index = found.group(1), found.group(2)
        last = number == len(parts) - 1
        if index is not None:
            here = here[name][int(index)]
            assert not last, dotted
        elif last:
            here[name] = value
        else:
            here = here[name]
    return copy


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


def _file(kind: str, slug: str, fields: Sequence[str], value: str) -> str:
    data: dict[str, Any] = mentor(slug) if kind == "mentor" else ask(slug)
    for name in fields:
        data = set_field(data, name, value)
    return to_yaml(data) + "\n"


@dataclass(frozen=True, repr=False)
class Sweep:
    """Where each (value, kind, field) ended up: refused with problems, or in the site."""

    refused: dict[Key, tuple[str, tuple[Problem, ...]]]  # → (slug of its one-field file, problems)
    accepted: dict[Key, str]  # → slug of the file that carries it
    lines: dict[str, dict[str, int]]  # slug → field → line in its file
    directory: Directory
    site: Site
    final_problems: tuple[Problem, ...]
    root: Path  # the repository root of the final tree (content/ inside)

    def __repr__(self) -> str:
        # pytest prints fixtures of failing tests; the whole site would be megabytes.
        return f"Sweep({len(self.refused)} refused, {len(self.accepted)} accepted)"


@dataclass(frozen=True)
class _Job:
    kind: str
    slug: str
    index: int
    fields: tuple[str, ...]


def sweep(
    root: Path,
    values: Sequence[str],
    mentor_fields: Sequence[str] = MENTOR_FIELDS,
    ask_fields: Sequence[str] = ASK_FIELDS,
) -> Sweep:
    """Each value in every field of one file; a refused file is split (refused fields alone,
    the rest together) until every field is accepted or refused on its own. Few files, one site."""
    jobs = [
        _Job(kind, f"{kind[0]}{i}", i, tuple(fields))
        for i in range(len(values))
        for kind, fields in (("mentor", mentor_fields), ("ask", ask_fields))
        if fields
    ]
    accepted: dict[Key, str] = {}
    refused: dict[Key, tuple[str, tuple[Problem, ...]]] = {}
    lines: dict[str, dict[str, int]] = {}
    texts: dict[str, dict[str, str]] = {"mentor": {}, "ask": {}}
    for round_ in range(len(ASK_FIELDS) + len(MENTOR_FIELDS) + 1):
        if not jobs:
            break
        batch: dict[str, dict[str, str]] = {"mentor": {}, "ask": {}}
        for job in jobs:
            text = _file(job.kind, job.slug, job.fields, values[job.index])
            batch[job.kind][job.slug] = texts[job.kind][job.slug] = text
            lines[job.slug] = field_lines(text)
        problems = _problems(root / f"round-{round_}", batch)
        next_jobs: list[_Job] = []
        for job in jobs:
            found = problems.get(f"content/{job.kind}s/{job.slug}.yml", ())
            if not found:
                accepted.update({(job.index, job.kind, f): job.slug for f in job.fields})
            elif len(job.fields) == 1:
                refused[(job.index, job.kind, job.fields[0])] = (job.slug, found)
            else:
                bad = [f for f in job.fields if f in {p.field for p in found}]
                groups = [[f] for f in bad] or [[f] for f in job.fields]
                rest = [f for f in job.fields if f not in bad]
                groups += [rest] if bad and rest else []
                next_jobs += [
                    _Job(job.kind, f"{job.slug}-{n}", job.index, tuple(g))
                    for n, g in enumerate(groups)
                ]
        jobs = next_jobs
    assert not jobs, "sweep did not settle"
    keep = set(accepted.values())
    final = {kind: {s: t for s, t in files.items() if s in keep} for kind, files in texts.items()}
    tree = write_tree(root / "final", final["mentor"], final["ask"])
    validated = build_directory(tree, TODAY)
    site = render_site(validated.directory, match(validated.directory))
    return Sweep(refused, accepted, lines, validated.directory, site, validated.problems, tree)


def _problems(root: Path, files: dict[str, dict[str, str]]) -> dict[str, tuple[Problem, ...]]:
    tree = write_tree(root, files["mentor"], files["ask"])
    by_path: dict[str, list[Problem]] = {}
    for problem in build_directory(tree, TODAY).problems:
        if problem.is_error:  # a warning (a possible duplicate) refuses nothing
            by_path.setdefault(problem.path, []).append(problem)
    return {path: tuple(found) for path, found in by_path.items()}


_HTML_SPACE = re.compile(r"[ \t\n\f\r]+")


def one_line(text: str) -> str:
    """How a browser shows a one-line field: trimmed, runs of HTML whitespace as one space."""
    return _HTML_SPACE.sub(" ", text.strip())


def lines(text: str) -> list[str]:
    """A multi-line field as its visible lines: paragraphs and line breaks, blank lines dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [one_line(line) for line in text.split("\n") if line.strip()]


@functools.cache
def _tree(html: str) -> Element:
    return parse(html)


def same(field: str, actual: str, value: str) -> bool:
    """Whether `actual` shows `value` as the SPEC renders the field (one-line or paragraphs)."""
    if field in MULTI_LINE:
        return lines(actual) == lines(value)
    return one_line(actual) == one_line(value)


def shown(html: str, field: str) -> str:
    """The visible text of `field` on its entry page (rendered fragment or built page)."""
    root = _tree(html)
    facts = root.find("dl", "cg-facts").facts()
    fact = {
        "location": "Location",
        "organisation.name": "Organisation",
        "organisation.charity_number": "Charity number",
        "contact.name": "Contact",
    }
    if field in ("name", "title"):
        return root.find("h1").text()
    if field in fact:
        return facts[fact[field]].text()
    if field == "headline":
        return root.find("p", "cg-lede").text()
    if field == "bio":
        return root.find("section", "cg-bio").text()
    if field == "summary":
        return _without(root.find("section", "cg-summary"), "h2", "cg-pool")
    stage = next(e for e in root.find_all("li", "cg-stage") if e.attrs.get("id") == "stage-1")
    if field == "stages[0].title":
        return stage.find("h3").text().removeprefix("Stage 1: ")
    assert field == "stages[0].need", field
    return _without(stage.find("div", "cg-need"), "h4")


def _without(element: Element, tag: str, cls: str = "-") -> str:
    """Text of `element` without its heading (`tag`) and the child of class `cls`."""
    kept = [
        c
        for c in element.children
        if not (isinstance(c, Element) and (c.tag == tag or cls in c.classes))
    ]
    return Element(element.tag, children=kept).text()


def page_of(result: Sweep, kind: str, slug: str) -> Page:
    """The rendered entry page of a mentor or ask slug."""
    uri = f"{kind}s/{slug}/"
    return next(p for p in result.site.pages if p.url == uri)
