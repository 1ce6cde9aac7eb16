"""A record's dates: written YYYY-MM-DD, within the plan's period, and its own date not in the future."""

from __future__ import annotations

import datetime as dt

from tracker.check.context import RecordCheck, field_word
from tracker.core.dates import parse_date
from tracker.core.problems import shown


def reads(c: RecordCheck) -> None:
    """Every record: the day it was made."""
    c.date = date(c, "date", not_future=True)


def date(c: RecordCheck, key: str, *, not_future: bool) -> dt.date | None:
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
    if not plan.start <= parsed <= plan.records_until:
        c.bad(key, "out-of-period", field=field_word(key), date=parsed.isoformat(), start=plan.start.isoformat(),
              end=plan.records_until.isoformat())
        return None
    if not_future and parsed > c.today:
        c.bad(key, "future-date", field=field_word(key), date=parsed.isoformat(), today=c.today.isoformat())
        return None
    return parsed
