"""Deadline extensions (延期申请): a unit's request to move an item's deadline later, and the office's
decision (approve or refuse) naming a request for the same item made earlier in the file, once."""

from __future__ import annotations

import datetime as dt

from tracker.check.checked import Record
from tracker.check.context import FileCheck, RecordCheck
from tracker.check.rules import dates, fields, tasks
from tracker.core.i18n import both
from tracker.core.model import Entry, Extension, Milestone, Review
from tracker.core.problems import Collector, Pos, shown


def make(c: RecordCheck) -> Extension | None:
    task = tasks.task(c)
    note, by = fields.note(c), fields.text(c, "by")
    until = dates.date(c, "until", not_future=False, open_end=True) if c.kind == "extend" else None
    request = fields.text(c, "request", required=True) if c.kind != "extend" else ""
    if until is not None and task is not None and until <= c.cat.items[task].deadline:
        c.bad("until", "extension-not-later", until=until.isoformat(),
              deadline=c.cat.items[task].deadline.isoformat())
    if not c.ok or c.date is None or task is None:
        return None
    return Extension(c.rid, c.unit, task, c.date, c.kind, until, request, note, by, c.rec.pos.line)


def made(f: FileCheck, c: RecordCheck, record: Record) -> None:
    """An approval moving a deadline past records_until lets the item's later records carry dates up to it
    (``FileCheck.beyond``); ``check`` holds them to the approvals that count once the whole file is read."""
    if isinstance(record, Extension) and record.kind == "approve":
        req = next((x for x in f.progress.extensions if x.id == record.request and x.kind == "extend"), None)
        if req is not None and req.task == record.task and req.until is not None \
                and req.until > f.beyond.get(req.task, f.cat.plan.records_until):
            f.beyond[req.task] = req.until


def check(f: FileCheck) -> None:
    p = f.progress
    kept = [x for x in p.extensions if x.id not in f.void]  # a decision whose digest names another record
    p.extensions = extension_problems(kept, f.out)
    if f.beyond:
        _within(f, beyond(f.cat.plan.records_until, p.extensions))


def beyond(records_until: dt.date, extensions: list[Extension]) -> dict[str, dt.date]:
    """By item, the last date its records may carry when an approval that counts moved its deadline past
    records_until (the latest such deadline)."""
    requests = {x.id: x for x in extensions if x.kind == "extend"}
    out: dict[str, dt.date] = {}
    for x in extensions:
        req = requests.get(x.request) if x.kind == "approve" else None
        if req is not None and req.until is not None and req.until > out.get(req.task, records_until):
            out[req.task] = req.until
    return out


def _within(f: FileCheck, allowed: dict[str, dt.date]) -> None:
    """Records dated past records_until stand only where an approval that counts allows them: one let in by an
    approval later withdrawn or found wrong is out of the period after all."""
    plan, p = f.cat.plan, f.progress

    def fits(r: Entry | Milestone | Review | Extension) -> bool:
        if r.date <= plan.records_until or r.date <= allowed.get(r.task, plan.records_until):
            return True
        f.out.add(Pos(r.line, 3), "out-of-period", field=both("field.date"), date=r.date.isoformat(),
                  start=plan.start.isoformat(), end=allowed.get(r.task, plan.records_until).isoformat())
        return False

    p.entries = [e for e in p.entries if fits(e)]
    p.milestones = [m for m in p.milestones if fits(m)]
    p.reviews = [r for r in p.reviews if fits(r)]
    p.extensions = [x for x in p.extensions if fits(x)]


def extension_problems(extensions: list[Extension], out: Collector) -> list[Extension]:
    """What only the whole file shows about extensions: a decision must name a request for the same item made
    in this file, dated no later than the decision, and not decided before; a request waits for the decision
    on the one before it on the same item, in the file and in time (written after that decision and dated on or
    after it), so that the requests of an item, and their decisions, come in one order by line and by date.
    Returns the records that count (a bad one is dropped, with an error filed)."""
    requests = {e.id: e for e in extensions if e.kind == "extend"}
    decided: dict[str, int] = {}
    open_: dict[str, Extension] = {}  # by item: its request awaiting a decision
    last: dict[str, Extension] = {}  # by item: the last decision on one of its requests
    kept: list[Extension] = []
    for e in sorted(extensions, key=lambda e: (e.line == 0, e.line)):  # a record not yet written comes last
        if e.kind == "extend":
            where = Pos(e.line, 3)
            if e.task in open_:
                waiting = open_[e.task]
                out.add(where, "extension-pending", id=shown(waiting.id), until=str(waiting.until))
                continue
            if e.task in last and e.date < last[e.task].date:
                out.add(where, "request-predates", date=e.date.isoformat(), decided=last[e.task].date.isoformat(),
                        line=str(last[e.task].line))
                continue
            open_[e.task] = e
        else:
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
            last[e.task] = e
            if open_.get(e.task) is req:
                del open_[e.task]
        kept.append(e)
    return kept
