"""Lighthouse (mobile profile, simulated throttling) over one page of each type of a built site.

    .venv/bin/python scripts/audit.py                  # build, serve, audit, print the table
    .venv/bin/python scripts/audit.py --runs 3         # median of 3 runs per page
    .venv/bin/python scripts/audit.py --site site/     # audit an already built site

Builds the site (`mkdocs build --strict`, SITE_URL = the local server, as published), serves it
over http://127.0.0.1 with gzip, as any real host does (`--uncompressed`: without), and runs the
pinned npm `lighthouse` with Debian Chromium on: the home page, /asks/, an ask, /mentors/, a
profile, /skills/, a skill, /gaps/ and a docs page (the largest page of each kind, the worst
case). Prints a Markdown table and the audits that cost points; exits 1 when a page misses a
target (performance >= 95; accessibility, best practices, SEO 100; CLS < 0.1). Performance is
simulated from the CPU time Chromium really took, so a busy machine scores lower: run it alone.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The fixed build date of the test sites (tests/conftest.py): the sample content is dated around it.
EPOCH = "1795867200"
MIN_SCORE = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_CLS = 0.1
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
# (label, path or the folder whose largest entry page is audited)
PAGES = (
    ("/", ""),
    ("/asks/", "asks/"),
    ("an ask", "asks/*"),
    ("/mentors/", "mentors/"),
    ("a profile", "mentors/*"),
    ("/skills/", "skills/"),
    ("a skill", "skills/*"),
    ("/gaps/", "gaps/"),
    ("/stages/", "stages/"),
    ("search results", "search/?q=bid"),
    ("a docs page", "contribute/"),
)


@dataclass(frozen=True)
class Result:
    """One page's Lighthouse scores (0–100), layout shift and the audits that cost points."""

    label: str
    path: str
    scores: dict[str, int]
    cls: float
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    benchmark: float
    losses: tuple[str, ...]

    def misses(self) -> list[str]:
        """The targets this page misses, in words."""
        out = [
            f"{name} {self.scores[name]} < {floor}"
            for name, floor in MIN_SCORE.items()
            if self.scores[name] < floor
        ]
        if self.cls >= MAX_CLS:
            out.append(f"CLS {self.cls:.3f} >= {MAX_CLS}")
        return out


class _Plain(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log."""


class _Static(SimpleHTTPRequestHandler):
    """A static host as the site is published on (GitHub Pages, Netlify, nginx): text is gzipped.

    Python's own server sends everything uncompressed, which no real host does.
    """

    def do_GET(self) -> None:
        """The file, gzipped when it is text and the client accepts gzip."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.is_file() and path.suffix in COMPRESSED):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """No access log."""


def serve(folder: Path, gzipped: bool = True) -> tuple[ThreadingHTTPServer, str]:
    """A static server on a free local port for `folder`, and its URL."""
    handler = functools.partial(_Static if gzipped else _Plain, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def build(out: Path, site_url: str) -> None:
    """`mkdocs build --strict` of this repository into `out`, published at `site_url`."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env["SITE_URL"] = site_url
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    subprocess.run(command, cwd=REPO, env=env, check=True)


def pick(site: Path, pattern: str) -> str:
    """The page path for a PAGES entry: itself, or the largest entry page under its folder."""
    if not pattern.endswith("*"):
        return pattern
    folder = site / pattern.removesuffix("*")
    pages = [p for p in folder.glob("*/index.html") if p.parent.name != "page"]
    if not pages:
        raise SystemExit(f"audit: no page under {folder}")
    largest = max(pages, key=lambda p: (p.stat().st_size, p.parent.name))
    return largest.parent.relative_to(site).as_posix() + "/"


def lighthouse(url: str) -> dict[str, Any]:
    """One Lighthouse run (mobile defaults: simulated slow 4G, 4x CPU slowdown) as its JSON."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"audit: {LIGHTHOUSE} missing; run `npm ci`")
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    env = {**os.environ, "CHROME_PATH": CHROME}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"audit: lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def losses(report: dict[str, Any]) -> tuple[str, ...]:
    """The scored audits below full marks, with their display values, category by category."""
    audits = report["audits"]
    out = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue", "")
                out.append(f"{name}: {ref['id']} {audit['score']:.2f} {shown}".rstrip())
    return tuple(out)


def audit_page(label: str, base: str, path: str, runs: int) -> Result:
    """Lighthouse `runs` times on one page; the run with the median performance score."""
    reports = [lighthouse(base + path) for _ in range(runs)]
    perf = [r["categories"]["performance"]["score"] for r in reports]
    report = reports[perf.index(statistics.median_low(perf))]
    audits = report["audits"]
    return Result(
        label=label,
        path="/" + path,
        scores={n: round(report["categories"][n]["score"] * 100) for n in CATEGORIES},
        cls=audits["cumulative-layout-shift"]["numericValue"],
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        benchmark=report["environment"]["benchmarkIndex"],
        losses=losses(report),
    )


def load() -> str:
    """The machine's 1-minute load average and core count, as text."""
    return f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def table(results: list[Result]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| page | performance | accessibility | best practices | SEO | CLS | FCP | LCP | TBT "
        "| CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s = r.scores
        lines.append(
            f"| {r.label} (`{r.path}`) | {s['performance']} | {s['accessibility']} "
            f"| {s['best-practices']} | {s['seo']} | {r.cls:.3f} | {r.fcp_ms / 1000:.1f} s "
            f"| {r.lcp_ms / 1000:.1f} s | {r.tbt_ms:.0f} ms | {r.benchmark:.0f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is kept")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument(
        "--uncompressed", action="store_true", help="serve without gzip (Python's http.server)"
    )
    parser.add_argument(
        "--soft-performance",
        action="store_true",
        help="report a performance score under target without failing (CI: the score moves with "
        "the machine's load; accessibility, best practices, SEO and CLS still fail)",
    )
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cg-audit-") as tmp:
        site = opts.site or Path(tmp) / "site"
        site.mkdir(parents=True, exist_ok=True)
        server, base = serve(site, gzipped=not opts.uncompressed)
        try:
            if opts.site is None:
                build(site, base)
            results = [
                audit_page(label, base, pick(site, pattern), opts.runs) for label, pattern in PAGES
            ]
        finally:
            server.shutdown()
            server.server_close()
    print(table(results))
    print(f"\nCPU: Lighthouse's benchmarkIndex (higher is faster); load average {load()}.")
    failed = False
    for r in results:
        if r.losses:
            print(f"\n{r.label} ({r.path}):\n  " + "\n  ".join(r.losses))
        misses = r.misses()
        hard = [m for m in misses if not (opts.soft_performance and m.startswith("performance"))]
        if misses:
            print(f"MISSED {r.label}: " + "; ".join(misses), file=sys.stderr)
        failed = failed or bool(hard)
    if opts.json:
        opts.json.write_text(json.dumps([r.__dict__ for r in results], indent=2) + "\n", "utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
