"""The state of each (item, unit) pair as of a date: pure functions over checked records.

The rules, as the README states them for an official to check by hand:
- a pair's state as of D is its latest entry dated on or before D (file order breaks ties); no entry means
  not started;
- a "done" is a claim until the office verifies it; each decision decides the one record it names: a
  verification verifies the pair only while the record it names is the pair's latest entry, and a rejection
  reopens the pair until the unit records done again;
- a pair is overdue when D is after its deadline and it was not done by the deadline; done after the
  deadline is done late;
- a cadence gives one occurrence per period inside the plan's year, due at the period's end; an occurrence
  is met by an entry dated inside the period; each period that ended before D without one is missed;
- a milestone is met by an entry dated from the day it was planned through its due date that reaches its
  percent (without a percent: any such entry); it is overdue when D is after the due date and it was not met;
- a rejected claim reopens the pair at the percent the unit last reported before claiming done (0 if none);
- warnings, for a pair not done (a done pair carries none): red when it is overdue, a period was missed or a
  milestone is late; yellow when behind the expected pace (the share of the time from the plan's start to the
  deadline that has passed) or silent for ``silent_days``; blue when its deadline or a milestone falls due
  within ``near_days``;
- an extension approved by the office moves the pair's deadline to the date the unit asked for (the latest
  approval as of D wins; the item's own deadline stays the original); a request dated after the deadline in
  force that day is late; cadence periods keep to the original deadline;
- a pair reminded ``escalate_after`` times or more as of D, counting only reminders on days at least the reply
  period (``reply_days``) apart, with no entry dated after the first of those reminders, is red with the reason
  ``reminded:N`` (N reminders so counted).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import operator
from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import NamedTuple

from tracker.core.model import Catalog, Entry, Extension, Item, Milestone, Period, Reminder, Review, Status

_TASK_UNIT = operator.attrgetter("task", "unit")
_MONTHS = {Period.MONTHLY: 1, Period.QUARTERLY: 3, Period.HALF_YEARLY: 6, Period.YEARLY: 12}


class Level(IntEnum):
    """Warning level; higher is worse."""

    NONE = 0
    BLUE = 1
    YELLOW = 2
    RED = 3


class Occurrence(NamedTuple):
    start: dt.date
    end: dt.date
    met: bool


class MilestoneState(NamedTuple):
    milestone: Milestone
    met: bool
    overdue: bool


class ExtensionState(NamedTuple):
    """One extension request of a pair and the office's decision on it, as known on the report's date."""

    request: Extension
    decision: Extension | None
    late: bool  # requested after the deadline then in force

    @property
    def verdict(self) -> str:
        """"approved", "refused" or "pending"."""
        if self.decision is None:
            return "pending"
        return "approved" if self.decision.kind == "approve" else "refused"


class PairState(NamedTuple):
    """Everything the reports say about one unit's part in one item, as of one date.

    A named tuple: a province-wide report builds one per (item, unit) pair, often a hundred thousand."""

    item: str
    unit: str
    status: Status
    percent: float
    latest: Entry | None
    done_on: dt.date | None
    verified: bool
    rejected: Review | None
    deadline: dt.date
    overdue: bool
    done_late: bool
    value: float | None
    occurrences: tuple[Occurrence, ...]
    milestones: tuple[MilestoneState, ...]
    silent_days: int | None
    pace: float
    level: Level
    reasons: tuple[str, ...]
    original_deadline: dt.date | None = None  # set when an approved extension moved ``deadline``
    extensions: tuple[ExtensionState, ...] = ()
    reminders: tuple[Reminder, ...] = ()
    unanswered: tuple[str, ...] = ()  # the reminders naming the pair whose reply-by date passed without a reply

    @property
    def done(self) -> bool:
        return self.status is Status.DONE

    @property
    def missed(self) -> int:
        return sum(1 for o in self.occurrences if not o.met)

    @property
    def next_due(self) -> dt.date | None:
        """The nearest date still ahead: an open milestone or, until done, the deadline."""
        if not self.milestones:  # the common case, on a hot path of large reports
            return None if self.status is Status.DONE else self.deadline
        dates = [m.milestone.due for m in self.milestones if not m.met and not m.overdue]
        if not self.done:
            dates.append(self.deadline)
        return min(dates) if dates else None


class Records(NamedTuple):
    """All checked records of one pair: entries by date (file order breaking ties), the rest in file order.
    Built by ``index_records``, which is what keeps the entries sorted."""

    entries: tuple[Entry, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    reviews: tuple[Review, ...] = ()
    extensions: tuple[Extension, ...] = ()
    reminders: tuple[Reminder, ...] = ()


def index_records(entries: Iterable[Entry], milestones: Iterable[Milestone], reviews: Iterable[Review], *,
                  presorted: bool = False, extensions: Iterable[Extension] = (),
                  reminders: Iterable[Reminder] = ()) -> dict[tuple[str, str], Records]:
    """Group records by (item, unit). A hot loop on large folders: one dict lookup per run of records.
    ``presorted`` says the entries already come by task, unit, date and line (one file's, from the cache):
    each pair's entries are then one slice, found by bisection, and need no sorting."""
    grouped: dict[tuple[str, str], tuple[list[Entry], list[Milestone], list[Review]]] = {}

    def bucket(key: tuple[str, str]) -> tuple[list[Entry], list[Milestone], list[Review]]:
        found = grouped.get(key)
        if found is None:
            found = grouped[key] = ([], [], [])
        return found

    if presorted:
        seq = entries if isinstance(entries, list) else list(entries)
        lo = 0
        while lo < len(seq):
            key = _TASK_UNIT(seq[lo])
            hi = bisect.bisect_right(seq, key, lo, key=_TASK_UNIT)
            bucket(key)[0].extend(seq[lo:hi])
            lo = hi
    else:
        for key, run in itertools.groupby(entries, key=_TASK_UNIT):
            bucket(key)[0].extend(run)
    for m in milestones:
        bucket((m.task, m.unit))[1].append(m)
    for r in reviews:
        bucket((r.task, r.unit))[2].append(r)
    out = {k: Records(tuple(a if presorted else sorted(a, key=_BY_DATE_LINE)), tuple(b), tuple(c))
           for k, (a, b, c) in grouped.items()}
    more: dict[tuple[str, str], tuple[list[Extension], list[Reminder]]] = {}
    for x in extensions:
        bucket((x.task, x.unit))
        more.setdefault((x.task, x.unit), ([], []))[0].append(x)
    for rem in reminders:
        for task in dict.fromkeys(rem.items):
            bucket((task, rem.unit))
            more.setdefault((task, rem.unit), ([], []))[1].append(rem)
    for k, (xs, rs) in more.items():
        a, b, c = grouped[k]
        base = out.get(k) or Records(tuple(a if presorted else sorted(a, key=_BY_DATE_LINE)), tuple(b), tuple(c))
        out[k] = base._replace(extensions=tuple(xs), reminders=tuple(sorted(rs, key=_BY_DATE_LINE)))
    return out


@functools.lru_cache(maxsize=256)
def periods(every: Period, start: dt.date, end: dt.date) -> tuple[tuple[dt.date, dt.date], ...]:
    """Calendar periods (months, quarters, halves, years) from ``start``'s period through ``end``."""
    step = _MONTHS[every]
    month0 = (start.month - 1) // step * step  # 0-based first month of start's period
    year = start.year
    out: list[tuple[dt.date, dt.date]] = []
    while True:
        first = dt.date(year, month0 + 1, 1)
        if first > end:
            return tuple(out)
        nm = month0 + step
        last = dt.date(year + nm // 12, nm % 12 + 1, 1) - dt.timedelta(days=1)
        out.append((first, last))
        year, month0 = year + nm // 12, nm % 12


_BY_DATE_LINE = operator.attrgetter("date", "line")
_DATE = operator.attrgetter("date")


def pair_state(cat: Catalog, item: Item, unit: str, recs: Records, as_of: dt.date) -> PairState:
    """One pair's state as of ``as_of``. A hot path: a province's report computes one per expected pair."""
    if item.origin is not None:
        recs = carried_start(item, unit, recs)
    entries = recs.entries[:bisect.bisect_right(recs.entries, as_of, key=_DATE)]  # sorted by index_records
    latest = entries[-1] if entries else None
    status = latest.status if latest else Status.NOT_STARTED
    percent = latest.percent if latest else 0.0
    reviews = [r for r in recs.reviews if r.date <= as_of] if recs.reviews else None
    if reviews or status is Status.DONE:  # without reviews, only a latest "done" makes a claim
        done_on, verified, rejected = _claim(entries, reviews or [])
    else:
        done_on, verified, rejected = None, False, None
    if status is Status.DONE and done_on is None:  # the office rejected the claim: reopened, at the percent
        status = Status.IN_PROGRESS  # the unit last reported before it claimed done (0 when it never did)
        percent = next((e.percent for e in reversed(entries) if e.status is not Status.DONE), 0.0)

    deadline = item.deadline
    original: dt.date | None = None
    extended: tuple[ExtensionState, ...] = ()
    if recs.extensions:
        moved, extended = _extensions(item.deadline, recs.extensions, as_of)
        if moved != deadline:
            original, deadline = deadline, moved
    overdue = as_of > deadline and done_on is None
    done_late = done_on is not None and done_on > deadline
    value = None
    for e in reversed(entries):
        if e.value is not None:
            value = e.value
            break

    occurrences: list[Occurrence] = []
    if item.cadence is not None:
        active = sorted(e.date for e in entries if e.status is not Status.NOT_STARTED)
        for start, end in periods(item.cadence.every, cat.plan.start, min(cat.plan.end, item.deadline)):
            if end >= as_of:
                break
            i = bisect.bisect_left(active, start)
            occurrences.append(Occurrence(start, end, i < len(active) and active[i] <= end))

    mstates = tuple(_milestone(m, entries, as_of) for m in _current_milestones(recs.milestones, as_of)) \
        if recs.milestones else ()

    silent = None
    plan_start = cat.plan.start
    if status is not Status.DONE:
        silent = (as_of - (latest.date if latest else plan_start)).days
    span = max((deadline - plan_start).days, 1)
    pace = min(max((as_of - plan_start).days / span, 0.0), 1.0)

    reminders = tuple(r for r in recs.reminders if r.date <= as_of) if recs.reminders else ()
    escalated = 0
    unanswered = tuple(r.id for r in reminders if (r.reply_by or r.date) < as_of and not r.answered(as_of)) \
        if reminders else ()
    if len(reminders) >= cat.thresholds.escalate_after:
        counted = spaced(reminders, cat.thresholds.reply_days)
        if len(counted) >= cat.thresholds.escalate_after and not (entries and entries[-1].date > counted[0].date):
            escalated = len(counted)
    level, reasons = _level(cat, status, percent, pace, overdue, occurrences, mstates, silent, deadline, as_of,
                            escalated)
    return _PAIR((item.id, unit, status, percent, latest, done_on, verified, rejected, deadline, overdue,
                  done_late, value, tuple(occurrences), mstates, silent, pace, level, reasons, original, extended,
                  reminders, unanswered))


def spaced(reminders: Sequence[Reminder], days: int) -> list[Reminder]:
    """The reminders that count towards escalation, of a pair's reminders in date order: the first, then each
    dated at least ``days`` (the reply period) after the last one counted. Two notices on one day, or a second
    before the first's reply was due, are one reminder as far as escalation goes."""
    counted: list[Reminder] = []
    for r in reminders:
        if not counted or (r.date - counted[-1].date).days >= days:
            counted.append(r)
    return counted


def carried_start(item: Item, unit: str, recs: Records) -> Records:
    """A carried pair (上年结转) starts from its state when it was carried: that state is its first entry, dated
    the day of its last entry last year (a pair that never reported there starts as not started)."""
    start = item.origin.start(unit) if item.origin is not None else None
    if start is None or start.date is None:
        return recs
    origin = item.origin
    assert origin is not None
    first = Entry(start.record or f"{origin.year}#{origin.item}", unit, item.id, start.date, start.status,
                  start.percent, note=f"上年结转：{origin.year}#{origin.item}", line=0)
    return recs._replace(entries=(first, *recs.entries))


def enough(cat: Catalog, item: Item, recs: Records) -> Records:
    """The few records from which ``pair_state`` gives the same state as from all of ``recs``, as of any date
    on or after the pair's latest record: what a report as of today reads, however long the history. They
    are the latest entry, the run of "done" entries it ends (its first and last) and the entry before that
    run, the latest entry carrying a value, and, for a cadence, the first active entry of each period. A pair
    with milestones, the office's reviews, extensions or reminders, whose rules look at every entry, keeps
    them all."""
    entries = recs.entries
    if recs.milestones or recs.reviews or recs.extensions or recs.reminders or len(entries) <= 2:
        return recs
    keep = {len(entries) - 1}
    n = len(entries) - 1
    while n >= 0 and entries[n].status is Status.DONE:
        n -= 1
    keep.update((n, n + 1) if n >= 0 else (0,))  # the entry before the trailing run of "done", and its first
    keep.discard(len(entries))
    for k in range(len(entries) - 1, -1, -1):
        if entries[k].value is not None:
            keep.add(k)
            break
    if item.cadence is not None:
        spans = periods(item.cadence.every, cat.plan.start, min(cat.plan.end, item.deadline))
        starts = [start for start, _ in spans]
        met: set[int] = set()
        for k, e in enumerate(entries):
            if e.status is not Status.NOT_STARTED:
                i = bisect.bisect_right(starts, e.date) - 1
                if i >= 0 and i not in met and e.date <= spans[i][1]:
                    met.add(i)
                    keep.add(k)
    return recs._replace(entries=tuple(entries[k] for k in sorted(keep)))


_PAIR = functools.partial(tuple.__new__, PairState)  # skips the named tuple's Python-level __new__


def _claim(entries: Sequence[Entry], reviews: list[Review]) -> tuple[dt.date | None, bool, Review | None]:
    """The pair's open claim, from its entries (by date, file order breaking ties) and the office's decisions,
    each deciding the one record it names.

    A claim is the run of "done" entries the pair ends with, from the first one after the last "done" the
    office rejected; it is verified when the office verified its latest entry, the pair's state, itself (a
    "done" written later, or inserted above the verification, is another record, never verified by it). A
    rejection closes the claim of the record it names and reopens the item until the unit records done again.
    On one record the later decision (by date, then file order) wins, except that a verification of a record
    already rejected changes nothing. Returns (date the open claim began, verified, the rejection that closed
    the last claim)."""
    if not reviews:  # the common case: the claim is the run of done entries at the end, if any
        start: dt.date | None = None
        for e in reversed(entries):
            if e.status is not Status.DONE:
                break
            start = e.date
        return start, False, None
    verdicts: dict[str, Review] = {}  # by the record decided: its decision in force
    for r in sorted(reviews, key=_BY_DATE_LINE):
        before = verdicts.get(r.decides)
        if r.verdict == "verify" and before is not None and before.verdict == "reject":
            continue
        verdicts[r.decides] = r
    since: dt.date | None = None
    rejected: Review | None = None
    for e in entries:
        if e.status is not Status.DONE:
            since = None
            continue
        decided = verdicts.get(e.id)
        if decided is not None and decided.verdict == "reject":
            since, rejected = None, decided
        elif since is None:
            since, rejected = e.date, None
    latest = verdicts.get(entries[-1].id) if entries and since is not None else None
    return since, latest is not None and latest.verdict == "verify", rejected


def _extensions(deadline: dt.date, records: tuple[Extension, ...],
                as_of: dt.date) -> tuple[dt.date, tuple[ExtensionState, ...]]:
    """The deadline in force as of ``as_of`` and each request with its decision, in request order. Records are
    applied by date (file order breaking ties): an approval moves the deadline to its request's date."""
    known = sorted((x for x in records if x.date <= as_of), key=_BY_DATE_LINE)
    requests = {x.id: x for x in known if x.kind == "extend"}
    decisions: dict[str, Extension] = {}
    late: dict[str, bool] = {}
    for x in known:
        if x.kind == "extend":
            late[x.id] = x.date > deadline
        elif x.request in requests and x.request not in decisions:
            decisions[x.request] = x
            until = requests[x.request].until
            if x.kind == "approve" and until is not None:
                deadline = until
    return deadline, tuple(ExtensionState(r, decisions.get(r.id), late[r.id]) for r in requests.values())


def _current_milestones(milestones: tuple[Milestone, ...], as_of: dt.date) -> list[Milestone]:
    known = [m for m in milestones if m.date <= as_of]
    replaced = {m.replaces for m in known if m.replaces}
    return sorted((m for m in known if m.id not in replaced), key=lambda m: (m.due, m.line))


def _milestone(m: Milestone, entries: Sequence[Entry], as_of: dt.date) -> MilestoneState:
    upto = [e for e in entries if m.date <= e.date <= m.due]  # only what was done after planning it counts
    if m.percent is not None:
        met = any(e.percent >= m.percent for e in upto)
    else:
        met = any(e.date >= m.date for e in upto)
    return MilestoneState(m, met, as_of > m.due and not met)


def _level(cat: Catalog, status: Status, percent: float, pace: float, overdue: bool,
           occurrences: list[Occurrence], milestones: tuple[MilestoneState, ...], silent: int | None,
           deadline: dt.date, as_of: dt.date, escalated: int = 0) -> tuple[Level, tuple[str, ...]]:
    """The warning level and its reasons, most severe first (so the level is the first reason's). A done pair
    carries none: what it missed on the way is history (``compute.kinds``)."""
    reasons: list[str] = []
    level = Level.NONE
    if status is Status.DONE:
        return level, ()
    if overdue:
        reasons.append("overdue")
    if escalated:
        reasons.append(f"reminded:{escalated}")
    missed = sum(1 for o in occurrences if not o.met) if occurrences else 0
    if missed:
        reasons.append(f"missed:{missed}")
    if milestones and any(m.overdue for m in milestones):
        reasons.append("milestone-overdue")
    if reasons:
        level = Level.RED
    yellow = len(reasons)
    if not overdue and percent < pace * 100:
        reasons.append("behind-pace")
    if silent is not None and silent >= cat.thresholds.silent_days:
        reasons.append("silent")
    if level is Level.NONE and len(reasons) > yellow:
        level = Level.YELLOW
    blue = len(reasons)
    near = cat.thresholds.near_days
    if 0 <= (deadline - as_of).days <= near:
        reasons.append("deadline-near")
    if milestones and any(not m.met and 0 <= (m.milestone.due - as_of).days <= near for m in milestones):
        reasons.append("milestone-near")
    if level is Level.NONE and len(reasons) > blue:
        level = Level.BLUE
    return level, tuple(reasons)
