"""What a report as of today keeps of a checked file: a few entries per pair, giving the same states from the
file's latest record on, and the file's errors but not its warnings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.check.test_records import CAT, TODAY, check, entry
from tracker.compute.report import collect
from tracker.compute.state import pair_state
from tracker.folder.cache import TASK_DATE_LINE
from tracker.folder.enough import dated_of, enough_of


def weekly(n: int, **kw: Any) -> list[dict[str, Any]]:
    start = dt.date(2025, 3, 3)
    return [entry(id=f"w{i}", date=(start + dt.timedelta(days=7 * i)).isoformat(), percent=min(5 + i, 99), **kw)
            for i in range(n)]


def test_a_long_history_is_cut_to_what_the_states_need() -> None:
    prog = check(*weekly(30), entry(id="v", task="G2", date="2025-09-01", value=96.5, percent=50),
                 entry(id="f", date="2025-10-10", percent=1))  # the percent falls: a warning
    assert {p.level for p in prog.problems} == {"warning"}
    kept = enough_of(CAT, prog)
    assert kept.problems == [] and kept.in_order
    assert kept.entries == sorted(kept.entries, key=TASK_DATE_LINE)
    assert len(kept.entries) < 6 < len(prog.entries)
    assert {"f", "v"} <= {e.id for e in kept.entries}
    whole, cut = collect([prog]), collect([kept])
    for day in (dt.date(2025, 10, 10), TODAY, dt.date(2025, 12, 31)):
        for (task, unit), recs in whole.items():
            item = CAT.items[task]
            assert pair_state(CAT, item, unit, recs, day) == pair_state(CAT, item, unit, cut[(task, unit)], day)


def test_errors_stay_and_a_pair_with_milestones_or_reviews_keeps_every_entry() -> None:
    milestone = {"id": "m", "type": "milestone", "date": "2025-03-01", "task": 15, "due": "2025-12-01",
                 "milestone": "过半"}
    prog = check(*weekly(12), milestone, entry(id="bad", task=61))
    kept = enough_of(CAT, prog)
    assert [p.code for p in kept.problems] == ["unknown-task"]
    assert len(kept.entries) == len(prog.entries) == 12 and kept.milestones == prog.milestones


def test_a_span_keeps_what_every_day_in_it_needs() -> None:
    """``dated_of``: the enough records of what came before the span and every entry inside it give, as of
    every day of the span, the states the whole history gives, for every kind of pair."""
    history = [*weekly(40), *weekly(40, task=16), *weekly(30, task=17)]
    for n, rec in enumerate(history):
        rec["id"] = f"r{n}"
        if rec["task"] == 16 and 10 <= n - 40 < 14 or n - 40 >= 30:  # runs of "done", one reopened
            rec.update(status="done", percent=100)
        if n % 9 == 0:
            rec["value"] = float(n)
    milestone = {"id": "m", "type": "milestone", "date": "2025-04-01", "task": 17, "due": "2025-06-30",
                 "milestone": "过半", "percent": 30}
    prog = check(*history, milestone)
    prog.entries.sort(key=TASK_DATE_LINE)
    prog.in_order = True
    whole = collect([prog])
    for month in range(3, 13):
        first = dt.date(2025, month, 1)
        last = dt.date(2025 + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        part = dated_of(CAT, prog, first, last)
        assert part.in_order and part.entries == sorted(part.entries, key=TASK_DATE_LINE)
        assert all(e.date <= last for e in part.entries) and part.milestones == prog.milestones
        if month > 4:
            assert len(part.entries) < len([e for e in prog.entries if e.date <= last])
        cut = collect([part])
        for day in (first, first + dt.timedelta(days=13), last):
            for (task, unit), recs in whole.items():
                item = CAT.items[task]
                assert pair_state(CAT, item, unit, recs, day) == pair_state(CAT, item, unit, cut[(task, unit)], day), \
                    (task, day)
