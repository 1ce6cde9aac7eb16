"""A pair's records are put in date order once, whatever order the file gives them in; the state as of a
date then reads the latest entry on or before it, the later line winning a tie."""

from __future__ import annotations

import datetime as dt

from tests.compute.test_report import load
from tracker.compute.state import index_records, pair_state
from tracker.core.model import Entry, Status

D = dt.date


def entry(line: int, day: dt.date, status: Status, percent: float) -> Entry:
    return Entry(f"r{line}", "a", "7", day, status, percent, line=line)


def test_entries_are_sorted_by_date_then_line_whatever_the_file_order() -> None:
    shuffled = [entry(5, D(2025, 9, 1), Status.IN_PROGRESS, 60), entry(6, D(2025, 3, 1), Status.IN_PROGRESS, 10),
                entry(7, D(2025, 9, 1), Status.IN_PROGRESS, 70), entry(8, D(2025, 6, 1), Status.BLOCKED, 30)]
    recs = index_records(shuffled, [], [])[("7", "a")]
    assert [e.line for e in recs.entries] == [6, 8, 5, 7]


def test_the_state_as_of_a_date_reads_the_latest_entry_up_to_it() -> None:
    cat, _ = load()
    item = cat.items["7"]
    shuffled = [entry(5, D(2025, 9, 1), Status.IN_PROGRESS, 60), entry(6, D(2025, 3, 1), Status.IN_PROGRESS, 10),
                entry(7, D(2025, 9, 1), Status.IN_PROGRESS, 70), entry(8, D(2025, 6, 1), Status.BLOCKED, 30)]
    recs = index_records(shuffled, [], [])[("7", "a")]
    state = {day: pair_state(cat, item, "a", recs, day) for day in (D(2025, 2, 1), D(2025, 3, 1), D(2025, 8, 31),
                                                                       D(2025, 9, 1), D(2025, 12, 1))}
    assert state[D(2025, 2, 1)].latest is None and state[D(2025, 2, 1)].status is Status.NOT_STARTED
    assert state[D(2025, 3, 1)].percent == 10  # an entry dated that very day counts
    assert state[D(2025, 8, 31)].status is Status.BLOCKED and state[D(2025, 8, 31)].percent == 30
    assert state[D(2025, 9, 1)].percent == 70 == state[D(2025, 12, 1)].percent  # line 7 after line 5


def test_a_milestone_is_met_only_by_entries_from_its_planning_to_its_due_date() -> None:
    from tracker.core.model import Milestone

    cat, _ = load()
    item = cat.items["7"]
    plan = Milestone("m1", "a", "7", D(2025, 4, 1), D(2025, 6, 30), "过半", percent=50, line=9)
    early = [entry(5, D(2025, 3, 1), Status.IN_PROGRESS, 60)]  # before the milestone was planned
    recs = index_records(early, [plan], [])[("7", "a")]
    m = pair_state(cat, item, "a", recs, D(2025, 7, 15)).milestones[0]
    assert not m.met and m.overdue
    inside = [*early, entry(6, D(2025, 6, 30), Status.IN_PROGRESS, 60)]  # on the due date: in time
    recs = index_records(inside, [plan], [])[("7", "a")]
    assert pair_state(cat, item, "a", recs, D(2025, 7, 15)).milestones[0].met


def test_extensions_the_latest_approval_wins_and_pending_or_refused_move_nothing() -> None:
    """Task 7 of the mini list is due 2025-10-25. 甲局 asks on 10-01 for 11-15 (approved 10-03), then on 11-10
    for 12-15 (refused 11-12), then on 11-20 for 12-20 (approved 11-21). As of each date the deadline is the
    date of the latest approval by then, and the original stays; the request of 11-20 comes after the deadline
    then in force (11-15), so it is late, though approved."""
    from tracker.core.model import Extension

    cat, _ = load()
    item = cat.items["7"]
    x = [Extension("q1", "a", "7", D(2025, 10, 1), "extend", D(2025, 11, 15), note="a", line=1),
         Extension("d1", "a", "7", D(2025, 10, 3), "approve", request="q1", line=2),
         Extension("q2", "a", "7", D(2025, 11, 10), "extend", D(2025, 12, 15), note="b", line=3),
         Extension("d2", "a", "7", D(2025, 11, 12), "refuse", request="q2", note="no", line=4),
         Extension("q3", "a", "7", D(2025, 11, 20), "extend", D(2025, 12, 20), note="c", line=5),
         Extension("d3", "a", "7", D(2025, 11, 21), "approve", request="q3", line=6)]
    recs = index_records([], [], [], extensions=x)[("7", "a")]

    def at(day: dt.date):  # type: ignore[no-untyped-def]
        return pair_state(cat, item, "a", recs, day)

    assert (at(D(2025, 10, 2)).deadline, at(D(2025, 10, 2)).original_deadline) == (D(2025, 10, 25), None)
    assert [e.verdict for e in at(D(2025, 10, 2)).extensions] == ["pending"]
    assert (at(D(2025, 10, 3)).deadline, at(D(2025, 10, 3)).original_deadline) == (D(2025, 11, 15), D(2025, 10, 25))
    assert at(D(2025, 11, 12)).deadline == D(2025, 11, 15)  # refused: unchanged
    assert at(D(2025, 11, 16)).overdue  # the approved date has passed, the next request not yet approved
    late = at(D(2025, 11, 25))
    assert late.deadline == D(2025, 12, 20) and not late.overdue
    assert [(e.verdict, e.late) for e in late.extensions] == [("approved", False), ("refused", False),
                                                              ("approved", True)]


def test_enough_records_give_the_same_state_as_every_record_on_or_after_the_latest() -> None:
    import random

    from tracker.compute.state import enough

    cat, _ = load()
    rng = random.Random(7)
    statuses = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED, Status.DONE, Status.DONE]
    kept_some = False
    for _ in range(400):
        task = rng.choice(["2", "7", "3"])  # 2 has a quarterly cadence
        item = cat.items[task]
        history = []
        for line in rng.sample(range(3, 200), rng.randrange(0, 25)):
            status = rng.choice(statuses)
            day = D(2024, 12, 1) + dt.timedelta(days=rng.randrange(0, 420))
            history.append(Entry(f"r{line}", "a", task, day, status,
                                 100.0 if status is Status.DONE else float(rng.randrange(0, 100)),
                                 rng.choice([None, None, float(rng.randrange(50, 100))]), line=line))
        if not history:
            continue
        recs = index_records(history, [], [])[(task, "a")]
        few = enough(cat, item, recs)
        kept_some |= len(few.entries) < len(recs.entries)
        assert set(few.entries) <= set(recs.entries)
        latest = max(e.date for e in history)
        for day in (latest, latest + dt.timedelta(days=1), latest + dt.timedelta(days=45), D(2026, 3, 1)):
            assert pair_state(cat, item, "a", few, day) == pair_state(cat, item, "a", recs, day), (history, day)
    assert kept_some


def test_enough_of_a_long_weekly_history_is_a_few_records() -> None:
    from tracker.compute.state import enough

    cat, _ = load()
    weekly = [entry(n + 3, D(2025, 1, 6) + dt.timedelta(weeks=n), Status.IN_PROGRESS, n) for n in range(50)]
    recs = index_records(weekly, [], [])[("7", "a")]
    assert [e.line for e in enough(cat, cat.items["7"], recs).entries] == [52]
    cadenced = [e._replace(task="2") for e in weekly]
    recs = index_records(cadenced, [], [])[("2", "a")]
    kept = enough(cat, cat.items["2"], recs).entries  # the first of each quarter that has one, and the latest
    assert [e.date for e in kept] == [D(2025, 1, 6), D(2025, 4, 7), D(2025, 7, 7), D(2025, 10, 6), D(2025, 12, 15)]
