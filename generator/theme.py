"""What the build takes from Material and changes in its output, outside its templates."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# Material's stylesheet, under a name that changes with each Material release.
MAIN_STYLESHEET = "assets/stylesheets/main.*.min.css"
# Material's drawer and search toggles, as its base.html writes them, outside any block or partial.
# autocomplete="off" is invalid on a checkbox (a Nu HTML Checker error on every page);
# assets/cg-scope.js unchecks them on pageshow instead, which is what the attribute was for.
_TOGGLES = tuple(
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}"'
    for name in ("drawer", "search")
)
_AUTOCOMPLETE = ' autocomplete="off">'
# Material's nav-item.html gives a section's label `tabindex="{{ tabindex }}"`, empty when the
# label is not meant to be focusable: an empty tabindex is invalid HTML (a Nu checker error).
_EMPTY_TABINDEX = '_label" tabindex="">'


def theme_file(folders: Iterable[Path], pattern: str) -> str:
    """The path, inside the first of `folders` that has one, of the one file matching `pattern`."""
    for folder in folders:
        found = sorted(folder.glob(pattern))
        if len(found) > 1:
            raise LookupError(f"{folder} has {len(found)} files matching {pattern}: expected one")
        if found:
            return found[0].relative_to(folder).as_posix()
    raise LookupError(f"no theme file matches {pattern}")


def fix_material_output(html: str) -> str:
    """`html` without `autocomplete="off"` on Material's drawer and search toggles, and without
    the empty `tabindex` on its nav section labels."""
    for toggle in _TOGGLES:
        html = html.replace(toggle + _AUTOCOMPLETE, toggle + ">", 1)
    return html.replace(_EMPTY_TABINDEX, '_label">')
