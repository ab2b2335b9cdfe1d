"""The files behind the /asks/ and /mentors/ filters agree with the directory's entries."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace

import pytest

from generator.model import Ask, Directory, Mentor
from generator.render import Site, render_site
from generator.render_filters import CHUNK, FIRST
from generator.when import zone_text
from tests.listed import (
    ASK_FIELDS,
    MENTOR_FIELDS,
    REMOTE,
    ask_values,
    holders,
    listed_asks,
    listed_mentors,
    members,
    mentor_values,
)
from tests.test_render import small, synthetic

SAFE_NAME = re.compile(r"(meta|place|chunk-\d+|[a-z]+-\d+|[a-z]+-\d+-first)\.json")


def filter_files(site: Site, kind: str) -> dict[str, object]:
    """A list's filter files, parsed, by name inside its folder."""
    folder = f"{kind}/filter_data/"
    return {
        a.src_uri.removeprefix(folder): json.loads(a.content)
        for a in site.assets
        if a.src_uri.startswith(folder)
    }


def mentor_record(m: Mentor, d: Directory) -> dict[str, object]:
    """What a mentor's card shows, as the filter files hold it."""
    record = {"u": f"../{m.slug}/", "n": m.name, "h": m.headline, "s": list(m.skills)}
    record |= {"o": m.location, "f": list(m.formats)}
    return record | ({"z": zone_text(m.timezone, d.today)} if m.timezone else {})


def ask_record(a: Ask) -> dict[str, object]:
    """What an ask's card shows: its open stages' skills and how many there are."""
    stages = [s for s in a.stages if s.status == "open"]
    skills = list(dict.fromkeys(k for s in stages for k in s.skills))
    record = {"u": f"../{a.slug}/", "n": a.title, "h": a.organisation.name, "s": skills}
    return record | {"o": a.location, "d": a.posted.isoformat(), "k": len(stages)}


def expected(d: Directory, kind: str) -> tuple[list, list[dict], dict[str, dict], list[dict]]:
    """(entries in list order, their values per field, holders per field, card records)."""
    if kind == "mentors":
        entries: list = listed_mentors(d)
        values = [mentor_values(m, d) for m in entries]
        return (
            entries,
            values,
            holders(values, MENTOR_FIELDS),
            [mentor_record(m, d) for m in entries],
        )
    entries = listed_asks(d)
    values = [ask_values(a) for a in entries]
    return entries, values, holders(values, ASK_FIELDS), [ask_record(a) for a in entries]


@pytest.fixture(scope="module")
def mid() -> tuple[Directory, Site]:
    """300 mentors and 300 asks: popular values hold more than FIRST entries."""
    directory, matches = synthetic(300, 300, seed=4)
    with_zones = tuple(
        replace(m, timezone=("Europe/London", "America/New_York", "")[i % 3])
        for i, m in enumerate(directory.mentors)
    )
    directory = replace(directory, mentors=with_zones)
    return directory, render_site(directory, matches)


@pytest.mark.parametrize("kind", ["mentors", "asks"])
def test_each_value_bitset_holds_exactly_its_entries(
    mid: tuple[Directory, Site], kind: str
) -> None:
    """meta.json lists every value some entry has; its bitset holds exactly those positions."""
    directory, site = mid
    files = filter_files(site, kind)
    entries, _, found, _ = expected(directory, kind)
    meta = files["meta.json"]
    assert (meta["v"], meta["kind"], meta["count"]) == (2, kind, len(entries))
    assert {name: sorted(by_value) for name, by_value in found.items()} == meta["values"]
    actual = {
        name: {v: members(files[f"{name}-{i}.json"], len(entries)) for i, v in enumerate(values)}
        for name, values in meta["values"].items()
    }
    assert actual == found
    assert any(len(p) > FIRST for by_value in found.values() for p in by_value.values())


@pytest.mark.parametrize("kind", ["mentors", "asks"])
def test_cards_are_in_chunks_and_first_files(mid: tuple[Directory, Site], kind: str) -> None:
    """Chunks hold every card in list order; a value's or place's first file its first FIRST."""
    directory, site = mid
    files = filter_files(site, kind)
    entries, _, found, records = expected(directory, kind)
    chunks = [files[f"chunk-{k}.json"] for k in range(-(-len(entries) // CHUNK))]
    assert [p for c in chunks for p in c["at"]] == list(range(len(entries)))
    assert [r for c in chunks for r in c["items"]] == records
    assert all(len(c["at"]) <= CHUNK for c in chunks)
    meta = files["meta.json"]
    for name, values in meta["values"].items():
        for i, value in enumerate(values):
            first = files[f"{name}-{i}-first.json"]
            assert first["at"] == found[name][value][:FIRST]
            assert first["items"] == [records[p] for p in first["at"]]
    place = files["place.json"]
    assert [place["names"][j] for j in place["at"]] == [e.location for e in entries]
    for j, name in enumerate(place["names"]):
        at = [p for p, e in enumerate(entries) if e.location == name][:FIRST]
        assert (f"place-{j}-first.json" in files) == bool(name)
        if name:
            assert files[f"place-{j}-first.json"]["at"] == at
    if kind == "mentors":
        remote = [p for p, m in enumerate(entries) if REMOTE & set(m.formats)]
        assert members(place["remote"], len(entries)) == remote
    labels = {"skills": {s.id: s.label for s in directory.taxonomy.skills}}
    assert labels["skills"] == meta["labels"]["skills"]


def test_the_files_are_exactly_those_the_values_name() -> None:
    """No other file, no old index, and names hold numbers only, whatever the values say."""
    directory, matches = small()
    ann, bob, cat = directory.mentors
    bob = replace(bob, languages=("../../evil", "en"), location="../../etc/passwd <b>")
    directory = replace(directory, mentors=(ann, bob, cat))
    site = render_site(directory, matches)
    for kind in ("mentors", "asks"):
        files = filter_files(site, kind)
        entries, _, found, _ = expected(directory, kind)
        chunks = range(-(-len(entries) // CHUNK))
        names = {"meta.json", "place.json", *(f"chunk-{k}.json" for k in chunks)}
        for name, by_value in found.items():
            names |= {
                f"{name}-{i}{end}.json" for i in range(len(by_value)) for end in ("", "-first")
            }
        count = Counter(e.location for e in entries)
        places = sorted(count, key=lambda n: (-count[n], n))  # most common first
        assert files["place.json"]["names"] == places
        names |= {f"place-{j}-first.json" for j, place in enumerate(places) if place}
        assert set(files) == names
        assert all(SAFE_NAME.fullmatch(n) for n in files), sorted(files)
    assert not [a.src_uri for a in site.assets if a.src_uri.endswith("index.json")]
    meta = filter_files(site, "mentors")["meta.json"]
    assert "../../evil" in meta["values"]["language"]
