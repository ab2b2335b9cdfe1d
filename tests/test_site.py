"""The built site: strict build, page URLs, nav, counts, schemas, links, mailto and hostile text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urljoin, urlsplit

import yaml

from generator.mailto import ADDRESS_SAFE
from generator.match import match
from generator.model import Directory
from generator.validate import build_directory
from tests.conftest import HOSTILE, REPO, TODAY, Built, mkdocs_build, site_root
from tests.contact_links import mailtos

URL_ATTRS = {"href", "src", "action", "formaction", "poster", "srcset", "xlink:href", "data"}
THEME_SCRIPTS = re.compile(
    r"(^|/)assets/(javascripts/bundle\.[0-9a-f]+\.min\.js|cg-scope\.js|cg\.js)$"
)
TOP_PAGES = ("", "asks/", "mentors/", "skills/", "gaps/")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Scan(HTMLParser):
    """Everything the safety and content checks need from one HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles = 0
        self.handlers: list[tuple[str, str, str | None]] = []
        self.bad_urls: list[tuple[str, str, str]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.title = ""
        self.tags_in_title: list[str] = []
        self.text_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record scripts, handlers, URLs, ids and text captures."""
        if "title" in self._in:
            self.tags_in_title.append(tag)
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            if name in URL_ATTRS and value is not None:
                squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()
                if squeezed.startswith(("javascript:", "data:", "vbscript:")):
                    self.bad_urls.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "meta" and values.get("name"):
            self.meta[values["name"] or ""] = values.get("content") or ""
        if tag == "script":
            self.scripts.append((values, ""))
        if tag == "style":
            self.styles += 1
        if tag not in VOID:
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost matching element."""
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        """Title text, script bodies and visible body text."""
        if self._in and self._in[-1] == "script" and self.scripts:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        elif "title" in self._in:
            self.title += data
        elif "body" in self._in and not {"script", "style"} & set(self._in):
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        """Visible text, whitespace collapsed."""
        return squash("".join(self.text_parts))


def resolve(here: str, href: str, base: str = "http://site.invalid/") -> str:
    """A link on page `here` of the site at `base`, as a site-relative URL (fragment kept)."""
    return urljoin(base + here, href).removeprefix(base)


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join(text.split())


@cache
def scan(path: Path) -> Scan:
    """A parsed HTML file (cached: several tests read the same pages)."""
    parser = Scan()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser


def html_files(site: Built) -> list[Path]:
    """Every HTML file of a built site."""
    return sorted(site.out.rglob("*.html"))


def page(site: Built, url: str) -> Path:
    """The file behind a site-relative directory URL."""
    return site.out / url / "index.html"


@cache
def directory_of(root: Path) -> Directory:
    """The validated directory behind a site, as of the test build date."""
    result = build_directory(root, TODAY)
    assert result.problems == ()
    return result.directory


# ---------- the shipped site ----------


def test_shipped_site_builds_strict_without_warnings(shipped_site: Built) -> None:
    """`mkdocs build --strict` on content/ succeeds and logs no warning."""
    assert [line for line in shipped_site.log.splitlines() if "WARNING" in line] == []


def test_every_page_type_is_at_its_spec_url(shipped_site: Built) -> None:
    """Home, lists, each ask, mentor and skill page, and gaps exist where SPEC says."""
    d = directory_of(REPO)
    expected = [*TOP_PAGES]
    expected += [f"asks/{a.slug}/" for a in d.asks]
    expected += [f"mentors/{m.slug}/" for m in d.mentors]
    expected += [f"skills/{s.id}/" for s in d.taxonomy.skills]
    assert [u for u in expected if not page(shipped_site, u).is_file()] == []
    names = {scan(page(shipped_site, f"mentors/{m.slug}/")).title for m in d.mentors}
    assert names == {f"{m.name} - CrowdGuru" for m in d.mentors}


def test_nav_lists_only_top_pages_and_hand_written_pages(shipped_site: Built) -> None:
    """A mentor page's nav and tabs link the top pages and docs/ pages, no other entry."""
    d = directory_of(REPO)
    here = f"mentors/{d.mentors[0].slug}/"
    path = page(shipped_site, here)
    html = path.read_text("utf-8")
    nav_links = re.findall(r'<a href="([^"]*)" class="md-(?:nav|tabs)__link', html)
    targets = {resolve(here, href).split("#")[0] for href in nav_links}
    docs = {f"{p.stem}/" for p in (REPO / "docs").glob("*.md")}
    assert targets == {*TOP_PAGES, *docs}
    others = [m for m in d.mentors[1:] if f"mentors/{m.slug}/" in html]
    assert others == []


def test_home_page_shows_live_counts(shipped_site: Built) -> None:
    """The home page's counts are those of the directory at the build date."""
    d = directory_of(REPO)
    open_asks = [a for a in d.asks if a.active]
    stages = sum(1 for a in open_asks for s in a.stages if s.status == "open")
    mentors = [m for m in d.mentors if m.active]
    skills = {k for m in mentors for k in m.skills}
    gaps = len(match(d).gaps)
    text = scan(page(shipped_site, "")).text
    expected = [
        f"{len(open_asks)} open asks",
        f"{stages} open stages",
        f"{len(mentors)} available mentors",
        f"{len(skills)} skills covered",
        f"{gaps} stages nobody can help with yet",
    ]
    assert [phrase for phrase in expected if phrase not in text] == []


def test_json_schemas_are_published(shipped_site: Built) -> None:
    """/schema/mentor.json and /schema/ask.json are the generator's JSON Schemas."""
    for name in ("mentor", "ask"):
        published = json.loads((shipped_site.out / "schema" / f"{name}.json").read_text("utf-8"))
        source = REPO / "generator" / "schemas" / f"{name}.schema.json"
        assert published == json.loads(source.read_text("utf-8"))


def test_internal_links_and_anchors_resolve(shipped_site: Built) -> None:
    """Every relative link of every page reaches a built file, and its #anchor exists there."""
    broken = []
    for path in html_files(shipped_site):
        here = path.relative_to(shipped_site.out).as_posix()
        for href in scan(path).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("#"):
                continue
            target_url = resolve(here, parts.path, shipped_site.url)
            target = shipped_site.out / unquote(target_url)
            if target_url.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{here} -> {href}")
            elif parts.fragment and parts.fragment not in scan(target).ids:
                broken.append(f"{here} -> {href} (no such anchor)")
    assert broken == []


def test_every_stage_offer_names_its_stage(shipped_site: Built) -> None:
    """Each open stage's offer decodes to one address and exactly a subject and a body naming
    it; no page holds a mailto: href."""
    d = directory_of(REPO)
    checked = 0
    for ask in d.asks:
        html = page(shipped_site, f"asks/{ask.slug}/").read_text("utf-8")
        assert 'href="mailto:' not in html
        to_contact = f"mailto:{quote(ask.contact.email, safe=ADDRESS_SAFE)}?"
        hrefs = [h for h in mailtos(html) if h.startswith(to_contact)]
        offered = [s for s in ask.stages if ask.active and s.status == "open"]
        assert len(hrefs) == len(offered), ask.slug
        for stage, href in zip(offered, hrefs, strict=True):
            parts = urlsplit(href)
            fields = parse_qs(parts.query, strict_parsing=True)
            assert unquote(parts.path) == ask.contact.email
            assert sorted(fields) == ["body", "subject"]
            assert [len(v) for v in fields.values()] == [1, 1]
            (subject,), (body,) = fields["subject"], fields["body"]
            assert f"stage {stage.number}: {stage.title}" in subject
            assert ask.title in subject
            assert f"stage {stage.number}: {stage.title}" in body
            assert f"{shipped_site.url}asks/{ask.slug}/#stage-{stage.number}" in body
            checked += 1
    assert checked > 0


def test_content_problems_fail_the_build_with_every_problem(tmp_path: Path) -> None:
    """Two broken files: the build fails and prints each problem line `check` prints."""
    root = site_root(tmp_path / "repo", HOSTILE)
    mentor = root / "content" / "mentors" / "ordinary-olive.yml"
    mentor.write_text(mentor.read_text("utf-8").replace("skills: [", "skills: [no-such-skill, "))
    (root / "content" / "asks" / "broken.yml").write_text("title: [unclosed\n", "utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={"SOURCE_DATE_EPOCH": "1795867200", "PATH": ""},
    )
    problems = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert len(problems) >= 2
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode != 0
    assert [p for p in problems if p not in result.stderr] == []
    assert "Traceback" not in result.stderr


# ---------- the hostile site ----------

HOSTILE_MENTOR = "mentors/mallory-script/"
HOSTILE_ASK = "asks/hostile-ask/"


def hostile_yaml(name: str) -> dict:
    """A hostile fixture file, as data."""
    return yaml.safe_load((HOSTILE / f"{name}.yml").read_text("utf-8"))


def test_hostile_site_runs_no_contributor_script(hostile_site: Built) -> None:
    """Every page: only the theme's and our scripts, no <style>, no on* attribute, no bad URL."""
    problems = []
    for path in html_files(hostile_site):
        found = scan(path)
        where = path.relative_to(hostile_site.out).as_posix()
        for attrs, body in found.scripts:
            src = attrs.get("src")
            if src is not None:
                if not THEME_SCRIPTS.search(resolve(where, src, hostile_site.url)):
                    problems.append(f"{where}: script {src}")
            elif attrs.get("id") == "__config" and attrs.get("type") == "application/json":
                config = json.loads(body)
                if "alert" in body or sorted(config) != sorted(
                    ["base", "features", "translations", "search", "annotate", "tags", "version"]
                ):
                    problems.append(f"{where}: config {body[:80]}")
            else:
                problems.append(f"{where}: inline script {body[:80]!r}")
        problems += [f"{where}: <style>"] * found.styles
        problems += [f"{where}: handler {h}" for h in found.handlers]
        problems += [f"{where}: url {u}" for u in found.bad_urls]
        if found.tags_in_title or not found.title.strip():
            problems.append(f"{where}: title {found.title!r} {found.tags_in_title}")
    assert problems == []


def test_hostile_mentor_text_is_shown_verbatim(hostile_site: Built) -> None:
    """Name, headline, bio, location and link appear as text; the title holds the name as text."""
    data = hostile_yaml("mentors/mallory-script")
    found = scan(page(hostile_site, HOSTILE_MENTOR))
    expected = [data["name"], data["headline"], data["location"], *data["links"]]
    expected += [squash(p) for p in data["bio"].split("\n\n")]
    assert [text for text in expected if squash(text) not in found.text] == []
    assert found.title == f"{data['name']} - CrowdGuru"
    assert found.meta["description"] == data["headline"]
    assert "{{ 7*7 }}" in found.text
    assert "49" not in found.text


def test_hostile_ask_text_is_shown_verbatim(hostile_site: Built) -> None:
    """Title, organisation, summary, contact, location, stage titles and needs appear as text."""
    data = hostile_yaml("asks/hostile-ask")
    found = scan(page(hostile_site, HOSTILE_ASK))
    org = data["organisation"]
    expected = [data["title"], org["name"], org["charity_number"], data["contact"]["name"]]
    expected += [data["location"], *(squash(p) for p in data["summary"].split("\n\n"))]
    expected += [s["title"] for s in data["stages"]] + [s["need"] for s in data["stages"]]
    assert [text for text in expected if squash(text) not in found.text] == []
    assert found.title == f"{data['title']} - CrowdGuru"
    assert "49" not in found.text
    assert "root:" not in found.text  # `--8<-- "/etc/passwd"` pasted nothing


def test_hostile_names_are_text_in_lists_and_matches(hostile_site: Built) -> None:
    """The list pages and the other side of each match show the hostile names as text."""
    mentor = hostile_yaml("mentors/mallory-script")
    ask = hostile_yaml("asks/hostile-ask")
    assert mentor["name"] in scan(page(hostile_site, "mentors/")).text
    assert ask["title"] in scan(page(hostile_site, "asks/")).text
    assert mentor["name"] in scan(page(hostile_site, HOSTILE_ASK)).text
    assert ask["title"] in scan(page(hostile_site, HOSTILE_MENTOR)).text


def test_hostile_mailto_has_only_subject_and_body(hostile_site: Built) -> None:
    """Quotes and brackets in the ask cannot add a header or a recipient to its mailto links."""
    html = page(hostile_site, HOSTILE_ASK).read_text("utf-8")
    hrefs = [h for h in mailtos(html) if h.startswith("mailto:eve@")]
    assert len(hrefs) == 2
    for href in hrefs:
        parts = urlsplit(href)
        assert unquote(parts.path) == "eve@example.org"
        assert sorted(parse_qs(parts.query, strict_parsing=True)) == ["body", "subject"]


def test_sitemap_lists_every_page_for_instant_navigation(shipped_site: Built) -> None:
    """sitemap.xml holds exactly the built pages (Material's instant navigation follows only
    links found there)."""
    text = (shipped_site.out / "sitemap.xml").read_text("utf-8")
    locs = set(re.findall(r"<loc>([^<]*)</loc>", text))
    pages = {
        shipped_site.url + p.relative_to(shipped_site.out).as_posix().removesuffix("index.html")
        for p in shipped_site.out.rglob("index.html")
    }
    assert locs == pages


def test_search_index_covers_entry_and_guide_pages(shipped_site: Built) -> None:
    """Pagefind indexed exactly the pages marked `data-pagefind-body`, and wrote no empty file."""
    marked = [p for p in html_files(shipped_site) if "data-pagefind-body" in p.read_text("utf-8")]
    bundle = shipped_site.out / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(marked)
    assert [p.name for p in bundle.rglob("*") if p.is_file() and p.stat().st_size == 0] == []
    d = directory_of(REPO)
    assert len(marked) == len(d.mentors) + len(d.asks) + len(d.taxonomy.skills) + len(
        list((REPO / "docs").glob("*.md"))
    )
