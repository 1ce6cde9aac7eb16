"""What a milestone may replace (a moved 时间节点): an earlier milestone of the same unit (the file's) and the
same item, not replaced already. Replacing anything else would drop a record from the timetable that is no
milestone of the item, or leave two in place of one."""

from __future__ import annotations

import operator

from tracker.check.checked import Named
from tracker.check.context import FileCheck
from tracker.check.registry import types
from tracker.core.i18n import both
from tracker.core.model import Milestone
from tracker.core.problems import Collector, Pos, shown


def check(f: FileCheck) -> None:
    """``replacement_problem`` for each milestone that counts, in file order. A milestone withdrawn may still be
    named (it counts nowhere either way); one that replaces another is only one that counts. A record of
    another type is looked up among the file's records only then: that is a slip, and rare."""
    assert f.made is not None
    milestones = {m.id: m for m in f.made.milestones}  # withdrawn or not: what a replacement may name
    replaced: dict[str, int] = {}
    for m in sorted(f.progress.milestones, key=operator.attrgetter("line")):
        if m.replaces is None:
            continue
        target: Named | None = None
        if m.replaces in milestones:
            old = milestones[m.replaces]
            target = Named("milestone", old.task, old.line, replaced.get(old.id, 0))
        elif m.replaces in f.seen:
            rec = next(r for r in f.raw.records if r.pos.line == f.seen[m.replaces])
            task = rec.values.get("task")
            target = Named(str(rec.values.get("type")), "" if task is None else str(task).strip().upper(),
                           rec.pos.line)
        if replacement_problem(m, target, f.out):
            replaced.setdefault(m.replaces, m.line)


def replacement_problem(m: Milestone, target: Named | None, out: Collector) -> bool:
    """Whether milestone ``m`` may replace the record it names (filing the problem when not)."""
    if m.replaces is None:
        return True
    where = Pos(m.line, 3)
    if target is None:
        out.add(where, "unknown-id", id=shown(m.replaces))
    elif target.kind != "milestone" or target.task != m.task or (m.line and target.line >= m.line):
        kind = both(f"type.{target.kind}") if target.kind in types() else (shown(target.kind), shown(target.kind))
        out.add(where, "bad-replaces", id=shown(m.replaces), kind=kind, line=str(target.line),
                task=target.task or "—", own=m.task)
    elif target.replaced_by and (not m.line or target.replaced_by < m.line):
        out.add(where, "replaced-twice", id=shown(m.replaces), line=str(target.replaced_by))
    else:
        return True
    return False
