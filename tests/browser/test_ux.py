"""Issue 12 in real Chromium: next steps, honest counts, search, filters, phone layout, no-JS."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from generator.model import Directory, Mentor
from generator.validate import build_directory
from tests.conftest import REPO, TODAY, Built

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
REMOTE = {"video", "call", "email"}


def shipped() -> Directory:
    """The shipped content as of the test build date."""
    result = build_directory(REPO, TODAY)
    assert result.problems == ()
    return result.directory


def available(d: Directory) -> list[Mentor]:
    """The mentors /mentors/ lists and filters."""
    return [m for m in d.mentors if m.active]


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A tab at the size given by `@pytest.mark.parametrize("page", [...], indirect=True)`."""
    options = getattr(request, "param", {"viewport": DESKTOP})
    context = browser.new_context(**options)  # type: ignore[attr-defined]
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def search(page: Page, site: Built, query: str) -> list[tuple[str, str, str]]:
    """Type `query` in the header box: the panel's (type, title, href) rows once it answers."""
    page.goto(site.url)
    page.fill("#cg-search-input", query)
    panel = page.locator("#cg-search-results")
    expect(panel.locator(".cg-search__note")).to_be_visible(timeout=10_000)
    return [
        (
            link.locator(".cg-search__type").inner_text(),
            link.locator(".cg-search__title").inner_text(),
            link.get_attribute("href"),
        )
        for link in panel.locator("a.cg-search__link").all()
    ]


# ---------- search ----------


def test_an_ask_is_found_by_its_organisation_first(shipped_site: Built, page: Page) -> None:
    """The organisation's name returns its ask before any page that merely mentions it."""
    rows = search(page, shipped_site, "Riverside")
    assert rows[0][0] == "ASK"
    assert rows[0][2] == f"{shipped_site.url}asks/riverside-food-bank-funding-bid/"


def test_a_mentors_name_returns_only_the_mentor(shipped_site: Built, page: Page) -> None:
    """Skill pages and ask pages list mentors, but those lists are not indexed."""
    d = shipped()
    for mentor in available(d)[:3]:
        rows = search(page, shipped_site, mentor.name)
        assert rows == [("MENTOR", mentor.name, f"{shipped_site.url}mentors/{mentor.slug}/")]


def test_a_typo_returns_nothing_rather_than_noise(shipped_site: Built, page: Page) -> None:
    """Pagefind answers an unknown word with pages holding its first letter; those are dropped."""
    assert search(page, shipped_site, "acountant") == []
    note = page.locator("#cg-search-results .cg-search__note")
    assert note.inner_text() == "No results for “acountant”."
    rows = search(page, shipped_site, "budgetting")
    assert rows[0][:2] == ("SKILL", "Budgeting")


def test_titles_are_clean_and_excerpts_spaced(shipped_site: Built, page: Page) -> None:
    """Hand-written pages' titles carry no "¶"; block texts are not run together."""
    rows = search(page, shipped_site, "privacy")
    assert ("GUIDE", "Privacy: what is published, and how to take it down") in [r[:2] for r in rows]
    assert [r for r in rows if "¶" in r[1]] == []
    excerpts = page.locator(".cg-search__excerpt").all_inner_texts()
    assert [e for e in excerpts if re.search(r"[a-z](Organisation|Contact|Skills)\b", e)] == []


def test_see_all_results_opens_the_full_results_page(shipped_site: Built, page: Page) -> None:
    """More than 8 results: a link to /search/?q=… which lists every one of them."""
    search(page, shipped_site, "fundraising")
    more = page.locator("#cg-search-results a.cg-search__more")
    expect(more).to_have_text("See all results")
    assert more.get_attribute("href") == f"{shipped_site.url}search/?q=fundraising"
    more.click()
    page.wait_for_url(f"{shipped_site.url}search/?q=fundraising")
    expect(page.locator("article h1")).to_have_text("Search")
    count = page.locator(".cg-search-count")
    expect(count).to_have_text(re.compile(r"^\d+ results for “fundraising”$"), timeout=10_000)
    shown = page.locator("ul.cg-search-all > li").count()
    assert shown > 8
    assert count.inner_text() == f"{shown} results for “fundraising”"
    assert page.locator("#cg-q").input_value() == "fundraising"


# ---------- filters ----------


def test_empty_filters_offer_clear_and_the_nearest_match(shipped_site: Built, page: Page) -> None:
    """Nothing matches: "Clear filters", and removing the one filter that frees the most."""
    d = shipped()
    mentors = available(d)
    skill = "bid-writing"
    sector = next(
        s.id
        for s in d.taxonomy.sectors
        if not any(skill in m.skills and s.id in m.sectors for m in mentors)
        and any(s.id in m.sectors for m in mentors)
    )
    with_sector = sum(1 for m in mentors if sector in m.sectors)
    with_skill = sum(1 for m in mentors if skill in m.skills)
    page.goto(f"{shipped_site.url}mentors/?skill={skill}&sector={sector}")
    count = page.locator(".cg-count")
    expect(count).to_have_text(f"0 of {len(mentors)} available mentors match")
    help_ = page.locator(".cg-filter-help")
    drop = help_.locator("button.cg-drop")
    label = d.taxonomy.skill_by_id[skill].label
    sector_label = d.taxonomy.sector_by_id[sector].label
    if with_sector >= with_skill:
        expect(drop).to_have_text(f"Remove Skill: {label}")
        left = with_sector
    else:
        expect(drop).to_have_text(f"Remove Sector: {sector_label}")
        left = with_skill
    expect(help_.locator(".cg-suggest")).to_have_text(
        f"Nothing matches all of these. Without that one filter, {left} would:"
    )
    drop.click()
    expect(count).to_have_text(f"{left} of {len(mentors)} available mentors match")
    help_.locator("button.cg-clear").click()
    expect(count).to_have_text(f"{len(mentors)} available mentors")
    assert page.url == f"{shipped_site.url}mentors/"
    expect(help_).to_be_hidden()


def test_location_keeps_remote_capable_mentors(shipped_site: Built, page: Page) -> None:
    """ "Leeds" lists mentors in Leeds first, then those who help by video, phone or email."""
    mentors = available(shipped())
    there = [m for m in mentors if "leeds" in m.location.lower()]
    remote = [m for m in mentors if m not in there and REMOTE & set(m.formats)]
    assert there and remote
    page.goto(f"{shipped_site.url}mentors/?location=Leeds")
    expect(page.locator(".cg-count")).to_have_text(
        f"{len(there) + len(remote)} of {len(mentors)} available mentors in “Leeds” or remote "
        f"({len(there)} there, {len(remote)} by video, phone or email)"
    )
    names = page.locator("ul.cg-list .cg-card-title a").all_inner_texts()
    assert sorted(names[: len(there)]) == sorted(m.name for m in there)
    assert sorted(names[len(there) :]) == sorted(m.name for m in remote)


def test_stage_type_filter_keeps_mentors_with_a_suggested_skill(
    shipped_site: Built, page: Page
) -> None:
    """/mentors/?template=decide: mentors with any of the Decide stage's suggested skills."""
    d = shipped()
    decide = d.taxonomy.template_by_id["decide"]
    expected = [m.name for m in available(d) if set(decide.suggested_skills) & set(m.skills)]
    page.goto(f"{shipped_site.url}mentors/?template=decide")
    expect(page.locator(".cg-count")).to_have_text(
        f"{len(expected)} of {len(available(d))} available mentors match"
    )
    names = page.locator("ul.cg-list .cg-card-title a").all_inner_texts()
    assert sorted(names) == sorted(expected)


# ---------- the stage path, counts and dates ----------


def test_home_leads_to_a_stage_type_its_skills_and_mentors(shipped_site: Built, page: Page) -> None:
    """Home → "Find help for a stage" → a stage type → a suggested skill's page of mentors."""
    d = shipped()
    page.goto(shipped_site.url)
    page.get_by_role("link", name="Find help for a stage").first.click()
    page.wait_for_url(f"{shipped_site.url}stages/")
    expect(page.locator("article h1")).to_have_text("Find help for a stage")
    decide = d.taxonomy.template_by_id["decide"]
    section = page.locator("section#type-decide, section:has(h2#type-decide)")
    skills = section.locator(".cg-type-skills a").all_inner_texts()
    assert skills == [d.taxonomy.skill_by_id[k].label for k in decide.suggested_skills]
    section.locator(".cg-type-skills a").first.click()
    first = decide.suggested_skills[0]
    page.wait_for_url(f"{shipped_site.url}skills/{first}/")
    expect(page.locator("article h1")).to_have_text(d.taxonomy.skill_by_id[first].label)
    holders = [m.name for m in available(d) if first in m.skills]
    listed = page.locator("section[aria-labelledby=cg-supply] .cg-mini-list a").all_inner_texts()
    assert sorted(listed) == sorted(holders)


def test_stage_counts_split_exact_and_related(shipped_site: Built, page: Page) -> None:
    """Each stage's count says how many are exact and related, and exact matches come first."""
    page.goto(f"{shipped_site.url}asks/riverside-food-bank-funding-bid/")
    stage = page.locator("#stage-2")
    text = stage.locator(".cg-match-count").inner_text()
    found = re.fullmatch(
        r"(\d+) mentors can help with this stage: (\d+) exact · (\d+) related;"
        r" showing the best 5\.",
        text,
    )
    assert found, text
    total, exact, related = map(int, found.groups())
    assert exact + related == total and related > 0
    kinds = stage.locator("ol.cg-matches > li").evaluate_all("els => els.map(e => e.className)")
    assert kinds == sorted(kinds, key=lambda k: "related" in k)
    exact_color = stage.locator(".cg-n-exact").evaluate("e => getComputedStyle(e).fontWeight")
    related_color = stage.locator(".cg-n-related").evaluate("e => getComputedStyle(e).fontWeight")
    assert (exact_color, related_color) == ("700", "400")


@pytest.mark.parametrize("page", [{"viewport": PHONE}], indirect=True)
def test_dates_are_human_and_never_wrap_on_a_phone(shipped_site: Built, page: Page) -> None:
    """Every date is a <time datetime> written "2 December 2026", on one line at 360 px."""
    d = shipped()
    ask = next(a for a in d.asks if a.active)
    for url in (f"asks/{ask.slug}/", f"mentors/{available(d)[0].slug}/", "asks/"):
        page.goto(shipped_site.url + url)
        times = page.locator("article time").all()
        assert times, url
        for time in times:
            iso = time.get_attribute("datetime")
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", iso)
            year, month, day = map(int, iso.split("-"))
            months = "January February March April May June July August September October"
            months += " November December"
            assert time.inner_text() == f"{day} {months.split()[month - 1]} {year}"
            assert time.evaluate("e => e.getClientRects().length") == 1
    page.goto(f"{shipped_site.url}asks/{ask.slug}/")
    left = page.locator(".cg-left").inner_text()
    assert re.fullmatch(r"· (\d+ (days|weeks|months) left|1 day left|last day)", left)


def test_no_maintainer_word_stale_on_the_site(shipped_site: Built) -> None:
    """Generated pages say "Not confirmed since …", never "Stale"."""
    stale = [m for m in shipped().mentors if m.stale]
    assert stale
    pages = [shipped_site.out / "mentors" / m.slug / "index.html" for m in stale]
    pages += [shipped_site.out / "mentors" / "index.html"]
    for path in pages:
        text = path.read_text("utf-8")
        assert "Stale" not in text
    assert "Not confirmed since" in pages[0].read_text("utf-8")


# ---------- phone layout ----------


@pytest.mark.parametrize("page", [{"viewport": PHONE}], indirect=True)
def test_phone_home_counts_in_one_row_and_actions_on_screen(
    shipped_site: Built, page: Page
) -> None:
    """At 360 px: both calls to action and all five counts fit the first screen, counts in a row."""
    page.goto(shipped_site.url)
    tops = page.locator("ul.cg-counts > li").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(tops) == 5 and len(set(tops)) == 1
    for name in ("Find help for a stage", "Offer your skills"):
        box = page.get_by_role("link", name=name).first.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("page", [{"viewport": PHONE}], indirect=True)
def test_phone_profile_contact_link_and_facts(shipped_site: Built, page: Page) -> None:
    """At 360 px a "Contact" link sits on the first screen and jumps to the request; facts stack."""
    mentor = available(shipped())[0]
    page.goto(f"{shipped_site.url}mentors/{mentor.slug}/")
    jump = page.get_by_role("link", name=f"Contact {mentor.name}")
    box = jump.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"]
    assert jump.get_attribute("href").endswith("#cg-contact")
    assert page.locator("#cg-contact a").count() >= 1
    widths = page.locator("dl.cg-facts dd").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)"
    )
    article = page.locator("article").evaluate("e => e.clientWidth")
    assert min(widths) >= article * 0.8


def test_desktop_profile_has_no_jump_link(shipped_site: Built, page: Page) -> None:
    """On a wide screen the request is near the top anyway: no extra link."""
    mentor = available(shipped())[0]
    page.goto(f"{shipped_site.url}mentors/{mentor.slug}/")
    expect(page.get_by_role("link", name=f"Contact {mentor.name}")).to_be_hidden()


@pytest.mark.parametrize("page", [{"viewport": PHONE}, {"viewport": DESKTOP}], indirect=True)
def test_search_placeholder_is_not_cut_off(shipped_site: Built, page: Page) -> None:
    """The header box is wide enough for its whole placeholder, on a phone and a desktop."""
    page.goto(shipped_site.url)
    room, needed = page.locator("#cg-search-input").evaluate(
        """e => {
          const style = getComputedStyle(e);
          const ctx = document.createElement("canvas").getContext("2d");
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
          return [e.clientWidth - padding, ctx.measureText(e.placeholder).width];
        }"""
    )
    assert needed <= room


# ---------- without JavaScript ----------


@pytest.mark.parametrize("page", [{"java_script_enabled": False}], indirect=True)
def test_without_javascript_browse_links_lead_to_lists_that_are_right(
    shipped_site: Built, page: Page
) -> None:
    """No visible link leads to a filtered list (which would show everyone without JS).

    Links to GitHub (join links with a pre-filled file) carry a query too; they are not lists.
    """
    d = shipped()
    skill = "bid-writing"
    for url in (
        "asks/riverside-food-bank-funding-bid/",
        f"skills/{skill}/",
        "stages/",
        "",
    ):
        page.goto(shipped_site.url + url)
        own = "article a[href*='?']:not([href^='mailto:']):not([href^='https:']):visible"
        visible = page.locator(own).count()
        assert visible == 0, url
    page.goto(f"{shipped_site.url}asks/riverside-food-bank-funding-bid/")
    page.locator("#stage-2 .cg-match-more a").first.click()
    page.wait_for_url(f"{shipped_site.url}skills/{skill}/")
    expect(page.locator("article h1")).to_have_text(d.taxonomy.skill_by_id[skill].label)
    listed = page.locator("section[aria-labelledby=cg-supply] .cg-mini-list a").all_inner_texts()
    assert sorted(listed) == sorted(m.name for m in available(d) if skill in m.skills)
