"""`python -m generator check [PATH ...]`: validate content and print every problem."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from generator import build_date, find_root
from generator.problems import Problem, errors, format_github, format_json, format_text
from generator.validate import Validated, build_directory
from generator.words import plural

EPILOG = """examples:
  python -m generator check                          # the whole content/ folder
  python -m generator check content/mentors/ana.yml  # only problems of one file
  python -m generator check content/asks             # only problems of the asks
  python -m generator check --format github          # annotations on a pull request

Each problem is one line: PATH:LINE:COL: error: FIELD: message (hint).
Warnings (PATH:LINE:COL: warning: ..., e.g. the same person under two addresses) are printed
too but do not fail: the exit status is 1 only when there is an error.
Cross-file rules (one profile per email, duplicates, known skills) always look at the whole
content/ folder.
"""

FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """The `check` subcommand."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "check",
        help="validate content files and print every problem",
        description="Validate content files; print every problem as "
        "PATH:LINE:COL: error: FIELD: message (hint). Exit 0 clean (or only warnings), "
        "1 errors, 2 usage.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to report on (default: all of content/)",
    )
    parser.add_argument(
        "--format",
        choices=tuple(FORMATTERS),
        default="text",
        help="output: text (default), github (workflow annotations) or json",
    )
    return parser


def _relative(path: Path, root: Path) -> str | None:
    """`path` relative to `root` as problems name it, or None if it lies outside."""
    for candidate in (Path(os.path.abspath(path)), path.parent.resolve() / path.name):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return None


def _root_of(path: Path) -> Path:
    """The repository holding `path`, found without following links (a linked folder is an
    error to report, not a way out of the repository)."""
    here = Path(os.path.abspath(path))
    for folder in (here, *here.parents):
        if (folder / "content" / "skills.yml").is_file():
            return folder
    return find_root(here if here.is_dir() else here.parent)


def _selected(problem: Problem, wanted: list[str]) -> bool:
    """A problem in a wanted file or folder, or in a folder that holds one (a misplaced folder)."""
    return any(
        w in (".", "")
        or problem.path == w
        or problem.path.startswith(w + "/")
        or w.startswith(problem.path + "/")
        for w in wanted
    )


def run(args: argparse.Namespace) -> int:
    """Validate the content tree; 0 clean, 1 problems, 2 usage error."""
    paths: list[Path] = list(args.paths)
    for path in paths:
        if not path.exists() and not path.is_symlink():
            print(f"check: {path}: no such file or folder", file=sys.stderr)
            return 2
    start = paths[0] if paths else Path.cwd()
    root = _root_of(start)
    if not (root / "content").is_dir():
        print(f"check: no content/ folder found at or above {start}", file=sys.stderr)
        return 2
    wanted: list[str] = []
    for path in paths:
        relative = _relative(path, root)
        if relative is None:
            print(f"check: {path}: not inside {root}", file=sys.stderr)
            return 2
        if relative not in (".", "content") and not relative.startswith("content/"):
            print(f"check: {path}: not in content/, so nothing there is checked", file=sys.stderr)
            return 2
        wanted.append(relative)
    validated = build_directory(root, build_date())
    problems = [p for p in validated.problems if not wanted or _selected(p, wanted)]
    if problems or args.format == "json":
        print(FORMATTERS[args.format](problems))
    failed = errors(problems)
    if args.format == "text":
        print(_summary(problems, failed, validated), file=sys.stderr)
    return 1 if failed else 0


def _summary(problems: list[Problem], failed: tuple[Problem, ...], validated: Validated) -> str:
    """`2 problems in 2 files`, `no problems (...)`, or either with `, N warnings`."""
    warned = len(problems) - len(failed)
    warnings = f", {plural(warned, 'warning')}" if warned else ""
    if failed:
        files = len({p.path for p in failed})
        return f"{plural(len(failed), 'problem')} in {plural(files, 'file')}{warnings}"
    checked = len(validated.directory.mentors) + len(validated.directory.asks)
    return f"no problems ({checked} valid mentor and ask files){warnings}"
