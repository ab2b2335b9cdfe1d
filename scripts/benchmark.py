"""Benchmark the build against the stack's floor and write the table to docs/benchmarks.md.

    .venv/bin/python scripts/benchmark.py --sizes 1000,5000,20000
    .venv/bin/python scripts/benchmark.py --quick --out /tmp/bench.md      # CI smoke

For each size N (entries, half mentors, half asks) it synthesizes a tree, times each generator
phase in a fresh process, runs the real `mkdocs build`, runs the baseline (the same MkDocs config
without hooks, building as many plain Markdown pages of similar text volume, out of the nav),
and measures in headless Chromium (bench_browser.py) what a visitor downloads before the first
search result and on the first use of a list filter.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_browser, beside this script
from bench_browser import FilterUse, Search, measure_filters, measure_search

REPO = Path(__file__).resolve().parent.parent
SITE_FILES = ("mkdocs.yml", "docs", "overrides", "hooks", "CODE_OF_CONDUCT.md")
LINKED = ("overrides", "hooks")
BIG = 10_000  # sizes above this are measured once, whatever --repeat says (minutes per build)
PHASES = ("load", "validate", "match", "render")
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
DENSE = ("<!-- benchmark:dense:start -->", "<!-- benchmark:dense:end -->")
# The real build runs from a copy of mkdocs.yml; `watch` only matters to `serve`.
BUILD_YML = "INHERIT: mkdocs.yml\nwatch: []\n"
# The baseline: same config and theme overrides, no directory hook, its own pages out of the nav,
# and the same Pagefind indexing step the real hook runs after the build (the stack's search).
BASELINE_YML = """INHERIT: mkdocs.yml
watch: []
hooks: [pagefind_hook.py]
nav: [about.md]
not_in_nav: |
  /plain/
  /conduct.md
"""
# The baseline's only hooks: the real hook's `on_config` (what the theme needs, e.g. Material's
# stylesheet name) and `on_post_build` (Pagefind), whatever they do today.
PAGEFIND_HOOK = """import importlib.util

_spec = importlib.util.spec_from_file_location("cg_directory_hook", {path!r})
_hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_hook)
on_config = _hook.on_config
on_post_build = _hook.on_post_build
"""
WORDS = (
    "charity", "volunteer", "mentor", "budget", "trustees", "funding", "plan", "stage", "skill",
    "review", "community", "youth", "health", "draft", "policy", "website", "data", "impact",
    "report", "bid", "evaluation", "governance", "training", "design", "local", "group", "support",
    "people", "help", "time", "call", "video", "email", "advice", "experience", "sector", "project",
)  # fmt: skip


@dataclass
class Row:
    """Everything measured for one size."""

    size: int
    mentors: int
    asks: int
    stages: int = 0
    pages: int = 0
    synth_s: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)
    phases_mb: float = 0.0
    build_s: float = 0.0
    build_mb: float = 0.0
    baseline_s: float = 0.0
    baseline_mb: float = 0.0
    output_mb: float = 0.0
    files: int = 0
    largest_page: tuple[str, float] = ("", 0.0)
    largest_other: tuple[str, float] = ("", 0.0)
    filters: list[FilterUse] = field(default_factory=list)
    searches: list[Search] = field(default_factory=list)


def measured(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Run `cmd`; (seconds, peak RSS in MB of that child, stdout); raise on failure."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, stdout


def phases_child(root: Path, today: date, profile: Path | None) -> None:
    """(In a fresh process) time load → validate → match → render and print JSON."""
    import cProfile
    import pstats

    from generator import match, render, tree

    try:
        from generator.validate import validate
    except ImportError:  # validation not landed yet: build_directory does both steps
        validate = None
    times: dict[str, float] = {}
    profiler = cProfile.Profile() if profile else None

    def timed(name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if profiler:
            profiler.enable()
        start = time.perf_counter()
        value = fn(*args, **kwargs)
        times[name] = time.perf_counter() - start
        if profiler:
            profiler.disable()
            stats = pstats.Stats(profiler, stream=(buffer := _Text()))
            stats.sort_stats("cumulative").print_stats(30)
            (profile / f"{name}.txt").write_text(buffer.text, "utf-8")
            profiler.clear()
        return value

    content = timed("load", tree.load_content, root)
    result = timed("validate", validate, content, today) if validate else content
    # Warnings (a possible duplicate person: synth reuses names now and then) do not stop a build.
    problems = [p for p in getattr(result, "problems", ()) if getattr(p, "is_error", True)]
    if problems:
        raise SystemExit("synthetic content has problems:\n" + "\n".join(map(str, problems[:20])))
    directory = getattr(result, "directory", result)
    matches = timed("match", match.match, directory)
    site = timed("render", render.render_site, directory, matches, site_url="")
    text = [len(re.sub(r"<[^>]+>", " ", p.html)) for p in site.pages]
    print(json.dumps({
        "times": times, "pages": len(site.pages),
        "stages": sum(len(a.stages) for a in directory.asks),
        "text_chars": sum(text) // max(1, len(text)),
    }))  # fmt: skip


class _Text:
    """A write-only text sink for pstats."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, chunk: str) -> None:
        self.text += chunk


def copy_site_files(root: Path) -> None:
    """The repository's MkDocs config and docs (copied), hooks and overrides (linked)."""
    root.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = REPO / name
        if name in LINKED and source.exists():
            # Linked, not copied: the hook finds files relative to its resolved location.
            (root / name).symlink_to(source, target_is_directory=True)
        elif source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copyfile(source, root / name)


def write_baseline(root: Path, pages: int, text_chars: int) -> None:
    """MkDocs with the same config minus the directory hook, `pages` plain pages out of the nav."""
    copy_site_files(root)
    (root / "hooks").unlink()
    (root / "bench.yml").write_text(BASELINE_YML, "utf-8")
    hook = PAGEFIND_HOOK.format(path=str(REPO / "hooks" / "directory.py"))
    (root / "pagefind_hook.py").write_text(hook, "utf-8")
    # The real hook publishes CODE_OF_CONDUCT.md as a page; the baseline has it as a plain one.
    shutil.copyfile(REPO / "CODE_OF_CONDUCT.md", root / "docs" / "conduct.md")
    folder = root / "docs" / "plain"
    folder.mkdir(parents=True)
    rng = random.Random(0)
    for n in range(pages):
        words, size = [], 0
        while size < text_chars:
            word = rng.choice(WORDS)
            words.append(word)
            size += len(word) + 1
        body = "\n\n".join(" ".join(words[i : i + 60]) for i in range(0, len(words), 60))
        (folder / f"{n:05d}.md").write_text(f"# Plain page {n}\n\n{body}\n", "utf-8")


def output_stats(site: Path) -> tuple[float, int, tuple[str, float], tuple[str, float]]:
    """(MB, files, largest HTML page, largest other file) of a built site."""
    total, files = 0, 0
    largest = {True: ("", 0), False: ("", 0)}  # keyed by "is an HTML page"
    for dirpath, _, names in os.walk(site):
        for name in names:
            path = Path(dirpath, name)
            size = path.stat().st_size
            total, files = total + size, files + 1
            html = name.endswith(".html")
            if size > largest[html][1] and not name.endswith(".map"):  # maps are not downloaded
                largest[html] = (str(path.relative_to(site)), size)
    page, other = largest[True], largest[False]
    return total / 2**20, files, (page[0], page[1] / 1024), (other[0], other[1] / 1024)


def bench(size: int, today: date, work: Path, opts: argparse.Namespace) -> Row:
    """Measure one size; each timing is the best of `opts.repeat` runs (the machine is shared)."""
    from generator.synth import synthesize

    repeat = opts.repeat if size <= BIG else 1
    row = Row(size, size // 2, size - size // 2)
    root, base = work / f"site-{size}", work / f"baseline-{size}"
    for folder in (root, base):
        shutil.rmtree(folder, ignore_errors=True)
    epoch = str(int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp()))
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    synthesize(opts.taxonomy, root, row.mentors, row.asks, seed=size, today=today)
    row.synth_s = time.perf_counter() - start
    cmd = [sys.executable, __file__, "--phases", str(root), "--today", today.isoformat()]
    if opts.profile:  # a run of its own: profiling slows everything down several times
        (opts.profile / str(size)).mkdir(parents=True, exist_ok=True)
        measured([*cmd, "--profile", str(opts.profile / str(size))], root, env)
    for _ in range(repeat):
        _, mb, out = measured(cmd, root, env)
        info = json.loads(out)
        times = {n: min(t, row.phases.get(n, t)) for n, t in info["times"].items()}
        row.phases, row.phases_mb = times, max(mb, row.phases_mb)
    row.pages, row.stages = info["pages"], info["stages"]
    copy_site_files(root)
    (root / "bench.yml").write_text(BUILD_YML, "utf-8")
    write_baseline(base, row.pages, info["text_chars"])
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", "bench.yml"]
    builds, baselines = [], []
    for _ in range(repeat):  # alternated, so both see the same background load
        builds.append(measured([*mkdocs, "-d", str(root / "site")], root, env))
        baselines.append(measured([*mkdocs, "-d", str(base / "site")], base, env))
    row.build_s, row.build_mb = min(b[0] for b in builds), max(b[1] for b in builds)
    row.baseline_s, row.baseline_mb = min(b[0] for b in baselines), max(b[1] for b in baselines)
    row.output_mb, row.files, row.largest_page, row.largest_other = output_stats(root / "site")
    if opts.browser:
        row.searches = measure_search(root / "site", _queries(root))
        row.filters = measure_filters(root / "site")
    return row


def _queries(root: Path) -> list[str]:
    """A mentor's full name and a popular skill: what visitors search for."""
    import yaml

    first = min((root / "content" / "mentors").glob("*.yml"), default=None)
    name = yaml.safe_load(first.read_text("utf-8"))["name"] if first else "Ada"
    return [name, "bid writing"]


def machine() -> str:
    """CPU, cores, memory and versions, one line."""
    from importlib.metadata import version

    import mkdocs

    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GB RAM; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; MkDocs {mkdocs.__version__}; "
        f"Material {version('mkdocs-material')}"
    )


def _s(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def _growth(rows: list[Row], value: Any) -> float | None:
    """Exponent k in time ∝ entries^k between the two largest sizes (1.0 = linear)."""
    if len(rows) < 2:
        return None
    (a, b), (ta, tb) = (rows[-2].size, rows[-1].size), (value(rows[-2]), value(rows[-1]))
    return math.log(tb / ta) / math.log(b / a) if ta > 0 and tb > 0 and a != b else None


def table(rows: list[Row], today: date, command: str, dense: bool = False) -> str:
    """The Markdown written between the markers."""
    head = "| | " + " | ".join(f"{r.size:,}" for r in rows) + " |"
    out = [
        f"Measured {today.isoformat()} with `{command}` on {machine()}.",
        "",
        head,
        "|---|" + "---:|" * len(rows),
    ]

    def line(label: str, cell: Any) -> None:
        out.append(f"| {label} | " + " | ".join(cell(r) for r in rows) + " |")

    line("mentors + asks (stages)", lambda r: f"{r.mentors:,} + {r.asks:,} ({r.stages:,})")
    line("pages rendered", lambda r: f"{r.pages:,}")
    line("synth (s)", lambda r: _s(r.synth_s))
    for name in PHASES:
        line(f"{name} (s)", lambda r, n=name: _s(r.phases.get(n, 0.0)))
    line("generator phases (s)", lambda r: _s(sum(r.phases.values())))
    line("generator share of build", lambda r: f"{sum(r.phases.values()) / r.build_s:.0%}")
    line("`mkdocs build` (s)", lambda r: _s(r.build_s))
    line("baseline: plain pages (s)", lambda r: _s(r.baseline_s))
    line("build / baseline", lambda r: f"{r.build_s / r.baseline_s:.2f}×")
    line("peak memory: phases / build / baseline (MB)",
         lambda r: f"{r.phases_mb:.0f} / {r.build_mb:.0f} / {r.baseline_mb:.0f}")  # fmt: skip
    line("output (MB, files)", lambda r: f"{r.output_mb:.1f}, {r.files:,}")
    line("largest page (KB)", lambda r: f"{r.largest_page[1]:.0f} `{r.largest_page[0]}`")
    line(
        "largest other file, not a source map (KB)",
        lambda r: f"{r.largest_other[1]:.0f} `{r.largest_other[0]}`",
    )
    line(
        "first search result, name / skill query (s)", lambda r: _search(r, lambda s: _s(s.seconds))
    )
    line("downloaded for it (KB)", lambda r: _search(r, lambda s: f"{s.search_kb:.0f}"))
    line("home page before it (KB)", lambda r: _search(r, lambda s: f"{s.page_kb:.0f}"))
    return "\n".join([*out, "", *targets(rows, dense)])


def _search(row: Row, cell: Any) -> str:
    """Worst of the queries (name / skill), or why it was not measured."""
    if not row.searches:
        return "not measured"
    bad = [s for s in row.searches if s.seconds is None]
    if bad:
        return bad[0].note
    return " / ".join(cell(s) for s in row.searches)


def worst_filter(row: Row) -> tuple[str, bool | None]:
    """The largest first-use filter download measured (cell text, within 500 KB), or why not."""
    if not row.filters:
        return "not measured", None
    failed = [f for f in row.filters if f.kb is None]
    if failed:
        return f"{failed[0].where} {failed[0].note}".strip(), None
    worst = max(row.filters, key=lambda f: f.kb or 0.0)
    where = worst.where.replace("|", "\\|")  # a town is contributor text
    return f"{worst.kb:.0f} KB: {where}", (worst.kb or 0.0) <= 500


def targets(rows: list[Row], dense: bool = False) -> list[str]:
    """Issue 13's targets, judged at the largest size measured (the dense scenario: its own)."""
    last = rows[-1]
    ok = lambda good: "yes" if good else "**no**"  # noqa: E731
    ratio = last.build_s / last.baseline_s
    mem = last.build_mb / last.baseline_mb if last.baseline_mb else 0.0
    if dense:
        return [
            f"Target (issue 13), dense scenario at {last.size:,} entries:",
            "",
            "| target | measured | met |",
            "|---|---|---|",
            f"| full build ≤ 1.2× the baseline | {ratio:.3f}× | {ok(ratio <= 1.2)} |",
            f"| (peak memory, build / baseline) | {mem:.2f}× | — |",
        ]
    share = sum(last.phases.values()) / last.build_s
    ratio = last.build_s / last.baseline_s
    growth = {n: _growth(rows, lambda r, n=n: r.phases.get(n, 0.0)) for n in PHASES}
    worst = max((g for g in growth.values() if g is not None), default=None)
    found = [s for s in last.searches if s.seconds is not None]
    secs = max((s.seconds for s in found), default=None)
    kb = max((s.search_kb for s in found), default=None)
    na = "not measured"
    filter_text, filter_ok = worst_filter(last)
    growth_text = ", ".join(f"{n} {g:.2f}" for n, g in growth.items() if g is not None)
    return [
        f"Targets (issues 6 and 13), judged at {last.size:,} entries:",
        "",
        "| target | measured | met |",
        "|---|---|---|",
        f"| full build ≤ 1.15× the baseline | {ratio:.3f}× | {ok(ratio <= 1.15)} |",
        f"| generator phases ≤ 10% of the build | {share:.0%} | {ok(share <= 0.10)} |",
        f"| every phase's growth exponent (time ∝ N^k) ≤ 1.1 | {growth_text or na} | "
        + (ok(worst <= 1.1) if worst is not None else na)
        + " |",
        f"| build peak memory ≤ 1.3× the baseline's | {mem:.2f}× | {ok(mem <= 1.3)} |",
        f"| first use of a filter downloads ≤ 500 KB | {filter_text} | "
        + (ok(filter_ok) if filter_ok is not None else na)
        + " |",
        f"| no page over 100 KB | {last.largest_page[1]:.0f} KB | "
        f"{ok(last.largest_page[1] <= 100)} |",
        f"| first search result ≤ 1 s | {_s(secs) + ' s' if secs is not None else na} | "
        + (ok(secs <= 1) if secs is not None else na)
        + " |",
        f"| ≤ 500 KB downloaded for it | {f'{kb:.0f} KB' if kb is not None else na} | "
        + (ok(kb <= 500) if kb is not None else na)
        + " |",
    ]


def write_report(path: Path, body: str, markers: tuple[str, str] = (START, END)) -> None:
    """Replace the text between the markers, keeping the hand-written notes around it."""
    start, end = markers
    text = path.read_text("utf-8") if path.exists() else f"# Benchmarks\n\n{start}\n{end}\n"
    if start not in text or end not in text:
        text = f"{text.rstrip()}\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(f"{before}{start}\n{body}\n{end}{after}", "utf-8")


def main() -> int:
    """Parse arguments and run the benchmark (or, internally, the timed phases)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default="1000,5000,20000", help="entries per run, comma-separated"
    )
    parser.add_argument("--quick", action="store_true", help="CI smoke: 200 and 400 entries")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument(
        "--no-browser",
        dest="browser",
        action="store_false",
        help="skip the search and filter measurements",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help=f"runs per timing up to {BIG:,} entries; the best counts",
    )
    parser.add_argument("--profile", type=Path, help="write cProfile summaries per phase here")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--today", type=date.fromisoformat, help="build date (default: today)")
    parser.add_argument("--phases", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--dense",
        action="store_true",
        help="the dense scenario: scripts/dense-taxonomy (20 skills in 4 groups), 4,000 entries, "
        "written between the dense markers",
    )
    parser.add_argument(
        "--taxonomy", type=Path, default=REPO / "content", help="vocabulary folder for synth"
    )
    args = parser.parse_args()
    if args.dense:
        args.taxonomy = REPO / "scripts" / "dense-taxonomy"
    from generator import build_date

    today = args.today or build_date()
    if args.phases:
        phases_child(args.phases, today, args.profile)
        return 0
    sizes = [200, 400] if args.quick else [int(s) for s in args.sizes.split(",")]
    if args.dense and args.sizes == parser.get_default("sizes"):
        sizes = [4000]
    command = "python scripts/benchmark.py " + " ".join(sys.argv[1:])
    with contextlib.ExitStack() as stack:
        work = args.keep or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        rows = []
        for size in sizes:
            print(f"benchmark: {size} entries…", file=sys.stderr, flush=True)
            rows.append(bench(size, today, work, args))
    body = table(rows, today, command.strip(), dense=args.dense)
    write_report(args.out, body, DENSE if args.dense else (START, END))
    print(f"benchmark: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
