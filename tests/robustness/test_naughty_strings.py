"""The Big List of Naughty Strings in every free-text field: a clear Problem, or shown verbatim."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from tests.contact_links import mailtos

from .batch import ASK_FIELDS as ASKS
from .batch import MENTOR_FIELDS as MENTORS
from .batch import Key, Sweep, page_of, same, shown, sweep
from .conftest import naughty_strings
from .html_tree import parse

STRINGS = naughty_strings()


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Sweep:
    """One batch: every string in every field, validated, matched and rendered once."""
    return sweep(tmp_path_factory.mktemp("naughty"), STRINGS)


def crlf(text: str) -> str:
    """Line breaks as RFC 6068 wants them in a mailto field."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def _refusal_is_clear(result: Sweep, key: Key) -> None:
    _, kind, field = key
    slug, problems = result.refused[key]
    line = result.lines[slug][field]
    for problem in problems:
        assert (problem.path, problem.field, problem.line) == (
            f"content/{kind}s/{slug}.yml",
            field,
            line,
        ), str(problem)
        assert problem.message
        assert problem.hint


@pytest.mark.parametrize("i", range(len(STRINGS)))
def test_naughty_string(result: Sweep, i: int) -> None:
    """String i: in each field either refused with a located Problem, or shown exactly."""
    value = STRINGS[i]
    wrong: list[str] = []
    for kind, fields in (("mentor", MENTORS), ("ask", ASKS)):
        for field in fields:
            key = (i, kind, field)
            if key in result.refused:
                _refusal_is_clear(result, key)
                continue
            page = page_of(result, kind, result.accepted[key])
            actual = shown(page.html, field)
            if not same(field, actual, value):
                wrong.append(f"{kind}.{field}: {value!r} shown as {actual!r}")
    assert wrong == [], wrong


def _split(href: str) -> tuple[str, str, str]:
    """(address, subject, body) exactly as written: `mailto:ADDRESS?subject=…&body=…`."""
    assert href.startswith("mailto:"), href
    path, query = href.removeprefix("mailto:").split("?", 1)
    parts = query.split("&")
    assert [p.split("=", 1)[0] for p in parts] == ["subject", "body"], href
    return path, parts[0].removeprefix("subject="), parts[1].removeprefix("body=")


def _field(text: str) -> str:
    """RFC 6068 encoding of a subject or body: UTF-8, %20 for space, %0D%0A per line break."""
    return quote(crlf(text), safe="")


# Each string's exact encoding in mailto() itself: tests/test_mailto_exact.py.


def test_site_mailto_links_carry_the_text_exactly(result: Sweep) -> None:
    """Every accepted name/title reaches its page's mailto link intact and adds no header."""
    wrong: list[str] = []
    for key, slug in sorted(result.accepted.items()):
        i, kind, field = key
        if field not in ("name", "title", "stages[0].title", "contact.name"):
            continue
        value = STRINGS[i].strip()
        address, subject, body = _split(mailtos(page_of(result, kind, slug).html)[0])
        if address != f"{slug}@example.org":
            wrong.append(f"{slug}: {address!r}")
            continue
        if kind == "mentor" or field == "contact.name":
            ok = body.startswith(_field(f"Hello {value},\n"))
        else:
            ok = _field(value) in subject and _field(value) in body
        if not ok:
            wrong.append(f"{slug} {field}: {value!r} not intact in {subject!r} / {body!r}")
    assert wrong == [], wrong


# Length limits from SPEC / the JSON Schemas, written down here.
LIMITS = {
    ("mentor", "name"): 80,
    ("mentor", "headline"): 120,
    ("mentor", "bio"): 1500,
    ("mentor", "location"): 80,
    ("ask", "title"): 120,
    ("ask", "summary"): 1500,
    ("ask", "organisation.name"): 120,
    ("ask", "organisation.charity_number"): 40,
    ("ask", "contact.name"): 80,
    ("ask", "location"): 80,
    ("ask", "stages[0].title"): 100,
    ("ask", "stages[0].need"): 600,
}
# How many strings each field must accept at least (the known-valid subset, counted when set).
FLOORS = {"bio": 489, "summary": 489, "stages[0].need": 489, "organisation.charity_number": 262}


INVISIBLE_PRINTABLE = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")


def known_valid(text: str, limit: int, multi_line: bool) -> bool:
    """Plainly valid text: not blank, within the limit, every character printable (Python's
    definition: no control, format, private-use, unassigned or separator other than space),
    plus line feeds in multi-line fields."""
    printable = all(c.isprintable() or (multi_line and c == "\n") for c in text)
    # Printable to Python but invisible to readers (Default_Ignorable_Code_Point): SPEC refuses
    # them; the Zalgo line carries U+034F COMBINING GRAPHEME JOINER.
    ignorable = any(c in INVISIBLE_PRINTABLE for c in text)
    return printable and not ignorable and text.strip() != "" and len(text) <= limit


@pytest.mark.parametrize(("kind", "field"), list(LIMITS), ids=[f"{k}.{f}" for k, f in LIMITS])
def test_known_valid_strings_are_accepted(result: Sweep, kind: str, field: str) -> None:
    """The floor: every plainly valid string is accepted in the field (a validator refusing
    everything, or refusing too much, fails here)."""
    multi = field in ("bio", "summary", "stages[0].need")
    valid = {i for i, text in enumerate(STRINGS) if known_valid(text, LIMITS[kind, field], multi)}
    refused = sorted(i for i in valid if (i, kind, field) in result.refused)
    assert [(i, STRINGS[i]) for i in refused] == []
    assert len(valid) >= FLOORS.get(field, 477)


def test_every_string_is_accounted_for(result: Sweep) -> None:
    """Each string × field is refused or accepted, and the accepted ones validate cleanly."""
    keys = {
        (i, kind, field)
        for i in range(len(STRINGS))
        for kind, fields in (("mentor", MENTORS), ("ask", ASKS))
        for field in fields
    }
    assert set(result.refused) | set(result.accepted) == keys
    assert set(result.refused) & set(result.accepted) == set()
    # Warnings are allowed: naughty strings such as "True" and "true" are the same name.
    assert [p for p in result.final_problems if p.is_error] == []


def test_no_markup_from_strings_in_anypage_of(result: Sweep) -> None:
    """No page gains an event handler, script, frame or foreign element from the strings."""
    wrong: list[str] = []
    for page in result.site.pages:
        for element in parse(page.html).iter():
            handlers = [a for a in element.attrs if a.startswith("on")]
            if handlers or element.tag in FOREIGN:
                wrong.append(f"{page.src_uri}: <{element.tag} {handlers}>")
            href = element.attrs.get("href") or ""
            if href and urlsplit(href).scheme not in ("", "http", "https", "mailto"):
                wrong.append(f"{page.src_uri}: href {href!r}")
    assert wrong == [], wrong


# The templates make forms and inputs (filters) but none of these.
FOREIGN = frozenset(
    ["script", "iframe", "object", "embed", "svg", "math", "img", "base", "meta", "link", "style"]
)


def test_corpus_is_complete() -> None:
    """All 515 strings of the vendored list are read (the empty string included)."""
    assert (len(STRINGS), STRINGS[0]) == (515, "")


def test_batch_root(tmp_path: Path) -> None:
    """The batch keeps a string that needs no escaping exactly (a check of the harness itself)."""
    small = sweep(tmp_path, ["Zoë O'Brien & <Co>"])
    assert small.refused == {}
    page = page_of(small, "mentor", "m0")
    assert shown(page.html, "name") == "Zoë O'Brien & <Co>"
    assert "Zoë O&#39;Brien &amp; &lt;Co&gt;" in page.html
