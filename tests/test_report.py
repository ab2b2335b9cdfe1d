"""`python -m generator report`: exact Markdown for a known change in a real git repository."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.cli import main
from generator.markdown import md
from generator.validate import build_directory
from tests.gitrepo import first_commit, git

TODAY = datetime(2026, 3, 2, 12, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[1]

SKILLS = """\
groups:
  - {id: fundraising, label: Fundraising}
  - {id: comms, label: Communications}
skills:
  - {id: bid-writing, label: Bid writing, group: fundraising, aliases: [grant writing]}
  - {id: budgeting, label: Budgeting, group: fundraising}
  - {id: copy-editing, label: Copy-editing, group: comms}
  - {id: social-media, label: Social media, group: comms}
"""
STAGES = "- {id: decide, label: Decide}\n"
SECTORS = "- {id: youth, label: Young people}\n"


def mentor(name: str, skills: str, formats: str = "call, email", **extra: str) -> str:
    """A valid mentor file."""
    email = name.split()[0].lower() + "@example.org"
    more = "".join(f"{key}: {value}\n" for key, value in extra.items())
    return (
        f'name: "{name}"\nheadline: Helps charities\nemail: {email}\nskills: [{skills}]\n'
        f"formats: [{formats}]\nconfirmed: 2026-01-10\n{more}consent: true\n"
    )


CLUB_BID = """\
title: Our first funding bid
organisation: {name: Ashford Youth Club}
summary: We need a bid.
contact: {name: Sam Lee, email: sam@example.org}
posted: 2026-02-01
stages:
  - {title: Should we apply?, need: A call., skills: [bid-writing]}
  - {title: Read our draft, need: Comments., skills: [copy-editing]}
consent: true
"""
NEW_WEBSITE = """\
title: "A new website <b>now</b>"
organisation: {name: Ashford Youth Club}
summary: Our site is old.
contact: {name: Sam Lee, email: sam@example.org}
posted: 2026-02-20
stages:
  - {title: Plan posts, need: Ideas., skills: [social-media]}
  - {title: Costs, need: A budget by email., skills: [budgeting], formats: [email]}
  - {title: Done already, need: Nothing., skills: [copy-editing], status: done}
consent: true
"""


def write(repo: Path, files: dict[str, str]) -> None:
    """Write files under `repo`, creating folders."""
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository: `main` holds a base directory; branch `change` is checked out."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(TODAY.timestamp())))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    write(
        tmp_path,
        {
            "content/skills.yml": SKILLS,
            "content/stages.yml": STAGES,
            "content/sectors.yml": SECTORS,
            "content/mentors/ana-souza.yml": mentor("Ana Souza", "bid-writing, budgeting"),
            "content/mentors/ben-okafor.yml": mentor("Ben Okafor", "copy-editing"),
            "content/mentors/cat-jones.yml": mentor("Cat Jones", "social-media"),
            "content/asks/club-bid.yml": CLUB_BID,
            "mkdocs.yml": "site_name: Test\n",
            "docs/about.md": "# About\n",
        },
    )
    first_commit(tmp_path)
    git(tmp_path, "checkout", "-q", "-b", "change")
    return tmp_path


def report(repo: Path, *argv: str) -> tuple[int, str]:
    """Run the command line's `report` and capture what it prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["report", "--root", str(repo), *argv])
    return status, out.getvalue()


HOSTILE = "Dee <img src=x onerror=alert(1)> [win](https://evil.example) @octocat ![i](x)"


def known_change(repo: Path) -> None:
    """Add, change and remove files on the `change` branch; leave an invalid file uncommitted."""
    hostile = HOSTILE
    write(
        repo,
        {
            "content/mentors/dee-example.yml": mentor(hostile, "grant writing", "email"),
            "content/mentors/ben-okafor.yml": mentor("Ben Okafor", "copy-editing, social-media"),
            "content/asks/new-website.yml": NEW_WEBSITE,
            "mkdocs.yml": "site_name: Changed\n",
            "docs/about.md": "# About us\n",
        },
    )
    (repo / "content/mentors/cat-jones.yml").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")
    (repo / "content/mentors/eve.yml").write_text(
        mentor("Eve", "budgeting").replace("consent: true", "consent: false"), encoding="utf-8"
    )


def test_report_of_a_known_change(repo: Path) -> None:
    """Added, changed and removed files; the verdict; matches; files outside content/."""
    known_change(repo)
    base = git(repo, "rev-parse", "main").strip()[:12]
    (problem,) = build_directory(repo, TODAY.date()).problems
    consent = (
        f"- `content/mentors/eve.yml:7:10` **consent**: {md(problem.message)} ({md(problem.hint)})"
    )
    assert (problem.path, problem.line, problem.field) == ("content/mentors/eve.yml", 7, "consent")
    website = r"\<b\>now\<\/b\>"
    status, text = report(repo, "--base", "main", "--format", "markdown")
    dee = (
        r"Dee \<img src\=x onerror\=alert\(1\)\> \[win\]\(https\:\/\/evil\.example\) "
        "\\@\u2060octocat \\!\\[i\\]\\(x\\)"
    )
    expected = f"""\
## CrowdGuru: what this change does

Compared with `main` (merge base `{base}`), as of 2026-03-02.

### Files

| change | file |
|---|---|
| added | `content/asks/new-website.yml` |
| added | `content/mentors/dee-example.yml` |
| added | `content/mentors/eve.yml` |
| changed | `content/mentors/ben-okafor.yml` |
| changed | `docs/about.md` |
| changed | `mkdocs.yml` |
| removed | `content/mentors/cat-jones.yml` |

### Check

❌ 1 problem in 1 file (3 valid mentors and 2 valid asks):

{consent}

### Mentors

#### Ben Okafor — `content/mentors/ben-okafor.yml` (changed)

Skills: Copy\\-editing, Social media.
Consent: yes, to publish this profile, email address included.

Can help with 2 open stages:

- A new website {website} — stage 1: Plan posts (exact: Social media)
- Our first funding bid — stage 2: Read our draft (exact: Copy\\-editing)

#### {dee} — `content/mentors/dee-example.yml` (added)

Skills: Bid writing.
Consent: yes, to publish this profile, email address included.

Can help with 2 open stages:

- Our first funding bid — stage 1: Should we apply\\? (exact: Bid writing)
- A new website {website} — stage 2: Costs (related: Bid writing)

### Asks

#### A new website {website} — `content/asks/new-website.yml` (added)

Organisation: Ashford Youth Club.
Consent: yes, to publish the contact's name and email address.

| stage | can help | top helpers |
|---|---|---|
| 1. Plan posts | 1 (1 exact · 0 related) | Ben Okafor |
| 2. Costs | 2 (1 exact · 1 related) | Ana Souza, {dee} |
| 3. Done already | — (done) | |

Whole-task pool: 0 mentors; staged pool: 3 mentors (breaking the task into stages widens \
who can help).

### ⚠️ Needs careful review

This change touches files outside `content/`. Files marked **runs code** are executed by the \
build or CI (MkDocs config and hooks, the generator, workflows, scripts, tests, packaging):

- `docs/about.md` (changed)
- `mkdocs.yml` (changed) — **runs code**
"""
    assert (status, text) == (0, expected)


def test_tests_ci_and_packaging_run_code(repo: Path) -> None:
    """tests/, .ci/, .github/, the Makefile and packaging are flagged **runs code**; docs not."""
    paths = [
        ".ci/run",
        ".github/CODEOWNERS",
        ".github/workflows/x.yml",
        "Makefile",
        "docs/guide.md",
        "package-lock.json",
        "pyproject.toml",
        "scripts/x.py",
        "tests/conftest.py",
        "tests/data/x.yml",
        "tests/test_x.py",
    ]
    write(repo, {path: "x\n" for path in paths})
    status, text = report(repo, "--format", "markdown")
    section = text.split("### ⚠️ Needs careful review")[1]
    flagged = [line for line in section.splitlines() if line.startswith("- ")]
    assert status == 0
    assert flagged == [
        f"- `{path}` (added)" + ("" if path.startswith("docs/") else " — **runs code**")
        for path in paths
    ]


def test_default_base_and_unknown_base(repo: Path) -> None:
    """Without --base: main (no origin here); an unknown REF is a usage error (exit 2)."""
    status, text = report(repo, "--format", "markdown")
    assert status == 0
    assert "Compared with `main`" in text
    assert "No files changed." in text
    assert "✅ No problems (3 valid mentors and 1 valid asks)." in text
    assert report(repo, "--base", "no-such-branch") == (2, "")


def test_possible_duplicate_of_a_changed_file_is_a_warning(repo: Path) -> None:
    """A second profile under a known name: a warning section, and the check still passes."""
    (repo / "content/mentors/ana-2.yml").write_text(
        mentor("ANA  SOUZA", "budgeting").replace("ana@", "ana.souza@"), encoding="utf-8"
    )
    status, text = report(repo, "--base", "main", "--format", "markdown")
    message = (
        "'ANA SOUZA' is also the name of content/mentors/ana-souza.yml, with skills in common "
        "(budgeting)"
    )
    hint = (
        "the same person under two addresses? keep one profile and delete the other; if they "
        "are different people, ignore this warning"
    )
    section = f"""\
### Check

✅ No problems (4 valid mentors and 1 valid asks).

### ⚠️ Possible duplicates

Warnings: they do not fail the check.

- `content/mentors/ana-2.yml:1:7` **name**: {md(message)} ({md(hint)})

### Mentors
"""
    assert status == 0
    assert section in text
    assert "content/mentors/ana-souza.yml:1:7" not in text  # unchanged file: not this change's


def test_report_in_a_terminal_is_plain_text(repo: Path) -> None:
    """Without --format: no Markdown syntax or escapes; contributor text exactly as written."""
    known_change(repo)
    base = git(repo, "rev-parse", "main").strip()[:12]
    (problem,) = build_directory(repo, TODAY.date()).problems
    status, text = report(repo, "--base", "main")
    dee = HOSTILE
    top = "-" * len(f"Ana Souza, {dee}")
    expected = f"""\
CrowdGuru: what this change does
================================

Compared with main (merge base {base}), as of 2026-03-02.

Files
-----

  change   file
  -------  -------------------------------
  added    content/asks/new-website.yml
  added    content/mentors/dee-example.yml
  added    content/mentors/eve.yml
  changed  content/mentors/ben-okafor.yml
  changed  docs/about.md
  changed  mkdocs.yml
  removed  content/mentors/cat-jones.yml

Check
-----

❌ 1 problem in 1 file (3 valid mentors and 2 valid asks):

- content/mentors/eve.yml:7:10 consent: {problem.message} ({problem.hint})

Mentors
-------

Ben Okafor — content/mentors/ben-okafor.yml (changed)

Skills: Copy-editing, Social media.
Consent: yes, to publish this profile, email address included.

Can help with 2 open stages:

- A new website <b>now</b> — stage 1: Plan posts (exact: Social media)
- Our first funding bid — stage 2: Read our draft (exact: Copy-editing)

{dee} — content/mentors/dee-example.yml (added)

Skills: Bid writing.
Consent: yes, to publish this profile, email address included.

Can help with 2 open stages:

- Our first funding bid — stage 1: Should we apply? (exact: Bid writing)
- A new website <b>now</b> — stage 2: Costs (related: Bid writing)

Asks
----

A new website <b>now</b> — content/asks/new-website.yml (added)

Organisation: Ashford Youth Club.
Consent: yes, to publish the contact's name and email address.

  stage            can help                 top helpers
  ---------------  -----------------------  {top}
  1. Plan posts    1 (1 exact · 0 related)  Ben Okafor
  2. Costs         2 (1 exact · 1 related)  Ana Souza, {dee}
  3. Done already  — (done)

Whole-task pool: 0 mentors; staged pool: 3 mentors (breaking the task into stages widens \
who can help).

⚠️ Needs careful review
-----------------------

This change touches files outside content/. Files marked runs code are executed by the build \
or CI (MkDocs config and hooks, the generator, workflows, scripts, tests, packaging):

- docs/about.md (changed)
- mkdocs.yml (changed) — runs code
"""
    assert (status, text) == (0, expected)
    assert ("\\" in text, "**" in text) == (False, False)


def test_report_into_the_step_summary_is_markdown(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing into $GITHUB_STEP_SUMMARY (as CI does with >>) gives Markdown without asking."""
    summary = tmp_path / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    command = [sys.executable, "-m", "generator", "report", "--root", str(repo), "--base", "main"]
    with summary.open("a", encoding="utf-8") as out:
        subprocess.run(command, stdout=out, check=True, cwd=REPO)
    assert summary.read_text("utf-8").startswith("before\n## CrowdGuru: what this change does\n")
    to_terminal = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
    assert to_terminal.stdout.startswith("CrowdGuru: what this change does\n=====")
