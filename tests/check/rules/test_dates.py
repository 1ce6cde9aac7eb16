"""A record's dates."""

from __future__ import annotations

import datetime as dt

from tests.check.rules import TODAY, record, where
from tracker.check.rules import dates


def test_a_record_s_own_date_is_read_for_every_record() -> None:
    c = record({"date": "2025-09-01"})
    dates.reads(c)
    assert c.date == dt.date(2025, 9, 1) and c.ok


def test_each_way_a_date_can_be_wrong() -> None:
    c = record({"a": "2025-9-1", "b": "soon", "c": "2024-12-31", "d": (TODAY + dt.timedelta(days=1)).isoformat(),
                "e": 20250901})
    assert [dates.date(c, k, not_future=True) for k in "abcde"] == [None] * 5
    assert where(c) == [(6, 10, "non-iso-date"), (6, 20, "bad-date"), (6, 30, "out-of-period"),
                        (6, 40, "future-date"), (6, 50, "bad-date")]
    assert "2025-09-01" in c.out.problems[0].hint()  # the date as it should be written


def test_a_due_date_may_lie_ahead_and_a_missing_one_is_the_shape_s_to_say() -> None:
    c = record({"due": "2025-12-31"})
    assert dates.date(c, "due", not_future=False) == dt.date(2025, 12, 31) and c.ok
    assert dates.date(c, "until", not_future=False) is None and not c.ok and c.out.problems == []
