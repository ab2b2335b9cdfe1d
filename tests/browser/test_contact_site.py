"""Contact links in real Chromium on a built site: no harvestable address in any file; every link
becomes its exact mailto: URL on click and on Enter; copy buttons; no-JS fallback; breaks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from generator.mailto import Message, mentor_request, offer, stage_request
from generator.match import match
from generator.model import Directory, Mentor
from generator.validate import build_directory
from tests.conftest import CONTACT, TODAY, Built
from tests.harvest import contents, findings

pytestmark = pytest.mark.browser
IDN = "ana.lima+crowdguru@bücher.example"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def directory() -> Directory:
    """The contact fixture content as of the test build date."""
    result = build_directory(CONTACT.parent, TODAY)
    assert result.problems == ()
    return result.directory


def addresses(d: Directory) -> list[str]:
    """Every contact address of the content."""
    return sorted({m.email for m in d.mentors} | {a.contact.email for a in d.asks})


def expected_links(d: Directory, site_url: str) -> dict[str, dict[tuple[str, str], Message]]:
    """Page URL → (where, label) → the message its link must open, from the model alone."""
    matches = match(d)
    by_slug = {m.slug: m for m in d.mentors}
    pages: dict[str, dict[tuple[str, str], Message]] = {}
    for ask in d.asks:
        links = pages.setdefault(f"asks/{ask.slug}/", {})
        for stage in ask.stages:
            if not (ask.active and stage.status == "open"):
                continue
            links[(stage.anchor, "Offer to help with this stage")] = offer(ask, stage, site_url)
            for found in matches.by_stage.get((ask.slug, stage.number), ())[:5]:
                mentor = by_slug[found.mentor]
                label = f"Ask {mentor.name} about this stage"
                links[(stage.anchor, label)] = stage_request(ask, stage, mentor, site_url)
    asks = {a.slug: a for a in d.asks}
    for mentor in d.mentors:
        links = pages.setdefault(f"mentors/{mentor.slug}/", {})
        if not mentor.active:
            continue
        links[("", f"Ask {mentor.name} for help")] = mentor_request(mentor, site_url)
        for found in matches.by_mentor.get(mentor.slug, ()):
            ask = asks[found.ask]
            stage = ask.stages[found.stage - 1]
            key = (f"{ask.slug}#{stage.anchor}", "Offer to help with this stage")
            links[key] = offer(ask, stage, site_url)
    return pages


# Each contact link: an index, where it is (its stage's id on an ask page, `<ask slug>#stage-N`
# for an offer on a mentor page, "" for the general request) and its label.
LINKS_JS = """() => [...document.querySelectorAll('a.cg-mailto')].map((a, i) => {
  a.dataset.testIndex = i;
  const stage = a.closest('li.cg-stage');
  const row = !stage && a.closest('li.cg-match');
  const to = row && new URL(row.querySelector('a[href*="#stage-"]').href);
  const where = stage ? stage.id : to ? to.pathname.split('/').at(-2) + to.hash : '';
  return [i, where, a.firstChild.textContent];
})"""


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    """A browser context allowed to use the clipboard."""
    ctx = browser.new_context()  # type: ignore[attr-defined]
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    yield ctx
    ctx.close()


def test_no_address_in_any_built_file(contact_site: Built) -> None:
    """No file (HTML, JSON, XML, JS, the gzip'd Pagefind index, the sitemap) gives up an address:
    plain, percent- or entity-encoded, base64, reversed, or to an address pattern."""
    wanted = addresses(directory())
    assert IDN in wanted and "o'neil@example.org" in wanted
    found = []
    files = 0
    for name, data in contents(contact_site.out):
        files += 1
        found += findings(name, data, wanted)
    assert files > 50
    assert any(name.startswith("pagefind/fragment/") for name, _ in contents(contact_site.out))
    assert found == []


# What Chromium logs when it hands a URL to the system's handler (here: the mail program).
LAUNCHED = "Launched external handler for '"


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_every_link_opens_its_exact_mailto(contact_site: Built, context: object, how: str) -> None:
    """Clicking, or pressing Enter on, each contact link makes its href the exact mailto: URL the
    model gives (address, subject, body) and the browser hands that URL to the mail program."""
    d = directory()
    pages = expected_links(d, contact_site.url)
    assert sum(len(v) for v in pages.values()) >= 10
    page = context.new_page()  # type: ignore[attr-defined]
    checked = 0
    for url, wanted in sorted(pages.items()):
        page.goto(contact_site.url + url)
        found = {(where, label): i for i, where, label in page.evaluate(LINKS_JS)}
        assert sorted(found) == sorted(wanted), url
        for key, message in wanted.items():
            link = page.locator(f'a.cg-mailto[data-test-index="{found[key]}"]')
            assert not (link.get_attribute("href") or "").startswith("mailto:")
            launched = page.expect_console_message(
                lambda m: m.text.startswith(LAUNCHED), timeout=10_000
            )
            with launched as seen:
                if how == "mouse":
                    link.click()
                else:
                    link.focus()
                    link.evaluate("a => a.setAttribute('href', '#reset')")  # only Enter sets it
                    page.keyboard.press("Enter")
            assert link.get_attribute("href") == message.url, (url, key)
            assert seen.value.text == f"{LAUNCHED}{message.url}'.", (url, key)
            checked += 1
    assert checked == sum(len(v) for v in pages.values())


def test_copy_buttons_put_address_and_message_on_the_clipboard(
    contact_site: Built, context: object
) -> None:
    """Beside each link, "Copy address" copies the address, "Copy message" the subject and body as
    plain text; a status line announces it; both work from the keyboard."""
    d = directory()
    ask = d.asks[0]
    page = context.new_page()  # type: ignore[attr-defined]
    page.goto(f"{contact_site.url}asks/{ask.slug}/")
    stage = ask.stages[0]
    box = page.locator(f"#{stage.anchor} p.cg-offer .cg-contact")
    message = offer(ask, stage, contact_site.url)
    box.get_by_role("button", name="Copy address").click()
    assert page.evaluate("navigator.clipboard.readText()") == ask.contact.email
    assert box.get_by_role("status").inner_text() == "Address copied"
    box.get_by_role("button", name="Copy message").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.cg-copied').textContent.length > 15")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"Subject: {message.subject}\n\n{message.body}"
    )
    mentor = next(m for m in d.mentors if m.email == IDN)
    page.goto(f"{contact_site.url}mentors/{mentor.slug}/")
    page.locator("#cg-contact").get_by_role("button", name="Copy address").click()
    assert page.evaluate("navigator.clipboard.readText()") == IDN


def test_without_javascript_the_address_is_spelled_out(
    contact_site: Built, browser: object
) -> None:
    """With JavaScript off, each link says the address in words a person can type, and its href
    is a page of the site (never a mailto: URL)."""
    d = directory()
    ctx = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = ctx.new_page()
    try:
        for url in expected_links(d, contact_site.url):
            page.goto(contact_site.url + url)
            for link in page.locator("a.cg-mailto").all():
                href = link.get_attribute("href") or ""
                assert not href.startswith("mailto:") and "@" not in href
                text = link.inner_text()
                _, _, words = text.partition(" (email “")
                local, _, domain = words.removesuffix("”)").partition("”, then the @ sign, then “")
                assert f"{local}@{domain}" in addresses(d), text
        mentor = next(m for m in d.mentors if m.email == IDN)
        page.goto(f"{contact_site.url}mentors/{mentor.slug}/")
        assert page.locator("#cg-contact a.cg-mailto").inner_text() == (
            f"Ask {mentor.name} for help "
            "(email “ana.lima+crowdguru”, then the @ sign, then “bücher.example”)"
        )
        assert page.locator(".cg-copy").count() == 0
    finally:
        ctx.close()


def _mentor(d: Directory, slug: str) -> Mentor:
    return next(m for m in d.mentors if m.slug == slug)


def test_away_until_before_on_and_after_the_build_date(
    contact_site: Built, browser: object
) -> None:
    """Away until after the build date: "Away until 12 January 2027" on the profile and card, no
    request link, not matched. Away until the build date or earlier: matched, with a request."""
    d = directory()
    away, on, before = (_mentor(d, s) for s in ("away-alex", "niamh-oneil", "back-bea"))
    assert (away.away_until, on.away_until, before.away_until) == (
        date(2027, 1, 12),
        TODAY,
        date(2026, 11, 1),
    )
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(f"{contact_site.url}mentors/{away.slug}/")
        text = page.locator("article").inner_text()
        assert "Away until 12 January 2027" in text
        assert page.locator("a.cg-mailto").count() == 0
        page.goto(f"{contact_site.url}mentors/")
        card = page.locator("li.cg-past-card", has_text=away.name)
        assert "Away until 12 January 2027" in card.inner_text()
        assert page.locator("ul.cg-list > li", has_text=away.name).count() == 0
        for mentor in (on, before):
            page.goto(f"{contact_site.url}mentors/{mentor.slug}/")
            assert "Away until" not in page.locator("article").inner_text()
            assert page.locator("#cg-contact a.cg-mailto").count() == 1
        ask = d.asks[0]
        page.goto(f"{contact_site.url}asks/{ask.slug}/")
        names = page.locator("li.cg-stage li.cg-match > a").all_inner_texts()
        assert away.name not in names and on.name in names and before.name in names
    finally:
        page.close()


def test_time_zone_and_region_filter(contact_site: Built, browser: object) -> None:
    """Profiles and cards show the zone and its UTC offset on the build date; the region filter
    keeps only the mentors in that region."""
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(f"{contact_site.url}mentors/ana-lima/")
        assert "Europe/London (UTC+0)" in page.locator("article").inner_text()
        page.goto(f"{contact_site.url}mentors/")
        assert "America/New York (UTC-5)" in page.locator("ul.cg-list").inner_text()
        page.select_option("#cg-region", "Europe")
        page.wait_for_function(
            "() => /^1 of 3 /.test(document.querySelector('.cg-count').textContent)"
        )
        assert page.locator("ul.cg-list > li").all_inner_texts()[0].startswith("Ana Lima")
        assert "Europe/London (UTC+0)" in page.locator("ul.cg-list").inner_text()
    finally:
        page.close()


def test_book_a_call_and_reply_promise(contact_site: Built, browser: object) -> None:
    """Beside requests to a mentor with a booking page, "Book a call" (nofollow, noopener), on
    the profile and the ask page; beside every offer link, "We reply within 5 days"."""
    d = directory()
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(f"{contact_site.url}mentors/ana-lima/")
        book = page.locator("#cg-contact a", has_text="Book a call")
        assert book.get_attribute("href") == _mentor(d, "ana-lima").booking_url
        assert {"nofollow", "noopener"} <= set((book.get_attribute("rel") or "").split())
        offers = page.locator(".cg-contact", has=page.locator("a", has_text="Offer to help"))
        assert offers.count() >= 1
        assert (
            offers.locator(".cg-reply").all_inner_texts()
            == ["We reply within 5 days"] * offers.count()
        )
        page.goto(f"{contact_site.url}asks/{d.asks[0].slug}/")
        stage_offers = page.locator("li.cg-stage > p.cg-offer")
        assert stage_offers.locator(".cg-reply").all_inner_texts() == [
            "We reply within 5 days"
        ] * len(d.asks[0].stages)
        requests = page.locator("p.cg-ask-mentor")
        booked = requests.filter(has=page.locator("a", has_text="Book a call"))
        assert booked.count() == requests.filter(has_text="Ask Ana Lima").count() >= 1
        assert booked.first.locator("a.cg-book, .cg-book a").get_attribute("href") == (
            _mentor(d, "ana-lima").booking_url
        )
    finally:
        page.close()


def test_remembers_what_was_opened_on_this_device(contact_site: Built, context: object) -> None:
    """Opening a request stores it in localStorage only; the stage, the mentor's cards (static and
    filtered) and profile say "You opened a request to … on …"; Forget removes it everywhere.
    Copying an offer's message is remembered too, and shown on the ask's card."""
    d = directory()
    ask, mentor = d.asks[0], _mentor(d, "ana-lima")
    page = context.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{contact_site.url}asks/{ask.slug}/")
    stage = ask.stages[0]
    box = page.locator(f"#{stage.anchor} li.cg-match .cg-contact", has_text=mentor.name)
    box.locator("a.cg-mailto").click()
    day, month, year = page.evaluate(
        "() => { const d = new Date(); return [d.getDate(), d.getMonth(), d.getFullYear()] }"
    )
    when = f"{day} {MONTHS[month]} {year}"
    said = f"You opened a request to {mentor.name} on {when}."
    assert box.locator(".cg-sent").inner_text().startswith(said)
    assert page.locator(".cg-sent").count() == 1  # only that stage's box for that mentor
    page.goto(f"{contact_site.url}mentors/")
    card = page.locator("ul.cg-list > li", has_text=mentor.name)
    about = f"You opened a request to {mentor.name} about Stage 1: {stage.title} on {when}."
    assert card.locator(".cg-sent").inner_text().startswith(about)
    page.select_option("#cg-region", "Europe")  # the filter's own cards say it too
    page.wait_for_function("() => /^1 of /.test(document.querySelector('.cg-count').textContent)")
    assert page.locator("ul.cg-list > li .cg-sent").inner_text().startswith(about)
    page.goto(f"{contact_site.url}mentors/{mentor.slug}/")
    assert page.locator("#cg-contact .cg-sent").inner_text().startswith(about)
    page.locator("#cg-contact").get_by_role("button", name="Forget").click()
    assert page.locator(".cg-sent").count() == 0
    page.goto(f"{contact_site.url}asks/{ask.slug}/")
    assert page.locator(".cg-sent").count() == 0
    # "Copy message" for an offer counts too, and the ask's card on /asks/ says so.
    offer_box = page.locator(f"#{stage.anchor} > p.cg-offer .cg-contact")
    offer_box.get_by_role("button", name="Copy message").click()
    org = ask.organisation.name
    assert (
        offer_box.locator(".cg-sent")
        .inner_text()
        .startswith(f"You opened an offer to {org} on {when}.")
    )
    page.goto(f"{contact_site.url}asks/")
    card = page.locator("ul.cg-list > li", has_text=ask.title)
    assert (
        card.locator(".cg-sent")
        .inner_text()
        .startswith(f"You opened an offer to {org} about Stage 1: {stage.title} on {when}.")
    )
    stored = page.evaluate("() => Object.keys(localStorage).filter(k => k.endsWith('.cg-sent'))")
    assert len(stored) == 1
    outside = [u for u in requests if not u.startswith((contact_site.url, "data:", "mailto:"))]
    assert outside == []  # nothing but the mail program got anything


def test_contact_links_work_after_instant_navigation(contact_site: Built, context: object) -> None:
    """Reached by Material's instant navigation (no page load), a profile's copy buttons and
    request link work, and the link leaves the site for the mail program, not for a page."""
    d = directory()
    mentor = _mentor(d, "ana-lima")
    page = context.new_page()  # type: ignore[attr-defined]
    page.goto(f"{contact_site.url}mentors/")
    page.evaluate("window.cgMarker = 1")
    page.locator("ul.cg-list a", has_text=mentor.name).click()
    page.wait_for_url(f"{contact_site.url}mentors/{mentor.slug}/")
    assert page.evaluate("window.cgMarker") == 1  # no full page load
    box = page.locator("#cg-contact")
    box.get_by_role("button", name="Copy address").click()
    assert page.evaluate("navigator.clipboard.readText()") == mentor.email
    expected = mentor_request(mentor, contact_site.url).url
    with page.expect_console_message(lambda m: m.text.startswith(LAUNCHED)) as seen:
        box.locator("a.cg-mailto").click()
    assert seen.value.text == f"{LAUNCHED}{expected}'."
    assert page.url == f"{contact_site.url}mentors/{mentor.slug}/"
    assert page.evaluate("window.cgMarker") == 1
