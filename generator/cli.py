"""Command line: `python -m generator check|new|report|synth` (each with --help)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

EPILOG_CHECK = """examples:
  python -m generator check                         # the whole content/ folder
  python -m generator check content/mentors/ana.yml # report problems of one file
  python -m generator check --format github         # annotations on a pull request
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="CrowdGuru: check, create and report on micro-mentoring directory content.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate content files and print every problem",
        description="Validate content files; print every problem as "
        "PATH:LINE:COL: error: FIELD: message (hint). Exit 0 clean, 1 problems, 2 usage.",
        epilog=EPILOG_CHECK,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="files or folders to check (default: content/)")
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="output format (default: text)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "check":
        from generator.check import run_check

        return run_check(args.paths, args.format, sys.stdout, sys.stderr)
    return 2
