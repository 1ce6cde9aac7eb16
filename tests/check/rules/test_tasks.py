"""The item a record is about."""

from __future__ import annotations

from tests.check.rules import record, where
from tracker.check.rules import tasks
from tracker.core.i18n import Lang


def test_an_item_is_found_however_its_id_is_written() -> None:
    for written in (15, "15", " 15 ", "g2", "G2"):
        c = record({"task": written})
        assert tasks.task(c) in ("15", "G2") and c.ok, written


def test_an_item_the_list_lacks_or_the_unit_does_not_report_on() -> None:
    c = record({"task": 61})
    assert tasks.task(c) is None and where(c) == [(6, 10, "unknown-task")]
    c = record({"task": 19})
    assert tasks.task(c) is None and where(c) == [(6, 10, "not-responsible")]
    assert "task 19 is reported by" in c.out.problems[0].hint(Lang.EN)
    c = record({"task": True})
    assert tasks.item(c, "task", True) is None and where(c) == [(6, 10, "unknown-task")]
    c = record({})
    assert tasks.task(c) is None and not c.ok and c.out.problems == []  # missing: the shape says so
