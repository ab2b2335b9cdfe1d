"""`python -m generator review`: stale or near-stale mentors, expired or expiring asks, and
mentors coming back from a break."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generator import build_date, find_root
from generator.model import STALE_AFTER_DAYS, Ask, Directory, Mentor
from generator.report import code, md
from generator.validate import build_directory

EPILOG = """examples:
  python -m generator review                      # Markdown on standard output
  python -m generator review --output review.md   # the weekly workflow's tracking issue body
  python -m generator review --within 14

Prints nothing (and writes an empty file) when nothing needs attention. Always exits 0
unless the content folder is missing (2).
"""


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """The `review` subcommand."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "review",
        help="list stale or near-stale mentors and expired or expiring asks (Markdown)",
        description="List mentor profiles that are stale or will be within DAYS, and asks that "
        "have expired or will within DAYS, as a Markdown issue body.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--within", type=int, default=30, metavar="DAYS", help="default 30")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write here, not stdout")
    parser.add_argument("--root", type=Path, help="the repository (default: found from here)")
    return parser


def stale_from(mentor: Mentor) -> date:
    """The first day the profile counts as stale."""
    return mentor.confirmed + timedelta(days=STALE_AFTER_DAYS + 1)


def _mentor_rows(mentors: list[Mentor], when: str) -> list[str]:
    rows = [f"| mentor | file | last confirmed | {when} |", "|---|---|---|---|"]
    for m in mentors:
        rows.append(
            f"| {md(m.name)} | {code(m.path)} | {m.confirmed.isoformat()} | "
            f"{stale_from(m).isoformat()} |"
        )
    return rows


def _ask_rows(asks: list[Ask]) -> list[str]:
    rows = ["| ask | file | status | expires |", "|---|---|---|---|"]
    rows += [
        f"| {md(a.title)} | {code(a.path)} | {a.status} | {a.expires.isoformat()} |" for a in asks
    ]
    return rows


def review(directory: Directory, within: int, invalid_files: int = 0) -> str:
    """The review as Markdown, or "" when nothing needs attention."""
    today, soon = directory.today, directory.today + timedelta(days=within)
    by_date = sorted(directory.mentors, key=lambda m: (m.confirmed, m.slug))
    stale = [m for m in by_date if m.stale]
    going = [m for m in by_date if not m.stale and stale_from(m) <= soon]
    asks = sorted(directory.asks, key=lambda a: (a.expires, a.slug))
    expired = [a for a in asks if a.expired and a.status != "closed"]
    expiring = [a for a in asks if not a.expired and a.status == "open" and a.expires <= soon]
    back = sorted(
        (m for m in directory.mentors if m.away and m.away_until and m.away_until <= soon),
        key=lambda m: (m.away_until, m.slug),
    )
    if not (stale or going or expired or expiring or back or invalid_files):
        return ""
    lines = [f"## Directory review, {today.isoformat()}", ""]
    lines += ["Updated by the weekly `review` workflow; it closes this issue when nothing is left."]
    if stale:
        lines += ["", f"### Stale mentor profiles ({len(stale)})", ""]
        lines += [
            "Not confirmed for over a year, so not matched. Ask the mentor to set "
            "`confirmed` to today (a one-line pull request), or remove the file.",
            "",
        ]
        lines += _mentor_rows(stale, "stale since")
    if going:
        lines += ["", f"### Going stale within {within} days ({len(going)})", ""]
        lines += ["A reminder to reconfirm now keeps these mentors matched.", ""]
        lines += _mentor_rows(going, "stale from")
    if expired:
        lines += ["", f"### Expired asks ({len(expired)})", ""]
        lines += [
            "Past `expires`, so not matched. Ask the charity to extend `expires`, set "
            "`status: closed`, or remove the file.",
            "",
        ]
        lines += _ask_rows(expired)
    if expiring:
        lines += ["", f"### Asks expiring within {within} days ({len(expiring)})", ""]
        lines += _ask_rows(expiring)
    if back:
        lines += ["", f"### Mentors coming back within {within} days ({len(back)})", ""]
        lines += [
            "Away until the date below; from that day the site matches them again with no edit. "
            "A welcome-back note is a good moment to check the profile is still right.",
            "",
            "| mentor | file | back on |",
            "|---|---|---|",
        ]
        lines += [f"| {md(m.name)} | {code(m.path)} | {m.away_until} |" for m in back]
    if invalid_files:
        lines += [
            "",
            f"### Files with problems ({invalid_files})",
            "",
            "Run `python -m generator check` for details; these are left out above.",
        ]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Write the review (or nothing); 0, or 2 without a content folder."""
    root = (args.root or find_root(Path.cwd())).resolve()
    if not (root / "content").is_dir():
        print(f"review: no content/ folder at or above {root}", file=sys.stderr)
        return 2
    validated = build_directory(root, build_date())
    invalid = len({p.path for p in validated.problems})
    text = review(validated.directory, args.within, invalid)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if not text:
        print("review: nothing needs attention", file=sys.stderr)
    return 0
