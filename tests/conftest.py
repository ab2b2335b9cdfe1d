"""Shared fixtures: sites built with `mkdocs build --strict`, a local HTTP server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HOSTILE = REPO / "tests" / "fixtures" / "hostile" / "content"
CONTACT = REPO / "tests" / "fixtures" / "contact" / "content"
# 2026-11-28 12:00 UTC: the build date of every test site (the sample content is dated around it).
EPOCH = 1795867200
TODAY: date = datetime.fromtimestamp(EPOCH, tz=UTC).date()
SITE_FILES = ("mkdocs.yml", "docs", "overrides", "hooks")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@dataclass(frozen=True)
class Built:
    """A built site: where its files are, the URL it is served at, and the build's output."""

    root: Path
    out: Path
    url: str
    log: str


def mkdocs_build(root: Path, out: Path, site_url: str = "") -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the repository at `root` into `out`, at the fixed build date."""
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(EPOCH),
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": site_url,
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    command += ["-f", str(root / "mkdocs.yml"), "-d", str(out)]
    return subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, timeout=900, check=False
    )


def site_root(where: Path, content: Path) -> Path:
    """A throwaway repository root: this repo's site config with another content tree."""
    where.mkdir(parents=True)
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, where / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, where / name)
    shutil.copytree(content, where / "content")
    return where


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log on the test output."""


@pytest.fixture(scope="session")
def www(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on localhost, and its base URL (sites live in sub-paths)."""
    folder = tmp_path_factory.mktemp("www")
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def _build(www: tuple[Path, str], root: Path, name: str) -> Built:
    folder, base = www
    url = f"{base}{name}/"
    result = mkdocs_build(root, folder / name, site_url=url)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed for {root}:\n{log}")
    return Built(root=root, out=folder / name, url=url, log=log)


@pytest.fixture(scope="session")
def shipped_site(www: tuple[Path, str]) -> Built:
    """The shipped content/, built and served under a sub-path."""
    return _build(www, REPO, "shipped")


@pytest.fixture(scope="session")
def hostile_site(www: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The hostile fixture content (valid files full of attacks), built and served."""
    root = site_root(tmp_path_factory.mktemp("hostile") / "repo", HOSTILE)
    return _build(www, root, "hostile")


@pytest.fixture(scope="session")
def contact_site(www: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Content with distinctive addresses (plus tags, IDN, apostrophes) and breaks, built."""
    root = site_root(tmp_path_factory.mktemp("contact") / "repo", CONTACT)
    return _build(www, root, "contact")


def _require(path: Path, what: str) -> None:
    """Skip a browser test locally when a tool is missing; in CI that is a failure."""
    if path.exists():
        return
    message = f"{what} not found at {path}; run `bash scripts/browser-deps.sh`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, driven by Playwright."""
    _require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> Path:
    """axe-core's script, installed from package.json by scripts/browser-deps.sh."""
    _require(AXE, "axe-core")
    return AXE
