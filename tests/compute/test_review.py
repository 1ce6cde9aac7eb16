"""What a change did to the progress files, from two {path: bytes} sides: records added, edited, deleted,
moved out of their order or duplicated, warning levels before and after, and the problems it brings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.check.test_records import CAT, TODAY, entry
from tracker.compute.review import _moved, diff_progress
from tracker.load.progress import header, record_line

PATH = "progress/emergency.yaml"


def side(*records: dict[str, Any]) -> dict[str, bytes]:
    return {PATH: (header("emergency", "x") + "".join(record_line(r) for r in records)).encode()}


def kinds(before: dict[str, bytes], after: dict[str, bytes]) -> list[tuple[str, str, int]]:
    return [(c.kind, c.record.get("id", ""), c.line) for c in diff_progress(CAT, before, after, TODAY, TODAY).changes]


def test_an_appended_record_is_added_and_quiet() -> None:
    a, b = entry(), entry(id="e2", date="2025-09-10", percent=60)
    result = diff_progress(CAT, side(a), side(a, b), TODAY, TODAY)
    assert [(c.kind, c.unit, c.task, c.line) for c in result.changes] == [("added", "emergency", "15", 7)]
    assert result.loud == [] and result.new_problems == []
    [level] = result.levels
    assert (level.unit, level.task, level.percent_before, level.percent_after) == ("emergency", "15", 40, 60)


def test_edits_deletions_moves_and_duplicates_are_loud() -> None:
    a, b, c = entry(id="a"), entry(id="b", date="2025-09-02"), entry(id="c", date="2025-09-03")
    assert kinds(side(a, b), side({**a, "percent": 45}, b)) == [("edited", "a", 6)]
    assert kinds(side(a, b), side(a)) == [("deleted", "b", 7)]  # the line it had
    assert kinds(side(a, b, c), side(b, c, a)) == [("moved", "a", 8)]
    assert kinds(side(a), side(a, a)) == [("duplicated", "a", 7)]
    assert kinds({}, side(a)) == [("added", "a", 6)] and kinds(side(a), {}) == [("deleted", "a", 6)]


def test_the_problems_the_change_brings_are_said() -> None:
    a = entry(id="a")
    result = diff_progress(CAT, side(a), side(a, entry(id="y", task=19)), TODAY, TODAY)
    assert [(p.line, p.code) for p in result.new_problems] == [(7, "not-responsible")]
    assert diff_progress(CAT, side(a), side(a, entry(id="z", date="2025-09-02")), TODAY, TODAY).new_problems == []


def test_the_fewest_moves_explain_a_new_order() -> None:
    assert _moved(["a", "b", "c", "d"], ["a", "b", "c", "d"]) == set()
    assert _moved(["a", "b", "c", "d"], ["b", "c", "d", "a"]) == {"a"}
    assert len(_moved(["a", "b", "c", "d"], ["d", "c", "b", "a"])) == 3  # one of the four may stay
    assert len(_moved(["a", "b"], ["b", "x", "a"])) == 1 and _moved(["a", "b"], ["a"]) == set()
    assert _moved(["a", "b", "c", "d", "e"], ["a", "d", "b", "c", "e"]) == {"d"}


def test_levels_compare_the_pair_as_of_the_day_asked() -> None:
    done = entry(id="e2", status="done", percent=100, date="2025-09-20")
    result = diff_progress(CAT, side(entry()), side(entry(), done), dt.date(2025, 9, 30), TODAY)
    [level] = result.levels
    assert (level.status_before, level.status_after) == ("in-progress", "done")
