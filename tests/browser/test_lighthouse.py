"""A phone's first view: list pages do not shift as they load, and Lighthouse's accessibility,
best-practice and SEO audits pass. Performance scores depend on the machine's load, so they are
checked by `make audit` (scripts/audit.py), not here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections import Counter

import pytest

from generator.validate import build_directory
from tests.conftest import CHROMIUM, REPO, TODAY, Built

pytestmark = pytest.mark.browser
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
LATE_SCRIPTS = re.compile(r"/assets/(javascripts/bundle\.[0-9a-f]+\.min|cg)\.js$")
PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile profile (Moto G Power)
# Every layout shift the page reports, with the nodes that moved (hadRecentInput: user-caused).
SHIFTS = """
window.cgShifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    const nodes = e.sources.map((s) => s.node ? s.node.nodeName + "." + s.node.className : "?");
    window.cgShifts.push([Math.round(e.value * 1000) / 1000, nodes]);
  }
}).observe({ type: "layout-shift", buffered: true });
"""


def popular_skills() -> tuple[str, str]:
    """The skill most mentors have, and the one most open asks need."""
    d = build_directory(REPO, TODAY).directory
    mentors = Counter(k for m in d.mentors if m.active for k in m.skills)
    asks = Counter(k for a in d.asks if a.active for s in a.stages for k in s.skills)
    return mentors.most_common(1)[0][0], asks.most_common(1)[0][0]


@pytest.mark.parametrize("kind", ["asks", "mentors", "asks-filtered", "mentors-filtered"])
def test_list_page_does_not_shift_on_a_phone(
    shipped_site: Built, browser: object, kind: str
) -> None:
    """Opening /asks/ or /mentors/ (also with ?skill= in the URL, which the script applies) on
    a phone-sized screen: the first paint is the final layout, nothing moves afterwards."""
    mentor_skill, ask_skill = popular_skills()
    path = kind.removesuffix("-filtered") + "/"
    if kind.endswith("-filtered"):
        path += f"?skill={mentor_skill if kind.startswith('mentors') else ask_skill}"
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.add_init_script(SHIFTS)
        # As on a slow phone network: the page paints before the scripts after <head> arrive.
        page.route(LATE_SCRIPTS, lambda route: (time.sleep(0.8), route.continue_()))
        page.goto(shipped_site.url + path, wait_until="load")
        if kind.endswith("-filtered"):
            page.wait_for_function(
                "() => / of /.test(document.querySelector('.cg-count').textContent)"
            )
            assert page.locator(".cg-count").is_visible()
        page.wait_for_timeout(500)
        classes = page.evaluate("[...document.documentElement.classList]")
        assert ("cg-js" in classes, "cg-filtering" in classes) == (True, False)
        assert page.locator("form.cg-filters").is_visible()
        shifts = page.evaluate("window.cgShifts")
    finally:
        context.close()
    assert shifts == []


def test_lighthouse_passes_on_a_list_page(shipped_site: Built) -> None:
    """Lighthouse (mobile) scores /mentors/ 100 for accessibility, best practices and SEO."""
    if not LIGHTHOUSE.exists() or not CHROMIUM.exists():
        message = "lighthouse or Chromium missing; run `bash scripts/browser-deps.sh`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    command = [
        str(LIGHTHOUSE),
        f"{shipped_site.url}mentors/",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--only-categories=accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180, check=True)
    report = json.loads(done.stdout)
    scores = {name: c["score"] for name, c in report["categories"].items()}
    failing = sorted(
        ref["id"]
        for c in report["categories"].values()
        for ref in c["auditRefs"]
        if ref["weight"] and report["audits"][ref["id"]]["score"] not in (None, 1)
    )
    assert (scores, failing) == ({"accessibility": 1, "best-practices": 1, "seo": 1}, [])
