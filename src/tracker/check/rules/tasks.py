"""The item a record is about: one the list has, and one the record's unit reports on."""

from __future__ import annotations

from typing import Any

from tracker.check.context import RecordCheck
from tracker.core.problems import did_you_mean, shown


def task(c: RecordCheck) -> str | None:
    """The record's ``task``, as the list's id, or None with the problem filed."""
    if "task" not in c.rec.values:
        c.ok = False  # reported as a missing field
        return None
    return item(c, "task", c.rec.values.get("task"))


def item(c: RecordCheck, key: str, value: Any) -> str | None:
    """``value`` (written under ``key``) as an item's id, when the list has it and the unit reports on it."""
    found = str(value).strip().upper() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if found not in c.cat.items:
        c.bad(key, "unknown-task", task=shown(value), suggest=did_you_mean(found, c.cat.items))
        return None
    it = c.cat.items[found]
    if not c.cat.reports_on(c.unit, it):
        names = "、".join(c.cat.units[u].short for u in c.cat.reporters(it) if u in c.cat.units)
        c.bad(key, "not-responsible", unit=c.unit_name(), task=found, units=names)
        return None
    return found
