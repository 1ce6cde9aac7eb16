"""The data model: frozen values built by the loaders, read by everything after them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

from tracker.core.problems import Pos

SAFE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")  # a unit id: safe as a file name on every system


class Period(str, Enum):
    """How often a recurring task must happen; each period is one expected occurrence."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    YEARLY = "yearly"


class Status(str, Enum):
    """A (task, unit) pair's state as a unit reports it."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    BLOCKED = "blocked"


class UnitKind(str, Enum):
    OFFICE = "office"
    BUREAU = "bureau"
    DISTRICT = "district"
    COMMITTEE = "committee"
    ORGANIZATION = "organization"
    GROUP = "group"


class Target(NamedTuple):
    """A quantified target, e.g. 查处率 100%."""

    metric: str
    value: float
    unit: str = "%"


class Cadence(NamedTuple):
    every: Period
    high_risk: Period | None = None


class Unit(NamedTuple):
    id: str
    name: str
    short: str
    kind: UnitKind
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    open: bool = False
    ambiguous: str | None = None
    maintainers: tuple[str, ...] = ()
    pos: Pos = Pos(1, 1)
    keys: tuple[tuple[str, str], ...] = ()  # (maintainer, signing key as listed): whose key signs what they commit

    @property
    def is_group(self) -> bool:
        return self.kind is UnitKind.GROUP

    def names(self) -> tuple[str, ...]:
        """Every name a user may type for this unit."""
        return (self.id, self.name, self.short, *self.aliases)


class CarriedPair(NamedTuple):
    """One unit's part in a carried item, as it stood in the previous year's folder when it was carried."""

    unit: str
    status: Status
    percent: float
    date: dt.date | None = None  # the date of its last entry there (None: it never reported)
    record: str = ""  # that entry's id in the previous folder's progress file


class Origin(NamedTuple):
    """Where a carried item (上年结转) comes from: the previous year's folder (relative to this one), the item's
    id there, the date its states were taken, and each unit carried with its state then."""

    folder: str
    year: int
    item: str
    as_of: dt.date
    pairs: tuple[CarriedPair, ...]
    action: str = ""
    work: str = ""

    def start(self, unit: str) -> CarriedPair | None:
        return next((p for p in self.pairs if p.unit == unit), None)


class Item(NamedTuple):
    """A trackable line of the list: one of the 60 tasks, or a goal (G0 overall, G1–G5 stage goals), or an item
    carried over from last year's list (kind "carried", id ``2025#15``, its ``origin`` saying where from).

    ``units`` are the named units, ``groups`` the collective names, as the list gives them; ``expect``
    is the office's own override of who must report (narrowing a "相关成员单位" task), when set.
    """

    id: str
    kind: str  # "task", "overall", "stage", "carried"
    text: str
    responsible: str
    units: tuple[str, ...]
    groups: tuple[str, ...]
    deadline: dt.date
    open: bool = False
    action: int | None = None
    work: int | None = None
    cadence: Cadence | None = None
    target: Target | None = None
    expect: tuple[str, ...] | None = None
    notes: tuple[str, ...] = ()
    pos: Pos = Pos(1, 1)
    refs: tuple[tuple[str, Pos], ...] = ()
    lead: str | None = None  # the lead unit (牵头), set by the office; its status is the task's in the by-task view
    maps_to: str | None = None  # a lower level's task: the upper list's task it counts towards
    origin: Origin | None = None  # a carried item's origin (carried.yaml)

    @property
    def number(self) -> int | None:
        return int(self.id) if self.id.isdigit() else None


class KeyWork(NamedTuple):
    """A key-work group (重点工作) within an action."""

    id: int
    title: str
    action: int
    items: tuple[str, ...]
    target: Target | None = None
    notes: tuple[str, ...] = ()
    pos: Pos = Pos(1, 1)


class Action(NamedTuple):
    id: int
    numeral: str
    title: str
    works: tuple[int, ...]
    notes: tuple[str, ...] = ()
    pos: Pos = Pos(1, 1)


class Plan(NamedTuple):
    title: str
    document: str
    issuer: str
    office: str
    issued: dt.date
    year: int
    start: dt.date
    end: dt.date
    deadline: dt.date
    records_until: dt.date
    notes: tuple[str, ...] = ()
    document_number: str = ""  # 发文字号 printed on notices and bulletins; empty: left out
    contact: str = ""  # 联系人 named at the foot of notices; empty: left out
    phone: str = ""  # 联系电话 beside the contact
    cc: str = ""  # 抄送机关 printed in the 版记 of notices and bulletins; empty: no 抄送 line


class Thresholds(NamedTuple):
    near_days: int = 14
    silent_days: int = 30
    escalate_after: int = 2  # a pair reminded this many times without progress since the first turns red
    reply_days: int = 7  # a reminder's reply is due this many days on; reminders count again only this far apart


class LadderStep(NamedTuple):
    """One step of the office's chasing ladder (催办梯次: 提醒 → 督办 → 专函督办 → 约谈): its name, and the
    title and sentence its notices carry ("" for the tool's words). A unit moves a step up each time a
    reminder goes without a reply by its date."""

    name: str
    title: str = ""
    text: str = ""


SCORE_KEYS = ("done_on_time", "done_late", "red", "yellow", "missed_period", "escalated", "late_request")


class Scoring(NamedTuple):
    """The assessment rule (考核) from tasks.yaml's ``scoring:``: a unit starts from ``base`` and gets the
    points of each thing counted over its task pairs; a pair's points are multiplied by its action's weight."""

    base: float = 100.0
    done_on_time: float = 2.0  # each pair done by its deadline
    done_late: float = 1.0  # each pair done after it
    red: float = -2.0  # each red pair
    yellow: float = -1.0  # each yellow pair
    missed_period: float = -1.0  # each period missed
    escalated: float = -3.0  # each pair reminded repeatedly without progress
    late_request: float = -1.0  # each extension requested after the deadline
    action_weights: tuple[tuple[int, float], ...] = ()  # (action, weight); unnamed actions weigh 1

    def points(self, key: str) -> float:
        value: float = getattr(self, key)
        return value

    def weight(self, action: int | None) -> float:
        return dict(self.action_weights).get(action or 0, 1.0)


@dataclass(frozen=True)
class Catalog:
    """tasks.yaml and units.yaml, loaded: what must be done, and by whom."""

    plan: Plan
    thresholds: Thresholds
    items: dict[str, Item]
    works: dict[int, KeyWork]
    actions: dict[int, Action]
    units: dict[str, Unit]
    _names: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    scoring: Scoring = Scoring()
    ladder: tuple[LadderStep, ...] = ()  # tasks.yaml's ``ladder:``; empty: the tool's four steps
    trust_root: str = ""  # units.yaml's ``trust_root``: check-authors judges only the commits after it
    _reporters: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _reporter_sets: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def tasks(self) -> list[Item]:
        return [i for i in self.items.values() if i.kind == "task"]

    def goals(self) -> list[Item]:
        return [i for i in self.items.values() if i.kind in ("overall", "stage")]

    def carried(self) -> list[Item]:
        return [i for i in self.items.values() if i.kind == "carried"]

    def lookup_unit(self, name: str) -> tuple[str, ...]:
        """Ids of the units called ``name`` (id, full name, short name or alias); () if none."""
        return self._names.get(name.strip(), ())

    def reporters(self, item: Item) -> tuple[str, ...]:
        """Who must report on ``item``: its named units, each group expanded to its members (a group
        with no known members reports as one), or the office's ``expect`` override."""
        cached = self._reporters.get(item.id)
        if cached is not None and self.items.get(item.id) is item:
            return cached
        result = self._expand(item)
        self._reporters[item.id] = result
        return result

    def reports_on(self, unit_id: str, item: Item) -> bool:
        """Whether ``unit_id`` must report on ``item``: checked once per record, against groups that may have
        hundreds of members."""
        found = self._reporter_sets.get(item.id)
        if found is None or self.items.get(item.id) is not item:
            found = self._reporter_sets[item.id] = frozenset(self.reporters(item))
        return unit_id in found

    def _expand(self, item: Item) -> tuple[str, ...]:
        if item.expect is not None:
            return item.expect
        out: dict[str, None] = {}  # ordered and without repeats; a province's group has hundreds of members
        for uid in (*item.units, *item.groups):
            unit = self.units.get(uid)
            out.update(dict.fromkeys(unit.members if unit is not None and unit.members else (uid,)))
        return tuple(out)

    def items_of(self, unit_id: str) -> list[Item]:
        return [i for i in self.items.values() if self.reports_on(unit_id, i)]


def build_name_index(units: dict[str, Unit]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for unit in units.values():
        for name in unit.names():
            ids = index.setdefault(name, [])
            if unit.id not in ids:
                ids.append(unit.id)
    return {k: tuple(v) for k, v in index.items()}


class Entry(NamedTuple):
    """One progress entry: what a unit reported about one item on one date.

    Records are named tuples rather than dataclasses: a report builds hundreds of thousands of them, and a
    tuple is built several times faster, which the cache's warm path depends on."""

    id: str
    unit: str
    task: str
    date: dt.date
    status: Status
    percent: float
    value: float | None = None
    note: str = ""
    evidence: tuple[str, ...] = ()
    by: str = ""
    line: int = 0


class Milestone(NamedTuple):
    """A dated step a unit commits to for one item (its 时间表)."""

    id: str
    unit: str
    task: str
    date: dt.date
    due: dt.date
    text: str
    by: str = ""
    replaces: str | None = None
    percent: float | None = None
    line: int = 0


class Review(NamedTuple):
    """The office's verdict on a unit's "done" claim: verified (销号) or rejected (reopened). It decides the one
    progress record it names (``decides``), never a record written later or inserted above it."""

    id: str
    unit: str
    task: str
    date: dt.date
    verdict: str  # "verify" or "reject"
    note: str = ""
    by: str = ""
    line: int = 0
    decides: str = ""  # the id of the "done" it decides ("": written before decisions named theirs)


class Extension(NamedTuple):
    """A unit's request for a later deadline (延期申请, ``kind`` "extend"), or the office's decision on one
    ("approve" or "refuse", naming the request by id). Only an approved request moves a deadline."""

    id: str
    unit: str
    task: str
    date: dt.date
    kind: str  # "extend", "approve" or "refuse"
    until: dt.date | None = None  # requests: the deadline asked for
    request: str = ""  # decisions: the id of the request decided
    note: str = ""
    by: str = ""
    line: int = 0


class Reminder(NamedTuple):
    """A reminder the office issued (提醒) to a unit about some of its items, kept so that "reminded three
    times, no progress" can be said and counted."""

    id: str
    unit: str
    date: dt.date
    items: tuple[str, ...]
    number: str = ""  # the notice's 文号
    reply_by: dt.date | None = None
    by: str = ""
    line: int = 0
    replied: dt.date | None = None  # the date of the unit's first reply (签收/回复), from its ``reply`` records

    def answered(self, as_of: dt.date) -> bool:
        """Whether the unit had replied by the reply-by date, as known on ``as_of``."""
        due = self.reply_by or self.date
        return self.replied is not None and self.replied <= min(due, as_of)


class Reply(NamedTuple):
    """A unit's reply to a reminder (签收/回复): what it did, with evidence, naming the reminder by id. Replies
    in time keep a unit on its step of the chasing ladder; a reminder without one moves it a step up."""

    id: str
    unit: str
    date: dt.date
    reminder: str
    note: str = ""
    evidence: tuple[str, ...] = ()
    by: str = ""
    line: int = 0
