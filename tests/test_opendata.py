"""Open data: files valid against their published schemas, reproducible, licensed, no addresses."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from generator import urls
from generator.model import Matches, Organisation
from generator.opendata import (
    ADDRESS_REMOVED,
    LICENCE,
    NAME_REMOVED,
    STAGE_COLUMNS,
    ask_records,
    scrub,
)
from generator.view import View
from tests.conftest import REPO, TODAY, Built, mkdocs_build
from tests.exports import EVIL, SITE_URL, assets, directory, exported_files, leaks

JSON_FILES = ("asks", "mentors", "skills")


def validator(files: dict[str, str], name: str) -> Draft202012Validator:
    """A validator for the published schema of data file `name`."""
    schema = json.loads(files[urls.data_schema(name)])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def rows(text: str) -> list[dict[str, str]]:
    """stages.csv as csv.DictReader reads it."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("site_url", [SITE_URL, ""])
def test_data_files_match_their_schemas(site_url: str) -> None:
    """Each JSON file, and each CSV row read as an object, is valid against its schema."""
    files = assets(site_url)
    for name in JSON_FILES:
        data = json.loads(files[urls.data_file(f"{name}.json")])
        errors = [e.message for e in validator(files, name).iter_errors(data)]
        assert errors == [], name
        assert data["version"] == 1
        assert data["licence"]["id"] == LICENCE.id
        assert data["schema"] == urls.data_schema(name)
        assert data["site_url"] == (site_url or None)
    check = validator(files, "stages")
    table = rows(files[urls.data_file("stages.csv")])
    assert table
    for row in table:
        assert [e.message for e in check.iter_errors(row)] == []


def test_schemas_refuse_an_email_field() -> None:
    """The schemas are closed: an export that grew `email` or `contact` would fail them."""
    files = assets()
    mentors = json.loads(files[urls.data_file("mentors.json")])
    mentors["mentors"][0]["email"] = "x@example.org"
    assert not validator(files, "mentors").is_valid(mentors)
    asks = json.loads(files[urls.data_file("asks.json")])
    asks["asks"][0]["contact"] = {"name": "x"}
    assert not validator(files, "asks").is_valid(asks)


def test_asks_json_holds_every_ask_and_stage() -> None:
    """Open, closed and expired asks, by slug; stage counts and gaps agree with matching."""
    found, matches = directory()
    data = json.loads(assets()[urls.data_file("asks.json")])
    assert [a["slug"] for a in data["asks"]] == sorted(a.slug for a in found.asks)
    by_slug = {a["slug"]: a for a in data["asks"]}
    assert by_slug["ask-071"]["status"] == "closed" and not by_slug["ask-071"]["open"]
    assert by_slug["ask-072"]["expired"] and not by_slug["ask-072"]["open"]
    for ask in found.asks:
        stages = by_slug[ask.slug]["stages"]
        assert [s["number"] for s in stages] == [s.number for s in ask.stages]
        for record, stage in zip(stages, ask.stages, strict=True):
            key = (ask.slug, stage.number)
            counted = ask.active and stage.status == "open"
            assert record["mentors"] == (len(matches.by_stage.get(key, ())) if counted else 0)
            assert record["gap"] == (key in matches.gaps)
            assert record["page"] == urls.stage(ask.slug, stage.number)


def test_mentors_json_holds_only_mentors_who_can_be_matched() -> None:
    """Stale, away and unavailable mentors are left out; no email, no GitHub name."""
    data = json.loads(assets()[urls.data_file("mentors.json")])
    assert [m["slug"] for m in data["mentors"]] == ["ann", "bob"]
    assert data["mentors"][0]["name"] == EVIL
    assert data["mentors"][1]["hours_per_month"] == 3
    assert all("email" not in m and "github" not in m for m in data["mentors"])


def test_skills_json_counts_supply_and_demand() -> None:
    """Per skill: mentors who can be matched, open stages that need it, and gaps."""
    found, matches = directory()
    data = json.loads(assets()[urls.data_file("skills.json")])
    skills = {s["id"]: s for s in data["skills"]}
    assert skills["budgeting"]["mentors"] == 1  # bob; cat is stale, dan away
    open_stages = [(a, s) for a in found.asks if a.active for s in a.stages if s.status == "open"]
    for skill_id, record in skills.items():
        needing = [(a, s) for a, s in open_stages if skill_id in s.skills]
        assert record["open_stages"] == len(needing)
        assert record["gaps"] == sum((a.slug, s.number) in matches.gaps for a, s in needing)
        assert record["feed"] == urls.skill_feed(skill_id)
    assert [g["id"] for g in data["groups"]] == ["fundraising", "money"]


def test_stages_csv_is_one_row_per_stage_and_defuses_formulas() -> None:
    """RFC 4180 with a header; a cell a spreadsheet would run as a formula starts with '."""
    found, _ = directory()
    text = assets()[urls.data_file("stages.csv")]
    assert text.startswith(",".join(STAGE_COLUMNS) + "\r\n")
    table = rows(text)
    assert len(table) == sum(len(a.stages) for a in found.asks)
    first = next(r for r in table if (r["ask"], r["stage"]) == ("ask-001", "1"))
    assert first["need"].startswith("'-2+3 ")
    assert first["organisation"] == EVIL and first["ask_title"] == EVIL
    assert all(r["licence"] == LICENCE.id for r in table)


def test_data_files_carry_no_address_or_contact_name() -> None:
    """Every address and contact name of the directory is absent from every exported file."""
    found, _ = directory()
    for path, text in assets().items():
        if path.startswith((urls.DATA, urls.SCHEMA)):
            assert leaks(text, found) == [], path
            assert "%40" not in text, path


def test_scrub_removes_addresses_and_the_contact_name() -> None:
    """Plain and trivially encoded addresses, and the ask's own contact name, in any case."""
    found, _ = directory()
    ask = found.asks[0]
    text = "Ask CASEY contact1 (contact1@asks.example, x%40y.org, a&#64;b.org, c＠d.org) now."
    removed = ", ".join([ADDRESS_REMOVED] * 4)
    assert scrub(text, ask) == f"Ask {NAME_REMOVED} ({removed}) now."
    assert scrub("Casey Contact10 is someone else", ask) == "Casey Contact10 is someone else"
    assert scrub("Mail me: ana.b+cg@mail.example.org.") == f"Mail me: {ADDRESS_REMOVED}."
    kept = "https://mastodon.social/@ana and @ana on GitHub, 3 @ £5"
    assert scrub(kept) == kept
    assert (
        scrub("https://x.example/?to=ana@x.example") == f"https://x.example/?to={ADDRESS_REMOVED}"
    )


def test_an_organisation_named_after_its_contact_is_not_exported_by_name() -> None:
    """A sole trader whose organisation is the contact's own name: the name goes everywhere."""
    found, _ = directory()
    ask = replace(found.asks[0], organisation=Organisation("Casey Contact1 Consulting"))
    records = ask_records(View(replace(found, asks=(ask,)), Matches()))
    assert records[0]["organisation"]["name"] == f"{NAME_REMOVED} Consulting"


def test_same_content_and_date_give_the_same_bytes() -> None:
    """Rendering twice gives identical data files and feeds."""
    first, second = assets(), assets()
    exported = [p for p in first if p.startswith((urls.DATA, urls.SCHEMA)) or p.endswith(".xml")]
    assert len(exported) > 8
    assert {p: first[p] for p in exported} == {p: second[p] for p in exported}


def _exports(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in exported_files(out)}


def test_built_exports_are_byte_identical_across_builds(
    shipped_site: Built, tmp_path: Path
) -> None:
    """A second `mkdocs build` of the same content at the same SOURCE_DATE_EPOCH: same bytes."""
    again = tmp_path / "site"
    result = mkdocs_build(REPO, again, site_url=shipped_site.url)
    assert result.returncode == 0, result.stderr
    first = _exports(shipped_site.out)
    assert {"data/asks.json", "data/stages.csv", "feeds/asks.xml"} <= set(first)
    assert _exports(again) == first
    asks = json.loads(first["data/asks.json"])
    assert asks["build_date"] == TODAY.isoformat()  # SOURCE_DATE_EPOCH, not the clock


def test_built_site_exports_no_address_or_contact_name(
    shipped_site: Built, hostile_site: Built
) -> None:
    """Scan every data file, schema and feed of both built sites for every address and contact
    name in their content (the YAML files themselves)."""
    for built in (shipped_site, hostile_site):
        secrets = set()
        for path in (built.root / "content").glob("*/*.yml"):
            data = yaml.safe_load(path.read_text("utf-8"))
            secrets.add(data.get("email", ""))
            contact = data.get("contact") or {}
            secrets.update({contact.get("email", ""), contact.get("name", "")})
        secrets.discard("")
        assert secrets
        files = exported_files(built.out)
        assert len(files) > 8
        for path in files:
            text = path.read_text("utf-8").casefold()
            forms = {f for s in secrets for f in (s, s.replace("@", "%40"))}
            found = [
                f for f in forms if re.search(rf"(?<!\w){re.escape(f.casefold())}(?!\w)", text)
            ]
            assert found == [], path


def test_data_page_lists_the_files(shipped_site: Built) -> None:
    """/data/ links each file and its schema, and they exist."""
    html = (shipped_site.out / "data" / "index.html").read_text("utf-8")
    for name in ("asks.json", "stages.csv", "mentors.json", "skills.json"):
        assert f'href="{name}"' in html
        assert (shipped_site.out / "data" / name).is_file()
    for name in ("asks", "stages", "mentors", "skills"):
        assert f'href="../schema/data-{name}.json"' in html
        assert (shipped_site.out / urls.data_schema(name)).is_file()
    assert LICENCE.url in html


def test_the_loading_example_in_the_docs_runs(shipped_site: Built) -> None:
    """docs/data.md's Python example, pointed at the served test site, loads both files."""
    text = (REPO / "docs" / "data.md").read_text("utf-8")
    code = text.split("```python\n")[1].split("```")[0]
    assert 'SITE = "https://crowdguru.example/"' in code
    code = code.replace('SITE = "https://crowdguru.example/"', f"SITE = {shipped_site.url!r}")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs/data.md", "exec"), {})
    lines = out.getvalue().splitlines()
    asks = json.loads((shipped_site.out / "data" / "asks.json").read_text("utf-8"))
    open_count = sum(a["open"] for a in asks["asks"])
    assert lines[0] == f"{open_count} open asks; licence: {LICENCE.id}"
    table = rows((shipped_site.out / "data" / "stages.csv").read_text("utf-8"))
    assert len(lines) - 1 == sum(r["gap"] == "true" for r in table)
