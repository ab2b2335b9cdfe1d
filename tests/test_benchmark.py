"""scripts/benchmark.py: a smoke run at a few hundred entries (the table, never the timings)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "benchmark.py"
ROWS = [
    "mentors + asks (stages)",
    "pages rendered",
    "synth (s)",
    "load (s)",
    "validate (s)",
    "match (s)",
    "render (s)",
    "generator phases (s)",
    "generator share of build",
    "`mkdocs build` (s)",
    "baseline: plain pages (s)",
    "build / baseline",
    "peak memory: phases / build / baseline (MB)",
    "output (MB, files)",
    "largest page (KB)",
    "largest other file, not a source map (KB)",
    "first search result, name / skill query (s)",
    "downloaded for it (KB)",
    "home page before it (KB)",
]
TARGETS = [
    "full build ≤ 1.15× the baseline",
    "generator phases ≤ 10% of the build",
    "every phase's growth exponent (time ∝ N^k) ≤ 1.1",
    "build peak memory ≤ 1.3× the baseline's",
    "first use of a filter downloads ≤ 500 KB",
    "no page over 100 KB",
    "first search result ≤ 1 s",
    "≤ 500 KB downloaded for it",
]


def _module():
    """The script, imported as a module (it is not part of the package)."""
    if "benchmark" not in sys.modules:
        spec = importlib.util.spec_from_file_location("benchmark", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["benchmark"] = module  # dataclasses look their module up while executing
        spec.loader.exec_module(module)
    return sys.modules["benchmark"]


def _cells(report: str, label: str) -> list[str]:
    """The cells after `label` in the first table row starting with it."""
    for line in report.splitlines():
        if line.startswith(f"| {label} |"):
            return [c.strip() for c in line.strip("|").split("|")][1:]
    raise AssertionError(f"no row {label!r}")


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """One `--quick` run (200 and 400 entries) without the browser; (report, kept work dir)."""
    work = tmp_path_factory.mktemp("bench")
    out = work / "benchmarks.md"
    out.write_text("# Benchmarks\n\nNotes above.\n\n<!-- benchmark:start -->\nold\n"
                   "<!-- benchmark:end -->\n\nNotes below.\n", "utf-8")  # fmt: skip
    argv = ["--quick", "--no-browser", "--out", str(out), "--keep", str(work / "keep")]
    subprocess.run(
        [sys.executable, str(SCRIPT), *argv, "--today", "2026-11-28"],
        check=True, cwd=REPO, capture_output=True, timeout=600,
    )  # fmt: skip
    return out.read_text("utf-8"), work / "keep"


def test_table_has_every_row_for_both_sizes(smoke: tuple[str, Path]) -> None:
    """One column per size, every metric row, in order."""
    report, _ = smoke
    assert "| | 200 | 400 |" in report
    labels = [m.group(1) for m in re.finditer(r"^\| (.+?) \| .* \| .* \|$", report, re.M)]
    assert labels[: len(ROWS)] == ROWS
    assert _cells(report, "mentors + asks (stages)")[0].startswith("100 + 100 (")
    assert _cells(report, "first search result, name / skill query (s)") == ["not measured"] * 2
    for row in ("load (s)", "render (s)", "`mkdocs build` (s)", "baseline: plain pages (s)"):
        assert all(float(cell) > 0 for cell in _cells(report, row)), row


def test_targets_table(smoke: tuple[str, Path]) -> None:
    """The targets are judged at the largest size; search is marked as not measured."""
    report, _ = smoke
    assert "Targets (issues 6 and 13), judged at 400 entries:" in report
    rows = [
        line.split(" | ")[0].lstrip("| ") for line in report.split("| target |")[1].splitlines()
    ]
    assert rows[2 : 2 + len(TARGETS)] == TARGETS
    assert "| first search result ≤ 1 s | not measured | not measured |" in report
    assert "| ≤ 500 KB downloaded for it | not measured | not measured |" in report
    assert "| first use of a filter downloads ≤ 500 KB | not measured | not measured |" in report


def test_notes_around_the_markers_are_kept(smoke: tuple[str, Path]) -> None:
    """Only the text between the markers is replaced."""
    report, _ = smoke
    assert report.startswith("# Benchmarks\n\nNotes above.\n\n<!-- benchmark:start -->\nMeasured ")
    assert report.endswith("<!-- benchmark:end -->\n\nNotes below.\n")
    assert "\nold\n" not in report


def test_baseline_builds_as_many_pages(smoke: tuple[str, Path]) -> None:
    """The baseline site has as many HTML pages as the real one, its own out of the nav."""
    _, keep = smoke
    for size in (200, 400):
        real = len(list((keep / f"site-{size}" / "site").rglob("*.html")))
        base = len(list((keep / f"baseline-{size}" / "site").rglob("*.html")))
        assert real == base
        assert (keep / f"baseline-{size}" / "site" / "pagefind" / "pagefind.js").is_file()


def test_growth_exponent() -> None:
    """k in time ∝ N^k: doubling entries and time is 1.0, quadrupling time is 2.0."""
    bench = _module()
    rows = [bench.Row(1000, 500, 500, phases={"load": 1.0}), bench.Row(2000, 1000, 1000)]
    rows[1].phases = {"load": 2.0}
    assert bench._growth(rows, lambda r: r.phases["load"]) == 1.0
    rows[1].phases = {"load": 4.0}
    assert bench._growth(rows, lambda r: r.phases["load"]) == 2.0
    assert bench._growth(rows[:1], lambda r: r.phases["load"]) is None


def test_output_stats(tmp_path: Path) -> None:
    """Size, file count, largest page and largest other file (source maps ignored)."""
    bench = _module()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(b"x" * 2048)
    (tmp_path / "index.html").write_bytes(b"x" * 1024)
    (tmp_path / "big.js.map").write_bytes(b"x" * 8192)
    (tmp_path / "data.json").write_bytes(b"x" * 512)
    mb, files, page, other = bench.output_stats(tmp_path)
    assert (files, page, other) == (4, ("a/index.html", 2.0), ("data.json", 0.5))
    assert mb == 11776 / 2**20


@pytest.mark.browser
def test_search_is_measured_in_chromium(smoke: tuple[str, Path], browser: object) -> None:
    """Typing a skill into the header search shows a result; Pagefind files are counted."""
    _, keep = smoke
    (search,) = _module().measure_search(keep / "site-200" / "site", ["bid writing"], browser)
    assert search.note == ""
    assert search.seconds is not None
    assert search.search_kb > 0
    assert any(r.startswith("/pagefind/pagefind.js ") for r in search.requests)
    assert any(".pf_index " in r for r in search.requests)


@pytest.mark.browser
def test_filters_are_measured_in_chromium(smoke: tuple[str, Path], browser: object) -> None:
    """Each list's select fields (common and rare value) and a town, from a fresh page: the
    filter files sent until the list updated are counted, and the worst is the target's cell."""
    bench = _module()
    _, keep = smoke
    uses = bench.measure_filters(keep / "site-200" / "site", browser)
    assert [u.note for u in uses if u.note] == []
    wheres = [u.where for u in uses]
    for field in ("skill", "sector", "format", "language", "template", "location"):
        assert any(w.startswith(f"mentors/ {field}=") for w in wheres), field
    assert any(w.startswith("asks/ skill=") and "(rarest, " in w for w in wheres)
    for use in uses:
        sent = sum(float(r.split()[-2]) for r in use.requests)
        assert use.kb == pytest.approx(sent, abs=0.05 * len(use.requests)) and use.kb > 0
        folders = ("/mentors/filter_data/", "/asks/filter_data/")  # never a one-file index
        assert use.requests and all(r.startswith(folders) for r in use.requests)
    row = bench.Row(200, 100, 100, filters=uses)
    cell, within = bench.worst_filter(row)
    worst = max(uses, key=lambda u: u.kb)
    assert cell == f"{worst.kb:.0f} KB: {worst.where}"
    assert within == (worst.kb <= 500)
