"""Files read or ignored when they should not be: links and misplaced files (issue 11, class 4)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.tree import links_leaving
from tests.conftest import mkdocs_build, site_root

FIXTURES = Path(__file__).parents[1] / "fixtures"
LINKED = (
    "error: the folder is a symbolic link, which is never followed (replace it with a real folder)"
)
NEVER = (
    "error: this file is never published: only content/mentors/, content/asks/ and the three "
    "vocabularies are read"
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid content tree (working directory at its root) and a folder outside it."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "taxonomy", root / "content")
    shutil.copytree(FIXTURES / "valid", root / "content", dirs_exist_ok=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(root / "content" / "mentors" / "ana-silva.yml", outside / "eve.yml")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 2026-06-01
    return root


def check(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, list[str]]:
    """Exit code and problem lines of `check PATH ...`."""
    code = main(["check", *paths])
    return code, capsys.readouterr().out.splitlines()


def test_a_linked_mentors_folder_is_not_followed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """content/mentors as a link to a folder outside: an error, and its files are not read."""
    shutil.rmtree(repo / "content" / "mentors")
    os.symlink(repo.parent / "outside", repo / "content" / "mentors")
    assert check(capsys) == (1, [f"content/mentors:1:1: {LINKED}"])
    assert check(capsys, "content/mentors") == (1, [f"content/mentors:1:1: {LINKED}"])
    assert check(capsys, "content/mentors/eve.yml") == (1, [f"content/mentors:1:1: {LINKED}"])


def test_a_linked_folder_anywhere_under_content_is_an_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to a folder beside the others, and one inside a subfolder."""
    os.symlink(repo.parent / "outside", repo / "content" / "extra")
    (repo / "content" / "drafts").mkdir()
    os.symlink("../mentors", repo / "content" / "drafts" / "mine")
    assert check(capsys) == (
        1,
        [
            "content/drafts/mine:1:1: " + LINKED,
            "content/extra:1:1: " + LINKED,
        ],
    )


def test_a_linked_file_loose_in_content_is_an_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to a file, where no file belongs: reported as a link, never read."""
    os.symlink(repo.parent / "outside" / "eve.yml", repo / "content" / "eve.yml")
    assert check(capsys, "content/eve.yml") == (
        1,
        [
            "content/eve.yml:1:1: error: the file is a symbolic link, which is never followed "
            "(replace it with a real file)"
        ],
    )


@pytest.mark.parametrize(
    ("place", "hint"),
    [
        ("mentor/ana.yml", "did you mean content/mentors/? Move it to content/mentors/ana.yml"),
        ("ana.yml", "move a profile to content/mentors/ and an ask to content/asks/"),
        ("Mentors/ana.yml", "did you mean content/mentors/? Move it to content/mentors/ana.yml"),
    ],
)
def test_check_path_on_a_misplaced_file_reports_it(
    repo: Path, capsys: pytest.CaptureFixture[str], place: str, hint: str
) -> None:
    """`check PATH` on a file the build would skip: the error, never "no problems"."""
    target = repo / "content" / place
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(repo / "content" / "mentors" / "ana-silva.yml", target)
    expected = (1, [f"content/{place}:1:1: {NEVER} ({hint})"])
    assert check(capsys, f"content/{place}") == expected
    assert check(capsys, str(target.parent)) == expected


def test_check_path_outside_content_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file outside content/ is never checked; saying "no problems" would mislead."""
    (repo / "notes.yml").write_text("a: 1\n", encoding="utf-8")
    assert main(["check", "notes.yml"]) == 2
    assert "notes.yml: not in content/, so nothing there is checked" in capsys.readouterr().err


def test_links_leaving_the_repository_are_found(tmp_path: Path) -> None:
    """docs/ links to a file outside, into .git and dangling: each reported; an inside link is
    fine."""
    root = tmp_path / "repo"
    (root / "docs" / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (root / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", root / "docs" / "secret.md")
    os.symlink(tmp_path, root / "docs" / "sub" / "home")
    os.symlink("../.git/config", root / "docs" / "config.md")
    os.symlink("about.md", root / "docs" / "same.md")
    os.symlink("nowhere.md", root / "docs" / "gone.md")
    actual = [str(p) for p in links_leaving(root, "docs")]
    outside = "a symbolic link outside the repository would be published with the site"
    private = "a symbolic link to a missing or private file would be published with the site"
    fix = "(replace the link with the file itself, or remove it)"
    assert actual == [
        f"docs/config.md:1:1: error: {private} {fix}",
        f"docs/gone.md:1:1: error: {private} {fix}",
        f"docs/secret.md:1:1: error: {outside} {fix}",
        f"docs/sub/home:1:1: error: {outside} {fix}",
    ]


def test_the_build_fails_on_a_docs_link_leaving_the_repository(tmp_path: Path) -> None:
    """The hook stops `mkdocs build` before anything is copied, naming the link."""
    root = site_root(tmp_path / "repo", FIXTURES / "hostile" / "content")
    (tmp_path / "secret.txt").write_text("secret\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", root / "docs" / "secret.md")
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/secret.md:1:1: error: a symbolic link outside the repository" in result.stderr
    assert not (tmp_path / "out" / "secret" / "index.html").exists()


def test_a_linked_docs_folder_is_found(tmp_path: Path) -> None:
    """docs/ itself as a link to a folder outside the repository."""
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", root / "docs")
    assert [str(p) for p in links_leaving(root, "docs")] == [
        "docs:1:1: error: a symbolic link outside the repository would be published with the "
        "site (replace the link with the file itself, or remove it)"
    ]
