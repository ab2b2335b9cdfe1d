"""Issue 12 in the built site's HTML: social cards, footer, navigation sections, search regions."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from generator.validate import build_directory
from tests.conftest import TODAY, Built


class Head(HTMLParser):
    """The <meta> tags (by name or property) and every link of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record meta tags; start collecting a link's text."""
        values = {k: v or "" for k, v in attrs}
        key = values.get("property") or values.get("name")
        if tag == "meta" and key:
            self.meta[key] = values.get("content", "")
        if tag == "a" and "href" in values:
            self._href, self._text = values["href"], []

    def handle_data(self, data: str) -> None:
        """A link's text."""
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        """End of a link: keep (text, href)."""
        if tag == "a" and self._href is not None:
            self.links.append((" ".join("".join(self._text).split()), self._href))
            self._href = None


def head(path: Path) -> Head:
    """The parsed page at `path`."""
    parser = Head()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser


def test_social_card_tags_are_escaped_with_contributor_text(hostile_site: Built) -> None:
    """og:title and og:description carry a hostile mentor's name and headline as plain text."""
    (mentor,) = [
        m for m in build_directory(hostile_site.root, TODAY).directory.mentors if "<" in m.name
    ]
    path = hostile_site.out / "mentors" / mentor.slug / "index.html"
    meta = head(path).meta
    assert meta["og:title"] == mentor.name
    assert meta["og:type"] == "website"
    assert meta["og:site_name"] == "CrowdGuru"
    assert meta["og:url"] == f"{hostile_site.url}mentors/{mentor.slug}/"
    assert meta["twitter:card"] == "summary"
    assert meta["og:description"] == " ".join(mentor.headline.split())[:160].rstrip()
    raw = path.read_text("utf-8")
    assert [m for m in re.findall(r'<meta property="og:[^>]*>', raw) if "<" in m[1:]] == []


def test_home_social_card(shipped_site: Built) -> None:
    """The home page's card names the site and says what it is."""
    meta = head(shipped_site.out / "index.html").meta
    assert (meta["og:title"], meta["og:url"]) == ("CrowdGuru", shipped_site.url)
    assert meta["og:description"].startswith("Charities break a task into stages")


def test_footer_links_the_code_of_conduct(shipped_site: Built) -> None:
    """Every page's footer links the Code of Conduct, a page made from CODE_OF_CONDUCT.md."""
    for url in ("", "mentors/", "privacy/"):
        links = head(shipped_site.out / url / "index.html").links
        hrefs = [h for text, h in links if text == "Code of Conduct"]
        assert len(hrefs) == 2  # the navigation's "Take part" section and the footer
        for href in hrefs:
            assert (shipped_site.out / url / href / "index.html").resolve() == (
                shipped_site.out / "conduct" / "index.html"
            ).resolve()
    html = (shipped_site.out / "index.html").read_text("utf-8")
    footer = html[html.index('<footer class="md-footer">') :]
    assert "Code of Conduct</a>" in footer
    conduct = (shipped_site.out / "conduct" / "index.html").read_text("utf-8")
    assert ">Code of Conduct" in conduct
    assert "Reports are handled in confidence." in conduct


def test_project_pages_are_under_about_the_project(shipped_site: Built) -> None:
    """Benchmarks and Security sit under "About the project", not in "Take part"."""
    html = (shipped_site.out / "index.html").read_text("utf-8")
    nav = html[html.index("md-nav--primary") :]
    take_part = nav[nav.index("Take part") : nav.index("About the project")]
    about = nav[nav.index("About the project") :]
    assert "benchmarks/" not in take_part and "security/" not in take_part
    assert "benchmarks/" in about and "security/" in about and "about/" in about


def test_list_regions_are_not_indexed_and_the_organisation_is_weighted(
    shipped_site: Built,
) -> None:
    """Matched mentors and skill pages' lists carry data-pagefind-ignore; the org is weighted."""
    ask = (shipped_site.out / "asks/riverside-food-bank-funding-bid/index.html").read_text("utf-8")
    assert (
        '<p class="cg-org-line" data-pagefind-weight="10" data-pagefind-meta="org">'
        "Riverside Community Food Bank</p>"
    ) in ask
    lists = re.findall(r'<ol class="cg-matches"[^>]*>', ask)
    assert lists and all(" data-pagefind-ignore " in f"{tag[:-1]} " for tag in lists)
    skill = (shipped_site.out / "skills/bid-writing/index.html").read_text("utf-8")
    assert '<section aria-labelledby="cg-supply" data-pagefind-ignore>' in skill
    assert '<section aria-labelledby="cg-demand" data-pagefind-ignore>' in skill
    search = (shipped_site.out / "search/index.html").read_text("utf-8")
    assert "data-pagefind-body" not in search
