"""Hand-checked answers for every rule of the report, on tests/data/mini as of 2025-10-15.

The expected figures were worked out by hand from the data files (see the comments at each test)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import REPO
from tracker.compute import kinds
from tracker.compute.report import build_report, percent, stream_pairs
from tracker.compute.state import Level, PairState, periods
from tracker.core.model import Period, Status
from tracker.folder.pipeline import load_checked
from tracker.folder.root import Root

MINI = REPO / "tests" / "data" / "mini"
AS_OF = dt.date(2025, 10, 15)


def load():  # type: ignore[no-untyped-def]
    checked = load_checked(Root(MINI), dt.date(2025, 10, 15), use_cache=False)
    assert checked.problems == [], checked.problems
    assert checked.catalog is not None
    return checked.catalog, checked.progress


def states(as_of: dt.date = AS_OF):  # type: ignore[no-untyped-def]
    cat, progress = load()
    return cat, stream_pairs(cat, progress, as_of)


@pytest.fixture(scope="module")
def pairs() -> dict[tuple[str, str], PairState]:
    _, pairs = states()
    return {(p.item, p.unit): p for p in pairs}


def test_groups_expand_or_report_as_one(pairs: dict[tuple[str, str], PairState]) -> None:
    # task 2 names the group grp (members a, b); task 3 names solo, whose members are unknown
    assert {u for (i, u) in pairs if i == "2"} == {"a", "b"}
    assert {u for (i, u) in pairs if i == "3"} == {"solo"}
    assert len([k for k in pairs if k[0] != "G1"]) == 8


def test_done_late_and_verified(pairs: dict[tuple[str, str], PairState]) -> None:
    p = pairs[("1", "a")]  # deadline 06-30, done 07-05, verified 07-10
    assert p.done and p.done_late and not p.overdue and p.verified
    assert p.level is Level.NONE


def test_missed_quarter(pairs: dict[tuple[str, str], PairState]) -> None:
    a = pairs[("2", "a")]  # entries 02-10 (Q1) and 08-01 (Q3): Q2 missed; Q4 not ended yet
    assert [(o.end.isoformat(), o.met) for o in a.occurrences] == [
        ("2025-03-31", True), ("2025-06-30", False), ("2025-09-30", True)]
    assert a.missed == 1 and a.level is Level.RED
    assert a.reasons == ("missed:1", "behind-pace", "silent")  # 50% < 287/364 of the year; 75 days silent
    assert pairs[("2", "b")].missed == 3


def test_rejection_reopens_the_claim(pairs: dict[tuple[str, str], PairState]) -> None:
    p = pairs[("4", "b")]  # done 09-01, rejected 09-10
    assert p.status is Status.IN_PROGRESS and not p.verified and p.rejected is not None
    assert p.value == 96.5
    assert p.percent == 0.0  # b reported no figure but the rejected 100: none is made up
    assert p.level is Level.YELLOW and p.reasons == ("behind-pace", "silent")  # 44 days since 09-01


def test_milestone_overdue(pairs: dict[tuple[str, str], PairState]) -> None:
    p = pairs[("5", "a")]  # milestone 50% due 09-30; only 40% on 09-15
    assert [(m.met, m.overdue) for m in p.milestones] == [(False, True)]
    assert p.level is Level.RED and "milestone-overdue" in p.reasons
    assert "silent" in p.reasons  # exactly 30 days since 09-15: silent_days is reached


def test_overdue_and_near(pairs: dict[tuple[str, str], PairState]) -> None:
    assert pairs[("6", "b")].overdue and pairs[("6", "b")].reasons[0] == "overdue"
    p = pairs[("7", "a")]  # due 10-25, 98% against a pace of 287/297 = 96.6%
    assert not p.overdue and p.level is Level.BLUE and p.reasons == ("deadline-near",)
    assert pairs[("3", "solo")].level is Level.YELLOW


def test_state_as_of_an_earlier_date() -> None:
    _, pairs = states(dt.date(2025, 7, 7))
    early = {(p.item, p.unit): p for p in pairs}
    p = early[("1", "a")]  # done 07-05 but the office verified only on 07-10
    assert p.done and not p.verified
    assert early[("4", "b")].status is Status.NOT_STARTED


def test_overall_figures_rounded_half_up() -> None:
    cat, records = states()
    r = build_report(cat, records, AS_OF)
    t = r.overall
    assert (t.expected, t.done, t.verified) == (8, 1, 1)
    assert (t.rate, t.verified_rate) == (12.5, 12.5)
    assert t.average == 36.0  # (100+50+0+0+0+40+0+98)/8; b's rejected claim counts 0, the last it reported
    assert (t.overdue, t.done_late, t.missed, t.late_milestones) == (1, 1, 4, 1)
    assert (t.red, t.yellow, t.blue) == (4, 2, 1)


def test_by_unit_ranked() -> None:
    cat, records = states()
    rows = build_report(cat, records, AS_OF).by_unit
    assert [(r.key, r.tally.expected, r.tally.done, r.tally.rate, r.tally.average) for r in rows] == [
        ("a", 4, 1, 25.0, 72.0), ("b", 3, 0, 0.0, 0.0), ("solo", 1, 0, 0.0, 0.0)]
    assert [r.rank for r in rows] == [1, 2, 2]  # b and solo are equal on rate and average: 并列


def test_by_action_and_task() -> None:
    cat, records = states()
    r = build_report(cat, records, AS_OF)
    assert [(a.key, a.tally.expected, a.tally.done, a.tally.rate, a.tally.average) for a in r.by_action] == [
        ("1", 4, 1, 25.0, 37.5), ("2", 4, 0, 0.0, 34.5)]  # (100+50+0+0)/4; (0+40+0+98)/4
    t2 = next(row for row in r.by_task if row.key == "2")
    assert (t2.tally.expected, t2.level) == (2, Level.RED)


def test_targets_actual_against_goal() -> None:
    cat, records = states()
    goals = {row.key: row for row in build_report(cat, records, AS_OF).by_goal}
    assert set(goals) == {"G1", "4"}
    g1 = goals["G1"].target
    assert g1 is not None and (g1.mean, g1.target, g1.reported, g1.expected) == (96.5, 100, 1, 1)


def test_narrowing_to_a_unit_or_an_action() -> None:
    cat, records = states()
    only_b = build_report(cat, records, AS_OF, unit="b")
    assert only_b.overall.expected == 3 and {p.unit for p in only_b.pairs} == {"b"}
    action2 = build_report(cat, records, AS_OF, action=2)
    assert [row.key for row in action2.by_task] == ["4", "5", "6", "7"]


def test_a_unit_keeps_its_rank_in_the_whole_ranking_when_the_rows_are_narrowed_to_it() -> None:
    cat, records = states()
    whole = {r.key: r.rank for r in build_report(cat, records, AS_OF).by_unit}
    for unit, rank in whole.items():
        rows = build_report(cat, records, AS_OF, unit=unit).by_unit
        assert [(r.key, r.rank) for r in rows] == [(unit, rank)]
    assert whole["solo"] == 2  # not 1, as it was when the ranking counted only the rows shown


def test_findings_by_kind() -> None:
    cat, pairs = states()
    found = kinds.all_findings(pairs, AS_OF, {i.id: kinds.group(i) for i in cat.items.values()})
    assert {f.group for f in found if f.pair.item == "G1"} <= {"goal"}
    rows = {(f.kind, f.pair.item, f.pair.unit, f.days) for f in found}
    assert ("overdue", "6", "b", 15) in rows
    assert ("late_milestones", "5", "a", 15) in rows
    assert ("missed_periods", "2", "a", 107) in rows  # Q2 ended 06-30
    assert ("done_late", "1", "a", 5) in rows  # due 06-30, done 07-05: listed only as done late
    assert not any(f.pair.item == "1" and f.kind != "done_late" for f in found)
    assert [f.kind for f in found] == sorted((f.kind for f in found), key=kinds.KINDS.index)
    soon = [f for p in pairs for f in kinds.due_soon(p, AS_OF, 14, "task")]
    assert {(f.pair.item, f.pair.unit, -f.days) for f in soon} == {("7", "a", 10)}


def test_a_done_pair_is_counted_only_as_done_late_and_carries_no_warning() -> None:
    """A pair done after missing a period and a milestone: what it missed on the way is history."""
    from tracker.compute.state import MilestoneState, Occurrence

    cat, records = states()
    p = next(q for q in records if (q.item, q.unit) == ("1", "a"))
    ms = MilestoneState(None, False, True)  # type: ignore[arg-type]
    history = p._replace(occurrences=(Occurrence(AS_OF, AS_OF, False),), milestones=(ms,))
    assert kinds.counts(history) == (0, 0, 0, 1)
    assert [f.kind for f in kinds.findings(history, AS_OF, "task")] == ["done_late"]
    assert p.level is Level.NONE and p.reasons == ()


@pytest.mark.parametrize(("part", "whole", "shown"), [(3, 56, 5.4), (2, 12, 16.7), (9996, 10000, 99.9),
                                                      (99949, 100000, 99.9), (2, 3, 66.7), (1, 3, 33.3),
                                                      (107, 2000, 5.4), (1069, 20000, 5.3), (0, 5, 0.0),
                                                      (5, 5, 100.0), (1, 0, 0.0)])
def test_percentages_round_half_up_and_never_reach_100_short_of_it(part: int, whole: int, shown: float) -> None:
    """四舍五入 as Excel's ROUND: 3/56 = 5.357… is 5.4, 107/2000 = 5.35 exactly is 5.4; 99.96 shows 99.9."""
    assert percent(part, whole) == shown


def test_periods() -> None:
    q = periods(Period.QUARTERLY, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert [e.isoformat() for _, e in q] == ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"]


def test_ties_share_a_rank() -> None:
    """Units equal on shown completion rate and average percent share a rank, and the next rank skips."""
    from tracker.compute.report import Row, Tally, ranked

    def row(key: str, done: int, percent_sum: float) -> Row:
        return Row(key, key, Tally(expected=10, done=done, percent_sum=percent_sum), Level.NONE)

    rows = ranked([row("a", 3, 500), row("b", 1, 400), row("c", 1, 400), row("d", 1, 399), row("e", 0, 0)])
    assert [r.rank for r in rows] == [1, 2, 2, 4, 5]
    # equal rate but different average: no tie
    assert [r.rank for r in ranked([row("a", 1, 500), row("b", 1, 400)])] == [1, 2]


def test_shown_figures_are_computed_exactly() -> None:
    """Floating point put these 0.1 too low: one pair at 64.1 showed 64.0; nine pairs summing 819 showed 90.9."""
    from tracker.compute.report import Tally, exact

    assert Tally(expected=1, percent_sum=exact(64.1)).average == 64.1
    nine = [90.7, 91.3, 90.9, 91.1, 91.0, 90.8, 91.2, 91.0, 91.0]
    assert Tally(expected=9, percent_sum=sum(exact(x) for x in nine)).average == 91.0
    assert Tally(expected=3, percent_sum=200).average == 66.7  # 66.66… rounded half up
    assert Tally(expected=1, percent_sum=exact(99.95)).average == 99.9  # never 100.0 short of it


def test_a_targets_mean_and_lowest_are_rounded_alike() -> None:
    from tracker.compute.report import _target

    cat, records = states()
    item = cat.items["G1"]
    base = next(p for p in records if p.item == "G1")
    pairs = [base._replace(value=99.98), base._replace(unit="x", value=99.9)]
    t = _target(cat, item, pairs)
    assert t is not None and (t.mean, t.lowest) == (99.9, 99.9)  # mean 99.94, lowest 99.9
    t = _target(cat, item, [base._replace(value=99.98)])
    assert t is not None and (t.mean, t.lowest) == (99.9, 99.9)  # short of the target of 100: never 100.0
    from tracker.compute.report import exact

    t = _target(cat, item, [base._replace(value=95.96), base._replace(unit="x", value=95.84)])
    assert t is not None and (t.mean, t.lowest, t.total) == (95.9, 95.8, exact(95.96) + exact(95.84))
