"""A milestone (时间节点): what is to be done by when, planned on a day no later than it is due."""

from __future__ import annotations

from tracker.check.context import RecordCheck
from tracker.check.rules import dates, fields, tasks
from tracker.core.model import Milestone


def make(c: RecordCheck) -> Milestone | None:
    task = tasks.task(c)
    fields.note(c)  # checked as any record's, though a milestone keeps none
    by = fields.text(c, "by")
    date = c.date
    due = dates.date(c, "due", not_future=False)
    text = fields.text(c, "milestone", required=True)
    replaces = fields.text(c, "replaces") or None
    target = fields.number(c, "percent")
    if target is not None:
        fields.in_range(c, "percent", target)
    if due is not None and date is not None and due < date:
        c.bad("due", "due-before-date", due=due.isoformat(), date=date.isoformat())
    if not c.ok or due is None or date is None or task is None:
        return None
    return Milestone(c.rid, c.unit, task, date, due, text, by, replaces, target, c.rec.pos.line)
