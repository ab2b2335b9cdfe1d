"""render_site: the page set, relative links, stages, filters, pagination, size and safety."""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from generator.model import (
    Ask,
    Contact,
    Directory,
    Match,
    Matches,
    Mentor,
    Organisation,
    Pools,
    Sector,
    Skill,
    SkillGroup,
    Stage,
    StageTemplate,
    Taxonomy,
)
from generator.render import PAGE_SIZE, Page, Site, render_site
from generator.urls import relative, source_path
from tests.conftest import split_mailto
from tests.contact_links import mailtos

TODAY = date(2025, 6, 1)
EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>{{ 7*7 }}\"'</title>[x](javascript:y)"
TAXONOMY = Taxonomy(
    groups=(SkillGroup("fundraising", "Fundraising"), SkillGroup("money", "Money")),
    skills=(
        Skill("bid-writing", "Bid writing", "fundraising", "Writing bids.", ("grant writing",)),
        Skill("fundraising-strategy", "Fundraising strategy", "fundraising"),
        Skill("budgeting", "Budgeting", "money"),
        Skill("bookkeeping", "Bookkeeping", "money"),
    ),
    stage_templates=(StageTemplate("draft", "Draft"), StageTemplate("review", "Review")),
    sectors=(Sector("youth", "Youth"), Sector("health", "Health")),
)


def mentor(slug: str, skills: tuple[str, ...], **kw: object) -> Mentor:
    """A mentor with sensible defaults."""
    base = dict(
        slug=slug,
        path=f"content/mentors/{slug}.yml",
        name=slug.title(),
        headline=f"Headline of {slug}",
        email=f"{slug}@example.org",
        skills=skills,
        formats=("call", "video"),
        confirmed=date(2025, 1, 1),
    )
    return Mentor(**(base | kw))  # type: ignore[arg-type]


def ask(slug: str, stages: tuple[Stage, ...], **kw: object) -> Ask:
    """An ask with sensible defaults."""
    base = dict(
        slug=slug,
        path=f"content/asks/{slug}.yml",
        title=f"Title of {slug}",
        organisation=Organisation("Org", "https://org.example", "1234567"),
        summary="What we do.",
        contact=Contact("Sam", f"sam@{slug}.example"),
        posted=date(2025, 5, 1),
        expires=date(2025, 8, 1),
        stages=stages,
    )
    return Ask(**(base | kw))  # type: ignore[arg-type]


def small() -> tuple[Directory, Matches]:
    """Three mentors (one hostile, one stale), two asks (one expired), hand-built matches."""
    ann = mentor(
        "ann",
        ("bid-writing", "budgeting"),
        name=EVIL,
        headline=EVIL,
        bio=EVIL + "\n\nhttps://ann.example/work",
        sectors=("youth",),
        third_sector=True,
        location="Leeds, UK",
        links=("https://ann.example", "javascript:alert(3)", "data:text/html,x"),
    )
    bob = mentor("bob", ("fundraising-strategy",), languages=("en", "cy"))
    cat = mentor("cat", ("budgeting",), stale=True, confirmed=date(2024, 1, 1))
    bid = ask(
        "food-bank-bid",
        (
            Stage(1, "Draft the bid", EVIL, ("bid-writing",), "draft"),
            Stage(2, "Check the budget", "A look over numbers.", ("budgeting",), formats=("call",)),
            Stage(3, "Do the accounts", "Bookkeeping help.", ("bookkeeping",)),
        ),
        title=EVIL,
        summary=EVIL,
        organisation=Organisation(EVIL, "javascript:alert(4)", EVIL),
        contact=Contact(EVIL, "sam@foodbank.example"),
        sectors=("youth",),
        location="Leeds",
    )
    old = ask(
        "old-ask",
        (Stage(1, "Old stage", "n", ("budgeting",)),),
        posted=date(2025, 1, 1),
        expires=date(2025, 4, 1),
        expired=True,
    )
    m1 = Match(
        "ann", "food-bank-bid", 1, "exact", ("bid-writing",), (), ("youth",), True, ("call",)
    )
    m1b = Match("bob", "food-bank-bid", 1, "related", (), ("fundraising-strategy",))
    m2 = Match("ann", "food-bank-bid", 2, "exact", ("budgeting",), shared_formats=("call",))
    matches = Matches(
        by_stage={("food-bank-bid", 1): (m1, m1b), ("food-bank-bid", 2): (m2,)},
        by_mentor={"ann": (m1, m2), "bob": (m1b,)},
        pools={"food-bank-bid": Pools((), ("ann", "bob"))},
        gaps=(("food-bank-bid", 3),),
    )
    return Directory(TAXONOMY, (ann, bob, cat), (bid, old), TODAY), matches


class Doc(HTMLParser):
    """What the tests read from a page: tags with attributes, ids, headings and text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.headings: list[int] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        """Attributes of every `tag` element."""
        return [a for t, a in self.tags if t == tag]

    @property
    def ids(self) -> set[str]:
        """Every id on the page."""
        return {a["id"] for _, a in self.tags if "id" in a}


@pytest.fixture(scope="module")
def site() -> Site:
    """The small site, rendered once."""
    directory, matches = small()
    return render_site(directory, matches, site_url="https://example.org/cg/")


def page(site: Site, uri: str) -> Page:
    """The page at a source path."""
    return next(p for p in site.pages if p.url == uri)


def test_page_set(site: Site) -> None:
    """Every SPEC page exists once, with its kind; past entries get pages too."""
    expected = {
        ("", "home"),
        ("asks/", "asks"),
        ("mentors/", "mentors"),
        ("asks/food-bank-bid/", "ask"),
        ("asks/old-ask/", "ask"),
        ("mentors/ann/", "mentor"),
        ("mentors/bob/", "mentor"),
        ("mentors/cat/", "mentor"),
        ("skills/", "skills"),
        ("skills/bid-writing/", "skill"),
        ("skills/fundraising-strategy/", "skill"),
        ("skills/budgeting/", "skill"),
        ("skills/bookkeeping/", "skill"),
        ("gaps/", "gaps"),
        ("stages/", "stages"),
        ("search/", "search"),
    }
    assert expected == {(p.url, p.kind) for p in site.pages}
    assert len(expected) == len(site.pages)
    data = ["data/asks.json", "data/mentors.json", "data/skills.json", "data/stages.csv"]
    feeds = ["feeds/asks.xml", *(f"skills/{s.id}/feed.xml" for s in TAXONOMY.skills)]
    schemas = [f"schema/data-{n}.json" for n in ("asks", "mentors", "skills", "stages")]
    filters = [a.src_uri for a in site.assets if "/filter_data/" in a.src_uri]
    others = [a.src_uri for a in site.assets if a.src_uri not in filters]
    assert sorted(others) == sorted(data + feeds + schemas)  # filters: tests/test_filter_files.py
    assert {f.split("/filter_data/")[0] for f in filters} == {"asks", "mentors"}


def test_titles_are_plain_text(site: Site) -> None:
    """Titles are the contributor's text unescaped (the theme escapes), h1 escaped in the body."""
    ann = page(site, "mentors/ann/")
    assert ann.title == EVIL
    assert page(site, "mentors/bob/").description == "Headline of bob"
    assert "".join(Doc(ann.html.split("</h1>")[0] + "</h1>").text) == EVIL


@pytest.mark.parametrize(
    ("here", "there", "expected"),
    [
        ("", "asks/", "asks/"),
        ("asks/", "asks/x/", "x/"),
        ("asks/x/", "asks/", "../"),
        ("asks/x/", "skills/y/#z", "../../skills/y/#z"),
        ("asks/page_2/", "asks/filter_data/", "../filter_data/"),
        ("gaps/", "", "../"),
        ("", "", "./"),
        ("asks/", "asks/", "./"),
    ],
)
def test_relative(here: str, there: str, expected: str) -> None:
    """Links are relative to the page's directory URL."""
    assert expected == relative(here, there)


def test_source_path() -> None:
    """Each page URL has one Markdown source path, and only directory URLs are pages."""
    actual = [source_path(u) for u in ("", "asks/", "asks/x/", "gaps/")]
    assert actual == ["index.md", "asks/index.md", "asks/x/index.md", "gaps/index.md"]
    with pytest.raises(ValueError, match="not a page URL"):
        source_path("data/asks.json")


def check_links(site: Site) -> int:
    """Every internal link resolves to a generated page or asset, and its fragment to an id."""
    base = "https://h/sub/"
    pages = {base + p.url: Doc(p.html) for p in site.pages}
    assets = {base + a.src_uri for a in site.assets}
    assets |= {base + doc for doc in ("contribute/", "fields/", "privacy/")}  # hand-written docs
    checked = 0
    for p in site.pages:
        here = base + p.url
        doc = pages[here]
        hrefs = [a["href"] for a in doc.all("a")]
        hrefs += [f["data-filters"] + "meta.json" for f in doc.all("form") if "data-filters" in f]
        for href in hrefs:
            if href.startswith(("mailto:", "https://", "http://")):
                continue
            assert not href.startswith("/"), (p.src_uri, href)
            parts = urlsplit(urljoin(here, href))
            target = f"{parts.scheme}://{parts.netloc}{parts.path}"
            assert target in pages or target in assets, (p.src_uri, href)
            if parts.fragment and target in pages:  # hand-written pages: tests/test_site.py
                assert parts.fragment in pages[target].ids, (p.src_uri, href)
            checked += 1
    return checked


def test_internal_links_resolve(site: Site) -> None:
    """Relative links from every page land on generated pages, anchors on existing ids."""
    assert check_links(site) > 50


def test_external_links_are_http_only_and_nofollow(site: Site) -> None:
    """javascript:/data: links from contributors are dropped; http(s) ones are nofollow ugc."""
    for p in site.pages:
        for a in Doc(p.html).all("a"):
            href = a["href"]
            assert not href.lower().startswith(("javascript:", "data:")), (p.src_uri, href)
            if href.startswith("http"):
                assert a["rel"] == "nofollow ugc noopener", (p.src_uri, href)
    links = [a["href"] for a in Doc(page(site, "mentors/ann/").html).all("a")]
    assert [h for h in links if h.startswith("https://")] == [
        "https://ann.example/work",
        "https://ann.example",
    ]


def test_no_contributor_markup_survives(site: Site) -> None:
    """No script element, no on* attribute anywhere; the hostile text is still visible as text."""
    for p in site.pages:
        doc = Doc(p.html)
        assert [t for t, _ in doc.tags if t in ("script", "img", "iframe", "title")] == []
        assert [(t, k) for t, a in doc.tags for k in a if k.startswith("on")] == []
        assert "<script" not in p.html.lower()
    ask_text = "".join(Doc(page(site, "asks/food-bank-bid/").html).text)
    assert ask_text.count(EVIL) >= 5  # title, organisation, charity number, contact, summary, need


def test_html_lines_never_start_with_contributor_text(site: Site) -> None:
    """Each line starts with a tag: nothing downstream can read contributor text as Markdown."""
    for p in site.pages:
        for line in p.html.splitlines():
            assert line == "" or line.lstrip().startswith("<"), (p.src_uri, line)


def test_headings_in_order_and_ids_unique(site: Site) -> None:
    """One h1 per page, no heading level skipped, no id used twice on a page."""
    for p in site.pages:
        doc = Doc(p.html)
        ids = [a["id"] for _, a in doc.tags if "id" in a]
        assert len(ids) == len(set(ids)), p.src_uri
        levels = doc.headings
        assert levels[0] == 1 and levels.count(1) == 1, p.src_uri
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), p.src_uri


def test_ask_page_stages(site: Site) -> None:
    """Each stage has its anchor, best matches with reasons, count, pool line and mailto."""
    html = page(site, "asks/food-bank-bid/").html
    doc = Doc(html)
    assert {"stage-1", "stage-2", "stage-3"} <= doc.ids
    text = " ".join("".join(doc.text).split())
    assert "No mentor could take on the whole task; 2 can help with at least one stage." in text
    assert "Best matches 2 mentors can help with this stage: 1 exact · 1 related." in text
    assert "Best matches 1 mentor can help with this stage: 1 exact." in text
    assert "Shared skill: Bid writing" in text
    assert "Related skill (same group): Fundraising strategy" in text
    assert "Shared sector: Youth" in text
    assert "Has worked or volunteered in charities" in text
    assert "Formats: Phone call" in text
    assert "No mentor in the directory can help with this stage yet." in text
    # Without JavaScript a filtered list would show everyone: the skill page lists its mentors.
    assert "See everyone with Bid writing." in text
    assert "../../skills/bid-writing/" in [a["href"] for a in doc.all("a")]
    assert [h for a in doc.all("a") if "?" in (h := a["href"])] == []
    mails = mailtos(html)
    assert not any(a["href"].startswith("mailto:") for a in doc.all("a"))
    offers = [m for m in mails if m.startswith("mailto:sam@")]
    assert len(offers) == 3
    for number, uri in enumerate(offers, 1):
        address, subject, body = split_mailto(uri)
        assert address == "sam@foodbank.example"
        assert subject.startswith(f"Offer of help with stage {number}: ")
        assert subject.endswith(f" — {EVIL}")
        assert f"https://example.org/cg/asks/food-bank-bid/#stage-{number}" in body
    requests = [split_mailto(m) for m in mails if m not in offers]
    assert [(to, subject.split(" — ")[0]) for to, subject, _ in requests] == [
        ("ann@example.org", "Draft the bid"),
        ("bob@example.org", "Draft the bid"),
        ("ann@example.org", "Check the budget"),
    ]
    assert requests[1][2].startswith("Hello Bob,\r\n\r\nI am writing from ")
    assert "https://example.org/cg/asks/food-bank-bid/#stage-2\r\n" in requests[2][2]
    # The organisation's javascript: website is shown as text, not linked.
    assert [a for a in doc.all("a") if "org.example" in a["href"]] == []


def test_expired_ask_is_marked_and_not_matched(site: Site) -> None:
    """An expired ask shows a badge and a note, no mailto and no matches."""
    html = page(site, "asks/old-ask/").html
    text = " ".join("".join(Doc(html).text).split())
    note = "This ask is past its closing date; it is kept for reference and not matched."
    assert f"Title of old-ask Org Closed for offers on 1 April 2025 {note}" in text
    assert "Posted 1 January 2025 Closed for offers on 1 April 2025 The task" in text
    assert mailtos(html) == [] and "cg-matches" not in html
    asks = Doc(page(site, "asks/").html)
    cards = [(li["class"], li["data-skills"]) for li in asks.all("li") if "data-skills" in li]
    assert cards == [
        ("cg-card", "bid-writing budgeting bookkeeping"),
        ("cg-past-card", "budgeting"),
    ]
    text = " ".join("".join(asks.text).split())
    assert "Expired, matched and closed asks Kept for reference" in text


def test_mentor_pages(site: Site) -> None:
    """Active mentor: request mailto and stages with why; stale mentor: badge, note, no mailto."""
    ann = Doc(page(site, "mentors/ann/").html)
    mails = mailtos(page(site, "mentors/ann/").html)
    assert len(mails) == 3  # the general request and an offer for each of two stages
    assert split_mailto(mails[0])[1] == f"Micro-mentoring request for {EVIL} (CrowdGuru)"
    text = " ".join("".join(ann.text).split())
    assert f"{EVIL} can help with 2 open stages: 2 exact." in text
    stage_links = [
        a["href"] for a in ann.all("a") if "#stage-" in a["href"] and a.get("class") != "cg-mailto"
    ]
    assert stage_links == ["../../asks/food-bank-bid/#stage-1", "../../asks/food-bank-bid/#stage-2"]
    cat = page(site, "mentors/cat/").html
    cat_text = " ".join("".join(Doc(cat).text).split())
    assert mailtos(cat) == []
    assert "Cat Not confirmed since 1 January 2024 This profile has not been confirmed" in cat_text
    assert "Stale" not in cat_text
    assert "cg-can-help" not in cat


def test_filter_markup_contract(site: Site) -> None:
    """The list pages carry the form, labelled controls, cards with data-* and the live count."""
    for kind, extra in (("mentors", ["language", "template"]), ("asks", ["template"])):
        doc = Doc(page(site, f"{kind}/").html)
        (form,) = doc.all("form")
        assert ("cg-filters", "filter_data/", kind) == (
            form["class"],
            form["data-filters"],
            form["data-kind"],
        )
        names = [s["name"] for s in doc.all("select")]
        assert ["skill", "sector", "format", *extra] == names
        (search,) = doc.all("input")
        assert (search["name"], search["type"]) == ("location", "search")
        labelled = {lab["for"] for lab in doc.all("label")}
        assert {c["id"] for c in doc.all("select") + doc.all("input")} == labelled
        assert [p for p in doc.all("p") if p.get("class") == "cg-count"] == [
            {"class": "cg-count", "aria-live": "polite"}
        ]
        assert len([u for u in doc.all("ul") if u.get("class") == "cg-list"]) == 1
    cards = [
        li for li in Doc(page(site, "mentors/").html).all("li") if li.get("class") == "cg-card"
    ]
    assert len(cards) == 2  # ann and bob; cat is stale
    ann = next(c for c in cards if "budgeting" in c["data-skills"])
    expected = {
        "class": "cg-card",
        "data-skills": "bid-writing budgeting",
        "data-sectors": "youth",
        "data-formats": "call video",
        "data-languages": "en",
        "data-location": "leeds, uk",
        "data-region": "",
        "data-cg-key": "m:ann",
    }
    assert expected == ann
    asks = Doc(page(site, "asks/").html)
    (card,) = [li for li in asks.all("li") if li.get("class") == "cg-card"]
    assert card["data-skills"] == "bid-writing budgeting bookkeeping"
    assert card["data-formats"] == "call video email in-person"  # stage 1 accepts any format
    assert card["data-templates"] == "draft"
    options = [o["value"] for o in asks.all("option")]
    assert options[:5] == ["", "bid-writing", "fundraising-strategy", "budgeting", "bookkeeping"]


def test_skills_chart_and_gaps(site: Site) -> None:
    """Supply counts active mentors, demand open stages of open asks; gaps grouped by skill."""
    doc = Doc(page(site, "skills/").html)
    rows = " | ".join(" ".join("".join(doc.text).split()).split("Balance")[1:])
    assert "Bid writing 1 1 Covered" in rows
    assert "Budgeting 1 1 Covered" in rows  # cat is stale; the expired ask's stage is not demand
    assert "Bookkeeping 0 1 Needed: no mentors yet" in rows
    gaps = " ".join("".join(Doc(page(site, "gaps/").html).text).split())
    assert "1 open stage without a mentor." in gaps
    assert "Bookkeeping (1) Stage 3: Do the accounts for" in gaps
    skill = " ".join("".join(Doc(page(site, "skills/budgeting/").html).text).split())
    assert "1 available mentor has it. 1 more mentor not available right now." in skill


def test_home_page(site: Site) -> None:
    """Counts and the newest open asks' stages, two clicks from a mentor."""
    doc = Doc(page(site, "").html)
    text = " ".join("".join(doc.text).split())
    assert "Find help for a stage Offer your skills 1 open ask 3 open stages 2 mentors" in text
    assert "3 skills covered 1 without help yet How to ask for help" in text
    assert "Stage 1: Draft the bid 2 mentors: 1 exact · 1 related" in text
    assert "Check the budget 1 mentor: 1 exact Stage 3: Do the accounts no mentor yet" in text
    assert "Skills most in demand Bookkeeping 1 open stage · 0 mentors Bid writing" in text
    hrefs = [a["href"] for a in doc.all("a")]
    assert "asks/food-bank-bid/#stage-1" in hrefs
    assert {"contribute/", "fields/", "privacy/", "stages/", "stages/#type-draft"} <= set(hrefs)
    assert "skills/#cg-most-needed" in hrefs


def test_two_pages_at_one_url_are_refused() -> None:
    """Two entries with one slug would overwrite each other's page; rendering refuses it."""
    directory, matches = small()
    clash = replace(directory, mentors=(*directory.mentors, mentor("ann", ("budgeting",))))
    with pytest.raises(ValueError, match=r"mentors/ann/"):
        render_site(clash, matches)


def synthetic(n_mentors: int, n_asks: int, seed: int = 1) -> tuple[Directory, Matches]:
    """A large directory with hand-computed exact matches (via a skill index, capped per stage)."""
    rng = random.Random(seed)
    skills = tuple(Skill(f"skill-{i}", f"Skill number {i}", f"g{i % 10}") for i in range(100))
    taxonomy = Taxonomy(
        groups=tuple(SkillGroup(f"g{i}", f"Group {i}") for i in range(10)),
        skills=skills,
        stage_templates=(StageTemplate("draft", "Draft"),),
        sectors=tuple(Sector(f"sector-{i}", f"Sector {i}") for i in range(20)),
    )
    ids = [s.id for s in skills]
    long = "Lorem ipsum dolor sit amet & <b>consectetur</b> " * 30
    mentors = tuple(
        mentor(
            f"mentor-{i}",
            tuple(rng.sample(ids, rng.randint(1, 12))),
            name=f"Mentor {i} {'x' * rng.randint(5, 60)}",
            headline=("Helps charities & <others> " * 5)[:120],
            bio=long,
            sectors=tuple(rng.sample([s.id for s in taxonomy.sectors], 3)),
            location="Somewhere, UK",
            confirmed=TODAY - timedelta(days=rng.randint(0, 500)),
            stale=rng.random() < 0.1,
        )
        for i in range(n_mentors)
    )
    asks = tuple(
        ask(
            f"ask-{i}",
            tuple(
                Stage(n, f"Stage title {n} " + "y" * 60, long[:600], tuple(rng.sample(ids, 3)))
                for n in range(1, rng.randint(1, 5) + 1)
            ),
            title=f"Ask {i} " + "t" * 100,
            summary=long,
            posted=TODAY - timedelta(days=rng.randint(0, 120)),
            expired=rng.random() < 0.1,
        )
        for i in range(n_asks)
    )
    by_skill: dict[str, list[str]] = {}
    for m in mentors:
        if m.active:
            for k in m.skills:
                by_skill.setdefault(k, []).append(m.slug)
    by_stage, by_mentor, gaps = {}, {}, []
    for a in asks:
        if not a.active:
            continue
        for s in a.stages:
            found = sorted({slug for k in s.skills for slug in by_skill.get(k, ())})
            ranked = tuple(
                Match(slug, a.slug, s.number, "exact", s.skills[:1]) for slug in found[:40]
            )
            by_stage[(a.slug, s.number)] = ranked
            for mt in ranked:
                by_mentor.setdefault(mt.mentor, []).append(mt)
            if not ranked:
                gaps.append((a.slug, s.number))
    matches = Matches(
        by_stage=by_stage,
        by_mentor={k: tuple(v) for k, v in by_mentor.items()},
        pools={a.slug: Pools((), ()) for a in asks},
        gaps=tuple(gaps),
    )
    return Directory(taxonomy, mentors, asks, TODAY), matches


def test_pagination() -> None:
    """250 active mentors → 5 list pages of 50 with prev/next links; the filters count all 250."""
    directory, matches = synthetic(250, 0)
    directory = replace(
        directory, mentors=tuple(replace(m, stale=False) for m in directory.mentors)
    )
    site = render_site(directory, matches)
    lists = [p.url for p in site.pages if p.kind == "mentors"]
    expected = ["mentors/", *(f"mentors/page_{n}/" for n in range(2, 6))]
    assert PAGE_SIZE == 50
    assert expected == lists
    third = Doc(page(site, "mentors/page_3/").html)
    nav = [(a["rel"], a["href"]) for a in third.all("a") if a.get("rel") in ("prev", "next")]
    assert nav == [("prev", "../page_2/"), ("next", "../page_4/")]
    assert third.all("form")[0]["data-filters"] == "../filter_data/"
    assert len([li for li in third.all("li") if li.get("class") == "cg-card"]) == 50
    first = Doc(page(site, "mentors/").html)
    assert [(a["rel"], a["href"]) for a in first.all("a") if "rel" in a] == [("next", "page_2/")]
    meta = next(a for a in site.assets if a.src_uri == "mentors/filter_data/meta.json")
    assert json.loads(meta.content)["count"] == 250


def test_mid_size_site_links_resolve() -> None:
    """With paginated lists, past-entry pages and capped match lists, every link still resolves."""
    site = render_site(*synthetic(300, 300, seed=2))
    assert check_links(site) > 10_000
    assert "asks/page_2/" in {p.url for p in site.pages}


def test_large_site_pages_stay_small() -> None:
    """5,000 mentors + 5,000 asks: every page < 100 KB; past mentors get their own list pages."""
    directory, matches = synthetic(5000, 5000)
    site = render_site(directory, matches)
    largest = max(site.pages, key=lambda p: len(p.html.encode()))
    assert len(largest.html.encode()) < 100_000, largest.url
    past = [p.url for p in site.pages if p.url.startswith("mentors/not_available")]
    assert past and past[0] == "mentors/not_available/"
    assert len(site.pages) > 5000 + 5000 + 100 + 3


def test_gaps_and_skill_pages_are_capped() -> None:
    """With no mentors every stage is a gap: /gaps/ and skill pages list a bounded number."""
    directory, matches = synthetic(0, 2000, seed=3)
    site = render_site(directory, matches)
    gaps = page(site, "gaps/")
    items = [a for a in Doc(gaps.html).all("a") if "#stage-" in a["href"]]
    assert len(items) == 100  # GAP_BUDGET 150 over 100 skills with gaps: 1 stage each
    assert len(gaps.html.encode()) < 100_000
    skill = Doc(page(site, "skills/skill-0/").html)
    assert len([a for a in skill.all("a") if "#stage-" in a["href"]]) == 50
    text = " ".join("".join(skill.text).split())
    assert "0 available mentors have it." in text
    assert "open stages need it; showing 50." in text
