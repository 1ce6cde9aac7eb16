"""The report's vocabulary, defined once: what each word an official reads counts, and how.

Every headline, column, section, sheet, JSON key and notice counts from here, so a word means one thing in
every output. Task items, goal items and the items carried over from last year (上年结转) are always counted
apart (``GROUPS``).

Dated findings, one row each in ``tracker overdue`` and in the report's sections:

- ``overdue`` (逾期未完成): a pair whose deadline in force (after any approved extension) has passed, not
  done; one per pair.
- ``missed_periods`` (漏报): a period of the item's cadence that ended before the date with no entry (other
  than "not started") dated inside it, while the pair is not done; one per period.
- ``late_milestones`` (节点滞后): a milestone of the unit's own timetable whose due date passed unmet, while
  the pair is not done; one per milestone.
- ``done_late`` (逾期完成): a pair done after its deadline; one per pair. What is done is listed nowhere
  else: its earlier lapses are history, and it carries no warning.

Warnings, one per pair not done, worst first (``compute.state`` decides them):

- ``red`` (红色预警): overdue, reminded repeatedly without progress, a period missed, a milestone late;
- ``yellow`` (黄色预警): behind the expected pace, or silent;
- ``blue`` (蓝色预警): the deadline or a milestone falls due soon.

``due_soon`` (临近到期) is not counted anywhere: ``tracker overdue --within`` lists it beside the findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from tracker.compute.state import Level, MilestoneState, Occurrence, PairState
from tracker.core.model import Item

KINDS = ("overdue", "missed_periods", "late_milestones", "done_late")
LEVELS = ("red", "yellow", "blue")
LEVEL_OF = {"red": Level.RED, "yellow": Level.YELLOW, "blue": Level.BLUE}
# the reasons of each warning level, as pair states name them (``missed:2``, ``reminded:3`` carry a count)
REASONS = {"red": ("overdue", "reminded", "missed", "milestone-overdue"), "yellow": ("behind-pace", "silent"),
           "blue": ("deadline-near", "milestone-near")}
DUE_SOON = "due_soon"
GROUPS = ("task", "goal", "carried")  # what is counted apart: this year's tasks, its goals, last year's items


def group(item: Item) -> str:
    """Which of ``GROUPS`` an item's pairs are counted in."""
    return "goal" if item.kind in ("overall", "stage") else "carried" if item.kind == "carried" else "task"


class Finding(NamedTuple):
    """One row of the findings: a pair's deadline, one of its periods or one of its milestones.
    ``days`` counts from ``date`` to the report's date: positive when late, negative while still ahead;
    for ``done_late``, the days between the deadline and the day it was done."""

    kind: str
    pair: PairState
    group: str  # "task", "goal" or "carried" (``GROUPS``: each counted apart)
    date: dt.date
    days: int
    what: str = ""  # a period ("2025-01-01–2025-03-31") or a milestone's text
    start: dt.date | None = None  # a period's first day


def missed(p: PairState) -> tuple[Occurrence, ...]:
    """The pair's missed periods (漏报): none once it is done."""
    if not p.occurrences or p.done:
        return ()
    return tuple(o for o in p.occurrences if not o.met)


def late(p: PairState) -> tuple[MilestoneState, ...]:
    """The pair's late milestones (节点滞后): none once it is done."""
    if not p.milestones or p.done:
        return ()
    return tuple(m for m in p.milestones if m.overdue)


def counts(p: PairState) -> tuple[int, int, int, int]:
    """How many findings of each kind one pair makes, in ``KINDS`` order: what every count adds up."""
    return (int(p.overdue), len(missed(p)) if p.occurrences else 0, len(late(p)) if p.milestones else 0,
            int(p.done_late))


def findings(p: PairState, as_of: dt.date, goal: str) -> list[Finding]:
    """Every finding of one pair as of ``as_of``, in ``KINDS`` order: exactly ``counts(p)`` of each kind."""
    out: list[Finding] = []
    if p.overdue:
        out.append(Finding("overdue", p, goal, p.deadline, (as_of - p.deadline).days))
    for o in missed(p):
        out.append(Finding("missed_periods", p, goal, o.end, (as_of - o.end).days, f"{o.start}–{o.end}", o.start))
    for m in late(p):
        due = m.milestone.due
        out.append(Finding("late_milestones", p, goal, due, (as_of - due).days, m.milestone.text))
    if p.done_late and p.done_on is not None:
        out.append(Finding("done_late", p, goal, p.deadline, (p.done_on - p.deadline).days))
    return out


def due_soon(p: PairState, as_of: dt.date, within: int, goal: str) -> list[Finding]:
    """What falls due within ``within`` days of a pair not done: its deadline, its open milestones."""
    if p.done:
        return []
    out = []
    if 0 <= (p.deadline - as_of).days <= within:
        out.append(Finding(DUE_SOON, p, goal, p.deadline, (as_of - p.deadline).days))
    for m in p.milestones:
        due = m.milestone.due
        if not m.met and 0 <= (due - as_of).days <= within:
            out.append(Finding(DUE_SOON, p, goal, due, (as_of - due).days, m.milestone.text))
    return out


def all_findings(pairs: Iterable[PairState], as_of: dt.date, groups: Mapping[str, str]) -> list[Finding]:
    """Every finding of ``pairs`` (``groups``: each item's group, by id), by kind, then in the pairs' order."""
    rows = [f for p in pairs for f in findings(p, as_of, groups[p.item])]
    order = {k: n for n, k in enumerate(KINDS)}
    return sorted(rows, key=lambda f: order[f.kind])  # stable: the pairs' order within a kind


def warned(pairs: Iterable[PairState], level: str) -> list[PairState]:
    """The pairs carrying the warning ``level`` ("red", "yellow" or "blue")."""
    wanted = LEVEL_OF[level]
    return [p for p in pairs if p.level is wanted]
