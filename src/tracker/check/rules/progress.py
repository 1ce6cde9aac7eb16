"""A progress entry: a status word, a percent that fits it, a value only where the item has a target, and
evidence as a list of files. (Most entries never get here: ``check.quick`` takes a well-formed one.)"""

from __future__ import annotations

from tracker.check.context import RecordCheck
from tracker.check.rules import fields, tasks
from tracker.core.i18n import both, word
from tracker.core.model import Entry, Item, Status
from tracker.core.problems import shown
from tracker.load.inputs import STATUS_CHOICES, STATUS_WORDS


def make(c: RecordCheck) -> Entry | None:
    task = tasks.task(c)
    note, by = fields.note(c), fields.text(c, "by")
    fields.text(c, "source")  # an imported row's fingerprint (tracker import)
    entry = _values(c, note)
    if not c.ok or entry is None or c.date is None or task is None:
        return None
    status, percent, value, evidence = entry
    return Entry(c.rid, c.unit, task, c.date, status, percent, value, note, evidence, by, c.rec.pos.line)


def has_target(c: RecordCheck, item: Item) -> bool:
    """Whether a value may be given for ``item`` (filing the problem when not): only against a target."""
    if item.target is not None:
        return True
    c.bad("value", "no-target", task=item.id)
    return False


def _values(c: RecordCheck, note: str) -> tuple[Status, float, float | None, tuple[str, ...]] | None:
    values = c.rec.values
    if "status" not in values:
        return None  # reported as a missing field
    raw_status = values.get("status")
    status = STATUS_WORDS.get(raw_status.strip().lower()) if isinstance(raw_status, str) else None
    if status is None:
        c.bad("status", "bad-value", subject=word("status"), found=shown(raw_status), allowed=STATUS_CHOICES)
        return None
    percent = fields.number(c, "percent")
    if percent is None and "percent" not in values:
        defaults = {Status.DONE: 100.0, Status.NOT_STARTED: 0.0}
        percent = defaults.get(status)
        if percent is None:
            c.bad("percent", "missing-percent", status=both(f"status.{status.value}"))
            return None
    if percent is None:
        if "percent" in values and values["percent"] is None:
            c.bad("percent", "empty-value", field="percent")
        return None
    if fields.in_range(c, "percent", percent) and status is Status.DONE and percent < 100:
        c.bad("percent", "done-below-100", percent=f"{percent:g}")
    if status is Status.BLOCKED and not note.strip():
        c.bad("note", "blocked-without-note")
    value = fields.number(c, "value")
    if value is not None and values.get("task") is not None:
        item = c.cat.items.get(str(values["task"]).upper())
        if item is not None:
            has_target(c, item)
    evidence = values.get("evidence", [])
    if isinstance(evidence, str):
        evidence = [evidence]
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        fields.wrong(c, "evidence", "list", "evidence")
        evidence = []
    return status, percent, value, tuple(evidence)
