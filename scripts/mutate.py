"""Mutation testing of the core with mutmut 3: does each module's test selection kill its mutants?

    .venv/bin/python scripts/mutate.py                 # every module (what `make mutate` runs)
    .venv/bin/python scripts/mutate.py match mailto    # some modules
    .venv/bin/python scripts/mutate.py --list          # the modules and their test selections

Needs the `mutate` extra (`pip install -e '.[test,mutate]'`). Each module runs in its own copy of
the repository (under --work, default the system temp folder) with a generated `[tool.mutmut]`
section: only that module is mutated, and only its fast unit tests run (mutmut then runs, for each
mutant, just the tests that reached the mutated function). Survivors are listed with
`mutmut show NAME` run in that copy. Exit status 1 when a module scores below --target.
Scores and the survivors judged equivalent are written down in docs/testing.md.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Copied into each work tree: the package, the tests and what the selected tests read.
COPY = ("generator", "tests", "content", "docs", "pyproject.toml", "CONTRIBUTING.md", "README.md")
# mutmut's exit codes per mutant (mutmut/state.py: status_by_exit_code).
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}  # a failing test, a timeout or a type-check catch
SURVIVED = {0}
NO_TESTS = {5, 33}


@dataclass(frozen=True)
class Target:
    """One module: the file, the tests that cover it, and which of its functions count."""

    path: str
    tests: tuple[str, ...]
    functions: tuple[str, ...] = ("*",)  # fnmatch patterns over mutmut's function names


TARGETS = {
    "match": Target("generator/match.py", ("tests/test_match.py", "tests/test_match_exact.py")),
    "mailto": Target("generator/mailto.py", ("tests/test_mailto.py", "tests/test_mailto_exact.py")),
    "text": Target("generator/text.py", ("tests/test_text.py", "tests/test_text_edges.py")),
    "scalars": Target("generator/scalars.py", ("tests/test_load.py", "tests/test_scalars.py")),
    "rules": Target("generator/rules.py", ("tests/test_validate.py", "tests/test_rules.py")),
    # The loader's position code: where a key, value or syntax error is reported.
    "load": Target(
        "generator/load.py",
        ("tests/test_load.py", "tests/test_load_positions.py"),
        ("xǁRawFileǁwhere__*", "x__pos__*", "x__offset_to_pos__*", "x__syntax_problem__*"),
    ),
}


def module_of(path: str) -> str:
    """`generator/load.py` → `generator.load`."""
    return path.removesuffix(".py").replace("/", ".")


def prepare(work: Path, target: Target) -> None:
    """A fresh copy of the repository with a [tool.mutmut] section for this target."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", "*.pyc")
    for name in COPY:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, work / name)
    tests = [t for t in target.tests if (REPO / t).is_file()]
    others = sorted(set(COPY) - {"generator", "tests", "pyproject.toml"})
    config = (
        "\n[tool.mutmut]\n"
        f'source_paths = ["generator"]\n'
        f"only_mutate = {json.dumps([target.path])}\n"
        f"also_copy = {json.dumps(others)}\n"
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
        'pytest_add_cli_args = ["-p", "no:randomly", "-p", "no:xdist", "-p", "no:cacheprovider"]\n'
    )
    with (work / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(config)


def mutant_names(target: Target) -> list[str]:
    """The `mutmut run` arguments selecting this target's functions."""
    if target.functions == ("*",):
        return []
    return [f"{module_of(target.path)}.{pattern}" for pattern in target.functions]


def outcome(work: Path, target: Target) -> dict[str, list[str]]:
    """Mutant names by outcome, read from mutmut's metadata for the file."""
    meta = work / "mutants" / f"{target.path}.meta"
    codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    wanted = [f"{module_of(target.path)}.{p}" for p in target.functions]
    result: dict[str, list[str]] = {"killed": [], "survived": [], "no tests": [], "other": []}
    for name, code in sorted(codes.items()):
        if not any(fnmatch.fnmatchcase(name, w) for w in wanted):
            continue
        if code in KILLED:
            result["killed"].append(name)
        elif code in SURVIVED:
            result["survived"].append(name)
        elif code in NO_TESTS:
            result["no tests"].append(name)
        else:
            result["other"].append(f"{name} (exit {code})")
    return result


def run(name: str, target: Target, root: Path, children: int) -> dict[str, list[str]]:
    """Mutate one module in its work copy; its mutants by outcome."""
    work = root / name
    prepare(work, target)
    mutmut = Path(sys.executable).with_name("mutmut")
    command = ["nice", str(mutmut), "run", "--max-children", str(children)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CI", None)  # the golden tests' CI guard is not what is measured here
    done = subprocess.run([*command, *mutant_names(target)], cwd=work, env=env, check=False)
    if done.returncode != 0:
        return {"killed": [], "survived": [], "no tests": [], "other": ["mutmut run failed"]}
    return outcome(work, target)


def main(argv: list[str] | None = None) -> int:
    """Run the selected modules and print one score line per module; 1 if any is under target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("modules", nargs="*", choices=[[], *TARGETS], metavar="MODULE")
    parser.add_argument("--work", type=Path, default=Path("/tmp/crowdguru-mutate"))
    parser.add_argument("--children", type=int, default=2, help="parallel test processes")
    parser.add_argument("--target", type=float, default=90.0, help="minimum %% killed")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--list", action="store_true", help="show the modules and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, target in TARGETS.items():
            print(f"{name}: {target.path} ← {' '.join(target.tests)}")
        return 0
    tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))  # fail early on a broken file
    results: dict[str, dict[str, list[str]]] = {}
    below = []
    for name in args.modules or list(TARGETS):
        results[name] = found = run(name, TARGETS[name], args.work, args.children)
        tried = len(found["killed"]) + len(found["survived"]) + len(found["no tests"])
        score = 100.0 * len(found["killed"]) / tried if tried else 0.0
        if score < args.target:
            below.append(name)
        print(f"\n{name}: {len(found['killed'])}/{tried} killed ({score:.1f}%)")
        for key in ("survived", "no tests", "other"):
            for mutant in found[key]:
                print(f"  {key}: {mutant}  (cd {args.work / name} && mutmut show {mutant})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print("\n" + "\n".join(f"{n}: below {args.target}%" for n in below) if below else "")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
