"""`python -m generator intake EVENT.json`: an accepted issue form → a content file, or problems.

The issue's body is untrusted text in the Markdown GitHub renders from a form (`### Label`, the
answer, `_No response_` when empty). It is read by the form's own labels, turned into the same
data `new` would build, written with `new`'s writer and checked with the whole content tree. No
text from it is ever interpreted as YAML, a path or a command.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator import build_date, find_root
from generator.markdown import code, md
from generator.new import Draft, Field, slugify, typed
from generator.rules import check_slug
from generator.schema import load_schema
from generator.tree import load_content

EPILOG = """examples:
  python -m generator intake "$GITHUB_EVENT_PATH" --out . --message message.md
  python -m generator intake tests/fixtures/intake/mentor.json --out /tmp/repo

EVENT.json is an `issues` event (action `labeled`, label `accepted`) of an issue made from the
add-mentor or post-ask form. On success the file is written under OUT/content/ and its path
printed; --message gets the pull request's description. Otherwise --message gets the problems,
as a comment for the issue. Exit 0 written, 1 problems, 2 not such an event / usage.
"""

ACCEPTED = "accepted"
FORMS = {"add-mentor": ("mentor", "mentors"), "post-ask": ("ask", "asks")}
MAX_EVENT = 2_000_000  # bytes; GitHub caps an issue body at 65,536 characters
MAX_BODY = 65_536
NO_RESPONSE = "_No response_"
STAGE_KEYS = ("title", "template", "need", "skills", "formats", "status")
_STAGE_LINE = re.compile(rf"^\s*({'|'.join(STAGE_KEYS)})\s*:\s?(.*)$", re.IGNORECASE)
_CHECKED = re.compile(r"^- \[[xX]\] (.*)$")


class NotAnIntake(Exception):
    """The event is not an accepted issue made from one of the forms."""


@dataclass(frozen=True)
class Result:
    """The file written (or not), and the problems a person must fix."""

    kind: str
    path: str
    text: str
    problems: tuple[str, ...]


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """The `intake` subcommand."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "intake",
        help="turn an accepted add-mentor/post-ask issue into a content file",
        description="Read a GitHub `issues` event, convert the issue form's answers into a "
        "mentor or ask file with the writer `new` uses, and check it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("event", type=Path, metavar="EVENT.json", help="the event payload")
    parser.add_argument("--out", type=Path, help="the repository to write into (default: here)")
    parser.add_argument("--message", type=Path, metavar="FILE", help="PR body or issue comment")
    return parser


def read_event(path: Path) -> dict[str, Any]:
    """The event as data; NotAnIntake when it is not an accepted form issue."""
    try:
        if path.stat().st_size > MAX_EVENT:
            raise NotAnIntake(f"{path}: larger than {MAX_EVENT} bytes")
        event = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise NotAnIntake(f"{path}: not a readable JSON event ({error})") from error
    issue = event.get("issue") if isinstance(event, dict) else None
    label = (event.get("label") or {}).get("name") if isinstance(event, dict) else None
    if not isinstance(issue, dict) or event.get("action") != "labeled" or label != ACCEPTED:
        raise NotAnIntake("not an issue labelled `accepted`")
    return event


def form_of(issue: dict[str, Any]) -> str:
    """`add-mentor` or `post-ask`, from the issue's labels."""
    names = {label.get("name") for label in issue.get("labels") or () if isinstance(label, dict)}
    found = [form for form in FORMS if form in names]
    if len(found) != 1:
        raise NotAnIntake("the issue has neither (or both) of the labels add-mentor, post-ask")
    return found[0]


def load_form(root: Path, form: str) -> list[dict[str, Any]]:
    """The form's input elements (with id and label), from .github/ISSUE_TEMPLATE/."""
    path = root / ".github" / "ISSUE_TEMPLATE" / f"{form}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [item for item in data["body"] if item.get("id")]


def sections(body: str, labels: list[str]) -> tuple[dict[str, str], list[str]]:
    """The answer under each `### Label`, and problems (a label missing, or there twice).

    Only the form's own labels start a section; one written twice (e.g. inside an answer, to
    pass as another field) makes the body ambiguous, and it is refused.
    """
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    where = {label: [i for i, line in enumerate(lines) if line.strip() == f"### {label}"]
             for label in labels}  # fmt: skip
    problems = [
        f"the issue has the heading '### {label}' {len(at)} times; keep only the form's one"
        for label, at in where.items()
        if len(at) > 1
    ]
    starts = sorted((at[0], label) for label, at in where.items() if len(at) == 1)
    first = starts[0][0] if starts else len(lines)
    if "\n".join(lines[:first]).strip():
        problems.append("the issue has text before the form's first heading (move it to a field)")
    answers = {label: "" for label, at in where.items() if len(at) > 1}
    for n, (start, label) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        text = "\n".join(lines[start + 1 : end]).strip("\n")
        answers[label] = "" if text.strip() == NO_RESPONSE else text
    return answers, problems


def _split(text: str, commas: bool = True) -> list[str]:
    pattern = r"[,\n]" if commas else r"\s+"
    return [item.strip() for item in re.split(pattern, text) if item.strip()]


def _schema_node(kind: str, path: tuple[str, ...]) -> dict[str, Any]:
    node = load_schema(kind)
    for part in path:
        node = node.get("properties", {}).get(part, {})
    return node


def _value(
    kind: str, path: tuple[str, ...], element: dict[str, Any], answer: str, today: date
) -> Any:
    """The YAML value of one answer (None: leave the field out)."""
    node = _schema_node(kind, path)
    if element["type"] == "checkboxes":
        ticked = [m.group(1).strip() for line in answer.split("\n") if (m := _CHECKED.match(line))]
        return bool(ticked) if node.get("type") == "boolean" else ticked or None
    if node.get("type") == "array":
        return _split(answer, commas=path != ("links",)) or None
    kinds = {"boolean": "bool", "integer": "int"}
    field_kind = kinds.get(node.get("type", ""), "text")
    if node.get("format") == "date":
        field_kind = "date"
    if element["type"] == "textarea" and field_kind == "text":
        field_kind = "multiline"
    default = "today" if path in (("confirmed",), ("posted",)) else ""
    return typed(Field(path, field_kind, default=default), answer, today)


def parse_stages(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """`title:` starts a stage; `need:`, `skills:`… follow; other lines continue the last key.

    Nothing is dropped: text before the first `title:`, or a key given twice in one stage, is a
    problem to fix rather than a guess.
    """
    stages: list[dict[str, str]] = []
    problems: list[str] = []
    key = ""
    for line in text.split("\n"):
        found = _STAGE_LINE.match(line)
        if found and (found.group(1).lower() == "title" or stages):
            key = found.group(1).lower()
            if key == "title":
                stages.append({})
            elif key in stages[-1]:
                problems.append(f"Stages: stage {len(stages)} has `{key}:` twice (write it once)")
            stages[-1][key] = found.group(2).strip()
        elif stages and key:
            stages[-1][key] = f"{stages[-1][key]}\n{line.strip()}"
        elif line.strip():
            problems.append(
                f"Stages: {line.strip()[:60]!r} comes before the first `title:` line "
                "(start each stage with title:)"
            )
    out: list[dict[str, Any]] = []
    for stage in stages:
        item: dict[str, Any] = {}
        for name in STAGE_KEYS:
            if value := stage.get(name, "").strip():
                item[name] = _split(value) if name in ("skills", "formats") else value
        out.append(item)
    return out, problems


def convert(event: dict[str, Any], root: Path, today: date) -> Result:
    """The issue's answers as a content file under `root`, checked against `root/content/`."""
    issue = event["issue"]
    form = form_of(issue)
    kind, folder = FORMS[form]
    elements = load_form(root, form)
    body = issue.get("body") or ""
    if not isinstance(body, str) or len(body) > MAX_BODY:
        return Result(kind, "", "", (f"the issue body is longer than {MAX_BODY} characters",))
    answers, problems = sections(body, [e["attributes"]["label"] for e in elements])
    data: dict[str, Any] = {}
    slug = ""
    for element in elements:
        label, ident = element["attributes"]["label"], element["id"]
        answer = answers.get(label)
        if answer is None and element["type"] != "checkboxes":
            answer = ""
            if element.get("validations", {}).get("required"):
                problems.append(
                    f"the issue has no '### {label}' section (keep the form's headings)"
                )
        if ident == "slug":
            slug = (answer or "").strip()
            continue
        path = tuple(ident.split("-"))
        try:
            if path == ("stages",):
                value, found = parse_stages(answer or "")
                problems += found
            else:
                value = _value(kind, path, element, answer or "", today)
        except ValueError as error:
            problems.append(f"{label}: {error}")
            continue
        if value is not None:
            node = data
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node[path[-1]] = value
    named = slugify(str(data.get("name" if kind == "mentor" else "title", ""))) or kind
    if slug and (verdict := check_slug(slug)):
        problems.append(f"File name: {verdict[0]} ({verdict[1]})")
        slug = ""
    slug = slug or named
    base, n = slug, 1
    while (root / "content" / folder / f"{slug}.yml").exists():
        n += 1
        slug = f"{base[: 60 - len(str(n)) - 1]}-{n}"
    draft = Draft(kind, f"content/{folder}/{slug}.yml", _ordered(kind, data), today)
    try:
        text = draft.text()
    except ValueError as error:
        return Result(kind, draft.path, "", (*problems, str(error)))
    found = draft.problems(load_content(root))
    return Result(kind, draft.path, text, (*problems, *found))


def _ordered(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The fields in the schema's order, as `new` writes them."""
    order = list(load_schema(kind)["properties"])
    return {key: data[key] for key in sorted(data, key=order.index)}


def message(result: Result, issue: dict[str, Any]) -> str:
    """The pull request's description, or the comment listing the problems."""
    number = int(issue.get("number") or 0)
    if result.problems:
        lines = [
            "The form could not be turned into a file yet. Please edit the issue to fix:",
            "",
            *(f"- {md(problem)}" for problem in result.problems),
            "",
            "Then a maintainer removes and adds the `accepted` label again.",
        ]
        return "\n".join(lines) + "\n"
    what = "mentor profile" if result.kind == "mentor" else "ask"
    return (
        f"Adds the {what} {code(result.path)} from the issue form in #{number}; "
        "`python -m generator check` passes.\n\n"
        "Reviewers: see CONTRIBUTING.md (consent, identity, appropriate content).\n\n"
        f"Closes #{number}\n"
    )


def run(args: argparse.Namespace) -> int:
    """Convert and write; 0 written, 1 problems, 2 not an accepted form issue."""
    root = (args.out or find_root(Path.cwd())).resolve()
    try:
        event = read_event(args.event)
        form_of(event["issue"])
    except NotAnIntake as error:
        print(f"intake: {error}", file=sys.stderr)
        return 2
    result = convert(event, root, build_date())
    if args.message:
        args.message.write_text(message(result, event["issue"]), encoding="utf-8")
    if result.problems:
        for problem in result.problems:
            print(f"intake: {problem}", file=sys.stderr)
        return 1
    target = root / result.path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(result.text)
    print(result.path)
    return 0
