"""The report as terminal text: its Markdown with escapes, code fences and emphasis undone."""

from __future__ import annotations

import re

_TABLE_RULE = re.compile(r"^\|(?:-{3,}\|)+$")


def inline(line: str) -> str:
    """One Markdown line as plain text: `\\x` → `x`, code spans → their text, `**` dropped.

    The report's Markdown escapes every punctuation character of contributor text and puts paths
    in code spans, so undoing exactly those gives the text back, character for character.
    """
    out: list[str] = []
    i = 0
    while i < len(line):
        char = line[i]
        if char == "\\" and i + 1 < len(line):
            out.append(line[i + 1])
            i += 2
        elif char == "`":
            fence = re.match(r"`+", line[i:]).group()  # type: ignore[union-attr]
            end = line.find(fence, i + len(fence))
            if end < 0:
                out.append(fence)
                i += len(fence)
                continue
            inner = line[i + len(fence) : end]
            if inner.startswith(" ") and inner.endswith(" ") and inner.strip():
                inner = inner[1:-1]
            out.append(inner.replace("\\|", "|"))
            i = end + len(fence)
        elif line.startswith("**", i):
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out).replace("\u2060", "")


def _cells(row: str) -> list[str]:
    """The cells of a table row, split on `|` outside code spans and escapes."""
    cells, current, i, fence = [], [], 1, ""
    while i < len(row):
        char = row[i]
        if fence:
            if row.startswith(fence, i):
                current.append(fence)
                i += len(fence)
                fence = ""
                continue
            if row.startswith("\\|", i):
                current.append("\\|")
                i += 2
                continue
        elif char == "\\" and i + 1 < len(row):
            current.append(row[i : i + 2])
            i += 2
            continue
        elif char == "`":
            fence = re.match(r"`+", row[i:]).group()  # type: ignore[union-attr]
            current.append(fence)
            i += len(fence)
            continue
        elif char == "|":
            cells.append(inline("".join(current).strip()))
            current = []
            i += 1
            continue
        current.append(char)
        i += 1
    return cells


def _table(rows: list[str]) -> list[str]:
    body = [_cells(r) for r in rows if not _TABLE_RULE.match(r)]
    widths = [max(len(r[c]) if c < len(r) else 0 for r in body) for c in range(len(body[0]))]
    lines = []
    for number, cells in enumerate(body):
        padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=False)]
        lines.append("  " + "  ".join(padded).rstrip())
        if number == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return lines


def to_text(markdown: str) -> str:
    """The report for a terminal: headings underlined, tables aligned, no Markdown syntax."""
    lines: list[str] = []
    rows: list[str] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            rows.append(line)
            continue
        if rows:
            lines += _table(rows)
            rows = []
        heading = re.match(r"^(#{2,4}) (.*)$", line)
        if heading:
            text = inline(heading.group(2))
            rule = {2: "=", 3: "-"}.get(len(heading.group(1)))
            lines += [text, rule * len(text)] if rule else [text]
        else:
            lines.append(inline(line))
    return "\n".join(lines).rstrip("\n") + "\n"
