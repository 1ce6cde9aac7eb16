"""The report with its lower levels in every format, and the upward return as a document: the levels' tables
added after the folder's own report, from the roll-up's figures unchanged."""

from __future__ import annotations

import csv
import io
import json

from tests.compute.test_rollup import rolled
from tests.conftest import published
from tracker.core.i18n import Lang
from tracker.render.levels import level_tables, return_notice


def test_the_tables_follow_the_view_asked() -> None:
    top, _, rollup, _ = rolled()
    titles = {by: [t.title for t in level_tables(top, rollup, by, Lang.EN)] for by in ("unit", "task", "action")}
    assert len(titles["unit"]) == 1 and len(titles["task"]) == len(titles["action"]) == 2
    assert titles["task"][1] != titles["action"][1]


def test_every_format_carries_the_levels_after_the_own_report() -> None:
    top, own, rollup, _ = rolled()
    data = json.loads(published("json", top, own, "task", Lang.EN, rollup))
    assert data["levels"]["overall"]["expected"] == rollup.overall.expected
    assert [r["level"] for r in data["levels"]["levels"]] == [[], ["district"], ["far"]]
    assert [p["code"] for p in data["levels"]["unmapped"]] == ["level-unmapped"]
    md = published("md", top, own, "task", Lang.EN, rollup).decode("utf-8")
    mine = published("md", top, own, "task", Lang.EN).decode("utf-8")
    assert md.startswith(mine)  # the own report, unchanged, then the levels
    assert "| district" in md[len(mine):] and "| far" in md[len(mine):]
    rows = list(csv.reader(io.StringIO(published("csv", top, own, "task", Lang.EN, rollup).decode("utf-8"))))
    assert {"district"} <= {r[1] for r in rows[1:]}  # the last table: each task per level
    assert published("xlsx", top, own, "task", Lang.EN, rollup)[:2] == b"PK"
    assert "<table" in published("html", top, own, "task", Lang.EN, rollup).decode("utf-8")


def test_the_upward_return_is_a_notice_from_the_same_figures() -> None:
    top, own, rollup, _ = rolled()
    notice = return_notice(top, own, rollup, Lang.ZH)
    kinds = [b.kind for b in notice.blocks]
    assert kinds == ["para", "heading", "para", "table", "heading", "table", "sign"]
    levels_table = notice.blocks[3].table
    assert levels_table is not None and [r[0] for r in levels_table.rows][1:3] == ["district", "far"]
    assert notice.blocks[-1].text.endswith("\n2025年10月15日")  # the 成文日期 as GB/T 9704 writes it
    assert "现将截至2025年10月15日" in notice.blocks[0].text and "2025-10-15" not in notice.blocks[0].text


def test_the_returns_key_problems_name_missed_periods_and_missed_milestones() -> None:
    """漏报 and 节点滞后 were missing from the return's 主要问题 (only blocked and overdue items were there). On
    task 2 甲局 missed one quarter and 乙局 three, in this level and in the district below (the same folder): 4
    units, 8 periods. 甲局's task 5 milestone 过半 (due 09-30) passed unmet."""
    top, own, rollup, _ = rolled()
    table = return_notice(top, own, rollup, Lang.ZH).blocks[5].table
    assert table is not None
    problems = {r[0]: r[table.headers.index("主要问题")] for r in table.rows}
    assert problems["2"].endswith("4个单位漏报共8期")
    assert "甲局：节点滞后（过半，应于2025年9月30日完成）" in problems["5"]
