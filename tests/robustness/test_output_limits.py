"""The PR summary stays under GitHub's 1 MiB at any size; the full list goes to a file (class 9)."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.report import LISTED, SUMMARY_BYTES
from generator.synth import synthesize
from tests.gitrepo import first_commit, git

REPO = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def huge_change(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A base with only the vocabularies; the change adds 10,000 entries (2,000 of them
    invalid, 2,900 paused), 500 files that run code and 500 other files outside content/."""
    root = tmp_path_factory.mktemp("huge")
    synthesize(REPO / "content", root, 0, 0, 1, date(2026, 6, 1))
    first_commit(root)
    synthesize(root / "content", root / "new", 5000, 5000, 1, date(2026, 6, 1))
    for kind in ("mentors", "asks"):
        (root / "new" / "content" / kind).replace(root / "content" / kind)
    shutil.rmtree(root / "new")
    # Most mentors paused, so matching (not what this test is about) stays quick.
    for i, mentor in enumerate(sorted((root / "content" / "mentors").iterdir())):
        extra = f"typo_{i}: 1\n" if i < 2000 else "available: false\n" if i < 4900 else ""
        text = re.sub(r"(?m)^available: .*\n", "", mentor.read_text("utf-8"))
        mentor.write_text(text + extra, "utf-8")
    (root / "hooks").mkdir()
    (root / "notes").mkdir()
    for i in range(500):
        (root / "hooks" / f"h{i}.py").write_text("x = 1\n", "utf-8")
        (root / "notes" / f"n{i}.txt").write_text("note\n", "utf-8")
    git(root, "add", "hooks", "notes", "content")
    return root


def test_summary_of_10000_entries_stays_under_a_mebibyte(
    huge_change: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lists capped with a count of the rest; every file named in the full report."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 2026-06-01
    full = tmp_path / "full.md"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        argv = ["report", "--root", str(huge_change), "--base", "main", "--full", str(full)]
        code = main([*argv, "--format", "markdown"])
    summary = out.getvalue()
    assert code == 0
    assert len(summary.encode("utf-8")) < SUMMARY_BYTES < MIB
    assert f"| … | {10_000 + 1000 - LISTED:,} more files (in the full report" in summary
    assert f"- … and {2000 - LISTED:,} more problems (in the full report" in summary
    assert f"- … and {1000 - LISTED:,} more files (in the full report" in summary
    # Capped, files that run code come first: none of the 200 listed is a harmless note.
    warning = summary[summary.index("### ⚠️ Needs careful review") :]
    assert warning.count("— **runs code**") == LISTED
    assert "`notes/" not in warning
    text = full.read_text("utf-8")
    assert len(text.encode("utf-8")) > MIB
    for i in range(500):
        assert f"`hooks/h{i}.py` (added) — **runs code**" in text
    assert text.count("unknown field") == 2000
    assert text.count("| added | `content/") == 10_000
