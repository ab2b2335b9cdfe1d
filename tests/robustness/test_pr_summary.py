"""The PR summary is written by the base branch's code, not the PR's (issue 11, class 8).

A fixture pull request edits `generator/report.py` to hide itself. The `summary` job of
.github/workflows/check.yml is run step by step as GitHub would (checkouts made with git, the
install step given the already installed environment), and its summary still names the change.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.gitrepo import GIT_ENV, first_commit, git

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "check.yml"
HIDE = """

def render(change, problems, directory, **options):  # the PR hides itself
    return "## CrowdGuru: what this change does\\n\\nNothing to review: content only.\\n"
"""
NEW_MENTOR = """\
name: Nia Newcomer
headline: Trust fundraiser
email: nia@example.org
skills: [bid-writing]
formats: [call]
confirmed: 2026-05-01
consent: true
"""


def summary_job() -> list[dict[str, Any]]:
    """The steps of check.yml's summary job."""
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["summary"]["steps"]


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, str]:
    """An upstream repository with a PR that edits the reporter, merged as GitHub would test it;
    returns the runner's workspace and the base commit."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    for name in ("generator", "content"):
        shutil.copytree(REPO / name, upstream / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "Makefile"):
        shutil.copy(REPO / name, upstream / name)
    base = first_commit(upstream)
    git(upstream, "checkout", "-q", "-b", "pr")
    report = upstream / "generator" / "report.py"
    report.write_text(report.read_text(encoding="utf-8") + HIDE, encoding="utf-8")
    (upstream / "hooks").mkdir()
    (upstream / "hooks" / "evil.py").write_text("import os\n", encoding="utf-8")
    (upstream / "content" / "mentors" / "nia-newcomer.yml").write_text(NEW_MENTOR, "utf-8")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "Add Nia")
    git(upstream, "checkout", "-q", "main")
    git(upstream, "merge", "-q", "--no-ff", "pr", "-m", "Merge pr into main")
    return tmp_path / "work", base


def run_summary_job(workspace: Path, base: str, temp: Path) -> str:
    """Each step of the job in order; returns what it wrote to the step summary."""
    upstream = workspace.parent / "upstream"
    summary = temp / "step-summary.md"
    summary.touch()
    env = {
        **GIT_ENV,
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(temp),
        "SOURCE_DATE_EPOCH": "1780272000",
    }
    for step in summary_job():
        uses, run = step.get("uses", ""), step.get("run")
        if uses.startswith("actions/checkout@"):
            path = workspace / step["with"]["path"]
            shutil.copytree(upstream, path, symlinks=True)  # a clone with the whole history
            ref = step["with"].get("ref")
            if ref is not None:
                assert ref == "${{ github.event.pull_request.base.sha }}"
                git(path, "checkout", "-q", "--detach", base)
            else:  # the PR's merge commit: what pull_request checks out
                git(path, "checkout", "-q", "--detach", "main")
        elif uses.startswith("actions/setup-python@"):
            continue
        elif uses.startswith("actions/upload-artifact@"):
            path = step["with"]["path"].replace("${{ runner.temp }}", str(temp))
            assert Path(path).is_file(), path
        elif run == "make .venv/.installed":
            # Installing would only download what this test's environment already has.
            os.symlink(REPO / ".venv", workspace / step["working-directory"] / ".venv")
        else:
            assert run is not None, step
            cwd = workspace / step.get("working-directory", ".")
            subprocess.run(["bash", "-e", "-c", run], cwd=cwd, env=env, check=True)
    return summary.read_text(encoding="utf-8")


def test_a_pr_editing_the_reporter_cannot_hide_from_the_summary(
    workspace: tuple[Path, str], tmp_path: Path
) -> None:
    """The base branch's reporter names the edited reporter, the new hook and the new mentor."""
    work, base = workspace
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    text = run_summary_job(work, base, temp)
    assert "Nothing to review" not in text
    assert "- `generator/report.py` (changed) — **runs code**" in text
    assert "- `hooks/evil.py` (added) — **runs code**" in text
    assert "#### Nia Newcomer — `content/mentors/nia-newcomer.yml` (added)" in text
    full = (temp / "full-report.md").read_text(encoding="utf-8")
    assert re.search(r"`generator/report\.py` \(changed\) — \*\*runs code\*\*", full)


def test_the_prs_own_reporter_would_have_hidden_it(workspace: tuple[Path, str]) -> None:
    """Control: the same report run with the PR's code says nothing (the fixture really hides)."""
    work, _ = workspace
    upstream = work.parent / "upstream"
    done = subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "python"),
            "-m",
            "generator",
            "report",
            "--base",
            "HEAD^1",
            "--format",
            "markdown",
        ],
        cwd=upstream,
        env={**GIT_ENV, "SOURCE_DATE_EPOCH": "1780272000"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert (
        done.stdout == "## CrowdGuru: what this change does\n\nNothing to review: content only.\n"
    )
