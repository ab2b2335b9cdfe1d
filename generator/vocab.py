"""Skills, stage templates, sectors, languages: the taxonomy, id/alias lookups, suggestions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.load import FieldPath, RawFile, Typed
from generator.model import Sector, Skill, SkillGroup, StageTemplate, Taxonomy
from generator.problems import Problem
from generator.rules import check_text
from generator.schema import Found, check_schema
from generator.suggest import did_you_mean
from generator.tree import Content

_SEPARATORS = re.compile(r"[\s_\-]+")
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def norm(text: str) -> str:
    """The form names are compared in: case-, space-, hyphen- and underscore-insensitive."""
    return _SEPARATORS.sub("", text.casefold())


@dataclass(frozen=True)
class Index:
    """One vocabulary: normalised names (ids, aliases, labels) → canonical id."""

    ids: Mapping[str, str] = field(default_factory=dict)

    def resolve(self, text: str) -> str | None:
        """The canonical id `text` names, if any."""
        return self.ids.get(norm(text))

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Up to `limit` ids close to an unknown name, best first."""
        wanted = norm(text)
        out: list[str] = []
        for key in difflib.get_close_matches(wanted, list(self.ids), limit * 3, 0.75):
            if self.ids[key] not in out:
                out.append(self.ids[key])
        if len(wanted) >= 4:
            for key, id_ in sorted(self.ids.items()):
                if (wanted in key or (len(key) >= 4 and key in wanted)) and id_ not in out:
                    out.append(id_)
        return out[:limit]


@dataclass(frozen=True)
class Vocab:
    """Lookups for references from mentors and asks; None where the file could not be read."""

    skills: Index | None = None
    sectors: Index | None = None
    templates: Index | None = None


def _id(entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return None
    value = entry.get("id")
    ok = isinstance(value, str) and not isinstance(value, Typed) and ID_PATTERN.fullmatch(value)
    return value if ok else None


def _text(entry: dict[str, Any], key: str, default: str = "") -> str:
    value = entry.get(key)
    return value if isinstance(value, str) and not isinstance(value, Typed) else default


def _strings(entry: dict[str, Any], key: str) -> list[tuple[int, str]]:
    value = entry.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, str) and item.strip()]


def _entries(
    found: Found, items: Any, where: FieldPath, what: str
) -> list[tuple[int, str, dict[str, Any]]]:
    """Entries with a usable id; a repeated id is a problem at the repeat."""
    seen: dict[str, int] = {}
    out = []
    for index, entry in enumerate(items if isinstance(items, list) else []):
        id_ = _id(entry)
        if id_ is None:
            continue
        if id_ in seen:
            first = found.raw.where((*where, seen[id_], "id"))[0]
            found.at(
                (*where, index, "id"),
                f"duplicate {what} id {id_!r} (first on line {first})",
                "give each one a different id",
            )
            continue
        seen[id_] = index
        out.append((index, id_, entry))
    return out


def _check_texts(found: Found, entries: list[tuple[int, str, dict]], where: FieldPath) -> None:
    """Labels, descriptions and aliases are shown on the site: the same text rules as entries."""
    for index, _, entry in entries:
        texts = [((*where, index, name), entry.get(name)) for name in ("label", "description")]
        aliases = entry.get("aliases")
        for i, alias in enumerate(aliases if isinstance(aliases, list) else ()):
            texts.append(((*where, index, "aliases", i), alias))
        for path, value in texts:
            plain = isinstance(value, str) and not isinstance(value, Typed)
            if plain and not found.has(path) and (verdict := check_text(value, multi_line=False)):
                found.at(path, *verdict)


def _skills(raw: RawFile) -> tuple[list[SkillGroup], list[Skill], Index | None, Found]:
    found = check_schema(raw, "skills")
    data = found.data if isinstance(found.data, dict) else {}
    group_entries = _entries(found, data.get("groups"), ("groups",), "group")
    _check_texts(found, group_entries, ("groups",))
    groups = [SkillGroup(id_, _text(e, "label", id_)) for _, id_, e in group_entries]
    group_ids = [g.id for g in groups]
    skills: list[Skill] = []
    names: dict[str, tuple[str, FieldPath, str]] = {}
    skill_entries = _entries(found, data.get("skills"), ("skills",), "skill")
    _check_texts(found, skill_entries, ("skills",))
    for index, id_, entry in skill_entries:
        group = _text(entry, "group")
        if group and group not in group_ids and not found.has(("skills", index, "group")):
            found.at(
                ("skills", index, "group"),
                f"unknown group {group!r}",
                did_you_mean(difflib.get_close_matches(group, group_ids, 3, 0.6))
                or "add it under groups:, or use one of the groups' ids",
            )
        aliases = _strings(entry, "aliases")
        for where, name in [(("skills", index, "id"), id_)] + [
            (("skills", index, "aliases", i), alias) for i, alias in aliases
        ]:
            key = norm(name)
            other = names.get(key)
            if other is not None and other[0] != id_:
                found.at(
                    where,
                    f"{name!r} of skill {id_!r} is also {other[2]!r} of skill {other[0]!r} "
                    f"(line {raw.where(other[1])[0]})",
                    "a name may belong to one skill only; remove or change one of them",
                )
            elif other is None:
                names[key] = (id_, where, name)
        skills.append(
            Skill(
                id_,
                _text(entry, "label", id_),
                group,
                _text(entry, "description"),
                tuple(alias for _, alias in aliases),
            )
        )
    index_ = (
        Index({key: id_ for key, (id_, _, _) in names.items()}) if raw.data is not None else None
    )
    return groups, skills, index_, found


def _list_vocab(raw: RawFile, name: str, what: str) -> tuple[list[tuple[int, str, dict]], Found]:
    found = check_schema(raw, name)
    entries = _entries(found, found.data, (), what)
    _check_texts(found, entries, ())
    return entries, found


def _index(entries: list[tuple[int, str, dict]], raw: RawFile) -> Index | None:
    if raw.data is None:
        return None
    ids: dict[str, str] = {}
    for _, id_, entry in entries:
        ids.setdefault(norm(_text(entry, "label")), id_)
    for _, id_, _entry in entries:
        ids[norm(id_)] = id_
    ids.pop("", None)
    return Index(ids)


def build_taxonomy(content: Content) -> tuple[Taxonomy, Vocab, tuple[Problem, ...]]:
    """The vocabularies as a Taxonomy, their lookups, and every problem in the three files."""
    groups, skills, skill_index, skill_found = _skills(content.skills)
    stage_entries, stage_found = _list_vocab(content.stages, "stages", "stage template")
    sector_entries, sector_found = _list_vocab(content.sectors, "sectors", "sector")
    templates = []
    for index, id_, entry in stage_entries:
        suggested: list[str] = []
        for i, name in _strings(entry, "suggested_skills"):
            skill = skill_index.resolve(name) if skill_index else name
            if skill is None:
                hint = did_you_mean(skill_index.suggest(name)) if skill_index else ""
                stage_found.at(
                    (index, "suggested_skills", i),
                    f"unknown skill {name!r}",
                    hint or "use a skill id from content/skills.yml",
                )
            elif skill not in suggested:
                suggested.append(skill)
        templates.append(
            StageTemplate(
                id_, _text(entry, "label", id_), _text(entry, "description"), tuple(suggested)
            )
        )
    sectors = [Sector(id_, _text(entry, "label", id_)) for _, id_, entry in sector_entries]
    taxonomy = Taxonomy(tuple(groups), tuple(skills), tuple(templates), tuple(sectors))
    vocab = Vocab(
        skill_index, _index(sector_entries, content.sectors), _index(stage_entries, content.stages)
    )
    problems = (
        *content.skills.problems,
        *content.stages.problems,
        *content.sectors.problems,
        *skill_found.problems(),
        *stage_found.problems(),
        *sector_found.problems(),
    )
    return taxonomy, vocab, tuple(problems)
