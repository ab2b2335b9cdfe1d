"""Atom feeds: valid against RFC 4287's RELAX NG grammar, readable by feedparser, stable ids."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import rnc2rng
from lxml import etree

from generator import urls
from generator.feeds import EMPTY_SITEMAP, FEED_LIMIT, entry_id, feed_sitemaps
from generator.view import Asset, Page
from tests.conftest import Built
from tests.exports import EVIL, SITE_URL, assets, directory, leaks

ATOM_RNC = Path(__file__).parent / "data" / "atom.rnc"
NS = {"a": "http://www.w3.org/2005/Atom"}


@cache
def atom_schema() -> etree.RelaxNG:
    """RFC 4287's grammar for lxml (rnc2rng declares `xmlns:local=""`, which XML forbids)."""
    rng = rnc2rng.dumps(rnc2rng.load(str(ATOM_RNC))).replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def assert_valid_atom(text: str) -> etree._Element:
    """The feed is well-formed, matches the grammar and keeps the spec's Schematron rules."""
    root = etree.fromstring(text.encode("utf-8"))
    schema = atom_schema()
    assert schema.validate(root), schema.error_log
    # The two rules RFC 4287 states as Schematron: every entry has an author (here via the feed)
    # and an alternate link or content.
    assert root.findall("a:author", NS)
    for entry in root.findall("a:entry", NS):
        assert entry.xpath("a:link[@rel='alternate'] or a:content", namespaces=NS)
    return root


def parse(text: str) -> feedparser.FeedParserDict:
    """The feed as a feed reader sees it (served from its site URL)."""
    parsed = feedparser.parse(text.encode("utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_the_schema_refuses_a_feed_without_id_or_updated() -> None:
    """The validator is real: a feed missing required elements fails it."""
    bad = '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'
    assert not atom_schema().validate(etree.fromstring(bad))


@pytest.mark.parametrize("site_url", [SITE_URL, ""])
def test_every_feed_is_valid_atom(site_url: str) -> None:
    """The asks feed and each skill's feed, with hostile text, with and without a site URL."""
    files = assets(site_url)
    feeds = [p for p in files if p.endswith(".xml")]
    assert sorted(feeds) == sorted(
        [urls.ASKS_FEED] + [urls.skill_feed(s.id) for s in directory()[0].taxonomy.skills]
    )
    for path in feeds:
        assert_valid_atom(files[path])
        parse(files[path])


def test_asks_feed_holds_open_asks_newest_first_at_most_50() -> None:
    """Only open, unexpired asks; newest posted first (slug breaks ties); links to each ask."""
    found, _ = directory()
    expected = sorted((a for a in found.asks if a.active), key=lambda a: a.slug)
    expected = sorted(expected, key=lambda a: a.posted, reverse=True)[:FEED_LIMIT]
    parsed = parse(assets()[urls.ASKS_FEED])
    assert len(expected) == FEED_LIMIT
    assert [e.link for e in parsed.entries] == [
        urls.absolute(SITE_URL, urls.ask(a.slug)) for a in expected
    ]
    assert [e.id for e in parsed.entries] == [entry_id(a.slug) for a in expected]
    assert [e.published[:10] for e in parsed.entries] == [a.posted.isoformat() for a in expected]


def test_skill_feed_holds_open_stages_needing_the_skill_exactly() -> None:
    """Open stages of open asks that list the skill (not related ones), newest ask first."""
    found, _ = directory()
    asks = sorted((a for a in found.asks if a.active), key=lambda a: a.slug)
    asks = sorted(asks, key=lambda a: a.posted, reverse=True)
    expected = [
        (a, s) for a in asks for s in a.stages if s.status == "open" and "budgeting" in s.skills
    ][:FEED_LIMIT]
    parsed = parse(assets()[urls.skill_feed("budgeting")])
    assert [e.link for e in parsed.entries] == [
        urls.absolute(SITE_URL, urls.stage(a.slug, s.number)) for a, s in expected
    ]
    assert [e.id for e in parsed.entries] == [entry_id(a.slug, s.number) for a, s in expected]
    assert all(e.link.split("#")[1].startswith("stage-") for e in parsed.entries)
    assert {t.term for e in parsed.entries for t in e.tags} == {"budgeting"}


def test_hostile_text_survives_as_text() -> None:
    """Markup, entities and CDATA ends read back as the characters written; XML-forbidden ones
    become U+FFFD instead of breaking the document."""
    parsed = parse(assets()[urls.skill_feed("bid-writing")])
    first = next(e for e in parsed.entries if e.id == entry_id("ask-001", 1))
    readable = EVIL.replace("\x01", "\ufffd").replace("\ufffe", "\ufffd")
    assert first.title == f"{readable} — {readable}"
    assert first.author == readable
    assert readable in first.summary


def test_ids_do_not_depend_on_the_site_url() -> None:
    """Moving the site keeps every entry's id (readers would show everything again otherwise)."""
    ids = {
        url: [e.id for e in parse(assets(url)[urls.ASKS_FEED]).entries]
        for url in (SITE_URL, "https://other.example/", "")
    }
    assert ids[SITE_URL] == ids["https://other.example/"] == ids[""]
    assert len(set(ids[""])) == len(ids[""])
    assert entry_id("a", 1) != entry_id("a", 2) != entry_id("a")
    assert all(i.startswith("urn:uuid:") for i in ids[""])


def test_links_are_relative_to_the_feed_without_a_site_url() -> None:
    """Unset site_url: links resolve against the feed's own address to the right pages."""
    served = "https://mirror.example/x/"
    for path in (urls.ASKS_FEED, urls.skill_feed("bid-writing")):
        root = assert_valid_atom(assets("")[path])
        base = served + path
        self_link = root.find("a:link[@rel='self']", NS).get("href")
        assert urljoin(base, self_link) == base
        pages = [urljoin(base, e.get("href")) for e in root.findall("a:entry/a:link", NS)]
        assert pages and all(p.startswith(served + "asks/ask-") for p in pages)


def test_feeds_carry_no_address_or_contact_name() -> None:
    """Summaries quoting the contact's address or name are scrubbed; mentors are never named."""
    found, _ = directory()
    for path, text in assets().items():
        if path.endswith(".xml"):
            assert leaks(text, found) == [], path
            assert "%40" not in text


def test_updated_is_the_newest_entry_or_the_build_date() -> None:
    """Reproducible: the feed's date comes from the content and the build date, not the clock."""
    found, _ = directory()
    root = assert_valid_atom(assets()[urls.ASKS_FEED])
    newest = max(a.posted for a in found.asks if a.active)
    assert root.find("a:updated", NS).text == f"{max(newest, found.today).isoformat()}T00:00:00Z"
    empty = assert_valid_atom(assets()[urls.skill_feed("fundraising-strategy")])
    assert empty.find("a:updated", NS).text.startswith(found.today.isoformat())


def test_built_hostile_feeds_are_valid(hostile_site: Built) -> None:
    """The hostile fixture's feeds (markup, entities, CDATA ends in every field) stay valid Atom
    and read back as the text written."""
    out = hostile_site.out
    asks = parse((out / urls.ASKS_FEED).read_text("utf-8"))
    assert_valid_atom((out / urls.ASKS_FEED).read_text("utf-8"))
    assert [e.title for e in asks.entries] == [
        "</title><script>alert('ask')</script> {{ 7*7 }} {: onclick=\"alert(14)\" }"
    ]
    assert asks.entries[0].author == "Evil & Co <svg onload=alert(15)>"
    for feed in sorted(out.glob("skills/*/feed.xml")):
        assert_valid_atom(feed.read_text("utf-8"))
        parse(feed.read_text("utf-8"))


def test_built_feeds_are_valid_and_linked_from_their_pages(shipped_site: Built) -> None:
    """/feeds/asks.xml from / and /asks/; each skill's feed from its page, with the follow link."""
    out = shipped_site.out
    feeds = [out / urls.ASKS_FEED, *sorted(out.glob("skills/*/feed.xml"))]
    assert len(feeds) > 10
    for feed in feeds:
        root = assert_valid_atom(feed.read_text("utf-8"))
        for link in root.findall(".//a:link", NS):
            assert link.get("href").startswith(shipped_site.url)
    pages = {"": urls.ASKS_FEED, "asks/": urls.ASKS_FEED, "skills/bid-writing/": None}
    for page, feed_url in pages.items():
        html = (out / page / "index.html").read_text("utf-8")
        feed_url = feed_url or urls.skill_feed("bid-writing")
        tag = '<link rel="alternate" type="application/atom+xml"'
        assert html.count(tag) == 1, page
        href = html.split(tag)[1].split('href="')[1].split('"')[0]
        assert urljoin(shipped_site.url + page, href) == shipped_site.url + feed_url
        # Material fetches sitemap.xml beside each alternate link: it must not 404 (console error).
        assert (out / feed_url).parent.joinpath("sitemap.xml").is_file()
    skill_page = (out / "skills/bid-writing/index.html").read_text("utf-8")
    assert "Follow new stages that need Bid writing</a>" in skill_page
    assert "feed reader" in skill_page and "feed-to-email" in skill_page


def test_feed_sitemaps_one_empty_sitemap_per_feed_folder() -> None:
    """One sitemap.xml beside each feed, however many pages offer it, sorted by folder; an empty
    <urlset> (a sitemap listing nothing)."""
    offered = [
        "skills/tax/feed.xml",
        "feeds/asks.xml",
        "feeds/asks.xml",
        "",
        "skills/audit/feed.xml",
    ]
    pages = [Page(f"p{i}/", "T", "D", "<p>x</p>", "skill", feed=f) for i, f in enumerate(offered)]
    assert feed_sitemaps(pages) == [
        Asset("feeds/sitemap.xml", EMPTY_SITEMAP),
        Asset("skills/audit/sitemap.xml", EMPTY_SITEMAP),
        Asset("skills/tax/sitemap.xml", EMPTY_SITEMAP),
    ]
    urlset = etree.fromstring(EMPTY_SITEMAP.encode("utf-8"))
    assert (urlset.tag, len(urlset)) == ("{http://www.sitemaps.org/schemas/sitemap/0.9}urlset", 0)
    assert feed_sitemaps([]) == []
