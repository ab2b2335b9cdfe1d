"""The Big List of Naughty Strings in every free-text field: a clear Problem, or shown verbatim."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from generator.mailto import mailto
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


@pytest.mark.parametrize("i", range(len(STRINGS)))
def test_mailto_fields_decode_exactly(i: int) -> None:
    """mailto(address, s, s): one recipient; parse_qs gives back s (line breaks as CRLF)."""
    value = STRINGS[i]
    link = mailto("ana@example.org", value, value)
    parts = urlsplit(link)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "ana@example.org")
    expected = {"subject": [crlf(value)], "body": [crlf(value)]}
    assert parse_qs(parts.query, keep_blank_values=True) == expected


def _decode(href: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)


def test_site_mailto_links_carry_the_text_exactly(result: Sweep) -> None:
    """Every accepted name/title reaches its page's mailto link intact and adds no header."""
    wrong: list[str] = []
    for key, slug in sorted(result.accepted.items()):
        i, kind, field = key
        if field not in ("name", "title", "stages[0].title", "contact.name"):
            continue
        value = STRINGS[i].strip()
        address, query = _decode(mailtos(page_of(result, kind, slug).html)[0])
        if sorted(query) != ["body", "subject"] or address != f"{slug}@example.org":
            wrong.append(f"{slug}: {address!r} {sorted(query)}")
            continue
        subject, body = query["subject"][0], query["body"][0]
        if kind == "mentor" or field == "contact.name":
            ok = body.startswith(f"Hello {value},\r\n")
        else:
            ok = value in subject and value in body
        if not ok:
            wrong.append(f"{slug} {field}: {value!r} not intact in {subject!r} / {body!r}")
    assert wrong == [], wrong


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
