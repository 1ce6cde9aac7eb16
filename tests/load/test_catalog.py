"""Loading tasks.yaml and units.yaml: the shipped data, and each schema problem with its position."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import SHIPPED
from tracker.core.model import Period
from tracker.load.catalog import load_catalog_bytes

TASKS = (SHIPPED / "tasks.yaml").read_text(encoding="utf-8")
UNITS = (SHIPPED / "units.yaml").read_text(encoding="utf-8")


def load(tasks: str = TASKS, units: str = UNITS):  # type: ignore[no-untyped-def]
    return load_catalog_bytes(tasks.encode(), "tasks.yaml", units.encode(), "units.yaml")


def codes(loaded) -> list[tuple[str, int, int, str]]:  # type: ignore[no-untyped-def]
    return [(p.path, p.line, p.col, p.code) for p in loaded.problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = text.splitlines()
    hits = [i for i, line in enumerate(lines, 1) if needle in line]
    return hits[nth - 1]


def test_shipped_list_is_complete() -> None:
    loaded = load()
    assert loaded.problems == []
    cat = loaded.catalog
    assert cat is not None
    assert [t.id for t in cat.tasks()] == [str(n) for n in range(1, 61)]
    assert [g.id for g in cat.goals()] == ["G0", "G1", "G2", "G3", "G4", "G5"]
    assert len(cat.actions) == 10 and len(cat.works) == 28
    assert cat.plan.issued == dt.date(2025, 7, 23) and cat.plan.year == 2025
    assert sum(len(w.items) for w in cat.works.values()) == 60


def test_shipped_tasks_keep_facts_of_the_text() -> None:
    cat = load().catalog
    assert cat is not None
    items = cat.items
    assert items["15"].cadence is not None
    assert (items["15"].cadence.every, items["15"].cadence.high_risk) == (Period.QUARTERLY, Period.MONTHLY)
    assert items["38"].cadence is not None and items["38"].cadence.high_risk is Period.HALF_YEARLY
    assert items["55"].cadence is not None and items["55"].cadence.every is Period.QUARTERLY
    assert items["6"].target is not None and items["6"].target.value == 100
    assert items["G2"].target is not None and items["G2"].target.metric == "查处率"
    assert items["44"].deadline == dt.date(2026, 12, 31)
    assert items["1"].deadline == dt.date(2025, 12, 31)
    assert items["9"].units == ("econ-info", "culture-tourism", "fire-rescue") and items["9"].open
    assert items["35"].units == ("market-regulation",) and items["35"].groups == ("member-units",)
    assert cat.works[1].target is not None and cat.works[1].target.metric == "覆盖率"


def test_groups_expand_to_members_or_report_as_one() -> None:
    cat = load().catalog
    assert cat is not None
    g0 = cat.reporters(cat.items["G0"])
    assert g0[:5] == ("echeng", "huarong", "liangzihu", "gedian", "linkong")
    assert "committees" in g0  # no known members: reports as one unit
    assert "districts" not in g0 and "member-units" not in g0
    assert cat.reporters(cat.items["19"]) == ("safety-office",)


def test_unit_names_resolve_by_id_name_short_and_alias() -> None:
    cat = load().catalog
    assert cat is not None
    for name in ("market-regulation", "鄂州市市场监督管理局", "市市场监管局", "市市场监督管理局"):
        assert cat.lookup_unit(name) == ("market-regulation",)
    assert cat.lookup_unit("市20个专委会") == ("committees",)
    assert cat.lookup_unit("nobody") == ()


def test_unknown_field_points_at_the_key_with_suggestion() -> None:
    text = TASKS.replace("            deadline: 2026-12-31", "            deadlin: 2026-12-31")
    loaded = load(tasks=text)
    line = line_of(text, "deadlin: 2026")
    assert ("tasks.yaml", line, 13, "unknown-field") in codes(loaded)
    problem = next(p for p in loaded.problems if p.code == "unknown-field")
    assert "deadline" in problem.hint()


def test_wrong_type_points_at_the_value() -> None:
    text = TASKS.replace("  year: 2025", "  year: [2025]")
    loaded = load(tasks=text)
    assert ("tasks.yaml", line_of(text, "year: [2025]"), 9, "wrong-type") in codes(loaded)


def test_yaml11_boolean_in_a_text_field() -> None:
    text = UNITS.replace("    short: 市应急局", "    short: no")
    loaded = load(units=text)
    line = line_of(text, "short: no")
    found = codes(loaded)
    assert ("units.yaml", line, 12, "yaml11-value") in found


def test_missing_field_points_at_the_mapping() -> None:
    text = TASKS.replace("            text: 推动变型拖拉机全部淘汰退出。\n", "")
    loaded = load(tasks=text)
    line = line_of(text, "- id: 30")
    assert ("tasks.yaml", line, 13, "missing-field") in codes(loaded)
    assert loaded.catalog is not None and "30" not in loaded.catalog.items  # the rest still loads


def test_bad_date() -> None:
    text = TASKS.replace("deadline: 2026-12-31", "deadline: 2026-13-31")
    loaded = load(tasks=text)
    assert ("tasks.yaml", line_of(text, "2026-13-31"), 23, "bad-date") in codes(loaded)


def test_duplicate_task_id() -> None:
    text = TASKS.replace("          - id: 31\n", "          - id: 30\n")
    loaded = load(tasks=text)
    assert ("tasks.yaml", line_of(text, "- id: 30", 2), 13, "duplicate-id") in codes(loaded)


def test_unsafe_unit_id() -> None:
    text = UNITS.replace("  - id: echeng", "  - id: ../echeng")
    loaded = load(units=text)
    assert ("units.yaml", line_of(text, "../echeng"), 9, "unsafe-id") in codes(loaded)


@pytest.mark.parametrize("kind", ["tasks", "units"])
def test_every_problem_in_one_run(kind: str) -> None:
    if kind == "tasks":
        text = TASKS.replace("  year: 2025", "  year: x").replace("every: quarterly}", "every: quartrly}", 1)
        loaded = load(tasks=text)
    else:
        text = UNITS.replace("kind: bureau", "kind: buro", 2)
        loaded = load(units=text)
    assert len(loaded.problems) >= 2


def test_missing_file_is_a_problem() -> None:
    loaded = load_catalog_bytes(None, "tasks.yaml", UNITS.encode(), "units.yaml")
    assert loaded.catalog is None
    assert [(p.path, p.code) for p in loaded.problems] == [("tasks.yaml", "no-file")]
