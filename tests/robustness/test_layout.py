"""No page scrolls sideways at 360 px with the longest value every field allows (class 10).

The site is built from content where every text field is at its maximum length and written
without a break opportunity (a real 85-letter place name, 300-character URLs), then every page
is opened in Chromium at a phone's width.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.rules import check_email
from tests.conftest import REPO, Built, _build, site_root

from .conftest import quote

WIDTH = 360
PLACE = "Taumatawhakatangihangakoauauotamateaturipukakapikimaungahoronukupokaiwhenuakitanatahu"
TAXONOMY = REPO / "tests" / "fixtures" / "taxonomy"
SKILLS = [
    "bid-writing", "budgeting", "copywriting", "social-media", "strategy", "market-research",
    "trusts-foundations", "legacy-giving", "press-relations", "business-planning",
    "options-appraisal",
]  # fmt: skip
LONG_ID = "x" * 60


def word(length: int, seed: str = PLACE) -> str:
    """An unbreakable word of exactly `length` letters."""
    return (seed * (length // len(seed) + 1))[:length]


def url(length: int, tag: str = "") -> str:
    """An https URL of exactly `length` characters with no natural break in its path."""
    head = f"https://example.org/{tag}"
    return head + word(length - len(head), "documentpath")


def email(tag: str) -> str:
    """A valid address of exactly 254 characters."""
    local = word(64 - len(tag), "mentor") + tag
    domain = ".".join([word(63, "a"), word(63, "b"), word(57, "c")]) + ".org"
    address = f"{local}@{domain}"
    assert (len(address), check_email(address)[1]) == (254, None)
    return address


def free_text(length: int, tag: str) -> str:
    """Text of exactly `length` characters: one long word, then a 300-character URL."""
    link = url(300, tag)
    return word(length - len(link) - 1) + " " + link


def mentor_yaml(tag: str) -> str:
    """A mentor file with every field at its maximum."""
    links = "".join(f"  - {url(300, f'{tag}{i}')}\n" for i in range(5))
    return (
        f"name: {word(80)}\nheadline: {word(120)}\nbio: {quote(free_text(1500, tag))}\n"
        f"email: {email(tag)}\nskills: [{', '.join([LONG_ID, *SKILLS])}]\n"
        "formats: [call, video, email, in-person]\n"
        f"sectors: [youth, health, environment, {LONG_ID}]\nthird_sector: true\n"
        f"location: {word(80)}\nlanguages: [en, cy, fr, pl, de, es, pt, it, nl, sv]\n"
        f"hours_per_month: 40\navailable: true\nconfirmed: 2026-11-20\nlinks:\n{links}"
        "consent: true\n"
    )


def ask_yaml(tag: str) -> str:
    """An ask with every field at its maximum, ten stages of eight skills."""
    stages = "".join(
        f"  - title: {word(100)}\n    template: {LONG_ID}\n"
        f"    need: {quote(free_text(600, f'{tag}{i}'))}\n"
        f"    skills: [{', '.join([LONG_ID, *SKILLS[:7]])}]\n"
        for i in range(10)
    )
    return (
        f"title: {word(120)}\norganisation:\n  name: {word(120)}\n  website: {url(300, tag)}\n"
        f'  charity_number: "{"1" * 40}"\nsummary: {quote(free_text(1500, tag))}\n'
        f"contact:\n  name: {word(80)}\n  email: {email(tag)}\n"
        f"sectors: [youth, health, environment, {LONG_ID}]\nlocation: {word(80)}\n"
        f"posted: 2026-11-20\nstages:\n{stages}consent: true\n"
    )


def maximal_content(where: Path) -> Path:
    """The test taxonomy plus a longest-possible group, skill, stage template and sector."""
    content = where / "content"
    shutil.copytree(TAXONOMY, content)
    skills = (content / "skills.yml").read_text("utf-8")
    skills = skills.replace(
        "groups:\n",
        f"groups:\n  - id: {LONG_ID}\n    label: {word(80)}\n    description: {word(500)}\n",
    ).rstrip("\n") + (
        f"\n  - id: {LONG_ID}\n    label: {word(80)}\n    group: {LONG_ID}\n"
        f"    aliases: [{word(60)}]\n    description: {word(500)}\n"
    )
    (content / "skills.yml").write_text(skills, "utf-8")
    with (content / "stages.yml").open("a", encoding="utf-8") as stages:
        stages.write(f"- id: {LONG_ID}\n  label: {word(80)}\n  description: {word(500)}\n")
    with (content / "sectors.yml").open("a", encoding="utf-8") as sectors:
        sectors.write(f"- id: {LONG_ID}\n  label: {word(80)}\n")
    for kind, make in (("mentors", mentor_yaml), ("asks", ask_yaml)):
        (content / kind).mkdir()
        for tag in ("a", "b"):
            (content / kind / f"{tag}-{word(50, 'longslug')}.yml").write_text(make(tag), "utf-8")
    return content


@pytest.fixture(scope="module")
def maximal_site(www: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The maximal content, built strict and served."""
    content = maximal_content(tmp_path_factory.mktemp("maximal-content"))
    root = site_root(tmp_path_factory.mktemp("maximal") / "repo", content)
    return _build(www, root, "maximal")


# The innermost elements reaching past the viewport: what to fix when the test fails.
CULPRITS = """() => [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > innerWidth + 0.5))
  .slice(0, 4).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`)"""


def pages(site: Built) -> Iterator[str]:
    """The URL of every HTML page of the site."""
    for path in sorted(site.out.rglob("*.html")):
        yield site.url + path.relative_to(site.out).as_posix().removesuffix("index.html")


def test_every_page_type_is_in_the_maximal_site(maximal_site: Built) -> None:
    """Home, lists, entries, skills, gaps and the guides: each kind is checked below."""
    urls = set(pages(maximal_site))
    base = maximal_site.url
    for path in ("", "asks/", "mentors/", "skills/", "gaps/", "about/", "fields/", "404.html"):
        assert base + path in urls
    kinds = ("asks/a-", "mentors/a-", f"skills/{LONG_ID}/")
    assert all(any(u.startswith(base + kind) for u in urls) for kind in kinds)


def test_no_page_scrolls_sideways_at_360_px(maximal_site: Built, browser: object) -> None:
    """document.scrollingElement.scrollWidth <= 360 on every page, at a 360 px viewport."""
    context = browser.new_context(viewport={"width": WIDTH, "height": 740})  # type: ignore[attr-defined]
    page = context.new_page()
    wide = {}
    for address in pages(maximal_site):
        page.goto(address)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > WIDTH:
            wide[address.removeprefix(maximal_site.url)] = (width, page.evaluate(CULPRITS))
    context.close()
    assert wide == {}
