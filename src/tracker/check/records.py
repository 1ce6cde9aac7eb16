"""The rules every progress record must meet. ``tracker record`` and ``tracker validate`` share them, so an
entry refused at the terminal is refused in a file, with the same words."""

from __future__ import annotations

import datetime as dt
import functools
import math
import operator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from tracker.core.dates import parse_date
from tracker.core.i18n import both, word
from tracker.core.model import SAFE_ID, Catalog, Entry, Extension, Item, Milestone, Reminder, Review, Status
from tracker.core.problems import Arg, Collector, Pos, Problem, did_you_mean, shown
from tracker.load.inputs import STATUS_CHOICES, STATUS_WORDS
from tracker.load.progress import FIELD_ORDER, RawFile, RawRecord

TYPES = ("progress", "milestone", "verify", "reject", "withdraw", "extend", "approve", "refuse", "reminder")
FIELDS = {
    "progress": ({"id", "type", "date", "task", "status"}, {"percent", "value", "note", "evidence", "by",
                                                          "source"}),
    "milestone": ({"id", "type", "date", "task", "due", "milestone"}, {"percent", "note", "by", "replaces"}),
    "verify": ({"id", "type", "date", "task"}, {"note", "by"}),
    "reject": ({"id", "type", "date", "task", "note"}, {"by"}),
    "withdraw": ({"id", "type", "date", "withdraws", "note"}, {"task", "by"}),
    # deadline extensions (延期申请): a unit's request, the office's decision naming it
    "extend": ({"id", "type", "date", "task", "until", "note"}, {"by"}),
    "approve": ({"id", "type", "date", "task", "request"}, {"note", "by"}),
    "refuse": ({"id", "type", "date", "task", "request", "note"}, {"by"}),
    # the reminder register: what the office reminded the unit of
    "reminder": ({"id", "type", "date", "items"}, {"number", "reply_by", "note", "by"}),
}


class Withdrawal(NamedTuple):
    """The office's correction: record ``withdraws`` of the same file no longer counts. Records are never
    edited or deleted (so a union merge has nothing to resurrect); a wrong one is withdrawn by a new one."""

    id: str
    unit: str
    withdraws: str
    date: dt.date
    note: str
    by: str
    line: int


Record = Entry | Milestone | Review | Withdrawal | Extension | Reminder


@dataclass
class Progress:
    """One unit's checked progress file."""

    path: str
    unit: str | None
    entries: list[Entry] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    in_order: bool = False  # entries come ordered by task, date and line (as the cache keeps them)

    def file(self, record: Record) -> None:
        """Keep a checked record with its kind (a withdrawal is kept by the file's check, not here)."""
        if isinstance(record, Entry):
            self.entries.append(record)
        elif isinstance(record, Milestone):
            self.milestones.append(record)
        elif isinstance(record, Review):
            self.reviews.append(record)
        elif isinstance(record, Extension):
            self.extensions.append(record)
        elif isinstance(record, Reminder):
            self.reminders.append(record)

    def latest(self) -> dt.date | None:
        """The date of the file's latest record of any kind (a milestone's due date is no record's)."""
        dates = [*(e.date for e in self.entries), *(m.date for m in self.milestones), *(r.date for r in self.reviews),
                 *(x.date for x in self.extensions), *(r.date for r in self.reminders)]
        return max(dates) if dates else None

    def ids(self) -> set[str]:
        records: list[Record] = [*self.entries, *self.milestones, *self.reviews, *self.extensions,
                                 *self.reminders]
        return {r.id for r in records}


class _Check:
    """Checks one record, filing problems at the record's own positions."""

    def __init__(self, cat: Catalog, unit: str, rec: RawRecord, today: dt.date, out: Collector) -> None:
        self.cat, self.unit, self.rec, self.today, self.out = cat, unit, rec, today, out
        self.ok = True

    def bad(self, key: str, code: str, **args: Arg) -> None:
        self.out.add(self.rec.at(key), code, **args)
        self.ok = False

    def wrong(self, key: str, expected: str, hint: str = "") -> None:
        value = self.rec.values.get(key)
        found = word("null") if value is None else word("the-number") if isinstance(value, (int, float)) \
            and not isinstance(value, bool) else word("list") if isinstance(value, list) \
            else word("mapping") if isinstance(value, dict) else word("the-text")
        raw = "" if value is None or isinstance(value, (list, dict)) else " " + shown(value)
        self.bad(key, "wrong-type", field=shown(key), expected=word(expected), found=found, raw=raw,
                 hint=word(f"hint.{hint}") if hint else "")

    def text(self, key: str, required: bool = False) -> str:
        value = self.rec.values.get(key)
        if value is None or value == "":
            if required:
                self.bad(key, "missing-field", subject=word("record"), field=shown(key))
            return ""
        if not isinstance(value, str):
            self.wrong(key, "text", "quote-value")
            return ""
        return value

    def number(self, key: str) -> float | None:
        value = self.rec.values.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not finite(value):
            self.wrong(key, "number", "digits")
            return None
        return float(value)

    def date(self, key: str, *, not_future: bool) -> dt.date | None:
        if key not in self.rec.values:
            self.ok = False  # reported as a missing field
            return None
        value = self.rec.values.get(key)
        parsed = parse_date(value) if isinstance(value, str) else None
        if parsed is None:
            self.bad(key, "bad-date", field=field_word(key), found=shown(value))
            return None
        if value != parsed.isoformat():
            self.bad(key, "non-iso-date", field=field_word(key), found=shown(value), iso=parsed.isoformat())
            return None
        plan = self.cat.plan
        if not plan.start <= parsed <= plan.records_until:
            self.bad(key, "out-of-period", field=field_word(key), date=parsed.isoformat(), start=plan.start.isoformat(),
                     end=plan.records_until.isoformat())
            return None
        if not_future and parsed > self.today:
            self.bad(key, "future-date", field=field_word(key), date=parsed.isoformat(), today=self.today.isoformat())
            return None
        return parsed

    def task(self) -> str | None:
        if "task" not in self.rec.values:
            self.ok = False  # reported as a missing field
            return None
        value = self.rec.values.get("task")
        key = str(value).strip().upper() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
        if key not in self.cat.items:
            self.bad("task", "unknown-task", task=shown(value), suggest=did_you_mean(key, self.cat.items))
            return None
        item = self.cat.items[key]
        if not self.cat.reports_on(self.unit, item):
            names = "、".join(self.cat.units[u].short for u in self.cat.reporters(item) if u in self.cat.units)
            self.bad("task", "not-responsible", unit=self._unit_name(), task=key, units=names)
            return None
        return key

    def _unit_name(self) -> str:
        unit = self.cat.units.get(self.unit)
        return f"{unit.short} ({self.unit})" if unit else self.unit

    def fields(self, kind: str) -> None:
        required, optional = FIELDS[kind]
        allowed = sorted(required | optional)
        for key in self.rec.values:
            if key not in required and key not in optional:
                self.bad(key, "unknown-field", subject=word("record"), field=shown(key), allowed=", ".join(allowed),
                         suggest=did_you_mean(key, allowed))
        for key in sorted(required - set(self.rec.values), key=FIELD_ORDER.index):
            self.bad(key, "missing-field", subject=word("record"), field=shown(key))


_PROGRESS_KEYS = FIELDS["progress"][0] | FIELDS["progress"][1]


def finite(value: float) -> bool:
    """A number a report can compute with: not NaN nor infinite, nor an integer past what a float holds
    (JSON reads 1 followed by 400 zeros as an int, which math.isfinite cannot even convert)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


class QuickCheck:
    """The common case, checked without ceremony: a progress record with nothing wrong becomes its Entry;
    anything unusual gives None, and ``check_record`` then applies every rule with its messages (equal
    results either way). One checker serves a whole file: what repeats from record to record (a date, a
    task, a status word) is judged once, which is most of the cost of a cold report over a long history."""

    __slots__ = ("_cat", "_unit", "_today", "_days", "_ints", "_texts", "_words")

    def __init__(self, cat: Catalog, unit: str, today: dt.date) -> None:
        self._cat, self._unit, self._today = cat, unit, today
        self._days: dict[str, dt.date | None] = {}
        self._ints: dict[Any, Item | None] = {}  # a task written as a number (15) and as text ("15") are
        self._texts: dict[Any, Item | None] = {}  # kept apart: the text is stripped and upper-cased
        self._words: dict[str, Status | None] = {}

    def __call__(self, v: dict[str, Any], line: int) -> Entry | None:
        if v.get("type") != "progress" or not _PROGRESS_KEYS.issuperset(v) or len(v) < 5:
            return None
        rid, day, task, word = v.get("id"), v.get("date"), v.get("task"), v.get("status")
        if type(rid) is not str or not rid or type(day) is not str or type(word) is not str:
            return None
        date = self._days.get(day, _UNSEEN)
        if date is _UNSEEN:
            date = self._days[day] = self._date(day)
        kind = type(task)
        memo: dict[Any, Item | None] | None = self._ints if kind is int else self._texts if kind is str else None
        if memo is None:
            return None
        item = memo.get(task, _UNSEEN)
        if item is _UNSEEN:
            item = memo[task] = self._item(task)
        status = self._words.get(word, _UNSEEN)
        if status is _UNSEEN:
            status = self._words[word] = STATUS_WORDS.get(word.strip().lower())
        if date is None or item is None or status is None:
            return None
        percent = v.get("percent")
        if percent is None:
            if "percent" in v or status not in (Status.DONE, Status.NOT_STARTED):
                return None
            percent = 100.0 if status is Status.DONE else 0.0
        elif type(percent) not in (int, float) or not 0 <= percent <= 100 or (status is Status.DONE and percent < 100):
            return None
        value = v.get("value")
        if value is not None and (type(value) not in (int, float) or not finite(value) or item.target is None):
            return None
        note, by, evidence = v.get("note", ""), v.get("by", ""), v.get("evidence", [])
        if note is None:
            note = ""
        if by is None:
            by = ""
        if type(note) is not str or type(by) is not str or (status is Status.BLOCKED and not note.strip()):
            return None
        if type(v.get("source", "")) is not str:
            return None
        if type(evidence) is str:
            evidence = [evidence]
        elif type(evidence) is not list:
            return None
        for one in evidence:  # usually one file, or none
            if type(one) is not str:
                return None
        return _ENTRY((rid, self._unit, item.id, date, status, float(percent),
                       None if value is None else float(value), note, tuple(evidence), by, line))

    def _date(self, day: str) -> dt.date | None:
        if len(day) != 10 or day[4] != "-":
            return None
        try:
            date = dt.date.fromisoformat(day)
        except ValueError:
            return None
        plan = self._cat.plan  # fromisoformat also reads a week date (2025-W10-1): only YYYY-MM-DD is one here
        ok = date.isoformat() == day and plan.start <= date <= plan.records_until and date <= self._today
        return date if ok else None

    def _item(self, task: Any) -> Item | None:
        item = self._cat.items.get(str(task).strip().upper())
        return item if item is not None and self._cat.reports_on(self._unit, item) else None


_UNSEEN: Any = object()
_ENTRY = functools.partial(tuple.__new__, Entry)  # skips the named tuple's Python-level __new__


def _quick_progress(cat: Catalog, unit: str, rec: RawRecord, today: dt.date) -> Entry | None:
    """``QuickCheck`` for one record."""
    return QuickCheck(cat, unit, today)(rec.values, rec.pos.line)


def check_record(cat: Catalog, unit: str, rec: RawRecord, today: dt.date, out: Collector, *,
                 quick: bool = True) -> Record | None:
    """One raw record -> a checked Entry, Milestone or Review, or None with problems filed in ``out``."""
    fast = _quick_progress(cat, unit, rec, today) if quick else None
    if fast is not None:
        return fast
    c = _Check(cat, unit, rec, today, out)
    kind = rec.values.get("type")
    if kind not in TYPES:
        if "type" not in rec.values:
            c.bad("type", "missing-field", subject=word("record"), field=shown("type"))
        else:
            c.bad("type", "bad-value", subject=word("record-type"), found=shown(kind), allowed=", ".join(TYPES),
                  suggest=did_you_mean(str(kind), TYPES))
        return None
    c.fields(kind)
    rid = c.text("id", required=True)
    date = c.date("date", not_future=True)
    if kind == "withdraw":
        named = c.text("withdraws", required=True)
        note, by = c.text("note", required=True), c.text("by")
        if "task" in rec.values:
            c.task()
        if not c.ok or date is None or not named:
            return None
        return Withdrawal(rid, unit, named, date, note, by, rec.pos.line)
    if kind == "reminder":
        return _reminder(c, rid, date)
    task = c.task()
    # a missing note is reported once, as a missing field; an empty one here
    note, by = c.text("note", required=kind in ("reject", "extend", "refuse") and "note" in c.rec.values), c.text("by")
    if kind in ("extend", "approve", "refuse"):
        return _extension(c, kind, rid, date, task, note, by)
    if kind == "progress":
        c.text("source")  # an imported row's fingerprint (tracker import)
        entry = _progress(c, note)
        if not c.ok or entry is None or date is None or task is None:
            return None
        status, percent, value, evidence = entry
        return Entry(rid, unit, task, date, status, percent, value, note, evidence, by, rec.pos.line)
    if kind == "milestone":
        due = c.date("due", not_future=False)
        text = c.text("milestone", required=True)
        replaces = c.text("replaces") or None
        target = c.number("percent")
        if target is not None and not 0 <= target <= 100:
            c.bad("percent", "out-of-range", field=field_word("percent"), value=f"{target:g}", low="0", high="100")
        if due is not None and date is not None and due < date:
            c.bad("due", "due-before-date", due=due.isoformat(), date=date.isoformat())
        if not c.ok or due is None or date is None or task is None:
            return None
        return Milestone(rid, unit, task, date, due, text, by, replaces, target, rec.pos.line)
    if not c.ok or date is None or task is None:
        return None
    return Review(rid, unit, task, date, kind, note, by, rec.pos.line)


def _extension(c: _Check, kind: str, rid: str, date: dt.date | None, task: str | None, note: str,
               by: str) -> Extension | None:
    until = c.date("until", not_future=False) if kind == "extend" else None
    request = c.text("request", required=True) if kind != "extend" else ""
    if until is not None and task is not None and until <= c.cat.items[task].deadline:
        c.bad("until", "extension-not-later", until=until.isoformat(),
              deadline=c.cat.items[task].deadline.isoformat())
    if not c.ok or date is None or task is None:
        return None
    return Extension(rid, c.unit, task, date, kind, until, request, note, by, c.rec.pos.line)


def _reminder(c: _Check, rid: str, date: dt.date | None) -> Reminder | None:
    raw = c.rec.values.get("items")
    items: list[str] = []
    if not isinstance(raw, list) or not raw:
        c.wrong("items", "list")
    else:
        for value in raw:
            key = str(value).strip().upper() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
            if key not in c.cat.items:
                c.bad("items", "unknown-task", task=shown(value), suggest=did_you_mean(key, c.cat.items))
            elif not c.cat.reports_on(c.unit, c.cat.items[key]):
                item = c.cat.items[key]
                names = "、".join(c.cat.units[u].short for u in c.cat.reporters(item) if u in c.cat.units)
                c.bad("items", "not-responsible", unit=c._unit_name(), task=key, units=names)
            else:
                items.append(key)
    number, by = c.text("number"), c.text("by")
    c.text("note")  # kept for the reader; no figure depends on it
    reply_by = c.date("reply_by", not_future=False) if "reply_by" in c.rec.values else None
    if reply_by is not None and date is not None and reply_by < date:
        c.bad("reply_by", "reply-before-date", reply_by=reply_by.isoformat(), date=date.isoformat())
    if not c.ok or date is None:
        return None
    return Reminder(rid, c.unit, date, tuple(items), number, reply_by, by, c.rec.pos.line)


def extension_problems(extensions: list[Extension], out: Collector) -> list[Extension]:
    """What only the whole file shows about extensions: a decision must name a request for the same item made
    in this file, dated no later than the decision, and not decided before. Returns the records that count
    (a bad decision is dropped, with an error filed)."""
    requests = {e.id: e for e in extensions if e.kind == "extend"}
    decided: dict[str, int] = {}
    kept: list[Extension] = []
    for e in sorted(extensions, key=lambda e: (e.line == 0, e.line)):  # a record not yet written comes last
        if e.kind != "extend":
            req = requests.get(e.request)
            where = Pos(e.line, 3)
            if req is None or req.task != e.task:
                out.add(where, "unknown-request", id=shown(e.request), task=e.task)
                continue
            if e.date < req.date:
                out.add(where, "decision-before-request", date=e.date.isoformat(), requested=req.date.isoformat())
                continue
            if e.request in decided:
                out.add(where, "request-decided", id=shown(e.request), line=str(decided[e.request]))
                continue
            decided[e.request] = e.line
        kept.append(e)
    return kept


def _progress(c: _Check, note: str) -> tuple[Status, float, float | None, tuple[str, ...]] | None:
    if "status" not in c.rec.values:
        return None  # reported as a missing field
    raw_status = c.rec.values.get("status")
    status = STATUS_WORDS.get(raw_status.strip().lower()) if isinstance(raw_status, str) else None
    if status is None:
        c.bad("status", "bad-value", subject=word("status"), found=shown(raw_status), allowed=STATUS_CHOICES)
        return None
    percent = c.number("percent")
    if percent is None and "percent" not in c.rec.values:
        defaults = {Status.DONE: 100.0, Status.NOT_STARTED: 0.0}
        percent = defaults.get(status)
        if percent is None:
            c.bad("percent", "missing-percent", status=both(f"status.{status.value}"))
            return None
    if percent is None:
        if "percent" in c.rec.values and c.rec.values["percent"] is None:
            c.bad("percent", "empty-value", field="percent")
        return None
    if not 0 <= percent <= 100:
        c.bad("percent", "out-of-range", field=field_word("percent"), value=f"{percent:g}", low="0", high="100")
    elif status is Status.DONE and percent < 100:
        c.bad("percent", "done-below-100", percent=f"{percent:g}")
    if status is Status.BLOCKED and not note.strip():
        c.bad("note", "blocked-without-note")
    value = c.number("value")
    if value is not None and c.rec.values.get("task") is not None:
        item = c.cat.items.get(str(c.rec.values["task"]).upper())
        if item is not None and item.target is None:
            c.bad("value", "no-target", task=item.id)
    evidence = c.rec.values.get("evidence", [])
    if isinstance(evidence, str):
        evidence = [evidence]
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        c.wrong("evidence", "list", "evidence")
        evidence = []
    return status, percent, value, tuple(evidence)


def check_progress(cat: Catalog, raw: RawFile, file_unit: str, today: dt.date) -> Progress:
    """A read progress file -> checked records, with what only the whole file shows."""
    out = Collector(raw.path)
    out.problems.extend(raw.problems)
    result = Progress(raw.path, raw.unit)
    if not SAFE_ID.fullmatch(file_unit):
        out.add(Pos(1, 1), "unsafe-file-name", name=shown(file_unit))
    if not raw.readable:
        result.problems = out.problems
        return result
    unit = raw.unit
    if unit is None:
        if not any(p.code == "no-unit" for p in out.problems):
            out.add(Pos(1, 1), "no-unit")
    elif unit not in cat.units:
        out.add(raw.unit_pos, "unknown-unit", subject=("进度文件", "the progress file"), unit=shown(unit),
                suggest=did_you_mean(unit, cat.units))
        unit = None
    elif unit != file_unit:
        out.add(raw.unit_pos, "wrong-file", unit=unit, file=file_unit)
        unit = None  # a unit's records count only from its own file
    if unit is None:
        result.unit = None
        result.problems = out.problems
        return result
    seen: dict[str, int] = {}
    withdrawn: dict[str, Withdrawal] = {}
    quick = QuickCheck(cat, unit, today)
    entries = result.entries
    for rec in raw.records:
        rid = rec.values.get("id")
        line = rec.pos[0]
        if isinstance(rid, str):
            if rid in seen:
                out.add(rec.at("id"), "duplicate-id", subject=word("record"), id=shown(rid), first=str(seen[rid]))
                continue
            seen[rid] = line
        entry = quick(rec.values, line)
        if entry is not None:
            entries.append(entry)
            continue
        checked = check_record(cat, unit, rec, today, out, quick=False)
        if isinstance(checked, Withdrawal):
            _withdraw(checked, seen, withdrawn, rec, out)
        elif checked is not None:
            result.file(checked)
    milestones = {m.id: m for m in result.milestones}  # withdrawn or not: what a replacement may name
    if withdrawn:  # a withdrawn record no longer counts anywhere: reports, the cache, the checks below
        result.entries = [e for e in result.entries if e.id not in withdrawn]
        result.milestones = [m for m in result.milestones if m.id not in withdrawn]
        result.reviews = [r for r in result.reviews if r.id not in withdrawn]
        result.extensions = [x for x in result.extensions if x.id not in withdrawn]
        result.reminders = [r for r in result.reminders if r.id not in withdrawn]
    result.extensions = extension_problems(result.extensions, out)
    _falling_percent(result.entries, out)
    late_milestones(cat, result.milestones, out)
    result.reviews = [r for r in result.reviews if not _judged_out(result.entries, result.reviews, r, out)]
    _replacements(result.milestones, milestones, raw.records, seen, out)
    result.problems = out.problems
    return result


class Named(NamedTuple):
    """A record a milestone's ``replaces`` names: its type, item ("" when it has none) and line, and for a
    milestone the line of the milestone that already replaces it (0: none)."""

    kind: str
    task: str
    line: int
    replaced_by: int = 0


def replacement_problem(m: Milestone, target: Named | None, out: Collector) -> bool:
    """Whether milestone ``m`` may replace the record it names (filing the problem when not): an earlier
    milestone of the same unit (the file's) and the same item, not replaced already. Replacing anything else
    would drop a record from the timetable that is no milestone of the item, or leave two in place of one."""
    if m.replaces is None:
        return True
    where = Pos(m.line, 3)
    if target is None:
        out.add(where, "unknown-id", id=shown(m.replaces))
    elif target.kind != "milestone" or target.task != m.task or (m.line and target.line >= m.line):
        kind = both(f"type.{target.kind}") if target.kind in TYPES else (shown(target.kind), shown(target.kind))
        out.add(where, "bad-replaces", id=shown(m.replaces), kind=kind, line=str(target.line),
                task=target.task or "—", own=m.task)
    elif target.replaced_by and (not m.line or target.replaced_by < m.line):
        out.add(where, "replaced-twice", id=shown(m.replaces), line=str(target.replaced_by))
    else:
        return True
    return False


def _replacements(counting: list[Milestone], milestones: dict[str, Milestone], records: list[RawRecord],
                  seen: dict[str, int], out: Collector) -> None:
    """``replacement_problem`` for each milestone that counts, in file order. A milestone withdrawn may still be
    named (it counts nowhere either way); one that replaces another is only one that counts. A record of
    another type is looked up among the file's records only then: that is a slip, and rare."""
    replaced: dict[str, int] = {}
    for m in sorted(counting, key=operator.attrgetter("line")):
        if m.replaces is None:
            continue
        target: Named | None = None
        if m.replaces in milestones:
            old = milestones[m.replaces]
            target = Named("milestone", old.task, old.line, replaced.get(old.id, 0))
        elif m.replaces in seen:
            rec = next(r for r in records if r.pos.line == seen[m.replaces])
            task = rec.values.get("task")
            target = Named(str(rec.values.get("type")), "" if task is None else str(task).strip().upper(),
                           rec.pos.line)
        if replacement_problem(m, target, out):
            replaced.setdefault(m.replaces, m.line)


def _judged_out(entries: list[Entry], reviews: list[Review], review: Review, out: Collector) -> bool:
    """Whether the office's decision does not count: dated before the record it overrides, the last decision or
    "done" on the same item written before it (an error). Decisions are applied in date order, so a back-dated
    rejection would silently cancel a verification already given, or judge a claim not yet made. A decision
    repeating the one before it is said too (a warning: it changes nothing)."""
    last = _last_mark(entries, reviews, review)
    if overrides_later(last, review, out):
        return True
    if not repeats(last, review, out):
        without_claim(last, review, out)
    return False


def without_claim(last: tuple[int, dt.date, str] | None, review: Review, out: Collector) -> bool:
    """Whether the decision judges no claim: no "done" was recorded before it, or the last one was rejected
    and none came since (a verification then verifies nothing). A warning filed in ``out``; the terminal's
    `tracker verify` refuses both. ``last`` as for ``overrides_later``."""
    if last is None:
        why = both("decision.no-claim")
    elif last[2] == "reject" and review.verdict == "verify":
        zh, en = both("decision.claim-rejected")
        why = (zh.format(date=last[1].isoformat(), line=last[0]), en.format(date=last[1].isoformat(), line=last[0]))
    else:
        return False
    out.warn(Pos(review.line, 3), "decision-without-claim", task=review.task, why=why,
             verdict=both(f"decision.{review.verdict}"))
    return True


def _last_mark(entries: list[Entry], reviews: list[Review], review: Review) -> tuple[int, dt.date, str] | None:
    """The last decision, or the last "done", on the review's item written before it, as (line, date, kind)."""
    def before(line: int) -> bool:  # a record not yet written (line 0) comes after the whole file
        return review.line == 0 or line < review.line

    earlier = [(r.line, r.date, r.verdict) for r in reviews if r.task == review.task and before(r.line)]
    earlier += [(e.line, e.date, "done") for e in entries
                if e.task == review.task and e.status is Status.DONE and before(e.line)]
    return max(earlier) if earlier else None


def repeats(last: tuple[int, dt.date, str] | None, review: Review, out: Collector) -> bool:
    """Whether the decision repeats the last decision on its item with no "done" recorded since (a verification
    of a claim already verified, a rejection of one already rejected): a warning filed in ``out``, since the
    second one changes nothing. ``last`` as for ``overrides_later``."""
    if last is None or last[2] != review.verdict:
        return False
    line, date, kind = last
    out.warn(Pos(review.line, 3), "decided-again", task=review.task, verdict=both(f"decision.{kind}"),
             date=date.isoformat(), line=str(line))
    return True


def overrides_later(last: tuple[int, dt.date, str] | None, review: Review, out: Collector) -> bool:
    """Whether ``review`` is dated before ``last``, the last decision or "done" on its item written before it, as
    (line, date, kind): what a record appended to a file whose state is known needs, without its records."""
    if last is None:
        return False
    line, date, kind = last
    if review.date >= date:
        return False
    out.add(Pos(review.line, 3), "decision-predates", task=review.task, verdict=both(f"decision.{review.verdict}"),
            date=review.date.isoformat(), overridden=both(f"decision.{kind}"), overridden_date=date.isoformat(),
            overridden_line=str(line))
    return True


def _withdraw(w: Withdrawal, seen: dict[str, int], withdrawn: dict[str, Withdrawal], rec: RawRecord,
              out: Collector) -> None:
    """File a withdrawal: it must name an earlier record of this file that is not itself a withdrawal."""
    if w.withdraws not in seen or seen[w.withdraws] >= w.line:
        out.add(rec.at("withdraws"), "unknown-withdrawn", id=shown(w.withdraws))
    elif w.withdraws in withdrawn and withdrawn[w.withdraws].id != w.id:
        out.warn(rec.at("withdraws"), "withdrawn-twice", id=shown(w.withdraws), line=str(withdrawn[w.withdraws].line))
    elif any(x.id == w.withdraws for x in withdrawn.values()) or w.withdraws == w.id:
        out.add(rec.at("withdraws"), "bad-withdraw", id=shown(w.withdraws))
    else:
        withdrawn[w.withdraws] = w


def _falling_percent(entries: list[Entry], out: Collector) -> None:
    """What a reader of the file should look at twice: a percent lower than the one before it, and a done item
    recorded as not done again (each said at the later entry)."""
    last: dict[str, Entry] = {}
    for e in sorted(entries, key=_DATE_LINE):
        falls_from(last.get(e.task), e, out)
        last[e.task] = e


_DATE_LINE = operator.attrgetter("date", "line")


def falls_from(before: Entry | None, e: Entry, out: Collector) -> None:
    """The warning for entry ``e`` given the entry on its item just before it by date (then line), if any."""
    if before is not None and before.status is Status.DONE and e.status is not Status.DONE:
        out.warn(Pos(e.line, 3), "reopened", task=e.task, before_date=before.date.isoformat(),
                 after_date=e.date.isoformat(), status=both(f"status.{e.status.value}"))
    elif before is not None and e.percent < before.percent:
        out.warn(Pos(e.line, 3), "percent-falls", task=e.task, before=f"{before.percent:g}",
                 before_date=before.date.isoformat(), after=f"{e.percent:g}", after_date=e.date.isoformat())


def late_milestones(cat: Catalog, milestones: list[Milestone], out: Collector) -> None:
    for m in milestones:
        item = cat.items.get(m.task)
        if item is not None and m.due > item.deadline:
            out.warn(Pos(m.line, 3), "milestone-late", due=m.due.isoformat(), deadline=item.deadline.isoformat())


def field_word(key: str) -> str | tuple[str, str]:
    """A record's field as a message names it: in words where the vocabulary has them (进度, 日期 …)."""
    try:
        return both(f"field.{key}")
    except KeyError:
        return key


def check_given(cat: Catalog, unit: str | None, values: dict[str, Any], today: dt.date) -> list[Problem]:
    """What the rules can judge of a record before all of it is known (the options given on the command line,
    before anything is asked): whether the unit reports on the task, the date, the percent's range, whether the
    item takes a value. The same checks, with the same words, as when the whole record is checked."""
    out = Collector("")
    c = _Check(cat, unit or "", new_record(values), today, out)
    if unit is not None:
        c.task()
    if "date" in values:
        c.date("date", not_future=True)
    percent = c.number("percent") if "percent" in values else None
    if percent is not None and not 0 <= percent <= 100:
        c.bad("percent", "out-of-range", field=field_word("percent"), value=f"{percent:g}", low="0", high="100")
    item = cat.items.get(str(values.get("task", "")).upper())
    if "value" in values and item is not None and item.target is None:
        c.bad("value", "no-target", task=item.id)
    return out.problems


def new_record(values: dict[str, Any]) -> RawRecord:
    """A record typed at the terminal, to be checked by the same rules as a file's."""
    return RawRecord(values, Pos(0, 0))
