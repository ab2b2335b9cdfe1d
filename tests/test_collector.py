"""The pipeline pauses the cyclic collector while it works and leaves it as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from generator import match as match_module
from generator import render as render_module
from generator import tree
from generator import validate as validate_module
from generator.collector import collector_paused
from tests.conftest import REPO, TODAY


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_restored_after(collector_on: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_exception(collector_on: None) -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_left_off_when_it_was_off(collector_on: None) -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_each_step_runs_paused_and_restores_it(
    collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """load → validate → match → render each work with the collector off, then turn it back on."""
    seen: dict[str, bool] = {}

    def spy(module: object, name: str) -> None:
        original = getattr(module, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            seen.setdefault(name, gc.isenabled())
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    spy(tree, "_load_folder")
    spy(validate_module, "_mentor")
    spy(match_module, "_Matcher")
    spy(render_module, "ask_page")
    content = tree.load_content(REPO)
    assert gc.isenabled()
    result = validate_module.validate(content, TODAY)
    assert gc.isenabled()
    matches = match_module.match(result.directory)
    assert gc.isenabled()
    render_module.render_site(result.directory, matches)
    assert gc.isenabled()
    assert seen == {"_load_folder": False, "_mentor": False, "_Matcher": False, "ask_page": False}
