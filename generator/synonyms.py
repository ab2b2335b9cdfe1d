"""Words people type for a skill (generator/data/skill-synonyms.yml): "did you mean" hints only."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import cache
from importlib.resources import files

import yaml

from generator.suggest import norm


@cache
def _table() -> Mapping[str, tuple[str, ...]]:
    text = (files("generator") / "data" / "skill-synonyms.yml").read_text("utf-8")
    raw = yaml.load(text, Loader=yaml.CSafeLoader) or {}
    return {norm(str(word)): tuple(str(i) for i in ids) for word, ids in raw.items()}


def skill_synonyms(known: Collection[str]) -> Mapping[str, tuple[str, ...]]:
    """Normalised word → the skill ids to suggest for it, keeping only ids in `known`."""
    found = {}
    for word, ids in _table().items():
        kept = tuple(i for i in ids if i in known)
        if kept:
            found[word] = kept
    return found


def lookup(table: Mapping[str, tuple[str, ...]], wanted: str) -> tuple[str, ...]:
    """The suggestions for a normalised word, or for it without a plural "s"."""
    return table.get(wanted) or (table.get(wanted[:-1], ()) if wanted.endswith("s") else ())
