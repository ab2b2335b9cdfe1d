"""`python -m generator new`: valid files out, invalid answers refused, nothing overwritten."""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import new
from generator.load import parse_text
from generator.validate import build_directory
from generator.yamltext import Date, to_yaml

REPO = Path(__file__).resolve().parents[1]
TODAY = datetime(2026, 3, 2, 12, tzinfo=UTC)

MENTOR_OPTIONS = [
    "--name", "Ana Souza",
    "--headline", "Trust fundraiser, 10 years of bids",
    "--email", "ana@example.org",
    "--skills", "bid writing, budgeting",
    "--formats", "call, video",
    "--consent", "yes",
]  # fmt: skip

ANA = """\
# yaml-language-server: $schema=../../generator/schemas/mentor.schema.json
# A CrowdGuru mentor profile: every field is explained in docs/fields.md.
# Check it with: python -m generator check content/mentors/ana-souza.yml
name: "Ana Souza"
headline: "Trust fundraiser, 10 years of bids"
email: "ana@example.org"
skills: ["bid writing", "budgeting"]
formats: ["call", "video"]
confirmed: 2026-03-02
consent: true
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the real vocabularies, no mentors or asks, and a fixed build date."""
    for name in ("skills.yml", "stages.yml", "sectors.yml"):
        (tmp_path / "content").mkdir(exist_ok=True)
        shutil.copy(REPO / "content" / name, tmp_path / "content" / name)
    (tmp_path / "content" / "mentors").mkdir()
    (tmp_path / "content" / "asks").mkdir()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(TODAY.timestamp())))
    return tmp_path


def validator_says(root: Path, folder: str, text: str, field: str | None = None) -> list[str]:
    """What check says about a hand-written file (only about `field`, when given)."""
    probe = root / "content" / folder / "probe.yml"
    probe.write_text(text, encoding="utf-8")
    try:
        problems = build_directory(root, TODAY.date()).problems
    finally:
        probe.unlink()
    return [
        f"{p.field}: {p.message}" + (f" ({p.hint})" if p.hint else "")
        for p in problems
        if p.path.endswith("/probe.yml") and field in (None, p.field)
    ]


def run_new(root: Path, argv: list[str], answers: str = "") -> tuple[int, str, str]:
    """Run `new` with `answers` on standard input: (exit status, questions shown, errors)."""
    parser = argparse.ArgumentParser()
    new.add_parser(parser.add_subparsers())
    args = parser.parse_args(["new", *argv, "--root", str(root)])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        status = new.run(args, src=io.StringIO(answers), out=out)
    return status, out.getvalue(), err.getvalue()


def test_non_interactive_mentor_writes_a_valid_file(root: Path) -> None:
    """Options only: the exact file is written and passes check."""
    status, _, err = run_new(root, ["mentor", "--yes", *MENTOR_OPTIONS])
    assert (status, err) == (0, "")
    assert (root / "content/mentors/ana-souza.yml").read_text(encoding="utf-8") == ANA
    validated = build_directory(root, TODAY.date())
    assert validated.problems == ()
    assert validated.directory.mentors[0].skills == ("bid-writing", "budgeting")


def test_schema_line_points_at_the_validators_schema() -> None:
    """The relative $schema path, seen from content/mentors/, is generator/schemas/."""
    relative = new.SCHEMA_LINE.format(kind="mentor").split("$schema=")[1].strip()
    schema = (REPO / "content" / "mentors" / relative).resolve()
    assert schema == REPO / "generator" / "schemas" / "mentor.schema.json"
    assert schema.is_file()


def test_invalid_answers_are_refused_with_the_validators_messages(root: Path) -> None:
    """Non-interactive: every bad answer gets check's own message and nothing is written."""
    argv = ["mentor", "--yes", "--name", "Eve", "--headline", "Helper",
            "--email", "eve@@example.org", "--skills", "bid writng", "--formats", "phone",
            "--hours-per-month", "99"]  # fmt: skip
    status, _, err = run_new(root, argv)
    same_file = (
        'name: Eve\nheadline: Helper\nemail: "eve@@example.org"\nskills: [bid writng]\n'
        "formats: [phone]\nhours_per_month: 99\nconfirmed: 2026-03-02\n"
    )
    expected = sorted(f"new: {line}" for line in validator_says(root, "mentors", same_file))
    assert len(expected) == 5  # email, skills[0], formats[0], hours_per_month, consent
    assert status == 1
    assert err.splitlines()[-1] == "new: 5 problems; nothing written"
    assert sorted(err.splitlines()[:-1]) == expected
    assert list((root / "content/mentors").iterdir()) == []


def test_yes_no_answers_are_read_before_the_validator(root: Path) -> None:
    """A yes/no field takes yes/y/true or no/n/false; anything else is refused as such."""
    status, _, err = run_new(root, ["mentor", "--yes", *MENTOR_OPTIONS, "--available", "maybe"])
    assert status == 1
    assert err.splitlines() == [
        "new: available: 'maybe' is not an answer to a yes/no question (answer yes or no)",
        "new: 1 problem; nothing written",
    ]


def test_consent_must_be_given_explicitly_and_be_yes(root: Path) -> None:
    """`--consent no` is refused; so is leaving it out."""
    options = [*MENTOR_OPTIONS[:-2], "--consent", "no"]
    status, _, err = run_new(root, ["mentor", "--yes", *options])
    assert status == 1
    said = validator_says(root, "mentors", "consent: false\n", "consent")
    assert err.splitlines() == [f"new: {said[0]}", "new: 1 problem; nothing written"]
    status, _, err = run_new(root, ["mentor", "--yes", *MENTOR_OPTIONS[:-2]])
    said = validator_says(root, "mentors", "name: x\n", "consent")
    assert (status, err.splitlines()) == (1, [f"new: {said[0]}", "new: 1 problem; nothing written"])


def test_interactive_answers_are_asked_again_until_valid(root: Path) -> None:
    """A refused answer shows the validator's message and the question is asked again."""
    answers = "\n".join([
        "Zoë O'Brien", "Youth work mentor",
        "I run a youth club.", "", "Ask me about volunteers.", ".",  # bio, ended by "."
        "not-an-email", "zoe@example.org",
        "bid writng", "bid writing, volunteer management",
        "call", "", "yes", "Leeds, UK", "", "", "", "",  # formats … confirmed
        "", "", "", "", "",  # away_until, timezone, booking_url, github, links
        "", "no", "yes",  # consent: empty, no, yes
    ]) + "\n"  # fmt: skip
    status, shown, err = run_new(root, ["mentor"], answers)
    assert (status, err) == (0, "")
    refused = [line.strip() for line in shown.splitlines() if "refused:" in line]
    says = [
        ("email (required)", validator_says(root, "mentors", "email: not-an-email\n", "email")),
        (
            "skills (required)",
            validator_says(root, "mentors", "skills: [bid writng]\n", "skills[0]"),
        ),
        ("consent (yes/no, required)", validator_says(root, "mentors", "name: x\n", "consent")),
        (
            "consent (yes/no, required)",
            validator_says(root, "mentors", "consent: false\n", "consent"),
        ),
    ]
    assert refused == [f"{question}:   refused: {said[0]}" for question, said in says]
    assert f"\nname — {new.rule('mentor', ('name',))}\nname (required): " in shown
    expected = """\
# yaml-language-server: $schema=../../generator/schemas/mentor.schema.json
# A CrowdGuru mentor profile: every field is explained in docs/fields.md.
# Check it with: python -m generator check content/mentors/zoe-o-brien.yml
name: "Zoë O'Brien"
headline: "Youth work mentor"
bio: |-
  I run a youth club.

  Ask me about volunteers.
email: "zoe@example.org"
skills: ["bid writing", "volunteer management"]
formats: ["call"]
third_sector: true
location: "Leeds, UK"
confirmed: 2026-03-02
consent: true
"""
    assert expected == (root / "content/mentors/zoe-o-brien.yml").read_text(encoding="utf-8")
    assert build_directory(root, TODAY.date()).problems == ()


def test_an_existing_file_is_never_overwritten(root: Path) -> None:
    """Same slug: exit 1 and the old file is untouched; interactive asks for another name."""
    target = root / "content/mentors/ana-souza.yml"
    target.write_text("name: old\n", encoding="utf-8")
    options = [*MENTOR_OPTIONS]
    options[options.index("ana@example.org")] = "ana.s@example.org"
    status, _, err = run_new(root, ["mentor", "--yes", *options])
    assert status == 1
    assert err == (
        "new: content/mentors/ana-souza.yml already exists; it is never overwritten; "
        "choose another --slug\n"
    )
    assert target.read_text(encoding="utf-8") == "name: old\n"
    # bio, then sectors … links: the questions the options did not answer
    skipped = ".\n" + "\n" * 12
    status, shown, err = run_new(root, ["mentor", *options], skipped + "ana-souza-2\n")
    assert (status, err) == (0, "")
    assert "refused: content/mentors/ana-souza.yml already exists" in shown
    assert target.read_text(encoding="utf-8") == "name: old\n"
    assert (root / "content/mentors/ana-souza-2.yml").is_file()


def test_duplicate_email_is_refused_across_files(root: Path) -> None:
    """The one-profile-per-email rule of check applies to the new file too."""
    assert run_new(root, ["mentor", "--yes", *MENTOR_OPTIONS])[0] == 0
    status, _, err = run_new(root, ["mentor", "--yes", "--slug", "ana-2", *MENTOR_OPTIONS])
    assert status == 1
    assert err.splitlines()[0] == (
        "new: email: 'ana@example.org' is also the email of content/mentors/ana-souza.yml "
        "(one profile per person: keep one file and delete the other)"
    )


def test_a_name_cannot_inject_keys(root: Path) -> None:
    """A line break with `consent: false` stays inside the name, which is then refused."""
    options = [*MENTOR_OPTIONS]
    options[1] = 'Eve"\nconsent: false\nemail: x@example.org #'
    status, _, err = run_new(root, ["mentor", "--yes", "--slug", "eve", *options])
    assert status == 1
    assert err.startswith("new: name: 'Eve\"\\nconsent: false\\nemail: x@example.org #' runs")
    text = to_yaml({"name": options[1], "consent": True})
    assert text == 'name: |-\n  Eve"\n  consent: false\n  email: x@example.org #\nconsent: true\n'
    assert {"name": options[1], "consent": True} == parse_text(text, "x.yml").data


def test_non_interactive_ask_with_stages(root: Path) -> None:
    """An ask from options, `--stage` parsed (with an escaped |), valid under check."""
    argv = ["ask", "--yes", "--title", "Our first funding bid",
            "--organisation-name", "Ashford Youth Club",
            "--summary", "We run a club.\n\nWe need a bid.",
            "--contact-name", "Sam Lee", "--contact-email", "sam@example.org",
            "--posted", "2026-03-01", "--consent", "yes",
            "--stage", "title=Should we apply? | need=A call: this fund \\| or another | "
                       "skills=bid writing, budgeting | template=decide",
            "--stage", "title=Read our draft | need=Comments by email | skills=copy-editing | "
                       "formats=email"]  # fmt: skip
    status, _, err = run_new(root, argv)
    assert (status, err) == (0, "")
    expected = """\
# yaml-language-server: $schema=../../generator/schemas/ask.schema.json
# A CrowdGuru ask: every field is explained in docs/fields.md.
# Check it with: python -m generator check content/asks/our-first-funding-bid.yml
title: "Our first funding bid"
organisation:
  name: "Ashford Youth Club"
summary: |-
  We run a club.

  We need a bid.
contact:
  name: "Sam Lee"
  email: "sam@example.org"
posted: 2026-03-01
stages:
  - title: "Should we apply?"
    template: "decide"
    need: "A call: this fund | or another"
    skills: ["bid writing", "budgeting"]
  - title: "Read our draft"
    need: "Comments by email"
    skills: ["copy-editing"]
    formats: ["email"]
consent: true
"""
    path = root / "content/asks/our-first-funding-bid.yml"
    assert expected == path.read_text(encoding="utf-8")
    assert build_directory(root, TODAY.date()).problems == ()


def test_ask_without_stages_or_with_a_bad_stage_option(root: Path) -> None:
    """No --stage: the validator's missing-field message; an unknown part: a usage message."""
    status, _, err = run_new(root, ["ask", "--yes", "--stage", "title=x | cost=5"])
    assert status == 1
    assert "new: --stage: 'cost=5' is not one of title, template, need, skills, formats=…" in err
    status, _, err = run_new(root, ["ask", "--yes"])
    assert "new: stages: missing required field 'stages'" in err


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Zoë O'Brien", "zoe-o-brien"),
        ("  Ask: £5k for   the roof!  ", "ask-5k-for-the-roof"),
        ("数据", ""),
        ("a" * 70, "a" * 60),
        ("word " * 20, "-".join(["word"] * 12)),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    """Slugs are ASCII, lowercase, hyphenated and at most 60 characters."""
    assert slug == new.slugify(text)


@given(
    st.dictionaries(
        st.sampled_from(["name", "bio", "summary"]),
        st.text(max_size=40) | st.lists(st.text(max_size=10), max_size=3),
        min_size=1,
    )
)
def test_any_text_reads_back_exactly(mapping: dict) -> None:
    """Whatever the text, the YAML written reads back as the same values and keys."""
    text = to_yaml(mapping)
    assert mapping == parse_text(text, "x.yml").data


def test_dates_are_unquoted_only_when_they_look_like_dates() -> None:
    """`2026-03-01` is written as a date; anything else is quoted, so it cannot inject."""
    text = to_yaml({"posted": Date("2026-03-01"), "expires": Date("soon\nconsent: false")})
    assert text == 'posted: 2026-03-01\nexpires: "soon\\nconsent: false"\n'


@pytest.mark.parametrize(
    ("doc", "counts"), [("CONTRIBUTING.md", (1, 1)), ("docs/contribute.md", (1, 0))]
)
def test_documented_examples_pass_check(root: Path, doc: str, counts: tuple[int, int]) -> None:
    """Every complete example file in the contributor docs is valid, as `new` would write it."""
    text = (REPO / doc).read_text(encoding="utf-8")
    blocks = [
        "\n".join(line.strip("\n")[len(indent) :] for line in body.splitlines())
        for indent, body in re.findall(r"^( *)```yaml\n(.*?)^ *```", text, re.M | re.S)
    ]
    assert blocks
    for number, block in enumerate(blocks):
        folder = "mentors" if block.splitlines()[0].endswith("mentor.schema.json") else "asks"
        (root / "content" / folder / f"example-{number}.yml").write_text(block, encoding="utf-8")
    validated = build_directory(root, TODAY.date())
    assert validated.problems == ()
    assert (len(validated.directory.mentors), len(validated.directory.asks)) == counts


def test_interactive_ask_asks_stage_by_stage(root: Path) -> None:
    """Stages are asked one after another until the answer to "another stage?" is no."""
    answers = "\n".join([
        "Our first bid", "Ashford Youth Club", "", "1234567", "We need a bid.", ".",
        "Sam Lee", "sam@example.org", "youth", "", "", "", "",  # … posted, expires, reply
        "Should we apply?", "decide", "A call.", ".", "bid writing", "",  # stage 1
        "yes",
        "Read our draft", "", "Comments.", ".", "copy editng", "copy-editing", "email",  # 2
        "no", "yes",  # another stage? consent
    ]) + "\n"  # fmt: skip
    status, shown, err = run_new(root, ["ask"], answers)
    assert (status, err) == (0, "")
    said = validator_says(
        root, "asks", "stages: [{skills: [copy editng]}]\n", "stages[0].skills[0]"
    )
    assert [line.split("refused: ")[1] for line in shown.splitlines() if "refused:" in line] == [
        said[0].replace("stages[0]", "stages[1]")
    ]
    assert shown.count("Add another stage? (yes/no): ") == 2
    expected = """\
# yaml-language-server: $schema=../../generator/schemas/ask.schema.json
# A CrowdGuru ask: every field is explained in docs/fields.md.
# Check it with: python -m generator check content/asks/our-first-bid.yml
title: "Our first bid"
organisation:
  name: "Ashford Youth Club"
  charity_number: "1234567"
summary: "We need a bid."
contact:
  name: "Sam Lee"
  email: "sam@example.org"
sectors: ["youth"]
posted: 2026-03-02
stages:
  - title: "Should we apply?"
    template: "decide"
    need: "A call."
    skills: ["bid writing"]
  - title: "Read our draft"
    need: "Comments."
    skills: ["copy-editing"]
    formats: ["email"]
consent: true
"""
    assert (root / "content/asks/our-first-bid.yml").read_text(encoding="utf-8") == expected
    assert build_directory(root, TODAY.date()).problems == ()


def test_questions_follow_the_schemas() -> None:
    """Every schema field is asked (bar `status`), in schema order, typed from the schema."""
    from generator.new import ASK_FIELDS, MENTOR_FIELDS, STAGE_FIELDS, fields_of
    from generator.schema import load_schema

    mentor = [(".".join(map(str, f.path)), f.kind, f.required) for f in MENTOR_FIELDS]
    assert mentor[12:17] == [
        ("confirmed", "date", True),
        ("away_until", "date", False),
        ("timezone", "text", False),
        ("booking_url", "text", False),
        ("github", "text", False),
    ]
    assert [f.path for f in MENTOR_FIELDS] == [(k,) for k in load_schema("mentor")["properties"]]
    ask = {".".join(map(str, f.path)): (f.kind, f.required) for f in ASK_FIELDS}
    assert ask["organisation.name"] == ("text", True)
    assert ask["organisation.website"] == ("text", False)
    assert ask["reply_within_days"] == ("int", False)
    assert ask["stages"] == ("stages", True)
    assert "status" not in ask
    assert [(f.path[0], f.kind) for f in STAGE_FIELDS] == [
        ("title", "text"),
        ("template", "text"),
        ("need", "multiline"),
        ("skills", "list"),
        ("formats", "list"),
    ]
    extra = {"type": "object", "required": ["x"], "properties": {"x": {"type": "integer"}}}
    assert [(f.path, f.kind, f.required) for f in fields_of(extra)] == [(("x",), "int", True)]


def test_new_mentor_asks_for_break_zone_booking_and_github(root: Path) -> None:
    """away_until, timezone, booking_url and github are asked for, checked and written."""
    argv = ["mentor", "--yes", *MENTOR_OPTIONS, "--away-until", "2026-04-01",
            "--timezone", "Europe/Lisbon", "--booking-url", "https://cal.example/ana",
            "--github", "ana-souza"]  # fmt: skip
    status, _, err = run_new(root, argv)
    assert (status, err) == (0, "")
    (mentor,) = build_directory(root, TODAY.date()).directory.mentors
    assert (mentor.away_until, mentor.timezone, mentor.booking_url, mentor.github) == (
        date(2026, 4, 1),
        "Europe/Lisbon",
        "https://cal.example/ana",
        "ana-souza",
    )
    assert mentor.away


def test_new_refuses_a_bad_time_zone_with_the_validators_message(root: Path) -> None:
    """An unknown zone is refused as check refuses it."""
    status, _, err = run_new(
        root, ["mentor", "--yes", *MENTOR_OPTIONS, "--timezone", "Europe/Lisbn"]
    )
    said = validator_says(root, "mentors", "timezone: Europe/Lisbn\n", "timezone")
    assert status == 1
    assert said and said[0] in err
