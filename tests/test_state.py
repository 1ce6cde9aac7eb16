"""A pair's records are put in date order once, whatever order the file gives them in; the state as of a
date then reads the latest entry on or before it, the later line winning a tie."""

from __future__ import annotations

import datetime as dt

from tracker.model import Entry, Status
from tracker.state import index_records, pair_state

from .test_report import load

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
    from tracker.model import Milestone

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
