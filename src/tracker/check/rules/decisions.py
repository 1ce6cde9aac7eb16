"""The office's decision on a "done" (销号 or 退回): a verification, or a rejection saying why, naming the
progress record it decides (``decides``, with its ``digest``: ``binding``). Whether it judges a claim, and in
what order, is ``claims``'s."""

from __future__ import annotations

from tracker.check.context import RecordCheck
from tracker.check.rules import fields, tasks
from tracker.core.model import Review


def make(c: RecordCheck) -> Review | None:
    task = tasks.task(c)
    note, by = fields.note(c), fields.text(c, "by")
    decides = fields.text(c, "decides")
    if not c.ok or c.date is None or task is None:
        return None
    return Review(c.rid, c.unit, task, c.date, c.kind, note, by, c.rec.pos.line, decides)
