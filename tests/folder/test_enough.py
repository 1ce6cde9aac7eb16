"""What a report as of today keeps of a checked file: a few entries per pair, giving the same states from the
file's latest record on, and the file's errors but not its warnings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.check.test_records import CAT, TODAY, check, entry
from tracker.compute.report import collect
from tracker.compute.state import pair_state
from tracker.folder.cache import TASK_DATE_LINE
from tracker.folder.enough import enough_of


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
