"""The listings as data: which rows each one holds, in the reader's words."""

from __future__ import annotations

from pathlib import Path

from tests.actions.conftest import DAY, scope_of
from tracker.actions import listing
from tracker.core.i18n import Lang


def test_tasks_of_one_action_or_one_unit(folder: Path) -> None:
    scope = scope_of(folder)
    assert [r["id"] for r in listing.tasks(scope, Lang.ZH, action=10).table.records] == ["60"]
    ids = [r["id"] for r in listing.tasks(scope, Lang.ZH, unit="市市场监管局").table.records]
    assert {"10", "31", "35"} <= set(ids) and not any(i.startswith("G") for i in ids)
    assert listing.tasks(scope, Lang.EN, goals=True).table.records[0]["id"] == "G0"


def test_show_orders_the_units_as_the_list_names_them(mini: Path) -> None:
    shown = listing.show(scope_of(mini), Lang.EN, "2", DAY)
    assert [s["unit"] for s in shown.record["states"]] == ["a", "b"]
    assert shown.record["id"] == "2" and shown.table.headers[0] == "Unit"


def test_status_and_overdue_carry_the_legend_of_their_colours(mini: Path) -> None:
    status = listing.status(scope_of(mini), Lang.EN, DAY, unit="a")
    assert {r["unit"] for r in status.table.records} == {"a"} and status.legend
    due = listing.overdue(scope_of(mini), Lang.EN, DAY, 14)
    assert due.legend is not None and [c for c, _ in due.legend] == ["red", "blue"]
    assert any(r["kind"] == "overdue" and r["item"] == "6" and r["days"] == 15 for r in due.table.records)
    assert any(r["kind"] == "due_soon" and r["item"] == "7" for r in due.table.records)
    assert not any(r["item"] == "7" for r in listing.overdue(scope_of(mini), Lang.EN, DAY, 5).table.records)


def test_overdue_lists_every_kind_in_its_own_titled_part_counting_its_rows(mini: Path) -> None:
    due = listing.overdue(scope_of(mini), Lang.ZH, DAY, 14)
    assert [t.title.split("（")[0] for t in due.parts] == ["逾期未完成", "漏报", "节点滞后", "逾期完成", "临近到期"]
    for part in due.parts:
        tasks = sum(r["item_kind"] == "task" for r in part.records)
        goals = len(part.records) - tasks
        assert part.title.endswith(f"（任务{tasks}{part.title[-2]}，目标{goals}{part.title[-2]}）"), part.title
        assert {r["kind"] for r in part.records} <= {part.records[0]["kind"]} if part.records else True
    assert [r["kind"] for r in due.table.records] == [r["kind"] for p in due.parts for r in p.records]
    done_late = next(p for p in due.parts if p.title.startswith("逾期完成"))
    assert [(r[1], r[6]) for r in done_late.rows] == [("1", "已完成")]  # a done item says so, and only here
