"""The site's URL scheme in one place: every page, anchor and generated file the site links to.

URLs are site-relative and directory-style, without a leading slash (`asks/x/`): pages link to
each other with `relative()` so the site works under a sub-path, and emails and feeds use
`absolute()` with the configured `site_url`.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

HOME = ""
ASKS = "asks/"
MENTORS = "mentors/"
SKILLS = "skills/"
GAPS = "gaps/"
STAGES = "stages/"
SEARCH = "search/"
CONDUCT = "conduct/"
SKILLS_BY_DEMAND = "skills/#cg-most-needed"
VOLUNTEER = "contribute/#add-a-mentor-profile-from-your-browser"
CONTRIBUTE = "contribute/"
FIELDS = "fields/"
PRIVACY = "privacy/"
ASKS_FEED = "feeds/asks.xml"
DATA = "data/"
SCHEMA = "schema/"
# The list filters' files (generator/render_filters.py); underscores never occur in a slug.
ASKS_FILTERS = "asks/filter_data/"
MENTORS_FILTERS = "mentors/filter_data/"


def ask(slug: str) -> str:
    """An ask's page."""
    return f"asks/{slug}/"


def stage(slug: str, number: int) -> str:
    """A stage on its ask's page (`#stage-N`)."""
    return f"asks/{slug}/#{stage_anchor(number)}"


def stage_anchor(number: int) -> str:
    """The fragment id of stage `number` on its ask page."""
    return f"stage-{number}"


def stage_type(template_id: str) -> str:
    """A stage template's section on /stages/: its suggested skills and mentors."""
    return f"stages/#type-{template_id}"


def mentor(slug: str) -> str:
    """A mentor's profile."""
    return f"mentors/{slug}/"


def skill(skill_id: str) -> str:
    """A skill's page: who has it, which stages need it."""
    return f"skills/{skill_id}/"


def skill_feed(skill_id: str) -> str:
    """The Atom feed of open stages that need a skill."""
    return f"skills/{skill_id}/feed.xml"


def skill_demand(skill_id: str) -> str:
    """The list of open stages on a skill's page."""
    return f"skills/{skill_id}/#cg-demand"


def group(group_id: str) -> str:
    """A skill group's section on /skills/."""
    return f"skills/#group-{group_id}"


def list_page(base: str, stem: str, number: int) -> str:
    """Page `number` of a list: `asks/`, `asks/page_2/`; `asks/not_open/`, `asks/not_open_2/`.

    Underscores cannot occur in slugs, so these never collide with an entry's page.
    """
    if number == 1:
        return base if stem == "page" else f"{base}{stem}/"
    return f"{base}{stem}_{number}/"


def filtered(list_url: str, **params: str) -> str:
    """A list page with filters in its query (`mentors/?skill=bid-writing`)."""
    return f"{list_url}?{urlencode(params, quote_via=quote)}" if params else list_url


def source_path(url: str) -> str:
    """The Markdown source path that becomes `url` (`asks/x/` → `asks/x/index.md`)."""
    if not url.endswith("/") and url:
        raise ValueError(f"not a page URL: {url!r}")
    return f"{url}index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from page `from_url` to `to_url` (both site-relative, directory style)."""
    path, _, fragment = to_url.partition("#")
    here = from_url.split("/")[:-1]
    there = path.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    rel = "../" * (len(here) - common) + "/".join(there[common:])
    rel = rel or "./"
    return f"{rel}#{fragment}" if fragment else rel


def absolute(site_url: str, url: str) -> str:
    """The absolute URL of `url` under `site_url`, or `/url` when no site URL is configured."""
    return f"{site_url.rstrip('/')}/{url}" if site_url else f"/{url}"


def data_file(name: str) -> str:
    """An open-data file under /data/ (`data/asks.json`)."""
    return f"{DATA}{name}"


def data_schema(name: str) -> str:
    """The JSON Schema of an open-data file (`schema/data-asks.json` for `asks`)."""
    return f"{SCHEMA}data-{name}.json"


def repo_new_file(repo_url: str, branch: str, folder: str, filename: str, value: str) -> str:
    """GitHub's new-file page in `folder` of the repository, pre-filled with a name and text."""
    query = urlencode({"filename": filename, "value": value}, quote_via=quote)
    return f"{_repo(repo_url)}/new/{quote(branch, safe='')}/{quote(folder)}?{query}"


def repo_edit_file(repo_url: str, branch: str, path: str) -> str:
    """GitHub's edit page of one file of the repository (`content/mentors/ana.yml`)."""
    return f"{_repo(repo_url)}/edit/{quote(branch, safe='')}/{quote(path)}"


def repo_issue_form(repo_url: str, form: str) -> str:
    """A new issue opened with one of the repository's issue forms (`add-mentor.yml`)."""
    return f"{_repo(repo_url)}/issues/new?{urlencode({'template': form}, quote_via=quote)}"


def _repo(repo_url: str) -> str:
    return repo_url.rstrip("/")
