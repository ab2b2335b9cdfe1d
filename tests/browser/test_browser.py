"""The built site in real Chromium: search, filters, contact links, hostile pages, accessibility."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import expect

from generator.mailto import offer
from generator.model import Directory, Mentor
from generator.validate import build_directory
from tests.conftest import REPO, TODAY, Built

pytestmark = pytest.mark.browser
PAGE_SIZE = 50  # entries on a list page without filters (generator/render_lists.py)


@dataclass
class Tab:
    """A Playwright page, and everything it reported that a test may need to refuse."""

    page: object
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def tab(browser: object) -> Iterator[Tab]:
    """A fresh browser tab recording dialogs, uncaught errors and console errors (e.g. CSP)."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    seen = Tab(page)

    def on_dialog(dialog: object) -> None:
        seen.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    yield seen
    context.close()


def shipped() -> Directory:
    """The shipped content as of the test build date."""
    result = build_directory(REPO, TODAY)
    assert result.problems == ()
    return result.directory


def active_mentors(d: Directory) -> list[Mentor]:
    """Mentors the /mentors/ list and its index show."""
    return [m for m in d.mentors if m.active]


def test_search_finds_a_mentor_by_skill(shipped_site: Built, tab: Tab) -> None:
    """Typing a skill only one mentor has, in the header box, lists a result linking that mentor."""
    d = shipped()
    holders = Counter(k for m in active_mentors(d) for k in m.skills)
    demand = Counter(k for a in d.asks for s in a.stages for k in s.skills)
    skill_id = min((s for s, n in holders.items() if n == 1), key=lambda s: (demand[s], s))
    mentor = next(m for m in active_mentors(d) if skill_id in m.skills)
    label = d.taxonomy.skill_by_id[skill_id].label
    page = tab.page
    page.goto(shipped_site.url)
    page.fill("#cg-search-input", label)
    link = page.locator(f'#cg-search-results a[href$="/mentors/{mentor.slug}/"]')
    link.wait_for(timeout=10_000)
    assert mentor.name in link.inner_text()
    link.click()
    page.wait_for_url(f"{shipped_site.url}mentors/{mentor.slug}/")
    expect(page.locator("article h1")).to_have_text(mentor.name)
    assert tab.errors == []


def test_search_finds_a_mentor_by_name(shipped_site: Built, tab: Tab) -> None:
    """Typing a mentor's name lists their profile first."""
    mentor = active_mentors(shipped())[0]
    page = tab.page
    page.goto(f"{shipped_site.url}asks/")
    page.fill("#cg-search-input", mentor.name)
    first = page.locator("#cg-search-results a").first
    first.wait_for(timeout=10_000)
    assert first.get_attribute("href").endswith(f"/mentors/{mentor.slug}/")
    assert tab.errors == []


def test_filter_narrows_the_list_and_survives_reload(shipped_site: Built, tab: Tab) -> None:
    """On /mentors/ (reached by instant navigation) a skill filter narrows the list to its holders,
    the URL holds the state, a reload restores it, and clearing it restores the page."""
    mentors = active_mentors(shipped())
    holders = Counter(k for m in mentors for k in m.skills)
    skill_id, count = max(
        ((s, n) for s, n in holders.items() if n < len(mentors)), key=lambda x: (x[1], x[0])
    )
    expected = sorted(
        f"{shipped_site.url}mentors/{m.slug}/" for m in mentors if skill_id in m.skills
    )
    page = tab.page
    page.goto(shipped_site.url)
    page.evaluate("window.cgMarker = 1")
    page.locator(".md-tabs__link", has_text="Mentors").click()
    page.wait_for_url(f"{shipped_site.url}mentors/")
    assert page.evaluate("window.cgMarker") == 1  # no full page load: instant navigation
    page.select_option("#cg-skill", skill_id)
    page.wait_for_url(f"{shipped_site.url}mentors/?skill={skill_id}")
    cards = page.locator("ul.cg-list > li a")
    page.wait_for_function(
        "n => document.querySelectorAll('ul.cg-list > li').length === n", arg=count
    )
    assert sorted(cards.evaluate_all("links => links.map(a => a.href)")) == expected
    count_text = f"{count} of {len(mentors)} available mentors match"
    assert page.locator(".cg-count").inner_text() == count_text

    page.reload()
    assert page.locator("#cg-skill").input_value() == skill_id
    page.wait_for_function(
        "n => document.querySelectorAll('ul.cg-list > li').length === n", arg=count
    )
    assert sorted(cards.evaluate_all("links => links.map(a => a.href)")) == expected

    page.select_option("#cg-skill", "")
    page.wait_for_url(f"{shipped_site.url}mentors/")
    assert page.locator("ul.cg-list > li").count() == min(len(mentors), PAGE_SIZE)
    assert tab.errors == []


def test_every_stage_offer_becomes_its_mailto_on_click(shipped_site: Built, tab: Tab) -> None:
    """On an ask page, each stage's offer link becomes, when clicked, the mailto: URL of that
    stage's offer (to the ask's contact, linking the stage), decoding with parse_qs to exactly a
    subject and a body."""
    d = shipped()
    ask = max(
        (a for a in d.asks if a.active),
        key=lambda a: (sum(s.status == "open" for s in a.stages), a.slug),
    )
    page = tab.page
    page.goto(f"{shipped_site.url}asks/{ask.slug}/")
    open_stages = [s for s in ask.stages if s.status == "open"]
    assert page.locator("li.cg-stage > p.cg-offer a.cg-mailto").count() == len(open_stages)
    for stage in open_stages:
        link = page.locator(f"#{stage.anchor} > p.cg-offer a.cg-mailto")
        link.evaluate("a => a.addEventListener('click', e => e.preventDefault())")
        link.click()
        href = link.get_attribute("href")
        assert href == offer(ask, stage, shipped_site.url).url
        parts = urlsplit(href)
        assert parts.scheme == "mailto"
        assert unquote(parts.path) == ask.contact.email
        fields = parse_qs(parts.query, strict_parsing=True)
        assert sorted(fields) == ["body", "subject"]
        (subject,), (body,) = fields["subject"], fields["body"]
        assert f"stage {stage.number}: {stage.title}" in subject
        assert ask.title in subject
        assert f"stage {stage.number}: {stage.title}" in body
        assert f"{shipped_site.url}asks/{ask.slug}/#{stage.anchor}" in body
    assert tab.errors == []


def test_hostile_pages_fire_no_dialog(hostile_site: Built, tab: Tab) -> None:
    """Every page of the hostile site, its search and its filters run none of its text."""
    page = tab.page
    urls = sorted(
        p.relative_to(hostile_site.out).as_posix().removesuffix("index.html")
        for p in hostile_site.out.rglob("index.html")
    )
    assert len(urls) >= 10
    for url in urls:
        page.goto(hostile_site.url + url)
    page.goto(f"{hostile_site.url}mentors/")
    page.fill("#cg-location", '"')
    page.wait_for_function("() => /1 of 2 /.test(document.querySelector('.cg-count').textContent)")
    assert "<script>alert('name')</script> Mallory" in page.locator("ul.cg-list").inner_text()
    page.fill("#cg-search-input", "alert script onerror")
    page.locator("#cg-search-results a").first.wait_for(timeout=10_000)
    page.locator("#cg-search-results a").first.click()
    page.wait_for_load_state()
    page.goto(f"{hostile_site.url}asks/?location=script")
    page.wait_for_function("() => /1 of 1 /.test(document.querySelector('.cg-count').textContent)")
    assert tab.dialogs == []
    assert tab.errors == []


AXE_PAGES = [
    *("", "asks/", "ask", "mentors/", "mentor", "skills/", "skill", "gaps/", "about/"),
    *("filtered", "searching"),
]


@pytest.mark.parametrize("kind", AXE_PAGES)
def test_no_serious_accessibility_violation(
    shipped_site: Built, browser: object, axe_source: object, kind: str
) -> None:
    """axe-core finds no serious or critical violation on each page type."""
    d = shipped()
    popular = Counter(k for m in d.mentors for k in m.skills).most_common(1)[0][0]
    url = {
        "ask": f"asks/{next(a for a in d.asks if a.active).slug}/",
        "mentor": f"mentors/{active_mentors(d)[0].slug}/",
        "skill": f"skills/{popular}/",
        "filtered": f"mentors/?skill={popular}",
        "searching": "",
    }.get(kind, kind)
    # The page's CSP forbids inline scripts, and axe is injected inline.
    context = browser.new_context(bypass_csp=True)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(shipped_site.url + url)
        if kind == "filtered":
            page.wait_for_function(
                "() => / of /.test(document.querySelector('.cg-count').textContent)"
            )
        if kind == "searching":
            page.fill("#cg-search-input", d.taxonomy.skill_by_id[popular].label)
            page.locator("#cg-search-results a").first.wait_for(timeout=10_000)
        page.add_script_tag(path=str(axe_source))
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
