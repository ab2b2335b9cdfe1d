"""Many hostile values → one content tree → validate, match, render once; who was refused, where."""

from __future__ import annotations

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
from generator.view import Site

from .conftest import TODAY_ISO, ask, field_lines, mentor, to_yaml, write_tree

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

    refused: dict[Key, tuple[Problem, ...]]
    accepted: dict[Key, str]  # → slug of the file that carries it
    lines: dict[str, dict[str, int]]  # slug → field → line in its file
    directory: Directory
    site: Site
    final_problems: tuple[Problem, ...]

    def __repr__(self) -> str:
        # pytest prints fixtures of failing tests; the whole site would be megabytes.
        return f"Sweep({len(self.refused)} refused, {len(self.accepted)} accepted)"


def sweep(
    root: Path,
    values: Sequence[str],
    mentor_fields: Sequence[str] = MENTOR_FIELDS,
    ask_fields: Sequence[str] = ASK_FIELDS,
) -> Sweep:
    """Each value in every field at once; where a file is refused, one field per file."""
    kinds = {"mentor": mentor_fields, "ask": ask_fields}
    first: dict[str, dict[str, str]] = {"mentor": {}, "ask": {}}
    for i, value in enumerate(values):
        for kind, fields in kinds.items():
            if fields:
                first[kind][f"{kind[0]}{i}"] = _file(kind, f"{kind[0]}{i}", fields, value)
    refused_slugs = _refused(root / "first", first)
    second: dict[str, dict[str, str]] = {"mentor": {}, "ask": {}}
    accepted: dict[Key, str] = {}
    lines: dict[str, dict[str, int]] = {}
    for i, value in enumerate(values):
        for kind, fields in kinds.items():
            slug = f"{kind[0]}{i}"
            if not fields:
                continue
            if slug not in refused_slugs:
                accepted.update({(i, kind, f): slug for f in fields})
                lines[slug] = field_lines(first[kind][slug])
                continue
            for number, name in enumerate(fields):
                one = f"{slug}-f{number}"
                second[kind][one] = _file(kind, one, [name], value)
                lines[one] = field_lines(second[kind][one])
    problems = _problems(root / "second", second)
    refused: dict[Key, tuple[Problem, ...]] = {}
    for i in range(len(values)):
        for kind, fields in kinds.items():
            for number, name in enumerate(fields):
                one = f"{kind[0]}{i}-f{number}"
                if one not in second[kind]:
                    continue
                found = problems.get(f"content/{kind}s/{one}.yml", ())
                if found:
                    refused[(i, kind, name)] = found
                else:
                    accepted[(i, kind, name)] = one
    final = {"mentor": {}, "ask": {}} | {
        kind: {slug: text for slug, text in {**first[kind], **second[kind]}.items()
               if slug in set(accepted.values())}
        for kind in kinds
    }  # fmt: skip
    tree = write_tree(root / "final", final["mentor"], final["ask"])
    validated = build_directory(tree, TODAY)
    site = render_site(validated.directory, match(validated.directory))
    return Sweep(refused, accepted, lines, validated.directory, site, validated.problems)


def _problems(root: Path, files: dict[str, dict[str, str]]) -> dict[str, tuple[Problem, ...]]:
    tree = write_tree(root, files["mentor"], files["ask"])
    by_path: dict[str, list[Problem]] = {}
    for problem in build_directory(tree, TODAY).problems:
        by_path.setdefault(problem.path, []).append(problem)
    return {path: tuple(found) for path, found in by_path.items()}


def _refused(root: Path, files: dict[str, dict[str, str]]) -> set[str]:
    return {path.rsplit("/", 1)[-1].removesuffix(".yml") for path in _problems(root, files)}
