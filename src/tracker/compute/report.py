"""Report data: pure functions from checked records to the figures the office reads.

Everything here is computed once per report; every output format renders the same ``Report``.
Rates are kept as whole counts and shown rounded down to 0.1% (99.96% is never shown as 100%).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any, NamedTuple

from tracker.check.checked import Progress
from tracker.compute.state import Level, PairState, Records, index_records, pair_state
from tracker.core.model import Catalog, Item, Status


def collect(progress: Iterable[Progress]) -> dict[tuple[str, str], Records]:
    """Every unit's checked records, grouped by (item, unit)."""
    files = list(progress)
    return index_records((e for p in files for e in p.entries), (m for p in files for m in p.milestones),
                         (r for p in files for r in p.reviews), extensions=[x for p in files for x in p.extensions],
                         reminders=[r for p in files for r in p.reminders])


def stream_pairs(cat: Catalog, progress: Iterable[Progress], as_of: dt.date, *,
                 unit: str | None = None) -> list[PairState]:
    """Every expected (item, unit) pair's state, computed file by file: a unit's records all live in its own
    file, so each file's records are dropped as soon as its pairs are known. Ordered as units.yaml, then
    as the list."""
    return stream_pairs_at(cat, progress, [as_of], unit=unit)[0]


def stream_pairs_at(cat: Catalog, progress: Iterable[Progress], days: list[dt.date], *,
                    unit: str | None = None) -> list[list[PairState]]:
    """``stream_pairs`` as of each of ``days`` in one reading of the files (for --since and the trend)."""
    items_of: dict[str, list[Item]] = {}
    for item in cat.items.values():
        for reporter in cat.reporters(item):
            items_of.setdefault(reporter, []).append(item)
    empty = Records()
    blank: dict[tuple[str, dt.date], PairState] = {}  # an unreported pair's state depends on the item only

    def unreported(item: Item, who: str, day: dt.date) -> PairState:
        if item.origin is not None:  # a carried pair starts from its own state of last year
            return pair_state(cat, item, who, empty, day)
        key = (item.id, day)
        if key not in blank:
            blank[key] = pair_state(cat, item, "", empty, day)
        return blank[key]._replace(unit=who)

    done: dict[str, list[list[PairState]]] = {}
    for prog in progress:
        owner = prog.unit
        if owner is None or owner in done or owner not in items_of or (unit is not None and owner != unit):
            continue
        records = index_records(prog.entries, prog.milestones, prog.reviews, presorted=prog.in_order,
                                extensions=prog.extensions, reminders=prog.reminders)
        done[owner] = [[pair_state(cat, i, owner, records[(i.id, owner)], day) if (i.id, owner) in records
                        else unreported(i, owner, day) for i in items_of[owner]] for day in days]
    out: list[list[PairState]] = [[] for _ in days]
    for u in cat.units:
        if u in items_of and (unit is None or u == unit):
            found = done.get(u)
            for n, day in enumerate(days):
                out[n] += found[n] if found else [unreported(i, u, day) for i in items_of[u]]
    return out


def exact(x: float) -> int | Fraction:
    """A reported number as written: 64.1 is 641/10, not the binary float just below it, so sums and
    roundings come out as an official computing by hand gets them."""
    whole = int(x)
    return whole if x == whole else Fraction(repr(x))


def floor_tenth(x: int | Fraction) -> float:
    """Rounded down to 0.1, exactly: 90.99 shows as 90.9, 91 as 91.0."""
    return math.floor(x * 10) / 10


def floor_pct(part: int | Fraction, whole: int) -> float:
    """part/whole as a percent rounded down to one decimal, computed exactly; 0 when there is nothing to count."""
    if whole <= 0:
        return 0.0
    return floor_tenth(Fraction(part) * 100 / whole)


class Tally(NamedTuple):
    """Counts over a set of pairs; the rates derive from them."""

    expected: int = 0
    done: int = 0
    verified: int = 0
    percent_sum: int | Fraction = 0  # exact: each pair's percent as reported (see ``exact``)
    overdue: int = 0
    done_late: int = 0
    missed: int = 0
    red: int = 0
    yellow: int = 0
    blue: int = 0
    extended: int = 0  # pairs whose deadline an approved extension moved
    late_requests: int = 0  # extension requests made after the deadline then in force
    escalated: int = 0  # pairs red for being reminded repeatedly without progress
    reminders: int = 0  # distinct reminders issued about these pairs

    @property
    def follow_up(self) -> bool:
        """Whether any extension or reminder counts here (views add their columns only then)."""
        return bool(self.extended or self.late_requests or self.escalated or self.reminders)

    @property
    def rate(self) -> float:
        """Claimed completion: done pairs / expected pairs."""
        return floor_pct(self.done, self.expected)

    @property
    def verified_rate(self) -> float:
        return floor_pct(self.verified, self.expected)

    @property
    def average(self) -> float:
        """Average percent over expected pairs (unreported pairs count as 0)."""
        return floor_pct(Fraction(self.percent_sum) / 100, self.expected)

    def as_dict(self) -> dict[str, float | int]:
        return {"expected": self.expected, "done": self.done, "verified": self.verified, "rate": self.rate,
                "verified_rate": self.verified_rate, "average_percent": self.average, "overdue": self.overdue,
                "done_late": self.done_late, "missed_periods": self.missed, "red": self.red,
                "yellow": self.yellow, "blue": self.blue, "extended": self.extended,
                "late_requests": self.late_requests, "reminders": self.reminders, "escalated": self.escalated}


_NO_IDS: frozenset[str] = frozenset()


def _vector(p: PairState) -> tuple[Any, ...]:
    """One pair's contribution to every count of a Tally, in Tally's order (percent second); the last element is
    the ids of the reminders that listed the pair (counted once however many pairs they list)."""
    done = p.status is Status.DONE
    missed = sum(not o.met for o in p.occurrences) if p.occurrences else 0
    level = p.level
    extended = p.original_deadline is not None
    late = sum(x.late for x in p.extensions) if p.extensions else 0
    escalated = level is Level.RED and any(r.startswith("reminded:") for r in p.reasons)
    return (1, exact(p.percent), done, done and p.verified, p.overdue, p.done_late, missed, level is Level.RED,
            level is Level.YELLOW, level is Level.BLUE, extended, late, escalated,
            frozenset(r.id for r in p.reminders) if p.reminders else _NO_IDS)


def tally(pairs: Iterable[PairState], vectors: dict[int, tuple[Any, ...]] | None = None) -> Tally:
    """Counts over pairs; ``vectors`` (by ``id`` of each pair) saves recomputing them for every view."""
    rows = [vectors[id(p)] for p in pairs] if vectors is not None else [_vector(p) for p in pairs]
    if not rows:
        return Tally()
    columns = list(zip(*rows, strict=True))
    n, total, done, verified, overdue, late, missed, red, yellow, blue, extended, late_req, escalated = \
        map(sum, columns[:-1])
    reminders = len(_NO_IDS.union(*columns[-1]))
    return Tally(n, done, verified, total, overdue, late, missed, red, yellow, blue, extended, late_req, escalated,
                 reminders)


class TargetFigure(NamedTuple):
    """Actual against target for an item with a quantified target: the latest value of each reporter."""

    metric: str
    target: float
    unit: str
    reported: int
    expected: int
    mean: float | None
    lowest: float | None


class Row(NamedTuple):
    """One line of a grouped view: an item, a unit or an action, with its tally."""

    key: str
    label: str
    tally: Tally
    level: Level
    target: TargetFigure | None = None
    rank: int = 0  # units only: 1, 2, 2, 4 — equal rate and average share a rank (并列)
    lead: PairState | None = None  # tasks with a lead unit (牵头): its pair, whose level is the row's


class Change(NamedTuple):
    """What changed in one row (or overall) since an earlier date: pairs that became done, overdue or red,
    and the shown completion rate's change in percentage points."""

    rate: float = 0.0
    newly_done: int = 0
    newly_overdue: int = 0
    newly_red: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return {"rate": self.rate, "newly_done": self.newly_done, "newly_overdue": self.newly_overdue,
                "newly_red": self.newly_red}


class Changes(NamedTuple):
    since: dt.date
    overall: Change
    by: dict[str, dict[str, Change]]  # view ("unit", "task", "action") -> row key -> change


class Report(NamedTuple):
    as_of: dt.date
    title: str
    overall: Tally
    goals_overall: Tally
    by_task: list[Row]
    by_unit: list[Row]
    by_action: list[Row]
    by_goal: list[Row]
    pairs: list[PairState]
    goals_by_unit: tuple[Row, ...] = ()  # each unit's goal pairs, counted apart like ``goals_overall``
    changes: Changes | None = None  # what changed since an earlier date (--since)
    trend: tuple[tuple[dt.date, float], ...] = ()  # the completion rate at each month end (the HTML chart)
    errors: dict[str, int] = {}  # errors in each unit's progress file (shown only under --allow-errors)
    error_names: dict[str, str] = {}  # the short names of the units with errors
    unit_names: dict[str, str] = {}  # the short names of the lead units (shown in the by-task view)
    by_carried: list[Row] = []  # the items carried over from last year (上年结转), counted apart
    carried_overall: Tally = Tally()

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def overdue(self) -> list[PairState]:
        return [p for p in self.pairs if p.overdue or p.missed or any(m.overdue for m in p.milestones)]

    @property
    def warned(self) -> list[PairState]:
        return [p for p in self.pairs if p.level is not Level.NONE]


def _target(cat: Catalog, item: Item, pairs: list[PairState]) -> TargetFigure | None:
    if item.target is None:
        return None
    values = [exact(p.value) for p in pairs if p.value is not None]
    mean = floor_tenth(Fraction(sum(values)) / len(values)) if values else None
    return TargetFigure(item.target.metric, item.target.value, item.target.unit, len(values), len(pairs), mean,
                        floor_tenth(min(values)) if values else None)


def _rows(groups: dict[str, list[PairState]], label: Callable[[str], str],
          vectors: dict[int, tuple[Any, ...]]) -> list[Row]:
    return [Row(key, label(key), tally(ps, vectors), max((p.level for p in ps), default=Level.NONE))
            for key, ps in groups.items()]


def _task_row(cat: Catalog, item: Item, pairs: list[PairState], vectors: dict[int, tuple[Any, ...]]) -> Row:
    """A task's row: its counts over every reporter; its level the worst of them, or, where the task names a lead
    unit, the lead's (the supporting units' pairs still count, and show, on their own)."""
    lead = next((p for p in pairs if p.unit == item.lead), None) if item.lead else None
    level = lead.level if lead is not None else max(p.level for p in pairs)
    return Row(item.id, item.text, tally(pairs, vectors), level, _target(cat, item, pairs), lead=lead)


def build_report(cat: Catalog, all_pairs: list[PairState], as_of: dt.date, *, unit: str | None = None,
                 action: int | None = None, errors: dict[str, int] | None = None) -> Report:
    """All views of the report as of ``as_of``, optionally narrowed to one unit or one action."""
    items = [i for i in cat.items.values() if action is None or i.action == action]
    wanted = {i.id for i in items}
    order = {item_id: n for n, item_id in enumerate(cat.items)}
    pairs = sorted((p for p in all_pairs if p.item in wanted and (unit is None or p.unit == unit)),
                   key=lambda p: order[p.item])
    by_item: dict[str, list[PairState]] = {i.id: [] for i in items}
    for p in pairs:
        by_item[p.item].append(p)
    tasks = [i for i in items if i.kind == "task" and by_item[i.id]]
    goals = [i for i in items if i.kind in ("overall", "stage") and by_item[i.id]]
    carried = [i for i in cat.items.values() if i.kind == "carried" and i.id in by_item and by_item[i.id]]

    vectors = {id(p): _vector(p) for p in pairs}
    task_rows = [_task_row(cat, i, by_item[i.id], vectors) for i in tasks]
    goal_rows = [Row(i.id, i.text, tally(by_item[i.id], vectors), max(p.level for p in by_item[i.id]),
                     _target(cat, i, by_item[i.id])) for i in goals]
    goal_rows += [r for r in task_rows if r.target is not None]

    task_pairs = [p for i in tasks for p in by_item[i.id]]
    per_unit: dict[str, list[PairState]] = {u: [] for u in cat.units}
    for p in task_pairs:
        per_unit[p.unit].append(p)
    unit_rows = _rows({u: ps for u, ps in per_unit.items() if ps}, lambda u: cat.units[u].short, vectors)
    unit_order = {u: n for n, u in enumerate(cat.units)}
    unit_rows = ranked(sorted(unit_rows, key=lambda r: (-r.tally.rate, -r.tally.average, unit_order[r.key])))

    per_action: dict[str, list[PairState]] = {}
    for i in tasks:
        if i.action is not None:
            per_action.setdefault(str(i.action), []).extend(by_item[i.id])
    action_rows = _rows(per_action, lambda a: f"{cat.actions[int(a)].numeral}、{cat.actions[int(a)].title}", vectors)

    goal_pairs = [p for i in goals for p in by_item[i.id]]
    goals_of: dict[str, list[PairState]] = {u: [] for u in cat.units}
    for p in goal_pairs:
        goals_of[p.unit].append(p)
    unit_goal_rows = _rows({u: ps for u, ps in goals_of.items() if ps}, lambda u: cat.units[u].short, vectors)
    carried_rows = [_task_row(cat, i, by_item[i.id], vectors) for i in carried]
    return Report(as_of, cat.plan.title, tally(task_pairs, vectors), tally(goal_pairs, vectors), task_rows, unit_rows,
                  action_rows, goal_rows, pairs, tuple(unit_goal_rows), errors=errors or {},
                  error_names={u: cat.units[u].short if u in cat.units else u for u in errors or {}},
                  unit_names={i.lead: cat.units[i.lead].short for i in tasks if i.lead and i.lead in cat.units},
                  by_carried=carried_rows, carried_overall=tally([p for i in carried for p in by_item[i.id]], vectors))


def compare(cat: Catalog, now: Report, then: Report) -> Changes:
    """Each row's change from ``then`` (the same report as of an earlier date) to ``now``, over the same
    pairs the rows count: a pair is newly done, overdue or red when it is so now and was not then."""
    before = {(p.item, p.unit): p for p in then.pairs}
    tasks = {r.key for r in now.by_task}
    keys: dict[str, Callable[[PairState], str]] = {
        "unit": lambda p: p.unit, "task": lambda p: p.item,
        "action": lambda p: str(cat.items[p.item].action)}
    counts: dict[str, dict[str, list[int]]] = {view: {} for view in keys}
    total = [0, 0, 0]
    for p in now.pairs:
        if p.item not in tasks:
            continue
        old = before.get((p.item, p.unit))
        flags = [p.done and not (old is not None and old.done), p.overdue and not (old is not None and old.overdue),
                 p.level is Level.RED and not (old is not None and old.level is Level.RED)]
        total = [a + b for a, b in zip(total, flags, strict=True)]
        for view, key in keys.items():
            c = counts[view].setdefault(key(p), [0, 0, 0])
            counts[view][key(p)] = [a + b for a, b in zip(c, flags, strict=True)]

    def delta(a: float, b: float) -> float:
        return float(Fraction(repr(a)) - Fraction(repr(b)))

    rows_then = {"unit": then.by_unit, "task": then.by_task, "action": then.by_action}
    rows_now = {"unit": now.by_unit, "task": now.by_task, "action": now.by_action}
    by: dict[str, dict[str, Change]] = {}
    for view, rows in rows_now.items():
        old_rate = {r.key: r.tally.rate for r in rows_then[view]}
        by[view] = {r.key: Change(delta(r.tally.rate, old_rate.get(r.key, 0.0)), *counts[view].get(r.key, [0, 0, 0]))
                    for r in rows}
    return Changes(then.as_of, Change(delta(now.overall.rate, then.overall.rate), *total), by)


def month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last day of each month from ``start``'s month through the last whole month before ``end``,
    then ``end`` itself (the trend's points)."""
    out: list[dt.date] = []
    year, month = start.year, start.month
    while True:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if last >= end:
            break
        out.append(last)
        year, month = year + month // 12, month % 12 + 1
    return [*out, end] if end >= start else out


def ranked(rows: list[Row]) -> list[Row]:
    """Competition ranking of rows already sorted best first: a row whose shown completion rate and average
    percent both equal the previous row's shares its rank (并列), and the next rank skips (1, 2, 2, 4)."""
    keys = [(r.tally.rate, r.tally.average) for r in rows]
    return [row._replace(rank=n) for row, n in zip(rows, ranks(keys), strict=True)]


def ranks(keys: list[Any]) -> list[int]:
    """Competition ranks of keys already sorted best first: equal keys share a rank, the next skips."""
    out: list[int] = []
    for n, key in enumerate(keys, 1):
        out.append(out[-1] if out and keys[n - 2] == key else n)
    return out


class Due(NamedTuple):
    """One date a unit must meet: a deadline, a milestone or a period's occurrence; ``days`` < 0 is overdue."""

    pair: PairState
    kind: str  # "deadline", "milestone", "period"
    date: dt.date
    days: int
    what: str


def due_list(pairs: Iterable[PairState], as_of: dt.date, within: int) -> list[Due]:
    """What is overdue, and what falls due within ``within`` days, soonest first within each unit."""
    out: list[Due] = []
    for p in pairs:
        if not p.done and (p.overdue or 0 <= (p.deadline - as_of).days <= within):
            out.append(Due(p, "deadline", p.deadline, (p.deadline - as_of).days, ""))
        for o in p.occurrences:
            if not o.met:
                out.append(Due(p, "period", o.end, (o.end - as_of).days, f"{o.start}–{o.end}"))
        for m in p.milestones:
            days = (m.milestone.due - as_of).days
            if m.overdue or (not m.met and 0 <= days <= within):
                out.append(Due(p, "milestone", m.milestone.due, days, m.milestone.text))
    return out
