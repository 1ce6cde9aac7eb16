"""A milestone due after its item's deadline (a warning: the timetable runs past what the list allows)."""

from __future__ import annotations

from tracker.check.context import FileCheck
from tracker.core.model import Catalog, Milestone
from tracker.core.problems import Collector, Pos


def check(f: FileCheck) -> None:
    late_milestones(f.cat, f.progress.milestones, f.out)


def late_milestones(cat: Catalog, milestones: list[Milestone], out: Collector) -> None:
    for m in milestones:
        item = cat.items.get(m.task)
        if item is not None and m.due > item.deadline:
            out.warn(Pos(m.line, 3), "milestone-late", due=m.due.isoformat(), deadline=item.deadline.isoformat())
