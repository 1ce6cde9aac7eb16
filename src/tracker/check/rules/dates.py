"""A record's dates: written YYYY-MM-DD, within the plan's period, and its own date not in the future."""

from __future__ import annotations

import datetime as dt

from tracker.check.context import RecordCheck, field_word
from tracker.core.dates import parse_date
from tracker.core.problems import shown


def reads(c: RecordCheck) -> None:
    """Every record: the day it was made."""
    c.date = date(c, "date", not_future=True)


def date(c: RecordCheck, key: str, *, not_future: bool, open_end: bool = False) -> dt.date | None:
    """The date under ``key``: written YYYY-MM-DD, from the plan's start through ``records_until`` (or, for an
    item whose deadline an approved extension moved past it, through that deadline: ``c.beyond``), and, when
    ``not_future``, not after today. ``open_end``: no last date (the deadline an extension asks for)."""
    if key not in c.rec.values:
        c.ok = False  # reported as a missing field
        return None
    value = c.rec.values.get(key)
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        c.bad(key, "bad-date", field=field_word(key), found=shown(value))
        return None
    if value != parsed.isoformat():
        c.bad(key, "non-iso-date", field=field_word(key), found=shown(value), iso=parsed.isoformat())
        return None
    plan = c.cat.plan
    end = plan.records_until
    if c.beyond and parsed > end:
        task = c.rec.values.get("task")
        end = max(end, c.beyond.get(str(task).strip().upper(), end) if isinstance(task, (int, str)) else end)
    if parsed < plan.start or (parsed > end and not open_end):
        c.bad(key, "out-of-period", field=field_word(key), date=parsed.isoformat(), start=plan.start.isoformat(),
              end=end.isoformat())
        return None
    if not_future and parsed > c.today:
        c.bad(key, "future-date", field=field_word(key), date=parsed.isoformat(), today=c.today.isoformat())
        return None
    return parsed
