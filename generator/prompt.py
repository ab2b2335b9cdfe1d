"""Questions and answers on a terminal (or any text stream), for `new`."""

from __future__ import annotations

from typing import TextIO


class InputEnded(Exception):
    """Standard input ended before every question was answered."""


class Asker:
    """Asks questions on `out`, reads answers from `src`; or refuses to ask at all."""

    def __init__(self, interactive: bool, src: TextIO, out: TextIO) -> None:
        self.interactive = interactive
        self.src = src
        self.out = out

    def say(self, text: str) -> None:
        """Print a line for the person answering."""
        print(text, file=self.out)

    def ask(self, question: str, multiline: bool = False) -> str:
        """One answer (several lines up to a lone `.` when `multiline`)."""
        if not multiline:
            self.out.write(f"{question}: ")
            self.out.flush()
            line = self.src.readline()
            if not line:
                raise InputEnded
            return line.rstrip("\r\n")
        self.say(f"{question} (several lines; finish with a line holding only a full stop .)")
        lines: list[str] = []
        while (line := self.src.readline()) and line.rstrip("\r\n") != ".":
            lines.append(line.rstrip("\r\n"))
        if not line:
            raise InputEnded
        return "\n".join(lines)

    def yes(self, question: str) -> bool:
        """A yes/no question; anything but yes is no."""
        return self.ask(f"{question} (yes/no)").strip().lower() in ("yes", "y")
