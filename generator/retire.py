"""`python -m generator retire`: set `available: false` on long-stale profiles, editing one line.

A profile stale for more than a year beyond the stale line (confirmed over two years ago) is
taken out of the lists by the weekly review's pull request, which maintainers review. The file is
edited in place — one value changed or one line added — never re-dumped, and the result must read
back as the same data with `available: false`, or the file is left for a person to edit.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator import build_date, find_root
from generator.dates import shift
from generator.load import RawFile, parse_text
from generator.markdown import code, md, table_head
from generator.model import STALE_AFTER_DAYS, Directory, Mentor
from generator.review import Links, mention
from generator.tree import load_content
from generator.validate import validate

RETIRE_AFTER_DAYS = 2 * STALE_AFTER_DAYS
BRANCH = "review/retire-stale-profiles"  # the workflow's fixed branch: one PR, updated weekly
SHOWN = 300  # profiles listed in the PR body (the diff has them all)
_BREAK = re.compile(r"(\r\n|\r|\n|\x85|\u2028|\u2029)")  # what libyaml counts as a line break

EPILOG = f"""examples:
  python -m generator retire                          # edit the files, list them on stdout
  python -m generator retire --output pr.md --dry-run # only the pull request's body

Edits content/mentors/*.yml in place: profiles confirmed more than {RETIRE_AFTER_DAYS} days
before the build date and still available get `available: false` (the weekly review opens one
pull request with the change, on branch {BRANCH}). Exit 0; 2 without a content folder.
"""


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """The `retire` subcommand."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "retire",
        help="set `available: false` on profiles not confirmed for over two years",
        description="Set `available: false` on mentor profiles stale for more than a year "
        "beyond the stale line, editing one line of each file, and write a pull request body.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--root", type=Path, help="the repository (default: found from here)")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write the PR body here")
    parser.add_argument("--dry-run", action="store_true", help="change no file")
    parser.add_argument("--repo", default="", metavar="OWNER/NAME", help="for edit links")
    parser.add_argument("--branch", default="main", help="branch edit links open (default main)")
    return parser


def to_retire(directory: Directory) -> list[Mentor]:
    """Available profiles confirmed more than RETIRE_AFTER_DAYS before the build date."""
    line = shift(directory.today, -RETIRE_AFTER_DAYS)
    found = [m for m in directory.mentors if m.available and m.confirmed < line]
    return sorted(found, key=lambda m: (m.confirmed, m.slug))


def unavailable(text: str, raw: RawFile, since: date) -> str | None:
    """`text` with `available: false`, one line changed or added; None if that is not safe."""
    data = raw.data
    if not isinstance(data, dict) or raw.problems or data.get("available") is False:
        return None
    bom = "\ufeff" if text.startswith("\ufeff") else ""  # the loader counts columns without it
    text = text.removeprefix(bom)
    if "available" in data:
        line, col = raw.where(("available",))
        parts = _BREAK.split(text)  # lines at even indexes, their breaks at odd ones
        index = 2 * (line - 1)
        if index >= len(parts) or parts[index][col - 1 : col + 3] != "true":
            return None
        parts[index] = parts[index][: col - 1] + "false" + parts[index][col + 3 :]
        edited = "".join(parts)
    elif all(col == 1 for key, (_, col) in raw.keys.items() if len(key) == 1):
        comment = f"  # not confirmed since {since.isoformat()} (weekly review)"
        ending = "" if text.endswith(("\n", "\r")) else "\n"
        edited = f"{text}{ending}available: false{comment}\n"
    else:
        return None
    again = parse_text(edited, raw.path)
    same = not again.problems and again.data == {**data, "available": False}
    return bom + edited if same else None


@dataclass(frozen=True)
class Retired:
    """What `retire` did: the profiles edited, and those a person must edit."""

    edited: tuple[Mentor, ...]
    by_hand: tuple[Mentor, ...]


def retire(root: Path, today: date, dry_run: bool = False) -> Retired:
    """Edit every long-stale available profile under `root/content/mentors/`."""
    content = load_content(root)
    directory = validate(content, today).directory
    raws = {raw.path: raw for raw in content.mentors}
    edited, by_hand = [], []
    for mentor in to_retire(directory):
        path = root / mentor.path
        text = path.read_bytes().decode("utf-8")
        new = unavailable(text, raws[mentor.path], mentor.confirmed)
        if new is None:
            by_hand.append(mentor)
            continue
        if not dry_run:
            path.write_bytes(new.encode("utf-8"))
        edited.append(mentor)
    return Retired(tuple(edited), tuple(by_hand))


def body(result: Retired, links: Links) -> str:
    """The pull request's description, or "" when nothing is to retire."""
    if not (result.edited or result.by_hand):
        return ""
    lines = [
        "## Retire long-stale mentor profiles",
        "",
        f"These profiles were last confirmed more than {RETIRE_AFTER_DAYS} days ago (a year "
        "past the stale line). This pull request sets `available: false` on each, so the "
        "directory stops listing them as available; nothing is deleted. A mentor who is still "
        "happy to help can set `confirmed` to today and `available: true` — then close this or "
        "drop their file from it. Opened and updated by the weekly `review` workflow.",
        "",
        *table_head("mentor", "file", "last confirmed", "ping"),
    ]
    for m in result.edited[:SHOWN]:
        lines.append(f"| {md(m.name)} | {links.edit(m.path)} | {m.confirmed} | {mention(m)} |")
    if len(result.edited) > SHOWN:
        lines += ["", f"… and {len(result.edited) - SHOWN} more (see the diff)."]
    if result.by_hand:
        lines += ["", f"### Edit by hand ({len(result.by_hand)})", ""]
        lines += ["These could not be edited safely in one line:", ""]
        lines += [f"- {code(m.path)}" for m in result.by_hand[:SHOWN]]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Edit the files and write the PR body; 0, or 2 without a content folder."""
    root = (args.root or find_root(Path.cwd())).resolve()
    if not (root / "content").is_dir():
        print(f"retire: no content/ folder at or above {root}", file=sys.stderr)
        return 2
    result = retire(root, build_date(), args.dry_run)
    text = body(result, Links(args.repo, args.branch))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    for mentor in result.edited:
        print(mentor.path)
    for mentor in result.by_hand:
        print(f"retire: {mentor.path}: edit by hand", file=sys.stderr)
    return 0
