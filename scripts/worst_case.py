"""Time `check` on the worst 64 KiB file we can build for every field (issue 11, bounded work).

    .venv/bin/python scripts/worst_case.py            # every field × every shape, slowest first
    .venv/bin/python scripts/worst_case.py --top 20

For each field of the mentor and ask schemas (nested ones too: `organisation.name`,
`stages[0].need`) and each hostile shape below, the field's value in a valid file is replaced by
that shape, grown until the file is as close to 64 KiB as it can be, and validated in-process
against the repository's real vocabularies (the same code path as `python -m generator check`,
without the interpreter's start-up). The goal: every file well under 2 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.load import MAX_BYTES  # noqa: E402
from generator.problems import format_text  # noqa: E402
from generator.schema import SCHEMAS  # noqa: E402
from generator.validate import build_directory  # noqa: E402

TODAY = date(2026, 6, 1)
MENTOR = {
    "name": "Ana Silva",
    "headline": "Trust fundraiser",
    "email": "ana@example.org",
    "skills": ["bid-writing"],
    "formats": ["call"],
    "confirmed": "2026-05-01",
    "consent": True,
}
ASK = {
    "title": "Our first bid",
    "organisation": {"name": "Ashford Youth Club"},
    "summary": "We need a bid.",
    "contact": {"name": "Sam Lee", "email": "sam@example.org"},
    "posted": "2026-05-01",
    "stages": [{"title": "Decide", "need": "A call.", "skills": ["bid-writing"]}],
    "consent": True,
}
TOKEN = "@@PAYLOAD@@"


def _seq(item: Callable[[int], str]) -> Callable[[int], str]:
    return lambda n: "[" + ", ".join(item(i) for i in range(n)) + "]"


MIXED = ["0", "a", "[]", "{}", "true", '"b"', "[0]", "{a: 1}", "1.5", "null"]
# shape name → text of `n` units (a flow-style YAML value)
SHAPES: dict[str, Callable[[int], str]] = {
    "mixed list": _seq(lambda i: MIXED[i % len(MIXED)]),
    "distinct mixed": _seq(lambda i: f"[{i}]" if i % 2 else f"{i}"),
    "distinct maps": _seq(lambda i: f"{{a: {i}}}"),
    "same item": _seq(lambda i: "bid-writing"),
    "distinct items": _seq(lambda i: f"skill-{i}"),
    "nested lists": _seq(lambda i: "[" * 14 + "]" * 14),
    "lists of maps": _seq(lambda i: "{a: [1, {b: 2}], c: {d: e}}"),
    "wide map": lambda n: "{" + ", ".join(f"k{i}: {i}" for i in range(n)) + "}",
    "long text": lambda n: '"' + "x" * n + '"',
    "long words": lambda n: '"' + " ".join("Taumatawhakatangihanga" for _ in range(n)) + '"',
    "invisible text": lambda n: '"' + "\\u200b" * n + '"',
    "combining marks": lambda n: '"a' + "\\u0301" * n + '"',
    "urls": lambda n: '"' + " ".join(f"https://a{i}.example/x@y" for i in range(n)) + '"',
    "unicode breaks": lambda n: '"' + "a\\u2028" * n + '"',
    "long email": lambda n: '"' + "a" * n + '@example.org"',
    "long date": lambda n: '"' + "9" * n + '-12-31"',
}
TOP_LEVEL: dict[str, Callable[[int], str]] = {
    "unknown keys": lambda n: "".join(f"k{i}: 1\n" for i in range(n)),
    "duplicate keys": lambda n: "".join("name: x\n" for _ in range(n)),
    "long unknown key": lambda n: "k" * n + ": 1\n",
}


def fields(schema: dict[str, Any], prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every property path of a schema; arrays of objects through their first item."""
    for name, sub in schema.get("properties", {}).items():
        path = (*prefix, name)
        yield path
        if sub.get("type") == "object":
            yield from fields(sub, path)
        elif sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
            yield from fields(sub["items"], (*path, 0))


def _document(base: dict[str, Any], path: tuple[Any, ...]) -> str:
    data = json.loads(json.dumps(base))
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(part, str) else node[part]
    node[path[-1]] = TOKEN
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9)


def fill(template: Callable[[int], str]) -> str:
    """The largest text `template(n)` that fits in a 64 KiB file (binary search on n)."""
    low, high = 1, 1
    while len(template(high).encode()) <= MAX_BYTES:
        low, high = high, high * 2
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if len(template(mid).encode()) <= MAX_BYTES else (low, mid)
    return template(low)


def cases() -> Iterator[tuple[str, str, str, str]]:
    """(kind, field, shape, file text) for every field and shape, and the top-level shapes."""
    for kind, base in (("mentors", MENTOR), ("asks", ASK)):
        for path in fields(SCHEMAS[kind.removesuffix("s")]):
            document = _document(base, path)
            name = ".".join(str(p) for p in path)
            for shape, make in SHAPES.items():
                before, after = document.split(f"'{TOKEN}'")
                text = fill(lambda n, b=before, a=after, m=make: b + m(n) + a)
                yield kind, name, shape, text
        for shape, make in TOP_LEVEL.items():
            head = yaml.safe_dump(base, sort_keys=False)
            yield kind, "(top level)", shape, fill(lambda n, h=head, m=make: h + m(n))


def time_check(root: Path, kind: str, text: str) -> tuple[float, int]:
    """CPU seconds to validate the tree and format its problems, and the number of problems."""
    folder = root / "content" / kind
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "worst.yml").write_text(text, encoding="utf-8")
    start = time.process_time()  # CPU time: steady on a machine shared with other work
    problems = build_directory(root, TODAY).problems
    format_text(problems)
    return time.process_time() - start, len(problems)


def main(argv: list[str] | None = None) -> int:
    """Run every case; print the slowest first; exit 1 if any takes 2 s or more."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=15, help="how many of the slowest to list")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content").mkdir()
        for name in ("skills.yml", "stages.yml", "sectors.yml"):
            shutil.copy(REPO / "content" / name, root / "content" / name)
        for kind, name, shape, text in cases():
            seconds, count = time_check(root, kind, text)
            results.append((seconds, kind, name, shape, len(text.encode()), count))
    results.sort(reverse=True)
    print(f"{len(results)} files, each ≤ {MAX_BYTES:,} bytes; slowest first:\n")
    print("| CPU seconds | file | field | shape | bytes | problems |")
    print("|---:|---|---|---|---:|---:|")
    for seconds, kind, name, shape, size, count in results[: args.top]:
        print(f"| {seconds:.3f} | {kind} | `{name}` | {shape} | {size:,} | {count:,} |")
    total = sum(r[0] for r in results)
    median = results[len(results) // 2][0]
    print(f"\nall {len(results)} files: {total:.1f} s in total, median {median:.3f} s")
    return 1 if results[0][0] >= 2.0 else 0


if __name__ == "__main__":
    raise SystemExit(main())
