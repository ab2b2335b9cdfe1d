"""`python -m generator review`: stale or near-stale mentors, expired or expiring asks, and
mentors coming back from a break.

The Markdown goes into one tracking issue, whose body GitHub caps at 65,536 characters: each list
is cut to its share of a budget, and `--full FILE` writes every row (the workflow attaches it).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from generator import build_date, find_root
from generator.dates import shift
from generator.markdown import byte_size, code, md, table_head
from generator.model import STALE_AFTER_DAYS, Ask, Directory, Mentor
from generator.validate import build_directory

EPILOG = """examples:
  python -m generator review                      # Markdown on standard output
  python -m generator review --output review.md --full review-full.md \\
      --repo octo/crowdguru --branch main           # the weekly workflow's tracking issue body
  python -m generator review --within 14
  python -m generator review --links links.md     # with linkcheck's dead links

Each entry gets a one-click edit link to its file on GitHub (with --repo, default
$GITHUB_REPOSITORY) and an @mention of the mentor's `github` username. Prints nothing (and
writes empty files) when nothing needs attention. Always exits 0 unless the content folder is
missing (2).
"""

BODY_BUDGET = 60_000  # UTF-8 bytes (≥ characters) of the issue body: under GitHub's 65,536 limit
ROW_CAP = 200  # rows per list at most, however short
REPO_NAME = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """The `review` subcommand."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "review",
        help="list stale or near-stale mentors and expired or expiring asks (Markdown)",
        description="List mentor profiles that are stale or will be within DAYS, and asks that "
        "have expired or will within DAYS, as a Markdown issue body with edit links.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--within", type=_days, default=30, metavar="DAYS", help="default 30")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write here, not stdout")
    parser.add_argument("--full", type=Path, metavar="FILE", help="also write every row here")
    parser.add_argument("--root", type=Path, help="the repository (default: found from here)")
    parser.add_argument(
        "--repo",
        default=os.environ.get("GITHUB_REPOSITORY", ""),
        metavar="OWNER/NAME",
        help="GitHub repository for edit links (default: $GITHUB_REPOSITORY; none: no links)",
    )
    parser.add_argument("--branch", default="main", help="branch edit links open (default main)")
    parser.add_argument(
        "--full-url", default="", metavar="URL", help="where the full list is (the workflow run)"
    )
    parser.add_argument(
        "--links",
        type=Path,
        metavar="FILE",
        help="a dead-links section from `python -m generator linkcheck` to include",
    )
    return parser


def _days(text: str) -> int:
    days = int(text)
    if not 0 <= days <= 3660:
        raise argparse.ArgumentTypeError("DAYS must be 0 to 3660")
    return days


def stale_from(mentor: Mentor) -> date:
    """The first day the profile counts as stale."""
    return shift(mentor.confirmed, STALE_AFTER_DAYS + 1)


@dataclass(frozen=True)
class Links:
    """Where edit links point: `https://github.com/OWNER/NAME/edit/BRANCH/PATH`."""

    repo: str = ""
    branch: str = "main"

    def edit(self, path: str) -> str:
        """A file's path as inline code, with its one-click edit link when the repo is known."""
        if not REPO_NAME.match(self.repo) or not self.branch:
            return code(path)
        url = f"https://github.com/{self.repo}/edit/{quote(self.branch)}/{quote(path)}"
        return f"{code(path)} ([edit]({url}))"


def mention(mentor: Mentor) -> str:
    """`@username` when the profile gives one (a schema-checked GitHub name), else blank."""
    return f"@{mentor.github}" if mentor.github else ""


@dataclass(frozen=True)
class Section:
    """One list of the review: heading, what to do, a table header and its rows."""

    title: str
    intro: str
    header: tuple[str, ...]
    rows: Sequence[str] = field(default_factory=tuple)

    def lines(self, rows: Sequence[str], left_out: int, full_note: str) -> list[str]:
        """The section as Markdown lines, with `rows` and a note for the rows left out."""
        out = ["", f"### {self.title} ({len(self.rows)})", ""]
        out += [self.intro, ""] if self.intro else []
        out += [*table_head(*self.header), *rows]
        if left_out:
            out += ["", f"… and {left_out} more, {full_note}."]
        return out


def mentor_section(
    title: str,
    intro: str,
    mentors: Sequence[Mentor],
    when: str,
    links: Links,
    day: Callable[[Mentor], date] = stale_from,
) -> Section:
    """A table of mentors with their edit link, last confirmation, a date and @mention.

    The "coming back" section (mentors whose `away_until` is near) is built with this too, with
    `day` giving that date.
    """
    rows = [
        f"| {md(m.name)} | {links.edit(m.path)} | {m.confirmed.isoformat()} | "
        f"{day(m).isoformat()} | {mention(m)} |"
        for m in mentors
    ]
    return Section(title, intro, ("mentor", "file", "last confirmed", when, "ping"), rows)


def ask_section(title: str, intro: str, asks: Sequence[Ask], links: Links) -> Section:
    """A table of asks with their edit link, status and expiry date."""
    rows = [
        f"| {md(a.title)} | {links.edit(a.path)} | {a.status} | {a.expires.isoformat()} |"
        for a in asks
    ]
    return Section(title, intro, ("ask", "file", "status", "expires"), rows)


def sections(directory: Directory, within: int, links: Links) -> list[Section]:
    """Every non-empty list the review holds, in order."""
    soon = shift(directory.today, within)
    by_date = sorted(directory.mentors, key=lambda m: (m.confirmed, m.slug))
    stale = [m for m in by_date if m.stale]
    going = [m for m in by_date if not m.stale and stale_from(m) <= soon]
    asks = sorted(directory.asks, key=lambda a: (a.expires, a.slug))
    expired = [a for a in asks if a.expired and a.status != "closed"]
    expiring = [a for a in asks if not a.expired and a.status == "open" and a.expires <= soon]
    back = sorted(
        (m for m in directory.mentors if m.away and m.away_until and m.away_until <= soon),
        key=lambda m: (m.away_until or directory.today, m.slug),
    )
    built = [
        mentor_section(
            "Stale mentor profiles",
            "Not confirmed for over a year, so not matched. Ask the mentor to set `confirmed` "
            "to today (the edit link makes it a one-line pull request), or remove the file.",
            stale,
            "stale since",
            links,
        ),
        mentor_section(
            f"Going stale within {within} days",
            "A reminder to reconfirm now keeps these mentors matched.",
            going,
            "stale from",
            links,
        ),
        mentor_section(
            f"Mentors coming back within {within} days",
            "Away until the date below; from that day the site matches them again with no edit. "
            "A welcome-back note is a good moment to check the profile is still right.",
            back,
            "back on",
            links,
            day=lambda m: m.away_until or directory.today,
        ),
        ask_section(
            "Expired asks",
            "Past `expires`, so not matched. Ask the charity to extend `expires`, set "
            "`status: closed`, or remove the file.",
            expired,
            links,
        ),
        ask_section(f"Asks expiring within {within} days", "", expiring, links),
    ]
    return [s for s in built if s.rows]


def render(
    parts: Sequence[Section],
    today: date,
    tail: Sequence[str] = (),
    budget: int | None = BODY_BUDGET,
    full_url: str = "",
) -> str:
    """The review as Markdown; with a `budget`, each list is cut to an equal share of it."""
    head = [f"## Directory review, {today.isoformat()}", ""]
    head += ["Updated by the weekly `review` workflow; it closes this issue when nothing is left."]
    where = f"[the workflow run]({full_url})" if full_url.startswith("https://") else "the run"
    full_note = f"in the full list attached to {where} (artifact `review-full`)"
    lines = [*head]
    left = None if budget is None else budget - byte_size(head) - byte_size(tail) - 500 * len(parts)
    for i, part in enumerate(parts):
        rows: list[str] = []
        share = None if left is None else max(0, left // (len(parts) - i))
        used = 0
        for row in part.rows:
            cost = byte_size([row])
            if share is not None and (len(rows) >= ROW_CAP or used + cost > share):
                break
            rows.append(row)
            used += cost
        if left is not None:
            left -= used
        lines += part.lines(rows, len(part.rows) - len(rows), full_note)
    return "\n".join([*lines, *tail]) + "\n"


def review(
    directory: Directory,
    within: int,
    invalid_files: int = 0,
    links: Links | None = None,
    budget: int | None = BODY_BUDGET,
    full_url: str = "",
    dead_links: str = "",
) -> str:
    """The review as Markdown, or "" when nothing needs attention.

    `dead_links` is linkcheck's section (already capped and escaped), placed after the lists.
    """
    parts = sections(directory, within, links or Links())
    if not (parts or invalid_files or dead_links.strip()):
        return ""
    tail = dead_links.rstrip("\n").split("\n") if dead_links.strip() else []
    if invalid_files:
        tail += [
            "",
            f"### Files with problems ({invalid_files})",
            "",
            "Run `python -m generator check` for details; these are left out above.",
        ]
    return render(parts, directory.today, tail, budget, full_url)


def run(args: argparse.Namespace) -> int:
    """Write the review (or nothing); 0, or 2 without a content folder."""
    root = (args.root or find_root(Path.cwd())).resolve()
    if not (root / "content").is_dir():
        print(f"review: no content/ folder at or above {root}", file=sys.stderr)
        return 2
    if args.repo and not REPO_NAME.match(args.repo):
        print(f"review: --repo {args.repo!r} is not OWNER/NAME", file=sys.stderr)
        return 2
    validated = build_directory(root, build_date())
    invalid = len({p.path for p in validated.problems if p.is_error})
    links = Links(args.repo, args.branch)
    dead = args.links.read_text(encoding="utf-8") if args.links and args.links.is_file() else ""
    text = review(
        validated.directory, args.within, invalid, links, full_url=args.full_url, dead_links=dead
    )
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if args.full:
        full = review(
            validated.directory, args.within, invalid, links, budget=None, dead_links=dead
        )
        args.full.write_text(full, encoding="utf-8")
    if not text:
        print("review: nothing needs attention", file=sys.stderr)
    return 0
