"""The list filters in Chromium on a synthetic site whose results span many card files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Response, expect

from generator.model import Directory
from generator.render_filters import CHUNK
from generator.validate import build_directory
from scripts.bench_browser import settle
from tests.conftest import REPO, TODAY, Built, _build, site_root
from tests.listed import (
    REMOTE,
    ask_values,
    count_text,
    in_place,
    listed_asks,
    listed_mentors,
    mentor_values,
)

pytestmark = pytest.mark.browser
MENTORS, ASKS = 400, 200
SHOWN = 100  # cards a filtered list shows (assets/cg.js)


@pytest.fixture(scope="module")
def synth_site(www: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Built:
    """`synth` content, 400 mentors and 200 asks dated at the build date, built and served."""
    out = tmp_path_factory.mktemp("synth")
    argv = ["synth", "--mentors", str(MENTORS), "--asks", str(ASKS), "--out", str(out)]
    argv += ["--today", TODAY.isoformat(), "--seed", "5"]
    subprocess.run([sys.executable, "-m", "generator", *argv], check=True, cwd=REPO)
    root = site_root(tmp_path_factory.mktemp("synth-site") / "repo", out / "content")
    return _build(www, root, "synth")


@pytest.fixture(scope="module")
def directory(synth_site: Built) -> Directory:
    """The synthetic content as the build read it."""
    return build_directory(synth_site.root, TODAY).directory


@pytest.fixture
def page(browser: object) -> Iterator[Page]:
    """A fresh tab with an empty cache."""
    context = browser.new_context()  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


def hrefs(page: Page) -> list[str]:
    """The links of the list's cards, in order."""
    return page.locator("ul.cg-list > li .cg-card-title a").evaluate_all(
        "links => links.map(a => a.href)"
    )


def spans(positions: list[int]) -> int:
    """How many chunk files the positions fall in."""
    return len({p // CHUNK for p in positions})


def test_two_filters_show_the_entries_holding_both(
    synth_site: Built, directory: Directory, page: Page
) -> None:
    """A skill and a sector on /mentors/, a skill and a stage type on /asks/: the count and the
    cards (in list order) are those of the entries holding both, scattered over many chunks."""
    mentors = listed_mentors(directory)
    values = [mentor_values(m, directory) for m in mentors]
    pairs = Counter((k, s) for v in values for k in v["skill"] for s in v["sector"])
    (skill, sector), n = max(((p, c) for p, c in pairs.items() if c <= SHOWN), key=lambda x: x[1])
    both = [p for p, v in enumerate(values) if skill in v["skill"] and sector in v["sector"]]
    assert len(both) == n and spans(both) >= 3
    page.goto(f"{synth_site.url}mentors/")
    page.select_option("#cg-skill", skill)
    page.select_option("#cg-sector", sector)
    expect(page.locator(".cg-count")).to_have_text(count_text("mentors", n, len(mentors)))
    assert hrefs(page) == [f"{synth_site.url}mentors/{mentors[p].slug}/" for p in both]
    page.wait_for_url(f"{synth_site.url}mentors/?skill={skill}&sector={sector}")

    asks = listed_asks(directory)
    values = [ask_values(a) for a in asks]
    pairs = Counter((k, t) for v in values for k in v["skill"] for t in v["template"])
    (skill, template), _ = max(pairs.items(), key=lambda x: (x[1], x[0]))
    both = [p for p, v in enumerate(values) if skill in v["skill"] and template in v["template"]]
    page.goto(f"{synth_site.url}asks/?skill={skill}&template={template}")
    expect(page.locator(".cg-count")).to_have_text(count_text("asks", len(both), len(asks)))
    assert hrefs(page) == [f"{synth_site.url}asks/{asks[p].slug}/" for p in both[:SHOWN]]


def test_a_popular_value_shows_its_first_hundred(
    synth_site: Built, directory: Directory, page: Page
) -> None:
    """A format most mentors offer: the count says only the first 100 are shown, in list order."""
    mentors = listed_mentors(directory)
    offer = Counter(f for m in mentors for f in m.formats)
    common = max(offer, key=lambda f: (offer[f], f))
    holding = [m for m in mentors if common in m.formats]
    assert len(holding) > SHOWN
    page.goto(f"{synth_site.url}mentors/?format={common}")
    expect(page.locator(".cg-count")).to_have_text(
        count_text("mentors", len(holding), len(mentors))
    )
    assert hrefs(page) == [f"{synth_site.url}mentors/{m.slug}/" for m in holding[:SHOWN]]


def common_town(mentors: list) -> str:
    """The town most mentors name ("Leeds" of "Leeds, UK")."""
    towns = Counter(m.location.split(",")[0] for m in mentors if "," in m.location)
    return max(towns, key=lambda t: (towns[t], t))


def test_location_lists_mentors_there_then_remote_ones(
    synth_site: Built, directory: Directory, page: Page
) -> None:
    """A town typed on /mentors/: mentors there first, then those who help by video, phone or
    email, each in list order, with both counts; combined with a skill, the same rule."""
    mentors = listed_mentors(directory)
    town = common_town(mentors)
    skills = {k for m in mentors for k in m.skills}
    local = max(
        skills,
        key=lambda k: (sum(k in m.skills and in_place(m.location, town) for m in mentors), k),
    )
    for skill in ("", local):
        pool = [m for m in mentors if not skill or skill in m.skills]
        there = [m for m in pool if in_place(m.location, town)]
        remote = [m for m in pool if not in_place(m.location, town) and REMOTE & set(m.formats)]
        assert there and remote
        page.goto(f"{synth_site.url}mentors/" + (f"?skill={skill}" if skill else ""))
        page.fill("#cg-location", town.lower())
        tail = (
            f"in “{town.lower()}” or remote ({len(there)} there, {len(remote)} by video, "
            "phone or email)"
        )
        expect(page.locator(".cg-count")).to_have_text(
            count_text("mentors", len(there) + len(remote), len(mentors), tail)
        )
        shown = (there + remote)[:SHOWN]
        assert hrefs(page) == [f"{synth_site.url}mentors/{m.slug}/" for m in shown]


def fetched(page: Page, site: Built, act: Callable[[], object]) -> dict[str, int]:
    """The files (site-relative) `act()` makes the page fetch until the list shows the result,
    with the bytes of each response."""
    responses: list[Response] = []

    def record(response: Response) -> None:
        responses.append(response)

    page.on("response", record)
    act()
    expect(page.locator(".cg-count")).to_have_text(re.compile(r"^\d+ of "))
    page.remove_listener("response", record)
    base = urlsplit(site.url).path
    paths = {urlsplit(r.url).path.removeprefix(base): r for r in responses}
    # Chromium fetches the tab's icon when it likes; the page's script does not ask for it.
    return {path: len(r.body()) for path, r in paths.items() if path != "assets/favicon.svg"}


def at(site: Built, name: str) -> list[int]:
    """The list positions a card file holds."""
    return json.loads((site.out / name).read_text("utf-8"))["at"]


def test_first_use_fetches_only_the_value_files(
    synth_site: Built, directory: Directory, page: Page
) -> None:
    """A first skill filter fetches meta.json, that skill's bitset and its first cards, nothing
    else; a typed town then adds the places, that town's first cards and only chunks holding a
    card shown that no file fetched before holds. No old one-file index is ever fetched."""
    mentors = listed_mentors(directory)
    holders = Counter(k for m in mentors for k in m.skills)
    skill = max(holders, key=lambda k: (holders[k], k))
    i = sorted(holders).index(skill)
    folder = "mentors/filter_data/"
    settle(page, f"{synth_site.url}mentors/")
    first = fetched(page, synth_site, lambda: page.select_option("#cg-skill", skill))
    expected = {f"{folder}{n}" for n in ("meta.json", f"skill-{i}.json", f"skill-{i}-first.json")}
    assert first == {name: (synth_site.out / name).stat().st_size for name in expected}

    page.select_option("#cg-skill", "")
    town = common_town(mentors)
    more = fetched(page, synth_site, lambda: page.fill("#cg-location", town))
    assert all(name.startswith(folder) for name in more)
    names = {name.removeprefix(folder) for name in more}
    places = json.loads((synth_site.out / folder / "place.json").read_text("utf-8"))["names"]
    towns = {f"place-{j}-first.json" for j, n in enumerate(places) if in_place(n, town) and n}
    heads = names & towns
    chunks = {n for n in names if re.fullmatch(r"chunk-\d+\.json", n)}
    assert heads and names == {"place.json"} | heads | chunks
    shown = hrefs(page)
    before = set(at(synth_site, f"{folder}skill-{i}-first.json"))
    before |= {p for head in heads for p in at(synth_site, folder + head)}
    for chunk in chunks:
        new = [p for p in at(synth_site, folder + chunk) if p not in before]
        assert any(f"{synth_site.url}mentors/{mentors[p].slug}/" in shown for p in new), chunk


def test_a_value_no_entry_has_matches_nothing(
    synth_site: Built, directory: Directory, page: Page
) -> None:
    """A value the form offers but no listed entry has (there is no file for it): nothing
    matches, and the count says so."""
    lists = {
        "mentors": [mentor_values(m, directory) for m in listed_mentors(directory)],
        "asks": [ask_values(a) for a in listed_asks(directory)],
    }
    found = []
    for kind, values in lists.items():
        page.goto(f"{synth_site.url}{kind}/")
        for field in ("skill", "sector"):
            held = {v for entry in values for v in entry[field]}
            options = page.locator(f"#cg-{field} option").evaluate_all("os => os.map(o => o.value)")
            found += [(kind, field, v) for v in options if v and v not in held]
    assert found, "the synthetic site should leave some skill or sector unused"
    kind, field, value = found[0]
    page.goto(f"{synth_site.url}{kind}/?{field}={value}")
    expect(page.locator(".cg-count")).to_have_text(count_text(kind, 0, len(lists[kind])))
    assert hrefs(page) == []


def test_a_failed_file_says_so_and_a_retry_works(
    synth_site: Built, directory: Directory, page: Page
) -> None:
    """When a filter file cannot be fetched the count says filtering is unavailable; once the
    file can be fetched again, the same choice filters."""
    mentors = listed_mentors(directory)
    holders = Counter(k for m in mentors for k in m.skills)
    skill = max(holders, key=lambda k: (holders[k], k))
    page.route("**/filter_data/skill-*.json", lambda route: route.abort())
    settle(page, f"{synth_site.url}mentors/")
    page.select_option("#cg-skill", skill)
    expect(page.locator(".cg-count")).to_have_text(
        "Filtering is not available right now; the full list is below."
    )
    page.unroute("**/filter_data/skill-*.json")
    page.select_option("#cg-skill", "")
    page.select_option("#cg-skill", skill)
    expect(page.locator(".cg-count")).to_have_text(
        count_text("mentors", holders[skill], len(mentors))
    )
