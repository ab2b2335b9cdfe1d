"""`mkdocs serve` with content errors: a "Content problems" page that goes once they are fixed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import mkdocs_build, site_root
from markupsafe import escape

from generator.problems import Problem
from generator.render_problems import SHOWN, entry_urls, problems_pages
from generator.validate import build_directory

FIXTURES = Path(__file__).parent / "fixtures"
WAIT = 180  # seconds for the first build, and again for the rebuild (a slow shared machine)
BROKEN = (
    "name: Eve Example\nheadline: Helps\nemail: eve@example.org\n"
    "skills: ['<script>alert(1)</script>']\nformats: [call]\nconfirmed: 2026-05-01\n"
    "consent: true\n"
)
PROBLEM = (
    "content/mentors/eve.yml:4:10: error: skills[0]: unknown skill '<script>alert(1)</script>' "
    "(see content/skills.yml)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(url: str, ready: Callable[[str], bool], server: subprocess.Popen[bytes]) -> str:
    """The page at `url` once `ready(page)`, polling; fails after WAIT seconds or if serve exits."""
    deadline = time.monotonic() + WAIT
    page = ""
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve exited"
        page = _get(url)
        if ready(page):
            return page
        time.sleep(0.5)
    pytest.fail(f"{url} not ready after {WAIT} s; last page began {page[:300]!r}")


@pytest.fixture
def broken_repo(tmp_path: Path) -> Path:
    """This repo's site with the test content plus one file that has an error."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "taxonomy", content)
    shutil.copytree(FIXTURES / "valid", content, dirs_exist_ok=True)
    (content / "mentors" / "eve.yml").write_text(BROKEN, encoding="utf-8")
    return site_root(tmp_path / "repo", content)


@pytest.fixture
def serve(broken_repo: Path, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`mkdocs serve` of `broken_repo` on a free port; stopped (by its pid) afterwards."""
    port = _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1780272000", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(broken_repo / "mkdocs.yml")]
    command += ["-a", f"127.0.0.1:{port}"]
    with (tmp_path / "serve.log").open("wb") as log:
        server = subprocess.Popen(command, cwd=broken_repo, env=env, stdout=log, stderr=log)
        try:
            yield f"http://127.0.0.1:{port}/", server
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=20)


def test_serve_shows_problems_then_the_site(
    serve: tuple[str, subprocess.Popen[bytes]], broken_repo: Path
) -> None:
    """The problem (escaped) on the home and list pages; the real pages once the file is fixed."""
    url, server = serve
    home = _wait_for(url, lambda page: "Content problems" in page, server)
    assert str(escape(PROBLEM)) in home
    assert "<script>alert(1)" not in home
    for page in ("mentors/", "mentors/eve/", "mentors/ana-silva/", "skills/strategy/"):
        assert str(escape(PROBLEM)) in _get(url + page), page  # the broken file's own page too
    fixed = BROKEN.replace("'<script>alert(1)</script>'", "strategy")
    (broken_repo / "content" / "mentors" / "eve.yml").write_text(fixed, encoding="utf-8")
    _wait_for(url + "mentors/eve/", lambda page: "Eve Example" in page, server)
    assert "Content problems" not in _get(url)
    assert "Content problems" not in _get(url + "mentors/")


def test_entry_urls_cover_entries_skills_and_broken_files(tmp_path: Path) -> None:
    """Every entry and skill page, plus the pages of broken files whose names are slugs."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "taxonomy", content)
    (content / "mentors").mkdir()
    (content / "mentors" / "eve.yml").write_text(BROKEN, encoding="utf-8")
    (content / "mentors" / "Bad Name.yml").write_text(BROKEN, encoding="utf-8")
    result = build_directory(tmp_path, date(2026, 6, 1))
    found = entry_urls(result.directory, result.problems)
    skills = [f"skills/{s.id}/" for s in result.directory.taxonomy.skills]
    assert found == sorted(["mentors/eve/", *skills])


def test_problems_page_escapes_and_caps() -> None:
    """Every problem line is escaped text; past SHOWN lines, a count says how many more."""
    problems = [Problem(f"content/mentors/m{i}.yml", 1, 1, "name", "<b>x</b>") for i in range(600)]
    (home, asks) = problems_pages(problems, ["", "asks/"])
    assert (home.src_uri, asks.src_uri, home.title) == (
        "index.md",
        "asks/index.md",
        "Content problems",
    )
    assert home.html.count("<li><code>") == SHOWN
    assert "content/mentors/m0.yml:1:1: error: name: &lt;b&gt;x&lt;/b&gt;</code>" in home.html
    assert "<b>x</b>" not in home.html
    assert "… and 100 more problems" in home.html
    assert "600 problems in 600 files" in home.html


def test_build_still_fails_on_the_same_content(broken_repo: Path, tmp_path: Path) -> None:
    """Only `serve` shows the page: `mkdocs build` fails and prints the problem."""
    result = mkdocs_build(broken_repo, tmp_path / "out")
    assert (result.returncode != 0, PROBLEM in result.stderr) == (True, True)
    assert not (tmp_path / "out" / "index.html").exists()
