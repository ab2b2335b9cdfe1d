"""Validation: one fixture per failure mode with its exact messages, and the valid directory."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator import build_date
from generator.languages import LANGUAGE_NAMES
from generator.load import RawFile, Typed, parse_text
from generator.model import Contact, Mentor, Organisation, Stage
from generator.schema import QUICK, SCHEMA_DIR, SCHEMAS, VALIDATORS
from generator.tree import Content, load_content
from generator.validate import build_directory, validate

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = FIXTURES / "invalid"
TODAY = date(2026, 6, 1)
EXPECT = "# expect: "


def make_tree(root: Path, files: dict[str, bytes] | None = None) -> Path:
    """A content tree: the tiny test taxonomy, the valid fixtures, then `files` on top."""
    content = root / "content"
    shutil.copytree(FIXTURES / "taxonomy", content)
    shutil.copytree(FIXTURES / "valid", content, dirs_exist_ok=True)
    for relative, data in (files or {}).items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_bytes(data)
    return root


def expectations(data: bytes, prefix: str) -> list[str]:
    """The `# expect:` lines at the top of a fixture, as full problem lines."""
    out = []
    for line in data.decode("utf-8", errors="replace").splitlines():
        if not line.startswith(EXPECT):
            break
        rest = line.removeprefix(EXPECT)
        out.append(rest if rest.startswith("content/") else prefix + rest)
    return out


def single_cases() -> list[tuple[str, Path]]:
    return [
        (kind, path) for kind in ("mentors", "asks") for path in sorted((INVALID / kind).iterdir())
    ]


def tree_cases() -> list[Path]:
    return sorted((INVALID / "trees").iterdir())


def test_there_is_a_fixture_for_every_failure_mode() -> None:
    """At least 35 failure modes, each expecting at least one problem."""
    cases = [path for _, path in single_cases()] + tree_cases()
    assert len(cases) >= 35
    for path in cases:
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        assert any(expectations(f.read_bytes(), "") for f in files), path


@pytest.mark.parametrize(("kind", "fixture"), single_cases(), ids=lambda v: getattr(v, "name", v))
def test_invalid_file(tmp_path: Path, kind: str, fixture: Path) -> None:
    """Each invalid file yields exactly the problems its `# expect:` lines state."""
    data = fixture.read_bytes()
    root = make_tree(tmp_path, {f"{kind}/{fixture.name}": data})
    expected = expectations(data, f"content/{kind}/{fixture.name}:")
    actual = [str(problem) for problem in build_directory(root, TODAY).problems]
    assert sorted(expected) == sorted(actual)


@pytest.mark.parametrize("case", tree_cases(), ids=lambda p: p.name)
def test_invalid_tree(tmp_path: Path, case: Path) -> None:
    """Cross-file and vocabulary cases: files laid over the base tree, problems as stated."""
    files = {str(p.relative_to(case)): p.read_bytes() for p in case.rglob("*") if p.is_file()}
    root = make_tree(tmp_path, files)
    expected = [line for data in files.values() for line in expectations(data, "")]
    actual = [str(problem) for problem in build_directory(root, TODAY).problems]
    assert sorted(expected) == sorted(actual)


def test_valid_fixtures_build_the_expected_directory(tmp_path: Path) -> None:
    """Aliases, labels and case are mapped to canonical ids; defaults are filled in."""
    validated = build_directory(make_tree(tmp_path), TODAY)
    assert validated.problems == ()
    mentors = {m.slug: m for m in validated.directory.mentors}
    assert list(mentors) == ["ana-silva", "ben-okafor", "chloe-bennett"]
    assert (
        Mentor(
            slug="ana-silva",
            path="content/mentors/ana-silva.yml",
            name="Ana Silva",
            headline="Trust fundraiser, ten years of bids",
            email="Ana.Silva@example.org",
            skills=("bid-writing", "budgeting", "copywriting"),
            formats=("call", "video"),
            confirmed=date(2026, 5, 1),
            bio="I raised money from trusts for youth charities in Leeds.\n\n"
            "Notes at https://example.org/ana — and emoji are fine: 👩\u200d💻",
            sectors=("youth", "health"),
            third_sector=True,
            location="Leeds, UK",
            languages=("en", "pt", "no"),
            hours_per_month=4,
            available=True,
            links=("https://example.org/ana", "http://example.org:8080/ana?x=1#top"),
            stale=False,
        )
        == mentors["ana-silva"]
    )
    assert (
        mentors["ben-okafor"].stale,
        mentors["ben-okafor"].languages,
        mentors["ben-okafor"].hours_per_month,
    ) == (True, ("en",), None)
    assert (
        mentors["chloe-bennett"].available,
        mentors["chloe-bennett"].stale,
        mentors["chloe-bennett"].skills,
    ) == (False, False, ("strategy", "market-research"))


def test_valid_asks(tmp_path: Path) -> None:
    """Stages are numbered from 1; expires defaults to posted + 90 days; expired is past it."""
    asks = {a.slug: a for a in build_directory(make_tree(tmp_path), TODAY).directory.asks}
    bid = asks["riverside-bid"]
    assert (
        Organisation("Riverside Food Bank", "https://riverside.example.org", "1012345"),
        Contact("Pat Jones", "pat@riverside.example.org"),
        date(2026, 5, 15),
        True,
    ) == (bid.organisation, bid.contact, bid.expires, bid.expired)
    assert (
        Stage(
            2,
            "Answering the questions",
            "Read our draft answers and help us make them sharper.",
            ("bid-writing",),
            template="draft",
            status="matched",
        )
        == bid.stages[1]
    )
    assert [(s.number, s.template, s.formats) for s in bid.stages] == [
        (1, "decide", ("call", "video")),
        (2, "draft", ()),
        (3, "", ()),
    ]
    small = asks["small-ask"]
    assert (date(2026, 8, 18), False, "open", ("copywriting",)) == (
        small.expires,
        small.expired,
        small.status,
        small.stages[0].skills,
    )


def _mentor_file(confirmed: str) -> bytes:
    return (
        f"name: Dee\nheadline: Mentor\nemail: dee@example.org\nskills: [strategy]\n"
        f"formats: [call]\nconfirmed: {confirmed}\nconsent: true\n"
    ).encode()


@pytest.mark.parametrize(("confirmed", "stale"), [("2025-06-01", False), ("2025-05-31", True)])
def test_stale_after_365_days(tmp_path: Path, confirmed: str, stale: bool) -> None:
    """Confirmed exactly 365 days ago is fine; 366 days ago is stale."""
    root = make_tree(tmp_path, {"mentors/dee.yml": _mentor_file(confirmed)})
    mentors = {m.slug: m for m in build_directory(root, TODAY).directory.mentors}
    assert stale == mentors["dee"].stale


def test_expired_only_after_expiry_day(tmp_path: Path) -> None:
    """An ask is still current on its expiry date and expired the day after."""
    root = make_tree(tmp_path)
    on_day = {a.slug: a.expired for a in build_directory(root, date(2026, 5, 15)).directory.asks}
    after = {a.slug: a.expired for a in build_directory(root, date(2026, 5, 16)).directory.asks}
    assert (on_day["riverside-bid"], after["riverside-bid"]) == (False, True)


def test_python_object_apply_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The `!!python/object/apply` payload is refused, and the directory it would make is absent."""
    fixture = INVALID / "mentors" / "yaml-python-apply.yml"
    payload_dir = tmp_path / "work"
    payload_dir.mkdir()
    monkeypatch.chdir(payload_dir)
    root = make_tree(tmp_path / "tree", {"mentors/yaml-python-apply.yml": fixture.read_bytes()})
    problems = build_directory(root, TODAY).problems
    assert len(problems) == 1
    assert not (payload_dir / "crowdguru-payload-ran").exists()
    # The same text through PyYAML's unsafe loader does run it: the check above can fail.
    yaml.load(fixture.read_text(encoding="utf-8"), Loader=yaml.UnsafeLoader)
    assert (payload_dir / "crowdguru-payload-ran").is_dir()


def test_symlinked_content_file_is_refused(tmp_path: Path) -> None:
    """A mentor file that is a symbolic link is a problem, and its target is not read."""
    root = make_tree(tmp_path)
    target = tmp_path / "elsewhere.yml"
    target.write_bytes(_mentor_file("2026-05-01"))
    (root / "content" / "mentors" / "dee.yml").symlink_to(target)
    assert [str(p) for p in build_directory(root, TODAY).problems] == [
        "content/mentors/dee.yml:1:1: error: the file is a symbolic link "
        "(replace it with a regular file)"
    ]


def test_file_over_64_kib_is_refused_before_parsing(tmp_path: Path) -> None:
    """A file over 64 KiB is reported by size, whatever it holds."""
    big = _mentor_file("2026-05-01") + b"#" * 70_000 + b"\n"
    root = make_tree(tmp_path, {"mentors/dee.yml": big})
    assert [
        f"content/mentors/dee.yml:1:1: error: the file is {len(big):,} bytes; the limit is "
        "65,536 (64 KiB) (shorten the text fields)"
    ] == [str(p) for p in build_directory(root, TODAY).problems]


def test_shipped_content_is_clean() -> None:
    """The repository's own content passes every check, as of the real build date (as `check`)."""
    root = Path(__file__).parent.parent
    validated = build_directory(root, build_date())
    assert [str(p) for p in validated.problems] == []
    assert len(validated.directory.mentors) >= 20
    assert len(validated.directory.asks) >= 8


def test_language_enum_matches_language_names() -> None:
    """The schema's language codes (the source of truth) all have names, and no others."""
    codes = SCHEMAS["mentor"]["properties"]["languages"]["items"]["enum"]
    assert sorted(LANGUAGE_NAMES) == codes
    assert len(codes) == 184


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    """Each schema is itself valid, closed, and has a stable $id."""
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert f"https://crowdguru.example/schema/{name}.json" == schema["$id"]


def test_quick_check_agrees_with_jsonschema_on_fixtures(tmp_path: Path) -> None:
    """Where the compiled check says valid, jsonschema finds nothing; valid files pass quickly."""
    content = load_content(make_tree(tmp_path))
    for raw, name in [(r, "mentor") for r in content.mentors] + [(r, "ask") for r in content.asks]:
        assert QUICK[name] is not None and QUICK[name](raw.data)
    for kind, name in (("mentors", "mentor"), ("asks", "ask")):
        for fixture in sorted((INVALID / kind).iterdir()):
            raw = parse_text(fixture.read_bytes().decode("utf-8", "replace"), fixture.name)
            if raw.data is not None and QUICK[name](raw.data):
                assert list(VALIDATORS[name].iter_errors(raw.data)) == [], fixture.name


@pytest.mark.parametrize(
    "data",
    [
        {"skills": {"a": 1}, "stages": "x", "links": {"a": None}, "email": ["a@b.org"]},
        {"stages": [None, [], {"skills": [[], {}], "template": [1]}, {"title": {}}]},
        {
            "organisation": [],
            "contact": {"email": 5},
            "posted": Typed("2026-01-01", "date"),
            "expires": Typed("2025-01-01", "date"),
        },
        {"name": Typed("no", "boolean"), "languages": [Typed("no", "boolean"), None]},
    ],
)
def test_odd_values_become_problems_not_exceptions(tmp_path: Path, data: dict) -> None:
    """Wrong shapes anywhere give Problems, never an exception or an internal error."""
    vocab = load_content(make_tree(tmp_path))
    content = Content(
        skills=vocab.skills,
        stages=vocab.stages,
        sectors=vocab.sectors,
        mentors=(RawFile("content/mentors/x.yml", data),),
        asks=(RawFile("content/asks/x.yml", data),),
    )
    problems = validate(content, TODAY).problems
    assert problems
    assert not [p for p in problems if "internal error" in p.message]


def _doc_example(heading: str) -> bytes:
    text = (Path(__file__).parent.parent / "docs" / "fields.md").read_text(encoding="utf-8")
    block = text.split(heading, 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    return block.encode()


def test_complete_examples_in_the_docs_are_valid(tmp_path: Path) -> None:
    """docs/fields.md's complete mentor and ask pass every check with the shipped vocabulary."""
    repo = Path(__file__).parent.parent
    content = tmp_path / "content"
    content.mkdir()
    for name in ("skills.yml", "stages.yml", "sectors.yml"):
        shutil.copy(repo / "content" / name, content / name)
    files = {
        "mentors/ana-silva.yml": _doc_example("### A complete mentor profile"),
        "asks/riverside-food-bank.yml": _doc_example("### A complete ask"),
    }
    for relative, data in files.items():
        (content / relative).parent.mkdir(exist_ok=True)
        (content / relative).write_bytes(data)
    validated = build_directory(tmp_path, TODAY)
    assert [str(p) for p in validated.problems] == []
    assert [len(validated.directory.mentors), len(validated.directory.asks)] == [1, 1]
    assert validated.directory.asks[0].stages[0].skills == (
        "strategy",
        "business-development",
        "market-research",
    )


@pytest.mark.parametrize(
    "name",
    [
        "می\u200cخواهم",  # Persian: ZWNJ is part of the spelling
        "Dee 👩\u200d💻",  # emoji ZWJ sequence
        "Dee 🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",  # Wales flag
        "\u200fدينا",  # right-to-left mark
    ],
)
def test_one_line_fields_keep_joiners_and_flags_real_names_need(tmp_path: Path, name: str) -> None:
    """Joiners, direction marks and flag tag sequences are accepted, and kept exactly."""
    body = (
        f"name: {json.dumps(name, ensure_ascii=False)}\nheadline: Mentor\nemail: dee@example.org\n"
        "skills: [strategy]\nformats: [call]\nconfirmed: 2026-05-01\nconsent: true\n"
    )
    root = make_tree(tmp_path, {"mentors/dee.yml": body.encode()})
    result = build_directory(root, date(2026, 11, 28))
    assert result.problems == ()
    assert [m.name for m in result.directory.mentors if m.slug == "dee"] == [name]


@pytest.mark.parametrize(
    ("away_until", "away"),
    [("2026-05-31", False), ("2026-06-01", False), ("2026-06-02", True), ("2027-06-01", True)],
)
def test_away_until_before_on_and_after_the_build_date(
    tmp_path: Path, away_until: str, away: bool
) -> None:
    """Away (not matched) strictly before `away_until`; from that date on, active again."""
    source = (FIXTURES / "valid" / "mentors" / "ana-silva.yml").read_text("utf-8")
    files = {"mentors/ana-silva.yml": f"{source}away_until: {away_until}\n".encode()}
    validated = build_directory(make_tree(tmp_path, files), TODAY)
    ana = next(m for m in validated.directory.mentors if m.slug == "ana-silva")
    assert (validated.problems, ana.away, ana.active) == ((), away, not away)
    assert ana.away_until == date.fromisoformat(away_until)


def test_new_optional_fields_are_kept(tmp_path: Path) -> None:
    """timezone, booking_url and github reach the model unchanged; reply_within_days too."""
    source = (FIXTURES / "valid" / "mentors" / "ana-silva.yml").read_text("utf-8")
    extra = "timezone: Europe/London\nbooking_url: https://cal.example.org/ana\ngithub: ana-s\n"
    files = {"mentors/ana-silva.yml": (source + extra).encode()}
    validated = build_directory(make_tree(tmp_path, files), TODAY)
    ana = next(m for m in validated.directory.mentors if m.slug == "ana-silva")
    actual = (validated.problems, ana.timezone, ana.booking_url, ana.github)
    assert actual == ((), "Europe/London", "https://cal.example.org/ana", "ana-s")
