"""The reminder register: what the office reminded the unit of (items it reports on), and by when a reply
is due, no earlier than the reminder."""

from __future__ import annotations

from tracker.check.context import RecordCheck
from tracker.check.rules import dates, fields, tasks
from tracker.core.model import Reminder


def make(c: RecordCheck) -> Reminder | None:
    raw = c.rec.values.get("items")
    items: list[str] = []
    if not isinstance(raw, list) or not raw:
        fields.wrong(c, "items", "list")
    else:
        for value in raw:
            found = tasks.item(c, "items", value)
            if found is not None:
                items.append(found)
    number, by = fields.text(c, "number"), fields.text(c, "by")
    fields.text(c, "note")  # kept for the reader; no figure depends on it
    reply_by = dates.date(c, "reply_by", not_future=False) if "reply_by" in c.rec.values else None
    if reply_by is not None and c.date is not None and reply_by < c.date:
        c.bad("reply_by", "reply-before-date", reply_by=reply_by.isoformat(), date=c.date.isoformat())
    if not c.ok or c.date is None:
        return None
    return Reminder(c.rid, c.unit, c.date, tuple(items), number, reply_by, by, c.rec.pos.line)
