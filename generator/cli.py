"""Command line: `python -m generator COMMAND` (each command's module holds its parser)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

# Each module here defines `add_parser(commands)` and `run(args) -> int` (exit status).
COMMANDS: tuple[str, ...] = (
    "check",
    "synth",
    "new",
    "report",
    "review",
    "retire",
    "intake",
    "linkcheck",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="CrowdGuru: check, create and report on micro-mentoring directory content.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"generator.{name}")
        module.add_parser(commands).set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for usage errors)."""
    args = _parser().parse_args(argv)
    return args.run(args)
