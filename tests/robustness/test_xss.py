"""XSS payloads in every text and link field, built into ONE MkDocs site and opened in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import Built, mkdocs_build, site_root

from .batch import Sweep, page_of, same, shown, sweep
from .conftest import ask, mentor, to_yaml, validate_texts, xss_payloads
from .html_tree import parse

PAYLOADS = xss_payloads()
# http(s) links that try to break out of the href attribute or smuggle markup. Valid or not,
# none may add an element or attribute; links with any other scheme must be refused.
LINKS = [
    'https://example.org/"><svg/id=xss-link-0/onload=alert(900)>',
    "https://example.org/'onmouseover='alert(901)'id='xss-link-1",
    "https://example.org/?q=<script>alert(902)</script>",
    'https://example.org/#"autofocus/onfocus="alert(903)',
    "https://example.org/javascript:alert(904)",
    "HTTPS://example.org/{{7*7}}{%raw%}",
    "https://example.org/&quot;onclick=alert(906)",
]
# What the CSP meta tag must say (a second wall behind escaping): no inline or eval'd script.
CSP_MUST = ("default-src 'self'", "object-src 'none'", "base-uri 'none'")
CSP_MUST_NOT = ("'unsafe-inline'", "'unsafe-eval'", "*", "data:")
FIND_INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) found.push(`${el.tagName} ${a.name}`);
      const v = a.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(a.name)
          && /^(javascript|vbscript|data):/.test(v)) found.push(`${el.tagName} ${a.name}=${v}`);
    }
  }
  for (const el of document.querySelectorAll('[id^="xss"], [id^="XSS"]'))
    found.push('created ' + el.outerHTML.slice(0, 100));
  if (document.body && document.body.hasAttribute('data-xss')) found.push('script ran');
  return found;
}"""


def test_corpus_is_complete() -> None:
    """The payload file holds every family of attack the issue lists, with numbered markers."""
    assert len(PAYLOADS) == 82
    assert PAYLOADS[0] == '<script id="xss-0">alert(0)</script>'
    families = ["<svg", "<math", "javascript:", "&#106;", "</title>", "</textarea>", "{{", "{%"]
    families += ["](javascript:", "{ onclick", "--8<--", "<!--", "<![CDATA[", "onerror", "data:"]
    assert [f for f in families if not any(f in p for p in PAYLOADS)] == []


@pytest.mark.parametrize("payload", [*PAYLOADS, "ftp://example.org/", "mailto:a@example.org"])
def test_non_http_link_is_refused(payload: str) -> None:
    """A payload in `links` or `organisation.website` is a Problem on exactly that field."""
    as_link = validate_texts(to_yaml(mentor("x", links=[payload])) + "\n", None)
    website = {"name": "Org", "website": payload}
    as_website = validate_texts(None, to_yaml(ask("x", organisation=website)) + "\n")
    assert [p.field for p in as_link.problems] == ["links[0]"]
    assert [p.field for p in as_website.problems] == ["organisation.website"]


@dataclass(frozen=True)
class XssSite:
    """The batch (who was refused) and the one MkDocs site built from what was accepted."""

    batch: Sweep
    built: Built
    pages: tuple[Path, ...] = field(default=())

    def __repr__(self) -> str:
        return f"XssSite({self.built.url}, {len(self.pages)} pages)"

    @property
    def wheres(self) -> list[str]:
        """Every built HTML page, relative to the site's URL."""
        return [p.relative_to(self.built.out).as_posix() for p in self.pages]


def _with_links(root: Path) -> None:
    """Add one mentor carrying every hostile http(s) link, and one ask per hostile website."""
    content = root / "content"
    links = mentor("links", links=LINKS[:5])
    (content / "mentors" / "links.yml").write_text(to_yaml(links) + "\n", encoding="utf-8")
    more = mentor("links-more", links=LINKS[5:])
    (content / "mentors" / "links-more.yml").write_text(to_yaml(more) + "\n", encoding="utf-8")
    for i, url in enumerate(LINKS):
        data = ask(f"site-{i}", organisation={"name": f"Org {i}", "website": url})
        (content / "asks" / f"site-{i}.yml").write_text(to_yaml(data) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def xss_site(www: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> XssSite:
    """Every payload in every field (refused fields split out), built once with MkDocs."""
    tmp = tmp_path_factory.mktemp("xss")
    batch = sweep(tmp / "batch", PAYLOADS)
    _with_links(batch.root)
    root = site_root(tmp / "repo", batch.root / "content")
    folder, base = www
    result = mkdocs_build(root, folder / "xss", site_url=f"{base}xss/")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    built = Built(root=root, out=folder / "xss", url=f"{base}xss/", log=result.stderr)
    pages = tuple(sorted(built.out.rglob("*.html")))
    return XssSite(batch, built, pages)


def _built_page(site: XssSite, kind: str, slug: str) -> str:
    return (site.built.out / f"{kind}s" / slug / "index.html").read_text(encoding="utf-8")


def test_accepted_payloads_are_text_in_the_built_site(xss_site: XssSite) -> None:
    """After MkDocs (Markdown, Jinja, theme), each accepted payload is shown exactly as typed."""
    wrong = []
    for (i, kind, name), slug in sorted(xss_site.batch.accepted.items()):
        html = _built_page(xss_site, kind, slug)
        actual = shown(html, name)
        if not same(name, actual, PAYLOADS[i]):
            wrong.append(f"{slug} {name}: {PAYLOADS[i]!r} shown as {actual!r}")
        if name in ("name", "title"):
            title = parse(html).find("title").text()
            if not title.startswith(PAYLOADS[i].strip()):
                wrong.append(f"{slug} <title>: {PAYLOADS[i]!r} shown as {title!r}")
    assert wrong == []
    rendered = page_of(xss_site.batch, "mentor", "m0").html
    assert "&lt;script id=&#34;xss-0&#34;&gt;alert(0)&lt;/script&gt;" in rendered


# What a URL may not hold as is (RFC 3986): written percent-encoded in an href.
URL_ESCAPES = str.maketrans(
    {"<": "%3C", ">": "%3E", '"': "%22", "{": "%7B", "}": "%7D", "|": "%7C", "^": "%5E", "`": "%60"}
)


def test_hostile_links_are_escaped_hrefs(xss_site: XssSite) -> None:
    """Accepted http(s) links are hrefs as written (bar RFC 3986's percent-encoding of `<`, `"`
    and the like), and their link text is the URL exactly as written."""
    root = parse(_built_page(xss_site, "mentor", "links"))
    links = root.find("ul", "cg-links").find_all("a")
    assert [a.attrs.get("href") for a in links] == [u.translate(URL_ESCAPES) for u in LINKS[:5]]
    assert [a.text() for a in links] == LINKS[:5]
    for i, url in enumerate(LINKS):
        facts = parse(_built_page(xss_site, "ask", f"site-{i}")).find("dl", "cg-facts").facts()
        link = facts["Organisation"].find("a")
        assert (link.attrs.get("href"), link.text()) == (url.translate(URL_ESCAPES), f"Org {i}")


def test_built_pages_have_no_injected_markup(xss_site: XssSite) -> None:
    """Static scan of every built page: no on* attribute, no xss element, no script URL."""
    wrong = []
    for path in xss_site.pages:
        for element in parse(path.read_text(encoding="utf-8")).iter():
            where = path.relative_to(xss_site.built.out).as_posix()
            wrong += [f"{where}: <{element.tag} {a}>" for a in element.attrs if a.startswith("on")]
            if (element.attrs.get("id") or "").lower().startswith("xss"):
                wrong.append(f"{where}: created <{element.tag} id={element.attrs['id']}>")
            for name in ("href", "src", "action", "formaction"):
                value = "".join((element.attrs.get(name) or "").split()).lower()
                if urlsplit(value).scheme in ("javascript", "vbscript", "data"):
                    wrong.append(f"{where}: {name}={value[:60]}")
    assert wrong == []


def test_every_page_has_a_strict_csp_before_any_script(xss_site: XssSite) -> None:
    """A Content-Security-Policy meta tag leads <head> on every page and allows no inline script."""
    wrong = []
    for path in xss_site.pages:
        head = parse(path.read_text(encoding="utf-8")).find("head")
        order = [e for e in head.iter() if e.tag in ("script", "meta", "link", "style")]
        csp = [
            i
            for i, e in enumerate(order)
            if (e.attrs.get("http-equiv") or "").lower() == "content-security-policy"
        ]
        where = path.relative_to(xss_site.built.out).as_posix()
        if len(csp) != 1:
            wrong.append(f"{where}: {len(csp)} CSP meta tags")
            continue
        policy = order[csp[0]].attrs.get("content") or ""
        script_src = next((d for d in policy.split(";") if "script-src" in d), "")
        if any(s.tag == "script" for s in order[: csp[0]]):
            wrong.append(f"{where}: a script comes before the CSP")
        wrong += [f"{where}: CSP lacks {m}" for m in CSP_MUST if m not in policy]
        wrong += [f"{where}: script-src has {m}" for m in CSP_MUST_NOT if m in script_src.split()]
    assert wrong == []


@dataclass
class Visit:
    """What one page load reported."""

    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _open_all(base: str, wheres: list[str], context: object) -> Iterator[tuple[str, object, Visit]]:
    """Open each page (relative to `base`) in one tab; yield each with what it reported."""
    page = context.new_page()  # type: ignore[attr-defined]
    visit = Visit()

    def on_dialog(dialog: object) -> None:
        visit.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    for where in wheres:
        visit.dialogs.clear()
        visit.errors.clear()
        page.goto(base + where, wait_until="load")
        page.wait_for_timeout(20)  # let autofocus/ontoggle/onstart handlers fire if any exist
        yield where, page, visit
    page.close()


@pytest.mark.browser
def test_no_payload_runs_even_without_csp(xss_site: XssSite, browser: object) -> None:
    """With the CSP bypassed (escaping alone), no page opens a dialog or holds injected markup."""
    context = browser.new_context(bypass_csp=True, java_script_enabled=True)  # type: ignore[attr-defined]
    wrong = []
    for where, page, visit in _open_all(xss_site.built.url, xss_site.wheres, context):
        found = page.evaluate(FIND_INJECTED)  # type: ignore[attr-defined]
        wrong += [f"{where}: {item}" for item in found]
        wrong += [f"{where}: dialog {d!r}" for d in visit.dialogs]
        wrong += [f"{where}: error {e[:160]}" for e in visit.errors]
    context.close()  # type: ignore[attr-defined]
    assert wrong == []


@pytest.mark.browser
def test_console_is_clean_under_the_csp(xss_site: XssSite, browser: object) -> None:
    """With the CSP on, no page logs an error: nothing was injected that the CSP had to block."""
    context = browser.new_context()  # type: ignore[attr-defined]
    wrong = []
    for where, _page, visit in _open_all(xss_site.built.url, xss_site.wheres, context):
        wrong += [f"{where}: dialog {d!r}" for d in visit.dialogs]
        wrong += [f"{where}: {e[:160]}" for e in visit.errors]
    context.close()  # type: ignore[attr-defined]
    assert wrong == []


CANARY = """<!doctype html><html><head><title>canary</title></head><body>
<p>unescaped on purpose: <img id="xss-7" src="x" onerror="alert(7)"></p>
<details open ontoggle="document.body.setAttribute('data-xss', '8')"><summary>x</summary></details>
</body></html>"""


@pytest.mark.browser
def test_the_sweep_sees_an_injection_when_there_is_one(
    www: tuple[Path, str], browser: object
) -> None:
    """The detector itself: a deliberately unescaped page is caught (dialog, element, handlers)."""
    folder, base = www
    (folder / "canary").mkdir(exist_ok=True)
    (folder / "canary" / "index.html").write_text(CANARY, encoding="utf-8")
    context = browser.new_context()  # type: ignore[attr-defined]
    for _where, page, visit in _open_all(base, ["canary/"], context):
        found = page.evaluate(FIND_INJECTED)  # type: ignore[attr-defined]
        created = 'created <img id="xss-7" src="x" onerror="alert(7)">'
        expected = ["IMG onerror", "DETAILS ontoggle", created, "script ran"]
        assert (visit.dialogs, found) == (["7"], expected)
    context.close()  # type: ignore[attr-defined]


@pytest.mark.browser
def test_search_and_filters_render_payloads_as_text(xss_site: XssSite, browser: object) -> None:
    """Search results and filtered lists (built by JavaScript from the indexes) inject nothing."""
    context = browser.new_context(bypass_csp=True)  # type: ignore[attr-defined]
    wrong = []
    for where, page, visit in _open_all(xss_site.built.url, ["", "mentors/", "asks/"], context):
        if not where:
            for term in ("alert", "img onerror", "script", "javascript", "svg onload"):
                page.fill("#cg-search-input", term)  # type: ignore[attr-defined]
                results = page.locator("#cg-search-results a")  # type: ignore[attr-defined]
                results.first.wait_for(timeout=10_000)
                wrong += [f"search {term!r}: {i}" for i in page.evaluate(FIND_INJECTED)]  # type: ignore[attr-defined]
        else:
            page.select_option("#cg-skill", "bid-writing")  # type: ignore[attr-defined]
            page.wait_for_url(f"{xss_site.built.url}{where}?skill=bid-writing")  # type: ignore[attr-defined]
            page.locator(".cg-count").wait_for(timeout=10_000)  # type: ignore[attr-defined]
            page.fill("#cg-location", "<img")  # type: ignore[attr-defined]
            page.wait_for_timeout(200)  # type: ignore[attr-defined]
            cards = page.locator("ul.cg-list > li").count()  # type: ignore[attr-defined]
            wrong += [] if cards else [f"{where}: the '<img' location filter matched nothing"]
            wrong += [f"{where} filtered: {i}" for i in page.evaluate(FIND_INJECTED)]  # type: ignore[attr-defined]
        wrong += [f"{where}: dialog {d!r}" for d in visit.dialogs]
        wrong += [f"{where}: error {e[:160]}" for e in visit.errors]
    context.close()  # type: ignore[attr-defined]
    assert wrong == []
