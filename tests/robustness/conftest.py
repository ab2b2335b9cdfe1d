"""Shared helpers for the robustness suite: vendored corpora, a tiny taxonomy, YAML writing."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

from generator.load import parse_text
from generator.tree import Content
from generator.validate import Validated, validate

DATA = Path(__file__).parent / "data"
TODAY_ISO = "2026-11-01"

# CI runs a modest budget; `scripts/fuzz.py` selects "fuzz" for a long run.
settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SKILLS_YML = """\
groups:
  - id: money
    label: Money
  - id: words
    label: Words
skills:
  - id: bid-writing
    label: Bid writing
    group: money
    aliases: [grant writing]
  - id: budgeting
    label: Budgeting
    group: money
  - id: copywriting
    label: Copywriting
    group: words
"""
STAGES_YML = """\
- id: draft
  label: Draft
  description: Write the first version.
  suggested_skills: [bid-writing]
"""
SECTORS_YML = """\
- id: youth
  label: Young people
"""


def validate_texts(
    mentor_text: str | None, ask_text: str | None, slug: str = "x", today: date | None = None
) -> Validated:
    """Validate one mentor and/or one ask file, given as YAML text, with the tiny taxonomy."""
    vocab = (
        parse_text(SKILLS_YML, "content/skills.yml"),
        parse_text(STAGES_YML, "content/stages.yml", top=list),
        parse_text(SECTORS_YML, "content/sectors.yml", top=list),
    )
    mentors = (
        () if mentor_text is None else (parse_text(mentor_text, f"content/mentors/{slug}.yml"),)
    )
    asks = () if ask_text is None else (parse_text(ask_text, f"content/asks/{slug}.yml"),)
    when = today or date.fromisoformat(TODAY_ISO)
    return validate(Content(*vocab, mentors=mentors, asks=asks), when)


def yaml_suite_cases() -> list[tuple[str, Path]]:
    """Every YAML test suite input as (case id, path); multi-part cases are `ID-NN`."""
    root = DATA / "yaml-test-suite"
    found = sorted(root.rglob("in.yaml"))
    return [(str(p.parent.relative_to(root)).replace("/", "-"), p) for p in found]


def naughty_strings() -> list[str]:
    """The Big List of Naughty Strings (515 strings, including the empty string)."""
    return json.loads((DATA / "naughty-strings" / "blns.json").read_text(encoding="utf-8"))


def xss_payloads() -> list[str]:
    """The XSS corpus: one payload a line, `N` replaced by the payload's number (its marker)."""
    lines = (DATA / "xss.txt").read_text(encoding="utf-8").splitlines()
    payloads = [line for line in lines if line and not line.startswith("#")]
    return [p.replace("xss-N", f"xss-{i}").replace("(N)", f"({i})") for i, p in enumerate(payloads)]


def quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text` (any code point).

    json.dumps is not enough: YAML rejects JSON's surrogate-pair escapes for astral characters.
    """
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Plain):
        return str(value)
    return quote(str(value))


class Plain(str):
    """A value written unquoted (dates), so YAML reads it the way a contributor would write it."""


def to_yaml(data: Mapping[str, Any], indent: int = 0) -> str:
    """Block-style YAML for a mapping of scalars, flow lists and nested mappings/lists of them."""
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, Mapping):
            lines.append(f"{pad}{key}:")
            lines.append(to_yaml(value, indent + 2))
        elif isinstance(value, list) and value and isinstance(value[0], Mapping):
            lines.append(f"{pad}{key}:")
            for item in value:
                body = to_yaml(item, indent + 4)
                lines.append(f"{pad}  - " + body[indent + 4 :])
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")
    return "\n".join(lines)


def field_lines(text: str) -> dict[str, int]:
    """Line number of each `key:` in YAML written by `to_yaml` (stage keys as `stages[0].key`)."""
    found: dict[str, int] = {}
    stage = -1
    parent = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" -")
        key = stripped.split(":", 1)[0]
        depth = len(line) - len(line.lstrip(" "))
        if line.lstrip(" ").startswith("- ") and parent == "stages":
            stage += 1
        if depth == 0:
            parent = key
            found[key] = number
        elif parent == "stages":
            found[f"stages[{stage}].{key}"] = number
        else:
            found[f"{parent}.{key}"] = number
    return found


def mentor(slug: str, **fields: Any) -> dict[str, Any]:
    """A valid mentor profile (as data), with `fields` overriding the defaults."""
    # Names, titles and stages carry the slug: files alike would be reported as duplicates.
    base: dict[str, Any] = {
        "name": f"Robin Example {slug}",
        "headline": "Trusts fundraiser",
        "bio": "I read bids.",
        "email": f"{slug}@example.org",
        "skills": ["bid-writing"],
        "formats": ["call"],
        "location": "Leeds, UK",
        "confirmed": Plain("2026-10-01"),
        "consent": True,
    }
    return base | fields


def ask(slug: str, stage: Mapping[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    """A valid ask (as data) with one stage; `stage` and `fields` override the defaults."""
    first = {
        "title": "Write the bid",
        "need": f"A read of draft {slug}.",
        "skills": ["bid-writing"],
    }
    base: dict[str, Any] = {
        "title": f"Fund our youth club {slug}",
        "organisation": {"name": f"Example Youth Club {slug}"},
        "summary": "We need a grant.",
        "contact": {"name": "Sam Example", "email": f"{slug}@example.org"},
        "location": "York, UK",
        "posted": Plain("2026-10-20"),
        "stages": [first | dict(stage or {})],
        "consent": True,
    }
    return base | fields


def write_tree(root: Path, mentors: Mapping[str, str] = {}, asks: Mapping[str, str] = {}) -> Path:
    """A content tree under `root` with the tiny taxonomy and the given files (slug → text)."""
    content = root / "content"
    for folder in ("mentors", "asks"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    (content / "skills.yml").write_text(SKILLS_YML, encoding="utf-8")
    (content / "stages.yml").write_text(STAGES_YML, encoding="utf-8")
    (content / "sectors.yml").write_text(SECTORS_YML, encoding="utf-8")
    for folder, files in (("mentors", mentors), ("asks", asks)):
        for slug, text in files.items():
            (content / folder / f"{slug}.yml").write_text(text, encoding="utf-8", newline="")
    return root


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the main thread if the block runs longer than `seconds`."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
