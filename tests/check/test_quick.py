"""The quick path for a well-formed progress record: the same Entry the rules make, or None for anything
they would have a word about. (The fuzz tests in ``test_records`` hold it equal to the rules.)"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.check.test_records import CAT, TODAY, entry
from tracker.check.quick import QuickCheck, quick_progress
from tracker.core.model import Status
from tracker.core.problems import Pos
from tracker.load.progress import RawRecord


def test_a_plain_entry_is_made_at_once() -> None:
    e = QuickCheck(CAT, "emergency", TODAY)(entry(status="done", percent=None, note=None), 6)
    assert e is not None and (e.task, e.status, e.percent, e.note, e.line) == ("15", Status.DONE, 100.0, "", 6)
    assert quick_progress(CAT, "emergency", RawRecord(entry(), Pos(9, 3)), TODAY) == e._replace(
        status=Status.IN_PROGRESS, percent=40.0, line=9)


@pytest.mark.parametrize("values", [entry(task=19), entry(status="blocked"), entry(date="2025-9-1"),
                                    entry(date="2025-10-16"), entry(percent=101), entry(value=3), entry(by=5),
                                    {**entry(), "stauts": "x"}, {**entry(), "type": "milestone"}])
def test_anything_the_rules_would_speak_of_goes_to_them(values: dict[str, object]) -> None:
    assert QuickCheck(CAT, "emergency", TODAY)(values, 6) is None


def test_what_a_file_repeats_is_judged_once(monkeypatch: pytest.MonkeyPatch) -> None:
    quick = QuickCheck(CAT, "emergency", TODAY)
    judged: list[str] = []
    real_date, real_item = QuickCheck._date, QuickCheck._item
    monkeypatch.setattr(QuickCheck, "_date", lambda self, day: judged.append(day) or real_date(self, day))
    monkeypatch.setattr(QuickCheck, "_item", lambda self, task: judged.append(str(task)) or real_item(self, task))
    for n in range(50):
        assert quick(entry(id=f"e{n}", date="2025-09-01" if n % 2 else "2025-09-02", task=15), n + 6) is not None
    assert sorted(judged) == ["15", "2025-09-01", "2025-09-02"]
    assert quick(entry(task="15"), 99) is not None and judged[-1] == "15"  # "15" as text is judged apart from 15
    assert quick(entry(date="2025-09-01"), 100) is not None
    assert dt.date(2025, 9, 1) in quick._days.values()
