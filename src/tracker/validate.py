"""Run every check over a tracking folder: load, cross-check, and return problems as sorted values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tracker.catalog import load_catalog
from tracker.checks import check_catalog
from tracker.model import Catalog
from tracker.problems import Problem
from tracker.progress import read_progress
from tracker.repo import Root
from tracker.rules import Progress, check_progress


@dataclass(frozen=True)
class Checked:
    catalog: Catalog | None
    problems: list[Problem]
    progress: list[Progress] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


def load_checked(root: Root, today: dt.date, *, with_progress: bool = True) -> Checked:
    """tasks.yaml + units.yaml, loaded and cross-checked, then every progress file against them.
    Paths in problems are relative to the root."""
    tasks_name, units_name = root.rel(root.tasks), root.rel(root.units)
    loaded = load_catalog(root.tasks, root.units)
    problems = [_renamed(p, root) for p in loaded.problems]
    progress: list[Progress] = []
    if loaded.catalog is not None:
        problems += check_catalog(loaded.catalog, tasks_name, units_name)
        if with_progress:
            progress = load_progress(root, loaded.catalog, today)
            problems += [p for prog in progress for p in prog.problems]
    return Checked(loaded.catalog, sorted(problems, key=Problem.sort_key), progress)


def progress_paths(root: Root) -> list[Path]:
    if not root.progress.is_dir():
        return []
    return sorted(p for p in root.progress.iterdir() if p.suffix == ".yaml" and p.is_file())


def load_progress(root: Root, cat: Catalog, today: dt.date) -> list[Progress]:
    """Every progress file, read and checked one at a time."""
    out = []
    for path in progress_paths(root):
        rel = root.rel(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            prog = Progress(rel, None)
            prog.problems.append(Problem(rel, 1, 1, "error", "unreadable", f"cannot read the file: {exc.strerror}"))
            out.append(prog)
            continue
        out.append(check_progress(cat, read_progress(data, rel), path.stem, today))
    return out


def _renamed(p: Problem, root: Root) -> Problem:
    return Problem(root.rel(Path(p.path)), p.line, p.col, p.level, p.code, p.message, p.hint)
