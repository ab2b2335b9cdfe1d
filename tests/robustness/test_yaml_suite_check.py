"""Every YAML test suite input as a mentor file: `check` exits 1 with located errors, or 0."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import time_limit, write_tree, yaml_suite_cases

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
    """`check` on the case (in-process): exit 0, or exit 1 with PATH:LINE:COL lines; < 1 s."""
    root = _tree(tmp_path, file)
    start = time.perf_counter()
    with time_limit(1.0):
        status = main(["check", str(root)])
    assert time.perf_counter() - start < 1.0
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
