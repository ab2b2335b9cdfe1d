"""MkDocs hooks: hand the generator's files and pages to MkDocs, then index them with Pagefind.

A thin adapter: what is published, and how, is decided in generator/ (sources.py, join.py,
theme.py); here it is handed over at the right MkDocs event.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage

from generator import build_date
from generator.join import UnknownJoinLink, fill_join_links
from generator.problems import format_text
from generator.render import Page
from generator.sources import Unpublishable, page_meta, page_title, site_sources
from generator.theme import MAIN_STYLESHEET, fix_material_output, theme_file

# MkDocs re-imports this module on every `serve` rebuild, so the flag lives in the environment.
SERVING = "CROWDGURU_MKDOCS_SERVE"

_pages: dict[str, Page] = {}
_join_links: dict[str, str] = {}
log = logging.getLogger("mkdocs.plugins.crowdguru")


def on_startup(command: str, dirty: bool) -> None:
    """Remember (for this process) whether this is `mkdocs serve`."""
    os.environ[SERVING] = "1" if command == "serve" else ""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Give the templates Material's stylesheet name; under `serve`, allow live-reload's script."""
    config.extra["cg_live_reload"] = bool(os.environ.get(SERVING))
    config.extra["cg_stylesheet"] = theme_file(map(Path, config.theme.dirs), MAIN_STYLESHEET)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Load, validate, match and render the content once; add every page and file it makes.

    With errors, `mkdocs build` fails; `mkdocs serve` shows them as a page and keeps watching.
    """
    root = Path(config.config_file_path).parent
    serving = bool(os.environ.get(SERVING))
    try:
        built = site_sources(
            root,
            os.path.relpath(config.docs_dir, root),
            build_date(),
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            edit_uri=config.edit_uri or "",
            show_problems=serving,
        )
    except Unpublishable as error:
        raise PluginError(str(error)) from None
    if built.errors and not serving:
        raise PluginError(
            f"{len(built.errors)} problem(s) in content/ — fix them, or run "
            f"`python -m generator check`:\n{format_text(built.errors)}"
        )
    if built.errors:
        # INFO, not a warning: `serve --strict` would abort on a warning (and the browser wait).
        shown = format_text(built.errors)
        log.info("%d problem(s) in content/ (shown in the browser):\n%s", len(built.errors), shown)
    _pages.clear()
    _pages.update((page.src_uri, page) for page in built.pages)
    _join_links.clear()
    _join_links.update(built.join_links)
    for source in built.files:
        if files.get_file_from_path(source.src_uri) is not None:
            raise PluginError(f"docs/{source.src_uri} clashes with a generated page; rename it")
        # Entry pages stay out of the nav: MkDocs renders the nav into every page (quadratic).
        level = InclusionLevel.UNDEFINED if source.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(
            File.generated(config, source.src_uri, content=source.content, inclusion=level)
        )
    return files


def on_page_markdown(markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    """Fill in the join links of hand-written pages (`cg-join:add-profile`) from `repo_url`."""
    try:
        return fill_join_links(markdown, _join_links)
    except UnknownJoinLink as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error}") from None


def on_page_content(html: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    """Swap the placeholder's HTML for the generator's, with its escaped title and facts."""
    # Handed over once: MkDocs keeps the HTML as page.content; the generator's copy can go.
    generated = _pages.pop(page.file.src_uri, None)
    if generated is None:
        return html
    if "title" not in vars(page):  # a title from mkdocs.yml's nav is trusted and kept
        page.title = page_title(generated)  # type: ignore[misc]
    page.meta = page_meta(generated)
    return generated.html


def on_post_page(output: str, page: MkPage, config: MkDocsConfig) -> str:
    """Take Material's invalid attributes (toggles' autocomplete, empty tabindex) off every page."""
    return fix_material_output(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages made from a template alone (404.html)."""
    return fix_material_output(output_content)


def on_post_build(config: MkDocsConfig) -> None:
    """Index the built site with Pagefind (only `data-pagefind-body` regions are indexed)."""
    # The CLI, not pagefind.index.PagefindIndex: that API stops its service before the service has
    # finished writing, and leaves some bundle files empty (seen on 1 build in 3).
    command = [sys.executable, "-m", "pagefind", "--site", config.site_dir]
    command += ["--force-language", "en", "--silent"]
    # Material's "¶" permalinks would end every hand-written page's title and heading excerpts.
    command += ["--exclude-selectors", ".headerlink"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the site:\n{result.stdout}{result.stderr}")
