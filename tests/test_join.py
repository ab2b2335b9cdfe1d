"""Joining from the site: pre-filled GitHub new-file links, issue forms, "Edit this entry"."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator import urls
from generator.join import (
    MAX_URL,
    Join,
    UnknownJoinLink,
    branch_of,
    entry_template,
    fill_join_links,
)
from generator.validate import build_directory
from tests.conftest import EPOCH, REPO, TODAY, Built, site_root
from tests.exports import REPO_URL, site

REPOSITORY = "https://github.com/crowdguru/crowdguru"  # mkdocs.yml's default repo_url
# A commented-out field of the template: `# key: value` (descriptions start with a capital or
# do not have `key:` right after the #).
OPTIONAL_FIELD = re.compile(r"^(\s*)# ([a-z_]+: )", re.MULTILINE)


def _check(tmp_path: Path, kind: str, text: str) -> list[str]:
    """The problems `check` finds in `text` as content/<kind>s/new-entry.yml of the shipped tree."""
    root = tmp_path / kind
    folder = root / "content" / f"{kind}s"
    folder.mkdir(parents=True)
    for name in ("skills.yml", "stages.yml", "sectors.yml"):
        shutil.copy2(REPO / "content" / name, root / "content" / name)
    (folder / "new-entry.yml").write_text(text, "utf-8")
    return [f"{p.field}: {p.message}" for p in build_directory(root, TODAY).problems]


@pytest.mark.parametrize("kind", ["mentor", "ask"])
def test_template_is_a_valid_entry_once_consent_is_given(tmp_path: Path, kind: str) -> None:
    """As pre-filled: only consent is missing; with it, valid; with every optional field
    uncommented, still valid (each example value passes the real checks)."""
    text = entry_template(kind, TODAY)
    assert "consent: false\n" in text
    assert any("consent" in p for p in _check(tmp_path / "as-is", kind, text))
    agreed = text.replace("consent: false\n", "consent: true\n")
    assert _check(tmp_path / "agreed", kind, agreed) == []
    everything = OPTIONAL_FIELD.sub(r"\1\2", agreed)
    assert everything.count("\n#") < agreed.count("\n#")
    assert _check(tmp_path / "all", kind, everything) == []


@pytest.mark.parametrize("kind", ["mentor", "ask"])
def test_template_names_every_schema_field(kind: str) -> None:
    """Derived from the schema: every top-level field appears, commented or not (status aside)."""
    from generator.join import _schema

    text = entry_template(kind, TODAY)
    for field in _schema(kind)["properties"]:
        if field != "status":
            assert re.search(rf"^(# )?{field}:", text, re.MULTILINE), field


def test_join_links_decode_to_the_template() -> None:
    """GitHub's new-file page in the right folder, named, pre-filled; issue forms; edit links."""
    join = Join(REPOSITORY + "/", "main", TODAY, "bid-writing")
    for url, folder, name, kind in (
        (join.add_profile, "content/mentors", "your-name.yml", "mentor"),
        (join.post_ask, "content/asks", "your-organisation-task.yml", "ask"),
    ):
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == "https://github.com"
        assert parts.path == f"/crowdguru/crowdguru/new/main/{folder}"
        query = parse_qs(parts.query, strict_parsing=True)
        assert query == {"filename": [name], "value": [entry_template(kind, TODAY)]}
        assert len(url) < MAX_URL
    assert join.mentor_form == f"{REPOSITORY}/issues/new?template=add-mentor.yml"
    assert join.ask_form == f"{REPOSITORY}/issues/new?template=post-ask.yml"
    assert join.edit("content/mentors/ana.yml") == (
        f"{REPOSITORY}/edit/main/content/mentors/ana.yml"
    )
    odd = Join(REPOSITORY, "release/2026 #1", TODAY)
    assert odd.edit("content/asks/a.yml") == (
        f"{REPOSITORY}/edit/release%2F2026%20%231/content/asks/a.yml"
    )


def test_without_repo_url_no_page_links_to_a_repository() -> None:
    """repo_url unset: no join, form or edit link (and nothing breaks)."""
    for page in site(repo_url="").pages:
        assert "github.com" not in page.html, page.url
        assert "Edit this entry" not in page.html
    pages = {p.url: p.html for p in site().pages}
    assert REPO_URL + "/edit/main/content/mentors/ann.yml" in pages[urls.mentor("ann")]


def _hrefs(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]*)"', html)]


def test_every_entry_page_has_its_edit_link(shipped_site: Built) -> None:
    """Each mentor and ask page: one "Edit this entry" to its own file, with the re-confirm hint."""
    out = shipped_site.out
    entries = sorted((REPO / "content").glob("mentors/*.yml"))
    entries += sorted((REPO / "content").glob("asks/*.yml"))
    assert len(entries) > 10
    for path in entries:
        html = (out / path.parent.name / path.stem / "index.html").read_text("utf-8")
        edit = f"{REPOSITORY}/edit/main/content/{path.parent.name}/{path.name}"
        assert _hrefs(html).count(edit) == 1, path
        assert html.count("Edit this entry") == 1
        hint = "<code>confirmed</code>" if path.parent.name == "mentors" else "<code>expires</code>"
        assert hint in html


def test_join_links_on_home_lists_and_take_part_page(shipped_site: Built) -> None:
    """Add your profile / Post an ask (pre-filled) and the issue forms where people decide to."""
    join = Join(REPOSITORY, "main", TODAY, "bid-writing")
    out = shipped_site.out
    expected = {
        "": [join.add_profile, join.post_ask],
        "mentors/": [join.add_profile, join.mentor_form],
        "asks/": [join.post_ask, join.ask_form],
        "contribute/": [join.add_profile, join.post_ask, join.mentor_form, join.ask_form],
    }
    for page, links in expected.items():
        html = (out / page / "index.html").read_text("utf-8")
        hrefs = _hrefs(html)
        for link in links:
            assert link in hrefs, (page, link[:80])
        assert "cg-join:" not in html


def test_every_page_links_the_repository_without_fetching_from_github(
    shipped_site: Built,
) -> None:
    """The footer links repo_url on every page; Material's star counter (a fetch to GitHub's
    API, blocked by the CSP) is not wired up."""
    pages = sorted(shipped_site.out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text("utf-8")
        assert f'<a href="{REPOSITORY}">' in html, page
        assert 'data-md-component="source"' not in html, page


def _build(root: Path, out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    full = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(
        command, cwd=root, env=full, capture_output=True, text=True, timeout=900, check=False
    )


def test_repo_url_and_branch_come_from_the_environment(tmp_path: Path) -> None:
    """A fork's deploy (REPO_URL, EDIT_URI) links to the fork and its default branch."""
    root = site_root(tmp_path / "repo", REPO / "content")
    fork = "https://github.com/someone/fork"
    result = _build(root, tmp_path / "out", REPO_URL=fork, EDIT_URI="edit/trunk/docs/")
    assert result.returncode == 0, result.stderr
    mentor = next((REPO / "content" / "mentors").glob("*.yml"))
    html = (tmp_path / "out" / "mentors" / mentor.stem / "index.html").read_text("utf-8")
    assert f"{fork}/edit/trunk/content/mentors/{mentor.name}" in _hrefs(html)
    home = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert any(h.startswith(f"{fork}/new/trunk/content/mentors?") for h in _hrefs(home))
    assert REPOSITORY not in home


def test_unknown_join_link_in_a_page_fails_the_build(tmp_path: Path) -> None:
    """A typo in a hand-written page's `cg-join:` link is an error naming the page, not a link
    to nowhere."""
    root = site_root(tmp_path / "repo", REPO / "content")
    page = root / "docs" / "contribute.md"
    page.write_text(page.read_text("utf-8") + "\n[Join](cg-join:add-profil)\n", "utf-8")
    result = _build(root, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/contribute.md: unknown join link 'cg-join:add-profil'" in result.stderr


def test_fill_join_links_replaces_each_name_with_its_url() -> None:
    """Every `cg-join:NAME` becomes the URL of NAME; text around it, and a name glued to a word
    before it, stay as written."""
    links = {"add-profile": "https://x.example/new", "repository": "https://x.example"}
    markdown = "[Add](cg-join:add-profile) or [see](cg-join:repository); xcg-join:repository"
    assert fill_join_links(markdown, links) == (
        "[Add](https://x.example/new) or [see](https://x.example); xcg-join:repository"
    )
    assert fill_join_links("no links here", {}) == "no links here"


def test_fill_join_links_refuses_an_unknown_name() -> None:
    """An unknown name is an error naming it and the names there are (none without repo_url)."""
    links = {"post-ask": "https://x.example/a", "add-profile": "https://x.example/m"}
    with pytest.raises(UnknownJoinLink) as raised:
        fill_join_links("[Join](cg-join:add-profil)", links)
    assert (
        str(raised.value) == "unknown join link 'cg-join:add-profil' (known: add-profile, post-ask)"
    )
    with pytest.raises(UnknownJoinLink) as raised:
        fill_join_links("[Join](cg-join:add-profile)", {})
    expected = "unknown join link 'cg-join:add-profile' (known: none: repo_url is not set)"
    assert str(raised.value) == expected


@pytest.mark.parametrize(
    ("edit_uri", "expected"),
    [
        ("edit/main/docs/", "main"),
        ("edit/trunk/docs/", "trunk"),
        ("/blob/develop/docs", "develop"),
        ("tree/release-2/", "release-2"),
        ("edit//docs/", "main"),  # no branch named
        ("src/trunk/docs/", "main"),  # not a GitHub edit path
        ("edit", "main"),
        ("", "main"),
    ],
)
def test_branch_of_edit_uri(edit_uri: str, expected: str) -> None:
    """The branch is the second part of an edit/, blob/ or tree/ path; otherwise "main"."""
    assert branch_of(edit_uri) == expected
