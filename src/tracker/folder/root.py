"""Where the data lives: a tracking folder holds tasks.yaml, units.yaml and progress/.

The folder is found from the current directory upward, the way git finds its repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

TASKS = "tasks.yaml"
UNITS = "units.yaml"
PROGRESS = "progress"


class NoRoot(Exception):
    """No tracking folder at or above the starting directory (or in the one given: ``explicit``)."""

    def __init__(self, path: Path, explicit: bool) -> None:
        super().__init__(f"{path}: no {TASKS}" if explicit else f"no {TASKS} in {path} or any folder above it")
        self.path, self.explicit = path, explicit


class Root(NamedTuple):
    path: Path

    @property
    def tasks(self) -> Path:
        return self.path / TASKS

    @property
    def units(self) -> Path:
        return self.path / UNITS

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
