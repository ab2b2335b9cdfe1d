"""A walk through every list page by its next links: each entry once, exact range text, prev/next.

The sizes leave a short last page (one entry) so an off-by-one in the range text or a missing
link on the second-to-last page shows. Expected texts are written down, not computed.
"""

from __future__ import annotations

import random
from datetime import timedelta
from urllib.parse import urljoin

import pytest

from generator.match import match
from generator.model import (
    Ask,
    Contact,
    Directory,
    Mentor,
    Organisation,
    Skill,
    SkillGroup,
    Stage,
    StageTemplate,
    Taxonomy,
)
from generator.render import render_site
from tests.entries import TODAY, make_ask, make_mentor
from tests.robustness.html_tree import Element, parse

BASE = "https://example.org/cg/"
TAXONOMY = Taxonomy(
    groups=(SkillGroup("money", "Money"),),
    skills=(Skill("budgeting", "Budgeting", "money"), Skill("bookkeeping", "Bookkeeping", "money")),
    stage_templates=(StageTemplate("draft", "Draft"),),
)
ACTIVE_MENTORS, INACTIVE_MENTORS, OPEN_ASKS, PAST_ASKS = 151, 61, 101, 12


def mentor(n: int, *, stale: bool = False) -> Mentor:
    """Mentor `n`: names sort in number order ("Mentor 007" before "Mentor 010")."""
    slug = f"{'stale' if stale else 'mentor'}-{n:03d}"
    return make_mentor(
        slug,
        name=f"{'Stale' if stale else 'Mentor'} {n:03d}",
        headline="Helps with money",
        confirmed=TODAY - timedelta(days=400 if stale else 10),
        stale=stale,
    )


def ask(n: int, *, past: bool = False) -> Ask:
    """Ask `n`: posted `n` days ago, so newest first is number order."""
    slug = f"{'past' if past else 'ask'}-{n:03d}"
    return make_ask(
        slug,
        title=f"Ask {n}",
        organisation=Organisation("Org"),
        summary="What we do.",
        contact=Contact("Sam", "sam@example.org"),
        posted=TODAY - timedelta(days=n),
        stages=(Stage(1, "Count", "Help.", ("bookkeeping",)),),
        status="closed" if past else "open",
    )


@pytest.fixture(scope="module")
def pages() -> dict[str, Element]:
    """Every page of the site, parsed, by its site URL (entries given in shuffled order)."""
    mentors = [mentor(n) for n in range(1, ACTIVE_MENTORS + 1)]
    mentors += [mentor(n, stale=True) for n in range(1, INACTIVE_MENTORS + 1)]
    asks = [ask(n) for n in range(1, OPEN_ASKS + 1)]
    asks += [ask(n, past=True) for n in range(OPEN_ASKS + 1, OPEN_ASKS + PAST_ASKS + 1)]
    shuffle = random.Random(4)
    shuffle.shuffle(mentors)
    shuffle.shuffle(asks)
    directory = Directory(TAXONOMY, tuple(mentors), tuple(asks), TODAY)
    site = render_site(directory, match(directory))
    return {p.url: parse(p.html) for p in site.pages}


def walk(pages: dict[str, Element], start: str) -> list[tuple[str, str, str, list[str]]]:
    """From `start`, follow rel=next: (url, range text, "Page i of n" or "", entry URLs) per page.

    Checks on the way that each page's rel=prev leads back to the page before it.
    """
    seen: list[tuple[str, str, str, list[str]]] = []
    url: str | None = start
    previous = None
    while url is not None:
        assert url in pages, url
        tree = pages[url]
        here = BASE + url
        entries = next(ul for ul in tree.find_all("ul") if ul.classes & {"cg-list", "cg-past-list"})
        links = [
            urljoin(here, h3.find("a").attrs["href"] or "").removeprefix(BASE)
            for h3 in entries.find_all("h3", "cg-card-title")
        ]
        count = tree.find("p", "cg-count").text()
        page_of = [s.text() for s in tree.find_all("span", "cg-page-of")]
        rel = {
            a.attrs["rel"]: urljoin(here, a.attrs["href"] or "").removeprefix(BASE)
            for nav in tree.find_all("nav", "cg-pagination")
            for a in nav.find_all("a")
        }
        assert rel.get("prev") == previous, (url, rel)
        seen.append((url, count, "".join(page_of), links))
        previous, url = url, rel.get("next")
    return seen


def test_mentor_list_walk(pages: dict[str, Element]) -> None:
    """/mentors/ → page_4: 50, 50, 50, 1 mentors by name, each once, with exact range text."""
    steps = walk(pages, "mentors/")
    expected = [
        ("mentors/", "Showing 1–50 of 151 available mentors", "Page 1 of 4"),
        ("mentors/page_2/", "Showing 51–100 of 151 available mentors", "Page 2 of 4"),
        ("mentors/page_3/", "Showing 101–150 of 151 available mentors", "Page 3 of 4"),
        ("mentors/page_4/", "Showing 151–151 of 151 available mentors", "Page 4 of 4"),
    ]
    assert [s[:3] for s in steps] == expected
    entries = [link for s in steps for link in s[3]]
    assert entries == [f"mentors/mentor-{n:03d}/" for n in range(1, 152)]


def test_ask_list_walk(pages: dict[str, Element]) -> None:
    """/asks/ → page_3: 50, 50, 1 asks newest first, each once, with exact range text."""
    steps = walk(pages, "asks/")
    expected = [
        ("asks/", "Showing 1–50 of 101 open asks", "Page 1 of 3"),
        ("asks/page_2/", "Showing 51–100 of 101 open asks", "Page 2 of 3"),
        ("asks/page_3/", "Showing 101–101 of 101 open asks", "Page 3 of 3"),
    ]
    assert [s[:3] for s in steps] == expected
    entries = [link for s in steps for link in s[3]]
    assert entries == [f"asks/ask-{n:03d}/" for n in range(1, 102)]


def past_start(pages: dict[str, Element], first: str) -> tuple[list[str], str | None]:
    """The past entries shown on a list's first page, and its link to the full past list."""
    section = pages[first].find("section", "cg-past")
    here = BASE + first
    links = [urljoin(here, a.attrs["href"] or "").removeprefix(BASE) for a in section.find_all("a")]
    more = [link for link in links if not link.startswith((f"{first}stale-", f"{first}past-"))]
    shown = [link for link in links if link not in more]
    return shown, (more[0] if more else None)


def test_inactive_mentor_list_walk(pages: dict[str, Element]) -> None:
    """The first 10 inactive mentors on /mentors/, then all 61 over two pages of their own."""
    shown, more = past_start(pages, "mentors/")
    assert shown == [f"mentors/stale-{n:03d}/" for n in range(1, 11)]
    assert more == "mentors/not_available/"
    steps = walk(pages, more)
    noun = "mentors not available right now"
    expected = [
        ("mentors/not_available/", f"Showing 1–50 of 61 {noun}", "Page 1 of 2"),
        ("mentors/not_available_2/", f"Showing 51–61 of 61 {noun}", "Page 2 of 2"),
    ]
    assert [s[:3] for s in steps] == expected
    assert [link for s in steps for link in s[3]] == [
        f"mentors/stale-{n:03d}/" for n in range(1, 62)
    ]


def test_past_ask_list_walk(pages: dict[str, Element]) -> None:
    """The 10 newest past asks on /asks/, then all 12 on one unpaginated page."""
    shown, more = past_start(pages, "asks/")
    assert shown == [f"asks/past-{n:03d}/" for n in range(102, 112)]
    assert more == "asks/not_open/"
    steps = walk(pages, more)
    assert [s[:3] for s in steps] == [("asks/not_open/", "12 expired, matched or closed asks", "")]
    assert [link for s in steps for link in s[3]] == [
        f"asks/past-{n:03d}/" for n in range(102, 114)
    ]


def test_no_list_page_is_unreachable(pages: dict[str, Element]) -> None:
    """The walks above reach every list page the site has."""
    kinds = {"asks", "mentors"}
    lists = sorted(u for u in pages if u.split("/")[0] in kinds and "-" not in u)
    assert lists == [
        "asks/",
        "asks/not_open/",
        "asks/page_2/",
        "asks/page_3/",
        "mentors/",
        "mentors/not_available/",
        "mentors/not_available_2/",
        "mentors/page_2/",
        "mentors/page_3/",
        "mentors/page_4/",
    ]
