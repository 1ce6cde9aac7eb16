"""The chasing ladder counts reminders in rounds a reply period apart, as escalation does."""

from __future__ import annotations

import datetime as dt

from tracker.compute.ladder import chase
from tracker.core.model import Reminder

D = dt.date


def reminder(rid: str, day: dt.date, replied: dt.date | None = None) -> Reminder:
    return Reminder(rid, "u", day, ("1",), number=rid, reply_by=day + dt.timedelta(days=7), replied=replied)


def test_two_notices_on_one_day_unanswered_climb_one_step() -> None:
    both = [reminder("a", D(2025, 10, 8)), reminder("b", D(2025, 10, 8))]
    found = chase(both, D(2025, 10, 16), 4, 7)
    assert found.step == 2
    assert [r.id for r in found.unanswered] == ["a", "b"]  # both notices named, one step climbed


def test_a_reply_to_either_notice_of_a_round_keeps_the_unit_on_its_step() -> None:
    both = [reminder("a", D(2025, 10, 8), replied=D(2025, 10, 10)), reminder("b", D(2025, 10, 8))]
    found = chase(both, D(2025, 10, 16), 4, 7)
    assert (found.step, found.unanswered, found.awaiting) == (1, (), ())


def test_rounds_a_reply_period_apart_each_climb_a_step_up_to_the_last() -> None:
    days = [D(2025, 9, 1), D(2025, 9, 5), D(2025, 9, 8), D(2025, 9, 15), D(2025, 9, 22)]
    found = chase([reminder(str(n), d) for n, d in enumerate(days)], D(2025, 10, 31), 3, 7)
    assert found.step == 3  # rounds opened 9-01, 9-08, 9-15 and 9-22: capped at the ladder's three steps
    assert chase([reminder(str(n), d) for n, d in enumerate(days[:3])], D(2025, 10, 31), 9, 7).step == 3


def test_a_round_still_within_its_reply_period_is_awaited_not_missed() -> None:
    found = chase([reminder("a", D(2025, 10, 8)), reminder("b", D(2025, 10, 12))], D(2025, 10, 16), 4, 7)
    assert found.step == 1  # b joined a's round, whose reply period has not ended for b
    assert [r.id for r in found.awaiting] == ["b"]
