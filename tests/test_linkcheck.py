"""Link checks: URLs collected per file with lines, lychee run on a local server, reported."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from generator.linkcheck import Dead, Link, check, collect, section
from generator.tree import load_content

FIXTURES = Path(__file__).parent / "fixtures"
LYCHEE = Path(sys.executable).parent / "lychee"
SLOW = 4  # seconds the slow page takes; lychee's timeout here is 1


class _Handler(http.server.BaseHTTPRequestHandler):
    """`/ok…` answers 200, `/slow` after SLOW seconds, anything else 404."""

    def do_GET(self) -> None:
        if self.path.startswith("/slow"):
            time.sleep(SLOW)
        self.send_response(200 if self.path.startswith(("/ok", "/slow")) else 404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "2")
        self.end_headers()
        with contextlib.suppress(OSError):  # lychee gave up on the slow page
            self.wfile.write(b"ok")

    do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 (no network), its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def mentor_file(base: str) -> str:
    """A mentor with a working link, a dead one, a slow booking page and a dead URL in the bio."""
    return (
        "name: Lin Example\nheadline: Helps\n"
        f"bio: |\n  My notes: {base}/gone-bio.\n"
        "email: lin@example.org\nskills: [strategy]\nformats: [call]\nconfirmed: 2026-05-01\n"
        f"booking_url: {base}/slow\n"
        f"links:\n  - {base}/ok\n  - {base}/gone\n"
        "consent: true\n"
    )


def ask_file(base: str) -> str:
    """An ask with a working website and a dead URL in a stage's need."""
    return (
        f"title: Links\norganisation: {{name: Linky, website: '{base}/ok-org'}}\n"
        "summary: Help.\ncontact: {name: Sam, email: sam@example.org}\nposted: 2026-05-20\n"
        "stages:\n  - title: Read\n"
        f"    need: See {base}/gone (and {base}/ok).\n"
        "    skills: [strategy]\nconsent: true\n"
    )


@pytest.fixture
def repo(tmp_path: Path, server: str) -> Path:
    """The test taxonomy and one mentor and one ask full of links to the local server."""
    shutil.copytree(FIXTURES / "taxonomy", tmp_path / "content")
    (tmp_path / "content" / "mentors").mkdir()
    (tmp_path / "content" / "asks").mkdir()
    (tmp_path / "content/mentors/lin.yml").write_text(mentor_file(server), encoding="utf-8")
    (tmp_path / "content/asks/links.yml").write_text(ask_file(server), encoding="utf-8")
    return tmp_path


def test_collect_finds_every_url_with_its_line(repo: Path, server: str) -> None:
    """links, booking_url, website, and bare URLs in bio and needs (as the site links them)."""
    m, a = "content/mentors/lin.yml", "content/asks/links.yml"
    assert collect(load_content(repo)) == [
        Link(m, 11, 5, "links[0]", f"{server}/ok"),
        Link(m, 12, 5, "links[1]", f"{server}/gone"),
        Link(m, 9, 14, "booking_url", f"{server}/slow"),
        Link(m, 3, 6, "bio", f"{server}/gone-bio"),
        Link(a, 2, 38, "organisation.website", f"{server}/ok-org"),
        Link(a, 8, 11, "stages[0].need", f"{server}/gone"),
        Link(a, 8, 11, "stages[0].need", f"{server}/ok"),
    ]


def test_dead_links_per_file_from_a_real_lychee_run(repo: Path, server: str) -> None:
    """404s and the timeout are reported where they are; working links are not."""
    started = time.monotonic()
    links, dead = check(repo, None, str(LYCHEE), timeout=1)
    assert time.monotonic() - started < 60
    m, a = "content/mentors/lin.yml", "content/asks/links.yml"
    not_found = "Rejected status code: 404 Not Found"
    assert dead == [
        Dead(a, 8, "stages[0].need", f"{server}/gone", not_found),
        Dead(m, 3, "bio", f"{server}/gone-bio", not_found),
        Dead(m, 9, "booking_url", f"{server}/slow", "Timeout"),
        Dead(m, 12, "links[1]", f"{server}/gone", not_found),
    ]
    text = section(dead, len({link.url for link in links}))
    port = server.rsplit(":", 1)[1]
    url = f"http://127.0.0.1:{port}"
    assert (
        text
        == f"""
### Dead links (4 in 2 files)

lychee checked 5 links in the content and the built site's own links. Ask the mentor or \
charity for a new address, or remove the link.

#### `content/asks/links.yml`

- line 8, `stages[0].need`: `{url}/gone` — Rejected status code\\: 404 Not Found

#### `content/mentors/lin.yml`

- line 3, `bio`: `{url}/gone-bio` — Rejected status code\\: 404 Not Found
- line 9, `booking_url`: `{url}/slow` — Timeout
- line 12, `links[1]`: `{url}/gone` — Rejected status code\\: 404 Not Found
"""
    )


def test_the_built_sites_own_broken_links(tmp_path: Path) -> None:
    """A page linking to a page that is not there is reported under that page; files exist."""
    site = tmp_path / "site"
    (site / "asks").mkdir(parents=True)
    (site / "asks" / "index.html").write_text("<p>asks</p>", encoding="utf-8")
    (site / "index.html").write_text(
        '<a href="asks/">ok</a>\n<a href="/asks/">ok</a>\n<a href="gaps/">missing</a>\n',
        encoding="utf-8",
    )
    shutil.copytree(FIXTURES / "taxonomy", tmp_path / "content")
    _, dead = check(tmp_path, site, str(LYCHEE), timeout=1)
    why = "File not found. Check if file exists and path is correct"
    assert dead == [Dead("/", 3, "", "/gaps", why)]
    assert "#### `/`\n\n- `/gaps` — File not found\\. Check" in section(dead, 0)


def test_nothing_dead_is_an_empty_report(tmp_path: Path, server: str) -> None:
    """Every link works: the command writes an empty file (the review then shows nothing)."""
    shutil.copytree(FIXTURES / "taxonomy", tmp_path / "content")
    (tmp_path / "content/mentors").mkdir()
    (tmp_path / "content/mentors/ok.yml").write_text(
        mentor_file(server).replace("/gone", "/ok").replace("/slow", "/ok"), encoding="utf-8"
    )
    out = tmp_path / "links.md"
    argv = ["linkcheck", "--root", str(tmp_path), "--lychee", str(LYCHEE), "--output", str(out)]
    assert main([*argv, "--timeout", "2"]) == 0
    assert out.read_text(encoding="utf-8") == ""


def test_missing_lychee_is_a_usage_error(repo: Path) -> None:
    """Exit 2 and say how to install it."""
    assert main(["linkcheck", "--root", str(repo), "--lychee", "no-such-lychee"]) == 2


def test_the_section_is_capped() -> None:
    """Thousands of dead links: a bounded section that says how many files are left out."""
    dead = [
        Dead(
            f"content/mentors/m{i:05}.yml",
            3,
            "links[0]",
            f"https://x{i}.example/" + "a" * 200,
            "404",
        )
        for i in range(5000)
    ]
    text = section(dead, 5000)
    assert len(text.encode("utf-8")) <= 20_000
    assert text.splitlines()[-1].startswith("… and ")
    assert "### Dead links (5000 in 5000 files)" in text
