"""A unit's reply to a reminder (签收/回复): it names a reminder of the same file by id, written before it and
dated no later than the reply, and says what was done. Once the file is read, each reminder carries the date
of its first reply (``Reminder.replied``), which is all the chasing ladder needs."""

from __future__ import annotations

from tracker.check.context import FileCheck, RecordCheck
from tracker.check.rules import fields
from tracker.core.model import Reply
from tracker.core.problems import Pos, shown


def make(c: RecordCheck) -> Reply | None:
    reminder = fields.text(c, "reminder", required=True)
    note, by = fields.text(c, "note", required=True), fields.text(c, "by")
    evidence = c.rec.values.get("evidence", [])
    if isinstance(evidence, str):
        evidence = [evidence]
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        fields.wrong(c, "evidence", "list", "evidence")
        evidence = []
    if not c.ok or c.date is None or not reminder:
        return None
    return Reply(c.rid, c.unit, c.date, reminder, note, tuple(evidence), by, c.rec.pos.line)


def check(f: FileCheck) -> None:
    """Each reply names a reminder that counts (not withdrawn), written before it, dated no later than the
    reply; the reminders then carry the date of their first reply. A reply that does not is an error and
    counts for nothing."""
    p = f.progress
    if not p.replies:
        return
    reminders = {r.id: r for r in p.reminders}
    first: dict[str, Reply] = {}
    for reply in sorted(p.replies, key=lambda r: (r.line == 0, r.line)):  # a record not yet written comes last
        where = Pos(reply.line, 3)
        reminder = reminders.get(reply.reminder)
        if reminder is None or (reply.line and reminder.line >= reply.line):
            f.out.add(where, "unknown-reminder", id=shown(reply.reminder))
        elif reply.date < reminder.date:
            f.out.add(where, "reply-before-reminder", date=reply.date.isoformat(), reminded=reminder.date.isoformat())
        elif reply.reminder not in first or reply.date < first[reply.reminder].date:
            first[reply.reminder] = reply
    p.reminders = [r._replace(replied=first[r.id].date) if r.id in first else r for r in p.reminders]
    p.replies = []
