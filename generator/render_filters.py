"""The files behind the `/asks/` and `/mentors/` filters: a bitset per value, cards in chunks."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import urls
from .model import FORMATS, Ask, Mentor
from .render_lists import ask_card
from .view import FORMAT_LABELS, Asset, View
from .when import region, zone_text

FIRST = 100  # cards a filtered list shows (cg.js SHOWN): a value's first entries are one file
CHUNK = 10  # card records per chunk file: results scattered over the list cost ≤ FIRST chunks
MENTOR_FIELDS = ("skill", "sector", "format", "language", "region", "template")
ASK_FIELDS = ("skill", "sector", "format", "template")
# Mentors who help by video, phone or email can help from anywhere (a location filter keeps them).
REMOTE = frozenset({"video", "call", "email"}) & frozenset(FORMATS)


@dataclass(frozen=True)
class Entry:
    """One list entry as its filters see it: its card record, values per field and location."""

    record: dict[str, object]
    values: dict[str, tuple[str, ...]]
    location: str
    remote: bool = False


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _bitset(positions: Iterable[int], count: int) -> str:
    """Base64 of ceil(count / 8) bytes; position p is bit `1 << p % 8` of byte `p // 8`."""
    bits = bytearray((count + 7) // 8)
    for p in positions:
        bits[p >> 3] |= 1 << (p & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def _cards(positions: Iterable[int], entries: Sequence[Entry]) -> str:
    at = list(positions)
    return _json({"at": at, "items": [entries[p].record for p in at]})


def _mentor(m: Mentor, view: View, types: dict[str, set[str]]) -> Entry:
    record: dict[str, object] = {"u": urls.relative(urls.MENTORS_FILTERS, urls.mentor(m.slug))}
    record.update(n=m.name, h=m.headline, s=m.skills, o=m.location, f=m.formats)
    if m.timezone:
        record["z"] = zone_text(m.timezone, view.directory.today)
    values = {
        "skill": m.skills,
        "sector": m.sectors,
        "format": m.formats,
        "language": m.languages,
        "region": (zone_region,) if (zone_region := region(m.timezone)) else (),
        # A stage type keeps mentors with any of its suggested skills.
        "template": tuple(t for t, skills in types.items() if skills & set(m.skills)),
    }
    return Entry(record, values, m.location, bool(REMOTE & set(m.formats)))


def _ask(a: Ask) -> Entry:
    card = ask_card(a)
    record: dict[str, object] = {"u": urls.relative(urls.ASKS_FILTERS, urls.ask(a.slug))}
    record.update(n=a.title, h=a.organisation.name, s=card.skills, o=a.location)
    record.update(d=a.posted.isoformat(), k=card.stages)
    values = {
        "skill": card.skills,
        "sector": a.sectors,
        "format": card.formats,
        "template": card.templates,
    }
    return Entry(record, values, a.location)


def _files(kind: str, folder: str, entries: Sequence[Entry], view: View) -> list[Asset]:
    """Every filter file of one list (see `indexes`)."""
    count = len(entries)
    assets: list[Asset] = []
    values: dict[str, list[str]] = {}
    for name in MENTOR_FIELDS if kind == "mentors" else ASK_FIELDS:
        holders: dict[str, list[int]] = {}
        for p, entry in enumerate(entries):
            for value in dict.fromkeys(entry.values[name]):
                holders.setdefault(value, []).append(p)
        values[name] = sorted(holders)
        for i, value in enumerate(values[name]):
            positions = holders[value]
            assets.append(Asset(f"{folder}{name}-{i}.json", _json(_bitset(positions, count))))
            first = _cards(positions[:FIRST], entries)
            assets.append(Asset(f"{folder}{name}-{i}-first.json", first))
    at_place: dict[str, list[int]] = {}
    for p, entry in enumerate(entries):
        at_place.setdefault(entry.location, []).append(p)
    names = sorted(at_place, key=lambda n: (-len(at_place[n]), n))  # most common: short numbers
    number = {n: j for j, n in enumerate(names)}
    place: dict[str, object] = {"names": names, "at": [number[e.location] for e in entries]}
    if kind == "mentors":
        place["remote"] = _bitset((p for p, e in enumerate(entries) if e.remote), count)
    assets.append(Asset(f"{folder}place.json", _json(place)))
    for j, name in enumerate(names):
        if name:
            first = _cards(at_place[name][:FIRST], entries)
            assets.append(Asset(f"{folder}place-{j}-first.json", first))
    for k in range(0, count, CHUNK):
        chunk = range(k, min(k + CHUNK, count))
        assets.append(Asset(f"{folder}chunk-{k // CHUNK}.json", _cards(chunk, entries)))
    tax = view.directory.taxonomy
    labels = {"skills": {s.id: s.label for s in tax.skills}, "formats": dict(FORMAT_LABELS)}
    meta = {"v": 2, "kind": kind, "count": count, "chunk": CHUNK, "first": FIRST}
    meta.update(labels=labels, values=values)
    assets.append(Asset(f"{folder}meta.json", _json(meta)))
    return assets


def indexes(view: View) -> list[Asset]:
    """The filter files of `/mentors/` (`mentors/filter_data/`) and `/asks/` (`asks/filter_data/`).

    What the first use of a filter downloads stays small and, but for the location filter's
    table, does not grow with the directory: `meta.json`, one bitset per chosen value and the
    cards of that value's first entries. All JSON; positions are places in the paginated list
    (active entries only, in list order), 0 to `count` − 1. File names hold only a field name and
    numbers, never contributor text.

    - `meta.json`: `{"v": 2, "kind": "mentors"|"asks", "count": entries, "chunk": CHUNK,
      "first": FIRST, "labels": {"skills": {id: label}, "formats": {id: label}}, "values":
      {field: [value, …]}}`; fields `skill`, `sector`, `format`, `template`, and for mentors
      `language` and `region`; a field lists (sorted) only the values some entry has.
    - `<field>-<i>.json`: the entries with `values[field][i]`, as a base64 bitset (a JSON string)
      of ceil(count / 8) bytes: position p is bit `1 << p % 8` of byte `p // 8`. An ask's formats
      are those any open stage accepts; a mentor's `template` is any of the stage type's
      suggested skills; `region` is the time zone's region.
    - `<field>-<i>-first.json`, `place-<j>-first.json` (a non-empty location) and
      `chunk-<k>.json` (positions k·CHUNK to k·CHUNK + CHUNK − 1): card records, as
      `{"at": [position, …], "items": [record, …]}`, of the value's (the location's) first FIRST
      entries, or of a chunk.
    - `place.json`: `{"names": [location as written, …], "at": [index into names per position],
      "remote": bitset (mentors) of those offering video, call or email}`, names most common
      first ("" for none): the location filter matches a substring, case-insensitively.

    Records: `u` URL relative to the folder (`../food-bank-bid/`), `n` name or title, `h`
    headline or organisation name, `s` skill ids (an ask: those of its open stages), `o`
    location as written; mentors: `f` format ids and `z` time zone with its UTC offset on the
    build date (`"Europe/London (UTC+0)"`, absent without one); asks: `d` posted date and `k`
    open stages.

    Why this split (measured at 10,000 mentors + 10,000 asks, 8,728 and 8,191 listed): a
    bitset is 1.4 KB whatever the value's size (the most common language covers every mentor),
    where one file per field would cost the skill field 150 KB; a value's first cards are one
    file of 17–29 KB; so one chosen value costs 25–35 KB with meta.json. A location adds
    place.json (24 KB here; it grows with the entries, ~20 bytes each when every location
    differs) and its place's first cards: 52 KB. Several filters whose results scatter load
    chunks (2.5 KB each) for cards no first file holds: at most FIRST, ~190 KB measured.
    """
    types = {t.id: set(t.suggested_skills) for t in view.directory.taxonomy.stage_templates}
    mentors = [_mentor(m, view, types) for m in view.active_mentors]
    asks = [_ask(a) for a in view.open_asks]
    return [
        *_files("mentors", urls.MENTORS_FILTERS, mentors, view),
        *_files("asks", urls.ASKS_FILTERS, asks, view),
    ]
