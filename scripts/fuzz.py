"""Long fuzz run of the loader and validator (not in CI): the robustness properties, big budget.

    .venv/bin/python scripts/fuzz.py                    # 20,000 examples per property
    .venv/bin/python scripts/fuzz.py --examples 200000  # longer
    .venv/bin/python scripts/fuzz.py -k unicode         # only some properties (pytest -k)

It runs tests/robustness/test_fuzz_*.py with the "fuzz" Hypothesis profile (see the suite's
conftest.py): the same properties CI checks with 150 examples each, here with many more and no
deadline. A failure prints the shrunk input and how to reproduce it; Hypothesis also keeps it in
.hypothesis/ so the next plain `pytest` run of the suite tries it first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = ["tests/robustness/test_fuzz_loader.py", "tests/robustness/test_fuzz_validator.py"]


def main(argv: list[str] | None = None) -> int:
    """Run the fuzz properties; the exit status is pytest's."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--examples", type=int, default=20_000, help="examples per property")
    parser.add_argument("-k", dest="keyword", default="", help="only properties matching this")
    args = parser.parse_args(argv)
    env = {**os.environ, "HYPOTHESIS_PROFILE": "fuzz", "FUZZ_EXAMPLES": str(args.examples)}
    command = [sys.executable, "-m", "pytest", *TESTS, "-p", "no:xdist", "-q"]
    command += ["--hypothesis-show-statistics"]
    if args.keyword:
        command += ["-k", args.keyword]
    return subprocess.run(command, cwd=REPO, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
