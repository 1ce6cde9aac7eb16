"""Where the data lives: a tracking folder holds tasks.yaml, units.yaml and progress/.

The folder is found from the current directory upward, the way git finds its repository. This module also
knows which files in it are progress files, and what else ``progress/`` may hold.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import NamedTuple

from tracker.core.problems import START, Problem, problem

TASKS = "tasks.yaml"
UNITS = "units.yaml"
CARRIED = "carried.yaml"  # the items carried over from last year (tracker carry-over), when there are any
PROGRESS = "progress"


class NoRoot(Exception):
    """No tracking folder at or above the starting directory (or in the one given: ``explicit``)."""

    def __init__(self, path: Path, explicit: bool) -> None:
        super().__init__(f"{path}: no {TASKS}" if explicit else f"no {TASKS} in {path} or any folder above it")
        self.path, self.explicit = path, explicit


class Root(NamedTuple):
    path: Path
    git_dir: Path | None = None  # the git directory git itself names for the folder (its cache lives there)

    @property
    def tasks(self) -> Path:
        return self.path / TASKS

    @property
    def units(self) -> Path:
        return self.path / UNITS

    @property
    def carried(self) -> Path:
        return self.path / CARRIED

    @property
    def progress(self) -> Path:
        return self.path / PROGRESS

    def progress_file(self, unit_id: str) -> Path:
        return self.progress / f"{unit_id}.yaml"

    def rel(self, path: Path) -> str:
        """A path as shown in messages: relative to the folder when inside it."""
        try:
            return path.resolve().relative_to(self.path).as_posix()
        except ValueError:
            return str(path)


def find_root(start: Path | None = None, explicit: Path | None = None) -> Root:
    """The tracking folder: ``explicit`` when given (it must hold tasks.yaml), else the nearest one up."""
    if explicit is not None:
        if not (explicit / TASKS).is_file():
            raise NoRoot(explicit, True)
        return Root(explicit.resolve())
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / TASKS).is_file():
            return Root(folder)
    raise NoRoot(here, False)


def progress_paths(root: Root) -> list[Path]:
    """The progress files, by name as text: the order the cache's packs keep their entries in. Symbolic
    links are never followed (neither ``progress/`` nor a file in it): ``folder_problems`` reports them."""
    if root.progress.is_symlink() or not root.progress.is_dir():
        return []
    with os.scandir(root.progress) as entries:
        found = [Path(e.path) for e in entries if e.name.endswith(".yaml") and e.is_file(follow_symlinks=False)]
    return sorted(found, key=lambda p: p.name)


_TEMPORARY = re.compile(r"\..+\.\d+\.[0-9a-f]+\.tmp")  # files.atomic_write's, left by a killed write


def folder_problems(root: Root) -> list[Problem]:
    """What is in ``progress/`` besides progress files: symbolic links (errors: never read, never written
    through) and files tracker does not know (warnings: ``x.yml`` is not read, and nobody would notice)."""
    folder = root.progress
    rel = PROGRESS
    if folder.is_symlink():
        return [problem(rel, START, "symlink", file=rel + "/")]
    if not folder.is_dir():
        return []
    out: list[Problem] = []
    with os.scandir(folder) as entries:
        for e in sorted(entries, key=lambda e: e.name):
            path = f"{rel}/{e.name}"
            if e.is_symlink():
                out.append(problem(path, START, "symlink", file=path))
            elif e.is_file() and (e.name.endswith((".yaml", ".yaml.lock")) or _TEMPORARY.fullmatch(e.name)
                                  or e.name in (".gitkeep", ".gitignore")):
                continue
            else:
                out.append(problem(path, START, "unknown-file", file=path))
    return out


def catalog_hash(root: Root) -> str:
    """What every progress file's checks depend on besides the file itself: tasks.yaml, units.yaml and
    carried.yaml."""
    h = hashlib.blake2b(digest_size=20)
    for path in (root.tasks, root.units):
        h.update(path.read_bytes())
        h.update(b"\0")
    if root.carried.is_file():
        h.update(b"carried\0" + root.carried.read_bytes())
    return h.hexdigest()
