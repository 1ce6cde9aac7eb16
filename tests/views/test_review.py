"""Diff and history as tables: each change in words, loud ones marked, levels before and after, and a record
described in a few words in the reader's language."""

from __future__ import annotations

import datetime as dt

from tests.check.test_records import CAT, TODAY, entry
from tests.compute.test_review import side
from tracker.compute.review import diff_progress
from tracker.core.dates import CST
from tracker.core.i18n import Lang
from tracker.git.history import Added
from tracker.views.palette import LEVEL_STYLE
from tracker.views.review import describe, diff_json, diff_parts, diff_table, log_table


def test_a_record_in_a_few_words() -> None:
    assert describe({"type": "progress", "status": "in-progress", "percent": 60, "value": 96.5,
                     "date": "2025-09-05", "note": "第一行\n第二行"}, Lang.ZH) == \
        "推进中 60% 数值 96.5 (2025-09-05) 第一行 / 第二行"
    assert describe({"type": "progress", "status": "done", "percent": 100}, Lang.EN) == "done 100%"
    assert describe({"type": "milestone", "due": "2025-12-01", "milestone": "过半", "percent": 50}, Lang.ZH) == \
        "2025-12-01 过半 50%"
    assert describe({"type": "withdraw", "withdraws": "e1", "date": "2025-09-02", "note": "录错"}, Lang.EN) \
        .endswith("e1 (2025-09-02) 录错")
    assert describe({"type": "progress", "status": "finished"}, Lang.EN) == "finished"  # as written when unknown


def test_a_diff_becomes_a_table_loud_changes_in_red() -> None:
    a, b = entry(id="a"), entry(id="b", date="2025-09-10", status="done", percent=100)
    diff = diff_progress(CAT, side(a), side({**a, "percent": 45}, b), TODAY, TODAY)
    table = diff_table(CAT, diff, Lang.EN)
    assert [row[2] for row in table.rows] == ["EDITED (!)", "added"]
    assert table.rows[0][4] == "percent: 40 → 45" and table.styles[0] == "red"  # an edit is loud
    assert table.styles[1] == LEVEL_STYLE[diff.levels[0].after]  # an addition: the colour of the pair's level
    assert "→" in str(table.rows[1][5])  # the pair's level before → after
    parts = diff_parts(CAT, diff, "tracker diff HEAD..", Lang.ZH)
    assert parts.table is not None and parts.heading == "tracker diff HEAD.." and len(parts.summary) == 2
    data = diff_json(diff, "HEAD", "working tree")
    assert [c["kind"] for c in data["changes"]] == ["edited", "added"] and data["to"] == "working tree"
    assert data["levels"][0]["status_after"] == "done" and data["problems"] == []
    quiet = diff_parts(CAT, diff_progress(CAT, side(a), side(a), TODAY, TODAY), "h", Lang.EN)
    assert quiet.table is None and quiet.summary == [quiet.summary[0]]


def test_the_log_names_each_record_s_commit_or_none() -> None:
    when = dt.datetime(2025, 9, 5, 10, 30, tzinfo=CST)
    added = [Added("progress/emergency.yaml", {"id": "a", "type": "progress", "date": "2025-09-05", "task": 15,
                                              "status": "in-progress", "percent": 60, "by": "张三"},
                   "0123456789abcdef", "张三 <z@example.org>", when),
             Added("progress/nobody.yaml", {"id": "b", "type": "verify", "date": "2025-09-06", "task": 15}, None, "",
                   None)]
    table = log_table(CAT, added, Lang.ZH)
    assert table.rows[0][1] == CAT.units["emergency"].short and table.rows[0][6] == "0123456789"
    assert table.rows[0][8] == "2025-09-05 10:30" and table.rows[1][1] == "nobody"
    assert table.rows[1][6] != "" and table.rows[1][8] == ""  # uncommitted, in words
    assert table.records[1]["commit"] is None and table.records[0]["committed"] == when.isoformat()
