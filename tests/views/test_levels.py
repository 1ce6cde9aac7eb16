"""The roll-up as tables: each level's own row then the overall, each upper task's figures per level with a
total, the upward return, and the levels' lock status, with every number as the roll-up counted it."""

from __future__ import annotations

from tests.compute.test_rollup import rolled
from tracker.core.i18n import Lang
from tracker.git.levels import LevelStatus
from tracker.views.levels import (
    level_actions_view,
    level_name,
    level_tasks_view,
    levels_view,
    return_view,
    rollup_summary,
    status_view,
)


def test_one_row_per_level_then_the_overall() -> None:
    _, own, rollup, _ = rolled()
    table = levels_view(rollup, Lang.EN)
    assert [row[0] for row in table.rows] == [level_name((), Lang.EN), "district", "far", table.rows[-1][0]]
    assert table.rows[1][1] == "c0ffee" and table.rows[2][3:] == [None] * (len(table.headers) - 3)  # no figures
    assert table.styles[2] == "red" and table.records[-1]["overall"] is True
    assert table.records[-1]["expected"] == rollup.overall.expected == 2 * own.overall.expected
    assert table.records[1]["state"] == "ok" and table.records[2]["state"] == "not-fetched"
    assert str(rollup.overall.expected) in rollup_summary(rollup, Lang.EN)


def test_each_upper_task_per_level_with_a_total_where_there_are_several() -> None:
    top, _, rollup, _ = rolled()
    tasks = level_tasks_view(top, rollup, Lang.ZH)
    five = [r for r in tasks.records if r["id"] == "5"]
    assert [r["level"] for r in five] == [[], ["district"], None]  # own, the district (its 5 and 7), total
    assert five[2]["expected"] == five[0]["expected"] + five[1]["expected"]
    assert not any(r["id"] == "G1" for r in tasks.records)
    assert any(r["id"] == "G1" for r in level_tasks_view(top, rollup, Lang.ZH, goals=True).records)
    actions = level_actions_view(top, rollup, Lang.ZH)
    assert {r["id"] for r in actions.records} == {"1", "2"}


def test_the_upward_return_counts_every_level_into_each_task() -> None:
    top, _, rollup, _ = rolled()
    table = return_view(top, rollup, Lang.ZH)
    by_id = {r["id"]: r for r in table.records}
    assert by_id["5"]["expected"] == rollup.item_total("5").expected
    assert len(table.headers) == len(table.rows[0]) == 8  # the top of the chain names no upper task


def test_the_lock_status_in_words() -> None:
    rows = [LevelStatus("a", "../a", "1" * 40, "1" * 40, 0, ""), LevelStatus("b", "../b", "1" * 40, "2" * 40, 3, ""),
            LevelStatus("c", "../c", None, "2" * 40, None, ""), LevelStatus("d", "../d", None, None, None, "gone")]
    table = status_view(rows, Lang.EN)
    assert table.styles == ["", "yellow", "red", "red"]
    assert "3" in table.rows[1][4] and "gone" in table.rows[3][4] and table.rows[0][2] == "1" * 12
    assert table.records[3]["error"] == "gone" and table.records[0]["error"] is None
