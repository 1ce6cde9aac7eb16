"""A milestone due after its item's deadline."""

from __future__ import annotations

import datetime as dt

from tests.check.rules import CAT
from tracker.check.rules.deadlines import late_milestones
from tracker.core.model import Milestone
from tracker.core.problems import Collector


def test_a_milestone_past_the_deadline_is_a_warning() -> None:
    deadline = CAT.items["15"].deadline
    on_time = Milestone("m1", "emergency", "15", dt.date(2025, 9, 1), deadline, "按期", line=6)
    late = on_time._replace(id="m2", due=deadline + dt.timedelta(days=1), line=7)
    out = Collector("p")
    late_milestones(CAT, [on_time, late, late._replace(task="nope", line=8)], out)
    assert [(p.line, p.code, p.level) for p in out.problems] == [(7, "milestone-late", "warning")]
    assert deadline.isoformat() in out.problems[0].message()
