"""The office's correction: a withdrawal names an earlier record of the same file, which then counts nowhere
(reports, the cache, the rules after it). Records are never edited or deleted, so a union merge has nothing to
resurrect; a wrong one is withdrawn by a new one."""

from __future__ import annotations

from tracker.check.checked import Record, Withdrawal
from tracker.check.context import FileCheck, RecordCheck
from tracker.check.rules import fields, tasks
from tracker.core.problems import shown


def make(c: RecordCheck) -> Withdrawal | None:
    named = fields.text(c, "withdraws", required=True)
    note, by = fields.text(c, "note", required=True), fields.text(c, "by")
    if "task" in c.rec.values:
        tasks.task(c)
    if not c.ok or c.date is None or not named:
        return None
    return Withdrawal(c.rid, c.unit, named, c.date, note, by, c.rec.pos.line)


def made(f: FileCheck, c: RecordCheck, record: Record) -> None:
    """A withdrawal must name an earlier record of this file that is neither a withdrawal itself (in effect or
    not) nor withdrawn already: a withdrawal is final, so a second one, or one of a withdrawal, is an error
    that counts for nothing."""
    if not isinstance(record, Withdrawal) or record.id in f.void:  # its digest names another record
        return
    w, seen, withdrawn, at = record, f.seen, f.withdrawn, c.rec.at("withdraws")
    if w.withdraws not in seen or (w.line and seen[w.withdraws] >= w.line):
        f.out.add(at, "unknown-withdrawn", id=shown(w.withdraws))
    elif w.withdraws == w.id or w.withdraws in f.withdrawals:
        f.out.add(at, "bad-withdraw", id=shown(w.withdraws))
    elif w.withdraws in withdrawn and withdrawn[w.withdraws].id != w.id:
        f.out.add(at, "withdrawn-twice", id=shown(w.withdraws), line=str(withdrawn[w.withdraws].line))
    else:
        withdrawn[w.withdraws] = w
    f.withdrawals.add(w.id)


def check(f: FileCheck) -> None:
    """A withdrawn record no longer counts anywhere: reports, the cache, the rules below."""
    gone, p = f.withdrawn, f.progress
    if gone:
        p.entries = [e for e in p.entries if e.id not in gone]
        p.milestones = [m for m in p.milestones if m.id not in gone]
        p.reviews = [r for r in p.reviews if r.id not in gone]
        p.extensions = [x for x in p.extensions if x.id not in gone]
        p.reminders = [r for r in p.reminders if r.id not in gone]
        p.replies = [r for r in p.replies if r.id not in gone]
