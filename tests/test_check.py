"""`python -m generator check`: output formats, path selection and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
BAD_NAME = (FIXTURES / "invalid" / "mentors" / "bool-in-text.yml").read_bytes()
BAD_EMAIL = (FIXTURES / "invalid" / "asks" / "contact-email-invalid.yml").read_bytes()
NAME_LINE = (
    "content/mentors/bad.yml:2:7: error: name: 'true' would be read as a yes/no value, "
    'not text (put it in quotes: "true")'
)
EMAIL_LINE = (
    "content/asks/bad.yml:5:33: error: contact.email: 'Sam <sam@example.org>' includes a name "
    "or angle brackets (write only the address: sam@example.org)"
)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content tree with one bad mentor and one bad ask; the working directory is its root."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "taxonomy", content)
    shutil.copytree(FIXTURES / "valid", content, dirs_exist_ok=True)
    (content / "mentors" / "bad.yml").write_bytes(BAD_NAME)
    (content / "asks" / "bad.yml").write_bytes(BAD_EMAIL)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 2026-06-01
    return tmp_path


def test_reports_every_problem_and_exits_1(tree: Path, capsys: pytest.CaptureFixture) -> None:
    """All problems of all files on stdout, sorted; a summary on stderr."""
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [EMAIL_LINE, NAME_LINE]
    assert err == "2 problems in 2 files\n"


def test_clean_tree_exits_0(tree: Path, capsys: pytest.CaptureFixture) -> None:
    """Nothing on stdout when clean; the summary counts the valid files."""
    (tree / "content" / "mentors" / "bad.yml").unlink()
    (tree / "content" / "asks" / "bad.yml").unlink()
    assert main(["check"]) == 0
    assert capsys.readouterr() == ("", "no problems (5 valid mentor and ask files)\n")


def test_given_file_reports_only_that_file(tree: Path, capsys: pytest.CaptureFixture) -> None:
    """A file argument limits the report to that file (the whole tree is still checked)."""
    assert main(["check", "content/mentors/bad.yml"]) == 1
    assert capsys.readouterr().out.splitlines() == [NAME_LINE]
    assert main(["check", "content/mentors/ana-silva.yml"]) == 0


def test_given_folder_reports_files_inside(tree: Path, capsys: pytest.CaptureFixture) -> None:
    """A folder argument reports the files under it; an absolute path works from elsewhere."""
    assert main(["check", str(tree / "content" / "asks")]) == 1
    assert capsys.readouterr().out.splitlines() == [EMAIL_LINE]


def test_cross_file_problem_is_found_when_checking_one_file(
    tree: Path, capsys: pytest.CaptureFixture
) -> None:
    """Checking one new file still compares it with the others (one profile per email)."""
    copy = (tree / "content" / "mentors" / "ana-silva.yml").read_bytes()
    (tree / "content" / "mentors" / "ana-again.yml").write_bytes(copy)
    assert main(["check", "content/mentors/ana-again.yml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/mentors/ana-again.yml:8:8: error: email: 'Ana.Silva@Example.org' is also the "
        "email of content/mentors/ana-silva.yml (one profile per person: keep one file and "
        "delete the other)"
    ]


def test_missing_path_exits_2(tree: Path, capsys: pytest.CaptureFixture) -> None:
    """A path that does not exist is a usage error."""
    assert main(["check", "content/mentors/nobody.yml"]) == 2
    message = "check: content/mentors/nobody.yml: no such file or folder\n"
    assert capsys.readouterr() == ("", message)


def test_bad_format_is_a_usage_error(tree: Path) -> None:
    """argparse rejects an unknown format with exit status 2."""
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--format", "xml"])
    assert exit_.value.code == 2


def test_github_format(tree: Path, capsys: pytest.CaptureFixture) -> None:
    """Workflow commands with escaped properties, one per problem; nothing on stderr."""
    assert main(["check", "--format", "github", "content/mentors"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "::error file=content/mentors/bad.yml,line=2,col=7,title=name::'true' would be read as a "
        'yes/no value, not text (put it in quotes: "true")\n'
    )
    assert err == ""


def test_json_format(tree: Path, capsys: pytest.CaptureFixture) -> None:
    """A JSON list of problem objects."""
    assert main(["check", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == [
        {
            "path": "content/asks/bad.yml",
            "line": 5,
            "col": 33,
            "field": "contact.email",
            "message": "'Sam <sam@example.org>' includes a name or angle brackets",
            "hint": "write only the address: sam@example.org",
            "severity": "error",
        },
        {
            "path": "content/mentors/bad.yml",
            "line": 2,
            "col": 7,
            "field": "name",
            "message": "'true' would be read as a yes/no value, not text",
            "hint": 'put it in quotes: "true"',
            "severity": "error",
        },
    ]


SAME_HINT = (
    "(the same person under two addresses? keep one profile and delete the other; if they are "
    "different people, ignore this warning)"
)
SAME_PERSON = [
    "content/mentors/ana-silva.yml:2:7: warning: name: 'Ana Silva' is also the name of "
    f"content/mentors/ana-work.yml, with skills in common (bid-writing) {SAME_HINT}",
    "content/mentors/ana-work.yml:2:7: warning: name: 'ANA SILVA' is also the name of "
    f"content/mentors/ana-silva.yml, with skills in common (bid-writing) {SAME_HINT}",
]


@pytest.fixture
def warned(tree: Path) -> Path:
    """The tree without its errors, plus Ana Silva again under a second address."""
    (tree / "content" / "mentors" / "bad.yml").unlink()
    (tree / "content" / "asks" / "bad.yml").unlink()
    (tree / "content" / "mentors" / "ana-work.yml").write_text(
        "# Ana again, at work\nname: ANA SILVA\nheadline: Grants\nemail: ana@work.example.org\n"
        "skills: [bid-writing]\nformats: [call]\nconfirmed: 2026-05-01\nconsent: true\n",
        encoding="utf-8",
    )
    return tree


def test_warnings_are_printed_but_exit_0(warned: Path, capsys: pytest.CaptureFixture) -> None:
    """A possible duplicate is a warning line on each file; the exit status stays 0."""
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == SAME_PERSON
    assert err == "no problems (6 valid mentor and ask files), 2 warnings\n"


def test_warnings_with_errors_exit_1(warned: Path, capsys: pytest.CaptureFixture) -> None:
    """Errors still fail when warnings are present; the summary counts both."""
    (warned / "content" / "mentors" / "bad.yml").write_bytes(BAD_NAME)
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [*SAME_PERSON, NAME_LINE]
    assert err == "1 problem in 1 file, 2 warnings\n"


def test_warnings_in_github_format(warned: Path, capsys: pytest.CaptureFixture) -> None:
    """Warnings become `::warning` workflow commands (yellow annotations, not a failure)."""
    assert main(["check", "--format", "github", "content/mentors/ana-work.yml"]) == 0
    assert capsys.readouterr().out == (
        "::warning file=content/mentors/ana-work.yml,line=2,col=7,title=name::'ANA SILVA' is also "
        "the name of content/mentors/ana-silva.yml, with skills in common (bid-writing) (the same "
        "person under two addresses? keep one profile and delete the other; if they are different "
        "people, ignore this warning)\n"
    )


def test_json_format_when_clean(tree: Path, capsys: pytest.CaptureFixture) -> None:
    """Clean content in JSON is an empty list, so tools can always parse stdout."""
    assert main(["check", "--format", "json", "content/mentors/ana-silva.yml"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_help_shows_examples(capsys: pytest.CaptureFixture) -> None:
    """`check --help` explains the line format and shows examples."""
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert "python -m generator check content/mentors/ana.yml" in out
    assert "PATH:LINE:COL: error: FIELD: message (hint)" in out


def test_shipped_content_passes_check() -> None:
    """`python -m generator check` is clean on the repository's own content."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "")
