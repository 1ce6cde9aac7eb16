"""A percent lower than the one before it, and a done item recorded as not done again."""

from __future__ import annotations

from tests.check.rules import check
from tests.check.test_records import codes, entry
from tracker.check.rules.trends import falls_from
from tracker.core.model import Status
from tracker.core.problems import Collector


def test_falls_and_reopenings_are_said_at_the_later_entry() -> None:
    before = check(entry(percent=60, date="2025-09-01")).entries[0]
    out = Collector("p")
    falls_from(before, before._replace(percent=50, line=9), out)
    falls_from(before, before._replace(percent=70, line=10), out)
    falls_from(None, before, out)
    done = before._replace(status=Status.DONE, percent=100.0)
    falls_from(done, before._replace(line=11), out)
    assert [(p.line, p.code, p.level) for p in out.problems] == [(9, "percent-falls", "warning"),
                                                                 (11, "reopened", "warning")]


def test_the_file_is_read_in_date_order_per_item() -> None:
    prog = check(entry(id="a", percent=50, date="2025-09-10"), entry(id="b", percent=60, date="2025-09-01"),
                 entry(id="c", task="G2", percent=10, date="2025-09-11"))
    assert codes(prog) == [(6, "percent-falls")]  # a, written first, is dated after b: it falls from b's 60
