"""Report data: pure functions from checked records to the figures the office reads.

Everything here is computed once per report; every output format renders the same ``Report``.
Rates are kept as whole counts and shown rounded half up to 0.1% (3/56 is 5.4%), never as 100% short of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any, NamedTuple

from tracker.check.checked import Progress
from tracker.compute import kinds
from tracker.compute.ladder import DEFAULT_STEPS, Chase, chase
from tracker.compute.state import Level, PairState, Records, index_records, pair_state
from tracker.core.model import Catalog, Item, LadderStep, Reminder, Status


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


def _ratio(x: int | Fraction) -> tuple[int, int]:
    return (x, 1) if isinstance(x, int) else (x.numerator, x.denominator)


def tenth(x: int | Fraction) -> float:
    """Rounded half up to 0.1 (四舍五入, as Excel's ROUND and an official by hand), exactly: 5.35 shows as
    5.4, 5.349 as 5.3. In whole numbers: a report rounds hundreds of figures, and Fraction arithmetic
    costs a tenth of its time."""
    n, d = _ratio(x)
    return (20 * n + d) // (2 * d) / 10


def percent(part: int | Fraction, whole: int | Fraction) -> float:
    """part/whole as a percent rounded half up to one decimal, computed exactly (3/56 is 5.4); a share below
    the whole never shows as 100.0 (99.96% shows 99.9), the one rounding people reject. 0 when there is
    nothing to count."""
    if whole <= 0:
        return 0.0
    (n, d), (wn, wd) = _ratio(part), _ratio(whole)
    num, den = n * wd, d * wn  # part/whole = num/den exactly
    tenths = (2000 * num + den) // (2 * den)
    return 99.9 if tenths >= 1000 and num < den else tenths / 10


def capped(x: int | Fraction, whole: int | float) -> float:
    """A value measured against a target (a mean of rates against 100): rounded like a percent, and never
    shown as reaching the target while it falls short of it (99.96 against 100 shows 99.9)."""
    target = Fraction(exact(whole))
    shown = tenth(x)
    return float(target - Fraction(1, 10)) if x < target <= Fraction(repr(shown)) else shown


class Tally(NamedTuple):
    """Counts over a set of pairs; the rates derive from them. The kinds (``overdue`` … ``done_late``) are
    ``compute.kinds``' words, counted as its findings are."""

    expected: int = 0
    done: int = 0
    verified: int = 0
    percent_sum: int | Fraction = 0  # exact: each pair's percent as reported (see ``exact``)
    overdue: int = 0  # 逾期未完成: pairs
    done_late: int = 0  # 逾期完成: pairs
    missed: int = 0  # 漏报: periods
    late_milestones: int = 0  # 节点滞后: milestones
    red: int = 0
    yellow: int = 0
    blue: int = 0
    extended: int = 0  # pairs whose deadline an approved extension moved
    late_requests: int = 0  # extension requests made after the deadline then in force
    escalated: int = 0  # pairs red for being reminded repeatedly without progress
    reminders: int = 0  # distinct reminders issued about these pairs
    unanswered: int = 0  # distinct reminders about these pairs whose reply-by date passed without a reply

    @property
    def follow_up(self) -> bool:
        """Whether any extension or reminder counts here (views add their columns only then)."""
        return bool(self.extended or self.late_requests or self.escalated or self.reminders)

    @property
    def rate(self) -> float:
        """Claimed completion: done pairs / expected pairs."""
        return percent(self.done, self.expected)

    @property
    def verified_rate(self) -> float:
        return percent(self.verified, self.expected)

    @property
    def average(self) -> float:
        """Average percent over expected pairs (unreported pairs count as 0)."""
        return percent(self.percent_sum, 100 * self.expected)

    def kind(self, name: str) -> int:
        """The count of one word of the vocabulary (``compute.kinds``: a kind or a warning level)."""
        return int(getattr(self, _FIELD.get(name, name)))

    def as_dict(self) -> dict[str, float | int]:
        """The JSON form: each rate beside the exact counts it is computed from (``percent_sum``, the sum of
        the pairs' percents, gives the average), so a reader can recompute it."""
        return {"expected": self.expected, "done": self.done, "verified": self.verified, "rate": self.rate,
                "verified_rate": self.verified_rate, "percent_sum": _number(self.percent_sum),
                "average_percent": self.average, "overdue": self.overdue, "missed_periods": self.missed,
                "late_milestones": self.late_milestones, "done_late": self.done_late, "red": self.red,
                "yellow": self.yellow, "blue": self.blue, "extended": self.extended,
                "late_requests": self.late_requests, "reminders": self.reminders, "escalated": self.escalated,
                "unanswered": self.unanswered}


_FIELD = {"missed_periods": "missed"}


def _number(x: int | Fraction) -> int | float:
    """An exact sum of decimals as JSON writes it: whole numbers as integers, else the decimal (a sum of
    numbers written with few decimals has a short exact decimal form)."""
    return int(x) if Fraction(x).denominator == 1 else float(x)


_NO_IDS: frozenset[str] = frozenset()


def _vector(p: PairState) -> tuple[Any, ...]:
    """One pair's contribution to every count of a Tally, in Tally's order (percent second); the last two
    elements are the ids of the reminders that listed the pair, and of those unanswered (each counted once
    however many pairs they list)."""
    done = p.status is Status.DONE
    overdue, missed, late, done_late = kinds.counts(p)
    level = p.level
    extended = p.original_deadline is not None
    late_req = sum(x.late for x in p.extensions) if p.extensions else 0
    escalated = level is Level.RED and any(r.startswith("reminded:") for r in p.reasons)
    return (1, exact(p.percent), done, done and p.verified, overdue, done_late, missed, late, level is Level.RED,
            level is Level.YELLOW, level is Level.BLUE, extended, late_req, escalated,
            frozenset(r.id for r in p.reminders) if p.reminders else _NO_IDS,
            frozenset(p.unanswered) if p.unanswered else _NO_IDS)


def tally(pairs: Iterable[PairState], vectors: dict[int, tuple[Any, ...]] | None = None) -> Tally:
    """Counts over pairs; ``vectors`` (by ``id`` of each pair) saves recomputing them for every view."""
    rows = [vectors[id(p)] for p in pairs] if vectors is not None else [_vector(p) for p in pairs]
    if not rows:
        return Tally()
    columns = list(zip(*rows, strict=True))
    n, total, *rest = map(sum, columns[:-2])
    reminders, unanswered = len(_NO_IDS.union(*columns[-2])), len(_NO_IDS.union(*columns[-1]))
    return Tally._make([n, rest[0], rest[1], total, *rest[2:], reminders, unanswered])


class TargetFigure(NamedTuple):
    """Actual against target for an item with a quantified target: the latest value of each reporter."""

    metric: str
    target: float
    unit: str
    reported: int
    expected: int
    mean: float | None
    lowest: float | None
    total: int | Fraction = 0  # the exact sum of the values reported: mean = total / reported


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
    chases: dict[str, Chase] = {}  # each reminded unit's standing on the chasing ladder (compute.ladder)
    ladder: tuple[LadderStep, ...] = ()  # the office's ladder (tasks.yaml); empty: the tool's four steps
    errors: dict[str, int] = {}  # errors in each unit's progress file (shown only under --allow-errors)
    error_names: dict[str, str] = {}  # the short names of the units with errors
    unit_names: dict[str, str] = {}  # the short names of the lead units (shown in the by-task view)
    by_carried: list[Row] = []  # the items carried over from last year (上年结转), counted apart
    carried_overall: Tally = Tally()

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    findings: tuple[kinds.Finding, ...] = ()  # every finding of the pairs (``compute.kinds``), by kind
    groups: dict[str, str] = {}  # each item's group (``kinds.GROUPS``), by id: what is counted apart

    def group(self, p: PairState) -> str:
        return self.groups.get(p.item, "task")

    def is_goal(self, p: PairState) -> bool:
        return self.group(p) == "goal"

    def warned(self, level: str, group: str | None = None) -> list[PairState]:
        """The pairs with the warning ``level`` (of one group only, when given)."""
        return [p for p in kinds.warned(self.pairs, level) if group is None or self.group(p) == group]

    def found(self, kind: str, group: str | None = None) -> list[kinds.Finding]:
        """The findings of ``kind`` (of one group only, when given)."""
        return [f for f in self.findings if f.kind == kind and (group is None or f.group == group)]

    def tally_of(self, group: str) -> Tally:
        """The overall tally of a group: the tasks', the goals' or the carried items'."""
        return {"task": self.overall, "goal": self.goals_overall, "carried": self.carried_overall}[group]


def _target(cat: Catalog, item: Item, pairs: list[PairState]) -> TargetFigure | None:
    if item.target is None:
        return None
    values = [exact(p.value) for p in pairs if p.value is not None]
    target = item.target.value
    mean = capped(Fraction(sum(values)) / len(values), target) if values else None
    return TargetFigure(item.target.metric, target, item.target.unit, len(values), len(pairs), mean,
                        capped(min(values), target) if values else None, sum(values))


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
    """All views of the report as of ``as_of``, optionally narrowed to one unit or one action. Units are ranked
    over every unit's pairs (of the action, when given), so one unit's rows keep the rank it has among all."""
    items = [i for i in cat.items.values() if action is None or i.action == action]
    wanted = {i.id for i in items}
    order = {item_id: n for n, item_id in enumerate(cat.items)}
    every = sorted((p for p in all_pairs if p.item in wanted), key=lambda p: order[p.item])
    pairs = every if unit is None else [p for p in every if p.unit == unit]
    by_item: dict[str, list[PairState]] = {i.id: [] for i in items}
    for p in pairs:
        by_item[p.item].append(p)
    tasks = [i for i in items if i.kind == "task" and by_item[i.id]]
    goals = [i for i in items if i.kind in ("overall", "stage") and by_item[i.id]]
    carried = [i for i in cat.items.values() if i.kind == "carried" and i.id in by_item and by_item[i.id]]
    goal_ids = frozenset(i.id for i in items if i.kind in ("overall", "stage"))
    task_ids = frozenset(i.id for i in items if i.kind == "task")

    vectors = {id(p): _vector(p) for p in every}
    task_rows = [_task_row(cat, i, by_item[i.id], vectors) for i in tasks]
    goal_rows = [Row(i.id, i.text, tally(by_item[i.id], vectors), max(p.level for p in by_item[i.id]),
                     _target(cat, i, by_item[i.id])) for i in goals]
    goal_rows += [r for r in task_rows if r.target is not None]

    def by_unit(of_goals: bool) -> list[Row]:
        """Each unit's row over its task pairs (or its goal pairs), ranked among every unit's, then narrowed."""
        ids = goal_ids if of_goals else task_ids
        per_unit: dict[str, list[PairState]] = {u: [] for u in cat.units}
        for p in every:
            if p.item in ids and p.unit in per_unit:
                per_unit[p.unit].append(p)
        rows = _rows({u: ps for u, ps in per_unit.items() if ps}, lambda u: cat.units[u].short, vectors)
        unit_order = {u: n for n, u in enumerate(cat.units)}
        rows = ranked(sorted(rows, key=lambda r: (-r.tally.rate, -r.tally.average, unit_order[r.key])))
        return [r for r in rows if unit is None or r.key == unit]

    per_action: dict[str, list[PairState]] = {}
    for i in tasks:
        if i.action is not None:
            per_action.setdefault(str(i.action), []).extend(by_item[i.id])
    action_rows = _rows(per_action, lambda a: f"{cat.actions[int(a)].numeral}、{cat.actions[int(a)].title}", vectors)

    task_pairs = [p for i in tasks for p in by_item[i.id]]
    goal_pairs = [p for i in goals for p in by_item[i.id]]
    carried_rows = [_task_row(cat, i, by_item[i.id], vectors) for i in carried]
    groups = {i.id: kinds.group(i) for i in items}
    found = kinds.all_findings(pairs, as_of, groups)
    reminded: dict[str, list[Reminder]] = {}
    for p in pairs:
        if p.reminders:
            reminded.setdefault(p.unit, []).extend(p.reminders)
    steps = len(cat.ladder) or DEFAULT_STEPS
    chases = {u: chase(rs, as_of, steps, cat.thresholds.reply_days) for u, rs in reminded.items()}
    return Report(as_of, cat.plan.title, tally(task_pairs, vectors), tally(goal_pairs, vectors), task_rows,
                  by_unit(False), action_rows, goal_rows, pairs, tuple(by_unit(True)), chases=chases,
                  ladder=cat.ladder, errors=errors or {},
                  error_names={u: cat.units[u].short if u in cat.units else u for u in errors or {}},
                  unit_names={i.lead: cat.units[i.lead].short for i in tasks if i.lead and i.lead in cat.units},
                  by_carried=carried_rows, carried_overall=tally([p for i in carried for p in by_item[i.id]], vectors),
                  findings=tuple(found), groups=groups)


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
