"""`python -m generator review`: the weekly tracking issue's body, exactly."""

from __future__ import annotations

import contextlib
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from generator.cli import main
from generator.review import BODY_BUDGET, Section, render

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
    """A valid one-stage ask posted on `posted` (each its own stage: no duplicate asks)."""
    return (
        f'title: "{title}"\norganisation: {{name: Club}}\nsummary: Help.\n'
        f"contact: {{name: Sam, email: sam@example.org}}\nposted: {posted}\n{extra}"
        f'stages: [{{title: "{title}", need: Help., skills: [budgeting]}}]\nconsent: true\n'
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
(the edit link makes it a one-line pull request), or remove the file.

| mentor | file | last confirmed | stale since | ping |
|---|---|---|---|---|
| Old \\<b\\>\\@\u2060octocat\\<\\/b\\> | `content/mentors/old.yml` | 2025-02-01 | 2026-02-02 |  |

### Going stale within 30 days (2)

A reminder to reconfirm now keeps these mentors matched.

| mentor | file | last confirmed | stale from | ping |
|---|---|---|---|---|
| Edge Case | `content/mentors/edge.yml` | 2025-03-02 | 2026-03-03 |  |
| Soon Stale | `content/mentors/soon.yml` | 2025-03-20 | 2026-03-21 |  |

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


def test_edit_links_and_mentions(tmp_path: Path) -> None:
    """With a repository: a one-click edit link per file; `github` becomes an @mention."""
    tree(
        tmp_path,
        {
            "content/mentors/old.yml": mentor("Old", "2025-02-01") + "github: octo-cat\n",
            "content/asks/gone.yml": ask("Gone", "2025-10-01"),
        },
    )
    status, out, _ = review(tmp_path, "--repo", "octo/crowd-guru", "--branch", "trunk")
    edit = "https://github.com/octo/crowd-guru/edit/trunk/content"
    assert status == 0
    assert (
        f"| Old | `content/mentors/old.yml` ([edit]({edit}/mentors/old.yml)) | 2025-02-01 | "
        "2026-02-02 | @octo-cat |"
    ) in out.splitlines()
    assert (
        f"| Gone | `content/asks/gone.yml` ([edit]({edit}/asks/gone.yml)) | open | 2025-12-30 |"
    ) in out.splitlines()


def test_repository_must_be_owner_slash_name(tmp_path: Path) -> None:
    """A --repo that could make a link to elsewhere is a usage error."""
    tree(tmp_path, {"content/mentors/old.yml": mentor("Old", "2025-02-01")})
    assert review(tmp_path, "--repo", "evil.example/x/y")[0] == 2
    assert review(tmp_path, "--repo", "a/b)](https://evil")[0] == 2


def test_each_list_is_cut_to_its_share_of_the_budget() -> None:
    """Long rows: every list keeps a share, says how many are left out, the body stays small."""
    cell = "\\<" * 400
    rows = [f"| {cell} {i} |" for i in range(500)]
    parts = [Section(f"List {n}", "Why.", ("a",), rows) for n in range(4)]
    body = render(parts, date(2026, 3, 2), budget=BODY_BUDGET, full_url="https://x.example/run")
    assert len(body.encode("utf-8")) < BODY_BUDGET
    assert body.count("### List ") == 4
    notes = [line for line in body.splitlines() if line.startswith("… and ")]
    assert len(notes) == 4
    assert all("[the workflow run](https://x.example/run)" in note for note in notes)
    assert render(parts, date(2026, 3, 2), budget=None).count("| \\<") == 2000


def test_dates_at_the_end_of_the_calendar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build date of 9999-12-31 and entries dated then: no overflow, no internal error."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402214400")  # 9999-12-31
    tree(
        tmp_path,
        {
            "content/mentors/far.yml": mentor("Far", "9999-12-30"),
            "content/asks/far.yml": ask("Far", "9999-12-31"),
        },
    )
    status, out, err = review(tmp_path, "--within", "3660")
    assert (status, err) == (0, "")
    assert "| Far | `content/mentors/far.yml` | 9999-12-30 | 9999-12-31 |  |" in out
    assert "| Far | `content/asks/far.yml` | open | 9999-12-31 |" in out
    assert "Files with problems" not in out


@pytest.fixture(scope="module")
def big_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10,000 mentors and 2,000 asks from `synth`, dated 2024-03-02 (two years before TODAY)."""
    root = tmp_path_factory.mktemp("big")
    argv = ["synth", "--mentors", "10000", "--asks", "2000", "--out", str(root)]
    assert main([*argv, "--today", "2024-03-02"]) == 0
    return root


def test_ten_thousand_entries_fit_in_an_issue(big_tree: Path, tmp_path: Path) -> None:
    """Everything stale or expired: the body stays under GitHub's limit, the full list has all."""
    full = tmp_path / "full.md"
    status, out, _ = review(big_tree, "--repo", "octo/crowd-guru", "--full", str(full))
    assert status == 0
    assert len(out) < 65_536
    assert len(out.encode("utf-8")) < 65_536
    assert "### Stale mentor profiles (10000)" in out
    assert "### Expired asks (" in out
    everything = full.read_text(encoding="utf-8")
    assert everything.count("| `content/mentors/") == 10_000
    shown = out.count("| `content/mentors/")
    assert 0 < shown < 10_000
    assert f"… and {10_000 - shown} more, in the full list attached to the run" in out


def test_dead_links_section_is_included(tmp_path: Path) -> None:
    """linkcheck's section goes after the lists, and alone it is enough to open the issue."""
    tree(tmp_path, {"content/mentors/fresh.yml": mentor("Fresh", "2026-01-01")})
    links = tmp_path / "links.md"
    links.write_text("\n### Dead links (1 in 1 files)\n\n- `x` — 404\n", encoding="utf-8")
    status, out, _ = review(tmp_path, "--links", str(links))
    assert (status, out.splitlines()[-3:]) == (
        0,
        ["### Dead links (1 in 1 files)", "", "- `x` — 404"],
    )
    links.write_text("", encoding="utf-8")
    assert review(tmp_path, "--links", str(links))[1] == ""


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

| mentor | file | last confirmed | back on | ping |
|---|---|---|---|---|
| First Back | `content/mentors/first.yml` | 2026-01-01 | 2026-03-03 |  |
| Back Soon | `content/mentors/back.yml` | 2026-01-01 | 2026-03-20 |  |
"""
    assert (status, out, err) == (0, expected, "")
