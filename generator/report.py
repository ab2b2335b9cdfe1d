"""`python -m generator report [--base REF]`: what a change does to the directory, as Markdown."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import build_date, find_root
from generator.match import match
from generator.model import Ask, Directory, Matches, Mentor
from generator.problems import Problem
from generator.validate import build_directory

EPILOG = """examples:
  python -m generator report                     # against origin/main, else main, else HEAD~1
  python -m generator report --base HEAD^1       # in CI: the PR merge commit's base parent
  python -m generator report >> "$GITHUB_STEP_SUMMARY"

The change is everything between the merge base of REF and HEAD and the working tree
(committed, staged, unstaged and untracked files), like a pull request's diff.
Exit 0 with the report (whatever the check verdict), 2 when git or REF is unusable.
"""

# Paths outside content/ whose changes run code on build machines or change the site's shell.
RUNS_CODE = (
    "mkdocs.yml",
    "hooks/",
    "generator/",
    ".github/",
    "overrides/",
    "scripts/",
    ".ci/",
    "pyproject.toml",
    "Makefile",
    "package.json",
    "package-lock.json",
    "tests/",  # pytest imports and runs everything here (conftest.py, plugins, fixtures)
)
VOCABULARIES = ("content/skills.yml", "content/stages.yml", "content/sectors.yml")
STATUS_WORDS = {"A": "added", "M": "changed", "D": "removed", "T": "changed"}
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+")
SHOWN = 5  # helpers listed per stage


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """The `report` subcommand."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "report",
        help="summarise what a change does to the directory (Markdown, for pull requests)",
        description="Print a Markdown summary of the change between REF and the working tree: "
        "files, the check verdict, what new or changed mentors and asks match.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--base", metavar="REF", help="compare with REF (see below for default)")
    parser.add_argument("--root", type=Path, help="the repository (default: found from here)")
    return parser


def md(text: str) -> str:
    """Contributor text made inert on GitHub: one line, every Markdown/HTML character escaped.

    A word joiner after `@` stops mentions, which GitHub links even after a backslash.
    """
    flat = " ".join(_INVISIBLE.sub(" ", text).split())
    return _PUNCTUATION.sub(r"\\\1", flat).replace("@", "@\u2060")


def code(text: str) -> str:
    """Contributor text as an inline code span (nothing inside is interpreted), table-safe."""
    flat = " ".join(_INVISIBLE.sub(" ", text).split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


class GitError(Exception):
    """git failed or the base REF does not exist."""


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), "-c", "core.quotepath=off", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        check=False,
    )
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {args[0]} failed")
    return result.stdout


def _exists(root: Path, ref: str) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        return False
    return True


def default_base(root: Path) -> str:
    """`origin/main` if it exists, else `main`, else `HEAD~1`."""
    return next((ref for ref in ("origin/main", "main") if _exists(root, ref)), "HEAD~1")


@dataclass(frozen=True)
class Change:
    """Files changed between the merge base and the working tree: (status word, path)."""

    base: str
    commit: str
    files: tuple[tuple[str, str], ...]


def changes(root: Path, base: str) -> Change:
    """What changed since the merge base of `base` and HEAD, working tree and untracked included."""
    if not _exists(root, base):
        raise GitError(f"no commit {base!r} in this repository (fetch it, or give --base)")
    commit = _git(root, "merge-base", base, "HEAD").strip()
    diff = _git(root, "diff", "--name-status", "--no-renames", "-z", commit, "--").split("\0")
    pairs = zip(diff[::2], diff[1::2], strict=False)
    files = {path: STATUS_WORDS.get(status[:1], "changed") for status, path in pairs}
    for path in _git(root, "ls-files", "--others", "--exclude-standard", "-z").split("\0"):
        if path:
            files[path] = "added"
    return Change(base, commit, tuple(sorted((word, path) for path, word in files.items())))


def _runs_code(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in RUNS_CODE)


def _files_section(change: Change) -> list[str]:
    if not change.files:
        return ["### Files", "", "No files changed."]
    lines = ["### Files", "", "| change | file |", "|---|---|"]
    order = {"added": 0, "changed": 1, "removed": 2}
    for word, path in sorted(change.files, key=lambda f: (order[f[0]], f[1])):
        lines.append(f"| {word} | {code(path)} |")
    return lines


def _problem_line(p: Problem) -> str:
    where = code(f"{p.path}:{p.line}:{p.col}")
    field = f" **{md(p.field)}**:" if p.field else ""
    hint = f" ({md(p.hint)})" if p.hint else ""
    return f"- {where}{field} {md(p.message)}{hint}"


def _check_section(problems: tuple[Problem, ...], directory: Directory) -> list[str]:
    counts = f"{len(directory.mentors)} valid mentors and {len(directory.asks)} valid asks"
    if not problems:
        return ["### Check", "", f"✅ No problems ({counts})."]
    files = len({p.path for p in problems})
    lines = [
        "### Check",
        "",
        f"❌ {_plural(len(problems), 'problem')} in {_plural(files, 'file')} ({counts}):",
        "",
    ]
    return lines + [_problem_line(p) for p in problems]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _mentor_section(mentor: Mentor, word: str, directory: Directory, matches: Matches) -> list[str]:
    lines = [f"#### {md(mentor.name)} — {code(mentor.path)} ({word})", ""]
    if mentor.stale:
        return [*lines, f"Stale: last confirmed {mentor.confirmed.isoformat()}, so not matched."]
    if not mentor.available:
        return [*lines, "Marked unavailable, so not matched."]
    found = matches.by_mentor.get(mentor.slug, ())
    if not found:
        return [*lines, "Cannot help with any open stage yet."]
    asks = {ask.slug: ask for ask in directory.asks}
    lines += [f"Can help with {_plural(len(found), 'open stage')}:", ""]
    for m in found:
        ask = asks[m.ask]
        stage = ask.stages[m.stage - 1]
        skills = ", ".join(m.shared_skills or m.related_skills)
        lines.append(
            f"- {md(ask.title)} — stage {m.stage}: {md(stage.title)} ({m.kind}: {md(skills)})"
        )
    return lines


def _ask_section(ask: Ask, word: str, directory: Directory, matches: Matches) -> list[str]:
    lines = [f"#### {md(ask.title)} — {code(ask.path)} ({word})", ""]
    if not ask.active:
        state = "expired" if ask.expired else ask.status
        return [*lines, f"Not matched: the ask is {state}."]
    names = {m.slug: m.name for m in directory.mentors}
    lines += ["| stage | can help | top helpers |", "|---|---|---|"]
    for stage in ask.stages:
        title = f"{stage.number}. {md(stage.title)}"
        if stage.status != "open":
            lines.append(f"| {title} | — ({stage.status}) | |")
            continue
        found = matches.by_stage.get((ask.slug, stage.number), ())
        exact = sum(1 for m in found if m.kind == "exact")
        count = f"{len(found)} ({exact} exact)" if found else "0 — **gap**"
        top = ", ".join(md(names[m.mentor]) for m in found[:SHOWN])
        lines.append(f"| {title} | {count} | {top} |")
    pools = matches.pools.get(ask.slug)
    whole, staged = (len(pools.whole_task), len(pools.staged)) if pools else (0, 0)
    return [
        *lines,
        "",
        f"Whole-task pool: {_plural(whole, 'mentor')}; staged pool: "
        f"{_plural(staged, 'mentor')} (breaking the task into stages widens who can help).",
    ]


def _entries_section(change: Change, directory: Directory, matches: Matches) -> list[str]:
    words = {path: word for word, path in change.files if word != "removed"}
    mentors = [m for m in directory.mentors if m.path in words]
    asks = [a for a in directory.asks if a.path in words]
    lines: list[str] = []
    if mentors:
        lines += ["", "### Mentors", ""]
        for mentor in mentors:
            lines += [*_mentor_section(mentor, words[mentor.path], directory, matches), ""]
    if asks:
        lines += ["", "### Asks", ""]
        for ask in asks:
            lines += [*_ask_section(ask, words[ask.path], directory, matches), ""]
    return lines


def _outside_section(change: Change) -> list[str]:
    outside = [(w, p) for w, p in change.files if not p.startswith("content/")]
    vocab = [(w, p) for w, p in change.files if p in VOCABULARIES]
    lines: list[str] = []
    if vocab:
        lines += [
            "",
            "### Vocabulary",
            "",
            "Changes to the skill, stage or sector lists affect "
            "every match and every file that refers to them:",
            "",
        ]
        lines += [f"- {code(p)} ({w})" for w, p in vocab]
    if outside:
        lines += [
            "",
            "### ⚠️ Needs careful review",
            "",
            "This change touches files outside "
            "`content/`. Files marked **runs code** are executed by the build or CI "
            "(MkDocs config and hooks, the generator, workflows, scripts, tests, packaging):",
            "",
        ]
        for word, path in outside:
            lines.append(
                f"- {code(path)} ({word})" + (" — **runs code**" if _runs_code(path) else "")
            )
    return lines


def render(change: Change, problems: tuple[Problem, ...], directory: Directory) -> str:
    """The whole report as Markdown."""
    matches = match(directory)
    lines = [
        "## CrowdGuru: what this change does",
        "",
        f"Compared with {code(change.base)} (merge base {code(change.commit[:12])}), "
        f"as of {directory.today.isoformat()}.",
        "",
        *_files_section(change),
        "",
        *_check_section(problems, directory),
        *_entries_section(change, directory, matches),
        *_outside_section(change),
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip("\n") + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the report; 0 printed, 2 when git or the base is unusable."""
    root = (args.root or find_root(Path.cwd())).resolve()
    try:
        base = args.base or default_base(root)
        change = changes(root, base)
    except (GitError, OSError) as error:
        print(f"report: {error}", file=sys.stderr)
        return 2
    validated = build_directory(root, build_date())
    sys.stdout.write(render(change, validated.problems, validated.directory))
    return 0
