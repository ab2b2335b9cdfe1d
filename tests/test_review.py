"""`python -m generator review`: the weekly tracking issue's body, exactly."""

from __future__ import annotations

import contextlib
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.cli import main

TODAY = datetime(2026, 3, 2, 12, tzinfo=UTC)
VOCAB = {
    "content/skills.yml": (
        "groups: [{id: g, label: G}]\nskills: [{id: budgeting, label: B, group: g}]\n"
    ),
    "content/stages.yml": "- {id: decide, label: Decide}\n",
    "content/sectors.yml": "- {id: youth, label: Youth}\n",
}


def mentor(name: str, confirmed: str) -> str:
    """A valid mentor file confirmed on `confirmed`."""
    email = name.split()[0].lower().strip("@") + "@example.org"
    return (
        f'name: "{name}"\nheadline: Helps\nemail: {email}\nskills: [budgeting]\n'
        f"formats: [call]\nconfirmed: {confirmed}\nconsent: true\n"
    )


def ask(title: str, posted: str, extra: str = "") -> str:
    """A valid one-stage ask posted on `posted`."""
    return (
        f'title: "{title}"\norganisation: {{name: Club}}\nsummary: Help.\n'
        f"contact: {{name: Sam, email: sam@example.org}}\nposted: {posted}\n{extra}"
        "stages: [{title: One, need: Help., skills: [budgeting]}]\nconsent: true\n"
    )


def tree(root: Path, files: dict[str, str]) -> None:
    """Write a content tree."""
    for path, text in {**VOCAB, **files}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


def review(root: Path, *argv: str) -> tuple[int, str, str]:
    """Run `review` on `root`: (exit status, output, errors)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["review", "--root", str(root), *argv])
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run is on 2026-03-02."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(TODAY.timestamp())))


def test_review_lists_what_needs_attention(tmp_path: Path) -> None:
    """Stale and soon-stale mentors, expired and soon-expiring asks, escaped, oldest first."""
    tree(
        tmp_path,
        {
            "content/mentors/old.yml": mentor("Old <b>@octocat</b>", "2025-02-01"),
            "content/mentors/edge.yml": mentor("Edge Case", "2025-03-02"),
            "content/mentors/soon.yml": mentor("Soon Stale", "2025-03-20"),
            "content/mentors/fresh.yml": mentor("Fresh", "2026-01-01"),
            "content/asks/gone.yml": ask("Gone [x](y)", "2025-10-01"),
            "content/asks/closing.yml": ask("Closing", "2026-01-01", "expires: 2026-03-15\n"),
            "content/asks/closed-old.yml": ask("Closed", "2025-01-01", "status: closed\n"),
            "content/asks/later.yml": ask("Later", "2026-02-01"),
            "content/mentors/broken.yml": "name: Broken\n",
        },
    )
    status, out, err = review(tmp_path)
    expected = """\
## Directory review, 2026-03-02

Updated by the weekly `review` workflow; it closes this issue when nothing is left.

### Stale mentor profiles (1)

Not confirmed for over a year, so not matched. Ask the mentor to set `confirmed` to today \
(a one-line pull request), or remove the file.

| mentor | file | last confirmed | stale since |
|---|---|---|---|
| Old \\<b\\>\\@\u2060octocat\\<\\/b\\> | `content/mentors/old.yml` | 2025-02-01 | 2026-02-02 |

### Going stale within 30 days (2)

A reminder to reconfirm now keeps these mentors matched.

| mentor | file | last confirmed | stale from |
|---|---|---|---|
| Edge Case | `content/mentors/edge.yml` | 2025-03-02 | 2026-03-03 |
| Soon Stale | `content/mentors/soon.yml` | 2025-03-20 | 2026-03-21 |

### Expired asks (1)

Past `expires`, so not matched. Ask the charity to extend `expires`, set `status: closed`, \
or remove the file.

| ask | file | status | expires |
|---|---|---|---|
| Gone \\[x\\]\\(y\\) | `content/asks/gone.yml` | open | 2025-12-30 |

### Asks expiring within 30 days (1)

| ask | file | status | expires |
|---|---|---|---|
| Closing | `content/asks/closing.yml` | open | 2026-03-15 |

### Files with problems (1)

Run `python -m generator check` for details; these are left out above.
"""
    assert (status, out, err) == (0, expected, "")


def test_review_of_a_tidy_directory_is_empty(tmp_path: Path) -> None:
    """Nothing to do: an empty output file (the workflow then closes its issue)."""
    tree(tmp_path, {"content/mentors/fresh.yml": mentor("Fresh", "2026-01-01")})
    output = tmp_path / "review.md"
    output.write_text("old body", encoding="utf-8")
    status, out, err = review(tmp_path, "--output", str(output))
    assert (status, out, err) == (0, "", "review: nothing needs attention\n")
    assert output.read_text(encoding="utf-8") == ""


def test_within_changes_the_horizon(tmp_path: Path) -> None:
    """--within 7 leaves out what goes stale in 19 days."""
    tree(tmp_path, {"content/mentors/soon.yml": mentor("Soon Stale", "2025-03-20")})
    assert review(tmp_path, "--within", "7")[1] == ""
    assert "| Soon Stale |" in review(tmp_path, "--within", "19")[1]


def test_review_lists_mentors_coming_back(tmp_path: Path) -> None:
    """Mentors away until a date within the window are listed, soonest first; a break that
    ends later, or has ended, is not."""
    tree(
        tmp_path,
        {
            "content/mentors/back.yml": mentor("Back Soon", "2026-01-01")
            + "away_until: 2026-03-20\n",
            "content/mentors/first.yml": mentor("First Back", "2026-01-01")
            + "away_until: 2026-03-03\n",
            "content/mentors/later.yml": mentor("Later Still", "2026-01-01")
            + "away_until: 2026-06-01\n",
            "content/mentors/ended.yml": mentor("Ended", "2026-01-01") + "away_until: 2026-03-02\n",
        },
    )
    status, out, err = review(tmp_path)
    expected = """\
## Directory review, 2026-03-02

Updated by the weekly `review` workflow; it closes this issue when nothing is left.

### Mentors coming back within 30 days (2)

Away until the date below; from that day the site matches them again with no edit. A \
welcome-back note is a good moment to check the profile is still right.

| mentor | file | back on |
|---|---|---|
| First Back | `content/mentors/first.yml` | 2026-03-03 |
| Back Soon | `content/mentors/back.yml` | 2026-03-20 |
"""
    assert (status, out, err) == (0, expected, "")
