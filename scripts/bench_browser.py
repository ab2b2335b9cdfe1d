"""What a visitor downloads, measured in headless Chromium on a built site (for benchmark.py).

Search: type a query into the header box, count the bytes until the first result. Filters: on
/asks/ and /mentors/, choose one filter value through the form on a fresh page and count the
bytes until the list shows the result.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SEARCH_PATHS = ("/pagefind/", "/search/")
INPUTS = ("#cg-search-input", "input[data-md-component=search-query]", "input[type=search]")
RESULTS = (".cg-search__link", ".md-search-result__item", ".pagefind-ui__result")
LISTS = ("asks", "mentors")
# The filtered list's count ("12 of 480 available mentors match"), or the script's fallback.
UPDATED = r"^\d+ of |not available"
# Choose one value (every other field empty) and resolve with the count once the list shows it.
# The count's text node is replaced on every update, even when its text stays the same.
SURVEY = """async ([name, value, updated]) => {
  const form = document.querySelector("form.cg-filters");
  const count = document.querySelector(".cg-count");
  for (const field of form.elements) if (field.name) field.value = field.name === name ? value : "";
  const shown = new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (new RegExp(updated).test(count.textContent)) {
        watch.disconnect();
        resolve(count.textContent);
      }
    });
    watch.observe(count, { childList: true, characterData: true, subtree: true });
    setTimeout(() => resolve("timed out"), 30000);
  });
  form.dispatchEvent(new Event("input", { bubbles: true }));
  return shown;
}"""
# cg.js marks each filter form it has bound; a page without one has nothing to wait for.
BOUND = "() => [...document.querySelectorAll('form.cg-filters')].every((f) => f.dataset.cgBound)"
QUIET = 0.5  # seconds with no file sent: the page has finished loading


@dataclass
class Search:
    """What the first search costs a visitor."""

    query: str
    seconds: float | None
    search_kb: float
    page_kb: float
    requests: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class FilterUse:
    """What choosing one filter value on a freshly loaded list page downloads."""

    where: str  # `mentors/ skill=bid-writing (most common, 812)`
    kb: float | None
    requests: list[str] = field(default_factory=list)
    note: str = ""


class _Quiet(SimpleHTTPRequestHandler):
    """Serves the built site and records (time, path, bytes) of every file it sends."""

    log: list[tuple[float, str, int]]

    def send_head(self) -> Any:
        file = super().send_head()
        if file is not None and hasattr(file, "fileno"):
            self.log.append((time.perf_counter(), self.path, os.fstat(file.fileno()).st_size))
        return file

    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def _served(site: Path) -> Iterator[tuple[str, list[tuple[float, str, int]]]]:
    """The site served on localhost: (its URL, the log of files sent)."""
    log: list[tuple[float, str, int]] = []
    handler = type("Handler", (_Quiet,), {"log": log})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def _chromium(browser: Any = None) -> Iterator[Any]:
    """`browser` if given (tests share theirs: one event loop), else Debian's headless Chromium."""
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        try:
            yield launched
        finally:
            launched.close()


def settle(page: Any, url: str) -> None:
    """Open `url`; return once it has loaded, cg.js has bound the filters and no request has been
    in flight for QUIET seconds (or 30 s have passed).

    Playwright's "networkidle" alone can come while a slow renderer is still running one script,
    before it asks for the next (seen in CI: cg.js, the favicon and Material's sitemap fetch were
    counted as filter downloads); Chromium also asks for the icon after the load event.
    """
    pending: set[Any] = set()

    def sent(request: Any) -> None:
        pending.add(request)

    def done(request: Any) -> None:
        pending.discard(request)

    events = {"request": sent, "requestfinished": done, "requestfailed": done}
    for event, handler in events.items():
        page.on(event, handler)
    try:
        page.goto(url, wait_until="load")
        page.wait_for_function(BOUND, timeout=30_000)
        start = calm = time.perf_counter()
        while time.perf_counter() - calm < QUIET and time.perf_counter() < start + 30:
            page.wait_for_timeout(100)  # Playwright hands over the events while it waits
            if pending:
                calm = time.perf_counter()
    finally:
        for event, handler in events.items():
            page.remove_listener(event, handler)


def _open(page: Any, url: str, log: list) -> float:
    """Load `url` with an empty log; the time it had settled."""
    log.clear()
    settle(page, url)
    return time.perf_counter()


def _playwright_missing() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return True
    return False


def measure_search(site: Path, queries: list[str], browser: Any = None) -> list[Search]:
    """Type each query into the search box in headless Chromium; bytes and time to a result."""
    if _playwright_missing():
        return [Search(q, None, 0, 0, note="playwright not installed") for q in queries]
    try:
        with _served(site) as (url, log), _chromium(browser) as chromium:
            return [_one_search(chromium, url, query, log) for query in queries]
    except Exception as error:  # a missing browser must not lose the rest of the table
        return [Search(q, None, 0, 0, note=f"browser failed: {error}"[:200]) for q in queries]


def _one_search(browser: Any, url: str, query: str, log: list) -> Search:
    """One fresh visit (empty cache): load the home page, type, wait for a result."""
    context = browser.new_context()
    page = context.new_page()
    loaded = _open(page, url, log)
    box = next((s for s in INPUTS if page.locator(s).count()), None)
    if box is None:
        context.close()
        return Search(query, None, 0, 0, note="no search box on the home page")
    if not page.locator(box).first.is_visible():
        page.locator("label[for=__search]").first.click()
    page.locator(box).first.click()
    start = time.perf_counter()
    page.locator(box).first.fill(query)
    try:
        page.locator(", ".join(RESULTS)).first.wait_for(state="visible", timeout=30_000)
        seconds, note = time.perf_counter() - start, ""
    except Exception:
        seconds, note = None, "no result within 30 s"
    end = time.perf_counter()
    context.close()
    searchy = [
        (path, size)
        for t, path, size in log
        if t <= end and (t > loaded or any(p in path for p in SEARCH_PATHS))
    ]
    page_bytes = sum(size for t, _, size in log if t <= loaded)
    return Search(
        query, seconds, sum(s for _, s in searchy) / 1024, page_bytes / 1024,
        [f"{p} {s / 1024:.0f} KB" for p, s in searchy], note,
    )  # fmt: skip


def measure_filters(site: Path, browser: Any = None) -> list[FilterUse]:
    """The first use of a filter on /asks/ and /mentors/, each choice from a fresh page load.

    Choices: for each select field, its most common and its rarest value (by the count the page
    reports; a value nobody has is left out), and the most and least common location on the
    list's first page (up to its first comma: "Leeds" of "Leeds, UK") typed into the location
    box. Each counts every file sent after the page had loaded until the list showed the result
    (uncompressed). The worst is what the target judges.
    """
    if _playwright_missing():
        return [FilterUse("", None, note="playwright not installed")]
    try:
        with _served(site) as (url, log), _chromium(browser) as chromium:
            uses = []
            for kind in LISTS:
                for name, value, why in _choices(chromium, f"{url}{kind}/", log):
                    uses.append(_one_filter(chromium, f"{url}{kind}/", name, value, why, log))
            return uses
    except Exception as error:  # a missing browser must not lose the rest of the table
        return [FilterUse("", None, note=f"browser failed: {error}"[:200])]


def _choices(browser: Any, list_url: str, log: list) -> list[tuple[str, str, str]]:
    """(field, value, why) to measure on one list: each select's extremes, and two places."""
    context = browser.new_context()
    page = context.new_page()
    _open(page, list_url, log)
    choices = []
    selects = page.eval_on_selector_all(
        "form.cg-filters select",
        "els => els.map(s => [s.name, [...s.options].map(o => o.value).filter(Boolean)])",
    )
    for name, values in selects:
        counts = []
        for value in values:
            text = page.evaluate(SURVEY, [name, value, UPDATED])
            number = text.split(" ", 1)[0]
            if not number.isdigit():
                raise RuntimeError(f"{list_url}?{name}={value}: {text}")
            counts.append((int(number), value))
        found = [(n, v) for n, v in counts if n]
        if found:
            common, rare = max(found, key=lambda c: c[0]), min(found, key=lambda c: c[0])
            choices.append((name, common[1], f"most common, {common[0]}"))
            if rare != common:
                choices.append((name, rare[1], f"rarest, {rare[0]}"))
    _open(page, list_url, log)
    places = page.locator("ul.cg-list .cg-location").all_inner_texts()
    towns = sorted({p.split(",")[0].strip() for p in places} - {""})
    if towns:
        count = [p.split(",")[0].strip() for p in places].count
        common, rare = max(towns, key=count), min(towns, key=count)
        choices.append(("location", common, f"most common on the first page, {count(common)}"))
        if rare != common:
            choices.append(("location", rare, f"rarest on the first page, {count(rare)}"))
    context.close()
    return choices


def _one_filter(
    browser: Any, list_url: str, name: str, value: str, why: str, log: list
) -> FilterUse:
    """A fresh visit (empty cache): load the list, choose the value, wait for the list."""
    where = f"{list_url.rsplit('/', 2)[-2]}/ {name}={value} ({why})"
    context = browser.new_context()
    page = context.new_page()
    loaded = _open(page, list_url, log)
    if name == "location":
        page.fill("#cg-location", value)
    else:
        page.select_option(f"form.cg-filters select[name={name}]", value)
    try:
        page.wait_for_function(
            "updated => new RegExp(updated).test(document.querySelector('.cg-count').textContent)",
            arg=UPDATED,
            timeout=30_000,
        )
        text = page.locator(".cg-count").inner_text()
        note = "" if text[0].isdigit() else text
    except Exception:
        note = "the list did not update within 30 s"
    end = time.perf_counter()
    context.close()
    sent = [(path, size) for t, path, size in log if loaded < t <= end]
    return FilterUse(
        where,
        None if note else sum(size for _, size in sent) / 1024,
        [f"{path} {size / 1024:.1f} KB" for path, size in sent],
        note,
    )
