"""A milestone (时间节点)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.check.rules import made_by
from tracker.check.rules import milestones


def made(**values: Any) -> Any:
    return made_by(milestones.make, {"id": "m1", "type": "milestone", "date": "2025-09-01", "task": 15,
                                     "due": "2025-12-01", "milestone": "完成过半", **values})


def test_a_milestone_is_made_with_its_due_date_and_what_it_replaces() -> None:
    m, c = made(percent=50, replaces="m0")
    assert c.out.problems == [] and (m.due, m.text, m.percent, m.replaces) == (dt.date(2025, 12, 1), "完成过半",
                                                                                50.0, "m0")


def test_a_milestone_due_before_it_was_planned_or_past_100_percent() -> None:
    for values, code in ((dict(due="2025-08-01"), "due-before-date"), (dict(percent=120), "out-of-range"),
                         (dict(milestone=""), "missing-field"), (dict(due="2025/12/01"), "bad-date")):
        m, c = made(**values)
        assert m is None and [p.code for p in c.out.problems] == [code], code
