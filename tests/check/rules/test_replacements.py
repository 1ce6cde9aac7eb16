"""What a milestone may replace."""

from __future__ import annotations

import datetime as dt

from tests.check.rules import check
from tests.check.test_records import codes
from tracker.check.checked import Named
from tracker.check.rules.replacements import replacement_problem
from tracker.core.model import Milestone
from tracker.core.problems import Collector

MOVED = Milestone("m2", "emergency", "15", dt.date(2025, 9, 2), dt.date(2025, 12, 1), "推迟", replaces="m1", line=8)


def test_only_an_earlier_milestone_of_the_item_not_replaced_yet() -> None:
    out = Collector("p")
    assert replacement_problem(MOVED, Named("milestone", "15", 6), out)
    assert replacement_problem(MOVED._replace(replaces=None), None, out)
    assert not replacement_problem(MOVED, None, out)
    assert not replacement_problem(MOVED, Named("progress", "15", 6), out)
    assert not replacement_problem(MOVED, Named("milestone", "17", 6), out)
    assert not replacement_problem(MOVED, Named("milestone", "15", 9), out)  # written after it
    assert not replacement_problem(MOVED, Named("milestone", "15", 6, replaced_by=7), out)
    assert replacement_problem(MOVED, Named("milestone", "15", 6, replaced_by=9), out)  # the later one is wrong
    assert [p.code for p in out.problems] == ["unknown-id", "bad-replaces", "bad-replaces", "bad-replaces",
                                              "replaced-twice"]


def test_through_the_file_a_withdrawn_milestone_may_still_be_named() -> None:
    def milestone(rid: str, **kw: object) -> dict[str, object]:
        return {"id": rid, "type": "milestone", "date": "2025-09-01", "task": 15, "due": "2025-12-01",
                "milestone": "x", **kw}

    withdraw = {"id": "w", "type": "withdraw", "date": "2025-09-02", "withdraws": "m1", "note": "录错"}
    assert check(milestone("m1"), withdraw, milestone("m2", replaces="m1")).problems == []
    assert codes(check(milestone("m1"), milestone("m2", replaces="m1"), milestone("m3", replaces="m1"))) == [
        (8, "replaced-twice")]
