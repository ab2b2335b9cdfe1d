"""Speed limits that used to be asserts in the tests, measured here where a loaded machine cannot
make the suite flaky.

    .venv/bin/python scripts/timings.py            # every limit; exit 1 if one is exceeded
    .venv/bin/python scripts/timings.py --repeat 5 # best of 5 per measurement

The tests still check what these inputs do (refused, located, typed); only the clock is here.
Limits: each YAML test suite input through the loader and through `check` < 1 s; each resource
attack on the loader (alias bomb, deep nesting, a 5,000-digit number) < 1 s; matching 3,000
mentors × 3,000 asks and reading counts and top-5 lists < 5 s. See docs/testing.md.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.cli import main as cli_main  # noqa: E402
from generator.load import MAX_DEPTH, load_file, parse_text  # noqa: E402
from generator.match import match  # noqa: E402
from tests.robustness.conftest import write_tree, yaml_suite_cases  # noqa: E402
from tests.robustness.test_bombs import LAUGHS  # noqa: E402
from tests.test_match import skewed_directory  # noqa: E402

PATH = "content/mentors/case.yml"


def best(repeat: int, work: Callable[[], object]) -> float:
    """The shortest of `repeat` runs of `work`, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def suite_loader(repeat: int) -> tuple[str, float]:
    """The slowest YAML test suite input through load_file."""
    found = {
        case: best(repeat, lambda f=file: load_file(f, PATH)) for case, file in yaml_suite_cases()
    }
    slowest = max(found, key=found.__getitem__)
    return slowest, found[slowest]


def suite_check(repeat: int) -> tuple[str, float]:
    """The slowest YAML test suite input as a mentor file through `check` (in-process)."""
    found = {}
    with tempfile.TemporaryDirectory() as tmp:
        for case, file in yaml_suite_cases():
            root = write_tree(Path(tmp) / case)
            (root / PATH).write_bytes(file.read_bytes())
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                found[case] = best(repeat, lambda r=root: cli_main(["check", str(r)]))
    slowest = max(found, key=found.__getitem__)
    return slowest, found[slowest]


def bombs(repeat: int) -> dict[str, float]:
    """Each resource attack from tests/robustness/test_bombs.py through parse_text."""
    inputs = {
        "billion laughs": LAUGHS,
        f"flow nesting {MAX_DEPTH + 1}": "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        "flow nesting 10,000": "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "flow nesting 100,000": "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "block nesting 200": "".join(f"{'  ' * i}k{i}:\n" for i in range(200)) + "  " * 200 + "v\n",
        "5,000-digit number": "hours_per_month: " + "9" * 5000 + "\n",
    }
    return {name: best(repeat, lambda t=text: parse_text(t, PATH)) for name, text in inputs.items()}


def big_match(repeat: int) -> float:
    """match() at 3,000 × 3,000, then every count, top-5 list and pool size read."""
    directory = skewed_directory(3000, 3000)

    def run() -> None:
        matches = match(directory)
        sum(len(v) for v in matches.by_stage.values())
        [v[:5] for v in matches.by_stage.values()]
        [v[:5] for v in matches.by_mentor.values()]
        [(len(p.whole_task), len(p.staged)) for p in matches.pools.values()]

    return best(repeat, run)


def main(argv: list[str] | None = None) -> int:
    """Measure every limit, print a table, exit 1 if any is exceeded."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs per measurement")
    args = parser.parse_args(argv)
    rows: list[tuple[str, float, float]] = []
    case, seconds = suite_loader(args.repeat)
    rows.append((f"slowest YAML suite input, loader ({case})", seconds, 1.0))
    case, seconds = suite_check(args.repeat)
    rows.append((f"slowest YAML suite input, check ({case})", seconds, 1.0))
    rows += [(f"loader: {name}", seconds, 1.0) for name, seconds in bombs(args.repeat).items()]
    rows.append(("match 3,000 × 3,000 and read counts, top 5s, pools", big_match(args.repeat), 5.0))
    over = [row for row in rows if row[1] >= row[2]]
    print(f"| measurement | seconds (best of {args.repeat}) | limit |")
    print("|---|---:|---:|")
    for name, seconds, limit in rows:
        flag = " **over**" if (name, seconds, limit) in over else ""
        print(f"| {name} | {seconds:.3f}{flag} | < {limit:g} |")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
