"""Deadline extensions: a request to move an item's deadline later, and a decision naming it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.check.rules import made_by, where
from tracker.check.rules import extensions
from tracker.core.model import Extension
from tracker.core.problems import Collector


def made(**values: Any) -> Any:
    return made_by(extensions.make, {"id": "x1", "date": "2025-10-10", "task": 15, **values})


def test_a_request_must_move_the_deadline_later() -> None:
    x, c = made(type="extend", until="2026-03-31", note="延后")
    assert c.out.problems == [] and (x.kind, x.until, x.request) == ("extend", dt.date(2026, 3, 31), "")
    x, c = made(type="extend", until="2025-11-30", note="延后")
    assert x is None and [p.code for p in c.out.problems] == ["extension-not-later"]
    x, c = made(type="approve", request="x0")
    assert (x.kind, x.until, x.request) == ("approve", None, "x0")


def ext(rid: str, kind: str, day: str, line: int, request: str = "", task: str = "15") -> Extension:
    until = dt.date(2026, 3, 31) if kind == "extend" else None
    return Extension(rid, "emergency", task, dt.date.fromisoformat(day), kind, until, request, "", "", line)


def test_a_decision_names_an_earlier_request_of_its_item_once() -> None:
    out = Collector("p")
    request = ext("x1", "extend", "2025-10-10", 6)
    records = [request, ext("x2", "approve", "2025-10-09", 7, "x1"), ext("x3", "approve", "2025-10-11", 8, "x1"),
               ext("x4", "refuse", "2025-10-12", 9, "x1"), ext("x5", "approve", "2025-10-12", 10, "x1", task="17"),
               ext("x6", "approve", "2025-10-12", 0, "nope")]
    kept = extensions.extension_problems(records, out)
    assert [x.id for x in kept] == ["x1", "x3"]
    assert where(out) == [(7, 3, "decision-before-request"), (9, 3, "request-decided"), (10, 3, "unknown-request"),
                          (0, 3, "unknown-request")]  # a record not yet written (line 0) is judged last


def test_an_extension_may_go_past_records_until_and_the_items_records_follow_it() -> None:
    """Task 44 is due 2026-12-31, which is records_until: an extension to 2027-03-31, once approved, lets the
    item's records carry dates up to then; withdrawn, the approval lets nothing in, and a record past the end
    is out of the period again. Another item's records stay within records_until."""
    from tests.check.test_records import CAT
    from tracker.check.records import check_progress
    from tracker.load.progress import read_progress

    def file(*lines: str) -> Any:
        head = 'unit: emergency\nentries:\n'
        text = head + "".join(f"- {line}\n" for line in lines)
        return check_progress(CAT, read_progress(text.encode(), "progress/emergency.yaml"), "emergency",
                              dt.date(2027, 3, 1))

    request = ('{"id": "r1", "type": "extend", "date": "2026-12-01", "task": 44, "until": "2027-03-31", '
               '"note": "培训推迟"}')
    approve = '{"id": "r2", "type": "approve", "date": "2026-12-05", "task": 44, "request": "r1"}'
    late = '{"id": "e1", "type": "progress", "date": "2027-02-01", "task": 44, "status": "done"}'
    other = '{"id": "e2", "type": "progress", "date": "2027-02-01", "task": 15, "status": "done"}'
    made = file(request, approve, late)
    assert made.problems == [] and [e.id for e in made.entries] == ["e1"]
    assert made.extensions[0].until == dt.date(2027, 3, 31)
    withdrawn = file(request, approve, '{"id": "w1", "type": "withdraw", "date": "2026-12-06", "withdraws": "r2", '
                                       '"note": "审批有误"}', late)
    assert [(p.line, p.code) for p in withdrawn.problems] == [(6, "out-of-period")] and withdrawn.entries == []
    assert [(p.line, p.code) for p in file(request, approve, other).problems] == [(5, "out-of-period")]
