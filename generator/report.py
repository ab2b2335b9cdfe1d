"""`python -m generator report [--base REF]`: what a change does to the directory.

Text in a terminal; Markdown with `--format markdown` or when stdout is $GITHUB_STEP_SUMMARY.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import build_date, find_root
from generator.markdown import code, md, table_head
from generator.match import match
from generator.model import Ask, Directory, Matches, Mentor
from generator.problems import Problem, errors
from generator.report_text import to_text
from generator.validate import build_directory
from generator.words import plural

EPILOG = """examples:
  python -m generator report                        # against origin/main, else main, else HEAD~1
  python -m generator report --base HEAD^1          # in CI: the PR merge commit's base parent
  python -m generator report --format markdown      # the Markdown a pull request summary shows
  python -m generator report >> "$GITHUB_STEP_SUMMARY"  # Markdown there without asking

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
SHOWN = 5  # helpers listed per stage
STAGES_SHOWN = 20  # stages listed per mentor (a mentor can match thousands)
# GitHub drops a step summary over 1 MiB; stay well under it, whatever the size of the change.
SUMMARY_BYTES = 1_000_000
LISTED = 200  # files, problems and entries listed in the summary; the full report has them all
FULL_NOTE = "in the full report: the run's `full-report` artifact"


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """The `report` subcommand."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "report",
        help="summarise what a change does to the directory (for reviewing pull requests)",
        description="Print a summary of the change between REF and the working tree: "
        "files, the check verdict, what new or changed mentors and asks match.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--base", metavar="REF", help="compare with REF (see below for default)")
    parser.add_argument("--root", type=Path, help="the repository (default: found from here)")
    parser.add_argument(
        "--full",
        type=Path,
        metavar="FILE",
        help=f"also write the report with every list in full to FILE (the summary lists "
        f"{LISTED} of each and stays under {SUMMARY_BYTES:,} bytes)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown"),
        help="text (default) or markdown (default when stdout is $GITHUB_STEP_SUMMARY)",
    )
    return parser


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


def _cap(lines: list[str], limit: int | None, what: str, row: bool = False) -> list[str]:
    """The first `limit` lines and a count of the rest (all of them when `limit` is None)."""
    if limit is None or len(lines) <= limit:
        return lines
    rest = f"{len(lines) - limit:,} more {what} ({FULL_NOTE})"
    return [*lines[:limit], f"| … | {rest} |" if row else f"- … and {rest}"]


def _files_section(change: Change, limit: int | None = None) -> list[str]:
    if not change.files:
        return ["### Files", "", "No files changed."]
    order = {"added": 0, "changed": 1, "removed": 2}
    rows = [
        f"| {word} | {code(path)} |"
        for word, path in sorted(change.files, key=lambda f: (order[f[0]], f[1]))
    ]
    return ["### Files", "", *table_head("change", "file"), *_cap(rows, limit, "files", True)]


def _problem_line(p: Problem) -> str:
    where = code(f"{p.path}:{p.line}:{p.col}")
    field = f" **{md(p.field)}**:" if p.field else ""
    hint = f" ({md(p.hint)})" if p.hint else ""
    return f"- {where}{field} {md(p.message)}{hint}"


def _warnings_section(
    problems: tuple[Problem, ...], change: Change, limit: int | None = None
) -> list[str]:
    """Warnings on the changed files only (the rest of the directory's are not this change's)."""
    changed = {path for word, path in change.files if word != "removed"}
    warned = [p for p in problems if not p.is_error and p.path in changed]
    if not warned:
        return []
    lines = ["", "### ⚠️ Possible duplicates", "", "Warnings: they do not fail the check.", ""]
    return lines + _cap([_problem_line(p) for p in warned], limit, "warnings")


def _check_section(
    problems: tuple[Problem, ...], directory: Directory, limit: int | None = None
) -> list[str]:
    counts = f"{len(directory.mentors)} valid mentors and {len(directory.asks)} valid asks"
    problems = errors(problems)
    if not problems:
        return ["### Check", "", f"✅ No problems ({counts})."]
    files = len({p.path for p in problems})
    lines = [
        "### Check",
        "",
        f"❌ {plural(len(problems), 'problem')} in {plural(files, 'file')} ({counts}):",
        "",
    ]
    return lines + _cap([_problem_line(p) for p in problems], limit, "problems")


def _labels(skill_ids: tuple[str, ...], directory: Directory) -> str:
    """Skill labels as inert Markdown, comma-separated (the id where a skill is unknown)."""
    by_id = directory.taxonomy.skill_by_id
    return ", ".join(md(by_id[k].label if k in by_id else k) for k in skill_ids)


@dataclass(frozen=True)
class _Lookups:
    asks: dict[str, Ask]
    names: dict[str, str]
    directory: Directory


def _by_slug(directory: Directory) -> _Lookups:
    """Asks and mentor names by slug (built once per report, not once per entry)."""
    return _Lookups(
        {ask.slug: ask for ask in directory.asks},
        {m.slug: m.name for m in directory.mentors},
        directory,
    )


def _mentor_section(mentor: Mentor, word: str, lookups: _Lookups, matches: Matches) -> list[str]:
    lines = [f"#### {md(mentor.name)} — {code(mentor.path)} ({word})", ""]
    lines += [
        f"Skills: {_labels(mentor.skills, lookups.directory)}.",
        "Consent: yes, to publish this profile, email address included.",
        "",
    ]
    if mentor.stale:
        return [*lines, f"Stale: last confirmed {mentor.confirmed.isoformat()}, so not matched."]
    if not mentor.available:
        return [*lines, "Marked unavailable, so not matched."]
    found = matches.by_mentor.get(mentor.slug, ())
    if not found:
        return [*lines, "Cannot help with any open stage yet."]
    asks = lookups.asks
    lines += [f"Can help with {plural(len(found), 'open stage')}:", ""]
    for m in found[:STAGES_SHOWN]:
        ask = asks[m.ask]
        stage = ask.stages[m.stage - 1]
        skills = _labels(m.shared_skills or m.related_skills, lookups.directory)
        title = f"{md(ask.title)} — stage {m.stage}: {md(stage.title)}"
        lines.append(f"- {title} ({m.kind}: {skills})")
    if len(found) > STAGES_SHOWN:
        lines.append(f"- … and {len(found) - STAGES_SHOWN:,} more (the best matches come first)")
    return lines


def _ask_section(ask: Ask, word: str, lookups: _Lookups, matches: Matches) -> list[str]:
    lines = [f"#### {md(ask.title)} — {code(ask.path)} ({word})", ""]
    lines += [
        f"Organisation: {md(ask.organisation.name)}.",
        "Consent: yes, to publish the contact's name and email address.",
        "",
    ]
    if not ask.active:
        state = "expired" if ask.expired else ask.status
        return [*lines, f"Not matched: the ask is {state}."]
    names = lookups.names
    lines += table_head("stage", "can help", "top helpers")
    for stage in ask.stages:
        title = f"{stage.number}. {md(stage.title)}"
        if stage.status != "open":
            lines.append(f"| {title} | — ({stage.status}) | |")
            continue
        found = matches.by_stage.get((ask.slug, stage.number), ())
        exact = sum(1 for m in found if m.kind == "exact")
        related = len(found) - exact
        count = f"{len(found)} ({exact} exact · {related} related)" if found else "0 — **gap**"
        top = ", ".join(md(names[m.mentor]) for m in found[:SHOWN])
        lines.append(f"| {title} | {count} | {top} |")
    pools = matches.pools.get(ask.slug)
    whole, staged = (len(pools.whole_task), len(pools.staged)) if pools else (0, 0)
    return [
        *lines,
        "",
        f"Whole-task pool: {plural(whole, 'mentor')}; staged pool: "
        f"{plural(staged, 'mentor')} (breaking the task into stages widens who can help).",
    ]


def _entries_section(
    change: Change, directory: Directory, matches: Matches, limit: int | None = None
) -> list[str]:
    words = {path: word for word, path in change.files if word != "removed"}
    mentors = [m for m in directory.mentors if m.path in words]
    asks = [a for a in directory.asks if a.path in words]
    lookups = _by_slug(directory)
    lines: list[str] = []
    if mentors:
        lines += ["", "### Mentors", ""]
        for mentor in mentors[:limit]:
            lines += [*_mentor_section(mentor, words[mentor.path], lookups, matches), ""]
        lines += _cap(mentors, limit, "mentors")[limit:] if limit is not None else []
    if asks:
        lines += ["", "### Asks", ""]
        for ask in asks[:limit]:
            lines += [*_ask_section(ask, words[ask.path], lookups, matches), ""]
        lines += _cap(asks, limit, "asks")[limit:] if limit is not None else []
    return lines


def _outside_section(change: Change, limit: int | None = None) -> list[str]:
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
        lines += _cap([f"- {code(p)} ({w})" for w, p in vocab], limit, "files")
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
        # Over the cap, files that run code come first, so it never hides them behind others.
        too_many = limit is not None and len(outside) > limit
        ranked = sorted(outside, key=lambda f: not _runs_code(f[1])) if too_many else outside
        listed = [
            f"- {code(path)} ({word})" + (" — **runs code**" if _runs_code(path) else "")
            for word, path in ranked
        ]
        lines += _cap(listed, limit, "files")
    return lines


def _fit(text: str, limit: int, what: str) -> str:
    """`text` cut at a line end to stay under `limit` UTF-8 bytes, saying so."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    note = f"\n\n… {what} stops here: it would be over {limit:,} bytes ({FULL_NOTE}).\n"
    cut = data[: max(0, limit - len(note.encode("utf-8")))].decode("utf-8", errors="ignore")
    return cut[: cut.rfind("\n") + 1].rstrip("\n") + note


def render(
    change: Change,
    problems: tuple[Problem, ...],
    directory: Directory,
    *,
    full: bool = False,
    matches: Matches | None = None,
) -> str:
    """The report as Markdown: every list capped (under 1 MB), or in full when `full`."""
    matches = match(directory) if matches is None else matches
    limit = None if full else LISTED
    lines = [
        "## CrowdGuru: what this change does",
        "",
        f"Compared with {code(change.base)} (merge base {code(change.commit[:12])}), "
        f"as of {directory.today.isoformat()}.",
        "",
        *_files_section(change, limit),
        "",
        *_check_section(problems, directory, limit),
        *_warnings_section(problems, change, limit),
        *_entries_section(change, directory, matches, limit),
    ]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"
    outside = re.sub(r"\n{3,}", "\n\n", "\n".join(_outside_section(change, limit))).strip("\n")
    tail = f"\n{outside}\n" if outside else ""
    if full:
        return body + tail
    # The warning about files outside content/ is never the part cut off.
    tail = _fit(tail, SUMMARY_BYTES // 4, "this list")
    return _fit(body, SUMMARY_BYTES - len(tail.encode("utf-8")), "the summary") + tail


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
    found = match(validated.directory)  # once for both reports: the costly step
    if args.full:
        full = render(change, validated.problems, validated.directory, full=True, matches=found)
        args.full.write_text(full, encoding="utf-8")
    text = render(change, validated.problems, validated.directory, matches=found)
    markdown = args.format == "markdown" or (args.format is None and _to_step_summary())
    sys.stdout.write(text if markdown else to_text(text))
    return 0


def _to_step_summary() -> bool:
    """Whether stdout is the file GitHub Actions shows as the job summary."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    try:
        return bool(summary) and os.path.samestat(os.fstat(sys.stdout.fileno()), os.stat(summary))
    except (OSError, ValueError, AttributeError):
        return False  # stdout is no real file (captured), or the summary file does not exist
