"""What a build hands MkDocs (generator/sources.py): files, placeholders, escaped titles, facts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import Markup

from generator import urls
from generator.feeds import EMPTY_SITEMAP
from generator.schema import load_schema
from generator.sources import (
    PLACEHOLDER,
    Source,
    Unpublishable,
    conduct_source,
    page_meta,
    page_sources,
    page_title,
    schema_sources,
    site_sources,
)
from generator.view import Page
from tests.conftest import REPO, TODAY

REPO_URL = "https://github.com/someone/fork"
JOIN_NAMES = {"add-profile", "post-ask", "mentor-form", "ask-form", "repository"}


def test_conduct_source_is_the_repository_file_as_a_nav_page(tmp_path: Path) -> None:
    """CODE_OF_CONDUCT.md, as it is, becomes conduct.md (/conduct/), listed in the nav."""
    (tmp_path / "CODE_OF_CONDUCT.md").write_text("# Be kind\n\nAlways.\n", "utf-8")
    assert conduct_source(tmp_path) == Source("conduct.md", "# Be kind\n\nAlways.\n", in_nav=True)


def test_missing_conduct_is_unpublishable(tmp_path: Path) -> None:
    """Without the file the site cannot be published; the error names the path."""
    with pytest.raises(Unpublishable) as raised:
        conduct_source(tmp_path)
    missing = tmp_path / "CODE_OF_CONDUCT.md"
    assert str(raised.value) == f"{missing} is missing: the site publishes it as /conduct/"


def test_schema_sources_publish_the_package_schemas() -> None:
    """Both JSON Schemas, under schema/, out of the nav, parsing to the schemas validation uses."""
    found = {s.src_uri: (json.loads(s.content), s.in_nav) for s in schema_sources()}
    assert found == {
        "schema/mentor.json": (load_schema("mentor"), False),
        "schema/ask.json": (load_schema("ask"), False),
    }


def page(url: str, kind: str = "mentor", feed: str = "", title: str = "T") -> Page:
    """A generated page at `url`."""
    return Page(url, title, "A page.", "<p>x</p>", kind, feed=feed, feed_title="F" if feed else "")


def test_page_sources_are_placeholders_then_feed_sitemaps() -> None:
    """One placeholder per page at its Markdown path (only top pages in the nav), then one empty
    sitemap per feed folder."""
    pages = [
        page(urls.HOME, "home", feed="feeds/asks.xml"),
        page("mentors/ana/"),
        page("asks/", "asks", feed="feeds/asks.xml"),
        page("skills/tax/", "skill", feed="skills/tax/feed.xml"),
    ]
    assert page_sources(pages) == (
        Source("index.md", PLACEHOLDER, in_nav=True),
        Source("mentors/ana/index.md", PLACEHOLDER, in_nav=False),
        Source("asks/index.md", PLACEHOLDER, in_nav=True),
        Source("skills/tax/index.md", PLACEHOLDER, in_nav=False),
        Source("feeds/sitemap.xml", EMPTY_SITEMAP),
        Source("skills/tax/sitemap.xml", EMPTY_SITEMAP),
    )
    assert page_sources([]) == ()


def test_page_title_and_description_are_escaped_once() -> None:
    """Markup holding the escaped text: printed raw or through `| e`, it shows the text."""
    hostile = page("mentors/x/", title="<script>alert(1)</script> & Co")
    title = page_title(hostile)
    assert isinstance(title, Markup)
    assert str(title) == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"
    assert Markup.escape(title) == title  # `| e` leaves it alone
    described = Page("mentors/y/", "T", '"Quotes" <b>', "<p>x</p>", "mentor")
    description = page_meta(described)["description"]
    assert (type(description), str(description)) == (Markup, "&#34;Quotes&#34; &lt;b&gt;")


def test_page_meta_carries_the_page_facts() -> None:
    """The facts main.html reads, from the page; no Material toc on generated pages."""
    mentor = page("mentors/ana/")
    skill = page("skills/tax/", "skill", feed="skills/tax/feed.xml")
    home = page(urls.HOME, "home")
    assert {k: v for k, v in page_meta(skill).items() if k != "description"} == {
        "cg_kind": "skill",
        "cg_search": True,
        "cg_search_label": "Skill",
        "cg_wide": False,
        "cg_feed": "skills/tax/feed.xml",
        "cg_feed_title": "F",
        "hide": ["toc"],
    }
    assert (page_meta(mentor)["cg_search_label"], page_meta(mentor)["cg_feed"]) == ("Mentor", "")
    assert (page_meta(home)["cg_search"], page_meta(home)["cg_search_label"]) == (False, "")
    assert page_meta(page("mentors/", "mentors"))["cg_wide"] is True


def test_site_sources_of_the_shipped_repository() -> None:
    """Conduct page first, every page once as a placeholder, the schemas, a sitemap beside each
    feed, no path twice; the join links come from repo_url and the branch from edit_uri."""
    built = site_sources(REPO, "docs", TODAY, repo_url=REPO_URL, edit_uri="edit/trunk/docs/")
    assert built.errors == ()
    paths = [s.src_uri for s in built.files]
    assert len(paths) == len(set(paths))
    assert built.files[0] == conduct_source(REPO)
    by_path = {s.src_uri: s for s in built.files}
    assert len(built.pages) > 20
    for generated in built.pages:
        assert by_path[generated.src_uri].content == PLACEHOLDER
    assert {"schema/mentor.json", "schema/ask.json", "feeds/sitemap.xml"} <= set(by_path)
    assert by_path["index.md"].in_nav and not by_path["schema/ask.json"].in_nav
    assert set(built.join_links) == JOIN_NAMES
    assert built.join_links["repository"] == REPO_URL
    assert built.join_links["add-profile"].startswith(f"{REPO_URL}/new/trunk/content/mentors?")
    assert site_sources(REPO, "docs", TODAY).join_links == {}


def broken_repository(tmp_path: Path) -> Path:
    """The shipped content and Code of Conduct plus a mentor file with an unknown field."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copy2(REPO / "CODE_OF_CONDUCT.md", tmp_path / "CODE_OF_CONDUCT.md")
    mentor = next((tmp_path / "content" / "mentors").glob("*.yml"))
    mentor.write_text(mentor.read_text("utf-8") + "typo_field: 1\n", "utf-8")
    return tmp_path


def test_site_sources_with_content_errors(tmp_path: Path) -> None:
    """Errors: nothing rendered, only the conduct page; for `serve`, problem pages in place of
    the top pages and entries, listing the error."""
    root = broken_repository(tmp_path)
    built = site_sources(root, "docs", TODAY)
    assert [p.field for p in built.errors] == ["typo_field"]
    assert (built.files, built.pages) == ((conduct_source(root),), ())
    shown = site_sources(root, "docs", TODAY, show_problems=True)
    assert shown.errors == built.errors
    assert {p.kind for p in shown.pages} == {"problems"}
    assert {urls.HOME, urls.MENTORS, urls.ASKS} <= {p.url for p in shown.pages}
    assert all("typo_field" in p.html for p in shown.pages)
    assert [s.src_uri for s in shown.files] == ["conduct.md", *(p.src_uri for p in shown.pages)]


def test_site_sources_refuse_links_out_of_the_repository(tmp_path: Path) -> None:
    """A symbolic link in docs/ to a folder outside the repository stops the build."""
    root = broken_repository(tmp_path / "repo")
    (root / "docs").mkdir()
    (root / "docs" / "etc").symlink_to("/etc")
    with pytest.raises(Unpublishable, match=r"^links that would publish other files:\n.*docs/etc"):
        site_sources(root, "docs", TODAY)


def test_generator_never_imports_mkdocs() -> None:
    """Every generator module imports without MkDocs (the hooks are the only MkDocs code)."""
    script = (
        "import importlib, pkgutil, sys, generator\n"
        "for m in pkgutil.iter_modules(generator.__path__):\n"
        "    if m.name != '__main__':\n"
        "        importlib.import_module('generator.' + m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('mkdocs', 'material')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout == "[]\n"
