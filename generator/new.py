"""`python -m generator new mentor|ask`: write a content file, checking each answer at once."""

from __future__ import annotations

import argparse
import dataclasses
import functools
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from generator import build_date, find_root
from generator.load import FieldPath, dotted, parse_text
from generator.prompt import Asker, InputEnded
from generator.rules import MAX_SLUG, check_slug
from generator.schema import load_schema
from generator.tree import Content, load_content
from generator.validate import validate
from generator.yamltext import Date, to_yaml

EPILOG = """examples:
  python -m generator new mentor            # asks for each field, explaining its rule
  python -m generator new mentor --non-interactive --name "Ana Souza" \\
      --headline "Trust fundraiser" --email ana@example.org \\
      --skills "bid writing, strategy" --formats "call, video" --consent yes
  python -m generator new ask --non-interactive --title "Our first funding bid" ... \\
      --stage "title=Should we apply? | need=A call to judge the fund | skills=bid writing"

Options given on the command line are used as answers; anything missing is asked for, unless
--non-interactive is given (then a missing or invalid answer is an error, exit 1).
The file is written only if it passes the same checks as `python -m generator check`,
and an existing file is never overwritten.
"""

SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/schemas/{kind}.schema.json\n"
HEADER = (
    "{schema}# A CrowdGuru {what}: every field is explained in docs/fields.md.\n"
    "# Check it with: python -m generator check {path}\n"
)
YES = ("yes", "y", "true")
NO = ("no", "n", "false")


@dataclass(frozen=True)
class Field:
    """One question: where the answer goes, how it is typed, and how it is asked."""

    path: FieldPath
    kind: str  # text | multiline | list | bool | int | date
    required: bool = False
    default: str = ""

    @property
    def option(self) -> str:
        """The command-line option: `--hours-per-month`, `--organisation-name`."""
        return "--" + "-".join(str(p) for p in self.path).replace("_", "-")

    @property
    def dest(self) -> str:
        """The argparse attribute of the option."""
        return self.option[2:].replace("-", "_")


# Not asked: a new entry starts open; `status` is changed by editing the file later.
NOT_ASKED = frozenset({("status",)})
DEFAULTS = {("confirmed",): "today", ("posted",): "today"}
# Text allowed to run this long is asked for as several lines (bio, summary, need).
MULTILINE_FROM = 600


def _kind(schema: dict[str, Any]) -> str:
    """How a field with this JSON Schema is asked: text | multiline | list | bool | int | date."""
    wanted = schema.get("type")
    if wanted == "string":
        if schema.get("format") == "date":
            return "date"
        return "multiline" if schema.get("maxLength", 0) >= MULTILINE_FROM else "text"
    if wanted == "array":
        return "stages" if schema.get("items", {}).get("type") == "object" else "list"
    return {"boolean": "bool", "integer": "int"}[wanted]


def fields_of(schema: dict[str, Any], prefix: FieldPath = ()) -> tuple[Field, ...]:
    """The questions for a schema's properties, in the schema's order (objects flattened)."""
    required = set(schema.get("required", ()))
    out: list[Field] = []
    for name, sub in schema["properties"].items():
        path = (*prefix, name)
        if (name,) in NOT_ASKED:
            continue
        if sub.get("type") == "object":
            nested = fields_of(sub, path)
            out += [replace(f, required=f.required and name in required) for f in nested]
            continue
        out.append(Field(path, _kind(sub), name in required, DEFAULTS.get(path, "")))
    return tuple(out)


MENTOR_FIELDS = fields_of(load_schema("mentor"))
ASK_FIELDS = fields_of(load_schema("ask"))
STAGE_FIELDS = fields_of(load_schema("ask")["properties"]["stages"]["items"])
FIELDS = {"mentor": MENTOR_FIELDS, "ask": ASK_FIELDS}
MAX_STAGES = 10


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """The `new` subcommand, with one option per field."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "new",
        help="create a mentor profile or an ask, checking each answer",
        description="Write content/mentors/<slug>.yml or content/asks/<slug>.yml from answers "
        "(asked one by one, or given as options). Exit 0 written, 1 refused, 2 usage.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("kind", choices=("mentor", "ask"), help="what to create")
    parser.add_argument("--slug", help="the file name without .yml (default: from the name/title)")
    parser.add_argument("--root", type=Path, help="the repository (default: found from here)")
    parser.add_argument(
        "--yes",
        "--non-interactive",
        dest="non_interactive",
        action="store_true",
        help="never ask: fail on a missing or invalid answer",
    )
    seen: set[str] = set()
    for field in (*MENTOR_FIELDS, *ASK_FIELDS):
        if field.kind == "stages" or field.option in seen:
            continue
        seen.add(field.option)
        kind = "mentor" if field in MENTOR_FIELDS else "ask"
        parser.add_argument(
            field.option, dest=field.dest, metavar="TEXT", help=rule(kind, field.path)
        )
    parser.add_argument(
        "--stage",
        action="append",
        default=[],
        metavar="SPEC",
        help='an ask stage, repeatable: "title=… | need=… | skills=a, b | template=… | formats=…"'
        " (write a literal | as \\|)",
    )
    return parser


def slugify(text: str) -> str:
    """A slug from a name or title: `Zoë O'Brien` → `zoe-o-brien` (at most 60 characters)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))
    while len(slug) > MAX_SLUG:
        slug = slug.rsplit("-", 1)[0] if "-" in slug else slug[:MAX_SLUG]
    return slug


def typed(field: Field, answer: str, today: date) -> Any:
    """The YAML value for an answer (None: leave the field out); ValueError if unreadable."""
    answer = answer.strip() if field.kind != "multiline" else answer.strip("\n").rstrip()
    if not answer:
        return Date(today.isoformat()) if field.default == "today" else None
    if field.kind == "list":
        return [item.strip() for item in answer.split(",") if item.strip()]
    if field.kind == "bool":
        if answer.lower() in YES + NO:
            return answer.lower() in YES
        raise ValueError(f"{answer!r} is not an answer to a yes/no question (answer yes or no)")
    if field.kind == "int":
        return int(answer) if answer.isdigit() and len(answer) < 10 else answer
    if field.kind == "date":
        return Date(answer)
    return answer


def _parent(data: dict[str, Any], path: FieldPath) -> dict[str, Any]:
    """The mapping that holds `path`'s last key (created on the way; list items exist)."""
    node: Any = data
    for part in path[:-1]:
        node = node[part] if isinstance(part, int) else node.setdefault(part, {})
    return node


def _nest(data: dict[str, Any], path: FieldPath, value: Any) -> None:
    _parent(data, path)[str(path[-1])] = value


@functools.cache
def _schema(kind: str) -> dict[str, Any]:
    return load_schema(kind)


def rule(kind: str, path: FieldPath) -> str:
    """A field's rule, from the same JSON Schema the validator uses."""
    node: dict[str, Any] = _schema(kind)
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
    return str(node.get("description", ""))


@dataclass(frozen=True)
class Draft:
    """The file being written: its kind, path, and the answers so far."""

    kind: str
    path: str
    data: dict[str, Any]
    today: date

    def text(self) -> str:
        """The file as it would be written."""
        schema = SCHEMA_LINE.format(kind=self.kind)
        what = "mentor profile" if self.kind == "mentor" else "ask"
        return to_yaml(self.data, HEADER.format(schema=schema, what=what, path=self.path))

    def problems(self, content: Content, prefix: FieldPath | None = None) -> list[str]:
        """The validator's messages about this file (only the field `prefix`, when given)."""
        raw = parse_text(self.text(), self.path)
        folder = "mentors" if self.kind == "mentor" else "asks"
        candidate = dataclasses.replace(content, **{folder: (*getattr(content, folder), raw)})
        found = [p for p in validate(candidate, self.today).problems if p.path == self.path]
        if prefix is not None:
            name = dotted(prefix)
            found = [p for p in found if re.match(rf"{re.escape(name)}(\.|\[|$)", p.field)]
        return [f"{p.field}: {p.message}" + (f" ({p.hint})" if p.hint else "") for p in found]


def _answer(
    asker: Asker,
    field: Field,
    given: str | None,
    label: str,
    explain: str,
    check: Callable[[Any], list[str]],
    today: date,
) -> tuple[Any, list[str]]:
    """A checked value for one field: the option's, else asked until valid (or refused)."""
    answer = given
    while True:
        if answer is None:
            if not asker.interactive:
                answer = ""
            else:
                need = "required" if field.required else "optional, Enter to skip"
                if field.kind == "bool":
                    need = f"yes/no, {need}"
                if field.default == "today":
                    need = f"Enter for {today.isoformat()}"
                asker.say(f"\n{label} — {explain}")
                answer = asker.ask(f"{label} ({need})", field.kind == "multiline")
        try:
            value = typed(field, answer, today)
        except ValueError as error:
            value, problems = None, [f"{label}: {error}"]
        else:
            problems = check(value)
        if not problems or not asker.interactive:
            return value if not problems else None, problems
        for problem in problems:
            asker.say(f"  refused: {problem}")
        answer = None


def _parse_stage(spec: str) -> dict[str, str]:
    """`title=… | need=…` → {"title": …, "need": …}; ValueError on an unknown part."""
    parts = [part.replace("\0", "|").strip() for part in spec.replace("\\|", "\0").split("|")]
    out: dict[str, str] = {}
    names = [f.path[0] for f in STAGE_FIELDS]
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep or key.strip() not in names:
            raise ValueError(f"--stage: {part!r} is not one of {', '.join(map(str, names))}=…")
        out[key.strip()] = value.strip()
    return out


def collect(args: argparse.Namespace, draft: Draft, content: Content, asker: Asker) -> list[str]:
    """Fill `draft.data` field by field; returns the problems that stopped it (empty: done)."""

    def checker(path: FieldPath) -> Callable[[Any], list[str]]:
        def check(value: Any) -> list[str]:
            if value is None:
                _drop(draft.data, path)
            else:
                _nest(draft.data, path, value)
            return draft.problems(content, path)

        return check

    failed: list[str] = []
    for field in FIELDS[draft.kind]:
        if field.kind == "stages":
            failed += _stages(args, draft, asker, checker)
            if not draft.data.get("stages"):
                failed += draft.problems(content, ("stages",))
            continue
        label = dotted(field.path)
        given = getattr(args, field.dest, None)
        explain = rule(draft.kind, field.path)
        _, problems = _answer(asker, field, given, label, explain, checker(field.path), draft.today)
        failed += problems
    return failed


def _stages(args: argparse.Namespace, draft: Draft, asker: Asker, checker: Callable) -> list[str]:
    """Each `--stage`, then (interactive) more stages while the answer is yes."""
    try:
        specs = [_parse_stage(spec) for spec in args.stage]
    except ValueError as error:
        return [str(error)]
    failed: list[str] = []
    number = 0
    while number < MAX_STAGES:
        if number < len(specs):
            spec = specs[number]
        elif not asker.interactive or (number > 0 and not asker.yes("Add another stage?")):
            break
        else:
            spec = {}
        draft.data.setdefault("stages", []).append({})
        for field in STAGE_FIELDS:
            path: FieldPath = ("stages", number, *field.path)
            given = spec.get(str(field.path[0]))
            explain = rule(draft.kind, path)
            _, problems = _answer(
                asker, field, given, dotted(path), explain, checker(path), draft.today
            )
            failed += problems
        number += 1
    return failed


def _drop(data: dict[str, Any], path: FieldPath) -> None:
    _parent(data, path).pop(str(path[-1]), None)


def _refuse(problems: list[str]) -> int:
    for problem in problems:
        print(f"new: {problem}", file=sys.stderr)
    count = len(problems)
    print(f"new: {count} problem{'s' * (count != 1)}; nothing written", file=sys.stderr)
    return 1


def run(args: argparse.Namespace, src: TextIO | None = None, out: TextIO | None = None) -> int:
    """Ask, check, and write the file; 0 written, 1 refused."""
    src, out = src or sys.stdin, out or sys.stdout
    root = (args.root or find_root(Path.cwd())).resolve()
    if not (root / "content" / "skills.yml").is_file():
        print(f"new: no content/skills.yml at or above {root}", file=sys.stderr)
        return 2
    folder = "mentors" if args.kind == "mentor" else "asks"
    asker = Asker(not args.non_interactive, src, out)
    content = load_content(root)
    today = build_date()
    title_field = MENTOR_FIELDS[0] if args.kind == "mentor" else ASK_FIELDS[0]
    draft = Draft(args.kind, f"content/{folder}/.yml", {}, today)
    try:
        failed = collect(args, draft, content, asker)
        if failed:
            return _refuse(failed)
        slug = args.slug or slugify(str(draft.data.get(title_field.path[0], "")))
        while True:
            verdict = check_slug(slug) if slug else ("no file name", "give --slug")
            target = root / "content" / folder / f"{slug}.yml"
            if verdict is None and not target.exists():
                break
            message = (
                f"{verdict[0]} ({verdict[1]})"
                if verdict
                else f"content/{folder}/{slug}.yml already exists; it is never overwritten"
            )
            if not asker.interactive:
                print(f"new: {message}; choose another --slug", file=sys.stderr)
                return 1
            asker.say(f"  refused: {message}")
            slug = asker.ask("File name (lowercase letters, digits and hyphens)").strip()
    except KeyboardInterrupt:
        print("\nnew: interrupted; nothing written", file=sys.stderr)
        return 130
    except InputEnded:
        print(
            "\nnew: input ended before every question was answered; nothing written",
            file=sys.stderr,
        )
        return 1
    draft = dataclasses.replace(draft, path=f"content/{folder}/{slug}.yml")
    failed = draft.problems(content)
    if failed:
        return _refuse(failed)
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(draft.text())
    except FileExistsError:
        print(f"new: {draft.path} already exists; it is never overwritten", file=sys.stderr)
        return 1
    asker.say(
        f"\nWrote {draft.path}. Next: python -m generator check {draft.path}, then open "
        "a pull request (see CONTRIBUTING.md)."
    )
    return 0
