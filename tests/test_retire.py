"""`python -m generator retire`: `available: false` on long-stale profiles, one line per file."""

from __future__ import annotations

import contextlib
import io
from datetime import date
from pathlib import Path

import pytest
from test_review import TODAY, mentor, tree

from generator.cli import main
from generator.load import parse_text
from generator.retire import unavailable

SINCE = date(2023, 1, 1)


def edit(text: str) -> str | None:
    """`unavailable` on `text` as the loader reads it."""
    return unavailable(text, parse_text(text, "content/mentors/x.yml"), SINCE)


def test_an_existing_value_is_changed_in_place() -> None:
    """Only `true` becomes `false`: the comment, spacing and line endings stay."""
    text = "name: A\r\navailable:   true   # yes\r\nconsent: true\r\n"
    assert edit(text) == "name: A\r\navailable:   false   # yes\r\nconsent: true\r\n"
    assert edit("{name: A, available: true, consent: true}\n") == (
        "{name: A, available: false, consent: true}\n"
    )


def test_a_missing_key_is_one_line_added() -> None:
    """No `available`: one line at the end (after a block scalar too), with why; a BOM stays."""
    assert edit("\ufeffname: A\nbio: |\n  Hi.\n") == (
        "\ufeffname: A\nbio: |\n  Hi.\n"
        "available: false  # not confirmed since 2023-01-01 (weekly review)\n"
    )
    assert edit("name: A") == (
        "name: A\navailable: false  # not confirmed since 2023-01-01 (weekly review)\n"
    )


def test_what_cannot_be_edited_safely_is_left_alone() -> None:
    """Already unavailable, a flow mapping without the key, a line after the document's end."""
    assert edit("name: A\navailable: false\n") is None
    assert edit("{name: A, consent: true}\n") is None
    assert edit("name: A\n...\n") is None


def retire(root: Path, *argv: str) -> tuple[int, str, str]:
    """Run `retire` on `root`: (exit status, output, errors)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["retire", "--root", str(root), *argv])
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run is on 2026-03-02."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(TODAY.timestamp())))


def test_retire_edits_only_profiles_confirmed_over_two_years_ago(tmp_path: Path) -> None:
    """Confirmed 2024-03-01 (731 days): edited; 2024-03-02 (730 days), or unavailable: not."""
    files = {
        "content/mentors/gone.yml": mentor("Gone", "2024-03-01") + "github: gone-away\n",
        "content/mentors/said.yml": mentor("Said", "2020-01-01").replace(
            "consent:", "available: true\nconsent:"
        ),
        "content/mentors/edge.yml": mentor("Edge", "2024-03-02"),
        "content/mentors/off.yml": mentor("Off", "2020-01-01") + "available: false\n",
    }
    tree(tmp_path, files)
    body = tmp_path / "pr.md"
    status, out, err = retire(tmp_path, "--output", str(body), "--repo", "octo/cg")
    assert (status, out, err) == (0, "content/mentors/said.yml\ncontent/mentors/gone.yml\n", "")
    after = {path: (tmp_path / path).read_text("utf-8") for path in files}
    assert after["content/mentors/said.yml"] == files["content/mentors/said.yml"].replace(
        "available: true", "available: false"
    )
    assert after["content/mentors/gone.yml"] == (
        files["content/mentors/gone.yml"]
        + "available: false  # not confirmed since 2024-03-01 (weekly review)\n"
    )
    for path in ("content/mentors/edge.yml", "content/mentors/off.yml"):
        assert after[path] == files[path]
    edit_url = "https://github.com/octo/cg/edit/main/content/mentors"
    lines = body.read_text("utf-8").splitlines()
    assert lines[0] == "## Retire long-stale mentor profiles"
    assert lines[-2:] == [
        f"| Said | `content/mentors/said.yml` ([edit]({edit_url}/said.yml)) | 2020-01-01 |  |",
        f"| Gone | `content/mentors/gone.yml` ([edit]({edit_url}/gone.yml)) | 2024-03-01 | "
        "@gone-away |",
    ]
    assert retire(tmp_path, "--output", str(body)) == (0, "", "")  # a second run: nothing left
    assert body.read_text("utf-8") == ""


def test_dry_run_changes_nothing(tmp_path: Path) -> None:
    """--dry-run writes the body but leaves the files."""
    tree(tmp_path, {"content/mentors/gone.yml": mentor("Gone", "2020-01-01")})
    before = (tmp_path / "content/mentors/gone.yml").read_bytes()
    assert retire(tmp_path, "--dry-run") == (0, "content/mentors/gone.yml\n", "")
    assert (tmp_path / "content/mentors/gone.yml").read_bytes() == before
