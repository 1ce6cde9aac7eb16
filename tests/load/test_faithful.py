"""tasks.yaml against the published text: every task, goal and unit list reads as published."""

from __future__ import annotations

import re

from tests.conftest import REPO, SHIPPED
from tracker.load.catalog import load_catalog_bytes

SOURCE = (REPO / "docs" / "source" / "2025-07-23-reminder.txt").read_text(encoding="utf-8")
LINES = [line.strip() for line in SOURCE.splitlines()]


def catalog():  # type: ignore[no-untyped-def]
    loaded = load_catalog_bytes((SHIPPED / "tasks.yaml").read_bytes(), "tasks.yaml",
                                (SHIPPED / "units.yaml").read_bytes(), "units.yaml")
    assert loaded.catalog is not None
    return loaded.catalog


def test_each_task_text_and_units_are_published_lines() -> None:
    cat = catalog()
    for task in cat.tasks():
        line = f"{task.id}.{task.text}"
        assert line in LINES, f"task {task.id} differs from the published text"
        assert LINES[LINES.index(line) + 2] == task.responsible, f"task {task.id}'s units differ"


def test_stage_goals_are_published_lines() -> None:
    cat = catalog()
    for goal in cat.goals():
        line = goal.text if goal.id == "G0" else f"{goal.id[1:]}.{goal.text}"
        assert line in LINES


def test_actions_and_works_appear_in_order() -> None:
    cat = catalog()
    pos = 0
    for action in cat.actions.values():
        heading = f"{action.numeral}、{action.title}"
        pos = LINES.index(heading, pos)
        for wid in action.works:
            title = cat.works[wid].title
            joined = re.sub(r"\s+", "", "".join(LINES[pos:]))
            assert title in joined


def test_the_package_ships_the_repository_copy() -> None:
    for name in ("tasks.yaml", "units.yaml"):
        assert (REPO / name).read_bytes() == (SHIPPED / name).read_bytes(), f"{name} and its package copy differ"
