"""A progress entry: status, percent, value and evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.check.rules import CAT, made_by, record, where
from tracker.check.rules import progress
from tracker.core.model import Status


def made(**values: Any) -> Any:
    return made_by(progress.make, {"id": "e1", "type": "progress", "date": "2025-09-01", "task": 15, **values})


def test_an_entry_is_made_with_the_percent_its_status_implies() -> None:
    entry, c = made(status="已完成")
    assert c.out.problems == [] and (entry.status, entry.percent, entry.date) == (Status.DONE, 100.0,
                                                                                 dt.date(2025, 9, 1))
    entry, _ = made(status="not-started", evidence="a.pdf")
    assert (entry.percent, entry.evidence) == (0.0, ("a.pdf",))


def test_each_way_an_entry_can_be_wrong() -> None:
    cases = {"missing-percent": dict(status="in-progress"), "bad-value": dict(status="finished"),
             "done-below-100": dict(status="done", percent=90), "blocked-without-note": dict(status="blocked",
                                                                                           percent=20),
             "no-target": dict(status="in-progress", percent=20, value=3), "empty-value": dict(status="blocked",
                                                                                               percent=None),
             "wrong-type": dict(status="in-progress", percent=20, evidence=[1])}
    for code, values in cases.items():
        entry, c = made(**values)
        assert entry is None and [p.code for p in c.out.problems] == [code], code


def test_a_value_needs_an_item_with_a_target() -> None:
    c = record({})
    assert progress.has_target(c, CAT.items["G2"]) and c.out.problems == []
    assert not progress.has_target(c, CAT.items["15"]) and where(c) == [(6, 3, "no-target")]
