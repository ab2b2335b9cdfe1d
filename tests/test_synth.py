"""`python -m generator synth`: deterministic, right-sized, valid synthetic content."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.load import parse_text
from generator.yamltext import to_yaml

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 28)


def _synth(out: Path, mentors: int, asks: int, seed: int = 7) -> int:
    """Run the command as a user would (through the CLI's dispatch)."""
    argv = ["synth", "--mentors", str(mentors), "--asks", str(asks), "--out", str(out)]
    return main([*argv, "--seed", str(seed), "--today", TODAY.isoformat()])


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under root/content, keyed by relative path."""
    content = root / "content"
    return {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*.yml"))}


def _load(root: Path, kind: str) -> list[dict]:
    """Each file of one folder, parsed with the safe loader."""
    files = sorted((root / "content" / kind).glob("*.yml"))
    return [yaml.load(f.read_text("utf-8"), Loader=yaml.CSafeLoader) for f in files]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One 300 + 300 tree shared by the read-only tests."""
    out = tmp_path_factory.mktemp("synth")
    assert _synth(out, 300, 300) == 0
    return out


def test_same_seed_gives_the_same_bytes(tmp_path: Path, tree: Path) -> None:
    """Two runs with the same seed and date write identical trees."""
    assert _synth(tmp_path, 300, 300) == 0
    assert _tree(tree) == _tree(tmp_path)


def test_another_seed_gives_another_tree(tmp_path: Path, tree: Path) -> None:
    """The seed changes the content, not the shape."""
    assert _synth(tmp_path, 300, 300, seed=8) == 0
    other = _tree(tmp_path)
    assert len(_tree(tree)) == len(other)
    assert _tree(tree) != other


def test_counts_and_vocabulary(tree: Path) -> None:
    """N mentor files, N ask files, and the shipped vocabulary copied byte for byte."""
    content = tree / "content"
    assert len(list((content / "mentors").glob("*.yml"))) == 300
    assert len(list((content / "asks").glob("*.yml"))) == 300
    for name in ("skills.yml", "stages.yml", "sectors.yml"):
        assert (REPO / "content" / name).read_bytes() == (content / name).read_bytes()
    assert sorted(p.name for p in content.iterdir()) == [
        "asks",
        "mentors",
        "sectors.yml",
        "skills.yml",
        "stages.yml",
    ]


def test_zero_entries(tmp_path: Path) -> None:
    """Zero mentors and asks is a valid (empty) directory."""
    assert _synth(tmp_path, 0, 0) == 0
    assert sorted(_tree(tmp_path)) == ["sectors.yml", "skills.yml", "stages.yml"]


def test_refuses_a_non_empty_content_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Existing content is never overwritten: exit 2, a message, nothing written."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "keep.txt").write_text("mine")
    assert _synth(tmp_path, 5, 5) == 2
    assert "already exists and is not empty" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "content").iterdir()] == ["keep.txt"]


def test_refuses_negative_sizes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A negative size is a usage error."""
    assert _synth(tmp_path, -1, 5) == 2
    assert capsys.readouterr().err == "synth: --mentors and --asks must be 0 or more\n"
    assert not (tmp_path / "content").exists()


def test_quoting_keeps_text_as_text() -> None:
    """synth writes with `new`'s writer: text survives the strict loader, never coerced."""
    for text in ("no", "3.10", "12:30", "2026-01-01", 'say "hi"\n', "a: b # c", "Zoë – ok"):
        raw = parse_text(to_yaml({"name": text, "list": [text]}), "x.yml")
        assert tuple(raw.problems) == ()
        assert raw.data == {"name": text, "list": [text]}


def test_every_file_parses_strictly(tree: Path) -> None:
    """No file trips the strict loader, and only date fields are unquoted dates."""
    for path in sorted((tree / "content").glob("*/*.yml")):
        raw = parse_text(path.read_text("utf-8"), path.name)
        assert tuple(raw.problems) == (), path


def test_shape_is_realistic(tree: Path) -> None:
    """Stages 1–5 (mean ~3), skewed skill demand, unique emails, a few stale and expired."""
    mentors, asks = _load(tree, "mentors"), _load(tree, "asks")
    stages = [len(a["stages"]) for a in asks]
    assert (min(stages), max(stages)) == (1, 5)
    assert 2.7 <= statistics.mean(stages) <= 3.3
    emails = [m["email"] for m in mentors]
    assert len(emails) == len(set(emails))
    assert all(e.endswith("@example.org") for e in emails)
    demand = Counter(s for a in asks for st in a["stages"] for s in st["skills"])
    top, median = demand.most_common(1)[0][1], statistics.median(demand.values())
    assert top >= 4 * median
    stale = sum((TODAY - m["confirmed"]).days > 365 for m in mentors)
    assert 3 <= stale <= 30
    statuses = Counter(a.get("status", "open") for a in asks)
    assert {"open", "matched", "closed"} == set(statuses)
    assert 1 <= statuses["matched"] < statuses["open"]


def test_output_is_valid(tree: Path) -> None:
    """The validator finds nothing wrong, keeps every entry, and sees stale and expired ones."""
    from generator.validate import build_directory

    result = build_directory(tree, TODAY)
    assert result.problems == ()
    directory = result.directory
    assert (len(directory.mentors), len(directory.asks)) == (300, 300)
    stale = sum(m.stale for m in directory.mentors)
    expired = sum(a.expired for a in directory.asks)
    assert 3 <= stale <= 30
    assert 3 <= expired <= 40


def test_check_is_clean_from_the_output_folder(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m generator check`, run inside the synthetic tree, exits 0."""
    monkeypatch.chdir(tree)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795824000")  # 2026-11-28
    assert main(["check"]) == 0
    assert capsys.readouterr().err == "no problems (600 valid mentor and ask files)\n"
