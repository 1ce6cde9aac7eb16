"""Run every check over a tracking folder: load, cross-check, and return problems as sorted values."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.catalog import load_catalog
from tracker.checks import check_catalog
from tracker.model import Catalog
from tracker.problems import Problem
from tracker.repo import Root


@dataclass(frozen=True)
class Checked:
    catalog: Catalog | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


def load_checked(root: Root) -> Checked:
    """tasks.yaml + units.yaml, loaded and cross-checked. Paths in problems are relative to the root."""
    tasks_name, units_name = root.rel(root.tasks), root.rel(root.units)
    loaded = load_catalog(root.tasks, root.units)
    problems = [_renamed(p, root) for p in loaded.problems]
    if loaded.catalog is not None:
        problems += check_catalog(loaded.catalog, tasks_name, units_name)
    return Checked(loaded.catalog, sorted(problems, key=Problem.sort_key))


def _renamed(p: Problem, root: Root) -> Problem:
    from pathlib import Path

    return Problem(root.rel(Path(p.path)), p.line, p.col, p.level, p.code, p.message, p.hint)
