"""Hostile labels and descriptions in every vocabulary are shown as text on every page they reach.

Any pull request can edit skills.yml, sectors.yml and stages.yml, so their labels are as untrusted
as a mentor's name. Each field below carries its own payload; the tests read the rendered HTML
(the generator's pages, then the MkDocs site) and check where each payload is visible as text.
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml

from generator.match import match
from generator.render import Site, render_site
from generator.validate import build_directory
from tests.conftest import HOSTILE, TODAY, Built, mkdocs_build, site_root
from tests.robustness.html_tree import Element, parse


def payload(name: str) -> str:
    """Markup, an attribute break-out, an entity and template syntax (≤ 80 characters)."""
    return f'<b id="xss-{name}">x</b>"\'><img src onerror=a()>&amp;{{{{7*7}}}}'


GROUP = payload("group")
GROUP_2 = payload("group-2")
SKILL = payload("skill")
SKILL_2 = payload("skill-2")
SKILL_3 = payload("skill-3")
SKILL_DESCRIPTION = payload("skill-description")
SECTOR = payload("sector")
SECTOR_2 = payload("sector-2")
TEMPLATE = payload("template")
TEMPLATE_2 = payload("template-2")
TEMPLATE_DESCRIPTION = payload("template-description")
SKILLS = {
    "groups": [{"id": "fundraising", "label": GROUP}, {"id": "comms", "label": GROUP_2}],
    "skills": [
        {
            "id": "bid-writing",
            "label": SKILL,
            "group": "fundraising",
            "aliases": ["grant writing"],
            "description": SKILL_DESCRIPTION,
        },
        {"id": "budgeting", "label": SKILL_2, "group": "fundraising"},
        {"id": "copywriting", "label": SKILL_3, "group": "comms"},
    ],
}
SECTORS = [{"id": "youth", "label": SECTOR}, {"id": "health", "label": SECTOR_2}]
STAGES = [
    {
        "id": "draft",
        "label": TEMPLATE,
        "description": TEMPLATE_DESCRIPTION,
        "suggested_skills": ["bid-writing"],
    },
    {"id": "review", "label": TEMPLATE_2, "description": "Read it.", "suggested_skills": []},
]
PAYLOADS = {
    "group": GROUP,
    "group-2": GROUP_2,
    "skill": SKILL,
    "skill-2": SKILL_2,
    "skill-3": SKILL_3,
    "skill-description": SKILL_DESCRIPTION,
    "sector": SECTOR,
    "sector-2": SECTOR_2,
    "template": TEMPLATE,
    "template-2": TEMPLATE_2,
    "template-description": TEMPLATE_DESCRIPTION,
}
# Where each payload must be readable (page text, or an attribute value such as an <optgroup>
# label), written down from the templates: the hostile fixture has mallory-script (bid-writing,
# copywriting; youth), ordinary-olive (grant writing = bid-writing, budgeting) and hostile-ask
# (stage 1: bid-writing, template draft; stage 2: copywriting, template review; youth).
LISTS = {"asks/index.md", "mentors/index.md"}
SKILL_PAGES = {
    "skills/bid-writing/index.md",
    "skills/budgeting/index.md",
    "skills/copywriting/index.md",
}
EXPECTED = {
    # Filter optgroups, the skills chart's heading and caption, and each skill page's group line.
    "group": LISTS
    | {"skills/index.md", "skills/bid-writing/index.md", "skills/budgeting/index.md"},
    "group-2": LISTS | {"skills/index.md", "skills/copywriting/index.md"},
    # Cards, filters, the chart, the skill page, the ask/mentor pages naming the skill, the home
    # page's skills most in demand and the stage types suggesting it.
    "skill": LISTS
    | {
        "index.md",
        "stages/index.md",
        "skills/index.md",
        "skills/bid-writing/index.md",
        "asks/hostile-ask/index.md",
        "mentors/mallory-script/index.md",
        "mentors/ordinary-olive/index.md",
    },
    # Also the ask page: olive's budgeting is a related match (same group) for stage 1.
    "skill-2": LISTS
    | {"skills/index.md", "skills/budgeting/index.md", "mentors/ordinary-olive/index.md"}
    | {"asks/hostile-ask/index.md"},
    "skill-3": LISTS
    | {
        "index.md",
        "skills/index.md",
        "skills/copywriting/index.md",
        "asks/hostile-ask/index.md",
        "mentors/mallory-script/index.md",
    },
    "skill-description": {"skills/bid-writing/index.md"},
    # Filter options, and the "why this match" reason on both sides of the youth match.
    "sector": LISTS | {"asks/hostile-ask/index.md", "mentors/mallory-script/index.md"},
    "sector-2": LISTS,
    # Both lists' stage-type filter, the stage's "Type", the home page's stage types and the
    # stage types page.
    "template": LISTS | {"index.md", "stages/index.md", "asks/hostile-ask/index.md"},
    "template-2": LISTS | {"index.md", "stages/index.md", "asks/hostile-ask/index.md"},
    # A template's description is shown on the stage types page.
    "template-description": {"stages/index.md"},
}


def hostile_vocabulary(root: Path) -> Path:
    """The hostile fixture content with hostile vocabularies, under `root`/content."""
    content = root / "content"
    shutil.copytree(HOSTILE, content)
    for name, data in (("skills", SKILLS), ("sectors", SECTORS), ("stages", STAGES)):
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        (content / f"{name}.yml").write_text(text, "utf-8")
    return root


@cache
def readable(html: str) -> tuple[Element, str, frozenset[str]]:
    """A page's tree, its text, and every attribute value on it."""
    tree = parse(html)
    values = frozenset(v for e in tree.iter() for v in e.attrs.values() if isinstance(v, str))
    return tree, tree.text(), values


def injected(tree: Element) -> list[str]:
    """Elements or attributes a payload added: an xss id, a script, an image or an on* handler."""
    found = [f"<{e.tag} {e.attrs['id']}>" for e in tree.iter() if "xss" in str(e.attrs.get("id"))]
    found += [f"<{e.tag}>" for e in tree.iter() if e.tag in ("script", "img")]
    found += [f"{e.tag} {a}" for e in tree.iter() for a in e.attrs if a.startswith("on")]
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The generator's pages for the hostile fixture with hostile vocabularies."""
    root = hostile_vocabulary(tmp_path_factory.mktemp("vocab"))
    result = build_directory(root, TODAY)
    assert result.problems == ()
    return render_site(result.directory, match(result.directory))


def test_vocabulary_payloads_are_accepted() -> None:
    """The payloads are valid labels: text with markup in it is allowed, and shown as typed."""
    assert len(set(PAYLOADS.values())) == len(PAYLOADS) == len(EXPECTED)


def test_no_vocabulary_payload_adds_markup(site: Site) -> None:
    """No generated page gains an element or attribute from a label or description."""
    found = {p.src_uri: injected(readable(p.html)[0]) for p in site.pages}
    assert {uri: bad for uri, bad in found.items() if bad} == {}


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_each_payload_is_text_on_every_page_it_reaches(site: Site, name: str) -> None:
    """The payload reads as typed (text or attribute value) on exactly the expected pages."""
    text = PAYLOADS[name]
    shown = set()
    for p in site.pages:
        _, page_text, values = readable(p.html)
        if text in page_text or text in values:
            shown.add(p.src_uri)
        # Escaped twice would show entities as text; escaped never would leave no text at all.
        assert text.replace("&", "&amp;") not in page_text, p.src_uri
    assert sorted(shown) == sorted(EXPECTED[name])


def test_titles_and_descriptions_are_plain_text(site: Site) -> None:
    """The skill page's title and description (MkDocs prints them) are the raw label text."""
    page = next(p for p in site.pages if p.src_uri == "skills/bid-writing/index.md")
    assert (page.title, page.description) == (SKILL, SKILL_DESCRIPTION)


@pytest.fixture(scope="module")
def built(www: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The same content through `mkdocs build --strict` (theme, hooks, Pagefind)."""
    tmp = tmp_path_factory.mktemp("vocab-site")
    content = hostile_vocabulary(tmp / "content-root") / "content"
    root = site_root(tmp / "repo", content)
    folder, base = www
    result = mkdocs_build(root, folder / "vocab", site_url=f"{base}vocab/")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    return Built(root=root, out=folder / "vocab", url=f"{base}vocab/", log=result.stderr)


def test_built_site_shows_labels_as_text(built: Built) -> None:
    """After the theme: no page gains markup; the skill page's <title>, meta and h1 are text."""
    pages = sorted(built.out.rglob("*.html"))
    bad = {}
    for path in pages:
        tree = parse(path.read_text("utf-8"))
        theirs = [e for e in tree.iter() if "xss" in str(e.attrs.get("id"))]
        handlers = [f"{e.tag} {a}" for e in tree.iter() for a in e.attrs if a.startswith("on")]
        if theirs or handlers:
            bad[path.relative_to(built.out).as_posix()] = [e.tag for e in theirs] + handlers
    assert bad == {}
    tree = parse((built.out / "skills" / "bid-writing" / "index.html").read_text("utf-8"))
    (title,) = tree.find_all("title")
    meta = [e.attrs.get("content") for e in tree.find_all("meta") if e.attrs.get("name")]
    heading = tree.find("article").find("h1").text()
    expected = (f"{SKILL} - CrowdGuru", True, SKILL)
    assert (title.text(), SKILL_DESCRIPTION in meta, heading) == expected
