"""The content tree: which files are entries, and every file or link that does not belong.

Only the three vocabularies, `content/mentors/*.yml` and `content/asks/*.yml` are published.
A `.yml` file anywhere else under `content/` would be silently ignored, and a symbolic link
could publish a file from outside the repository, so each is reported. Nothing here follows a
symbolic link.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from generator.collector import collector_paused
from generator.load import RawFile, load_file
from generator.problems import Problem

VOCABULARIES: dict[str, type] = {"skills.yml": dict, "stages.yml": list, "sectors.yml": list}
FOLDERS = ("mentors", "asks")
CONTENT_SUFFIXES = (".yml", ".yaml", ".YML", ".YAML", ".Yml")
_PLACES = [*VOCABULARIES, *(f"{folder}/" for folder in FOLDERS)]


@dataclass(frozen=True)
class Content:
    """Every content file, parsed but not yet validated, plus problems with the folder layout."""

    skills: RawFile
    stages: RawFile
    sectors: RawFile
    mentors: tuple[RawFile, ...] = ()
    asks: tuple[RawFile, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def files(self) -> tuple[RawFile, ...]:
        """All content files, vocabularies first."""
        return (self.skills, self.stages, self.sectors, *self.mentors, *self.asks)


def _link_problem(path: str, what: str) -> Problem:
    return Problem(
        path,
        1,
        1,
        "",
        f"the {what} is a symbolic link, which is never followed",
        f"replace it with a real {what}",
    )


def _unpublished(path: str, top: str) -> Problem:
    """A content-looking file in a place the build never reads."""
    name = path.rsplit("/", 1)[-1]
    guess = difflib.get_close_matches(top, _PLACES, 1, 0.85)
    if guess and guess[0].endswith("/"):
        hint = f"did you mean content/{guess[0]}? Move it to content/{guess[0]}{name}"
    elif guess:
        hint = f"did you mean content/{guess[0]}?"
    else:
        hint = "move a profile to content/mentors/ and an ask to content/asks/"
    return Problem(
        path,
        1,
        1,
        "",
        "this file is never published: only content/mentors/, content/asks/ and the three "
        "vocabularies are read",
        hint,
    )


def _scan(root: Path, relative: str) -> list[os.DirEntry[str]] | Problem:
    try:
        return sorted(os.scandir(root / relative), key=lambda entry: entry.name)
    except OSError as error:
        return Problem(relative, 1, 1, "", f"cannot read the folder: {error.strerror}", "")


def _walk_unpublished(root: Path, folder: str, top: str, problems: list[Problem]) -> None:
    entries = _scan(root, folder)
    if isinstance(entries, Problem):
        problems.append(entries)
        return
    for entry in entries:
        path = f"{folder}/{entry.name}"
        if entry.is_symlink():
            problems.append(_link_problem(path, "folder" if entry.is_dir() else "file"))
        elif entry.is_dir(follow_symlinks=False):
            _walk_unpublished(root, path, top, problems)
        elif entry.name.endswith(CONTENT_SUFFIXES):
            problems.append(_unpublished(path, top))


def stray_files(root: Path) -> tuple[Problem, ...]:
    """Links anywhere under content/, and `.yml` files outside the places the build reads."""
    entries = _scan(root, "content")
    if isinstance(entries, Problem):
        return ()  # no content/ folder: the vocabularies report it
    problems: list[Problem] = []
    for entry in entries:
        path = f"content/{entry.name}"
        if entry.name in VOCABULARIES:
            continue  # load_file reports a link or a folder there
        if entry.is_symlink():
            problems.append(_link_problem(path, "folder" if entry.is_dir() else "file"))
        elif entry.name in FOLDERS:
            if not entry.is_dir(follow_symlinks=False):
                problems.append(Problem(path, 1, 1, "", "should be a folder", f"make {path}/"))
        elif entry.is_dir(follow_symlinks=False):
            _walk_unpublished(root, path, entry.name + "/", problems)
        elif entry.name.endswith(CONTENT_SUFFIXES):
            problems.append(_unpublished(path, entry.name))
    return tuple(problems)


def _load_folder(root: Path, name: str) -> tuple[tuple[RawFile, ...], tuple[Problem, ...]]:
    folder = root / "content" / name
    if folder.is_symlink():
        return (), ()  # stray_files reports it; a link is never followed
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return (), ()
    except OSError as error:
        return (), (
            Problem(f"content/{name}", 1, 1, "", f"cannot read the folder: {error.strerror}", ""),
        )
    files: list[RawFile] = []
    problems: list[Problem] = []
    for entry in entries:
        path = f"content/{name}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            problems.append(
                Problem(
                    path,
                    1,
                    1,
                    "",
                    f"folders do not belong in content/{name}/",
                    f"move the .yml files directly into content/{name}/",
                )
            )
        elif not entry.name.endswith(".yml"):
            stem = entry.name.rsplit(".", 1)[0] if "." in entry.name[1:] else entry.name
            hint = (
                f"rename it to {stem}.yml"
                if entry.name.endswith((".yaml", ".YML", ".Yml"))
                else f"only .yml files belong in content/{name}/; move it elsewhere"
            )
            problems.append(Problem(path, 1, 1, "", "not a .yml file", hint))
        else:
            files.append(load_file(Path(entry.path), path))
    return tuple(files), tuple(problems)


@collector_paused()
def load_content(root: Path) -> Content:
    """Load `root/content/`: the three vocabularies and every mentor and ask file, by name."""
    content = root / "content"
    mentors, mentor_problems = _load_folder(root, "mentors")
    asks, ask_problems = _load_folder(root, "asks")
    skills, stages, sectors = (
        load_file(content / name, f"content/{name}", top=top) for name, top in VOCABULARIES.items()
    )
    return Content(
        skills=skills,
        stages=stages,
        sectors=sectors,
        mentors=mentors,
        asks=asks,
        problems=(*mentor_problems, *ask_problems, *stray_files(root)),
    )


def links_leaving(root: Path, folder: str) -> tuple[Problem, ...]:
    """Symbolic links under `root/folder` that point outside the repository (or into .git).

    MkDocs follows links in docs/, so a link to `/etc` or `~/.ssh` would be published.
    """
    repository = root.resolve()
    problems: list[Problem] = []
    top = root / folder
    links = [top] if top.is_symlink() else []
    for directory, folders, names in os.walk(top):  # does not descend into links
        links += [Path(directory) / name for name in sorted([*folders, *names])]
    for full in links:
        if not full.is_symlink():
            continue
        target = full.resolve()
        inside = target.is_relative_to(repository)
        if inside and target.exists() and ".git" not in target.relative_to(repository).parts:
            continue
        where = full.relative_to(root).as_posix()
        what = "outside the repository" if not inside else "to a missing or private file"
        problems.append(
            Problem(
                where,
                1,
                1,
                "",
                f"a symbolic link {what} would be published with the site",
                "replace the link with the file itself, or remove it",
            )
        )
    return tuple(problems)
