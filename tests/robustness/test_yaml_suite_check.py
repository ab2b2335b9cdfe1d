"""Every YAML test suite input as a mentor file: `check` exits 1 with located errors, or 0."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import time_limit, write_tree, yaml_suite_cases
from .suite_expectations import ACCEPTED, HANG_GUARD_S

CASES = yaml_suite_cases()
PATH = "content/mentors/case.yml"
ERROR_LINE = re.compile(rf"{re.escape(PATH)}:[1-9][0-9]*:[1-9][0-9]*: error: \S.*")
REPO = Path(__file__).resolve().parents[2]
# A few shapes through the real command line: a block mapping, a tag, an anchor, a syntax
# error, a multi-document stream and a flow mapping.
CLI_CASES = ("229Q", "2XXW", "3GZX", "236B", "6XDY", "5C5M")


def _tree(tmp_path: Path, file: Path) -> Path:
    root = write_tree(tmp_path)
    (root / PATH).write_bytes(file.read_bytes())
    return root


def assert_report(status: int, out: str, err: str) -> None:
    """Exit 1 with only located error lines, or exit 0 with nothing on stdout; no traceback."""
    assert "Traceback" not in out + err
    assert "internal error" not in out
    lines = out.splitlines()
    if status == 0:
        assert lines == []
    else:
        assert status == 1
        assert lines
        assert [line for line in lines if not ERROR_LINE.fullmatch(line)] == []


@pytest.mark.parametrize(("case", "file"), CASES, ids=[c for c, _ in CASES])
def test_check_reports_or_accepts(
    case: str, file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` on the case (in-process): exit 0, or exit 1 with PATH:LINE:COL lines."""
    root = _tree(tmp_path, file)
    with time_limit(HANG_GUARD_S):
        status = main(["check", str(root)])
    captured = capsys.readouterr()
    assert_report(status, captured.out, captured.err)


@pytest.mark.parametrize("case", CLI_CASES)
def test_check_command_line(case: str, tmp_path: Path) -> None:
    """The same through `python -m generator check` in a subprocess, run from the tree."""
    file = dict(CASES)[case]
    root = _tree(tmp_path, file)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert_report(done.returncode, done.stdout, done.stderr)
    assert done.returncode == 1


def test_known_good_yaml_reaches_field_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The floor: each YAML input the loader accepts gets past the file-level checks to the
    field checks (none is a whole mentor profile, so each misses a required field)."""
    cases = dict(CASES)
    wrong: dict[str, list[str]] = {}
    for case in sorted(ACCEPTED):
        root = _tree(tmp_path / case, cases[case])
        assert main(["check", "--format", "json", str(root)]) == 1
        messages = [p["message"] for p in json.loads(capsys.readouterr().out)]
        file_level = [m for m in messages if m.startswith(("YAML", "the file"))]
        if file_level or not any(m.startswith("missing required field") for m in messages):
            wrong[case] = messages
    assert wrong == {}
