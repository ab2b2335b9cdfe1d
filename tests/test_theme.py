"""What the build takes from Material (its stylesheet's name) and changes in its output."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from generator.theme import MAIN_STYLESHEET, fix_material_output, theme_file
from tests.conftest import Built

MATERIAL = Path(material.__file__).parent / "templates"
DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
SEARCH = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
TOGGLE = re.compile(r'<input class="md-toggle"[^>]*>')


def test_toggles_lose_autocomplete_and_nothing_else_changes() -> None:
    """Only the two toggles change; another input's autocomplete stays."""
    other = '<input id="q" type="search" autocomplete="off">'
    html = f'<body>{DRAWER} autocomplete="off">{SEARCH} autocomplete="off">{other}</body>'
    assert fix_material_output(html) == f"<body>{DRAWER}>{SEARCH}>{other}</body>"
    clean = f"<body>{DRAWER}>{SEARCH}>{other}</body>"
    assert fix_material_output(clean) == clean
    assert fix_material_output("") == ""


def test_nav_labels_lose_an_empty_tabindex_and_keep_a_real_one() -> None:
    """A section label's empty tabindex goes; a label with a tabindex, and text, stay."""
    empty = '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
    real = '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="0">'
    text = "<p>_label&#34; tabindex=&#34;&#34;&gt;</p>"
    html = f"{empty}{real}{text}"
    expected = f'<label class="md-nav__link" for="__nav_2" id="__nav_2_label">{real}{text}'
    assert fix_material_output(html) == expected


def test_material_writes_the_nav_labels_this_build_fixes() -> None:
    """The installed Material's nav-item.html writes a label's tabindex as this fix expects."""
    source = (MATERIAL / "partials" / "nav-item.html").read_text("utf-8")
    labels = [t for t in re.findall(r"<label [^>]*>", source) if "tabindex" in t]
    assert len(labels) == 2
    assert all(
        label.endswith('id="{{ path }}_label" tabindex="{{ tabindex }}">') for label in labels
    )


def test_material_writes_the_toggles_this_build_fixes() -> None:
    """The installed Material's base.html has both toggles with autocomplete, as expected here
    (a Material release that writes them otherwise fails this, not only the HTML checker)."""
    source = (MATERIAL / "base.html").read_text("utf-8")
    assert [t for t in TOGGLE.findall(source) if "autocomplete" in t] == [
        f'{DRAWER} autocomplete="off">',
        f'{SEARCH} autocomplete="off">',
    ]
    assert TOGGLE.findall(fix_material_output(source)) == [f"{DRAWER}>", f"{SEARCH}>"]


def test_every_built_page_has_valid_toggles(shipped_site: Built) -> None:
    """Pages made from content, hand-written pages and the 404 page alike."""
    pages = sorted(shipped_site.out.rglob("*.html"))
    assert shipped_site.out / "404.html" in pages
    for built in pages:
        html = built.read_text("utf-8")
        assert TOGGLE.findall(html) == [f"{DRAWER}>", f"{SEARCH}>"], built
        assert 'tabindex=""' not in html, built


def test_theme_file_finds_the_one_match_in_the_first_folder_having_one(tmp_path: Path) -> None:
    """The custom folder first, then the theme; a source map does not match; two matches or
    none are an error."""
    custom, theme = tmp_path / "overrides", tmp_path / "theme"
    styles = theme / "assets" / "stylesheets"
    styles.mkdir(parents=True)
    (custom / "assets").mkdir(parents=True)
    (styles / "main.1a2b3c4d.min.css").write_text("a{}", "utf-8")
    (styles / "main.1a2b3c4d.min.css.map").write_text("{}", "utf-8")
    (styles / "palette.5e6f7a8b.min.css").write_text("b{}", "utf-8")
    found = theme_file([custom, theme], MAIN_STYLESHEET)
    assert found == "assets/stylesheets/main.1a2b3c4d.min.css"
    (custom / "assets" / "stylesheets").mkdir()
    (custom / "assets" / "stylesheets" / "main.00000000.min.css").write_text("c{}", "utf-8")
    found = theme_file([custom, theme], MAIN_STYLESHEET)
    assert found == "assets/stylesheets/main.00000000.min.css"
    (styles / "main.99999999.min.css").write_text("d{}", "utf-8")
    with pytest.raises(LookupError, match="has 2 files matching"):
        theme_file([theme], MAIN_STYLESHEET)
    with pytest.raises(LookupError, match="no theme file matches"):
        theme_file([tmp_path / "nowhere"], MAIN_STYLESHEET)


def test_material_has_one_main_stylesheet() -> None:
    """The installed Material ships exactly one main stylesheet, which the pages link."""
    assert re.fullmatch(
        r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", theme_file([MATERIAL], MAIN_STYLESHEET)
    )
